// What a collection station remembers between runs, on disk under its state directory:
//
//   <state>/lock              held (flock) while an agent runs: one agent per state directory
//   <state>/files/<key>.json  one per file being uploaded: its upload URL (then its SHA-256)
//   <state>/done.log          one JSON line per file the server confirmed (then deleted locally)
//
// Each entry is written to a temporary file, fsynced and renamed, so a kill at any point leaves the
// old entry or the new one. The key is derived from the file's path, size and modification time: a
// file rewritten under the same name is a new file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/canonical_json.h"
#include "common/status.h"

namespace qc::dock {

// Where a file stands: being uploaded (and registered), refused by the server or the agent, or done
// (registered on the server, then deleted locally). The wire names are what the entry files hold.
enum class FileStatus { kUploading, kRefused, kDone };
std::string_view ToString(FileStatus s);
std::optional<FileStatus> ParseFileStatus(std::string_view s);

struct FileEntry {
  std::string path;  // relative to the watched directory
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string sha256;    // hex, of the local file, once every byte has been read
  std::string location;  // the upload's path on the server, once created
  FileStatus status = FileStatus::kUploading;
  std::string error;       // refused: the server's (or the agent's) reason
  std::string meta_stamp;  // refused: what the metadata was made from; a change retries the file
  std::string record_id;   // done: the registered record

  std::string Key() const;
  Json ToJson() const;
  static StatusOr<FileEntry> FromJson(const Json& j);
};

class DockState {
 public:
  // Creates the directory if needed and takes the lock (FailedPrecondition-like kConflict when
  // another agent holds it).
  static StatusOr<DockState> Open(const std::string& dir);
  DockState(DockState&& other) noexcept;
  DockState& operator=(DockState&&) = delete;
  ~DockState();

  std::optional<FileEntry> Load(const std::string& key) const;
  Status Save(const FileEntry& e) const;
  Status Remove(const std::string& key) const;
  Status AppendDone(const Json& line) const;

 private:
  DockState(std::string dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}
  std::string dir_;
  int lock_fd_ = -1;
};

}  // namespace qc::dock
