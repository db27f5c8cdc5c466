#!/usr/bin/env bash
# Keyspace analysis (docs/redis-console.md) against redis-cli's full scans on
# the same data in the same run:
#   1. one redis-server with KEYS keys (default 1,000,000) of Luckin's
#      keyspace (luckyhub redis-fill): luckyhub redis-scan with a budget of
#      BUDGET commands (default 100,000), luckyhub redis-scan --exact (the
#      exact per-namespace memory: a full SCAN + one MEMORY USAGE SAMPLES 5
#      per key),
#      redis-cli --memkeys and --bigkeys. Wall time, commands the server
#      processed (INFO total_commands_processed), and the budgeted estimate of
#      each namespace's memory against the exact one;
#   2. N redis-server (default 78) with PER keys each (default 20,000):
#      luckyhub collect --once (its keyspace round over all of them, 16
#      workers) against redis-cli --memkeys on each, one after the other.
#   bench/redis.sh [KEYS] [BUDGET] [N] [PER]
set -euo pipefail
cd "$(dirname "$0")/.."
n_keys="${1:-1000000}"
budget="${2:-100000}"
n_many="${3:-78}"
per="${4:-20000}"
[ -x build/luckyhub ] || scripts/setup.sh >/dev/null
bin="$PWD/build/luckyhub"
work="$(mktemp -d /tmp/luckyhub-bench-redis-XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
[ -n "${BENCH_DEBUG:-}" ] && set -x
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export REDISCLI_AUTH="$password"  # redis-cli reads it: no password on a command line
umask 077
printf '%s' "$password" >"$work/secret"
umask 022

start_redis() {  # name port maxmemory
  mkdir -p "$work/$1"
  printf 'port %s\nbind 127.0.0.1\ndir %s\nrequirepass %s\nsave ""\nappendonly no\nmaxmemory %s\n' \
    "$2" "$work/$1" "$password" "$3" >"$work/$1/redis.conf"
  redis-server "$work/$1/redis.conf" >/dev/null &
  pids+=($!)
  for _ in $(seq 100); do redis-cli -p "$2" ping >/dev/null 2>&1 && return; sleep 0.05; done
  echo "bench: redis-server $1 did not start" >&2
  exit 1
}
instance() {  # name port
  printf '[[instance]]\nname = "%s"\nkind = "redis"\nhost = "127.0.0.1"\nport = %s\nuser = "default"\npassword_file = "secret"\n[instance.loader]\nuser = "default"\npassword_file = "secret"\n\n' "$1" "$2"
}
processed() { redis-cli -p "$1" info stats | tr -d '\r' | awk -F: '$1 == "total_commands_processed" {print $2}'; }
timed() {  # port outfile command... -> "seconds commands"
  local port="$1" out="$2"
  shift 2
  local before start end after
  before=$(processed "$port")
  start=$(date +%s.%N)
  "$@" >"$out" 2>&1
  end=$(date +%s.%N)
  after=$(processed "$port")
  awk -v a="$start" -v b="$end" -v c="$before" -v d="$after" 'BEGIN {printf "%.2f %d\n", b - a, d - c - 1}'
}

# ---- 1. One large instance ----
port=$(free_port)
start_redis big "$port" 4gb
instance big "$port" >"$work/fleet.toml"
echo "bench: filling $n_keys keys (not timed in the comparison)"
"$bin" --quiet redis-fill --fleet "$work/fleet.toml" --instance big --keys "$n_keys" --seed 42 --min-ttl 3600
read -r s_sec s_cmd < <(timed "$port" "$work/sampled.json" "$bin" --quiet redis-scan --fleet "$work/fleet.toml" \
  --instance big --max-commands "$budget" --max-seconds 600 --format json)
read -r f_sec f_cmd < <(timed "$port" "$work/exact.json" "$bin" --quiet redis-scan --fleet "$work/fleet.toml" \
  --instance big --exact --format json)
read -r m_sec m_cmd < <(timed "$port" "$work/memkeys.txt" redis-cli -p "$port" --memkeys)
read -r b_sec b_cmd < <(timed "$port" "$work/bigkeys.txt" redis-cli -p "$port" --bigkeys)

