"""The shop's store opened by URL: the same checks on SQLite (in memory and in a file) and on
PostgreSQL when VITRINA_POSTGRES_URL is set (`source scripts/postgres.sh`; skipped otherwise).
Catalogs are published as numbered versions, carts are kept, placing an order stores the order and
its stock reservation at once or nothing, a promotion past its limit fails the placement quoted
before the limit was reached, payments, shipments and support cases are kept, shipped stock leaves
the shelf, the outbox retries with the settings' policy, a SQLite file keeps everything for the next
open, and every call has an awaitable form."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from shop_world import START, PyPost, eur, home, settings

import vitrina
from vitrina.shop import (
    ActorStaff,
    CaseActorAgent,
    CaseActorCustomer,
    CaseCategory,
    CaseState,
    CatalogData,
    Category,
    Channel,
    CheckoutStep,
    Conditions,
    DeliveryDetails,
    NewCase,
    NewCustomer,
    Order,
    OrderQuery,
    OrderState,
    OutboxPolicy,
    PaymentMethod,
    PaymentState,
    Price,
    Priority,
    Product,
    Promotion,
    ShipmentState,
    Shop,
    StockLevel,
    StoreError,
    Variant,
    VitrinaError,
)

POSTGRES_URL = os.environ.get("VITRINA_POSTGRES_URL")
STAFF = ActorStaff(id="mila")


@pytest.fixture(params=["sqlite-memory", "sqlite-file", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite-memory":
        yield "sqlite::memory:"
    elif request.param == "sqlite-file":
        yield f"sqlite:{tmp_path / 'shop.db'}"
    elif POSTGRES_URL is None:
        pytest.skip("VITRINA_POSTGRES_URL is not set (source scripts/postgres.sh)")
    else:
        yield POSTGRES_URL


class FailingMailer:
    """A mailer that never gets through: every send raises (a temporary failure)."""

    def __init__(self) -> None:
        self.attempts = 0

    def send(self, message: vitrina.EmailMessage) -> None:
        self.attempts += 1
        raise TimeoutError("421 try again later")


@dataclass
class LampShop:
    """A shop whose ids are fresh for this run (a PostgreSQL database kept between runs never
    collides): a lamp at 30.00 EUR, the tea house's settings and a customer."""

    shop: Shop
    run: str
    lamp: str
    catalog: CatalogData
    version: int
    customer: str


def lamp_catalog(run: str, stock: int) -> CatalogData:
    lamp = Variant(id=f"lamp-{run}", prices=[Price(currency="EUR", amount=Decimal("30.00"))], stock=stock)
    return CatalogData(products=[Product(id=f"p-{run}", name="Lamp", variants=[lamp])])


def lamp_shop(
    url: str,
    *,
    stock: int = 5,
    promotions: list[Promotion] | None = None,
    mailer: Any = None,
    outbox: OutboxPolicy | None = None,
) -> LampShop:
    run = uuid.uuid4().hex[:8]
    shop = Shop.open(
        url, gateways={"card": vitrina.TestGateway()}, couriers=[PyPost()], mailer=mailer, clock_at=START
    )
    configured = settings()
    pricing = configured.pricing if promotions is None else dataclasses.replace(configured.pricing, promotions=promotions)
    configured = dataclasses.replace(configured, pricing=pricing)
    if outbox is not None:
        configured = dataclasses.replace(configured, outbox=outbox)
    shop.admin.configure(configured)
    catalog = lamp_catalog(run, stock)
    version = shop.catalog.import_(catalog)
    customer = shop.customers.register(NewCustomer(email=f"ana-{run}@example.com", name="Ana Petrova", locale="en"))
    return LampShop(shop, run, f"lamp-{run}", catalog, version, customer.id)


def ready_checkout(context: LampShop, quantity: int, coupon: str | None = None) -> str:
    """A cart of `quantity` lamps taken to the last checkout step; its session id."""
    shop = context.shop
    cart = shop.carts.create("EUR", customer_id=context.customer)
    shop.carts.add_line(cart.id, context.lamp, quantity)
    if coupon is not None:
        shop.carts.apply_coupon(cart.id, coupon)
    session = shop.checkout.start(cart.id, "ana@example.com")
    delivery = DeliveryDetails(address=home("Ana Petrova"), shipping_method_id="courier", payment_method=PaymentMethod.CARD)
    shop.checkout.set_delivery(session.id, delivery)
    return session.id


def new_order(context: LampShop, quantity: int, coupon: str | None = None) -> Order:
    session = ready_checkout(context, quantity, coupon)
    return context.shop.checkout.place_order(session, context.shop.checkout.quote(session))


def test_a_bad_url_raises_store_error_naming_the_url() -> None:
    for url in ["mysql://shop", "sqlite:", "shop.db"]:
        with pytest.raises(StoreError) as raised:
            Shop.open(url)
        assert (raised.value.code, raised.value.field, raised.value.domain) == ("invalid", "url", "store"), url
        assert isinstance(raised.value, vitrina.StoreError) and not raised.value.conflict


