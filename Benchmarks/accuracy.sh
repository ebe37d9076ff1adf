#!/usr/bin/env bash
# Timing accuracy benchmark: a tagged stream across a veth pair between two fresh network
# namespaces, measured by Conform (kernel SO_TIMESTAMPING transmit stamps, libpcap receive
# stamps, matched by sequence number) and independently by tcpdump with nanosecond
# timestamps on both ends. Prints the systematic bias between the two and its cause, the
# per-frame residual |difference - bias|, and, for contrast, the error of a user-space method
# (clock readings around the send call and where the process first sees the frame; and, where
# ping is installed, its round-trip time / 2) against Conform's one-way delay.
#
#   Benchmarks/accuracy.sh           full run: 20,000 frames at 10,000 pps; exits 1 when the
#                                    residual's p99 exceeds 1 us
#   Benchmarks/accuracy.sh --quick   CI run: 2,000 frames; prints the same figures, asserts nothing
#
# Needs root, iproute2, tcpdump, tshark and python3. Makes two namespaces named
# cf<6 random chars>s/r and deletes exactly those on exit.
set -euo pipefail

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
cd "$(dirname "$0")/.."

if (( quick )); then count=2000; pings=200; else count=20000; pings=1000; fi
rate=10000
size=128

[[ $(id -u) == 0 ]] || { echo "accuracy.sh: needs root (network namespaces)" >&2; exit 2; }
for tool in ip tcpdump tshark python3; do
    command -v "$tool" >/dev/null || { echo "accuracy.sh: needs $tool" >&2; exit 2; }
done

swift build -c release --product conform-accuracy >/dev/null
bench="$(swift build -c release --show-bin-path)/conform-accuracy"

tag="cf$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
sender_ns="${tag}s"; receiver_ns="${tag}r"
sender_if="${tag}s0"; receiver_if="${tag}r0"
work="$(mktemp -d)"
created=()
dumps=()
cleanup() {
    for pid in "${dumps[@]}"; do kill "$pid" 2>/dev/null || true; done
    for ns in "${created[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

for ns in "$sender_ns" "$receiver_ns"; do ip netns add "$ns"; created+=("$ns"); done
ip link add "$sender_if" netns "$sender_ns" type veth peer name "$receiver_if" netns "$receiver_ns"
for triple in "$sender_ns:$sender_if:10.77.0.1" "$receiver_ns:$receiver_if:10.77.0.2"; do
    IFS=: read -r ns ifname address <<<"$triple"
    for setting in addr_gen_mode=1 accept_dad=0 dad_transmits=0 router_solicitations=0; do
        ip netns exec "$ns" sysctl -q -w "net.ipv6.conf.$ifname.$setting"
    done
    ip -n "$ns" addr add "$address/24" dev "$ifname"
    ip -n "$ns" link set "$ifname" up
done

# tcpdump on both ends, nanosecond timestamps, only the stream's EtherType.
start_dump() {
    local ns="$1" ifname="$2" out="$3"
    ip netns exec "$ns" tcpdump -i "$ifname" --time-stamp-precision=nano -s 256 -U -w "$out" ether proto 0x88b5 \
        2>"$out.log" &
    dumps+=("$!")
    for _ in $(seq 1 500); do grep -q "listening" "$out.log" 2>/dev/null && return 0; sleep 0.01; done
    echo "accuracy.sh: tcpdump did not start:" >&2; cat "$out.log" >&2; return 1
}
start_dump "$sender_ns" "$sender_if" "$work/sender.pcap"
start_dump "$receiver_ns" "$receiver_if" "$work/receiver.pcap"

"$bench" --sender-namespace "$sender_ns" --sender-interface "$sender_if" \
    --receiver-namespace "$receiver_ns" --receiver-interface "$receiver_if" \
    --count "$count" --rate "$rate" --size "$size" --events "$work/events.csv" --user-events "$work/user.csv" \
    >"$work/conform.out"

sleep 0.5
for pid in "${dumps[@]}"; do kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
dumps=()

: >"$work/ping.out"
if command -v ping >/dev/null; then
    ip netns exec "$sender_ns" ping -c "$pings" -i 0.002 -s 82 10.77.0.2 >"$work/ping.out" 2>&1 || true
fi

echo "Timing accuracy: $count frames of $size bytes at $rate pps over veth ($(uname -r))"
sed 's/^/  conform: /' "$work/conform.out"
python3 Benchmarks/accuracy_compare.py --events "$work/events.csv" --sender "$work/sender.pcap" \
    --receiver "$work/receiver.pcap" --user "$work/user.csv" --ping "$work/ping.out" $( (( quick )) && echo --no-assert )
