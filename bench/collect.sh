#!/usr/bin/env bash
# One collection cycle over many real instances on loopback, against Debian's
# Prometheus exporters scraping the same instances in the same run:
#   - R redis-server (default 78), 2 MariaDB servers carrying 62 MySQL targets
#     (31 logical targets each), 1 PostgreSQL carrying 3 targets: 143 targets;
#     one MySQL target (mysql-01) sees a database of TABLES tables (default
#     5000), the others the 15 luckyus_* databases (empty);
#   - luckyhub collect: CYCLES cycles (default 5), the first with table
#     statistics; wall time per cycle from its log, CPU seconds of the process;
#   - prometheus-redis-exporter (multi-target /scrape), one
#     prometheus-mysqld-exporter per MariaDB server (with info_schema.tables
#     and processlist, as luckyhub reads them), one prometheus-postgres-exporter:
#     the same 143 scrapes per cycle, 16 at a time (curl), wall time per cycle
#     and the exporters' CPU seconds (from /proc).
#   bench/collect.sh [REDIS] [CYCLES] [TABLES]
#   bench/collect.sh tables [TABLES] [RUNS]: table statistics of one
#   5,000-table MariaDB against prometheus-mysqld-exporter (bench/collect-tables.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = tables ]; then
  shift
  exec bench/collect-tables.sh "$@"
fi
n_redis="${1:-78}"
cycles="${2:-5}"
n_tables="${3:-5000}"
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
bin="$PWD/build/luckyhub"
PATH="$PATH:/usr/sbin:/usr/lib/postgresql/15/bin"
work="$(mktemp -d /tmp/luckyhub-bench-collect-XXXXXX)"
chmod 711 "$work"
pids=()
pg_started=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$pg_started" ] && runuser -u postgres -- pg_ctl -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  scripts/fleet-down "$work/fleet" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"

echo "bench: starting $n_redis redis-server, 2 MariaDB, 1 PostgreSQL"
redis_ports=()
for i in $(seq 1 "$n_redis"); do
  port=$(free_port)
  mkdir -p "$work/redis$i"
  printf 'port %s\nbind 127.0.0.1\ndir %s\nrequirepass %s\nsave ""\nappendonly no\nmaxmemory 64mb\n' \
    "$port" "$work/redis$i" "$password" >"$work/redis$i/redis.conf"
  redis-server "$work/redis$i/redis.conf" >/dev/null &
  pids+=($!)
  redis_ports+=("$port")
done
scripts/fleet-up 2 "$work/fleet" >/dev/null
for s in 1 2; do
  mariadb --no-defaults --socket="$work/fleet/s$s/mysqld.sock" -uroot -e "GRANT PROCESS ON *.* TO luckyhub_ro@'%'"
done
ro_password="$(cat "$work/fleet/secrets")"
echo "bench: creating $n_tables tables (not timed)"
{
  echo "CREATE DATABASE many_tables; USE many_tables; SET SESSION innodb_strict_mode = 0;"
  for i in $(seq 1 "$n_tables"); do echo "CREATE TABLE t_$i (id INT AUTO_INCREMENT PRIMARY KEY, v INT, note VARCHAR(32));"; done
  echo "CREATE USER luckyhub_many@'%' IDENTIFIED BY '$ro_password';"
  echo "GRANT SELECT ON many_tables.* TO luckyhub_many@'%'; GRANT PROCESS ON *.* TO luckyhub_many@'%';"
} | mariadb --no-defaults --socket="$work/fleet/s2/mysqld.sock" -uroot  # the server of mysql-01 (1 % 2)
mysql_ports=("$(cat "$work/fleet/s1/port")" "$(cat "$work/fleet/s2/port")")
mkdir -p "$work/pg" && chown postgres "$work/pg"
pg_port=$(free_port)
runuser -u postgres -- initdb -D "$work/pg/data" -U postgres --auth=trust >/dev/null
echo "host all all 127.0.0.1/32 scram-sha-256" >>"$work/pg/data/pg_hba.conf"
runuser -u postgres -- pg_ctl -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg" start >/dev/null
pg_started=1
psql -q -h "$work/pg" -p "$pg_port" -U postgres -c "CREATE ROLE mon LOGIN PASSWORD '$password'; GRANT pg_monitor TO mon;"

# The fleet file: 143 targets.
umask 077
printf '%s' "$password" >"$work/secret"
cp "$work/fleet/secrets" "$work/ro.secret"
{
  for i in $(seq 1 "$n_redis"); do
    printf '[[instance]]\nname = "redis-%02d"\nkind = "redis"\nhost = "127.0.0.1"\nport = %s\nuser = "default"\npassword_file = "secret"\n\n' \
      "$i" "${redis_ports[$((i - 1))]}"
  done
  for i in $(seq 1 62); do
    user=luckyhub_ro; [ "$i" -eq 1 ] && user=luckyhub_many
    printf '[[instance]]\nname = "mysql-%02d"\nkind = "mysql"\nhost = "127.0.0.1"\nport = %s\nuser = "%s"\npassword_file = "ro.secret"\n\n' \
      "$i" "${mysql_ports[$((i % 2))]}" "$user"
  done
  for i in 1 2 3; do
    printf '[[instance]]\nname = "pg-%d"\nkind = "postgres"\nhost = "127.0.0.1"\nport = %s\nuser = "mon"\npassword_file = "secret"\n\n' \
      "$i" "$pg_port"
  done
} >"$work/fleet.toml"
umask 022
targets=$((n_redis + 62 + 3))

