// Login, sessions and logout. Tokens are 256-bit random values; only their SHA-256 is stored.
#include <algorithm>

#include "app/auth.h"
#include "app/directory.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "crypto/password.h"
#include "store/directory_repo.h"
#include "store/session_repo.h"

namespace qc::app {

using domain::Actor;

namespace {

std::string TokenHash(const std::string& token) { return ToHex(crypto::Sha256(token)); }

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Verifying against this keeps the time of "no such user" close to that of "wrong password".
const std::string& DummyHash() {
  static const std::string h = crypto::HashPassword("not-a-real-password-Qc1!").value();
  return h;
}

}  // namespace

int64_t AuthService::LoginRetryAfter(const std::string& username, const std::string& client) const {
  return std::max(throttle_.RetryAfter("u:" + Lower(username)), throttle_.RetryAfter("c:" + client));
}

StatusOr<AuthService::LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                                      const std::string& client) {
  const std::string user_key = "u:" + Lower(username), client_key = "c:" + client;
  int64_t wait = throttle_.Begin({user_key, client_key});  // counted as failed until it succeeds
  if (wait > 0)
    return Status::ResourceExhausted("too_many_attempts", "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试");
  std::string user_id, hash;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(auto cred, store::FindLoginCredential(*db, username));
    if (cred) {
      user_id = cred->user_id;
      hash = cred->password_hash;
    }
  }
  bool ok = crypto::VerifyPassword(password, hash.empty() ? DummyHash() : hash) && !hash.empty();
  if (!ok) return Status::Unauthenticated("用户名或密码错误");  // Begin counted the failure
  // Only the account's counter is cleared: one good login must not reset an address that has been
  // guessing at other accounts (the address only has this attempt taken back).
  throttle_.Succeeded(user_key);
  throttle_.Forgive(client_key);

  QC_ASSIGN_OR_RETURN(Actor actor, ctx_.LoadActor(user_id));
  std::string token = ToHex(crypto::RandomBytes(32));
  std::string th = TokenHash(token);
  SessionStore::Session session = ctx_.sessions.Create(th, user_id);
  int64_t now_ms = ctx_.clock.Now().time_since_epoch().count();
  QC_RETURN_IF_ERROR(ctx_.writer->Run([&](store::WriteTx& tx) -> Status {
    QC_RETURN_IF_ERROR(store::InsertSession(
        tx.db(), {th, user_id, now_ms, now_ms, session.absolute_expiry.time_since_epoch().count()}));
    return store::PurgeSessionsExpiredBy(tx.db(), now_ms);
  }));
  return LoginResult{token, UserJson(actor), session.absolute_expiry};
}

StatusOr<Actor> AuthService::Authenticate(const std::string& token) {
  if (token.empty()) return Status::Unauthenticated("请先登录");
  std::string th = TokenHash(token);
  SessionStore::Touched t = ctx_.sessions.Touch(th);
  if (t.state != SessionStore::Touched::kExpired) {
    // The row is the authority: `quancheng user passwd` in another process ends sessions by deleting
    // their rows, and a session not in memory (from before a restart) is restored from its row.
    std::optional<store::SessionRow> row;
    {
      auto db = ctx_.reads->Acquire();
      QC_ASSIGN_OR_RETURN(row, store::FindSession(*db, th));
    }
    if (!row) {
      if (t.state == SessionStore::Touched::kLive) ctx_.sessions.Remove(th);
      return Status::Unauthenticated("登录已过期，请重新登录");
    }
    bool restored = false;
    if (t.state == SessionStore::Touched::kUnknown) {
      auto ms = [](int64_t v) { return TimePoint(std::chrono::milliseconds(v)); };
      restored =
          ctx_.sessions.Restore(th, row->user_id, ms(row->expires_ms), ms(row->last_seen_ms), ms(row->created_ms));
    }
    if (restored) t = ctx_.sessions.Touch(th);
  }
  if (t.state == SessionStore::Touched::kExpired) {
    (void)ForgetSession(th);
    return Status::Unauthenticated("登录已过期，请重新登录");
  }
  if (t.state != SessionStore::Touched::kLive) return Status::Unauthenticated("登录已过期，请重新登录");
  if (t.persist_last_seen) {
    int64_t now_ms = ctx_.clock.Now().time_since_epoch().count();
    (void)ctx_.writer->Run([&](store::WriteTx& tx) { return store::TouchSession(tx.db(), th, now_ms); });
  }
  auto actor = ctx_.LoadActor(t.user_id);
  if (!actor.ok() && actor.status().error_code() == ErrorCode::kNotFound) {
    (void)ForgetSession(th);
    return Status::Unauthenticated("账号已停用，请联系管理员");
  }
  return actor;  // other failures (a busy database) pass through and keep the session
}

Status AuthService::ForgetSession(const std::string& token_hash) {
  ctx_.sessions.Remove(token_hash);  // also a tombstone: a racing request cannot restore it from the row
  return ctx_.writer->Run([&](store::WriteTx& tx) { return store::DeleteSession(tx.db(), token_hash); });
}

Status AuthService::Logout(const std::string& token) { return ForgetSession(TokenHash(token)); }

}  // namespace qc::app
