#include "common/status.h"

#include <cerrno>
#include <cstring>

namespace qc {

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = rep_->code + ": " + rep_->message;
  if (!rep_->field.empty()) s += " (field " + rep_->field + ")";
  return s;
}

Status ErrnoStatus(const std::string& what) { return Status::Internal(what + "：" + std::strerror(errno)); }

}  // namespace qc
