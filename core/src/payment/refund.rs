//! Refunds of a payment, each with its own small state machine (pending -> succeeded | failed). A
//! refund is requested first, reserving its amount so refunds in flight never add up to more than was
//! captured, then settled with the gateway's outcome; only a succeeded refund moves the payment.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::PaymentEvent;
use super::{GatewayErrorCode, Payment, PaymentError, PaymentStep};
use crate::event::Actor;
use crate::money::Money;

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundState {
    /// Requested; its amount is reserved.
    Pending,
    /// Final: the money went back to the shopper.
    Succeeded,
    /// Final: the gateway refused; nothing went back.
    Failed,
}

impl RefundState {
    /// Whether the refund machine allows moving from `self` to `to`: only out of `pending`.
    pub fn can_move_to(self, to: RefundState) -> bool {
        self == RefundState::Pending && to != RefundState::Pending
    }
}

/// What the gateway said about a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefundOutcome {
    /// The money went back.
    Succeeded {
        /// The gateway's reference of the refund.
        gateway_reference: String,
    },
    /// The gateway refused.
    Failed {
        /// The normalised reason.
        error: Option<GatewayErrorCode>,
    },
}

/// One recorded move of a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundTransition {
    /// When.
    pub at: Timestamp,
    /// Who.
    pub actor: Actor,
    /// The state before.
    pub from: RefundState,
    /// The state after.
    pub to: RefundState,
}

/// A refund of (part of) a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Refund {
    /// Unique id (UUIDv7 string).
    pub id: String,
    /// The amount to give back.
    pub amount: Money,
    /// Why, for the shopper and the gateway's dashboard.
    pub reason: Option<String>,
    /// The key this refund was requested with; a repeat with it returns this refund.
    pub idempotency_key: String,
    /// Where it stands.
    pub state: RefundState,
    /// The gateway's reference, once it succeeded.
    pub gateway_reference: Option<String>,
    /// The gateway's reason, when it failed.
    pub error: Option<GatewayErrorCode>,
    /// When and by whom it was requested.
    pub requested_at: Timestamp,
    /// Who requested it.
    pub requested_by: Actor,
    /// Every state change.
    pub history: Vec<RefundTransition>,
}

