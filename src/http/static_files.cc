#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/router.h"

namespace qc::http {
namespace {

namespace fs = std::filesystem;

const char* ContentType(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// A path StaticFiles may look up: absolute, no "..", no hidden segment, no backslash or NUL.
bool SafePath(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  std::istringstream segments(path.substr(1));
  for (std::string seg; std::getline(segments, seg, '/');)
    if (!seg.empty() && seg[0] == '.') return false;  // "..", ".env", ".git"
  return true;
}

Response NotFound(const std::string& what) { return ErrorResponse(Status::NotFound("文件不存在：" + what)); }

}  // namespace

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  if (root.empty()) return;
  fs::path canonical = fs::weakly_canonical(root, ec);
  if (!ec) root_ = canonical.string();
}

Response StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET") {
    Response r = ErrorResponse(Status::Make(ErrorCode::kInvalidArgument, "method_not_allowed", "不支持该请求方法"));
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  std::error_code ec;
  if (root_.empty() || !fs::is_regular_file(fs::path(root_) / "index.html", ec))
    return ErrorResponse(Status::NotFound("前端尚未构建：请运行 ./run.sh（或在 web/ 中运行 npm ci && npm run build）"));
  if (!SafePath(req.path)) return NotFound(req.path);
  std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
  fs::path file = fs::path(root_) / rel;
  bool found = fs::is_regular_file(file, ec);
  if (found) {
    // Symbolic links must not lead out of the root.
    fs::path real = fs::canonical(file, ec);
    found = !ec && real.string().rfind(root_ + "/", 0) == 0;
  }
  if (!found) {
    // The application's own routes (/cases/…) get index.html; a missing file with an extension is 404.
    std::string last = req.path.substr(req.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return NotFound(req.path);
    file = fs::path(root_) / "index.html";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound(req.path);
  std::ostringstream body;
  body << in.rdbuf();
  Response r;
  r.content_type = ContentType(file.extension().string());
  r.body = body.str();
  bool hashed = found && req.path.rfind("/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace qc::http
