// Login, sessions and logout (auth.cc). Tokens are 256-bit random values; only their SHA-256 is
// stored. Failed logins are throttled per username and per client (sessions.h: LoginThrottle).
//
//   auto login = app.auth().Login("officer1", password, client_ip);   // token, user, expiry
//   auto actor = app.auth().Authenticate(login->token);                 // StatusOr<Actor>
#pragma once

#include <string>

#include "app/context.h"

namespace qc::app {

class AuthService {
 public:
  explicit AuthService(AppContext& ctx) : ctx_(ctx), throttle_(ctx.clock) {}

  struct LoginResult {
    std::string token;
    Json user;
    TimePoint expires_at;
  };
  StatusOr<LoginResult> Login(const std::string& username, const std::string& password, const std::string& client);
  StatusOr<domain::Actor> Authenticate(const std::string& token);
  // Seconds before this username or client may try to log in again (0: now).
  int64_t LoginRetryAfter(const std::string& username, const std::string& client) const;
  Status Logout(const std::string& token);

 private:
  // Ends a session in memory and in the database.
  Status ForgetSession(const std::string& token_hash);

  AppContext& ctx_;
  LoginThrottle throttle_;
};

}  // namespace qc::app
