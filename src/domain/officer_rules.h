// Who may enforce (Art. 12): a police officer (民警) acts with the 人民警察证, identified by its 警号 —
// six digits for a local public security organ (the first two the city's code within the province,
// 保定 04). An auxiliary (辅警) is marked and never acts alone (国务院办公厅《关于规范公安机关警务辅助人员
// 管理工作的意见》: 辅警不得单独执法): he may film and assist, but not open or carry a case. Every
// investigation needs at least two officers (行政处罚法 第四十二条; 行政强制法 第十八条第一项), except
// where the simple procedure lets one act (公安机关办理行政案件程序规定 第三十九条).
//
//   QC_RETURN_IF_ERROR(CheckOfficerCredentials(Role::kOfficer, false, "040017"));
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/types.h"

namespace qc::domain {

struct CaseState;

inline constexpr int kMinOfficers = 2;

// A 警号: exactly six ASCII digits.
bool ValidPoliceNumber(std::string_view s);
// A user's certificate as recorded: an officer who is no auxiliary needs a valid 警号 (field cert_no);
// only an officer may be an auxiliary (field auxiliary).
Status CheckOfficerCredentials(Role role, bool auxiliary, const std::string& cert_no);
// The police officers (not auxiliaries) assigned to the case.
int PoliceOfficers(const CaseState& c);
// OK when the case has at least two police officers, else 409 too_few_officers naming `officers`.
Status RequireTwoOfficers(const CaseState& c);

}  // namespace qc::domain
