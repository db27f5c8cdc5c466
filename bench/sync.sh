#!/usr/bin/env bash
# Sync from a local fleet of 2 MariaDB servers at a scale (default 1):
#   1. full sync into an empty warehouse: wall time, rows/s, peak RSS;
#   2. the peer pipeline on the same tables in the same run: mariadb-dump --tab
#      (SELECT ... INTO OUTFILE on the servers) then the sqlite3 shell's .import;
#   3. incremental sync after 1% of every table's rows were updated, spread
#      over each table (every 100th id) and the newest 1%, with the bytes each
#      wrote and, for the spread case, the warehouse pages it must rewrite.
#   bench/sync.sh [--no-peer] [--perf] [--bin BIN] [SCALE] [WORKDIR]
# --bin BIN: the binary timed (default: this tree's build/luckyhub).
# --no-peer: leave out step 2 (at scale 1 it needs 20 GB of disk and minutes;
# the incremental ratios do not use it).
# --perf: the spread incremental run under `perf record -g` (its profile in
# WORKDIR/inc.perf.data; perf's overhead is in that run's time).
# A WORKDIR whose fleet this script already loaded at SCALE (WORKDIR/loaded)
# is reused, not simulated again (the load takes most of the time; the
# updates it made before change which rows change, not how many).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/fleet-lib.sh
peer=1
perf=0
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-peer) peer=0; shift ;;
    --perf) perf=1; shift ;;
    --bin) bin="$(realpath "$2")"; shift 2 ;;
    *) break ;;
  esac
done
scale="${1:-1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-sync-XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# Uses the existing build when there is one (scripts/setup.sh builds it otherwise).
if [ -z "$bin" ]; then
  [ -x build/luckyhub ] || scripts/setup.sh >/dev/null
  bin="$PWD/build/luckyhub"
fi
PATH="$PATH:/usr/sbin"

load() { cut -d' ' -f1 /proc/loadavg; }  # the machine's 1-minute load average
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
written_mb() { sed -n 's/.* \([0-9]*\) MB written.*/\1/p' "$1"; }  # pages sync committed

scripts/fleet-up 2 "$work/fleet" >/dev/null
trap 'scripts/fleet-down "$work/fleet" >/dev/null' EXIT
fleet="$work/fleet/fleet.toml"
if [ "$(cat "$work/loaded" 2>/dev/null)" != "$scale" ]; then
  echo "bench: simulate --fleet --scale $scale (not timed)"
  rm -f "$work/loaded"
  "$bin" --quiet simulate --fleet "$fleet" --scale "$scale" --seed 42 --truth "$work/truth.json"
  echo "$scale" >"$work/loaded"
fi

echo "bench: full sync"
rm -f "$work/w.db"
sync_load=$(load)
/usr/bin/time -v -o "$work/sync-time.txt" "$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >"$work/sync.out" &
# Sync's resident memory every half second, to tell the copying's level from
# the peak (the largest index build): the median and the 95th percentile.
timer=$!
: >"$work/sync-rss.txt"
while kill -0 "$timer" 2>/dev/null; do
  for p in $(pgrep -P "$timer"); do awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null >>"$work/sync-rss.txt"; done
  sleep 0.5
done
wait "$timer"
read -r rss_median rss_p95 < <(sort -n "$work/sync-rss.txt" |
  awk '{v[NR] = $1} END {printf "%.0f %.0f\n", v[int((NR + 1) / 2)] / 1024, v[int(NR * 0.95 + 0.5)] / 1024}')
sync_s=$(seconds "$work/sync-time.txt"); sync_kb=$(peak_kb "$work/sync-time.txt"); sync_mb=$(written_mb "$work/sync.out")
rows=$(sed -n 's/.* \([0-9]*\) rows copied.*/\1/p' "$work/sync.out")

