//! Stripe webhooks: the `Stripe-Signature` header (`t=...,v1=...`, several `v1` while Stripe rolls a
//! secret) checked with the core's verifier, then the event mapped to the payment or refund it concerns.

use serde_json::Value;
use vitrina_core::payment::{DisputeNotice, GatewayError, GatewayResult, GatewayStatus, WebhookError};
use vitrina_core::payment::{WebhookEvent, WebhookRequest};

use crate::amount::from_stripe;
use crate::gateway::{parse, StripeGateway};
use crate::mapping::{intent_result, refund_result, scrub};
use crate::wire::{expandable_id, Charge, Dispute, Event, PaymentIntent, Refund};

/// The header carrying Stripe's signature (header names arrive lower-cased).
pub const SIGNATURE_HEADER: &str = "stripe-signature";

/// The event types [`StripeGateway::parse_webhook`](vitrina_core::payment::PaymentGateway::parse_webhook)
/// maps; subscribe the Stripe endpoint to these. Other `payment_intent.*` events are read too (as the
/// intent's state), other `charge.*` events (`charge.succeeded`, ...) come as `pending` on their
/// payment (nothing to apply: the PaymentIntent's events carry the state), and any other type is
/// [`WebhookError::UnhandledEvent`], which the shop acknowledges as `ignored`.
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

/// Verifies and maps `webhook` as the core's [`WebhookEvent`] table reads it: a captured amount is
/// the running total taken; a refund named by `refund_reference` carries its own amount, and
/// `charge.refunded` without its refunds listed carries the running total refunded; a dispute comes as
/// [`DisputeNotice`] (with the payment as it stands in `result`). The result's `raw` is the whole event.
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
    // A verified body Stripe's objects cannot be read from is a bad body, not an unreachable Stripe.
    let (payment_reference, refund_reference, mut result, dispute) = map_event(&event).map_err(|e| match e {
        GatewayError::Unavailable { reason } => body_error(reason),
        other => other,
    })?;
    result.raw = scrub(raw);
    Ok(WebhookEvent { event_id: event.id, payment_reference, refund_reference, result, dispute })
}

/// The payment, the refund, the result and the dispute `event` is about.
type Mapped = (String, Option<String>, GatewayResult, Option<DisputeNotice>);

fn map_event(event: &Event) -> Result<Mapped, GatewayError> {
    let object = &event.data.object;
    let mut dispute_notice = None;
    let (payment_reference, refund_reference, result) = match event.kind.as_str() {
        kind if kind.starts_with("payment_intent.") => {
            let intent = parse::<PaymentIntent>(object)?;
            (intent.id.clone(), None, intent_result(&intent, Value::Null)?)
        }
        "charge.refunded" => {
            let charge = parse::<Charge>(object)?;
            let payment = expandable_id(charge.payment_intent.as_ref()).unwrap_or_else(|| charge.id.clone());
            // Stripe lists a charge's refunds newest first, when the version includes them at all.
            let latest = charge.refunds.as_ref().and_then(|r| r.pointer("/data/0")).cloned();
            match latest.map(|r| parse::<Refund>(&r)).transpose()? {
                Some(refund) => (payment, Some(refund.id.clone()), refund_result(&refund, Value::Null)?),
                None => {
                    let result = GatewayResult {
                        status: GatewayStatus::Refunded,
                        gateway_reference: charge.id.clone(),
                        amount: from_stripe(charge.amount_refunded, &charge.currency)?,
                        error: None,
                        message: Some(format!("charge {} refunded so far", charge.id)),
                        action: None,
                        raw: Value::Null,
                    };
                    (payment, None, result)
                }
            }
        }
        kind if kind.starts_with("charge.") && !kind.starts_with("charge.dispute.") => {
            let charge = parse::<Charge>(object)?;
            let payment = expandable_id(charge.payment_intent.as_ref()).unwrap_or_else(|| charge.id.clone());
            let result = GatewayResult {
                status: GatewayStatus::Pending,
                gateway_reference: charge.id.clone(),
                amount: from_stripe(charge.amount, &charge.currency)?,
                error: None,
                message: Some(format!("{kind}: read from the PaymentIntent's events")),
                action: None,
                raw: Value::Null,
            };
            (payment, None, result)
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
            let amount = from_stripe(dispute.amount, &dispute.currency)?;
            let reason = dispute.reason.clone().unwrap_or_else(|| "general".to_owned());
            let status = dispute.status.as_deref().unwrap_or("unknown status");
            dispute_notice =
                Some(DisputeNotice { dispute_reference: dispute.id.clone(), amount, reason: reason.clone() });
            let result = GatewayResult {
                status: GatewayStatus::Captured,
                gateway_reference: payment.clone(),
                amount,
                error: None,
                message: Some(format!("dispute {} opened: {reason} ({status})", dispute.id)),
                action: None,
                raw: Value::Null,
            };
            (payment, None, result)
        }
        other => {
            let (event_id, event_type) = (event.id.clone(), other.to_owned());
            return Err(WebhookError::UnhandledEvent { event_id, event_type }.into());
        }
    };
    Ok((payment_reference, refund_reference, result, dispute_notice))
}

fn body_error(reason: String) -> GatewayError {
    WebhookError::InvalidBody { reason }.into()
}
