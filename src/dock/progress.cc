#include "dock/progress.h"

#include <algorithm>
#include <cstdio>

namespace qc::dock {

std::string Progress::Bytes(int64_t n) {
  char buf[32];
  if (n < 1000)
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(n));
  else if (n < 1000 * 1000)
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(n) / 1e3);
  else if (n < int64_t{1000} * 1000 * 1000)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(n) / 1e9);
  return buf;
}

std::string Progress::Bar(const std::string& name, int64_t done, int64_t total, double bytes_per_second, int width) {
  double frac = total > 0 ? std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0) : 1.0;
  int filled = static_cast<int>(frac * width);
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(frac * 100));
  std::string bar = name + " [" + std::string(static_cast<size_t>(filled), '#') +
                    std::string(static_cast<size_t>(width - filled), '-') + "] " + pct + "  " + Bytes(done) + "/" +
                    Bytes(total);
  if (bytes_per_second > 0) bar += "  " + Bytes(static_cast<int64_t>(bytes_per_second)) + "/s";
  return bar;
}

void Progress::Line(const std::string& text) {
  out_ << FormatRfc3339(clock_.Now()) << " " << text << "\n" << std::flush;
}

void Progress::Log(const std::string& line) {
  if (tty_ && drawn_) {
    out_ << "\r\033[K";
    drawn_ = false;
  }
  Line(line);
}

double Progress::Rate() const {
  double secs = std::chrono::duration<double>(clock_.Monotonic() - started_).count();
  return secs > 0.2 ? static_cast<double>(done_ - start_bytes_) / secs : 0;
}

void Progress::Begin(const std::string& verb, const std::string& name, int64_t total, int64_t already) {
  active_ = true;
  verb_ = verb;
  name_ = name;
  total_ = total;
  start_bytes_ = done_ = already;
  started_ = last_draw_ = last_line_ = clock_.Monotonic();
  next_tenth_ = total > 0 ? static_cast<int>(already * 10 / total) + 1 : 10;
  if (!tty_) {
    Line(verb + " " + name + (already > 0 ? "：从 " + Bytes(already) + " 处续传，共 " : "：共 ") + Bytes(total));
  } else {
    Update(already);
  }
}

void Progress::Update(int64_t done) {
  if (!active_) return;
  done_ = done;
  auto now = clock_.Monotonic();
  if (tty_) {
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done < total_) return;
    out_ << "\r\033[K" << verb_ << " " << Bar(name_, done, total_, Rate()) << std::flush;
    drawn_ = true;
    last_draw_ = now;
    return;
  }
  bool tenth = total_ > 0 && done * 10 >= static_cast<int64_t>(next_tenth_) * total_ && done < total_;
  if (tenth || now - last_line_ >= std::chrono::seconds(30)) {
    int pct = total_ > 0 ? static_cast<int>(done * 100 / total_) : 100;
    Line(verb_ + " " + name_ + " " + std::to_string(pct) + "%（" + Bytes(done) + "/" + Bytes(total_) +
         (Rate() > 0 ? "，" + Bytes(static_cast<int64_t>(Rate())) + "/s" : "") + "）");
    last_line_ = now;
    if (total_ > 0) next_tenth_ = static_cast<int>(done * 10 / total_) + 1;
  }
}

void Progress::End() {
  if (!active_) return;
  if (tty_ && drawn_) {
    out_ << "\n" << std::flush;
    drawn_ = false;
  }
  active_ = false;
}

}  // namespace qc::dock
