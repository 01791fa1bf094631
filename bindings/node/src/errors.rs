//! Every refusal of the core as a JavaScript error with a stable `code` (`VITRINA_INVALID_AMOUNT`,
//! `VITRINA_UNKNOWN_VARIANT`...), the offending `field` and the core module in `domain`.
//!
//! The error object is built natively (no JavaScript wrapper): `napi_create_error` sets `code`, then
//! `field` and `domain` are set on it, and napi throws that very object (`napi::Error::from(Unknown)`
//! keeps a reference to it). So `instanceof Error`, the stack and `.code` hold whichever way the module
//! is loaded. Every variant of the core's error enums maps to one code below, by exhaustive `match`, so
//! a new variant in the core fails this crate's build until it gets its code. A wrapping variant
//! (`PricingError::Catalog`, `CatalogError::Money`, `WishListError::Cart`) takes the code of the error it
//! wraps, the most precise one, and keeps the outer module in `domain`.
//!
//! `Shop` (see `shop`) reports the core's own snake_case codes instead, read from the core's
//! `ErrorCode` trait through the bridge (`call_error`), with no table here.

use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::{Env, JsError, JsRangeError, JsTypeError};
use vitrina_bridge::CallError;
use vitrina_core::cart::{CartError, WishListError};
use vitrina_core::catalog::{CatalogError, ConfigurationError};
use vitrina_core::checkout::CheckoutError;
use vitrina_core::knowledge::{KnowledgeError, SearchError};
use vitrina_core::money::MoneyError;
use vitrina_core::notify::{MailError, MessageError, OutboxError};
use vitrina_core::order::OrderError;
use vitrina_core::payment::{GatewayError, IdempotencyError, PaymentError, WebhookError};
use vitrina_core::pricing::PricingError;
use vitrina_core::shipping::{CourierError, ShippingError};
use vitrina_core::store::StoreError;
use vitrina_core::support::{CannedError, CsatError, SupportError};

/// Which JavaScript constructor the error is built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsKind {
    /// `Error`: the value was understood and refused by a rule.
    Error,
    /// `TypeError`: a value of the wrong JavaScript type (a number where a decimal string is expected).
    Type,
    /// `RangeError`: a number out of its range (a negative or fractional quantity).
    Range,
}

/// An error ready to be thrown: constructor, stable code, module, field and message.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) kind: JsKind,
    pub(crate) code: &'static str,
    pub(crate) domain: &'static str,
    pub(crate) field: Option<String>,
    pub(crate) message: String,
}

impl Failure {
    /// A failure of the binding's own argument checks (the core has no variant for them).
    pub(crate) fn binding(kind: JsKind, code: &'static str, field: &str, reason: impl std::fmt::Display) -> Failure {
        Failure { kind, code, domain: "binding", field: Some(field.to_owned()), message: format!("{field}: {reason}") }
    }

    /// The JavaScript error object, thrown as it is when returned from a `#[napi]` function.
    pub(crate) fn into_napi(self, env: &Env) -> napi::Error {
        self.into_napi_with(env, |_| Ok(()))
    }

    /// Like [`Failure::into_napi`], with more properties set on the error object by `extra`.
    pub(crate) fn into_napi_with(
        self,
        env: &Env,
        extra: impl FnOnce(&mut Object<'_>) -> napi::Result<()>,
    ) -> napi::Error {
        let Failure { kind, code, domain, field, message } = self;
        let base = napi::Error::new(code, message.clone());
        let value = match kind {
            JsKind::Error => JsError::from(base).into_unknown(*env),
            JsKind::Type => JsTypeError::from(base).into_unknown(*env),
            JsKind::Range => JsRangeError::from(base).into_unknown(*env),
        };
        match decorate(value, domain, field.as_deref(), extra) {
            Ok(value) => napi::Error::from(value),
            Err(_) => napi::Error::new(napi::Status::GenericFailure, format!("{code}: {message}")),
        }
    }
}

fn decorate<'env>(
    value: Unknown<'env>,
    domain: &str,
    field: Option<&str>,
    extra: impl FnOnce(&mut Object<'_>) -> napi::Result<()>,
) -> napi::Result<Unknown<'env>> {
    // SAFETY: `value` was just created by `napi_create_error` (or its Type/Range siblings): an object.
    let mut object: Object<'env> = unsafe { value.cast()? };
    object.set_named_property("domain", domain)?;
    object.set_named_property("field", field)?;
    extra(&mut object)?;
    Ok(object.to_unknown())
}

