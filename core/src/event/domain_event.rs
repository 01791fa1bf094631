//! The events of the order and payment lifecycles, as one serde enum tagged by `type`, so a
//! notification outbox, a shop's webhook endpoint and every binding read the same JSON.

use serde::{Deserialize, Serialize};

use super::Actor;
use crate::money::Money;
use crate::order::{OrderState, Rebalance};
use crate::payment::{ErrorCode, PaymentMethod};

/// Something that happened to an order or a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DomainEvent {
    /// A checkout became an order.
    OrderPlaced {
        /// The order.
        order_id: String,
        /// Its human-friendly number (`VT-2026-000123`).
        order_number: String,
        /// The customer, `None` for a guest.
        customer_id: Option<String>,
        /// Where confirmations go.
        email: String,
        /// The grand total.
        total: Money,
        /// How the shopper chose to pay.
        payment_method: PaymentMethod,
    },
    /// An order moved from one state to another.
    OrderStateChanged {
        /// The order.
        order_id: String,
        /// The state before.
        from: OrderState,
        /// The state after.
        to: OrderState,
        /// Who moved it.
        actor: Actor,
    },
    /// A back-office edit re-priced an order.
    OrderEdited {
        /// The order.
        order_id: String,
        /// The grand total before the edit.
        previous_total: Money,
        /// The grand total after the edit.
        new_total: Money,
        /// What the shopper owes or is owed now.
        rebalance: Rebalance,
    },
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
        error: Option<ErrorCode>,
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
        error: Option<ErrorCode>,
    },
}

impl DomainEvent {
    /// The event's `type` as serialised (`order_placed`, `payment_captured`, ...), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::OrderPlaced { .. } => "order_placed",
            DomainEvent::OrderStateChanged { .. } => "order_state_changed",
            DomainEvent::OrderEdited { .. } => "order_edited",
            DomainEvent::PaymentActionRequired { .. } => "payment_action_required",
            DomainEvent::PaymentAuthorized { .. } => "payment_authorized",
            DomainEvent::PaymentCaptured { .. } => "payment_captured",
            DomainEvent::PaymentRefunded { .. } => "payment_refunded",
            DomainEvent::PaymentVoided { .. } => "payment_voided",
            DomainEvent::PaymentFailed { .. } => "payment_failed",
            DomainEvent::PaymentExpired { .. } => "payment_expired",
            DomainEvent::RefundFailed { .. } => "refund_failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::RecordedEvent;
    use crate::money::Currency;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn samples() -> Vec<DomainEvent> {
        let ids = || ("p1".to_owned(), "o1".to_owned());
        let (payment_id, order_id) = ids();
        vec![
            DomainEvent::OrderPlaced {
                order_id: order_id.clone(),
                order_number: "VT-2026-000001".into(),
                customer_id: None,
                email: "a@b.example".into(),
                total: eur(1000),
                payment_method: PaymentMethod::Card,
            },
            DomainEvent::OrderStateChanged {
                order_id: order_id.clone(),
                from: OrderState::PendingPayment,
                to: OrderState::Paid,
                actor: Actor::System,
            },
            DomainEvent::OrderEdited {
                order_id: order_id.clone(),
                previous_total: eur(1000),
                new_total: eur(800),
                rebalance: Rebalance::RefundOwed { amount: eur(200) },
            },
            DomainEvent::PaymentActionRequired { payment_id: payment_id.clone(), order_id: order_id.clone() },
            DomainEvent::PaymentAuthorized {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                amount: eur(5),
            },
            DomainEvent::PaymentCaptured {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                amount: eur(5),
                captured_total: eur(5),
            },
            DomainEvent::PaymentRefunded {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                refund_id: Some("r1".into()),
                amount: eur(1),
                refunded_total: eur(1),
            },
            DomainEvent::PaymentVoided { payment_id: payment_id.clone(), order_id: order_id.clone() },
            DomainEvent::PaymentFailed {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                error: Some(ErrorCode::CardDeclined),
            },
            DomainEvent::PaymentExpired { payment_id: payment_id.clone(), order_id: order_id.clone() },
            DomainEvent::RefundFailed { payment_id, order_id, refund_id: "r1".into(), amount: eur(1), error: None },
        ]
    }

    #[test]
    fn every_event_round_trips_and_its_type_tag_is_its_kind() {
        for event in samples() {
            let json = serde_json::to_value(&event).unwrap();
            assert_eq!(json["type"], event.kind(), "{json}");
            assert_eq!(serde_json::from_value::<DomainEvent>(json).unwrap(), event);
        }
    }

    #[test]
    fn recorded_events_get_distinct_v7_ids_and_keep_their_time() {
        let at: jiff::Timestamp = "2026-03-01T10:00:00Z".parse().unwrap();
        let a = RecordedEvent::new(samples().remove(0), at);
        let b = RecordedEvent::new(samples().remove(0), at);
        assert_ne!(a.id, b.id);
        assert_eq!(uuid::Uuid::parse_str(&a.id).unwrap().get_version_num(), 7);
        assert_eq!(a.at, at);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<RecordedEvent>(&json).unwrap(), a);
    }
}
