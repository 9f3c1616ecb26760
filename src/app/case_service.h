// Cases (cases.cc, case_actions.cc, deadlines.cc, approvals.cc): opening one, acting on one, the
// approval chain, and the queries (list, get, timeline, deadlines, the approval inbox).
//
//   auto opened = app.cases().OpenCase(officer, new_case);                       // StatusOr<CommandResult>
//   app.cases().Act(officer, case_id, AdvanceStage{domain::Stage::kReviewDecision, "调查终结"});
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/case_actions.h"
#include "app/context.h"
#include "domain/case_commands.h"
#include "domain/documents.h"

namespace qc::app {

struct CaseQuery {
  std::optional<std::string> stage, status, start_mode, officer, text, from, to;
  std::string sort = "created_at";
  bool descending = true;
  int page = 1, page_size = 20;
};

// Deadlines due by the end of the `within_days`-th calendar day after today in China Standard Time
// (overdue ones included). `mine`: only cases the actor is an officer of (default for officers);
// otherwise every case the actor may see.
struct DeadlineQuery {
  int within_days = 7;
  std::optional<bool> mine;
  int page = 1, page_size = 20;
};

// Case creation input, as parsed at the edge (ids, number and officers are filled in here).
struct NewCase {
  domain::OpenCaseCommand cmd;
  std::vector<std::string> co_officer_ids;
};

class CaseService {
 public:
  explicit CaseService(AppContext& ctx) : ctx_(ctx) {}

  StatusOr<CommandResult> OpenCase(const domain::Actor& a, NewCase c);
  StatusOr<Json> ListCases(const domain::Actor& a, const CaseQuery& q);
  // The case as `a` sees it: its JSON with "available_actions" (domain::AvailableActions: what `a` may
  // do now, and why not the rest), both of the same ledger index. GetCaseJson is the JSON text.
  StatusOr<std::string> GetCaseJson(const domain::Actor& a, const std::string& id);
  StatusOr<Json> GetCase(const domain::Actor& a, const std::string& id);
  StatusOr<Json> CaseEvents(const domain::Actor& a, const std::string& id);
  // Decides one action on a case the actor may see (case_actions.cc), and records its events.
  StatusOr<CommandResult> Act(const domain::Actor& a, const std::string& case_id, const CaseAction& action);
  // Runs `decide` on the current state of a case the actor may see, and records its events.
  using Decider = std::function<StatusOr<std::vector<domain::EventDraft>>(const domain::CaseState&)>;
  StatusOr<CommandResult> ActOnCase(const domain::Actor& a, const std::string& case_id, const Decider& decide);
  StatusOr<CommandResult> AssignOfficer(const domain::Actor& a, const std::string& case_id, const std::string& user_id);
  StatusOr<Json> ListDeadlines(const domain::Actor& a, const DeadlineQuery& q);

  // The written records of a case (documents.cc; domain/documents.h). The command results' body is
  // {"case": …, "document": …}.
  StatusOr<Json> ListDocuments(const domain::Actor& a, const std::string& case_id);
  StatusOr<Json> GetDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id);
  StatusOr<CommandResult> DraftDocument(const domain::Actor& a, const std::string& case_id, const std::string& type,
                                        const Json& fields);
  StatusOr<CommandResult> ReviseDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                         const Json& fields);
  StatusOr<CommandResult> IssueDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id);
  StatusOr<CommandResult> SubmitDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                         const std::string& opinion);
  // Signatures, service and corrections (document_acts.cc). `image`: a drawn signature as a PNG data
  // URL (or bare base64), stored in the blob store once the act is decided; InvalidArgument("image")
  // when it is no PNG or larger than kSignatureImageMax.
  static constexpr size_t kSignatureImageMax = 512 * 1024;
  StatusOr<CommandResult> SignDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                       domain::DocumentSignature s, const std::string& image);
  StatusOr<CommandResult> ServeDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                        domain::DocumentService s, const std::string& image);
  StatusOr<CommandResult> CorrectDocument(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                          const Json& fields, const std::string& reason, const std::string& opinion);
  // The PNG of signature `seq` of the record (or of its direct service's signature: `service`).
  StatusOr<std::string> SignatureImage(const domain::Actor& a, const std::string& case_id, const std::string& doc_id,
                                       int seq, bool service);

  // The approval chain (Art. 7): the inbox of the actor's role, and one step's decision.
  // todo: the steps awaiting this user (or returned to this officer); done: 已办, the steps they decided.
  enum class ApprovalScope { kTodo, kDone };
  StatusOr<Json> ApprovalInbox(const domain::Actor& a, ApprovalScope scope, int page, int page_size);
  StatusOr<CommandResult> DecideApproval(const domain::Actor& a, const std::string& approval_id,
                                         const std::string& decision, const std::string& opinion);
  // 专家论证 (Art. 19) and 集体讨论 (Art. 20) recorded in an open approval.
  StatusOr<CommandResult> RecordExpertOpinion(const domain::Actor& a, const std::string& approval_id,
                                              const domain::ExpertOpinion& e);
  StatusOr<CommandResult> RecordCollectiveDiscussion(const domain::Actor& a, const std::string& approval_id,
                                                     const domain::CollectiveDiscussion& d);

 private:
  // The state of a case as of ledger index `last_index`, folded once and cached by that index.
  StatusOr<std::shared_ptr<const domain::CaseState>> CaseStateAt(const std::string& case_id, int64_t last_index);
  // The folded state of a case `a` may see, at its latest projected index (cached).
  StatusOr<std::shared_ptr<const domain::CaseState>> VisibleCaseState(const domain::Actor& a, const std::string& id);
  // {"case": the case JSON, "document": the whole record} of a document command's result.
  StatusOr<CommandResult> WithDocument(const domain::Actor& a, CommandResult r, const std::string& case_id,
                                       const std::string& doc_id);
  // ActOnCase on the case the approval `approval_id` belongs to (NotFound "id" when none).
  StatusOr<CommandResult> ActOnApproval(const domain::Actor& a, const std::string& approval_id, const Decider& decide);

  AppContext& ctx_;
  std::mutex case_states_mu_;
  std::unordered_map<std::string, std::shared_ptr<const domain::CaseState>> case_states_;  // case id -> latest folded
};

}  // namespace qc::app
