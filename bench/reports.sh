#!/usr/bin/env bash
# Uncached computation time of each report: the tool run from the command line
# (process start, warehouse open, queries, model, JSON) three times, the median
# kept — on the SQLite warehouse and, with --mariadb, on MariaDB in the same run.
#
#   bench/reports.sh --warehouse W [--mariadb] [--all] [--bin BIN] [--before BIN] [TOOL[:NAME=VALUE...]...]
#
# --bin BIN: the binary timed (default: this tree's build/luckyhub).
# --all: every registered tool (`luckyhub tools`), its default report, in the
# registry's order, as one table. Each figure is printed with the 1-minute
# load average before its three runs (the machine may be shared).
# --before BIN: a binary before a change, timed beside this tree's in the same
# loop (its run, then ours, three times each, interleaved), and the two
# reports compared byte for byte.
#
# A tool may carry parameters after colons, one page of it each:
# `menu:product=15`, `menu:daypart=morning:channel=ios`.
#
# --mariadb: the peer. One MariaDB server (scripts/fleet-up) gets the same
# simulation as W (its seed and scale; only the databases the money tools read,
# bulk-loaded by `simulate --fleet --databases`), a database of views in the
# warehouse's shape (`luckyhub replica-views`), and each tool runs on it with
# --warehouse mysql://… — the same SQL, as on a read replica. The two reports
# are compared (they must be the same) and the ratio printed.
# A report that fails prints "error" in its row, and the table goes on.
# Default tools: the four money tools (payment-fees, reconciliation, tax-gap, tenant-audit).
set -euo pipefail
cd "$(dirname "$0")/.."
warehouse=""
mariadb=0
all=0
before=""
bin="$PWD/build/luckyhub"
tools=()
usage() { echo "usage: bench/reports.sh --warehouse W [--mariadb] [--all] [--bin BIN] [--before BIN] [TOOL...]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) [ $# -ge 2 ] || usage; warehouse="$2"; shift 2 ;;
    --mariadb) mariadb=1; shift ;;
    --all) all=1; shift ;;
    --before) [ $# -ge 2 ] || usage; before="$(realpath "$2")"; shift 2 ;;
    --bin) [ $# -ge 2 ] || usage; bin="$(realpath "$2")"; shift 2 ;;
    -*) usage ;;
    *) tools+=("$1"); shift ;;
  esac
done
[ -n "$warehouse" ] || usage
[ -z "$before" ] || [ "$mariadb" -eq 0 ] || { echo "bench/reports.sh: --before and --mariadb are separate runs" >&2; exit 2; }
[ "$all" -eq 0 ] || mapfile -t tools < <("$bin" tools | sed -n 's/^[0-9]*\. \([a-z0-9-]*\) .*/\1/p')
[ ${#tools[@]} -gt 0 ] || tools=(payment-fees reconciliation tax-gap tenant-audit)
PATH="$PATH:/usr/sbin"
meta() { sqlite3 "$warehouse" "SELECT value FROM _luckyhub_meta WHERE key='$1'"; }
median3() { sort -n | sed -n 2p; }  # "error" sorts first: a failed run shows
load() { cut -d' ' -f1 /proc/loadavg; }  # the machine's 1-minute load average
work=$(mktemp -d /tmp/luckyhub-bench-reports-XXXXXX)
cleanup() {
  [ -f "$work/fleet/fleet.toml" ] && scripts/fleet-down "$work/fleet" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# One run of a tool by a binary on a location, its report in a file; prints
# the wall seconds.
run_tool() {  # binary tool[:NAME=VALUE...] location output
  local params=() p
  IFS=: read -r -a p <<<"$2"
  for kv in "${p[@]:1}"; do params+=(--param "$kv"); done
  if ! /usr/bin/time -f %e -o "$work/time" "$1" --quiet report "${p[0]}" "${params[@]}" --format json \
      --warehouse "$3" >"$4" 2>"$work/stderr"; then
    echo "bench/reports.sh: $1 report $2 failed: $(tail -1 "$work/stderr")" >&2
    echo error
    return
  fi
  cat "$work/time"
}
# Median of three runs of a tool on a location; the last run's report kept.
time_tool() {  # tool[:NAME=VALUE...] location output
  for _ in 1 2 3; do run_tool "$bin" "$1" "$2" "$3"; done | median3
}

scale=$(meta scale)
seed=$(meta seed)
echo "warehouse: $warehouse ($(du -h "$warehouse" | cut -f1)), scale $scale, seed $seed; $(nproc) cores; binary $bin"

if [ "$mariadb" -eq 1 ]; then
  databases=luckyus_sales_order,luckyus_sales_payment,luckyus_ifiaccounting,luckyus_fi_tax,luckyus_opshop
  scripts/fleet-up 1 "$work/fleet" >/dev/null
  echo "mariadb: simulate --fleet --databases $databases (not timed)"
  "$bin" --quiet simulate --fleet "$work/fleet/fleet.toml" --databases "$databases" --scale "$scale" \
    --seed "$seed" --as-of "$(meta as_of)" --truth "$work/truth.json"
  port=$(cat "$work/fleet/s1/port")
  "$bin" replica-views --databases "$databases" |
    mariadb --no-defaults -h127.0.0.1 -P"$port" -uluckyhub_loader -p"$(cat "$work/fleet/loader.secret")"
  replica="mysql://luckyhub_ro@127.0.0.1:$port/luckyhub_replica?password_file=$work/fleet/secrets"
  printf "%-36s %10s %10s %8s  %s\n" tool "sqlite s" "mariadb s" ratio "same report"
elif [ -n "$before" ]; then
  echo "before: $before"
  printf "%-36s %10s %10s %8s  %-11s %s\n" tool "before s" "after s" "load" "same report" "goal < 1 s"
else
  printf "%-36s %10s %8s  %s\n" tool "sqlite s" "load" "goal < 1 s"
fi

goal() { awk -v s="$1" 'BEGIN { print (s < 1 ? "met" : "NOT met") }'; }
for t in "${tools[@]}"; do
  l=$(load)
  if [ -n "$before" ]; then
    for _ in 1 2 3; do
      run_tool "$before" "$t" "$warehouse" "$work/before.json" >>"$work/before-times"
      run_tool "$bin" "$t" "$warehouse" "$work/after.json" >>"$work/after-times"
    done
    b=$(median3 <"$work/before-times"); a=$(median3 <"$work/after-times")
    rm -f "$work/before-times" "$work/after-times"
    same=no
    cmp -s "$work/before.json" "$work/after.json" && same=yes
    printf "%-36s %10s %10s %8s  %-11s %s\n" "$t" "$b" "$a" "$l" "$same" "$(goal "$a")"
    continue
  fi
  s=$(time_tool "$t" "$warehouse" "$work/sqlite.json")
  if [ "$mariadb" -eq 1 ]; then
    m=$(time_tool "$t" "$replica" "$work/mariadb.json")
    same=no
    cmp -s <(jq -S 'del(.params)' "$work/sqlite.json") <(jq -S 'del(.params)' "$work/mariadb.json") && same=yes
    printf "%-36s %10s %10s %7.1fx  %s\n" "$t" "$s" "$m" "$(echo "$m / $s" | bc -l)" "$same"
    [ "$same" = yes ] || diff <(jq -S . "$work/sqlite.json") <(jq -S . "$work/mariadb.json") | head -20 >&2 || true
  else
    printf "%-36s %10s %8s  %s\n" "$t" "$s" "$l" "$(goal "$s")"
  fi
done
