// A case folded from decided drafts, as if each were appended at the next ledger index, for tests of
// the pure domain (no store).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/case_commands.h"
#include "domain/case_state.h"

namespace qc::domain::testing_support {

inline Actor Officer(const std::string& id = "u_off1", const std::string& unit = "team1") {
  return {id, id, "张伟", Role::kOfficer, unit, "13062100017"};
}
inline Actor Staff(Role role, const std::string& id) { return {id, id, id, role, "bureau", ""}; }

// A written 依申请 application for a large public event (the demo's case C).
inline OpenCaseCommand OpenApplication() {
  OpenCaseCommand cmd;
  cmd.case_id = "case_1";
  cmd.unit_id = "team1";
  cmd.title = "大型群众性活动安全许可";
  cmd.mode = StartMode::kApplication;
  cmd.parties = {
      PartyFromJson({{"kind", "legal_person"}, {"name", "易县会展服务有限公司"}, {"legal_representative", "马晓东"}})};
  cmd.application = ApplicationFromJson({{"channel", "written"}, {"matter", "大型群众性活动安全许可"}});
  return cmd;
}

// Scenario D: a delivery rider obstructing traffic at a market gate, fined 50 yuan on the spot (Art. 23).
inline OpenCaseCommand OpenSimple() {
  OpenCaseCommand cmd;
  cmd.case_id = "case_1";
  cmd.unit_id = "team1";
  cmd.title = "外卖骑手占道妨碍通行案";
  cmd.mode = StartMode::kExOfficio;
  cmd.procedure = Procedure::kSimple;
  cmd.procedure_reason = "违法事实确凿，有法定依据，拟处五十元罚款，可当场作出处罚决定";
  cmd.parties = {PartyFromJson({{"kind", "natural_person"}, {"name", "孙小军"}, {"id_number", "130633199003070013"}})};
  cmd.start_form = StartFormFromJson({{"cause", "巡逻发现骑手在农贸市场门口占道停车妨碍通行"}});
  return cmd;
}
inline OnTheSpotDecision ScenarioDDecision() {
  OnTheSpotDecision d;
  d.matter = "traffic";
  d.facts = "当事人驾驶电动自行车在农贸市场门口占道停放，妨碍其他车辆和行人通行";
  d.legal_basis = "《中华人民共和国道路交通安全法》第八十九条";
  d.decision_no = "易公当罚〔2026〕1号";
  d.place = "易县城关镇农贸市场东门";
  d.penalty = "fine";
  d.fine_yuan = 50;
  d.statement = "当事人称只停了几分钟";
  d.review = "经复核，占道事实有执法记录仪录像为证，陈述不影响违法事实认定，不予采纳";
  d.adopted = false;
  d.disputed = true;
  d.recording_device = "DSJ-0107";
  d.collected = OnTheSpotCollection{"冀财罚No.0012345", "small"};
  return d;
}

// Scenario A's KTV case, opened ex officio (Art. 10).
inline OpenCaseCommand ExOfficio() {
  OpenCaseCommand cmd;
  cmd.case_id = "case_1";
  cmd.number = "易公〔2026〕1号";
  cmd.unit_id = "team1";
  cmd.title = "金嗓子KTV未按规定备案经营案";
  cmd.mode = StartMode::kExOfficio;
  cmd.parties = {
      PartyFromJson({{"kind", "legal_person"}, {"name", "易县金嗓子娱乐有限公司"}, {"legal_representative", "周涛"}})};
  cmd.start_form = StartFormFromJson({{"cause", "备案过期仍营业"}});
  return cmd;
}

// A complaint by telephone, no party yet (Art. 11).
inline OpenCaseCommand OpenComplaint() {
  OpenCaseCommand cmd = OpenApplication();
  cmd.mode = StartMode::kComplaint;
  cmd.application.reset();
  cmd.parties.clear();
  cmd.complaint = ComplaintFromJson({{"channel", "phone"}, {"content", "夜间噪声扰民"}});
  return cmd;
}

class CaseHarness {
 public:
  // Events are stamped `start` plus one millisecond per index, unless the test moves `now`.
  Status Run(const StatusOr<std::vector<EventDraft>>& drafts, const Actor& a) {
    if (!drafts.ok()) return drafts.status();
    for (const auto& d : *drafts) {
      Event e;
      e.index = next_++;
      e.type = d.type;
      e.actor = a.Ref();
      e.case_id = "case_1";
      e.at = now + std::chrono::milliseconds(next_);
      e.data = d.data;
      // The app layer numbers from the body's sequence; here each series counts from 1.
      if (d.number)
        e.data[d.number->field] = FormatDocumentNumber("易公", d.number->word, 2026, ++numbers_[d.number->series]);
      Status st = Apply(c, e);
      if (!st.ok()) return st;
      types.push_back(d.type);
    }
    return Status();
  }
  CaseState c;
  std::vector<std::string> types;
  TimePoint now{std::chrono::milliseconds(1795741323456)};  // 2026-11-27T01:02:03.456Z

