"""Failed `Shop` calls raise one exception class per error domain of the core, carrying the core's
`code`, `field`, `domain`, `outcome_unknown` and `conflict` (the same values the bridge's Rust tests
see); a domain the old API already had keeps its class, so both raise alike."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path

import pytest
from shop_world import eur, open_shop, place

import vitrina
from vitrina.shop import (
    CODES,
    ActorStaff,
    DOMAIN_ERRORS,
    CartError,
    CustomerError,
    NewCustomer,
    PaymentError,
    PaymentMethod,
    ReturnError,
    ReviewError,
    Shop,
    ShopError,
    VitrinaError,
)

ROOT = Path(__file__).resolve().parents[3]


def error_codes() -> dict[str, set[str]]:
    domains: dict[str, set[str]] = {}
    for line in (ROOT / "core" / "error_codes.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            domain, code, _ = line.split("\t")
            domains.setdefault(domain, set()).add(code)
    return domains


def test_every_domain_of_the_core_has_its_exception_class() -> None:
    domains = error_codes()
    assert sorted(DOMAIN_ERRORS) == sorted(domains)
    assert {domain: set(codes) for domain, codes in CODES.items()} == domains
    for domain, error in DOMAIN_ERRORS.items():
        assert issubclass(error, VitrinaError) and error.__doc__, domain
    assert len(set(DOMAIN_ERRORS.values())) == len(DOMAIN_ERRORS)


def test_domains_the_old_api_knew_keep_their_class() -> None:
    assert DOMAIN_ERRORS["cart"] is vitrina.CartError and DOMAIN_ERRORS["payment"] is vitrina.PaymentError
    assert DOMAIN_ERRORS["store"] is vitrina.StoreError and DOMAIN_ERRORS["money"] is vitrina.MoneyError
    assert (DOMAIN_ERRORS["customer"], DOMAIN_ERRORS["returns"], DOMAIN_ERRORS["review"]) == (
        CustomerError,
        ReturnError,
        ReviewError,
    )


def test_named_calls_fail_as_the_core_says() -> None:
    shop, _ = open_shop()
    with pytest.raises(ShopError) as unknown:
        shop.call("carts.fly", {})
    assert (unknown.value.code, unknown.value.domain) == ("not_found", "shop")

    with pytest.raises(ShopError) as missing:
        shop.call("carts.add_line", {"cart_id": "c", "variant_id": "v"})
    assert (missing.value.code, missing.value.field) == ("invalid", "quantity")

    with pytest.raises(ShopError) as mistyped:
        shop.call("carts.add_line", {"cart_id": "c", "variant_id": "v", "quantity": "two"})
    assert (mistyped.value.code, mistyped.value.field) == ("invalid", "quantity")

    with pytest.raises(ShopError, match="colour") as extra:
        shop.call("carts.get", {"cart_id": "c", "colour": "red"})
    assert extra.value.code == "invalid"

    with pytest.raises(ShopError) as nested:
        shop.call("customers.register", {"new": {"email": "not an address"}})
    assert nested.value.code == "invalid" and (nested.value.field or "").startswith("new")

    with pytest.raises(CustomerError) as refused:
        shop.customers.register(NewCustomer(email="not an address", name="Ana", locale="en"))
    assert (refused.value.code, refused.value.field, refused.value.domain) == ("invalid_field", "email", "customer")

    with pytest.raises(ShopError) as bad_text:
        shop._native.call("carts.get", "{cart_id:")
    assert (bad_text.value.code, bad_text.value.field) == ("invalid", "args")


def test_a_missing_cart_is_not_found() -> None:
    shop, _ = open_shop()
    with pytest.raises(VitrinaError) as absent:
        shop.carts.get("no-such-cart")
    assert absent.value.code == "not_found" and type(absent.value) is DOMAIN_ERRORS[absent.value.domain or ""]
    assert not absent.value.outcome_unknown and not absent.value.conflict


def test_a_domain_refusal_keeps_its_own_code_and_field() -> None:
    shop, _ = open_shop()
    cart = shop.carts.create("EUR")
    with pytest.raises(CartError) as zero:
        shop.carts.add_line(cart.id, "green-100g", 0)
    assert (zero.value.code, zero.value.field, zero.value.domain) == ("zero_quantity", "quantity", "cart")
    assert isinstance(zero.value, vitrina.CartError) and not isinstance(zero.value, ValueError)

    with pytest.raises(CartError) as unknown:
        shop.carts.remove_line(cart.id, "no-such-line")
    assert (unknown.value.code, unknown.value.domain) == ("unknown_line", "cart")


def test_a_declined_card_is_a_result_and_a_failed_gateway_an_unknown_outcome() -> None:
    shop, plugins = open_shop()
    ana = shop.customers.register(NewCustomer(email="ana@example.bg", name="Ana", locale="en"))
    order, _ = place(shop, ana, [("green-100g", 1)], PaymentMethod.CARD)
    declined = shop.payments.pay(order.id, "tok_declined", "k1")
    assert declined.last_error is not None and declined.last_error.value == "card_declined"

    with pytest.raises(PaymentError) as down:
        shop.payments.pay(order.id, "tok_down", "k2")
    assert (down.value.code, down.value.domain, down.value.outcome_unknown) == ("unavailable", "payment", True)
    assert "the card network is down" in str(down.value)
    assert isinstance(down.value, vitrina.PaymentError)

    staff = ActorStaff(id="mila")
    shop.wallets.deposit(ana.id, eur("5.00"), "goodwill", "credit:ana", staff)
    with pytest.raises(PaymentError) as reused:
        shop.wallets.deposit(ana.id, eur("6.00"), "goodwill", "credit:ana", staff)
    assert (reused.value.code, reused.value.domain, reused.value.conflict) == ("key_reused", "payment", False)
    assert plugins.card.calls[-1][1] == "tok_down"


def test_the_clock_is_set_by_hand_only_when_opened_with_one() -> None:
    shop = Shop.open("sqlite::memory:")
    with pytest.raises(ShopError) as refused:
        shop.set_time(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert (refused.value.code, refused.value.field) == ("invalid", "clock")


def test_async_calls_raise_the_same_classes() -> None:
    shop, _ = open_shop()

    async def fail() -> None:
        await shop.carts.get_async("no-such-cart")

    with pytest.raises(VitrinaError) as absent:
        asyncio.run(fail())
    assert absent.value.code == "not_found"
