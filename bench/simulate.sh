#!/usr/bin/env bash
# Simulate at a scale (default 1): wall time, rows per second and peak memory,
# against the sqlite3 shell's own .import of the same rows from CSV, measured
# in the same run on the same machine.
#   bench/simulate.sh [SCALE] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-XXXXXX)}"
mkdir -p "$work"
BUILD_TYPE=Release scripts/setup.sh >/dev/null
bin=build/luckyhub

echo "bench: simulate --scale $scale into $work"
/usr/bin/time -v -o "$work/time.txt" "$bin" --quiet simulate --scale "$scale" --seed 42 \
  --warehouse "$work/sim.db" --truth "$work/truth.json"
sim_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
sim_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
tables=$(sqlite3 "$work/sim.db" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\_%' ESCAPE '\\' ORDER BY name")
rows=0
for t in $tables; do rows=$((rows + $(sqlite3 "$work/sim.db" "SELECT COUNT(*) FROM $t"))); done

echo "bench: exporting $rows rows to CSV (not timed)"
mkdir -p "$work/csv"
for t in $tables; do sqlite3 -csv "$work/sim.db" "SELECT * FROM $t" > "$work/csv/$t.csv"; done
sqlite3 "$work/sim.db" .schema | grep -v '^CREATE INDEX' | grep -v '_luckyhub_meta' > "$work/schema.sql"

echo "bench: sqlite3 .import of the same rows"
{
  echo "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;"
  cat "$work/schema.sql"
  echo ".mode csv"
  for t in $tables; do echo ".import $work/csv/$t.csv $t"; done
} > "$work/import.sql"
rm -f "$work/import.db"
/usr/bin/time -v -o "$work/import-time.txt" sqlite3 "$work/import.db" < "$work/import.sql"
imp_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/import-time.txt")
imp_rows=0
for t in $tables; do imp_rows=$((imp_rows + $(sqlite3 "$work/import.db" "SELECT COUNT(*) FROM $t"))); done

awk -v s="$sim_s" -v i="$imp_s" -v r="$rows" -v ir="$imp_rows" -v kb="$sim_kb" -v sc="$scale" 'BEGIN {
  printf "scale %s: %d rows (import loaded %d)\n", sc, r, ir;
  printf "luckyhub simulate (generate + load + index): %.1f s, %.0f rows/s, peak RSS %.0f MiB\n", s, r/s, kb/1024;
  printf "sqlite3 .import of the same rows (load only): %.1f s, %.0f rows/s\n", i, ir/i;
  printf "ratio simulate / import: %.2f (goal <= 1)\n", s/i;
}' | tee "$work/result.txt"
[ "${KEEP:-0}" = 1 ] || rm -rf "$work/csv" "$work/import.db"