dump_s=0; imp_s=0; peer_kb=0; peer_load=-
if [ "$peer" -eq 1 ]; then
echo "bench: mariadb-dump --tab + sqlite3 .import of the same tables"
# The same warehouse: tables, then rows, then the same indexes and statistics.
sqlite3 "$work/w.db" .schema | grep -v '_luckyhub_\|sqlite_stat' >"$work/schema.sql"
{
  echo "PRAGMA page_size=8192; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
  grep -v '^CREATE INDEX' "$work/schema.sql"
  echo ".mode tabs"
} >"$work/import.sql"
: >"$work/dump.sh"
for s in "$work"/fleet/s*/; do
  s="${s%/}"; n="${s##*/s}"
  for db in $(sed -n "/name = \"db$n\"/,/^databases/p" "$fleet" | sed -n 's/^databases = \[\(.*\)\]/\1/p' | tr -d '",'); do
    mkdir -p "$work/dump/$db"; chmod 777 "$work/dump/$db"
    echo "mariadb-dump --no-defaults --socket=$s/mysqld.sock -uroot --tab=$work/dump/$db $db --ignore-table=$db._luckyhub_simulation" >>"$work/dump.sh"
    for f in $(sed -n "s/^CREATE TABLE \(${db#luckyus_}__[a-z0-9_]*\).*/\1/p" "$work/schema.sql"); do
      echo ".import $work/dump/$db/${f#*__}.txt $f" >>"$work/import.sql"
    done
  done
done
{ grep '^CREATE INDEX' "$work/schema.sql"; echo "PRAGMA analysis_limit=2000; ANALYZE;"; } >>"$work/import.sql"
rm -rf "$work/import.db" "$work/dump"/*/*.txt "$work/dump"/*/*.sql
peer_load=$(load)
/usr/bin/time -v -o "$work/dump-time.txt" bash "$work/dump.sh" >/dev/null
/usr/bin/time -v -o "$work/import-time.txt" sqlite3 "$work/import.db" <"$work/import.sql" >/dev/null
dump_s=$(seconds "$work/dump-time.txt"); imp_s=$(seconds "$work/import-time.txt")
peer_kb=$(( $(peak_kb "$work/dump-time.txt") > $(peak_kb "$work/import-time.txt") ? $(peak_kb "$work/dump-time.txt") : $(peak_kb "$work/import-time.txt") ))
# The peer's files are not needed again: at scale 1 they are 20 GB of disk.
rm -rf "$work/import.db" "$work/dump"
fi

