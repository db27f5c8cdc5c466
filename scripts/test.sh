#!/usr/bin/env bash
# The whole test suite: sets everything up, builds, runs every test with CTest,
# then the fuzz harnesses' short run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j2 --timeout 900
# The fuzz harnesses' short run (scripts/fuzz.sh: about 12 s each, in build-fuzz/).
cd .. && scripts/fuzz.sh
