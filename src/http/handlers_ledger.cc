// /api/v1/ledger: proofs (public: hashes only) and entries (audit roles).
#include "http/handlers.h"
#include "http/input.h"

namespace qc::http {

namespace {
using domain::Action;

// An optional non-negative integer query parameter.
std::optional<int64_t> OptCount(QueryReader& q, const std::string& name, int64_t max) {
  if (!q.Str(name, 20)) return std::nullopt;
  return q.Int(name, 0, 0, static_cast<int>(std::min<int64_t>(max, INT32_MAX)));
}
// Checkpoints, keys and proofs reveal hashes only: public unless the server is told otherwise.
Status MaybeRequireSession(Context& c) {
  if (!c.app.options().ledger_requires_session) return Status();
  QC_ASSIGN_OR_RETURN(domain::Actor a, c.app.auth().Authenticate(c.token));
  c.actor = a;
  return Status();
}

Response Text(std::string body) {
  Response res;
  res.content_type = "text/plain; charset=utf-8";
  res.body = std::move(body);
  return res;
}

}  // namespace

void RegisterLedgerRoutes(Router& r) {
  // 法制员等记录本人核验过的检查点（账本中留存，换一台电脑也能接着核验）
  r.Add("POST", "/api/v1/ledger/verifications", Session(Action::kRecordLedgerVerification),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          int64_t size = in.Int("size", 0, 1, INT64_MAX);
          if (!in.Has("size")) in.Fail(Status::InvalidArgument("missing_field", "请给出核验时的账本大小", "size"));
          std::string root = in.Str("root_hash", kRequired, 64);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.ledger().RecordVerification(*c.actor, size, root));
          return CommandResponse(201, "verification", res);
        });
  r.Add("GET", "/api/v1/ledger/verifications/mine", Session(Action::kRecordLedgerVerification),
        [](Context& c) -> StatusOr<Response> {
          QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
          QC_ASSIGN_OR_RETURN(Json v, c.app.ledger().LastVerification(*c.actor));
          return JsonResponse(200, v);
        });

  // 最新的签名检查点（C2SP signed note，纯文本）
  r.Add("GET", "/api/v1/ledger/checkpoint", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(MaybeRequireSession(c));
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(std::string note, c.app.ledger().LatestCheckpointNote());
    return Text(std::move(note));
  });

  // ?size=N：大小为 N 的检查点（纯文本）；否则按大小列出检查点（JSON，after 之后至多 count 个）
  r.Add("GET", "/api/v1/ledger/checkpoints", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(MaybeRequireSession(c));
    QueryReader q(c.req.query);
    auto size = OptCount(q, "size", INT32_MAX);
    int after = q.Int("after", 0, 0, INT32_MAX);
    int count = q.Int("count", 100, 1, 1000);
    QC_RETURN_IF_ERROR(q.Finish());
    if (size) {
      QC_ASSIGN_OR_RETURN(std::string note, c.app.ledger().CheckpointNote(*size));
      return Text(std::move(note));
    }
    QC_ASSIGN_OR_RETURN(Json list, c.app.ledger().ListCheckpoints(after, count));
    return JsonResponse(200, list);
  });

  // 检查点签名公钥（Ed25519 与 SM2/SM3）
  r.Add("GET", "/api/v1/ledger/keys", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(MaybeRequireSession(c));
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    return JsonResponse(200, c.app.ledger().LedgerKeysJson());
  });

  // 单个事件的离线证明包（C2SP tlog-proof，含事件原文）：可查看该案件的用户或审计角色
  r.Add("GET", "/api/v1/ledger/bundle", Session(Action::kReadEvent), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    auto index = OptCount(q, "index", INT32_MAX);
    QC_RETURN_IF_ERROR(q.Finish());
    if (!index) return Status::InvalidArgument("missing_field", "缺少必填参数", "index");
    auto bundle = c.app.ledger().ProofBundle(*c.actor, *index);
    if (!bundle.ok() && bundle.status().code() == "not_yet_checkpointed") {
      Response res = ErrorResponse(bundle.status());
      res.headers.emplace_back("Retry-After", "1");
      return res;
    }
    QC_RETURN_IF_ERROR(bundle.status());
    Response res = Text(std::move(*bundle));
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"event-" + std::to_string(*index) + ".tlog-proof\"");
    return res;
  });

  // 包含证明：第 index 号事件在大小为 size 的账本树中（RFC 9162 §2.1.3）
  r.Add("GET", "/api/v1/ledger/proof/inclusion", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(MaybeRequireSession(c));
    QueryReader q(c.req.query);
    auto index = OptCount(q, "index", INT32_MAX);
    auto size = OptCount(q, "size", INT32_MAX);
    QC_RETURN_IF_ERROR(q.Finish());
    if (!index) return Status::InvalidArgument("missing_field", "缺少必填参数", "index");
    QC_ASSIGN_OR_RETURN(Json proof, c.app.ledger().InclusionProof(*index, size));
    return JsonResponse(200, proof);
  });

  // 一致性证明：大小 from 的账本树是大小 to 的前缀（RFC 9162 §2.1.4）
  r.Add("GET", "/api/v1/ledger/proof/consistency", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(MaybeRequireSession(c));
    QueryReader q(c.req.query);
    auto from = OptCount(q, "from", INT32_MAX);
    auto to = OptCount(q, "to", INT32_MAX);
    QC_RETURN_IF_ERROR(q.Finish());
    if (!from) return Status::InvalidArgument("missing_field", "缺少必填参数", "from");
    QC_ASSIGN_OR_RETURN(Json proof, c.app.ledger().ConsistencyProof(*from, to));
    return JsonResponse(200, proof);
  });

  // 账本条目（事件原文，base64），每次至多 1000 条
  r.Add("GET", "/api/v1/ledger/entries", Session(Action::kReadLedgerEntries), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    int start = q.Int("start", 0, 0, INT32_MAX);
    int count = q.Int("count", 100, 1, 1000);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json entries, c.app.ledger().LedgerEntries(*c.actor, start, count));
    return JsonResponse(200, entries);
  });
}

}  // namespace qc::http
