// Catalogue::Load: the document types, each file checked key by key (domain/catalogue.h).
#include "domain/catalogue.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/json_lines.h"

namespace qc::domain {
namespace {

constexpr std::string_view kTopKeys[] = {
    "id",          "name",      "stages",         "procedures",    "measures",
    "law",         "fields",    "signers",        "officers_sign", "party_signature",
    "av",          "approval",  "served",         "number",        "example",
    "description", "completes", "completes_when", "deadlines"};
constexpr std::string_view kDeadlineKeys[] = {"kind", "label",      "law",          "from", "field",
                                              "days", "days_field", "working_days", "until"};
constexpr std::string_view kFieldKeys[] = {"name", "label",  "type",    "required", "min",
                                           "max",  "values", "columns", "help"};

bool Identifier(const std::string& s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

template <size_t N>
bool OneOf(std::string_view v, const std::string_view (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), v) != std::end(allowed);
}

// Reads one file; every problem names the file, the line and the key.
class FileReader {
 public:
  FileReader(const CatalogueFile& f, const std::map<std::string, int>& lines) : file_(f), lines_(lines) {}

  Status Fail(const std::string& path, const std::string& message) const {
    return Status::InvalidArgument("invalid_catalogue",
                                   file_.name + ":" + std::to_string(LineOf(lines_, path)) + ": " +
                                       (path.empty() ? "(root)" : path) + ": " + message,
                                   path);
  }
  StatusOr<std::string> Text(const Json& j, const std::string& path, bool required = true) const {
    if (!j.contains(Key(path))) {
      if (required) return Fail(path, "缺少此项");
      return std::string();
    }
    const Json& v = j[Key(path)];
    if (!v.is_string() || v.get<std::string>().empty()) return Fail(path, "应为非空字符串");
    return v.get<std::string>();
  }
  StatusOr<std::vector<std::string>> Strings(const Json& j, const std::string& path, bool required) const {
    std::vector<std::string> out;
    if (!j.contains(Key(path))) {
      if (required) return Fail(path, "缺少此项");
      return out;
    }
    const Json& v = j[Key(path)];
    if (!v.is_array() || (required && v.empty())) return Fail(path, "应为非空的字符串数组");
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || v[i].get<std::string>().empty())
        return Fail(path + "[" + std::to_string(i) + "]", "应为非空字符串");
      out.push_back(v[i].get<std::string>());
    }
    return out;
  }
  StatusOr<FieldDef> Field(const Json& f, const std::string& path, bool in_list) const {
    if (!f.is_object()) return Fail(path, "应为对象");
    for (auto it = f.begin(); it != f.end(); ++it)
      if (!OneOf(it.key(), kFieldKeys)) return Fail(path + "." + it.key(), "未知的键");
    FieldDef d;
    QC_ASSIGN_OR_RETURN(d.name, Text(f, path + ".name"));
    if (!Identifier(d.name)) return Fail(path + ".name", "字段名应为小写字母、数字和下划线");
    QC_ASSIGN_OR_RETURN(d.label, Text(f, path + ".label"));
    QC_ASSIGN_OR_RETURN(std::string type, Text(f, path + ".type"));
    auto t = ParseFieldType(type);
    if (!t) return Fail(path + ".type", "未知的字段类型“" + type + "”");
    d.type = *t;
    QC_ASSIGN_OR_RETURN(d.help, Text(f, path + ".help", false));
    if (f.contains("required")) {
      if (!f["required"].is_boolean()) return Fail(path + ".required", "应为 true 或 false");
      d.required = f["required"].get<bool>();
    }
    for (const char* bound : {"min", "max"}) {
      if (!f.contains(bound)) continue;
      if (!f[bound].is_number_integer()) return Fail(path + "." + bound, "应为整数");
      (std::string(bound) == "min" ? d.min : d.max) = f[bound].get<int64_t>();
    }
    if (d.min && d.max && *d.min > *d.max) return Fail(path + ".min", "min 大于 max");
    if (d.type == FieldType::kEnum) {
      if (!f.contains("values") || !f["values"].is_array() || f["values"].empty())
        return Fail(path + ".values", "枚举字段须列出取值");
      std::set<std::string> seen;
      for (size_t i = 0; i < f["values"].size(); ++i) {
        std::string vp = path + ".values[" + std::to_string(i) + "]";
        const Json& v = f["values"][i];
        if (!v.is_object()) return Fail(vp, "应为 {value, label}");
        QC_ASSIGN_OR_RETURN(std::string value, Text(v, vp + ".value"));
        QC_ASSIGN_OR_RETURN(std::string label, Text(v, vp + ".label"));
        if (!seen.insert(value).second) return Fail(vp + ".value", "取值重复");
        d.values.emplace_back(value, label);
      }
    } else if (f.contains("values")) {
      return Fail(path + ".values", "只有枚举字段有取值");
    }
    if (d.type == FieldType::kList) {
      if (in_list) return Fail(path + ".type", "列表中不能再有列表");
      if (!f.contains("columns") || !f["columns"].is_array() || f["columns"].empty())
        return Fail(path + ".columns", "列表字段须定义各列");
      QC_ASSIGN_OR_RETURN(d.columns, Fields(f["columns"], path + ".columns", true));
    } else if (f.contains("columns")) {
      return Fail(path + ".columns", "只有列表字段有列");
    }
    return d;
  }
  // The time limits a record of `t` starts (domain/catalogue.h DeadlineSpec).
  StatusOr<std::vector<DeadlineSpec>> Deadlines(const Json& arr, const DocumentType& t) const {
    if (!arr.is_array()) return Fail("deadlines", "应为数组");
    std::vector<DeadlineSpec> out;
    auto field_of = [&](const std::string& name) -> const FieldDef* {
      for (const auto& f : t.fields)
        if (f.name == name) return &f;
      return nullptr;
    };
    for (size_t i = 0; i < arr.size(); ++i) {
      std::string at = "deadlines[" + std::to_string(i) + "]";
      const Json& d = arr[i];
      if (!d.is_object()) return Fail(at, "应为对象");
      for (auto it = d.begin(); it != d.end(); ++it)
        if (!OneOf(it.key(), kDeadlineKeys)) return Fail(at + "." + it.key(), "未知的键");
      DeadlineSpec s;
      QC_ASSIGN_OR_RETURN(s.kind, Text(d, at + ".kind"));
      if (!Identifier(s.kind)) return Fail(at + ".kind", "应为小写字母、数字和下划线");
      QC_ASSIGN_OR_RETURN(s.label, Text(d, at + ".label"));
      QC_ASSIGN_OR_RETURN(s.law, Text(d, at + ".law"));
      s.from = d.value("from", "issued");
      if (s.from != "issued" && s.from != "served" && s.from != "field")
        return Fail(at + ".from", "应为 issued | served | field");
      if (s.from == "field") {
        s.field = d.value("field", "");
        const FieldDef* f = field_of(s.field);
        if (f == nullptr || (f->type != FieldType::kDate && f->type != FieldType::kDateTime))
          return Fail(at + ".field", "应为本文书的日期或时间字段");
      }
      if (d.contains("days")) {
        if (!d["days"].is_number_integer() || d["days"].get<int>() < 0 || d["days"].get<int>() > 3660)
          return Fail(at + ".days", "应为 0–3660");
        s.days = d["days"].get<int>();
      }
      if (d.contains("days_field")) {
        s.days_field = d["days_field"].is_string() ? d["days_field"].get<std::string>() : "";
        const FieldDef* f = field_of(s.days_field);
        if (f == nullptr || f->type != FieldType::kInteger) return Fail(at + ".days_field", "应为本文书的整数字段");
      }
      if (d.contains("working_days")) {
        if (!d["working_days"].is_boolean()) return Fail(at + ".working_days", "应为 true 或 false");
        s.working_days = d["working_days"].get<bool>();
      }
      s.until = d.value("until", "");
      bool until_ok =
          s.until == "served" || s.until == "execution" || (s.until.starts_with("issued:") && s.until.size() > 7);
      if (!until_ok) return Fail(at + ".until", "应为 served | execution | issued:<文书类型>");
      if (s.until == "served" && !t.served) return Fail(at + ".until", "该文书不送达");
      out.push_back(std::move(s));
    }
    return out;
  }

