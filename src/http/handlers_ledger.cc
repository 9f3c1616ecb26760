// /api/v1/ledger: proofs (public: hashes only) and entries (audit roles).
#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {

namespace {
using A = Router::Access;

// An optional non-negative integer query parameter.
std::optional<int64_t> OptCount(QueryReader& q, const std::string& name, int64_t max) {
  if (!q.Str(name, 20)) return std::nullopt;
  return q.Int(name, 0, 0, static_cast<int>(std::min<int64_t>(max, INT32_MAX)));
}
}  // namespace

void RegisterLedgerRoutes(Router& r) {
  // 包含证明：第 index 号事件在大小为 size 的账本树中（RFC 9162 §2.1.3）
  r.Add("GET", "/api/v1/ledger/proof/inclusion", A::kPublic, [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    auto index = OptCount(q, "index", INT32_MAX);
    auto size = OptCount(q, "size", INT32_MAX);
    QC_RETURN_IF_ERROR(q.Finish());
    if (!index) return Status::InvalidArgument("missing_field", "缺少必填参数", "index");
    QC_ASSIGN_OR_RETURN(Json proof, c.app.InclusionProof(*index, size));
    return JsonResponse(200, proof);
  });

  // 一致性证明：大小 from 的账本树是大小 to 的前缀（RFC 9162 §2.1.4）
  r.Add("GET", "/api/v1/ledger/proof/consistency", A::kPublic, [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    auto from = OptCount(q, "from", INT32_MAX);
    auto to = OptCount(q, "to", INT32_MAX);
    QC_RETURN_IF_ERROR(q.Finish());
    if (!from) return Status::InvalidArgument("missing_field", "缺少必填参数", "from");
    QC_ASSIGN_OR_RETURN(Json proof, c.app.ConsistencyProof(*from, to));
    return JsonResponse(200, proof);
  });

  // 账本条目（事件原文，base64），每次至多 1000 条
  r.Add("GET", "/api/v1/ledger/entries", A::kSession, [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    int start = q.Int("start", 0, 0, INT32_MAX);
    int count = q.Int("count", 100, 1, 1000);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json entries, c.app.LedgerEntries(*c.actor, start, count));
    return JsonResponse(200, entries);
  });
}

}  // namespace qc::http
