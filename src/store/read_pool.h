// A small pool of read connections. WAL lets them read beside the writer; each sees a consistent
// snapshot for the duration of one statement (or of an explicit read transaction).
//
//   auto conn = pool.Acquire();          // blocks while all are in use
//   QC_ASSIGN_OR_RETURN(Stmt* s, conn->Prepare("SELECT ..."));
//
// Thread-safe. A Lease returns its connection when destroyed; the pool must outlive its leases.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/db.h"

namespace qc::store {

class ReadPool {
 public:
  static StatusOr<std::unique_ptr<ReadPool>> Open(const std::string& db_path, int size);

  class Lease {
   public:
    Lease(ReadPool* pool, Db* db) : pool_(pool), db_(db) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), db_(o.db_) { o.db_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease() {
      if (db_) pool_->Release(db_);
    }
    Db* operator->() { return db_; }
    Db& operator*() { return *db_; }

   private:
    ReadPool* pool_;
    Db* db_;
  };

  Lease Acquire();

 private:
  void Release(Db* db);
  std::vector<std::unique_ptr<Db>> all_;
  std::vector<Db*> free_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace qc::store
