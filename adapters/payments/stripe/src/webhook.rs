//! Stripe webhooks: the `Stripe-Signature` header (`t=...,v1=...`, several `v1` while Stripe rolls a
//! secret) checked with the core's verifier, then the event mapped to the payment or refund it concerns.

use serde_json::Value;
use vitrina_core::payment::{GatewayError, GatewayResult, GatewayStatus, WebhookError, WebhookEvent, WebhookRequest};

use crate::amount::from_stripe;
use crate::gateway::{parse, StripeGateway};
use crate::mapping::{intent_result, refund_result, scrub};
use crate::wire::{expandable_id, Charge, Dispute, Event, PaymentIntent, Refund};

/// The header carrying Stripe's signature (header names arrive lower-cased).
pub const SIGNATURE_HEADER: &str = "stripe-signature";

/// The event types [`StripeGateway::parse_webhook`](vitrina_core::payment::PaymentGateway::parse_webhook)
/// understands; others are refused as [`WebhookError::InvalidBody`] (answer them 2xx and drop them).
pub const HANDLED_EVENTS: [&str; 10] = [
    "payment_intent.succeeded",
    "payment_intent.amount_capturable_updated",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "charge.refunded",
    "refund.created",
    "refund.updated",
    "refund.failed",
    "charge.dispute.created",
];

/// Verifies and maps `webhook`. The result's `raw` is the whole event (its `type` tells a dispute from
/// a payment).
///
/// A dispute (`charge.dispute.created`) has no status of its own in the core yet: it comes as the
/// disputed payment, still `captured`, for the disputed amount, with the dispute's id as the result's
/// reference and its reason in the message.
pub(crate) fn verify_and_map(gateway: &StripeGateway, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
    let verifier = gateway
        .verifier()
        .ok_or_else(|| WebhookError::InvalidConfig { reason: "no Stripe webhook secret configured".into() })?;
    let header = webhook
        .headers
        .get(SIGNATURE_HEADER)
        .ok_or_else(|| WebhookError::MalformedHeader { reason: format!("no {SIGNATURE_HEADER} header") })?;
    verifier.verify(header, &webhook.body, webhook.received_at)?;
    let raw: Value = serde_json::from_str(&webhook.body).map_err(|e| body_error(e.to_string()))?;
    let event: Event = serde_json::from_value(raw.clone()).map_err(|e| body_error(e.to_string()))?;
    let object = &event.data.object;
    let (payment_reference, refund_reference, mut result) = match event.kind.as_str() {
        kind if kind.starts_with("payment_intent.") && HANDLED_EVENTS.contains(&kind) => {
            let intent = parse::<PaymentIntent>(object)?;
            (intent.id.clone(), None, intent_result(&intent, Value::Null)?)
        }
        "charge.refunded" => {
            let charge = parse::<Charge>(object)?;
            let refund = charge.refunds.as_ref().and_then(|r| r.pointer("/data/0/id")).and_then(Value::as_str);
            let result = GatewayResult {
                status: GatewayStatus::Refunded,
                gateway_reference: refund.unwrap_or(&charge.id).to_owned(),
                amount: from_stripe(charge.amount_refunded, &charge.currency)?,
                error: None,
                message: Some(format!("charge {} refunded in total", charge.id)),
                action: None,
                raw: Value::Null,
            };
            let payment = expandable_id(charge.payment_intent.as_ref()).unwrap_or(charge.id);
            (payment, refund.map(str::to_owned), result)
        }
        "refund.created" | "refund.updated" | "refund.failed" => {
            let refund = parse::<Refund>(object)?;
            let payment = expandable_id(refund.payment_intent.as_ref()).unwrap_or_default();
            (payment, Some(refund.id.clone()), refund_result(&refund, Value::Null)?)
        }
        "charge.dispute.created" => {
            let dispute = parse::<Dispute>(object)?;
            let payment = expandable_id(dispute.payment_intent.as_ref())
                .or_else(|| expandable_id(dispute.charge.as_ref()))
                .unwrap_or_default();
            let reason = dispute.reason.as_deref().unwrap_or("unknown reason");
            let status = dispute.status.as_deref().unwrap_or("unknown status");
            let result = GatewayResult {
                status: GatewayStatus::Captured,
                gateway_reference: dispute.id.clone(),
                amount: from_stripe(dispute.amount, &dispute.currency)?,
                error: None,
                message: Some(format!("dispute {} opened: {reason} ({status})", dispute.id)),
                action: None,
                raw: Value::Null,
            };
            (payment, None, result)
        }
        other => return Err(body_error(format!("event type {other:?} is not handled"))),
    };
    result.raw = scrub(raw);
    Ok(WebhookEvent { event_id: event.id, payment_reference, refund_reference, result })
}

fn body_error(reason: String) -> GatewayError {
    WebhookError::InvalidBody { reason }.into()
}
