#include "dock/agent.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "common/hex.h"
#include "crypto/digest.h"
#include "dock/dock_state.h"
#include "dock/progress.h"
#include "dock/tus_client.h"

namespace qc::dock {
namespace {

namespace fs = std::filesystem;

constexpr int kAttemptsPerPass = 6;  // network trouble: back off 1, 2, 4, 8, 16 s, then the next file

struct Found {
  fs::path path;
  std::string rel;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  dev_t dev = 0;
  ino_t ino = 0;
};

int64_t MtimeNs(const struct stat& st) { return int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec; }

// The same file the scan saw: same inode, size and modification time.
bool Same(const struct stat& st, const Found& f) {
  return S_ISREG(st.st_mode) && st.st_dev == f.dev && st.st_ino == f.ino && st.st_size == f.size &&
         MtimeNs(st) == f.mtime_ns;
}

// Is `inner` `outer` or below it?
bool Within(const fs::path& inner, const fs::path& outer) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(inner, ec), b = fs::weakly_canonical(outer, ec);
  auto [bi, ai] = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
  return bi == b.end();
}

enum class Outcome { kDone, kLeft, kOffline, kFatal };  // kOffline: the server is unreachable: end the pass

// The SHA-256 of the file's first `at` bytes, fed by the reads that checksum each piece: an upload
// sent from its start in one run needs no pass of its own over the file.
struct RunningDigest {
  std::optional<crypto::DigestStream> digest;
  int64_t at = 0;
};

// A piece's checksum, and the running digest as it would be once the piece has landed.
struct PieceHash {
  StatusOr<std::string> sha256;
  std::optional<crypto::DigestStream> running;
};

// Hashes a piece on its own thread, so that the next piece's checksum is ready when the current
// piece has been sent (pread is safe to share the descriptor with the sender).
std::future<PieceHash> HashPiece(int fd, int64_t offset, int64_t length, std::optional<crypto::DigestStream> running) {
  return std::async(std::launch::async, [fd, offset, length, running = std::move(running)]() mutable {
    auto sha256 = HashRange(fd, offset, length, running ? &*running : nullptr);
    return PieceHash{std::move(sha256), std::move(running)};
  });
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A failure worth retrying in this pass (the network, the server busy or restarting, a torn piece).
bool Transient(const Status& s) {
  // kInternal: this machine's trouble (a read error of an undocked camera, a state write): retried.
  return s.error_code() == ErrorCode::kUnavailable || s.error_code() == ErrorCode::kResourceExhausted ||
         s.error_code() == ErrorCode::kInternal || s.code() == "offset_mismatch" || s.code() == "checksum_mismatch" ||
         s.code() == "locked";
}

std::string Describe(const Status& s) { return s.message() + (s.field().empty() ? "" : "（" + s.field() + "）"); }

class Agent {
 public:
  Agent(const DockOptions& o, const Clock& clock, DockState state, Progress& progress)
      : o_(o),
        clock_(clock),
        state_(std::move(state)),
        progress_(progress),
        http_(o.server, o.timeout, o.ca_file),
        tus_(http_, o.token) {
    http_.set_max_rate(o.max_rate);
  }

  int fatal() const { return fatal_; }

  // One scan of the watched directory: the number of files left there, or -1 on a fatal error.
  int Pass() {
    int left = 0;
    auto found = Scan(left);
    for (size_t i = 0; i < found.size(); ++i) {
      Outcome out;
      try {
        out = Process(found[i]);
      } catch (const std::exception& ex) {  // a malformed answer, a filesystem surprise: this file, this pass
        progress_.End();
        progress_.Log(found[i].rel + "：处理出错（" + ex.what() + "），稍后重试");
        out = Outcome::kLeft;
      }
      if (out == Outcome::kFatal) return -1;
      if (out == Outcome::kOffline) return left + static_cast<int>(found.size() - i);
      if (out == Outcome::kLeft) ++left;
    }
    return left;
  }

 private:
  std::vector<Found> Scan(int& unsettled) {
    std::vector<Found> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(o_.watch_dir, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      Complain("scan", "无法读取监视目录 " + o_.watch_dir + "：" + ec.message());
      return out;
    }
    complained_.erase("scan");
    auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(clock_.Now().time_since_epoch()).count();
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (EndsWith(name, kSidecarSuffix)) continue;
      struct stat st {};
      if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      Found f{it->path(), fs::relative(it->path(), o_.watch_dir, ec).string(), st.st_size, MtimeNs(st), st.st_dev,
              st.st_ino};
      if (!Settled(f, now_ns)) {
        ++unsettled;  // still being written (or copied): next pass
        continue;
      }
      out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.rel < b.rel; });
    return out;
  }

