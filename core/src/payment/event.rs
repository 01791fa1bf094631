//! The events of payments (with their refunds), wallets and gift cards, one enum per aggregate, each
//! serialised tagged by `type` as the outbox stores them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::GatewayErrorCode;
use crate::money::Money;

/// Something that happened to a payment or one of its refunds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PaymentEvent {
    /// The shopper must complete an action (3-D Secure, a redirect) for the payment to proceed.
    PaymentActionRequired {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
    },
    /// Funds were reserved on the shopper's account.
    PaymentAuthorized {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
        /// The amount authorized.
        amount: Money,
    },
    /// Funds were taken (a capture, or a purchase that authorized and captured at once).
    PaymentCaptured {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
        /// This capture.
        amount: Money,
        /// Everything captured so far.
        captured_total: Money,
    },
    /// Funds were returned to the shopper.
    PaymentRefunded {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
        /// The refund record, when the refund was requested through Vitrina.
        refund_id: Option<String>,
        /// This refund.
        amount: Money,
        /// Everything refunded so far.
        refunded_total: Money,
    },
    /// An authorization was released without taking funds.
    PaymentVoided {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
    },
    /// The payment failed (declined, authentication failed, ...).
    PaymentFailed {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
        /// The normalised reason, when the gateway gave one.
        error: Option<GatewayErrorCode>,
    },
    /// The payment or its authorization lapsed.
    PaymentExpired {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
    },
    /// A refund the gateway refused; nothing was returned.
    RefundFailed {
        /// The payment.
        payment_id: String,
        /// Its order.
        order_id: String,
        /// The refund record.
        refund_id: String,
        /// The amount that was to be returned.
        amount: Money,
        /// The normalised reason, when the gateway gave one.
        error: Option<GatewayErrorCode>,
    },
}

impl PaymentEvent {
    /// The event's `type` as serialised (`payment_action_required`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            PaymentEvent::PaymentActionRequired { .. } => "payment_action_required",
            PaymentEvent::PaymentAuthorized { .. } => "payment_authorized",
            PaymentEvent::PaymentCaptured { .. } => "payment_captured",
            PaymentEvent::PaymentRefunded { .. } => "payment_refunded",
            PaymentEvent::PaymentVoided { .. } => "payment_voided",
            PaymentEvent::PaymentFailed { .. } => "payment_failed",
            PaymentEvent::PaymentExpired { .. } => "payment_expired",
            PaymentEvent::RefundFailed { .. } => "refund_failed",
        }
    }
}

/// Something that happened to a customer's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WalletEvent {
    /// Money was added to a customer's wallet (a deposit, store credit or a refund to the wallet).
    WalletCredited {
        /// The wallet.
        wallet_id: String,
        /// Its owner.
        customer_id: String,
        /// The order refunded, for a refund to the wallet.
        order_id: Option<String>,
        /// The amount added.
        amount: Money,
        /// The balance afterwards.
        balance: Money,
    },
    /// An order was paid (in part) from a customer's wallet.
    WalletDebited {
        /// The wallet.
        wallet_id: String,
        /// Its owner.
        customer_id: String,
        /// The order paid.
        order_id: String,
        /// The amount taken.
        amount: Money,
        /// The balance afterwards.
        balance: Money,
    },
}

impl WalletEvent {
    /// The event's `type` as serialised (`wallet_credited`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            WalletEvent::WalletCredited { .. } => "wallet_credited",
            WalletEvent::WalletDebited { .. } => "wallet_debited",
        }
    }
}

/// Something that happened to a gift card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GiftCardEvent {
    /// A gift card was issued.
    GiftCardIssued {
        /// The card.
        gift_card_id: String,
        /// Its code with all but the last group masked, for staff and receipts.
        masked_code: String,
        /// Its value.
        amount: Money,
        /// When it expires, if it does.
        expires_at: Option<Timestamp>,
    },
    /// An order was paid (in part) with a gift card.
    GiftCardRedeemed {
        /// The card.
        gift_card_id: String,
        /// The order paid.
        order_id: String,
        /// The amount taken.
        amount: Money,
        /// The card's balance afterwards.
        balance: Money,
    },
    /// Money paid with a gift card went back onto it.
    GiftCardRefunded {
        /// The card.
        gift_card_id: String,
        /// The order refunded.
        order_id: String,
        /// The amount given back.
        amount: Money,
        /// The card's balance afterwards.
        balance: Money,
    },
}

impl GiftCardEvent {
    /// The event's `type` as serialised (`gift_card_issued`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            GiftCardEvent::GiftCardIssued { .. } => "gift_card_issued",
            GiftCardEvent::GiftCardRedeemed { .. } => "gift_card_redeemed",
            GiftCardEvent::GiftCardRefunded { .. } => "gift_card_refunded",
        }
    }
}
