#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60), starting from its seed corpus
# in Fixtures/fuzz-corpus/NAME; exits non-zero on the first crash, hang (10 s per input) or
# out-of-memory (2 GiB), with the crashing input left in the work folder it prints.
#
#   bash CI/fuzz.sh [SECONDS]
#
# Builds each target once with -sanitize=fuzzer into .build-fuzz (the first build compiles
# the modules it needs with fuzzer instrumentation). New inputs the fuzzer finds go to a
# temporary work folder, never into the committed seeds; it is kept (with the crashing
# input) only when a target fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh
add_swift_to_path

seconds=${1:-60}
root=$(pwd)
targets=(fuzz-dissect fuzz-pcap fuzz-pcapng fuzz-suite-yaml fuzz-pics)
work=$(mktemp -d "${TMPDIR:-/tmp}/conform-fuzz.XXXXXX")
# Swift's backtracer would take the crash signal before libFuzzer writes the crash file.
export SWIFT_BACKTRACE=enable=no

for target in "${targets[@]}"; do
  stage "build $target (fuzzer)" swift build --product "$target" --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer
done

run_target() {
  local target=$1 corpus="$work/$1"
  mkdir -p "$corpus"
  (cd "$work" && "$root/.build-fuzz/debug/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/$target-" "$corpus" "$root/Fixtures/fuzz-corpus/$target")
}

for target in "${targets[@]}"; do
  stage "fuzz $target (${seconds}s)" run_target "$target"
done
print_stage_table
rm -rf "$work"
echo "fuzz: every target ran ${seconds}s without a crash"
