"""The generated `vitrina.shop` layer: every use case of the manifest is a method (with its async
twin) or excluded with a reason, every schema definition has its Python type, records round-trip
the core's JSON, the generated code is fresh and passes `mypy --strict`, and values convert exactly."""

from __future__ import annotations

import json
import keyword
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from shop_world import open_shop

import vitrina
import vitrina.shop
from vitrina import _codec
from vitrina.shop import ActorStaff, CatalogData, Money, Settings, ShopError, actor_from_json

HERE = Path(__file__).resolve().parents[1]
ROOT = HERE.parents[1]
API = json.loads((ROOT / "bindings" / "bridge" / "api.json").read_text(encoding="utf-8"))
USE_CASES = [
    line.strip()
    for line in (ROOT / "core" / "use_cases.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
PACKAGE = Path(vitrina.shop.__file__).parent


def python_name(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) else name


def test_every_use_case_is_a_method_with_an_async_twin_or_excluded() -> None:
    shop, _ = open_shop()
    excluded = {entry["name"]: entry["why"] for entry in API["excluded"]}
    missing = []
    for name in USE_CASES:
        if name in excluded:
            assert excluded[name].strip(), f"{name} is excluded without a reason"
            continue
        group, _, method = name.rpartition(".")
        owner = getattr(shop, group) if group else shop
        if not (callable(getattr(owner, python_name(method), None)) and callable(getattr(owner, f"{method}_async", None))):
            missing.append(name)
    assert missing == []
    assert len(USE_CASES) - len(excluded) == len(API["use_cases"])


def test_every_schema_definition_has_a_python_type() -> None:
    exported = set(vitrina.shop.__all__)
    absent = [name for name in API["$defs"] if name not in exported and name != "Nothing"]
    assert absent == []
    assert vitrina.Shop is vitrina.shop.Shop and vitrina.Money is Money


@pytest.mark.parametrize(
    ("kind", "path"),
    [(Settings, "examples/data/shop_day_settings.json"), (CatalogData, "examples/data/shop_day_catalog.json")],
)
def test_records_round_trip_the_cores_json(kind: type[Settings] | type[CatalogData], path: str) -> None:
    data = json.loads((ROOT / path).read_text(encoding="utf-8"), parse_float=Decimal)
    value = kind.from_json(data)
    again = kind.from_json(json.loads(json.dumps(value.to_json(), default=str), parse_float=Decimal))
    assert again == value


def test_a_stored_settings_document_comes_back_equal() -> None:
    shop, _ = open_shop()
    stored = shop.admin.settings()
    assert shop.admin.configure(stored) == 2
    assert shop.admin.settings() == stored
    assert shop.admin.revision(1).settings == stored


def test_the_generated_code_is_what_the_generator_writes_now(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--out", str(tmp_path)], check=True, capture_output=True)
    for written in sorted(tmp_path.iterdir()):
        assert (PACKAGE / written.name).read_text(encoding="utf-8") == written.read_text(encoding="utf-8"), written.name


def test_the_generated_package_passes_mypy_strict() -> None:
    mypy = pytest.importorskip("mypy.api")
    files = [str(PACKAGE), str(PACKAGE.parent / "_codec.py"), str(PACKAGE.parent / "_shop_base.py")]
    out, err, status = mypy.run(["--strict", "--no-error-summary", *files])
    assert status == 0, out + err


def test_tagged_unions_and_enums_read_and_write_the_cores_form() -> None:
    staff = ActorStaff(id="mila")
    assert staff.to_json() == {"kind": "staff", "id": "mila"}
    assert actor_from_json({"kind": "staff", "id": "mila"}) == staff
    assert vitrina.shop.PaymentMethod.from_json("bank_transfer") is vitrina.shop.PaymentMethod.BANK_TRANSFER
    assert vitrina.shop.PaymentMethod.GIFT_CARD.to_json() == "gift_card"


def test_money_and_times_convert_exactly() -> None:
    assert Money.parse("12.30 EUR") == Money(Decimal("12.30"), "EUR") and str(Money(Decimal("0.10"), "EUR")) == "0.10 EUR"
    assert Money.from_json("-5 JPY").amount == Decimal("-5") and Money.parse("3.125 KWD").amount == Decimal("3.125")
    moment = datetime(2026, 4, 14, 9, 30, 0, 250000, tzinfo=timezone(timedelta(hours=3)))
    assert _codec.encode_datetime(moment, "at") == "2026-04-14T06:30:00.250000Z"
    assert _codec.decode_datetime("2026-04-14T06:30:00.250000123Z") == moment
    assert _codec.decode_datetime("2026-04-14T06:30:00Z").tzinfo == timezone.utc
    for duration, text in [(timedelta(hours=48), "PT48H"), (timedelta(minutes=90), "PT1H30M"), (timedelta(0), "PT0S")]:
        assert (_codec.encode_duration(duration, "d"), _codec.decode_duration(text)) == (text, duration)
    assert _codec.decode_duration("-PT1.5S") == -timedelta(seconds=1.5) and _codec.decode_duration("P2D") == timedelta(2)
    assert _codec.encode_date(date(2026, 4, 14), "day") == "2026-04-14" and _codec.decode_time("09:30:00") == time(9, 30)
    assert _codec.encode_decimal(Decimal("1E+2"), "amount") == "100"


@pytest.mark.parametrize(
    ("value", "encode", "reason"),
    [
        (1.5, _codec.encode_decimal, "float amounts are not exact"),
        (datetime(2026, 4, 14), _codec.encode_datetime, "naive datetime"),
        ("2", _codec.encode_int, "expected int"),
        ("staff", _codec.encode_record(ActorStaff), "expected ActorStaff"),
    ],
)
def test_bad_input_is_refused_naming_the_field(value: object, encode: _codec.Encoder, reason: str) -> None:
    with pytest.raises(ShopError, match=reason) as refused:
        encode(value, "lines[0].quantity")
    assert (refused.value.code, refused.value.field, refused.value.domain) == ("invalid", "lines[0].quantity", "shop")
