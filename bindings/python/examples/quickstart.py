"""Quickstart: a small catalog, a cart with a coupon, priced with tax and shipping, printed as a
receipt. The same shop as examples/quickstart.rs, so both print the same figures.

Run after `maturin develop` (or `bash bindings/python/test.sh`): `python bindings/python/examples/quickstart.py`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import vitrina


def product(product_id: str, name: str, price: str, grams: int) -> dict[str, Any]:
    variant = {
        "id": f"{product_id}-1",
        "prices": [{"currency": "EUR", "amount": Decimal(price)}],
        "weight_grams": grams,
        "stock": 50,
    }
    return {"id": product_id, "name": name, "variants": [variant]}


def main() -> None:
    # A catalog and the store's rules are validated once; errors name the offending field.
    catalog = vitrina.Catalog(
        {
            "products": [
                product("mug", "Stoneware mug", "12.90", 350),
                product("tea", "Mountain tea, 100 g", "6.45", 120),
                product("honey", "Linden honey, 400 g", "9.99", 520),
            ]
        }
    )
    pricer = vitrina.Pricer(
        catalog,
        {
            "promotions": [
                {
                    "id": "welcome",
                    "name": "Welcome: 10 % off tea and honey",
                    "priority": 10,
                    "coupon_code": "WELCOME10",
                    "action": {
                        "type": "percent_off",
                        "percent": Decimal(10),
                        "target": {"product_ids": ["tea", "honey"]},
                    },
                }
            ],
            "tax": {"rules": [{"region": "BG", "tax_category": None, "rate": Decimal("0.20"), "name": "VAT 20 %"}]},
            "shipping_methods": [
                {
                    "id": "courier",
                    "name": "Courier to the door",
                    "currency": "EUR",
                    "tax_category": "standard",
                    "rate": {"type": "flat", "amount": Decimal("4.90")},
                    "free_over": Decimal("60.00"),
                }
            ],
        },
    )

    # The shopper fills a cart; every edit is checked against the catalog (stock, prices, codes).
    cart = vitrina.Cart("EUR")
    cart.add_line(catalog, "mug-1", 2)
    cart.add_line(catalog, "tea-1", 3)
    cart.add_line(catalog, "honey-1")
    cart.apply_coupon("welcome10")
    try:
        cart.add_line(catalog, "mug-1", 100)
    except vitrina.CartError as e:
        print(f"refused ({e.code}): {e}")

    # Price the cart in a context: currency, region, channel, time, chosen shipping method.
    context = vitrina.PricingContext(
        "EUR",
        datetime(2026, 11, 23, 12, tzinfo=timezone.utc),
        region="BG",
        channel="web",
        first_order=True,
        shipping_method_id="courier",
    )
    priced = pricer.price(cart, context)
    print_receipt(catalog, priced)


def print_receipt(catalog: vitrina.Catalog, priced: vitrina.PricedCart) -> None:
    cur = priced.currency
    print(f"{'item':<24} {'qty':>4} {'price':>9} {'discount':>9} {'total':>9}")
    for line in priced.lines:
        product = catalog.product(line.product_id)
        name = product.name if product else "?"
        print(f"{name:<24} {line.quantity:>4} {line.unit_price:>9} {line.discount:>9} {line.total:>9}")
    for promotion in priced.promotions:
        print(f"  promotion {promotion.name!r} ({promotion.code or 'auto'}): -{promotion.amount} {cur}")
    for rejected in priced.rejected_coupons:
        print(f"  coupon {rejected.code} not applied: {rejected.reason}")
    if priced.shipping is not None:
        print(f"{'shipping (' + priced.shipping.method_id + ')':<24} {priced.shipping.total:>34}")
    t = priced.totals
    print(
        f"subtotal {t.subtotal} | discounts {t.discount_total} | shipping {t.shipping_total} "
        f"| tax {t.tax_total} | TOTAL {t.grand_total} {cur}"
    )


if __name__ == "__main__":
    main()
