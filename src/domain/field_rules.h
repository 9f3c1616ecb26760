// The text a record needs, checked the same way by every command: present, and long enough to say
// something (a reason of one character is not a reason).
//
//   QC_RETURN_IF_ERROR(RequireText(d.facts, "facts", "违法事实", 4));   // 400 missing_field / too_short
#pragma once

#include <cstddef>
#include <string>

#include "common/status.h"

namespace qc::domain {

Status RequireText(const std::string& value, const std::string& field, const std::string& what, size_t min_chars = 2);

}  // namespace qc::domain
