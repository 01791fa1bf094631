"""Checkout, orders and payments through the `Shop`: contact then delivery then the order with its
number and payment reference, refusals with the core's codes and fields, a price change since the
quote, order moves recorded with actor, note and aware time and an illegal one refused, a bank
transfer waiting on its reference, and payments through gateways written in Python (plain `def` and
`async def`, blocking and awaited): authorize, capture, refund, a repeated key answering the first
result, an exception leaving the outcome unknown, a lost capture answer settled once, a missing
operation, exact amounts only, and the built-in magic cards; gift wrap and the pickup point kept on
the order."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from shop_world import START, AsyncPyCard, Outbox, PyPost, catalog, eur, home, settings

import vitrina
from vitrina.shop import (
    ActorGateway,
    ActorStaff,
    ActorSystem,
    CheckoutError,
    CheckoutStep,
    DeliveryDetails,
    GatewayErrorCode,
    Money,
    Order,
    OrderError,
    OrderState,
    PackagingKind,
    PackagingOption,
    PaymentError,
    PaymentMethod,
    PaymentState,
    PricedCart,
    RefundState,
    Shop,
    VitrinaError,
)

EMAIL, PHONE = " Ana@Example.BG ", "+359 88 812 3456"
ADDRESS = dataclasses.replace(home("Ana Petrova"), country="bg")


class RecordingGateway:
    """A gateway in plain `def` methods that approves everything and records its calls."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Decimal]] = []
        self.requests: list[vitrina.PaymentRequest] = []
        self.next_id = 0

    def _reference(self) -> str:
        self.next_id += 1
        return f"rec_{self.next_id}"

    def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.calls.append(("authorize", request.idempotency_key, request.amount))
        self.requests.append(request)
        return vitrina.GatewayResult("authorized", self._reference(), request.amount, request.currency)

    def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.calls.append(("purchase", request.idempotency_key, request.amount))
        return vitrina.GatewayResult("captured", self._reference(), request.amount, request.currency)

    def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("capture", request.idempotency_key, request.amount))
        return vitrina.GatewayResult("captured", request.gateway_reference, request.amount, request.currency)

    def void(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("void", request.idempotency_key, request.amount))
        return vitrina.GatewayResult("voided", request.gateway_reference, request.amount, request.currency)

    def refund(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("refund", request.idempotency_key, request.amount))
        return vitrina.GatewayResult("refunded", self._reference(), request.amount, request.currency)


def tea_shop(gateway: Any = None) -> Shop:
    """The tea house (green tea 4.50 EUR, a teapot 30.00 EUR, courier 4.90 EUR, BG VAT included) with
    `gateway` taking cards."""
    shop = Shop.open(
        "sqlite::memory:",
        gateways={"card": gateway if gateway is not None else RecordingGateway()},
        couriers=[PyPost()],
        mailer=Outbox(),
        clock_at=START,
    )
    shop.admin.configure(settings())
    shop.catalog.import_(catalog())
    return shop


def ready_to_place(shop: Shop, pay: PaymentMethod = PaymentMethod.CARD) -> str:
    """A cart of 2 teas at the last checkout step; the session id."""
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 2)
    session = shop.checkout.start(cart.id, EMAIL, phone=PHONE)
    shop.checkout.set_delivery(session.id, DeliveryDetails(address=ADDRESS, shipping_method_id="courier", payment_method=pay))
    return session.id


def placed(gateway: Any = None, pay: PaymentMethod = PaymentMethod.CARD) -> tuple[Shop, Order]:
    shop = tea_shop(gateway)
    session = ready_to_place(shop, pay)
    return shop, shop.checkout.place_order(session, shop.checkout.quote(session))