/// The JavaScript error of a failed `Shop` call: the core's own snake_case `code` (not a `VITRINA_*`
/// code), `field`, `domain`, `outcomeUnknown` (repeat with the same key) and `conflict` (read again).
pub(crate) fn call_error(env: &Env, e: CallError) -> napi::Error {
    let CallError { code, field, domain, message, outcome_unknown, conflict } = e;
    let value = JsError::from(napi::Error::new(code.as_str(), message.as_str())).into_unknown(*env);
    let flags = |object: &mut Object<'_>| {
        object.set_named_property("outcomeUnknown", outcome_unknown)?;
        object.set_named_property("conflict", conflict)
    };
    match decorate(value, &domain, field.as_deref(), flags) {
        Ok(value) => napi::Error::from(value),
        Err(_) => napi::Error::new(napi::Status::GenericFailure, format!("{code}: {message}")),
    }
}

/// Converts any core error to the JavaScript error to throw: `.map_err(|e| err(&env, e))`.
pub(crate) fn err(env: &Env, e: impl Into<Failure>) -> napi::Error {
    e.into().into_napi(env)
}

fn failure(code: &'static str, domain: &'static str, field: Option<&str>, message: String) -> Failure {
    Failure { kind: JsKind::Error, code, domain, field: field.map(str::to_owned), message }
}

impl From<Failure> for napi::Error {
    /// Without an `Env` at hand (async tasks), the code travels as the message prefix `CODE: message`.
    fn from(f: Failure) -> napi::Error {
        napi::Error::new(napi::Status::GenericFailure, format!("{}: {}", f.code, f.message))
    }
}

/// The stable code, field and message of a money error.
fn money(e: &MoneyError, domain: &'static str) -> Failure {
    let (code, field) = match e {
        MoneyError::UnknownCurrency { field, .. } => ("VITRINA_UNKNOWN_CURRENCY", Some(field.as_str())),
        MoneyError::InvalidAmount { field, .. } => ("VITRINA_INVALID_AMOUNT", Some(field.as_str())),
        MoneyError::ExcessPrecision { field, .. } => ("VITRINA_EXCESS_PRECISION", Some(field.as_str())),
        MoneyError::Negative { field, .. } => ("VITRINA_NEGATIVE_AMOUNT", Some(field.as_str())),
        MoneyError::CurrencyMismatch { .. } => ("VITRINA_CURRENCY_MISMATCH", None),
        MoneyError::Overflow { field } => ("VITRINA_AMOUNT_OVERFLOW", Some(field.as_str())),
    };
    failure(code, domain, field, e.to_string())
}

fn catalog(e: &CatalogError, domain: &'static str) -> Failure {
    let (code, field) = match e {
        CatalogError::DuplicateId { field, .. } => ("VITRINA_DUPLICATE_ID", field),
        CatalogError::UnknownReference { field, .. } => ("VITRINA_UNKNOWN_REFERENCE", field),
        CatalogError::Invalid { field, .. } => ("VITRINA_INVALID_CATALOG", field),
        CatalogError::Money(inner) => return money(inner, domain),
    };
    failure(code, domain, Some(field), e.to_string())
}

