"""The protocol a courier written in Python implements (passed to ``Shop.open(couriers=[...])``).

Each method takes the request as a dict in the core's JSON shape and returns a dict in the same
shape (amounts as ``"4.90 EUR"``, times as RFC 3339 text or aware ``datetime``); it may be a plain
``def`` or an ``async def``. An exception it raises (or an answer that cannot be read) becomes a
``ShippingError`` with code ``unavailable`` naming the courier and the method, never a crash.

Optional members, used when present: ``name`` (default: the class name, which shipments must
name as their ``courier``), ``capabilities`` (a dict of ``CourierCapabilities`` fields),
``cancel_shipment(tracking_number)``, ``validate_address(address)``, ``schedule_pickup(request)``
and ``cancel_pickup(pickup_id)``; a missing one is ``ShippingError`` with code ``unsupported``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, Protocol, Union

CourierAnswer = Union[Mapping[str, Any], Awaitable[Mapping[str, Any]]]
"""What a courier method returns: a dict, or an awaitable of one (``async def``)."""


class CourierProtocol(Protocol):
    """A carrier implemented in Python."""

    name: str

    def rates(self, request: dict[str, Any], /) -> CourierAnswer:
        """``{"options": [{"service", "name", "price", "estimated_delivery": {"start", "end"}}], "warnings": []}``
        for ``request`` (``parcel``, ``from``, ``to``, ``ready_at``)."""
        ...

    def create_shipment(self, request: dict[str, Any], /) -> CourierAnswer:
        """``{"tracking_number", "label": {"content_type", "bytes"}, "estimated_delivery", "warnings"}``
        for ``request`` (``shipment_id``, ``order_number``, ``parcel``, ``from``, ``to``, ``service``...)."""
        ...

    def track(self, tracking_numbers: list[str], /) -> CourierAnswer:
        """``{"shipments": [{"tracking_number", "events": [...]}], "warnings": []}``; each event has
        ``at``, ``status`` (``picked_up``, ``in_transit``, ``delivered``...), ``raw_code``, ``description``."""
        ...


__all__ = ["CourierAnswer", "CourierProtocol"]
