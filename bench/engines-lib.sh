# Shared by bench/clickhouse.sh and bench/engines-ab.sh (sourced, not run).
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# mariadb_seconds SOCKET N RUNS: the median time of statement N (1-based) of
# bench/clickhouse.sql on the MariaDB server at SOCKET, over RUNS runs.
mariadb_seconds() {
  local socket=$1 n=$2 runs=$3 sql t0
  sql="$(awk -v n="$n" 'BEGIN{RS=";"} NR==n {print}' bench/clickhouse.sql | grep -v '^--')"
  for _ in $(seq 1 "$runs"); do
    t0=$(now)
    mariadb --no-defaults --socket="$socket" -uroot -e "$sql" >/dev/null || { echo "bench: MariaDB failed on statement $n" >&2; exit 1; }
    elapsed "$t0"
  done | median
}

# The tools that bench/clickhouse.sql's statements stand for, in its order.
plain_sql_tools=(payment-fees reconciliation tax-gap tenant-audit)
