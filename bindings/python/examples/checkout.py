"""Checkout with a payment gateway written in Python: contact details, delivery and payment method,
the order placed under the price lock, then the payment authorized and captured through the gateway
(an `async def` plug-in, awaited on this program's asyncio loop) and the order marked paid.

Run after `maturin develop` (or `bash bindings/python/test.sh`): `python bindings/python/examples/checkout.py`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from itertools import count

import vitrina


class PocketPay:
    """A toy provider: approves cards starting with "tok_", declines others. A real adapter would call
    the provider's HTTP API here (passing `request.idempotency_key` on) and map its answer."""

    name = "pocketpay"

    def __init__(self) -> None:
        self._ids = count(1)

    def _ref(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):04d}"

    async def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        await asyncio.sleep(0.01)  # the provider's round trip
        if not (request.token or "").startswith("tok_"):
            return vitrina.GatewayResult(
                "failed", self._ref("pp"), request.amount, request.currency, error="card_declined"
            )
        return vitrina.GatewayResult("authorized", self._ref("pp"), request.amount, request.currency)

    async def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        result = await self.authorize(request)
        if result.status != "authorized":
            return result
        return vitrina.GatewayResult("captured", result.gateway_reference, request.amount, request.currency)

    async def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        await asyncio.sleep(0.01)
        return vitrina.GatewayResult("captured", request.gateway_reference, request.amount, request.currency)

    async def void(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        return vitrina.GatewayResult("voided", request.gateway_reference, request.amount, request.currency)

    async def refund(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        return vitrina.GatewayResult("refunded", self._ref("rf"), request.amount, request.currency)


def shop() -> tuple[vitrina.Catalog, vitrina.Pricer]:
    def product(product_id: str, name: str, price: str) -> dict[str, object]:
        prices = [{"currency": "EUR", "amount": Decimal(price)}]
        return {"id": product_id, "name": name, "variants": [{"id": f"{product_id}-1", "prices": prices}]}

    catalog = vitrina.Catalog({"products": [product("tea", "Mountain tea", "6.40"), product("cup", "Clay cup", "12.00")]})
    rules = {
        "tax": {"rules": [{"region": "BG", "tax_category": None, "rate": Decimal("0.20"), "name": "VAT"}]},
        "shipping_methods": [
            {"id": "courier", "name": "Courier", "currency": "EUR", "rate": {"type": "flat", "amount": Decimal("3.50")}}
        ],
    }
    return catalog, vitrina.Pricer(catalog, rules)


async def main() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
    catalog, pricer = shop()
    cart = vitrina.Cart("EUR", customer_id="cust-7")
    cart.add_line(catalog, "tea-1", 3)
    cart.add_line(catalog, "cup-1", 2)
    context = vitrina.PricingContext("EUR", now, region="BG", shipping_method_id="courier")

    # Step 1: contact details, recorded at once (an abandoned checkout can be followed up).
    session = vitrina.CheckoutSession.start(cart, "ana.petrova@example.bg", "+359 88 812 3456", now)
    # Step 2: where it goes, how it ships, how it is paid.
    address = {"recipient": "Ana Petrova", "line1": "ul. Shipka 12", "city": "Sofia", "postal_code": "1504", "country": "BG"}
    session.set_delivery(address, "courier", "card", now + timedelta(minutes=2))

    # The shopper confirms what they saw; placing re-prices and refuses if anything changed.
    confirmed = pricer.price(cart, context)
    try:
        order = session.place_order(pricer, cart, context, confirmed, 1001, now + timedelta(minutes=3))
    except vitrina.PricesChangedError as changed:
        print("prices changed:", [(c.variant_id, c.confirmed_unit_price, c.current_unit_price) for c in changed.changed])
        order = session.place_order(pricer, cart, context, changed.current, 1001, now + timedelta(minutes=3))
    print(f"order {order.number} placed: {order.total} {order.currency}, {order.state}")
    print(f"  bank-transfer reference would be {order.payment_reference_formatted}")

    # Pay through the Python gateway; keys make retries safe.
    processor = vitrina.PaymentProcessor(PocketPay(), vitrina.InMemoryIdempotencyStore())
    # A card the provider declines is a result (a failed payment with an error code), not an exception;
    # the shopper tries another card with a new payment.
    declined = vitrina.Payment.for_order(order, now)
    state = await processor.authorize_async(declined, "4000-bad", f"{order.number}/auth/1", now)
    print(f"  first card: payment {state} ({declined.last_error})")
    payment = vitrina.Payment.for_order(order, now)
    state = await processor.authorize_async(payment, "tok_visa_4242", f"{order.number}/auth/2", now)
    print(f"  payment {state} at {processor.gateway_name} ({payment.gateway_reference})")
    state = await processor.capture_async(payment, payment.authorized, f"{order.number}/capture", now)
    print(f"  payment {state}: {payment.captured} {payment.currency}")

    order.record_payment(payment.captured)
    order.transition("paid", {"kind": "gateway", "name": processor.gateway_name}, now + timedelta(minutes=4))
    order.transition("processing", {"kind": "staff", "id": "ivan"}, now + timedelta(hours=1), "picking")
    for step in order.history:
        print(f"  {step.at:%Y-%m-%d %H:%M} {step.from_state} -> {step.to_state} by {step.actor['kind']}")


if __name__ == "__main__":
    asyncio.run(main())