def test_checkout_runs_contact_then_delivery_and_places_an_order_with_number_and_reference() -> None:
    shop = tea_shop()
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 2)
    session = shop.checkout.start(cart.id, EMAIL, phone=PHONE)
    assert (session.contact.email, session.contact.phone, session.step) == (
        "Ana@example.bg",
        "+359888123456",
        CheckoutStep.CONTACT_RECORDED,
    )
    assert (session.cart_id, session.delivery, session.contact_recorded_at) == (cart.id, None, START)
    shop.advance(timedelta(minutes=1))
    ready = shop.checkout.set_delivery(
        session.id, DeliveryDetails(address=ADDRESS, shipping_method_id="courier", payment_method=PaymentMethod.CARD)
    )
    assert ready.step == CheckoutStep.READY_TO_PLACE
    assert ready.delivery is not None and ready.delivery.address.country == "BG"
    assert ready.last_activity_at == START + timedelta(minutes=1)

    confirmed = shop.checkout.quote(session.id)
    shop.advance(timedelta(minutes=1))
    order = shop.checkout.place_order(session.id, confirmed)
    after = shop.checkout.get(session.id)
    assert (after.step, after.order_id) == (CheckoutStep.PLACED, order.id)
    prefix, sequence = order.number.rsplit("-", 1)
    assert prefix == "VT-2026" and len(sequence) == 6 and sequence.isdigit()
    assert order.payment_reference.startswith("RF") and order.payment_reference.endswith(order.number.replace("-", ""))
    assert order.state == OrderState.PENDING_PAYMENT and order.history == []
    assert order.total == Money(confirmed.totals.grand_total, "EUR") == eur("13.90")
    assert order.priced == confirmed
    assert (order.contact.email, order.delivery.payment_method) == ("Ana@example.bg", PaymentMethod.CARD)
    assert order.placed_at == START + timedelta(minutes=2) and order.placed_at.tzinfo is not None


def test_checkout_refusals_carry_the_cores_code_and_field() -> None:
    shop = tea_shop()
    empty = shop.carts.create("EUR")
    with pytest.raises(CheckoutError) as nothing:
        shop.checkout.start(empty.id, EMAIL)
    assert (nothing.value.code, nothing.value.field, nothing.value.domain) == ("empty_cart", "cart", "checkout")
    assert isinstance(nothing.value, vitrina.CheckoutError) and isinstance(nothing.value, vitrina.VitrinaError)
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 1)
    with pytest.raises(CheckoutError) as bad_email:
        shop.checkout.start(cart.id, "ana@example")
    assert (bad_email.value.code, bad_email.value.field) == ("invalid_field", "contact.email")

    session = shop.checkout.start(cart.id, EMAIL)
    with pytest.raises(CheckoutError) as early:
        shop.checkout.place_order(session.id, shop.checkout.quote(session.id))
    assert early.value.code == "wrong_step"
    bulgaria = dataclasses.replace(ADDRESS, country="Bulgaria")
    with pytest.raises(VitrinaError) as bad_country:
        shop.checkout.set_delivery(
            session.id, DeliveryDetails(address=bulgaria, shipping_method_id="courier", payment_method=PaymentMethod.CARD)
        )
    assert (bad_country.value.field or "").endswith("address.country")
    with pytest.raises(VitrinaError) as cheque:
        shop.call("checkout.set_delivery", {"session_id": session.id, "delivery": {"payment_method": "cheque"}})
    assert cheque.value.code == "invalid" and (cheque.value.field or "").startswith("delivery")
    assert shop.checkout.get(session.id).step == CheckoutStep.CONTACT_RECORDED


def test_a_price_change_since_the_quote_is_refused_until_the_shopper_confirms_the_price_now() -> None:
    shop = tea_shop()
    session = ready_to_place(shop)
    confirmed = shop.checkout.quote(session)
    dearer = catalog()
    tea = dearer.products[0].variants[0]
    risen = dataclasses.replace(tea, prices=[dataclasses.replace(tea.prices[0], amount=Decimal("5.50"))])
    product = dataclasses.replace(dearer.products[0], variants=[risen])
    shop.catalog.publish(dataclasses.replace(dearer, products=[product, *dearer.products[1:]]))

    with pytest.raises(CheckoutError) as changed:
        shop.checkout.place_order(session, confirmed)
    assert (changed.value.code, changed.value.domain) == ("prices_changed", "checkout")
    assert isinstance(changed.value, vitrina.CheckoutError) and isinstance(changed.value, vitrina.VitrinaError)
    assert shop.checkout.get(session).step == CheckoutStep.READY_TO_PLACE
    current: PricedCart = shop.checkout.quote(session)
    assert current.lines[0].unit_price == Decimal("5.50")
    assert current.totals.grand_total - confirmed.totals.grand_total == Decimal("2.00")
    order = shop.checkout.place_order(session, current)
    assert order.total == Money(current.totals.grand_total, "EUR")