fn cart(e: &CartError, domain: &'static str) -> Failure {
    let (code, field) = match e {
        CartError::UnknownVariant { field, .. } => ("VITRINA_UNKNOWN_VARIANT", field),
        CartError::ZeroQuantity { field } => ("VITRINA_ZERO_QUANTITY", field),
        CartError::QuantityAboveMaximum { field, .. } => ("VITRINA_QUANTITY_ABOVE_MAXIMUM", field),
        CartError::InsufficientStock { field, .. } => ("VITRINA_INSUFFICIENT_STOCK", field),
        CartError::NoPriceInCurrency { field, .. } => ("VITRINA_NO_PRICE_IN_CURRENCY", field),
        CartError::UnknownLine { field, .. } => ("VITRINA_UNKNOWN_LINE", field),
        CartError::InvalidCoupon { field, .. } => ("VITRINA_INVALID_COUPON", field),
        CartError::DuplicateCoupon { field, .. } => ("VITRINA_DUPLICATE_COUPON", field),
        CartError::TooManyCoupons { field, .. } => ("VITRINA_TOO_MANY_COUPONS", field),
        CartError::CouponNotApplied { field, .. } => ("VITRINA_COUPON_NOT_APPLIED", field),
        CartError::TooLong { field, .. } => ("VITRINA_TOO_LONG", field),
    };
    failure(code, domain, Some(field), e.to_string())
}

impl From<MoneyError> for Failure {
    fn from(e: MoneyError) -> Failure {
        money(&e, "money")
    }
}

impl From<CatalogError> for Failure {
    fn from(e: CatalogError) -> Failure {
        catalog(&e, "catalog")
    }
}

impl From<ConfigurationError> for Failure {
    fn from(e: ConfigurationError) -> Failure {
        let code = match &e {
            ConfigurationError::UnknownOption { .. } => "VITRINA_UNKNOWN_OPTION",
            ConfigurationError::ValueNotOffered { .. } => "VITRINA_VALUE_NOT_OFFERED",
            ConfigurationError::OutOfOrder { .. } => "VITRINA_OPTION_OUT_OF_ORDER",
            ConfigurationError::Incomplete { .. } => "VITRINA_INCOMPLETE_CHOICES",
            ConfigurationError::NoSingleVariant { .. } => "VITRINA_NO_SINGLE_VARIANT",
        };
        // Every variant is about the choices given, named after the argument.
        failure(code, "configuration", Some("choices"), format!("choices: {e}"))
    }
}

impl From<CartError> for Failure {
    fn from(e: CartError) -> Failure {
        cart(&e, "cart")
    }
}

impl From<WishListError> for Failure {
    fn from(e: WishListError) -> Failure {
        let (code, field) = match &e {
            WishListError::UnknownVariant { field, .. } => ("VITRINA_UNKNOWN_VARIANT", field),
            WishListError::AlreadyListed { field, .. } => ("VITRINA_ALREADY_LISTED", field),
            WishListError::NotListed { field, .. } => ("VITRINA_NOT_LISTED", field),
            WishListError::EmptyName { field } => ("VITRINA_EMPTY_NAME", field),
            WishListError::TooLong { field, .. } => ("VITRINA_TOO_LONG", field),
            WishListError::Cart(inner) => return cart(inner, "wish_list"),
        };
        failure(code, "wish_list", Some(field), e.to_string())
    }
}

impl From<PricingError> for Failure {
    fn from(e: PricingError) -> Failure {
        let (code, field): (&'static str, &str) = match &e {
            PricingError::CurrencyMismatch { .. } => ("VITRINA_CART_CURRENCY_MISMATCH", "cart.currency"),
            PricingError::UnknownVariant { field, .. } => ("VITRINA_UNKNOWN_VARIANT", field),
            PricingError::NoPrice { field, .. } => ("VITRINA_NO_PRICE_IN_CURRENCY", field),
            PricingError::ZeroQuantity { field } => ("VITRINA_ZERO_QUANTITY", field),
            PricingError::QuantityAboveMaximum { field, .. } => ("VITRINA_QUANTITY_ABOVE_MAXIMUM", field),
            PricingError::DuplicateLineId { field, .. } => ("VITRINA_DUPLICATE_LINE_ID", field),
            PricingError::TooManyCoupons { .. } => ("VITRINA_TOO_MANY_COUPONS", "cart.coupons"),
            PricingError::UnknownShippingMethod(_) => ("VITRINA_UNKNOWN_SHIPPING_METHOD", "context.shipping_method_id"),
            PricingError::ShippingUnavailable { .. } => ("VITRINA_SHIPPING_UNAVAILABLE", "context.shipping_method_id"),
            PricingError::PackagingUnavailable { field, .. } => ("VITRINA_PACKAGING_UNAVAILABLE", field),
            PricingError::InvalidInput { field, .. } => ("VITRINA_INVALID_INPUT", field),
            PricingError::InvalidRule { field, .. } => ("VITRINA_INVALID_RULE", field),
            PricingError::Catalog(inner) => return catalog(inner, "pricing"),
            PricingError::Money(inner) => return money(inner, "pricing"),
            PricingError::Overflow(field) => ("VITRINA_AMOUNT_OVERFLOW", field),
        };
        failure(code, "pricing", Some(field), e.to_string())
    }
}

