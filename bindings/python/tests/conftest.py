"""Shared fixtures: a small shop (categories, a configurable bike, tees with tracked stock, a mug,
a sold-out poster) with 20 % VAT in DE, a flat shipping method and a coupon promotion."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import vitrina

REPO_ROOT = Path(__file__).resolve().parents[3]
VECTOR_DIR = REPO_ROOT / "tests" / "vectors" / "pricing"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def eur(amount: str, min_quantity: int = 1) -> dict[str, Any]:
    return {"currency": "EUR", "amount": Decimal(amount), "min_quantity": min_quantity}


def shop_data() -> dict[str, Any]:
    bike_variants = []
    for frame, size, colour in [
        ("steel", "M", "red"),
        ("steel", "L", "red"),
        ("carbon", "S", "black"),
        ("carbon", "M", "black"),
        ("carbon", "L", "black"),
    ]:
        bike_variants.append(
            {
                "id": f"bike-{frame}-{size}-{colour}",
                "options": {"frame": frame, "size": size, "colour": colour},
                "prices": [eur("1200.00" if frame == "carbon" else "600.00")],
                "weight_grams": 9000,
            }
        )
    return {
        "categories": [
            {"id": "clothing", "name": "Clothing"},
            {"id": "tees", "name": "T-shirts", "parent_id": "clothing"},
            {"id": "home", "name": "Home"},
        ],
        "products": [
            {
                "id": "tee",
                "name": "Tee",
                "category_ids": ["tees"],
                "options": [{"name": "size", "values": ["M", "L"]}],
                "variants": [
                    {"id": "tee-m", "options": {"size": "M"}, "prices": [eur("20.00"), eur("18.00", 10)], "stock": 5},
                    {"id": "tee-l", "options": {"size": "L"}, "prices": [eur("20.00")], "stock": 0, "backorder": True},
                ],
            },
            {
                "id": "mug",
                "name": "Mug",
                "category_ids": ["home"],
                "featured": True,
                "variants": [{"id": "mug-v", "sku": "MUG-1", "prices": [eur("8.50")], "weight_grams": 350}],
            },
            {
                "id": "poster",
                "name": "Poster",
                "category_ids": ["home"],
                "variants": [{"id": "poster-v", "prices": [eur("15.00")], "stock": 0}],
            },
            {
                "id": "bike",
                "name": "Bike",
                "featured": True,
                "options": [
                    {"name": "frame", "values": ["steel", "carbon"]},
                    {"name": "size", "values": ["S", "M", "L"]},
                    {"name": "colour", "values": ["red", "black"]},
                ],
                "option_rules": [
                    {
                        "when_option": "frame",
                        "when_value": "carbon",
                        "then_option": "size",
                        "allowed_values": ["M", "L"],
                    }
                ],
                "variants": bike_variants,
            },
        ],
        "price_lists": [],
    }


def shop_rules() -> dict[str, Any]:
    return {
        "promotions": [
            {
                "id": "welcome",
                "name": "Welcome 10 %",
                "coupon_code": "WELCOME10",
                "action": {"type": "percent_off", "percent": Decimal("10"), "target": {}},
            }
        ],
        "tax": {"rules": [{"region": "DE", "tax_category": None, "rate": Decimal("0.20"), "name": "VAT"}]},
        "shipping_methods": [
            {"id": "post", "name": "Post", "currency": "EUR", "rate": {"type": "flat", "amount": Decimal("4.90")}}
        ],
    }


@pytest.fixture
def catalog() -> vitrina.Catalog:
    return vitrina.Catalog(shop_data())


@pytest.fixture
def pricer(catalog: vitrina.Catalog) -> vitrina.Pricer:
    return vitrina.Pricer(catalog, shop_rules())


@pytest.fixture
def cart() -> vitrina.Cart:
    return vitrina.Cart("EUR", customer_id="cust-1")


@pytest.fixture
def context() -> vitrina.PricingContext:
    return vitrina.PricingContext("EUR", NOW, region="DE", shipping_method_id="post")