def test_order_moves_are_recorded_with_actor_note_and_aware_time_and_an_illegal_one_is_refused() -> None:
    shop, order = placed()
    staff = ActorStaff(id="ivan")
    shop.advance(timedelta(hours=1))
    cancelled = shop.orders.cancel(order.id, staff, "customer asked")
    assert cancelled.state == OrderState.CANCELLED
    last = cancelled.history[-1]
    assert (last.from_, last.to, last.actor, last.note) == (
        OrderState.PENDING_PAYMENT,
        OrderState.CANCELLED,
        staff,
        "customer asked",
    )
    assert last.at == START + timedelta(hours=1) and last.at.utcoffset() == timedelta(0)
    assert last.at.tzinfo is not None and last.at.astimezone(timezone.utc) == last.at
    with pytest.raises(OrderError) as twice:
        shop.orders.cancel(order.id, staff, "twice")
    assert (twice.value.code, twice.value.domain) == ("illegal_transition", "order")
    assert "cannot move from cancelled to cancelled" in str(twice.value)
    assert isinstance(twice.value, vitrina.OrderError)
    assert shop.orders.get(order.id) == cancelled


def test_a_bank_transfer_order_waits_for_the_transfer_quoting_its_payment_reference() -> None:
    shop, order = placed(pay=PaymentMethod.BANK_TRANSFER)
    assert order.state == OrderState.AWAITING_TRANSFER
    (step,) = order.history
    assert step.actor == ActorSystem() and step.note is not None
    transfer = shop.payments.bank_transfer(order.id)
    assert (transfer.reference, transfer.amount, transfer.order_number) == (order.payment_reference, order.total, order.number)
    assert order.paid == eur("0.00")


def test_a_python_gateway_authorizes_captures_and_refunds() -> None:
    gateway = RecordingGateway()
    shop, order = placed(gateway)
    authorized = shop.payments.authorize(order.id, "tok_visa", "auth-1")
    assert (authorized.state, authorized.gateway_reference, authorized.amount) == (
        PaymentState.AUTHORIZED,
        "rec_1",
        order.total,
    )
    (request,) = gateway.requests
    assert (request.idempotency_key, request.order_reference, request.token, request.method) == (
        "auth-1",
        order.number,
        "tok_visa",
        "card",
    )
    assert (request.amount, request.currency) == (order.total.amount, "EUR") and isinstance(request.amount, Decimal)
    captured = shop.payments.capture(authorized.id, order.total, "cap-1")
    assert (captured.state, captured.captured) == (PaymentState.CAPTURED, order.total)
    assert shop.orders.get(order.id).state == OrderState.PAID

    refunded = shop.payments.refund(authorized.id, eur("1.00"), "ref-1", ActorStaff(id="mila"), reason="damaged")
    assert (refunded.state, refunded.refunded) == (PaymentState.PARTIALLY_REFUNDED, eur("1.00"))
    (refund,) = refunded.refunds
    assert (refund.amount, refund.state, refund.reason, refund.idempotency_key) == (
        eur("1.00"),
        RefundState.SUCCEEDED,
        "damaged",
        "ref-1",
    )
    assert refund.requested_by == ActorStaff(id="mila") and refund.requested_at.tzinfo is not None and refund.error is None
    assert [(t.from_, t.to) for t in refund.history] == [(RefundState.PENDING, RefundState.SUCCEEDED)]
    assert [c[0] for c in gateway.calls] == ["authorize", "capture", "refund"]
    assert [(t.from_, t.to) for t in refunded.history] == [
        (PaymentState.PENDING, PaymentState.AUTHORIZED),
        (PaymentState.AUTHORIZED, PaymentState.CAPTURED),
        (PaymentState.CAPTURED, PaymentState.PARTIALLY_REFUNDED),
    ]
    assert refunded.history[0].actor == ActorGateway(name="recording") and refunded.history[0].at == START


