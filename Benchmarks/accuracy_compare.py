"""The comparison half of Benchmarks/accuracy.sh: Conform's per-frame one-way delays (its event
log) against tcpdump's nanosecond captures on both ends of the veth pair, and ping's
user-space round-trip times for contrast. Integer nanoseconds throughout; exit 1 when the
residual's p99 exceeds 1 us (unless --no-assert)."""
import argparse
import math
import re
import subprocess
import sys


def nearest_rank(sorted_values, fraction):
    return sorted_values[max(1, math.ceil(fraction * len(sorted_values))) - 1]


def tcpdump_times(path):
    """sequence -> capture time (ns), from the stream tag at the end of each frame."""
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-E", "separator=,", "-e", "frame.time_epoch",
                          "-e", "data.data"], capture_output=True, text=True, check=True).stdout
    times = {}
    for line in out.splitlines():
        epoch, data = line.split(",")
        if len(data) < 48 or not data[-48:].startswith("43665374"):
            continue
        seconds, _, fraction = epoch.partition(".")
        times.setdefault(int(data[-32:-16], 16), int(seconds) * 1_000_000_000 + int(fraction.ljust(9, "0")[:9]))
    return times


def conform_times(path):
    sent, received = {}, {}
    with open(path) as f:
        for line in f:
            fields = line.strip().split(",")
            target = sent if fields[0] == "tx" else received
            target.setdefault(int(fields[1]), int(fields[2]))
    return sent, received


def us(ns):
    return f"{ns / 1000:.3f} us"


def summary(name, values):
    ordered = sorted(values)
    return (f"{name}: p50 {us(nearest_rank(ordered, 0.5))}, p99 {us(nearest_rank(ordered, 0.99))}, "
            f"max {us(ordered[-1])} (n={len(ordered)})")


def main():
    parser = argparse.ArgumentParser()
    for name in ("events", "sender", "receiver", "user", "ping"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--no-assert", action="store_true")
    args = parser.parse_args()

    sent, received = conform_times(args.events)
    dump_tx, dump_rx = tcpdump_times(args.sender), tcpdump_times(args.receiver)
    common = sorted(set(sent) & set(received) & set(dump_tx) & set(dump_rx))
    if not common:
        print("  no frame seen by both conform and tcpdump", file=sys.stderr)
        return 1
    conform_delay = [received[s] - sent[s] for s in common]
    dump_delay = [dump_rx[s] - dump_tx[s] for s in common]
    difference = [c - d for c, d in zip(conform_delay, dump_delay)]
    bias = nearest_rank(sorted(difference), 0.5)
    residual = [abs(d - bias) for d in difference]
    tx_offset = [sent[s] - dump_tx[s] for s in common]
    rx_offset = [received[s] - dump_rx[s] for s in common]

    print(f"  frames matched by sequence number in both measurements: {len(common)}")
    print("  " + summary("one-way delay, conform (SO_TIMESTAMPING TX -> capture RX)", conform_delay))
    print("  " + summary("one-way delay, tcpdump (outgoing tap -> incoming tap)", dump_delay))
    print(f"  systematic bias (median of conform - tcpdump): {us(bias)}")
    print("    cause: " + summary("conform TX stamp - tcpdump outgoing tap", tx_offset))
    print("           " + summary("conform RX stamp - tcpdump incoming tap", rx_offset))
    print("           libpcap's outgoing tap stamps the frame earlier in the transmit path than the")
    print("           SO_TIMESTAMPING software TX stamp, so tcpdump's delays are longer by that gap.")
    print("  " + summary("per-frame residual |difference - bias|", residual))

    one_way = nearest_rank(sorted(conform_delay), 0.5)
    user_error = []
    with open(args.user) as f:
        for line in f:
            seq, user_tx, user_rx = (int(x) for x in line.split(","))
            if seq in sent and seq in received:
                user_error.append(abs((user_rx - user_tx) - (received[seq] - sent[seq])))
    if user_error:
        print("  " + summary("user-space method: |user-clock delay - conform delay|", user_error))
    rtts = [round(float(m) * 1_000_000) for m in re.findall(r"time=([0-9.]+) ms", open(args.ping).read())]
    if rtts:
        errors = [abs(r // 2 - one_way) for r in rtts]
        print("  " + summary("user-space method: |ping RTT/2 - conform one-way p50|", errors))
        print("    (ping's µs-resolution RTT also includes the ICMP echo turnaround in the peer's kernel)")

    p99 = nearest_rank(sorted(residual), 0.99)
    verdict = "within" if p99 <= 1000 else "NOT within"
    print(f"  residual p99 {us(p99)}: {verdict} 1 us")
    if not args.no_assert and p99 > 1000:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