  StatusOr<std::vector<FieldDef>> Fields(const Json& arr, const std::string& path, bool in_list) const {
    if (!arr.is_array() || arr.empty()) return Fail(path, "应为非空数组");
    std::vector<FieldDef> out;
    std::set<std::string> names;
    for (size_t i = 0; i < arr.size(); ++i) {
      std::string fp = path + "[" + std::to_string(i) + "]";
      QC_ASSIGN_OR_RETURN(FieldDef d, Field(arr[i], fp, in_list));
      if (!names.insert(d.name).second) return Fail(fp + ".name", "字段名重复：" + d.name);
      out.push_back(std::move(d));
    }
    return out;
  }

  StatusOr<DocumentType> Type(const Json& j) const {
    if (!j.is_object()) return Fail("", "应为对象");
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!OneOf(it.key(), kTopKeys)) return Fail(it.key(), "未知的键");
    DocumentType t;
    QC_ASSIGN_OR_RETURN(t.id, Text(j, "id"));
    if (!Identifier(t.id)) return Fail("id", "应为小写字母、数字和下划线");
    if (file_.name != t.id + ".json") return Fail("id", "文件名应为 " + t.id + ".json");
    QC_ASSIGN_OR_RETURN(t.name, Text(j, "name"));
    QC_ASSIGN_OR_RETURN(auto stages, Strings(j, "stages", true));
    for (size_t i = 0; i < stages.size(); ++i) {
      auto s = ParseStage(stages[i]);
      if (!s) return Fail("stages[" + std::to_string(i) + "]", "未知的阶段“" + stages[i] + "”");
      t.stages.push_back(*s);
    }
    QC_ASSIGN_OR_RETURN(auto procedures, Strings(j, "procedures", true));
    for (size_t i = 0; i < procedures.size(); ++i) {
      auto p = ParseProcedure(procedures[i]);
      if (!p) return Fail("procedures[" + std::to_string(i) + "]", "未知的程序“" + procedures[i] + "”");
      t.procedures.push_back(*p);
    }
    if (!j.contains("measures") || !j["measures"].is_array() || j["measures"].empty())
      return Fail("measures", "须列出所依据的本办法条款（条号）");
    for (size_t i = 0; i < j["measures"].size(); ++i) {
      const Json& a = j["measures"][i];
      if (!a.is_number_integer() || a.get<int>() < 1 || a.get<int>() > kMeasuresArticles)
        return Fail("measures[" + std::to_string(i) + "]", "本办法共 " + std::to_string(kMeasuresArticles) + " 条");
      t.measures.push_back(a.get<int>());
    }
    QC_ASSIGN_OR_RETURN(t.law, Strings(j, "law", true));
    if (!j.contains("fields")) return Fail("fields", "缺少此项");
    QC_ASSIGN_OR_RETURN(t.fields, Fields(j["fields"], "fields", false));
    QC_ASSIGN_OR_RETURN(t.signers, Strings(j, "signers", false));
    for (size_t i = 0; i < t.signers.size(); ++i)
      if (!OneOf(t.signers[i], kSignerRoles)) return Fail("signers[" + std::to_string(i) + "]", "未知的签名人");
    if (j.contains("officers_sign")) {
      const Json& n = j["officers_sign"];
      if (!n.is_number_integer() || n.get<int>() < 0 || n.get<int>() > 4) return Fail("officers_sign", "应为 0–4");
      t.officers_sign = n.get<int>();
    }
    QC_RETURN_IF_ERROR(Choice(j, "party_signature", {"none", "required_or_refusal"}, t.party_signature));
    QC_RETURN_IF_ERROR(Choice(j, "av", {"none", "as_needed", "mandatory"}, t.av));
    QC_RETURN_IF_ERROR(Choice(j, "approval", {"none", "decision"}, t.approval));
    QC_RETURN_IF_ERROR(Choice(j, "completes", {"none", "decision", "execution"}, t.completes));
    if (j.contains("completes_when")) {
      const Json& w = j["completes_when"];
      if (t.completes == "none") return Fail("completes_when", "仅用于 completes 不为 none 的文书");
      if (!w.is_object() || !w.contains("field") || !w["field"].is_string() || !w.contains("values") ||
          !w["values"].is_array() || w["values"].empty())
        return Fail("completes_when", "应为 {field, values: [...]}");
      t.completes_field = w["field"].get<std::string>();
      const FieldDef* f = nullptr;
      for (const auto& d : t.fields)
        if (d.name == t.completes_field) f = &d;
      if (f == nullptr || f->type != FieldType::kEnum) return Fail("completes_when.field", "应为本文书的选项字段");
      for (const auto& v : w["values"]) {
        bool known = v.is_string() && std::any_of(f->values.begin(), f->values.end(),
                                                  [&](const auto& e) { return e.first == v.get<std::string>(); });
        if (!known) return Fail("completes_when.values", "应为字段 " + t.completes_field + " 的选项");
        t.completes_values.push_back(v.get<std::string>());
      }
    }
    if (j.contains("served")) {
      if (!j["served"].is_boolean()) return Fail("served", "应为 true 或 false");
      t.served = j["served"].get<bool>();
    }
    if (t.completes == "decision" && (t.approval != "decision" || !t.served))
      return Fail("completes", "案件的处理决定须经审批（approval: decision）并送达（served: true）");
    if (j.contains("number")) {
      const Json& n = j["number"];
      if (!n.is_object()) return Fail("number", "应为 {series, word}");
      QC_ASSIGN_OR_RETURN(std::string series, Text(n, "number.series"));
      QC_ASSIGN_OR_RETURN(std::string word, Text(n, "number.word"));
      if (!Identifier(series)) return Fail("number.series", "应为小写字母、数字和下划线");
      t.number = std::make_pair(series, word);
    }
    if (j.contains("deadlines")) {
      QC_ASSIGN_OR_RETURN(t.deadlines, Deadlines(j["deadlines"], t));
    }
    if (!j.contains("example")) return Fail("example", "须给出一份有效记录的示例");
    t.example = j["example"];
    Status ex = CheckRecordFields(t, t.example, "example");
    if (!ex.ok()) return Fail(ex.field(), ex.message());
    t.definition = j;
    return t;
  }

 private:
  static std::string Key(const std::string& path) {
    size_t dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
  }
  Status Choice(const Json& j, const char* key, std::initializer_list<const char*> allowed, std::string& out) const {
    if (!j.contains(key)) return Status();
    if (j[key].is_string())
      for (const char* a : allowed)
        if (j[key].get<std::string>() == a) {
          out = a;
          return Status();
        }
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : " | ") + a;
    return Fail(key, "应为 " + list);
  }

  const CatalogueFile& file_;
  const std::map<std::string, int>& lines_;
};

}  // namespace

