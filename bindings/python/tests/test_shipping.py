"""Shipping: planning shipments of an order, the shipment state machine and cash on delivery,
couriers written in Python (plain and `async def`) plugged into the core's `Courier` trait, the
built-in TestCourier's tracking, the customer timeline and zones (shipments kept in a store: test_shop_store)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import vitrina
from conftest import NOW
from vitrina.shop import Money, TrackingStatus
from test_checkout import placed_order

WAREHOUSE = {"recipient": "Vitrina", "line1": "Warehouse 1", "city": "Sofia", "postal_code": "1000", "country": "BG"}
PARCEL = {"weight_grams": 1200}


def processing_order(
    catalog: vitrina.Catalog,
    pricer: vitrina.Pricer,
    cart: vitrina.Cart,
    context: vitrina.PricingContext,
    payment_method: vitrina._vitrina.PaymentMethod = "card",
) -> vitrina.Order:
    order = placed_order(catalog, pricer, cart, context, payment_method)
    if payment_method != "cash_on_delivery":
        order.record_payment(order.total)
        order.transition("paid", at=NOW + timedelta(minutes=5))
        order.transition("processing", at=NOW + timedelta(minutes=10))
    assert order.state == "processing"  # a cash-on-delivery order starts there
    return order


def label_request(service: str = "standard") -> dict[str, Any]:
    return {"parcel": PARCEL, "from": WAREHOUSE, "service": service}


class ParcelCo:
    """A courier in plain `def` methods: flat EUR rates, numbered labels, scripted tracking."""

    name = "parcelco"

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.events: dict[str, list[dict[str, Any]]] = {}

    def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(f"rates {request['to']['country']} {request['parcel']['weight_grams']}")
        window = {"start": request["ready_at"], "end": "2026-11-26T18:00:00Z"}
        return {
            "options": [
                {"service": "express", "name": "Express", "price": "9.90 EUR", "estimated_delivery": window},
                {"service": "standard", "name": "Standard", "price": "4.90 EUR", "estimated_delivery": window},
            ],
            "warnings": [],
        }

    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        number = f"PC{len(self.calls):04d}"
        self.calls.append(f"create {request['order_number']} {request['service']}")
        self.events[number] = []
        return {
            "tracking_number": number,
            "label": {"content_type": "application/pdf", "bytes": b"%PDF-1.4 label"},
            "estimated_delivery": None,
            "warnings": [{"code": "remote_area", "message": "surcharge may apply"}],
        }

    def cancel_shipment(self, tracking_number: str) -> None:
        self.calls.append(f"cancel {tracking_number}")

    def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        self.calls.append("track " + ",".join(tracking_numbers))
        shipments = [{"tracking_number": n, "events": self.events.get(n, [])} for n in tracking_numbers]
        return {"shipments": shipments, "warnings": []}

    def scan(self, number: str, at: datetime, status: str, code: str) -> None:
        self.events[number].append({"at": at, "status": status, "raw_code": code, "description": code.lower()})


class AsyncParcelCo:
    """The same courier in `async def` methods."""

    name = "parcelco"

    def __init__(self) -> None:
        self.inner = ParcelCo()
        self.loops: list[asyncio.AbstractEventLoop] = []

    async def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        self.loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0.001)
        return self.inner.rates(request)

    async def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0.001)
        return self.inner.create_shipment(request)

    async def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        await asyncio.sleep(0.001)
        return self.inner.track(tracking_numbers)


class BrokenCourier:
    """A courier whose every call raises."""

    name = "broken"

    def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("carrier API returned 502")

    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"tracking_number": 42}

    def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        raise ConnectionError("timeout")


def rate_request() -> dict[str, Any]:
    return {"parcel": PARCEL, "from": WAREHOUSE, "to": {**WAREHOUSE, "country": "DE"}, "ready_at": NOW}


def test_a_python_courier_quotes_labels_tracks_and_moves_the_order(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = processing_order(catalog, pricer, cart, context)
    courier = ParcelCo()
    service = vitrina.ShippingService(courier)
    assert service.courier_name == "parcelco" and service.capabilities["cancel"] is True
    quote = service.rates(rate_request())
    assert isinstance(quote, vitrina.RateQuote) and quote.warnings == []
    standard, express = quote.options  # cheapest first
    assert (standard.service, standard.name, standard.price, standard.currency) == (
        "standard",
        "Standard",
        Decimal("4.90"),
        "EUR",
    )
    assert (express.service, express.price) == ("express", Decimal("9.90"))
    window = standard.estimated_delivery
    assert (window.start, window.end) == (NOW, datetime(2026, 11, 26, 18, 0, tzinfo=timezone.utc))
    assert window.start.tzinfo is not None and NOW + timedelta(days=1) in window and window.end not in window
    assert quote.cheapest() == standard and quote.fastest() == standard  # same window: the first
    assert repr(standard) == (
        "RateOption(service='standard', name='Standard', price=Decimal('4.90'), currency='EUR', "
        "estimated_delivery=DeliveryWindow(start=datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.timezone.utc), "
        "end=datetime.datetime(2026, 11, 26, 18, 0, tzinfo=datetime.timezone.utc)))"
    )

    lines = {line.id: line.quantity for line in order.cart.lines}
    shipment = vitrina.Shipment.plan(order, courier="parcelco", lines=lines, at=NOW + timedelta(hours=1))
    assert (shipment.state, shipment.tracking_number) == ("pending", None)
    warnings = service.create_label(order, shipment, label_request(), NOW + timedelta(hours=2))
    assert warnings == [vitrina.CarrierWarning("remote_area", "surcharge may apply")]
    assert repr(warnings[0]) == "CarrierWarning(code='remote_area', message='surcharge may apply')"
    assert (shipment.state, shipment.tracking_number) == ("label_created", "PC0001")
    assert shipment.label == b"%PDF-1.4 label" and shipment.label_content_type == "application/pdf"
    assert courier.calls[-1] == f"create {order.number} standard"
    labelled = shipment.history[-1]
    assert labelled.actor == {"kind": "courier", "name": "parcelco"}
    assert (labelled.from_state, labelled.to_state, labelled.at) == ("pending", "label_created", NOW + timedelta(hours=2))

    number = "PC0001"
    courier.scan(number, NOW + timedelta(hours=3), "picked_up", "PU")
    courier.scan(number, NOW + timedelta(hours=9), "in_transit", "HUB")
    report = service.track([number, "PC9999"])
    assert [s.tracking_number for s in report.shipments] == [number, "PC9999"]
    tracked = report.events_of(number)
    assert tracked is not None and report.events_of("nope") is None
    picked_up, hub = tracked.events
    assert (picked_up.at, picked_up.status, picked_up.raw_code, picked_up.description) == (
        NOW + timedelta(hours=3),
        "picked_up",
        "PU",
        "pu",
    )
    assert (picked_up.location, picked_up.incident, picked_up.cash_collected, picked_up.cash_currency) == (
        None,
        None,
        None,
        None,
    )
    assert hub.status == "in_transit" and hub.at.utcoffset() == timedelta(0)
    refresh = service.refresh_tracking([shipment])
    assert isinstance(refresh, vitrina.TrackingRefresh) and refresh.warnings == []
    (moved,) = refresh.shipments
    assert moved.shipment_id == shipment.id
    assert (moved.sync.recorded, moved.sync.moves, moved.sync.refused) == (2, ["picked_up", "in_transit"], [])
    assert [e.raw_code for e in shipment.tracking] == ["PU", "HUB"] and shipment.tracking[0] == picked_up
    assert vitrina.sync_order_state(order, [shipment], at=NOW + timedelta(hours=9)) == ["shipped"]
    courier.scan(number, NOW + timedelta(hours=30), "delivered", "DLV")
    delivered = service.refresh_tracking([shipment])
    assert delivered.shipments[0].sync.moves == ["delivered"]
    assert vitrina.sync_order_state(order, [shipment], at=NOW + timedelta(hours=30)) == ["delivered"]
    timeline = vitrina.order_timeline(order, [shipment])
    milestones = [entry.milestone for entry in timeline]
    assert milestones == ["order_placed", "payment_received", "packed", "in_transit", "delivered"]
    delivered_entry = timeline[-1]
    assert (delivered_entry.at, delivered_entry.shipment_id, delivered_entry.tracking_number) == (
        NOW + timedelta(hours=30),
        shipment.id,
        number,
    )
    fulfilment = vitrina.line_fulfilment(order, [shipment])
    assert all(line["delivered"] == line["ordered"] for line in fulfilment)


def test_an_async_courier_is_awaited_on_the_callers_loop(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = processing_order(catalog, pricer, cart, context)
    courier = AsyncParcelCo()
    service = vitrina.ShippingService(courier)
    shipment = vitrina.Shipment.plan(order, courier="parcelco", lines={order.cart.lines[0].id: 1})

    async def run() -> tuple[vitrina.RateQuote, asyncio.AbstractEventLoop]:
        quote = await service.rates_async(rate_request())
        await service.create_label_async(order, shipment, label_request("express"))
        return quote, asyncio.get_running_loop()

    quote, loop = asyncio.run(run())
    assert courier.loops == [loop] and [o.price for o in quote.options] == [Decimal("4.90"), Decimal("9.90")]
    assert shipment.state == "label_created" and shipment.service is None
    # The blocking form runs an `async def` courier too.
    assert service.track([shipment.tracking_number or ""]).shipments[0].events == []


def test_an_exception_in_a_courier_becomes_a_courier_error(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    service = vitrina.ShippingService(BrokenCourier())
    with pytest.raises(vitrina.CourierError) as raised:
        service.rates(rate_request())
    assert raised.value.code == "unavailable" and isinstance(raised.value, vitrina.ShippingError)
    assert "broken courier failed in rates: RuntimeError: carrier API returned 502" in str(raised.value)
    order = processing_order(catalog, pricer, cart, context)
    shipment = vitrina.Shipment.plan(order, courier="broken", lines={order.cart.lines[0].id: 1})
    with pytest.raises(vitrina.CourierError, match="create_shipment"):
        service.create_label(order, shipment, label_request())
    assert shipment.history == []  # nothing recorded
    # Without a tracking number the shipment is cancelled without asking the courier.
    assert service.cancel(shipment) == [] and shipment.state == "cancelled"


def test_a_missing_optional_method_is_unsupported(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    courier = AsyncParcelCo()
    service = vitrina.ShippingService(courier)
    assert service.capabilities["cancel"] is False
    order = processing_order(catalog, pricer, cart, context)
    shipment = vitrina.Shipment.plan(order, courier="parcelco", lines={order.cart.lines[0].id: 1})
    service.create_label(order, shipment, label_request())
    with pytest.raises(vitrina.CourierError) as raised:
        service.cancel(shipment, actor={"kind": "staff", "id": "ivan"})
    assert raised.value.code == "unsupported" and raised.value.field == "operation"
    assert shipment.state == "label_created"


def test_the_test_courier_walks_a_magic_tracking_number(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    courier = vitrina.TestCourier(NOW)
    courier.queue_scenario("failed_then_redelivered")
    service = vitrina.ShippingService(courier)
    order = processing_order(catalog, pricer, cart, context)
    lines = {line.id: line.quantity for line in order.cart.lines}
    shipment = vitrina.Shipment.plan(order, courier="test", lines=lines, at=NOW)
    service.create_label(order, shipment, label_request(), NOW)
    assert (shipment.tracking_number or "").startswith("TT-REDELIVERED-")
    courier.advance(timedelta(days=3))
    refresh = service.refresh_tracking([shipment])
    assert "delivery_failed" in refresh.shipments[0].sync.moves and shipment.state == "delivered"
    incidents = [e for e in vitrina.order_timeline(order, [shipment]) if e.milestone == "delivery_attempt_failed"]
    assert incidents[0].incident == "recipient_absent"
    with pytest.raises(vitrina.CourierError) as bad:
        courier.queue_scenario("teleported")  # type: ignore[arg-type]
    assert bad.value.field == "scenario"


def test_the_state_machine_and_cash_on_delivery(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = processing_order(catalog, pricer, cart, context, "cash_on_delivery")
    lines = {line.id: line.quantity for line in order.cart.lines}
    with pytest.raises(vitrina.ShippingError) as too_much:
        vitrina.Shipment.plan(order, courier="own", lines=lines, cash_on_delivery=order.total + 1)
    assert too_much.value.code == "cash_on_delivery_exceeds_balance"
    shipment = vitrina.Shipment.plan(order, courier="own", lines=lines, cash_on_delivery=order.total)
    assert shipment.cash_on_delivery == order.total
    with pytest.raises(vitrina.ShipmentTransitionError) as illegal:
        shipment.transition("delivered")
    assert (illegal.value.from_state, illegal.value.to_state) == ("pending", "delivered")
    assert shipment.can_transition("label_created") and not shipment.can_transition("in_transit")
    states: list[vitrina._vitrina.ShipmentState] = ["label_created", "picked_up", "out_for_delivery"]
    for state in states:
        shipment.transition(state, actor={"kind": "courier", "name": "own/driver-7"})
    with pytest.raises(vitrina.ShippingError) as short:
        shipment.deliver(order.total - Decimal("1.00"))
    assert (short.value.code, shipment.state) == ("cash_on_delivery_mismatch", "out_for_delivery")
    with pytest.raises(TypeError):
        shipment.deliver(1.5)  # type: ignore[arg-type]
    shipment.deliver(order.total, note="paid in cash")
    assert shipment.state == "delivered" and vitrina.cash_collected(order, [shipment]) == order.total
    collection = shipment.cash_collection
    assert collection is not None
    assert (collection.amount, collection.currency) == (order.total, "EUR")
    assert collection.at == shipment.history[-1].at and collection.at.tzinfo is not None
    with pytest.raises(vitrina.ShippingError) as over:
        vitrina.Shipment.plan(order, courier="own", lines=lines, existing=[shipment])
    assert over.value.code == "over_shipment" and over.value.field == "lines[0].quantity"
    restored = vitrina.Shipment.from_json(shipment.to_json())
    assert restored.state == "delivered" and len(restored.history) == 4


def test_an_order_that_is_not_processing_cannot_ship(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = placed_order(catalog, pricer, cart, context)
    with pytest.raises(vitrina.ShippingError) as raised:
        vitrina.Shipment.plan(order, courier="test", lines={order.cart.lines[0].id: 1})
    assert raised.value.code == "not_fulfillable" and raised.value.field == "order.state"


def test_zones_pick_the_delivery_methods() -> None:
    zones = [
        {"id": "sofia", "name": "Sofia", "countries": ["BG"], "postal_prefixes": ["1"]},
        {"id": "bg", "name": "Bulgaria", "countries": ["BG"]},
    ]
    methods = [
        {
            "id": "own",
            "name": "Our drivers",
            "kind": {"type": "own_courier", "courier": "own-fleet"},
            "zone_ids": ["sofia"],
            "shipping_method_id": "post",
        },
        {
            "id": "std",
            "name": "Standard",
            "kind": {"type": "carrier", "courier": "test", "service": "standard"},
            "zone_ids": ["sofia", "bg"],
            "shipping_method_id": "post",
        },
    ]
    plovdiv = {**WAREHOUSE, "postal_code": "4000"}
    assert [m["id"] for m in vitrina.delivery_methods_for(methods, zones, WAREHOUSE)] == ["own", "std"]
    assert [m["id"] for m in vitrina.delivery_methods_for(methods, zones, plovdiv)] == ["std"]
    zone = vitrina.zone_for(zones, plovdiv)
    assert zone is not None and zone["id"] == "bg"
    assert vitrina.zone_for(zones, {**WAREHOUSE, "country": "GR"}) is None
    with pytest.raises(vitrina.ShippingError) as bad:
        vitrina.zone_for([{"id": "x", "name": "X", "countries": []}], WAREHOUSE)
    assert bad.value.field == "zone.countries"


def own_fleet() -> vitrina.OwnFleetCourier:
    def slot(slot_id: str, start_hour: int) -> dict[str, Any]:
        start = NOW.replace(hour=start_hour) + timedelta(days=1)
        return {"id": slot_id, "window": {"start": start, "end": start + timedelta(hours=4)}, "capacity": 1}

    sofia = {"id": "sofia", "name": "Sofia", "countries": ["BG"], "postal_prefixes": ["1"]}
    return vitrina.OwnFleetCourier(
        {
            "shop_name": "Vitrina",
            "zones": [{"zone": sofia, "price": Money(Decimal("3.90"), "EUR")}],
            "slots": [slot("am", 8), slot("pm", 13)],
        }
    )


def test_an_own_fleet_configuration_names_the_bad_field_and_refuses_a_float() -> None:
    nowhere = {"id": "z", "name": "Z", "countries": []}
    with pytest.raises(vitrina.VitrinaError) as no_country:
        vitrina.OwnFleetCourier({"shop_name": "Vitrina", "slots": [], "zones": [{"zone": nowhere, "price": "3.90 EUR"}]})
    assert (no_country.value.code, no_country.value.field) == ("invalid_field", "config.zones[0].zone")
    sofia = {**nowhere, "countries": ["BG"]}
    with pytest.raises(vitrina.VitrinaError) as no_currency:
        vitrina.OwnFleetCourier({"shop_name": "Vitrina", "slots": [], "zones": [{"zone": sofia, "price": Decimal("3.90")}]})
    assert no_currency.value.field == "config.zones[0].price"
    with pytest.raises(TypeError):
        vitrina.OwnFleetCourier({"shop_name": "Vitrina", "slots": [], "zones": [{"zone": sofia, "price": 3.9}]})


def test_the_own_fleet_delivers_in_slots_and_collects_cash(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    fleet = own_fleet()
    service = vitrina.ShippingService(fleet)
    to = {**WAREHOUSE, "postal_code": "1504"}
    quote = service.rates({"parcel": PARCEL, "from": WAREHOUSE, "to": to, "ready_at": NOW})
    assert [o.service for o in quote.options] == ["slot:am", "slot:pm"]
    assert {(o.price, o.currency) for o in quote.options} == {(Decimal("3.90"), "EUR")}
    am, pm = (o.estimated_delivery for o in quote.options)
    assert (am.start, am.end) == (NOW + timedelta(hours=20), NOW + timedelta(hours=24))  # 08:00-12:00 tomorrow
    assert pm.start == NOW + timedelta(hours=25)
    with pytest.raises(vitrina.CourierError) as far:
        service.rates({"parcel": PARCEL, "from": WAREHOUSE, "to": {**to, "postal_code": "9000"}, "ready_at": NOW})
    assert far.value.code == "no_service"

    order = processing_order(catalog, pricer, cart, context, "cash_on_delivery")
    lines = {line.id: line.quantity for line in order.cart.lines}
    shipment = vitrina.Shipment.plan(order, courier="own-fleet", lines=lines, cash_on_delivery=order.total)
    service.create_label(order, shipment, {**label_request("slot:am"), "slot_id": "am"}, NOW)
    assert [(s.id, s.booked, s.remaining) for s in fleet.slots] == [("am", 1, 0), ("pm", 0, 1)]
    assert fleet.slots[1].window.start == NOW + timedelta(hours=25)
    number = shipment.tracking_number or ""
    def report(update: str, at: datetime, **more: object) -> dict[str, object]:
        return {"tracking_number": number, "driver_id": "driver-7", "update": update, "at": at, **more}

    fleet.driver_update(report("picked_up", NOW + timedelta(hours=21)))
    fleet.driver_update(report("out_for_delivery", NOW + timedelta(hours=22)))
    with pytest.raises(vitrina.ShippingError):
        fleet.driver_update(report("delivered", NOW + timedelta(hours=22), cash_collected=Money(Decimal("1.00"), "EUR")))
    total = Money(order.total, "EUR")
    event = fleet.driver_update(report("delivered", NOW + timedelta(hours=23), cash_collected=total))
    assert (event.status, event.at, event.cash_collected) == (TrackingStatus.DELIVERED, NOW + timedelta(hours=23), total)
    service.refresh_tracking([shipment])
    assert vitrina.cash_collected(order, [shipment]) == order.total
    sheet = fleet.hand_in_cash("driver-7")
    assert [(r["tracking_number"], r["amount"], r["currency"]) for r in sheet] == [(number, order.total, "EUR")]
    assert fleet.cash_sheet("driver-7") == []
    with pytest.raises(vitrina.VitrinaError) as bad:
        fleet.driver_update(report("failed", NOW + timedelta(hours=23)))
    assert (bad.value.code, bad.value.field) == ("invalid", "report.reason")


def test_recording_tracking_events_returns_a_typed_sync(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = processing_order(catalog, pricer, cart, context)
    shipment = vitrina.Shipment.plan(order, courier="parcelco", lines={order.cart.lines[0].id: 1}, at=NOW)
    shipment.transition("label_created", at=NOW + timedelta(hours=1))
    scans: list[dict[str, Any]] = [
        {"at": NOW + timedelta(hours=2), "status": "picked_up", "raw_code": "PU", "description": "Picked up"},
        {
            "at": NOW + timedelta(hours=5),
            "status": "in_transit",
            "raw_code": "HUB",
            "description": "At the hub",
            "location": "Sofia hub",
        },
    ]
    sync = shipment.record_tracking(scans)
    assert (sync.recorded, sync.moves, sync.refused) == (2, ["picked_up", "in_transit"], [])
    assert shipment.history[-1].actor == {"kind": "courier", "name": "parcelco"}
    hub = shipment.tracking[-1]
    assert (hub.location, hub.at, hub.status) == ("Sofia hub", NOW + timedelta(hours=5), "in_transit")
    assert repr(hub) == (
        "TrackingEvent(at=datetime.datetime(2026, 11, 23, 17, 0, tzinfo=datetime.timezone.utc), "
        "status='in_transit', raw_code='HUB', description='At the hub', location='Sofia hub', incident=None)"
    )
    # The events read back (typed) are repeats: nothing new is recorded.
    again = shipment.record_tracking(shipment.tracking)
    assert (again.recorded, again.moves) == (0, [])
    # A late scan saying "picked up" again cannot move an in-transit parcel back: recorded, refused.
    late = {"at": NOW + timedelta(hours=6), "status": "picked_up", "raw_code": "PU2", "description": "Rescanned"}
    refused = shipment.record_tracking([late])
    assert (refused.recorded, refused.moves) == (1, [])
    (why,) = refused.refused
    assert (why.raw_code, why.at) == ("PU2", NOW + timedelta(hours=6)) and why.reason
    assert shipment.state == "in_transit"
    with pytest.raises(vitrina.ShippingError) as bad:
        shipment.record_tracking([{"at": NOW, "status": "teleported", "raw_code": "X", "description": "?"}])
    assert bad.value.field == "events[0]"
