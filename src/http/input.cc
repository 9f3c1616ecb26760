#include "http/input.h"

#include <charconv>

namespace qc::http {

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool HasControl(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return true;
  return false;
}

}  // namespace

StatusOr<Json> ParseBody(const Request& req) {
  auto ct = req.Header("content-type");
  if (!ct || ct->find("application/json") == std::string::npos)
    return Status::InvalidArgument("unsupported_media_type", "请求体须为 JSON（Content-Type: application/json）");
  QC_ASSIGN_OR_RETURN(Json j, ParseJson(req.body));
  if (!j.is_object()) return Status::InvalidArgument("malformed_json", "请求体须为 JSON 对象");
  return j;
}

Reader::Reader(const Json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

void Reader::Fail(Status s) {
  if (error_.ok() && !s.ok()) error_ = std::move(s);
}

const Json* Reader::Get(const std::string& name, bool required, Json::value_t type, const char* type_label) {
  seen_.insert(name);
  if (!obj_.contains(name) || obj_[name].is_null()) {
    if (required) Fail(Status::InvalidArgument("missing_field", "缺少必填字段", Path(name)));
    return nullptr;
  }
  const Json& v = obj_[name];
  bool ok = v.type() == type || (type == Json::value_t::number_integer && v.is_number_unsigned());
  if (!ok) {
    Fail(Status::InvalidArgument("wrong_type", std::string("字段类型错误，应为") + type_label, Path(name)));
    return nullptr;
  }
  return &v;
}

std::string Reader::Str(const std::string& name, bool required, size_t max_chars) {
  const Json* v = Get(name, required, Json::value_t::string, "字符串");
  if (!v) return "";
  std::string s = v->get<std::string>();
  if (Utf8Length(s) > max_chars) {
    Fail(Status::InvalidArgument("too_long", "长度不能超过 " + std::to_string(max_chars) + " 个字符", Path(name)));
    return "";
  }
  if (HasControl(s)) {
    Fail(Status::InvalidArgument("invalid_field", "含有不允许的控制字符", Path(name)));
    return "";
  }
  if (required && Blank(s)) {
    Fail(Status::InvalidArgument("missing_field", "不能为空", Path(name)));
    return "";
  }
  return s;
}

std::optional<std::string> Reader::OptStr(const std::string& name, size_t max_chars) {
  if (!Has(name) || obj_[name].is_null()) {
    seen_.insert(name);
    return std::nullopt;
  }
  return Str(name, false, max_chars);
}

std::string Reader::Enum(const std::string& name, bool required, const std::vector<std::string>& allowed,
                         const std::string& fallback) {
  bool present = Has(name) && !obj_[name].is_null();
  std::string s = Str(name, required, 64);
  if (!present) return fallback;
  if (s.empty()) {  // present but blank (a required one has already failed)
    Fail(Status::InvalidArgument("invalid_field", "取值不能为空", Path(name)));
    return fallback;
  }
  for (const auto& a : allowed)
    if (a == s) return s;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : "、") + a;
  Fail(Status::InvalidArgument("invalid_field", "取值无效，可选：" + list, Path(name)));
  return fallback;
}

bool Reader::Bool(const std::string& name, bool fallback) {
  const Json* v = Get(name, false, Json::value_t::boolean, "布尔值");
  return v ? v->get<bool>() : fallback;
}

std::optional<bool> Reader::OptBool(const std::string& name, bool required) {
  const Json* v = Get(name, required, Json::value_t::boolean, "布尔值");
  if (!v) return std::nullopt;
  return v->get<bool>();
}

std::vector<std::string> Reader::StrList(const std::string& name, bool required, size_t max_items, size_t max_chars) {
  const Json* v = Get(name, required, Json::value_t::array, "数组");
  std::vector<std::string> out;
  if (!v) return out;
  if (required && v->empty()) Fail(Status::InvalidArgument("missing_field", "至少填写一项", Path(name)));
  if (v->size() > max_items) {
    Fail(Status::InvalidArgument("too_long", "最多 " + std::to_string(max_items) + " 项", Path(name)));
    return out;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    std::string p = Path(name) + "[" + std::to_string(i) + "]";
    const Json& e = (*v)[i];
    if (!e.is_string()) {
      Fail(Status::InvalidArgument("wrong_type", "字段类型错误，应为字符串", p));
      return out;
    }
    std::string s = e.get<std::string>();
    if (Utf8Length(s) > max_chars || Blank(s) || HasControl(s)) {
      Fail(Status::InvalidArgument(Blank(s) ? "missing_field" : "too_long",
                                   Blank(s) ? "不能为空" : "长度不能超过 " + std::to_string(max_chars) + " 个字符", p));
      return out;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Reader> Reader::Object(const std::string& name, bool required) {
  const Json* v = Get(name, required, Json::value_t::object, "对象");
  if (!v) return std::nullopt;
  return Reader(*v, Path(name));
}

std::vector<Reader> Reader::Objects(const std::string& name, bool required, size_t max_items) {
  const Json* v = Get(name, required, Json::value_t::array, "数组");
  std::vector<Reader> out;
  if (!v) return out;
  if (v->size() > max_items) {
    Fail(Status::InvalidArgument("too_long", "最多 " + std::to_string(max_items) + " 项", Path(name)));
    return out;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    std::string p = Path(name) + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) {
      Fail(Status::InvalidArgument("wrong_type", "字段类型错误，应为对象", p));
      return {};
    }
    out.emplace_back((*v)[i], p);
  }
  return out;
}

Status Reader::Finish() {
  if (!error_.ok()) return error_;
  for (auto it = obj_.begin(); it != obj_.end(); ++it)
    if (!seen_.count(it.key())) return Status::InvalidArgument("unknown_field", "不认识的字段", Path(it.key()));
  return Status();
}

std::optional<std::string> QueryReader::Str(const std::string& name, size_t max_chars) {
  seen_.insert(name);
  auto it = q_.find(name);
  if (it == q_.end() || it->second.empty()) return std::nullopt;
  if (Utf8Length(it->second) > max_chars) {
    if (error_.ok())
      error_ = Status::InvalidArgument("too_long", "长度不能超过 " + std::to_string(max_chars) + " 个字符", name);
    return std::nullopt;
  }
  return it->second;
}

int QueryReader::Int(const std::string& name, int fallback, int min, int max) {
  seen_.insert(name);
  auto it = q_.find(name);
  if (it == q_.end() || it->second.empty()) return fallback;
  int v = 0;
  const std::string& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
    if (error_.ok())
      error_ = Status::InvalidArgument("invalid_field",
                                       "应为 " + std::to_string(min) + "–" + std::to_string(max) + " 之间的整数", name);
    return fallback;
  }
  return v;
}

Status QueryReader::Finish() {
  if (!error_.ok()) return error_;
  for (const auto& [k, v] : q_)
    if (!seen_.count(k)) return Status::InvalidArgument("unknown_field", "不认识的查询参数", k);
  return Status();
}

}  // namespace qc::http