  // Settled: modified at least `settle` ago, or (a camera clock ahead, a FAT time read in the wrong
  // zone) unchanged for `settle` on this machine's own clock.
  bool Settled(const Found& f, int64_t now_ns) {
    auto settle_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(o_.settle).count();
    if (now_ns - f.mtime_ns >= settle_ns) return true;
    MonoTime now = clock_.Monotonic();
    auto [it, fresh] = seen_.try_emplace(f.rel, Seen{f.size, f.mtime_ns, now});
    if (fresh || it->second.size != f.size || it->second.mtime_ns != f.mtime_ns) {
      it->second = Seen{f.size, f.mtime_ns, now};
      if (f.mtime_ns > now_ns + settle_ns)
        Complain("future:" + f.rel, f.rel + " 的修改时间晚于本机时间（执法记录仪时钟有误？），待其不再变化后上传");
      return false;
    }
    return now - it->second.since >= o_.settle;
  }

  // Logs `line` once until the condition `key` clears.
  void Complain(const std::string& key, const std::string& line) {
    if (complained_.insert(key).second) progress_.Log(line);
  }

  Outcome Process(const Found& f) {
    FileEntry fresh;
    fresh.path = f.rel;
    fresh.size = f.size;
    fresh.mtime_ns = f.mtime_ns;
    FileEntry e = state_.Load(fresh.Key()).value_or(fresh);
    if (e.status == FileStatus::kDone) {
      // Confirmed before a crash: delete it only if it still holds the confirmed bytes.
      int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
      struct stat st {};
      bool same = fd >= 0 && ::fstat(fd, &st) == 0 && Same(st, f);
      auto digest = same ? HashRange(fd, 0, f.size) : StatusOr<std::string>(Status::Internal("changed"));
      if (fd >= 0) ::close(fd);
      if (digest.ok() && ToHex(*digest) == e.sha256) return Remove(e, f);
      (void)state_.Remove(e.Key());  // another file under the same name, size and time: a new file
      return Outcome::kLeft;
    }
    std::string stamp = MetaStamp(f.path.string(), o_.defaults);
    if (e.status == FileStatus::kRefused) {
      if (e.meta_stamp == stamp) return Outcome::kLeft;  // reported already; waits for a new sidecar
      e = fresh;
    }
    auto meta = BuildFileMeta(f.path.string(), f.path.filename().string(), f.mtime_ns, o_.defaults);
    if (!meta.ok()) return Refuse(e, f, "附注文件有误：" + Describe(meta.status()), stamp);
    if (!meta->has_case)
      return Refuse(
          e, f, "未指定所属案件：请在附注文件 " + f.rel + kSidecarSuffix + " 中写明 case_id，或以 --case 指定", stamp);

    int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
      Complain("open:" + f.rel, "无法读取 " + f.rel + "：" + std::strerror(errno));
      return Outcome::kLeft;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !Same(st, f)) {  // replaced since the scan (by a FIFO, a link…): next pass
      ::close(fd);
      return Outcome::kLeft;
    }
    Outcome out = Upload(e, f, fd, *meta, stamp);
    ::close(fd);
    return out;
  }

  Outcome Upload(FileEntry& e, const Found& f, int fd, const FileMeta& meta, const std::string& stamp) {
    RunningDigest running;
    for (int attempt = 0; attempt < kAttemptsPerPass; ++attempt) {
      auto result = SendAndConfirm(e, f, fd, meta, running);
      if (result.ok()) return Confirmed(e, f, *result, stamp);
      const Status& s = result.status();
      if (s.error_code() == ErrorCode::kUnauthenticated) {
        progress_.Log("服务器拒绝了采集站令牌（已吊销或有误）：" + s.message() + "。请向管理员重新申领令牌。");
        fatal_ = kDockBadToken;
        return Outcome::kFatal;
      }
      if (s.code() == "tls_verify") {
        progress_.Log(s.message());
        fatal_ = kDockBadServerCertificate;
        return Outcome::kFatal;
      }
      if (s.error_code() == ErrorCode::kNotFound && !e.location.empty()) {
        progress_.Log(f.rel + "：服务器上的上传已过期或不存在，重新上传");
        e.location.clear();
        if (!Save(e)) return Outcome::kLeft;
        continue;
      }
      if (!Transient(s)) return Refuse(e, f, "服务器未接受：" + Describe(s), stamp);
      if (attempt + 1 == kAttemptsPerPass) break;
      auto wait = std::chrono::seconds(1 << attempt);
      progress_.Log(f.rel + "：" + s.message() + "；" + std::to_string(wait.count()) + " 秒后续传");
      clock_.SleepFor(wait);
    }
    progress_.Log(f.rel + "：暂未上传完成，稍后续传");
    return Outcome::kOffline;
  }

  // Creates the upload (once), sends what the server lacks, and reads how it was recorded.
  StatusOr<Json> SendAndConfirm(FileEntry& e, const Found& f, int fd, const FileMeta& meta, RunningDigest& running) {
    if (e.location.empty()) {
      QC_ASSIGN_OR_RETURN(e.location, tus_.Create(f.size, meta.pairs));
      if (!Save(e)) return Status::Internal("无法保存采集状态");
    }
    QC_ASSIGN_OR_RETURN(int64_t offset, tus_.Offset(e.location));
    if (offset == 0) {
      running.digest.emplace(crypto::DigestAlg::kSha256);
      running.at = 0;
    }
    if (offset < f.size) {
      progress_.Begin("上传", f.rel, f.size, offset);
      std::optional<crypto::DigestStream> from;
      if (running.digest && running.at == offset) from.emplace(*running.digest);
      std::future<PieceHash> pending = HashPiece(fd, offset, std::min(o_.chunk_size, f.size - offset), std::move(from));
      while (offset < f.size) {
        int64_t n = std::min(o_.chunk_size, f.size - offset);
        const int64_t base = offset;
        PieceHash piece = pending.get();
        if (!piece.sha256.ok()) {
          progress_.End();
          return Status::Unavailable("无法读取 " + f.rel + "：" + piece.sha256.status().message());
        }
        if (offset + n < f.size) {  // the next piece is hashed while this one is sent
          std::optional<crypto::DigestStream> after;
          if (piece.running) after.emplace(*piece.running);
          pending = HashPiece(fd, offset + n, std::min(o_.chunk_size, f.size - offset - n), std::move(after));
        }
        auto next =
            tus_.Patch(e.location, fd, offset, n, *piece.sha256, [&](int64_t sent) { progress_.Update(base + sent); });
        if (next.ok() && *next != offset + n)
          next = Status::Conflict("offset_mismatch", "服务器的偏移与本地不一致");  // the next piece's hash assumed it
        if (!next.ok()) {
          progress_.End();
          return next.status();  // a pending hash finishes in its future's destructor
        }
        if (piece.running) {  // the running digest goes on only once the piece has landed
          running.digest.emplace(*piece.running);
          running.at = *next;
        }
        offset = *next;
      }
      progress_.End();
    }
    if (e.sha256.empty()) {
      if (running.digest && running.at == f.size) {
        e.sha256 = ToHex(running.digest->Final());
      } else {  // resumed after a restart: the file's digest needs its own pass
        progress_.Begin("校验", f.rel, f.size, 0);
        auto digest = HashRange(fd, 0, f.size, nullptr, [&](int64_t done) { progress_.Update(done); });
        progress_.End();
        if (!digest.ok()) return Status::Unavailable("无法读取 " + f.rel + "：" + digest.status().message());
        e.sha256 = ToHex(*digest);
      }
      running.digest.reset();
      if (!Save(e)) return Status::Internal("无法保存采集状态");
    }
    for (int polls = 0;; ++polls) {
      QC_ASSIGN_OR_RETURN(Json d, tus_.Describe(e.location));
      std::string state = d.value("state", "");
      if (state == "refused" && d["error"].is_object() && d["error"].value("code", "") == "not_audio_video") {
        progress_.Log(f.rel + " 不是音视频文件，改作附件登记");
        QC_ASSIGN_OR_RETURN(d, tus_.RegisterAsAttachment(e.location));
        state = d.value("state", "");
      }
      if (state == "registered" || state == "refused") return d;
      if (polls >= 60) return Status::Unavailable("服务器尚未完成登记");
      clock_.SleepFor(std::chrono::seconds(1));  // "complete": being registered
    }
  }

  Outcome Confirmed(FileEntry& e, const Found& f, const Json& d, const std::string& stamp) {
    if (d.value("state", "") != "registered") {
      const Json err = d.contains("error") ? d.at("error") : Json();
      std::string why = err.is_object() ? err.value("message", "") + "（" + err.value("code", "") + "）" : "未登记";
      e.location.clear();  // a refused upload is spent: a retry starts a new one
      return Refuse(e, f, "服务器未登记：" + why, stamp);
    }
    if (d.value("sha256", "") != e.sha256 || d.value("length", int64_t{-1}) != f.size) {
      e.location.clear();
      return Refuse(e, f,
                    "服务器登记的摘要与本地文件不一致（本地 " + e.sha256 + "，服务器 " + d.value("sha256", "") +
                        "），保留本地文件",
                    stamp);
    }
    struct stat st {};
    if (::lstat(f.path.c_str(), &st) != 0 || !Same(st, f)) {
      // What the server holds is the file as it was; the file as it is now is a new file (a new key).
      progress_.Log(f.rel + " 在上传期间被修改：服务器已登记修改前的内容（记录 " + d.value("record_id", "") +
                    "），本地文件保留，将作为新文件上传");
      (void)state_.Remove(e.Key());
      return Outcome::kLeft;
    }
    e.status = FileStatus::kDone;
    e.record_id = d.value("record_id", "");
    if (!Save(e)) return Outcome::kLeft;
    progress_.Log("已登记 " + f.rel + "：记录 " + e.record_id + "，SHA-256 " + e.sha256 + "（与服务器一致），SM3 " +
                  d.value("sm3", ""));
    return Remove(e, f);
  }

  // The server holds the file with the same digest: the local copy (and its sidecar) go.
  Outcome Remove(FileEntry& e, const Found& f) {
    struct stat st {};
    if (::lstat(f.path.c_str(), &st) != 0 || !Same(st, f)) return Outcome::kLeft;  // not the file confirmed
    if (::unlink(f.path.c_str()) != 0 && errno != ENOENT) {
      Complain("unlink:" + e.Key(), "已登记但无法删除本地文件 " + f.rel + "：" + std::strerror(errno));
      return Outcome::kLeft;
    }
    ::unlink((f.path.string() + kSidecarSuffix).c_str());
    int dir = ::open(f.path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
    Status s = state_.AppendDone({{"path", e.path},
                                  {"size", e.size},
                                  {"sha256", e.sha256},
                                  {"record_id", e.record_id},
                                  {"upload", e.location},
                                  {"deleted_at", FormatRfc3339(clock_.Now())}});
    if (s.ok()) s = state_.Remove(e.Key());
    if (!s.ok()) progress_.Log("采集状态写入失败：" + s.message());
    progress_.Log("已删除本地文件 " + f.rel);
    return Outcome::kDone;
  }

  Outcome Refuse(FileEntry& e, const Found& f, const std::string& why, const std::string& stamp) {
    e.status = FileStatus::kRefused;
    e.error = why;
    e.meta_stamp = stamp;
    Save(e);
    progress_.Log("未上传 " + f.rel + "：" + why + "。本地文件保留；修改附注文件 " + f.rel + kSidecarSuffix +
                  " 后将重试。");
    return Outcome::kLeft;
  }

  bool Save(const FileEntry& e) {
    Status s = state_.Save(e);
    if (!s.ok()) progress_.Log("采集状态写入失败：" + s.message());
    return s.ok();
  }

  const DockOptions& o_;
  const Clock& clock_;
  DockState state_;
  Progress& progress_;
  http::HttpClient http_;
  TusClient tus_;
  std::set<std::string> complained_;
  struct Seen {
    int64_t size, mtime_ns;
    MonoTime since;
  };
  std::map<std::string, Seen> seen_;  // files not yet settled by their modification time
  int fatal_ = 0;
};

}  // namespace

