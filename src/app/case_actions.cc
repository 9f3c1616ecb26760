// CaseService::Act: each CaseAction mapped to the domain function that decides it.
#include "app/case_service.h"
#include "crypto/hash.h"

namespace qc::app {

namespace {
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

StatusOr<CommandResult> CaseService::Act(const domain::Actor& a, const std::string& case_id, const CaseAction& action) {
  using Drafts = StatusOr<std::vector<domain::EventDraft>>;
  std::string approval_id = crypto::TimeOrderedId("apv_", ctx_.clock.Now().time_since_epoch().count());
  return ActOnCase(a, case_id, [&](const domain::CaseState& c) -> Drafts {
    return std::visit(
        Overloaded{
            [&](const CorrectApplication& x) { return domain::DecideCorrectApplication(c, a, x.correction); },
            [&](const IssueSupplementNotice& x) { return domain::DecideSupplementNotice(c, a, x.notice); },
            [&](const RecordSupplementReceived& x) { return domain::DecideSupplementReceived(c, a, x.received); },
            [&](const DecideOnApplication& x) {
              return domain::DecideApplication(
                  c, a, {approval_id, x.accepted, x.reason, x.ground, x.competent_authority, x.opinion});
            },
            [&](const IssueReceipt& x) { return domain::DecideIssueReceipt(c, a, x.receipt); },
            [&](const NotStartComplaint& x) { return domain::DecideComplaintNotStarted(c, a, approval_id, x.notice); },
            [&](const SubmitStartApproval& x) {
              return domain::DecideSubmitStartApproval(c, a, {approval_id, x.opinion, x.reasons, x.cause});
            },
            [&](const AdvanceStage& x) { return domain::DecideAdvanceStage(c, a, x.to, x.reason); },
            [&](const AddParty& x) { return domain::DecideAddParty(c, a, x.party); },
            [&](const ChangeProcedure& x) { return domain::DecideSetProcedure(c, a, x.procedure, x.reason); },
            [&](const ChangeMajorFlag& x) { return domain::DecideSetMajor(c, a, approval_id, x.major, x.reason); },
            [&](const DecideOnTheSpot& x) { return domain::DecideOnTheSpot(c, a, x.decision); },
            [&](const FileSimpleCase& x) { return domain::DecideFileSimpleCase(c, a, x.note); },
            [&](const ReleaseMeasure& x) { return domain::DecideReleaseMeasure(c, a, x.note); },
            [&](const IdentifyParty& x) { return domain::DecideIdentifyParty(c, a, x.index, x.party); },
            [&](const RecordOffence& x) { return domain::DecideRecordOffence(c, a, x.offence, ctx_.clock.Now()); },
            [&](const SubmitDecision& x) {
              return domain::DecideSubmitDecision(c, a, approval_id, x.decision, x.opinion);
            },
            [&](const RecordService& x) { return domain::DecideRecordService(c, a, x.service, ctx_.clock.Now()); },
            [&](const RecordExecution& x) {
              return domain::DecideRecordExecution(c, a, x.execution, ctx_.clock.Now());
            },
            [&](const ArchiveCase& x) { return domain::DecideArchive(c, a, x.archive); },
            [&](const ServeComplaintNotice& x) {
              return domain::DecideServeComplaintNotice(c, a, x.service, ctx_.clock.Now());
            },
            [&](const AcceptComplaint& x) { return domain::DecideAcceptComplaint(c, a, x.no_receipt_reason); },
            [&](const TransferComplaint& x) {
              return domain::DecideTransferComplaint(c, a, x.transfer, ctx_.clock.Now());
            },
        },
        action);
  });
}

}  // namespace qc::app
