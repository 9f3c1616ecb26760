#include "http/input.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <set>
#include <vector>

namespace qc::http {

namespace {

// The code points of valid UTF-8 (nlohmann has already refused invalid UTF-8 in a body).
template <typename F>
void ForEachCodePoint(const std::string& s, F f) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!f(cp)) return;
    i += n;
  }
}

// White space, including the Unicode spaces (U+3000 ideographic space, no-break space, ...) and the
// invisible characters that would make a blank name look filled.
bool Invisible(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

bool Blank(const std::string& s) {
  bool blank = true;
  ForEachCodePoint(s, [&](uint32_t cp) { return blank = Invisible(cp); });
  return blank;
}

// Characters that have no place in a record's text: C0 controls but tab and line breaks, DEL, C1
// controls, bidirectional overrides and isolates (U+202E turns "exe.txt" into "txt.exe"), zero-width
// characters and the BOM, and non-characters.
bool Forbidden(uint32_t cp) {
  if (cp < 0x20) return cp != '\n' && cp != '\r' && cp != '\t';
  return (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF ||
         (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

bool HasControl(const std::string& s) {
  bool found = false;
  ForEachCodePoint(s, [&](uint32_t cp) { return !(found = Forbidden(cp)); });
  return found;
}

}  // namespace

StatusOr<Json> ParseBody(const Request& req) {
  // Exactly application/json (parameters such as charset may follow): "text/plain;
  // charset=application/json" is a simple request a foreign page can send without a preflight.
  auto ct = req.Header("content-type");
  std::string type = ct ? ct->substr(0, ct->find(';')) : "";
  type.erase(type.find_last_not_of(" \t") + 1);
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  if (type != "application/json")
    return Status::InvalidArgument("unsupported_media_type", "请求体须为 JSON（Content-Type: application/json）");
  // Strict: no NUL anywhere (a trailing one passed), and no key twice in an object (which of two
  // values a proxy, a log and the server each took would be anyone's guess).
  if (req.body.find('\0') != std::string::npos) return Status::InvalidArgument("malformed_json", "请求体含有 NUL 字符");
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  auto check = [&](int, Json::parse_event_t ev, Json& parsed) {
    if (ev == Json::parse_event_t::object_start) keys.emplace_back();
    if (ev == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (ev == Json::parse_event_t::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second &&
        duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  Json j;
  try {
    j = Json::parse(req.body, check);
  } catch (const Json::exception&) {
    QC_ASSIGN_OR_RETURN(j, ParseJson(req.body));  // the same failure, with its message
  }
  if (!duplicate.empty()) return Status::InvalidArgument("duplicate_key", "JSON 对象中字段重复出现", duplicate);
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
  if (Blank(s)) {  // only spaces says nothing: as if not given, so a required reason cannot be "   "
    if (required) Fail(Status::InvalidArgument("missing_field", "不能为空", Path(name)));
    return "";
  }
  if (HasControl(s)) {
    Fail(Status::InvalidArgument("invalid_field", "含有不允许的控制字符、方向控制符或零宽字符", Path(name)));
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

int64_t Reader::Int(const std::string& name, int64_t fallback, int64_t min, int64_t max) {
  const Json* v = Get(name, false, Json::value_t::number_integer, "整数");
  if (!v) return fallback;
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(max)) {
    Fail(Status::InvalidArgument(
        "invalid_field", "应为 " + std::to_string(min) + "–" + std::to_string(max) + " 之间的整数", Path(name)));
    return fallback;
  }
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    Fail(Status::InvalidArgument(
        "invalid_field", "应为 " + std::to_string(min) + "–" + std::to_string(max) + " 之间的整数", Path(name)));
    return fallback;
  }
  return n;
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
      Fail(Status::InvalidArgument(Blank(s)        ? "missing_field"
                                   : HasControl(s) ? "invalid_field"
                                                   : "too_long",
                                   Blank(s)        ? "不能为空"
                                   : HasControl(s) ? "含有不允许的控制字符、方向控制符或零宽字符"
                                                   : "长度不能超过 " + std::to_string(max_chars) + " 个字符",
                                   p));
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

std::string QueryReader::Enum(const std::string& name, const std::string& fallback,
                              std::initializer_list<const char*> allowed) {
  seen_.insert(name);
  auto it = q_.find(name);
  if (it == q_.end() || it->second.empty()) return fallback;
  for (const char* a : allowed)
    if (it->second == a) return it->second;
  if (error_.ok()) {
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : " / ") + std::string(a);
    error_ = Status::InvalidArgument("invalid_field", "取值无效，应为 " + list, name);
  }
  return fallback;
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

std::optional<TimePoint> ReadTime(Reader& r, const std::string& name) {
  auto s = r.OptStr(name, 40);
  if (!s) return std::nullopt;
  auto t = ParseRfc3339(*s);
  if (!t.ok()) {
    r.Fail(Status::InvalidArgument("invalid_field", t.status().message(), r.Path(name)));
    return std::nullopt;
  }
  return *t;
}

}  // namespace qc::http
