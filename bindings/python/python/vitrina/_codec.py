"""The hand-written runtime of the generated ``vitrina.shop`` layer: ``Money``, and the encoders and
decoders between Python values and the core's JSON form that the generated classes are built from.

Encoders take ``(value, field)`` and refuse a value of the wrong type with the ``shop`` domain's
exception (code ``invalid``) naming ``field``, as the core does for a malformed argument; a ``float``
is never taken for an exact amount. Decoders take what the core answered and build Python values:
``Decimal`` amounts, ``Money``, aware UTC ``datetime`` values, ``date``, ``time``, ``timedelta``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Dict, List, Protocol, TypeVar, Union

T = TypeVar("T")
U = TypeVar("U")
E = TypeVar("E", bound=Enum)

JsonValue = Union[None, bool, int, float, str, Decimal, List["JsonValue"], Dict[str, "JsonValue"]]
"""Any JSON value (a ``Decimal`` travels as its decimal text)."""

Encoder = Callable[[object, str], object]
"""Turns a value into its JSON form, naming ``field`` when it refuses it."""

Decoder = Callable[[object], T]
"""Reads a value from its JSON form."""


def invalid(field: str, reason: str) -> Exception:
    """The ``shop`` domain's exception with code ``invalid`` for ``field``, as the core raises it."""
    from .shop.errors import DOMAIN_ERRORS

    error = DOMAIN_ERRORS["shop"](f"{field or 'value'}: {reason}")
    error.code = "invalid"
    error.field = field or None
    error.domain = "shop"
    return error


def at(path: str, key: str) -> str:
    """The path of ``key`` inside the value at ``path`` (``new.email``)."""
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    return type(value).__name__


# --- Money -------------------------------------------------------------------------------------------

_MONEY = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?) ([A-Z]{3})$")


@dataclass(frozen=True)
class Money:
    """An exact amount in an ISO 4217 currency, written ``"12.30 EUR"`` in the core's JSON form."""

    amount: Decimal
    """The amount (never a binary float)."""
    currency: str
    """The ISO 4217 code (``EUR``)."""

    def __post_init__(self) -> None:
        amount: object = self.amount
        if isinstance(amount, int) and not isinstance(amount, bool):
            object.__setattr__(self, "amount", Decimal(amount))
        elif isinstance(amount, str):
            object.__setattr__(self, "amount", decode_decimal(amount))
        elif not isinstance(amount, Decimal) or not amount.is_finite():
            raise invalid("amount", f"expected a finite decimal.Decimal or int, got {_kind(amount)}")
        currency: object = self.currency
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
            raise invalid("currency", f"expected an ISO 4217 code such as 'EUR', got {currency!r}")

    @classmethod
    def parse(cls, text: str) -> Money:
        """``Money`` from its text form (``"12.30 EUR"``)."""
        match = _MONEY.match(text)
        if match is None:
            raise invalid("money", f"{text!r} is not an amount and a currency such as '12.30 EUR'")
        return cls(Decimal(match.group(1)), match.group(2))

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"

    def to_json(self, field: str = "") -> str:
        """The core's JSON form (``"12.30 EUR"``)."""
        return str(self)

    @classmethod
    def from_json(cls, data: object) -> Money:
        """``Money`` from the core's JSON form."""
        return cls.parse(decode_str(data))


# --- encoders ----------------------------------------------------------------------------------------


def encode_str(value: object, field: str) -> object:
    """A ``str``."""
    if not isinstance(value, str):
        raise invalid(field, f"expected str, got {_kind(value)}")
    return value


def encode_int(value: object, field: str) -> object:
    """An ``int`` (not a ``bool``)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(field, f"expected int, got {_kind(value)}")
    return value


def encode_float(value: object, field: str) -> object:
    """A ``float`` (or ``int``), for the few binary-float values (relevance scores)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise invalid(field, f"expected float, got {_kind(value)}")
    return value


def encode_bool(value: object, field: str) -> object:
    """A ``bool``."""
    if not isinstance(value, bool):
        raise invalid(field, f"expected bool, got {_kind(value)}")
    return value


def encode_decimal(value: object, field: str) -> object:
    """An exact amount (``Decimal`` or ``int``) as decimal text; a ``float`` is refused."""
    if isinstance(value, float):
        raise invalid(field, "float amounts are not exact; pass decimal.Decimal (e.g. Decimal('12.50')) or int")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise invalid(field, f"expected a finite decimal.Decimal or int, got {_kind(value)}")
    return f"{value:f}"


def encode_money(value: object, field: str) -> object:
    """``Money`` as ``"12.30 EUR"``."""
    if not isinstance(value, Money):
        raise invalid(field, f"expected Money, got {_kind(value)}")
    return str(value)


