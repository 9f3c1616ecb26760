#include "store/rebuild.h"

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "domain/case_state.h"
#include "domain/event.h"
#include "store/calendar_repo.h"
#include "store/event_log.h"
#include "store/projector.h"
#include "store/schema.h"

namespace qc::store {
namespace {

constexpr const char* kOnlyInLive = ": 只在现存投影中，重放事件得不到此行（投影被篡改）";
constexpr const char* kDiffers = ": 与重放事件的结果不符（投影被篡改）";
constexpr const char* kMissing = ": 现存投影缺少此行（投影被删改）";

int KeyCount(const ProjectionTable& t) {
  int n = 1;
  for (char ch : t.key_columns) n += ch == ',';
  return n;
}

// Streams a table's rows in key order as (key, rendered row): the key columns joined by "/", every
// column's text followed by \x1f.
template <typename F>
Status ForEachRow(Db& db, const ProjectionTable& t, F f) {
  QC_ASSIGN_OR_RETURN(Stmt * s,
                      db.Prepare("SELECT * FROM " + std::string(t.name) + " ORDER BY " + std::string(t.key_columns)));
  int nkeys = KeyCount(t);
  for (;;) {
    auto row = s->Step();
    if (!row.ok() || !*row) {
      s->Reset();
      return row.status();
    }
    std::string key, value;
    for (int i = 0; i < s->ColumnCount(); ++i) {
      std::string v = s->IsNull(i) ? "\x01NULL" : s->Text(i);
      if (i < nkeys) key += (i ? "/" : "") + v;
      value += v + '\x1f';
    }
    f(std::move(key), std::move(value));
  }
}

StatusOr<std::map<std::string, std::string>> ReadTable(Db& db, const ProjectionTable& t) {
  std::map<std::string, std::string> rows;
  QC_RETURN_IF_ERROR(
      ForEachRow(db, t, [&](std::string k, std::string v) { rows.emplace(std::move(k), std::move(v)); }));
  return rows;
}

// Compares a live table with expected rows, consuming `expected`; one line per difference.
Status CompareTable(Db& live, const ProjectionTable& t, std::map<std::string, std::string>& expected,
                    std::vector<std::string>& diffs) {
  std::string name(t.name);
  QC_RETURN_IF_ERROR(ForEachRow(live, t, [&](std::string k, std::string v) {
    auto it = expected.find(k);
    if (it == expected.end()) {
      diffs.push_back(name + " " + k + kOnlyInLive);
      return;
    }
    if (it->second != v) diffs.push_back(name + " " + k + kDiffers);
    expected.erase(it);
  }));
  for (const auto& [k, v] : expected) diffs.push_back(name + " " + k + kMissing);
  expected.clear();
  return Status();
}

// An event as read and decoded, or why it could not be.
struct Decoded {
  int64_t index;
  StatusOr<domain::Event> event;
};

// Reads and decodes the events in order, in batches of kBatch consecutive indexes. With a
// file-backed source, kThreads threads with connections of their own decode batches ahead of the
// replay (JSON parsing is the largest part of its work); an in-memory source is read inline.
class EventFeed {
 public:
  explicit EventFeed(Db& source) : source_(source) {
    auto max = source.Prepare("SELECT COALESCE(MAX(idx), -1) FROM events");
    if (!max.ok()) {
      error_ = max.status();
      return;
    }
    auto row = (*max)->Step();
    int64_t last = row.ok() && *row ? (*max)->Int(0) : -1;
    (*max)->Reset();
    auto count = source.Prepare("SELECT count(*) FROM events");
    int64_t rows = 0;
    if (count.ok()) {
      auto has = (*count)->Step();
      if (has.ok() && *has) rows = (*count)->Int(0);
    }
    if (count.ok()) (*count)->Reset();
    // Batches are index ranges, which suits a gap-free log. Indexes far beyond the row count (a
    // tampered log) would make endless empty ranges: then pages of rows are read inline instead.
    if (last < 0 || last > 2 * rows + kBatch) {
      paged_ = last >= 0;
      return;
    }
    batches_ = (last + kBatch) / kBatch;
    const char* file = sqlite3_db_filename(source.raw(), "main");
    if (file == nullptr || *file == '\0') return;
    std::vector<std::shared_ptr<Db>> dbs;
    for (int t = 0; t < kThreads; ++t) {
      auto own = Db::Open(file, false);
      if (own.ok()) dbs.push_back(std::shared_ptr<Db>(std::move(*own)));
    }
    step_ = static_cast<int64_t>(dbs.size());  // each thread takes every step_-th batch
    for (int64_t t = 0; t < step_; ++t) threads_.emplace_back([this, t, db = dbs[t]] { Produce(*db, t); });
  }
  ~EventFeed() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // The next non-empty batch; empty at the end (or on a read error: see error()).
  std::vector<Decoded> Next() {
    if (paged_) {
      std::vector<Decoded> batch;
      Status st = ReadPage(source_, page_from_, batch);
      if (!st.ok()) error_ = st;
      if (batch.empty())
        paged_ = false;
      else if (batch.back().index == INT64_MAX)
        paged_ = false;
      else
        page_from_ = batch.back().index + 1;
      return batch;
    }
    while (next_ < batches_) {
      std::vector<Decoded> batch;
      if (threads_.empty()) {
        Status st = Read(source_, next_, batch);
        if (!st.ok()) {
          error_ = st;
          return {};
        }
      } else {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return ready_.count(next_) > 0; });
        auto it = ready_.find(next_);
        batch = std::move(it->second.first);
        Status st = it->second.second;
        ready_.erase(it);
        if (!st.ok()) {
          error_ = st;
          return {};
        }
        ++next_;  // under the lock: producers wait on it
        cv_.notify_all();
        if (!batch.empty()) return batch;
        continue;
      }
      ++next_;
      if (!batch.empty()) return batch;
    }
    return {};
  }
  const Status& error() const { return error_; }

