// The text a record needs, checked the same way by every command: present, and long enough to say
// something (a reason of one character is not a reason).
//
//   QC_RETURN_IF_ERROR(RequireText(d.facts, "facts", "违法事实", 4));   // 400 missing_field / too_short
//   QC_RETURN_IF_ERROR(RequirePast(s.served_at, now, "served_at", "送达时间"));
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace qc::domain {

Status RequireText(const std::string& value, const std::string& field, const std::string& what, size_t min_chars = 2);
// One of the allowed codes ("请选择<what>").
Status RequireOneOf(const std::string& v, std::initializer_list<const char*> allowed, const std::string& field,
                    const std::string& what);
// A time that was given and is not later than `now`.
Status RequirePast(TimePoint t, TimePoint now, const std::string& field, const std::string& what);

}  // namespace qc::domain
