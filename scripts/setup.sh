#!/usr/bin/env bash
# Installs what luckyhub needs from Debian's packages (only the missing ones)
# and builds it in build/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config git sqlite3 libsqlite3-dev nlohmann-json3-dev
          libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libboost-dev chromium
          mariadb-server mariadb-client libmariadb-dev libtomlplusplus-dev
          clickhouse-server clickhouse-client libcpp-httplib-dev libjemalloc-dev
          redis-server libhiredis-dev postgresql libpq-dev
          prometheus-redis-exporter prometheus-mysqld-exporter prometheus-postgres-exporter  # bench/collect.sh's peers
          prometheus-node-exporter  # host metrics: tests/integration/node_exporter_test.cc
          libcairo2-dev poppler-utils  # staffing's PDF schedule, and pdftotext to test it
          libeigen3-dev  # recommendations' matrix factorisation
          libpango1.0-dev libxlsxwriter-dev  # report exports: vector PDF with text layout, XLSX
          libcurl4-openssl-dev python3-aiosmtpd  # scheduled reports by SMTP, and a real SMTP server to test them
          python3-openpyxl  # reads the XLSX exports back in tests
          libhowardhinnant-date-dev  # schedules' IANA time zones (the system's tzdata)
          libsodium-dev  # passwords (Argon2id) and tokens
          clang libclang-rt-14-dev)  # scripts/fuzz.sh: libFuzzer and the sanitizers' runtimes for clang 14
# The web front end is built with node's npm; install them only when missing.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The front end (web/dist, embedded in the binary) is rebuilt when missing or
# older than its sources; the e2e tests' packages are installed once.
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/package-lock.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
  echo "setup: building the web front end"
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

build_type="${BUILD_TYPE:-RelWithDebInfo}"
# LUCKYHUB_UNITY_BUILD=ON (set by CI's .ci/run): luckyhub_core and the program
# as a unity build, 24 sources a batch (cmake/unity_build.cmake), which compiles
# a fresh tree in a fraction of the time (docs/hardening.md, "Time"); the test
# programs stay one object a file. Unset, the build keeps one object a file
# throughout, for incremental builds.
unity=()
[ -z "${LUCKYHUB_UNITY_BUILD:-}" ] ||
  unity=(-DCMAKE_UNITY_BUILD="$LUCKYHUB_UNITY_BUILD" -DCMAKE_UNITY_BUILD_BATCH_SIZE=24 -DLUCKYHUB_UNITY_TESTS=OFF)
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" "${unity[@]}" >/dev/null
cmake --build build -j"$(nproc)"
