"""E-mail plug-ins: messages validated by the core (a header injection or a bad address names the
field), and the SMTP mailer sending to a real local server (aiosmtpd), blocking and awaited, with
its failures raised as `NotifyError` (`transient` or `permanent`). The lifecycle e-mails the shop queues and delivers through
these mailers: test_shop_notify (and retries: test_shop_store)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest

import vitrina


def test_a_bad_message_names_the_field() -> None:
    with pytest.raises(vitrina.NotifyError) as injected:
        vitrina.EmailMessage(
            from_="shop@example.com", to=["a@example.com"], subject="Hi\r\nBcc: x@evil.test", text="x"
        )
    assert injected.value.field == "subject" and injected.value.code == "header_injection"
    with pytest.raises(vitrina.NotifyError) as recipient:
        vitrina.EmailMessage(from_="shop@example.com", to=["a@example.com", "nobody"], subject="Hi", text="x")
    assert recipient.value.field == "to[1]"


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


def test_smtp_delivers_to_a_real_server(smtp_server: tuple[int, list[Message]]) -> None:
    port, received = smtp_server
    mailer = vitrina.SmtpMailer("127.0.0.1", port=port, security="plain_localhost", timeout_seconds=5)
    mailer.test_connection()
    plain = vitrina.EmailMessage(
        from_="Shop <shop@example.com>", to=["Ana Petrova <ana@example.com>"], subject="Hello", text="Plain text"
    )
    assert mailer.send(plain)["message_id"] == plain.message_id
    (mail,) = received
    assert mail["To"] == '"Ana Petrova" <ana@example.com>' and mail["Message-ID"] == plain.message_id
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
    with pytest.raises(vitrina.NotifyError) as refused:
        mailer.send(message)
    assert (refused.value.code, refused.value.domain) == ("transient", "notify")
    with pytest.raises(vitrina.VitrinaError) as remote:
        vitrina.SmtpMailer("smtp.example.com", security="plain_localhost")
    assert (remote.value.code, remote.value.field) == ("invalid", "host")
