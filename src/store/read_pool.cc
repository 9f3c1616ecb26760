#include "store/read_pool.h"

namespace qc::store {

StatusOr<std::unique_ptr<ReadPool>> ReadPool::Open(const std::string& db_path, int size) {
  auto pool = std::make_unique<ReadPool>();
  for (int i = 0; i < size; ++i) {
    QC_ASSIGN_OR_RETURN(auto db, Db::Open(db_path, false));
    QC_RETURN_IF_ERROR(db->Exec("PRAGMA query_only = 1"));
    pool->free_.push_back(db.get());
    pool->all_.push_back(std::move(db));
  }
  return pool;
}

ReadPool::Lease ReadPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  Db* db = free_.back();
  free_.pop_back();
  return Lease(this, db);
}

void ReadPool::Release(Db* db) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(db);
  }
  cv_.notify_one();
}

}  // namespace qc::store
