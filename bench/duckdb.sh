#!/usr/bin/env bash
# luckyhub's reports against DuckDB on the same rows, in one run:
#   [LUCKYHUB=BINARY] bench/duckdb.sh [SCALE] [WORKDIR] [TOOL...]
# The simulation (`simulate --seed 42`, default scale 1) is loaded into SQLite
# (WORKDIR/w.db) and one ClickHouse server (scripts/clickhouse-up), unless
# WORKDIR already holds them from an earlier run; the source tables a tool
# reads are exported from SQLite as CSV and loaded into a DuckDB file
# (@duckdb/node-api, bench/duckdb/; the load is timed apart). Each tool is
# then timed as a fresh process, the median of 3 after one run to warm the
# page cache: `luckyhub report TOOL` on SQLite and ClickHouse (the whole
# report, from the derived tables that load and sync maintain), and
# bench/duckdb/TOOL.sql (the tool's headline figures, from the raw rows). The
# figures of the three are compared: the run stops on a difference.
# Default tools: those with a bench/duckdb/TOOL.sql and a jq extract below.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-duckdb-XXXXXX)}"
shift $(( $# < 2 ? $# : 2 ))
mkdir -p "$work"
work="$(cd "$work" && pwd)"
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
bin="${LUCKYHUB:-$PWD/build/luckyhub}"  # LUCKYHUB: another build to measure
duck=(node "$PWD/bench/duckdb/run.mjs")
[ -d bench/duckdb/node_modules/@duckdb/node-api ] || (cd bench/duckdb && npm ci --silent)
. bench/engines-lib.sh

# Per tool: the source tables DuckDB needs (NAME=warehouse table), and the
# report's figures as one JSON object with the DuckDB query's column names.
declare -A sources figures
sources[forecast-accuracy]="pred=ireplenishment__wh_goods_daily_demand_pred
$(for d in mon tue wed thu fri sat sun; do echo "change_$d=scm_shopstock__t_shop_goods_stock_change_$d"; done)"
figures[forecast-accuracy]='(.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add) as $k
  | (.panels[] | select(.id == "baselines") | .rows[0]) as $b
  | (.panels[] | select(.id == "summary") | .tiles[] | select(.id == "pairs") | .note
     | capture("(?<z>[0-9]+) with zero") | .z | tonumber) as $zero
  | {pairs: $k.pairs, zero_actuals: $zero, wape: $k.wape, smape: $k.smape, bias: $k.bias, hit_rate_20: $k.hit_rate_20,
     baseline_pairs: $b[1], mase: $b[8]}'
sources[inventory]="stock=scm_shopstock__t_shop_goods_stock goods=scm_commodity__t_mdm_goods po=scm_purchase__t_purchase_order
po_item=scm_purchase__t_purchase_order_item ship=scm_purchase__t_ship_order
$(for d in mon tue wed thu fri sat sun; do echo "change_$d=scm_shopstock__t_shop_goods_stock_change_$d"; done)"
figures[inventory]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {sku_stores, at_risk, below_reorder, overstock, write_off_share}'
sources[production-time]="production=opproduction__t_production"
figures[production-time]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {tickets, mean_s, mean_all_s, p50_s, p95_s, outliers}'
sources[channels]="crm_user=sales_crm__t_user sales_order=sales_order__t_order"
figures[channels]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {customers, ios_share, conversion, aov, retention_90}'
# The coupon tables hold 39M rows at scale 1: only the columns the query reads are exported.
sources[campaigns]="coupon_template=sales_marketing__t_coupon_template coupon=sales_marketing__t_coupon_record
coupon_expired=sales_marketing__t_coupon_record_expired sales_order=sales_order__t_order
order_amount=sales_order__t_order_amount"
declare -A columns=(
  [coupon_template]="tenant, template_id"
  [coupon]="tenant, template_id, status, order_no, use_time"
  [coupon_expired]="tenant, template_id"
  [order_amount]="tenant, order_no, coupon_deduct, pay_amount, origin_amount"
)
figures[campaigns]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {templates, issued, redeemed, redemption_rate, discounts, revenue, roi}'
tools=("$@")
[ ${#tools[@]} -gt 0 ] || tools=("${!figures[@]}")

trap 'scripts/clickhouse-down "$work/ch" >/dev/null 2>&1 || true' EXIT
scripts/clickhouse-up single "$work/ch" >/dev/null
ch="$(cat "$work/ch/url")"
if [ ! -f "$work/w.db" ]; then
  echo "bench: simulate --scale $scale into SQLite and ClickHouse (not timed here)" >&2
  "$bin" --quiet simulate --scale "$scale" --seed 42 --warehouse "$work/w.db.tmp" --truth "$work/truth.json"
  "$bin" --quiet simulate --scale "$scale" --seed 42 --warehouse "$ch" --truth "$work/truth-ch.json"
  mv "$work/w.db.tmp" "$work/w.db"
fi
meta() { sqlite3 "$work/w.db" "SELECT value FROM _luckyhub_meta WHERE key = '$1'"; }
from="$(meta start)" to="$(meta as_of)"

echo "bench: the source tables, SQLite -> CSV -> DuckDB" >&2
mkdir -p "$work/csv"
for t in "${tools[@]}"; do
  for pair in ${sources[$t]}; do
    [ -f "$work/csv/${pair%%=*}.csv" ] ||
      sqlite3 -csv -header "$work/w.db" "SELECT ${columns[${pair%%=*}]:-*} FROM ${pair#*=}" >"$work/csv/${pair%%=*}.csv"
  done
done
rm -f "$work/duck.db"
t0=$(now)
"${duck[@]}" load "$work/duck.db" "$work/csv"
duck_load=$(elapsed "$t0")

report_seconds() {  # location tool output
  "$bin" --quiet report "$2" --format json --warehouse "$1" >"$3"
  for _ in 1 2 3; do
    t0=$(now)
    "$bin" --quiet report "$2" --format json --warehouse "$1" >/dev/null
    elapsed "$t0"
  done | median
}
duck_seconds() {  # tool output: the process's median seconds, and the query's (opening DB to the last row)
  "${duck[@]}" query "$work/duck.db" "bench/duckdb/$1.sql" from="$from" to="$to" >"$2" 2>/dev/null
  for _ in 1 2 3; do
    t0=$(now)
    "${duck[@]}" query "$work/duck.db" "bench/duckdb/$1.sql" from="$from" to="$to" 2>"$work/query-seconds" >/dev/null
    echo "$(elapsed "$t0") $(cat "$work/query-seconds")"
  done | sort -n | sed -n 2p
}
# Same figures: equal, or within a millionth (the report divides per pair in
# integer millionths, DuckDB in doubles).
same_figures() {  # a.json b.json
  jq -e -n --slurpfile a "$1" --slurpfile b "$2" \
    '$a[0] as $x | $b[0] as $y | ($x | keys) == ($y | keys) and
     all($x | keys[]; . as $k | ($x[$k] - $y[$k] | fabs) <= 1e-6 * ([1, ($x[$k] | fabs)] | max))' >/dev/null
}

echo "# bench/duckdb.sh: scale $(meta scale), seed $(meta seed), $(nproc) cores; DuckDB load $(printf %.1f "$duck_load") s ($(du -sh "$work/csv" | cut -f1) of CSV)"
printf "%-18s %10s %10s %10s %12s %12s %12s\n" "" sqlite ch-single duckdb "(its query)" "ch / duckdb" "same figures"
for t in "${tools[@]}"; do
  s=$(report_seconds "$work/w.db" "$t" "$work/$t-sqlite.json")
  c=$(report_seconds "$ch" "$t" "$work/$t-ch.json")
  read -r d q < <(duck_seconds "$t" "$work/$t-duck.json")
  for e in sqlite ch; do jq "${figures[$t]}" "$work/$t-$e.json" >"$work/$t-$e.figures.json"; done
  jq '.[0]' "$work/$t-duck.json" >"$work/$t-duck.figures.json"
  same=no
  same_figures "$work/$t-sqlite.figures.json" "$work/$t-duck.figures.json" &&
    same_figures "$work/$t-ch.figures.json" "$work/$t-duck.figures.json" && same=yes
  printf "%-18s %10.3f %10.3f %10.3f %12.3f %11.2fx %12s\n" "$t (s)" "$s" "$c" "$d" "$q" "$(echo "$c / $d" | bc -l)" "$same"
  [ "$same" = yes ] || { paste "$work/$t-sqlite.figures.json" "$work/$t-ch.figures.json" "$work/$t-duck.figures.json" >&2; exit 1; }
done
