//! The sealed exception hierarchies: `VitrinaException` (Kotlin) / `VitrinaError` (Swift) with one
//! subclass per domain of the core the native objects can fail in, and `WalletException` /
//! `WalletError` for wallet plug-ins.
//!
//! One generic mapping: every core error reaches the foreign language through the core's `ErrorCode`
//! trait, so `code`, `field` and the domain (the subclass) are exactly what `core/error_codes.txt` lists
//! and what the Shop and the other bindings report for the same failure. A wrapping error
//! (`PricingError::Catalog`) reports the error it wraps. Input the binding cannot decode (JSON the
//! core's serde model refuses) is the core's `shop`/`invalid` naming the argument, as the Shop reports
//! an argument it cannot decode.

use vitrina_core::error::ErrorCode;
use vitrina_core::shop::ShopError;

/// Base of every error raised by Vitrina's native objects; the subclass names the domain of the core
/// that refused (the first column of `core/error_codes.txt`). Each carries `detail` (the core's message,
/// which starts with the offending field), `code` (the core's stable snake_case code) and `field` (the
/// path of the offending value, when there is one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum VitrinaError {
    /// An amount or currency is not valid money (domain `money`).
    #[error("{detail}")]
    Money {
        /// The core's message, starting with the field.
        detail: String,
        /// The core's code (`unknown_currency`, `excess_precision`...).
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A catalog, or option choices of a configurable product, were refused (domain `catalog`).
    #[error("{detail}")]
    Catalog {
        /// The core's message, starting with the field.
        detail: String,
        /// The core's code (`duplicate_id`, `unknown_reference`, `incomplete`...).
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// An edit of a cart was refused and the cart left unchanged (domain `cart`).
    #[error("{detail}")]
    Cart {
        /// The core's message, starting with the field.
        detail: String,
        /// The core's code (`unknown_variant`, `zero_quantity`, `insufficient_stock`...).
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A cart could not be priced, or pricing rules were refused (domain `pricing`).
    #[error("{detail}")]
    Pricing {
        /// The core's message, starting with the field.
        detail: String,
        /// The core's code (`currency_mismatch`, `no_price`, `invalid_rule`...).
        code: String,
        /// Path of the offending value.
        field: Option<String>,
    },
    /// A knowledge base, a search query or document was refused, an article is unknown, or the
    /// on-device index failed (domain `knowledge`).
    #[error("{detail}")]
    Knowledge {
        /// The core's message.
        detail: String,
        /// The core's code (`unknown_article`, `invalid_query`, `backend`...).
        code: String,
        /// Path of the offending value, when known.
        field: Option<String>,
    },
    /// Input the binding could not decode (domain `shop`, code `invalid`).
    #[error("{detail}")]
    Shop {
        /// The message, starting with the argument.
        detail: String,
        /// The core's code.
        code: String,
        /// The argument at fault.
        field: Option<String>,
    },
    /// A failure of another domain of the core.
    #[error("{detail}")]
    Other {
        /// The domain, as `core/error_codes.txt` names it.
        domain: String,
        /// The core's message.
        detail: String,
        /// The core's code.
        code: String,
        /// Path of the offending value, when known.
        field: Option<String>,
    },
}

impl<E: ErrorCode + std::fmt::Display> From<E> for VitrinaError {
    fn from(e: E) -> Self {
        let (detail, code, field) = (e.to_string(), e.code().to_owned(), e.field().map(str::to_owned));
        match e.domain() {
            "money" => VitrinaError::Money { detail, code, field },
            "catalog" => VitrinaError::Catalog { detail, code, field },
            "cart" => VitrinaError::Cart { detail, code, field },
            "pricing" => VitrinaError::Pricing { detail, code, field },
            "knowledge" => VitrinaError::Knowledge { detail, code, field },
            "shop" => VitrinaError::Shop { detail, code, field },
            domain => VitrinaError::Other { domain: domain.to_owned(), detail, code, field },
        }
    }
}

/// Input the binding could not decode: the core's `shop`/`invalid` naming the argument `field`.
pub(crate) fn undecodable(field: &str, reason: impl std::fmt::Display) -> VitrinaError {
    ShopError::invalid(field, reason.to_string()).into()
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

#[cfg(test)]
mod tests {
    use vitrina_core::catalog::CatalogError;
    use vitrina_core::knowledge::{KnowledgeError, SearchError};
    use vitrina_core::pricing::PricingError;

    use super::*;

    #[test]
    fn core_errors_keep_their_message_code_and_field() {
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
        let e: VitrinaError = KnowledgeError::UnknownArticle { id: "faq-1".into() }.into();
        assert!(matches!(e, VitrinaError::Knowledge { ref code, field: None, .. } if code == "unknown_article"));
        let e: VitrinaError = SearchError::InvalidQuery { field: "limit".into(), reason: "too big".into() }.into();
        assert!(matches!(e, VitrinaError::Knowledge { ref code, ref field, .. }
            if code == "invalid_query" && field.as_deref() == Some("limit")));
    }

    #[test]
    fn a_wrapped_error_is_reported_as_itself() {
        let inner = CatalogError::Invalid { field: "products[0].name".into(), reason: "must not be empty".into() };
        let e: VitrinaError = PricingError::Catalog(inner).into();
        let VitrinaError::Catalog { code, field, .. } = e else { panic!("{e:?}") };
        assert_eq!((code.as_str(), field.as_deref()), ("invalid", Some("products[0].name")));
    }

    #[test]
    fn undecodable_input_is_shop_invalid_naming_the_argument() {
        let VitrinaError::Shop { code, field, detail } = undecodable("catalog", "expected value") else { panic!() };
        assert_eq!((code.as_str(), field.as_deref()), ("invalid", Some("catalog")));
        assert!(detail.contains("catalog"), "{detail}");
    }
}