 private:
  static constexpr int64_t kBatch = 1024;
  static constexpr int kThreads = 2;
  static constexpr int64_t kAhead = 8;  // batches decoded ahead of the replay, at most

  static Status Read(Db& db, int64_t b, std::vector<Decoded>& out) {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT idx, bytes FROM events WHERE idx >= ? AND idx < ? ORDER BY idx"));
    s->Bind(1, b * kBatch).Bind(2, (b + 1) * kBatch);
    return Decode(s, out);
  }
  // Up to kBatch rows from index `from` on.
  static Status ReadPage(Db& db, int64_t from, std::vector<Decoded>& out) {
    QC_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("SELECT idx, bytes FROM events WHERE idx >= ? ORDER BY idx LIMIT ?"));
    s->Bind(1, from).Bind(2, kBatch);
    return Decode(s, out);
  }
  static Status Decode(Stmt* s, std::vector<Decoded>& out) {
    for (;;) {
      auto row = s->Step();
      if (!row.ok() || !*row) {
        s->Reset();
        return row.status();
      }
      int64_t idx = s->Int(0);
      auto json = ParseJson(s->Blob(1));
      out.push_back(
          {idx, json.ok() ? domain::EventFromJson(std::move(*json)) : StatusOr<domain::Event>(json.status())});
      if (out.back().event.ok()) out.back().event->index = idx;
    }
  }

  void Produce(Db& db, int t) {
    for (int64_t b = t; b < batches_; b += step_) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return b < next_ + kAhead || stop_; });
        if (stop_) return;
      }
      std::vector<Decoded> batch;
      Status st = Read(db, b, batch);
      std::lock_guard<std::mutex> lock(mu_);
      ready_.emplace(b, std::make_pair(std::move(batch), st));
      cv_.notify_all();
    }
  }

  Db& source_;
  bool paged_ = false;  // reading pages of rows inline (sparse indexes)
  int64_t page_from_ = 0;
  int64_t step_ = 1;
  int64_t batches_ = 0;
  int64_t next_ = 0;  // the next batch to hand out; under mu_ when threads run
  Status error_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int64_t, std::pair<std::vector<Decoded>, Status>> ready_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// Replays every event: directory events into `target`'s tables, case events folded in memory and
