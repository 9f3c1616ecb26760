// The single writer: owns the write connection and turns concurrent commands into group commits.
//
// Design notes
// ------------
// Callers submit a Job (a function of a WriteTx) and wait. The writer thread takes everything queued
// (up to kMaxBatch jobs), opens one transaction, runs each job inside its own SAVEPOINT, commits once
// (one fsync with synchronous=FULL), and only then completes the waiting callers. So:
//  1. Nothing is acknowledged before it is durable: Run() returns OK only after COMMIT succeeded.
//  2. A failing job is rolled back to its savepoint alone; the rest of its batch still commits.
//  3. The ledger order is the order jobs run on the writer thread; indexes are gap-free because a
//     rolled-back job's inserts vanish with its savepoint.
//  4. If COMMIT fails, every job of the batch fails and nothing of it is visible.
//  5. WAL checkpoints run on a separate thread and connection (PASSIVE, every kCheckpointEvery), so
//     copying pages back into the database file never lengthens a batch.
//
// Thread-safe: Run() may be called from any number of threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"
#include "store/db.h"
#include "store/event_log.h"
#include "store/projector.h"

namespace qc::store {

class WriteTx {
 public:
  // `next_index`: the writer's counter of the next ledger index (-1: not known, read from the log).
  WriteTx(Db& db, Projector& projector, int64_t& next_index)
      : db_(db), projector_(projector), log_(db), next_index_(next_index) {}
  Db& db() { return db_; }
  Projector& projector() { return projector_; }
  // Appends `e` at the next index and applies it to the projections.
  StatusOr<AppendedEvent> Append(domain::Event e);
  // Events appended by the current job, in order.
  const std::vector<AppendedEvent>& appended() const { return appended_; }
  void BeginJob() { appended_.clear(); }

 private:
  Db& db_;
  Projector& projector_;
  EventLog log_;
  int64_t& next_index_;
  std::vector<AppendedEvent> appended_;
};

class Writer {
 public:
  using Job = std::function<Status(WriteTx&)>;
  static constexpr size_t kMaxBatch = 1024;
  static constexpr std::chrono::milliseconds kCheckpointEvery{250};

  static StatusOr<std::unique_ptr<Writer>> Open(const std::string& db_path);
  ~Writer();  // drains the queue, then stops

  // Runs `job` in the next batch. OK means the job succeeded and its batch is durable.
  Status Run(Job job);

  struct Stats {
    int64_t batches = 0, jobs = 0;
  };
  Stats stats() const;

 private:
  Writer(std::unique_ptr<Db> db, std::unique_ptr<Db> checkpoint_db);
  void Loop();
  void CheckpointLoop();
  Status Control(const char* sql);  // BEGIN / SAVEPOINT / RELEASE / ROLLBACK / COMMIT, prepared once
  struct Pending {
    Job job;
    std::promise<Status> done;
  };
  void RunBatch(std::vector<Pending>& batch);

  std::unique_ptr<Db> db_;
  std::unique_ptr<Db> checkpoint_db_;
  Projector projector_;
  int64_t next_index_ = -1;  // the writer thread's; -1 after anything that may have rolled back
  mutable std::mutex mu_;
  std::condition_variable cv_;             // wakes the writer
  std::condition_variable checkpoint_cv_;  // wakes the checkpointer (only to stop)
  std::deque<Pending> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
  std::thread checkpointer_;
};

}  // namespace qc::store
