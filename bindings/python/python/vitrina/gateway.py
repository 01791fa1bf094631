"""The protocol a payment gateway written in Python implements (passed to ``Shop.open(gateways={...})``).

Each method takes the request and returns a ``GatewayResult``; it may be a plain ``def`` or an
``async def``. A decline is a result (status ``failed`` with an ``error`` code such as
``card_declined``), not an exception. An exception raised by a method (or a value that is not a
result) leaves the outcome unknown: the call raises ``PaymentError`` with code ``unavailable``, nothing
is recorded, and the same idempotency key may be repeated (the provider may have acted). The
result's amount and currency must echo the request's.

Optional members, used when present: ``name`` (default: the class name), ``capabilities`` (a dict of
``GatewayCapabilities`` fields), ``verify(request)``, ``complete_action(request)``,
``sync(reference)``, ``refund_sync(reference)`` and ``parse_webhook(webhook)``.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol, Union

from ._vitrina import FollowUpRequest, GatewayResult, PaymentRequest

GatewayAnswer = Union[GatewayResult, Awaitable[GatewayResult]]
"""What a gateway method returns: a ``GatewayResult``, or an awaitable of one (``async def``)."""


class PaymentGatewayProtocol(Protocol):
    """A payment provider implemented in Python."""

    def authorize(self, request: PaymentRequest, /) -> GatewayAnswer:
        """Reserves ``request.amount`` without taking it."""
        ...

    def purchase(self, request: PaymentRequest, /) -> GatewayAnswer:
        """Reserves and takes ``request.amount`` at once."""
        ...

    def capture(self, request: FollowUpRequest, /) -> GatewayAnswer:
        """Takes ``request.amount`` of the authorization ``request.gateway_reference``."""
        ...

    def void(self, request: FollowUpRequest, /) -> GatewayAnswer:
        """Releases the authorization ``request.gateway_reference``."""
        ...

    def refund(self, request: FollowUpRequest, /) -> GatewayAnswer:
        """Gives back ``request.amount``; the result's reference is the refund's."""
        ...


__all__ = ["GatewayAnswer", "PaymentGatewayProtocol"]