def encode_datetime(value: object, field: str) -> object:
    """An aware ``datetime`` as RFC 3339 text in UTC; a naive one is refused (its zone would be guessed)."""
    if not isinstance(value, _dt.datetime):
        raise invalid(field, f"expected an aware datetime, got {_kind(value)}")
    if value.utcoffset() is None:
        raise invalid(field, "naive datetime; pass an aware one (e.g. tzinfo=datetime.timezone.utc)")
    utc = value.astimezone(_dt.timezone.utc)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def encode_date(value: object, field: str) -> object:
    """A ``date`` (not a ``datetime``) as ``YYYY-MM-DD``."""
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise invalid(field, f"expected a date, got {_kind(value)}")
    return value.isoformat()


def encode_time(value: object, field: str) -> object:
    """A wall-clock ``time`` without a zone as ``HH:MM:SS[.ffffff]``."""
    if not isinstance(value, _dt.time) or value.tzinfo is not None:
        raise invalid(field, f"expected a time without tzinfo, got {value!r}")
    return value.isoformat()


def encode_duration(value: object, field: str) -> object:
    """A ``timedelta`` as an ISO 8601 duration in hours, minutes and seconds (``PT48H``)."""
    if not isinstance(value, _dt.timedelta):
        raise invalid(field, f"expected a timedelta, got {_kind(value)}")
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    sign, micros = ("-", -micros) if micros < 0 else ("", micros)
    hours, rest = divmod(micros, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, fraction = divmod(rest, 1_000_000)
    text = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or fraction or not text:
        text += f"{seconds}.{fraction:06d}".rstrip("0").rstrip(".") + "S"
    return f"{sign}PT{text}"


def encode_json(value: object, field: str) -> object:
    """Any JSON value, as given (``Decimal`` becomes its text when written)."""
    return value


def encode_none(value: object, field: str) -> object:
    """``None``."""
    if value is not None:
        raise invalid(field, f"expected None, got {_kind(value)}")
    return None


def encode_optional(inner: Encoder) -> Encoder:
    """``None`` or what ``inner`` takes."""

    def encode(value: object, field: str) -> object:
        return None if value is None else inner(value, field)

    return encode


def encode_list(item: Encoder) -> Encoder:
    """A list (or tuple) of what ``item`` takes; each item is named ``field[i]``."""

    def encode(value: object, field: str) -> object:
        if not isinstance(value, (list, tuple)):
            raise invalid(field, f"expected a list, got {_kind(value)}")
        return [item(entry, f"{field}[{i}]") for i, entry in enumerate(value)]

    return encode


def encode_map(item: Encoder) -> Encoder:
    """A mapping of ``str`` keys to what ``item`` takes; each value is named ``field.key``."""

    def encode(value: object, field: str) -> object:
        if not isinstance(value, Mapping):
            raise invalid(field, f"expected a dict, got {_kind(value)}")
        encoded: dict[str, object] = {}
        for key, entry in value.items():
            if not isinstance(key, str):
                raise invalid(field, f"keys must be str, got {_kind(key)}")
            encoded[key] = item(entry, at(field, key))
        return encoded

    return encode


def encode_pair(first: Encoder, second: Encoder) -> Encoder:
    """A 2-tuple of what ``first`` and ``second`` take."""

    def encode(value: object, field: str) -> object:
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise invalid(field, f"expected a pair, got {_kind(value)}")
        return [first(value[0], f"{field}[0]"), second(value[1], f"{field}[1]")]

    return encode


def encode_enum(kind: type[E]) -> Encoder:
    """A member of the string enum ``kind`` (or one of its values)."""

    def encode(value: object, field: str) -> object:
        if isinstance(value, kind):
            return value.value
        if isinstance(value, str) and value in {member.value for member in kind}:
            return value
        allowed = ", ".join(str(member.value) for member in kind)
        raise invalid(field, f"expected a {kind.__name__} ({allowed}), got {value!r}")

    return encode


class Record(Protocol):
    """A generated data class: it writes itself in the core's JSON form."""

    def to_json(self, field: str = "") -> object: ...


def encode_record(*kinds: type[Record]) -> Encoder:
    """An instance of one of ``kinds`` (a record, or the variants of a tagged union)."""

    def encode(value: object, field: str) -> object:
        if not isinstance(value, kinds):
            names = " or ".join(kind.__name__ for kind in kinds)
            raise invalid(field, f"expected {names}, got {_kind(value)}")
        return value.to_json(field)

    return encode


# --- decoders ----------------------------------------------------------------------------------------


def _unexpected(expected: str, value: object) -> Exception:
    return ValueError(f"expected {expected} in the core's answer, got {value!r}")


def decode_str(value: object) -> str:
    """A ``str``."""
    if not isinstance(value, str):
        raise _unexpected("a string", value)
    return value


def decode_int(value: object) -> int:
    """An ``int``."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise _unexpected("an integer", value)
    return value


def decode_float(value: object) -> float:
    """A ``float`` (JSON numbers are read as ``Decimal``)."""
    if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        raise _unexpected("a number", value)
    return float(value)


def decode_bool(value: object) -> bool:
    """A ``bool``."""
    if not isinstance(value, bool):
        raise _unexpected("a boolean", value)
    return value


def decode_decimal(value: object) -> Decimal:
    """An exact amount from decimal text (or a JSON number read as ``Decimal``)."""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    raise _unexpected("a decimal", value)


def decode_money(value: object) -> Money:
    """``Money`` from ``"12.30 EUR"``."""
    return Money.from_json(value)


_DATETIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$")


def decode_datetime(value: object) -> _dt.datetime:
    """An aware UTC ``datetime`` from RFC 3339 text (nanoseconds are cut to microseconds)."""
    match = _DATETIME.match(decode_str(value))
    if match is None:
        raise _unexpected("an RFC 3339 timestamp", value)
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    micros = int((match.group(7) or "0").ljust(6, "0")[:6])
    zone = match.group(8)
    offset = _dt.timedelta(0)
    if zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = sign * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    moment = _dt.datetime(year, month, day, hour, minute, second, micros, tzinfo=_dt.timezone(offset))
    return moment.astimezone(_dt.timezone.utc)


def decode_date(value: object) -> _dt.date:
    """A ``date`` from ``YYYY-MM-DD``."""
    return _dt.date.fromisoformat(decode_str(value))


_TIME = re.compile(r"^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?$")


def decode_time(value: object) -> _dt.time:
    """A wall-clock ``time`` from ``HH:MM[:SS[.fffffffff]]``."""
    match = _TIME.match(decode_str(value))
    if match is None:
        raise _unexpected("a time of day", value)
    micros = int((match.group(4) or "0").ljust(6, "0")[:6])
    return _dt.time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0), micros)


_DURATION = re.compile(r"^([-+])?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,9}))?S)?)?$")


def decode_duration(value: object) -> _dt.timedelta:
    """A ``timedelta`` from an ISO 8601 duration in days, hours, minutes and seconds (``PT48H``)."""
    match = _DURATION.match(decode_str(value))
    if match is None or value in ("P", "PT"):
        raise _unexpected("an ISO 8601 duration", value)
    sign, days, hours, minutes, seconds, fraction = match.groups()
    duration = _dt.timedelta(
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
        microseconds=int((fraction or "0").ljust(6, "0")[:6]),
    )
    return -duration if sign == "-" else duration


def decode_json(value: object) -> JsonValue:
    """Any JSON value, as read."""
    return value  # type: ignore[return-value]


def decode_none(value: object) -> None:
    """``null``."""
    if value is not None:
        raise _unexpected("null", value)


def decode_optional(inner: Decoder[T]) -> Decoder[T | None]:
    """``None`` for ``null``, else what ``inner`` reads."""

    def decode(value: object) -> T | None:
        return None if value is None else inner(value)

    return decode


def decode_list(item: Decoder[T]) -> Decoder[list[T]]:
    """A list of what ``item`` reads."""

    def decode(value: object) -> list[T]:
        if not isinstance(value, list):
            raise _unexpected("a list", value)
        return [item(entry) for entry in value]

    return decode


def decode_map(item: Decoder[T]) -> Decoder[dict[str, T]]:
    """An object of what ``item`` reads, by key."""

    def decode(value: object) -> dict[str, T]:
        return {key: item(entry) for key, entry in decode_object(value).items()}

    return decode


def decode_pair(first: Decoder[T], second: Decoder[U]) -> Decoder[tuple[T, U]]:
    """A 2-item array as a tuple."""

    def decode(value: object) -> tuple[T, U]:
        if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
            raise _unexpected("a pair", value)
        return first(value[0]), second(value[1])

    return decode


def decode_object(value: object) -> dict[str, object]:
    """A JSON object."""
    if not isinstance(value, dict):
        raise _unexpected("an object", value)
    return value


def decode_tagged(value: object, tag: str, expected: str) -> dict[str, object]:
    """A JSON object whose ``tag`` property is ``expected``."""
    data = decode_object(value)
    if data.get(tag) != expected:
        raise _unexpected(f"{tag} {expected!r}", data.get(tag))
    return data


def tag_of(value: object, tag: str) -> str:
    """The ``tag`` property of a tagged union's JSON object."""
    return decode_str(decode_object(value).get(tag))
