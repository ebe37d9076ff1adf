"""Shared fixtures for the independent checks: the built `conform` binary and a run of it."""
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def conform():
    for build in ("release", "debug"):
        binary = ROOT / ".build" / build / "conform"
        if binary.exists():
            return binary
    pytest.fail("conform is not built: run `swift build -c release --product conform` first")


def run_conform(conform, *arguments, cwd=ROOT):
    return subprocess.run([str(conform), *arguments], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def reference_bundle(conform, tmp_path_factory):
    """A bundle of the IPv6 core suite against the reference simulator (every case passes)."""
    out = tmp_path_factory.mktemp("bundles") / "reference"
    result = run_conform(conform, "run", "Suites/ipv6-core", "--target", "sim:ipv6-host", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def faulty_bundle(conform, tmp_path_factory):
    """A bundle of the IPv6 core suite against a simulator that never answers NS: cases fail and are inconclusive."""
    out = tmp_path_factory.mktemp("bundles") / "faulty"
    result = run_conform(conform, "run", "Suites/ipv6-core", "--target", "sim:ipv6-host+no-na-reply", "--out", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    return out
