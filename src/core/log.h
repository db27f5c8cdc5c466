// Levelled logging to stderr. The level is process-wide and set once by the
// CLI (--quiet, --verbose). Thread-safe: each line is written with one call.
// Never log secrets (passwords, tokens): callers pass only names of references.
#pragma once

#include <sstream>
#include <string>

namespace luckyhub::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

void set_level(Level level);
Level level();
bool enabled(Level level);
void write(Level level, const std::string& message);

template <typename... Args>
void emit(Level lvl, const Args&... args) {
  if (!enabled(lvl)) return;
  std::ostringstream out;
  (out << ... << args);
  write(lvl, out.str());
}

template <typename... Args>
void debug(const Args&... args) { emit(Level::kDebug, args...); }
template <typename... Args>
void info(const Args&... args) { emit(Level::kInfo, args...); }
template <typename... Args>
void warn(const Args&... args) { emit(Level::kWarn, args...); }
template <typename... Args>
void error(const Args&... args) { emit(Level::kError, args...); }

}  // namespace luckyhub::log
