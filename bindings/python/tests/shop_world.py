"""A small tea shop for the `Shop` tests, built with the generated types: its settings and catalog,
a card gateway, a courier and a mailer written in Python, and the two-step checkout."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Literal

import vitrina
from vitrina.shop import (
    ActionPercentOff,
    Address,
    BankDetails,
    CatalogData,
    Category,
    Customer,
    DeliveryDetails,
    Money,
    Order,
    PaymentMethod,
    Price,
    PricedCart,
    PricingRules,
    Product,
    Promotion,
    Settings,
    ShippingMethod,
    ShippingRateFlat,
    Shop,
    ShopInfo,
    ShopProfile,
    ShopSettings,
    TaxConfig,
    TaxRule,
    Variant,
)

START = datetime(2026, 4, 14, 6, 0, tzinfo=timezone.utc)
"""09:00 in Sofia, where the shop's day is counted."""

WAREHOUSE = Address(recipient="Tea House", line1="ul. Vitosha 1", city="Sofia", postal_code="1000", country="BG")


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def home(name: str) -> Address:
    return Address(recipient=name, line1="bul. Bulgaria 12", city="Sofia", postal_code="1000", country="BG")


class PyCard:
    """A card gateway written in Python: token `tok_ok` is taken, `tok_declined` declined, and
    `tok_down` raises (the network failed: the outcome is unknown)."""

    name = "py-card"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Decimal]] = []

    def _reference(self) -> str:
        return f"pc_{len(self.calls)}"

    def _open(self, status: Literal["authorized", "captured"], request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.calls.append((status, request.token or "", request.amount))
        if request.token == "tok_down":
            raise ConnectionError("the card network is down")
        if request.token == "tok_declined":
            return vitrina.GatewayResult(
                "failed", self._reference(), request.amount, request.currency, error="card_declined", message="Do not honour"
            )
        return vitrina.GatewayResult(status, self._reference(), request.amount, request.currency)

    def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        return self._open("authorized", request)

    def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        return self._open("captured", request)

    def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("capture", request.gateway_reference, request.amount))
        return vitrina.GatewayResult("captured", request.gateway_reference, request.amount, request.currency)

    def void(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("void", request.gateway_reference, request.amount))
        return vitrina.GatewayResult("voided", request.gateway_reference, request.amount, request.currency)

    def refund(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        self.calls.append(("refund", request.gateway_reference, request.amount))
        return vitrina.GatewayResult("refunded", self._reference(), request.amount, request.currency)


class AsyncPyCard:
    """`PyCard` in `async def` methods, noting the event loop each call ran on."""

    name = "py-card"

    def __init__(self) -> None:
        self.inner = PyCard()
        self.loops: list[asyncio.AbstractEventLoop] = []

    async def authorize(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.loops.append(asyncio.get_running_loop())
        return self.inner.authorize(request)

    async def purchase(self, request: vitrina.PaymentRequest) -> vitrina.GatewayResult:
        self.loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0.001)
        return self.inner.purchase(request)

    async def capture(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        return self.inner.capture(request)

    async def void(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        return self.inner.void(request)

    async def refund(self, request: vitrina.FollowUpRequest) -> vitrina.GatewayResult:
        return self.inner.refund(request)


class PyPost:
    """A courier written in Python: one flat rate, numbered text labels, tracking events scanned by
    the test."""

    name = "py-post"

    def __init__(self) -> None:
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.labelled: list[str] = []

    def rates(self, request: dict[str, Any]) -> dict[str, Any]:
        window = {"start": request["ready_at"], "end": request["ready_at"]}
        option = {"service": "standard", "name": "Standard", "price": "4.90 EUR", "estimated_delivery": window}
        return {"options": [option], "warnings": []}

    def create_shipment(self, request: dict[str, Any]) -> dict[str, Any]:
        number = f"PP{len(self.events) + 1:04d}"
        self.events[number] = []
        self.labelled.append(f"{request['order_number']} {request['service']} {request['to']['city']}")
        label = {"content_type": "text/plain", "bytes": f"label {number}".encode()}
        return {"tracking_number": number, "label": label, "estimated_delivery": None, "warnings": []}

    def track(self, tracking_numbers: list[str]) -> dict[str, Any]:
        shipments = [{"tracking_number": n, "events": self.events.get(n, [])} for n in tracking_numbers]
        return {"shipments": shipments, "warnings": []}

    def scan(self, number: str, at: datetime, status: str) -> None:
        self.events[number].append({"at": at, "status": status, "raw_code": status.upper(), "description": status})


class Outbox:
    """A mailer written in Python that keeps what it is given."""

    def __init__(self) -> None:
        self.sent: list[vitrina.EmailMessage] = []

    def send(self, message: vitrina.EmailMessage) -> None:
        self.sent.append(message)


def settings() -> Settings:
    """The tea house: bank details for transfers, Sofia time, VAT included, one courier method with
    a flat rate, a welcome coupon, and the warehouse parcels leave from."""
    profile = ShopProfile(
        shop_id="tea-house",
        info=ShopInfo(name="Tea House", url="https://tea.example.com", support_email="help@tea.example.com"),
        sender="Tea House <orders@tea.example.com>",
        bank=BankDetails(
            beneficiary="Tea House Ltd", iban="BG80 BNBG 9661 1020 3456 78", bic="BNBGBGSD", bank_name="Demo Bank"
        ),
        transfer_window=timedelta(days=3),
    )
    welcome = Promotion(
        id="welcome10",
        name="Welcome: 10 % off",
        coupon_code="WELCOME10",
        currency="EUR",
        action=ActionPercentOff(percent=Decimal("10")),
    )
    courier = ShippingMethod(id="courier", name="Courier", currency="EUR", rate=ShippingRateFlat(amount=Decimal("4.90")))
    pricing = PricingRules(
        promotions=[welcome],
        shipping_methods=[courier],
        tax=TaxConfig(prices_include_tax=True, rules=[TaxRule(region="BG", rate=Decimal("0.20"), name="VAT")]),
    )
    return Settings(
        profile=profile,
        locale=ShopSettings(default_locale="en", time_zone="Europe/Sofia"),
        pricing=pricing,
        default_region="BG",
        warehouse=WAREHOUSE,
        default_courier="py-post",
        staff={"mila": "Mila"},
    )


def catalog() -> CatalogData:
    """Green tea (4.50 EUR, 20 in stock) and a teapot (30.00 EUR, 5 in stock)."""

    def variant(variant_id: str, amount: str, stock: int, grams: int) -> Variant:
        return Variant(
            id=variant_id, prices=[Price(currency="EUR", amount=Decimal(amount))], stock=stock, weight_grams=grams
        )

    return CatalogData(
        categories=[Category(id="tea", name="Tea"), Category(id="ware", name="Teaware")],
        products=[
            Product(
                id="green-tea", name="Green tea", category_ids=["tea"], variants=[variant("green-100g", "4.50", 20, 120)]
            ),
            Product(id="teapot", name="Teapot", category_ids=["ware"], variants=[variant("teapot-white", "30.00", 5, 900)]),
        ],
    )


@dataclass
class Plugins:
    """The plug-ins a test shop runs with."""

    card: PyCard
    post: PyPost
    outbox: Outbox


def open_shop(url: str = "sqlite::memory:") -> tuple[Shop, Plugins]:
    """A configured shop with its catalog, on a hand-set clock at `START`."""
    plugins = Plugins(PyCard(), PyPost(), Outbox())
    shop = Shop.open(
        url, gateways={"card": plugins.card}, couriers=[plugins.post], mailer=plugins.outbox, clock_at=START
    )
    shop.admin.configure(settings())
    shop.catalog.import_(catalog())
    return shop, plugins


def place(
    shop: Shop,
    customer: Customer,
    items: list[tuple[str, int]],
    pay: PaymentMethod,
    coupon: str | None = None,
) -> tuple[Order, PricedCart]:
    """A cart, both checkout steps (contact, then delivery and payment), the price confirmed and the
    order placed."""
    cart = shop.carts.create("EUR", customer_id=customer.id)
    for variant_id, quantity in items:
        shop.carts.add_line(cart.id, variant_id, quantity)
    if coupon is not None:
        shop.carts.apply_coupon(cart.id, coupon)
    session = shop.checkout.start(cart.id, customer.email)
    delivery = DeliveryDetails(address=home(customer.name), shipping_method_id="courier", payment_method=pay)
    shop.checkout.set_delivery(session.id, delivery)
    confirmed = shop.checkout.quote(session.id)
    return shop.checkout.place_order(session.id, confirmed), confirmed
