"""Wish lists through the `Shop`: a customer's named list of wanted variants with notes and aware
times, moved into a cart, found again by customer; refusals with the core's codes (a blank name,
a variant twice, an unknown variant, one not listed, one sold out when moved), each changing nothing."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from shop_world import START, catalog, open_shop

from vitrina.shop import CartError, NewCustomer, Shop, VitrinaError


def customer(shop: Shop) -> str:
    return shop.customers.register(NewCustomer(email="ana@example.bg", name="Ana", locale="en")).id


def test_a_wish_list_keeps_notes_and_times_and_moves_a_variant_into_a_cart() -> None:
    shop, _ = open_shop()
    ana = customer(shop)
    wishes = shop.customers.create_wish_list(ana, "  Birthday ")
    assert (wishes.name, wishes.customer_id, wishes.items) == ("Birthday", ana, [])
    shop.customers.add_to_wish_list(wishes.id, "green-100g", note="the first flush")
    shop.advance(timedelta(minutes=5))
    listed = shop.customers.add_to_wish_list(wishes.id, "teapot-white")
    first, second = listed.items
    assert (first.variant_id, first.note, first.added_at) == ("green-100g", "the first flush", START)
    assert second.added_at == START + timedelta(minutes=5) and second.added_at.tzinfo is not None

    cart = shop.carts.create("EUR", customer_id=ana)
    moved = shop.customers.move_to_cart(wishes.id, "green-100g", cart.id)
    assert [(line.variant_id, line.quantity) for line in moved.cart.lines] == [("green-100g", 1)]
    assert [item.variant_id for item in moved.wish_list.items] == ["teapot-white"]
    assert shop.customers.remove_from_wish_list(wishes.id, "teapot-white").items == []
    assert [w.id for w in shop.customers.wish_lists(ana)] == [wishes.id]
    assert shop.customers.wish_list(wishes.id).items == []


def test_wish_list_refusals_carry_the_cores_code_and_change_nothing() -> None:
    shop, _ = open_shop()
    ana = customer(shop)
    with pytest.raises(CartError) as blank:
        shop.customers.create_wish_list(ana, "  ")
    assert (blank.value.code, blank.value.field, blank.value.domain) == ("empty_name", "name", "cart")
    wishes = shop.customers.create_wish_list(ana, "Later")
    shop.customers.add_to_wish_list(wishes.id, "teapot-white")
    with pytest.raises(CartError) as twice:
        shop.customers.add_to_wish_list(wishes.id, "teapot-white")
    assert twice.value.code == "already_listed"
    with pytest.raises(VitrinaError) as unknown:
        shop.customers.add_to_wish_list(wishes.id, "nope")
    assert unknown.value.code == "unknown_variant"
    with pytest.raises(CartError) as missing:
        shop.customers.remove_from_wish_list(wishes.id, "green-100g")
    assert missing.value.code == "not_listed"

    sold_out_catalog = catalog()
    teapot = dataclasses.replace(sold_out_catalog.products[1].variants[0], stock=0)
    product = dataclasses.replace(sold_out_catalog.products[1], variants=[teapot])
    shop.catalog.publish(dataclasses.replace(sold_out_catalog, products=[sold_out_catalog.products[0], product]))
    cart = shop.carts.create("EUR", customer_id=ana)
    with pytest.raises(VitrinaError) as sold_out:
        shop.customers.move_to_cart(wishes.id, "teapot-white", cart.id)
    assert sold_out.value.code == "insufficient_stock"
    assert [i.variant_id for i in shop.customers.wish_list(wishes.id).items] == ["teapot-white"]
    assert shop.carts.get(cart.id).lines == []
