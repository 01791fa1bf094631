//! The payment aggregate: one attempt to collect an order's money through one method, with what was
//! authorized, captured and refunded, its refunds, state, history and events. Its one transition
//! function, [`Payment::apply`], keeps captured <= authorized and refunded <= captured.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::PaymentEvent;
use super::{GatewayErrorCode, GatewayOperation, GatewayResult, PaymentError, PaymentState, PaymentStep};
use super::{PaymentTransition, Refund};
use crate::event::{Actor, RecordedEvent};
use crate::money::{Money, MoneyError};
use crate::order::PaymentMethod;

/// A payment for an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Payment {
    id: String,
    order_id: String,
    order_reference: String,
    method: PaymentMethod,
    amount: Money,
    authorized: Money,
    captured: Money,
    refunded: Money,
    state: PaymentState,
    gateway_reference: Option<String>,
    last_error: Option<GatewayErrorCode>,
    pub(super) refunds: Vec<Refund>,
    history: Vec<PaymentTransition>,
    created_at: Timestamp,
    #[serde(default)]
    events: Vec<RecordedEvent<PaymentEvent>>,
    /// Idempotency keys of the gateway operations already applied, so a repeated call is not counted
    /// twice.
    #[serde(default)]
    applied_keys: Vec<String>,
    /// The gateway call under way whose outcome is not recorded yet (see [`Payment::claimed_by`]).
    #[serde(default)]
    claim: Option<Claim>,
}

/// A gateway call under way on a payment: its idempotency key and when it was claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct Claim {
    key: String,
    at: Timestamp,
}

/// Authorized, captured and refunded, in minor units, as a step would leave them.
#[derive(Debug, Clone, Copy)]
struct Amounts {
    authorized: i64,
    captured: i64,
    refunded: i64,
}

impl Payment {
    /// A pending payment of `amount` (positive) for order `order_id`, whose number `order_reference`
    /// the gateway shows.
    pub fn new(
        order_id: &str,
        order_reference: &str,
        method: PaymentMethod,
        amount: Money,
        at: Timestamp,
    ) -> Result<Payment, PaymentError> {
        if amount.minor() <= 0 {
            return Err(PaymentError::NonPositiveAmount { amount });
        }
        let zero = Money::zero(amount.currency());
        Ok(Payment {
            id: Uuid::now_v7().to_string(),
            order_id: order_id.to_owned(),
            order_reference: order_reference.to_owned(),
            method,
            amount,
            authorized: zero,
            captured: zero,
            refunded: zero,
            state: PaymentState::Pending,
            gateway_reference: None,
            last_error: None,
            refunds: Vec::new(),
            history: Vec::new(),
            created_at: at,
            events: Vec::new(),
            applied_keys: Vec::new(),
            claim: None,
        })
    }

    /// The one transition function: applies `step`, moving to the state it leads to, if the state
    /// machine allows that move and the amounts stay within bounds (positive amounts in the payment's
    /// currency; authorized <= amount; captured <= authorized; refunded <= captured). Records the move
    /// in the history and as an event; a refused step changes nothing. Returns the new state.
    pub fn apply(&mut self, step: PaymentStep, actor: Actor, at: Timestamp) -> Result<PaymentState, PaymentError> {
        let (to, next) = self.check(&step)?;
        self.commit(step, to, next, actor, at);
        Ok(to)
    }

    /// Whether [`Payment::apply`] would accept `step` now, and the state it would lead to.
    pub fn check_step(&self, step: &PaymentStep) -> Result<PaymentState, PaymentError> {
        self.check(step).map(|(to, _)| to)
    }

    /// Applies what a gateway answered to `operation`: the step it means (see
    /// [`PaymentStep::from_result`]), the gateway reference of a payment-opening operation, and the
    /// error code of a refusal. Returns the new state, or `None` when the state did not change.
    pub fn apply_result(
        &mut self,
        operation: GatewayOperation,
        result: &GatewayResult,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        let state = match PaymentStep::from_result(operation, result) {
            Some(step) => Some(self.apply(step, actor, at)?),
            None => None,
        };
        if operation.opens_payment() && self.gateway_reference.is_none() {
            self.gateway_reference = Some(result.gateway_reference.clone());
        }
        self.last_error = result.error;
        Ok(state)
    }