// handed to `write_cases` (at the end, or in bulk when kMaxOpenCases are open, to bound memory). A
// case's rows depend only on its final state, so this equals applying every event live, with one
// write per case instead of one per event.
using CaseSink = std::function<Status(const std::vector<const domain::CaseState*>&)>;
Status Replay(Db& source, Db& target, const CaseSink& write_cases, std::vector<std::string>* failures) {
  constexpr size_t kMaxOpenCases = 65536;
  std::unordered_map<std::string, domain::CaseState> open;
  EventLog log(source);
  auto flush = [&]() -> Status {
    std::vector<const domain::CaseState*> states;
    states.reserve(open.size());
    for (const auto& [id, c] : open) states.push_back(&c);
    QC_RETURN_IF_ERROR(write_cases(states));
    open.clear();
    return Status();
  };
  auto replay = [&](Decoded& d) -> Status {
    QC_RETURN_IF_ERROR(d.event.status());
    domain::Event& e = *d.event;
    if (e.case_id.empty()) return Projector::ApplyDirectory(target, e);
    auto it = open.find(e.case_id);
    if (it == open.end()) {
      if (open.size() >= kMaxOpenCases) QC_RETURN_IF_ERROR(flush());
      domain::CaseState c;
      if (e.type != "CaseOpened") {  // written out earlier: fold its events before this one again
        QC_ASSIGN_OR_RETURN(auto earlier, log.ReadCase(e.case_id, e.index));
        if (earlier.empty()) return Status::NotFound("案件的首个事件缺失：" + e.case_id, "case_id");
        for (const auto& x : earlier) (void)domain::Apply(c, x);  // bad ones were reported already
      }
      it = open.emplace(e.case_id, std::move(c)).first;
    }
    Status st = domain::Apply(it->second, e);
    if (!st.ok()) {
      // Skip the event: the case is refolded from its earlier events, as far as they apply.
      domain::CaseState c;
      auto earlier = log.ReadCase(e.case_id, e.index);
      if (earlier.ok()) {
        for (const auto& x : *earlier) (void)domain::Apply(c, x);
        it->second = std::move(c);
      } else {
        open.erase(it);
      }
    }
    return st;
  };
  EventFeed feed(source);
  for (;;) {
    std::vector<Decoded> batch = feed.Next();
    if (batch.empty()) break;
    for (auto& d : batch) {
      Status st;
      try {
        st = replay(d);
      } catch (const std::exception& ex) {  // a field of the wrong type in a tampered event
        st = Status::Internal(std::string("事件内容不合格式：") + ex.what());
      }
      if (st.ok()) continue;
      if (failures == nullptr)
        return Status::Internal("重放第 " + std::to_string(d.index) + " 号事件失败：" + st.message());
      failures->push_back("event " + std::to_string(d.index) + ": 无法重放：" + st.message());
    }
  }
  QC_RETURN_IF_ERROR(feed.error());
  return flush();
}

}  // namespace

