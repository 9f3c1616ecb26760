// DecideOpen: a case registered — on application, ex officio (with an urgent start's measure) or from a
// complaint — and the events its opening records (domain/case_commands.h).
#include "domain/authorization.h"
#include "domain/case_commands.h"
#include "domain/party_rules.h"
#include "domain/receipts.h"

namespace qc::domain {

using Drafts = std::vector<EventDraft>;

StatusOr<Drafts> DecideOpen(const Actor& a, const OpenCaseCommand& cmd) {
  QC_RETURN_IF_ERROR(Authorize(a, Action::kOpenCase, UnitResource(cmd.unit_id)));
  if (a.cert_no.empty())
    return Status::Conflict("missing_certificate", "您没有登记执法证件编号，不能办理案件（第十二条）");
  if (cmd.urgent && cmd.mode != StartMode::kExOfficio)
    return Status::InvalidArgument("invalid_field", "只有依职权启动可以紧急启动（第十条）", "urgent");
  if (cmd.urgent && cmd.urgent_reason.empty())
    return Status::InvalidArgument("missing_field", "紧急启动须说明紧急情况", "urgent_reason");
  // 行政强制法 第十九条: what was done on the spot, where and when — the 24 hours run from then.
  if (cmd.urgent && !cmd.urgent_measure)
    return Status::InvalidArgument("missing_field", "紧急启动须记录当场采取的措施、地点和时间（行政强制法第十九条）",
                                   "urgent_measure");
  if (!cmd.urgent && cmd.urgent_measure)
    return Status::InvalidArgument("invalid_field", "未紧急启动时不应填写现场措施", "urgent_measure");
  if (cmd.urgent_measure) QC_RETURN_IF_ERROR(CheckUrgentMeasure(*cmd.urgent_measure, cmd.opened_at));
  if (cmd.major && cmd.major_reason.empty())
    return Status::InvalidArgument("missing_field", "重大复杂案件须说明理由", "major_reason");
  // 简易程序 is a procedure of administrative penalty (行政处罚法 第五十一条; Art. 23): a licence
  // application (行政许可法) has no simple procedure.
  if (cmd.procedure == Procedure::kSimple && cmd.mode == StartMode::kApplication)
    return Status::InvalidArgument("invalid_field", "依申请的许可事项不适用简易程序（简易程序是行政处罚程序）",
                                   "procedure");
  if (cmd.procedure == Procedure::kSimple && cmd.procedure_reason.empty())
    return Status::InvalidArgument("missing_field", "适用简易程序须记录具体条件（第二十三条）", "procedure_reason");

  Json d = {{"number", cmd.number},
            {"unit_id", cmd.unit_id},
            {"title", cmd.title},
            {"start_mode", ToString(cmd.mode)},
            {"procedure", ToString(cmd.procedure)},
            {"major", cmd.major},
            {"urgent", cmd.urgent}};
  if (!cmd.body_id.empty()) d["enforcement_body"] = {{"id", cmd.body_id}, {"name", cmd.body_name}};
  Json parties = Json::array();
  for (size_t i = 0; i < cmd.parties.size(); ++i) {
    QC_RETURN_IF_ERROR(CheckParty(cmd.parties[i], "parties[" + std::to_string(i) + "]"));
    parties.push_back(ToJson(cmd.parties[i]));
  }
  d["parties"] = std::move(parties);
  if (!cmd.procedure_reason.empty()) d["procedure_reason"] = cmd.procedure_reason;
  if (cmd.major) d["major_reason"] = cmd.major_reason;
  if (cmd.urgent) d["urgent_reason"] = cmd.urgent_reason;
  if (cmd.urgent_measure) d["urgent_measure"] = EventData(*cmd.urgent_measure);
  if (cmd.offence) {
    QC_RETURN_IF_ERROR(CheckOffence(*cmd.offence, cmd.opened_at, "offence"));
    d["offence"] = EventData(*cmd.offence);
  }

  Json officers = Json::array({{{"user_id", a.user_id}, {"name", a.name}, {"cert_no", a.cert_no}, {"lead", true}}});
  for (const auto& o : cmd.co_officers) {
    if (o.user_id == a.user_id) continue;
    Json jo = {{"user_id", o.user_id}, {"name", o.name}, {"cert_no", o.cert_no}, {"lead", false}};
    if (o.auxiliary) jo["auxiliary"] = true;
    officers.push_back(std::move(jo));
  }
  d["officers"] = std::move(officers);

  switch (cmd.mode) {
    case StartMode::kApplication: {
      if (!cmd.application) return Status::InvalidArgument("missing_field", "请填写申请登记信息", "application");
      const Application& app = *cmd.application;
      // Art. 9: an oral application is written down.
      if (app.channel == "oral" && app.oral_record.value_or("").empty())
        return Status::InvalidArgument("missing_field", "口头申请须制作申请记录（第九条）", "application.oral_record");
      if (cmd.parties.empty()) return Status::InvalidArgument("missing_field", "请登记申请人", "parties");
      d["application"] = EventData(app);
      break;
    }
    case StartMode::kExOfficio: {
      if (!cmd.start_form || cmd.start_form->cause.value_or("").empty())
        return Status::InvalidArgument("missing_field", "程序启动审批表须载明启动原因（第十条）", "start_form.cause");
      d["start_form"] = ToJson(*cmd.start_form);
      break;
    }
    case StartMode::kComplaint: {
      if (!cmd.complaint) return Status::InvalidArgument("missing_field", "请填写投诉举报登记信息", "complaint");
      d["complaint"] = EventData(*cmd.complaint);
      break;
    }
  }
  Drafts out{{"CaseOpened", std::move(d)}};
  // Art. 9: the materials received are acknowledged in writing at registration.
  if (cmd.mode == StartMode::kApplication)
    out.push_back(ReceiptDraft(ReceiptKind::kMaterials, cmd.body_id.empty() ? cmd.unit_id : cmd.body_id, cmd.body_name,
                               cmd.parties[0].name));
  if (cmd.procedure == Procedure::kSimple)
    out.push_back({"StageAdvanced",
                   {{"from", "initiation"},
                    {"to", "investigation"},
                    {"reason", "适用简易程序当场办理，无需程序启动审批（第二十三条）"}}});
  else if (cmd.urgent)
    out.push_back(
        {"StageAdvanced",
         {{"from", "initiation"}, {"to", "investigation"}, {"reason", "情况紧急，先行启动，事后补报审批（第十条）"}}});
  return out;
}

}  // namespace qc::domain
