// /api/v1/units (and a unit's officers), /api/v1/users (admin) and /api/v1/approvals (the inbox).
#include "http/handlers.h"

#include "domain/case_commands.h"
#include "http/input.h"

namespace qc::http {
namespace {
using domain::Action;

const std::vector<std::string> kRoles{"officer", "reviewer", "approver", "legal", "custodian", "admin"};

}  // namespace

void RegisterDirectoryRoutes(Router& r) {
  // 文书目录：各类执法文书的定义（字段、签名、音像、审批、送达、文号；不需登录）
  r.Add("GET", "/api/v1/catalogue", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    return JsonResponse(200, c.app.catalogue().ToJson());
  });
  // 词汇表：各枚举的值与中文名称（网页显示用，不需登录）
  r.Add("GET", "/api/v1/vocabulary", kPublic, [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    Json out = Json::object();
    for (const auto& v : domain::AllVocabularies()) {
      Json items = Json::array();
      for (const auto& e : v.entries) items.push_back({{"value", e.value}, {"label", e.label}});
      out[std::string(v.name)] = std::move(items);
    }
    Json commands = Json::array();
    for (domain::CaseCommand cmd : domain::kAllCaseCommands)
      commands.push_back({{"value", domain::ToString(cmd)}, {"label", domain::Label(cmd)}});
    out["case_commands"] = std::move(commands);
    return JsonResponse(200, out);
  });

