"""The adapters that ship with Vitrina, configured from Python: Econt Express over its JSON
services. Nothing listens on the test's address, so a call fails with a typed error, secret-free."""

from __future__ import annotations

import pytest

import vitrina
from vitrina.shop import Shop

UNREACHABLE = "http://127.0.0.1:9/services/"


def econt(**overrides: object) -> vitrina.EcontCourier:
    config: dict[str, object] = {
        "username": "shop",
        "password": "s3cret-pass",
        "sender": {"name": "Chaena", "phones": ["+359888000000"]},
        "base_url": UNREACHABLE,
        "timeout_seconds": 2,
    }
    config.update(overrides)
    return vitrina.EcontCourier(**config)  # type: ignore[arg-type]


def test_econt_is_configured_by_keywords_and_keeps_its_password_to_itself() -> None:
    courier = econt()
    assert courier.name == "econt"
    assert "s3cret-pass" not in repr(courier)
    with pytest.raises(vitrina.CourierError) as caught:
        vitrina.ShippingService(courier).track(["1051600000001"])
    assert "s3cret-pass" not in str(caught.value)


def test_a_bad_econt_configuration_names_the_field() -> None:
    with pytest.raises(vitrina.VitrinaError) as missing:
        vitrina.EcontCourier(username="shop", sender={"name": "Chaena"})
    assert (getattr(missing.value, "code"), getattr(missing.value, "field")) == ("invalid", "config")
    with pytest.raises(vitrina.VitrinaError) as wrong:
        econt(sender={"name": 5})
    assert getattr(wrong.value, "field") == "config.sender.name"


def test_a_shop_opens_with_econt_among_its_couriers() -> None:
    shop = Shop.open("sqlite::memory:", couriers=[econt()])
    assert shop.now() is not None
