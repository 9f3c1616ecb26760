#include "domain/officer_rules.h"

#include "domain/case_state.h"

namespace qc::domain {

bool ValidPoliceNumber(std::string_view s) {
  if (s.size() != 6) return false;
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

Status CheckOfficerCredentials(Role role, bool auxiliary, const std::string& cert_no) {
  if (auxiliary && role != Role::kOfficer)
    return Status::InvalidArgument("invalid_field", "只有执法人员可以标记为辅警", "auxiliary");
  if (role != Role::kOfficer || auxiliary) return Status();
  if (cert_no.empty())
    return Status::InvalidArgument("missing_field", "民警须登记人民警察证警号（第十二条）", "cert_no");
  if (!ValidPoliceNumber(cert_no))
    return Status::InvalidArgument("invalid_field", "人民警察证警号应为6位数字", "cert_no");
  return Status();
}

int PoliceOfficers(const CaseState& c) {
  int n = 0;
  for (const auto& o : c.officers)
    if (!o.auxiliary) ++n;
  return n;
}

Status RequireTwoOfficers(const CaseState& c) {
  if (PoliceOfficers(c) >= kMinOfficers) return Status();
  return Status::Conflict("too_few_officers",
                          "执法人员不得少于两人（行政处罚法第四十二条），辅警不计入；请先指派协办民警", "officers");
}

}  // namespace qc::domain
