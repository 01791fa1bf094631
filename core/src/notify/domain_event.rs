//! The union of every aggregate's events as the outbox stores them: one JSON object tagged by `type`,
//! so a notification outbox, a shop's webhook endpoint and every binding read the same JSON.

use serde::{Deserialize, Serialize};

use crate::event::RecordedEvent;
use crate::inventory::InventoryEvent;
use crate::order::OrderEvent;
use crate::payment::{GiftCardEvent, PaymentEvent, WalletEvent};
use crate::returns::ReturnEvent;
use crate::shipping::ShipmentEvent;
use crate::support::CaseEvent;

/// Something that happened to an order, a payment, a wallet, a gift card, a shipment, a support case,
/// a return or stock. Serialised as the aggregate's own event (tagged by `type`, every tag distinct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum DomainEvent {
    /// Something that happened to an order.
    Order(OrderEvent),
    /// Something that happened to a payment or one of its refunds.
    Payment(PaymentEvent),
    /// Something that happened to a customer's wallet.
    Wallet(WalletEvent),
    /// Something that happened to a gift card.
    GiftCard(GiftCardEvent),
    /// Something that happened to a shipment.
    Shipment(ShipmentEvent),
    /// Something that happened to a support case.
    Case(CaseEvent),
    /// Something that happened to a return.
    Return(ReturnEvent),
    /// Something that happened to stock.
    Inventory(InventoryEvent),
}

impl DomainEvent {
    /// The event's `type` as serialised (`order_placed`, `payment_captured`, ...), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::Order(e) => e.kind(),
            DomainEvent::Payment(e) => e.kind(),
            DomainEvent::Wallet(e) => e.kind(),
            DomainEvent::GiftCard(e) => e.kind(),
            DomainEvent::Shipment(e) => e.kind(),
            DomainEvent::Case(e) => e.kind(),
            DomainEvent::Return(e) => e.kind(),
            DomainEvent::Inventory(e) => e.kind(),
        }
    }
}

impl From<OrderEvent> for DomainEvent {
    fn from(e: OrderEvent) -> DomainEvent {
        DomainEvent::Order(e)
    }
}

impl From<PaymentEvent> for DomainEvent {
    fn from(e: PaymentEvent) -> DomainEvent {
        DomainEvent::Payment(e)
    }
}

impl From<WalletEvent> for DomainEvent {
    fn from(e: WalletEvent) -> DomainEvent {
        DomainEvent::Wallet(e)
    }
}

impl From<GiftCardEvent> for DomainEvent {
    fn from(e: GiftCardEvent) -> DomainEvent {
        DomainEvent::GiftCard(e)
    }
}

impl From<ShipmentEvent> for DomainEvent {
    fn from(e: ShipmentEvent) -> DomainEvent {
        DomainEvent::Shipment(e)
    }
}

impl From<CaseEvent> for DomainEvent {
    fn from(e: CaseEvent) -> DomainEvent {
        DomainEvent::Case(e)
    }
}

impl From<ReturnEvent> for DomainEvent {
    fn from(e: ReturnEvent) -> DomainEvent {
        DomainEvent::Return(e)
    }
}

impl From<InventoryEvent> for DomainEvent {
    fn from(e: InventoryEvent) -> DomainEvent {
        DomainEvent::Inventory(e)
    }
}

