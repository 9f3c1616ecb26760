// Signed checkpoints: the tree head signed with Ed25519 and SM2/SM3, at most once an interval while
// events arrive, each checked for consistency with the last one before it is signed.
#include <spdlog/spdlog.h>

#include "app/ledger_service.h"
#include "crypto/base64.h"
#include "ledger/checkpoint.h"
#include "store/checkpoints.h"
#include "store/case_repo.h"
#include "store/event_log.h"

namespace qc::app {

Status LedgerService::SignCheckpoint() {
  std::lock_guard<std::mutex> lock(sign_mu_);
  store::StoredCheckpoint c;
  std::optional<store::StoredCheckpoint> last;
  {
    auto db = ctx_.reads->Acquire();
    store::EventLog log(*db);
    QC_ASSIGN_OR_RETURN(c.size, log.Size());
    QC_ASSIGN_OR_RETURN(last, store::LatestCheckpoint(*db));
    if (c.size == 0 || (last && last->size == c.size)) return Status();
    if (last && last->size > c.size)
      return Status::Internal("拒绝签发检查点：账本只有 " + std::to_string(c.size) + " 条事件，而上一个检查点已覆盖 " +
                              std::to_string(last->size) + " 条（事件被删除或截断）");
    QC_ASSIGN_OR_RETURN(c.root_hash, log.Root(c.size));
    if (last) {
      QC_ASSIGN_OR_RETURN(auto proof, log.ConsistencyProof(last->size, c.size));
      Status st = ledger::VerifyConsistency(static_cast<uint64_t>(last->size), static_cast<uint64_t>(c.size), proof,
                                            last->root_hash, c.root_hash);
      if (!st.ok())
        return Status::Internal("拒绝签发检查点：大小 " + std::to_string(c.size) + " 的树与上一个检查点（大小 " +
                                std::to_string(last->size) + "）不一致：" + st.message());
    }
  }
  std::string text = ledger::CheckpointText({ctx_.keys.origin(), c.size, c.root_hash});
  QC_ASSIGN_OR_RETURN(c.note, ledger::SignNote(text, ctx_.keys.signers));
  c.signed_at = FormatRfc3339(ctx_.clock.Now());
  return ctx_.writer->Run([&](store::WriteTx& tx) { return store::InsertCheckpoint(tx.db(), c); });
}

StatusOr<std::string> LedgerService::LatestCheckpointNote() {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto c, store::LatestCheckpoint(*db));
  if (!c) return Status::NotFound("尚未签发检查点");
  return c->note;
}

StatusOr<std::string> LedgerService::CheckpointNote(int64_t size) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto c, store::CheckpointOfSize(*db, size));
  if (!c) return Status::NotFound("没有大小为 " + std::to_string(size) + " 的检查点", "size");
  return c->note;
}

StatusOr<Json> LedgerService::ListCheckpoints(int64_t after, int64_t count) {
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto list, store::ListCheckpoints(*db, after, count));
  Json items = Json::array();
  for (const auto& c : list)
    items.push_back({{"size", c.size}, {"root_hash", crypto::Base64Encode(c.root_hash)}, {"signed_at", c.signed_at}});
  return Json{{"after", after}, {"checkpoints", std::move(items)}};
}

Json LedgerService::LedgerKeysJson() const {
  Json keys = Json::array();
  for (const auto& v : ctx_.keys.Verifiers()) {
    char id[9];
    std::snprintf(id, sizeof id, "%08x", v.id);
    Json k = {{"name", v.name},
              {"algorithm", crypto::AlgorithmName(v.algorithm)},
              {"key_id", id},
              {"public_key", crypto::Base64Encode(v.public_key)},
              {"vkey", v.Encode()}};
    if (v.algorithm == crypto::SignatureAlgorithm::kSm2Sm3) {
      k["distinguishing_id"] = crypto::kSm2DistinguishingId;
      k["signature_type"] = "0xff " + std::string(ledger::kSm2SignatureName);
    } else {
      k["signature_type"] = "0x01";
    }
    keys.push_back(std::move(k));
  }
  return Json{{"origin", ctx_.keys.origin()}, {"keys", std::move(keys)}};
}

StatusOr<std::string> LedgerService::ProofBundle(const domain::Actor& a, int64_t index) {
  ledger::ProofBundle b;
  b.index = index;
  std::string case_id;
  {
    auto db = ctx_.reads->Acquire();
    store::EventLog log(*db);
    QC_ASSIGN_OR_RETURN(int64_t n, log.Size());
    if (index < 0 || index >= n) return Status::NotFound("账本中没有第 " + std::to_string(index) + " 号事件", "index");
    QC_ASSIGN_OR_RETURN(auto entry, log.ReadRange(index, 1));
    if (entry.empty()) return Status::Internal("账本缺少第 " + std::to_string(index) + " 号事件");
    b.extra = std::move(entry[0].bytes);
    case_id = entry[0].event.case_id;
  }
  // A case's event: whoever may see the case (never the administrator). Another event (units, users,
  // devices): the auditing roles.
  std::string unit_id;
  if (!case_id.empty()) {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(auto unit, store::CaseUnit(*db, case_id));
    unit_id = unit.value_or("");
  }
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kReadEvent, domain::EventResource(!case_id.empty(), unit_id)));
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto cp, store::LatestCheckpoint(*db));
  if (!cp || cp->size <= index)
    return Status::Make(ErrorCode::kUnavailable, "not_yet_checkpointed", "该事件尚未纳入签名检查点，请一秒后重试",
                        "index");
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(b.proof, log.InclusionProof(index, cp->size));
  b.checkpoint_note = cp->note;
  return ledger::FormatProofBundle(b);
}

}  // namespace qc::app
