// The commands on an existing case, one struct each, as the edge parses them. CaseService::Act()
// checks that the actor may see the case, asks domain/ to decide on the current state, and records
// the events.
//
//   app.cases().Act(actor, case_id, AdvanceStage{domain::Stage::kReviewDecision, "调查终结"});
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/case_record.h"
#include "domain/simple_procedure.h"
#include "domain/stage_records.h"
#include "domain/types.h"

namespace qc::app {

// Art. 9 — the application.
struct CorrectApplication {
  domain::ApplicationCorrection correction;
};
struct IssueSupplementNotice {
  domain::SupplementNotice notice;
};
struct RecordSupplementReceived {
  domain::SupplementReceipt received;
};
// 受理, or 不予受理 submitted to the chain (domain::ApplicationDecisionCommand).
struct DecideOnApplication {
  bool accepted = false;
  std::string reason;
  std::optional<domain::NonAcceptanceGround> ground;
  std::optional<std::string> competent_authority;
  std::string opinion;
};
struct IssueReceipt {
  domain::Receipt receipt;
};
// Art. 11 — a complaint not started (submitted to the chain), and after approval its written notice;
// or the complaint accepted (受案回执) or transferred (domain/complaint_outcome.h).
struct NotStartComplaint {
  domain::ComplaintNotice notice;
};
struct ServeComplaintNotice {
  domain::ComplaintNoticeService service;
};
struct AcceptComplaint {
  std::optional<std::string> no_receipt_reason;
};
struct TransferComplaint {
  domain::ComplaintTransfer transfer;
};
// Art. 7, 10 — the start approval. (A fresh approval id is made for every action that submits one.)
struct SubmitStartApproval {
  std::string opinion, reasons;
  std::optional<std::string> cause;
};
// Art. 4 — the next stage.
struct AdvanceStage {
  domain::Stage to;
  std::string reason;
};
struct AddParty {
  domain::Party party;
};
// Art. 23, Art. 5.
struct ChangeProcedure {
  domain::Procedure procedure;
  std::string reason;
};
struct ChangeMajorFlag {
  bool major = false;
  std::string reason;
};
// Art. 23 — the simple procedure: the on-the-spot decision and its filing (domain/simple_procedure.h).
struct DecideOnTheSpot {
  domain::OnTheSpotDecision decision;
};
struct FileSimpleCase {
  std::optional<std::string> note;
};
// Art. 10 — an urgent start refused: the measure released (domain/urgent_start.h); a party 身份不明
// identified.
struct ReleaseMeasure {
  std::string note;
};
// Art. 21, 24–35 — the minimum record of the later stages (domain/stage_records.h).
struct SubmitDecision {
  domain::Decision decision;
  std::string opinion;
};
struct RecordService {
  domain::Service service;
};
struct RecordExecution {
  domain::Execution execution;
};
struct ArchiveCase {
  domain::Archive archive;
};
struct RecordOffence {
  domain::Offence offence;
};
struct IdentifyParty {
  size_t index = 0;
  domain::Party party;
};

using CaseAction =
    std::variant<CorrectApplication, IssueSupplementNotice, RecordSupplementReceived, DecideOnApplication, IssueReceipt,
                 NotStartComplaint, SubmitStartApproval, AdvanceStage, AddParty, ChangeProcedure, ChangeMajorFlag,
                 DecideOnTheSpot, FileSimpleCase, ReleaseMeasure, IdentifyParty, RecordOffence, SubmitDecision,
                 RecordService, RecordExecution, ArchiveCase, ServeComplaintNotice, AcceptComplaint, TransferComplaint>;

}  // namespace qc::app