fn order(e: &OrderError, domain: &'static str) -> Failure {
    let (code, field): (&'static str, Option<&str>) = match e {
        OrderError::IllegalTransition { .. } => ("VITRINA_ILLEGAL_TRANSITION", Some("to")),
        OrderError::PaymentRequired { .. } => ("VITRINA_PAYMENT_REQUIRED", Some("to")),
        OrderError::NotEditable { .. } => ("VITRINA_ORDER_NOT_EDITABLE", None),
        OrderError::LastLine { .. } => ("VITRINA_LAST_LINE", Some("line_id")),
        OrderError::QuantityUnchanged { .. } => ("VITRINA_QUANTITY_UNCHANGED", Some("quantity")),
        OrderError::RefundExceedsPaid { .. } => ("VITRINA_REFUND_EXCEEDS_PAID", Some("amount")),
        OrderError::NonPositiveAmount { field, .. } => ("VITRINA_NON_POSITIVE_AMOUNT", Some(*field)),
        OrderError::NothingDue { .. } => ("VITRINA_NOTHING_DUE", None),
        OrderError::AlreadyReminded { .. } => ("VITRINA_ALREADY_REMINDED", None),
        OrderError::InvalidOrderNumber { .. } => ("VITRINA_INVALID_ORDER_NUMBER", Some("number")),
        OrderError::InvalidPaymentReference { .. } => ("VITRINA_INVALID_PAYMENT_REFERENCE", Some("reference")),
        OrderError::Cart(inner) => return cart(inner, domain),
        OrderError::Pricing(inner) => return Failure { domain, ..Failure::from(inner.clone()) },
        OrderError::Money(inner) => return money(inner, domain),
    };
    failure(code, domain, field, e.to_string())
}

impl From<OrderError> for Failure {
    fn from(e: OrderError) -> Failure {
        order(&e, "order")
    }
}

impl From<CheckoutError> for Failure {
    fn from(e: CheckoutError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            CheckoutError::InvalidField { field, .. } => ("VITRINA_INVALID_FIELD", Some(field)),
            CheckoutError::EmptyCart { .. } => ("VITRINA_EMPTY_CART", Some("cart")),
            CheckoutError::WrongStep { .. } => ("VITRINA_WRONG_STEP", None),
            CheckoutError::CartMismatch { field, .. } => ("VITRINA_CART_MISMATCH", Some(*field)),
            CheckoutError::PricesChanged { .. } => ("VITRINA_PRICES_CHANGED", Some("confirmed")),
            CheckoutError::Pricing(inner) => return Failure { domain: "checkout", ..Failure::from(inner.clone()) },
            CheckoutError::Order(inner) => return order(inner, "checkout"),
        };
        failure(code, "checkout", field, e.to_string())
    }
}

