// Progress of a long simulation step on stderr: a redrawn bar on a terminal,
// a line every 10% otherwise, nothing under --quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace luckyhub::sim {

class Progress {
 public:
  Progress(std::string label, uint64_t total);
  ~Progress();
  void advance(uint64_t n = 1);
  void done();

 private:
  void draw(bool final);
  std::string label_;
  uint64_t total_;
  uint64_t count_ = 0;
  int last_decile_ = -1;
  bool tty_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace luckyhub::sim