def test_catalogs_are_published_as_numbered_versions(store_url: str) -> None:
    context = lamp_shop(store_url)
    shop = context.shop
    published = shop.catalog.current()
    assert published.version == context.version
    assert [(p.id, p.variants[0].id) for p in published.value.products] == [(f"p-{context.run}", context.lamp)]
    with_category = dataclasses.replace(context.catalog, categories=[Category(id="lamps", name="Lamps")])
    following = shop.catalog.publish(with_category)
    assert following == context.version + 1
    current = shop.catalog.current()
    assert current.version == following and [c.id for c in current.value.categories] == ["lamps"]


def test_carts_are_kept_and_read_back_as_they_were_saved(store_url: str) -> None:
    context = lamp_shop(store_url)
    shop = context.shop
    cart = shop.carts.create("EUR", customer_id=context.customer)
    filled = shop.carts.add_line(cart.id, context.lamp, 2)
    assert shop.carts.get(cart.id) == filled
    shop.carts.set_quantity(cart.id, filled.lines[0].id, 3)
    assert shop.carts.get(cart.id).lines[0].quantity == 3
    with pytest.raises(VitrinaError) as absent:
        shop.carts.get(str(uuid.uuid4()))
    assert absent.value.code == "not_found"


def test_an_order_is_placed_with_its_reservation_found_every_way_and_placed_once(store_url: str) -> None:
    context = lamp_shop(store_url)
    shop = context.shop
    session = ready_checkout(context, 2)
    order = shop.checkout.place_order(session, shop.checkout.quote(session))
    assert shop.checkout.get(session).step == CheckoutStep.PLACED
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=5, reserved=2)

    by_id = shop.orders.get(order.id)
    assert by_id.number == order.number and by_id.total == eur("64.90")
    assert shop.orders.by_number(order.number).id == order.id
    with pytest.raises(VitrinaError) as absent:
        shop.orders.by_number("VT-1999-000001")
    assert absent.value.code == "not_found"
    assert [o.id for o in shop.orders.of_customer(context.customer)] == [order.id]
    pending = shop.orders.list(OrderQuery(state=OrderState.PENDING_PAYMENT, limit=500))
    assert order.id in [o.id for o in pending]
    assert order.id not in [o.id for o in shop.orders.list(OrderQuery(state=OrderState.PAID, limit=500))]

    # Placing the session again gives the order placed, and stores nothing twice.
    again = shop.checkout.place_order(session, shop.checkout.quote(session))
    assert again.id == order.id and [o.id for o in shop.orders.of_customer(context.customer)] == [order.id]
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=5, reserved=2)

    cancelled = shop.orders.cancel(order.id, ActorStaff(id="ivan"), "out of lamps")
    assert cancelled.state == OrderState.CANCELLED and shop.orders.get(order.id).state == OrderState.CANCELLED
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=5, reserved=0)


def test_a_placement_short_of_stock_writes_nothing(store_url: str) -> None:
    context = lamp_shop(store_url)
    shop = context.shop
    session = ready_checkout(context, 2)
    shop.catalog.set_stock(context.lamp, 1)
    with pytest.raises(VitrinaError) as short:
        shop.checkout.place_order(session, shop.checkout.quote(session))
    assert (short.value.code, short.value.domain) == ("insufficient_stock", "store")
    assert shop.orders.of_customer(context.customer) == []
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=1, reserved=0)


def test_a_promotion_use_past_its_limit_fails_the_whole_placement(store_url: str) -> None:
    (welcome,) = settings().pricing.promotions
    limited = dataclasses.replace(welcome, conditions=Conditions(per_customer_limit=1))
    context = lamp_shop(store_url, stock=10, promotions=[limited])
    shop = context.shop
    second = ready_checkout(context, 1, "WELCOME10")
    quote = shop.checkout.quote(second)
    first = new_order(context, 1, "WELCOME10")
    with pytest.raises(VitrinaError) as refused:
        shop.checkout.place_order(second, quote)
    assert refused.value.code == "prices_changed"
    requoted = shop.checkout.quote(second)
    assert (requoted.promotions, [c.code for c in requoted.rejected_coupons]) == ([], ["WELCOME10"])
    assert [o.id for o in shop.orders.of_customer(context.customer)] == [first.id]
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=10, reserved=1)


