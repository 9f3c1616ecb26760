#include "store/writer.h"

#include <sqlite3.h>

#include "store/schema.h"

namespace qc::store {

StatusOr<AppendedEvent> WriteTx::Append(domain::Event e) {
  if (next_index_ < 0) {
    QC_ASSIGN_OR_RETURN(next_index_, log_.Size());
  }
  QC_ASSIGN_OR_RETURN(AppendedEvent appended, log_.AppendAt(e, next_index_));
  ++next_index_;
  QC_RETURN_IF_ERROR(projector_.Apply(db_, e));
  appended_.push_back(appended);
  return appended;
}

StatusOr<std::unique_ptr<Writer>> Writer::Open(const std::string& db_path) {
  QC_ASSIGN_OR_RETURN(auto db, Db::Open(db_path, true));
  QC_ASSIGN_OR_RETURN(int previous, EnsureSchema(*db));
  if (previous > 0 && previous < 5) {
    // Version 3 added case_deadlines and two fields to the case detail; version 4 counts the deadlines
    // in working days and China days and shows approvals' proposals; version 5 adds approval_steps:
    // re-render every case.
    QC_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
    Status st = Projector::RewriteAllCases(*db);
    QC_RETURN_IF_ERROR(db->Exec(st.ok() ? "COMMIT" : "ROLLBACK"));
    QC_RETURN_IF_ERROR(st);
  }
  QC_RETURN_IF_ERROR(db->Exec("PRAGMA wal_autocheckpoint = 0"));  // see CheckpointLoop()
  QC_ASSIGN_OR_RETURN(auto checkpoint_db, Db::Open(db_path, false));
  return std::unique_ptr<Writer>(new Writer(std::move(db), std::move(checkpoint_db)));
}

Writer::Writer(std::unique_ptr<Db> db, std::unique_ptr<Db> checkpoint_db)
    : db_(std::move(db)),
      checkpoint_db_(std::move(checkpoint_db)),
      thread_([this] { Loop(); }),
      checkpointer_([this] { CheckpointLoop(); }) {}

Writer::~Writer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  checkpoint_cv_.notify_all();
  thread_.join();
  checkpointer_.join();
  (void)checkpoint_db_->Exec("PRAGMA wal_checkpoint(PASSIVE)");
}

void Writer::CheckpointLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    checkpoint_cv_.wait_for(lock, kCheckpointEvery, [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    // PASSIVE never blocks the writer or readers; what it cannot copy now it copies next time.
    (void)checkpoint_db_->Exec("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

Status Writer::Control(const char* sql) {
  QC_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
  return s->Run();
}

Status Writer::Run(Job job) {
  std::future<Status> f;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Status::Unavailable("服务正在停止");
    queue_.push_back({std::move(job), {}});
    f = queue_.back().done.get_future();
  }
  cv_.notify_one();
  return f.get();
}

Writer::Stats Writer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void Writer::Loop() {
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void Writer::RunBatch(std::vector<Pending>& batch) {
  std::vector<Status> results(batch.size());
  Status begin = Control("BEGIN IMMEDIATE");
  // Another process (`quancheng user` beside a running server) may have appended since the last batch.
  next_index_ = -1;
  if (!begin.ok()) {
    for (auto& p : batch) p.done.set_value(begin);
    return;
  }
  WriteTx tx(*db_, projector_, next_index_);
  bool lost = false;  // SQLite rolled the whole transaction back (disk full, I/O error, ...)
  for (size_t i = 0; i < batch.size() && !lost; ++i) {
    tx.BeginJob();
    const int64_t job_start = next_index_;
    Status st = Control("SAVEPOINT job");
    if (st.ok()) {
      try {
        st = batch[i].job(tx);
      } catch (const std::exception& e) {  // a bug in a job must not take the writer down
        st = Status::Internal(std::string("写入任务异常：") + e.what());
      }
      if (st.ok()) st = Control("RELEASE job");
      if (!st.ok()) {
        (void)Control("ROLLBACK TO job");
        (void)Control("RELEASE job");
        projector_.Clear();
        next_index_ = job_start;  // its events vanished with the savepoint
      }
    }
    results[i] = st;
    lost = sqlite3_get_autocommit(db_->raw()) != 0;
  }
  if (lost) {
    // Nothing of this batch survived: every job fails, including those that had succeeded.
    projector_.Clear();
    next_index_ = -1;
    Status gone = Status::Unavailable("写入失败，事务已回滚，请重试");
    for (auto& r : results)
      if (r.ok()) r = gone;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stats_.batches++;
      stats_.jobs += static_cast<int64_t>(batch.size());
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(results[i]);
    return;
  }
  Status commit = Control("COMMIT");
  if (!commit.ok()) {
    (void)Control("ROLLBACK");
    projector_.Clear();
    next_index_ = -1;
    for (auto& r : results)
      if (r.ok()) r = commit;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.batches++;
    stats_.jobs += static_cast<int64_t>(batch.size());
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(results[i]);
}

}  // namespace qc::store
