#!/usr/bin/env bash
# The dashboard's cached report endpoint under load, in one run: luckyhub
# without access control (the baseline), luckyhub with a logged-in session
# (the access layer's cost), the baseline over TLS, and nginx serving the same JSON
# body as a static file (the limit), over HTTP and over TLS:
#   wrk -t2 -c200 -d10s  on  /api/reports/payment-fees  for each.
#   bench/serve.sh [--warehouse W] [--duration 10s] [--rounds 3] [--before BIN]
# Prints requests/s, p50 and p99 of each (medians of the rounds), and the
# ratios to the baseline and to nginx. With --before, another luckyhub binary
# (a build before a change) serves the baseline too, timed in every round
# beside the others, and the ratio of the two is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
warehouse=""
duration=10s
rounds=3
before_bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --before) before_bin="$2"; shift 2 ;;
    *) echo "usage: bench/serve.sh [--warehouse W] [--duration 10s] [--rounds 3] [--before BIN]" >&2; exit 2 ;;
  esac
done
for p in wrk nginx; do
  command -v "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; }
done
bin=${LUCKYHUB:-build/luckyhub}
work=$(mktemp -d)
lh_pids=()
cleanup() {
  for pid in "${lh_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$warehouse" ]; then
  warehouse="$work/w.db"
  $bin --quiet simulate --scale 0.02 --seed 7 --warehouse "$warehouse" --truth "$work/truth.json"
fi
path="/api/reports/payment-fees"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_serve NAME SCHEME ARGS... -> sets $base (scheme://127.0.0.1:port); the server runs until exit.
start_serve() {
  local name=$1 scheme=$2 port
  shift 2
  port=$(free_port)
  $bin --quiet serve --warehouse "$warehouse" --listen "127.0.0.1:$port" "$@" 2>"$work/$name.log" &
  lh_pids+=($!)
  base="$scheme://127.0.0.1:$port"
  for _ in $(seq 100); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/api/health")" != 000 ] && return 0
    sleep 0.1
  done
  echo "bench: luckyhub serve $* did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}

# warm URL OUT [CURL ARGS...]: asks until 200 (a slow first computation answers
# 202 until done), keeps the body in OUT, prints the seconds it took.
warm() {
  local url=$1 out=$2 code started
  shift 2
  started=$(date +%s.%N)
  for _ in $(seq 600); do
    code=$(curl -sk "$@" -o "$out" -w '%{http_code}' "$url")
    [ "$code" = 200 ] && break
    sleep 0.05
  done
  [ "$code" = 200 ] || { echo "bench: $url never answered 200 ($code)" >&2; exit 1; }
  awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}'
}

# login BASE -> the luckyhub_session cookie's value (the user made below).
login() {
  curl -sk -D - -o /dev/null -H 'Content-Type: application/json' \
    --data '{"user":"bench","password":"bench-password-0"}' "$1/api/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: *luckyhub_session=\([^;]*\).*/\1/p' | tr -d '\r' | head -1
}

# Access control came with issue 27; a binary from before it has no --no-auth
# and no users: then the logged-in line is left out, and said so.
noauth=()
has_access=0
if $bin serve --help 2>/dev/null | grep -q -- '--no-auth'; then
  noauth=(--no-auth)
  has_access=1
fi

# 1. The baseline: no access control.
start_serve plain http "${noauth[@]}"
plain=$base
first_s=$(warm "$plain$path" "$work/report.json")

# 1b. The same baseline served by the binary before a change.
if [ -n "$before_bin" ]; then
  saved_bin=$bin
  bin=$before_bin
  start_serve before http "${noauth[@]}"
  bin=$saved_bin
  prior=$base
  warm "$prior$path" "$work/report-before.json" >/dev/null
  cmp -s "$work/report.json" "$work/report-before.json" || { echo "bench: the --before body differs" >&2; exit 1; }
fi

# 2. With access control, logged in as a finance user (payment-fees is finance's).
if [ $has_access = 1 ]; then
  access="$work/access.db"
  # serve wants an Admin in the access file; the bench signs in as the finance user.
  printf 'bench-admin-password-0' | $bin --quiet users add benchadmin --role admin --password-stdin --access "$access" >/dev/null
  printf 'bench-password-0' | $bin --quiet users add bench --role finance --password-stdin --access "$access" >/dev/null
  start_serve access http --access "$access"
  authed=$base
  cookie=$(login "$authed")
  [ -n "$cookie" ] || { echo "bench: login did not set luckyhub_session" >&2; exit 1; }
  warm "$authed$path" "$work/report-access.json" -H "Cookie: luckyhub_session=$cookie" >/dev/null
  cmp -s "$work/report.json" "$work/report-access.json" || { echo "bench: the logged-in body differs" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$authed$path")" != 200 ] ||
    { echo "bench: the report is served without a session: access is not on" >&2; exit 1; }
fi

# 3. The baseline over TLS (a self-signed certificate; wrk does not verify it).
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=luckyhub-bench \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
start_serve tls https "${noauth[@]}" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
tls=$base
warm "$tls$path" "$work/report-tls.json" >/dev/null
cmp -s "$work/report.json" "$work/report-tls.json" || { echo "bench: the TLS body differs" >&2; exit 1; }

