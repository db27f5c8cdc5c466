#!/usr/bin/env bash
# Simulate at a scale (default 1): wall time, rows per second and peak memory,
# against the sqlite3 shell's own .import of the same rows from CSV, measured
# in the same run on the same machine. Both sides are split in two phases:
# loading the rows (simulate: generating them too) and building the same
# indexes afterwards.
#   bench/simulate.sh [SCALE] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-XXXXXX)}"
mkdir -p "$work"
scripts/setup.sh >/dev/null  # RelWithDebInfo: -O2, as the tests and the demo run
bin=build/luckyhub

echo "bench: simulate --scale $scale into $work"
/usr/bin/time -v -o "$work/time.txt" "$bin" simulate --scale "$scale" --seed 42 \
  --warehouse "$work/sim.db" --truth "$work/truth.json" 2> "$work/simulate.log"
sim_load_s=$(sed -n 's/.*(\([0-9]*\) s generating and loading, \([0-9]*\) s indexing).*/\1/p' "$work/simulate.log")
sim_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
sim_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
tables=$(sqlite3 "$work/sim.db" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\_%' ESCAPE '\\' ORDER BY name")
rows=0
for t in $tables; do rows=$((rows + $(sqlite3 "$work/sim.db" "SELECT COUNT(*) FROM $t"))); done

echo "bench: exporting $rows rows to CSV (not timed)"
mkdir -p "$work/csv"
for t in $tables; do sqlite3 -csv "$work/sim.db" "SELECT * FROM $t" > "$work/csv/$t.csv"; done
sqlite3 "$work/sim.db" .schema | grep -v '_luckyhub_meta' | grep -v 'sqlite_stat' > "$work/schema-all.sql"
grep -v '^CREATE \(UNIQUE \)\?INDEX' "$work/schema-all.sql" > "$work/schema.sql"
grep '^CREATE \(UNIQUE \)\?INDEX' "$work/schema-all.sql" > "$work/indexes.sql" || true

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
echo "bench: the same indexes on the imported tables"
{ echo "PRAGMA cache_size=-262144; PRAGMA threads=2; PRAGMA temp_store=MEMORY;"; cat "$work/indexes.sql"; } > "$work/index.sql"
/usr/bin/time -v -o "$work/index-time.txt" sqlite3 "$work/import.db" < "$work/index.sql"
idx_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/index-time.txt")
imp_rows=0
for t in $tables; do imp_rows=$((imp_rows + $(sqlite3 "$work/import.db" "SELECT COUNT(*) FROM $t"))); done

awk -v s="$sim_s" -v l="$sim_load_s" -v i="$imp_s" -v x="$idx_s" -v r="$rows" -v ir="$imp_rows" -v kb="$sim_kb" \
    -v sc="$scale" -v cores="$(nproc)" 'BEGIN {
  printf "scale %s on %d cores: %d rows (import loaded %d)\n", sc, cores, r, ir;
  printf "luckyhub simulate: %.1f s in all, %.0f rows/s; generate + load %.0f s (%.0f rows/s), index %.0f s; peak RSS %.0f MiB\n", s, r/s, l, r/l, s-l, kb/1024;
  printf "sqlite3 .import of the same rows: load %.1f s (%.0f rows/s), the same indexes %.1f s, in all %.1f s\n", i, ir/i, x, i+x;
  printf "ratio simulate / import, loading: %.2f (goal <= 1)\n", l/i;
  printf "ratio simulate / import, with indexes: %.2f\n", s/(i+x);
}' | tee "$work/result.txt"
[ "${KEEP:-0}" = 1 ] || rm -rf "$work/csv" "$work/import.db"
