#!/usr/bin/env bash
# Two luckyhub binaries side by side at a scale (default 1), for a change to
# what the warehouse keeps (derived tables, docs/derived-tables.md):
#   1. `simulate --seed 7` by each into its own SQLite warehouse (time, peak
#      RSS, size), then every report by each, interleaved run by run, median
#      of three, the JSON compared byte for byte ("json same" or DIFF);
#   2. a fleet of 2 MariaDB servers (scripts/fleet-up) simulated once by AFTER;
#      a full sync by each into its own warehouse, the newest 1% of every table
#      updated, an incremental sync by each, and the money reports and the
#      tenant audit by each on what sync left.
#   bench/derived-ab.sh BEFORE AFTER WORKDIR [SCALE] [sync]
# `sync` as the fifth argument runs part 2 only. Results are appended to
# WORKDIR/results.txt. Disk at scale 1: two 10 GB warehouses for part 1
# (removed once timed), 13 GB of InnoDB files and two more for part 2.
set -uo pipefail
[ $# -ge 3 ] || { echo "usage: bench/derived-ab.sh BEFORE AFTER WORKDIR [SCALE] [sync]" >&2; exit 2; }
cd "$(dirname "$0")/.."
. bench/fleet-lib.sh
W="$(mkdir -p "$3" && cd "$3" && pwd)"
cp "$1" "$W/before"; cp "$2" "$W/after"
scale="${4:-1}"; part="${5:-}"
PATH="$PATH:/usr/sbin"
load() { cut -d' ' -f1 /proc/loadavg; }
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
log() { echo "$(date +%T) $*" | tee -a $W/results.txt; }

time_report() {  # bin tool warehouse out -> seconds
  /usr/bin/time -f %e -o $W/t.txt $W/$1 --quiet report "$2" --format json --warehouse "$3" >"$4" 2>$W/err.txt || echo "FAIL $1 $2: $(cat $W/err.txt)" >>$W/results.txt
  cat $W/t.txt
}
compare_reports() {  # db-before db-after tools...
  local db_b=$1 db_a=$2; shift 2
  mkdir -p $W/r
  for tool in "$@"; do
    tb=(); ta=()
    for i in 1 2 3; do
      tb+=($(time_report before $tool $db_b $W/r/$tool-before.json))
      ta+=($(time_report after $tool $db_a $W/r/$tool-after.json))
    done
    mb=$(printf '%s\n' "${tb[@]}" | sort -n | sed -n 2p); ma=$(printf '%s\n' "${ta[@]}" | sort -n | sed -n 2p)
    same=same; cmp -s $W/r/$tool-before.json $W/r/$tool-after.json || same=DIFF
    log "report $tool: before ${tb[*]} (median $mb)  after ${ta[*]} (median $ma)  ratio $(awk -v a=$ma -v b=$mb 'BEGIN{printf "%.2f", a/b}')  json $same  load $(load)"
  done
}

if [ "$part" != "sync" ]; then
for bin in before after; do
  rm -f $W/$bin.db*
  log "simulate scale $scale seed 7 by $bin (load $(load))"
  /usr/bin/time -v -o $W/sim-$bin.time $W/$bin --quiet simulate --scale $scale --seed 7 --warehouse $W/$bin.db --truth $W/$bin-truth.json >$W/sim-$bin.out 2>&1
  log "simulate $bin: $(secs $W/sim-$bin.time) s, peak $(rss $W/sim-$bin.time) MB, size $(du -m $W/$bin.db | cut -f1) MB"
done
compare_reports $W/before.db $W/after.db payment-fees reconciliation tax-gap tenant-audit fleet-health redis-console
rm -f $W/before.db* $W/after.db*
fi

# Part 2: sync.
scripts/fleet-down $W/fleet >/dev/null 2>&1
rm -rf $W/fleet
scripts/fleet-up 2 $W/fleet >/dev/null
trap 'scripts/fleet-down $W/fleet >/dev/null 2>&1' EXIT
fleet=$W/fleet/fleet.toml
log "simulate --fleet scale $scale seed 42 (load $(load))"
/usr/bin/time -v -o $W/fleet-sim.time $W/after --quiet simulate --fleet $fleet --scale $scale --seed 42 --truth $W/fleet-truth.json >$W/fleet-sim.out 2>&1
log "fleet loaded: $(secs $W/fleet-sim.time) s"
for bin in before after; do
  rm -f $W/s-$bin.db*
  l=$(load)
  /usr/bin/time -v -o $W/sync-$bin.time $W/$bin --quiet sync --fleet $fleet --warehouse $W/s-$bin.db >$W/sync-$bin.out 2>&1
  log "full sync $bin: $(secs $W/sync-$bin.time) s, peak $(rss $W/sync-$bin.time) MB, size $(du -m $W/s-$bin.db | cut -f1) MB (load $l): $(tail -1 $W/sync-$bin.out)"
done
for bin in before after; do $W/$bin --quiet sync --fleet $fleet --warehouse $W/s-$bin.db >/dev/null 2>&1; done
touch_rows "$W/fleet" "id > (SELECT m FROM (SELECT MAX(id) * 0.99 AS m FROM TABLE) newest)"
for bin in before after; do
  l=$(load)
  /usr/bin/time -v -o $W/inc-$bin.time $W/$bin --quiet sync --fleet $fleet --warehouse $W/s-$bin.db >$W/inc-$bin.out 2>&1
  log "incremental sync (newest 1%) $bin: $(secs $W/inc-$bin.time) s, peak $(rss $W/inc-$bin.time) MB (load $l): $(tail -1 $W/inc-$bin.out)"
done
compare_reports $W/s-before.db $W/s-after.db tenant-audit reconciliation payment-fees tax-gap
log "done"
