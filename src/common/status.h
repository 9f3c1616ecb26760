// Status and StatusOr<T>: errors are values.
//
//   StatusOr<CaseState> c = LoadCase(id);
//   if (!c.ok()) return c.status();            // propagate
//   Use(*c);
//
// A Status carries a machine code (ErrorCode, mapped to an HTTP status at the edge), a stable
// API code string ("invalid_field", "illegal_transition", ...), a Chinese message for the user
// and the field at fault, if any ("parties[0].name"). An OK status holds nothing and costs nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace qc {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,    // 400: the request is malformed or a field is wrong
  kUnauthenticated,    // 401: no or expired session, wrong password
  kPermissionDenied,   // 403: authenticated but not allowed
  kNotFound,           // 404
  kConflict,           // 409: valid request that the current state does not allow
  kPayloadTooLarge,    // 413
  kResourceExhausted,  // 429: slowed down (repeated failed logins)
  kInternal,           // 500: a bug or an I/O failure, never a client's mistake
  kUnavailable,        // 503: shutting down
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status InvalidArgument(std::string code, std::string message, std::string field = "") {
    return Status(ErrorCode::kInvalidArgument, std::move(code), std::move(message), std::move(field));
  }
  static Status Unauthenticated(std::string message) {
    return Status(ErrorCode::kUnauthenticated, "unauthenticated", std::move(message), "");
  }
  static Status PermissionDenied(std::string message) {
    return Status(ErrorCode::kPermissionDenied, "forbidden", std::move(message), "");
  }
  static Status NotFound(std::string message, std::string field = "") {
    return Status(ErrorCode::kNotFound, "not_found", std::move(message), std::move(field));
  }
  static Status Conflict(std::string code, std::string message, std::string field = "") {
    return Status(ErrorCode::kConflict, std::move(code), std::move(message), std::move(field));
  }
  static Status PayloadTooLarge(std::string message) {
    return Status(ErrorCode::kPayloadTooLarge, "payload_too_large", std::move(message), "");
  }
  static Status ResourceExhausted(std::string code, std::string message) {
    return Status(ErrorCode::kResourceExhausted, std::move(code), std::move(message), "");
  }
  static Status Internal(std::string message) {
    return Status(ErrorCode::kInternal, "internal", std::move(message), "");
  }
  static Status Unavailable(std::string message) {
    return Status(ErrorCode::kUnavailable, "unavailable", std::move(message), "");
  }
  // Any code, for the few places that need to rebuild a Status.
  static Status Make(ErrorCode ec, std::string code, std::string message, std::string field = "") {
    return Status(ec, std::move(code), std::move(message), std::move(field));
  }

  bool ok() const { return rep_ == nullptr; }
  ErrorCode error_code() const { return rep_ ? rep_->ec : ErrorCode::kOk; }
  const std::string& code() const { return rep_ ? rep_->code : Empty(); }
  const std::string& message() const { return rep_ ? rep_->message : Empty(); }
  const std::string& field() const { return rep_ ? rep_->field : Empty(); }
  std::string ToString() const;

 private:
  struct Rep {
    ErrorCode ec;
    std::string code, message, field;
  };
  Status(ErrorCode ec, std::string code, std::string message, std::string field)
      : rep_(std::make_shared<const Rep>(Rep{ec, std::move(code), std::move(message), std::move(field)})) {}
  static const std::string& Empty() {
    static const std::string kEmpty;
    return kEmpty;
  }
  std::shared_ptr<const Rep> rep_;  // null when OK; immutable, so sharing is safe
};

// Holds a T or a non-OK Status. Constructing from an OK Status is a bug and becomes Internal.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status s) : v_(s.ok() ? Status::Internal("StatusOr built from OK status") : std::move(s)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // The value, or `fallback` on error (the error is dropped: only where a default is the answer).
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

// Internal "<what>：<strerror(errno)>", for a failed system call (reads errno: call it right after).
Status ErrnoStatus(const std::string& what);

#define QC_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::qc::Status qc_status_ = (expr);        \
    if (!qc_status_.ok()) return qc_status_; \
  } while (0)

#define QC_CONCAT_INNER(a, b) a##b
#define QC_CONCAT(a, b) QC_CONCAT_INNER(a, b)
#define QC_ASSIGN_OR_RETURN(lhs, expr) QC_ASSIGN_OR_RETURN_IMPL(QC_CONCAT(qc_sor_, __LINE__), lhs, expr)
#define QC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

}  // namespace qc
