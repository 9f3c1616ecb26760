// The checks of a party (当事人) as registered (Art. 10: 当事人基本情况), and of the identifiers it
// carries: the 居民身份证号码 (GB 11643—1999, check digit and date of birth), the 统一社会信用代码
// (GB 32100—2015, check character) and a telephone number. Pure; the web client applies the same
// rules (web/src/utils/validators.ts) so that the user sees every error at once, and the server
// still checks.
//
//   QC_RETURN_IF_ERROR(CheckParty(p, "parties[0]"));   // 400 naming parties[0].id_number, …
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/case_record.h"

namespace qc::domain {

bool ValidResidentId(std::string_view id);  // 18 characters, a real date of birth, the check digit
bool ValidUscc(std::string_view code);      // 18 characters of the code's alphabet, the check character
bool ValidPhone(std::string_view phone);    // a mobile (1[3-9] and 9 digits) or a landline (0xx[x]-xxxxxxx[x])
bool ValidDate(std::string_view ymd);       // YYYY-MM-DD, a real date

// The date of birth a resident ID states, YYYY-MM-DD (nullopt when it is not a valid ID).
std::optional<std::string> BirthDateOfResidentId(std::string_view id);
// Whether someone born on `birth_date` (YYYY-MM-DD) is under 18 on the China day of `at`.
bool IsMinorOn(const std::string& birth_date, TimePoint at);

// The rules of a party: a natural person's ID by its type (a resident ID checked), the date of birth
// valid and agreeing with the ID; a legal person's 统一社会信用代码 checked and its 法定代表人 required;
// another organisation's 负责人 required; a telephone that is one. A party whose identity is not yet
// known (身份不明) is described instead and may lack all of these. Fields are named under `prefix`.
Status CheckParty(const Party& p, const std::string& prefix);

}  // namespace qc::domain
