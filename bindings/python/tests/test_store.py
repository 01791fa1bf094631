"""Stores opened by URL (SQLite in memory and in a file, PostgreSQL when VITRINA_POSTGRES_URL is
set): versioned reads and saves with typed conflicts, transactional order placement with stock and
payment, lookups by id, number and customer, listing, promotion limits, and the awaitable forms."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

import vitrina
from conftest import NOW
from test_checkout import filled, ready_session

POSTGRES_URL = os.environ.get("VITRINA_POSTGRES_URL")


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


@pytest.fixture
def store(store_url: str) -> vitrina.Store:
    return vitrina.Store.open(store_url)


def new_order(
    store: vitrina.Store,
    catalog: vitrina.Catalog,
    pricer: vitrina.Pricer,
    context: vitrina.PricingContext,
    payment_method: vitrina._vitrina.PaymentMethod = "card",
    customer_id: str = "cust-1",
    sequence: int | None = None,
) -> vitrina.Order:
    """An order of 2 tees and a mug, numbered from the store's sequence (unique on a shared database)."""
    cart = filled(catalog, vitrina.Cart("EUR", customer_id=customer_id))
    session = ready_session(cart, payment_method)
    if sequence is None:
        sequence = store.next_order_sequence(2026)
    return session.place_order(pricer, cart, context, pricer.price(cart, context), sequence, NOW)


def test_a_bad_url_raises_store_error_naming_the_field() -> None:
    with pytest.raises(vitrina.StoreError) as raised:
        vitrina.Store.open("mysql://shop")
    assert raised.value.code == "invalid" and raised.value.field == "url"
    assert "sqlite:<file>" in str(raised.value)
    assert not isinstance(raised.value, vitrina.ConflictError)


def test_catalog_snapshots_are_versioned(store: vitrina.Store, catalog: vitrina.Catalog) -> None:
    current = store.current_catalog()
    base = 0 if current is None else current.version
    version = store.publish_catalog(catalog, base)
    assert version == base + 1
    latest = store.current_catalog()
    assert latest is not None and latest.version == version
    assert isinstance(latest.value, vitrina.Catalog) and len(latest.value) == len(catalog)
    assert latest.value.to_json() == catalog.to_json()
    with pytest.raises(vitrina.ConflictError) as raised:
        store.publish_catalog(catalog, base)
    assert (raised.value.expected_version, raised.value.actual_version) == (base, version)
    snapshot = store.catalog_snapshot(version)
    assert snapshot is not None and snapshot.product("mug") is not None
    assert store.catalog_snapshot(version + 100) is None


def test_a_stale_cart_save_raises_conflict_and_changes_nothing(store: vitrina.Store, catalog: vitrina.Catalog) -> None:
    cart = vitrina.Cart("EUR", customer_id="cust-1")
    cart.add_line(catalog, "mug-v", 1)
    assert store.save_cart(cart) == 1
    read = store.get_cart(cart.id)
    assert read is not None and read.version == 1
    first, version = read
    assert isinstance(first, vitrina.Cart) and first.quantity_of("mug-v") == 1
    first.update_quantity(catalog, first.lines[0].id, 3)
    assert store.save_cart(first, version) == 2
    cart.add_line(catalog, "tee-m", 1)
    with pytest.raises(vitrina.ConflictError) as raised:
        store.save_cart(cart, 1)
    assert raised.value.code == "conflict" and raised.value.field == "cart"
    assert raised.value.expected_version == 1 and raised.value.actual_version == 2
    again = store.get_cart(cart.id)
    assert again is not None and again.version == 2 and again.value.quantity_of("tee-m") == 0
    assert repr(again).startswith("Versioned(value=") and again.value.quantity_of("mug-v") == 3
    updated = store.carts_updated_since(NOW - timedelta(days=3650))
    assert cart.id in [entry.value.id for entry in updated]
    store.delete_cart(cart.id, 2)
    assert store.get_cart(cart.id) is None


def test_checkout_sessions_round_trip(store: vitrina.Store, catalog: vitrina.Catalog) -> None:
    session = ready_session(filled(catalog, vitrina.Cart("EUR")))
    assert store.save_checkout_session(session) == 1
    read = store.get_checkout_session(session.id)
    assert read is not None and read.value.to_json() == session.to_json()
    abandoned = store.abandoned_checkout_sessions(NOW + timedelta(days=1))
    assert session.id in [entry.value.id for entry in abandoned]