    /// Whether a gateway operation with idempotency key `key` was already applied to this payment.
    pub fn has_applied(&self, key: &str) -> bool {
        self.applied_keys.iter().any(|k| k == key)
    }

    /// The idempotency key of the gateway call this payment waits on: set before the call, kept
    /// while the outcome is open (no answer yet, 3-D Secure under way), cleared once it is known.
    /// While it is set, no other key may open a payment for the order, so two calls racing with
    /// different keys cannot both charge.
    pub fn claimed_by(&self) -> Option<&str> {
        self.claim.as_ref().map(|c| c.key.as_str())
    }

    /// When the open claim was made, if there is one.
    pub fn claimed_at(&self) -> Option<Timestamp> {
        self.claim.as_ref().map(|c| c.at)
    }

    /// Claims the payment for the gateway call under `key`, at `at`.
    pub(crate) fn claim(&mut self, key: &str, at: Timestamp) {
        self.claim = Some(Claim { key: key.to_owned(), at });
    }

    /// Releases the claim: the outcome of the claimed call is known.
    pub(crate) fn release_claim(&mut self) {
        self.claim = None;
    }

    /// Releases the claim if the call under `key` holds it; whether it did.
    pub(crate) fn release_claim_of(&mut self, key: &str) -> bool {
        let held = self.claimed_by() == Some(key);
        if held {
            self.claim = None;
        }
        held
    }

    /// Whether the payment still waits on the gateway's decision to open it (no answer yet, or
    /// 3-D Secure under way).
    pub fn is_opening(&self) -> bool {
        matches!(self.state, PaymentState::Pending | PaymentState::RequiresAction)
    }

    /// Records where a payment taken without a gateway came from (the wallet or gift card id), as
    /// its reference; a reference already known is kept.
    pub(crate) fn note_reference(&mut self, reference: &str) {
        if self.gateway_reference.is_none() {
            self.gateway_reference = Some(reference.to_owned());
        }
    }

    /// Notes that the gateway operation with idempotency key `key` has been applied.
    pub(crate) fn remember_key(&mut self, key: &str) {
        if !self.has_applied(key) {
            self.applied_keys.push(key.to_owned());
        }
    }

    fn check(&self, step: &PaymentStep) -> Result<(PaymentState, Amounts), PaymentError> {
        if let Some(amount) = step.amount() {
            self.same_currency(amount)?;
        }
        let next = self.amounts_after(step);
        let to = target(step, next);
        if !self.state.can_move_to(to) {
            return Err(PaymentError::IllegalTransition { payment_id: self.id.clone(), from: self.state, to });
        }
        self.check_amounts(step, next)?;
        Ok((to, next))
    }

    pub(super) fn same_currency(&self, amount: Money) -> Result<(), PaymentError> {
        if amount.currency() == self.amount.currency() {
            Ok(())
        } else {
            let (left, right) = (self.amount.currency().code(), amount.currency().code());
            Err(MoneyError::CurrencyMismatch { left, right }.into())
        }
    }

    fn amounts_after(&self, step: &PaymentStep) -> Amounts {
        let mut next = Amounts {
            authorized: self.authorized.minor(),
            captured: self.captured.minor(),
            refunded: self.refunded.minor(),
        };
        match step {
            PaymentStep::Authorized { amount } => next.authorized = amount.minor(),
            PaymentStep::Purchased { amount } => (next.authorized, next.captured) = (amount.minor(), amount.minor()),
            PaymentStep::Captured { amount } => next.captured = next.captured.saturating_add(amount.minor()),
            PaymentStep::Refunded { amount, .. } => next.refunded = next.refunded.saturating_add(amount.minor()),
            _ => {}
        }
        next
    }

    fn check_amounts(&self, step: &PaymentStep, next: Amounts) -> Result<(), PaymentError> {
        let Some(amount) = step.amount() else { return Ok(()) };
        if amount.minor() <= 0 {
            return Err(PaymentError::NonPositiveAmount { amount });
        }
        if next.authorized > self.amount.minor() {
            return Err(PaymentError::ExceedsRequested { requested: self.amount, given: amount });
        }
        if next.captured > next.authorized {
            let (authorized, captured, requested) = (self.authorized, self.captured, amount);
            return Err(PaymentError::CaptureExceedsAuthorized { authorized, captured, requested });
        }
        if next.refunded > next.captured {
            let (captured, refunded, requested) = (self.captured, self.refunded, amount);
            return Err(PaymentError::RefundExceedsCaptured { captured, refunded, requested });
        }
        Ok(())
    }

