// CheckRecordFields: a record's fields against its type's definition (domain/catalogue.h).
#include <cctype>

#include "common/china_time.h"
#include "common/clock.h"
#include "common/utf8.h"
#include "domain/catalogue.h"

namespace qc::domain {
namespace {

constexpr std::pair<std::string_view, FieldType> kFieldTypes[] = {
    {"text", FieldType::kText},
    {"long_text", FieldType::kLongText},
    {"date", FieldType::kDate},
    {"datetime", FieldType::kDateTime},
    {"money", FieldType::kMoney},
    {"integer", FieldType::kInteger},
    {"boolean", FieldType::kBoolean},
    {"enum", FieldType::kEnum},
    {"party", FieldType::kParty},
    {"officer", FieldType::kOfficer},
    {"address", FieldType::kAddress},
    {"list", FieldType::kList},
    {"attachment", FieldType::kAttachment},
    {"media", FieldType::kMedia},
};

Status Missing(const std::string& path, const FieldDef& f) {
  return Status::InvalidArgument("missing_field", "请填写" + f.label, path);
}
Status Invalid(const std::string& path, const std::string& message) {
  return Status::InvalidArgument("invalid_field", message, path);
}

bool Blank(const Json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) {
    for (unsigned char ch : v.get<std::string>())
      if (!std::isspace(ch)) return false;
    return true;
  }
  return v.is_array() && v.empty();
}

bool Sha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

Status CheckObject(const std::vector<FieldDef>& defs, const Json& obj, const std::string& path);

Status CheckValue(const FieldDef& f, const Json& v, const std::string& path) {
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
    case FieldType::kAddress:
    case FieldType::kOfficer:
    case FieldType::kMedia: {
      if (!v.is_string()) return Invalid(path, f.label + "应为文字");
      size_t n = Utf8Length(v.get<std::string>());
      int64_t max = f.max.value_or(f.type == FieldType::kLongText ? 20000 : 200);
      if (static_cast<int64_t>(n) > max)
        return Status::InvalidArgument("too_long", f.label + "不能超过 " + std::to_string(max) + " 个字", path);
      if (f.min && static_cast<int64_t>(n) < *f.min)
        return Status::InvalidArgument("too_short", f.label + "过于简略（至少 " + std::to_string(*f.min) + " 个字）",
                                       path);
      return Status();
    }
    case FieldType::kDate:
      if (!v.is_string() || !EndOfChinaDay(v.get<std::string>())) return Invalid(path, f.label + "应为日期 YYYY-MM-DD");
      return Status();
    case FieldType::kDateTime:
      if (!v.is_string() || !ParseRfc3339(v.get<std::string>()).ok())
        return Invalid(path, f.label + "应为时间（RFC 3339）");
      return Status();
    case FieldType::kMoney:
    case FieldType::kInteger:
    case FieldType::kParty: {
      if (!v.is_number_integer())
        return Invalid(path, f.label + (f.type == FieldType::kMoney ? "应为金额（分，整数）" : "应为整数"));
      int64_t n = v.get<int64_t>();
      int64_t min = f.min.value_or(f.type == FieldType::kInteger ? INT64_MIN : 0);
      if (n < min) return Invalid(path, f.label + "不能小于 " + std::to_string(min));
      if (f.max && n > *f.max) return Invalid(path, f.label + "不能大于 " + std::to_string(*f.max));
      return Status();
    }
    case FieldType::kBoolean:
      if (!v.is_boolean()) return Invalid(path, f.label + "应为是或否");
      return Status();
    case FieldType::kEnum:
      if (v.is_string())
        for (const auto& [value, label] : f.values)
          if (value == v.get<std::string>()) return Status();
      return Invalid(path, "请选择" + f.label);
    case FieldType::kAttachment:
      if (!v.is_string() || !Sha256Hex(v.get<std::string>()))
        return Invalid(path, f.label + "应为已上传文件的 SHA-256");
      return Status();
    case FieldType::kList: {
      if (!v.is_array()) return Invalid(path, f.label + "应为列表");
      int64_t n = static_cast<int64_t>(v.size());
      if (f.min && n < *f.min) return Invalid(path, f.label + "至少 " + std::to_string(*f.min) + " 项");
      if (n > f.max.value_or(1000))
        return Invalid(path, f.label + "最多 " + std::to_string(f.max.value_or(1000)) + " 项");
      for (size_t i = 0; i < v.size(); ++i)
        QC_RETURN_IF_ERROR(CheckObject(f.columns, v[i], path + "[" + std::to_string(i) + "]"));
      return Status();
    }
  }
  return Status::Internal("unknown field type");
}

Status CheckObject(const std::vector<FieldDef>& defs, const Json& obj, const std::string& path) {
  if (!obj.is_object()) return Invalid(path, "应为对象");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const auto& f : defs) known = known || f.name == it.key();
    if (!known) return Invalid(path + "." + it.key(), "未知字段：" + it.key());
  }
  for (const auto& f : defs) {
    std::string p = path + "." + f.name;
    if (!obj.contains(f.name) || Blank(obj[f.name])) {
      if (f.required) return Missing(p, f);
      continue;
    }
    QC_RETURN_IF_ERROR(CheckValue(f, obj[f.name], p));
  }
  return Status();
}

}  // namespace

std::string_view ToString(FieldType t) {
  for (const auto& [name, type] : kFieldTypes)
    if (type == t) return name;
  return "";
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  for (const auto& [name, type] : kFieldTypes)
    if (name == s) return type;
  return std::nullopt;
}

Status CheckRecordFields(const DocumentType& t, const Json& fields, const std::string& prefix) {
  return CheckObject(t.fields, fields, prefix);
}

}  // namespace qc::domain
