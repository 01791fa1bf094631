//! The sealed exception hierarchies: `VitrinaException` (Kotlin) / `VitrinaError` (Swift) with one
//! subclass per failing core module, and `WalletException` / `WalletError` for wallet plug-ins.
//!
//! Every subclass carries `detail` (the core's message, which starts with the offending field),
//! `code` (the variant, snake_case, as the Python and Node bindings report it) and `field` (the path of
//! the offending value, when there is one). A wrapping variant (`PricingError::Catalog`,
//! `CatalogError::Money`) is reported as the outer module with the inner error's code-less field, as
//! the Python binding does.

use vitrina_core::cart::CartError;
use vitrina_core::catalog::{CatalogError, ConfigurationError};
use vitrina_core::money::MoneyError;
use vitrina_core::pricing::PricingError;

/// Base of every error raised by Vitrina; the subclass names the module that refused the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum VitrinaError {
    /// An amount or currency is not valid money (core `MoneyError`).
    #[error("{detail}")]
    Money {
        /// The core's message, starting with the field.
        detail: String,
        /// `unknown_currency`, `invalid_amount`, `excess_precision`, `negative`, `currency_mismatch`, `overflow`.
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A catalog was refused (core `CatalogError`).
    #[error("{detail}")]
    Catalog {
        /// The core's message, starting with the field.
        detail: String,
        /// `duplicate_id`, `unknown_reference`, `invalid`, `money`, `invalid_input`.
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// Option choices of a configurable product were refused (core `ConfigurationError`).
    #[error("{detail}")]
    Configuration {
        /// The core's message, naming the product and option.
        detail: String,
        /// `unknown_option`, `value_not_offered`, `out_of_order`, `incomplete`, `no_single_variant`.
        code: String,
        /// Always `choices`.
        field: Option<String>,
    },
    /// An edit of a cart was refused and the cart left unchanged (core `CartError`).
    #[error("{detail}")]
    Cart {
        /// The core's message, starting with the field.
        detail: String,
        /// `unknown_variant`, `zero_quantity`, `insufficient_stock`, `invalid_coupon`, ...
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A cart could not be priced, or pricing rules were refused (core `PricingError`).
    #[error("{detail}")]
    Pricing {
        /// The core's message, starting with the field.
        detail: String,
        /// `currency_mismatch`, `unknown_variant`, `no_price`, `invalid_input`, `invalid_rule`, ...
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A support case operation was refused (core `SupportError`).
    #[error("{detail}")]
    Support {
        /// The core's message.
        detail: String,
        /// The core variant, snake_case (`invalid_field`, `closed`...).
        code: String,
        /// Path of the offending value, when known.
        field: Option<String>,
    },
    /// A knowledge base was refused or an article is unknown (core `KnowledgeError`).
    #[error("{detail}")]
    Knowledge {
        /// The core's message.
        detail: String,
        /// `empty_field`, `duplicate_id`, `unknown_category`, `unknown_article`, `unknown_locale`, ...
        code: String,
        /// Path of the offending value, when known.
        field: Option<String>,
    },
    /// A search query or document was refused, or the on-device index failed (core `SearchError`).
    #[error("{detail}")]
    Search {
        /// The core's message.
        detail: String,
        /// `invalid_query`, `invalid_document` or `backend` (I/O, a corrupt index, the directory
        /// already open elsewhere).
        code: String,
        /// The query or document field at fault (`query.limit`), when there is one.
        field: Option<String>,
    },
}

/// Why a mobile-wallet authorization gave no usable result. A decline is not an error: it is a
/// [`WalletResult`](crate::WalletResult) with status `Declined`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum WalletError {
    /// The request was refused before reaching the wallet (amount, currency or reference).
    #[error("{detail}")]
    InvalidRequest {
        /// The message, starting with the field.
        detail: String,
        /// `amount`, `currency` or `reference`.
        field: String,
    },
    /// The wallet could not be reached or did not answer; the outcome is unknown. Thrown by wallet
    /// implementations (any other exception they throw arrives here too).
    #[error("wallet unavailable: {detail}")]
    Unavailable {
        /// What went wrong.
        detail: String,
    },
    /// The wallet's answer could not be read (an echoed amount or currency that is not valid money).
    #[error("{detail}")]
    InvalidResponse {
        /// The message, starting with the field.
        detail: String,
        /// `result.amount` or `result.currency`.
        field: String,
    },
    /// Integrity error: the wallet acted on another amount or currency than asked.
    #[error("{detail}")]
    AmountMismatch {
        /// The core's message (`authorize: asked for 12.50 EUR but the gateway echoed 12.51 EUR`).
        detail: String,
        /// The amount asked for, `"12.50 EUR"`.
        expected: String,
        /// The amount echoed, `"12.51 EUR"`.
        echoed: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for WalletError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        WalletError::Unavailable { detail: e.reason }
    }
}

/// A failure of the binding's own decoding (JSON text whose shape the core's serde model refuses),
/// where the core enum has no variant of its own: `code` is `invalid_input`.
pub(crate) fn invalid_input(
    class: fn(String, String, Option<String>) -> VitrinaError,
    field: &str,
    reason: impl std::fmt::Display,
) -> VitrinaError {
    class(format!("{field}: {reason}"), "invalid_input".to_owned(), Some(field.to_owned()))
}

/// Constructors of the subclasses, for [`invalid_input`].
pub(crate) fn catalog_class(detail: String, code: String, field: Option<String>) -> VitrinaError {
    VitrinaError::Catalog { detail, code, field }
}

pub(crate) fn cart_class(detail: String, code: String, field: Option<String>) -> VitrinaError {
    VitrinaError::Cart { detail, code, field }
}

pub(crate) fn pricing_class(detail: String, code: String, field: Option<String>) -> VitrinaError {
    VitrinaError::Pricing { detail, code, field }
}

pub(crate) fn support_class(detail: String, code: String, field: Option<String>) -> VitrinaError {
    VitrinaError::Support { detail, code, field }
}

pub(crate) fn knowledge_class(detail: String, code: String, field: Option<String>) -> VitrinaError {
    VitrinaError::Knowledge { detail, code, field }
}

/// The snake_case name of an error's variant, from its `Debug` form (`UnknownArticle { .. }` ->
/// `unknown_article`).
pub(crate) fn variant_code(e: &impl std::fmt::Debug) -> String {
    let debug = format!("{e:?}");
    let name = debug.split([' ', '{', '(']).next().unwrap_or_default();
    let mut code = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                code.push('_');
            }
            code.push(c.to_ascii_lowercase());
        } else {
            code.push(c);
        }
    }
    code
}

