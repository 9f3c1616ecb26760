#include "app/catalogue.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qc::app {

namespace fs = std::filesystem;

StatusOr<domain::Catalogue> LoadCatalogue(const std::string& dir) {
  if (dir.empty()) return domain::Catalogue::Load(BuiltInCatalogue());
  std::vector<domain::CatalogueFile> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return Status::Internal("无法读取文书目录文件 " + entry.path().string());
    files.push_back({entry.path().filename().string(), text.str()});
  }
  if (ec) return Status::InvalidArgument("invalid_catalogue", "无法读取文书目录 " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return domain::Catalogue::Load(files);
}

}  // namespace qc::app
