// /api/v1/cases and the actions on a case.
#include "http/handlers.h"
#include "http/input.h"

#include "domain/deadlines.h"

namespace qc::http {
namespace {

using domain::Action;

domain::Party ReadParty(Reader& p) {
  domain::Party party;
  party.kind =
      domain::ParsePartyKind(p.Enum("kind", kRequired, {"natural_person", "legal_person", "other_organization"}))
          .value_or(domain::PartyKind::kNaturalPerson);
  party.name = p.Str("name", kRequired, 100);
  std::string id_type =
      p.Enum("id_type", kOptional,
             {"resident_id", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent", "other"});
  if (!id_type.empty()) party.id_type = domain::ParseIdType(id_type);
  party.id_number = p.OptStr("id_number", 50);
  party.phone = p.OptStr("phone", 30);
  party.address = p.OptStr("address", 200);
  party.legal_representative = p.OptStr("legal_representative", 50);
  party.principal = p.OptStr("principal", 50);
  party.gender = p.OptStr("gender", 10);
  party.occupation = p.OptStr("occupation", 50);
  party.birth_date = p.OptStr("birth_date", 10);
  party.identity_unknown = p.Bool("identity_unknown", false);
  return party;
}

domain::Offence ReadOffence(Reader& o) {
  domain::Offence off;
  off.cause = o.Str("cause", kRequired, 100);
  off.place = o.OptStr("place", 200);
  off.occurred_at = ReadTime(o, "occurred_at");
  return off;
}

StatusOr<app::NewCase> ReadNewCase(const Json& body) {
  Reader in(body);
  app::NewCase nc;
  domain::OpenCaseCommand& cmd = nc.cmd;
  std::string mode = in.Enum("start_mode", kRequired, {"application", "ex_officio", "complaint"});
  cmd.mode = domain::ParseStartMode(mode).value_or(domain::StartMode::kExOfficio);
  cmd.title = in.Str("title", kRequired, 200);
  cmd.procedure = domain::ParseProcedure(in.Enum("procedure", kOptional, {"ordinary", "simple"}, "ordinary"))
                      .value_or(domain::Procedure::kOrdinary);
  cmd.procedure_reason = in.Str("procedure_reason", kOptional, 1000);
  cmd.major = in.Bool("major", false);
  cmd.major_reason = in.Str("major_reason", kOptional, 1000);
  cmd.urgent = in.Bool("urgent", false);
  cmd.urgent_reason = in.Str("urgent_reason", kOptional, 1000);
  // A reason without its flag would be recorded nowhere: refuse it rather than drop it.
  if (!cmd.major && !cmd.major_reason.empty())
    in.Fail(Status::InvalidArgument("invalid_field", "未标记重大复杂案件时不应填写理由", "major_reason"));
  if (!cmd.urgent && !cmd.urgent_reason.empty())
    in.Fail(Status::InvalidArgument("invalid_field", "未紧急启动时不应填写紧急情况", "urgent_reason"));
  // 行政强制法 第十九条: the measure taken on the spot (required of an urgent start: domain/urgent_start.h).
  if (auto m = in.Object("urgent_measure", kOptional)) {
    domain::UrgentMeasure um;
    um.measure = m->Str("measure", kRequired, 200);
    um.place = m->Str("place", kRequired, 200);
    if (auto t = ReadTime(*m, "taken_at"))
      um.taken_at = *t;
    else if (!m->Has("taken_at"))
      m->Fail(Status::InvalidArgument("missing_field", "请记录采取措施的时间", m->Path("taken_at")));
    in.Merge(m->Finish());
    cmd.urgent_measure = std::move(um);
  }
  if (cmd.procedure == domain::Procedure::kOrdinary && !cmd.procedure_reason.empty())
    in.Fail(Status::InvalidArgument("invalid_field", "普通程序无需填写简易程序的适用条件", "procedure_reason"));
  if (auto o = in.Object("offence", kOptional)) {
    cmd.offence = ReadOffence(*o);
    in.Merge(o->Finish());
  }
  for (auto& p : in.Objects("parties", kOptional, 50)) {
    cmd.parties.push_back(ReadParty(p));
    in.Merge(p.Finish());
  }
  nc.co_officer_ids = in.StrList("co_officers", kOptional, 10, 64);

  auto forbid = [&](const char* field, const char* for_mode) {
    if (in.Has(field) && mode != for_mode)
      in.Fail(Status::InvalidArgument("invalid_field", "该字段与启动方式不符", field));
  };
  forbid("application", "application");
  forbid("complaint", "complaint");
  forbid("start_form", "ex_officio");

  if (auto a = in.Object("application", mode == "application")) {
    domain::Application app;
    app.channel = a->Enum("channel", kRequired, {"written", "oral", "online"});
    app.matter = a->Str("matter", kRequired, 200);
    app.oral_record = a->OptStr("oral_record", 5000);
    app.materials = a->StrList("materials", kOptional, 50, 200);
    app.received_at = ReadTime(*a, "received_at");
    in.Merge(a->Finish());
    cmd.application = std::move(app);
  }
  if (auto c = in.Object("complaint", mode == "complaint")) {
    domain::Complaint comp;
    comp.channel = c->Enum("channel", kRequired, {"phone", "letter", "visit", "online", "other"});
    comp.content = c->Str("content", kRequired, 5000);
    if (auto who = c->Object("complainant", kOptional)) {
      domain::Complainant cp{who->OptStr("name", 50), who->OptStr("phone", 30), who->OptStr("address", 200),
                             who->Bool("anonymous", false)};
      // An anonymous complainant leaves no identity in the record (it could never be taken out again).
      if (cp.anonymous)
        for (auto [field, value] : {std::pair{"name", &cp.name}, {"phone", &cp.phone}, {"address", &cp.address}})
          if (*value)
            who->Merge(Status::InvalidArgument("invalid_field", "匿名投诉举报不记录投诉举报人的姓名、电话和住址",
                                               std::string("complaint.complainant.") + field));
      c->Merge(who->Finish());
      comp.complainant = std::move(cp);
    }
    comp.respondent = c->OptStr("respondent", 200);
    comp.received_at = ReadTime(*c, "received_at");
    in.Merge(c->Finish());
    cmd.complaint = std::move(comp);
  }
  if (auto f = in.Object("start_form", mode == "ex_officio")) {
    // 承办人意见 is given when the form is submitted for approval (POST .../start-approval).
    cmd.start_form = domain::StartForm{};
    cmd.start_form->cause = f->Str("cause", kRequired, 2000);
    in.Merge(f->Finish());
  }
  QC_RETURN_IF_ERROR(in.Finish());
  return nc;
}

// Registers POST /api/v1/cases/{id}/<action>: `read` parses the body into an app::CaseAction.
using ActionReader = std::function<app::CaseAction(Reader&)>;
void AddAction(Router& r, const std::string& action, ActionReader read, Action gate = Action::kActOnCase) {
  r.Add("POST", "/api/v1/cases/{id}/" + action, Session(gate), [read](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    app::CaseAction act = read(in);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.cases().Act(*c.actor, c.params["id"], act));
    return CommandResponse(200, "case", res);
  });
}

}  // namespace

void RegisterCaseRoutes(Router& r) {
  // 新建案件（依申请 / 依职权 / 投诉举报）
  r.Add("POST", "/api/v1/cases", Session(Action::kOpenCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    QC_ASSIGN_OR_RETURN(app::NewCase nc, ReadNewCase(body));
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.cases().OpenCase(*c.actor, std::move(nc)));
    Response out = CommandResponse(201, "case", res);
    out.headers.emplace_back("Location", "/api/v1/cases/" + res.body["id"].get<std::string>());
    return out;
  });

