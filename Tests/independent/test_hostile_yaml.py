"""Hostile YAML — an alias bomb, 20,000-deep nesting, duplicate keys, invalid UTF-8 — gets
its diagnostic and exit status 2 from the real binary within a second and without large
memory (the process runs under a 512 MiB address-space limit, and its peak RSS is checked)."""
import os
import resource
import subprocess
import time

import pytest

from conftest import ROOT

CASES = [
    ("alias-bomb.yaml", "[yaml.alias]"),
    ("deep-nesting.yaml", "[yaml.too-deep]"),
    ("duplicate-key.yaml", "[yaml.duplicate-key]"),
    ("invalid-utf8.yaml", "[yaml.invalid-utf8]"),
]


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (512 * 1024 * 1024, 512 * 1024 * 1024))


@pytest.mark.parametrize("command", ["lint", "run"])
@pytest.mark.parametrize("name,diagnostic", CASES)
def test_hostile_yaml_is_refused_quickly_and_cheaply(conform, command, name, diagnostic):
    path = ROOT / "Fixtures" / "bad-suites" / name
    arguments = [str(conform), command, str(path)] + (["--target", "sim:ipv6-host"] if command == "run" else [])
    started = time.monotonic()
    process = subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=limit_memory)
    # Reap the child ourselves to read its own peak RSS; its output is far below a pipe's buffer.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    output = (process.stdout.read() + process.stderr.read()).decode()
    assert os.waitstatus_to_exitcode(status) == 2, output
    assert diagnostic in output
    assert f"{name}:" in output
    assert elapsed < 1.0, f"{command} {name} took {elapsed:.2f} s"
    assert usage.ru_maxrss < 200 * 1024, f"peak RSS {usage.ru_maxrss} KiB"
