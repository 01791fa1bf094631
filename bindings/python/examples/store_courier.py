"""A shop day on a store opened by URL, shipped by a courier written in Python: the catalog is
published, an order is placed in one transaction with its payment and stock hold, then planned into a
shipment that the courier labels and tracks, with every aggregate saved against the version read.

Run after `maturin develop` (or `bash bindings/python/test.sh`): `python bindings/python/examples/store_courier.py`
(pass a URL such as `sqlite:shop.db` or `postgres://...` to use a real database).
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import vitrina

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
WAREHOUSE = {"recipient": "Vitrina", "line1": "Warehouse 1", "city": "Sofia", "postal_code": "1000", "country": "BG"}


class BikeCourier:
    """A city bike courier: one flat price, numbered labels, and the events its riders report."""

    name = "bikes"

    def __init__(self) -> None:
        self.rides: dict[str, list[dict[str, Any]]] = {}

    def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        window = {"start": request["ready_at"], "end": "2026-11-23T18:00:00Z"}
        option = {"service": "same_day", "name": "Same day", "price": "5.00 EUR", "estimated_delivery": window}
        return {"options": [option], "warnings": []}

    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        number = f"BK{len(self.rides) + 1:05d}"
        self.rides[number] = []
        label = f"{request['order_number']} -> {request['to']['recipient']}".encode()
        return {"tracking_number": number, "label": {"content_type": "text/plain", "bytes": label}, "warnings": []}

    def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        shipments = [{"tracking_number": n, "events": self.rides.get(n, [])} for n in tracking_numbers]
        return {"shipments": shipments, "warnings": []}

    def ride(self, number: str, at: datetime, status: str) -> None:
        self.rides[number].append({"at": at, "status": status, "raw_code": status.upper(), "description": status})


def main(url: str) -> None:
    store = vitrina.Store.open(url)
    prices = [{"currency": "EUR", "amount": Decimal("6.40")}]
    catalog = vitrina.Catalog({"products": [{"id": "tea", "name": "Mountain tea", "variants": [{"id": "tea-1", "prices": prices}]}]})
    current = store.current_catalog()
    store.publish_catalog(catalog, 0 if current is None else current.version)
    store.set_stock("tea-1", 20)

    rules = {"shipping_methods": [{"id": "bike", "name": "Bike", "currency": "EUR", "rate": {"type": "flat", "amount": Decimal("5.00")}}]}
    pricer = vitrina.Pricer(catalog, rules)
    context = vitrina.PricingContext("EUR", NOW, region="BG", shipping_method_id="bike")
    cart = vitrina.Cart("EUR", customer_id="cust-7")
    cart.add_line(catalog, "tea-1", 3)
    session = vitrina.CheckoutSession.start(cart, "ana@example.bg", at=NOW)
    session.set_delivery({**WAREHOUSE, "recipient": "Ana Petrova", "postal_code": "1504"}, "bike", "card", NOW)
    sequence = store.next_order_sequence(NOW.year)
    order = session.place_order(pricer, cart, context, pricer.price(cart, context), sequence, NOW)
    store.place_order(order, payment=vitrina.Payment.for_order(order, NOW))
    print(f"order {order.number}: {order.total} EUR, stock {store.stock_level('tea-1')}")

    # Paid and picked: the order moves on and is saved against the version read.
    read = store.get_order(order.id)
    assert read is not None
    order, version = read
    order.record_payment(order.total)
    order.transition("paid", at=NOW + timedelta(minutes=5))
    order.transition("processing", at=NOW + timedelta(minutes=30))
    version = store.save_order(order, version)

    courier = BikeCourier()
    service = vitrina.ShippingService(courier)
    lines = {line.id: line.quantity for line in order.cart.lines}
    shipment = vitrina.Shipment.plan(order, courier="bikes", lines=lines, at=NOW + timedelta(minutes=40))
    request = {"parcel": {"weight_grams": 600}, "from": WAREHOUSE, "service": "same_day"}
    service.create_label(order, shipment, request, NOW + timedelta(minutes=45))
    shipment_version = store.save_shipment(shipment)
    print(f"label {shipment.tracking_number}: {shipment.label!r}")

    number = shipment.tracking_number or ""
    for hours, status in [(1, "picked_up"), (1.5, "in_transit"), (2, "delivered")]:
        courier.ride(number, NOW + timedelta(hours=hours), status)
    service.refresh_tracking([shipment])
    store.save_shipment(shipment, shipment_version)
    vitrina.sync_order_state(order, [shipment], at=NOW + timedelta(hours=2))
    store.save_order(order, version)
    try:
        store.save_order(order, version)  # a second writer with the old version is refused
    except vitrina.ConflictError as conflict:
        print(f"stale save refused: expected {conflict.expected_version}, stored {conflict.actual_version}")
    for entry in vitrina.order_timeline(order, [shipment]):
        print(f"  {entry.at:%Y-%m-%d %H:%M} {entry.milestone}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite::memory:")