# The source's share of an incremental run: each table's incremental SELECT
# from the watermarks saved in $1 (table, watermark, id), read by the mariadb
# client into /dev/null, and the InnoDB pages it read from disk. Prints
# seconds and pages.
source_alone() {
  local started pages=0 n
  started=$(date +%s.%N)
  for s in "$work"/fleet/s*/; do
    s="${s%/}"
    n=$(mariadb --no-defaults --socket="$s/mysqld.sock" -uroot -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_pages_read'" | cut -f2)
    pages=$((pages - n))
    for db in $(mariadb --no-defaults --socket="$s/mysqld.sock" -uroot -N -e "SHOW DATABASES LIKE 'luckyus\\_%'"); do
      while IFS='|' read -r table watermark id; do
        [ "${table%%__*}" = "${db#luckyus_}" ] || continue
        where=""
        [ -n "$watermark" ] && where="WHERE update_time > '$watermark' OR (update_time = '$watermark' AND id > $id)"
        echo "SELECT * FROM $db.${table#*__} $where ORDER BY update_time, id;"
      done <"$1"
    done | mariadb --no-defaults --socket="$s/mysqld.sock" -uroot --quick -N >/dev/null
    n=$(mariadb --no-defaults --socket="$s/mysqld.sock" -uroot -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_pages_read'" | cut -f2)
    pages=$((pages + n))
  done
  awk -v a="$started" -v b="$(date +%s.%N)" -v p="$pages" 'BEGIN { printf "%.1f %d\n", b - a, p }'
}
incremental() {  # $1 name: prints seconds, rows, peak KB, MB written, load
  local before profile=(); before=$(load)
  [ "$1" = inc ] && [ "$perf" -eq 1 ] && profile=(perf record -F 499 -g -o "$work/inc.perf.data" --)
  /usr/bin/time -v -o "$work/$1-time.txt" "${profile[@]}" "$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >"$work/$1.out"
  echo "$(seconds "$work/$1-time.txt") $(sed -n 's/.* \([0-9]*\) rows copied.*/\1/p' "$work/$1.out")" \
       "$(peak_kb "$work/$1-time.txt") $(written_mb "$work/$1.out") $before"
}
# The warehouse pages an update of every 100th id must rewrite: rows are
# stored in id order, so a table leaf of n rows holds one changed row with
# probability min(1, n/100); interior pages and indexes over unchanged
# columns are not touched. In MB (10^6 bytes), then the whole file's MB.
spread_pages_mb() {
  sqlite3 "$work/w.db" "SELECT printf('%.0f %.0f',
      (SELECT SUM(MIN(1.0, d.ncell / 100.0)) FROM dbstat d JOIN sqlite_master m ON m.name = d.name
       WHERE m.type = 'table' AND m.name NOT LIKE '\\_%' ESCAPE '\\' AND d.pagetype = 'leaf') * ps.page_size / 1e6,
      pc.page_count * ps.page_size / 1e6)
    FROM pragma_page_size() ps, pragma_page_count() pc"
}
# The first incremental run after a full copy re-reads the rows of the
# newest second before the copy (docs/sync.md): once, not timed.
"$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >/dev/null
echo "bench: update 1% of every table's rows, spread over the table (every 100th id), then incremental sync"
touch_rows "$work/fleet" "id % 100 = 7"
sqlite3 "$work/w.db" "SELECT table_name, watermark, watermark_id FROM _luckyhub_sync" >"$work/watermarks.txt"
read -r inc_s inc_rows inc_kb inc_mb inc_load < <(incremental inc)
read -r src_s src_pages < <(source_alone "$work/watermarks.txt")
read -r spread_mb file_mb < <(spread_pages_mb)
echo "bench: update the newest 1% of every table's rows (where updates happen), then incremental sync"
touch_rows "$work/fleet" "id > (SELECT m FROM (SELECT MAX(id) * 0.99 AS m FROM TABLE) newest)"
read -r new_s new_rows new_kb new_mb new_load < <(incremental inc-newest)

awk -v scale="$scale" -v rows="$rows" -v s="$sync_s" -v kb="$sync_kb" -v ds="$dump_s" -v is="$imp_s" \
    -v pkb="$peer_kb" -v cores="$(nproc)" -v sl="$sync_load" -v pl="$peer_load" \
    -v inc="$inc_s" -v irows="$inc_rows" -v ikb="$inc_kb" -v imb="$inc_mb" -v il="$inc_load" \
    -v rm="$rss_median" -v r95="$rss_p95" -v smb="$spread_mb" -v fmb="$file_mb" -v smbf="$sync_mb" -v ss="$src_s" -v sp="$src_pages" \
    -v new="$new_s" -v nrows="$new_rows" -v nkb="$new_kb" -v nmb="$new_mb" -v nl="$new_load" 'BEGIN {
  printf "machine: %d cores; scale %s, %d rows in 52 tables on 2 MariaDB servers; warehouse %d MB; load = 1-minute load average before each step\n", cores, scale, rows, fmb
  printf "luckyhub sync (full):            %7.1f s  %9.0f rows/s  peak RSS %4.0f MB  wrote %d MB  (load %s)\n", s, rows / s, kb / 1024, smbf, sl
  printf "  its RSS sampled every 0.5 s: median %d MB, 95th percentile %d MB\n", rm, r95
  if (ds + is > 0) {
    printf "mariadb-dump --tab + .import:    %7.1f s  %9.0f rows/s  peak RSS %4.0f MB  (dump %.1f s + import %.1f s; load %s)\n", ds + is, rows / (ds + is), pkb / 1024, ds, is, pl
    printf "ratio (peer time / sync time):   %7.2f\n", (ds + is) / s
  }
  printf "incremental, 1%% spread updated:  %7.1f s  %d rows  peak RSS %4.0f MB  wrote %d MB  = %.1f%% of the full sync  (load %s)\n", inc, irows, ikb / 1024, imb, 100 * inc / s, il
  printf "  the table pages holding those rows: %d MB of the %d MB warehouse (%.0f%%); sync wrote %d MB to the WAL (the checkpoint copies it once more)\n", smb, fmb, 100 * smb / fmb, imb
  printf "  the source alone (the same SELECTs by the mariadb client): %.1f s, %d InnoDB pages of 16 KiB read from disk\n", ss, sp
  printf "incremental, newest 1%% updated:  %7.1f s  %d rows  peak RSS %4.0f MB  wrote %d MB  = %.1f%% of the full sync  (load %s)\n", new, nrows, nkb / 1024, nmb, 100 * new / s, nl
}'
