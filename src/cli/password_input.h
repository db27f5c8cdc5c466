// Reading a password at the command line, never from argv (which any user
// sees in `ps`): one line from stdin with --password-stdin (scripts, tests),
// else from the terminal, twice, without echo.
#pragma once

#include <string>
#include <string_view>

namespace luckyhub::cli {

// `from_stdin`: one line from stdin (without its line end). Otherwise, when
// stdin is a terminal, prompts on it twice with echo off and requires the
// two to match; `check` (the password rules) runs on the first entry, so a
// weak password is refused before it is typed again. Not a terminal and not
// `from_stdin`: throws Error. Errors never hold the password.
std::string read_new_password(bool from_stdin, const std::string& prompt,
                              void (*check)(std::string_view));

}  // namespace luckyhub::cli