def test_an_order_is_placed_in_one_transaction_and_found_every_way(
    store: vitrina.Store, catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    customer = f"cust-{os.urandom(4).hex()}"
    order = new_order(store, catalog, pricer, context, customer_id=customer)
    payment = vitrina.Payment.for_order(order, NOW)
    store.set_stock("tee-m", 5)
    store.set_stock("mug-v", 10)
    store.place_order(order, payment=payment)
    assert store.stock_level("tee-m") == {"on_hand": 5, "reserved": 2}
    by_id = store.get_order(order.id)
    assert by_id is not None and by_id.version == 1
    assert isinstance(by_id.value, vitrina.Order) and by_id.value.to_json() == order.to_json()
    by_number = store.find_order_by_number(order.number)
    assert by_number is not None and by_number.value.id == order.id
    assert [o.value.id for o in store.orders_of_customer(customer)] == [order.id]
    payments = store.payments_of_order(order.id)
    assert [p.value.id for p in payments] == [payment.id] and payments[0].value.amount == order.total
    pending = store.list_orders(state="pending_payment", limit=500)
    assert order.id in [o.value.id for o in pending]
    assert order.id not in [o.value.id for o in store.list_orders(state="paid", limit=500)]
    store.commit_stock(order.id)
    assert store.stock_level("tee-m") == {"on_hand": 3, "reserved": 0}

    # The order moves on and is saved against the version read.
    moved = by_id.value
    moved.transition("cancelled", actor={"kind": "staff", "id": "ivan"}, at=NOW + timedelta(hours=1))
    assert store.save_order(moved, by_id.version) == 2
    with pytest.raises(vitrina.ConflictError):
        store.save_order(order, 1)


def test_a_failed_placement_writes_nothing(
    store: vitrina.Store, catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    order = new_order(store, catalog, pricer, context)
    store.set_stock("tee-m", 1)
    store.set_stock("mug-v", 10)
    with pytest.raises(vitrina.InsufficientStockError) as raised:
        store.place_order(order, payment=vitrina.Payment.for_order(order, NOW))
    assert (raised.value.variant_id, raised.value.requested, raised.value.available) == ("tee-m", 2, 1)
    assert isinstance(raised.value, vitrina.StoreError) and isinstance(raised.value, ValueError)
    assert store.get_order(order.id) is None and store.payments_of_order(order.id) == []
    assert store.stock_level("mug-v") == {"on_hand": 10, "reserved": 0}

    store.place_order(order, reserve_stock=False)
    with pytest.raises(vitrina.ConflictError):
        store.place_order(order, reserve_stock=False)
    sequence = int(order.number.rsplit("-", 1)[1])
    same_number = new_order(store, catalog, pricer, context, sequence=sequence)
    assert same_number.number == order.number
    with pytest.raises(vitrina.DuplicateError) as duplicate:
        store.place_order(same_number, reserve_stock=False)
    assert duplicate.value.code == "duplicate" and "already exists" in str(duplicate.value)
    assert store.get_order(same_number.id) is None


def test_promotion_uses_are_limited(store: vitrina.Store) -> None:
    promotion = f"promo-{os.urandom(4).hex()}"
    first = store.try_use_promotion(promotion, "cust-1", limit=2, per_customer_limit=1)
    assert first == {"outcome": "used", "times_used": 1, "customer_uses": 1}
    assert store.try_use_promotion(promotion, "cust-1", limit=2, per_customer_limit=1) == {
        "outcome": "customer_limit_reached"
    }
    assert store.try_use_promotion(promotion, None, limit=2)["outcome"] == "used"
    assert store.try_use_promotion(promotion, "cust-2", limit=2) == {"outcome": "limit_reached"}
    assert store.promotion_usage(promotion, "cust-1") == {"times_used": 2, "customer_uses": 1}


def test_the_promotion_limit_refuses_a_placement(
    store: vitrina.Store, catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    promotion = f"promo-{os.urandom(4).hex()}"
    store.try_use_promotion(promotion, limit=1)
    order = new_order(store, catalog, pricer, context)
    use: vitrina._vitrina.PromotionUse = {
        "promotion_id": promotion,
        "customer_id": "cust-1",
        "limit": 1,
        "per_customer_limit": None,
    }
    with pytest.raises(vitrina.StoreError) as raised:
        store.place_order(order, reserve_stock=False, promotion_uses=[use])
    assert raised.value.code == "promotion_limit_reached" and raised.value.field == "promotion_uses"
    assert store.get_order(order.id) is None


def test_payments_are_saved_and_the_store_keeps_the_idempotency_ledger(
    store: vitrina.Store, catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    order = new_order(store, catalog, pricer, context)
    payment = vitrina.Payment.for_order(order, NOW)
    processor = vitrina.PaymentProcessor(vitrina.TestGateway(), store)
    key = f"auth-{payment.id}"
    assert processor.authorize(payment, vitrina.TEST_CARD_SUCCESS, key, NOW) == "authorized"
    again = payment.copy()
    # A second processor on the same store answers the repeated key from the durable ledger.
    other = vitrina.PaymentProcessor(vitrina.TestGateway(), store)
    assert other.authorize(again, vitrina.TEST_CARD_SUCCESS, key, NOW) == "authorized"
    assert again.gateway_reference == payment.gateway_reference
    assert store.save_payment(payment) == 1
    read = store.get_payment(payment.id)
    assert read is not None and read.value.state == "authorized" and read.version == 1


def test_a_sqlite_file_keeps_its_data(tmp_path: Path, catalog: vitrina.Catalog) -> None:
    url = f"sqlite://{tmp_path / 'kept.db'}"
    cart = vitrina.Cart("EUR")
    cart.add_line(catalog, "mug-v", 2)
    vitrina.Store.open(url).save_cart(cart)
    reopened = vitrina.Store.open(url)
    assert reopened.url == url and repr(reopened) == f'Store(url="{url}")'
    read = reopened.get_cart(cart.id)
    assert read is not None and read.value.quantity_of("mug-v") == 2


def test_every_call_has_an_awaitable_form(
    store_url: str, catalog: vitrina.Catalog, pricer: vitrina.Pricer, context: vitrina.PricingContext
) -> None:
    async def scenario() -> tuple[vitrina.Order, list[vitrina.Versioned[vitrina.Order]]]:
        store = await vitrina.Store.open_async(store_url)
        cart = filled(catalog, vitrina.Cart("EUR", customer_id="cust-async"))
        session = ready_session(cart)
        sequence = await store.next_order_sequence_async(2026)
        order = session.place_order(pricer, cart, context, pricer.price(cart, context), sequence, NOW)
        await store.place_order_async(order, reserve_stock=False)
        # Several reads at once on one loop.
        found = await asyncio.gather(store.get_order_async(order.id), store.find_order_by_number_async(order.number))
        versioned = [entry for entry in found if entry is not None]
        with pytest.raises(vitrina.ConflictError):
            await store.save_order_async(order, 5)
        return order, versioned

    order, found = asyncio.run(scenario())
    assert [entry.value.id for entry in found] == [order.id, order.id]
