#include "common/canonical_json.h"

namespace qc {
namespace {

Status CheckCanonicalizable(const Json& j, const std::string& path) {
  switch (j.type()) {
    case Json::value_t::number_float: return Status::InvalidArgument("invalid_field", "只允许整数，不允许小数", path);
    case Json::value_t::binary:
    case Json::value_t::discarded: return Status::InvalidArgument("invalid_field", "不支持的 JSON 值", path);
    case Json::value_t::object:
      for (auto it = j.begin(); it != j.end(); ++it) {
        for (unsigned char c : it.key())
          if (c >= 0x80) return Status::InvalidArgument("invalid_field", "字段名只能使用 ASCII 字符", path);
        QC_RETURN_IF_ERROR(CheckCanonicalizable(*it, path.empty() ? it.key() : path + "." + it.key()));
      }
      return Status();
    case Json::value_t::array: {
      size_t i = 0;
      for (const auto& e : j) QC_RETURN_IF_ERROR(CheckCanonicalizable(e, path + "[" + std::to_string(i++) + "]"));
      return Status();
    }
    default: return Status();
  }
}

}  // namespace

StatusOr<std::string> CanonicalJson(const Json& j) {
  QC_RETURN_IF_ERROR(CheckCanonicalizable(j, ""));
  try {
    return j.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception&) {
    return Status::InvalidArgument("invalid_encoding", "文本不是有效的 UTF-8 编码");
  }
}

StatusOr<Json> ParseJson(const std::string& bytes) {
  try {
    return Json::parse(bytes);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument("malformed_json",
                                   "请求体不是有效的 JSON（第 " + std::to_string(e.byte) + " 字节附近）");
  } catch (const Json::exception&) {  // e.g. a number out of range (1e400)
    return Status::InvalidArgument("malformed_json", "请求体含有无法表示的数值");
  }
}

}  // namespace qc
