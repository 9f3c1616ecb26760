// Session bookkeeping and login throttling, in memory and driven by the injected Clock so that
// expiry and back-off are testable to the millisecond. AuthService persists sessions (by token hash) so a
// restart does not log everyone out; these classes hold no secrets beyond SHA-256 token hashes.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace qc::app {

class SessionStore {
 public:
  struct Session {
    std::string user_id;
    TimePoint absolute_expiry;  // never extended
    TimePoint idle_expiry;      // extended on every use
    TimePoint persisted_seen;   // last use written to the database
  };
  // What Touch() found.
  struct Touched {
    enum State { kLive, kExpired, kUnknown } state = kUnknown;
    std::string user_id;
    // The last use is worth persisting (a minute or more since the last write), so that a restart
    // does not grant a fresh idle window to a session that was idle before it.
    bool persist_last_seen = false;
  };
  static constexpr std::chrono::minutes kPersistEvery{1};
  SessionStore(const Clock& clock, std::chrono::milliseconds idle, std::chrono::milliseconds absolute)
      : clock_(clock), idle_(idle), absolute_(absolute) {}

  Session Create(const std::string& token_hash, const std::string& user_id);
  // Restores a persisted session: its idle window runs from its last persisted use. Refused (false)
  // when the token was removed, or its user's sessions revoked, after it was created — a request
  // racing a logout must not bring the session back from a row read just before its deletion.
  bool Restore(const std::string& token_hash, const std::string& user_id, TimePoint absolute_expiry,
               TimePoint last_seen, TimePoint created_at);
  // Looks a session up. A live one has its idle window extended; an expired one is forgotten.
  Touched Touch(const std::string& token_hash);
  bool Known(const std::string& token_hash) const;
  // Ends a session; it cannot be restored afterwards.
  void Remove(const std::string& token_hash);
  // Ends every session of the user that exists now; none of them can be restored afterwards.
  void RemoveUser(const std::string& user_id);

 private:
  void SweepLocked(TimePoint now);  // drops expired sessions and tombstones; mu_ held
  const Clock& clock_;
  std::chrono::milliseconds idle_, absolute_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Session> sessions_;
  std::unordered_map<std::string, TimePoint> removed_;        // token hash -> kept until (tombstones)
  std::unordered_map<std::string, TimePoint> revoked_users_;  // user id -> sessions created before are void
  size_t creates_since_sweep_ = 0;
};

// Repeated failed logins are slowed down: after kFreeFailures consecutive failures for one key
// (a username, or a client address), each further attempt must wait 2^(n - kFreeFailures) seconds,
// at most kMaxDelay. A success clears the key.
class LoginThrottle {
 public:
  static constexpr int kFreeFailures = 5;
  static constexpr std::chrono::seconds kMaxDelay{15 * 60};
  static constexpr size_t kMaxEntries = 100000;
  explicit LoginThrottle(const Clock& clock) : clock_(clock) {}

  // Seconds to wait before `key` may try again, 0 when it may try now.
  int64_t RetryAfter(const std::string& key) const;
  // Atomically: the seconds to wait when any of `keys` is blocked (nothing counted); else 0, and the
  // attempt is counted as a failure of every key before the password is checked, so that parallel
  // guesses cannot all pass the check before the first of them fails. A success then calls Succeeded
  // or Forgive for each key.
  int64_t Begin(std::initializer_list<std::string> keys);
  void Failed(const std::string& key);
  // Clears the key's failures (the account logged in).
  void Succeeded(const std::string& key);
  // Takes back the failure that Begin counted for a successful attempt, keeping earlier ones.
  void Forgive(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    TimePoint blocked_until;
  };
  int64_t RetryAfterLocked(const std::string& key) const;
  void FailedLocked(const std::string& key);
  const Clock& clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace qc::app