  // 临近期限的事项（工作台）
  r.Add("GET", "/api/v1/deadlines", Session(Action::kListCases), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    app::DeadlineQuery dq;
    dq.within_days = q.Int("within_days", 7, 0, 366);
    auto mine = q.Str("mine", 5);
    dq.page = q.Int("page", 1, 1, 100000);
    dq.page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    if (mine) {
      if (*mine != "true" && *mine != "false")
        return Status::InvalidArgument("invalid_field", "mine 应为 true 或 false", "mine");
      dq.mine = *mine == "true";
    }
    QC_ASSIGN_OR_RETURN(Json list, c.app.cases().ListDeadlines(*c.actor, dq));
    return JsonResponse(200, list);
  });

  // 案件列表
  r.Add("GET", "/api/v1/cases", Session(Action::kListCases), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    app::CaseQuery cq;
    cq.stage = q.Str("stage", 32);
    cq.status = q.Str("status", 32);
    cq.start_mode = q.Str("start_mode", 32);
    cq.officer = q.Str("officer", 64);
    cq.text = q.Str("text", 100);
    cq.from = q.Str("from", 40);
    cq.to = q.Str("to", 40);
    cq.sort = q.Str("sort", 32).value_or("created_at");
    std::string order = q.Str("order", 8).value_or("desc");
    cq.page = q.Int("page", 1, 1, 100000);
    cq.page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    if (order != "asc" && order != "desc")
      return Status::InvalidArgument("invalid_field", "排序方向应为 asc 或 desc", "order");
    cq.descending = order == "desc";
    QC_ASSIGN_OR_RETURN(Json list, c.app.cases().ListCases(*c.actor, cq));
    return JsonResponse(200, list);
  });

  // 案件详情
  r.Add("GET", "/api/v1/cases/{id}", Session(Action::kViewCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(std::string detail, c.app.cases().GetCaseJson(*c.actor, c.params["id"]));
    Response out;
    out.body = std::move(detail);
    return out;
  });

  // 案件事件时间线
  r.Add("GET", "/api/v1/cases/{id}/events", Session(Action::kViewCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json events, c.app.cases().CaseEvents(*c.actor, c.params["id"]));
    return JsonResponse(200, events);
  });

  // 当场更正申请材料错误（第九条）
  AddAction(r, "application/corrections", [](Reader& in) -> app::CaseAction {
    domain::ApplicationCorrection corr;
    corr.field = in.Str("field", kRequired, 100);
    corr.before = in.Str("before", kRequired, 1000);
    corr.after = in.Str("after", kRequired, 1000);
    corr.confirmed_by = in.Str("confirmed_by", kRequired, 100);
    return app::CorrectApplication{std::move(corr)};
  });
  // 一次性告知补正（第九条）
  AddAction(r, "application/supplement-notice", [](Reader& in) -> app::CaseAction {
    domain::SupplementNotice n;
    n.items = in.StrList("items", kRequired, 50, 200);
    if (auto v = in.OptStr("deadline", 10)) {
      if (EndOfChinaDay(*v))
        n.deadline = *v;
      else
        in.Fail(Status::InvalidArgument("invalid_field", "补正期限应为日期，格式 YYYY-MM-DD", "deadline"));
    }
    n.note = in.OptStr("note", 1000);
    return app::IssueSupplementNotice{std::move(n)};
  });
  // 登记补正材料
  AddAction(r, "application/supplement-received", [](Reader& in) -> app::CaseAction {
    domain::SupplementReceipt r;
    r.items = in.StrList("items", kOptional, 50, 200);
    r.note = in.OptStr("note", 1000);
    return app::RecordSupplementReceived{std::move(r)};
  });
  // 受理或不予受理（第九条）
  AddAction(r, "application/decision", [](Reader& in) -> app::CaseAction {
    app::DecideOnApplication d;
    d.accepted = in.OptBool("accepted", kRequired).value_or(false);
    d.reason = in.Str("reason", kOptional, 2000);
    d.ground =
        domain::ParseNonAcceptanceGround(in.Enum("ground", kOptional, {"not_required", "not_competent", "other"}));
    d.competent_authority = in.OptStr("competent_authority", 200);
    d.opinion = in.Str("opinion", kOptional, 2000);
    return d;
  });
  // 出具书面凭证或回执（第九条）
  AddAction(r, "application/receipts", [](Reader& in) -> app::CaseAction {
    domain::Receipt r;
    r.kind = domain::ParseReceiptKind(in.Enum("kind", kRequired, {"acceptance", "non_acceptance", "materials"}))
                 .value_or(domain::ReceiptKind::kMaterials);
    r.receipt_no = in.Str("receipt_no", kOptional, 100);  // empty: numbered by the system
    r.recipient = in.OptStr("recipient", 100);
    return app::IssueReceipt{std::move(r)};
  });
  // 投诉举报不予启动（第十一条）: through the chain; the written notice is served after approval.
  AddAction(r, "complaint/not-started", [](Reader& in) -> app::CaseAction {
    domain::ComplaintNotice n;
    n.reason = in.Str("reason", kRequired, 2000);
    n.notice_no = in.Str("notice_no", kRequired, 100);
    n.competent_authority = in.OptStr("competent_authority", 200);
    // Read so that the domain can say they belong to the notice served after approval.
    n.notice_method = in.OptStr("notice_method", 20).value_or("");
    n.impossible_reason = in.OptStr("impossible_reason", 1000);
    n.notified_at = ReadTime(in, "notified_at");
    return app::NotStartComplaint{std::move(n)};
  });
  AddAction(r, "complaint/notice", [](Reader& in) -> app::CaseAction {
    domain::ComplaintNoticeService sv;
    // phone, sms and other are read so that the domain can say why they are not written notice.
    sv.method = in.Enum("method", kRequired, {"direct", "mail", "email", "impossible", "phone", "sms", "other"});
    sv.notified_at = ReadTime(in, "notified_at");
    sv.proof = in.OptStr("proof", 200);
    sv.impossible_reason = in.OptStr("impossible_reason", 1000);
    sv.electronic_consent = in.Bool("electronic_consent", false);
    return app::ServeComplaintNotice{std::move(sv)};
  });
  // 受案 with its 受案回执, or 移送 within 24 hours (程序规定 第六十一条).
  AddAction(r, "complaint/acceptance",
            [](Reader& in) -> app::CaseAction { return app::AcceptComplaint{in.OptStr("no_receipt_reason", 1000)}; });
  AddAction(r, "complaint/transfer", [](Reader& in) -> app::CaseAction {
    domain::ComplaintTransfer t;
    t.to_authority = in.Str("to_authority", kRequired, 200);
    t.reason = in.Str("reason", kRequired, 2000);
    if (auto at = ReadTime(in, "transferred_at")) t.transferred_at = *at;
    t.complainant_told = in.OptStr("complainant_told", 1000);
    return app::TransferComplaint{std::move(t)};
  });
  // 提交程序启动审批（第七条、第十条）
  AddAction(r, "start-approval", [](Reader& in) -> app::CaseAction {
    std::string opinion = in.Str("opinion", kRequired, 2000);
    std::string reasons = in.Str("reasons", kOptional, 2000);
    return app::SubmitStartApproval{opinion, reasons, in.OptStr("cause", 2000)};
  });
  // 进入下一阶段（第四条）. 程序启动 is left by approval or acceptance, never entered: not a target.
  AddAction(r, "stage", [](Reader& in) -> app::CaseAction {
    std::string to = in.Enum("to", kRequired, {"investigation", "review_decision", "service_execution", "archiving"});
    std::string reason = in.Str("reason", kOptional, 1000);
    return app::AdvanceStage{domain::ParseStage(to).value_or(domain::Stage::kInvestigation), reason};
  });
  // 增加当事人
  AddAction(r, "parties", [](Reader& in) -> app::CaseAction { return app::AddParty{ReadParty(in)}; });

  // 简易程序：当场处罚决定 and its 备案 (Art. 23).
  AddAction(r, "on-the-spot-decision", [](Reader& in) -> app::CaseAction {
    domain::OnTheSpotDecision d;
    d.matter = in.Enum("matter", kRequired, {"public_security", "traffic", "other"});
    d.facts = in.Str("facts", kRequired, 2000);
    d.legal_basis = in.Str("legal_basis", kRequired, 1000);
    d.decision_no = in.Str("decision_no", kRequired, 100);
    d.place = in.Str("place", kRequired, 200);
    d.penalty = in.Enum("penalty", kRequired, {"warning", "fine"});
    d.fine_yuan = in.Int("fine_yuan", 0, 0, 100000000);
    d.statement = in.Str("statement", kRequired, 2000);
    d.review = in.Str("review", kRequired, 2000);
    d.adopted = in.Bool("adopted", false);
    d.disputed = in.Bool("disputed", false);
    d.recording_device = in.OptStr("recording_device", 64);
    if (auto c = in.Object("collected", kOptional)) {
      domain::OnTheSpotCollection col;
      col.receipt_no = c->Str("receipt_no", kRequired, 100);
      col.ground = c->Enum("ground", kRequired, {"small", "hard_to_enforce", "remote"});
      in.Merge(c->Finish());
      d.collected = std::move(col);
    }
    return app::DecideOnTheSpot{std::move(d)};
  });
  AddAction(r, "simple-filing",
            [](Reader& in) -> app::CaseAction { return app::FileSimpleCase{in.OptStr("note", 1000)}; });
  // 审查决定、送达执行、归档 — the minimum record of each stage (domain/stage_records.h).
  AddAction(r, "decision", [](Reader& in) -> app::CaseAction {
    app::SubmitDecision x;
    x.decision.decision_no = in.Str("decision_no", kRequired, 100);
    x.decision.kind = in.Enum("kind", kRequired, {"penalty", "no_penalty", "other"});
    x.decision.content = in.Str("content", kRequired, 2000);
    x.opinion = in.Str("opinion", kRequired, 2000);
    return x;
  });
  AddAction(r, "services", [](Reader& in) -> app::CaseAction {
    domain::Service s;
    s.document_no = in.Str("document_no", kRequired, 100);
    s.method = in.Enum("method", kRequired,
                       {"direct", "service_by_leaving", "entrusted", "mail", "public_notice", "electronic"});
    s.recipient = in.Str("recipient", kRequired, 100);
    if (auto t = ReadTime(in, "served_at")) s.served_at = *t;
    s.proof = in.Str("proof", kRequired, 200);
    s.note = in.OptStr("note", 1000);
    return app::RecordService{std::move(s)};
  });
  AddAction(r, "execution", [](Reader& in) -> app::CaseAction {
    domain::Execution e;
    e.manner = in.Enum("manner", kRequired, {"performed", "enforced", "not_required"});
    e.note = in.Str("note", kRequired, 1000);
    if (auto t = ReadTime(in, "completed_at")) e.completed_at = *t;
    return app::RecordExecution{std::move(e)};
  });
  AddAction(
      r, "archive",
      [](Reader& in) -> app::CaseAction {
        return app::ArchiveCase{domain::Archive{in.Str("archive_no", kRequired, 100), in.OptStr("note", 1000), {}, {}}};
      },
      Action::kArchiveCase);
  // 登记或更正案由、违法时间、违法地点
  AddAction(r, "offence", [](Reader& in) -> app::CaseAction { return app::RecordOffence{ReadOffence(in)}; });
  // 紧急启动不予批准后解除现场措施（第十条；行政强制法第十九条）
  AddAction(r, "measure-release",
            [](Reader& in) -> app::CaseAction { return app::ReleaseMeasure{in.Str("note", kRequired, 1000)}; });
  // 查明身份不明的当事人（第十条）
  AddAction(r, "party-identification", [](Reader& in) -> app::CaseAction {
    app::IdentifyParty x;
    x.index = static_cast<size_t>(in.Int("index", -1, 0, 49));
    if (!in.Has("index")) in.Fail(Status::InvalidArgument("missing_field", "请指明当事人序号", "index"));
    if (auto p = in.Object("party", kRequired)) {
      x.party = ReadParty(*p);
      in.Merge(p->Finish());
    }
    return x;
  });
  // 变更程序类型（第二十三条）
  AddAction(r, "procedure", [](Reader& in) -> app::CaseAction {
    std::string p = in.Enum("procedure", kRequired, {"ordinary", "simple"});
    std::string reason = in.Str("reason", kRequired, 1000);
    return app::ChangeProcedure{domain::ParseProcedure(p).value_or(domain::Procedure::kOrdinary), reason};
  });
  // 标记或取消重大复杂（第五条）
  AddAction(r, "major", [](Reader& in) -> app::CaseAction {
    bool major = in.OptBool("major", kRequired).value_or(false);
    return app::ChangeMajorFlag{major, in.Str("reason", kRequired, 1000)};
  });

  // 指派执法人员（第十二条）
  r.Add("POST", "/api/v1/cases/{id}/officers", Session(Action::kActOnCase), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string user_id = in.Str("user_id", kRequired, 64);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.cases().AssignOfficer(*c.actor, c.params["id"], user_id));
    return CommandResponse(200, "case", res);
  });
}

}  // namespace qc::http
