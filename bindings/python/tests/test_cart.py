"""Cart: edits with keyword arguments, errors with a code per core variant (each leaves
the cart unchanged), JSON round trip, guest-cart merge (wish lists: test_shop_wish_list)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest

import vitrina


def test_new_cart(cart: vitrina.Cart) -> None:
    assert cart.currency == "EUR"
    assert cart.customer_id == "cust-1"
    assert len(cart.id) == 36 and cart.id[14] == "7"  # UUIDv7
    assert (cart.lines, cart.coupons, cart.note, cart.gift_wrap) == ([], [], None, None)
    assert vitrina.Cart("EUR").customer_id is None


def test_add_line_merges_same_variant(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    first = cart.add_line(catalog, "tee-m", 2, seen_unit_price=Decimal("20.00"))
    second = cart.add_line(catalog, variant_id="tee-m")
    assert first == second
    assert len(cart) == 1
    line = cart.lines[0]
    assert (line.id, line.variant_id, line.quantity) == (first, "tee-m", 3)
    assert line.unit_price_at_add == Decimal("20.00")
    assert cart.quantity_of("tee-m") == 3


def test_update_and_remove(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    line_id = cart.add_line(catalog, "mug-v")
    cart.update_quantity(catalog, line_id, quantity=4)
    assert cart.lines[0].quantity == 4
    removed = cart.remove_line(line_id)
    assert removed.quantity == 4 and removed.variant_id == "mug-v"
    assert len(cart) == 0


def test_line_note_keeps_lines_apart(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    engraved = cart.add_line(catalog, "mug-v")
    cart.set_line_note(engraved, "  For Ana ")
    plain = cart.add_line(catalog, "mug-v", 2)
    assert engraved != plain
    line = cart.line(engraved)
    assert line is not None and line.note == "For Ana"
    cart.set_line_note(engraved, None)
    cleared = cart.line(engraved)
    assert cleared is not None and cleared.note is None


def test_coupons(cart: vitrina.Cart) -> None:
    assert cart.apply_coupon(" welcome10 ") == "WELCOME10"
    cart.apply_coupon("FREESHIP")
    assert cart.coupons == ["WELCOME10", "FREESHIP"]
    cart.remove_coupon("freeship")
    assert cart.coupons == ["WELCOME10"]


def test_note_gift_wrap_and_packaging(cart: vitrina.Cart) -> None:
    cart.set_note(" ring twice ")
    assert cart.note == "ring twice"
    cart.set_note(None)
    assert cart.note is None
    cart.set_gift_wrap(message="  Happy birthday ")
    assert cart.gift_wrap is not None and cart.gift_wrap.message == "Happy birthday"
    cart.set_gift_wrap()
    assert cart.gift_wrap is not None and cart.gift_wrap.message is None
    cart.set_gift_wrap(False)
    assert cart.gift_wrap is None
    with pytest.raises(ValueError, match="message"):
        cart.set_gift_wrap(False, message="hi")
    cart.set_discreet_packaging()
    assert cart.discreet_packaging
    cart.set_discreet_packaging(discreet=False)
    assert not cart.discreet_packaging


def test_json_round_trip_and_copy(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    cart.add_line(catalog, "mug-v", 2, seen_unit_price=Decimal("8.50"))
    cart.apply_coupon("WELCOME10")
    cart.set_gift_wrap(message="Hi")
    data = json.loads(cart.to_json())
    assert data["lines"][0]["unit_price_at_add"] == "8.50"
    assert data["coupons"] == ["WELCOME10"]
    again = vitrina.Cart.from_json(cart.to_json())
    assert again == cart
    copy = cart.copy()
    copy.apply_coupon("OTHER")
    assert copy != cart and cart.coupons == ["WELCOME10"]


def snapshot(cart: vitrina.Cart) -> str:
    return cart.to_json()


@pytest.mark.parametrize(
    ("variant_id", "quantity", "code", "field"),
    [
        ("nope", 1, "unknown_variant", "variant_id"),
        ("mug-v", 0, "zero_quantity", "quantity"),
        ("mug-v", 10_000, "quantity_above_maximum", "quantity"),
        ("tee-m", 6, "insufficient_stock", "quantity"),
        ("poster-v", 1, "insufficient_stock", "quantity"),
    ],
)
def test_add_line_errors(
    catalog: vitrina.Catalog, cart: vitrina.Cart, variant_id: str, quantity: int, code: str, field: str
) -> None:
    cart.add_line(catalog, "mug-v")
    before = snapshot(cart)
    with pytest.raises(vitrina.CartError) as raised:
        cart.add_line(catalog, variant_id, quantity)
    assert (raised.value.code, raised.value.field) == (code, field)
    assert field in str(raised.value)
    assert snapshot(cart) == before


def test_no_price_in_currency(catalog: vitrina.Catalog) -> None:
    usd = vitrina.Cart("USD")
    with pytest.raises(vitrina.CartError) as raised:
        usd.add_line(catalog, "mug-v")
    assert raised.value.code == "no_price_in_currency"
    assert "USD" in str(raised.value)


def test_update_errors(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    line_id = cart.add_line(catalog, "tee-m", 2)
    with pytest.raises(vitrina.CartError) as raised:
        cart.update_quantity(catalog, line_id, 6)
    assert raised.value.code == "insufficient_stock"
    assert raised.value.field == f"lines[{line_id}].quantity"
    assert cart.lines[0].quantity == 2
    for call in (lambda: cart.update_quantity(catalog, "x", 1), lambda: cart.remove_line("x")):
        with pytest.raises(vitrina.CartError) as unknown:
            call()
        assert (unknown.value.code, unknown.value.field) == ("unknown_line", "line_id")


def test_negative_quantity_is_refused(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    with pytest.raises(OverflowError, match="quantity"):
        cart.add_line(catalog, "mug-v", -1)
    bad: object = 1.0
    with pytest.raises(TypeError, match="quantity"):
        cart.add_line(catalog, "mug-v", bad)  # type: ignore[arg-type]


def test_coupon_errors(cart: vitrina.Cart) -> None:
    cart.apply_coupon("A1")
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: cart.apply_coupon("no way"), "invalid_coupon"),
        (lambda: cart.apply_coupon("   "), "invalid_coupon"),
        (lambda: cart.apply_coupon("a1"), "duplicate_coupon"),
        (lambda: cart.remove_coupon("B2"), "coupon_not_applied"),
    ]
    for call, code in cases:
        with pytest.raises(vitrina.CartError) as raised:
            call()
        assert raised.value.code == code
        assert raised.value.field == "coupons"
    assert cart.coupons == ["A1"]


def test_too_long_texts(cart: vitrina.Cart) -> None:
    with pytest.raises(vitrina.CartError) as raised:
        cart.set_note("x" * 501)
    assert (raised.value.code, raised.value.field) == ("too_long", "note")
    with pytest.raises(vitrina.CartError) as gift:
        cart.set_gift_wrap(message="x" * 251)
    assert gift.value.field == "gift_wrap.message"
    assert cart.note is None and cart.gift_wrap is None


def test_merge_guest_cart(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    cart.add_line(catalog, "tee-m", 4)
    guest = vitrina.Cart("EUR")
    guest.add_line(catalog, "tee-m", 3)
    guest.add_line(catalog, "mug-v", 1)
    guest.apply_coupon("WELCOME10")
    guest.set_note("leave at door")
    report = vitrina.merge_guest_cart(cart, guest, catalog)
    assert [m["variant_id"] for m in report["added"]] == ["mug-v"]
    assert report["capped"][0]["added"] == 1  # 5 in stock, 4 already in the cart
    assert report["coupons_added"] == ["WELCOME10"]
    assert report["note_taken"] is True
    assert cart.quantity_of("tee-m") == 5
    assert cart.note == "leave at door"
    assert len(guest) == 2  # the guest cart is left as it was
