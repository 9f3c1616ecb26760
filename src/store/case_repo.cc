#include "store/case_repo.h"

#include <array>

namespace qc::store {

namespace {

std::string ReadText0(Stmt& s) { return s.Text(0); }

std::string LikePattern(const std::string& text) {
  std::string p = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
}

constexpr std::array<const char*, 6> kCaseSortKeys{"created_at", "updated_at", "number", "stage", "status", "title"};

}  // namespace

StatusOr<std::optional<CaseDetailRow>> GetCaseDetail(Db& db, const std::string& case_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT unit_id, detail, last_index FROM cases WHERE id = ?"));
  s->Bind(1, case_id);
  return ReadFirst<CaseDetailRow>(*s, [](Stmt& r) { return CaseDetailRow{r.Text(0), r.Text(1), r.Int(2)}; });
}

StatusOr<std::optional<std::string>> CaseUnit(Db& db, const std::string& case_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT unit_id FROM cases WHERE id = ?"));
  s->Bind(1, case_id);
  return ReadFirst<std::string>(*s, ReadText0);
}

bool IsCaseSortKey(const std::string& key) {
  for (const char* k : kCaseSortKeys)
    if (key == k) return true;
  return false;
}

StatusOr<Page<CaseSummaryRow>> ListCases(Db& db, const CaseFilter& f, PageRequest p) {
  if (!IsCaseSortKey(f.sort)) return Status::InvalidArgument("invalid_field", "排序字段无效", "sort");
  Where w;
  if (f.units) w.In("c.unit_id", *f.units);
  if (f.stage) w.And("c.stage = ?", {*f.stage});
  if (f.status) w.And("c.status = ?", {*f.status});
  if (f.start_mode) w.And("c.start_mode = ?", {*f.start_mode});
  if (f.officer)
    w.And(
        "EXISTS (SELECT 1 FROM case_officers co WHERE co.case_id = c.id AND (co.user_id = ? OR "
        "co.user_id = (SELECT id FROM users WHERE username = ?)))",
        {*f.officer, *f.officer});
  if (f.text) w.And("c.search_text LIKE ? ESCAPE '\\'", {LikePattern(*f.text)});
  if (f.created_from) w.And("c.created_at >= ?", {*f.created_from});
  if (f.created_to) w.And("c.created_at < ?", {*f.created_to});
  return ReadPage<CaseSummaryRow>(
      db,
      "SELECT c.id, c.number, c.title, c.unit_id, COALESCE(u.name, ''), c.start_mode, c.stage, c.status, c.major, "
      "c.urgent, c.created_at, c.updated_at, "
      "(SELECT group_concat(name, '、') FROM (SELECT name FROM case_officers o WHERE o.case_id = c.id "
      "ORDER BY o.lead DESC, o.name))",
      "FROM cases c LEFT JOIN units u ON u.id = c.unit_id", w,
      "c." + f.sort + (f.descending ? " DESC" : " ASC") + ", c.id", p, [](Stmt& s) {
        return CaseSummaryRow{s.Text(0), s.Text(1),     s.Text(2),     s.Text(3),  s.Text(4),  s.Text(5), s.Text(6),
                              s.Text(7), s.Int(8) != 0, s.Int(9) != 0, s.Text(10), s.Text(11), s.Text(12)};
      });
}

StatusOr<Page<DeadlineRow>> ListDeadlines(Db& db, const DeadlineFilter& f, PageRequest p) {
  Where w;
  w.And("d.due_at < ?", {f.due_before});
  if (f.units) w.In("d.unit_id", *f.units);
  if (f.officer_id)
    w.And("EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = d.case_id AND o.user_id = ?)", {*f.officer_id});
  return ReadPage<DeadlineRow>(
      db, "SELECT d.case_id, c.number, c.title, c.stage, c.status, d.kind, d.label, d.article, d.since, d.due_at",
      "FROM case_deadlines d JOIN cases c ON c.id = d.case_id", w, "d.due_at, d.case_id, d.kind", p, [](Stmt& s) {
        return DeadlineRow{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4),
                           s.Text(5), s.Text(6), s.Text(7), s.Text(8), s.Text(9)};
      });
}

