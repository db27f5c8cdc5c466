#!/usr/bin/env bash
# End-to-end test of the dashboard in headless Chromium (tests/e2e/): builds a
# small simulated warehouse, then runs node's test runner, which starts
# `luckyhub serve` on a free loopback port. Screenshots: build/e2e-artifacts/.
#   scripts/e2e.sh            (after scripts/setup.sh; CTest runs it as 'e2e')
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${LUCKYHUB_BIN:-build/luckyhub}"
out=build/e2e
mkdir -p "$out" build/e2e-artifacts
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
# A fresh warehouse: the last run's servers wrote to the old one (staffing and
# spend entries), and a write-ahead log left beside it would be replayed into
# the new file and corrupt it ("database disk image is malformed").
rm -f "$out/warehouse.db" "$out/warehouse.db-wal" "$out/warehouse.db-shm"
"$bin" --quiet simulate --scale 0.02 --seed 11 --warehouse "$out/warehouse.db" --truth "$out/truth.json"
LUCKYHUB_BIN="$bin" LUCKYHUB_E2E_WAREHOUSE="$out/warehouse.db" LUCKYHUB_E2E_ARTIFACTS=build/e2e-artifacts \
  exec node --test --test-concurrency=1 tests/e2e/
