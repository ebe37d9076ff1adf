#!/usr/bin/env bash
# Capture benchmark: a burst across a veth pair between two fresh network namespaces,
# captured by Conform's LivePort (conform-bench capture, streaming to pcapng) and by
# `tcpdump -w`, side by side. For each capturer it finds the highest rate at which a burst
# arrives complete (every frame captured, none dropped), and prints the rates and their
# ratio (LivePort / tcpdump). LivePort runs twice: in immediate mode (its default, what the
# runner uses) and buffered (immediate mode off, 1 ms timeout, as tcpdump -w captures).
#
#   Benchmarks/capture.sh            full run: 200,000-frame bursts, then a 10,000,000-frame
#                                    capture reporting the harness's peak resident memory
#   Benchmarks/capture.sh --quick    CI run: 20,000-frame bursts and a 200,000-frame memory
#                                    run; prints the same figures, asserts nothing
#
# Needs root, iproute2 and tcpdump. Makes two namespaces named cf<6 random chars>s/c and
# deletes exactly those on exit.
set -euo pipefail

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
cd "$(dirname "$0")/.."

if (( quick )); then
    burst=20000; memory_frames=200000; start_rate=25000; max_rate=1600000; refine=2
else
    burst=200000; memory_frames=10000000; start_rate=25000; max_rate=3200000; refine=4
fi
size=64
buffer_mib=32

[[ $(id -u) == 0 ]] || { echo "capture.sh: needs root (network namespaces)" >&2; exit 2; }
command -v ip >/dev/null || { echo "capture.sh: needs ip (iproute2)" >&2; exit 2; }
command -v tcpdump >/dev/null || { echo "capture.sh: needs tcpdump" >&2; exit 2; }

swift build -c release --product conform-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/conform-bench"

