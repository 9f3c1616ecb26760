#include "domain/simple_procedure.h"

#include <array>
#include <stdexcept>

#include "domain/case_commands.h"
#include "domain/event_json.h"
#include "domain/field_rules.h"

namespace qc::domain {
namespace {

using namespace event_json;  // NOLINT(build/namespaces)

Status Bad(const std::string& field, const std::string& message) {
  return Status::InvalidArgument("invalid_field", message, field);
}

// Matters excluded from the on-the-spot penalty (程序规定 第三十七条第二款).
constexpr std::array<const char*, 5> kExcluded{"卖淫", "嫖娼", "赌博", "毒品", "吸毒"};

}  // namespace

Status CheckOnTheSpotLimits(const OnTheSpotDecision& d, PartyKind kind) {
  if (d.matter != "public_security" && d.matter != "traffic" && d.matter != "other")
    return Bad("matter", "案件类别应为 public_security（治安管理）/ traffic（道路交通）/ other（其他）");
  for (const char* word : kExcluded)
    if (d.facts.find(word) != std::string::npos || d.legal_basis.find(word) != std::string::npos)
      return Bad(
          "facts",
          std::string(
              "涉及卖淫、嫖娼、赌博、毒品的案件不适用当场处罚（公安机关办理行政案件程序规定第三十七条第二款）：") +
              "事实或依据中有“" + word + "”");
  if (d.penalty == "warning") {
    if (d.fine_yuan != 0) return Bad("fine_yuan", "警告不处罚款");
  } else if (d.penalty == "fine") {
    if (d.fine_yuan <= 0) return Bad("fine_yuan", "罚款数额应为正整数（元）");
    bool person = kind == PartyKind::kNaturalPerson;
    int64_t limit = 0;
    std::string basis;
    if (d.matter == "public_security") {
      limit = 500;
      basis = "治安管理处罚法（2025年修订）：警告或者五百元以下罚款可以当场作出";
    } else if (d.matter == "traffic") {
      limit = 200;
      basis = "道路交通安全法第一百零七条：警告或者二百元以下罚款可以适用简易程序";
    } else {
      limit = person ? 50 : 1000;
      basis = person ? "公安机关办理行政案件程序规定第三十七条第一款第三项：对个人处五十元以下罚款"
                     : "公安机关办理行政案件程序规定第三十七条第一款第三项：对单位处一千元以下罚款";
    }
    if (d.fine_yuan > limit)
      return Bad("fine_yuan", "罚款 " + std::to_string(d.fine_yuan) + " 元超出当场处罚的限额 " + std::to_string(limit) +
                                  " 元（" + basis + "），应适用普通程序");
  } else {
    return Bad("penalty", "当场处罚的种类为 warning（警告）或 fine（罚款）");
  }
  if (d.collected) {
    if (d.penalty != "fine") return Bad("collected", "警告没有罚款可收缴");
    if (d.collected->receipt_no.empty())
      return Status::InvalidArgument("missing_field", "当场收缴罚款须填写罚款收据编号（行政处罚法第七十条）",
                                     "collected.receipt_no");
    const std::string& g = d.collected->ground;
    if (g == "small") {
      if (d.fine_yuan > 100)
        return Bad("collected.ground", "一百元以下的罚款才可依此当场收缴（行政处罚法第六十八条第一项）");
    } else if (g != "hard_to_enforce" && g != "remote") {
      return Bad("collected.ground",
                 "当场收缴的情形应为 small（一百元以下）/ hard_to_enforce（不当场收缴事后难以执行）/ "
                 "remote（边远、水上、交通不便地区，当事人提出）");
    }
  }
  if (d.disputed && d.recording_device.value_or("").empty())
    return Status::InvalidArgument("missing_field", "当事人有异议的，应全程音像记录并登记所用执法记录仪（第二十三条）",
                                   "recording_device");
  return Status();
}

Json EventData(const OnTheSpotDecision& d) {
  Json j = Json::object();
  j["matter"] = d.matter;
  j["facts"] = d.facts;
  j["legal_basis"] = d.legal_basis;
  j["decision_no"] = d.decision_no;
  j["place"] = d.place;
  j["penalty"] = d.penalty;
  j["fine_yuan"] = d.fine_yuan;
  j["statement"] = d.statement;
  j["review"] = d.review;
  j["adopted"] = d.adopted;
  j["disputed"] = d.disputed;
  if (d.recording_device) j["recording_device"] = *d.recording_device;
  if (d.collected) {
    Json c = Json::object();
    c["receipt_no"] = d.collected->receipt_no;
    c["ground"] = d.collected->ground;
    j["collected"] = std::move(c);
  }
  return j;
}

Json ToJson(const OnTheSpotDecision& d) {
  Json j = EventData(d);
  j["at"] = FormatRfc3339(d.at);
  j["by"] = ActorRefJson(d.by);
  if (d.filing) {
    Json f = Json::object();
    f["filed_with"] = d.filing->filed_with;
    if (d.filing->note) f["note"] = *d.filing->note;
    f["at"] = FormatRfc3339(d.filing->at);
    f["by"] = ActorRefJson(d.filing->by);
    j["filing"] = std::move(f);
  } else {
    j["filing"] = nullptr;
  }
  return j;
}

OnTheSpotDecision OnTheSpotDecisionFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("on-the-spot decision is not an object");
  OnTheSpotDecision d;
  d.matter = Str(j, "matter");
  d.facts = Str(j, "facts");
  d.legal_basis = Str(j, "legal_basis");
  d.decision_no = Str(j, "decision_no");
  d.place = Str(j, "place");
  d.penalty = Str(j, "penalty");
  d.fine_yuan = j.value("fine_yuan", int64_t{0});
  d.statement = Str(j, "statement");
  d.review = Str(j, "review");
  d.adopted = j.value("adopted", false);
  d.disputed = j.value("disputed", false);
  d.recording_device = OptStr(j, "recording_device");
  if (j.contains("collected"))
    d.collected = OnTheSpotCollection{Str(j["collected"], "receipt_no"), Str(j["collected"], "ground")};
  return d;
}

