//! Webhooks as they reach the shop: the HTTP request as received, the event a gateway adapter
//! parses from it (after verifying its signature), and the record of each event the shop applied.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::GatewayResult;
use crate::money::Money;

/// A webhook request as the shop's HTTP endpoint received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WebhookRequest {
    /// Headers, names lower-cased.
    pub headers: BTreeMap<String, String>,
    /// The body, exactly as received (signatures cover these bytes).
    pub body: String,
    /// When it arrived.
    pub received_at: Timestamp,
}

/// A verified webhook, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WebhookEvent {
    /// The gateway's event id (deliveries repeat: deduplicate on it).
    pub event_id: String,
    /// The gateway's reference of the payment concerned.
    pub payment_reference: String,
    /// The refund's gateway reference, when the event is about a refund.
    #[serde(default)]
    pub refund_reference: Option<String>,
    /// The transaction's state as reported (what its amount means per status: see
    /// [`crate::payment::Payment::reconcile`]).
    pub result: GatewayResult,
    /// A dispute (chargeback) the shopper's bank opened on the payment, when the event is one.
    #[serde(default)]
    pub dispute: Option<DisputeNotice>,
}

/// A dispute the shopper's bank opened: the money is held back until the shop answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DisputeNotice {
    /// The gateway's reference of the dispute.
    pub dispute_reference: String,
    /// The amount disputed.
    pub amount: Money,
    /// The reason the bank gives (`fraudulent`, `product_not_received`, ...).
    pub reason: String,
}

/// What the shop did with a verified webhook event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WebhookOutcome {
    /// The payment (and its order) moved to what the event reports.
    Applied,
    /// The payment already reflected the event (the gateway's answer to the call said it first).
    AlreadyKnown,
    /// A dispute: a support case was opened for the order.
    Disputed,
    /// The event was delivered before: nothing was done again.
    Duplicate,
    /// A verified event of a type the gateway does not act on: acknowledged, nothing stored.
    Ignored,
    /// No stored payment has the event's reference (a payment made elsewhere on the same account):
    /// nothing was stored, so a later delivery is still applied.
    UnknownPayment,
}

impl WebhookOutcome {
    /// The outcome's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookOutcome::Applied => "applied",
            WebhookOutcome::AlreadyKnown => "already_known",
            WebhookOutcome::Disputed => "disputed",
            WebhookOutcome::Duplicate => "duplicate",
            WebhookOutcome::Ignored => "ignored",
            WebhookOutcome::UnknownPayment => "unknown_payment",
        }
    }
}

/// A webhook event the shop applied, stored in the same commit so a repeated delivery of it is
/// recognised (gateways deliver at least once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReceivedWebhook {
    /// `{gateway}:{event id}`: unique.
    pub id: String,
    /// The gateway that sent it.
    pub gateway: String,
    /// The gateway's event id.
    pub event_id: String,
    /// The payment it concerned.
    pub payment_id: String,
    /// What the shop did.
    pub outcome: WebhookOutcome,
    /// The support case opened for a dispute.
    #[serde(default)]
    pub case_id: Option<String>,
    /// When it arrived.
    pub received_at: Timestamp,
}

impl ReceivedWebhook {
    /// The id of the record of `gateway`'s event `event_id`.
    pub fn id_of(gateway: &str, event_id: &str) -> String {
        format!("{gateway}:{event_id}")
    }
}
