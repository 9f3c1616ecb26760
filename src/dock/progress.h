// How the collection station shows what it does: on a terminal, one progress bar per file redrawn in
// place (at most ten times a second); otherwise (a service, a log file) a timestamped line when a file
// starts, at every tenth of it or every 30 seconds, and when it ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "common/clock.h"

namespace qc::dock {

class Progress {
 public:
  Progress(std::ostream& out, bool tty, const Clock& clock) : out_(out), tty_(tty), clock_(clock) {}

  // A log line (clears a bar being drawn first).
  void Log(const std::string& line);
  // A file's bytes from `already` (resumed) to `total`; `verb` says what is done to them.
  void Begin(const std::string& verb, const std::string& name, int64_t total, int64_t already);
  void Update(int64_t done);
  void End();

  // "12.3 MB", "1.50 GB": decimal units, as disks and networks count.
  static std::string Bytes(int64_t n);
  // The bar line without its leading "\r": "name [#####-----]  45%  46.1 MB/102.4 MB  12.3 MB/s".
  static std::string Bar(const std::string& name, int64_t done, int64_t total, double bytes_per_second, int width = 24);

 private:
  void Line(const std::string& text);
  double Rate() const;

  std::ostream& out_;
  bool tty_;
  const Clock& clock_;
  bool active_ = false, drawn_ = false;
  std::string verb_, name_;
  int64_t total_ = 0, start_bytes_ = 0, done_ = 0;
  int next_tenth_ = 1;
  MonoTime started_, last_draw_, last_line_;
};

}  // namespace qc::dock
