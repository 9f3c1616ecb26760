// LedgerService: each auditor's last verified checkpoint, kept as a LedgerVerified event (issue 12 §10).
#include "app/ledger_service.h"
#include "crypto/base64.h"
#include "store/event_log.h"
#include "store/verification_repo.h"

namespace qc::app {

StatusOr<CommandResult> LedgerService::RecordVerification(const domain::Actor& a, int64_t size,
                                                          const std::string& root_hash) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kRecordLedgerVerification));
  QC_ASSIGN_OR_RETURN(
      CommandResult r,
      ctx_.Record(
          a, "",
          [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
            store::EventLog log(tx.db());
            QC_ASSIGN_OR_RETURN(int64_t n, log.Size());
            if (size < 1 || size > n)
              return Status::InvalidArgument("invalid_field", "树的大小应在 1 到 " + std::to_string(n) + " 之间",
                                             "size");
            QC_ASSIGN_OR_RETURN(std::string root, log.Root(size));
            if (crypto::Base64Encode(root) != root_hash)
              return Status::Conflict("root_mismatch", "该大小的账本根哈希与所报不符：账本可能已被改动，请报告",
                                      "root_hash");
            return std::vector<domain::EventDraft>{
                {"LedgerVerified", {{"origin", ctx_.keys.origin()}, {"size", size}, {"root_hash", root_hash}}}};
          },
          false));
  QC_ASSIGN_OR_RETURN(Json last, LastVerification(a));
  r.body = last["verification"];
  return r;
}

StatusOr<Json> LedgerService::LastVerification(const domain::Actor& a) {
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kRecordLedgerVerification));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto e, store::LatestLedgerVerification(*db, a.user_id));
  if (!e) return Json{{"verification", nullptr}};
  Json v = e->data;
  v["at"] = FormatRfc3339(e->at);
  v["index"] = e->index;
  return Json{{"verification", std::move(v)}};
}

}  // namespace qc::app
