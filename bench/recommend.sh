#!/usr/bin/env bash
# recommendations at a scale: the report's cold time (a new process: read
# every purchase, train and evaluate six models, JSON) and a customer's
# profile; then ALS on a plain file against the same ALS in NumPy/SciPy
# (bench/recommend_numpy.py, Debian's python3-scipy, by /usr/bin/python3)
# on the same interactions CSV exported from the warehouse's
# recommendations__user_item_day: training seconds and NDCG@10 of each,
# from three random starts, with popularity's and item-kNN's beside;
# then the serving endpoint under wrk (one connection, then 2 threads and 8
# connections; 10 s each), beside /api/health as the server's floor.
#
#   bench/recommend.sh WAREHOUSE.db [LUCKYHUB [BEFORE]]
set -euo pipefail
cd "$(dirname "$0")/.."
w="$1"
bin="${2:-build/luckyhub}"
before="${3:-}"
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
[ -z "$before" ] || echo "BEFORE's report               $(median3 "$before" report recommendations --warehouse "$w" --format json) s"

sqlite3 -header -csv "$w" "SELECT user_no AS user, spu_id AS item, units AS weight, day AS timestamp FROM recommendations__user_item_day" > "$work/interactions.csv"
echo "interactions CSV             $(($(wc -l < "$work/interactions.csv") - 1)) customer-product-days"
# luckyhub's ALS (its defaults: 3 factors and a bias per item, alpha 10,
# lambda 2 times each row's entries, 15 iterations from the spectral start,
# exact solves) and by 3 CG steps, and NumPy's exact, each trained three times
# (the model is the same each time: no random start); then, with the same
# binary, Hu, Koren & Volinsky's model (no bias, one lambda) and each of the
# two changes alone; then, given BEFORE (a binary of before issue 23), its ALS
# as bench/recommend.sh ran it and its report's models.
als_line() {  # binary, label, then model recommend's options
  local b="$1" label="$2"; shift 2
  "$b" model recommend --interactions "$work/interactions.csv" --evaluate "$@" --format json > "$work/luckyhub.json"
  /usr/bin/python3 -c "
import json; m = {x['model']: x for x in json.load(open('$work/luckyhub.json'))['models']}
print('%-50s train %.3f s  NDCG@10 %.5f  (%.3fx popularity %.5f; item-kNN %.5f, %.3fx)' % ('$label',
  m['als']['train_seconds'], m['als']['ndcg_at_k'], m['als']['ndcg_at_k'] / m['popularity']['ndcg_at_k'],
  m['popularity']['ndcg_at_k'], m['item_knn']['ndcg_at_k'], m['item_knn']['ndcg_at_k'] / m['popularity']['ndcg_at_k']))"
}
report_models() {  # binary, label: the report's models table (its own holdout: min_history 3, decayed weights)
  "$1" report recommendations --warehouse "$w" --format json > "$work/report.json"
  /usr/bin/python3 -c "
import json; p = [p for p in json.load(open('$work/report.json'))['panels'] if p['id'] == 'models'][0]
col = {c['id']: n for n, c in enumerate(p['columns'])}
print('$2 report: ' + ', '.join('%s %.5f (%.2fx)' % (r[col['model']], r[col['ndcg']], r[col['vs_popularity']]) for r in p['rows']))"
}
report_models "$bin" "this"
for run in 1 2 3; do
  als_line "$bin" "luckyhub ALS exact (default), run $run"
  als_line "$bin" "luckyhub ALS 3 CG steps, run $run" --cg-steps 3
done
/usr/bin/python3 bench/recommend_numpy.py "$work/interactions.csv" 3 10 2 15 10 3 > "$work/numpy.json"
/usr/bin/python3 -c "
import json; r = json.load(open('$work/numpy.json'))
for n, t in enumerate(r['train_seconds']):
    print('%-50s train %.3f s  NDCG@10 %.5f  (%d users evaluated)' % ('NumPy/SciPy ALS exact, run %d' % (n + 1), t,
      r['ndcg_at_k'], r['evaluated_users']))"
als_line "$bin" "no bias, one lambda 0.5, 4 factors, alpha 2" --no-item-bias --fixed-regularization --factors 4 \
  --alpha 2 --regularization 0.5
als_line "$bin" "the bias alone (one lambda 0.5)" --fixed-regularization --regularization 0.5
als_line "$bin" "lambda x entries alone (no bias)" --no-item-bias
if [ -n "$before" ]; then
  als_line "$before" "BEFORE: ALS as it was (4 f, a 2, l 0.5, 15 it, CG)" --factors 4 --alpha 2 --regularization 0.5 \
    --iterations 15
  report_models "$before" "BEFORE"
fi

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
