#!/usr/bin/env bash
# Decode benchmark: `conform dissect FILE -e ...` against `tshark -r FILE -T fields -e ...`
# on the same pcap and the same fields; prints frames per second of each and their ratio
# (the goal is conform at least 20 times tshark's rate).
#
#   bash Benchmarks/decode.sh            # 1,000,000 frames
#   bash Benchmarks/decode.sh --quick    # 50,000 frames (CI); same figures, no assertion
#   bash Benchmarks/decode.sh --frames N
#
# The capture mixes IPv6 ND, ICMPv6 echo, extension headers, UDP over IPv4 and TCP with
# options (frames from Tests/ConformWireTests/Fixtures.swift, checked against tshark there),
# with increasing timestamps. Both tools write to /dev/null; times are wall-clock seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source CI/lib.sh
add_swift_to_path

frames=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) frames=50000 ;;
    --frames) frames=$2; shift ;;
    *) echo "usage: bash Benchmarks/decode.sh [--quick | --frames N]" >&2; exit 2 ;;
  esac
  shift
done
command -v tshark >/dev/null || { echo "decode: tshark is not installed" >&2; exit 2; }

swift build -c release --product conform >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/conform-decode.XXXXXX")
trap 'rm -rf "$work"' EXIT
capture="$work/decode.pcap"

python3 - "$capture" "$frames" <<'PY'
import struct, sys
path, count = sys.argv[1], int(sys.argv[2])
frames = [bytes.fromhex(h) for h in (
    "02000000000202000000000186dd60000000000c3a40fe800000000000000000000000000001fe80000000000000020000000000000280008fae1234000170696e67",  # echoRequest
    "02000000000102000000000286dd60000000000c3a40fe800000000000000200000000000002fe80000000000000000000000000000181008eae1234000170696e67",  # echoReply
    "3333ff00000202000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000001ff0000028700789700000000fe8000000000000002000000000000020101020000000001",  # nsWithSLLAO
    "02000000000102000000000286dd6000000000203afffe800000000000000200000000000002fe8000000000000000000000000000018800141a60000000fe8000000000000002000000000000020201020000000002",  # naWithTLLA
    "33330000000102000000000386dd6000000000383afffe800000000000000000000000000003ff0200000000000000000000000000018600771840c0070800007530000003e8030440c000278d0000093a800000000020010db800000001000000000000000005010000000005dc",  # raWithPrefixAndMTU
    "02000000000202000000000186dd6000000000140040fe800000000000000000000000000001fe8000000000000002000000000000023a0005020000010080008fae1234000170696e67",  # hopByHop
    "020000000002020000000001080045000021123440004011a494c0000201c000020213881389000d10ed68656c6c6f",  # udpOverIPv4
    "02000000000202000000000186dd6000000000280640fe800000000000000000000000000001fe8000000000000002000000000000029c409c41000003e800000000a002ffffea830000020405a0010303070402080a1111111100000000",  # tcpSyn
    "02000000000202000000000186dd6000000000250640fe800000000000000000000000000001fe8000000000000002000000000000029c409c41000003e9000007d18018ffffc7a500000101050a000013880000177068656c6c6f",  # tcpData
)]
with open(path, "wb") as out:
    # Classic pcap, little-endian, nanosecond timestamps, LINKTYPE_ETHERNET.
    out.write(struct.pack("<IHHiIII", 0xa1b23c4d, 2, 4, 0, 0, 262144, 1))
    records = bytearray()
    for index in range(count):
        frame = frames[index % len(frames)]
        records += struct.pack("<IIII", 1_700_000_000 + index // 1000, (index % 1000) * 1_000_000 + 123, len(frame), len(frame))
        records += frame
        if len(records) > 1 << 22:
            out.write(records)
            records.clear()
    out.write(records)
PY

fields=(frame.number frame.time_epoch frame.len frame.protocols eth.src eth.dst eth.type ipv6.src ipv6.dst ipv6.nxt ipv6.hlim
        ip.src ip.dst icmpv6.type icmpv6.code icmpv6.checksum.status icmpv6.nd.ns.target_address icmpv6.opt.linkaddr
        udp.srcport udp.dstport tcp.srcport tcp.dstport tcp.flags tcp.option_kind)
arguments=()
for field in "${fields[@]}"; do arguments+=(-e "$field"); done

# Prints "WALL CPU": wall-clock seconds, and user+system CPU seconds of the command.
seconds_of() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f}")
PY
}

read -r conform_seconds conform_cpu < <(seconds_of .build/release/conform dissect "$capture" "${arguments[@]}")
read -r tshark_seconds tshark_cpu < <(seconds_of tshark -r "$capture" -T fields "${arguments[@]}")
conform_lines=$(.build/release/conform dissect "$capture" -e frame.number | wc -l)
[ "$conform_lines" -eq "$frames" ] || { echo "decode: conform printed $conform_lines lines for $frames frames" >&2; exit 1; }

awk -v n="$frames" -v c="$conform_seconds" -v t="$tshark_seconds" -v cc="$conform_cpu" -v tc="$tshark_cpu" \
    -v f="${#fields[@]}" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "decode: %d frames, %d fields per frame (load average %s)\n", n, f, load
  printf "                   wall clock                 CPU time (user + system)\n"
  printf "  conform dissect  %8.3f s  %10.0f frames/s  %8.3f s  %10.0f frames/s\n", c, n / c, cc, n / cc
  printf "  tshark -T fields %8.3f s  %10.0f frames/s  %8.3f s  %10.0f frames/s\n", t, n / t, tc, n / tc
  printf "  ratio (conform / tshark frames per second): %.1fx wall clock, %.1fx CPU time (goal >= 20x)\n", t / c, tc / cc
}'
