// Cases: opening one, acting on one, and the queries (list, get, timeline).
#include "app/app.h"
#include "common/china_time.h"
#include "common/hex.h"
#include "crypto/hash.h"
#include "store/event_log.h"
#include "store/sequences.h"

namespace qc::app {

using domain::Actor;
using domain::Role;

namespace {

// "易公一队〔2026〕00001号": the unit's code, the year, a per-unit sequence (store/sequences.h).
StatusOr<std::string> NextCaseNumber(store::Db& db, const std::string& unit_id, TimePoint now) {
  QC_ASSIGN_OR_RETURN(std::string code, store::UnitCode(db, unit_id));
  int year = ChinaYear(now);
  std::string prefix = code + "〔" + std::to_string(year) + "〕";
  QC_ASSIGN_OR_RETURN(int64_t n, store::NextInSequence(db, unit_id, "case", year, [&] {
    return store::HighestCaseNumber(db, unit_id, prefix);
  }));
  char seq[32];
  std::snprintf(seq, sizeof seq, "%05lld", static_cast<long long>(n));
  return prefix + seq + "号";
}

std::string LikePattern(const std::string& text) {
  std::string p = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
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

StatusOr<CommandResult> App::OpenCase(const Actor& a, NewCase nc) {
  domain::OpenCaseCommand& cmd = nc.cmd;
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kOpenCase, domain::UnitResource(a.unit_id)));
  cmd.unit_id = a.unit_id;
  for (size_t i = 0; i < nc.co_officer_ids.size(); ++i) {
    std::string field = "co_officers[" + std::to_string(i) + "]";
    for (size_t j = 0; j < i; ++j)
      if (nc.co_officer_ids[j] == nc.co_officer_ids[i])
        return Status::InvalidArgument("invalid_field", "协办人员重复", field);
    auto o = LoadActor(nc.co_officer_ids[i]);
    if (!o.ok()) return Status::InvalidArgument("invalid_field", "执法人员不存在", field);
    if (o->role != Role::kOfficer || o->unit_id != a.unit_id)
      return Status::InvalidArgument("invalid_field", "协办人员须为本单位执法人员", field);
    cmd.co_officers.push_back({o->user_id, o->name, o->cert_no, false});
  }
  cmd.case_id = crypto::TimeOrderedId("case_", clock_.Now().time_since_epoch().count());
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, cmd.case_id, [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(cmd.number, NextCaseNumber(tx.db(), cmd.unit_id, clock_.Now()));
    return domain::DecideOpen(a, cmd);
  }, false));
  QC_ASSIGN_OR_RETURN(std::string body, GetCaseJson(a, cmd.case_id));
  r.body = Json::parse(body);
  return r;
}

StatusOr<CommandResult> App::ActOnCase(const Actor& a, const std::string& case_id, const Decider& decide) {
  QC_RETURN_IF_ERROR(GetCaseJson(a, case_id).status());  // exists and visible
  QC_ASSIGN_OR_RETURN(CommandResult r, Record(a, case_id, [&](store::WriteTx& tx) -> StatusOr<std::vector<domain::EventDraft>> {
    QC_ASSIGN_OR_RETURN(const domain::CaseState* c, tx.projector().LoadCase(tx.db(), case_id));
    return decide(*c);
  }, false));
  QC_ASSIGN_OR_RETURN(std::string body, GetCaseJson(a, case_id));
  r.body = Json::parse(body);
  return r;
}

StatusOr<CommandResult> App::AssignOfficer(const Actor& a, const std::string& case_id, const std::string& user_id) {
  auto o = LoadActor(user_id);
  if (!o.ok()) return Status::InvalidArgument("invalid_field", "执法人员不存在", "user_id");
  if (o->role != Role::kOfficer) return Status::InvalidArgument("invalid_field", "只能指派执法人员", "user_id");
  domain::CaseOfficer officer{o->user_id, o->name, o->cert_no, false};
  return ActOnCase(a, case_id, [&](const domain::CaseState& c) -> StatusOr<std::vector<domain::EventDraft>> {
    if (o->unit_id != c.unit_id) return Status::InvalidArgument("invalid_field", "只能指派本案所属单位的执法人员", "user_id");
    return domain::DecideAssignOfficer(c, a, officer);
  });
}

StatusOr<std::string> App::GetCaseJson(const Actor& a, const std::string& id) {
  std::string unit_id, detail;
  {
    auto db = reads_->Acquire();
    QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare("SELECT unit_id, detail FROM cases WHERE id = ?"));
    s->Bind(1, id);
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (row) {
      unit_id = s->Text(0);
      detail = s->Text(1);
    }
    s->Reset();
    if (!row) return Status::NotFound("案件不存在", "id");
  }
  QC_RETURN_IF_ERROR(Allow(a, domain::Action::kViewCase, domain::UnitResource(unit_id)));
  return detail;
}

StatusOr<Json> App::CaseEvents(const Actor& a, const std::string& id) {
  QC_RETURN_IF_ERROR(GetCaseJson(a, id).status());
  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(
      "SELECT idx, bytes, leaf_hash FROM events WHERE case_id = ? ORDER BY idx"));
  s->Bind(1, id);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    auto j = ParseJson(s->Blob(1));
    if (!j.ok()) {
      s->Reset();
      return Status::Internal("事件 " + std::to_string(s->Int(0)) + " 无法解析");
    }
    Json e = *j;
    items.push_back({{"index", s->Int(0)}, {"type", e["type"]}, {"v", e["v"]}, {"at", e["at"]},
                     {"actor", e["actor"]}, {"data", e["data"]}, {"leaf_hash", ToHex(s->Blob(2))}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}};
}

