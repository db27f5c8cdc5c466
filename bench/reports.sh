#!/usr/bin/env bash
# Uncached computation time of each report on the SQLite warehouse: the tool
# run from the command line (process start, warehouse open, queries, model,
# JSON) three times, the median kept.
#   bench/reports.sh --warehouse W [TOOL...]
# Default tools: the four money tools (payment-fees, reconciliation, tax-gap, tenant-audit).
set -euo pipefail
cd "$(dirname "$0")/.."
warehouse=""
tools=()
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    -*) echo "usage: bench/reports.sh --warehouse W [TOOL...]" >&2; exit 2 ;;
    *) tools+=("$1"); shift ;;
  esac
done
[ -n "$warehouse" ] || { echo "usage: bench/reports.sh --warehouse W [TOOL...]" >&2; exit 2; }
[ ${#tools[@]} -gt 0 ] || tools=(payment-fees reconciliation tax-gap tenant-audit)
bin=build/luckyhub
median3() { sort -n | sed -n 2p; }
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
echo "warehouse: $warehouse ($(du -h "$warehouse" | cut -f1)), scale $(sqlite3 "$warehouse" "SELECT value FROM _luckyhub_meta WHERE key='scale'"); $(nproc) cores"
printf "%-16s %12s\n" tool "seconds (median of 3)"
for t in "${tools[@]}"; do
  s=$(for _ in 1 2 3; do
        /usr/bin/time -f %e -o "$timing" "$bin" --quiet report "$t" --format json --warehouse "$warehouse" >/dev/null
        cat "$timing"
      done | median3)
  printf "%-16s %12s\n" "$t" "$s"
done
