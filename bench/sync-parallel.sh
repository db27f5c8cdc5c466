#!/usr/bin/env bash
# Sync from a local fleet of 4 MariaDB servers (scripts/fleet-up 4) with the
# instances read one at a time (--jobs 1) and all at once (--jobs 4), and each
# server synced alone, in one run: wall time, peak RSS, the machine's load.
#   bench/sync-parallel.sh [SCALE] [WORKDIR] [ROUNDS]
# Prints the full syncs against each other and against the sum and the
# largest of the one-server syncs. Each round runs every case once, in turn,
# so a change in the machine's load touches them alike. A WORKDIR whose
# fleet this script already loaded at SCALE is reused (the load is most of
# the time: scale 0.1 takes ~7 min on 2 shared cores).
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-0.1}"
work="${2:-$(mktemp -d /tmp/luckyhub-bench-sync4-XXXXXX)}"
rounds="${3:-1}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
bin="$PWD/build/luckyhub"
PATH="$PATH:/usr/sbin"

load() { cut -d' ' -f1 /proc/loadavg; }
scripts/fleet-up 4 "$work/fleet4" >/dev/null
trap 'scripts/fleet-down "$work/fleet4" >/dev/null' EXIT
fleet="$work/fleet4/fleet.toml"
if [ "$(cat "$work/loaded4" 2>/dev/null)" != "$scale" ]; then
  echo "bench: simulate --fleet --scale $scale (not timed)"
  rm -f "$work/loaded4"
  "$bin" --quiet simulate --fleet "$fleet" --scale "$scale" --seed 42 --truth "$work/truth.json"
  echo "$scale" >"$work/loaded4"
fi

# timed NAME ARGS...: a full sync into a new warehouse; appends "seconds peak_mb load" to WORK/NAME.txt
timed() {
  local name=$1 l
  shift
  rm -f "$work/$name.db" "$work/$name.db-journal" "$work/$name.db-wal" "$work/$name.db-shm"
  l=$(load)
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$bin" --quiet sync --fleet "$fleet" --warehouse "$work/$name.db" "$@" \
    >"$work/$name.out"
  read -r s kb <"$work/$name.time"
  echo "$s $((kb / 1024)) $l" >>"$work/$name.txt"
  rm -f "$work/$name.db"
}
# The databases each server holds, from the fleet file (one line per instance).
mapfile -t servers < <(awk -F'[][]' '/^databases/ {gsub(/[" ]/, "", $2); print $2}' "$fleet")
rm -f "$work"/{serial,parallel,one-*}.txt
for round in $(seq "$rounds"); do
  echo "bench: round $round: --jobs 1, --jobs 4, then each server alone"
  timed serial --jobs 1
  timed parallel --jobs 4
  for i in "${!servers[@]}"; do
    tables=()
    IFS=, read -ra dbs <<<"${servers[$i]}"
    for d in "${dbs[@]}"; do tables+=(--table "$d"); done
    timed "one-$((i + 1))" --jobs 1 "${tables[@]}"
  done
done
median() { sort -g | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
col() { cut -d' ' -f"$2" "$work/$1.txt" | median; }
rows=$(sed -n 's/.* \([0-9]*\) rows copied.*/\1/p' "$work/serial.out")
echo "machine: $(nproc) cores; scale $scale, $rows rows in 54 tables on 4 MariaDB servers; medians of $rounds round(s); load = 1-minute load average before each sync"
printf "%-34s %9s %12s %s\n" case seconds "peak RSS MB" "loads"
for name in serial parallel one-1 one-2 one-3 one-4; do
  printf "%-34s %9.1f %12.0f %s\n" "$name" "$(col "$name" 1)" "$(col "$name" 2)" "$(cut -d' ' -f3 "$work/$name.txt" | paste -sd, -)"
done
awk -v s="$(col serial 1)" -v p="$(col parallel 1)" -v a="$(col one-1 1)" -v b="$(col one-2 1)" \
    -v c="$(col one-3 1)" -v d="$(col one-4 1)" 'BEGIN {
  sum = a + b + c + d; max = a; if (b > max) max = b; if (c > max) max = c; if (d > max) max = d
  printf "parallel / serial: %.2fx the time\n", p / s
  printf "parallel / sum of the four one-server syncs (%.1f s): %.2fx\n", sum, p / sum
  printf "parallel / 4 x the mean one-server sync (%.1f s): %.2fx; / the largest one-server sync (%.1f s): %.2fx\n", sum, p / sum, max, p / max
}'
