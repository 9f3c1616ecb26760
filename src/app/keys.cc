#include "app/keys.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <fstream>
#include <sstream>

namespace qc::app {
namespace {

namespace fs = std::filesystem;
using crypto::SignatureAlgorithm;

struct KeyFiles {
  SignatureAlgorithm algorithm;
  const char* stem;
};
constexpr KeyFiles kKeyFiles[] = {{SignatureAlgorithm::kEd25519, "checkpoint-ed25519"},
                                  {SignatureAlgorithm::kSm2Sm3, "checkpoint-sm2"}};

StatusOr<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound("无法读取 " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `data` to `p` with `mode` via a temporary file, fsync and rename: never a partial key file.
Status WriteFileDurably(const fs::path& p, const std::string& data, mode_t mode) {
  fs::path tmp = p;
  tmp += ".tmp";
  ::unlink(tmp.c_str());  // a leftover (or planted link) is removed, never written through
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return Status::Internal("无法写入 " + tmp.string());
  bool ok = ::fchmod(fd, mode) == 0 && ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) &&
            ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), p.c_str()) != 0) return Status::Internal("无法写入 " + p.string());
  return Status();
}

Status SyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::Internal("无法打开目录 " + dir.string());
  ::fsync(fd);
  ::close(fd);
  return Status();
}

}  // namespace

std::vector<ledger::NoteVerifier> LedgerKeys::Verifiers() const {
  std::vector<ledger::NoteVerifier> out;
  for (const auto& s : signers) out.push_back(s.Verifier());
  return out;
}

// An exclusive lock on keys/.lock while the keys are looked at and perhaps made: two processes
// starting on a fresh directory (the server and `user add`) never make two key pairs.
class KeysLock {
 public:
  explicit KeysLock(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    ::chmod(dir.c_str(), 0700);
    fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~KeysLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

StatusOr<LedgerKeys> LoadOrCreateLedgerKeys(const std::string& keys_dir, const std::string& origin, bool may_create) {
  fs::path dir(keys_dir);
  KeysLock lock(dir);
  if (!lock.ok()) return Status::Internal("无法锁定密钥目录 " + keys_dir);
  int present = 0;
  for (const auto& k : kKeyFiles) present += fs::exists(dir / (std::string(k.stem) + ".pem"));
  if (present == 0 && may_create) {
    QC_RETURN_IF_ERROR(ledger::CheckKeyName(origin));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::Internal("无法创建密钥目录 " + keys_dir);
    ::chmod(dir.c_str(), 0700);
    for (const auto& k : kKeyFiles) {
      QC_ASSIGN_OR_RETURN(crypto::SigningKey key, crypto::SigningKey::Generate(k.algorithm));
      ledger::NoteSigner signer{origin, key};
      QC_RETURN_IF_ERROR(WriteFileDurably(dir / (std::string(k.stem) + ".pem"), key.ToPem(), 0600));
      QC_RETURN_IF_ERROR(
          WriteFileDurably(dir / (std::string(k.stem) + ".vkey"), signer.Verifier().Encode() + "\n", 0644));
    }
    QC_RETURN_IF_ERROR(SyncDir(dir));
  } else if (present != 2) {
    return Status::Internal("检查点签名密钥不完整：" + keys_dir +
                            " 中应有 checkpoint-ed25519.pem 与 checkpoint-sm2.pem");
  }
  LedgerKeys keys;
  for (const auto& k : kKeyFiles) {
    QC_ASSIGN_OR_RETURN(std::string pem, ReadFile(dir / (std::string(k.stem) + ".pem")));
    QC_ASSIGN_OR_RETURN(crypto::SigningKey key, crypto::SigningKey::FromPem(pem));
    if (key.algorithm() != k.algorithm) return Status::Internal(std::string(k.stem) + ".pem 的算法不符");
    QC_ASSIGN_OR_RETURN(std::string vkey, ReadFile(dir / (std::string(k.stem) + ".vkey")));
    QC_ASSIGN_OR_RETURN(ledger::NoteVerifier v, ledger::NoteVerifier::Parse(vkey));
    ledger::NoteSigner signer{v.name, key};
    if (signer.Verifier().Encode() != v.Encode()) return Status::Internal(std::string(k.stem) + ".vkey 与私钥不匹配");
    keys.signers.push_back(std::move(signer));
  }
  return keys;
}

StatusOr<std::vector<ledger::NoteVerifier>> LoadVerifierKeys(const std::string& keys_dir) {
  std::vector<ledger::NoteVerifier> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(keys_dir, ec)) {
    if (entry.path().extension() != ".vkey") continue;
    QC_ASSIGN_OR_RETURN(auto keys, ReadVerifierKeys(entry.path().string()));
    out.insert(out.end(), keys.begin(), keys.end());
  }
  if (ec) return Status::NotFound("无法读取密钥目录 " + keys_dir);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.algorithm, a.id) < std::tie(b.name, b.algorithm, b.id);
  });
  return out;
}

StatusOr<std::vector<ledger::NoteVerifier>> ReadVerifierKeys(const std::string& key_or_path) {
  std::string text = key_or_path;
  if (key_or_path.find('+') == std::string::npos || fs::exists(key_or_path)) {
    QC_ASSIGN_OR_RETURN(text, ReadFile(key_or_path));
  }
  std::vector<ledger::NoteVerifier> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    QC_ASSIGN_OR_RETURN(auto v, ledger::NoteVerifier::Parse(line));
    out.push_back(std::move(v));
  }
  if (out.empty()) return Status::InvalidArgument("invalid_key", "没有找到公钥：" + key_or_path, "key");
  return out;
}

}  // namespace qc::app
