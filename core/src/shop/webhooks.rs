//! Payment webhooks applied to the stored payment and order: verified by the gateway that sent them,
//! applied once per event in one commit, and a dispute opened as a support case for the order.
//!
//! The host's HTTP endpoint passes the request as received and answers the gateway from the result:
//! any `Ok` is a 2xx (the gateway stops redelivering); a verification error (`payment.*` webhook
//! codes) is a 400; any other error is a 5xx, so the gateway delivers the event again later.

use serde::{Deserialize, Serialize};

use super::payments::settle;
use super::unit::Tx;
use super::{Payments, ShopError};
use crate::event::Actor;
use crate::order::Order;
use crate::payment::WebhookRequest;
use crate::payment::{DisputeNotice, GatewayError, Payment, PaymentError, ReceivedWebhook, WebhookError};
use crate::payment::{WebhookEvent, WebhookOutcome};
use crate::support::{CaseActor, CaseCategory, Channel, NewCase, Priority};

/// What [`Payments::receive_webhook`] did with a delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WebhookReceipt {
    /// The gateway's event id.
    pub event_id: String,
    /// What was done.
    pub outcome: WebhookOutcome,
    /// The payment concerned, as stored after the event (none when no stored payment has the
    /// event's reference).
    pub payment: Option<Payment>,
    /// The support case opened for a dispute.
    pub case_id: Option<String>,
}

impl Payments<'_> {
    /// Receives a webhook from gateway `gateway` (its [`crate::payment::PaymentGateway::name`]),
    /// exactly as the shop's endpoint got it. The gateway verifies the signature (an error names the
    /// failure and changes nothing); then, in one commit, the event is applied to the stored payment
    /// it names and to its order (money taken is received on the order, so a paid order moves to
    /// `paid` and its e-mail is queued; a refund made at the gateway is given back on the order), and
    /// recorded so that a repeated delivery is a `duplicate`. A dispute opens a high-priority
    /// complaint case for the order's customer. An event for a payment the shop does not store is
    /// answered `unknown_payment`, and one of a type the gateway does not act on `ignored`; neither is
    /// recorded.
    pub async fn receive_webhook(&self, gateway: &str, webhook: &WebhookRequest) -> Result<WebhookReceipt, ShopError> {
        super::payments::required("gateway", gateway)?;
        let sender = self.shop.plugins().gateway_named(gateway)?.clone();
        let event = match sender.parse_webhook(webhook).await {
            Err(GatewayError::Webhook(WebhookError::UnhandledEvent { event_id, .. })) => {
                return Ok(WebhookReceipt { event_id, outcome: WebhookOutcome::Ignored, payment: None, case_id: None });
            }
            parsed => parsed.map_err(PaymentError::from)?,
        };
        if event.event_id.trim().is_empty() {
            return Err(ShopError::invalid("event_id", "the gateway's event has no id"));
        }
        let name = sender.name().to_owned();
        command!(self.shop, retry = true, |tx| apply_event(tx, &event, &name).await)
    }
}

/// Applies `event` from gateway `name` (see [`Payments::receive_webhook`]).
async fn apply_event(tx: &mut Tx, event: &WebhookEvent, name: &str) -> Result<WebhookReceipt, ShopError> {
    let actor = Actor::Gateway { name: name.to_owned() };
    let id = ReceivedWebhook::id_of(name, &event.event_id);
    if let Some(seen) = tx.find::<ReceivedWebhook>(&id).await? {
        let payment = tx.find::<Payment>(&seen.payment_id).await?;
        return Ok(receipt(event, WebhookOutcome::Duplicate, payment, seen.case_id));
    }
    let found = tx.find_by::<Payment>("gateway_reference", &event.payment_reference, 1).await?;
    let Some(mut payment) = found.into_iter().next() else {
        return Ok(receipt(event, WebhookOutcome::UnknownPayment, None, None));
    };
    let mut order = tx.get::<Order>(payment.order_id()).await?;
    let (outcome, case_id) = match &event.dispute {
        Some(dispute) => (WebhookOutcome::Disputed, open_dispute_case(tx, &order, &payment, dispute).await?),
        None => {
            let before = payment.clone();
            if payment.reconcile(event, actor.clone(), tx.now)? {
                if before.is_opening() && !payment.is_opening() {
                    payment.release_claim();
                }
                payment = settle(tx, &mut order, &before, &mut payment, actor.clone())?;
                (WebhookOutcome::Applied, None)
            } else {
                (WebhookOutcome::AlreadyKnown, None)
            }
        }
    };
    let mut record = ReceivedWebhook {
        id,
        gateway: name.to_owned(),
        event_id: event.event_id.clone(),
        payment_id: payment.id().to_owned(),
        outcome,
        case_id: case_id.clone(),
        received_at: tx.now,
    };
    tx.save(&mut record)?;
    Ok(receipt(event, outcome, Some(payment), case_id))
}

fn receipt(
    event: &WebhookEvent,
    outcome: WebhookOutcome,
    payment: Option<Payment>,
    case_id: Option<String>,
) -> WebhookReceipt {
    WebhookReceipt { event_id: event.event_id.clone(), outcome, payment, case_id }
}

/// Opens the case staff answer `dispute` from (a guest order has no customer to open it for: the
/// dispute is then only in the webhook record). The first message tells the customer, plainly, what
/// their bank reported; the provider's details go in an internal note.
async fn open_dispute_case(
    tx: &mut Tx,
    order: &Order,
    payment: &Payment,
    dispute: &DisputeNotice,
) -> Result<Option<String>, ShopError> {
    let Some(customer_id) = order.customer_id() else { return Ok(None) };
    let number = order.number().as_str();
    let new = NewCase {
        customer_id: customer_id.to_owned(),
        opened_by: CaseActor::System,
        channel: Channel::PaymentProvider,
        subject: format!("Payment disputed: order {number}"),
        description: format!(
            "Your bank told us that you disputed the payment of {} for order {number}. We are looking \
             into it; if something went wrong with the order, reply here and we will put it right.",
            dispute.amount
        ),
        priority: Priority::High,
        category: CaseCategory::Complaint,
        order_id: Some(order.id().to_owned()),
        order_line_ids: Vec::new(),
    };
    let mut case = super::support::open_case_for(tx, new).await?;
    let note = format!(
        "Dispute {} of {} on payment {} (gateway reference {}), reason: {}. Answer it with the order's \
         evidence in the payment provider's dashboard before its deadline.",
        dispute.dispute_reference,
        dispute.amount,
        payment.id(),
        payment.gateway_reference().unwrap_or("-"),
        dispute.reason
    );
    case.add_internal_note(CaseActor::System, note, tx.now)?;
    tx.save(&mut case)?;
    Ok(Some(case.id().to_owned()))
}
