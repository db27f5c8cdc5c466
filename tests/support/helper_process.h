// A helper server a test starts (a Python script of tests/support/): spawned
// with its stderr appended to a log file, found by the port it writes to a
// file once it listens, stopped by its pid.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace luckyhub::testing {

// Starts args[0] (an absolute path) with args; stderr is appended to `log`.
// Throws std::runtime_error when it cannot be started.
pid_t spawn_helper(std::vector<std::string> args, const std::string& log);

// The port in `port_file` once it exists, waiting up to `seconds`; throws
// std::runtime_error with the log's content when it never appears.
int wait_for_port_file(const std::string& port_file, double seconds, const std::string& log);

// SIGTERM, then waits for it to exit.
void stop_helper(pid_t pid);

}  // namespace luckyhub::testing
