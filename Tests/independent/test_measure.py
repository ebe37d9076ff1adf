"""ConformMeasure's statistics agree to the nanosecond with this independent computation over the
same event log (up to 1,000,000 samples), and past the exact limit its percentiles stay within the
histogram's stated relative error (1/2048).

The definitions are those documented on StreamAnalyzer: nearest-rank percentiles, the mean rounded
half up, RFC 3550 jitter in the integer form of its Appendix A.8, IPDV over consecutive sequence
numbers both received (RFC 3393), PDV = D - min D (RFC 5481), reordering as s < NextExp (RFC 4737)."""
import json
import math
import random

import pytest

from conftest import run_conform

LEVELS = {"p50": 50_000, "p90": 90_000, "p99": 99_000, "p99.9": 99_900}


def nearest_rank(sorted_values, parts_per_100k):
    rank = max(1, math.ceil(parts_per_100k * len(sorted_values) / 100_000))
    return sorted_values[rank - 1]


def reference(events, link_rate=None):
    """Independent statistics over a list of ('tx', seq, ns) / ('rx', seq, ns, length) events."""
    sent, delay_of, delays = {}, {}, []
    duplicates = reordered = unmatched = receptions = 0
    highest = None
    jitter16, last_transit = 0, None
    for event in events:
        if event[0] == "tx":
            sent.setdefault(event[1], event[2])
            continue
        _, seq, ns, length = event
        receptions += 1
        if seq not in sent:
            unmatched += 1
            continue
        correction = 0
        if link_rate:
            bits = 8 * (length + 20) * 1_000_000_000
            correction = (2 * bits + link_rate) // (2 * link_rate)
        delay = ns - sent[seq] - correction
        if seq in delay_of:
            duplicates += 1
            continue
        if highest is not None and seq < highest:
            reordered += 1
        highest = seq if highest is None else max(highest, seq)
        delay_of[seq] = delay
        delays.append(delay)
        if last_transit is not None:
            jitter16 += abs(delay - last_transit) - ((jitter16 + 8) >> 4)
        last_transit = delay
    out = {
        "transmitted": len(sent), "received": len(delays), "loss": len(sent) - len(delays),
        "duplicates": duplicates, "reordered": reordered, "unmatched": unmatched,
    }
    if delays:
        ordered = sorted(delays)
        n = len(delays)
        out.update({"latency.min": ordered[0], "latency.max": ordered[-1],
                    "latency.mean": (2 * sum(delays) + n) // (2 * n),
                    "jitter.rfc3550": jitter16 >> 4, "pdv.max": ordered[-1] - ordered[0]})
        for name, level in LEVELS.items():
            out[f"latency.{name}"] = nearest_rank(ordered, level)
            out[f"pdv.{name}"] = nearest_rank(ordered, level) - ordered[0]
    ipdv = [delay_of[s] - delay_of[s - 1] for s in sorted(delay_of) if s - 1 in delay_of]
    if ipdv:
        magnitudes = sorted(abs(v) for v in ipdv)
        out.update({"ipdv.min": min(ipdv), "ipdv.max": max(ipdv)})
        for name, level in LEVELS.items():
            out[f"ipdv.abs.{name}"] = nearest_rank(magnitudes, level)
    return out


def synthetic_stream(count, seed, interval=10_000, loss=0.001, duplicate=0.001, reorder=0.002):
    """A stream with a heavy-tailed delay, some loss, duplicates and reordering, in time order."""
    rng = random.Random(seed)
    events = []
    for seq in range(count):
        sent = seq * interval
        events.append((sent, 0, ("tx", seq, sent)))
        if rng.random() < loss:
            continue
        delay = 2_000 + int(rng.expovariate(1 / 700)) + (rng.random() < 0.01) * rng.randrange(50_000)
        if rng.random() < reorder:
            delay += interval * 3
        length = rng.choice((64, 512, 1518))
        events.append((sent + delay, 1, ("rx", seq, sent + delay, length)))
        if rng.random() < duplicate:
            events.append((sent + delay + 37, 1, ("rx", seq, sent + delay + 37, length)))
    events.append((count * interval, 1, ("rx", count + 5, count * interval, 64)))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


def write_log(path, events):
    with open(path, "w") as f:
        f.write("event,sequence,ns,length\n")
        for e in events:
            f.write(",".join(str(x) for x in e) + "\n")


def conform_stats(conform, path, *options):
    result = run_conform(conform, "stats", str(path), *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("count,seed,link_rate", [(1_000, 1, None), (50_000, 2, 1_000_000_000), (1_000_000, 3, None)])
def test_statistics_agree_to_the_nanosecond(conform, tmp_path, count, seed, link_rate):
    events = synthetic_stream(count, seed)
    path = tmp_path / "events.csv"
    write_log(path, events)
    options = ("--link-rate", str(link_rate)) if link_rate else ()
    ours = conform_stats(conform, path, *options)
    theirs = reference(events, link_rate)
    assert ours.pop("exact") is True
    assert ours == theirs


def test_past_the_exact_limit_percentiles_stay_within_the_stated_error(conform, tmp_path):
    events = synthetic_stream(300_000, 4)
    path = tmp_path / "events.csv"
    write_log(path, events)
    ours = conform_stats(conform, path, "--exact-limit", "10000")
    theirs = reference(events)
    assert ours.pop("exact") is False
    for name in theirs:
        if name.startswith("latency.p"):
            assert abs(ours[name] - theirs[name]) <= abs(theirs[name]) / 2048, name
        elif not name.startswith(("pdv.p", "ipdv.abs.")):
            assert ours[name] == theirs[name], name
