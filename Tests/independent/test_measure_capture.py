"""Every measurement of a Suites/tsn run agrees to the nanosecond with an independent computation
over tshark's reading of the bundle's captures: frames are found by the stream tag at their end
(b"CfSt", FNV-1a id of the stream name, sequence, transmit time), transmissions are outbound
frames on any port, receptions inbound frames on the measured port, within the case's frames;
and `conform mutate` finds every fault of the bridge caught by a case of its clause."""
import json
import subprocess

import pytest

from conftest import run_conform
from test_measure import reference

MAGIC = "43665374"  # "CfSt"


def fnv1a(name):
    value = 2166136261
    for byte in name.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


def capture_frames(bundle, port):
    """(case, direction, ns, length, stream id, sequence) for each tagged frame, by tshark."""
    out = subprocess.run(
        ["tshark", "-r", str(bundle / "captures" / f"{port}.pcapng"), "-T", "fields", "-E", "separator=,",
         "-e", "frame.comment", "-e", "frame.packet_flags_direction", "-e", "frame.time_epoch",
         "-e", "frame.len", "-e", "data.data"],
        capture_output=True, text=True, check=True).stdout
    frames = []
    for line in out.splitlines():
        comment, direction, epoch, length, data = line.split(",")
        tag = data[-48:]
        if len(data) < 48 or not tag.startswith(MAGIC):
            continue
        seconds, _, fraction = epoch.partition(".")
        ns = int(seconds) * 1_000_000_000 + int(fraction.ljust(9, "0")[:9])
        frames.append((comment.removeprefix("case "), "in" if int(direction, 16) & 3 == 1 else "out",
                       ns, int(length), int(tag[8:16], 16), int(tag[16:32], 16)))
    return frames


@pytest.fixture(scope="module")
def tsn_bundle(conform, tmp_path_factory):
    out = tmp_path_factory.mktemp("bundles") / "tsn"
    result = run_conform(conform, "run", "Suites/tsn", "--target", "sim:tsn-bridge", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_measurements_agree_with_tshark(tsn_bundle):
    run = json.loads((tsn_bundle / "run.json").read_text())
    ports = [p.stem for p in (tsn_bundle / "captures").glob("*.pcapng")]
    frames = {port: capture_frames(tsn_bundle, port) for port in ports}
    checked = 0
    for case in run["cases"]:
        for measurement in case["measurements"]:
            stream = fnv1a(measurement["stream"])
            events = []
            for port in ports:
                for (case_id, direction, ns, length, sid, seq) in frames[port]:
                    if case_id != case["id"] or sid != stream:
                        continue
                    if direction == "out":
                        events.append((ns, 0, ("tx", seq, ns)))
                    elif port == measurement["port"]:
                        events.append((ns, 1, ("rx", seq, ns, length)))
            events.sort(key=lambda e: (e[0], e[1]))
            expected = reference([e[2] for e in events], measurement.get("correctionBitsPerSecond"))
            assert measurement["values"] == expected, (case["id"], measurement["stream"])
            checked += 1
    assert checked >= 15


def test_raw_samples_match_the_reported_counts(tsn_bundle):
    run = json.loads((tsn_bundle / "run.json").read_text())
    for case in run["cases"]:
        for measurement in case["measurements"]:
            lines = (tsn_bundle / measurement["samples"]).read_text().splitlines()
            assert lines[0] == "stream,sequence,transmit_ns,receive_ns,delay_ns,duplicate,reordered"
            rows = [line.split(",") for line in lines[1:] if line.split(",")[0] == measurement["stream"]]
            first = [r for r in rows if r[5] == "0"]
            assert len(first) == measurement["values"]["received"], case["id"]
            if first:
                assert min(int(r[4]) for r in first) == measurement["values"]["latency.min"]


def test_mutate_catches_every_fault_of_the_tsn_bridge(conform):
    result = run_conform(conform, "mutate", "Suites/tsn", "--sim", "tsn-bridge")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(100.0%)" in result.stdout and "MISSED" not in result.stdout
