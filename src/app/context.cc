#include "app/context.h"

#include "common/china_time.h"
#include "common/hex.h"
#include "store/case_repo.h"
#include "store/directory_repo.h"
#include "store/event_log.h"
#include "store/sequences.h"

namespace qc::app {

using domain::Actor;

AppContext::AppContext(const Options& o, const Clock& c)
    : options(o), clock(c), sessions(c, o.session_idle, o.session_absolute) {}

namespace {

CommandResult Recorded(const std::vector<store::AppendedEvent>& appended) {
  CommandResult r;
  for (const auto& ae : appended) r.events.push_back({ae.index, ae.type, ToHex(ae.leaf_hash)});
  return r;
}

// Writes the requested 文号 into the draft, from the body's sequence of that series and year (a new
// series starts at 1), inside the transaction that records it.
Status AssignNumber(store::WriteTx& tx, domain::EventDraft& d, TimePoint now) {
  const domain::NumberRequest& n = *d.number;
  QC_ASSIGN_OR_RETURN(std::string code, store::UnitCode(tx.db(), n.body_id));
  int year = ChinaYear(now);
  QC_ASSIGN_OR_RETURN(
      int64_t next, store::NextInSequence(tx.db(), n.body_id, n.series, year, []() -> StatusOr<int64_t> { return 0; }));
  d.data[n.field] = domain::FormatDocumentNumber(code, n.word, year, next);
  return Status();
}

}  // namespace

domain::ActorRef SystemActor() { return {"system", "系统", "system"}; }

Json EventsJson(const std::vector<RecordedEvent>& events) {
  Json out = Json::array();
  for (const auto& e : events) out.push_back({{"index", e.index}, {"type", e.type}, {"leaf_hash", e.leaf_hash}});
  return out;
}

StatusOr<CommandResult> AppContext::Record(const Actor& a, const std::string& case_id, const TxDecider& decide,
                                           bool directory, const domain::ActorRef* as) {
  std::vector<store::AppendedEvent> appended;
  Status st = writer->Run([&](store::WriteTx& tx) -> Status {
    QC_ASSIGN_OR_RETURN(auto drafts, decide(tx));
    TimePoint now = clock.Now();
    for (auto& d : drafts) {
      if (d.number) QC_RETURN_IF_ERROR(AssignNumber(tx, d, now));
      domain::Event e;
      e.type = d.type;
      e.actor = as ? *as : a.Ref();
      e.case_id = case_id;
      e.at = now;
      e.data = std::move(d.data);
      QC_RETURN_IF_ERROR(tx.Append(std::move(e)).status());
    }
    appended = tx.appended();
    return Status();
  });
  if (!st.ok()) return st;
  if (directory) DirectoryChanged();
  return Recorded(appended);
}

StatusOr<CommandResult> AppContext::RecordSystem(std::vector<domain::Event> events) {
  std::vector<store::AppendedEvent> appended;
  Status st = writer->Run([&](store::WriteTx& tx) -> Status {
    for (auto& e : events) {
      e.actor = SystemActor();
      e.at = clock.Now();
      QC_RETURN_IF_ERROR(tx.Append(e).status());
    }
    appended = tx.appended();
    return Status();
  });
  if (!st.ok()) return st;
  DirectoryChanged();
  return Recorded(appended);
}

StatusOr<std::shared_ptr<const domain::UnitTree>> AppContext::Units() {
  std::lock_guard<std::mutex> lock(units_mu_);
  int64_t gen = directory_generation_.load();
  if (units_ && units_generation_ == gen) return units_;
  auto tree = std::make_shared<domain::UnitTree>();
  auto db = reads->Acquire();
  QC_ASSIGN_OR_RETURN(auto units, store::ListUnits(*db));
  for (const auto& u : units) tree->Add(u.id, u.parent_id, u.enforcement_body, u.name);
  units_ = tree;
  units_generation_ = gen;
  return units_;
}

Status AppContext::Allow(const Actor& a, domain::Action action, const domain::Resource& r) {
  QC_ASSIGN_OR_RETURN(auto units, Units());
  return domain::Authorize(a, action, r, units.get());
}

// The units whose cases `a` may see, each asked of the policy (kViewCase).
StatusOr<std::optional<std::vector<std::string>>> AppContext::VisibleUnits(const Actor& a) {
  QC_ASSIGN_OR_RETURN(auto tree, Units());
  std::vector<std::string> ids;
  for (const auto& id : tree->Ids())
    if (domain::Authorize(a, domain::Action::kViewCase, domain::UnitResource(id), tree.get()).ok()) ids.push_back(id);
  return std::optional<std::vector<std::string>>(std::move(ids));
}

StatusOr<Actor> AppContext::LoadActor(const std::string& user_id) {
  int64_t gen = directory_generation_.load();
  {
    std::lock_guard<std::mutex> lock(actors_mu_);
    auto it = actors_.find(user_id);
    if (it != actors_.end() && it->second.first == gen) return it->second.second;
  }
  std::optional<store::UserRow> u;
  {
    auto db = reads->Acquire();
    QC_ASSIGN_OR_RETURN(u, store::GetActiveUser(*db, user_id));
  }
  if (!u) return Status::NotFound("用户不存在或已停用", "user_id");
  auto role = domain::ParseRole(u->role);
  if (!role) return Status::Internal("用户角色无效：" + user_id);
  Actor a{u->id, u->username, u->name, *role, u->unit_id, u->cert_no};
  a.auxiliary = u->auxiliary;
  std::lock_guard<std::mutex> lock(actors_mu_);
  if (actors_.size() > 10000) actors_.clear();
  actors_[user_id] = {gen, a};
  return a;
}

StatusOr<domain::CaseState> AppContext::LoadCaseState(const std::string& case_id) {
  auto db = reads->Acquire();
  store::EventLog log(*db);
  QC_ASSIGN_OR_RETURN(auto events, log.ReadCase(case_id));
  if (events.empty()) return Status::NotFound("案件不存在", "case_id");
  domain::CaseState c;
  for (const auto& e : events) QC_RETURN_IF_ERROR(domain::Apply(c, e));
  return c;
}

Status AppContext::RequireVisibleCase(const Actor& a, const std::string& case_id) {
  std::optional<std::string> unit;
  {
    auto db = reads->Acquire();
    QC_ASSIGN_OR_RETURN(unit, store::CaseUnit(*db, case_id));
  }
  if (!unit) return Status::NotFound("案件不存在", "id");
  return Allow(a, domain::Action::kViewCase, domain::UnitResource(*unit));
}

}  // namespace qc::app
