# Shared by bench/clickhouse.sh and bench/engines-ab.sh (sourced, not run).
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# mariadb_seconds SOCKET TOOL RUNS: the median wall time, over RUNS runs after
# one to warm up, of TOOL's section of bench/clickhouse.sql on the MariaDB
# server at SOCKET: its statements at once on one connection per core, taken
# in order (as luckyhub runs a report's batch).
mariadb_seconds() {
  local socket=$1 tool=$2 runs=$3 dir t0
  dir="$(mktemp -d)"
  awk -v tool="$tool" -v dir="$dir" '
    /^-- tool: / { mine = ($3 == tool); next }
    !mine || /^--/ || /^[[:space:]]*$/ { next }
    { sql = sql $0 "\n" }
    /;[[:space:]]*$/ { n++; printf "%s", sql > sprintf("%s/%03d.sql", dir, n); sql = "" }' bench/clickhouse.sql
  [ -n "$(ls "$dir")" ] || { echo "bench: bench/clickhouse.sql has no section for $tool" >&2; exit 1; }
  for run in $(seq 0 "$runs"); do
    t0=$(now)
    ls "$dir"/*.sql | xargs -P "$(nproc)" -I{} sh -c 'mariadb --no-defaults --socket="$1" -uroot <"$2" >/dev/null' _ "$socket" {} ||
      { echo "bench: MariaDB failed on $tool's plain SQL" >&2; exit 1; }
    [ "$run" -eq 0 ] || elapsed "$t0"
  done | median
  rm -rf "$dir"
}

# The tools that bench/clickhouse.sql has a section for.
plain_sql_tools=($(awk '/^-- tool: / {print $3}' bench/clickhouse.sql))
