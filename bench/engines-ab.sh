#!/usr/bin/env bash
# Two luckyhub binaries' report times side by side, interleaved run by run, on
# the data of a bench/clickhouse.sh run: SQLite, one ClickHouse server, the
# two-shard cluster, and the plain SQL on MariaDB (bench/clickhouse.sql) in the
# same minutes.
#
#   bench/engines-ab.sh BEFORE AFTER WORKDIR [RUNS]
#
# BEFORE, AFTER: luckyhub binaries. WORKDIR: a bench/clickhouse.sh work
# directory (w.db, ch-single, ch-cluster, fleet); its servers are (re)started
# here and stopped at exit. RUNS (default 3): runs per binary, report and
# engine; the median is printed, every run under the table. Each report's JSON
# must be the same byte for byte from both binaries ("DIFF" otherwise).
#
# With BEFORE_MALLOC_CONF set (empty: jemalloc's defaults), BEFORE queries
# copies of the ClickHouse directories (WORKDIR/ch-*-before, made here with
# ports of their own if absent) whose servers run with that allocator setting,
# and AFTER the originals, with scripts/clickhouse-up's: a server setting's
# before and after, also in the same minutes.
#
# With BEFORE_OWN set to some of the engines (e.g. "ch-single ch-cluster"),
# BEFORE queries, on those, warehouses it loaded itself: WORKDIR/w-before.db,
# WORKDIR/ch-single-before, WORKDIR/ch-cluster-before, made beforehand by
# `BEFORE simulate` with the same scale and seed (same seed, same data), their
# servers started like the originals. It is for a change across which the two
# binaries cannot share a warehouse (a derived table's columns, a profile kept
# elsewhere). AFTER queries the originals.
#
# ENGINES (default "sqlite ch-single ch-cluster") compares on some engines
# only, e.g. one at a time when the disk holds one engine's two copies but not
# all six; TOOLS (default: AFTER's tools) some tools only. Without
# WORKDIR/fleet the MariaDB column is left out.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: bench/engines-ab.sh BEFORE AFTER WORKDIR [RUNS]" >&2; exit 2; }
before="$(realpath "$1")"; after="$(realpath "$2")"; work="$(realpath "$3")"; runs="${4:-3}"
for b in "$before" "$after"; do [ -x "$b" ] || { echo "bench: $b is not an executable" >&2; exit 2; }; done
engines=(${ENGINES:-sqlite ch-single ch-cluster})
own=" ${BEFORE_OWN:-} "
[ -z "${BEFORE_OWN:-}" ] || [ -z "${BEFORE_MALLOC_CONF+set}" ] ||
  { echo "bench: BEFORE_OWN and BEFORE_MALLOC_CONF exclude each other" >&2; exit 2; }
file_of() { [ "$1" = sqlite ] && echo "w$2.db" || echo "$1$2"; }  # file_of ENGINE SUFFIX
for e in "${engines[@]}"; do
  case "$e" in sqlite | ch-single | ch-cluster) ;; *) echo "bench: unknown engine '$e'" >&2; exit 2 ;; esac
  f="$(file_of "$e" "")"
  [ -e "$work/$f" ] || { echo "bench: $work/$f missing (run bench/clickhouse.sh 1 $work first)" >&2; exit 2; }
  if [[ "$own" == *" $e "* ]]; then
    f="$(file_of "$e" -before)"
    [ -e "$work/$f" ] || { echo "bench: $work/$f missing (BEFORE_OWN: load it with the BEFORE binary first)" >&2; exit 2; }
  fi
done
mariadb=""; [ -e "$work/fleet" ] && mariadb=1
. bench/engines-lib.sh
PATH="$PATH:/usr/sbin"

# before_at ENGINE: the suffix of the warehouse BEFORE queries on ENGINE.
before_at() {
  if [[ "$own" == *" $1 "* ]]; then echo -before
  elif [ "$1" != sqlite ] && [ -n "${BEFORE_MALLOC_CONF+set}" ]; then echo -before
  fi
  return 0
}
stop_all() {
  for d in ch-single ch-cluster ch-single-before ch-cluster-before; do
    [ -d "$work/$d" ] && scripts/clickhouse-down "$work/$d" >/dev/null 2>&1 || true
  done
  [ -z "$mariadb" ] || scripts/fleet-down "$work/fleet" >/dev/null 2>&1 || true
}
trap stop_all EXIT
stop_all
for e in "${engines[@]}"; do
  [ "$e" != sqlite ] || continue
  mode="${e#ch-}"; suffix="$(before_at "$e")"
  if [ -n "${BEFORE_MALLOC_CONF+set}" ] && [ ! -d "$work/$e$suffix" ]; then
    cp -a "$work/$e" "$work/$e$suffix"
    rm -f "$work/$e$suffix"/s*/{http_port,tcp_port,interserver_port,server.pid} "$work/$e$suffix/url"
  fi
  scripts/clickhouse-up "$mode" "$work/$e" >/dev/null
  if [ -n "${BEFORE_MALLOC_CONF+set}" ]; then
    LUCKYHUB_CLICKHOUSE_MALLOC_CONF="$BEFORE_MALLOC_CONF" scripts/clickhouse-up "$mode" "$work/$e$suffix" >/dev/null
  elif [ -n "$suffix" ]; then
    scripts/clickhouse-up "$mode" "$work/$e$suffix" >/dev/null
  fi