tag="cf$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
sender_ns="${tag}s"; capture_ns="${tag}c"
sender_if="${tag}s0"; capture_if="${tag}c0"
work="$(mktemp -d)"
created=()
cleanup() {
    for ns in "${created[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

for ns in "$sender_ns" "$capture_ns"; do ip netns add "$ns"; created+=("$ns"); done
ip link add "$sender_if" netns "$sender_ns" type veth peer name "$capture_if" netns "$capture_ns"
for pair in "$sender_ns:$sender_if" "$capture_ns:$capture_if"; do
    ns="${pair%%:*}"; ifname="${pair##*:}"
    for setting in addr_gen_mode=1 accept_dad=0 dad_transmits=0 router_solicitations=0; do
        ip netns exec "$ns" sysctl -q -w "net.ipv6.conf.$ifname.$setting"
    done
    ip -n "$ns" link set "$ifname" up
done

# Waits until FILE contains PATTERN (the capturer is listening); fails after 10 s.
wait_for() {
    local file="$1" pattern="$2"
    for _ in $(seq 1 1000); do grep -q "$pattern" "$file" 2>/dev/null && return 0; sleep 0.01; done
    echo "capture.sh: capturer did not start; its output:" >&2; cat "$file" >&2; return 1
}

# Sends COUNT frames at RATE; prints the achieved rate.
send_burst() {
    local count="$1" rate="$2"
    "$bench" send --namespace "$sender_ns" --interface "$sender_if" --count "$count" --rate "$rate" --size "$size" \
        | sed -n 's/.*rate=\([0-9]*\).*/\1/p'
}

# One burst captured by LivePort, immediate mode 1 or 0;
# prints "captured dropped achieved_rate peak_rss_kib".
run_conform() {
    local count="$1" rate="$2" immediate="$3" snap="${4:-262144}" out="$work/conform.out"
    "$bench" capture --namespace "$capture_ns" --interface "$capture_if" --expect "$count" \
        --out "$work/conform.pcapng" --buffer-mib "$buffer_mib" --immediate "$immediate" \
        --snap-length "$snap" >"$out" 2>&1 &
    local pid=$!
    wait_for "$out" '^ready'
    local achieved; achieved=$(send_burst "$count" "$rate")
    wait "$pid"
    local captured dropped rss
    captured=$(sed -n 's/.*captured=\([0-9]*\).*/\1/p' "$out")
    dropped=$(sed -n 's/.*dropped=\([0-9]*\).*/\1/p' "$out")
    rss=$(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' "$out")
    echo "$captured $dropped $achieved $rss"
}

run_immediate() { run_conform "$1" "$2" 1; }
# Immediate mode with a snap length of 1600 bytes: ring slots of about the MTU instead of
# 64 KiB (veth offloads segmentation), so the same ring holds about 40 times more frames.
run_immediate_snap1600() { run_conform "$1" "$2" 1 1600; }
run_buffered() { run_conform "$1" "$2" 0; }

# One burst captured by tcpdump -w; prints "captured dropped achieved_rate".
run_tcpdump() {
    local count="$1" rate="$2" out="$work/tcpdump.out"
    ip netns exec "$capture_ns" tcpdump -i "$capture_if" -n -s 262144 -B $((buffer_mib * 1024)) \
        -w "$work/tcpdump.pcap" ether proto 0x88b5 >"$out" 2>&1 &
    local pid=$!
    wait_for "$out" 'listening on'
    local achieved; achieved=$(send_burst "$count" "$rate")
    # Without immediate mode tcpdump sees a partly filled ring block only after its 1 s
    # timeout; interrupting it earlier would lose that block uncounted.
    sleep 1.5
    kill -INT "$pid"
    wait "$pid" || true
    local captured dropped
    captured=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$out")
    dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$out")
    echo "$captured $dropped $achieved"
}

# Highest zero-drop rate for capturer $1: doubles the rate until a burst loses frames (or
# the sender cannot go faster), then bisects between the last good and first bad rate.
# Prints the rate, prefixed with ">=" when no burst was lost and the sender set the limit.
zero_drop_rate() {
    local capturer="$1" rate="$start_rate" good=0 bad=0 best_achieved=0
    while (( rate <= max_rate )); do
        read -r captured dropped achieved _ < <("run_$capturer" "$burst" "$rate")
        echo "  $capturer: target ${rate}/s, sent at ${achieved}/s: captured $captured, dropped $dropped" >&2
        if (( captured == burst && dropped == 0 )); then
            good=$rate; best_achieved=$(( achieved > best_achieved ? achieved : best_achieved ))
            (( achieved < rate * 9 / 10 )) && break   # the sender is the limit now
            rate=$(( rate * 2 ))
        else
            bad=$rate; break
        fi
    done
    if (( bad > 0 && good > 0 )); then
        for _ in $(seq 1 "$refine"); do
            local middle=$(( (good + bad) / 2 ))
            read -r captured dropped achieved _ < <("run_$capturer" "$burst" "$middle")
            echo "  $capturer: target ${middle}/s, sent at ${achieved}/s: captured $captured, dropped $dropped" >&2
            if (( captured == burst && dropped == 0 )); then
                good=$middle; best_achieved=$(( achieved > best_achieved ? achieved : best_achieved ))
            else
                bad=$middle
            fi
        done
    fi
    (( bad == 0 )) && echo ">=$best_achieved" || echo "$best_achieved"
}

echo "capture benchmark: bursts of $burst frames of $size bytes, ring buffer $buffer_mib MiB each, $(nproc) cores"
immediate_rate=$(zero_drop_rate immediate)
snap_rate=$(zero_drop_rate immediate_snap1600)
buffered_rate=$(zero_drop_rate buffered)
tcpdump_rate=$(zero_drop_rate tcpdump)
# The ratio of two rates; when the sender bounded either one, the ratio is only an estimate.
ratio() {
    local a="${1#>=}" b="${2#>=}" note=""
    [[ "$1$2" == *">="* ]] && note=" (sender-bound: at least one capturer never lost a frame)"
    awk -v a="$a" -v b="$b" -v note="$note" 'BEGIN { if (b > 0) printf "%.2f%s", a / b, note; else print "n/a" }'
}
echo "highest zero-drop rate (frames/s): LivePort immediate $immediate_rate, immediate snaplen 1600 $snap_rate, buffered $buffered_rate; tcpdump -w $tcpdump_rate"
echo "ratio LivePort/tcpdump: immediate $(ratio "$immediate_rate" "$tcpdump_rate"), immediate snaplen 1600 $(ratio "$snap_rate" "$tcpdump_rate"), buffered $(ratio "$buffered_rate" "$tcpdump_rate")"

# Memory: one long capture streamed to pcapng, at three quarters of the buffered port's rate.
memory_rate=$(( ${buffered_rate#>=} > 0 ? ${buffered_rate#>=} * 3 / 4 : start_rate ))
read -r captured dropped achieved rss < <(run_buffered "$memory_frames" "$memory_rate")
echo "memory: LivePort (buffered) captured $captured of $memory_frames frames at ${achieved}/s (dropped $dropped), peak resident $(( rss / 1024 )) MiB"
