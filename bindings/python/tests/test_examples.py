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


def test_checkout_example_pays_the_order() -> None:
    out = run("checkout.py")
    assert "payment captured" in out and "paid -> processing" in out


@pytest.mark.parametrize("url", ["sqlite::memory:", "sqlite:{tmp}/shop.db"])
def test_store_courier_example_ships_and_refuses_a_stale_save(url: str, tmp_path: Path) -> None:
    out = run("store_courier.py", url.format(tmp=tmp_path))
    assert "label BK00001" in out and "stale save refused: expected 2, stored 3" in out
    assert out.rstrip().endswith("delivered")