def test_an_async_gateway_is_awaited_on_the_callers_loop_and_run_by_the_blocking_calls_too() -> None:
    card = AsyncPyCard()
    shop, order = placed(card)

    async def pay() -> asyncio.AbstractEventLoop:
        # Other tasks keep running while the payment is in flight.
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            for _ in range(3):
                ticks += 1
                await asyncio.sleep(0)

        payment, _ = await asyncio.gather(shop.payments.pay_async(order.id, "tok_ok", "buy-1"), ticker())
        assert payment.state == PaymentState.CAPTURED and ticks == 3
        return asyncio.get_running_loop()

    loop = asyncio.run(pay())
    assert card.loops == [loop]
    # The blocking form runs an `async def` gateway too.
    refunded = shop.payments.refund(shop.payments.of_order(order.id)[0].id, order.total, "ref-1", ActorStaff(id="mila"))
    assert refunded.state == PaymentState.REFUNDED and refunded.refunded == order.total
    assert [c[0] for c in card.inner.calls] == ["captured", "refund"]


def test_a_repeat_with_the_same_key_gives_the_first_result_without_calling_again() -> None:
    gateway = RecordingGateway()
    shop, order = placed(gateway)
    first = shop.payments.authorize(order.id, "tok_visa", "auth-1")
    again = shop.payments.authorize(order.id, "tok_visa", "auth-1")
    assert (again.id, again.gateway_reference) == (first.id, "rec_1")
    with pytest.raises(PaymentError) as reused:
        shop.payments.authorize(order.id, "another-card", "auth-1")
    assert (reused.value.code, reused.value.domain, reused.value.conflict) == ("key_reused", "payment", False)
    assert isinstance(reused.value, vitrina.PaymentError)
    assert shop.payments.capture(first.id, eur("1.00"), "cap-1").state == PaymentState.PARTIALLY_CAPTURED
    repeated = shop.payments.capture(first.id, eur("1.00"), "cap-1")
    assert (repeated.state, repeated.captured) == (PaymentState.PARTIALLY_CAPTURED, eur("1.00"))
    with pytest.raises(VitrinaError) as blank:
        shop.payments.capture(first.id, eur("1.00"), " ")
    assert (blank.value.code, blank.value.field) == ("invalid", "key")
    assert [c[0] for c in gateway.calls] == ["authorize", "capture"]


class Raises(RecordingGateway):
    """Raises in authorize; answers garbage in purchase."""

    name = "raises"

    def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        raise ConnectionError("provider unreachable")

    def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        return "approved"  # type: ignore[return-value]


class AsyncRaises(RecordingGateway):
    name = "async-raises"

    async def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:  # type: ignore[override]
        raise TypeError("bad gateway")


