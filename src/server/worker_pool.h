// A small pool of threads that compute reports off the server's I/O threads.
// A Warehouse is one connection and not thread-safe, so each worker opens its
// own, lazily, and reopens it when the warehouse file changes (a new
// simulation replaces the file; an old connection would keep reading the old
// one).
//
// Thread safety: submit() may be called from any thread. Tasks run on the
// workers; a task's exceptions are its own business (it must not throw).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub::server {

class WorkerPool {
 public:
  // A task gets the worker's connection, or nullptr and the reason when the
  // warehouse could not be opened.
  using Task = std::function<void(Warehouse* warehouse, const std::string& open_error)>;

  WorkerPool(std::string warehouse_location, int threads);
  ~WorkerPool();  // finishes the queued tasks, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // `warehouse_version` identifies the file's generation (warehouse_version()).
  void submit(std::string warehouse_version, Task task);

 private:
  struct Item {
    std::string version;
    Task task;
  };
  void run();

  const std::string location_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// The warehouse's version (luckyhub::warehouse_version: a SQLite file's
// modification time and size, a ClickHouse warehouse's generation and own
// rows). Throws HttpError(503) when it cannot be read.
std::string warehouse_version(const std::string& location);

}  // namespace luckyhub::server
