#!/usr/bin/env bash
# Soak: `luckyhub serve` under wrk for a long run while the data moves under it
# (issue 28). In one run:
#   - a local fleet (scripts/fleet-up 1 --redis) loaded by `simulate --fleet`;
#   - a writer stamping a rotating 0.2% of every source table as updated every
#     10 s (the fleet "receiving writes");
#   - `luckyhub sync` into the warehouse every 60 s (back to back when a run
#     takes longer);
#   - `luckyhub collect --interval 60s` into the same warehouse;
#   - wrk -t2 -cCONNECTIONS over the reports of the six money and fleet tools,
#     minute by minute.
# Each minute it prints requests/s, p50/p99, errors (socket errors + non-2xx/3xx
# answers), and serve's and collect's RSS and open file descriptors. At the end:
# PRAGMA integrity_check, then a fresh full sync into a second warehouse and
# every money tool's report compared byte for byte with the soaked warehouse's.
#   bench/soak.sh [--minutes 10] [--connections 200] [--scale 0.02] [WORKDIR]
# Not in CI (it runs for --minutes); the figures go in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10
connections=200
scale=0.02
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    -*) echo "usage: bench/soak.sh [--minutes 10] [--connections 200] [--scale 0.02] [WORKDIR]" >&2; exit 2 ;;
    *) work="$1"; shift ;;
  esac
done
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
work="${work:-$(mktemp -d /tmp/luckyhub-soak-XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# Its own copy of the binary: a rebuild during the run must not change it.
cp "${LUCKYHUB:-build/luckyhub}" "$work/luckyhub"
bin="$work/luckyhub"
PATH="$PATH:/usr/sbin"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/fleet-down "$work/fleet" >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$work/fleet" "$work/w.db"* "$work/fresh.db"* "$work"/*.log
scripts/fleet-up 1 "$work/fleet" --redis >/dev/null
fleet="$work/fleet/fleet.toml"
echo "soak: simulate --fleet --scale $scale, then the first sync"
"$bin" --quiet simulate --fleet "$fleet" --scale "$scale" --seed 42 --truth "$work/truth.json"
"$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --quiet serve --warehouse "$work/w.db" --listen "127.0.0.1:$port" --no-auth 2>"$work/serve.log" &
serve_pid=$!; pids+=("$serve_pid")
base="http://127.0.0.1:$port"
tools=(payment-fees tax-gap reconciliation tenant-audit fleet-health redis-console)
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")" = 200 ] && break
  sleep 0.1
done
for t in "${tools[@]}"; do  # each computed once before the load
  for _ in $(seq 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/reports/$t")" = 200 ] && break
    sleep 0.1
  done
done

"$bin" --quiet collect --fleet "$fleet" --warehouse "$work/w.db" --interval 60s 2>"$work/collect.log" &
collect_pid=$!; pids+=("$collect_pid")

sock="$work/fleet/s1/mysqld.sock"
(  # the writer: a rotating 0.2% of every source table stamped as updated every 10 s
  k=0
  while :; do
    mariadb --no-defaults --socket="$sock" -uroot -N -e \
      "SELECT CONCAT('UPDATE ', table_schema, '.', table_name, ' SET update_time = NOW() WHERE id % 500 = $((k % 500)) LIMIT 2000;')
       FROM information_schema.tables WHERE table_schema LIKE 'luckyus\\_%' AND table_name NOT LIKE '\\_%'" |
      mariadb --no-defaults --socket="$sock" -uroot 2>>"$work/writer.log" || echo "writer: failed at $k" >>"$work/writer.log"
    k=$((k + 1))
    sleep 10
  done
) &
pids+=($!)
(  # sync every 60 s: a run starts a minute after the last one started (at once when that one took longer)
  while :; do
    sleep "$(awk -v a="${started:-$(date +%s.%N)}" -v b="$(date +%s.%N)" 'BEGIN {w = 60 - (b - a); print (w > 0 ? w : 0)}')"
    started=$(date +%s.%N)
    if "$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >>"$work/sync.log" 2>&1; then
      echo "$(date +%T) sync ok $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s" >>"$work/sync-runs.log"
    else
      echo "$(date +%T) sync FAILED" >>"$work/sync-runs.log"
    fi
  done
) &
pids+=($!)

