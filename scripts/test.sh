#!/usr/bin/env bash
# The whole test suite: sets everything up, builds, runs every test with CTest,
# then the sanitizer stage when asked for (LUCKYHUB_SANITIZE_KINDS="asan tsan":
# scripts/sanitize.sh, AddressSanitizer + UBSan and ThreadSanitizer, each on its
# chosen suites; docs/hardening.md) and the fuzz harnesses' short run
# (docs/fuzzing.md). Any failed test, sanitizer report or fuzzer finding fails
# the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j2 --timeout 900
cd ..
# The sanitizer stage: build-asan/ and build-tsan/, with clang. Not run unless
# LUCKYHUB_SANITIZE_KINDS names the kinds: with both, CI would take 55 to 60
# minutes, past its budget (docs/hardening.md, "Time").
read -r -a kinds <<<"${LUCKYHUB_SANITIZE_KINDS:-}"
[ ${#kinds[@]} -eq 0 ] || scripts/sanitize.sh "${kinds[@]}"
# The fuzz harnesses' short run (scripts/fuzz.sh: about 12 s each, in build-fuzz/).
scripts/fuzz.sh
