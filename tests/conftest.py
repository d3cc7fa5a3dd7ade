"""Shared fixtures: where the samples and the shared contract tools are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (a seed derived from each test),
# so CI passes or fails by the code, never by which inputs a run happened to draw.
# To explore new inputs locally: pytest --hypothesis-profile explore (or --hypothesis-seed).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CHECK_CONTRACT = SHARED / "tools" / "check_contract.py"
CORPORA = SHARED / "corpora"

CLOSING = SAMPLES / "closing-address.txt"
BULLETIN = SAMPLES / "embassy-bulletin.txt"
ADDRESS_2013 = SAMPLES / "cell-secretaries-2013.txt"
OPENING_2021 = SAMPLES / "cell-secretaries-opening-2021.txt"
RODONG = SAMPLES / "rodong-short-course-2021.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real command in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def assert_contract(output: str | bytes, a: Path | str, b: Path | str, tmp_path: Path) -> dict:
    """Validate a JSON output with ../shared/tools/check_contract.py; return it parsed."""
    data = output if isinstance(output, bytes) else output.encode("utf-8")
    parsed = json.loads(data)
    if not CHECK_CONTRACT.exists():
        pytest.skip("../shared/tools/check_contract.py not present")
    out = tmp_path / "out.json"
    out.write_bytes(data)
    res = subprocess.run(
        [sys.executable, str(CHECK_CONTRACT), str(out), str(a), str(b)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "contract ok" in res.stdout
    return parsed