impl From<vitrina_core::knowledge::KnowledgeError> for VitrinaError {
    fn from(e: vitrina_core::knowledge::KnowledgeError) -> Self {
        knowledge_class(e.to_string(), variant_code(&e), None)
    }
}

impl From<vitrina_core::knowledge::SearchError> for VitrinaError {
    fn from(e: vitrina_core::knowledge::SearchError) -> Self {
        use vitrina_core::knowledge::SearchError;
        let field = match &e {
            SearchError::InvalidQuery { field, .. } => Some(format!("query.{field}")),
            SearchError::InvalidDocument { field, .. } => Some(format!("document.{field}")),
            SearchError::Backend { .. } => None,
        };
        VitrinaError::Search { detail: e.to_string(), code: variant_code(&e), field }
    }
}

impl From<MoneyError> for VitrinaError {
    fn from(e: MoneyError) -> Self {
        let code = match e {
            MoneyError::UnknownCurrency { .. } => "unknown_currency",
            MoneyError::InvalidAmount { .. } => "invalid_amount",
            MoneyError::ExcessPrecision { .. } => "excess_precision",
            MoneyError::Negative { .. } => "negative",
            MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
            MoneyError::Overflow { .. } => "overflow",
        };
        VitrinaError::Money { detail: e.to_string(), code: code.to_owned(), field: money_field(&e).map(str::to_owned) }
    }
}

fn money_field(e: &MoneyError) -> Option<&str> {
    match e {
        MoneyError::UnknownCurrency { field, .. }
        | MoneyError::InvalidAmount { field, .. }
        | MoneyError::ExcessPrecision { field, .. }
        | MoneyError::Negative { field, .. }
        | MoneyError::Overflow { field } => Some(field),
        MoneyError::CurrencyMismatch { .. } => None,
    }
}

impl From<CatalogError> for VitrinaError {
    fn from(e: CatalogError) -> Self {
        let code = match e {
            CatalogError::DuplicateId { .. } => "duplicate_id",
            CatalogError::UnknownReference { .. } => "unknown_reference",
            CatalogError::Invalid { .. } => "invalid",
            CatalogError::Money(_) => "money",
        };
        VitrinaError::Catalog {
            detail: e.to_string(),
            code: code.to_owned(),
            field: catalog_field(&e).map(str::to_owned),
        }
    }
}

fn catalog_field(e: &CatalogError) -> Option<&str> {
    match e {
        CatalogError::DuplicateId { field, .. }
        | CatalogError::UnknownReference { field, .. }
        | CatalogError::Invalid { field, .. } => Some(field),
        CatalogError::Money(inner) => money_field(inner),
    }
}

impl From<ConfigurationError> for VitrinaError {
    fn from(e: ConfigurationError) -> Self {
        let code = match e {
            ConfigurationError::UnknownOption { .. } => "unknown_option",
            ConfigurationError::ValueNotOffered { .. } => "value_not_offered",
            ConfigurationError::OutOfOrder { .. } => "out_of_order",
            ConfigurationError::Incomplete { .. } => "incomplete",
            ConfigurationError::NoSingleVariant { .. } => "no_single_variant",
        };
        // Every variant is about the choices given, named after the argument.
        VitrinaError::Configuration { detail: e.to_string(), code: code.to_owned(), field: Some("choices".to_owned()) }
    }
}