SimpleFiling SimpleFilingFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("filing is not an object");
  return {Str(j, "filed_with"), OptStr(j, "note"), TimePoint{}, ActorRef{}};
}

StatusOr<std::vector<EventDraft>> DecideOnTheSpot(const CaseState& c, const Actor& a, const OnTheSpotDecision& d) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kOnTheSpotDecision));
  QC_RETURN_IF_ERROR(RequireText(d.facts, "facts", "违法事实", 4));
  QC_RETURN_IF_ERROR(RequireText(d.legal_basis, "legal_basis", "处罚依据", 4));
  QC_RETURN_IF_ERROR(RequireText(d.decision_no, "decision_no", "当场处罚决定书编号"));
  QC_RETURN_IF_ERROR(RequireText(d.place, "place", "处罚地点"));
  QC_RETURN_IF_ERROR(RequireText(d.statement, "statement", "当事人的陈述、申辩（未提出的，记“未提出”）"));
  QC_RETURN_IF_ERROR(RequireText(d.review, "review", "对陈述、申辩的复核及是否采纳的理由（第二十三条）"));
  QC_RETURN_IF_ERROR(CheckOnTheSpotLimits(d, c.parties.front().kind));
  std::vector<EventDraft> out{{"OnTheSpotDecided", EventData(d)}};
  // The decision is handed to the party on the spot (程序规定 第三十八条第五项): decided and served.
  out.push_back({"StageAdvanced",
                 {{"from", ToString(Stage::kInvestigation)},
                  {"to", ToString(Stage::kReviewDecision)},
                  {"reason", "当场作出处罚决定（简易程序）"}}});
  out.push_back({"StageAdvanced",
                 {{"from", ToString(Stage::kReviewDecision)},
                  {"to", ToString(Stage::kServiceExecution)},
                  {"reason", "当场处罚决定书当场交付被处罚人"}}});
  return out;
}

StatusOr<std::vector<EventDraft>> DecideFileSimpleCase(const CaseState& c, const Actor& a,
                                                       const std::optional<std::string>& note) {
  QC_RETURN_IF_ERROR(CheckCommand(c, a, CaseCommand::kFileSimpleCase));
  Json d = Json::object();
  d["filed_with"] = c.body_name.empty() ? std::string("所属公安机关") : c.body_name;
  if (note) d["note"] = *note;
  return std::vector<EventDraft>{{"SimpleCaseFiled", std::move(d)}};
}

}  // namespace qc::domain