done
[ -z "$mariadb" ] || scripts/fleet-up 1 "$work/fleet" >/dev/null

declare -A at_before at_after
for e in "${engines[@]}"; do
  if [ "$e" = sqlite ]; then
    at_before[$e]="$work/$(file_of sqlite "$(before_at sqlite)")"; at_after[$e]="$work/w.db"
    continue
  fi
  at_before[$e]="$(cat "$work/$e$(before_at "$e")/url")"
  at_after[$e]="$(cat "$work/$e/url")"
done
tools=(${TOOLS:-$("$after" tools 2>/dev/null | awk '$1 ~ /^[0-9]+\.$/ {print $2}')})
out="$(mktemp -d)"

# run BIN LOCATION TOOL JSON: one report's seconds.
run() {
  local t0
  t0=$(now)
  "$1" --quiet report "$3" --format json --warehouse "$2" >"$4"
  elapsed "$t0"
}
for e in "${engines[@]}"; do  # warm each server and the page cache once
  run "$before" "${at_before[$e]}" reconciliation /dev/null >/dev/null
  run "$after" "${at_after[$e]}" reconciliation /dev/null >/dev/null
done

echo "# bench/engines-ab.sh: $runs runs each, medians in seconds, before -> after; $(nproc) cores"
echo "# before: $before; after: $after${BEFORE_MALLOC_CONF+; servers: before MALLOC_CONF='$BEFORE_MALLOC_CONF'}"
for e in "${engines[@]}"; do
  [ "${at_before[$e]}" = "${at_after[$e]}" ] || echo "# $e: before on its own warehouse, $(basename "$work/$e")$(before_at "$e")"
done
echo "# start: $(uptime)"
line="$(printf "%-15s" tool)"
for e in "${engines[@]}"; do line+="$(printf " %-18s" "$e")"; done
printf "%s %8s %9s\n" "$line" mariadb "vs-maria"
for t in "${tools[@]}"; do
  # A report that fails on a warehouse (a table this simulation predates) is
  # skipped, with the reason.
  failed=""
  for e in "${engines[@]}"; do
    for b in before after; do
      [ "$b" = before ] && bin="$before" loc="${at_before[$e]}" || bin="$after" loc="${at_after[$e]}"
      "$bin" --quiet report "$t" --format json --warehouse "$loc" >/dev/null 2>"$out/err" ||
        { [ -n "$failed" ] || failed="$b on $e: $(head -c 100 "$out/err")"; }
    done
  done
  if [ -n "$failed" ]; then printf "%-15s skipped (%s)\n" "$t" "$failed"; continue; fi
  line="$(printf "%-15s" "$t")"
  single_after=""
  for e in "${engines[@]}"; do
    : >"$out/a"; : >"$out/b"
    for _ in $(seq 1 "$runs"); do
      run "$before" "${at_before[$e]}" "$t" "$out/a.json" >>"$out/a"
      run "$after" "${at_after[$e]}" "$t" "$out/b.json" >>"$out/b"
    done
    a=$(median <"$out/a"); b=$(median <"$out/b")
    # every run, for the spread: printed under the table
    printf "# runs %s %s: before %s; after %s\n" "$t" "$e" "$(xargs printf '%.2f ' <"$out/a")" \
      "$(xargs printf '%.2f ' <"$out/b")" >>"$out/runs"
    [ "$e" = ch-single ] && single_after=$b
    same=""; cmp -s "$out/a.json" "$out/b.json" || same=" DIFF"
    line+="$(printf " %5.2f -> %5.2f%-4s" "$a" "$b" "$same")"
  done
  m="-"; ratio="-"
  if [ -n "$mariadb" ] && printf '%s\n' "${plain_sql_tools[@]}" | grep -qx -- "$t"; then
    m=$(mariadb_seconds "$work/fleet/s1/mysqld.sock" "$t" "$runs")
    [ -z "$single_after" ] || ratio=$(printf "%.1fx" "$(echo "$m / $single_after" | bc -l)")
    m=$(printf "%.2f" "$m")
  fi
  printf "%s %8s %9s\n" "$line" "$m" "$ratio"
done
[ ! -f "$out/runs" ] || cat "$out/runs"
echo "# end: $(uptime)"
rm -rf "$out"
