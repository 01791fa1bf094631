"""Payments through gateways written in Python (plain `def` and `async def`), the processor's
blocking and awaitable calls, idempotency keys, and the built-in magic-card TestGateway."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

import vitrina
from conftest import NOW
from test_checkout import placed_order


class RecordingGateway:
    """A gateway in plain `def` methods that approves everything and records its calls."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Decimal]] = []
        self.next_id = 0

    def _reference(self) -> str:
        self.next_id += 1
        return f"rec_{self.next_id}"

    def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.calls.append(("authorize", request.idempotency_key, request.amount))
        assert request.token == "tok_visa" and request.method == "card"
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


class AsyncGateway:
    """The same gateway in `async def` methods; notes the event loop each call ran on."""

    name = "async-recording"

    def __init__(self) -> None:
        self.sync = RecordingGateway()
        self.loops: list[asyncio.AbstractEventLoop] = []

    async def _pause(self) -> None:
        self.loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0.001)

    async def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        await self._pause()
        return self.sync.authorize(request)

    async def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        await self._pause()
        return self.sync.purchase(request)

    async def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        await self._pause()
        return self.sync.capture(request)

    async def void(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        await self._pause()
        return self.sync.void(request)

    async def refund(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        await self._pause()
        return self.sync.refund(request)


class FailingGateway(RecordingGateway):
    """Raises in authorize and capture; answers garbage in purchase."""

    name = "failing"

    def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        raise ConnectionError("provider unreachable")

    def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        raise RuntimeError("capture exploded")

    def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        return "approved"  # type: ignore[return-value]


@pytest.fixture
def order(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> vitrina.Order:
    return placed_order(catalog, pricer, cart, context)


def test_full_checkout_with_a_sync_python_gateway(order: vitrina.Order) -> None:
    gateway = RecordingGateway()
    processor = vitrina.PaymentProcessor(gateway)
    assert processor.gateway_name == "recording"
    payment = vitrina.Payment.for_order(order, NOW)
    assert (payment.amount, payment.currency, payment.order_reference) == (order.total, "EUR", order.number)

    assert processor.authorize(payment, "tok_visa", "auth-1", NOW) == "authorized"
    assert (payment.authorized, payment.gateway_reference) == (order.total, "rec_1")
    assert processor.capture(payment, order.total, "cap-1", NOW) == "captured"
    assert payment.captured == order.total
    order.record_payment(payment.captured)
    order.transition("paid", {"kind": "gateway", "name": processor.gateway_name}, NOW)

    assert processor.refund(payment, Decimal("10.00"), "ref-1", reason="damaged", actor={"kind": "staff", "id": "ivan"}) == "succeeded"
    assert (payment.state, payment.refunded) == ("partially_refunded", Decimal("10.00"))
    (refund,) = payment.refunds
    assert (refund.amount, refund.currency, refund.state, refund.reason) == (
        Decimal("10.00"),
        "EUR",
        "succeeded",
        "damaged",
    )
    assert refund.requested_by == {"kind": "staff", "id": "ivan"} and refund.requested_at.tzinfo is not None
    assert refund.idempotency_key == "ref-1" and refund.error is None
    assert [(t.from_state, t.to_state) for t in refund.history] == [("pending", "succeeded")]
    assert refund.history[0].at >= refund.requested_at
    assert payment.history[1].step == {"kind": "captured", "amount": order.total, "currency": "EUR"}
    assert payment.history[1].amount == order.total
    assert [c[0] for c in gateway.calls] == ["authorize", "capture", "refund"]
    assert [(t.from_state, t.to_state) for t in payment.history] == [
        ("pending", "authorized"),
        ("authorized", "captured"),
        ("captured", "partially_refunded"),
    ]
    assert all(t.actor == {"kind": "gateway", "name": "recording"} for t in payment.history)
    assert payment.history[0].at == NOW
    assert order.state == "paid"


def test_full_checkout_with_an_async_python_gateway(order: vitrina.Order) -> None:
    gateway = AsyncGateway()
    processor = vitrina.PaymentProcessor(gateway, vitrina.InMemoryIdempotencyStore())

    loop = asyncio.run(pay_with_loop(processor, order))
    # Every coroutine of the gateway ran on the caller's event loop.
    assert gateway.loops and all(seen is loop for seen in gateway.loops)
    assert [c[0] for c in gateway.sync.calls] == ["authorize", "capture", "refund"]


async def pay_with_loop(processor: vitrina.PaymentProcessor, order: vitrina.Order) -> asyncio.AbstractEventLoop:
    payment = vitrina.Payment.for_order(order, NOW)
    assert await processor.authorize_async(payment, "tok_visa", "auth-1", NOW) == "authorized"
    # Other tasks keep running while the payment is in flight.
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        for _ in range(3):
            ticks += 1
            await asyncio.sleep(0)

    state, _ = await asyncio.gather(processor.capture_async(payment, order.total, "cap-1", NOW), ticker())
    assert state == "captured" and ticks == 3
    assert await processor.refund_async(payment, order.total, "ref-1", at=NOW) == "succeeded"
    assert payment.state == "refunded" and payment.refunded == order.total
    return asyncio.get_running_loop()


def test_blocking_calls_run_an_async_gateway_too(order: vitrina.Order) -> None:
    gateway = AsyncGateway()
    processor = vitrina.PaymentProcessor(gateway)
    payment = vitrina.Payment.for_order(order, NOW)
    assert processor.purchase(payment, "tok_visa", "buy-1", NOW) == "captured"
    assert payment.captured == order.total and len(gateway.loops) == 1


def test_a_gateway_that_raises_leaves_the_outcome_unknown(order: vitrina.Order) -> None:
    """The provider may have acted before the exception: nothing is recorded as failed, and the key
    stays free to repeat."""
    processor = vitrina.PaymentProcessor(FailingGateway())
    payment = vitrina.Payment.for_order(order, NOW)
    with pytest.raises(vitrina.GatewayError) as raised:
        processor.authorize(payment, "tok_visa", "auth-1", NOW)
    assert raised.value.code == "unavailable" and "provider unreachable" in str(raised.value)
    assert (payment.state, payment.last_error) == ("pending", None)

    garbage = vitrina.Payment.for_order(order, NOW)
    with pytest.raises(vitrina.GatewayError) as answered:
        processor.purchase(garbage, "tok_visa", "buy-1", NOW)
    assert answered.value.code == "unavailable" and garbage.state == "pending"

    async def in_async() -> None:
        payment = vitrina.Payment.for_order(order, NOW)
        with pytest.raises(vitrina.GatewayError):
            await processor.authorize_async(payment, "tok_visa", "auth-2", NOW)
        assert payment.state == "pending"

    asyncio.run(in_async())


def test_a_capture_whose_answer_is_lost_settles_once_on_repeat(order: vitrina.Order) -> None:
    class LosesFirstAnswer(AsyncGateway):
        """Captures at the provider (once per key, as providers do), but the first answer is lost."""

        def __init__(self) -> None:
            super().__init__()
            self.captured: dict[str, vitrina.GatewayResult] = {}

        async def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
            first = request.idempotency_key not in self.captured
            result = self.captured.setdefault(
                request.idempotency_key,
                vitrina.GatewayResult("captured", request.gateway_reference, request.amount, request.currency),
            )
            if first:
                raise RuntimeError("connection reset after the capture")
            return result

    gateway = LosesFirstAnswer()
    processor = vitrina.PaymentProcessor(gateway)
    payment = vitrina.Payment.for_order(order, NOW)
    processor.authorize(payment, "tok_visa", "auth-1", NOW)
    with pytest.raises(vitrina.GatewayError) as lost:
        processor.capture(payment, order.total, "cap-1", NOW)
    assert lost.value.code == "unavailable"
    assert (payment.state, payment.captured, payment.last_error) == ("authorized", Decimal("0.00"), None)
    assert processor.capture(payment, order.total, "cap-1", NOW) == "captured"
    assert (payment.state, payment.captured) == ("captured", order.total)
    assert len(gateway.captured) == 1, "one capture at the provider"



def test_a_repeated_capture_key_returns_the_first_result(order: vitrina.Order) -> None:
    gateway = RecordingGateway()
    processor = vitrina.PaymentProcessor(gateway)
    payment = vitrina.Payment.for_order(order, NOW)
    processor.authorize(payment, "tok_visa", "auth-1", NOW)
    # The shop saves the payment, captures, and crashes before saving again: it retries from the
    # saved copy with the same key, and gets the first result without a second charge.
    saved = payment.copy()
    assert processor.capture(payment, Decimal("30.00"), "cap-1", NOW) == "partially_captured"
    assert processor.capture(saved, Decimal("30.00"), "cap-1", NOW) == "partially_captured"
    assert saved.captured == payment.captured == Decimal("30.00")
    assert saved.history[-1].step == payment.history[-1].step
    assert [c[0] for c in gateway.calls] == ["authorize", "capture"]

    with pytest.raises(vitrina.IdempotencyError) as reused:
        processor.capture(saved.copy(), Decimal("20.00"), "cap-1", NOW)
    assert isinstance(reused.value, vitrina.GatewayError) and isinstance(reused.value, vitrina.PaymentError)
    assert (reused.value.code, reused.value.field) == ("key_reused", "idempotency_key")
    with pytest.raises(vitrina.IdempotencyError) as blank:
        processor.capture(payment, Decimal("1.00"), " ", NOW)
    assert blank.value.code == "blank_key"
    assert len(gateway.calls) == 2


def test_payment_errors_are_typed(order: vitrina.Order) -> None:
    class NoVoid:
        def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
            return vitrina.GatewayResult("authorized", "nv_1", request.amount, request.currency)

    processor = vitrina.PaymentProcessor(NoVoid())  # type: ignore[arg-type]
    assert processor.gateway_name == "NoVoid"
    payment = vitrina.Payment.for_order(order, NOW)
    processor.authorize(payment, None, "auth-1", NOW)
    with pytest.raises(vitrina.GatewayError) as unsupported:
        processor.void(payment, "void-1", NOW)
    assert unsupported.value.code == "unsupported"
    with pytest.raises(vitrina.PaymentError) as too_much:
        processor.capture(payment, order.total + 1, "cap-1", NOW)
    assert (too_much.value.code, too_much.value.field) == ("capture_exceeds_authorized", "amount")
    assert not isinstance(too_much.value, vitrina.GatewayError)
    with pytest.raises(vitrina.ExcessPrecisionError):
        processor.capture(payment, Decimal("1.001"), "cap-2", NOW)
    with pytest.raises(TypeError, match="float"):
        processor.capture(payment, 1.5, "cap-3", NOW)  # type: ignore[arg-type]
    assert payment.state == "authorized"


def test_the_test_gateway_honours_magic_cards(order: vitrina.Order) -> None:
    processor = vitrina.PaymentProcessor(vitrina.TestGateway())
    assert processor.gateway_name == "test"
    paid = vitrina.Payment.for_order(order, NOW)
    assert processor.purchase(paid, vitrina.TEST_CARD_SUCCESS, "k1", NOW) == "captured"
    declined = vitrina.Payment.for_order(order, NOW)
    assert processor.purchase(declined, vitrina.TEST_CARD_INSUFFICIENT_FUNDS, "k2", NOW) == "failed"
    assert declined.last_error == "insufficient_funds"

    secure = vitrina.Payment.for_order(order, NOW)
    assert processor.authorize(secure, vitrina.TEST_CARD_THREE_D_SECURE, "k3", NOW) == "requires_action"
    assert processor.complete_action(secure, {"authenticated": True}, "k4", NOW) == "authorized"

    lost = vitrina.Payment.for_order(order, NOW)
    with pytest.raises(vitrina.GatewayError) as timeout:
        processor.purchase(lost, vitrina.TEST_CARD_TIMEOUT, "k5", NOW)
    assert timeout.value.code == "unavailable" and lost.state == "pending"

    async def resolve() -> vitrina._vitrina.PaymentState | None:
        return await processor.sync_async(lost, NOW)

    assert asyncio.run(resolve()) == "captured" and lost.captured == order.total


def test_gateway_results_and_requests_check_their_input() -> None:
    result = vitrina.GatewayResult("failed", "gw_1", Decimal("5.00"), "EUR", error="card_declined", raw={"id": 1})
    assert (result.status, result.error, result.amount, result.raw) == ("failed", "card_declined", Decimal("5.00"), {"id": 1})
    with pytest.raises(vitrina.GatewayError) as status:
        vitrina.GatewayResult("approved", "gw_1", 5, "EUR")  # type: ignore[arg-type]
    assert (status.value.code, status.value.field) == ("invalid_input", "status")
    with pytest.raises(TypeError):
        vitrina.GatewayResult("captured", "gw_1", 5.0, "EUR")  # type: ignore[arg-type]
    request = vitrina.FollowUpRequest("k", Decimal("5.00"), "EUR", "VT-2026-000001", "gw_1", payload={"a": 1})
    assert (request.payload, request.reason) == ({"a": 1}, None)