impl From<CartError> for VitrinaError {
    fn from(e: CartError) -> Self {
        let (code, field) = match &e {
            CartError::UnknownVariant { field, .. } => ("unknown_variant", field),
            CartError::ZeroQuantity { field } => ("zero_quantity", field),
            CartError::QuantityAboveMaximum { field, .. } => ("quantity_above_maximum", field),
            CartError::InsufficientStock { field, .. } => ("insufficient_stock", field),
            CartError::NoPriceInCurrency { field, .. } => ("no_price_in_currency", field),
            CartError::UnknownLine { field, .. } => ("unknown_line", field),
            CartError::InvalidCoupon { field, .. } => ("invalid_coupon", field),
            CartError::DuplicateCoupon { field, .. } => ("duplicate_coupon", field),
            CartError::TooManyCoupons { field, .. } => ("too_many_coupons", field),
            CartError::CouponNotApplied { field, .. } => ("coupon_not_applied", field),
            CartError::TooLong { field, .. } => ("too_long", field),
        };
        VitrinaError::Cart { detail: e.to_string(), code: code.to_owned(), field: Some(field.clone()) }
    }
}

impl From<PricingError> for VitrinaError {
    fn from(e: PricingError) -> Self {
        let (code, field): (&str, Option<&str>) = match &e {
            PricingError::CurrencyMismatch { .. } => ("currency_mismatch", Some("cart.currency")),
            PricingError::UnknownVariant { field, .. } => ("unknown_variant", Some(field)),
            PricingError::NoPrice { field, .. } => ("no_price", Some(field)),
            PricingError::ZeroQuantity { field } => ("zero_quantity", Some(field)),
            PricingError::QuantityAboveMaximum { field, .. } => ("quantity_above_maximum", Some(field)),
            PricingError::DuplicateLineId { field, .. } => ("duplicate_line_id", Some(field)),
            PricingError::TooManyCoupons { .. } => ("too_many_coupons", Some("cart.coupons")),
            PricingError::UnknownShippingMethod(_) => ("unknown_shipping_method", Some("context.shipping_method_id")),
            PricingError::ShippingUnavailable { .. } => ("shipping_unavailable", Some("context.shipping_method_id")),
            PricingError::PackagingUnavailable { field, .. } => ("packaging_unavailable", Some(field)),
            PricingError::InvalidInput { field, .. } => ("invalid_input", Some(field)),
            PricingError::InvalidRule { field, .. } => ("invalid_rule", Some(field)),
            PricingError::Catalog(inner) => ("catalog", catalog_field(inner)),
            PricingError::Money(inner) => ("money", money_field(inner)),
            PricingError::Overflow(field) => ("overflow", Some(field)),
        };
        VitrinaError::Pricing { detail: e.to_string(), code: code.to_owned(), field: field.map(str::to_owned) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pricing_errors_keep_the_core_message_and_name_the_field() {
        let e: VitrinaError = PricingError::ZeroQuantity { field: "cart.lines[0].quantity".into() }.into();
        assert_eq!(
            e,
            VitrinaError::Pricing {
                detail: "cart.lines[0].quantity: quantity must be at least 1".into(),
                code: "zero_quantity".into(),
                field: Some("cart.lines[0].quantity".into()),
            }
        );
        assert_eq!(e.to_string(), "cart.lines[0].quantity: quantity must be at least 1");
    }

    #[test]
    fn variant_codes_are_snake_case_names() {
        let e = vitrina_core::knowledge::KnowledgeError::UnknownArticle { id: "faq-1".into() };
        assert_eq!(variant_code(&e), "unknown_article");
    }

    #[test]
    fn search_errors_name_the_query_field() {
        let e = vitrina_core::knowledge::SearchError::InvalidQuery { field: "limit".into(), reason: "too big".into() };
        let VitrinaError::Search { code, field, detail } = VitrinaError::from(e) else { panic!() };
        assert_eq!(
            (code.as_str(), field.as_deref(), detail.as_str()),
            ("invalid_query", Some("query.limit"), "query limit: too big")
        );
        let e = vitrina_core::knowledge::SearchError::backend("disk full");
        assert!(
            matches!(VitrinaError::from(e), VitrinaError::Search { ref code, field: None, .. } if code == "backend")
        );
    }

    #[test]
    fn a_wrapped_catalog_error_names_the_inner_field() {
        let inner = CatalogError::Invalid { field: "products[0].name".into(), reason: "must not be empty".into() };
        let e: VitrinaError = PricingError::Catalog(inner).into();
        let VitrinaError::Pricing { code, field, .. } = e else { panic!("{e:?}") };
        assert_eq!((code.as_str(), field.as_deref()), ("catalog", Some("products[0].name")));
    }
}
