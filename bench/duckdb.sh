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
# bench/duckdb/TOOL.sql (the tool's figures, from the raw rows: its headline,
# and for production-time every row of its panels by store, product, weekday
# x hour, store x hour, machine type and device). The figures of the three
# are compared: the run stops on a difference. A tool with a
# bench/duckdb/TOOL.stores.sql is then compared store by store too (`--param
# store=S` for every store, one run each, apart from the medians: their
# totals and the slowest are shown).
# Default tools: those with a bench/duckdb/TOOL.sql and a jq extract below.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-duckdb-XXXXXX)}"
shift $(( $# < 2 ? $# : 2 ))
mkdir -p "$work"
work="$(cd "$work" && pwd)"
[ -n "${LUCKYHUB:-}" ] || [ -x build/luckyhub ] || scripts/setup.sh >/dev/null
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
# production-time: the summary tiles and every row of the panels that group
# times by store, product, weekday x hour, store x hour, machine type and
# device (the report has no percentiles by hour); store x product is its
# `store` parameter (below).
sources[production-time]="production=opproduction__t_production commodity=opproduction__t_commodity
cup=iot_platform__t_cup_order_info device=iot_platform__t_device"
figures[production-time]='(.panels[] | select(.id == "time_heatmap")) as $t | (.panels[] | select(.id == "queue_heatmap")) as $q
  | (.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
     | {tickets, mean_s, mean_all_s, p50_s, p95_s, outliers})
  + {stores: table("stores"), products: (table("products") | map(del(.product, .steps))),
     week_hours: [range($t.y | length) as $d | range($t.x | length) as $h | select($t.values[$d][$h] != null)
       | {weekday: $d, hour: ($t.x[$h][0:2] | tonumber), mean_s: $t.values[$d][$h], open_tickets: $q.values[$d][$h]}],
     bottlenecks: (table("bottlenecks") | map(.hour |= (.[0:2] | tonumber) | .slow |= (. == "yes")) | sort_by(.shop_id, .hour)),
     machine_types: (table("machine_types") | sort_by(.machine_type)), devices: (table("devices") | sort_by(.device_no))}'
# A tool with a bench/duckdb/TOOL.stores.sql (one row per store x group) is
# also compared store by store: `report TOOL --param store=S` on both engines
# for every store, against the query's rows of S (without shop_id); below,
# the panel rows that hold them.
declare -A store_figures
store_figures[production-time]='table("products") | map(del(.product, .steps))'
# What the extracts above may use: a table panel's rows as objects by column id.
jq_table='def table($id): .panels[] | select(.id == $id) | . as $p
  | .rows | map([$p.columns, .] | transpose | map({(.[0].id): .[1]}) | add);'
sources[channels]="crm_user=sales_crm__t_user sales_order=sales_order__t_order"
figures[channels]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {customers, ios_share, conversion, aov, retention_90}'
# Only the columns the query reads are exported where a table is large (the
# coupon tables hold 39M rows at scale 1).
sources[campaigns]="coupon_template=sales_marketing__t_coupon_template coupon=sales_marketing__t_coupon_record
coupon_expired=sales_marketing__t_coupon_record_expired sales_order=sales_order__t_order
order_amount=sales_order__t_order_amount"
declare -A columns=(
  [coupon_template]="tenant, template_id, marketing_cost"
  [coupon]="tenant, template_id, status, order_no, use_time"
  [coupon_expired]="tenant, template_id"
  [order_amount]="tenant, order_no, coupon_deduct, pay_amount, origin_amount"
  [production]="id, tenant, shop_id, status, accept_time, done_time"
  [commodity]="tenant, production_id, shop_id, commodity_id, status, done_time"
  [cup]="tenant, device_no, commodity_id, status, start_time, end_time"
  [device]="tenant, device_no, shop_id, machine_type"
)
figures[campaigns]='.panels[] | select(.id == "summary") | .tiles | map({(.id): .value}) | add
  | {templates, issued, redeemed, redemption_rate, discounts, revenue, roi, discount_roi}'
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
# Same figures: the same keys and lists, every number equal or within a
# millionth (the report divides per pair in integer millionths, DuckDB in
# doubles), everything else equal.
same_figures() {  # a.json b.json
  jq -e -n --slurpfile a "$1" --slurpfile b "$2" '
    def same($x; $y):
      if ($x | type) == "number" and ($y | type) == "number" then ($x - $y | fabs) <= 1e-6 * ([1, ($x | fabs)] | max)
      elif ($x | type) == "object" and ($y | type) == "object" then
        ($x | keys) == ($y | keys) and all($x | keys[]; . as $k | same($x[$k]; $y[$k]))
      elif ($x | type) == "array" and ($y | type) == "array" then
        ($x | length) == ($y | length) and all(range($x | length); . as $i | same($x[$i]; $y[$i]))
      else $x == $y end;
    same($a[0]; $b[0])' >/dev/null
}
# The first differences of two figure files, for the reader of a stopped run.
show_difference() {  # a.json b.json
  diff <(jq -S . "$1") <(jq -S . "$2") | head -20 >&2 || true
}

# Every store's report (one run each, the page cache warm) against one
# DuckDB query of every store's rows; the totals and the slowest store.
compare_stores() {  # tool
  local t=$1 shop e t0 secs same=yes
  "${duck[@]}" query "$work/duck.db" "bench/duckdb/$t.stores.sql" from="$from" to="$to" \
    >"$work/$t-stores-duck.json" 2>"$work/query-seconds"
  local duck_query; duck_query=$(cat "$work/query-seconds")
  local shops; shops=$(jq -r '[.[].shop_id] | unique | .[]' "$work/$t-stores-duck.json")
  declare -A total=([sqlite]=0 [ch]=0) slowest=([sqlite]=0 [ch]=0) slowest_shop
  for shop in $shops; do
    jq --argjson s "$shop" 'map(select(.shop_id == $s) | del(.shop_id))' "$work/$t-stores-duck.json" >"$work/$t-store-duck.json"
    for e in sqlite ch; do
      t0=$(now)
      "$bin" --quiet report "$t" --format json --param store="$shop" --warehouse "$([ $e = sqlite ] && echo "$work/w.db" || echo "$ch")" \
        | jq "$jq_table ${store_figures[$t]}" >"$work/$t-store-$e.json"
      secs=$(elapsed "$t0")
      total[$e]=$(echo "${total[$e]} + $secs" | bc)
      if (( $(echo "$secs > ${slowest[$e]}" | bc) )); then slowest[$e]=$secs slowest_shop[$e]=$shop; fi
      same_figures "$work/$t-store-$e.json" "$work/$t-store-duck.json" || {
        echo "bench: $t store $shop differs on $e" >&2
        show_difference "$work/$t-store-$e.json" "$work/$t-store-duck.json"
        same=no
      }
    done
  done
  printf "%-18s %10.3f %10.3f %10s %12.3f %12s %12s\n" "$t per store (s)" "${total[sqlite]}" "${total[ch]}" "" "$duck_query" "" "$same"
  printf "  %d stores, each its own report; the slowest: store %s on SQLite (%.3f s), store %s on ClickHouse (%.3f s)\n" \
    "$(echo "$shops" | wc -w)" "${slowest_shop[sqlite]}" "${slowest[sqlite]}" "${slowest_shop[ch]}" "${slowest[ch]}"
  [ "$same" = yes ] || exit 1
}

echo "# bench/duckdb.sh: scale $(meta scale), seed $(meta seed), $(nproc) cores; DuckDB load $(printf %.1f "$duck_load") s ($(du -sh "$work/csv" | cut -f1) of CSV)"
printf "%-18s %10s %10s %10s %12s %12s %12s\n" "" sqlite ch-single duckdb "(its query)" "ch / duckdb" "same figures"
for t in "${tools[@]}"; do
  s=$(report_seconds "$work/w.db" "$t" "$work/$t-sqlite.json")
  c=$(report_seconds "$ch" "$t" "$work/$t-ch.json")
  read -r d q < <(duck_seconds "$t" "$work/$t-duck.json")
  for e in sqlite ch; do jq "$jq_table ${figures[$t]}" "$work/$t-$e.json" >"$work/$t-$e.figures.json"; done
  # A figure holding a list comes from DuckDB as JSON text (to_json).
  jq '.[0] | map_values(if type == "string" and test("^[\\[{]") then fromjson else . end)' "$work/$t-duck.json" \
    >"$work/$t-duck.figures.json"
  same=no
  same_figures "$work/$t-sqlite.figures.json" "$work/$t-duck.figures.json" &&
    same_figures "$work/$t-ch.figures.json" "$work/$t-duck.figures.json" && same=yes
  printf "%-18s %10.3f %10.3f %10.3f %12.3f %11.2fx %12s\n" "$t (s)" "$s" "$c" "$d" "$q" "$(echo "$c / $d" | bc -l)" "$same"
  [ "$same" = yes ] || {
    show_difference "$work/$t-sqlite.figures.json" "$work/$t-duck.figures.json"
    show_difference "$work/$t-ch.figures.json" "$work/$t-duck.figures.json"
    exit 1
  }
done
for t in "${tools[@]}"; do
  if [ -n "${store_figures[$t]:-}" ]; then compare_stores "$t"; fi
done