fn gateway(e: &GatewayError, domain: &'static str) -> Failure {
    let (code, field): (&'static str, Option<&str>) = match e {
        GatewayError::Unsupported { .. } => ("VITRINA_GATEWAY_UNSUPPORTED", None),
        GatewayError::Unavailable { .. } => ("VITRINA_GATEWAY_UNAVAILABLE", None),
        GatewayError::InvalidRequest { field, .. } => ("VITRINA_GATEWAY_INVALID_REQUEST", Some(field)),
        GatewayError::UnknownReference { .. } => ("VITRINA_GATEWAY_UNKNOWN_REFERENCE", Some("gateway_reference")),
        GatewayError::AmountMismatch { .. } => ("VITRINA_GATEWAY_AMOUNT_MISMATCH", Some("amount")),
        GatewayError::Idempotency(inner) => match inner {
            IdempotencyError::BlankKey => ("VITRINA_BLANK_IDEMPOTENCY_KEY", Some("key")),
            IdempotencyError::KeyReused { .. } => ("VITRINA_IDEMPOTENCY_KEY_REUSED", Some("key")),
            IdempotencyError::InProgress { .. } => ("VITRINA_IDEMPOTENCY_IN_PROGRESS", Some("key")),
            IdempotencyError::NotClaimed { .. } => ("VITRINA_IDEMPOTENCY_NOT_CLAIMED", Some("key")),
            IdempotencyError::Store { .. } => ("VITRINA_IDEMPOTENCY_STORE", None),
        },
        GatewayError::Webhook(inner) => match inner {
            WebhookError::InvalidConfig { .. } => ("VITRINA_WEBHOOK_CONFIG", None),
            WebhookError::MalformedHeader { .. } => ("VITRINA_WEBHOOK_MALFORMED_HEADER", None),
            WebhookError::OutsideTolerance { .. } => ("VITRINA_WEBHOOK_OUTSIDE_TOLERANCE", None),
            WebhookError::SignatureMismatch => ("VITRINA_WEBHOOK_SIGNATURE_MISMATCH", None),
            WebhookError::InvalidBody { .. } => ("VITRINA_WEBHOOK_INVALID_BODY", Some("body")),
            WebhookError::UnhandledEvent { .. } => ("VITRINA_WEBHOOK_UNHANDLED_EVENT", None),
        },
    };
    failure(code, domain, field, e.to_string())
}

impl From<PaymentError> for Failure {
    fn from(e: PaymentError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            PaymentError::IllegalTransition { .. } => ("VITRINA_ILLEGAL_TRANSITION", None),
            PaymentError::CaptureExceedsAuthorized { .. } => ("VITRINA_CAPTURE_EXCEEDS_AUTHORIZED", Some("amount")),
            PaymentError::RefundExceedsCaptured { .. } => ("VITRINA_REFUND_EXCEEDS_CAPTURED", Some("amount")),
            PaymentError::ExceedsRequested { .. } => ("VITRINA_EXCEEDS_REQUESTED", Some("amount")),
            PaymentError::NonPositiveAmount { .. } => ("VITRINA_NON_POSITIVE_AMOUNT", Some("amount")),
            PaymentError::NotRefundable { .. } => ("VITRINA_NOT_REFUNDABLE", None),
            PaymentError::UnknownRefund { .. } => ("VITRINA_UNKNOWN_REFUND", Some("refund_id")),
            PaymentError::IllegalRefundTransition { .. } => ("VITRINA_ILLEGAL_TRANSITION", None),
            PaymentError::RefundKeyReused { .. } => ("VITRINA_IDEMPOTENCY_KEY_REUSED", Some("key")),
            PaymentError::NoGatewayReference { .. } => ("VITRINA_NO_GATEWAY_REFERENCE", None),
            PaymentError::Money(inner) => return money(inner, "payment"),
            PaymentError::Gateway(inner) => return gateway(inner, "payment"),
        };
        failure(code, "payment", field, e.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            StoreError::NotFound { .. } => ("VITRINA_NOT_FOUND", Some("id")),
            StoreError::Conflict { .. } => ("VITRINA_CONFLICT", Some("version")),
            StoreError::Duplicate { .. } => ("VITRINA_DUPLICATE", None),
            StoreError::InsufficientStock { .. } => ("VITRINA_INSUFFICIENT_STOCK", Some("quantity")),
            StoreError::PromotionLimitReached { .. } => ("VITRINA_PROMOTION_LIMIT_REACHED", Some("promotion_uses")),
            StoreError::Invalid { field, .. } => ("VITRINA_INVALID_INPUT", Some(field)),
            StoreError::Backend(_) => ("VITRINA_STORE_BACKEND", None),
        };
        failure(code, "store", field, e.to_string())
    }
}

