#include "domain/party_rules.h"

#include <chrono>

#include "common/china_time.h"

namespace qc::domain {
namespace {

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Status Bad(const std::string& field, const std::string& message) {
  return Status::InvalidArgument("invalid_field", message, field);
}
Status Missing(const std::string& field, const std::string& message) {
  return Status::InvalidArgument("missing_field", message, field);
}

}  // namespace

bool ValidDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  if (!Digits(d.substr(0, 4)) || !Digits(d.substr(5, 2)) || !Digits(d.substr(8, 2))) return false;
  std::chrono::year_month_day ymd{std::chrono::year(Num(d.substr(0, 4))), std::chrono::month(Num(d.substr(5, 2))),
                                  std::chrono::day(Num(d.substr(8, 2)))};
  return ymd.ok() && int(ymd.year()) >= 1900;
}

std::optional<std::string> BirthDateOfResidentId(std::string_view id) {
  if (id.size() != 18 || !Digits(id.substr(0, 17))) return std::nullopt;
  // GB 11643—1999: weights 2^(17-i) mod 11; the check is "10X98765432"[sum mod 11].
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * ((1 << (17 - i)) % 11);
  char check = "10X98765432"[sum % 11];
  char given = id[17] == 'x' ? 'X' : id[17];
  if (given != check) return std::nullopt;
  std::string date =
      std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" + std::string(id.substr(12, 2));
  if (!ValidDate(date)) return std::nullopt;
  return date;
}

bool ValidResidentId(std::string_view id) { return BirthDateOfResidentId(id).has_value(); }

bool ValidUscc(std::string_view code) {
  // GB 32100—2015: 31 characters (no I, O, Z, S, V); weights 3^i mod 31; check = (31 - sum mod 31) mod 31.
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (code.size() != 18) return false;
  int sum = 0, weight = 1;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kAlphabet.find(code[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * weight;
    weight = weight * 3 % 31;
  }
  size_t check = kAlphabet.find(code[17]);
  return check != std::string_view::npos && static_cast<int>(check) == (31 - sum % 31) % 31;
}

bool ValidPhone(std::string_view p) {
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && Digits(p)) return true;
  // 0 + area code (2–3 digits), an optional hyphen, 7–8 digits.
  if (p.empty() || p[0] != '0') return false;
  size_t dash = p.find('-');
  if (dash != std::string_view::npos) {
    std::string_view area = p.substr(1, dash - 1), local = p.substr(dash + 1);
    return area.size() >= 2 && area.size() <= 3 && Digits(area) && local.size() >= 7 && local.size() <= 8 &&
           Digits(local);
  }
  return p.size() >= 10 && p.size() <= 12 && Digits(p);
}

bool IsMinorOn(const std::string& birth_date, TimePoint at) {
  if (!ValidDate(birth_date)) return false;
  std::string today = ChinaDate(at);  // YYYY-MM-DD
  int years = Num(std::string_view(today).substr(0, 4)) - Num(std::string_view(birth_date).substr(0, 4));
  if (today.substr(5) < birth_date.substr(5)) --years;  // the birthday of this year not yet reached
  return years < 18;
}

Status CheckParty(const Party& p, const std::string& prefix) {
  auto f = [&](const char* name) { return prefix.empty() ? std::string(name) : prefix + "." + name; };
  if (p.phone && !ValidPhone(*p.phone))
    return Bad(f("phone"), "联系电话格式不正确（手机号 11 位，或区号-号码，如 0312-8212345）");
  if (p.birth_date && !ValidDate(*p.birth_date)) return Bad(f("birth_date"), "出生日期应为有效日期 YYYY-MM-DD");
  if (p.identity_unknown) return Status();  // described until identified; nothing more to check
  switch (p.kind) {
    case PartyKind::kNaturalPerson: {
      if (p.principal) return Bad(f("principal"), "自然人没有负责人");
      if (p.legal_representative) return Bad(f("legal_representative"), "自然人没有法定代表人");
      IdType type = p.id_type.value_or(IdType::kResidentId);
      if (p.id_number && type == IdType::kResidentId) {
        auto born = BirthDateOfResidentId(*p.id_number);
        if (!born) return Bad(f("id_number"), "居民身份证号码不正确（18 位，出生日期与校验码须有效，GB 11643）");
        if (p.birth_date && *p.birth_date != *born)
          return Bad(f("birth_date"), "出生日期与居民身份证号码不一致（证件载明 " + *born + "）");
      }
      if (p.id_type && !p.id_number) return Missing(f("id_number"), "已选证件种类，请填写证件号码");
      return Status();
    }
    case PartyKind::kLegalPerson:
      if (p.id_type) return Bad(f("id_type"), "法人以统一社会信用代码登记，无需证件种类");
      if (p.id_number && !ValidUscc(*p.id_number))
        return Bad(f("id_number"), "统一社会信用代码不正确（18 位，校验码须有效，GB 32100）");
      if (!p.legal_representative) return Missing(f("legal_representative"), "法人须登记法定代表人");
      if (p.principal) return Bad(f("principal"), "法人登记法定代表人，不登记负责人");
      return Status();
    case PartyKind::kOtherOrganization:
      if (p.id_type) return Bad(f("id_type"), "其他组织以统一社会信用代码登记，无需证件种类");
      if (p.id_number && !ValidUscc(*p.id_number))
        return Bad(f("id_number"), "统一社会信用代码不正确（18 位，校验码须有效，GB 32100）");
      if (p.legal_representative) return Bad(f("legal_representative"), "其他组织登记负责人，不登记法定代表人");
      if (!p.principal) return Missing(f("principal"), "其他组织须登记负责人");
      return Status();
  }
  return Status();
}

}  // namespace qc::domain