@pytest.mark.parametrize("gateway", [Raises(), AsyncRaises()], ids=["raises", "async-raises"])
def test_a_gateway_that_raises_or_answers_garbage_leaves_the_outcome_unknown(gateway: RecordingGateway) -> None:
    """The provider may have acted before the exception: nothing is recorded as failed, and the key
    stays free to repeat."""
    shop, order = placed(gateway)
    with pytest.raises(PaymentError) as raised:
        shop.payments.authorize(order.id, "tok", "auth-1")
    assert (raised.value.code, raised.value.outcome_unknown) == ("unavailable", True)
    (payment,) = shop.payments.of_order(order.id)
    assert (payment.state, payment.last_error) == (PaymentState.PENDING, None)

    # Repeating the key asks the gateway again (awaited here); another key waits for the outcome.
    async def in_async() -> None:
        with pytest.raises(PaymentError) as awaited:
            await shop.payments.authorize_async(order.id, "tok", "auth-1")
        assert awaited.value.code == "unavailable"

    asyncio.run(in_async())
    with pytest.raises(VitrinaError) as waiting:
        shop.payments.authorize(order.id, "tok", "auth-2")
    assert (waiting.value.code, waiting.value.domain) == ("payment_in_progress", "shop")
    if isinstance(gateway, Raises):
        other_shop, other = placed(gateway)
        with pytest.raises(PaymentError) as answered:
            other_shop.payments.pay(other.id, "tok", "buy-1")
        assert answered.value.code == "unavailable"
    assert "provider unreachable" in str(raised.value) or "bad gateway" in str(raised.value)


def test_a_capture_whose_answer_is_lost_settles_once_when_its_key_is_repeated() -> None:
    class LosesFirstAnswer(RecordingGateway):
        """Captures at the provider (once per key, as providers do), but the first answer is lost."""

        def __init__(self) -> None:
            super().__init__()
            self.captured: dict[str, vitrina.GatewayResult] = {}

        async def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:  # type: ignore[override]
            first = request.idempotency_key not in self.captured
            result = self.captured.setdefault(
                request.idempotency_key,
                vitrina.GatewayResult("captured", request.gateway_reference, request.amount, request.currency),
            )
            if first:
                raise RuntimeError("connection reset after the capture")
            return result

    gateway = LosesFirstAnswer()
    shop, order = placed(gateway)
    payment = shop.payments.authorize(order.id, "tok", "auth-1")
    with pytest.raises(PaymentError) as lost:
        shop.payments.capture(payment.id, payment.amount, "cap-1")
    assert lost.value.code == "unavailable"
    stored = shop.payments.get(payment.id)
    assert (stored.state, stored.captured, stored.last_error) == (PaymentState.AUTHORIZED, eur("0.00"), None)
    settled = shop.payments.capture(payment.id, payment.amount, "cap-1")
    assert (settled.state, settled.captured) == (PaymentState.CAPTURED, payment.amount)
    assert len(gateway.captured) == 1, "one capture at the provider"


def test_an_operation_the_gateway_lacks_and_inexact_amounts_are_refused_with_the_cores_code() -> None:
    class NoVoid:
        def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
            return vitrina.GatewayResult("authorized", "nv_1", request.amount, request.currency)

    shop, order = placed(NoVoid())
    payment = shop.payments.authorize(order.id, "tok", "auth-1")
    with pytest.raises(PaymentError) as unsupported:
        shop.payments.void(payment.id, "void-1")
    assert unsupported.value.code == "unsupported"
    with pytest.raises(PaymentError) as too_much:
        shop.payments.capture(payment.id, Money(order.total.amount + 1, "EUR"), "cap-1")
    assert (too_much.value.code, too_much.value.field) == ("capture_exceeds_authorized", "amount")
    with pytest.raises(VitrinaError) as precise:
        shop.payments.capture(payment.id, eur("1.001"), "cap-2")
    assert (precise.value.code, precise.value.field) == ("invalid", "amount") and "2 decimals" in str(precise.value)
    with pytest.raises(VitrinaError) as floating:
        shop.payments.capture(payment.id, Money(1.5, "EUR"), "cap-3")  # type: ignore[arg-type]
    assert (floating.value.code, floating.value.field) == ("invalid", "amount")
    assert shop.payments.get(payment.id).state == PaymentState.AUTHORIZED


