#include "cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "core/error.h"

namespace luckyhub::cli {
namespace {

// The terminal's settings before echo went off, for the signal handler.
termios saved_terminal{};

// Ctrl-C at the prompt: echo back on before the default action ends the process.
void restore_and_reraise(int signal) {
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

// Echo off on the terminal for its lifetime (restored on every way out,
// an interrupt included).
class NoEcho {
 public:
  NoEcho() {
    if (::tcgetattr(STDIN_FILENO, &saved_terminal) != 0)
      throw Error("cannot read the terminal's settings");
    struct sigaction restore {};
    restore.sa_handler = restore_and_reraise;
    ::sigemptyset(&restore.sa_mask);
    for (int i = 0; i < kSignals; ++i) ::sigaction(kSignal[i], &restore, &previous_[i]);
    termios quiet = saved_terminal;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;  // the Enter still moves to the next line
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) {
      restore_handlers();
      throw Error("cannot turn the terminal's echo off");
    }
  }
  ~NoEcho() {
    ::tcsetattr(STDIN_FILENO, TCSADRAIN, &saved_terminal);
    restore_handlers();
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  static constexpr int kSignals = 4;
  static constexpr int kSignal[kSignals] = {SIGINT, SIGTERM, SIGQUIT, SIGHUP};
  void restore_handlers() {
    for (int i = 0; i < kSignals; ++i) ::sigaction(kSignal[i], &previous_[i], nullptr);
  }
  struct sigaction previous_[kSignals] {};
};

std::string read_line(const char* what) {
  std::string line;
  if (!std::getline(std::cin, line))
    throw Error(std::string("no password: ") + what + " ended before a line");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string prompt_line(const std::string& prompt) {
  NoEcho no_echo;  // before the prompt: what is typed after it is never shown nor flushed away
  std::fprintf(stderr, "%s", prompt.c_str());
  std::fflush(stderr);
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
