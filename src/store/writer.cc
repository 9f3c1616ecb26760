#include "store/writer.h"

#include "store/schema.h"

namespace qc::store {

StatusOr<StoredEvent> WriteTx::Append(domain::Event e) {
  QC_ASSIGN_OR_RETURN(StoredEvent stored, log_.Append(e));
  QC_RETURN_IF_ERROR(projector_.Apply(db_, stored.event));
  appended_.push_back(stored);
  return stored;
}

StatusOr<std::unique_ptr<Writer>> Writer::Open(const std::string& db_path) {
  QC_ASSIGN_OR_RETURN(auto db, Db::Open(db_path, true));
  QC_RETURN_IF_ERROR(EnsureSchema(*db));
  return std::unique_ptr<Writer>(new Writer(std::move(db)));
}

Writer::Writer(std::unique_ptr<Db> db) : db_(std::move(db)), thread_([this] { Loop(); }) {}

Writer::~Writer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
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
  Status begin = db_->Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (auto& p : batch) p.done.set_value(begin);
    return;
  }
  WriteTx tx(*db_, projector_);
  for (size_t i = 0; i < batch.size(); ++i) {
    tx.BeginJob();
    Status st = db_->Exec("SAVEPOINT job");
    if (st.ok()) {
      try {
        st = batch[i].job(tx);
      } catch (const std::exception& e) {  // a bug in a job must not take the writer down
        st = Status::Internal(std::string("写入任务异常：") + e.what());
      }
      if (st.ok()) {
        st = db_->Exec("RELEASE job");
      } else {
        (void)db_->Exec("ROLLBACK TO job");
        (void)db_->Exec("RELEASE job");
        projector_.Clear();
      }
    }
    results[i] = st;
  }
  Status commit = db_->Exec("COMMIT");
  if (!commit.ok()) {
    (void)db_->Exec("ROLLBACK");
    projector_.Clear();
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
