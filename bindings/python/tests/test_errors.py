"""The exception hierarchy mirrors the core's error enums: one class per module error, every one a
VitrinaError and a ValueError, money variants as subclasses, `.code` and `.field` on every instance."""

from __future__ import annotations

import pytest

import vitrina

MODULE_ERRORS = [
    vitrina.MoneyError,
    vitrina.CatalogError,
    vitrina.ConfigurationError,
    vitrina.CartError,
    vitrina.WishListError,
    vitrina.PricingError,
    vitrina.CheckoutError,
    vitrina.OrderError,
    vitrina.PaymentError,
]
MONEY_ERRORS = [
    vitrina.UnknownCurrencyError,
    vitrina.InvalidAmountError,
    vitrina.ExcessPrecisionError,
    vitrina.NegativeAmountError,
    vitrina.CurrencyMismatchError,
    vitrina.AmountOverflowError,
]


def test_root_is_an_exception() -> None:
    assert issubclass(vitrina.VitrinaError, Exception)
    assert not issubclass(vitrina.VitrinaError, ValueError)
    assert vitrina.VitrinaError.__module__ == "vitrina"


@pytest.mark.parametrize("cls", MODULE_ERRORS, ids=lambda c: c.__name__)
def test_module_errors_are_vitrina_and_value_errors(cls: type[vitrina.VitrinaError]) -> None:
    assert issubclass(cls, vitrina.VitrinaError)
    assert issubclass(cls, ValueError)
    assert cls.__module__ == "vitrina"
    assert cls.__doc__


@pytest.mark.parametrize("cls", MONEY_ERRORS, ids=lambda c: c.__name__)
def test_money_variants_are_money_errors(cls: type[vitrina.VitrinaError]) -> None:
    assert issubclass(cls, vitrina.MoneyError)
    assert issubclass(cls, ValueError)


def test_invalid_amount_error_mro() -> None:
    mro = vitrina.InvalidAmountError.__mro__
    assert mro.index(vitrina.VitrinaError) < mro.index(ValueError)


def test_every_class_is_exported() -> None:
    for cls in [vitrina.VitrinaError, *MODULE_ERRORS, *MONEY_ERRORS]:
        assert getattr(vitrina, cls.__name__) is cls
        assert cls.__name__ in vitrina.__all__


def test_error_carries_code_and_field(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    with pytest.raises(vitrina.VitrinaError) as raised:
        cart.add_line(catalog, "mug-v", 0)
    assert type(raised.value) is vitrina.CartError
    assert raised.value.code == "zero_quantity"
    assert raised.value.field == "quantity"
    assert str(raised.value) == "quantity: quantity must be at least 1"


def test_errors_can_be_raised_and_caught_from_python() -> None:
    with pytest.raises(ValueError):
        raise vitrina.PricingError("context.region: custom")


def test_invalid_json_input_is_invalid_input() -> None:
    with pytest.raises(vitrina.CartError) as raised:
        vitrina.Cart.from_json("{not json")
    assert raised.value.code == "invalid_input"
    assert raised.value.field == "cart"
    with pytest.raises(vitrina.CatalogError) as catalog_raised:
        vitrina.Catalog({"products": [{"id": "x"}]})
    assert catalog_raised.value.code == "invalid_input"
    assert "missing field `name`" in str(catalog_raised.value)


def test_price_json_malformed_input_is_a_pricing_error() -> None:
    with pytest.raises(vitrina.PricingError) as raised:
        vitrina.price_json("[]")
    assert raised.value.field == "input"
