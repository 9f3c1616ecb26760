#include "common/status.h"

namespace qc {

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = rep_->code + ": " + rep_->message;
  if (!rep_->field.empty()) s += " (field " + rep_->field + ")";
  return s;
}

}  // namespace qc
