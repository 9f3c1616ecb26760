// The state of one case, folded from its events by Apply(). Pure: no I/O.
//
// Design notes
// ------------
// A case starts in Stage::kInitiation (程序启动) in one of three ways (Art. 9–11) and moves through the
// five stages of Art. 4 in order; it never skips a stage and never goes back. Status says where the
// case stands inside its stage:
//
//   application:  pending --ApplicationDecided(accepted)--> in_progress (stage investigation)
//                 pending --(refusal approved) ApplicationDecided(!accepted)--> not_accepted (terminal)
//   ex officio:   pending --StartApprovalSubmitted--> awaiting_approval --approve--> in_progress
//                                       ^   |--return--> returned --resubmit--^
//                                           |--reject--> rejected (terminal; the 负责人 only)
//   urgent start: in_progress at once (stage investigation); the approval is filed afterwards and runs
//                 the same chain without changing the status until it is rejected; a rejected urgent
//                 case still records the release of its measure (domain/urgent_start.h).
//   simple:       in_progress at once (stage investigation), no start approval (Art. 23); the on-the-spot
//                 decision moves it through 审查决定 to 送达执行 (domain/simple_procedure.h).
//   complaint:    pending --StartApprovalSubmitted--> as ex officio
//   refusals:     pending --ApprovalSubmitted(non_acceptance | not_start)--> awaiting_approval, then the
//                 负责人's approval records ApplicationDecided(!accepted) / ComplaintNotStarted (terminal);
//                 a return or a refusal of the refusal puts the case back to pending (Art. 7, 9, 11).
//   clear_major:  ApprovalSubmitted(clear_major) waits for the 负责人 alone; the status does not change
//                 and the approval records MajorFlagChanged(false) (Art. 5).
//
// Invariants (checked by tests/unit/domain_test.cc):
//  1. stage > kInitiation  <=>  the procedure was started (approved, accepted, urgent, or simple).
//  2. at most one approval is open (state reviewing / legal_review / deciding) at a time.
//  3. version == number of events applied; last_index is the ledger index of the last one.
#pragma once

#include <string>
#include <vector>

#include "common/canonical_json.h"
#include "common/clock.h"
#include "domain/case_record.h"
#include "domain/documents.h"
#include "domain/simple_procedure.h"
#include "domain/stage_records.h"
#include "domain/urgent_start.h"
#include "domain/event.h"
#include "domain/types.h"
#include "domain/work_calendar.h"

namespace qc::domain {

struct CaseOfficer {
  std::string user_id, name, cert_no;  // cert_no: 执法证件编号 (Art. 12)
  bool lead = false;                   // 主办 / 协办
  bool auxiliary = false;              // 辅警 (domain/officer_rules.h): not counted among the two officers
};

// One step of the internal approval chain (Art. 7).
struct ApprovalStep {
  ApprovalStepKind step = ApprovalStepKind::kSubmit;
  ActorRef actor;
  ApprovalDecision decision = ApprovalDecision::kSubmit;
  std::string opinion;  // 承办人意见 / 审核意见(承办机构意见) / 法制审核意见 / 负责人意见
  std::string reasons;  // for submit: 理由
  TimePoint at;
  Json detail = Json::object();  // 专家论证: experts; 集体讨论: held_at, participants, discussion
};

struct Approval {
  std::string id;
  ApprovalKind kind = ApprovalKind::kStart;
  ApprovalState state = ApprovalState::kReviewing;
  int round = 1;  // resubmissions after a return count up
  TimePoint submitted_at, updated_at;
  std::vector<ApprovalStep> steps;
  // What an approval other than the start proposes: the data of the event the 负责人's approval records
  // (non_acceptance: ApplicationDecided; not_start: ComplaintNotStarted; clear_major: MajorFlagChanged).
  Json proposal = Json::object();

  bool open() const {
    return state == ApprovalState::kReviewing || state == ApprovalState::kLegalReview ||
           state == ApprovalState::kDeciding;
  }
  // The role whose decision is awaited, or nullopt when closed.
  std::optional<Role> pending_role() const;
};

struct CaseState {
  std::string id, number, unit_id, title;
  // 执法主体: the body the case is handled for (its 负责人 approves, documents bear its name). Empty for
  // cases opened before it was recorded.
  std::string body_id, body_name;
  StartMode mode = StartMode::kExOfficio;
  Stage stage = Stage::kInitiation;
  CaseStatus status = CaseStatus::kPending;
  Procedure procedure = Procedure::kOrdinary;
  std::string procedure_reason;
  bool major = false;  // 重大复杂 (Art. 5, Art. 10)
  std::string major_reason;
  bool urgent = false;  // 情况紧急，事后补报 (Art. 10)
  std::string urgent_reason;
  std::optional<UrgentMeasure> urgent_measure;  // the measure taken on the spot (absent in older cases)
  std::optional<Offence> offence;               // 案由、违法时间、违法地点 (the latest recorded)
  bool start_approved = false;
  ActorRef created_by;
  TimePoint created_at, updated_at;
  // When the procedure ended (a terminal status): the act's end for the 30-day case-file rule (Art. 33).
  std::optional<TimePoint> closed_at;
  std::vector<Party> parties;
  std::vector<CaseOfficer> officers;
  std::optional<Application> application;  // application mode (Art. 9)
  std::optional<Complaint> complaint;      // complaint mode (Art. 11)
  // Art. 10 程序启动审批表: ex officio from the start; a complaint's once its start approval is submitted.
  std::optional<StartForm> start_form;
  std::vector<Approval> approvals;
  std::vector<MediaRecord> media;                // MediaRegistered records (domain/media.h), in order
  std::optional<OnTheSpotDecision> on_the_spot;  // 简易程序: the on-the-spot decision and its filing
  // The minimum record of the later stages (domain/stage_records.h).
  std::optional<Decision> decision;    // 处理决定, issued by the 负责人's approval
  std::vector<Service> services;       // 送达
  std::optional<Execution> execution;  // 执行
  std::optional<Archive> archive;      // 归档封存: sealed
  std::vector<Document> documents;     // the written records of the catalogue (domain/documents.h)
  int64_t version = 0;
  int64_t last_index = -1;

  const Approval* open_approval() const;
  bool HasOfficer(const std::string& user_id) const;
};

// Applies one event about this case. Events were validated when decided, so a failure here means
// a corrupt or foreign log: Internal naming the event type. Never throws, whatever the event holds;
// after a failure `c` may be partly changed and must be discarded.
Status Apply(CaseState& c, const Event& e);

// The case as the API and the projections show it (all fields, Chinese labels beside wire names).
// `cal`: the working-day calendar its deadlines count in (domain/work_calendar.h).
Json CaseToJson(const CaseState& c, const WorkCalendar& cal = WorkCalendar::Shipped());
Json ApprovalToJson(const Approval& a);

}  // namespace qc::domain