impl Payment {
    /// Requests a refund of `amount` and returns its id; the amount is reserved until settled. A
    /// repeat with the same `idempotency_key` and amount returns the same refund; with another amount
    /// it is an error. Refused unless money was captured and `amount` fits what is not yet refunded or
    /// in flight.
    pub fn request_refund(
        &mut self,
        amount: Money,
        reason: Option<String>,
        idempotency_key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<String, PaymentError> {
        if let Some(existing) = self.refunds.iter().find(|r| r.idempotency_key == idempotency_key) {
            if existing.amount != amount {
                return Err(PaymentError::RefundKeyReused { key: idempotency_key.to_owned() });
            }
            return Ok(existing.id.clone());
        }
        self.check_refundable(amount)?;
        let refund = Refund {
            id: Uuid::now_v7().to_string(),
            amount,
            reason,
            idempotency_key: idempotency_key.to_owned(),
            state: RefundState::Pending,
            gateway_reference: None,
            error: None,
            requested_at: at,
            requested_by: actor,
            history: Vec::new(),
        };
        let id = refund.id.clone();
        self.refunds.push(refund);
        Ok(id)
    }

    /// Settles refund `refund_id` with the gateway's `outcome`: a success applies the refund to the
    /// payment ([`PaymentStep::Refunded`]), a failure records `refund_failed`. Only a pending refund
    /// can be settled; a refused settlement changes nothing.
    pub fn settle_refund(
        &mut self,
        refund_id: &str,
        outcome: RefundOutcome,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), PaymentError> {
        let index = self.refunds.iter().position(|r| r.id == refund_id);
        let index = index.ok_or_else(|| PaymentError::UnknownRefund { refund_id: refund_id.to_owned() })?;
        let (from, amount) = (self.refunds[index].state, self.refunds[index].amount);
        let to = match outcome {
            RefundOutcome::Succeeded { .. } => RefundState::Succeeded,
            RefundOutcome::Failed { .. } => RefundState::Failed,
        };
        if !from.can_move_to(to) {
            return Err(PaymentError::IllegalRefundTransition { refund_id: refund_id.to_owned(), from, to });
        }
        match &outcome {
            RefundOutcome::Succeeded { .. } => {
                let step = PaymentStep::Refunded { amount, refund_id: Some(refund_id.to_owned()) };
                self.apply(step, actor.clone(), at)?;
            }
            RefundOutcome::Failed { error } => self.record(self.refund_failed(refund_id, amount, *error), at),
        }
        self.refunds[index].settle(outcome, actor, at);
        Ok(())
    }

    /// Refunds requested and not yet settled.
    pub fn pending_refunds(&self) -> Money {
        let minor = self.refunds.iter().filter(|r| r.state == RefundState::Pending).map(|r| r.amount.minor()).sum();
        Money::from_minor(minor, self.amount().currency())
    }

    fn check_refundable(&self, amount: Money) -> Result<(), PaymentError> {
        if !self.state().is_refundable() {
            return Err(PaymentError::NotRefundable { payment_id: self.id().to_owned(), state: self.state() });
        }
        self.same_currency(amount)?;
        if amount.minor() <= 0 {
            return Err(PaymentError::NonPositiveAmount { amount });
        }
        let committed = self.refunded().checked_add(&self.pending_refunds())?;
        if committed.checked_add(&amount)?.minor() > self.captured().minor() {
            return Err(PaymentError::RefundExceedsCaptured {
                captured: self.captured(),
                refunded: committed,
                requested: amount,
            });
        }
        Ok(())
    }

    fn refund_failed(&self, refund_id: &str, amount: Money, error: Option<GatewayErrorCode>) -> PaymentEvent {
        PaymentEvent::RefundFailed {
            payment_id: self.id().to_owned(),
            order_id: self.order_id().to_owned(),
            refund_id: refund_id.to_owned(),
            amount,
            error,
        }
    }
}

impl Refund {
    fn settle(&mut self, outcome: RefundOutcome, actor: Actor, at: Timestamp) {
        let from = self.state;
        self.state = match outcome {
            RefundOutcome::Succeeded { gateway_reference } => {
                self.gateway_reference = Some(gateway_reference);
                RefundState::Succeeded
            }
            RefundOutcome::Failed { error } => {
                self.error = error;
                RefundState::Failed
            }
        };
        self.history.push(RefundTransition { at, actor, from, to: self.state });
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::money::Currency;
    use crate::order::PaymentMethod;
    use crate::payment::PaymentState;

    use crate::test_util::eur;

    use crate::test_util::at;

    fn staff() -> Actor {
        Actor::Staff { id: "ivan".into() }
    }

    fn captured(minor: i64) -> Payment {
        let mut p = Payment::new("o1", "VT-2026-000001", PaymentMethod::Card, eur(minor), at(0)).unwrap();
        p.apply(PaymentStep::Purchased { amount: eur(minor) }, Actor::System, at(1)).unwrap();
        p
    }

    fn ok() -> RefundOutcome {
        RefundOutcome::Succeeded { gateway_reference: "re_1".into() }
    }

    #[test]
    fn a_succeeded_refund_moves_the_payment_and_records_both_histories() {
        let mut p = captured(5_000);
        let id = p.request_refund(eur(2_000), Some("damaged".into()), "rk1", staff(), at(2)).unwrap();
        assert_eq!((p.state(), p.pending_refunds()), (PaymentState::Captured, eur(2_000)));
        p.settle_refund(&id, ok(), Actor::Gateway { name: "test".into() }, at(3)).unwrap();
        assert_eq!(
            (p.state(), p.refunded(), p.pending_refunds()),
            (PaymentState::PartiallyRefunded, eur(2_000), eur(0))
        );
        let refund = &p.refunds()[0];
        assert_eq!((refund.state, refund.gateway_reference.as_deref()), (RefundState::Succeeded, Some("re_1")));
        assert_eq!(refund.history.len(), 1);
        let event = &p.events().last().unwrap().event;
        assert!(matches!(event, PaymentEvent::PaymentRefunded { refund_id: Some(r), .. } if *r == id));
    }

    #[test]
    fn a_failed_refund_changes_only_the_refund_and_frees_its_reservation() {
        let mut p = captured(5_000);
        let id = p.request_refund(eur(5_000), None, "rk1", staff(), at(2)).unwrap();
        assert!(matches!(
            p.request_refund(eur(1), None, "rk2", staff(), at(2)),
            Err(PaymentError::RefundExceedsCaptured { .. })
        ));
        let failed = RefundOutcome::Failed { error: Some(GatewayErrorCode::ProcessingError) };
        p.settle_refund(&id, failed, Actor::System, at(3)).unwrap();
        assert_eq!((p.state(), p.refunded()), (PaymentState::Captured, eur(0)));
        assert!(matches!(p.events().last().unwrap().event, PaymentEvent::RefundFailed { .. }));
        assert!(p.request_refund(eur(5_000), None, "rk3", staff(), at(4)).is_ok());
    }

    #[test]
    fn repeats_replay_reused_keys_and_settled_refunds_are_refused() {
        let mut p = captured(5_000);
        let id = p.request_refund(eur(1_000), None, "rk1", staff(), at(2)).unwrap();
        assert_eq!(p.request_refund(eur(1_000), None, "rk1", staff(), at(3)), Ok(id.clone()));
        assert_eq!(p.refunds().len(), 1);
        assert_eq!(
            p.request_refund(eur(1_001), None, "rk1", staff(), at(3)),
            Err(PaymentError::RefundKeyReused { key: "rk1".into() })
        );
        p.settle_refund(&id, ok(), Actor::System, at(4)).unwrap();
        let before = p.clone();
        assert_eq!(
            p.settle_refund(&id, ok(), Actor::System, at(5)),
            Err(PaymentError::IllegalRefundTransition {
                refund_id: id,
                from: RefundState::Succeeded,
                to: RefundState::Succeeded
            })
        );
        assert_eq!(
            p.settle_refund("nope", ok(), Actor::System, at(5)),
            Err(PaymentError::UnknownRefund { refund_id: "nope".into() })
        );
        assert_eq!(p, before);
    }

    #[test]
    fn nothing_to_refund_before_capture() {
        let mut p = Payment::new("o1", "r", PaymentMethod::Card, eur(100), at(0)).unwrap();
        assert!(matches!(p.request_refund(eur(1), None, "k", staff(), at(1)), Err(PaymentError::NotRefundable { .. })));
        let mut p = captured(100);
        assert!(matches!(
            p.request_refund(eur(0), None, "k", staff(), at(1)),
            Err(PaymentError::NonPositiveAmount { .. })
        ));
        let usd = Money::from_minor(1, Currency::USD);
        assert!(matches!(p.request_refund(usd, None, "k", staff(), at(1)), Err(PaymentError::Money(_))));
    }

    #[test]
    fn refund_state_machine() {
        use RefundState::*;
        assert!(Pending.can_move_to(Succeeded) && Pending.can_move_to(Failed));
        for from in [Succeeded, Failed] {
            assert!([Pending, Succeeded, Failed].iter().all(|&to| !from.can_move_to(to)));
        }
        assert!(!Pending.can_move_to(Pending));
    }

    proptest! {
        #[test]
        fn refunds_in_any_order_never_exceed_what_was_captured(
            requests in proptest::collection::vec((1i64..3_000, any::<bool>()), 0..20),
        ) {
            let mut p = captured(5_000);
            for (n, (minor, succeeds)) in requests.into_iter().enumerate() {
                let Ok(id) = p.request_refund(eur(minor), None, &format!("k{n}"), staff(), at(n as i64)) else { continue };
                let outcome = if succeeds { ok() } else { RefundOutcome::Failed { error: None } };
                p.settle_refund(&id, outcome, Actor::System, at(n as i64)).unwrap();
                prop_assert!(p.refunded().minor() + p.pending_refunds().minor() <= p.captured().minor());
            }
            let succeeded: i64 = p.refunds().iter().filter(|r| r.state == RefundState::Succeeded).map(|r| r.amount.minor()).sum();
            prop_assert_eq!(succeeded, p.refunded().minor());
        }
    }
}
