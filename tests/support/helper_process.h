// A helper server a test starts (a Python script of tests/support/): spawned
// with its stderr appended to a log file, found by the port it writes to a
// file once it listens, stopped by its pid.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace luckyhub::testing {

// Starts args[0] (an absolute path) with args; stderr is appended to `log`.
// Throws std::runtime_error when it cannot be started.
pid_t spawn_helper(std::vector<std::string> args, const std::string& log);

// The port in `port_file` once it exists, waiting up to `seconds`; throws
// std::runtime_error with the log's content when it never appears.
int wait_for_port_file(const std::string& port_file, double seconds, const std::string& log);

// The port of a `luckyhub serve` whose stderr goes to `log`, from its line
// "serving the dashboard at http://127.0.0.1:PORT/", waiting up to
// `seconds`; 0 when it never appears (or `alive` says the process ended).
uint16_t wait_for_serving_port(const std::string& log, double seconds, const std::function<bool()>& alive = {});

// SIGTERM, then waits for it to exit.
void stop_helper(pid_t pid);

}  // namespace luckyhub::testing
