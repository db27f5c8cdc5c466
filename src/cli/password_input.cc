#include "cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string_view>

#include "core/error.h"

namespace luckyhub::cli {
namespace {

// Echo off on the terminal for its lifetime (restored on every way out).
class NoEcho {
 public:
  NoEcho() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) throw Error("cannot read the terminal's settings");
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;  // the Enter still moves to the next line
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
      throw Error("cannot turn the terminal's echo off");
  }
  ~NoEcho() { ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_); }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
};

std::string read_line(const char* what) {
  std::string line;
  if (!std::getline(std::cin, line))
    throw Error(std::string("no password: ") + what + " ended before a line");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string prompt_line(const std::string& prompt) {
  std::fprintf(stderr, "%s", prompt.c_str());
  std::fflush(stderr);
  NoEcho no_echo;
  return read_line("the terminal");
}

}  // namespace

std::string read_new_password(bool from_stdin, const std::string& prompt,
                              void (*check)(std::string_view)) {
  if (from_stdin) {
    std::string password = read_line("stdin");
    check(password);
    return password;
  }
  if (!::isatty(STDIN_FILENO))
    throw Error(
        "the password is typed at a terminal, or given on stdin with --password-stdin (never as an "
        "argument)");
  std::string first = prompt_line(prompt + ": ");
  check(first);
  if (prompt_line(prompt + " again: ") != first)
    throw Error("the two passwords differ: nothing changed");
  return first;
}

}  // namespace luckyhub::cli