echo "bench: luckyhub collect, $cycles cycles over $targets targets"
/usr/bin/time -f "%e %U %S" -o "$work/collect.time" "$bin" collect --fleet "$work/fleet.toml" \
  --warehouse "$work/w.db" --interval 3s --cycles "$cycles" --table-interval 1h 2>"$work/collect.log" >/dev/null
read -r _ user sys <"$work/collect.time"
lh_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
lh_first=$(grep -o 'up in [0-9.e-]* s (with tables)' "$work/collect.log" | head -1 | awk '{print $3}')
lh_rest=$(grep 'collect: [0-9]*/[0-9]* up in' "$work/collect.log" | grep -v 'with tables' |
  sed 's/.* up in \([0-9.e-]*\) s.*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
lh_up=$(grep -o 'collect: [0-9]*/[0-9]* up' "$work/collect.log" | tail -1)
many_first=$(sqlite3 "$work/w.db" "SELECT printf('%.3f', value) FROM health__samples WHERE instance = 'mysql-01'
  AND metric = 'scrape_duration_seconds' AND step = 0 ORDER BY ts LIMIT 1")
many_rest=$(sqlite3 "$work/w.db" "SELECT printf('%.3f', AVG(value)) FROM health__samples WHERE instance = 'mysql-01'
  AND metric = 'scrape_duration_seconds' AND step = 0 AND ts > (SELECT MIN(ts) FROM health__samples)")

echo "bench: the exporters, the same $targets scrapes per cycle"
rport=$(free_port)
REDIS_PASSWORD="$password" prometheus-redis-exporter -web.listen-address "127.0.0.1:$rport" \
  >/dev/null 2>&1 &
exporters=($!)
pids+=($!)
# Three mysqld exporters: the read-only account on servers 1 and 2, and the
# many-tables account on server 2 (scraped once a cycle, as mysql-01).
mports=()
for s in 0 1 2; do
  p=$(free_port)
  user=luckyhub_ro; [ "$s" -eq 2 ] && user=luckyhub_many
  port="${mysql_ports[$((s % 2))]}"; [ "$s" -eq 2 ] && port="${mysql_ports[1]}"
  printf '[client]\nuser=%s\npassword=%s\nhost=127.0.0.1\nport=%s\n' "$user" "$ro_password" "$port" >"$work/my$s.cnf"
  chmod 600 "$work/my$s.cnf"
  prometheus-mysqld-exporter --config.my-cnf="$work/my$s.cnf" --web.listen-address="127.0.0.1:$p" \
    --collect.info_schema.tables --collect.info_schema.processlist >/dev/null 2>&1 &
  exporters+=($!)
  pids+=($!)
  mports+=("$p")
done
pport=$(free_port)
DATA_SOURCE_NAME="postgresql://mon:$password@127.0.0.1:$pg_port/postgres?sslmode=disable" \
  prometheus-postgres-exporter --web.listen-address="127.0.0.1:$pport" >/dev/null 2>&1 &
exporters+=($!)
pids+=($!)
sleep 2
{
  for p in "${redis_ports[@]}"; do echo "http://127.0.0.1:$rport/scrape?target=redis://127.0.0.1:$p"; done
  echo "http://127.0.0.1:${mports[2]}/metrics"
  for i in $(seq 2 62); do echo "http://127.0.0.1:${mports[$((i % 2))]}/metrics"; done
  for i in 1 2 3; do echo "http://127.0.0.1:$pport/metrics"; done
} >"$work/urls"
curl -s -o /dev/null "$(head -1 "$work/urls")"  # warm-up
ex_walls=()
before=$(cpu_ticks "${exporters[@]}")
for c in $(seq 1 "$cycles"); do
  start=$(date +%s.%N)
  xargs -P 16 -n 1 curl -s -o /dev/null -w '%{http_code}\n' <"$work/urls" >"$work/codes"
  end=$(date +%s.%N)
  ex_walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')")
done
after=$(cpu_ticks "${exporters[@]}")
ok=$(grep -c '^200$' "$work/codes" || true)
ex_cpu=$(awk -v a="$before" -v b="$after" -v hz="$hz" 'BEGIN {print (b - a) / hz}')
ex_wall=$(printf '%s\n' "${ex_walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')

echo
echo "| $targets targets ($n_redis Redis, 62 MySQL on 2 MariaDB, 3 on 1 PostgreSQL), $(nproc) cores | luckyhub collect | Debian exporters |"
echo "|---|---|---|"
echo "| wall per cycle (median) | $lh_rest s (first, with table statistics: $lh_first s) | $ex_wall s (16 scrapes at a time) |"
awk -v a="$lh_cpu" -v b="$ex_cpu" -v n="$targets" -v c="$cycles" 'BEGIN {
  printf "| CPU per target per cycle | %.2f ms (whole process, %s cycles) | %.2f ms (exporters only) |\n", 1000 * a / (n * c), c, 1000 * b / (n * c) }'
echo "| the $n_tables-table target's scrape | $many_first s with table statistics, $many_rest s without | — |"
echo "| targets answered | $lh_up | $ok of $targets HTTP 200 (last cycle) |"
