// Cases: opening one, acting on one, and the queries (list, get, timeline).
#include "app/case_service.h"
#include "app/page_json.h"
#include "common/china_time.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "store/event_log.h"
#include "store/case_repo.h"
#include "store/sequences.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

// "易公〔2026〕1号": the enforcement body's code, the year and a sequence per body and year
// (store/sequences.h), without padding (GB/T 9704—2012 7.2.4: 不编虚位).
StatusOr<std::string> NextCaseNumber(store::Db& db, const domain::UnitTree& units, const std::string& body_id,
                                     TimePoint now) {
  QC_ASSIGN_OR_RETURN(std::string code, store::UnitCode(db, body_id));
  int year = ChinaYear(now);
  std::string prefix = code + "〔" + std::to_string(year) + "〕";
  QC_ASSIGN_OR_RETURN(int64_t n, store::NextInSequence(db, body_id, "case", year, [&]() -> StatusOr<int64_t> {
                        int64_t highest = 0;
                        for (const auto& id : units.Ids()) {
                          if (units.BodyOf(id) != body_id) continue;
                          QC_ASSIGN_OR_RETURN(int64_t h, store::HighestCaseNumber(db, id, prefix));
                          highest = std::max(highest, h);
                        }
                        return highest;
                      }));
  return prefix + std::to_string(n) + "号";
}

// A date ("2026-11-27", China Standard Time) or an RFC 3339 time, as the UTC text stored in created_at.
StatusOr<std::string> TimeBound(const std::string& s, bool end_of_day, const char* field) {
  std::string t = s.size() == 10 ? s + "T00:00:00+08:00" : s;
  auto tp = ParseRfc3339(t);
  if (!tp.ok()) return Status::InvalidArgument("invalid_field", "日期格式应为 YYYY-MM-DD 或 RFC 3339 时间", field);
  TimePoint v = *tp;
  if (s.size() == 10 && end_of_day) v += std::chrono::hours(24);
  return FormatRfc3339(v);
}

}  // namespace

StatusOr<CommandResult> CaseService::OpenCase(const Actor& a, NewCase nc) {
  domain::OpenCaseCommand& cmd = nc.cmd;
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kOpenCase, domain::UnitResource(a.unit_id)));
  cmd.unit_id = a.unit_id;
  for (size_t i = 0; i < nc.co_officer_ids.size(); ++i) {
    std::string field = "co_officers[" + std::to_string(i) + "]";
    for (size_t j = 0; j < i; ++j)
      if (nc.co_officer_ids[j] == nc.co_officer_ids[i])
        return Status::InvalidArgument("invalid_field", "协办人员重复", field);
    auto o = ctx_.LoadActor(nc.co_officer_ids[i]);
    if (!o.ok()) return Status::InvalidArgument("invalid_field", "执法人员不存在", field);
    if (o->role != Role::kOfficer || o->unit_id != a.unit_id)
      return Status::InvalidArgument("invalid_field", "协办人员须为本单位执法人员", field);
    cmd.co_officers.push_back({o->user_id, o->name, o->cert_no, false, o->auxiliary});
  }
  QC_ASSIGN_OR_RETURN(auto units, ctx_.Units());
  cmd.body_id = units->BodyOf(cmd.unit_id);
  cmd.body_name = units->Name(cmd.body_id);
  cmd.case_id = crypto::TimeOrderedId("case_", ctx_.clock.Now().time_since_epoch().count());
  cmd.opened_at = ctx_.clock.Now();
  QC_ASSIGN_OR_RETURN(CommandResult r, ctx_.Record(
                                           a, cmd.case_id,
                                           [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
                                             QC_ASSIGN_OR_RETURN(
                                                 cmd.number,
                                                 NextCaseNumber(tx.db(), *units, cmd.body_id, ctx_.clock.Now()));
                                             return domain::DecideOpen(a, cmd);
                                           },
                                           false));
  QC_ASSIGN_OR_RETURN(r.body, GetCase(a, cmd.case_id));
  return r;
}

StatusOr<CommandResult> CaseService::ActOnCase(const Actor& a, const std::string& case_id, const Decider& decide) {
  QC_RETURN_IF_ERROR(ctx_.RequireVisibleCase(a, case_id));
  QC_ASSIGN_OR_RETURN(CommandResult r, ctx_.Record(
                                           a, case_id,
                                           [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
                                             QC_ASSIGN_OR_RETURN(const domain::CaseState* c,
                                                                 tx.projector().LoadCase(tx.db(), case_id));
                                             return decide(*c);
                                           },
                                           false));
  QC_ASSIGN_OR_RETURN(r.body, GetCase(a, case_id));
  return r;
}

StatusOr<CommandResult> CaseService::AssignOfficer(const Actor& a, const std::string& case_id,
                                                   const std::string& user_id) {
  auto o = ctx_.LoadActor(user_id);
  if (!o.ok()) return Status::InvalidArgument("invalid_field", "执法人员不存在", "user_id");
  if (o->role != Role::kOfficer) return Status::InvalidArgument("invalid_field", "只能指派执法人员", "user_id");
  domain::CaseOfficer officer{o->user_id, o->name, o->cert_no, false, o->auxiliary};
  return ActOnCase(a, case_id, [&](const domain::CaseState& c) -> StatusOr<std::vector<domain::EventDraft>> {
    if (o->unit_id != c.unit_id)
      return Status::InvalidArgument("invalid_field", "只能指派本案所属单位的执法人员", "user_id");
    return domain::DecideAssignOfficer(c, a, officer);
  });
}

