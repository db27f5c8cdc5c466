#!/usr/bin/env bash
# recommendations at a scale: the report's cold time (a new process: read
# every purchase, train and evaluate six models, JSON) and a customer's
# profile; then ALS on a plain file against the same ALS in NumPy/SciPy
# (bench/recommend_numpy.py, Debian's python3-scipy, by /usr/bin/python3)
# on the same interactions CSV exported from the warehouse's
# recommendations__user_item_day: training seconds and NDCG@10 of each;
# then the serving endpoint under wrk (one connection, then 2 threads and 8
# connections; 10 s each), beside /api/health as the server's floor.
#
#   bench/recommend.sh WAREHOUSE.db [LUCKYHUB]
set -euo pipefail
cd "$(dirname "$0")/.."
w="$1"
bin="${2:-build/luckyhub}"
source bench/bench-lib.sh
# The peers (bench only): NumPy/SciPy for the ALS, wrk for the serving endpoint.
install_missing python3-scipy wrk
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

user=$(sqlite3 "$w" "SELECT user_no FROM recommendations__user_item_day GROUP BY user_no ORDER BY COUNT(*) DESC, user_no LIMIT 1")
echo "warehouse $w, profile of $user"
echo "report (train and evaluate)  $(median3 "$bin" report recommendations --warehouse "$w" --format json) s"
echo "report with a profile        $(median3 "$bin" report recommendations --warehouse "$w" --param "user=$user" --format json) s"

sqlite3 -header -csv "$w" "SELECT user_no AS user, spu_id AS item, units AS weight, day AS timestamp FROM recommendations__user_item_day" > "$work/interactions.csv"
echo "interactions CSV             $(($(wc -l < "$work/interactions.csv") - 1)) customer-product-days"
for cg in 0 3; do
  "$bin" model recommend --interactions "$work/interactions.csv" --evaluate --factors 4 --alpha 2 --regularization 0.5 \
    --iterations 15 --cg-steps "$cg" --format json > "$work/luckyhub.json"
  /usr/bin/python3 -c "
import json; m = {x['model']: x for x in json.load(open('$work/luckyhub.json'))['models']}
print('luckyhub ALS (cg-steps $cg)      train %.3f s  NDCG@10 %.5f   (popularity %.5f, item-kNN %.5f in %.3f s)' % (
  m['als']['train_seconds'], m['als']['ndcg_at_k'], m['popularity']['ndcg_at_k'], m['item_knn']['ndcg_at_k'], m['item_knn']['train_seconds']))"
done
/usr/bin/python3 bench/recommend_numpy.py "$work/interactions.csv" 4 2 0.5 15 10 > "$work/numpy.json"
/usr/bin/python3 -c "
import json; r = json.load(open('$work/numpy.json'))
print('NumPy/SciPy ALS (exact)       train %.3f s  NDCG@10 %.5f   (%d users evaluated)' % (r['train_seconds'], r['ndcg_at_k'], r['evaluated_users']))"

port=$((20000 + RANDOM % 20000))
"$bin" serve --no-auth --warehouse "$w" --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.2; done
t0=$(date +%s.%N)
curl -sf "http://127.0.0.1:$port/api/recommendations/$user?n=10" > "$work/first.json"
t1=$(date +%s.%N)
echo "serving: first request (trains) $(echo "$t1 - $t0" | bc) s: $(head -c 160 "$work/first.json")…"
for load in "-t1 -c1" "-t2 -c8"; do
  echo "wrk $load, 10 s: /api/recommendations/$user?n=10, then /api/health (the server's floor)"
  # shellcheck disable=SC2086
  wrk $load -d10s --latency "http://127.0.0.1:$port/api/recommendations/$user?n=10" | grep -E "Requests/sec|99%|50%"
  # shellcheck disable=SC2086
  wrk $load -d10s --latency "http://127.0.0.1:$port/api/health" | grep -E "Requests/sec|99%|50%"
done
