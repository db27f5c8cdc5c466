// Splits [0, n) into `threads` contiguous ranges run at once, each by its own
// thread (the calling thread takes the first). Results are deterministic as
// long as each index's work does not depend on the others'.
#pragma once

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace luckyhub::recommend {

template <typename Fn>
void parallel_ranges(int64_t n, int threads, Fn fn) {
  threads = static_cast<int>(std::clamp<int64_t>(threads, 1, std::max<int64_t>(1, n)));
  std::vector<std::thread> pool;
  const int64_t step = (n + threads - 1) / threads;
  for (int t = 1; t < threads; ++t) {
    const int64_t begin = t * step, end = std::min(n, begin + step);
    if (begin < end) pool.emplace_back([&fn, begin, end] { fn(begin, end); });
  }
  fn(0, std::min(n, step));
  for (std::thread& t : pool) t.join();
}

}  // namespace luckyhub::recommend
