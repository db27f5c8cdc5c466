#!/usr/bin/env bash
# customer-360 at a scale: the report's cold time (a new process each run:
# open, read every customer's purchase days, RFM, cohorts, both fits, JSON),
# the profile and the masked-phone lookup; then the models on a plain file
# against the same computation in Python (bench/customer360_scipy.py:
# Debian's python3-pandas and python3-scipy, run by /usr/bin/python3), on the same transactions CSV
# exported from the warehouse's sales__customer_day. Median of three.
#
#   bench/customer360.sh WAREHOUSE.db [LUCKYHUB]
set -euo pipefail
cd "$(dirname "$0")/.."
w="$1"
bin="${2:-build/luckyhub}"
source bench/bench-lib.sh
# The peers' packages (bench only: the project itself needs no Python).
install_missing python3-pandas python3-scipy
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

as_of=$(sqlite3 "$w" "SELECT value FROM _luckyhub_meta WHERE key = 'as_of'")
end=$(date -d "$as_of - 1 day" +%F)
user=$(sqlite3 "$w" "SELECT user_no FROM sales__customer_day GROUP BY user_no ORDER BY COUNT(DISTINCT day) DESC, user_no LIMIT 1")
echo "warehouse $w, as-of $as_of, profile of $user"
echo "report (all customers)   $(median3 "$bin" report customer-360 --warehouse "$w" --format json) s"
echo "profile (user)           $(median3 "$bin" report customer-360 --warehouse "$w" --param "user=$user" --format json) s"
echo "lookup (phone_tail)      $(median3 "$bin" report customer-360 --warehouse "$w" --param phone_tail=1234 --format json) s"

sqlite3 -header -csv "$w" "SELECT user_no AS customer, day, SUM(cents) / 100.0 AS amount FROM sales__customer_day WHERE day < '$as_of' GROUP BY user_no, day" > "$work/tx.csv"
echo "transactions CSV         $(($(wc -l < "$work/tx.csv") - 1)) customer-days"
echo "luckyhub model bgnbd     $(median3 "$bin" model bgnbd --transactions "$work/tx.csv" --customer-col customer --date-col day --amount-col amount --end "$end" --format json) s (read, summary, both fits)"
"$bin" model bgnbd --transactions "$work/tx.csv" --customer-col customer --date-col day --amount-col amount --end "$end" --format json > "$work/luckyhub.json"
/usr/bin/python3 bench/customer360_scipy.py "$work/tx.csv" "$end" > "$work/scipy.json"
echo "luckyhub: $(tr -d '\n ' < "$work/luckyhub.json")"
echo "pandas/scipy: $(cat "$work/scipy.json")"
