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

Status RequireOneOf(const std::string& v, std::initializer_list<const char*> allowed, const std::string& field,
                    const std::string& what) {
  for (const char* a : allowed)
    if (v == a) return Status();
  return Status::InvalidArgument(v.empty() ? "missing_field" : "invalid_field", "请选择" + what, field);
}

Status RequirePast(TimePoint t, TimePoint now, const std::string& field, const std::string& what) {
  if (t == TimePoint{}) return Status::InvalidArgument("missing_field", "请填写" + what, field);
  if (t > now) return Status::InvalidArgument("invalid_field", what + "不能晚于现在", field);
  return Status();
}

}  // namespace qc::domain
