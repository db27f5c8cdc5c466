#!/usr/bin/env bash
# The demo: sets everything up, simulates Luckin Coffee USA, runs every tool,
# then serves the dashboard until Ctrl-C.
#   scripts/demo.sh [--scale S] [--seed N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
scale=0.1
seed=42
port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--scale S] [--seed N] [--port P]" >&2; exit 2 ;;
  esac
done
scripts/setup.sh
mkdir -p demo
bin=build/luckyhub
$bin simulate --scale "$scale" --seed "$seed" --warehouse demo/luckyhub.db --truth demo/truth.json
# Marketing's spend per channel and month (not in any source database): the example file.
$bin channels-spend docs/channels-spend.example.csv --warehouse demo/luckyhub.db
for tool in $($bin tools | sed -n 's/^[0-9]*\. \([a-z0-9-]*\) .*/\1/p'); do
  echo
  $bin report "$tool" --warehouse demo/luckyhub.db
done
echo
echo "demo: warehouse demo/luckyhub.db, ground truth demo/truth.json"
echo "demo: the dashboard is at http://127.0.0.1:$port/ (Ctrl-C stops it)"
exec $bin serve --warehouse demo/luckyhub.db --listen "127.0.0.1:$port"