/// Every aggregate's recorded events as the outbox's union: `order.take_events()` and the like, mixed.
pub fn outbox_events<E: Into<DomainEvent>>(events: Vec<RecordedEvent<E>>) -> Vec<RecordedEvent<DomainEvent>> {
    events.into_iter().map(RecordedEvent::widen).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Actor, RecordedEvent};

    use crate::order::{OrderState, PaymentMethod, PaymentReminder, Rebalance};
    use crate::payment::GatewayErrorCode;
    use crate::returns::ReturnState;
    use crate::shipping::ShipmentState;

    use crate::test_util::eur;

    fn samples() -> Vec<DomainEvent> {
        let ids = || ("p1".to_owned(), "o1".to_owned());
        let (payment_id, order_id) = ids();
        vec![
            OrderEvent::OrderPlaced {
                order_id: order_id.clone(),
                order_number: "VT-2026-000001".into(),
                customer_id: None,
                email: "a@b.example".into(),
                total: eur(1000),
                payment_method: PaymentMethod::Card,
            }
            .into(),
            OrderEvent::OrderStateChanged {
                order_id: order_id.clone(),
                from: OrderState::PendingPayment,
                to: OrderState::Paid,
                actor: Actor::System,
            }
            .into(),
            OrderEvent::OrderEdited {
                order_id: order_id.clone(),
                previous_total: eur(1000),
                new_total: eur(800),
                rebalance: Rebalance::RefundOwed { amount: eur(200) },
            }
            .into(),
            PaymentEvent::PaymentActionRequired { payment_id: payment_id.clone(), order_id: order_id.clone() }.into(),
            PaymentEvent::PaymentAuthorized {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                amount: eur(5),
            }
            .into(),
            PaymentEvent::PaymentCaptured {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                amount: eur(5),
                captured_total: eur(5),
            }
            .into(),
            PaymentEvent::PaymentRefunded {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                refund_id: Some("r1".into()),
                amount: eur(1),
                refunded_total: eur(1),
            }
            .into(),
            PaymentEvent::PaymentVoided { payment_id: payment_id.clone(), order_id: order_id.clone() }.into(),
            PaymentEvent::PaymentFailed {
                payment_id: payment_id.clone(),
                order_id: order_id.clone(),
                error: Some(GatewayErrorCode::CardDeclined),
            }
            .into(),
            PaymentEvent::PaymentExpired { payment_id: payment_id.clone(), order_id: order_id.clone() }.into(),
            PaymentEvent::RefundFailed {
                payment_id,
                order_id: order_id.clone(),
                refund_id: "r1".into(),
                amount: eur(1),
                error: None,
            }
            .into(),
            ShipmentEvent::ShipmentStateChanged {
                shipment_id: "s1".into(),
                order_id: order_id.clone(),
                from: ShipmentState::Pending,
                to: ShipmentState::LabelCreated,
                actor: Actor::Courier { name: "test".into() },
            }
            .into(),
            ShipmentEvent::CashOnDeliveryCollected {
                shipment_id: "s1".into(),
                order_id,
                amount: eur(1000),
                actor: Actor::Courier { name: "own-fleet/driver-7".into() },
            }
            .into(),
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
            OrderEvent::OrderPaymentReceived {
                order_id: order_id.clone(),
                method: PaymentMethod::BankTransfer,
                amount: eur(400),
                balance: Rebalance::AmountDue { amount: eur(600) },
            }
            .into(),
            OrderEvent::OrderPaymentRefunded {
                order_id: order_id.clone(),
                method: PaymentMethod::GiftCard,
                amount: eur(100),
                balance: Rebalance::Settled,
            }
            .into(),
            OrderEvent::PaymentReminderDue {
                order_id: order_id.clone(),
                reminder: PaymentReminder::FinalNotice,
                amount_due: eur(600),
                cancel_at: "2026-03-15T10:00:00Z".parse().unwrap(),
            }
            .into(),
            WalletEvent::WalletCredited {
                wallet_id: wallet_id.clone(),
                customer_id: "c1".into(),
                order_id: None,
                amount: eur(500),
                balance: eur(500),
            }
            .into(),
            WalletEvent::WalletDebited {
                wallet_id,
                customer_id: "c1".into(),
                order_id: order_id.clone(),
                amount: eur(200),
                balance: eur(300),
            }
            .into(),
            GiftCardEvent::GiftCardIssued {
                gift_card_id: card_id.clone(),
                masked_code: "****-****-****-7K2Q".into(),
                amount: eur(5000),
                expires_at: None,
            }
            .into(),
            GiftCardEvent::GiftCardRedeemed {
                gift_card_id: card_id.clone(),
                order_id: order_id.clone(),
                amount: eur(1000),
                balance: eur(4000),
            }
            .into(),
            CaseEvent::SupportReplyPosted {
                case_id: "k1".into(),
                message_id: "m1".into(),
                customer_id: "c1".into(),
                agent_id: "maria".into(),
            }
            .into(),
            ReturnEvent::ReturnStateChanged {
                return_id: "r1".into(),
                order_id: order_id.clone(),
                from: ReturnState::Requested,
                to: ReturnState::Approved,
                actor: Actor::Staff { id: "ana".into() },
            }
            .into(),
            GiftCardEvent::GiftCardRefunded { gift_card_id: card_id, order_id, amount: eur(1000), balance: eur(5000) }
                .into(),
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
        assert_eq!(serde_json::from_str::<RecordedEvent<DomainEvent>>(&json).unwrap(), a);
    }
}
