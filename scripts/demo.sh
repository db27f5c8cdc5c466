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
# The dashboard's first user: an admin with a random password, kept in a
# file only you can read (the access file, demo/luckyhub.db.access.db,
# outlives a new simulation).
if [ ! -s demo/admin-password ]; then
  password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  if $bin --quiet users list --warehouse demo/luckyhub.db 2>/dev/null | grep -q '^admin\b'; then
    printf '%s\n' "$password" | $bin --quiet users passwd admin --password-stdin --warehouse demo/luckyhub.db
  else
    printf '%s\n' "$password" | $bin --quiet users add admin --role admin --password-stdin --warehouse demo/luckyhub.db
  fi
  (umask 077 && printf '%s\n' "$password" > demo/admin-password)
fi
echo
echo "demo: warehouse demo/luckyhub.db, ground truth demo/truth.json"
echo "demo: the dashboard is at http://127.0.0.1:$port/ (Ctrl-C stops it)"
echo "demo: sign in as 'admin' with the password in demo/admin-password; add users with build/luckyhub users add"
exec $bin serve --warehouse demo/luckyhub.db --listen "127.0.0.1:$port"
