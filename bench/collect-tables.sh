#!/usr/bin/env bash
# Table statistics on one MariaDB holding many tables, against Debian's
# prometheus-mysqld-exporter reading the same server in the same run:
#   - one MariaDB (scripts/fleet-up 1) with a database of TABLES InnoDB tables
#     (default 5000; created here, not timed), each with an INT AUTO_INCREMENT key;
#   - luckyhub collect, its account granted PROCESS and SELECT on
#     mysql.innodb_table_stats (docs/health.md): one --once run (a full read:
#     information_schema.TABLES, the AUTO_INCREMENT column types from
#     COLUMNS), then RUNS table cycles in one process (--table-interval 1s),
#     the first of them a full read too, the others from InnoDB's statistics
#     and information_schema.TABLES by name for a slice (collect/mysql_tables.h);
#     each cycle's table statistics time is its table_statistics_seconds
#     sample (every table's sizes, rows and AUTO_INCREMENT headroom); the
#     median of the cycles after the process's first; how many tables each
#     read by name (its --verbose log), the median;
#   - the same cycles as an account without SELECT on mysql.innodb_table_stats:
#     the fallback, information_schema.TABLES whole each cycle (what every
#     table cycle was before);
#   - prometheus-mysqld-exporter --collect.info_schema.tables
#     --collect.auto_increment.columns (its other default collectors on),
#     RUNS scrapes of /metrics over HTTP after a warm-up; the median;
#   - storage: health__samples' bytes (SQLite's dbstat: pages of the table
#     and its indexes) after the first table cycle (every table's 5 samples:
#     what every table cycle stored before samples were kept only on change),
#     then per table cycle over RUNS --once cycles with one row inserted into
#     1% of the tables before each (their AUTO_INCREMENT moves).
#   bench/collect.sh tables [TABLES] [RUNS] [CACHE]
# CACHE (default: the server's defaults) sets table_definition_cache and
# table_open_cache, as a DBA sizes them for a server with that many tables.
# Installs prometheus-mysqld-exporter with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
n_tables="${1:-5000}"
runs="${2:-5}"
cache="${3:-}"
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
bin="${LUCKYHUB:-$PWD/build/luckyhub}"
PATH="$PATH:/usr/sbin"
if ! command -v prometheus-mysqld-exporter >/dev/null; then
  apt-get install -y prometheus-mysqld-exporter >/dev/null
