// The built web application (web/dist) served at "/", next to the API under /api/v1:
//   /assets/<name>-<hash>.js|css|…   Cache-Control: public, max-age=31536000, immutable
//   /index.html and other files       Cache-Control: no-cache (revalidated, so a new build shows)
//   any other path without a dot      index.html (the single-page application's own routes)
// Only GET. Paths with "..", hidden segments or backslashes, and files reached through a symbolic
// link out of the root, are refused.
#pragma once

#include <string>

#include "http/message.h"

namespace qc::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // empty: no web application
  Response Serve(const Request& req) const;

 private:
  std::string root_;  // canonical, without a trailing slash
};

// True for paths the API owns ("/api" and below): never answered by StaticFiles.
bool IsApiPath(const std::string& path);

}  // namespace qc::http
