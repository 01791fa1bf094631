"""Type stubs of the native module ``vitrina._vitrina`` (curated by hand; keep in step with src/)."""

from collections.abc import Awaitable, Mapping, Sequence
from datetime import datetime, timedelta
from os import PathLike
from decimal import Decimal
from typing import Any, Literal, NotRequired, TypedDict, final

from vitrina.courier import CourierProtocol
from vitrina.gateway import PaymentGatewayProtocol
from vitrina.mailer import MailerProtocol
from vitrina.shop import types as _shop_types

__version__: str

# --- exceptions -------------------------------------------------------------------------------------

class VitrinaError(Exception):
    """Base class of every error raised by Vitrina."""

    code: str
    """The core error variant, snake_case (``insufficient_stock``, ``excess_precision``...); a decoding
    failure of the binding's own input (JSON text, dict shape) is ``invalid_input``."""
    field: str | None
    """The offending field's path (``lines[<id>].quantity``, ``catalog.products[2].id``), when known."""
    domain: str | None
    """The core's error domain (``cart``, ``payment``, ``shop``), for errors raised by ``Shop`` calls."""
    outcome_unknown: bool
    """True when the outcome of a money movement is unknown: repeat with the same key, or sync."""
    conflict: bool
    """True when the call lost a race to another writer: read again and retry."""

# --- catalog ----------------------------------------------------------------------------------------

Amount = Decimal | int
"""An exact amount: ``decimal.Decimal`` or ``int``; ``float`` raises ``TypeError``."""

Choices = Mapping[str, str] | Sequence[tuple[str, str]]
"""Option choices in option order: ``{"frame": "carbon", "size": "M"}`` or ``[("frame", "carbon")]``."""

Availability = Literal["in_stock", "low_stock", "backorder", "preorder", "out_of_stock"]

@final
class Catalog:
    """A validated, indexed catalog snapshot; immutable (build a new one to change it)."""

    def __init__(self, data: Mapping[str, Any] | str) -> None: ...
    @staticmethod
    def from_json(json: str) -> Catalog: ...
    def to_json(self) -> str: ...
    @property
    def products(self) -> list[Product]: ...
    @property
    def categories(self) -> list[Category]: ...
    def product(self, product_id: str) -> Product | None: ...
    def variant(self, variant_id: str) -> tuple[Product, Variant] | None: ...
    def category(self, category_id: str) -> Category | None: ...
    def featured(self) -> list[Product]: ...
    def products_in_category(self, category_id: str) -> list[Product]: ...
    def child_categories(self, parent_id: str | None = None) -> list[Category]: ...
    def category_closure(self, product_id: str) -> list[str]: ...
    def currencies_of(self, variant_id: str) -> list[str]: ...
    def __len__(self) -> int: ...

@final
class Product:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def category_ids(self) -> list[str]: ...
    @property
    def options(self) -> list[ProductOption]: ...
    @property
    def option_rules(self) -> list[OptionRule]: ...
    @property
    def variants(self) -> list[Variant]: ...
    @property
    def featured(self) -> bool: ...
    @property
    def tax_category(self) -> str: ...
    def offered_values(self, choices: Choices | None = None) -> OfferedValues | None: ...
    def resolve_variant(self, choices: Choices | None = None) -> Variant: ...
    def to_json(self) -> str: ...

@final
class Variant:
    @property
    def id(self) -> str: ...
    @property
    def sku(self) -> str | None: ...
    @property
    def options(self) -> dict[str, str]: ...
    @property
    def prices(self) -> list[Price]: ...
    @property
    def weight_grams(self) -> int: ...
    @property
    def stock(self) -> int | None: ...
    @property
    def backorder(self) -> bool: ...
    def availability(self, low_stock_threshold: int) -> Availability: ...
    def can_order(self, quantity: int) -> bool: ...
    def base_price(self, currency: str, quantity: int = 1) -> Price | None: ...