  // 单位列表
  r.Add("GET", "/api/v1/units", Session(Action::kListUnits), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json units, c.app.directory().ListUnits(*c.actor));
    return JsonResponse(200, units);
  });

  // 本单位执法人员（指派协办人员时按姓名选择）
  r.Add("GET", "/api/v1/units/{id}/officers", Session(Action::kListUnitOfficers), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    std::string name = q.Str("name", 50).value_or("");
    int page = q.Int("page", 1, 1, 100000), page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json officers,
                        c.app.directory().ListUnitOfficers(*c.actor, c.params["id"], name, page, page_size));
    return JsonResponse(200, officers);
  });

  // 新建单位
  r.Add("POST", "/api/v1/units", Session(Action::kManageDirectory), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string name = in.Str("name", kRequired, 100);
    std::string code = in.Str("code", kRequired, 20);
    std::string parent = in.Str("parent_id", kRequired, 64);
    std::optional<bool> enforcement_body = in.OptBool("enforcement_body");
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res,
                        c.app.directory().CreateUnit(*c.actor, name, code, parent, enforcement_body));
    return CommandResponse(201, "unit", res);
  });

  // 工作日历（法定节假日与调休，行政许可法第八十二条）
  r.Add("GET", "/api/v1/calendar", Session(Action::kListUnits), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json cal, c.app.directory().GetCalendar(*c.actor));
    return JsonResponse(200, cal);
  });
  r.Add("PUT", "/api/v1/calendar/{year}", Session(Action::kManageDirectory), [](Context& c) -> StatusOr<Response> {
    const std::string& text = c.params["year"];
    domain::CalendarYear y;
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos)
      return Status::InvalidArgument("invalid_field", "年份应为四位数字", "year");
    y.year = std::stoi(text);
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    y.holidays = in.StrList("holidays", kOptional, 60, 10);
    y.workdays = in.StrList("workdays", kOptional, 20, 10);
    y.provisional = in.Bool("provisional", false);
    y.source = in.Str("source", kRequired, 200);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.directory().SetCalendarYear(*c.actor, y));
    return CommandResponse(200, "year", res);
  });

  // 用户列表
  r.Add("GET", "/api/v1/users", Session(Action::kManageDirectory), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    int page = q.Int("page", 1, 1, 100000), page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json users, c.app.directory().ListUsers(*c.actor, page, page_size));
    return JsonResponse(200, users);
  });

  // 新建用户
  r.Add("POST", "/api/v1/users", Session(Action::kManageDirectory), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    app::NewUser u;
    u.username = in.Str("username", kRequired, 64);
    u.name = in.Str("name", kRequired, 50);
    u.role = in.Enum("role", kRequired, kRoles);
    u.unit_id = in.Str("unit_id", kRequired, 64);
    u.cert_no = in.Str("cert_no", kOptional, 32);
    u.auxiliary = in.Bool("auxiliary", false);
    u.password = in.Str("password", kRequired, 128);
    QC_RETURN_IF_ERROR(in.Finish());
    for (unsigned char ch : u.username)
      if (!(std::isalnum(ch) || ch == '_' || ch == '.' || ch == '-'))
        return Status::InvalidArgument("invalid_field", "用户名只能包含字母、数字、下划线、点和连字符", "username");
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.directory().CreateUser(*c.actor, u));
    return CommandResponse(201, "user", res);
  });

  // 用户详情
  r.Add("GET", "/api/v1/users/{id}", Session(Action::kReadUser), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json u, c.app.directory().GetUser(*c.actor, c.params["id"]));
    return JsonResponse(200, u);
  });

  // 修改用户（角色、单位、证件编号、停用、重置密码）
  r.Add("PATCH", "/api/v1/users/{id}", Session(Action::kManageDirectory), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    app::UserChange ch;
    if (in.Has("name") && !body["name"].is_null()) ch.name = in.Str("name", kRequired, 50);
    if (in.Has("role") && !body["role"].is_null()) ch.role = in.Enum("role", kRequired, kRoles);
    ch.unit_id = in.OptStr("unit_id", 64);
    ch.cert_no = in.OptStr("cert_no", 32);
    ch.password = in.OptStr("password", 128);
    ch.active = in.OptBool("active");
    ch.auxiliary = in.OptBool("auxiliary");
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.directory().ChangeUser(*c.actor, c.params["id"], ch));
    return CommandResponse(200, "user", res);
  });

  // 执法记录仪：登记、列表、改配发或停用（系统管理员）
  r.Add("POST", "/api/v1/devices", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string serial = in.Str("serial", kRequired, 64);
    std::string model = in.Str("model", kRequired, 100);
    std::string officer = in.Str("officer_id", kRequired, 64);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.devices().RegisterDevice(*c.actor, serial, model, officer));
    return CommandResponse(201, "device", res);
  });
  r.Add("GET", "/api/v1/devices", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    int page = q.Int("page", 1, 1, 100000), page_size = q.Int("page_size", 20, 1, 100);
    QC_RETURN_IF_ERROR(q.Finish());
    QC_ASSIGN_OR_RETURN(Json list, c.app.devices().ListDevices(*c.actor, page, page_size));
    return JsonResponse(200, list);
  });
  // 我的执法记录仪（上传音像记录时预选）
  r.Add("GET", "/api/v1/devices/mine", Session(Action::kOwnSession), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json list, c.app.devices().ListMyDevices(*c.actor));
    return JsonResponse(200, list);
  });
  r.Add("PATCH", "/api/v1/devices/{id}", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    auto officer = in.OptStr("officer_id", 64);
    auto active = in.OptBool("active");
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res,
                        c.app.devices().ChangeDevice(*c.actor, c.params["id"], officer, active));
    return CommandResponse(200, "device", res);
  });

  // 采集站：登记（令牌只在此时返回一次）、列表、吊销令牌（系统管理员）
  r.Add("POST", "/api/v1/stations", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
    Reader in(body);
    std::string name = in.Str("name", kRequired, 100);
    std::string location = in.Str("location", kRequired, 200);
    std::string unit = in.Str("unit_id", kRequired, 64);
    QC_RETURN_IF_ERROR(in.Finish());
    QC_ASSIGN_OR_RETURN(Json out, c.app.devices().RegisterStation(*c.actor, name, location, unit));
    return JsonResponse(201, out);
  });
  r.Add("GET", "/api/v1/stations", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(Json list, c.app.devices().ListStations(*c.actor));
    return JsonResponse(200, list);
  });
  r.Add("POST", "/api/v1/stations/{id}/revoke", Session(Action::kManageDevices), [](Context& c) -> StatusOr<Response> {
    QC_RETURN_IF_ERROR(QueryReader(c.req.query).Finish());
    QC_ASSIGN_OR_RETURN(app::CommandResult res, c.app.devices().RevokeStation(*c.actor, c.params["id"]));
    Json out = {{"id", c.params["id"]}, {"active", false}, {"events", app::EventsJson(res.events)}};
    return JsonResponse(200, out);
  });

  // 我的审批待办 (scope=todo) / 已办 (scope=done)
  r.Add("GET", "/api/v1/approvals", Session(Action::kViewApprovalInbox), [](Context& c) -> StatusOr<Response> {
    QueryReader q(c.req.query);
    int page = q.Int("page", 1, 1, 100000), page_size = q.Int("page_size", 20, 1, 100);
    std::string scope = q.Enum("scope", "todo", {"todo", "done"});
    QC_RETURN_IF_ERROR(q.Finish());
    using Scope = app::CaseService::ApprovalScope;
    QC_ASSIGN_OR_RETURN(Json inbox, c.app.cases().ApprovalInbox(*c.actor, scope == "done" ? Scope::kDone : Scope::kTodo,
                                                                page, page_size));
    return JsonResponse(200, inbox);
  });

  // 审批（同意 / 退回 / 不予批准）
  r.Add("POST", "/api/v1/approvals/{id}/decision", Session(Action::kDecideApprovalStep),
        [](Context& c) -> StatusOr<Response> {
          QC_ASSIGN_OR_RETURN(Json body, ParseBody(c.req));
          Reader in(body);
          std::string decision = in.Enum("decision", kRequired, {"approve", "return", "reject"});
          std::string opinion = in.Str("opinion", kOptional, 2000);
          QC_RETURN_IF_ERROR(in.Finish());
          QC_ASSIGN_OR_RETURN(app::CommandResult res,
                              c.app.cases().DecideApproval(*c.actor, c.params["id"], decision, opinion));
          return CommandResponse(200, "case", res);
        });
}

}  // namespace qc::http