def test_payments_and_shipments_are_kept_and_shipped_stock_leaves_the_shelf(store_url: str) -> None:
    context = lamp_shop(store_url, stock=4)
    shop = context.shop
    order = new_order(context, 3)
    payment = shop.payments.pay(order.id, vitrina.TEST_CARD_SUCCESS, f"buy-{context.run}")
    assert payment.state == PaymentState.CAPTURED
    # A repeated key answers the stored payment, whichever shop on the store asks.
    assert shop.payments.pay(order.id, vitrina.TEST_CARD_SUCCESS, f"buy-{context.run}").id == payment.id
    assert [(p.id, p.amount) for p in shop.payments.of_order(order.id)] == [(payment.id, eur("94.90"))]
    assert shop.payments.get(payment.id).state == PaymentState.CAPTURED
    shipment = shop.shipping.ship(order.id, STAFF)
    assert shop.catalog.stock(context.lamp) == StockLevel(on_hand=1, reserved=0)
    kept = shop.shipping.shipments_of(order.id)
    assert [(s.id, s.state) for s in kept] == [(shipment.id, ShipmentState.LABEL_CREATED)]
    assert shop.shipping.get(shipment.id).id == shipment.id
    assert shop.catalog.stock(f"untracked-{context.run}") is None


def test_support_cases_are_kept_and_found_by_customer() -> None:
    context = lamp_shop("sqlite::memory:")
    shop, customer = context.shop, context.customer
    opened = shop.support.open_case(
        NewCase(
            customer_id=customer,
            opened_by=CaseActorCustomer(id=customer),
            channel=Channel.WEB_FORM,
            subject="Lamp arrived broken",
            description="The shade came off in the box.",
            priority=Priority.HIGH,
            category=CaseCategory.COMPLAINT,
            order_id=None,
            order_line_ids=[],
        )
    )
    shop.support.transition(opened.id, CaseState.OPEN, CaseActorAgent(id="kim"))
    assert [(c.id, c.state) for c in shop.support.cases_of_customer(customer)] == [(opened.id, CaseState.OPEN)]
    assert shop.support.get(opened.id).subject == "Lamp arrived broken"
    solved = shop.support.solve(opened.id, CaseActorAgent(id="kim"))
    assert solved.survey is not None
    assert [s.id for s in shop.support.surveys_of_case(opened.id)] == [solved.survey.id]


def test_the_outbox_in_the_store_retries_with_the_policy_given_then_gives_up() -> None:
    mailer = FailingMailer()
    policy = OutboxPolicy(
        base_delay=timedelta(seconds=10), max_delay=timedelta(hours=6), max_attempts=2, lease=timedelta(minutes=5), batch_size=100
    )
    context = lamp_shop("sqlite::memory:", mailer=mailer, outbox=policy)
    new_order(context, 1)

    def run(after: timedelta) -> tuple[int, int, int, int]:
        due = context.shop.run_due(START + after)
        return due.emails_sent, due.emails_retrying, due.emails_dead, mailer.attempts

    assert run(timedelta(0)) == (0, 1, 0, 1), "the confirmation fails once and waits"
    assert run(timedelta(seconds=9)) == (0, 0, 0, 1), "not due again before the 10 s back-off"
    assert run(timedelta(seconds=10)) == (0, 0, 1, 2), "the second and last attempt fails for good"


def test_a_sqlite_file_keeps_everything_for_the_next_open(tmp_path: Path) -> None:
    url = f"sqlite:{tmp_path / 'reopened.db'}"
    first = lamp_shop(url, stock=2)
    order = new_order(first, 1)
    second = Shop.open(url, gateways={"card": vitrina.TestGateway()}, couriers=[PyPost()], clock_at=START)
    assert second.catalog.current().version == 1
    assert second.orders.by_number(order.number).id == order.id
    following = new_order(dataclasses.replace(first, shop=second), 1)
    prefix, sequence = order.number.rsplit("-", 1)
    assert following.number == f"{prefix}-{int(sequence) + 1:0{len(sequence)}d}"


def test_every_call_has_an_awaitable_form(store_url: str) -> None:
    context = lamp_shop(store_url)

    async def scenario() -> tuple[Order, list[Order]]:
        opened = await Shop.open_async(store_url, couriers=[PyPost()], clock_at=START)
        assert opened.now() == START
        shop = context.shop
        cart = await shop.carts.create_async("EUR", customer_id=context.customer)
        await shop.carts.add_line_async(cart.id, context.lamp, 1)
        session = await shop.checkout.start_async(cart.id, "ana@example.com")
        delivery = DeliveryDetails(address=home("Ana"), shipping_method_id="courier", payment_method=PaymentMethod.CARD)
        await shop.checkout.set_delivery_async(session.id, delivery)
        order = await shop.checkout.place_order_async(session.id, await shop.checkout.quote_async(session.id))
        # Several reads at once on one loop.
        found = await asyncio.gather(shop.orders.get_async(order.id), shop.orders.by_number_async(order.number))
        with pytest.raises(VitrinaError) as absent:
            await shop.orders.get_async(str(uuid.uuid4()))
        assert absent.value.code == "not_found"
        return order, list(found)

    order, found = asyncio.run(scenario())
    assert [entry.id for entry in found] == [order.id, order.id]
