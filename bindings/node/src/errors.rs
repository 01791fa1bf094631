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
use vitrina_core::knowledge::{KnowledgeError, SearchError};
use vitrina_core::money::MoneyError;
use vitrina_core::notify::{MailError, MessageError, OutboxError};
use vitrina_core::pricing::PricingError;

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