fn courier(e: &CourierError, domain: &'static str) -> Failure {
    let (code, field): (&'static str, Option<&str>) = match e {
        CourierError::Unsupported { .. } => ("VITRINA_COURIER_UNSUPPORTED", None),
        CourierError::InvalidRequest { field, .. } => ("VITRINA_COURIER_INVALID_REQUEST", Some(field)),
        CourierError::NoService { .. } => ("VITRINA_COURIER_NO_SERVICE", Some("to")),
        CourierError::UnknownShipment { .. } => ("VITRINA_COURIER_UNKNOWN_SHIPMENT", Some("tracking_number")),
        CourierError::UnknownPickup { .. } => ("VITRINA_COURIER_UNKNOWN_PICKUP", Some("pickup_id")),
        CourierError::NotCancellable { .. } => ("VITRINA_COURIER_NOT_CANCELLABLE", Some("tracking_number")),
        CourierError::NoCapacity { .. } => ("VITRINA_COURIER_NO_CAPACITY", None),
        CourierError::Unavailable { .. } => ("VITRINA_COURIER_UNAVAILABLE", None),
    };
    failure(code, domain, field, e.to_string())
}

impl From<CourierError> for Failure {
    fn from(e: CourierError) -> Failure {
        courier(&e, "courier")
    }
}

impl From<ShippingError> for Failure {
    fn from(e: ShippingError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            ShippingError::IllegalTransition { .. } => ("VITRINA_ILLEGAL_TRANSITION", Some("to")),
            ShippingError::InvalidField { field, .. } => ("VITRINA_INVALID_FIELD", Some(field)),
            ShippingError::NotFulfillable { .. } => ("VITRINA_NOT_FULFILLABLE", Some("order")),
            ShippingError::UnknownLine { field, .. } => ("VITRINA_UNKNOWN_LINE", Some(field)),
            ShippingError::OverShipment { field, .. } => ("VITRINA_OVER_SHIPMENT", Some(field)),
            ShippingError::CashOnDeliveryMismatch { .. } => ("VITRINA_CASH_ON_DELIVERY_MISMATCH", Some("collected")),
            ShippingError::CashOnDeliveryExceedsBalance { .. } => {
                ("VITRINA_CASH_ON_DELIVERY_EXCEEDS_BALANCE", Some("cash_on_delivery"))
            }
            ShippingError::PackagingUnavailable { .. } => ("VITRINA_PACKAGING_UNAVAILABLE", Some("packaging")),
            ShippingError::SlotFull { .. } => ("VITRINA_SLOT_FULL", Some("slot_id")),
            ShippingError::Courier(inner) => return courier(inner, "shipping"),
            ShippingError::Order(inner) => return order(inner, "shipping"),
            ShippingError::Money(inner) => return money(inner, "shipping"),
        };
        failure(code, "shipping", field, e.to_string())
    }
}

impl From<MessageError> for Failure {
    fn from(e: MessageError) -> Failure {
        let (code, field) = match &e {
            MessageError::HeaderInjection { field } => ("VITRINA_HEADER_INJECTION", field),
            MessageError::InvalidField { field, .. } => ("VITRINA_INVALID_FIELD", field),
        };
        failure(code, "notify", Some(field), e.to_string())
    }
}

impl From<OutboxError> for Failure {
    fn from(e: OutboxError) -> Failure {
        let (code, field) = match &e {
            OutboxError::Conflict { .. } => ("VITRINA_CONFLICT", Some("message_id")),
            OutboxError::NotFound { .. } => ("VITRINA_NOT_FOUND", Some("entry_id")),
            OutboxError::Storage { .. } => ("VITRINA_STORE_BACKEND", None),
        };
        failure(code, "notify", field, e.to_string())
    }
}

impl From<SupportError> for Failure {
    fn from(e: SupportError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            SupportError::IllegalTransition { .. } => ("VITRINA_ILLEGAL_TRANSITION", Some("to")),
            SupportError::ReopenWindowClosed { .. } => ("VITRINA_REOPEN_WINDOW_CLOSED", Some("to")),
            SupportError::OutOfOrder { .. } => ("VITRINA_OUT_OF_ORDER", Some("at")),
            SupportError::CaseClosed { .. } => ("VITRINA_CASE_CLOSED", None),
            SupportError::CaseStillActive { .. } => ("VITRINA_CASE_STILL_ACTIVE", None),
            SupportError::MergeIntoSelf { .. } => ("VITRINA_MERGE_INTO_SELF", None),
            SupportError::CustomerMismatch { .. } => ("VITRINA_CUSTOMER_MISMATCH", None),
            SupportError::InvalidInput { field, .. } => ("VITRINA_INVALID_INPUT", Some(field)),
            SupportError::TimeOutOfRange { .. } => ("VITRINA_TIME_OUT_OF_RANGE", Some("at")),
        };
        failure(code, "support", field, e.to_string())
    }
}

