"""Lifecycle e-mails through the `Shop`: it queues the e-mail each event calls for in the same
transaction (an order confirmation with the bank-transfer instructions, a shipped e-mail linking the
tracking page) and `run_due` delivers them through a mailer written in Python (plain and
`async def`, blocking and awaited) or through SMTP to a real local server (aiosmtpd); a permanent
failure is dead at once (retries: test_shop_store)."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from shop_world import START, Outbox, PyCard, PyPost, catalog, place, settings

import vitrina
from vitrina.shop import ActorStaff, Customer, NewCustomer, Order, PaymentMethod, Shop

IBAN = "BG80 BNBG 9661 1020 3456 78"


class AsyncOutgoing:
    """A mailer in an `async def`."""

    def __init__(self) -> None:
        self.sent: list[vitrina.EmailMessage] = []

    async def send(self, message: vitrina.EmailMessage) -> dict[str, str]:
        await asyncio.sleep(0.001)
        self.sent.append(message)
        return {"message_id": message.message_id, "detail": "250 accepted"}


class MailboxGone(vitrina.NotifyError):
    """A failure retrying cannot fix."""

    permanent = True


class Refusing:
    """Refuses every message for good (an exception whose `permanent` is true)."""

    def __init__(self) -> None:
        self.calls = 0

    def send(self, message: vitrina.EmailMessage) -> None:
        self.calls += 1
        raise MailboxGone("550 mailbox unavailable")


def tea_shop(mailer: Any, tracking_url: str | None = None) -> tuple[Shop, PyPost]:
    post = PyPost()
    shop = Shop.open("sqlite::memory:", gateways={"card": PyCard()}, couriers=[post], mailer=mailer, clock_at=START)
    shop.admin.configure(dataclasses.replace(settings(), tracking_url=tracking_url))
    shop.catalog.import_(catalog())
    return shop, post


def ana(shop: Shop) -> Customer:
    return shop.customers.register(NewCustomer(email="ana@example.bg", name="Ana Petrova", locale="en"))


def transfer_order(shop: Shop) -> Order:
    order, _ = place(shop, ana(shop), [("green-100g", 2)], PaymentMethod.BANK_TRANSFER)
    return order


def compact(text: str) -> str:
    return "".join(text.split())


def test_an_order_confirmation_carries_the_payment_instructions_and_is_sent_once() -> None:
    outbox = Outbox()
    shop, _ = tea_shop(outbox)
    order = transfer_order(shop)
    due = shop.run_due(shop.now())
    assert due.emails_sent == len(outbox.sent) >= 1 and (due.emails_retrying, due.emails_dead) == (0, 0)
    (message,) = [m for m in outbox.sent if order.number in m.subject]
    assert message.to == ["Ana Petrova <ana@example.bg>"] and message.reply_to == "help@tea.example.com"
    assert message.subject.startswith(f"Order {order.number}") and "Tea House" in message.subject
    assert "Green tea" in message.text and compact(IBAN) in compact(message.text)
    assert compact(order.payment_reference) in compact(message.text)
    assert "April 17, 2026" in message.text  # placed + the 3-day transfer window
    assert shop.run_due(shop.now()).emails_sent == 0


def test_an_async_mailer_is_awaited_by_the_awaited_and_the_blocking_run() -> None:
    mailer = AsyncOutgoing()

    async def run() -> int:
        shop = await Shop.open_async("sqlite::memory:", couriers=[PyPost()], mailer=mailer, clock_at=START)
        await shop.admin.configure_async(settings())
        await shop.catalog.import_async(catalog())
        await asyncio.to_thread(transfer_order, shop)
        return (await shop.run_due_async(shop.now())).emails_sent

    assert asyncio.run(run()) == len(mailer.sent) >= 1
    shop, _ = tea_shop(mailer)
    before = len(mailer.sent)
    transfer_order(shop)
    assert shop.run_due(shop.now()).emails_sent == len(mailer.sent) - before >= 1


def test_a_permanent_failure_is_dead_at_once() -> None:
    mailer = Refusing()
    shop, _ = tea_shop(mailer)
    transfer_order(shop)
    due = shop.run_due(shop.now())
    assert (due.emails_sent, due.emails_retrying) == (0, 0) and due.emails_dead == mailer.calls >= 1
    shop.advance(timedelta(hours=1))
    assert shop.run_due(shop.now()).emails_dead == 0 and mailer.calls == due.emails_dead


def test_a_shipped_email_links_the_tracking_page() -> None:
    outbox = Outbox()
    shop, post = tea_shop(outbox, tracking_url="https://tea.example.com/track/{tracking}")
    order, _ = place(shop, ana(shop), [("green-100g", 1)], PaymentMethod.CARD)
    shop.payments.pay(order.id, "tok_ok", "buy-1")
    parcel = shop.shipping.ship(order.id, ActorStaff(id="packer"))
    shop.advance(timedelta(hours=2))
    post.scan(parcel.tracking_number or "", shop.now() - timedelta(hours=1), "picked_up")
    shop.shipping.refresh_shipment(parcel.id)
    shop.run_due(shop.now())
    link = f"https://tea.example.com/track/{parcel.tracking_number}"
    assert any(link in message.text for message in outbox.sent), [m.subject for m in outbox.sent]


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


def test_the_shop_delivers_through_smtp_to_a_real_server(smtp_server: tuple[int, list[Message]]) -> None:
    port, received = smtp_server
    mailer = vitrina.SmtpMailer("127.0.0.1", port=port, security="plain_localhost", timeout_seconds=5)
    shop, _ = tea_shop(mailer)
    order = transfer_order(shop)
    assert shop.run_due(shop.now()).emails_sent == len(received) >= 1
    (mail,) = [m for m in received if order.number in str(m["Subject"])]
    assert mail["To"] == '"Ana Petrova" <ana@example.bg>'
    texts = [part.get_payload(decode=True) for part in mail.walk() if part.get_content_type() == "text/plain"]
    assert len(texts) == 1 and isinstance(texts[0], bytes) and compact(IBAN).encode() in compact(texts[0].decode()).encode()