# 4. nginx, the same body as a static file.
mkdir -p "$work/www/api/reports" && cp "$work/report.json" "$work/www/api/reports/payment-fees"
chmod -R a+rX "$work"  # nginx's workers run as another user (www-data) when started by root
ng_port=$(free_port)
ngs_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$ng_port; root $work/www; }
  server {
    listen 127.0.0.1:$ngs_port ssl; root $work/www;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; ssl_protocols TLSv1.2 TLSv1.3;
  }
}
CONF
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$ng_port$path" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$ng_port$path" | cmp -s - "$work/report.json" ||
  { echo "bench: nginx does not serve the body:" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

run() {  # url [wrk args...] -> "rps p50_ms p99_ms"; fails on any non-2xx answer
  local url=$1
  shift
  wrk -t2 -c200 -d"$duration" --latency "$@" "$url" >"$work/wrk.txt"
  if grep -q 'Non-2xx' "$work/wrk.txt"; then
    echo "bench: non-2xx answers from $url:" >&2; cat "$work/wrk.txt" >&2; exit 1
  fi
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt" |
    awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
         {printf "%.0f %.2f %.2f\n", $1, ms($2), ms($3)}'
}
# Rounds, each timing every server in turn, so that a change in the machine's
# load touches them alike; each figure is the median over the rounds.
for round in $(seq "$rounds"); do
  [ -n "$before_bin" ] && run "$prior$path" >>"$work/before.txt"
  run "$plain$path" >>"$work/plain.txt"
  if [ $has_access = 1 ]; then
    run "$authed$path" -H "Cookie: luckyhub_session=$cookie" >>"$work/access.txt"
  fi
  run "$tls$path" >>"$work/tls.txt"
  run "http://127.0.0.1:$ng_port$path" >>"$work/nginx.txt"
  run "https://127.0.0.1:$ngs_port$path" >>"$work/nginx-tls.txt"
done
median() {  # file -> "rps p50 p99", each the median of its column
  for c in 1 2 3; do
    cut -d' ' -f$c "$1" | sort -g |
      awk -v c=$c '{v[NR]=$1} END {m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf (c == 1 ? "%.0f " : "%.2f "), m}'
  done
  echo
}
read -r lh_rps lh_p50 lh_p99 < <(median "$work/plain.txt")
if [ $has_access = 1 ]; then
  read -r ac_rps ac_p50 ac_p99 < <(median "$work/access.txt")
fi
read -r tl_rps tl_p50 tl_p99 < <(median "$work/tls.txt")
read -r ng_rps ng_p50 ng_p99 < <(median "$work/nginx.txt")
read -r ngs_rps ngs_p50 ngs_p99 < <(median "$work/nginx-tls.txt")
bytes=$(wc -c <"$work/report.json")
echo "body: $bytes bytes; first (uncached) computation over HTTP: $first_s s; wrk -t2 -c200 -d$duration; $(nproc) cores"
echo "medians of $rounds rounds; each round's requests/s (the servers in the order below):"
paste -d' ' "$work"/plain.txt $( [ $has_access = 1 ] && echo "$work/access.txt") "$work/tls.txt" "$work/nginx.txt" "$work/nginx-tls.txt" |
  awk '{line = "  "; for (i = 1; i <= NF; i += 3) line = line $i " "; print line}'
printf "%-40s %10s %9s %9s\n" server requests/s p50_ms p99_ms
printf "%-40s %10s %9s %9s\n" "luckyhub serve${noauth[*]:+ ${noauth[*]}} (cached)" "$lh_rps" "$lh_p50" "$lh_p99"
if [ $has_access = 1 ]; then
  printf "%-40s %10s %9s %9s\n" "luckyhub serve --access, logged in" "$ac_rps" "$ac_p50" "$ac_p99"
else
  echo "luckyhub serve --access, logged in: not measured (this binary has no access control)"
fi
printf "%-40s %10s %9s %9s\n" "luckyhub serve${noauth[*]:+ ${noauth[*]}} over TLS" "$tl_rps" "$tl_p50" "$tl_p99"
printf "%-40s %10s %9s %9s\n" "nginx static file" "$ng_rps" "$ng_p50" "$ng_p99"
printf "%-40s %10s %9s %9s\n" "nginx static file over TLS" "$ngs_rps" "$ngs_p50" "$ngs_p99"
ratio() {  # label rps p50 p99 (against the baseline)
  awk -v l="$1" -v a="$2" -v b="$lh_rps" -v c="$3" -v d="$lh_p50" -v e="$4" -v f="$lh_p99" \
    'BEGIN {printf "%s / baseline: requests/s %.3fx (cost %.1f%%), p50 %.2fx, p99 %.2fx\n", l, a/b, 100*(1-a/b), c/d, e/f}'
}
[ $has_access = 1 ] && ratio "logged in" "$ac_rps" "$ac_p50" "$ac_p99"
ratio "TLS" "$tl_rps" "$tl_p50" "$tl_p99"
versus() {  # label rps p50 p99 rps p50 p99
  awk -v l="$1" -v a="$2" -v c="$3" -v e="$4" -v b="$5" -v d="$6" -v f="$7" \
    'BEGIN {printf "%s: requests/s %.2fx, p50 %.2fx, p99 %.2fx\n", l, a/b, c/d, e/f}'
}
if [ -n "$before_bin" ]; then
  read -r bf_rps bf_p50 bf_p99 < <(median "$work/before.txt")
  printf "%-40s %10s %9s %9s\n" "the --before binary, same baseline" "$bf_rps" "$bf_p50" "$bf_p99"
  echo "  its requests/s in each round: $(cut -d' ' -f1 "$work/before.txt" | paste -sd' ')"
  versus "baseline / --before" "$lh_rps" "$lh_p50" "$lh_p99" "$bf_rps" "$bf_p50" "$bf_p99"
  versus "--before / nginx" "$bf_rps" "$bf_p50" "$bf_p99" "$ng_rps" "$ng_p50" "$ng_p99"
fi
versus "baseline / nginx" "$lh_rps" "$lh_p50" "$lh_p99" "$ng_rps" "$ng_p50" "$ng_p99"
versus "TLS / nginx over TLS" "$tl_rps" "$tl_p50" "$tl_p99" "$ngs_rps" "$ngs_p50" "$ngs_p99"
