#!/usr/bin/env bash
# The dashboard's cached report endpoint under load, against nginx serving the
# same JSON body as a static file, in the same run:
#   wrk -t2 -c200 -d10s  on  luckyhub serve /api/reports/payment-fees  and on nginx.
#   bench/serve.sh [--warehouse W] [--duration 10s]
# Prints requests/s, p50 and p99 of both and luckyhub's ratio to nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
warehouse=""
duration=10s
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "usage: bench/serve.sh [--warehouse W] [--duration 10s]" >&2; exit 2 ;;
  esac
done
for p in wrk nginx; do
  command -v "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; }
done
bin=build/luckyhub
work=$(mktemp -d)
cleanup() {
  [ -n "${lh_pid:-}" ] && kill "$lh_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$warehouse" ]; then
  warehouse="$work/w.db"
  $bin --quiet simulate --scale 0.02 --seed 7 --warehouse "$warehouse" --truth "$work/truth.json"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
lh_port=$(free_port)
$bin --quiet serve --warehouse "$warehouse" --listen "127.0.0.1:$lh_port" 2>"$work/serve.log" &
lh_pid=$!
path="/api/reports/payment-fees"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$lh_port/api/health" >/dev/null && break; sleep 0.1; done
# Warm the cache (a slow first computation answers 202 until it is done) and
# keep the very body for nginx; the first computation's time is reported too.
started=$(date +%s.%N)
for _ in $(seq 600); do
  code=$(curl -s -o "$work/report.json" -w '%{http_code}' "http://127.0.0.1:$lh_port$path")
  [ "$code" = 200 ] && break
  sleep 0.05
done
[ "$code" = 200 ] || { echo "bench: the report never became ready ($code)" >&2; exit 1; }
first_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
mkdir -p "$work/www/api/reports" && cp "$work/report.json" "$work/www/api/reports/payment-fees"

ng_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$ng_port; root $work/www; }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$ng_port$path" >/dev/null && break; sleep 0.1; done

run() {  # url -> "rps p50_ms p99_ms"
  wrk -t2 -c200 -d"$duration" --latency "$1" >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt" |
    awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
         {printf "%.0f %.2f %.2f\n", $1, ms($2), ms($3)}'
}
read -r lh_rps lh_p50 lh_p99 < <(run "http://127.0.0.1:$lh_port$path")
read -r ng_rps ng_p50 ng_p99 < <(run "http://127.0.0.1:$ng_port$path")
bytes=$(wc -c <"$work/report.json")
echo "body: $bytes bytes; first (uncached) computation over HTTP: $first_s s; wrk -t2 -c200 -d$duration; $(nproc) cores"
printf "%-28s %10s %9s %9s\n" server requests/s p50_ms p99_ms
printf "%-28s %10s %9s %9s\n" "luckyhub serve (cached)" "$lh_rps" "$lh_p50" "$lh_p99"
printf "%-28s %10s %9s %9s\n" "nginx static file" "$ng_rps" "$ng_p50" "$ng_p99"
awk -v a="$lh_rps" -v b="$ng_rps" -v c="$lh_p50" -v d="$ng_p50" -v e="$lh_p99" -v f="$ng_p99" \
  'BEGIN {printf "luckyhub / nginx: requests/s %.2fx, p50 %.2fx, p99 %.2fx\n", a/b, c/d, e/f}'