namespace {

constexpr const char* kApprovalColumns =
    "SELECT ap.id, ap.case_id, c.number, c.title, ap.kind, ap.state, ap.round, ap.pending_role, "
    "COALESCE(u.name, ''), ap.submitted_at, ap.updated_at, c.major, c.urgent, c.start_mode";
constexpr const char* kApprovalFrom =
    "FROM approvals ap JOIN cases c ON c.id = ap.case_id LEFT JOIN users u ON u.id = ap.submitted_by";

ApprovalRow ReadApprovalRow(Stmt& s) {
  ApprovalRow r{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Int(6)};
  if (!s.IsNull(7)) r.pending_role = s.Text(7);
  r.submitted_by_name = s.Text(8);
  r.submitted_at = s.Text(9);
  r.updated_at = s.Text(10);
  r.major = s.Int(11) != 0;
  r.urgent = s.Int(12) != 0;
  r.start_mode = s.Text(13);
  return r;
}

}  // namespace

StatusOr<Page<ApprovalRow>> ListApprovalInbox(Db& db, const ApprovalInboxFilter& f, PageRequest p) {
  Where w;
  if (f.returned_to) {
    w.And("ap.state = 'returned'")
        .And("EXISTS (SELECT 1 FROM case_officers co WHERE co.case_id = ap.case_id AND co.user_id = ?)",
             {*f.returned_to})
        .And("NOT EXISTS (SELECT 1 FROM approvals later WHERE later.case_id = ap.case_id AND later.round > ap.round)");
  } else {
    w.And("ap.pending_role = ?", {f.pending_role.value_or("")});
    if (f.units) w.In("ap.unit_id", *f.units);
  }
  return ReadPage<ApprovalRow>(db, kApprovalColumns, kApprovalFrom, w, "ap.updated_at, ap.id", p, ReadApprovalRow);
}

StatusOr<Page<ApprovalRow>> ListApprovalsDecidedBy(Db& db, const std::string& actor_id,
                                                   const std::optional<std::vector<std::string>>& units,
                                                   PageRequest p) {
  // The user's latest step of each approval, joined as `mine`.
  Where w;
  w.And(
      "mine.pos = (SELECT max(pos) FROM approval_steps x WHERE x.approval_id = ap.id AND x.actor_id = ? AND "
      "x.step <> 'submit')",
      {actor_id});
  if (units) w.In("ap.unit_id", *units);
  return ReadPage<ApprovalRow>(db, std::string(kApprovalColumns) + ", mine.decision, mine.at",
                               std::string(kApprovalFrom) + " JOIN approval_steps mine ON mine.approval_id = ap.id", w,
                               "mine.at DESC, ap.id", p, [](Stmt& s) {
                                 ApprovalRow r = ReadApprovalRow(s);
                                 r.my_decision = s.Text(14);
                                 r.my_decided_at = s.Text(15);
                                 return r;
                               });
}

StatusOr<std::optional<std::string>> CaseOfApproval(Db& db, const std::string& approval_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT case_id FROM approvals WHERE id = ?"));
  s->Bind(1, approval_id);
  return ReadFirst<std::string>(*s, ReadText0);
}

StatusOr<std::optional<std::string>> CaseOfMediaRecord(Db& db, const std::string& record_id) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT case_id FROM case_media WHERE record_id = ?"));
  s->Bind(1, record_id);
  return ReadFirst<std::string>(*s, ReadText0);
}

StatusOr<Page<LateMediaRow>> ListLateMedia(Db& db, const LateMediaFilter& f, PageRequest p) {
  Where w;
  w.And("m.late_seconds IS NOT NULL");
  if (f.units) w.In("m.unit_id", *f.units);
  if (!f.officer_id.empty()) w.And("m.officer_id = ?", {f.officer_id});
  if (!f.device_id.empty()) w.And("m.device_id = ?", {f.device_id});
  return ReadPage<LateMediaRow>(
      db,
      "SELECT m.record_id, m.case_id, c.number, c.title, m.act, m.officer_id, COALESCE(u.name, ''), m.device_id, "
      "m.capture_end, m.registered_at, m.late_seconds",
      "FROM case_media m JOIN cases c ON c.id = m.case_id LEFT JOIN users u ON u.id = m.officer_id", w,
      "m.registered_at DESC, m.record_id", p, [](Stmt& s) {
        return LateMediaRow{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                            s.Text(6), s.Text(7), s.Text(8), s.Text(9), s.Int(10)};
      });
}

}  // namespace qc::store
