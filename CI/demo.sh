#!/usr/bin/env bash
# The main job: set up, build, and run the IPv6 core suite against the built-in simulated
# IPv6 host. Prints the verdicts and ends with the bundle's path.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh

bash CI/setup.sh
add_swift_to_path
swift build -c release --product conform 2>&1 | tail -n 1
.build/release/conform run Suites/ipv6-core --target sim:ipv6-host "$@"
