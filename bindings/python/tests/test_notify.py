"""E-mail: lifecycle e-mails queued for domain events (order confirmation with bank-transfer
instructions, shipped), delivered through mailers written in Python (plain and `async def`) and
through SMTP to a real local server (aiosmtpd), retries and dead letters (the outbox kept in a store is
the `Shop`'s: test_shop_store)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest

import vitrina
from conftest import NOW
from test_checkout import placed_order
from test_shipping import ParcelCo, label_request, processing_order

SHOP: dict[str, Any] = {
    "shop_id": "demo",
    "info": {"name": "Vitrina Demo", "url": "https://shop.example.com", "support_email": "help@shop.example.com"},
    "sender": "Vitrina Demo <orders@shop.example.com>",
    "bank": {"beneficiary": "Vitrina Ltd", "iban": "BG80BNBG96611020345678", "bic": "BNBGBGSD", "bank_name": "BNB"},
    "transfer_window": timedelta(days=3),
}
NAMES = {"tee-m": "Tee (M)", "mug-v": "Mug"}


class Outgoing:
    """A mailer in a plain `def`: keeps what it was given."""

    def __init__(self) -> None:
        self.sent: list[vitrina.EmailMessage] = []

    def send(self, message: vitrina.EmailMessage) -> str:
        self.sent.append(message)
        return f"kept as #{len(self.sent)}"


class AsyncOutgoing:
    """A mailer in an `async def`."""

    def __init__(self) -> None:
        self.sent: list[vitrina.EmailMessage] = []

    async def send(self, message: vitrina.EmailMessage) -> dict[str, str]:
        await asyncio.sleep(0.001)
        self.sent.append(message)
        return {"message_id": message.message_id, "detail": "250 accepted"}


class Flaky:
    """Fails with a plain exception (retried) or a permanent MailError (dead at once)."""

    def __init__(self, permanent: bool) -> None:
        self.permanent = permanent
        self.calls = 0

    def send(self, message: vitrina.EmailMessage) -> None:
        self.calls += 1
        if self.permanent:
            error = vitrina.MailError("550 mailbox unavailable")
            error.permanent = True
            raise error
        raise TimeoutError("relay did not answer")


def confirmation_event(order: vitrina.Order) -> vitrina._vitrina.RecordedEvent:
    events = order.take_events()
    placed = [e for e in events if e.type == "order_placed"]
    assert len(placed) == 1 and order.take_events() == []
    return placed[0]


def test_a_recorded_event_has_typed_amounts_and_times(transfer_order: vitrina.Order) -> None:
    event = confirmation_event(transfer_order)
    assert event.at == transfer_order.placed_at and event.at.tzinfo is not None
    data = event.data
    assert (data["order_id"], data["order_number"], data["payment_method"]) == (
        transfer_order.id,
        transfer_order.number,
        "bank_transfer",
    )
    assert (data["total"], data["currency"]) == (transfer_order.total, "EUR")
    assert isinstance(data["total"], Decimal)
    plain = event.to_dict()
    assert plain["event"]["type"] == "order_placed" and plain["event"]["total"] == f"{transfer_order.total} EUR"
    assert vitrina.RecordedEvent.from_json(event.to_json()) == event
    # The dict form is accepted too, and is the same event (queued once).
    notifier = vitrina.Notifier(SHOP)
    queued = notifier.notify(event, orders=[transfer_order], now=NOW)
    again = notifier.notify(plain, orders=[transfer_order], now=NOW)
    assert (queued["outcome"], again["outcome"]) == ("queued", "already_queued")


@pytest.fixture
def transfer_order(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> vitrina.Order:
    return placed_order(catalog, pricer, cart, context, "bank_transfer")


def test_an_order_confirmation_carries_the_payment_instructions(transfer_order: vitrina.Order) -> None:
    notifier = vitrina.Notifier(SHOP)
    event = confirmation_event(transfer_order)
    queued = notifier.notify(event, orders=[transfer_order], product_names=NAMES, now=NOW)
    assert queued["outcome"] == "queued" and queued["message_id"].startswith("<order_confirmation.")
    again = notifier.notify(event, orders=[transfer_order], product_names=NAMES, now=NOW)
    assert again == {"outcome": "already_queued", "message_id": queued["message_id"]}
    missing = notifier.notify(event, now=NOW)
    assert missing["outcome"] == "skipped" and missing["reason"] == "missing"

    mailer = Outgoing()
    report = notifier.deliver_due(mailer, NOW)
    assert report == {"sent": [queued["entry_id"]], "retrying": [], "dead": []}
    message = mailer.sent[0]
    assert message.to == ["Ana Petrova <Ana@example.bg>"] and message.reply_to == "help@shop.example.com"
    assert message.subject == f"Order {transfer_order.number} confirmed – Vitrina Demo"
    for expected in ["Tee (M) × 2", "BG80BNBG96611020345678", transfer_order.payment_reference_formatted]:
        assert expected in message.text
    assert "November 26, 2026" in message.text  # placed + the 3-day transfer window
    (sent,) = notifier.outbox()
    assert (sent.id, sent.status, sent.attempts, sent.last_error) == (queued["entry_id"], "sent", 1, None)
    assert (sent.created_at, sent.sent_at) == (NOW, NOW) and sent.message.subject == message.subject
    assert notifier.deliver_due(mailer, NOW) == {"sent": [], "retrying": [], "dead": []}


def test_an_async_mailer_is_awaited(transfer_order: vitrina.Order) -> None:
    event = confirmation_event(transfer_order)
    notifier = vitrina.Notifier(SHOP)
    mailer = AsyncOutgoing()

    async def run() -> vitrina._vitrina.DeliveryReport:
        await notifier.notify_async(event, orders=[transfer_order], now=NOW)
        return await notifier.deliver_due_async(mailer, NOW)

    report = asyncio.run(run())
    assert len(report["sent"]) == 1 and len(mailer.sent) == 1
    # The blocking form runs the `async def` mailer too (with `asyncio.run` on a worker thread).
    blocking = vitrina.Notifier(SHOP)
    blocking.notify(event, orders=[transfer_order], now=NOW)
    assert len(blocking.deliver_due(mailer, NOW)["sent"]) == 1 and len(mailer.sent) == 2


def test_failures_are_retried_and_permanent_ones_are_dead(transfer_order: vitrina.Order) -> None:
    event = confirmation_event(transfer_order)
    notifier = vitrina.Notifier(SHOP, max_attempts=2)
    notifier.notify(event, orders=[transfer_order], now=NOW)
    flaky = Flaky(permanent=False)
    first = notifier.deliver_due(flaky, NOW)
    assert len(first["retrying"]) == 1 and flaky.calls == 1
    assert notifier.deliver_due(flaky, NOW)["retrying"] == []  # not due before the retry delay
    entry = notifier.outbox()[0]
    assert (entry.status, entry.attempts, entry.sent_at) == ("failed", 1, None)
    assert entry.last_error is not None and "TimeoutError: relay did not answer" in entry.last_error
    assert NOW < entry.next_attempt_at <= NOW + timedelta(minutes=2)
    second = notifier.deliver_due(flaky, NOW + timedelta(minutes=2))
    assert second["dead"] == first["retrying"]  # the second of two attempts

    other = vitrina.Notifier(SHOP)
    other.notify(event, orders=[transfer_order], now=NOW)
    assert len(other.deliver_due(Flaky(permanent=True), NOW)["dead"]) == 1


def test_a_shipped_email_links_the_tracking_page(
    catalog: vitrina.Catalog, pricer: vitrina.Pricer, cart: vitrina.Cart, context: vitrina.PricingContext
) -> None:
    order = processing_order(catalog, pricer, cart, context)
    courier = ParcelCo()
    shipment = vitrina.Shipment.plan(order, courier="parcelco", lines={order.cart.lines[0].id: 2})
    vitrina.ShippingService(courier).create_label(order, shipment, label_request(), NOW + timedelta(hours=1))
    shipment.take_events()
    shipment.transition("picked_up", at=NOW + timedelta(hours=2))
    events = shipment.take_events()
    notifier = vitrina.Notifier(SHOP)
    url = "https://shop.example.com/track/{tracking_number}"
    queued = notifier.notify(events[0], orders=[order], shipments=[shipment], tracking_url=url, now=NOW)
    assert queued["outcome"] == "queued"
    mailer = Outgoing()
    notifier.deliver_due(mailer, NOW + timedelta(hours=2))
    assert f"https://shop.example.com/track/{shipment.tracking_number}" in mailer.sent[0].text


def test_a_bad_message_names_the_field() -> None:
    with pytest.raises(vitrina.NotifyError) as injected:
        vitrina.EmailMessage(
            from_="shop@example.com", to=["a@example.com"], subject="Hi\r\nBcc: x@evil.test", text="x"
        )
    assert injected.value.field == "subject" and injected.value.code == "header_injection"
    with pytest.raises(vitrina.NotifyError) as recipient:
        vitrina.EmailMessage(from_="shop@example.com", to=["a@example.com", "nobody"], subject="Hi", text="x")
    assert recipient.value.field == "to[1]"
    with pytest.raises(vitrina.NotifyError) as profile:
        vitrina.Notifier({**SHOP, "sender": None})
    assert profile.value.field == "shop" and profile.value.code == "invalid_input"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[Message]]]:
    from aiosmtpd.controller import Controller

    received: list[Message] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(message_from_bytes(envelope.content))
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def test_smtp_delivers_to_a_real_server(transfer_order: vitrina.Order, smtp_server: tuple[int, list[Message]]) -> None:
    port, received = smtp_server
    mailer = vitrina.SmtpMailer("127.0.0.1", port=port, security="plain_localhost", timeout_seconds=5)
    mailer.test_connection()
    notifier = vitrina.Notifier(SHOP)
    notifier.notify(confirmation_event(transfer_order), orders=[transfer_order], product_names=NAMES, now=NOW)
    assert len(notifier.deliver_due(mailer, NOW)["sent"]) == 1
    assert len(received) == 1
    mail = received[0]
    assert mail["To"] == '"Ana Petrova" <Ana@example.bg>' and mail["Message-ID"].startswith("<order_confirmation.")
    texts = [part.get_payload(decode=True) for part in mail.walk() if part.get_content_type() == "text/plain"]
    assert len(texts) == 1 and isinstance(texts[0], bytes) and b"BG80BNBG96611020345678" in texts[0]

    direct = vitrina.EmailMessage(
        from_="Shop <shop@example.com>", to=["ana@example.com"], subject="Hello", text="Plain text", html="<p>Hi</p>"
    )
    async def send() -> dict[str, str]:
        return await mailer.send_async(direct)

    answer = asyncio.run(send())
    assert answer["message_id"] == direct.message_id and len(received) == 2
    assert received[1].is_multipart()


def test_smtp_failures_raise_mail_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    mailer = vitrina.SmtpMailer("127.0.0.1", port=closed_port, security="plain_localhost", timeout_seconds=2)
    message = vitrina.EmailMessage(from_="shop@example.com", to=["ana@example.com"], subject="Hi", text="x")
    with pytest.raises(vitrina.MailError) as refused:
        mailer.send(message)
    assert refused.value.permanent is False and isinstance(refused.value, ConnectionError)
    with pytest.raises(vitrina.MailError) as remote:
        vitrina.SmtpMailer("smtp.example.com", security="plain_localhost")
    assert remote.value.field == "host"