StatusOr<std::shared_ptr<const domain::CaseState>> CaseService::CaseStateAt(const std::string& case_id,
                                                                            int64_t last_index) {
  {
    std::lock_guard<std::mutex> lock(case_states_mu_);
    auto it = case_states_.find(case_id);
    if (it != case_states_.end() && it->second->last_index == last_index) return it->second;
  }
  std::vector<domain::Event> events;
  {
    auto db = ctx_.reads->Acquire();
    store::EventLog log(*db);
    QC_ASSIGN_OR_RETURN(events, log.ReadCase(case_id, last_index + 1));
  }
  auto state = std::make_shared<domain::CaseState>();
  for (const auto& e : events) QC_RETURN_IF_ERROR(domain::Apply(*state, e));
  if (state->last_index != last_index) return Status::Internal("案件 " + case_id + " 的事件与其投影不符");
  std::lock_guard<std::mutex> lock(case_states_mu_);
  if (case_states_.size() >= 4096) case_states_.clear();
  auto& slot = case_states_[case_id];
  if (!slot || slot->last_index < last_index) slot = state;
  return std::shared_ptr<const domain::CaseState>(state);
}

StatusOr<std::string> CaseService::GetCaseJson(const Actor& a, const std::string& id) {
  std::optional<store::CaseDetailRow> row;
  {
    auto db = ctx_.reads->Acquire();
    QC_ASSIGN_OR_RETURN(row, store::GetCaseDetail(*db, id));
  }
  if (!row) return Status::NotFound("案件不存在", "id");
  QC_RETURN_IF_ERROR(ctx_.Allow(a, domain::Action::kViewCase, domain::UnitResource(row->unit_id)));
  // The actions are decided on the state of the same ledger index as the detail, whatever was
  // appended since the row was read.
  QC_ASSIGN_OR_RETURN(auto state, CaseStateAt(id, row->last_index));
  std::string& text = row->detail;
  if (text.empty() || text.back() != '}') return Status::Internal("案件 " + id + " 的详情格式错误");
  text.pop_back();
  text += ",\"available_actions\":" + domain::AvailableActions(*state, a).dump() + "}";
  return std::move(text);
}

StatusOr<Json> CaseService::GetCase(const Actor& a, const std::string& id) {
  QC_ASSIGN_OR_RETURN(std::string text, GetCaseJson(a, id));
  return ParseJson(text);
}

StatusOr<Json> CaseService::CaseEvents(const Actor& a, const std::string& id) {
  QC_RETURN_IF_ERROR(ctx_.RequireVisibleCase(a, id));
  std::vector<store::StoredEvent> events;
  {
    auto db = ctx_.reads->Acquire();
    store::EventLog log(*db);
    QC_ASSIGN_OR_RETURN(events, log.ReadCaseStored(id));
  }
  Json items = Json::array();
  for (const auto& stored : events) {
    auto j = ParseJson(stored.bytes);
    if (!j.ok()) return Status::Internal("事件 " + std::to_string(stored.event.index) + " 无法解析");
    Json& e = *j;
    items.push_back({{"index", stored.event.index},
                     {"type", e["type"]},
                     {"v", e["v"]},
                     {"at", e["at"]},
                     {"actor", e["actor"]},
                     {"data", e["data"]},
                     {"leaf_hash", ToHex(stored.leaf_hash)}});
  }
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> CaseService::ListCases(const Actor& a, const CaseQuery& q) {
  store::PageRequest p{q.page, q.page_size};
  store::CaseFilter f;
  QC_ASSIGN_OR_RETURN(f.units, ctx_.VisibleUnits(a));
  if (f.units && f.units->empty()) return EmptyPageJson(p);
  if (q.stage && !domain::ParseStage(*q.stage)) return Status::InvalidArgument("invalid_field", "阶段无效", "stage");
  if (q.status && !domain::ParseCaseStatus(*q.status))
    return Status::InvalidArgument("invalid_field", "状态无效", "status");
  if (q.start_mode && !domain::ParseStartMode(*q.start_mode))
    return Status::InvalidArgument("invalid_field", "启动方式无效", "start_mode");
  f.stage = q.stage;
  f.status = q.status;
  f.start_mode = q.start_mode;
  f.officer = q.officer;
  f.text = q.text;
  if (q.from) {
    QC_ASSIGN_OR_RETURN(f.created_from, TimeBound(*q.from, false, "from"));
  }
  if (q.to) {
    QC_ASSIGN_OR_RETURN(f.created_to, TimeBound(*q.to, true, "to"));
  }
  f.sort = q.sort;
  f.descending = q.descending;
  auto db = ctx_.reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto rows, store::ListCases(*db, f, p));
  return PageJson(rows, p, [](const store::CaseSummaryRow& c) {
    auto mode = domain::ParseStartMode(c.start_mode);
    auto stage = domain::ParseStage(c.stage);
    auto status = domain::ParseCaseStatus(c.status);
    return Json{{"id", c.id},
                {"number", c.number},
                {"title", c.title},
                {"unit_id", c.unit_id},
                {"unit_name", c.unit_name},
                {"start_mode", c.start_mode},
                {"start_mode_label", mode ? domain::Label(*mode) : ""},
                {"stage", c.stage},
                {"stage_label", stage ? domain::Label(*stage) : ""},
                {"status", c.status},
                {"status_label", status ? domain::Label(*status) : ""},
                {"major", c.major},
                {"urgent", c.urgent},
                {"created_at", c.created_at},
                {"updated_at", c.updated_at},
                {"officers", c.officers}};
  });
}

}  // namespace qc::app
