"""One exception class per error domain of the core (`core/error_codes.txt`), each a `VitrinaError`
exported by `vitrina`, raised with the core's own `.code`, `.field` and `.domain`; input the binding
cannot read raises the `shop` domain's `invalid` naming the field, as a `Shop` call does."""

from __future__ import annotations

from pathlib import Path

import pytest

import vitrina
from vitrina.shop import DOMAIN_ERRORS

ROOT = Path(__file__).resolve().parents[3]


def domains() -> set[str]:
    lines = (ROOT / "core" / "error_codes.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")}


def test_root_is_an_exception() -> None:
    assert issubclass(vitrina.VitrinaError, Exception)
    assert not issubclass(vitrina.VitrinaError, ValueError)
    assert vitrina.VitrinaError.__module__ == "vitrina"


@pytest.mark.parametrize("domain", sorted(domains()))
def test_every_domain_has_one_exported_class(domain: str) -> None:
    cls = DOMAIN_ERRORS[domain]
    assert issubclass(cls, vitrina.VitrinaError) and cls.__doc__
    assert getattr(vitrina, cls.__name__) is cls and cls.__name__ in vitrina.__all__


def test_the_native_module_defines_no_error_table_of_its_own() -> None:
    from vitrina import _vitrina

    native = [name for name in dir(_vitrina) if name.endswith("Error")]
    assert native == ["VitrinaError"]


def test_error_carries_the_cores_code_field_and_domain(catalog: vitrina.Catalog, cart: vitrina.Cart) -> None:
    with pytest.raises(vitrina.VitrinaError) as raised:
        cart.add_line(catalog, "mug-v", 0)
    assert type(raised.value) is vitrina.CartError
    assert (raised.value.code, raised.value.field, raised.value.domain) == ("zero_quantity", "quantity", "cart")
    assert str(raised.value) == "quantity: quantity must be at least 1"


def test_errors_can_be_raised_and_caught_from_python() -> None:
    with pytest.raises(vitrina.VitrinaError):
        raise vitrina.PricingError("context.region: custom")


def test_unreadable_input_is_the_shops_invalid_naming_the_field() -> None:
    with pytest.raises(vitrina.ShopError) as raised:
        vitrina.Cart.from_json("{not json")
    assert (raised.value.code, raised.value.field, raised.value.domain) == ("invalid", "cart", "shop")
    with pytest.raises(vitrina.ShopError) as catalog_raised:
        vitrina.Catalog({"products": [{"id": "x"}]})
    assert catalog_raised.value.code == "invalid"
    assert "missing field `name`" in str(catalog_raised.value)


def test_price_json_malformed_input_names_the_field() -> None:
    with pytest.raises(vitrina.VitrinaError) as raised:
        vitrina.price_json("[]")
    assert raised.value.field == "input"
