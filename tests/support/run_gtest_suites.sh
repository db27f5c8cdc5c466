#!/bin/sh
# Runs the named GoogleTest suites of a test binary and fails when one of them
# has no test: a filter that matches nothing would otherwise pass silently
# (a renamed or split suite would stop running on the engine that needs it).
#   run_gtest_suites.sh BINARY SUITE...
set -eu
binary=$1; shift
filter=""
for suite in "$@"; do
  if ! "$binary" --gtest_list_tests --gtest_filter="$suite.*" | grep -q '^  '; then
    echo "run_gtest_suites: no test in suite $suite of $binary" >&2
    exit 1
  fi
  filter="${filter:+$filter:}$suite.*"
done
exec "$binary" --gtest_filter="$filter"
