//! Webhooks as they reach the shop: the HTTP request as received, and the event a gateway adapter
//! parses from it (after verifying its signature) to sync a payment or a refund.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::GatewayResult;

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
    /// The transaction's state as reported.
    pub result: GatewayResult,
}
