#include "domain/field_rules.h"

#include "common/utf8.h"

namespace qc::domain {

Status RequireText(const std::string& value, const std::string& field, const std::string& what, size_t min_chars) {
  if (value.empty()) return Status::InvalidArgument("missing_field", "请填写" + what, field);
  if (Utf8Length(value) < min_chars)
    return Status::InvalidArgument("too_short", what + "过于简略（至少 " + std::to_string(min_chars) + " 个字）",
                                   field);
  return Status();
}

}  // namespace qc::domain
