"""The adapters that ship with Vitrina, configured from Python: Econt Express over its JSON services
and Stripe. Nothing listens on the test's address, so a call fails with a typed error, secret-free;
a Stripe webhook signed here, as Stripe signs, is verified by the shop."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

import pytest
from test_shop_shipping import order, tea_shop

import vitrina
from vitrina.shop import ActorStaff, Shop, WebhookRequest

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
    shop = tea_shop(courier)
    placed, _ = order(shop)
    with pytest.raises(vitrina.ShippingError) as caught:
        shop.shipping.ship(placed.id, ActorStaff(id="packer"))
    assert caught.value.domain == "shipping" and "s3cret-pass" not in str(caught.value)
    assert shop.shipping.shipments_of(placed.id) == []


def test_a_bad_econt_configuration_names_the_field() -> None:
    with pytest.raises(vitrina.VitrinaError) as missing:
        vitrina.EcontCourier(username="shop", sender={"name": "Chaena"})  # type: ignore[call-arg]
    assert (getattr(missing.value, "code"), getattr(missing.value, "field")) == ("invalid", "config")
    with pytest.raises(vitrina.VitrinaError) as wrong:
        econt(sender={"name": 5})
    assert getattr(wrong.value, "field") == "config.sender.name"


def test_a_shop_opens_with_econt_among_its_couriers() -> None:
    shop = Shop.open("sqlite::memory:", couriers=[econt()])
    assert shop.now() is not None


def stripe_signature(body: str, secret: str, at: datetime) -> str:
    """The `Stripe-Signature` header Stripe sends: HMAC-SHA256 of "{timestamp}.{body}"."""
    timestamp = int(at.timestamp())
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def test_stripe_is_configured_by_keywords_and_keeps_its_key_to_itself() -> None:
    gateway = vitrina.StripeGateway(api_key="sk_test_s3cret", webhook_secrets=["whsec_py"])
    assert gateway.name == "stripe"
    assert "s3cret" not in repr(gateway)
    with pytest.raises(vitrina.VitrinaError) as blank:
        vitrina.StripeGateway(api_key=" ")
    assert getattr(blank.value, "field") == "config.api_key"


def test_a_stripe_webhook_is_verified_by_the_shop() -> None:
    gateway = vitrina.StripeGateway(api_key="sk_test_123", webhook_secrets=["whsec_py"], base_url=UNREACHABLE)
    at = datetime(2026, 4, 14, 9, 0, tzinfo=timezone.utc)
    shop = Shop.open("sqlite::memory:", gateways={"card": gateway}, clock_at=at)
    event = {"id": "evt_py_1", "object": "event", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    body = json.dumps(event)
    headers = {"stripe-signature": stripe_signature(body, "whsec_py", at)}
    receipt = shop.payments.receive_webhook("stripe", WebhookRequest(headers=headers, body=body, received_at=at))
    assert (receipt.event_id, receipt.outcome, receipt.payment) == ("evt_py_1", "ignored", None)
    tampered = WebhookRequest(headers=headers, body=body.replace("cus_1", "cus_2"), received_at=at)
    with pytest.raises(vitrina.VitrinaError) as refused:
        shop.payments.receive_webhook("stripe", tampered)
    assert (getattr(refused.value, "code"), getattr(refused.value, "domain")) == ("signature_mismatch", "payment")
