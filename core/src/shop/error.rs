//! What a Shop command can fail with: the domain error of the step that refused (each keeps its
//! own code and field), a missing aggregate, a plug-in not registered, or the store.

use thiserror::Error;

use crate::cart::{CartError, WishListError};
use crate::catalog::CatalogError;
use crate::checkout::CheckoutError;
use crate::customer::CustomerError;
use crate::inventory::InventoryError;
use crate::knowledge::{KnowledgeError, SearchError};
use crate::money::{Money, MoneyError};
use crate::notify::{NotifyError, OutboxError};
use crate::order::OrderError;
use crate::payment::{BankTransferError, GatewayError, PaymentError, StoredValueError, TenderError};
use crate::pricing::PricingError;
use crate::returns::ReturnError;
use crate::review::ReviewError;
use crate::shipping::ShippingError;
use crate::store::StoreError;
use crate::support::{CannedError, CsatError, SupportError};

/// Why a Shop command failed. Nothing of a failed command is stored.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ShopError {
    /// No aggregate of this kind with this id.
    #[error("{kind} {id} not found")]
    NotFound {
        /// The kind (`order`, `payment`, ...).
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// Bad input, naming the field.
    #[error("{field}: {reason}")]
    Invalid {
        /// The offending field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A value that must be unique is taken (an e-mail address registered before).
    #[error("{field}: {value} is already taken")]
    Taken {
        /// The field holding the value (`email`).
        field: String,
        /// The value as stored.
        value: String,
    },
    /// No plug-in of this kind is registered under this name.
    #[error("no {kind} registered as {name:?}")]
    NoPlugin {
        /// `payment gateway`, `courier`, `mailer`, `search index`.
        kind: &'static str,
        /// The name asked for.
        name: String,
    },
    /// Another payment of the order waits on its gateway call (no answer yet, or 3-D Secure under
    /// way): settle it first ([`Payments::sync`](super::Payments::sync) or completing its action).
    #[error("payment {payment_id} is awaiting its outcome")]
    PaymentInProgress {
        /// The payment waited on.
        payment_id: String,
    },
    /// The operating system's random generator failed (a secret could not be made): nothing was done.
    #[error("no randomness available: {reason}")]
    RandomnessUnavailable {
        /// What the generator said.
        reason: String,
    },
    /// An idempotency key already used for another request (other parameters): nothing was done.
    #[error("key {key:?}: already used with other parameters")]
    KeyReused {
        /// The key.
        key: String,
    },
    /// An amount other than the one due: nothing was recorded.
    #[error("{field}: {expected} is due, {given} given")]
    AmountMismatch {
        /// The offending field (`amount`).
        field: &'static str,
        /// The amount due.
        expected: Money,
        /// The amount given.
        given: Money,
    },
    /// The payment gateway refused a refund; nothing was stored.
    #[error("payment {payment_id}: the gateway refused the refund ({reason})")]
    RefundFailed {
        /// The payment.
        payment_id: String,
        /// The gateway's reason.
        reason: String,
    },
    /// The shop has no settings or no catalog yet.
    #[error("the shop is not set up: {what}")]
    NotSetUp {
        /// What is missing (`settings`, `catalog`).
        what: &'static str,
    },
    /// A report's chart could not be drawn.
    #[error("the chart could not be drawn: {reason}")]
    Chart {
        /// What the drawing library said.
        reason: String,
    },
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The catalog refused.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// A cart edit was refused.
    #[error(transparent)]
    Cart(#[from] CartError),
    /// A wish-list edit was refused.
    #[error(transparent)]
    WishList(#[from] WishListError),
    /// Pricing failed.
    #[error(transparent)]
    Pricing(#[from] PricingError),
    /// Checkout refused.
    #[error(transparent)]
    Checkout(#[from] CheckoutError),
    /// The order refused.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// A payment step failed.
    #[error(transparent)]
    Payment(#[from] PaymentError),
    /// A bank transfer or statement line was refused.
    #[error(transparent)]
    BankTransfer(#[from] BankTransferError),
    /// A wallet or gift card refused.
    #[error(transparent)]
    StoredValue(#[from] StoredValueError),
    /// Splitting a payment over tenders failed.
    #[error(transparent)]
    Tender(#[from] TenderError),
    /// Shipping refused or the courier failed.
    #[error(transparent)]
    Shipping(#[from] ShippingError),
    /// A return step was refused.
    #[error(transparent)]
    Return(#[from] ReturnError),
    /// A support step was refused.
    #[error(transparent)]
    Support(#[from] SupportError),
    /// An inventory request was refused.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// A canned reply failed.
    #[error(transparent)]
    Canned(#[from] CannedError),
    /// A satisfaction survey refused.
    #[error(transparent)]
    Csat(#[from] CsatError),
    /// A review step was refused.
    #[error(transparent)]
    Review(#[from] ReviewError),
    /// A customer account refused.
    #[error(transparent)]
    Customer(#[from] CustomerError),
    /// The knowledge base refused.
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    /// Search failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// An e-mail could not be rendered.
    #[error(transparent)]
    Notify(#[from] NotifyError),
    /// The outbox failed.
    #[error(transparent)]
    Outbox(#[from] OutboxError),
    /// An amount could not be expressed.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl ShopError {
    /// A [`ShopError::Invalid`] for `field`.
    pub fn invalid(field: &str, reason: impl Into<String>) -> ShopError {
        ShopError::Invalid { field: field.to_owned(), reason: reason.into() }
    }

    /// A [`ShopError::NotFound`] of `kind`.
    pub fn not_found(kind: &'static str, id: &str) -> ShopError {
        ShopError::NotFound { kind, id: id.to_owned() }
    }

    /// Whether the failure may have come after the provider acted (its answer was lost, it acted on
    /// another amount, or the store failed to record what it said): the money's fate is unknown
    /// until the same key is repeated or the payment synced.
    pub fn leaves_outcome_unknown(&self) -> bool {
        matches!(
            self,
            ShopError::Store(_)
                | ShopError::Payment(PaymentError::Gateway(
                    GatewayError::Unavailable { .. } | GatewayError::AmountMismatch { .. }
                ))
        )
    }

    /// Whether the command lost a race (a stale version, or a row with the same unique key written
    /// first) and may be run again on fresh data, where it finds what the winner wrote.
    pub fn is_conflict(&self) -> bool {
        matches!(self, ShopError::Store(StoreError::Conflict { .. } | StoreError::Duplicate { .. }))
    }
}

crate::error_code!(ShopError, "shop", {
    ShopError::NotFound { .. } => "not_found",
    ShopError::Invalid { field, .. } => "invalid" @ &**field,
    ShopError::Taken { field, .. } => "taken" @ &**field,
    ShopError::NoPlugin { .. } => "no_plugin",
    ShopError::RandomnessUnavailable { .. } => "randomness_unavailable",
    ShopError::PaymentInProgress { .. } => "payment_in_progress",
    ShopError::KeyReused { .. } => "key_reused" @ "key",
    ShopError::AmountMismatch { field, .. } => "amount_mismatch" @ *field,
    ShopError::RefundFailed { .. } => "refund_failed",
    ShopError::NotSetUp { .. } => "not_set_up",
    ShopError::Chart { .. } => "chart_failed",
}, wraps {
    ShopError::Store(inner) => inner,
    ShopError::Catalog(inner) => inner,
    ShopError::Cart(inner) => inner,
    ShopError::WishList(inner) => inner,
    ShopError::Pricing(inner) => inner,
    ShopError::Checkout(inner) => inner,
    ShopError::Order(inner) => inner,
    ShopError::Payment(inner) => inner,
    ShopError::BankTransfer(inner) => inner,
    ShopError::StoredValue(inner) => inner,
    ShopError::Tender(inner) => inner,
    ShopError::Shipping(inner) => inner,
    ShopError::Return(inner) => inner,
    ShopError::Support(inner) => inner,
    ShopError::Inventory(inner) => inner,
    ShopError::Canned(inner) => inner,
    ShopError::Csat(inner) => inner,
    ShopError::Review(inner) => inner,
    ShopError::Customer(inner) => inner,
    ShopError::Knowledge(inner) => inner,
    ShopError::Search(inner) => inner,
    ShopError::Notify(inner) => inner,
    ShopError::Outbox(inner) => inner,
    ShopError::Money(inner) => inner,
});
