#!/usr/bin/env bash
# The whole test suite: sets everything up, builds, runs every test with CTest,
# then the fuzz harnesses' short run. The sanitizer stage (scripts/sanitize.sh,
# docs/hardening.md) runs on its own, not yet in CI: its from-scratch build
# has not been measured on a quiet machine against CI's time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j2 --timeout 900
cd ..
# The fuzz harnesses' short run (scripts/fuzz.sh: about 12 s each, in build-fuzz/).
scripts/fuzz.sh
