#!/usr/bin/env bash
# customer-360 at a scale: the report's cold time (a new process each run:
# open, read every customer's purchase days, RFM, cohorts, both fits, JSON),
# the profile and the masked-phone lookup; then the models on a plain file
# against the same computation in Python (bench/customer360_scipy.py:
# Debian's python3-pandas and python3-scipy, run by /usr/bin/python3), on the same transactions CSV
# exported from the warehouse's sales__customer_day. Median of three. Then the
# cohorts by favourite store and product (they read customer_360__profile:
# materialised, or its whole SELECT inline when the warehouse lacks it), and
# profiles served by `luckyhub serve`: the first reads the fit stored with the
# data (customers__fit; a warehouse without it: fits every customer) and keeps
# it, the next (other customers: not the server's cached reports) score one
# customer by the kept fit; then masked-phone lookups served (other digits each),
# and the page's search bar by a masked phone (search=***-***-NNNN).
#
#   bench/customer360.sh WAREHOUSE.db [LUCKYHUB] [lookups]
# With `lookups`: the profile and phone lookups alone, each from the command
# line (a new process: it reads the stored fit, or fits) and served.
set -euo pipefail
cd "$(dirname "$0")/.."
w="$1"
bin="${2:-build/luckyhub}"
source bench/bench-lib.sh
# The peers' packages (bench only: the project itself needs no Python).
install_missing python3-pandas python3-scipy
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

as_of=$(sqlite3 "$w" "SELECT value FROM _luckyhub_meta WHERE key = 'as_of'")
end=$(date -d "$as_of - 1 day" +%F)
user=$(sqlite3 "$w" "SELECT user_no FROM sales__customer_day GROUP BY user_no ORDER BY COUNT(DISTINCT day) DESC, user_no LIMIT 1")
echo "warehouse $w, as-of $as_of, profile of $user"
lookups_only=$([ "${3:-}" = lookups ] && echo 1 || true)
fit_version=$(sqlite3 "$w" "SELECT value FROM _luckyhub_meta WHERE key = 'derived:customers__fit'")
echo "customers__fit           $([ -n "$fit_version" ] && echo "stored (as-of $(sqlite3 "$w" "SELECT as_of FROM customers__fit LIMIT 1"))" || echo "absent: a new process fits every customer")"
[ -n "$lookups_only" ] || echo "report (all customers)   $(median3 "$bin" report customer-360 --warehouse "$w" --format json) s"
echo "profile (user)           $(median3 "$bin" report customer-360 --warehouse "$w" --param "user=$user" --format json) s"
echo "lookup (phone_tail)      $(median3 "$bin" report customer-360 --warehouse "$w" --param phone_tail=1234 --format json) s"

if [ -z "$lookups_only" ]; then
sqlite3 -header -csv "$w" "SELECT user_no AS customer, day, SUM(cents) / 100.0 AS amount FROM sales__customer_day WHERE day < '$as_of' GROUP BY user_no, day" > "$work/tx.csv"
echo "transactions CSV         $(($(wc -l < "$work/tx.csv") - 1)) customer-days"
echo "luckyhub model bgnbd     $(median3 "$bin" model bgnbd --transactions "$work/tx.csv" --customer-col customer --date-col day --amount-col amount --end "$end" --format json) s (read, summary, both fits)"
"$bin" model bgnbd --transactions "$work/tx.csv" --customer-col customer --date-col day --amount-col amount --end "$end" --format json > "$work/luckyhub.json"
/usr/bin/python3 bench/customer360_scipy.py "$work/tx.csv" "$end" > "$work/scipy.json"
echo "luckyhub: $(tr -d '\n ' < "$work/luckyhub.json")"
echo "pandas/scipy: $(cat "$work/scipy.json")"

profile_version=$(sqlite3 "$w" "SELECT value FROM _luckyhub_meta WHERE key = 'derived:customer_360__profile'")
echo "customer_360__profile    $([ -n "$profile_version" ] && echo "materialised ($(sqlite3 "$w" "SELECT COUNT(*) FROM customer_360__profile") rows)" || echo "absent: read inline")"
# Read inline, the profiles' SELECT over every customer is the table's build: timed once.
runs=median3
once() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
[ -n "$profile_version" ] || runs=once
echo "report, cohort_by=store  $($runs "$bin" report customer-360 --warehouse "$w" --param cohort_by=store --format json) s ($runs)"
[ -z "$profile_version" ] || echo "report, cohort_by=product $(median3 "$bin" report customer-360 --warehouse "$w" --param cohort_by=product --format json) s"

fi

phone_version=$(sqlite3 "$w" "SELECT value FROM _luckyhub_meta WHERE key = 'derived:customer_360__phone'")
echo "customer_360__phone      $([ -n "$phone_version" ] && echo "materialised" || echo "absent: phone lookups scan t_user")"

port=$((20000 + RANDOM % 20000))
"$bin" serve --no-auth --warehouse "$w" --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.2; done
# A report not ready within the server's report wait (300 ms) is answered 202
# and the page polls: a time is that of the 200, never of a 202.
served() {  # PARAMS → seconds of the request that answered 200
  local out
  for _ in $(seq 1 600); do
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/api/reports/customer-360?$1")
    [ "${out%% *}" = 200 ] && { echo "${out#* }"; return; }
    [ "${out%% *}" = 202 ] || { echo "HTTP ${out%% *}" >&2; exit 1; }
    sleep 0.2
  done
  echo "no answer to $1" >&2; exit 1
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mapfile -t users < <(sqlite3 "$w" "SELECT user_no FROM sales__customer_day GROUP BY user_no ORDER BY COUNT(DISTINCT day) DESC, user_no LIMIT 10")
t0=$(date +%s.%N)
served "user=${users[0]}" > /dev/null
echo "served profile, first    $(echo "$(date +%s.%N) - $t0" | bc) s until its 200 ($([ -n "$fit_version" ] && echo "reads the stored fit" || echo "fits the models") and keeps them)"
times=()
for u in "${users[@]:1}"; do times+=("$(served "user=$u")"); done
echo "served profile, next 9   $(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')s (kept fit; median $(printf '%s\n' "${times[@]}" | median) s)"
times=()
for tail in 1234 0042 9876 5555 0001 7310 2468 8080 4321; do times+=("$(served "phone_tail=$tail")"); done
echo "served phone lookups     $(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')s (median $(printf '%s\n' "${times[@]}" | median) s)"
# The page's search bar: search=***-***-NNNN (a list, or the card of the one customer with the digits).
times=()
for tail in 1357 0246 9753 6420 1111 2222 3141 2718 1618; do times+=("$(served "search=%2A%2A%2A-%2A%2A%2A-$tail")"); done
echo "served search bar, phone $(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')s (median $(printf '%s\n' "${times[@]}" | median) s)"
