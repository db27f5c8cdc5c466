#!/usr/bin/env bash
# The whole test suite: sets everything up, builds, runs every test with CTest,
# then the sanitizer stage and the fuzz harnesses' short run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j2 --timeout 900
cd ..
# The sanitizer stage (scripts/sanitize.sh, docs/hardening.md): chosen suites
# under AddressSanitizer + UBSan in build-asan/ (ThreadSanitizer: not within CI's time yet).
scripts/sanitize.sh asan
# The fuzz harnesses' short run (scripts/fuzz.sh: about 12 s each, in build-fuzz/).
scripts/fuzz.sh
