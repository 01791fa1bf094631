"""Money at the boundary: decimal.Decimal in and out, int accepted, float refused with TypeError,
non-finite amounts refused as `invalid_amount`, currencies as ISO codes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import vitrina
from conftest import shop_data


def test_amounts_come_out_as_decimal(catalog: vitrina.Catalog) -> None:
    found = catalog.variant("mug-v")
    assert found is not None
    price = found[1].prices[0]
    assert isinstance(price.amount, Decimal)
    assert price.amount == Decimal("8.50")
    assert str(price.amount) == "8.50"
    assert price.currency == "EUR"


def test_float_amount_in_catalog_data_is_a_type_error() -> None:
    data = shop_data()
    data["products"][1]["variants"][0]["prices"][0]["amount"] = 8.5
    with pytest.raises(TypeError) as raised:
        vitrina.Catalog(data)
    message = str(raised.value)
    assert "catalog.products[1].variants[0].prices[0].amount" in message
    assert "float" in message


def test_float_seen_price_is_a_type_error(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    bad: Any = 8.5
    with pytest.raises(TypeError, match="seen_unit_price"):
        cart.add_line(catalog, "mug-v", seen_unit_price=bad)
    assert len(cart) == 0


def test_float_in_rules_is_a_type_error(catalog: vitrina.Catalog) -> None:
    rules = {"tax": {"rules": [{"region": "DE", "rate": 0.2, "name": "VAT"}]}}
    with pytest.raises(TypeError, match=r"rules\.tax\.rules\[0\]\.rate"):
        vitrina.Pricer(catalog, rules)


def test_int_and_decimal_amounts_are_accepted(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    line = cart.add_line(catalog, "mug-v", seen_unit_price=8)
    assert cart.lines[0].unit_price_at_add == Decimal(8)
    cart.add_line(catalog, "mug-v", seen_unit_price=Decimal("8.50"))
    assert cart.line(line) is not None
    assert cart.lines[0].unit_price_at_add == Decimal("8.50")


def test_bool_amount_is_a_type_error(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    bad: Any = True
    with pytest.raises(TypeError):
        cart.add_line(catalog, "mug-v", seen_unit_price=bad)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1E+40"])
def test_non_finite_or_huge_amount_is_invalid_amount(catalog: vitrina.Catalog, cart: vitrina.Cart, text: str) -> None:
    with pytest.raises(vitrina.MoneyError) as raised:
        cart.add_line(catalog, "mug-v", seen_unit_price=Decimal(text))
    assert raised.value.code == "invalid_amount"
    assert raised.value.field == "seen_unit_price"


def test_excess_precision_in_catalog_reports_the_money_error(catalog: vitrina.Catalog) -> None:
    data = shop_data()
    data["products"][1]["variants"][0]["prices"][0]["amount"] = Decimal("8.505")
    with pytest.raises(vitrina.MoneyError) as raised:
        vitrina.Catalog(data)
    error = raised.value
    assert (error.code, error.domain) == ("excess_precision", "money")
    assert error.field is not None and "amount" in error.field


def test_unknown_currency() -> None:
    with pytest.raises(vitrina.MoneyError) as raised:
        vitrina.Cart("XYZ")
    assert raised.value.field == "currency"
    assert "XYZ" in str(raised.value)


def test_currency_codes_are_case_insensitive() -> None:
    assert vitrina.Cart("eur").currency == "EUR"
    assert vitrina.Cart("JPY").currency == "JPY"
