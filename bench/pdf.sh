#!/usr/bin/env bash
# The PDF of a large report: luckyhub's vector PDF (report/render_pdf.h)
# against Chromium's print-to-PDF of the same report page, in the same run,
# on one warehouse. Both are given the report already computed (the server's
# cache), so what is timed is drawing it:
#   - luckyhub: GET /api/reports/{tool}.pdf?… from `luckyhub serve` (median of 3),
#   - Chromium: `chromium --headless --print-to-pdf` of the dashboard's page
#     /tools/{tool}?… from the same server (median of 3; it waits for the page
#     to draw with --virtual-time-budget; its last table row is checked to be
#     in the PDF).
# Peak memory with /usr/bin/time -v: Chromium's largest process while
# printing, and the luckyhub CLI end to end (`report --format pdf`, computing
# the report too) beside the same report as JSON, at two row counts: what the
# PDF adds over the JSON should not grow with the rows.
#
#   bench/pdf.sh WAREHOUSE [TOOL?QUERY] [SMALLER TOOL?QUERY]
#   (defaults: tax-gap?rate=0.07, 5,000 flagged items and more, and tax-gap)
# Scale 1: flock /work/scale1.lock bench/pdf.sh /work/tmp/rec1.db
# LUCKYHUB=path picks the binary (default build/luckyhub), CHROMIUM the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/pdf.sh WAREHOUSE [TOOL?QUERY] [SMALLER TOOL?QUERY]" >&2; exit 2; }
wh=$1
big=${2:-"tax-gap?rate=0.07"}
small=${3:-"tax-gap"}
bin=${LUCKYHUB:-$PWD/build/luckyhub}
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d /tmp/luckyhub-bench-pdf-XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

"$bin" serve --no-auth --warehouse "$wh" --listen 127.0.0.1:0 2>"$work/serve.log" &
server=$!
base=""
for _ in $(seq 1 200); do
  base=$(sed -n 's|.*serving the dashboard at \(http://[^/ ]*\)/.*|\1|p' "$work/serve.log" | head -1)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "pdf: the server did not start: $(cat "$work/serve.log")" >&2; exit 1; }

# The path and query of a TOOL?QUERY, as /api/reports/TOOL.EXT?QUERY.
api() { local tool=${1%%\?*} q=""; [[ $1 == *\?* ]] && q="?${1#*\?}"; echo "/api/reports/$tool$2$q"; }
page() { local tool=${1%%\?*} q=""; [[ $1 == *\?* ]] && q="?${1#*\?}"; echo "/tools/$tool$q"; }
# Waits for the report to be computed and cached (202 while computing).
warm() {
  while [ "$(curl -sS -o "$work/report.json" -w '%{http_code}' "$base$(api "$1" "")")" = 202 ]; do sleep 0.2; done
}
median3() { sort -g | sed -n 2p; }
pages_of() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
rows_of() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(p["rows"]) for p in d["panels"] if p["kind"]=="table"))' "$1"
}
peak_kib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

# Chromium's flags as in the e2e test (tests/e2e/dashboard.test.mjs).
chrome() {
  local out=$1 url=$2 profile
  profile=$(mktemp -d "$work/chromium-XXXXXX")
  /usr/bin/time -v -o "$work/chromium.time" "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --run-all-compositor-stages-before-draw --virtual-time-budget=120000 \
    --no-pdf-header-footer --print-to-pdf="$out" "$url" >/dev/null 2>"$work/chromium.log"
  rm -rf "$profile"
}

for report in "$big" "$small"; do warm "$report"; done
warm "$big"
rows=$(rows_of "$work/report.json")
last=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=[p for p in d["panels"] if p["kind"]=="table"]; print(max(t, key=lambda p: len(p["rows"]))["rows"][-1][1])' "$work/report.json")

# luckyhub over HTTP: the report is cached, the PDF drawn at every request.
lh=$(for _ in 1 2 3; do
  curl -sS -o "$work/lh.pdf" -w '%{time_total}\n' "$base$(api "$big" .pdf)"
done | median3)
lh_pages=$(pages_of "$work/lh.pdf")
lh_bytes=$(stat -c %s "$work/lh.pdf")
pdftotext "$work/lh.pdf" - | grep -F -- "$last" >/dev/null || { echo "pdf: luckyhub's PDF lacks the last row ($last)" >&2; exit 1; }

