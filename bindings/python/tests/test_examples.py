"""The examples run to the end and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(name: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_quickstart_example_prints_its_receipt() -> None:
    out = run("quickstart.py")
    assert "EUR" in out and out.count("\n") > 3
