#!/usr/bin/env bash
# The sanitizer stage of the test suite (docs/hardening.md): builds luckyhub
# and its tests with clang's sanitizers in a build directory of their own, as
# a unity build at -O1 -g (CMAKE_UNITY_BUILD: a fresh CI machine compiles it
# in a fraction of the plain build's time), then runs a chosen set of CTest
# suites with the sanitizer's options. Every process of the run (the test
# binaries and every `luckyhub` they start) writes its reports to
# build-<kind>/sanitizer-logs/; the stage fails on a failed test or on any
# report there, and prints the reports.
#
#   scripts/sanitize.sh            # both: address,undefined then thread
#   scripts/sanitize.sh asan       # AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/sanitize.sh tsan       # ThreadSanitizer
#   SANITIZE_TESTS='^(ExportTest|Integration\.Sync)\.' scripts/sanitize.sh tsan   # only those
#
# The suites: every unit test of some tests/ directories (the build compiles
# only those: -DLUCKYHUB_TEST_DIRS, so a new test there runs too), and a few
# integration tests against the real servers of scripts/fleet-up (started and
# stopped by CTest's fixtures, as in scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

kinds=("${@:-asan tsan}")
read -r -a kinds <<<"${kinds[*]}"

# The tests/ directories whose unit tests run under AddressSanitizer + UBSan:
# parsers, the server and access, the collector, sync, the warehouses, the
# report and its renderers, alerts, deliveries, the command line.
ASAN_DIRS=(core access server collect sync warehouse report sources alerts delivery health cli)
# Left out of those suites for CI's time (docs/hardening.md, "Time"): every
# role against every tool and export renders every report many times over.
ASAN_SKIP=(AccessMatrixTest.)
ASAN_INTEGRATION=(
  Integration.Sync.FollowsInsertsUpdatesAndDeletes
  Integration.Sync.WrongPasswordIsNamedButNeverShown
  Integration.HealthIntegration.
  Integration.RedisTopologyIntegration.
  Integration.NodeExporterIntegration.
)
# ThreadSanitizer: the server (HttpServer, sessions, the access gate), the
# worker pools and task lanes, and the collector's and sync's threads.
TSAN_DIRS=(server access core)
TSAN_SKIP=(AccessMatrixTest.)
TSAN_INTEGRATION=(
  Integration.Sync.FollowsInsertsUpdatesAndDeletes
  Integration.HealthIntegration.DetectsPlantedConditionsAndDiscovery
  Integration.HealthIntegration.AWedgedThenKilledServerIsDownWhileTheOthersComplete
)

# The suites of a built test binary.
suites_of() {
  "$1" --gtest_list_tests | sed -n 's/^\([A-Za-z0-9_/]*\)\.$/\1/p'
}

# A CTest regular expression of whole suites (Suite.) and single tests.
ctest_regex() {
  local names=() n
  for n in "$@"; do
    case "$n" in
      *.) names+=("${n%.}\\.") ;;
      *) names+=("${n//./\\.}\$") ;;
    esac
  done
  local IFS='|'
  echo "^(${names[*]})"
}