def test_the_built_in_test_gateway_honours_its_magic_cards() -> None:
    shop, order = placed(vitrina.TestGateway())
    declined = shop.payments.pay(order.id, vitrina.TEST_CARD_INSUFFICIENT_FUNDS, "k2")
    assert (declined.state, declined.last_error) == (PaymentState.FAILED, GatewayErrorCode.INSUFFICIENT_FUNDS)
    with pytest.raises(PaymentError) as timeout:
        shop.payments.pay(order.id, vitrina.TEST_CARD_TIMEOUT, "k5")
    assert timeout.value.code == "unavailable"
    pending = next(p for p in shop.payments.of_order(order.id) if p.state == PaymentState.PENDING)
    assert shop.payments.sync(pending.id).state == PaymentState.CAPTURED

    secure_shop, secure_order = placed(vitrina.TestGateway())
    secure = secure_shop.payments.authorize(secure_order.id, vitrina.TEST_CARD_THREE_D_SECURE, "k3")
    assert secure.state == PaymentState.REQUIRES_ACTION
    done = secure_shop.payments.complete_action(secure.id, {"authenticated": True}, "k4")
    assert done.state == PaymentState.AUTHORIZED
    with pytest.raises(PaymentError) as over:
        secure_shop.payments.capture(done.id, eur("1000.00"), "cap-x")
    assert over.value.code == "capture_exceeds_authorized"


def test_gift_wrap_is_charged_from_the_packaging_options_and_the_pickup_point_is_kept() -> None:
    shop = tea_shop()
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 2)
    shop.carts.gift_wrap(cart.id, message="For Ana")
    session = shop.checkout.start(cart.id, EMAIL)
    with pytest.raises(CheckoutError) as too_long:
        shop.checkout.set_delivery(
            session.id,
            DeliveryDetails(address=ADDRESS, shipping_method_id="courier", payment_method=PaymentMethod.CARD, slot_id="s" * 101),
        )
    assert too_long.value.field == "delivery.slot_id"
    delivery = DeliveryDetails(
        address=ADDRESS,
        shipping_method_id="courier",
        payment_method=PaymentMethod.CARD,
        pickup_point_id=" locker-17 ",
        slot_id=" ",
        courier_service="economy",
    )
    shop.checkout.set_delivery(session.id, delivery)
    with pytest.raises(VitrinaError) as unavailable:
        shop.checkout.quote(session.id)
    assert unavailable.value.code == "packaging_unavailable"
    wrap = PackagingOption(kind=PackagingKind.GIFT_WRAP, name="Gift wrap", price=eur("3.50"))
    configured = settings()
    shop.admin.configure(dataclasses.replace(configured, pricing=dataclasses.replace(configured.pricing, packaging=[wrap])))
    # BG 20 % included: teas 9.00, courier 4.90, wrap 3.50.
    priced = shop.checkout.quote(session.id)
    assert [(p.kind, p.charge, p.tax_rate, p.total) for p in priced.packaging] == [
        (PackagingKind.GIFT_WRAP, Decimal("3.50"), Decimal("0.20"), Decimal("3.50"))
    ]
    assert (priced.totals.packaging_total, priced.totals.grand_total) == (Decimal("3.50"), Decimal("17.40"))
    order = shop.checkout.place_order(session.id, priced)
    assert (order.delivery.pickup_point_id, order.delivery.slot_id, order.delivery.courier_service) == (
        "locker-17",
        None,
        "economy",
    )
    assert order.total == eur("17.40")


def test_gateway_results_and_requests_check_their_input() -> None:
    result = vitrina.GatewayResult("failed", "gw_1", Decimal("5.00"), "EUR", error="card_declined", raw={"id": 1})
    assert (result.status, result.error, result.amount, result.raw) == ("failed", "card_declined", Decimal("5.00"), {"id": 1})
    with pytest.raises(vitrina.VitrinaError) as status:
        vitrina.GatewayResult("approved", "gw_1", 5, "EUR")  # type: ignore[arg-type]
    assert (status.value.code, status.value.field) == ("invalid", "status")
    with pytest.raises(TypeError):
        vitrina.GatewayResult("captured", "gw_1", 5.0, "EUR")  # type: ignore[arg-type]
    request = vitrina.FollowUpRequest("k", Decimal("5.00"), "EUR", "VT-2026-000001", "gw_1", payload={"a": 1})
    assert (request.payload, request.reason) == ({"a": 1}, None)
