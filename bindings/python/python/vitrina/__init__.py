"""Vitrina, an embeddable commerce engine: exact money, catalog, carts, pricing and promotions,
checkout, orders and payments (with payment gateways written in Python).

Every rule runs in the Rust core (``vitrina-core``); this package is a thin, typed binding. Amounts
are ``decimal.Decimal`` in and out (a ``float`` amount raises ``TypeError``; an amount argument also
takes an ``int``, an amount inside catalog or rules data a decimal string), currencies are ISO 4217
codes, timestamps are aware ``datetime`` values (UTC), and every refusal raises the ``VitrinaError``
subclass of its core error domain (``CartError``, ``MoneyError``...) with the core's ``.code``,
``.field`` and ``.domain``, the same in every binding.

Catalog, rules and context data are plain dicts in the JSON shape of the core's types (the shape of
the conformance vectors in ``tests/vectors/pricing``). Results are typed, read-only objects with
dataclass-like reprs (``PricedCart`` with its ``PricedPackaging``...): amounts are ``Decimal`` next to
their currency code, times aware ``datetime`` values, states and kinds their snake_case names.

A payment gateway written in Python is any object with the methods of ``PaymentGatewayProtocol``
(``authorize``, ``purchase``, ``capture``, ``void``, ``refund``... as ``def`` or ``async def``) passed
to ``Shop.open(gateways=...)``; an exception it raises leaves the outcome unknown (``PaymentError`` with code
``unavailable``; repeat the key). ``TestGateway`` is the built-in magic-card gateway (``TEST_CARD_*`` numbers).

The store (SQLite ``sqlite:shop.db``, ``sqlite::memory:``, or PostgreSQL ``postgres://...``) is the
``Shop``'s, opened with it by URL. Its couriers are built in (``TestCourier``, ``OwnFleetCourier``,
``EcontCourier``) or written in Python (``CourierProtocol``; an exception becomes a shipping error);
its mailer is ``SmtpMailer`` or one written in Python (``MailerProtocol``); its search plug-in is
``SearchIndex``, ranking the knowledge base's articles and catalog products in English, Russian,
Bulgarian and Chinese. Support cases, surveys and the knowledge base are the ``Shop``'s
(``shop.support``, ``shop.knowledge``).

``Shop.open(url, gateways=..., couriers=..., mailer=..., search=..., clock_at=...)`` runs every use case
of the core's ``Shop`` as a typed method of a group (``shop.carts.add_line(cart_id, variant_id, 2)``,
``await shop.carts.add_line_async(...)``), with the data shapes of ``vitrina.shop`` (frozen dataclasses,
enums, ``Money``) generated from the bridge's JSON Schemas by ``generate.py``. A failed call raises its
error domain's class (``vitrina.shop.DOMAIN_ERRORS``) with ``.code``, ``.field``, ``.domain``,
``.outcome_unknown`` and ``.conflict`` as the core gives them.
"""

from ._vitrina import (
    AppliedPromotion,
    Cart,
    CartLine,
    Catalog,
    Category,
    DeliverySlot,
    DeliveryWindow,
    EcontCourier,
    EmailMessage,
    FollowUpRequest,
    GatewayResult,
    GiftWrap,
    LineShare,
    OfferedValues,
    OptionRule,
    OwnFleetCourier,
    PaymentRequest,
    Price,
    PricedCart,
    PricedLine,
    PricedPackaging,
    PricedShipping,
    Pricer,
    PricingContext,
    Product,
    ProductOption,
    RejectedCoupon,
    SearchIndex,
    SmtpMailer,
    StripeGateway,
    TEST_CARD_DECLINED,
    TEST_CARD_EXPIRED,
    TEST_CARD_INSUFFICIENT_FUNDS,
    TEST_CARD_PROCESSING_ERROR,
    TEST_CARD_SUCCESS,
    TEST_CARD_THREE_D_SECURE,
    TEST_CARD_TIMEOUT,
    TestCourier,
    TestGateway,
    Totals,
    Variant,
    VitrinaError,
    __version__,
    merge_guest_cart,
    price_json,
)
from .courier import CourierAnswer, CourierProtocol
from .gateway import GatewayAnswer, PaymentGatewayProtocol
from .mailer import MailerAnswer, MailerProtocol
from .shop import Money, Shop
from .shop.errors import (
    CartError,
    CatalogError,
    CheckoutError,
    CustomerError,
    DeliveryError,
    InventoryError,
    KnowledgeError,
    MoneyError,
    NotifyError,
    OrderError,
    PaymentError,
    PricingError,
    ReturnError,
    ReviewError,
    ShippingError,
    ShopError,
    StoreError,
    SupportError,
)

__all__ = [
    "AppliedPromotion",
    "Cart",
    "CartError",
    "CartLine",
    "Catalog",
    "CatalogError",
    "Category",
    "CheckoutError",
    "CourierAnswer",
    "CourierProtocol",
    "CustomerError",
    "DeliveryError",
    "DeliverySlot",
    "DeliveryWindow",
    "EcontCourier",
    "EmailMessage",
    "FollowUpRequest",
    "GatewayAnswer",
    "GatewayResult",
    "GiftWrap",
    "InventoryError",
    "KnowledgeError",
    "LineShare",
    "MailerAnswer",
    "MailerProtocol",
    "Money",
    "MoneyError",
    "NotifyError",
    "OfferedValues",
    "OptionRule",
    "OrderError",
    "OwnFleetCourier",
    "PaymentError",
    "PaymentGatewayProtocol",
    "PaymentRequest",
    "Price",
    "PricedCart",
    "PricedLine",
    "PricedPackaging",
    "PricedShipping",
    "Pricer",
    "PricingContext",
    "PricingError",
    "Product",
    "ProductOption",
    "RejectedCoupon",
    "ReturnError",
    "ReviewError",
    "SearchIndex",
    "ShippingError",
    "Shop",
    "ShopError",
    "SmtpMailer",
    "StoreError",
    "StripeGateway",
    "SupportError",
    "TEST_CARD_DECLINED",
    "TEST_CARD_EXPIRED",
    "TEST_CARD_INSUFFICIENT_FUNDS",
    "TEST_CARD_PROCESSING_ERROR",
    "TEST_CARD_SUCCESS",
    "TEST_CARD_THREE_D_SECURE",
    "TEST_CARD_TIMEOUT",
    "TestCourier",
    "TestGateway",
    "Totals",
    "Variant",
    "VitrinaError",
    "__version__",
    "merge_guest_cart",
    "price_json",
]