StatusOr<Catalogue> Catalogue::Load(const std::vector<CatalogueFile>& files) {
  Catalogue cat;
  std::set<std::string> ids;
  for (const auto& f : files) {
    Json j;
    try {
      j = Json::parse(f.text);
    } catch (const Json::parse_error& e) {
      return Status::InvalidArgument("invalid_catalogue",
                                     f.name + ":" + std::to_string(LineAtOffset(f.text, e.byte == 0 ? 0 : e.byte - 1)) +
                                         ": 不是合法的 JSON（" + e.what() + "）");
    }
    auto lines = JsonValueLines(f.text);
    FileReader r(f, lines);
    QC_ASSIGN_OR_RETURN(DocumentType t, r.Type(j));
    if (!ids.insert(t.id).second) return r.Fail("id", "文书类型重复：" + t.id);
    cat.types_.push_back(std::move(t));
  }
  // A deadline met by another type's record names a type of the catalogue.
  for (size_t k = 0; k < cat.types_.size(); ++k)
    for (size_t i = 0; i < cat.types_[k].deadlines.size(); ++i) {
      const std::string& until = cat.types_[k].deadlines[i].until;
      if (until.starts_with("issued:") && !ids.count(until.substr(7))) {
        const CatalogueFile& f = files[k];
        auto lines = JsonValueLines(f.text);  // FileReader keeps a reference
        FileReader r(f, lines);
        return r.Fail("deadlines[" + std::to_string(i) + "].until", "文书目录中没有这种文书：" + until.substr(7));
      }
    }
  std::sort(cat.types_.begin(), cat.types_.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return cat;
}

const DocumentType* Catalogue::Find(std::string_view id) const {
  for (const auto& t : types_)
    if (t.id == id) return &t;
  return nullptr;
}

Json Catalogue::ToJson() const {
  Json types = Json::array();
  for (const auto& t : types_) types.push_back(t.definition);
  return {{"types", std::move(types)}};
}

}  // namespace qc::domain