fi
work="$(mktemp -d /tmp/luckyhub-bench-tables-XXXXXX)"
chmod 711 "$work"
exporter=""
cleanup() {
  [ -n "$exporter" ] && kill "$exporter" 2>/dev/null && wait "$exporter" 2>/dev/null || true
  scripts/fleet-down "$work/fleet" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
root() { mariadb --no-defaults --socket="$work/fleet/s1/mysqld.sock" -uroot "$@"; }

echo "bench: one MariaDB, creating $n_tables tables (not timed)"
scripts/fleet-up 1 "$work/fleet" >/dev/null
{
  echo "CREATE DATABASE many_tables; USE many_tables; SET SESSION innodb_strict_mode = 0;"
  for i in $(seq 1 "$n_tables"); do
    echo "CREATE TABLE t_$i (id INT AUTO_INCREMENT PRIMARY KEY, v INT, note VARCHAR(32)) AUTO_INCREMENT=$((i * 1000));"
  done
  echo "GRANT SELECT ON many_tables.* TO luckyhub_ro@'%'; GRANT PROCESS ON *.* TO luckyhub_ro@'%';"
  echo "GRANT SELECT ON mysql.innodb_table_stats TO luckyhub_ro@'%';"
  # The fallback's account: the same but InnoDB's statistics.
  echo "CREATE USER luckyhub_plain@'%' IDENTIFIED BY '$(cat "$work/fleet/secrets")';"
  echo "GRANT SELECT ON many_tables.* TO luckyhub_plain@'%'; GRANT PROCESS ON *.* TO luckyhub_plain@'%';"
} | root
port="$(cat "$work/fleet/s1/port")"
if [ -n "$cache" ]; then
  root -e "SET GLOBAL table_definition_cache = $cache; SET GLOBAL table_open_cache = $cache"
fi
caches=$(root -N -e "SELECT CONCAT('table_definition_cache ', @@table_definition_cache, ', table_open_cache ', @@table_open_cache)")
umask 077
cp "$work/fleet/secrets" "$work/ro.secret"
printf '[[instance]]\nname = "many"\nkind = "mysql"\nhost = "127.0.0.1"\nport = %s\nuser = "luckyhub_ro"\npassword_file = "ro.secret"\n' \
  "$port" >"$work/fleet.toml"
sed 's/luckyhub_ro/luckyhub_plain/' "$work/fleet.toml" >"$work/fleet-plain.toml"
printf '[client]\nuser=luckyhub_ro\npassword=%s\nhost=127.0.0.1\nport=%s\n' "$(cat "$work/ro.secret")" "$port" >"$work/my.cnf"
umask 022
samples_bytes() {
  sqlite3 "$work/w.db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN
    (SELECT name FROM sqlite_master WHERE tbl_name = 'health__samples')"
}
collect() { "$bin" --verbose collect --fleet "$work/fleet.toml" --warehouse "$work/w.db" --table-timeout 120 "$@" 2>>"$work/collect.log" >/dev/null; }

echo "bench: luckyhub collect: discovery, then $runs table cycles"
collect --once
first=$(sqlite3 "$work/w.db" "SELECT printf('%.3f', value) FROM health__samples WHERE metric = 'table_statistics_seconds' ORDER BY ts LIMIT 1")
bytes_full=$(samples_bytes)
rows_full=$(sqlite3 "$work/w.db" "SELECT COUNT(*) FROM health__samples WHERE object LIKE 'many_tables.%'")
headroom=$(sqlite3 "$work/w.db" "SELECT COUNT(*) FROM health__latest WHERE metric = 'auto_increment_used_ratio' AND object LIKE 'many_tables.%'")
sleep 1  # the next cycles' ts differ from the first's
collect --interval 1s --table-interval 1s --cycles $((runs + 1))
ours=$(sqlite3 "$work/w.db" "SELECT value FROM health__samples WHERE metric = 'table_statistics_seconds'
  ORDER BY ts LIMIT -1 OFFSET 2" | median)  # neither the --once run nor this process's first (discovery) cycle
ours_first=$(sqlite3 "$work/w.db" "SELECT printf('%.3f', value) FROM health__samples WHERE metric = 'table_statistics_seconds'
  ORDER BY ts LIMIT 1 OFFSET 1")
failed=$(grep -c 'warn collect: table statistics failed' "$work/collect.log" || true)
failures=$(grep 'warn collect: table statistics failed' "$work/collect.log" | cut -c1-300 || true)
by_name=$(grep -o '[0-9]* read by name' "$work/collect.log" | cut -d' ' -f1 | median)

echo "bench: the fallback, opening every table: $runs table cycles without SELECT on mysql.innodb_table_stats"
"$bin" collect --fleet "$work/fleet-plain.toml" --warehouse "$work/plain.db" --table-timeout 120 --interval 1s \
  --table-interval 1s --cycles $((runs + 1)) 2>>"$work/collect-plain.log" >/dev/null
plain=$(sqlite3 "$work/plain.db" "SELECT value FROM health__samples WHERE metric = 'table_statistics_seconds'
  ORDER BY ts LIMIT -1 OFFSET 1" | median)  # not the process's first (discovery) cycle

echo "bench: storage over $runs table cycles, 1% of the tables changing before each"
bytes_before=$(samples_bytes)
rows_before=$(sqlite3 "$work/w.db" "SELECT COUNT(*) FROM health__samples WHERE object LIKE 'many_tables.%'")
changing=$((n_tables / 100))
for r in $(seq 1 "$runs"); do
  for i in $(seq 1 "$changing"); do echo "INSERT INTO many_tables.t_$((i * 97 % n_tables + 1)) (v) VALUES ($r);"; done | root
  sleep 1
  collect --once
done
bytes_after=$(samples_bytes)
rows_after=$(sqlite3 "$work/w.db" "SELECT COUNT(*) FROM health__samples WHERE object LIKE 'many_tables.%'")

echo "bench: prometheus-mysqld-exporter --collect.info_schema.tables --collect.auto_increment.columns"
eport=$(free_port)
prometheus-mysqld-exporter --config.my-cnf="$work/my.cnf" --web.listen-address="127.0.0.1:$eport" \
  --collect.info_schema.tables --collect.auto_increment.columns >"$work/exporter.log" 2>&1 &
exporter=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$eport/" && break; sleep 0.2; done
curl -s "http://127.0.0.1:$eport/metrics" >"$work/warm.txt"  # warm-up
ex_times=()
for r in $(seq 1 "$runs"); do
  ex_times+=("$(curl -s -o "$work/metrics.txt" -w '%{time_total}' "http://127.0.0.1:$eport/metrics")")
done
ex=$(printf '%s\n' "${ex_times[@]}" | median)
ex_tables=$(grep -c '^mysql_info_schema_table_rows{schema="many_tables"' "$work/metrics.txt" || true)
ex_headroom=$(grep -c '^mysql_info_schema_auto_increment_column{.*schema="many_tables"' "$work/metrics.txt" || true)

echo
echo "| $n_tables tables on MariaDB $(root -N -e 'SELECT VERSION()') ($caches), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) | luckyhub | prometheus-mysqld-exporter |"
echo "|---|---|---|"
echo "| table statistics + AUTO_INCREMENT headroom (median of $runs) | $(printf '%.3f' "$ours") s (a process's first, reading the key types: $first s, $ours_first s) | $(printf '%.3f' "$ex") s per scrape (${ex_times[*]}) |"
awk -v a="$ours" -v b="$ex" 'BEGIN { printf "| ratio | %.1fx faster | |\n", b / a }'
awk -v a="$ours" -v p="$plain" 'BEGIN { printf "| luckyhub opening every table (the fallback: no SELECT on mysql.innodb_table_stats), median of the same | %.3f s: %.1fx the time from InnoDB'"'"'s statistics | |\n", p, p / a }'
echo "| tables read by name (opened) per table cycle, median | ${by_name:-all} of $n_tables, the others from InnoDB's statistics | every table, every scrape |"
echo "| tables / headroom series | $headroom tables with headroom; $failed failed table reads | $ex_tables tables, $ex_headroom headroom series |"
[ -z "$failures" ] || printf 'failed table reads:\n%s\n' "$failures"
awk -v f="$bytes_full" -v rf="$rows_full" -v b="$bytes_before" -v a="$bytes_after" -v rb="$rows_before" -v ra="$rows_after" \
    -v n="$n_tables" -v r="$runs" 'BEGIN {
  per_before = f / n; per_after = (a - b) / r / n
  printf "| health__samples per table cycle, every table stored (before) | %d rows, %.0f bytes: %.0f bytes a table, %.1f KB a table a day at 15 min | |\n", rf, f, per_before, per_before * 96 / 1024
  printf "| the same, stored on change, 1%% of tables changing (after) | %.0f rows, %.0f bytes: %.1f bytes a table, %.2f KB a table a day at 15 min | |\n", (ra - rb) / r, (a - b) / r, per_after, per_after * 96 / 1024
}'