echo
echo "### One instance, $n_keys keys, $(nproc) cores"
echo
echo "| run | wall | commands processed by the server | per-namespace memory |"
echo "|---|---|---|---|"
echo "| luckyhub redis-scan, budget $budget | $s_sec s | $s_cmd | estimates with 95% errors (below) |"
echo "| luckyhub redis-scan --exact (full SCAN + MEMORY USAGE of every key) | $f_sec s | $f_cmd | exact |"
echo "| redis-cli --memkeys | $m_sec s | $m_cmd | none (per type only) |"
echo "| redis-cli --bigkeys | $b_sec s | $b_cmd | none (per type only) |"
echo
python3 - "$work/sampled.json" "$work/exact.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["big"]
e = json.load(open(sys.argv[2]))["big"]
print(f"Sampled {s['keys_sampled']} of {s['dbsize']} keys ({100 * s['keys_sampled'] / s['dbsize']:.1f}%), "
      f"{s['commands']} commands ({e['commands'] / s['commands']:.1f}x fewer than the full scan's {e['commands']}).")
print()
print("| namespace | exact memory | estimate | 95% error | off by | within the error |")
print("|---|---|---|---|---|---|")
worst = 0
total_e = total_s = 0
rows = []
for ns, x in e["namespaces"].items():
    est = s["namespaces"].get(ns, {"memory_bytes": 0, "memory_error95": 0})
    off = (est["memory_bytes"] - x["memory_bytes"]) / x["memory_bytes"]
    worst = max(worst, abs(off))
    total_e += x["memory_bytes"]
    total_s += est["memory_bytes"]
    rows.append((x["memory_bytes"], ns, est, off))
within5 = 0
for exact, ns, est, off in sorted(rows, reverse=True):
    ok = abs(est["memory_bytes"] - exact) <= est["memory_error95"]
    within5 += abs(off) <= 0.05
    print(f"| {ns} | {exact:,.0f} | {est['memory_bytes']:,.0f} | ±{est['memory_error95']:,.0f} "
          f"({100 * est['memory_error95'] / exact:.1f}%) | {100 * off:+.2f}% | {'yes' if ok else 'no'} |")
print(f"| all | {total_e:,.0f} | {total_s:,.0f} | | {100 * (total_s - total_e) / total_e:+.2f}% | |")
print()
print(f"{within5} of {len(rows)} namespaces within 5% of exact; the worst {100 * worst:.1f}% off.")
PY

# ---- 2. Many instances ----
echo
echo "bench: starting $n_many redis-server with $per keys each (filling not timed)"
: >"$work/many.toml"
ports=()
for i in $(seq 1 "$n_many"); do
  p=$(free_port)
  name=$(printf 'redis-%02d' "$i")
  start_redis "$name" "$p" 256mb
  instance "$name" "$p" >>"$work/many.toml"
  ports+=("$p")
done
for i in $(seq 1 "$n_many"); do
  "$bin" --quiet redis-fill --fleet "$work/many.toml" --instance "$(printf 'redis-%02d' "$i")" --keys "$per" \
    --seed "$i" --min-ttl 3600 >/dev/null
done
sum_processed() { local t=0; for p in "${ports[@]}"; do t=$((t + $(processed "$p"))); done; echo "$t"; }
printf '[budget]\nmax_commands = %s\n' "$((per / 10))" >"$work/keyspace.toml"
before=$(sum_processed)
start=$(date +%s.%N)
"$bin" collect --fleet "$work/many.toml" --warehouse "$work/w.db" --once --keyspace-config "$work/keyspace.toml" \
  >/dev/null 2>"$work/collect.log"
end=$(date +%s.%N)
after=$(sum_processed)
c_wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
c_cmd=$((after - before - n_many))
k_line=$(grep -o 'keyspace of .*' "$work/collect.log" | tail -1)
before=$(sum_processed)
start=$(date +%s.%N)
for p in "${ports[@]}"; do redis-cli -p "$p" --memkeys >/dev/null; done
end=$(date +%s.%N)
after=$(sum_processed)
m_wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
m_cmd=$((after - before - n_many))
echo
echo "### $n_many instances of $per keys"
echo
echo "| run | wall | commands processed by the servers |"
echo "|---|---|---|"
echo "| luckyhub collect --once (metrics and keyspace, budget $((per / 10)) per instance, 16 workers) | $c_wall s | $c_cmd |"
echo "| redis-cli --memkeys on each, one after the other | $m_wall s | $m_cmd |"
echo
echo "collect: $k_line"