int RunDock(const DockOptions& options, const Clock& clock, std::ostream& out, bool tty) {
  Progress progress(out, tty, clock);
  std::error_code ec;
  if (!fs::is_directory(options.watch_dir, ec) && !options.once) {
    progress.Log("监视目录 " + options.watch_dir + " 尚不存在，等待挂载");
  } else if (!fs::is_directory(options.watch_dir, ec)) {
    progress.Log("错误：监视目录不存在：" + options.watch_dir);
    return 2;
  }
  if (Within(options.state_dir, options.watch_dir)) {
    progress.Log("错误：状态目录 " + options.state_dir + " 不能在监视目录 " + options.watch_dir + " 之内");
    return 2;
  }
  auto state = DockState::Open(options.state_dir);
  if (!state.ok()) {
    progress.Log("错误：" + state.status().message());
    return 2;
  }
  Agent agent(options, clock, std::move(*state), progress);
  progress.Log("采集站开始工作：监视 " + options.watch_dir + "，服务器 " + options.server.ToString() + "，执法记录仪 " +
               options.defaults.device);
  for (;;) {
    int left = agent.Pass();
    if (left < 0) return agent.fatal();
    if (options.once) return left == 0 ? kDockOk : kDockFilesLeft;
    clock.SleepFor(options.interval);
  }
}

}  // namespace qc::dock