Status RebuildProjections(Db& source, Db& target, std::vector<std::string>* failures) {
  QC_RETURN_IF_ERROR(target.Exec(std::string(ProjectionDdl())));
  // The log's final calendar, as live projection leaves every application case (Projector::WriteCase).
  QC_ASSIGN_OR_RETURN(domain::WorkCalendar cal, LoadWorkCalendar(source));
  QC_RETURN_IF_ERROR(target.Exec("BEGIN"));
  Status st = Replay(
      source, target,
      [&](const std::vector<const domain::CaseState*>& states) -> Status {
        try {
          for (const auto* c : states) QC_RETURN_IF_ERROR(Projector::WriteCase(target, *c, cal));
        } catch (const std::exception& ex) {
          return Status::Internal(std::string("无法写入投影（事件内容不合格式）：") + ex.what());
        }
        return Status();
      },
      failures);
  if (!st.ok()) {
    (void)target.Exec("ROLLBACK");
    return st;
  }
  return target.Exec("COMMIT");
}

StatusOr<std::vector<std::string>> CompareProjections(Db& live, Db& rebuilt) {
  std::vector<std::string> diffs;
  for (const auto& t : kProjectionTables) {
    QC_ASSIGN_OR_RETURN(auto expected, ReadTable(rebuilt, t));
    QC_RETURN_IF_ERROR(CompareTable(live, t, expected, diffs));
  }
  return diffs;
}

StatusOr<std::vector<std::string>> VerifyProjections(Db& live) {
  std::vector<std::string> diffs;
  QC_ASSIGN_OR_RETURN(auto directory, Db::Open(":memory:", true));
  QC_RETURN_IF_ERROR(directory->Exec(std::string(ProjectionDdl())));
  QC_RETURN_IF_ERROR(directory->Exec("BEGIN"));
  QC_ASSIGN_OR_RETURN(domain::WorkCalendar cal, LoadWorkCalendar(live));
  // The case tables' expected rows, rendered as ForEachRow renders the live ones; two threads render.
  std::map<std::string_view, std::map<std::string, std::string>> expected;
  std::map<std::string_view, int> nkeys;
  for (const auto& t : kProjectionTables) nkeys[t.name] = KeyCount(t);
  auto render = [&](const domain::CaseState& c,
                    std::vector<std::tuple<std::string_view, std::string, std::string>>& out) {
    std::vector<ProjectionRow> rows;
    try {
      rows = Projector::CaseRows(c, cal);
    } catch (const std::exception& ex) {  // a tampered event left a value of the wrong type
      out.emplace_back("", "cases " + c.id + ": 无法生成投影行（事件内容不合格式）：", ex.what());
      return;
    }
    for (auto& row : rows) {
      std::string key, value;
      int n = nkeys.at(row.table);
      for (size_t i = 0; i < row.cells.size(); ++i) {
        std::string v = CellText(row.cells[i]);
        if (static_cast<int>(i) < n) key += (i ? "/" : "") + v;
        value += v + '\x1f';
      }
      out.emplace_back(row.table, std::move(key), std::move(value));
    }
  };
  QC_RETURN_IF_ERROR(Replay(
      live, *directory,
      [&](const std::vector<const domain::CaseState*>& states) -> Status {
        std::vector<std::tuple<std::string_view, std::string, std::string>> a, b;
        size_t half = states.size() / 2;
        std::thread helper([&] {
          for (size_t i = half; i < states.size(); ++i) render(*states[i], b);
        });
        for (size_t i = 0; i < half; ++i) render(*states[i], a);
        helper.join();
        for (auto* part : {&a, &b})
          for (auto& [table, key, value] : *part) {
            if (table.empty())
              diffs.push_back(key + value);  // a case that could not be rendered
            else
              expected[table].insert_or_assign(std::move(key), std::move(value));
          }
        return Status();
      },
      &diffs));
  for (const auto& t : kProjectionTables) {
    std::map<std::string, std::string> rows;
    if (t.name == "units" || t.name == "users" || t.name == "devices" || t.name == "stations") {
      QC_ASSIGN_OR_RETURN(rows, ReadTable(*directory, t));
    } else {
      rows = std::move(expected[t.name]);
    }
    QC_RETURN_IF_ERROR(CompareTable(live, t, rows, diffs));
  }
  return diffs;
}

}  // namespace qc::store
