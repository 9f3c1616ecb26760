// The catalogue of written records (文书目录, issue 13): one definition per document type — its id
// and Chinese name, the stages and procedures where it is made, the articles of the measures and the
// national provisions it serves, its fields, who signs it, whether the party's signature (or a
// recorded refusal) and audio-video are required, whether it needs an approval, whether it is served,
// and its 文号. Types are data (catalogue/*.json in the repository, built into the binary, or a
// directory given at start), never C++: adding one is adding a file and its example.
//
//   QC_ASSIGN_OR_RETURN(Catalogue cat, Catalogue::Load(files));   // "inquiry_record.json:12: fields[3].type: …"
//   const DocumentType* t = cat.Find("inquiry_record");
//   QC_RETURN_IF_ERROR(CheckRecordFields(*t, body["fields"]));     // field "fields.items[2].quantity"
//
// The format, field by field, is in docs/formats/catalogue.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/canonical_json.h"
#include "common/status.h"
#include "domain/types.h"

namespace qc::domain {

// The articles of 《易县公安局行政执法全过程记录实施办法》 (docs/measures.zh.txt).
inline constexpr int kMeasuresArticles = 41;

enum class FieldType {
  kText,      // one line, ≤200 characters unless `max`
  kLongText,  // ≤20000 characters unless `max`
  kDate,      // YYYY-MM-DD (China)
  kDateTime,  // RFC 3339
  kMoney,     // integer fen (分), ≥0
  kInteger,   // within min/max
  kBoolean,
  kEnum,        // one of `values`
  kParty,       // the index of a party of the case
  kOfficer,     // a user id
  kAddress,     // one line, ≤200 characters
  kList,        // rows of `columns` (no list inside a list)
  kAttachment,  // a file in the blob store, by its SHA-256 (64 lowercase hex)
  kMedia,       // an audio-video record of the case, by its id
};
std::string_view ToString(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view s);

struct FieldDef {
  std::string name, label, help;
  FieldType type = FieldType::kText;
  bool required = false;
  std::optional<int64_t> min, max;                          // characters (text), value (integer, money), rows (list)
  std::vector<std::pair<std::string, std::string>> values;  // enum: value, label
  std::vector<FieldDef> columns;                            // list
};

// Who signs besides the officers: 当事人, 见证人, 翻译人员, 记录人, 监护人 (of a minor), 送达人, 受送达人.
inline constexpr std::string_view kSignerRoles[] = {"party",    "witness", "interpreter", "recorder",
                                                    "guardian", "server",  "recipient"};

// A time limit an issued record starts (issue 13 §6), shown among the case's deadlines until it is met:
//   from   issued | served | field (the date or datetime `field` of the record)
//   days   a fixed count, or `days_field` (an integer field of the record); 0 with `from: field` of a
//          date means that date itself; due at the end of the last day, China time (the first day
//          not counted), in working days when `working_days`
//   until  served (the record served) | execution (the case's decision executed) | issued:<type> (a
//          record of that type issued after this one)
struct DeadlineSpec {
  std::string kind, label, law;
  std::string from = "issued", field;
  int days = 0;
  std::string days_field;
  bool working_days = false;
  std::string until;
};

struct DocumentType {
  std::string id, name;
  std::vector<Stage> stages;
  std::vector<Procedure> procedures;
  std::vector<int> measures;     // articles of the measures
  std::vector<std::string> law;  // national provisions, e.g. 行政处罚法第五十五条
  std::vector<FieldDef> fields;
  int officers_sign = 0;  // officers who sign (two for investigation records, 行政处罚法第四十二条)
  std::vector<std::string> signers;
  std::string party_signature = "none";  // none | required_or_refusal
  std::string av = "none";               // none | as_needed | mandatory (audio-video of the act)
  std::string approval = "none";         // none | decision (the chain of Art. 7, 21)
  bool served = false;                   // served on a party (Art. 24–28)
  // What an issued record completes in the case's course (domain/stage_records.h): `decision` — it is
  // the case's 处理决定 (审查决定 may be left once it is issued; 送达执行 once it is served);
  // `execution` — it records the decision's execution. `none` otherwise.
  std::string completes = "none";
  // `completes_when`: only a record whose enum field has one of these values completes it (a 履行情况记录
  // of 未履行 does not end the execution). Empty: every issued record of the type.
  std::string completes_field;
  std::vector<std::string> completes_values;
  std::vector<DeadlineSpec> deadlines;
  std::optional<std::pair<std::string, std::string>> number;  // 文号: series, word (易公 + word + 〔year〕n号)
  Json example;                                               // fields of a valid record
  Json definition;                                            // as loaded: what GET /catalogue serves
};

struct CatalogueFile {
  std::string name;  // e.g. "inquiry_record.json" (named by its id)
  std::string text;
};

class Catalogue {
 public:
  // Parses and checks every file; the first problem is InvalidArgument("invalid_catalogue") whose
  // message names the file, the line and the key ("inquiry_record.json:12: fields[3].type: …").
  static StatusOr<Catalogue> Load(const std::vector<CatalogueFile>& files);

  const DocumentType* Find(std::string_view id) const;
  const std::vector<DocumentType>& types() const { return types_; }
  // {"types": [definition, …]} by id.
  Json ToJson() const;

 private:
  std::vector<DocumentType> types_;
};

// The fields of a record of type `t`: each required one present and non-empty, each known and of its
// type and bounds. The error names the field's path under `prefix` ("fields.items[2].quantity") with
// a Chinese message (missing_field / invalid_field / too_short / too_long).
Status CheckRecordFields(const DocumentType& t, const Json& fields, const std::string& prefix = "fields");

}  // namespace qc::domain