build_and_run() {
  local kind=$1 sanitize dir test_dirs=() suites=() integration=() skip=()
  case "$kind" in
    asan) sanitize=address,undefined test_dirs=("${ASAN_DIRS[@]}") integration=("${ASAN_INTEGRATION[@]}")
          skip=("${ASAN_SKIP[@]}") ;;
    tsan) sanitize=thread test_dirs=("${TSAN_DIRS[@]}") integration=("${TSAN_INTEGRATION[@]}")
          skip=("${TSAN_SKIP[@]}") ;;
    *) echo "sanitize.sh: asan or tsan, not '$kind'" >&2; exit 2 ;;
  esac
  dir="build-$kind"

  local started=$SECONDS
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    local launcher=()
    command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Debug with -O1: the sanitizers' usual level (fast enough, exact stacks);
    # assertions stay on.
    cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
          -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DLUCKYHUB_SANITIZE="$sanitize" \
          -DLUCKYHUB_TEST_DIRS="$(IFS=';'; echo "${test_dirs[*]}")" \
          -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE="${UNITY_BATCH:-24}" \
          "${launcher[@]}" >/dev/null
  fi
  # The test binaries list their tests when built (gtest_discover_tests), so
  # the options below already apply to that first run.
  local logs="$PWD/$dir/sanitizer-logs"
  rm -rf "$logs"; mkdir -p "$logs"
  sanitizer_env "$kind" "$logs"
  cmake --build "$dir" -j"${SANITIZE_JOBS:-2}" --target luckyhub luckyhub_tests luckyhub_integration_tests >/dev/null
  local built=$SECONDS

  mapfile -t suites < <(suites_of "$dir/luckyhub_tests")
  local entry
  for entry in "${integration[@]}"; do  # a renamed test must not drop out silently
    if [ "$(cd "$dir" && ctest -N -R "$(ctest_regex "$entry")" | grep -c '^ *Test *#')" -eq 0 ]; then
      echo "sanitize.sh: no test $entry in $dir" >&2; return 1
    fi
  done
  local regex exclude entries
  entries=("${suites[@]/%/.}" "${integration[@]}")
  # SANITIZE_TESTS: only the entries (Suite. or Integration.Suite.Test) that
  # match this extended regular expression, to reproduce a report; the
  # fixtures those tests need still run.
  if [ -n "${SANITIZE_TESTS:-}" ]; then
    mapfile -t entries < <(printf '%s\n' "${entries[@]}" | grep -E "$SANITIZE_TESTS")
    [ ${#entries[@]} -gt 0 ] || { echo "sanitize.sh: no suite matches SANITIZE_TESTS" >&2; return 1; }
  fi
  regex=$(ctest_regex "${entries[@]}")
  exclude='^$'  # nothing
  [ ${#skip[@]} -eq 0 ] || exclude=$(ctest_regex "${skip[@]}")
  local selected
  selected=$(cd "$dir" && ctest -N -R "$regex" -E "$exclude" | sed -n 's/^Total Tests: //p')
  echo "sanitize: $kind built in $((built - started)) s; running $selected tests (${#suites[@]} unit suites, ${#integration[@]} integration entries)"
  local status=0
  (cd "$dir" && ctest --output-on-failure -j2 --timeout 900 -R "$regex" -E "$exclude") >"$dir/sanitize-ctest.log" 2>&1 || status=$?
  tail -n 3 "$dir/sanitize-ctest.log" | sed "s/^/  /"
  # A report: a file with a sanitizer's report in it (a file holding only the
  # runtime's own warnings, e.g. "Symbolizer buffer too small" while it matched
  # a suppression, is not one).
  local reports
  reports=$(grep -l -E '^==[0-9]+==ERROR: |^WARNING: ThreadSanitizer: |runtime error: |^SUMMARY: ' -r "$logs" | sort || true)
  if [ -n "$reports" ]; then
    echo "sanitize: $kind: $(echo "$reports" | wc -l) sanitizer report(s):" >&2
    for f in $reports; do echo "== $f" >&2; head -n 60 "$f" >&2; done
    status=1
  fi
  if [ "$status" -ne 0 ]; then
    echo "sanitize: $kind FAILED (CTest log: $dir/sanitize-ctest.log)" >&2
    grep -E '^\s+[0-9]+ - .*\((Failed|Timeout|Not Run|Exception)' "$dir/sanitize-ctest.log" >&2 || true
    return 1
  fi
  echo "sanitize: $kind ok, $((SECONDS - built)) s of tests"
}

# The options every sanitized process inherits. halt_on_error: the first
# report ends the process (the build has -fno-sanitize-recover=all too);
# log_path: reports go to files the stage collects, so a report in a child
# process whose stderr a test reads or drops is never lost.
sanitizer_env() {
  local kind=$1 logs=$2 supp="$PWD/scripts/sanitizers"
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS TSAN_OPTIONS
  case "$kind" in
    asan)
      export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1:log_path=$logs/report"
      export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/report"
      export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" ;;
    tsan)
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$supp/tsan.supp:log_path=$logs/report" ;;
  esac
}

failed=0
for kind in "${kinds[@]}"; do
  build_and_run "$kind" || failed=1
done
exit "$failed"