# wrk cycles over the tools' report paths.
{
  echo 'local paths = {'
  for t in "${tools[@]}"; do echo "  \"/api/reports/$t\","; done
  echo '}'
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$work/paths.lua"

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }
# wrk's latency line ("99%  12.34ms") in milliseconds.
ms() { awk -v q="$1" '$1 == q {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f", v}'; }

echo "minute  req/s    p50_ms  p99_ms  errors  serve_rss_mb serve_fds  collect_rss_mb collect_fds  load"
printf '%6s %8s %8s %7s %7s %13s %9s %15s %11s  %s\n' 0 - - - - "$(rss_mb "$serve_pid")" "$(fds "$serve_pid")" \
  "$(rss_mb "$collect_pid")" "$(fds "$collect_pid")" "$(cut -d' ' -f1 /proc/loadavg)" | tee "$work/minutes.txt"
total_errors=0
for m in $(seq "$minutes"); do
  wrk -t2 -c"$connections" -d60s --latency -s "$work/paths.lua" "$base" >"$work/wrk-$m.txt" 2>&1
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-$m.txt")
  p50=$(ms 50% <"$work/wrk-$m.txt"); p99=$(ms 99% <"$work/wrk-$m.txt")
  errs=$(awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $5} END {print s + 0}' "$work/wrk-$m.txt")
  total_errors=$((total_errors + errs))
  printf '%6s %8s %8s %7s %7s %13s %9s %15s %11s  %s\n' "$m" "$rps" "$p50" "$p99" "$errs" "$(rss_mb "$serve_pid")" \
    "$(fds "$serve_pid")" "$(rss_mb "$collect_pid")" "$(fds "$collect_pid")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/minutes.txt"
done

# Stop the writer, the sync loop and the collector; the server keeps serving.
for pid in "${pids[@]}"; do [ "$pid" = "$serve_pid" ] || kill "$pid" 2>/dev/null || true; done
sleep 2
count() { grep -c "$1" "$2" 2>/dev/null || true; }
echo "soak: syncs: $(count ' ok ' "$work/sync-runs.log") ok, $(count FAILED "$work/sync-runs.log") failed; writer failures: $(count failed "$work/writer.log"); collect errors logged: $(grep -ci error "$work/collect.log" || true)"
"$bin" --quiet sync --fleet "$fleet" --warehouse "$work/w.db" >/dev/null
echo "soak: integrity_check: $(sqlite3 "$work/w.db" 'PRAGMA integrity_check')"
"$bin" --quiet sync --fleet "$fleet" --warehouse "$work/fresh.db" >/dev/null
drop_reconciled() { python3 -c 'import json, sys; r = json.load(sys.stdin); r.pop("deletions_reconciled", None); print(json.dumps(r, sort_keys=True))'; }
same=0; differ=0
for t in payment-fees tax-gap reconciliation tenant-audit; do
  "$bin" --quiet report "$t" --warehouse "$work/w.db" --format json >"$work/soaked-$t.json"
  "$bin" --quiet report "$t" --warehouse "$work/fresh.db" --format json >"$work/fresh-$t.json"
  # The one field that must differ: when each warehouse last reconciled deletions.
  if cmp -s <(drop_reconciled <"$work/soaked-$t.json") <(drop_reconciled <"$work/fresh-$t.json"); then same=$((same + 1)); else differ=$((differ + 1)); echo "soak: $t differs from a fresh full sync"; fi
done
echo "soak: reports equal to a fresh full sync's: $same of $((same + differ)); wrk errors in all: $total_errors"
[ "$differ" = 0 ] && [ "$total_errors" = 0 ]
