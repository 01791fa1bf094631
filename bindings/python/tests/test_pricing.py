"""Pricing through objects: Pricer.price returns a PricedCart with attribute access and Decimal
amounts; its JSON equals price_json's on the same input; errors map to PricingError codes; the GIL
is released while the engine runs."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from typing import Any

import pytest

import vitrina
from conftest import NOW, shop_data, shop_rules


def test_price_a_cart(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    cart.add_line(catalog, "tee-m", 2, seen_unit_price=Decimal("19.00"))
    cart.add_line(catalog, "mug-v")
    cart.apply_coupon("welcome10")
    cart.apply_coupon("NOPE")
    priced = pricer.price(cart, context)
    assert (priced.cart_id, priced.currency, priced.prices_include_tax) == (cart.id, "EUR", False)
    tee, mug = priced.lines
    assert (tee.variant_id, tee.product_id, tee.quantity) == ("tee-m", "tee", 2)
    assert tee.unit_price == Decimal("20.00") and tee.price_changed
    assert (tee.subtotal, tee.discount, tee.tax_rate, tee.tax, tee.total) == (
        Decimal("40.00"),
        Decimal("4.00"),
        Decimal("0.20"),
        Decimal("7.20"),
        Decimal("43.20"),
    )
    assert not mug.price_changed and not mug.gift
    assert mug.discount == Decimal("0.85")
    (promotion,) = priced.promotions
    assert (promotion.promotion_id, promotion.name, promotion.code, promotion.action) == (
        "welcome",
        "Welcome 10 %",
        "WELCOME10",
        "percent_off",
    )
    assert promotion.amount == Decimal("4.85") and promotion.shipping == Decimal("0.00")
    assert [(s.line, s.amount) for s in promotion.lines] == [(0, Decimal("4.00")), (1, Decimal("0.85"))]
    (rejected,) = priced.rejected_coupons
    assert (rejected.code, rejected.reason) == ("NOPE", "not_found")
    shipping = priced.shipping
    assert shipping is not None
    assert (shipping.method_id, shipping.charge, shipping.total) == ("post", Decimal("4.90"), Decimal("5.88"))
    totals = priced.totals
    assert totals.subtotal == Decimal("48.50")
    assert totals.discount_total == Decimal("4.85")
    assert totals.grand_total == sum((line.total for line in priced.lines), shipping.total)
    for amount in (totals.subtotal, totals.tax_total, totals.shipping_total, totals.grand_total):
        assert isinstance(amount, Decimal) and amount.as_tuple().exponent == -2


def test_to_json_matches_price_json(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    cart.add_line(catalog, "tee-m", 3)
    cart.apply_coupon("WELCOME10")
    priced = pricer.price(cart, context)
    document = {
        "catalog": json.loads(catalog.to_json()),
        "rules": pricer.rules,
        "context": json.loads(context.to_json()),
        "cart": json.loads(cart.to_json()),
    }
    assert vitrina.price_json(json.dumps(document)) == priced.to_json()


def test_context_as_dict_or_object_gives_the_same_result(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    cart.add_line(catalog, "mug-v", 2)
    as_dict: dict[str, Any] = {"currency": "EUR", "now": NOW, "region": "DE", "shipping_method_id": "post"}
    assert pricer.price(cart, as_dict).to_json() == pricer.price(cart, context).to_json()
    assert pricer.price(cart, context.to_json()).to_json() == pricer.price(cart, context).to_json()


def test_rules_as_json_text(catalog: vitrina.Catalog, cart: vitrina.Cart, context: vitrina.PricingContext) -> None:
    rules = json.dumps(shop_rules(), default=str)
    pricer = vitrina.Pricer(catalog, rules)
    cart.add_line(catalog, "mug-v")
    assert pricer.price(cart, context).totals.tax_total == Decimal("2.68")
    plain = vitrina.PricingContext("EUR", NOW, region="DE")
    assert vitrina.Pricer(catalog).price(cart, plain).totals.tax_total == Decimal("0.00")


def test_context_attributes(context: vitrina.PricingContext) -> None:
    assert context.currency == "EUR" and context.now == NOW and context.region == "DE"
    assert (context.channel, context.customer_groups, context.first_order) == (None, [], False)
    assert context.promotion_uses == {} and context.shipping_method_id == "post"
    text = vitrina.PricingContext("EUR", "2026-11-23T12:00:00Z", customer_groups=["vip"], promotion_uses={"a": 1})
    assert text.now == NOW and text.customer_groups == ["vip"] and text.promotion_uses == {"a": 1}
    assert vitrina.PricingContext.from_json(context.to_json()).to_json() == context.to_json()


def test_pricing_errors(catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext) -> None:
    usd = vitrina.Cart("USD")
    with pytest.raises(vitrina.PricingError) as mismatch:
        pricer.price(usd, context)
    assert (mismatch.value.code, mismatch.value.field) == ("currency_mismatch", "cart.currency")
    cart = vitrina.Cart("EUR")
    cart.add_line(catalog, "mug-v")
    nowhere = vitrina.PricingContext("EUR", NOW, region="DE", shipping_method_id="express")
    with pytest.raises(vitrina.PricingError) as unknown:
        pricer.price(cart, nowhere)
    assert unknown.value.code == "unknown_shipping_method"
    assert 'unknown shipping method "express"' in str(unknown.value)


def test_invalid_rules(catalog: vitrina.Catalog) -> None:
    action = {"type": "amount_off", "amount": Decimal("5"), "target": {}, "allocation": "each_line"}
    rules = {"promotions": [{"id": "p", "action": action}]}
    with pytest.raises(vitrina.PricingError) as raised:
        vitrina.Pricer(catalog, rules)
    assert raised.value.code in {"invalid_rule", "invalid_input"}
    assert "currency" in str(raised.value)
    with pytest.raises(vitrina.VitrinaError) as shape:
        vitrina.Pricer(catalog, {"promotions": "none"})
    assert (shape.value.code, shape.value.field) == ("invalid", "rules")


def test_stale_cart_line_is_a_pricing_error(pricer: vitrina.Pricer, context: vitrina.PricingContext) -> None:
    data = json.loads(vitrina.Cart("EUR").to_json())
    data["lines"] = [{"id": "l1", "variant_id": "gone", "quantity": 1}]
    with pytest.raises(vitrina.PricingError) as raised:
        pricer.price(vitrina.Cart.from_json(json.dumps(data)), context)
    assert raised.value.code == "unknown_variant"
    assert raised.value.field is not None and "lines" in raised.value.field


def test_pricer_views(pricer: vitrina.Pricer) -> None:
    assert pricer.catalog.to_json() == vitrina.Catalog(shop_data()).to_json()
    assert pricer.rules["promotions"][0]["id"] == "welcome"
    assert pricer.rules["tax"]["rules"][0]["rate"] == "0.20"


def test_prices_in_parallel_threads(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    """Threads share one Pricer and Catalog; each prices its own cart (the GIL is released inside)."""
    results: list[Decimal] = []
    errors: list[BaseException] = []

    def work(quantity: int) -> None:
        try:
            cart = vitrina.Cart("EUR")
            cart.add_line(catalog, "mug-v", quantity)
            for _ in range(200):
                total = pricer.price(cart, context).totals.grand_total
            results.append(total)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(q,)) for q in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [Decimal("16.08"), Decimal("26.28"), Decimal("36.48"), Decimal("46.68")]


def packaging_rules() -> dict[str, Any]:
    return {
        **shop_rules(),
        "packaging": [
            {"kind": "gift_wrap", "name": "Gift wrap", "price": "3.50 EUR"},
            {"kind": "discreet", "name": "Plain box", "price": "1.25 EUR", "tax_category": "packaging"},
            {"kind": "gift_wrap", "name": "Geschenkpapier", "price": "4.00 USD"},
        ],
    }


def test_gift_wrapped_cart_is_charged_taxed_and_never_discounted(
    catalog: vitrina.Catalog, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    pricer = vitrina.Pricer(catalog, packaging_rules())
    cart.add_line(catalog, "tee-m", 2)
    cart.apply_coupon("WELCOME10")
    cart.set_gift_wrap(True, message="Happy birthday!")
    cart.set_discreet_packaging()
    priced = pricer.price(cart, context)
    # Tees 2 x 20.00 = 40.00, 10 % off = 4.00, 36.00 + 20 % VAT 7.20 = 43.20.
    # Post 4.90 + 0.98 = 5.88. Gift wrap 3.50 + 0.70 = 4.20, plain box 1.25 + 0.25 = 1.50 (the
    # coupon does not touch packaging). Grand total 43.20 + 5.88 + 4.20 + 1.50 = 54.78.
    wrap, box = priced.packaging
    assert (wrap.kind, wrap.name, wrap.charge, wrap.tax_rate, wrap.tax, wrap.total) == (
        "gift_wrap",
        "Gift wrap",
        Decimal("3.50"),
        Decimal("0.20"),
        Decimal("0.70"),
        Decimal("4.20"),
    )
    assert (box.kind, box.name, box.charge, box.tax, box.total) == (
        "discreet",
        "Plain box",
        Decimal("1.25"),
        Decimal("0.25"),
        Decimal("1.50"),
    )
    (promotion,) = priced.promotions
    assert promotion.amount == Decimal("4.00")
    totals = priced.totals
    assert (totals.subtotal, totals.discount_total, totals.shipping_total, totals.packaging_total) == (
        Decimal("40.00"),
        Decimal("4.00"),
        Decimal("4.90"),
        Decimal("4.75"),
    )
    assert totals.tax_total == Decimal("9.13")  # 7.20 + 0.98 + 0.70 + 0.25
    assert totals.grand_total == Decimal("54.78")
    for amount in (wrap.charge, wrap.tax, wrap.total, totals.packaging_total):
        assert isinstance(amount, Decimal) and amount.as_tuple().exponent == -2
    assert repr(wrap) == (
        "PricedPackaging(kind='gift_wrap', name='Gift wrap', charge=Decimal('3.50'), tax_rate=Decimal('0.20'), "
        "tax=Decimal('0.70'), total=Decimal('4.20'))"
    )
    assert json.loads(priced.to_json())["totals"]["packaging_total"] == "4.75"
    assert repr(totals) == (
        "Totals(subtotal=Decimal('40.00'), discount_total=Decimal('4.00'), shipping_total=Decimal('4.90'), "
        "packaging_total=Decimal('4.75'), tax_total=Decimal('9.13'), grand_total=Decimal('54.78'))"
    )


def test_a_cart_without_packaging_has_none(
    catalog: vitrina.Catalog, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    cart.add_line(catalog, "mug-v")
    priced = vitrina.Pricer(catalog, packaging_rules()).price(cart, context)
    assert priced.packaging == [] and priced.totals.packaging_total == Decimal("0.00")
    assert priced.totals.grand_total == Decimal("16.08")  # 8.50 + 1.70 + 4.90 + 0.98


def test_packaging_the_rules_do_not_offer_is_a_pricing_error(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    cart.add_line(catalog, "mug-v")
    cart.set_gift_wrap(True)
    with pytest.raises(vitrina.PricingError) as raised:
        pricer.price(cart, context)  # the shop's rules offer no packaging at all
    assert (raised.value.code, raised.value.field) == ("packaging_unavailable", "cart.gift_wrap")
    assert "no gift_wrap packaging is offered in EUR" in str(raised.value)
    only_wrap = {**shop_rules(), "packaging": [{"kind": "gift_wrap", "name": "Gift wrap", "price": "3.50 EUR"}]}
    cart.set_gift_wrap(False)
    cart.set_discreet_packaging()
    with pytest.raises(vitrina.PricingError) as discreet:
        vitrina.Pricer(catalog, only_wrap).price(cart, context)
    assert (discreet.value.code, discreet.value.field) == ("packaging_unavailable", "cart.discreet_packaging")
