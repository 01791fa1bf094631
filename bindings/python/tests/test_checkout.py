"""Checkout and orders: the two-step session, the price lock (`PricesChangedError` with the changed
lines and the current priced cart), and the order state machine with its recorded history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import vitrina
from conftest import NOW, shop_data, shop_rules

ADDRESS = {
    "recipient": "Ana Petrova",
    "line1": "ul. Shipka 12",
    "city": "Sofia",
    "postal_code": "1504",
    "country": "bg",
}


def ready_session(
    cart: vitrina.Cart, payment_method: vitrina._vitrina.PaymentMethod = "card"
) -> vitrina.CheckoutSession:
    session = vitrina.CheckoutSession.start(cart, "Ana@Example.BG", "+359 88 812 3456", NOW)
    session.set_delivery(ADDRESS, "post", payment_method, NOW + timedelta(minutes=1))
    return session


def filled(catalog: vitrina.Catalog, cart: vitrina.Cart) -> vitrina.Cart:
    cart.add_line(catalog, "tee-m", 2)
    cart.add_line(catalog, "mug-v", 1)
    return cart


def placed_order(
    catalog: vitrina.Catalog,
    pricer: vitrina.Pricer,
    cart: vitrina.Cart,
    context: vitrina.PricingContext,
    payment_method: vitrina._vitrina.PaymentMethod = "card",
) -> vitrina.Order:
    filled(catalog, cart)
    session = ready_session(cart, payment_method)
    return session.place_order(pricer, cart, context, pricer.price(cart, context), 42, NOW)


def test_two_step_checkout_places_an_order(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    filled(catalog, cart)
    session = vitrina.CheckoutSession.start(cart, " Ana@Example.BG ", "+359 88 812 3456", NOW)
    assert (session.email, session.phone, session.step) == ("Ana@example.bg", "+359888123456", "contact_recorded")
    assert session.contact_recorded_at == NOW and session.delivery is None
    assert session.cart_id == cart.id and session.customer_id == "cust-1"
    session.set_delivery(ADDRESS, "post", "card", NOW + timedelta(minutes=1))
    assert session.step == "ready_to_place"
    delivery = session.delivery
    assert delivery is not None and delivery["address"]["country"] == "BG"
    assert session.last_activity_at == NOW + timedelta(minutes=1)

    confirmed = pricer.price(cart, context)
    order = session.place_order(pricer, cart, context, confirmed, 123, NOW + timedelta(minutes=2))
    assert order.number == "VT-2026-000123"
    assert order.payment_reference.startswith("RF") and order.payment_reference.endswith("VT2026000123")
    assert order.state == "pending_payment" and order.history == []
    assert order.total == confirmed.totals.grand_total == Decimal("64.08")
    assert order.priced.to_json() == confirmed.to_json()
    assert (order.email, order.payment_method, order.currency) == ("Ana@example.bg", "card", "EUR")
    assert order.placed_by == {"kind": "shopper", "customer_id": "cust-1"}
    assert order.placed_at == NOW + timedelta(minutes=2)
    assert (session.step, session.order_id) == ("placed", order.id)
    assert vitrina.Order.from_json(order.to_json()).to_json() == order.to_json()


def test_changed_prices_raise_prices_changed_until_the_shopper_confirms(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    filled(catalog, cart)
    session = ready_session(cart)
    confirmed = pricer.price(cart, context)
    data = shop_data()
    data["products"][1]["variants"][0]["prices"][0]["amount"] = Decimal("9.50")
    risen = vitrina.Pricer(vitrina.Catalog(data), shop_rules())

    with pytest.raises(vitrina.PricesChangedError) as caught:
        session.place_order(risen, cart, context, confirmed, 7, NOW)
    error = caught.value
    assert isinstance(error, vitrina.CheckoutError) and isinstance(error, vitrina.VitrinaError)
    assert (error.code, error.field) == ("prices_changed", "confirmed")
    assert [(c.variant_id, c.confirmed_unit_price, c.current_unit_price) for c in error.changed] == [
        ("mug-v", Decimal("8.50"), Decimal("9.50"))
    ]
    assert error.changed[0].line_id == cart.lines[1].id
    assert error.current_total - error.confirmed_total == Decimal("1.20")  # 1.00 + 20 % VAT
    assert error.current.totals.grand_total == error.current_total
    assert session.step == "ready_to_place" and session.order_id is None

    order = session.place_order(risen, cart, context, error.current, 7, NOW)
    assert order.total == error.current_total


def test_refused_steps_raise_checkout_errors(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    with pytest.raises(vitrina.CheckoutError) as empty:
        vitrina.CheckoutSession.start(cart, "ana@example.bg")
    assert (empty.value.code, empty.value.field) == ("empty_cart", "cart")
    filled(catalog, cart)
    with pytest.raises(vitrina.CheckoutError) as bad_email:
        vitrina.CheckoutSession.start(cart, "ana@example")
    assert (bad_email.value.code, bad_email.value.field) == ("invalid_field", "contact.email")

    session = vitrina.CheckoutSession.start(cart, "ana@example.bg")
    with pytest.raises(vitrina.CheckoutError) as early:
        session.place_order(pricer, cart, context, pricer.price(cart, context), 1)
    assert early.value.code == "wrong_step"
    with pytest.raises(vitrina.CheckoutError) as bad_country:
        session.set_delivery({**ADDRESS, "country": "Bulgaria"}, "post", "card")
    assert bad_country.value.field == "address.country"
    with pytest.raises(vitrina.CheckoutError) as bad_method:
        session.set_delivery(ADDRESS, "post", "cheque")  # type: ignore[arg-type]
    assert (bad_method.value.code, bad_method.value.field) == ("invalid_input", "payment_method")
    assert session.step == "contact_recorded"


def test_the_pickup_point_slot_and_courier_service_picked_are_kept_on_the_order(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    filled(catalog, cart)
    session = vitrina.CheckoutSession.start(cart, "ana@example.bg", at=NOW)
    with pytest.raises(vitrina.CheckoutError) as too_long:
        session.set_delivery(ADDRESS, "post", "card", slot_id="s" * 101)
    assert too_long.value.field == "delivery.slot_id"
    session.set_delivery(
        ADDRESS, "post", "card", NOW, pickup_point_id=" locker-17 ", slot_id=" ", courier_service="economy"
    )
    order = session.place_order(pricer, cart, context, pricer.price(cart, context), 7, NOW + timedelta(minutes=1))
    delivery = order.delivery
    assert delivery.get("pickup_point_id") == "locker-17"
    assert "slot_id" not in delivery
    assert delivery.get("courier_service") == "economy"


def test_transitions_are_recorded_with_actor_note_and_aware_time(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = placed_order(catalog, pricer, cart, context)
    assert order.can_transition("paid") and not order.can_transition("shipped")
    order.transition("paid", "system", NOW + timedelta(hours=1))
    order.transition("processing", {"kind": "staff", "id": "ivan"}, "2026-11-23T14:00:00Z", "picking")
    assert order.state == "processing"
    first, second = order.history
    assert (first.from_state, first.to_state, first.actor, first.note) == (
        "pending_payment",
        "paid",
        {"kind": "system"},
        None,
    )
    assert (second.from_state, second.to_state, second.note) == ("paid", "processing", "picking")
    assert second.actor == {"kind": "staff", "id": "ivan"}
    assert second.at == datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
    assert second.at.tzinfo is not None and second.at.utcoffset() == timedelta(0)


def test_an_illegal_transition_raises_and_changes_nothing(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = placed_order(catalog, pricer, cart, context)
    before = order.to_json()
    with pytest.raises(vitrina.IllegalTransitionError) as caught:
        order.transition("shipped", "system", NOW)
    error = caught.value
    assert isinstance(error, vitrina.OrderError) and isinstance(error, ValueError)
    assert (error.code, error.field, error.from_state, error.to_state) == (
        "illegal_transition",
        "state",
        "pending_payment",
        "shipped",
    )
    assert "cannot move from pending_payment to shipped" in str(error)
    assert order.to_json() == before

    with pytest.raises(vitrina.OrderError) as unpaid:
        order.transition("processing")
    assert unpaid.value.code == "payment_required"
    assert not isinstance(unpaid.value, vitrina.IllegalTransitionError)
    with pytest.raises(vitrina.OrderError) as unknown:
        order.transition("lost")  # type: ignore[arg-type]
    assert unknown.value.code == "invalid_input"
    with pytest.raises(ValueError, match="naive datetime"):
        order.transition("paid", "system", datetime(2026, 11, 23, 12, 0))
    assert order.to_json() == before


def test_bank_transfer_orders_await_their_transfer(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = placed_order(catalog, pricer, cart, context, "bank_transfer")
    assert order.state == "awaiting_transfer"
    (step,) = order.history
    assert step.actor == {"kind": "system"}
    assert step.note is not None and order.payment_reference_formatted in step.note
    due = order.balance()
    assert (due.kind, due.amount, due.currency, due.settled) == ("amount_due", order.total, "EUR", False)
    assert repr(due) == f"Balance(kind='amount_due', amount={order.total!r}, currency='EUR')"
    part = order.total - Decimal("10.00")
    assert order.record_payment(part).amount == Decimal("10.00")
    settled = order.record_payment(Decimal("10.00"))
    assert (settled.kind, settled.amount, settled.settled) == ("settled", Decimal("0.00"), True)
    assert settled.amount.as_tuple().exponent == -2
    order.transition("paid")
    assert (order.paid, order.state) == (order.total, "paid")