# Chromium printing the page of the same report from the same server.
ch_times=()
for _ in 1 2 3; do
  start=$(date +%s.%N)
  chrome "$work/ch.pdf" "$base$(page "$big")"
  end=$(date +%s.%N)
  ch_times+=("$(echo "$end - $start" | bc -l)")
  ch_kib=$(peak_kib "$work/chromium.time")
done
ch=$(printf '%s\n' "${ch_times[@]}" | median3)
ch_pages=$(pages_of "$work/ch.pdf")
ch_bytes=$(stat -c %s "$work/ch.pdf")
pdftotext "$work/ch.pdf" - | grep -F -- "$last" >/dev/null || { echo "pdf: Chromium's PDF lacks the last row ($last): the page had not drawn" >&2; exit 1; }
kill "$server"
wait "$server" 2>/dev/null || true
server=""

# luckyhub's memory end to end, at two row counts: the PDF beside the JSON.
cli() {  # cli TOOL?QUERY FORMAT -> peak KiB
  local tool=${1%%\?*} q="" args=()
  [[ $1 == *\?* ]] && q=${1#*\?}
  IFS='&' read -ra kv <<<"$q"
  for p in "${kv[@]}"; do [ -n "$p" ] && args+=(--param "$p"); done
  for _ in 1 2 3; do
    /usr/bin/time -v -o "$work/cli.time" "$bin" --quiet report "$tool" "${args[@]}" --format "$2" \
      --output "$work/cli.$2" --warehouse "$wh"
    peak_kib "$work/cli.time"
  done | median3
}
big_pdf=$(cli "$big" pdf); big_pages=$(pages_of "$work/cli.pdf"); big_json=$(cli "$big" json)
small_pdf=$(cli "$small" pdf); small_pages=$(pages_of "$work/cli.pdf"); small_json=$(cli "$small" json)
small_rows=$(rows_of "$work/cli.json")

echo "PDF of $big ($rows table rows) on $wh, the report cached; median of 3"
echo
echo "| renderer | pages | bytes | seconds | pages/s | peak RSS |"
echo "|---|---|---|---|---|---|"
awk -v p="$lh_pages" -v b="$lh_bytes" -v t="$lh" 'BEGIN { printf "| luckyhub (GET .pdf) | %d | %d | %.3f | %.0f | see below |\n", p, b, t, p / t }'
awk -v p="$ch_pages" -v b="$ch_bytes" -v t="$ch" -v k="$ch_kib" \
  'BEGIN { printf "| Chromium print-to-PDF of the page | %d | %d | %.3f | %.1f | %.0f MiB (largest process) |\n", p, b, t, p / t, k / 1024 }'
awk -v a="$lh" -v c="$ch" -v lp="$lh_pages" -v cp="$ch_pages" \
  'BEGIN { printf "\nluckyhub %.1f× faster per report, %.1f× in pages per second\n", c / a, (lp / a) / (cp / c) }'
echo
echo "luckyhub CLI end to end (computing the report, then the file), peak RSS (median of 3):"
echo
echo "| report | table rows | PDF pages | --format json | --format pdf | the PDF adds |"
echo "|---|---|---|---|---|---|"
awk -v r="$big" -v n="$rows" -v p="$big_pages" -v j="$big_json" -v d="$big_pdf" \
  'BEGIN { printf "| %s | %d | %d | %.1f MiB | %.1f MiB | %.1f MiB |\n", r, n, p, j / 1024, d / 1024, (d - j) / 1024 }'
awk -v r="$small" -v n="$small_rows" -v p="$small_pages" -v j="$small_json" -v d="$small_pdf" \
  'BEGIN { printf "| %s | %d | %d | %.1f MiB | %.1f MiB | %.1f MiB |\n", r, n, p, j / 1024, d / 1024, (d - j) / 1024 }'
