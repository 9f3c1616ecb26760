// The minimum record of the stages after the investigation (Art. 4, 21, 24–35), until the written
// records of every stage (the catalogue) and the compliance engine's gates take over:
//
//   审查决定  the 承办人 proposes the decision (处理决定: document number, kind, content); it runs the
//            chain like a start — 审核, 法制审核 for a 重大复杂 case (行政处罚法 第五十八条), 负责人
//            (第五十七条; Art. 7, 21) — and the 负责人's approval issues it (DecisionIssued).
//   送达执行  the decision is served (DocumentServed: method, recipient, when, the proof — 送达回证,
//            the postal receipt, the notice; 留置送达 and 公告送达 say why, Art. 26, 27) and executed
//            (ExecutionRecorded: performed, enforced, or nothing to execute).
//   归档管理  the officer hands the case over once served and executed; from then on only the
//            档案管理员 acts: CaseArchived (archive number) seals the case file (Art. 33–35).
//
// A stage is left only with its minimum: 审查决定 → 送达执行 needs the issued decision, 送达执行 →
// 归档管理 its service and execution (CheckStageMinimum). A simple-procedure decision is issued and
// served on the spot (domain/simple_procedure.h); a warning or a fine collected on the spot needs no
// further execution.
//
// The enforcement act ends (Art. 33's 30 days start) when the procedure ends (a refusal) or the
// decision is served and executed: ActEndedAt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/event.h"

namespace qc::domain {

struct Actor;
struct CaseState;

// 处理决定 (审查决定 stage).
struct Decision {
  std::string decision_no;  // 文书编号, e.g. 易公（治）行罚决字〔2026〕12号
  std::string kind;         // penalty 行政处罚 | no_penalty 不予行政处罚 | other 其他处理决定
  std::string content;      // what is decided: the penalty and its amount, or the ground of no penalty
  TimePoint at;             // issued: when the 负责人 approved it
  ActorRef by;
};

// 送达 (Art. 24–28). method: direct 直接送达 | service_by_leaving 留置送达 | entrusted 委托送达 |
// mail 邮寄送达 | public_notice 公告送达 | electronic 电子送达 (where the party agreed).
struct Service {
  std::string document_no, method, recipient;
  TimePoint served_at;
  std::string proof;                // 送达回证 number, the postal tracking number, the notice's medium
  std::optional<std::string> note;  // 留置: the refusal and the witnesses; 公告: why other methods failed
  TimePoint at;
  ActorRef by;
};

// 执行 (Art. 29–32). manner: performed 当事人履行（缴纳罚款） | enforced 强制执行 | not_required 无需执行.
struct Execution {
  std::string manner, note;
  TimePoint completed_at;
  TimePoint at;
  ActorRef by;
};

// 归档 (Art. 33–35): the custodian's archive number; the case file is sealed.
struct Archive {
  std::string archive_no;
  std::optional<std::string> note;
  TimePoint at;
  ActorRef by;
};

Json EventData(const Decision& d);  // ApprovalSubmitted(decision).proposal, DecisionIssued
Json EventData(const Service& s);   // DocumentServed
Json EventData(const Execution& e);
Json EventData(const Archive& a);
Json ToJson(const Decision& d);  // with at, by
Json ToJson(const Service& s);
Json ToJson(const Execution& e);
Json ToJson(const Archive& a);
Decision DecisionFromJson(const Json& j);
Service ServiceFromJson(const Json& j);
Execution ExecutionFromJson(const Json& j);
Archive ArchiveFromJson(const Json& j);

// Whether the decision was issued and served (on the spot for the simple procedure), and executed.
bool DecisionIssued(const CaseState& c);
bool DecisionServed(const CaseState& c);
bool DecisionExecuted(const CaseState& c);
// When the enforcement act ended, or nullopt while it runs (Art. 33).
std::optional<TimePoint> ActEndedAt(const CaseState& c);
// OK when the case has the minimum record to leave its stage for the next.
Status CheckStageMinimum(const CaseState& c);

StatusOr<std::vector<EventDraft>> DecideSubmitDecision(const CaseState& c, const Actor& a,
                                                       const std::string& approval_id, const Decision& d,
                                                       const std::string& opinion);
StatusOr<std::vector<EventDraft>> DecideRecordService(const CaseState& c, const Actor& a, const Service& s,
                                                      TimePoint now);
StatusOr<std::vector<EventDraft>> DecideRecordExecution(const CaseState& c, const Actor& a, const Execution& e,
                                                        TimePoint now);
StatusOr<std::vector<EventDraft>> DecideArchive(const CaseState& c, const Actor& a, const Archive& ar);

}  // namespace qc::domain
