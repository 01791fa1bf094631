"""Conformance: every vector of tests/vectors/pricing priced through ``price_json`` reproduces its
``expected`` priced cart byte for byte, and every error vector raises a ``PricingError`` whose message
contains ``expected_error``.

Byte comparison: ``price_json`` returns serde_json's compact output, whose object keys follow the
Rust structs' field order. ``json.load`` keeps each vector file's key order, and the vector files
write ``expected`` in struct field order, so ``json.dumps(expected, separators=(",", ":"),
ensure_ascii=False)`` is the exact byte string the engine must print (serde_json writes non-ASCII
characters raw, hence ``ensure_ascii=False``). ``test_expected_follows_struct_order`` checks that
premise on its own, so a key-order slip in a vector file is reported as such.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import vitrina
from conftest import VECTOR_DIR

VECTORS = sorted(VECTOR_DIR.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        vector: dict[str, Any] = json.load(f)
    return vector


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def test_vectors_are_present() -> None:
    assert len(VECTORS) >= 45


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path: Path) -> None:
    vector = load(path)
    input_text = compact(vector["input"])
    if "expected_error" in vector:
        with pytest.raises(vitrina.PricingError) as raised:
            vitrina.price_json(input_text)
        assert vector["expected_error"] in str(raised.value)
        assert isinstance(raised.value.code, str)
        return
    output = vitrina.price_json(input_text)
    assert json.loads(output) == vector["expected"], "values differ"
    assert output == compact(vector["expected"]), "bytes differ"


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector_through_objects(path: Path) -> None:
    """The same vector through Catalog / Pricer / Cart / PricedCart.to_json gives the same bytes (or
    the same error message)."""
    vector = load(path)
    data = vector["input"]

    def price() -> vitrina.PricedCart:
        pricer = vitrina.Pricer(vitrina.Catalog(data["catalog"]), data.get("rules"))
        cart = vitrina.Cart.from_json(compact(data["cart"]))
        context = vitrina.PricingContext.from_json(compact(data["context"]))
        return pricer.price(cart, context)

    if "expected_error" in vector:
        with pytest.raises(vitrina.VitrinaError) as raised:
            price()
        assert vector["expected_error"] in str(raised.value)
        return
    priced = price()
    assert priced.to_json() == compact(vector["expected"])
    assert str(priced.totals.grand_total) == vector["expected"]["totals"]["grand_total"]


def test_expected_follows_struct_order() -> None:
    """Key order of the vector files' ``expected`` is the engine's (struct) order."""
    vector = load(VECTOR_DIR / "066_full_pipeline.json")
    output: dict[str, Any] = json.loads(vitrina.price_json(compact(vector["input"])))
    assert list(output) == list(vector["expected"])
    assert list(output["lines"][0]) == list(vector["expected"]["lines"][0])
    assert list(output["totals"]) == list(vector["expected"]["totals"])
