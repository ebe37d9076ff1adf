#!/usr/bin/env bash
# Installs what Conform needs to build and test on Debian (12 or later). Idempotent: it
# installs only what is missing, so a second run does nothing.
set -euo pipefail

debian_packages=(
  pkg-config libyaml-dev libssl-dev libpcap-dev   # system libraries behind CYAML, CCrypto, CPcap
  tshark tcpdump iproute2                          # independent dissector, capture, test beds
  radvd                                            # a router daemon as a device (Fixtures/targets/radvd-router.yaml)
  python3 python3-pip                              # independent validators in the tests
  chromium                                         # renders report.html in the tests (headless)
  linuxptp                                         # ptp4l, a real gPTP peer for Suites/gptp
)
python_packages=(ruamel.yaml jsonschema junitparser pytest scapy)

missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python_missing=()
for package in "${python_packages[@]}"; do
  python3 -m pip show -q "$package" >/dev/null 2>&1 || python_missing+=("$package")
done
if [ ${#python_missing[@]} -gt 0 ]; then
  echo "setup: installing Python packages ${python_missing[*]}"
  python3 -m pip install -q "${python_missing[@]}" 2>/dev/null \
    || python3 -m pip install -q --break-system-packages "${python_missing[@]}"
fi

source "$(dirname "$0")/lib.sh"
add_swift_to_path
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: no Swift toolchain found; install Swift 6 (swift.org) and put it on PATH" >&2
  exit 1
fi
echo "setup: ready ($(swift --version 2>/dev/null | head -n 1))"