 private:
  int64_t next_ = 0;
  std::map<std::string, int64_t> numbers_;
};

// 不予受理 through the whole chain (Art. 7, 9): submitted by the officer, approved by the reviewer and
// the approver.
inline Status RefuseApplication(CaseHarness& h, const Actor& officer, const std::string& approval_id = "apv_refuse") {
  ApplicationDecisionCommand cmd;
  cmd.approval_id = approval_id;
  cmd.reason = "申请事项不属于本机关职权范围";
  cmd.ground = NonAcceptanceGround::kNotCompetent;
  cmd.competent_authority = "易县文化广电和旅游局";
  QC_RETURN_IF_ERROR(h.Run(DecideApplication(h.c, officer, cmd), officer));
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  QC_RETURN_IF_ERROR(h.Run(DecideApprovalStep(h.c, reviewer, approval_id, "approve", "同意不予受理"), reviewer));
  return h.Run(DecideApprovalStep(h.c, approver, approval_id, "approve", "同意"), approver);
}

// Scenario A's decision (审查决定): proposed by the officer, approved by the reviewer and the approver.
inline Decision ScenarioADecision() {
  return DecisionFromJson(
      {{"decision_no", "易公（治）行罚决字〔2026〕12号"},
       {"kind", "penalty"},
       {"content",
        "对易县金嗓子娱乐有限公司没收具有赌博功能的电子游戏机2台，罚款人民币三万元（《娱乐场所管理条例》"
        "第四十五条）；未按规定备案，责令改正，给予警告（第四十七条）"}});
}
inline Status IssueDecision(CaseHarness& h, const Actor& officer, const std::string& approval_id = "apv_dec") {
  QC_RETURN_IF_ERROR(
      h.Run(DecideSubmitDecision(h.c, officer, approval_id, ScenarioADecision(), "拟作出行政处罚决定"), officer));
  Actor reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  QC_RETURN_IF_ERROR(h.Run(DecideApprovalStep(h.c, reviewer, approval_id, "approve", "同意"), reviewer));
  if (h.c.major) {
    Actor legal = Staff(Role::kLegal, "u_legal");
    QC_RETURN_IF_ERROR(h.Run(DecideApprovalStep(h.c, legal, approval_id, "approve", "法制审核通过"), legal));
  }
  return h.Run(DecideApprovalStep(h.c, approver, approval_id, "approve", "同意"), approver);
}
// Served directly, then the fine paid (送达执行).
inline Status ServeAndExecute(CaseHarness& h, const Actor& officer) {
  Service s = ServiceFromJson({{"document_no", "易公（治）行罚决字〔2026〕12号"},
                               {"method", "direct"},
                               {"recipient", "周涛"},
                               {"served_at", FormatRfc3339(h.now)},
                               {"proof", "送达回证第12号"}});
  QC_RETURN_IF_ERROR(h.Run(DecideRecordService(h.c, officer, s, h.now + std::chrono::hours(1)), officer));
  Execution e = ExecutionFromJson(
      {{"manner", "performed"}, {"note", "当事人已缴纳罚款，票据号 0012346"}, {"completed_at", FormatRfc3339(h.now)}});
  return h.Run(DecideRecordExecution(h.c, officer, e, h.now + std::chrono::hours(1)), officer);
}

}  // namespace qc::domain::testing_support
