"""Benchmark: the README's 100-line cart (line i: unit price ((i*37) % 9999) + 99 cents EUR,
quantity (i % 5) + 1; 20 % tax; a 10 % percent_off and 0.50 amount_off each_line) priced through
``Pricer.price``. The binding's cost per call must stay under twice the engine's own time for the
same call (timed in Rust by ``_bench_price_rust``) plus 5 µs. Both figures are printed."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest

import vitrina
from vitrina._vitrina import _bench_price_rust

LINES = 100
CALLS = 300
REPEATS = 5


def bench_catalog() -> vitrina.Catalog:
    products: list[dict[str, Any]] = []
    for i in range(LINES):
        cents = ((i * 37) % 9999) + 99
        price = Decimal(cents).scaleb(-2)
        variant = {"id": f"v{i}", "prices": [{"currency": "EUR", "amount": price}], "weight_grams": 100}
        products.append({"id": f"p{i}", "name": f"Product {i}", "variants": [variant]})
    return vitrina.Catalog({"products": products})


def bench_rules() -> dict[str, Any]:
    return {
        "promotions": [
            {
                "id": "ten-percent",
                "name": "ten-percent",
                "priority": 1,
                "currency": "EUR",
                "action": {"type": "percent_off", "percent": Decimal(10), "target": {}},
            },
            {
                "id": "fifty-cents",
                "name": "fifty-cents",
                "priority": 2,
                "currency": "EUR",
                "action": {"type": "amount_off", "amount": Decimal("0.50"), "target": {}, "allocation": "each_line"},
            },
        ],
        "tax": {"rules": [{"region": "DE", "tax_category": None, "rate": Decimal("0.20"), "name": "VAT"}]},
    }


def best_python_seconds_per_call(pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(CALLS):
            pricer.price(cart, context)
        best = min(best, (time.perf_counter() - start) / CALLS)
    return best


def test_bench_price_100_lines(capsys: pytest.CaptureFixture[str]) -> None:
    catalog = bench_catalog()
    pricer = vitrina.Pricer(catalog, bench_rules())
    cart = vitrina.Cart("EUR")
    for i in range(LINES):
        cart.add_line(catalog, f"v{i}", (i % 5) + 1)
    context = vitrina.PricingContext("EUR", datetime(2026, 11, 23, 12, tzinfo=timezone.utc), region="DE")

    priced = pricer.price(cart, context)
    assert len(priced.lines) == LINES
    assert [p.promotion_id for p in priced.promotions] == ["ten-percent", "fifty-cents"]

    for _ in range(20):  # warm-up
        pricer.price(cart, context)
    rust = min(_bench_price_rust(pricer, cart, context, CALLS) for _ in range(REPEATS))
    python = best_python_seconds_per_call(pricer, cart, context)
    limit = 2 * rust + 5e-6
    with capsys.disabled():
        print(
            f"\n[bench] 100-line cart: Pricer.price {python * 1e6:.1f} µs/call, "
            f"Rust engine {rust * 1e6:.1f} µs/call, binding overhead {(python - rust) * 1e6:.1f} µs "
            f"(limit {limit * 1e6:.1f} µs)"
        )
    assert python < limit
