#include "simulate/progress.h"

#include <unistd.h>

#include <cstdio>

#include "core/log.h"

namespace luckyhub::sim {

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)),
      total_(total == 0 ? 1 : total),
      tty_(::isatty(STDERR_FILENO) == 1),
      enabled_(log::enabled(log::Level::kInfo)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { done(); }

void Progress::advance(uint64_t n) {
  count_ += n;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (tty_ && now - last_draw_ > std::chrono::milliseconds(200)) {
    last_draw_ = now;
    draw(false);
  } else if (!tty_) {
    const int decile = static_cast<int>(count_ * 10 / total_);
    if (decile != last_decile_ && decile < 10) {
      last_decile_ = decile;
      draw(false);
    }
  }
}

void Progress::done() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) draw(true);
}

void Progress::draw(bool final) {
  const double fraction = final ? 1.0 : std::min(1.0, static_cast<double>(count_) / static_cast<double>(total_));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r%-28s [%s] %3d%%  %6.1fs%s", label_.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100), seconds, final ? "\n" : "");
    std::fflush(stderr);
  } else {
    log::info(label_, " ", static_cast<int>(fraction * 100), "% (", count_, " rows, ",
              static_cast<int>(seconds), " s)");
  }
}

}  // namespace luckyhub::sim
