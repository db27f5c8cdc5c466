#!/usr/bin/env bash
# The libFuzzer harnesses of fuzz/ (docs/fuzzing.md): configures build-fuzz/
# with clang (LUCKYHUB_FUZZ=ON), builds them, runs each for N seconds
# (default 12) over its seed corpus in fuzz/corpus/<name>/, and fails on the
# first crash, sanitizer report, timeout or leak. New inputs the fuzzer finds
# go to build-fuzz/corpus/<name>/ (the repository's corpus is only read);
# a crashing input to build-fuzz/artifacts/.
#
#   scripts/fuzz.sh            # CI's short run: 12 s per harness
#   scripts/fuzz.sh 600        # a long run: 10 minutes per harness
#   FUZZ_ONLY="money dates" scripts/fuzz.sh 60
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: seconds must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DLUCKYHUB_FUZZ=ON -DLUCKYHUB_TESTS=OFF "${launcher[@]}" >/dev/null
fi
cmake --build build-fuzz -j"${FUZZ_JOBS:-2}" --target fuzzers >/dev/null

read -r -a harnesses <<<"${FUZZ_ONLY:-$(cat build-fuzz/fuzz-harnesses.txt | tr ';' ' ')}"
mkdir -p build-fuzz/artifacts
export TMPDIR="$(mktemp -d)"
trap 'rm -rf "$TMPDIR"' EXIT
failed=()
for name in "${harnesses[@]}"; do
  mkdir -p "build-fuzz/corpus/$name"
  log="build-fuzz/fuzz-$name.log"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a leak or
  # an allocation past 2 GiB is a finding; -max_len: 64 KiB of input.
  if build-fuzz/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$name-" \
       "build-fuzz/corpus/$name" "fuzz/corpus/$name" >"$log" 2>&1; then
    stats=$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1 | sed 's/ *$//')
    echo "fuzz: $name ok (${stats:-no stats})"
  else
    echo "fuzz: $name FAILED (log: $log)"
    grep -E 'ERROR|SUMMARY|Test unit written|property broken|terminate' "$log" | head -5 | sed 's/^/  /'
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} harness(es) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#harnesses[@]} harnesses, ${seconds} s each, no crash"
