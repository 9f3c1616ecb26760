#include "blob/content_hasher.h"

#include "common/hex.h"

namespace qc::blob {

ContentHasher::ContentHasher() : thread_([this] { Loop(); }) {}

ContentHasher::~ContentHasher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContentHasher::Loop() {
  for (;;) {
    std::string chunk;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;  // done and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    cv_.notify_all();  // room for the producer
    sm3_.Update(chunk);
    std::lock_guard<std::mutex> lock(mu_);
    if (!trim_) spare_.push_back(std::move(chunk));
  }
}

void ContentHasher::Trim() {
  std::lock_guard<std::mutex> lock(mu_);
  trim_ = true;
  spare_.clear();
  spare_.shrink_to_fit();
}

void ContentHasher::Update(std::string_view data) {
  if (data.empty()) return;
  size_ += data.size();
  std::string buf;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    trim_ = false;
    if (!spare_.empty()) {
      buf = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  buf.assign(data.data(), data.size());  // copied outside the lock
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(buf));
  }
  cv_.notify_all();
  sha256_.Update(data);
}

ContentDigests ContentHasher::Final() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  return {ToHex(sha256_.Final()), ToHex(sm3_.Final()), size_};
}

StatusOr<ContentDigests> HashAll(ByteReader& in) {
  ContentHasher h;
  std::string buf(size_t{1} << 20, '\0');
  for (;;) {
    QC_ASSIGN_OR_RETURN(size_t n, in.Read(buf.data(), buf.size()));
    if (n == 0) break;
    h.Update(std::string_view(buf.data(), n));
  }
  return h.Final();
}

}  // namespace qc::blob