    fn commit(&mut self, step: PaymentStep, to: PaymentState, next: Amounts, actor: Actor, at: Timestamp) {
        let currency = self.amount.currency();
        self.authorized = Money::from_minor(next.authorized, currency);
        self.captured = Money::from_minor(next.captured, currency);
        self.refunded = Money::from_minor(next.refunded, currency);
        if let PaymentStep::Failed { error } = &step {
            self.last_error = *error;
        }
        let event = self.event_for(&step);
        self.history.push(PaymentTransition { at, actor, from: self.state, to, step });
        self.record(event, at);
        self.state = to;
    }

    fn event_for(&self, step: &PaymentStep) -> PaymentEvent {
        let (payment_id, order_id) = (self.id.clone(), self.order_id.clone());
        match step {
            PaymentStep::ActionRequired => PaymentEvent::PaymentActionRequired { payment_id, order_id },
            PaymentStep::Authorized { amount } => {
                PaymentEvent::PaymentAuthorized { payment_id, order_id, amount: *amount }
            }
            PaymentStep::Purchased { amount } | PaymentStep::Captured { amount } => {
                PaymentEvent::PaymentCaptured { payment_id, order_id, amount: *amount, captured_total: self.captured }
            }
            PaymentStep::Refunded { amount, refund_id } => PaymentEvent::PaymentRefunded {
                payment_id,
                order_id,
                refund_id: refund_id.clone(),
                amount: *amount,
                refunded_total: self.refunded,
            },
            PaymentStep::Voided => PaymentEvent::PaymentVoided { payment_id, order_id },
            PaymentStep::Failed { error } => PaymentEvent::PaymentFailed { payment_id, order_id, error: *error },
            PaymentStep::Expired => PaymentEvent::PaymentExpired { payment_id, order_id },
        }
    }

    pub(super) fn record(&mut self, event: PaymentEvent, at: Timestamp) {
        self.events.push(RecordedEvent::new(event, at));
    }

