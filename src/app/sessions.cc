#include "app/sessions.h"

#include <algorithm>

namespace qc::app {

SessionStore::Session SessionStore::Create(const std::string& token_hash, const std::string& user_id) {
  TimePoint now = clock_.Now();
  Session s{user_id, now + absolute_, std::min(now + idle_, now + absolute_), now};
  std::lock_guard<std::mutex> lock(mu_);
  if (++creates_since_sweep_ >= 1024) SweepLocked(now);
  sessions_[token_hash] = s;
  return s;
}

bool SessionStore::Restore(const std::string& token_hash, const std::string& user_id, TimePoint absolute_expiry,
                           TimePoint last_seen, TimePoint created_at) {
  std::lock_guard<std::mutex> lock(mu_);
  if (removed_.count(token_hash)) return false;
  if (auto it = revoked_users_.find(user_id); it != revoked_users_.end() && created_at <= it->second) return false;
  sessions_[token_hash] = {user_id, absolute_expiry, std::min(last_seen + idle_, absolute_expiry), last_seen};
  return true;
}

void SessionStore::SweepLocked(TimePoint now) {
  creates_since_sweep_ = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = now >= it->second.idle_expiry || now >= it->second.absolute_expiry ? sessions_.erase(it) : std::next(it);
  for (auto it = removed_.begin(); it != removed_.end();) it = now >= it->second ? removed_.erase(it) : std::next(it);
  // A session created before a revocation has expired once `absolute_` has passed since it.
  for (auto it = revoked_users_.begin(); it != revoked_users_.end();)
    it = now >= it->second + absolute_ ? revoked_users_.erase(it) : std::next(it);
}

SessionStore::Touched SessionStore::Touch(const std::string& token_hash) {
  TimePoint now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return {};
  Session& s = it->second;
  if (now >= s.idle_expiry || now >= s.absolute_expiry) {
    Touched t{Touched::kExpired, s.user_id, false};
    sessions_.erase(it);
    return t;
  }
  s.idle_expiry = std::min(now + idle_, s.absolute_expiry);
  bool persist = now - s.persisted_seen >= kPersistEvery;
  if (persist) s.persisted_seen = now;
  return {Touched::kLive, s.user_id, persist};
}

bool SessionStore::Known(const std::string& token_hash) const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.count(token_hash) > 0;
}

void SessionStore::Remove(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(token_hash);
  removed_[token_hash] = clock_.Now() + absolute_;  // no session outlives this
}

void SessionStore::RemoveUser(const std::string& user_id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = it->second.user_id == user_id ? sessions_.erase(it) : std::next(it);
  revoked_users_[user_id] = clock_.Now();
}

int64_t LoginThrottle::RetryAfter(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  return RetryAfterLocked(key);
}

int64_t LoginThrottle::RetryAfterLocked(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  auto wait = it->second.blocked_until - clock_.Now();
  if (wait.count() <= 0) return 0;
  return (wait.count() + 999) / 1000;
}

int64_t LoginThrottle::Begin(std::initializer_list<std::string> keys) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t wait = 0;
  for (const auto& k : keys) wait = std::max(wait, RetryAfterLocked(k));
  if (wait > 0) return wait;
  for (const auto& k : keys) FailedLocked(k);
  return 0;
}

void LoginThrottle::Failed(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  FailedLocked(key);
}

void LoginThrottle::FailedLocked(const std::string& key) {
  if (entries_.size() >= kMaxEntries && !entries_.count(key)) {
    // Bounded memory under a spray of usernames: forget keys that are not blocked right now.
    TimePoint now = clock_.Now();
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.blocked_until <= now ? entries_.erase(it) : std::next(it);
  }
  Entry& e = entries_[key];
  e.failures++;
  if (e.failures >= kFreeFailures) {
    int shift = std::min(e.failures - kFreeFailures, 20);
    auto delay = std::min<std::chrono::milliseconds>(std::chrono::seconds(int64_t{1} << shift), kMaxDelay);
    e.blocked_until = clock_.Now() + delay;
  }
}

void LoginThrottle::Succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

void LoginThrottle::Forgive(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  if (--it->second.failures <= 0) {
    entries_.erase(it);
  } else if (it->second.failures < kFreeFailures) {
    it->second.blocked_until = TimePoint{};
  }
}

}  // namespace qc::app
