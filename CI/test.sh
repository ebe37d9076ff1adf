#!/usr/bin/env bash
# Sets up and runs every test: the Swift unit and integration tests, the command-line
# contract checks, the independent validators (YAML 1.2 loader, JSON Schema, JUnit, tshark,
# Chromium), and short versions of the benchmarks. Prints each stage's time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh

stage "setup (apt, pip; idempotent)" bash CI/setup.sh
add_swift_to_path
stage "build (debug, with tests)" swift build --build-tests
stage "swift tests" swift test --skip-build
stage "build conform (release)" swift build -c release --product conform
stage "independent validators (pytest)" python3 -m pytest -q Tests/independent
# Benchmarks print their figures; machines in CI are noisy, so nothing is asserted on them.
stage "benchmark: capture vs tcpdump (quick)" bash Benchmarks/capture.sh --quick
print_stage_table