impl From<CannedError> for Failure {
    fn from(e: CannedError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            CannedError::InvalidField { field, .. } => ("VITRINA_INVALID_FIELD", Some(field)),
            CannedError::DuplicateReply { .. } => ("VITRINA_DUPLICATE", Some("id")),
            CannedError::ReplyNotFound { .. } => ("VITRINA_NOT_FOUND", Some("reply_id")),
            CannedError::MissingDefaultVariant { .. } => ("VITRINA_MISSING_DEFAULT_VARIANT", Some("variants")),
            CannedError::DisallowedTag { .. } => ("VITRINA_DISALLOWED_TAG", Some("variants")),
            CannedError::Syntax { .. } => ("VITRINA_TEMPLATE_SYNTAX", Some("variants")),
            CannedError::UnknownPlaceholder { .. } => ("VITRINA_UNKNOWN_PLACEHOLDER", Some("values")),
            CannedError::Render { .. } => ("VITRINA_TEMPLATE_RENDER", None),
        };
        failure(code, "support", field, e.to_string())
    }
}

impl From<CsatError> for Failure {
    fn from(e: CsatError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            CsatError::InvalidField { field, .. } => ("VITRINA_INVALID_FIELD", Some(field)),
            CsatError::CaseNotSolved { .. } => ("VITRINA_CASE_NOT_SOLVED", Some("case")),
            CsatError::AlreadyAnswered { .. } => ("VITRINA_ALREADY_ANSWERED", None),
            CsatError::Expired { .. } => ("VITRINA_SURVEY_EXPIRED", Some("at")),
            CsatError::NotFlagged { .. } => ("VITRINA_NOT_FLAGGED", None),
            CsatError::TimeOutOfRange => ("VITRINA_TIME_OUT_OF_RANGE", Some("at")),
        };
        failure(code, "support", field, e.to_string())
    }
}

impl From<KnowledgeError> for Failure {
    fn from(e: KnowledgeError) -> Failure {
        let (code, field): (&'static str, &str) = match &e {
            KnowledgeError::EmptyField { field } => ("VITRINA_EMPTY_FIELD", field),
            KnowledgeError::DuplicateId { field, .. } => ("VITRINA_DUPLICATE_ID", field),
            KnowledgeError::UnknownCategory { field, .. } => ("VITRINA_UNKNOWN_CATEGORY", field),
            KnowledgeError::UnknownArticle { .. } => ("VITRINA_UNKNOWN_ARTICLE", "article_id"),
            KnowledgeError::CategoryCycle { .. } => ("VITRINA_CATEGORY_CYCLE", "category.parent_id"),
            KnowledgeError::CategoryNotEmpty { .. } => ("VITRINA_CATEGORY_NOT_EMPTY", "category_id"),
            KnowledgeError::UnknownLocale { .. } => ("VITRINA_UNKNOWN_LOCALE", "locale"),
        };
        failure(code, "knowledge", Some(field), e.to_string())
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Failure {
        let (code, field): (&'static str, Option<&str>) = match &e {
            SearchError::InvalidDocument { field, .. } => ("VITRINA_INVALID_DOCUMENT", Some(field)),
            SearchError::InvalidQuery { field, .. } => ("VITRINA_INVALID_QUERY", Some(field)),
            SearchError::Backend { .. } => ("VITRINA_SEARCH_BACKEND", None),
        };
        failure(code, "knowledge", field, e.to_string())
    }
}

impl From<MailError> for Failure {
    fn from(e: MailError) -> Failure {
        let code = match &e {
            MailError::Transient { .. } => "VITRINA_MAIL_TRANSIENT",
            MailError::Permanent { .. } => "VITRINA_MAIL_PERMANENT",
        };
        failure(code, "notify", None, e.to_string())
    }
}
