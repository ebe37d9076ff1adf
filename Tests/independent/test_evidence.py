"""Evidence bundles checked from outside: the registry record against its committed schema with
an independent JSON Schema validator, `conform verify` on signed and unsigned bundles, a real
`kill -9` in the middle of a run followed by `--resume`, and the report rendered by headless
Chromium."""
import json
import os
import shutil
import signal
import stat
import struct
import subprocess
import time
import zlib

import jsonschema
import pytest

from conftest import ROOT, run_conform

TEST_KEY = ROOT / "Fixtures" / "keys" / "test-lab.key"
TEST_PUB = ROOT / "Fixtures" / "keys" / "test-lab.pub"


def registry_schema():
    return json.loads((ROOT / "schema" / "registry-record.schema.json").read_text())


@pytest.fixture(scope="session")
def signed_bundle(conform, tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence") / "signed"
    result = run_conform(conform, "run", "Suites/ipv6-core", "--target", "sim:ipv6-host+na-hop-limit-64", "--out", str(out),
                         "--sign", str(TEST_KEY), "--operator", "A. Tester", "--lab", "Conform Test Lab")
    assert result.returncode == 1, result.stdout + result.stderr
    return out


def test_committed_registry_schema_equals_conform_schema(conform):
    result = run_conform(conform, "schema", "registry-record")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == registry_schema()


@pytest.mark.parametrize("bundle", ["reference_bundle", "faulty_bundle", "signed_bundle"])
def test_registry_record_validates_against_its_schema(bundle, request):
    schema = registry_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    record = json.loads((request.getfixturevalue(bundle) / "registry-record.json").read_text())
    jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_registry_schema_rejects_a_wrong_verdict(signed_bundle):
    record = json.loads((signed_bundle / "registry-record.json").read_text())
    record["results"]["overall_verdict"] = "passed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, registry_schema(), cls=jsonschema.Draft202012Validator)


def test_signed_bundle_verifies_and_records_operator_and_authoriser(conform, signed_bundle):
    result = run_conform(conform, "verify", str(signed_bundle), "--key", str(TEST_PUB))
    assert result.returncode == 0, result.stdout + result.stderr
    run = json.loads((signed_bundle / "run.json").read_text())
    record = json.loads((signed_bundle / "registry-record.json").read_text())
    assert run["operator"] == "A. Tester"
    assert run["authoriser"] == record["signatures"][0]["keyid"]
    assert record["results"]["overall_verdict"] == "fail"
    manifest = json.loads((signed_bundle / "manifest.json").read_text())
    assert "registry-record.json" in [f["path"] for f in manifest["files"]]


def test_unsigned_bundle_verifies_only_for_integrity(conform, reference_bundle):
    assert run_conform(conform, "verify", str(reference_bundle)).returncode == 1
    assert run_conform(conform, "verify", str(reference_bundle), "--integrity-only").returncode == 0


def test_tampered_capture_is_reported(conform, signed_bundle, tmp_path):
    copy = tmp_path / "tampered"
    shutil.copytree(signed_bundle, copy)
    capture = copy / "captures" / "tn1.pcapng"
    data = bytearray(capture.read_bytes())
    data[len(data) // 2] ^= 0xFF
    capture.write_bytes(bytes(data))
    result = run_conform(conform, "verify", str(copy), "--key", str(TEST_PUB))
    assert result.returncode == 1
    assert "captures/tn1.pcapng: sha256" in result.stdout


def test_keygen_writes_private_key_0600_and_never_overwrites(conform, tmp_path):
    base = tmp_path / "lab"
    assert run_conform(conform, "keygen", str(base)).returncode == 0
    assert stat.S_IMODE(os.stat(f"{base}.key").st_mode) == 0o600
    assert open(f"{base}.key").read().startswith("-----BEGIN PRIVATE KEY-----")
    before = open(f"{base}.key").read()
    assert run_conform(conform, "keygen", str(base)).returncode == 1
    assert open(f"{base}.key").read() == before


def journal_lines(bundle):
    path = bundle / "journal.ndjson"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_kill_9_mid_run_then_resume_gives_one_complete_bundle(conform, tmp_path):
    out = tmp_path / "killed"
    selected = ["ICMP-ECHO-001", "ICMP-ECHO-002", "ND-RES-001", "ND-NS-001", "ND-NS-002", "ND-NA-001", "ND-NSINVAL-001"]
    filters = [argument for case in selected for argument in ("--filter", case)]
    process = subprocess.Popen([str(conform), "run", "Suites/ipv6-core", "--target", "sim:ipv6-host", "--out", str(out),
                                "--sign", str(TEST_KEY), "--pace", "400ms", *filters],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while journal_lines(out) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = journal_lines(out)
    assert 2 <= killed_at < 7

    unfinished = run_conform(conform, "verify", str(out), "--key", str(TEST_PUB))
    assert unfinished.returncode == 1
    assert "unfinished run" in unfinished.stdout

    resumed = run_conform(conform, "run", "--resume", str(out), "--sign", str(TEST_KEY))
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert resumed.stdout.strip().splitlines()[-1] == f"bundle: {out}"

    verified = run_conform(conform, "verify", str(out), "--key", str(TEST_PUB))
    assert verified.returncode == 0, verified.stdout
    run = json.loads((out / "run.json").read_text())
    ids = [c["id"] for c in run["cases"] if c["verdict"] != "skipped"]
    journaled = [json.loads(line)["case"]["id"] for line in (out / "journal.ndjson").read_text().splitlines()]
    assert sorted(ids) == sorted(selected) and len(ids) == len(set(ids))
    assert journaled == ids
    assert any("resumed" in d for d in json.loads((out / "registry-record.json").read_text())["results"]["deviations"])


def png_is_not_blank(path):
    """Decodes the PNG's image data (zlib) and checks it holds more than one colour's worth of bytes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat = 8, b""
    width = height = 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    pixels = zlib.decompress(idat)
    return width > 100 and height > 100 and len(set(pixels)) > 16


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (CI/setup.sh installs it)")
def test_report_renders_in_headless_chromium(signed_bundle, tmp_path):
    report = signed_bundle / "report.html"
    html = report.read_text()
    assert "<script" not in html and "http://" not in html and "https://" not in html
    base = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    subprocess.run(base + [f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.exists() and png_is_not_blank(shot)
    dom = subprocess.run(base + ["--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    assert '<table id="verdict-table">' in dom
    assert "ND-NA-001" in dom and "RFC 4861 §4.4" in dom and ">fail<" in dom
    for field in ("Report id", "Laboratory", "Method", "Item tested", "Deviations", "Measurement uncertainty", "Decision rule", "Authoriser"):
        assert f"<dt>{field}</dt>" in dom
