"""Shipping through the `Shop`: a paid order ships its lines once through a courier written in Python
(plain `def` and `async def`): its label and warnings, the services it quotes cheapest first, tracking
that moves the shipment and the order (a late scan recorded but refused), the timeline, cancelling
at the courier, an illegal move refused, an operation the courier lacks; nothing ships before the
order is paid; a courier that raises is a courier error that stores nothing; the built-in test
courier's magic tracking; cash on delivery collected to the cent by the shop's own drivers in their
slots; and delivery options following the zones the address is in."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from shop_world import START, Outbox, catalog, eur, home, settings

import vitrina
from vitrina.shop import (
    ActorStaff,
    DeliveryDetails,
    Milestone,
    Money,
    Order,
    OrderState,
    PaymentMethod,
    RateOption,
    ShipmentState,
    ShippingError,
    Shop,
    TrackingStatus,
    VitrinaError,
)

STAFF = ActorStaff(id="packer")


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


class ParcelCo:
    """A courier in plain `def` methods: two EUR services, numbered PDF labels, scripted tracking."""

    name = "parcelco"

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.events: dict[str, list[dict[str, Any]]] = {}

    def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(f"rates {request['to']['country']}")
        window = {"start": request["ready_at"], "end": at(30)}
        return {
            "options": [
                {"service": "express", "name": "Express", "price": "9.90 EUR", "estimated_delivery": window},
                {"service": "economy", "name": "Economy", "price": "3.90 EUR", "estimated_delivery": window},
            ],
            "warnings": [],
        }

    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        number = f"PC{len(self.events) + 1:04d}"
        self.calls.append(f"create {request['order_number']} {request['to']['city']}")
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

    def scan(self, number: str, hours: float, status: str, code: str, **more: Any) -> None:
        self.events[number].append({"at": at(hours), "status": status, "raw_code": code, "description": code.lower(), **more})


class AsyncParcelCo:
    """The same courier in `async def` methods, without `cancel_shipment`; notes the loops it ran on."""

    name = "parcelco"

    def __init__(self) -> None:
        self.inner = ParcelCo()
        self.loops: list[asyncio.AbstractEventLoop] = []

    async def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0.001)
        return self.inner.rates(request)

    async def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        self.loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0.001)
        return self.inner.create_shipment(request)

    async def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        await asyncio.sleep(0.001)
        return self.inner.track(tracking_numbers)


def tea_shop(courier: Any, **configured: Any) -> Shop:
    shop = Shop.open(
        "sqlite::memory:", gateways={"card": vitrina.TestGateway()}, couriers=[courier], mailer=Outbox(), clock_at=START
    )
    shop.admin.configure(dataclasses.replace(settings(), default_courier=courier.name, **configured))
    shop.catalog.import_(catalog())
    return shop


def order(
    shop: Shop, pay: bool = True, method: PaymentMethod = PaymentMethod.CARD, slot_id: str | None = None
) -> tuple[Order, str]:
    """An order of 2 teas and a teapot, paid by card unless `pay` is false; the order and its cart id."""
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 2)
    shop.carts.add_line(cart.id, "teapot-white", 1)
    session = shop.checkout.start(cart.id, "ana@example.com")
    delivery = DeliveryDetails(address=home("Ana"), shipping_method_id="courier", payment_method=method, slot_id=slot_id)
    shop.checkout.set_delivery(session.id, delivery)
    placed = shop.checkout.place_order(session.id, shop.checkout.quote(session.id))
    if pay:
        shop.payments.pay(placed.id, vitrina.TEST_CARD_SUCCESS, "pay-1")
    return placed, cart.id


def test_a_paid_order_ships_its_lines_once_labelled_by_the_python_courier() -> None:
    courier = ParcelCo()
    shop = tea_shop(courier)
    placed, _ = order(shop)
    shipment = shop.shipping.ship(placed.id, STAFF)
    assert shipment.order_id == placed.id
    assert [(line.variant_id, line.quantity) for line in shipment.lines] == [("green-100g", 2), ("teapot-white", 1)]
    assert (shipment.courier, shipment.tracking_number, shipment.state) == ("parcelco", "PC0001", ShipmentState.LABEL_CREATED)
    assert shipment.label is not None and bytes(shipment.label.bytes) == b"%PDF-1.4 label"
    assert shipment.label.content_type == "application/pdf"
    assert courier.calls[-1] == f"create {placed.number} Sofia"
    labelled = shipment.history[-1]
    assert (labelled.from_, labelled.to, labelled.at) == (ShipmentState.PENDING, ShipmentState.LABEL_CREATED, START)
    again = shop.shipping.ship(placed.id, STAFF)
    assert again.id == shipment.id, "shipping again ships nothing more than was ordered"
    assert len(shop.shipping.shipments_of(placed.id)) == 1
    assert [c for c in courier.calls if c.startswith("create")] == [f"create {placed.number} Sofia"]


def test_nothing_ships_before_the_order_is_paid() -> None:
    shop = tea_shop(ParcelCo())
    placed, _ = order(shop, pay=False)
    with pytest.raises(ShippingError) as raised:
        shop.shipping.ship(placed.id, STAFF)
    assert raised.value.domain == "shipping" and isinstance(raised.value, vitrina.ShippingError)
    assert shop.shipping.shipments_of(placed.id) == []


def test_tracking_moves_the_shipment_and_the_order_and_an_in_transit_parcel_cannot_be_cancelled() -> None:
    courier = ParcelCo()
    shop = tea_shop(courier)
    placed, cart_id = order(shop)
    (post,) = [o for o in shop.shipping.delivery_options(cart_id, home("Ana")) if o.courier == "parcelco"]
    economy, express = post.services  # cheapest first
    assert (economy.service, economy.name, economy.price) == ("economy", "Economy", eur("3.90"))
    assert isinstance(economy, RateOption) and express.price == eur("9.90")
    window = economy.estimated_delivery
    assert window.end == at(30) and window.start.tzinfo is not None

    shipment = shop.shipping.ship(placed.id, STAFF)
    number = shipment.tracking_number or ""
    courier.scan(number, 6, "delivered", "DL")
    courier.scan(number, 2, "picked_up", "PU")
    courier.scan(number, 3, "in_transit", "HUB", location="Sofia hub")
    shop.set_time(at(7))
    tracking = shop.shipping.refresh_tracking(shop.now())
    assert courier.calls[-1] == f"track {number}"
    moves = [ShipmentState.PICKED_UP, ShipmentState.IN_TRANSIT, ShipmentState.DELIVERED]
    assert [(u.shipment_id, u.shipment_moves) for u in tracking.updates] == [(shipment.id, moves)]
    assert tracking.failures == []
    delivered = shop.shipping.get(shipment.id)
    assert [e.raw_code for e in delivered.tracking] == ["PU", "HUB", "DL"]
    hub = delivered.tracking[1]
    assert (hub.at, hub.status, hub.location, hub.incident) == (at(3), TrackingStatus.IN_TRANSIT, "Sofia hub", None)
    assert [h.to for h in delivered.history] == [ShipmentState.LABEL_CREATED, *moves]
    assert shop.orders.get(placed.id).state == OrderState.DELIVERED
    timeline = shop.orders.timeline(placed.id)
    milestones = [entry.milestone for entry in timeline]
    assert milestones[:2] == [Milestone.ORDER_PLACED, Milestone.PAYMENT_RECEIVED]
    assert Milestone.IN_TRANSIT in milestones and milestones[-1] == Milestone.DELIVERED
    assert (timeline[-1].at, timeline[-1].shipment_id, timeline[-1].tracking_number) == (at(6), shipment.id, number)

    # A late scan saying "picked up" again cannot move a delivered parcel back.
    courier.scan(number, 6.5, "picked_up", "PU2")
    shop.shipping.refresh_shipment(shipment.id)
    late = shop.shipping.get(shipment.id)
    assert late.state == ShipmentState.DELIVERED and late.history == delivered.history
    with pytest.raises(ShippingError) as illegal:
        shop.shipping.cancel_shipment(shipment.id, STAFF, reason="lost in the depot")
    assert illegal.value.code == "illegal_transition"


def test_cancelling_a_labelled_shipment_cancels_it_at_the_courier() -> None:
    courier = ParcelCo()
    shop = tea_shop(courier)
    placed, _ = order(shop)
    shipment = shop.shipping.ship(placed.id, STAFF)
    cancelled = shop.shipping.cancel_shipment(shipment.id, STAFF, reason="customer changed their mind")
    assert cancelled.state == ShipmentState.CANCELLED and cancelled.history[-1].note == "customer changed their mind"
    assert courier.calls[-1] == "cancel PC0001"


def test_an_async_courier_is_awaited_on_the_callers_loop_and_a_missing_method_is_unsupported() -> None:
    courier = AsyncParcelCo()
    shop = tea_shop(courier)
    placed, _ = order(shop)

    async def ship() -> asyncio.AbstractEventLoop:
        shipment = await shop.shipping.ship_async(placed.id, STAFF)
        assert shipment.state == ShipmentState.LABEL_CREATED
        return asyncio.get_running_loop()

    loop = asyncio.run(ship())
    assert courier.loops == [loop]
    (shipment,) = shop.shipping.shipments_of(placed.id)
    with pytest.raises(ShippingError) as unsupported:
        shop.shipping.cancel_shipment(shipment.id, STAFF)
    assert (unsupported.value.code, unsupported.value.domain) == ("unsupported", "shipping")
    assert shop.shipping.get(shipment.id).state == ShipmentState.LABEL_CREATED


class RaisesOnLabel(ParcelCo):
    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("label printer on fire")


class GarbageLabel(ParcelCo):
    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"tracking_number": 42}


class AsyncRaisesOnLabel(ParcelCo):
    async def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        raise TypeError("bad gateway")


@pytest.mark.parametrize("courier", [RaisesOnLabel(), GarbageLabel(), AsyncRaisesOnLabel()], ids=["raises", "garbage", "async"])
def test_a_courier_that_raises_is_a_courier_error_and_nothing_is_stored(courier: ParcelCo) -> None:
    shop = tea_shop(courier)
    placed, _ = order(shop)
    with pytest.raises(ShippingError) as raised:
        shop.shipping.ship(placed.id, STAFF)
    assert raised.value.domain == "shipping" and "parcelco courier failed in create_shipment" in str(raised.value)
    assert shop.shipping.shipments_of(placed.id) == []


def test_a_courier_that_cannot_quote_offers_no_services() -> None:
    class Quiet(ParcelCo):
        def rates(self, request: dict[str, Any]) -> dict[str, Any]:
            raise TimeoutError("carrier API returned 502")

    shop = tea_shop(Quiet())
    _, cart_id = order(shop, pay=False)
    (post,) = shop.shipping.delivery_options(cart_id, home("Ana"))
    assert post.services == []


def test_the_test_courier_walks_a_magic_tracking_number() -> None:
    courier = vitrina.TestCourier(START)
    courier.queue_scenario("failed_then_redelivered")
    shop = tea_shop(courier)
    placed, _ = order(shop)
    shipment = shop.shipping.ship(placed.id, STAFF)
    assert (shipment.tracking_number or "").startswith("TT-REDELIVERED-")
    courier.advance(timedelta(days=3))
    shop.advance(timedelta(days=3))
    update = shop.shipping.refresh_shipment(shipment.id)
    assert update is not None and ShipmentState.DELIVERY_FAILED in update.shipment_moves
    assert shop.shipping.get(shipment.id).state == ShipmentState.DELIVERED
    incidents = [e for e in shop.orders.timeline(placed.id) if e.milestone == Milestone.DELIVERY_ATTEMPT_FAILED]
    assert incidents[0].incident is not None and incidents[0].incident.value == "recipient_absent"
    with pytest.raises(VitrinaError) as bad:
        courier.queue_scenario("teleported")  # type: ignore[arg-type]
    assert bad.value.field == "scenario"


def sofia_zone() -> dict[str, Any]:
    return {"id": "sofia", "name": "Sofia", "countries": ["BG"], "postal_prefixes": ["1"]}


def own_fleet() -> vitrina.OwnFleetCourier:
    def slot(slot_id: str, start_hour: int) -> dict[str, Any]:
        start = START.replace(hour=start_hour) + timedelta(days=1)
        return {"id": slot_id, "window": {"start": start, "end": start + timedelta(hours=4)}, "capacity": 1}

    return vitrina.OwnFleetCourier(
        {"shop_name": "Tea House", "zones": [{"zone": sofia_zone(), "price": Money(Decimal("3.90"), "EUR")}], "slots": [slot("am", 8), slot("pm", 13)]}
    )


def test_an_own_fleet_configuration_names_the_bad_field_and_refuses_a_float() -> None:
    nowhere = {"id": "z", "name": "Z", "countries": []}
    with pytest.raises(VitrinaError) as no_country:
        vitrina.OwnFleetCourier({"shop_name": "Tea House", "slots": [], "zones": [{"zone": nowhere, "price": "3.90 EUR"}]})
    assert (no_country.value.code, no_country.value.field) == ("invalid_field", "config.zones[0].zone")
    with pytest.raises(VitrinaError) as no_currency:
        vitrina.OwnFleetCourier({"shop_name": "Tea House", "slots": [], "zones": [{"zone": sofia_zone(), "price": Decimal("3.90")}]})
    assert no_currency.value.field == "config.zones[0].price"
    with pytest.raises(TypeError):
        vitrina.OwnFleetCourier({"shop_name": "Tea House", "slots": [], "zones": [{"zone": sofia_zone(), "price": 3.9}]})


def test_the_own_fleet_delivers_in_its_slots_and_collects_cash_to_the_cent() -> None:
    fleet = own_fleet()
    shop = tea_shop(fleet)
    placed, cart_id = order(shop, pay=False, method=PaymentMethod.CASH_ON_DELIVERY, slot_id="am")
    (drivers,) = shop.shipping.delivery_options(cart_id, home("Ana"))
    assert [s.service for s in drivers.services] == ["slot:am", "slot:pm"]
    assert {s.price for s in drivers.services} == {eur("3.90")}
    am = drivers.services[0].estimated_delivery
    assert (am.start, am.end) == (at(26), at(30))  # 08:00-12:00 UTC tomorrow

    shipment = shop.shipping.ship(placed.id, STAFF)
    assert shipment.cash_on_delivery == placed.total
    assert [(s.id, s.booked, s.remaining) for s in fleet.slots] == [("am", 1, 0), ("pm", 0, 1)]
    number = shipment.tracking_number or ""

    def report(update: str, hours: float, **more: object) -> dict[str, object]:
        return {"tracking_number": number, "driver_id": "driver-7", "update": update, "at": at(hours), **more}

    fleet.driver_update(report("picked_up", 26))
    fleet.driver_update(report("out_for_delivery", 27))
    with pytest.raises(VitrinaError) as short:
        fleet.driver_update(report("delivered", 27, cash_collected=eur("1.00")))
    assert short.value.domain == "shipping"
    event = fleet.driver_update(report("delivered", 28, cash_collected=placed.total))
    assert (event.status, event.at, event.cash_collected) == (TrackingStatus.DELIVERED, at(28), placed.total)
    shop.set_time(at(29))
    shop.shipping.refresh_shipment(shipment.id)
    delivered = shop.shipping.get(shipment.id)
    assert delivered.state == ShipmentState.DELIVERED
    assert delivered.cash_collection is not None and delivered.cash_collection.amount == placed.total
    sheet = fleet.hand_in_cash("driver-7")
    assert [(r["tracking_number"], r["amount"], r["currency"]) for r in sheet] == [(number, placed.total.amount, "EUR")]
    assert fleet.cash_sheet("driver-7") == []
    with pytest.raises(VitrinaError) as bad:
        fleet.driver_update(report("failed", 29))
    assert (bad.value.code, bad.value.field) == ("invalid", "report.reason")


def test_delivery_options_follow_the_zones_the_address_is_in() -> None:
    shop = tea_shop(own_fleet())
    cart = shop.carts.create("EUR")
    shop.carts.add_line(cart.id, "green-100g", 1)
    (sofia,) = shop.shipping.delivery_options(cart.id, home("Ana"))
    assert [s.service for s in sofia.services] == ["slot:am", "slot:pm"]
    plovdiv = dataclasses.replace(home("Ana"), city="Plovdiv", postal_code="4000")
    assert shop.shipping.delivery_options(cart.id, plovdiv)[0].services == [], "the drivers do not go outside Sofia"
