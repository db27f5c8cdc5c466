#include "server/worker_pool.h"

#include <memory>

#include "core/error.h"
#include "core/log.h"
#include "server/http_error.h"

namespace luckyhub::server {

std::string warehouse_version(const std::string& location) {
  try {
    return luckyhub::warehouse_version(location);
  } catch (const Error& e) {
    throw HttpError(503, e.what());
  }
}

WorkerPool::WorkerPool(std::string warehouse_location, int threads)
    : location_(std::move(warehouse_location)) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::submit(std::string warehouse_version, Task task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(warehouse_version), std::move(task)});
  }
  ready_.notify_one();
}

void WorkerPool::run() {
  std::unique_ptr<Warehouse> warehouse;
  std::string opened_version;
  for (;;) {
    Item item;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    std::string open_error;
    if (!warehouse || opened_version != item.version) {
      warehouse.reset();
      try {
        warehouse = open_warehouse(location_);
        opened_version = item.version;
      } catch (const Error& e) {
        open_error = e.what();
        log::error("serve: cannot open the warehouse: ", e.what());
      }
    }
    item.task(warehouse.get(), open_error);
  }
}

}  // namespace luckyhub::server
