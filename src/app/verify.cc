#include "app/verify.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "app/keys.h"
#include "blob/content_hasher.h"
#include "blob/directory_blob_store.h"
#include "common/hex.h"
#include "crypto/base64.h"
#include "crypto/hash.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/checkpoints.h"
#include "store/event_log.h"
#include "store/rebuild.h"
#include "store/schema.h"

namespace qc::app {
namespace {

namespace fs = std::filesystem;

std::string Span(int level, int64_t index) {
  int64_t first = index << level, last = ((index + 1) << level) - 1;
  return "tree node (level " + std::to_string(level) + ", index " + std::to_string(index) + ") over events " +
         std::to_string(first) + "–" + std::to_string(last);
}

// Events and tree nodes. Each level of stored nodes is read in one ordered pass and checked against
// the stored level below it (level 0: the leaf hashes), so a change shows once, where it was made.
// Holds one level of hashes in memory (32 bytes per event).
struct TreeCheck {
  store::Db& db;
  VerifyReport& r;
  bool gap = false;  // an event is missing: the tree above it cannot be checked locally
  int64_t size = 0;  // highest index + 1

  Status Run() {
    std::string level;  // the stored hashes of the current level, 32 bytes each
    store::EventLog log(db);
    int64_t expected = 0;
    QC_RETURN_IF_ERROR(log.ScanStored([&](int64_t idx, std::string_view bytes, std::string_view stored_leaf) {
      if (idx != expected) {
        r.divergences.push_back(idx == expected + 1 ? "event " + std::to_string(expected) + ": 缺失（事件被删除）"
                                                    : "events " + std::to_string(expected) + "–" +
                                                          std::to_string(idx - 1) + ": 缺失（事件被删除）");
        gap = true;
      }
      expected = idx + 1;
      std::string leaf(stored_leaf);
      if (ledger::HashLeaf(bytes) != leaf)
        r.divergences.push_back("event " + std::to_string(idx) + ": 内容与其叶子哈希不符（事件被篡改）");
      ++r.events;
      if (leaf.size() != ledger::kHashSize) leaf.resize(ledger::kHashSize);
      if (!gap) level += leaf;
      return Status();
    }));
    int64_t n = size = expected;
    if (!gap) QC_RETURN_IF_ERROR(CheckLevels(log, std::move(level)));
    // Stored nodes no events account for: the events they covered were removed.
    int64_t want = n - std::popcount(static_cast<uint64_t>(n));
    QC_ASSIGN_OR_RETURN(r.tree_nodes, log.TreeNodeCount());
    if (r.tree_nodes > want && !gap) {
      QC_ASSIGN_OR_RETURN(auto beyond, log.FirstTreeNodeBeyond(n));
      std::string where = beyond ? Span(beyond->first, beyond->second) : "tree nodes";
      r.divergences.push_back(where + ": 账本只有 " + std::to_string(n) +
                              " 条事件，却存有覆盖其后事件的树节点（末尾事件被删除）");
    }
    return Status();
  }

