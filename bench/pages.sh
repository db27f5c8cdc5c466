#!/usr/bin/env bash
# What a reader of the dashboard waits for: each page's report served by
# `luckyhub serve` over HTTP, cold (the first request after the server
# started: warehouse opened, report computed) and cached (the same request
# again: served from the server's cache), on each warehouse given — a SQLite
# file and a clickhouse:// location, measured in the same run. With --pdf, the
# staffing schedule PDF of every store too (drawn at every request, never
# cached: the median of 3) and the server's peak resident memory before and
# after drawing it.
#
#   bench/pages.sh --warehouse W [--warehouse W2 ...] [--pdf] TOOL[?QUERY] ...
#
# Prints one Markdown table: seconds per page and warehouse, cold and cached.
set -euo pipefail
cd "$(dirname "$0")/.."
warehouses=()
pages=()
pdf=0
usage() { echo "usage: bench/pages.sh --warehouse W [--warehouse W2 ...] [--pdf] TOOL[?QUERY] ..." >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) [ $# -ge 2 ] || usage; warehouses+=("$2"); shift 2 ;;
    --pdf) pdf=1; shift ;;
    -*) usage ;;
    *) pages+=("$1"); shift ;;
  esac
done
[ ${#warehouses[@]} -gt 0 ] && [ ${#pages[@]} -gt 0 ] || usage
bin="$PWD/build/luckyhub"
work=$(mktemp -d /tmp/luckyhub-bench-pages-XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts the server on a free port; sets $server (pid) and $base (URL).
start_server() {
  "$bin" serve --no-auth --warehouse "$1" --listen 127.0.0.1:0 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 1 200); do
    base=$(sed -n 's|.*serving the dashboard at \(http://[^/ ]*\)/.*|\1|p' "$work/serve.log" | head -1)
    [ -n "$base" ] && return 0
    sleep 0.1
  done
  echo "pages: the server did not start: $(cat "$work/serve.log")" >&2
  exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
# Seconds until a GET answers 200: a report still computing answers 202 with
# its progress, and the page asks again (every 50 ms here); any other status fails.
get() {
  local code start end
  start=$(date +%s.%N)
  while :; do
    code=$(curl -sS -o "$work/body" -w '%{http_code}' "$base$1")
    [ "$code" = 202 ] || break
    sleep 0.05
  done
  end=$(date +%s.%N)
  [ "$code" = 200 ] || { echo "pages: GET $1 gave $code: $(head -c 300 "$work/body")" >&2; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}
median3() { sort -n | sed -n 2p; }
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }

echo "| page | warehouse | cold (s) | cached (s) | cached ÷ cold |"
echo "|---|---|---|---|---|"
for w in "${warehouses[@]}"; do
  engine=sqlite; [[ "$w" == clickhouse://* ]] && engine=clickhouse
  for page in "${pages[@]}"; do
    start_server "$w"
    path="/api/reports/${page%%\?*}"; [[ "$page" == *\?* ]] && path="$path?${page#*\?}"
    cold=$(get "$path")
    cached=$(for _ in 1 2 3; do get "$path"; done | median3)
    stop_server
    awk -v p="$page" -v e="$engine" -v c="$cold" -v k="$cached" \
      'BEGIN { printf "| %s | %s | %.3f | %.4f | %.4f× |\n", p, e, c, k, k / c }'
  done
  if [ "$pdf" = 1 ]; then
    start_server "$w"
    get "/api/reports/staffing" >/dev/null  # the server and the warehouse warm, the report cached
    before=$(peak_kib)
    t=$(for _ in 1 2 3; do get "/api/staffing/schedule.pdf"; done | median3)
    after=$(peak_kib)
    pages_in_pdf=$(pdfinfo "$work/body" 2>/dev/null | awk '/^Pages:/ {print $2}')
    bytes=$(stat -c %s "$work/body")
    json=$(get "/api/reports/staffing?service_level=0.81")  # a report not cached: the same plan as JSON
    stop_server
    awk -v e="$engine" -v t="$t" -v j="$json" -v b="$before" -v a="$after" -v n="${pages_in_pdf:-?}" -v s="$bytes" \
      'BEGIN { printf "\nstaffing PDF on %s: %s pages, %d bytes, %.3f s (median of 3), %.2f× the same plan as JSON (%.3f s); server peak RSS %.1f MiB before, %.1f MiB after\n", e, n, s, t, t / j, j, b / 1024, a / 1024 }'
  fi
done