    /// The events recorded since the last call, oldest first, leaving none behind.
    pub fn take_events(&mut self) -> Vec<RecordedEvent<PaymentEvent>> {
        std::mem::take(&mut self.events)
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The order paid for.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The order's number, as sent to the gateway.
    pub fn order_reference(&self) -> &str {
        &self.order_reference
    }

    /// How it is paid.
    pub fn method(&self) -> PaymentMethod {
        self.method
    }

    /// The amount to collect.
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// Reserved so far.
    pub fn authorized(&self) -> Money {
        self.authorized
    }

    /// Taken so far.
    pub fn captured(&self) -> Money {
        self.captured
    }

    /// Given back so far (succeeded refunds).
    pub fn refunded(&self) -> Money {
        self.refunded
    }

    /// The current state.
    pub fn state(&self) -> PaymentState {
        self.state
    }

    /// The gateway's reference, once the gateway has seen the payment; for a wallet or gift-card
    /// payment, the id of the wallet or card it was taken from.
    pub fn gateway_reference(&self) -> Option<&str> {
        self.gateway_reference.as_deref()
    }

    /// The error of the last gateway refusal, cleared by the next result without one.
    pub fn last_error(&self) -> Option<GatewayErrorCode> {
        self.last_error
    }

    /// The refunds requested, oldest first.
    pub fn refunds(&self) -> &[Refund] {
        &self.refunds
    }

    /// Every state change, oldest first.
    pub fn history(&self) -> &[PaymentTransition] {
        &self.history
    }

    /// When the payment was created.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// The events not yet taken.
    pub fn events(&self) -> &[RecordedEvent<PaymentEvent>] {
        &self.events
    }
}

/// The state `step` leads to, given the amounts it leaves.
fn target(step: &PaymentStep, next: Amounts) -> PaymentState {
    match step {
        PaymentStep::ActionRequired => PaymentState::RequiresAction,
        PaymentStep::Authorized { .. } => PaymentState::Authorized,
        PaymentStep::Purchased { .. } => PaymentState::Captured,
        PaymentStep::Captured { .. } if next.captured >= next.authorized => PaymentState::Captured,
        PaymentStep::Captured { .. } => PaymentState::PartiallyCaptured,
        PaymentStep::Refunded { .. } if next.refunded >= next.captured => PaymentState::Refunded,
        PaymentStep::Refunded { .. } => PaymentState::PartiallyRefunded,
        PaymentStep::Voided => PaymentState::Voided,
        PaymentStep::Failed { .. } => PaymentState::Failed,
        PaymentStep::Expired => PaymentState::Expired,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::money::Currency;
    use crate::payment::GatewayStatus;
    use PaymentState::*;

    use crate::test_util::eur;

    use crate::test_util::at;

    fn gateway() -> Actor {
        Actor::Gateway { name: "test".into() }
    }

    fn payment() -> Payment {
        Payment::new("o1", "VT-2026-000001", PaymentMethod::Card, eur(10_000), at(0)).unwrap()
    }

    #[test]
    fn authorize_then_partial_captures_then_refunds() {
        let mut p = payment();
        assert_eq!(p.apply(PaymentStep::Authorized { amount: eur(10_000) }, gateway(), at(1)), Ok(Authorized));
        assert_eq!(p.apply(PaymentStep::Captured { amount: eur(4_000) }, gateway(), at(2)), Ok(PartiallyCaptured));
        assert_eq!(p.apply(PaymentStep::Captured { amount: eur(6_000) }, gateway(), at(3)), Ok(Captured));
        let refund = |amount| PaymentStep::Refunded { amount, refund_id: None };
        assert_eq!(p.apply(refund(eur(2_500)), gateway(), at(4)), Ok(PartiallyRefunded));
        assert_eq!(p.apply(refund(eur(7_500)), gateway(), at(5)), Ok(Refunded));
        assert_eq!((p.authorized(), p.captured(), p.refunded()), (eur(10_000), eur(10_000), eur(10_000)));
        assert_eq!(p.history().len(), 5);
        let last = p.history().last().unwrap();
        assert_eq!((last.from, last.to, last.at, &last.actor), (PartiallyRefunded, Refunded, at(5), &gateway()));
        let kinds: Vec<&str> = p.take_events().iter().map(|e| e.event.kind()).collect();
        assert_eq!(
            kinds,
            ["payment_authorized", "payment_captured", "payment_captured", "payment_refunded", "payment_refunded"]
        );
    }

    #[test]
    fn never_capture_more_than_authorized_nor_refund_more_than_captured() {
        let mut p = payment();
        p.apply(PaymentStep::Authorized { amount: eur(5_000) }, gateway(), at(1)).unwrap();
        let before = p.clone();
        assert_eq!(
            p.apply(PaymentStep::Captured { amount: eur(5_001) }, gateway(), at(2)),
            Err(PaymentError::CaptureExceedsAuthorized {
                authorized: eur(5_000),
                captured: eur(0),
                requested: eur(5_001)
            })
        );
        assert_eq!(p, before);
        p.apply(PaymentStep::Captured { amount: eur(3_000) }, gateway(), at(2)).unwrap();
        let before = p.clone();
        assert_eq!(
            p.apply(PaymentStep::Refunded { amount: eur(3_001), refund_id: None }, gateway(), at(3)),
            Err(PaymentError::RefundExceedsCaptured { captured: eur(3_000), refunded: eur(0), requested: eur(3_001) })
        );
        assert_eq!(p, before);
    }

    #[test]
    fn bad_amounts_and_illegal_moves_are_typed_errors() {
        let mut p = payment();
        let before = p.clone();
        assert!(matches!(
            p.apply(PaymentStep::Authorized { amount: eur(10_001) }, gateway(), at(1)),
            Err(PaymentError::ExceedsRequested { .. })
        ));
        assert!(matches!(
            p.apply(PaymentStep::Authorized { amount: eur(0) }, gateway(), at(1)),
            Err(PaymentError::NonPositiveAmount { .. })
        ));
        let usd = Money::from_minor(100, Currency::USD);
        assert!(matches!(
            p.apply(PaymentStep::Authorized { amount: usd }, gateway(), at(1)),
            Err(PaymentError::Money(_))
        ));
        assert_eq!(
            p.apply(PaymentStep::Voided, gateway(), at(1)),
            Err(PaymentError::IllegalTransition { payment_id: p.id().into(), from: Pending, to: Voided })
        );
        assert_eq!(p, before);
        assert!(Payment::new("o", "r", PaymentMethod::Card, eur(0), at(0)).is_err());
    }

    #[test]
    fn results_set_the_reference_and_errors_and_refused_captures_keep_the_state() {
        let mut p = payment();
        let result = |status, error| GatewayResult {
            status,
            gateway_reference: "gw-9".into(),
            amount: eur(10_000),
            error,
            message: None,
            action: None,
            raw: serde_json::Value::Null,
        };
        let op = GatewayOperation::Authorize;
        assert_eq!(
            p.apply_result(op, &result(GatewayStatus::Authorized, None), gateway(), at(1)),
            Ok(Some(Authorized))
        );
        assert_eq!(p.gateway_reference(), Some("gw-9"));
        let declined = result(GatewayStatus::Failed, Some(GatewayErrorCode::ProcessingError));
        assert_eq!(p.apply_result(GatewayOperation::Capture, &declined, gateway(), at(2)), Ok(None));
        assert_eq!((p.state(), p.last_error()), (Authorized, Some(GatewayErrorCode::ProcessingError)));
        let mut fresh = payment();
        let card_declined = result(GatewayStatus::Failed, Some(GatewayErrorCode::CardDeclined));
        assert_eq!(fresh.apply_result(op, &card_declined, gateway(), at(1)), Ok(Some(Failed)));
        assert!(matches!(
            fresh.take_events()[0].event,
            PaymentEvent::PaymentFailed { error: Some(GatewayErrorCode::CardDeclined), .. }
        ));
    }

    /// The documented table, written out independently of `PaymentState::can_move_to`.
    fn documented(from: PaymentState, to: PaymentState) -> bool {
        const TABLE: &[(PaymentState, &[PaymentState])] = &[
            (Pending, &[RequiresAction, Authorized, Captured, Failed, Expired]),
            (RequiresAction, &[Authorized, Captured, Failed, Expired]),
            (Authorized, &[PartiallyCaptured, Captured, Voided, Expired]),
            (PartiallyCaptured, &[PartiallyCaptured, Captured, PartiallyRefunded, Refunded]),
            (Captured, &[PartiallyRefunded, Refunded]),
            (PartiallyRefunded, &[PartiallyRefunded, Refunded]),
        ];
        TABLE.iter().any(|(f, tos)| *f == from && tos.contains(&to))
    }

    fn any_step() -> impl Strategy<Value = PaymentStep> {
        let amount = || (-100i64..12_000).prop_map(eur);
        prop_oneof![
            Just(PaymentStep::ActionRequired),
            amount().prop_map(|amount| PaymentStep::Authorized { amount }),
            amount().prop_map(|amount| PaymentStep::Purchased { amount }),
            amount().prop_map(|amount| PaymentStep::Captured { amount }),
            amount().prop_map(|amount| PaymentStep::Captured { amount }),
            amount().prop_map(|amount| PaymentStep::Refunded { amount, refund_id: None }),
            amount().prop_map(|amount| PaymentStep::Refunded { amount, refund_id: None }),
            Just(PaymentStep::Voided),
            Just(PaymentStep::Failed { error: None }),
            Just(PaymentStep::Expired),
        ]
    }

    proptest! {
        #[test]
        fn random_steps_keep_every_invariant(steps in proptest::collection::vec(any_step(), 0..40)) {
            let mut p = payment();
            let mut accepted = 0;
            for (n, step) in steps.into_iter().enumerate() {
                let before = p.clone();
                match p.apply(step, gateway(), at(n as i64)) {
                    Ok(to) => {
                        accepted += 1;
                        prop_assert!(documented(before.state(), to), "{:?} -> {to:?}", before.state());
                        prop_assert_eq!(p.state(), to);
                    }
                    Err(_) => prop_assert_eq!(&p, &before),
                }
                prop_assert_eq!(p.history().len(), accepted);
                prop_assert!(p.captured().minor() <= p.authorized().minor());
                prop_assert!(p.refunded().minor() <= p.captured().minor());
                prop_assert!(p.authorized().minor() <= p.amount().minor());
                prop_assert!(p.refunded().minor() >= 0);
            }
            for step in p.history() {
                prop_assert!(documented(step.from, step.to));
            }
        }
    }
}
