//! The parts of Stripe's API objects the gateway reads (PaymentIntent, SetupIntent, Refund, Charge,
//! Dispute, Event, search results, the error object), field names as Stripe's OpenAPI description has them.

use serde::Deserialize;
use serde_json::Value;

/// A PaymentIntent (`object: "payment_intent"`).
#[derive(Debug, Clone, Deserialize)]
pub struct PaymentIntent {
    /// `pi_...`.
    pub id: String,
    /// The amount intended, in Stripe's minor unit.
    pub amount: i64,
    /// What was collected.
    #[serde(default)]
    pub amount_received: i64,
    /// Lower-case ISO code.
    pub currency: String,
    /// `requires_payment_method`, `requires_confirmation`, `requires_action`, `processing`,
    /// `requires_capture`, `canceled` or `succeeded`.
    pub status: String,
    /// Why it was canceled (`expired`, `requested_by_customer`, ...).
    #[serde(default)]
    pub cancellation_reason: Option<String>,
    /// The error of the last failed attempt.
    #[serde(default)]
    pub last_payment_error: Option<ApiError>,
    /// What the customer must do (`redirect_to_url`, `use_stripe_sdk`, ...).
    #[serde(default)]
    pub next_action: Option<Value>,
    /// Unix seconds.
    #[serde(default)]
    pub created: i64,
}

/// A SetupIntent (`object: "setup_intent"`), used to check a card without moving money.
#[derive(Debug, Clone, Deserialize)]
pub struct SetupIntent {
    /// `seti_...`.
    pub id: String,
    /// `requires_payment_method`, `requires_confirmation`, `requires_action`, `processing`,
    /// `canceled` or `succeeded`.
    pub status: String,
    /// The error of the last failed attempt.
    #[serde(default)]
    pub last_setup_error: Option<ApiError>,
    /// What the customer must do.
    #[serde(default)]
    pub next_action: Option<Value>,
}

/// A Refund (`object: "refund"`).
#[derive(Debug, Clone, Deserialize)]
pub struct Refund {
    /// `re_...`.
    pub id: String,
    /// The amount refunded, in Stripe's minor unit.
    pub amount: i64,
    /// Lower-case ISO code.
    pub currency: String,
    /// `pending`, `requires_action`, `succeeded`, `failed` or `canceled`.
    #[serde(default)]
    pub status: Option<String>,
    /// The PaymentIntent refunded (an id, or the object when expanded).
    #[serde(default)]
    pub payment_intent: Option<Value>,
    /// Why it failed (`lost_or_stolen_card`, `expired_or_canceled_card`, ...).
    #[serde(default)]
    pub failure_reason: Option<String>,
}

/// A Charge (`object: "charge"`), as `charge.*` events carry it.
#[derive(Debug, Clone, Deserialize)]
pub struct Charge {
    /// `ch_...`.
    pub id: String,
    /// The amount charged.
    pub amount: i64,
    /// What was refunded so far.
    #[serde(default)]
    pub amount_refunded: i64,
    /// Lower-case ISO code.
    pub currency: String,
    /// The PaymentIntent it belongs to (an id, or the object when expanded).
    #[serde(default)]
    pub payment_intent: Option<Value>,
    /// Its refunds, when included.
    #[serde(default)]
    pub refunds: Option<Value>,
}

/// A Dispute (`object: "dispute"`).
#[derive(Debug, Clone, Deserialize)]
pub struct Dispute {
    /// `dp_...`.
    pub id: String,
    /// The amount disputed.
    pub amount: i64,
    /// Lower-case ISO code.
    pub currency: String,
    /// The PaymentIntent disputed (an id, or the object when expanded).
    #[serde(default)]
    pub payment_intent: Option<Value>,
    /// The charge disputed.
    #[serde(default)]
    pub charge: Option<Value>,
    /// `fraudulent`, `product_not_received`, ...
    #[serde(default)]
    pub reason: Option<String>,
    /// `warning_needs_response`, `needs_response`, `under_review`, `won`, `lost`, ...
    #[serde(default)]
    pub status: Option<String>,
}

/// An Event (`object: "event"`) as webhooks deliver it.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    /// `evt_...`.
    pub id: String,
    /// `payment_intent.succeeded`, `charge.refunded`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// The object the event is about.
    pub data: EventData,
}

/// An event's `data`.
#[derive(Debug, Clone, Deserialize)]
pub struct EventData {
    /// The object after the change.
    pub object: Value,
}

/// A page of search results (`object: "search_result"`).
#[derive(Debug, Clone, Deserialize)]
pub struct SearchResult<T> {
    /// The objects found (the first page: up to `limit`).
    pub data: Vec<T>,
}

/// The body of an error answer: `{"error": {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ApiError,
}

/// Stripe's error object.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApiError {
    /// `api_error`, `card_error`, `idempotency_error` or `invalid_request_error`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// A short code (`card_declined`, `resource_missing`, `rate_limit`, ...).
    #[serde(default)]
    pub code: Option<String>,
    /// The issuer's reason, for card declines (`insufficient_funds`, `generic_decline`, ...).
    #[serde(default)]
    pub decline_code: Option<String>,
    /// A message for people.
    #[serde(default)]
    pub message: Option<String>,
    /// The parameter at fault.
    #[serde(default)]
    pub param: Option<String>,
    /// The PaymentIntent concerned, when the request involved one.
    #[serde(default)]
    pub payment_intent: Option<Value>,
    /// The SetupIntent concerned, when the request involved one.
    #[serde(default)]
    pub setup_intent: Option<Value>,
}

/// The id of an expandable field: the string itself, or the expanded object's `id`.
pub fn expandable_id(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(id) => Some(id.clone()),
        Value::Object(object) => object.get("id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}