  Status CheckLevels(store::EventLog& log, std::string below) {
    constexpr size_t H = ledger::kHashSize;
    for (int level = 1;; ++level) {
      int64_t m = static_cast<int64_t>(below.size() / H / 2);  // complete nodes at this level
      if (m == 0) return Status();
      std::string here;
      here.reserve(static_cast<size_t>(m) * H);
      auto computed = [&](int64_t k) {
        return ledger::HashChildren(std::string_view(below).substr(2 * k * H, H),
                                    std::string_view(below).substr((2 * k + 1) * H, H));
      };
      int64_t k = 0;  // the next node of this level to account for
      auto missing_until = [&](int64_t end) {
        for (; k < end; ++k) {
          r.divergences.push_back(Span(level, k) + ": 缺失");
          here += computed(k);
        }
      };
      QC_RETURN_IF_ERROR(log.ScanTreeLevel(level, m, [&](int64_t idx, std::string_view stored_hash) {
        missing_until(idx);
        std::string stored(stored_hash);
        if (stored != computed(k))
          r.divergences.push_back(Span(level, k) + ": 与其两个子节点不符（事件或树节点被篡改、调换）");
        stored.resize(H);
        here += stored;
        ++k;
        return Status();
      }));
      missing_until(m);
      below = std::move(here);
    }
  }
};

Status CheckCheckpoints(store::Db& db, const std::vector<ledger::NoteVerifier>& keys, int64_t n, bool gap,
                        VerifyReport& r) {
  store::EventLog log(db);
  auto nodes = log.Nodes();
  std::optional<store::StoredCheckpoint> prev;
  for (int64_t after = 0;;) {
    QC_ASSIGN_OR_RETURN(auto batch, store::ListCheckpoints(db, after, 1000));
    if (batch.empty()) break;
    for (auto& c : batch) {
      after = c.size;
      ++r.checkpoints;
      std::vector<std::string> problems;
      auto note = ledger::ParseNote(c.note);
      if (!note.ok()) {
        problems.push_back("签名注记格式错误：" + note.status().message());
      } else {
        auto signed_by = ledger::VerifyNote(*note, keys);
        if (!signed_by.ok())
          problems.push_back("签名无效：" + signed_by.status().message() + "（检查点被伪造）");
        else if (signed_by->size() < keys.size())
          problems.push_back("缺少部分密钥的签名");
        auto body = ledger::ParseCheckpointText(note->text);
        if (!body.ok())
          problems.push_back("正文格式错误：" + body.status().message());
        else if (body->size != c.size || body->root_hash != c.root_hash)
          problems.push_back("正文（大小 " + std::to_string(body->size) + "）与所存的大小或根哈希不符");
      }
      if (c.size > n) {
        problems.push_back("已签名覆盖 " + std::to_string(c.size) + " 条事件，而账本只有 " + std::to_string(n) +
                           " 条（事件被删除或截断）");
      } else if (!gap) {
        auto root = ledger::RootAt(static_cast<uint64_t>(c.size), nodes);
        if (!root.ok())
          problems.push_back("无法计算该大小的根哈希：" + root.status().message());
        else if (*root != c.root_hash)
          problems.push_back("根哈希与账本不符（已签名的事件被篡改）");
        if (prev && root.ok() && *root == c.root_hash) {
          auto proof =
              ledger::ConsistencyProof(static_cast<uint64_t>(prev->size), static_cast<uint64_t>(c.size), nodes);
          Status st = proof.ok()
                          ? ledger::VerifyConsistency(static_cast<uint64_t>(prev->size), static_cast<uint64_t>(c.size),
                                                      *proof, prev->root_hash, c.root_hash)
                          : proof.status();
          if (!st.ok()) problems.push_back("与上一个检查点（大小 " + std::to_string(prev->size) + "）不一致");
        }
      }
      if (!problems.empty()) {
        std::string line = "checkpoint " + std::to_string(c.size) + ": ";
        for (size_t i = 0; i < problems.size(); ++i) line += (i ? "；" : "") + problems[i];
        r.divergences.push_back(std::move(line));
      }
      prev = std::move(c);
    }
  }
  // Events after the last checkpoint are signed by nothing: a stopped server signs its last events
  // (and a starting one signs within a second), so this follows only a crash — or checkpoints removed
  // to hide what came after them.
  int64_t covered = prev ? prev->size : 0;
  if (!gap && covered < n)
    r.divergences.push_back("events " + std::to_string(covered) + "–" + std::to_string(n - 1) +
                            ": 未被任何签名检查点覆盖（最后一个检查点之后的事件无从证明未被改动；"
                            "服务正常停止或重新启动时会签发检查点）");
  return Status();
}

// What the log says each blob is: MediaRegistered names a blob by SHA-256 with its SM3 and size.
struct RegisteredBlob {
  std::string sm3, record_id;
  int64_t size = 0;
  int64_t index = 0;
};

StatusOr<std::map<std::string, RegisteredBlob>> RegisteredBlobs(store::Db& db) {
  std::map<std::string, RegisteredBlob> out;
  store::EventLog log(db);
  QC_RETURN_IF_ERROR(log.ScanType("MediaRegistered", [&](int64_t idx, std::string_view bytes) {
    auto j = ParseJson(std::string(bytes));
    if (!j.ok() || !j->contains("data") || !(*j)["data"].is_object()) return Status();  // reported by the tree check
    const Json& d = (*j)["data"];
    try {
      out.emplace(d.value("sha256", ""),
                  RegisteredBlob{d.value("sm3", ""), d.value("record_id", ""), d.value("size", int64_t{0}), idx});
    } catch (const std::exception&) {
      // a wrong-typed field: the projection replay reports the event
    }
    return Status();
  }));
  return out;
}

Status CheckBlobs(const blob::BlobStore& blobs, std::map<std::string, RegisteredBlob> registered, VerifyReport& r) {
  QC_RETURN_IF_ERROR(blobs.List([&](const blob::BlobEntry& e) -> Status {
    ++r.blobs;
    if (e.sha256.empty()) {
      r.divergences.push_back("blob " + e.name + ": 不是按内容寻址的文件名（应为 ab/cd/<sha256>）");
      return Status();
    }
    QC_ASSIGN_OR_RETURN(auto reader, blobs.Open(e.sha256, 0, e.size));
    QC_ASSIGN_OR_RETURN(blob::ContentDigests d, blob::HashAll(*reader));
    const std::string& name = e.sha256;
    if (d.sha256 != name) {
      r.divergences.push_back("blob " + name + ": 内容的 SHA-256 为 " + d.sha256 + "（文件被篡改）");
      registered.erase(name);
      return Status();
    }
    auto reg = registered.find(name);
    if (reg == registered.end()) return Status();
    if (reg->second.sm3 != d.sm3 || reg->second.size != static_cast<int64_t>(d.size))
      r.divergences.push_back("blob " + name + ": SM3 或大小与登记事件 " + std::to_string(reg->second.index) +
                              " 不符（登记 " + reg->second.sm3 + "，实际 " + d.sm3 + "）");
    registered.erase(reg);
    return Status();
  }));
  for (const auto& [sha, reg] : registered)
    r.divergences.push_back("event " + std::to_string(reg.index) + ": 登记的媒体文件 " + sha + "（" + reg.record_id +
                            "）不在媒体库中");
  return Status();
}

}  // namespace

std::string VerifyReport::Summary() const {
  std::string keys;
  for (size_t i = 0; i < signers.size(); ++i) keys += (i ? ", " : "") + signers[i];
  return "intact: " + std::to_string(events) + " events, " + std::to_string(tree_nodes) + " tree nodes, " +
         std::to_string(checkpoints) + " checkpoints (" + keys + "), " + std::to_string(projection_rows) +
         " projection rows, " + std::to_string(blobs) + " blobs";
}

StatusOr<VerifyReport> VerifyDataDir(const std::string& data_dir, std::vector<ledger::NoteVerifier> keys) {
  fs::path dir(data_dir);
  fs::path db_path = dir / "quancheng.db";
  if (!fs::exists(db_path)) return Status::NotFound("数据目录中没有数据库：" + db_path.string());
  if (keys.empty()) {
    QC_ASSIGN_OR_RETURN(keys, LoadVerifierKeys((dir / "keys").string()));
  }
  if (keys.empty()) return Status::NotFound("没有检查点公钥（keys/*.vkey），请用 --key 指定");
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.Encode() < b.Encode(); });
  keys.erase(
      std::unique(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.Encode() == b.Encode(); }),
      keys.end());
  VerifyReport r;
  for (const auto& k : keys) {
    char id[9];
    std::snprintf(id, sizeof id, "%08x", k.id);
    r.signers.push_back(k.name + " " + std::string(crypto::AlgorithmName(k.algorithm)) + " " + id);
  }
  // The tree and checkpoints on one thread, the replay on another: each with its own connection.
  VerifyReport tree_part;
  Status tree_status;
  int64_t tree_nodes = 0;
  std::thread tree_thread([&] {
    tree_status = [&]() -> Status {
      QC_ASSIGN_OR_RETURN(auto db, store::Db::Open(db_path.string(), false));
      QC_RETURN_IF_ERROR(db->BeginRead());  // one snapshot for both checks
      TreeCheck tree{*db, tree_part, false, 0};
      QC_RETURN_IF_ERROR(tree.Run());
      tree_nodes = tree_part.tree_nodes;
      QC_RETURN_IF_ERROR(CheckCheckpoints(*db, keys, tree.size, tree.gap, tree_part));
      return db->EndRead();
    }();
  });
  Status replay_status = [&]() -> Status {
    QC_ASSIGN_OR_RETURN(auto db, store::Db::Open(db_path.string(), false));
    QC_RETURN_IF_ERROR(db->BeginRead());
    QC_ASSIGN_OR_RETURN(auto diffs, store::VerifyProjections(*db));
    r.divergences.insert(r.divergences.end(), diffs.begin(), diffs.end());
    QC_ASSIGN_OR_RETURN(r.projection_rows, store::ProjectionRowCount(*db));
    return db->EndRead();
  }();
  tree_thread.join();
  QC_RETURN_IF_ERROR(tree_status);
  QC_RETURN_IF_ERROR(replay_status);
  r.events = tree_part.events;
  r.tree_nodes = tree_nodes;
  r.checkpoints = tree_part.checkpoints;
  r.divergences.insert(r.divergences.begin(), tree_part.divergences.begin(), tree_part.divergences.end());

  std::map<std::string, RegisteredBlob> registered;
  {
    QC_ASSIGN_OR_RETURN(auto db, store::Db::Open(db_path.string(), false));
    QC_ASSIGN_OR_RETURN(registered, RegisteredBlobs(*db));
  }
  blob::DirectoryBlobStore blobs(dir / "blobs");
  QC_RETURN_IF_ERROR(CheckBlobs(blobs, std::move(registered), r));
  return r;
}

}  // namespace qc::app