@final
class Price:
    @property
    def currency(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def min_quantity(self) -> int: ...

@final
class ProductOption:
    @property
    def name(self) -> str: ...
    @property
    def values(self) -> list[str]: ...

@final
class OptionRule:
    @property
    def when_option(self) -> str: ...
    @property
    def when_value(self) -> str: ...
    @property
    def then_option(self) -> str: ...
    @property
    def allowed_values(self) -> list[str]: ...

@final
class Category:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent_id(self) -> str | None: ...
    @property
    def description(self) -> str: ...

@final
class OfferedValues:
    @property
    def option(self) -> str: ...
    @property
    def values(self) -> list[str]: ...

# --- cart and wish list -----------------------------------------------------------------------------

@final
class Cart:
    """A shopper's cart; every edit is checked by the core and a refused edit changes nothing."""

    def __init__(self, currency: str, customer_id: str | None = None) -> None: ...
    @staticmethod
    def from_json(json: str) -> Cart: ...
    def to_json(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def customer_id(self) -> str | None: ...
    @property
    def lines(self) -> list[CartLine]: ...
    @property
    def coupons(self) -> list[str]: ...
    @property
    def gift_wrap(self) -> GiftWrap | None: ...
    @property
    def discreet_packaging(self) -> bool: ...
    @property
    def note(self) -> str | None: ...
    def line(self, line_id: str) -> CartLine | None: ...
    def quantity_of(self, variant_id: str) -> int: ...
    def add_line(
        self, catalog: Catalog, variant_id: str, quantity: int = 1, *, seen_unit_price: Amount | None = None
    ) -> str: ...
    def update_quantity(self, catalog: Catalog, line_id: str, quantity: int) -> None: ...
    def remove_line(self, line_id: str) -> CartLine: ...
    def set_line_note(self, line_id: str, note: str | None) -> None: ...
    def apply_coupon(self, code: str) -> str: ...
    def remove_coupon(self, code: str) -> None: ...
    def set_note(self, note: str | None) -> None: ...
    def set_gift_wrap(self, wrap: bool = True, *, message: str | None = None) -> None: ...
    def set_discreet_packaging(self, discreet: bool = True) -> None: ...
    def copy(self) -> Cart: ...
    def __copy__(self) -> Cart: ...
    def __len__(self) -> int: ...

@final
class CartLine:
    @property
    def id(self) -> str: ...
    @property
    def variant_id(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price_at_add(self) -> Decimal | None: ...
    @property
    def note(self) -> str | None: ...

@final
class GiftWrap:
    @property
    def message(self) -> str | None: ...

class MergedLine(TypedDict):
    guest_line_id: str
    variant_id: str
    requested: int
    added: int

class SkippedLine(TypedDict):
    guest_line_id: str
    variant_id: str
    quantity: int
    error: dict[str, Any]

class MergeReport(TypedDict):
    """What ``merge_guest_cart`` did (stub-only type; at runtime a plain dict)."""

    added: list[MergedLine]
    capped: list[MergedLine]
    skipped: list[SkippedLine]
    coupons_added: list[str]
    coupons_rejected: list[dict[str, Any]]
    note_taken: bool

def merge_guest_cart(customer: Cart, guest: Cart, catalog: Catalog) -> MergeReport: ...

# --- pricing ----------------------------------------------------------------------------------------

RejectionReason = Literal[
    "not_found",
    "not_yet_valid",
    "expired",
    "usage_limit_reached",
    "currency_mismatch",
    "customer_group_not_eligible",
    "first_order_only",
    "min_subtotal_not_met",
    "required_items_missing",
    "not_combinable",
    "not_applicable",
]

@final
class PricingContext:
    def __init__(
        self,
        currency: str,
        now: datetime | str | None = None,
        *,
        region: str | None = None,
        channel: str | None = None,
        customer_groups: Sequence[str] = (),
        customer_segments: Sequence[str] = (),
        first_order: bool = False,
        promotion_uses: Mapping[str, int] | None = None,
        shipping_method_id: str | None = None,
    ) -> None: ...
    @staticmethod
    def from_json(json: str) -> PricingContext: ...
    def to_json(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def now(self) -> datetime: ...
    @property
    def region(self) -> str | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def customer_groups(self) -> list[str]: ...
    @property
    def customer_segments(self) -> list[str]: ...
    @property
    def first_order(self) -> bool: ...
    @property
    def promotion_uses(self) -> dict[str, int]: ...
    @property
    def shipping_method_id(self) -> str | None: ...

@final
class Pricer:
    """A catalog snapshot with promotions, tax, shipping methods and rounding, validated once."""

    def __init__(self, catalog: Catalog, rules: Mapping[str, Any] | str | None = None) -> None: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def rules(self) -> dict[str, Any]: ...
    def price(self, cart: Cart, context: PricingContext | Mapping[str, Any] | str) -> PricedCart: ...

@final
class PricedCart:
    @property
    def cart_id(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def prices_include_tax(self) -> bool: ...
    @property
    def lines(self) -> list[PricedLine]: ...
    @property
    def shipping(self) -> PricedShipping | None: ...
    @property
    def packaging(self) -> list[PricedPackaging]:
        """Packaging charges (gift wrap, then discreet); empty when the cart asks for none."""
    @property
    def promotions(self) -> list[AppliedPromotion]: ...
    @property
    def rejected_coupons(self) -> list[RejectedCoupon]: ...
    @property
    def totals(self) -> Totals: ...
    def to_json(self) -> str: ...

@final
class PricedLine:
    @property
    def line_id(self) -> str: ...
    @property
    def variant_id(self) -> str: ...
    @property
    def product_id(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def price_changed(self) -> bool: ...
    @property
    def gift(self) -> bool: ...
    @property
    def subtotal(self) -> Decimal: ...
    @property
    def discount(self) -> Decimal: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...

@final
class PricedShipping:
    @property
    def method_id(self) -> str: ...
    @property
    def charge(self) -> Decimal: ...
    @property
    def discount(self) -> Decimal: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...

@final
class PricedPackaging:
    """A packaging charge: never discounted, taxed at the rate of its tax category."""

    @property
    def kind(self) -> PackagingKind: ...
    @property
    def name(self) -> str: ...
    @property
    def charge(self) -> Decimal: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def tax(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...

@final
class AppliedPromotion:
    @property
    def promotion_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def action(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def lines(self) -> list[LineShare]: ...
    @property
    def shipping(self) -> Decimal: ...

@final
class LineShare:
    @property
    def line(self) -> int: ...
    @property
    def amount(self) -> Decimal: ...

@final
class RejectedCoupon:
    @property
    def code(self) -> str: ...
    @property
    def reason(self) -> RejectionReason: ...

@final
class Totals:
    @property
    def subtotal(self) -> Decimal: ...
    @property
    def discount_total(self) -> Decimal: ...
    @property
    def shipping_total(self) -> Decimal: ...
    @property
    def packaging_total(self) -> Decimal:
        """Packaging charges (gross when prices include tax, net otherwise)."""
    @property
    def tax_total(self) -> Decimal: ...
    @property
    def grand_total(self) -> Decimal: ...

def price_json(input: str) -> str:
    """Prices ``{catalog, rules, context, cart}`` JSON; returns the priced cart as compact JSON."""

def _bench_price_rust(pricer: Pricer, cart: Cart, context: PricingContext, iterations: int) -> float:
    """Seconds per ``pricer.price(cart, context)`` call, timed entirely in Rust (benchmark baseline)."""

# --- payment gateways -------------------------------------------------------------------------------

PaymentMethod = Literal["card", "bank_transfer", "cash_on_delivery", "wallet", "gift_card"]
Moment = datetime | str
"""An aware ``datetime`` or RFC 3339 text; where optional, None means now."""

GatewayStatus = Literal[
    "pending", "requires_action", "authorized", "captured", "voided", "refunded", "failed", "expired"
]
ErrorCode = Literal[
    "card_declined",
    "expired_card",
    "insufficient_funds",
    "incorrect_cvc",
    "incorrect_number",
    "fraud_suspected",
    "authentication_failed",
    "processing_error",
    "invalid_request",
    "rate_limited",
    "unknown",
]

TEST_CARD_SUCCESS: str
TEST_CARD_DECLINED: str
TEST_CARD_INSUFFICIENT_FUNDS: str
TEST_CARD_EXPIRED: str
TEST_CARD_PROCESSING_ERROR: str
TEST_CARD_THREE_D_SECURE: str
TEST_CARD_TIMEOUT: str

@final
class PaymentRequest:
    def __init__(
        self,
        idempotency_key: str,
        amount: Amount,
        currency: str,
        order_reference: str,
        method: PaymentMethod = "card",
        token: str | None = None,
        return_url: str | None = None,
    ) -> None: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def order_reference(self) -> str: ...
    @property
    def method(self) -> PaymentMethod: ...
    @property
    def token(self) -> str | None: ...
    @property
    def return_url(self) -> str | None: ...
    def to_json(self) -> str: ...

@final
class FollowUpRequest:
    def __init__(
        self,
        idempotency_key: str,
        amount: Amount,
        currency: str,
        order_reference: str,
        gateway_reference: str,
        reason: str | None = None,
        payload: Any = None,
    ) -> None: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def order_reference(self) -> str: ...
    @property
    def gateway_reference(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def payload(self) -> Any: ...
    def to_json(self) -> str: ...

@final
class GatewayResult:
    def __init__(
        self,
        status: GatewayStatus,
        gateway_reference: str,
        amount: Amount,
        currency: str,
        *,
        error: ErrorCode | None = None,
        message: str | None = None,
        action: Mapping[str, Any] | None = None,
        raw: Any = None,
    ) -> None: ...
    @property
    def status(self) -> GatewayStatus: ...
    @property
    def gateway_reference(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def error(self) -> ErrorCode | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def action(self) -> dict[str, Any] | None: ...
    @property
    def raw(self) -> Any: ...
    def to_json(self) -> str: ...

@final
class TestGateway:
    """The built-in magic-card gateway (tokens are the ``TEST_CARD_*`` numbers)."""

    def __init__(self, webhook_secret: str = "whsec_test") -> None: ...
    @property
    def name(self) -> str: ...

@final
class StripeGateway:
    """Stripe (name ``stripe``): PaymentIntents, refunds, 3-D Secure and signed webhooks. Neither
    the key nor the webhook secrets appear in ``repr`` or errors."""

    def __init__(
        self,
        *,
        api_key: str,
        webhook_secrets: Sequence[str] = (),
        base_url: str | None = None,
        timeout_seconds: int | None = None,
        max_retries: int | None = None,
    ) -> None: ...
    @property
    def name(self) -> str: ...

# --- couriers ---------------------------------------------------------------------------------------

PackagingKind = Literal["gift_wrap", "discreet"]
TestScenario = Literal[
    "delivered", "failed_then_redelivered", "delayed", "customs_hold", "pickup_point", "returned_to_sender"
]

@final
class DeliveryWindow:
    """``start`` inclusive to ``end`` exclusive, aware datetimes in UTC; ``at in window`` tests a moment."""

    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    def __contains__(self, at: Moment) -> bool: ...

@final
class DeliverySlot:
    """A bookable delivery slot: ``booked`` of ``capacity`` places taken."""

    @property
    def id(self) -> str: ...
    @property
    def window(self) -> DeliveryWindow: ...
    @property
    def capacity(self) -> int: ...
    @property
    def booked(self) -> int: ...
    @property
    def remaining(self) -> int: ...

@final
class TestCourier:
    """The built-in test courier (name ``test``): EUR rates, text labels, magic tracking numbers
    whose events unfold as its clock advances."""

    def __init__(self, now: Moment | None = None) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def now(self) -> datetime: ...
    def advance(self, by: timedelta) -> None: ...
    def queue_scenario(self, scenario: TestScenario) -> None: ...

@final
class OwnFleetCourier:
    """The shop's own drivers (name ``own-fleet``): a price per zone, delivery in booked slots
    (services ``slot:<id>``), drivers' reports as tracking events, cash sheets per driver.
    Configured by a dict in the bridge's shape (``shop_name``, ``zones`` of ``{"zone", "price"}``,
    ``slots``, ``max_weight_grams``, ``slots_offered``, ``tracking_prefix``), with ``Money`` prices,
    aware ``datetime`` slot windows and ``vitrina.shop`` values where they fit."""

    def __init__(self, config: Mapping[str, object]) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def slots(self) -> list[DeliverySlot]: ...
    def driver_update(self, report: Mapping[str, object]) -> _shop_types.TrackingEvent:
        """Records a driver's report (``tracking_number``, ``driver_id``, ``update``, ``at``, and
        ``cash_collected`` as ``Money`` or an incident ``reason`` where they apply)."""
    def cash_sheet(self, driver_id: str) -> list[dict[str, Any]]: ...
    def hand_in_cash(self, driver_id: str) -> list[dict[str, Any]]: ...

@final
class EcontCourier:
    """Econt Express (name ``econt``) over Econt's JSON services: prices, waybills with cash on
    delivery, cancellation, tracking. The password never appears in ``repr`` or errors."""

    def __init__(
        self,
        *,
        username: str,
        password: str,
        sender: Mapping[str, Any],
        base_url: str | None = None,
        timeout_seconds: int | None = None,
    ) -> None: ...
    @property
    def name(self) -> str: ...

# --- e-mail -----------------------------------------------------------------------------------------

@final
class EmailMessage:
    """One e-mail, valid by construction (no header injection); a bad field raises ``NotifyError``."""

    def __init__(
        self,
        *,
        from_: str,
        to: Sequence[str],
        subject: str,
        text: str,
        html: str | None = None,
        reply_to: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
        message_id: str | None = None,
    ) -> None: ...
    @property
    def message_id(self) -> str: ...
    @property
    def from_address(self) -> str: ...
    @property
    def to(self) -> list[str]: ...
    @property
    def reply_to(self) -> str | None: ...
    @property
    def subject(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def html(self) -> str | None: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    def as_bytes(self) -> bytes:
        """The message in RFC 5322 / MIME form."""
    def to_dict(self) -> dict[str, Any]: ...

SmtpSecurity = Literal["starttls", "implicit_tls", "plain_localhost"]

@final
class SmtpMailer:
    """Sends through an SMTP server with pooled connections; ``plain_localhost`` only to this machine."""

    def __init__(
        self,
        host: str,
        *,
        port: int | None = None,
        security: SmtpSecurity = "starttls",
        username: str | None = None,
        password: str | None = None,
        timeout_seconds: int = 30,
        hello_name: str | None = None,
    ) -> None: ...
    def send(self, message: EmailMessage) -> dict[str, str]: ...
    def send_async(self, message: EmailMessage) -> Awaitable[dict[str, str]]: ...
    def test_connection(self) -> None: ...

# --- search (the Shop's plug-in) ----------------------------------------------------------------------

KnowledgeLocale = Literal["en", "ru", "bg", "zh"]
DocumentKind = Literal["article", "product"]

class SyncReport(TypedDict):
    indexed: int
    removed: list[str]

class SearchHit(TypedDict):
    id: str
    kind: DocumentKind
    locale: KnowledgeLocale
    title: str
    score: float
    popularity: int

class SearchResults(TypedDict):
    hits: list[SearchHit]
    facets: dict[str, int]
    total: int

@final
class SearchIndex:
    """A tantivy index of articles and products (en/ru/bg/zh), in memory or in a directory."""

    @staticmethod
    def in_memory() -> SearchIndex: ...
    @staticmethod
    def open(directory: str | PathLike[str]) -> SearchIndex: ...
    def sync_catalog(
        self, catalog: Catalog, locale: KnowledgeLocale = "en", popularity: Mapping[str, int] = ...
    ) -> SyncReport: ...
    def sync_catalog_async(
        self, catalog: Catalog, locale: KnowledgeLocale = "en", popularity: Mapping[str, int] = ...
    ) -> Awaitable[SyncReport]: ...
    def index(self, documents: Sequence[Mapping[str, Any]]) -> None: ...
    def index_async(self, documents: Sequence[Mapping[str, Any]]) -> Awaitable[None]: ...
    def remove(self, kind: DocumentKind, id: str) -> None: ...
    def remove_async(self, kind: DocumentKind, id: str) -> Awaitable[None]: ...
    def commit(self) -> None: ...
    def commit_async(self) -> Awaitable[None]: ...
    def search(
        self,
        text: str = "",
        *,
        kind: DocumentKind | None = None,
        locale: KnowledgeLocale | None = None,
        category_id: str | None = None,
        facets: Mapping[str, str] = ...,
        limit: int = 10,
        offset: int = 0,
        typo_tolerance: bool = True,
    ) -> SearchResults: ...
    def search_async(
        self,
        text: str = "",
        *,
        kind: DocumentKind | None = None,
        locale: KnowledgeLocale | None = None,
        category_id: str | None = None,
        facets: Mapping[str, str] = ...,
        limit: int = 10,
        offset: int = 0,
        typo_tolerance: bool = True,
    ) -> Awaitable[SearchResults]: ...
    def document_ids(self, kind: DocumentKind) -> list[str]: ...
    def document_ids_async(self, kind: DocumentKind) -> Awaitable[list[str]]: ...

# --- shop (the use cases by name; typed in the generated ``vitrina.shop``) --------------------------

@final
class Shop:
    """A shop over a store and its plug-ins, its use cases called by name with JSON text
    (``vitrina.Shop`` wraps it with typed methods)."""

    @staticmethod
    def open(
        url: str,
        *,
        gateways: Mapping[str, PaymentGatewayProtocol | TestGateway | StripeGateway] | None = None,
        couriers: Sequence[CourierProtocol | TestCourier | OwnFleetCourier | EcontCourier] | None = None,
        mailer: MailerProtocol | SmtpMailer | None = None,
        search: SearchIndex | None = None,
        clock_at: datetime | None = None,
    ) -> Shop: ...
    @staticmethod
    def open_async(
        url: str,
        *,
        gateways: Mapping[str, PaymentGatewayProtocol | TestGateway | StripeGateway] | None = None,
        couriers: Sequence[CourierProtocol | TestCourier | OwnFleetCourier | EcontCourier] | None = None,
        mailer: MailerProtocol | SmtpMailer | None = None,
        search: SearchIndex | None = None,
        clock_at: datetime | None = None,
    ) -> Awaitable[Shop]: ...
    def call(self, name: str, args_json: str) -> str: ...
    def call_async(self, name: str, args_json: str) -> Awaitable[str]: ...
    def now(self) -> datetime: ...
    def set_time(self, at: datetime) -> None: ...
    def advance(self, by: timedelta) -> None: ...

def _set_domain_errors(errors: Mapping[str, type[VitrinaError]]) -> None: ...
