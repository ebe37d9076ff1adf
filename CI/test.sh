#!/usr/bin/env bash
# Sets up and runs every test: the Swift unit and integration tests, the command-line
# contract checks, and the independent validators (YAML 1.2 loader, JSON Schema, JUnit).
# Prints each stage's time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh

stage "setup (apt, pip; idempotent)" bash CI/setup.sh
add_swift_to_path
stage "build (debug, with tests)" swift build --build-tests
stage "swift tests" swift test --skip-build
stage "build conform (release)" swift build -c release --product conform
stage "independent validators (pytest)" python3 -m pytest -q Tests/independent
print_stage_table
