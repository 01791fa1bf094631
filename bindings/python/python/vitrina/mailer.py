"""The protocol a mailer written in Python implements (passed to ``Shop.open(mailer=...)``).

``send(message)`` takes an ``EmailMessage`` (``message.as_bytes()`` gives its MIME form for
``smtplib``) and returns None, a detail string (the transport's words) or a dict
``{"message_id", "detail"}``; it may be a plain ``def`` or an ``async def``. An exception it raises
is a temporary failure: the outbox tries again later, until its attempts run out. Raise an
exception with ``permanent = True`` (e.g. a ``vitrina.NotifyError``) for a failure retrying cannot fix.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Protocol, Union

from ._vitrina import EmailMessage

MailerAnswer = Union[None, str, Mapping[str, str], Awaitable[Union[None, str, Mapping[str, str]]]]
"""What ``send`` returns, or an awaitable of it (``async def``)."""


class MailerProtocol(Protocol):
    """An e-mail transport implemented in Python."""

    def send(self, message: EmailMessage, /) -> MailerAnswer:
        """Hands ``message`` to the transport."""
        ...


__all__ = ["MailerAnswer", "MailerProtocol"]
