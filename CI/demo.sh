#!/usr/bin/env bash
# The main job: set up, build, and run the IPv6 core suite against the built-in simulated
# IPv6 host. Prints the verdicts, signs the bundle with the test-only key of Fixtures/keys,
# checks it with `conform verify`, and ends with where the report and the bundle are.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh

bash CI/setup.sh
add_swift_to_path
swift build -c release --product conform 2>&1 | tail -n 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
.build/release/conform run Suites/ipv6-core --target sim:ipv6-host \
  --sign Fixtures/keys/test-lab.key --operator "${USER:-demo}" --lab "Conform demo (test-only key)" "$@" \
  | tee "$log" || status=$?
bundle=$(sed -n 's/^bundle: //p' "$log" | tail -n 1)
[ -n "$bundle" ] || exit "$status"
echo
.build/release/conform verify "$bundle" --key Fixtures/keys/test-lab.pub
echo "report: $bundle/report.html"
echo "bundle: $bundle"
exit "$status"
