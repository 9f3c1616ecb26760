// Reading the ledger: proofs against the Merkle tree of the events, and the raw entries.
// Proof hashes are base64 in RFC 9162 order; see src/ledger/merkle.h.
#include "app/ledger_service.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "store/case_repo.h"
#include "store/event_log.h"

namespace qc::app {
namespace {

Json Base64List(const std::vector<std::string>& hashes) {
  Json out = Json::array();
  for (const auto& h : hashes) out.push_back(crypto::Base64Encode(h));
  return out;
}

}  // namespace

StatusOr<Json> LedgerService::InclusionProof(int64_t index, std::optional<int64_t> size) {
  auto db = ctx_.reads->Acquire();
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(int64_t n, log.Size());
  int64_t tree_size = size.value_or(n);
  if (tree_size < 1 || tree_size > n)
    return Status::InvalidArgument("invalid_field", "树的大小应在 1 到 " + std::to_string(n) + " 之间", "size");
  if (index < 0 || index >= tree_size)
    return Status::InvalidArgument("invalid_field", "叶子序号应小于树的大小", "index");
  QC_ASSIGN_OR_RETURN(auto proof, log.InclusionProof(index, tree_size));
  QC_ASSIGN_OR_RETURN(std::string root, log.Root(tree_size));
  QC_ASSIGN_OR_RETURN(auto entry, log.ReadRange(index, 1));
  if (entry.empty()) return Status::Internal("账本缺少第 " + std::to_string(index) + " 号事件");
  return Json{{"index", index},
              {"size", tree_size},
              {"leaf_hash", crypto::Base64Encode(entry[0].leaf_hash)},
              {"root_hash", crypto::Base64Encode(root)},
              {"proof", Base64List(proof)}};
}

StatusOr<Json> LedgerService::ConsistencyProof(int64_t from, std::optional<int64_t> to) {
  auto db = ctx_.reads->Acquire();
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(int64_t n, log.Size());
  int64_t size2 = to.value_or(n);
  if (size2 < 1 || size2 > n)
    return Status::InvalidArgument("invalid_field", "树的大小应在 1 到 " + std::to_string(n) + " 之间", "to");
  if (from < 1 || from > size2) return Status::InvalidArgument("invalid_field", "须满足 0 < from ≤ to", "from");
  QC_ASSIGN_OR_RETURN(auto proof, log.ConsistencyProof(from, size2));
  QC_ASSIGN_OR_RETURN(std::string root1, log.Root(from));
  QC_ASSIGN_OR_RETURN(std::string root2, log.Root(size2));
  return Json{{"from", from},
              {"to", size2},
              {"from_root_hash", crypto::Base64Encode(root1)},
              {"to_root_hash", crypto::Base64Encode(root2)},
              {"proof", Base64List(proof)}};
}

StatusOr<Json> LedgerService::LedgerEntries(const domain::Actor& a, int64_t start, int64_t count) {
  // Event contents: only the roles that audit the record (法制员, 档案管理员, 系统管理员), and of a
  // case's events only those of cases the actor may see: the administrator reads the directory's
  // events, never a case's (a complainant's name and telephone). Others' entries keep their index and
  // leaf hash, so the tree can still be checked, without their bytes.
  QC_ASSIGN_OR_RETURN(auto units, ctx_.Units());
  QC_RETURN_IF_ERROR(domain::Authorize(a, domain::Action::kReadLedgerEntries, domain::NoResource(), units.get()));
  auto db = ctx_.reads->Acquire();
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(int64_t n, log.Size());
  if (start < 0 || start > n)
    return Status::InvalidArgument("invalid_field", "起始序号应在 0 到 " + std::to_string(n) + " 之间", "start");
  QC_ASSIGN_OR_RETURN(auto entries, log.ReadRange(start, count));
  std::map<std::string, bool> visible;  // case id -> may the actor see it
  Json items = Json::array();
  for (const auto& e : entries) {
    Json item = {{"index", e.event.index}, {"leaf_hash", ToHex(e.leaf_hash)}};
    const std::string& case_id = e.event.case_id;
    if (!case_id.empty() && !visible.count(case_id)) {
      QC_ASSIGN_OR_RETURN(auto unit_id, store::CaseUnit(*db, case_id));
      visible[case_id] =
          unit_id &&
          domain::Authorize(a, domain::Action::kReadEvent, domain::EventResource(true, *unit_id), units.get()).ok();
    }
    if (case_id.empty() || visible[case_id]) {
      item["bytes"] = crypto::Base64Encode(e.bytes);
    } else {
      item["withheld"] = true;  // a case the actor may not see
    }
    items.push_back(std::move(item));
  }
  return Json{{"start", start}, {"count", items.size()}, {"size", n}, {"entries", std::move(items)}};
}

StatusOr<int64_t> LedgerService::EventCount() {
  auto db = ctx_.reads->Acquire();
  store::EventLog log(*db);
  return log.Size();
}

}  // namespace qc::app