StatusOr<Json> App::ListCases(const Actor& a, const CaseQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<std::string> args;
  QC_ASSIGN_OR_RETURN(auto visible, VisibleUnits(a));
  if (visible) {
    if (visible->empty()) return Json{{"items", Json::array()}, {"total", 0}, {"page", q.page}, {"page_size", q.page_size}};
    where += " AND c.unit_id IN (";
    for (size_t i = 0; i < visible->size(); ++i) {
      where += i ? ",?" : "?";
      args.push_back((*visible)[i]);
    }
    where += ")";
  }
  if (q.stage) {
    if (!domain::ParseStage(*q.stage)) return Status::InvalidArgument("invalid_field", "阶段无效", "stage");
    where += " AND c.stage = ?";
    args.push_back(*q.stage);
  }
  if (q.status) {
    if (!domain::ParseCaseStatus(*q.status)) return Status::InvalidArgument("invalid_field", "状态无效", "status");
    where += " AND c.status = ?";
    args.push_back(*q.status);
  }
  if (q.start_mode) {
    if (!domain::ParseStartMode(*q.start_mode))
      return Status::InvalidArgument("invalid_field", "启动方式无效", "start_mode");
    where += " AND c.start_mode = ?";
    args.push_back(*q.start_mode);
  }
  if (q.officer) {
    where += " AND EXISTS (SELECT 1 FROM case_officers co WHERE co.case_id = c.id AND (co.user_id = ? OR "
             "co.user_id = (SELECT id FROM users WHERE username = ?)))";
    args.push_back(*q.officer);
    args.push_back(*q.officer);
  }
  if (q.text) {
    where += " AND c.search_text LIKE ? ESCAPE '\\'";
    args.push_back(LikePattern(*q.text));
  }
  if (q.from) {
    QC_ASSIGN_OR_RETURN(std::string from, TimeBound(*q.from, false, "from"));
    where += " AND c.created_at >= ?";
    args.push_back(from);
  }
  if (q.to) {
    QC_ASSIGN_OR_RETURN(std::string to, TimeBound(*q.to, true, "to"));
    where += " AND c.created_at < ?";
    args.push_back(to);
  }
  static const std::vector<std::string> kSortable{"created_at", "updated_at", "number", "stage", "status", "title"};
  bool sortable = false;
  for (const auto& s : kSortable) sortable |= s == q.sort;
  if (!sortable) return Status::InvalidArgument("invalid_field", "排序字段无效", "sort");

  auto db = reads_->Acquire();
  QC_ASSIGN_OR_RETURN(store::Stmt * cnt, db->Prepare("SELECT COUNT(*) FROM cases c" + where));
  for (size_t i = 0; i < args.size(); ++i) cnt->Bind(static_cast<int>(i + 1), args[i]);
  QC_ASSIGN_OR_RETURN(bool crow, cnt->Step());
  int64_t total = crow ? cnt->Int(0) : 0;
  cnt->Reset();

  std::string sql =
      "SELECT c.id, c.number, c.title, c.unit_id, COALESCE(u.name, ''), c.start_mode, c.stage, c.status, c.major, "
      "c.urgent, c.created_at, c.updated_at, "
      "(SELECT group_concat(name, '、') FROM (SELECT name FROM case_officers o WHERE o.case_id = c.id "
      "ORDER BY o.lead DESC, o.name)) "
      "FROM cases c LEFT JOIN units u ON u.id = c.unit_id" + where + " ORDER BY c." + q.sort +
      (q.descending ? " DESC" : " ASC") + ", c.id LIMIT ? OFFSET ?";
  QC_ASSIGN_OR_RETURN(store::Stmt * s, db->Prepare(sql));
  int n = 1;
  for (const auto& arg : args) s->Bind(n++, arg);
  s->Bind(n, q.page_size);
  s->Bind(n + 1, static_cast<int64_t>(q.page - 1) * q.page_size);
  Json items = Json::array();
  for (;;) {
    QC_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    auto mode = domain::ParseStartMode(s->Text(5));
    auto stage = domain::ParseStage(s->Text(6));
    auto status = domain::ParseCaseStatus(s->Text(7));
    items.push_back({{"id", s->Text(0)}, {"number", s->Text(1)}, {"title", s->Text(2)}, {"unit_id", s->Text(3)},
                     {"unit_name", s->Text(4)}, {"start_mode", s->Text(5)},
                     {"start_mode_label", mode ? domain::Label(*mode) : ""}, {"stage", s->Text(6)},
                     {"stage_label", stage ? domain::Label(*stage) : ""}, {"status", s->Text(7)},
                     {"status_label", status ? domain::Label(*status) : ""}, {"major", s->Int(8) != 0},
                     {"urgent", s->Int(9) != 0}, {"created_at", s->Text(10)}, {"updated_at", s->Text(11)},
                     {"officers", s->Text(12)}});
  }
  s->Reset();
  return Json{{"items", std::move(items)}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}};
}

}  // namespace qc::app
