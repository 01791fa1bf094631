"""Catalog: building from a dict or JSON, lookups, featured products, category trees, configurable
products (offered values and variant resolution) and catalog errors naming the field."""

from __future__ import annotations

import json

import pytest

import vitrina
from conftest import shop_data


def test_from_dict_and_json_agree(catalog: vitrina.Catalog) -> None:
    again = vitrina.Catalog.from_json(catalog.to_json())
    assert again.to_json() == catalog.to_json()
    assert len(again) == len(catalog) == 4
    assert vitrina.Catalog(catalog.to_json()).to_json() == catalog.to_json()
    assert repr(catalog) == "Catalog(products=4, categories=3, price_lists=0)"


def test_product_and_variant_lookups(catalog: vitrina.Catalog) -> None:
    mug = catalog.product("mug")
    assert mug is not None
    assert (mug.id, mug.name, mug.tax_category, mug.featured) == ("mug", "Mug", "standard", True)
    assert catalog.product("nope") is None
    found = catalog.variant("tee-m")
    assert found is not None
    product, variant = found
    assert product.id == "tee"
    assert variant.options == {"size": "M"}
    assert variant.stock == 5
    assert [p.min_quantity for p in variant.prices] == [1, 10]
    assert catalog.variant("nope") is None
    assert catalog.currencies_of("tee-m") == ["EUR"]
    sku = catalog.variant("mug-v")
    assert sku is not None and sku[1].sku == "MUG-1" and sku[1].weight_grams == 350


def test_base_price_tiers_and_availability(catalog: vitrina.Catalog) -> None:
    found = catalog.variant("tee-m")
    assert found is not None
    variant = found[1]
    tier = variant.base_price("EUR", 12)
    assert tier is not None and str(tier.amount) == "18.00"
    assert variant.base_price("USD") is None
    assert variant.availability(5) == "low_stock"
    assert variant.availability(2) == "in_stock"
    assert variant.can_order(5) and not variant.can_order(6)
    backordered = catalog.variant("tee-l")
    assert backordered is not None and backordered[1].availability(5) == "backorder"
    poster = catalog.variant("poster-v")
    assert poster is not None and poster[1].availability(5) == "out_of_stock"


def test_featured_and_categories(catalog: vitrina.Catalog) -> None:
    assert [p.id for p in catalog.featured()] == ["mug", "bike"]
    assert [p.id for p in catalog.products_in_category("clothing")] == ["tee"]
    assert [p.id for p in catalog.products_in_category("home")] == ["mug", "poster"]
    assert catalog.products_in_category("nope") == []
    assert [c.id for c in catalog.child_categories()] == ["clothing", "home"]
    assert [c.id for c in catalog.child_categories("clothing")] == ["tees"]
    assert sorted(catalog.category_closure("tee")) == ["clothing", "tees"]
    tees = catalog.category("tees")
    assert tees is not None and tees.parent_id == "clothing" and tees.name == "T-shirts"


def test_configurable_offered_values(catalog: vitrina.Catalog) -> None:
    bike = catalog.product("bike")
    assert bike is not None
    assert [o.name for o in bike.options] == ["frame", "size", "colour"]
    assert bike.option_rules[0].allowed_values == ["M", "L"]
    first = bike.offered_values()
    assert first is not None and (first.option, first.values) == ("frame", ["steel", "carbon"])
    sizes = bike.offered_values({"frame": "carbon"})
    assert sizes is not None and sizes.values == ["M", "L"]  # S exists but the rule excludes it
    steel_sizes = bike.offered_values([("frame", "steel")])
    assert steel_sizes is not None and steel_sizes.values == ["M", "L"]  # no steel S variant
    assert bike.offered_values({"frame": "carbon", "size": "M", "colour": "black"}) is None


def test_configurable_resolve_variant(catalog: vitrina.Catalog) -> None:
    bike = catalog.product("bike")
    assert bike is not None
    variant = bike.resolve_variant({"frame": "carbon", "size": "L", "colour": "black"})
    assert variant.id == "bike-carbon-L-black"
    assert str(variant.prices[0].amount) == "1200.00"


@pytest.mark.parametrize(
    ("choices", "code", "text"),
    [
        ({"wheels": "29"}, "unknown_option", '"wheels"'),
        ({"size": "M"}, "out_of_order", "position 0"),
        ({"frame": "carbon", "size": "S"}, "value_not_offered", '"S"'),
        ({"frame": "steel"}, "incomplete", '"size"'),
    ],
)
def test_configuration_errors(catalog: vitrina.Catalog, choices: dict[str, str], code: str, text: str) -> None:
    bike = catalog.product("bike")
    assert bike is not None
    with pytest.raises(vitrina.CatalogError) as raised:
        bike.resolve_variant(choices)
    assert raised.value.code == code
    assert text in str(raised.value)
    assert raised.value.domain == "catalog"


def test_no_single_variant() -> None:
    data = {"products": [{"id": "p", "name": "P", "variants": [{"id": "a", "prices": []}, {"id": "b", "prices": []}]}]}
    product = vitrina.Catalog(data).product("p")
    assert product is not None
    with pytest.raises(vitrina.CatalogError) as raised:
        product.resolve_variant()
    assert raised.value.code == "no_single_variant"


def test_duplicate_id_names_the_field() -> None:
    data = shop_data()
    data["products"].append(dict(data["products"][1]))
    with pytest.raises(vitrina.CatalogError) as raised:
        vitrina.Catalog(data)
    assert raised.value.code == "duplicate_id"
    assert raised.value.field is not None and raised.value.field.startswith("products[4]")


def test_unknown_category_reference() -> None:
    data = shop_data()
    data["products"][0]["category_ids"] = ["nope"]
    with pytest.raises(vitrina.CatalogError) as raised:
        vitrina.Catalog(data)
    assert raised.value.code == "unknown_reference"
    assert raised.value.field == "products[0].category_ids[0]"


def test_non_dict_data_is_a_type_error() -> None:
    bad: object = [1, 2]
    with pytest.raises(TypeError):
        vitrina.Catalog(bad)  # type: ignore[arg-type]


def test_product_to_json(catalog: vitrina.Catalog) -> None:
    mug = catalog.product("mug")
    assert mug is not None
    assert json.loads(mug.to_json())["variants"][0]["prices"][0]["amount"] == "8.50"


def test_any_mapping_is_accepted() -> None:
    from types import MappingProxyType

    catalog = vitrina.Catalog(MappingProxyType(shop_data()))
    assert len(catalog) == 4
