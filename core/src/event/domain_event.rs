//! The events of the order, payment, shipment, support and return lifecycles, as one serde enum tagged by `type`, so a
//! notification outbox, a shop's webhook endpoint and every binding read the same JSON.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Actor;
use crate::money::Money;
use crate::order::{OrderState, Rebalance};
use crate::payment::{ErrorCode, PaymentMethod, PaymentReminder};
use crate::returns::ReturnState;
use crate::shipping::ShipmentState;

/// Something that happened to an order, a payment, a shipment, a support case or a return.
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
    /// A shipment moved from one state to another.
    ShipmentStateChanged {
        /// The shipment.
        shipment_id: String,
        /// Its order.
        order_id: String,
        /// The state before.
        from: ShipmentState,
        /// The state after.
        to: ShipmentState,
        /// Who moved it.
        actor: Actor,
    },
    /// The courier collected cash on delivery; the payment side confirms it against the order.
    CashOnDeliveryCollected {
        /// The shipment delivered.
        shipment_id: String,
        /// Its order.
        order_id: String,
        /// The cash collected.
        amount: Money,
        /// Who collected it.
        actor: Actor,
    },
    /// Money for an order was received (a capture, a bank transfer, cash collected, a gift card or
    /// wallet debit).
    OrderPaymentReceived {
        /// The order.
        order_id: String,
        /// How it was paid.
        method: PaymentMethod,
        /// The amount received.
        amount: Money,
        /// What is left to settle afterwards.
        balance: Rebalance,
    },
    /// Money received for an order was given back to the shopper.
    OrderPaymentRefunded {
        /// The order.
        order_id: String,
        /// The method the money went back to.
        method: PaymentMethod,
        /// The amount given back.
        amount: Money,
        /// What is left to settle afterwards.
        balance: Rebalance,
    },
    /// An unpaid order is due a payment reminder (bank transfers).
    PaymentReminderDue {
        /// The order.
        order_id: String,
        /// Which reminder.
        reminder: PaymentReminder,
        /// What the shopper still owes.
        amount_due: Money,
        /// When the order is cancelled if still unpaid.
        cancel_at: Timestamp,
    },
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
    /// A support agent answered a case with a reply the customer sees.
    SupportReplyPosted {
        /// The case.
        case_id: String,
        /// The reply's message id on the case.
        message_id: String,
        /// The customer the case belongs to.
        customer_id: String,
        /// The answering agent's staff id.
        agent_id: String,
    },
    /// A return (RMA) moved from one state to another.
    ReturnStateChanged {
        /// The return.
        return_id: String,
        /// Its order.
        order_id: String,
        /// The state before.
        from: ReturnState,
        /// The state after.
        to: ReturnState,
        /// Who moved it.
        actor: Actor,
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
            DomainEvent::ShipmentStateChanged { .. } => "shipment_state_changed",
            DomainEvent::CashOnDeliveryCollected { .. } => "cash_on_delivery_collected",
            DomainEvent::OrderPaymentReceived { .. } => "order_payment_received",
            DomainEvent::OrderPaymentRefunded { .. } => "order_payment_refunded",
            DomainEvent::PaymentReminderDue { .. } => "payment_reminder_due",
            DomainEvent::WalletCredited { .. } => "wallet_credited",
            DomainEvent::WalletDebited { .. } => "wallet_debited",
            DomainEvent::GiftCardIssued { .. } => "gift_card_issued",
            DomainEvent::SupportReplyPosted { .. } => "support_reply_posted",
            DomainEvent::ReturnStateChanged { .. } => "return_state_changed",
            DomainEvent::GiftCardRedeemed { .. } => "gift_card_redeemed",
            DomainEvent::GiftCardRefunded { .. } => "gift_card_refunded",
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
            DomainEvent::RefundFailed {
                payment_id,
                order_id: order_id.clone(),
                refund_id: "r1".into(),
                amount: eur(1),
                error: None,
            },
            DomainEvent::ShipmentStateChanged {
                shipment_id: "s1".into(),
                order_id: order_id.clone(),
                from: ShipmentState::Pending,
                to: ShipmentState::LabelCreated,
                actor: Actor::Courier { name: "test".into() },
            },
            DomainEvent::CashOnDeliveryCollected {
                shipment_id: "s1".into(),
                order_id,
                amount: eur(1000),
                actor: Actor::Courier { name: "own-fleet/driver-7".into() },
            },
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

    fn money_movement_samples() -> Vec<DomainEvent> {
        let (order_id, wallet_id, card_id) = ("o1".to_owned(), "w1".to_owned(), "g1".to_owned());
        vec![
            DomainEvent::OrderPaymentReceived {
                order_id: order_id.clone(),
                method: PaymentMethod::BankTransfer,
                amount: eur(400),
                balance: Rebalance::AmountDue { amount: eur(600) },
            },
            DomainEvent::OrderPaymentRefunded {
                order_id: order_id.clone(),
                method: PaymentMethod::GiftCard,
                amount: eur(100),
                balance: Rebalance::Settled,
            },
            DomainEvent::PaymentReminderDue {
                order_id: order_id.clone(),
                reminder: PaymentReminder::FinalNotice,
                amount_due: eur(600),
                cancel_at: "2026-03-15T10:00:00Z".parse().unwrap(),
            },
            DomainEvent::WalletCredited {
                wallet_id: wallet_id.clone(),
                customer_id: "c1".into(),
                order_id: None,
                amount: eur(500),
                balance: eur(500),
            },
            DomainEvent::WalletDebited {
                wallet_id,
                customer_id: "c1".into(),
                order_id: order_id.clone(),
                amount: eur(200),
                balance: eur(300),
            },
            DomainEvent::GiftCardIssued {
                gift_card_id: card_id.clone(),
                masked_code: "****-****-****-7K2Q".into(),
                amount: eur(5000),
                expires_at: None,
            },
            DomainEvent::GiftCardRedeemed {
                gift_card_id: card_id.clone(),
                order_id: order_id.clone(),
                amount: eur(1000),
                balance: eur(4000),
            },
            DomainEvent::SupportReplyPosted {
                case_id: "k1".into(),
                message_id: "m1".into(),
                customer_id: "c1".into(),
                agent_id: "maria".into(),
            },
            DomainEvent::ReturnStateChanged {
                return_id: "r1".into(),
                order_id: order_id.clone(),
                from: ReturnState::Requested,
                to: ReturnState::Approved,
                actor: Actor::Staff { id: "ana".into() },
            },
            DomainEvent::GiftCardRefunded { gift_card_id: card_id, order_id, amount: eur(1000), balance: eur(5000) },
        ]
    }

    #[test]
    fn money_movement_events_round_trip_with_their_kind() {
        for event in money_movement_samples() {
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
