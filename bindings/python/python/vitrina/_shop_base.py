"""The hand-written part of ``vitrina.Shop``: opening a shop with its plug-ins, the raw named call
(JSON in and out) the generated groups are built on, and the hand-set clock.

The generated ``vitrina.shop.Shop`` derives from ``ShopBase`` and adds one attribute per use-case
group (``shop.carts``) with typed methods; ``ShopBase`` itself knows no use case.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TypeVar, Union

from . import _vitrina
from .courier import CourierProtocol
from .gateway import PaymentGatewayProtocol
from .mailer import MailerProtocol

S = TypeVar("S", bound="ShopBase")

Gateway = Union[PaymentGatewayProtocol, _vitrina.TestGateway, _vitrina.StripeGateway]
"""A payment gateway: the built-in ``TestGateway``, ``StripeGateway`` or one written in Python."""

Courier = Union[CourierProtocol, _vitrina.TestCourier, _vitrina.OwnFleetCourier, _vitrina.EcontCourier]
"""A courier: ``TestCourier``, ``OwnFleetCourier``, ``EcontCourier`` or one written in Python."""

Mailer = Union[MailerProtocol, _vitrina.SmtpMailer]
"""A mailer: ``SmtpMailer`` or one written in Python."""


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(args: Mapping[str, object]) -> str:
    """Named arguments as JSON text (a ``Decimal`` as its exact text)."""
    return json.dumps(args, default=_json_default, separators=(",", ":"))


def loads(text: str) -> object:
    """A result from JSON text, numbers with a fraction read as exact ``Decimal``."""
    return json.loads(text, parse_float=Decimal)


class ShopBase:
    """A shop over a store (``sqlite::memory:``, ``sqlite:shop.db``, ``postgres://...``) and its
    plug-ins; every use case is a method of one of its groups (``shop.carts.add_line``)."""

    def __init__(self, native: _vitrina.Shop) -> None:
        self._native = native

    @classmethod
    def open(
        cls: type[S],
        url: str,
        *,
        gateways: Mapping[str, Gateway] | None = None,
        couriers: Sequence[Courier] | None = None,
        mailer: Mailer | None = None,
        search: _vitrina.SearchIndex | None = None,
        clock_at: _dt.datetime | None = None,
    ) -> S:
        """Opens the store at ``url`` (migrating it) and a shop over it. ``gateways`` maps a payment
        method (``card``) to its gateway; ``couriers`` are registered under their names; ``mailer``
        sends the e-mails; ``search`` indexes the knowledge base. With ``clock_at`` the shop runs on
        a hand-set clock starting there (``set_time``, ``advance``), else on the system clock."""
        native = _vitrina.Shop.open(
            url, gateways=gateways, couriers=couriers, mailer=mailer, search=search, clock_at=clock_at
        )
        return cls(native)

    @classmethod
    async def open_async(
        cls: type[S],
        url: str,
        *,
        gateways: Mapping[str, Gateway] | None = None,
        couriers: Sequence[Courier] | None = None,
        mailer: Mailer | None = None,
        search: _vitrina.SearchIndex | None = None,
        clock_at: _dt.datetime | None = None,
    ) -> S:
        """``open`` as an awaitable."""
        native = await _vitrina.Shop.open_async(
            url, gateways=gateways, couriers=couriers, mailer=mailer, search=search, clock_at=clock_at
        )
        return cls(native)

    def call(self, name: str, args: Mapping[str, object] | None = None) -> object:
        """Runs the use case ``name`` (``carts.add_line``) with its named arguments in the core's JSON
        form and answers the result in that form (the GIL is released meanwhile)."""
        return loads(self._native.call(name, dumps(args or {})))

    async def call_async(self, name: str, args: Mapping[str, object] | None = None) -> object:
        """``call`` as an awaitable."""
        return loads(await self._native.call_async(name, dumps(args or {})))

    def now(self) -> _dt.datetime:
        """The shop's time now (UTC)."""
        return self._native.now()

    def set_time(self, at: _dt.datetime) -> None:
        """Sets the hand-set clock to ``at``; ``invalid`` (field ``clock``) on the system clock."""
        self._native.set_time(at)

    def advance(self, by: _dt.timedelta) -> None:
        """Moves the hand-set clock by ``by``; ``invalid`` (field ``clock``) on the system clock."""
        self._native.advance(by)


class Group:
    """One group of use cases of a shop (``shop.carts``)."""

    def __init__(self, shop: ShopBase) -> None:
        self._shop = shop
