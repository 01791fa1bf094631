//! Bringing a stored payment up to what a verified webhook reports. Webhooks repeat, arrive out of
//! order and often tell what a gateway call already answered, so only the difference is applied.
//!
//! What a [`WebhookEvent`]'s result means, by status:
//!
//! | status            | `amount`                              | applied to the payment                      |
//! |-------------------|---------------------------------------|---------------------------------------------|
//! | `requires_action` | the payment's                          | `pending` -> `requires_action`              |
//! | `authorized`      | what is reserved                       | an opening payment is authorized            |
//! | `captured`        | everything taken so far (a running total) | an opening payment is purchased; an authorized one captures the difference |
//! | `refunded`        | this refund (with `refund_reference`)  | the refund Vitrina asked for succeeds; one made at the gateway is recorded |
//! | `failed`          | the payment's (or the refund's)        | an opening payment fails; a pending refund fails |
//! | `voided`          | the payment's                          | an authorized payment is voided; an opening one expires |
//! | `expired`         | the payment's                          | an opening or authorized payment expires    |
//! | `pending`         | -                                      | nothing                                     |
//!
//! Anything the payment already reflects (or has moved past) changes nothing.

use jiff::Timestamp;

use super::{GatewayResult, GatewayStatus, Payment, PaymentError, PaymentState, PaymentStep, WebhookEvent};
use super::{Refund, RefundOutcome, RefundState};
use crate::event::Actor;
use crate::money::Money;

impl Payment {
    /// Applies what `event` reports that the payment does not reflect yet (see the module's table),
    /// as `actor` (the gateway) at `at`. Returns whether anything changed. An amount in another
    /// currency, or beyond what the payment allows, is an error and changes nothing.
    pub fn reconcile(&mut self, event: &WebhookEvent, actor: Actor, at: Timestamp) -> Result<bool, PaymentError> {
        let result = &event.result;
        self.same_currency(result.amount)?;
        if let Some(reference) = &event.refund_reference {
            return self.reconcile_refund(reference, result, actor, at);
        }
        let opening = matches!(self.state(), PaymentState::Pending | PaymentState::RequiresAction);
        let step = match result.status {
            GatewayStatus::Pending => None,
            GatewayStatus::RequiresAction if self.state() == PaymentState::Pending => Some(PaymentStep::ActionRequired),
            GatewayStatus::RequiresAction => None,
            GatewayStatus::Authorized if opening => Some(PaymentStep::Authorized { amount: result.amount }),
            GatewayStatus::Authorized => None,
            GatewayStatus::Captured => self.capture_step(opening, result.amount)?,
            GatewayStatus::Refunded => self.refund_total_step(result.amount)?,
            GatewayStatus::Failed if opening => Some(PaymentStep::Failed { error: result.error }),
            GatewayStatus::Failed => None,
            GatewayStatus::Voided if self.state() == PaymentState::Authorized => Some(PaymentStep::Voided),
            GatewayStatus::Voided | GatewayStatus::Expired if opening => Some(PaymentStep::Expired),
            GatewayStatus::Expired if self.state() == PaymentState::Authorized => Some(PaymentStep::Expired),
            GatewayStatus::Voided | GatewayStatus::Expired => None,
        };
        let Some(step) = step else { return Ok(false) };
        self.apply(step, actor, at)?;
        if opening {
            self.note_reference(&result.gateway_reference);
        }
        Ok(true)
    }

    /// The step bringing what was captured up to the reported running total `total`.
    fn capture_step(&self, opening: bool, total: Money) -> Result<Option<PaymentStep>, PaymentError> {
        if opening {
            return Ok(Some(PaymentStep::Purchased { amount: total }));
        }
        let capturing = matches!(self.state(), PaymentState::Authorized | PaymentState::PartiallyCaptured);
        let more = total.checked_sub(&self.captured())?;
        Ok((capturing && more.minor() > 0).then_some(PaymentStep::Captured { amount: more }))
    }

    /// The step bringing what was refunded up to the reported running total `total` (a gateway that
    /// reports refunds without naming them).
    fn refund_total_step(&self, total: Money) -> Result<Option<PaymentStep>, PaymentError> {
        let more = total.checked_sub(&self.refunded())?;
        Ok((more.minor() > 0).then_some(PaymentStep::Refunded { amount: more, refund_id: None }))
    }

    /// Settles the pending refund known by `reference`, or records a refund made at the gateway
    /// (its dashboard) that Vitrina never asked for.
    fn reconcile_refund(
        &mut self,
        reference: &str,
        result: &GatewayResult,
        actor: Actor,
        at: Timestamp,
    ) -> Result<bool, PaymentError> {
        let known = self.refunds.iter().find(|r| r.gateway_reference.as_deref() == Some(reference));
        let outcome = match result.status {
            GatewayStatus::Refunded => RefundOutcome::Succeeded { gateway_reference: reference.to_owned() },
            GatewayStatus::Failed => RefundOutcome::Failed { error: result.error },
            _ => return Ok(false),
        };
        match known {
            Some(refund) if refund.state == RefundState::Pending => {
                let id = refund.id.clone();
                self.settle_refund(&id, outcome, actor, at)?;
                Ok(true)
            }
            Some(_) => Ok(false),
            None if result.status == GatewayStatus::Refunded => {
                self.record_gateway_refund(reference, result.amount, actor, at)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Records a refund of `amount` made at the gateway under `reference`, already succeeded.
    fn record_gateway_refund(
        &mut self,
        reference: &str,
        amount: Money,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), PaymentError> {
        let key = format!("gateway-refund:{reference}");
        let id = self.request_refund(amount, Some("refunded at the gateway".to_owned()), &key, actor.clone(), at)?;
        let outcome = RefundOutcome::Succeeded { gateway_reference: reference.to_owned() };
        self.settle_refund(&id, outcome, actor, at)
    }

    /// Keeps `reference` on pending refund `refund_id`, so the webhook that settles it finds it.
    pub(crate) fn note_refund_reference(&mut self, refund_id: &str, reference: &str) {
        if let Some(refund) = self.refunds.iter_mut().find(|r: &&mut Refund| r.id == refund_id) {
            refund.gateway_reference.get_or_insert_with(|| reference.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use crate::order::PaymentMethod;
    use crate::payment::GatewayErrorCode;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_second(1_790_000_000 + minute * 60).unwrap()
    }

    fn payment() -> Payment {
        Payment::new("order-1", "1001", PaymentMethod::Card, eur(10_000), at(0)).unwrap()
    }

    fn event(status: GatewayStatus, amount: Money, refund: Option<&str>) -> WebhookEvent {
        WebhookEvent {
            event_id: "evt".into(),
            payment_reference: "pi_1".into(),
            refund_reference: refund.map(str::to_owned),
            result: GatewayResult {
                status,
                gateway_reference: refund.unwrap_or("pi_1").to_owned(),
                amount,
                error: (status == GatewayStatus::Failed).then_some(GatewayErrorCode::CardDeclined),
                message: None,
                action: None,
                raw: serde_json::Value::Null,
            },
            dispute: None,
        }
    }

    fn gateway() -> Actor {
        Actor::Gateway { name: "test".into() }
    }

    #[test]
    fn an_opening_payment_takes_the_reported_state_and_reference() {
        let mut p = payment();
        assert_eq!(p.reconcile(&event(GatewayStatus::Authorized, eur(10_000), None), gateway(), at(1)), Ok(true));
        assert_eq!(
            (p.state(), p.authorized(), p.gateway_reference()),
            (PaymentState::Authorized, eur(10_000), Some("pi_1"))
        );
        assert_eq!(p.reconcile(&event(GatewayStatus::Authorized, eur(10_000), None), gateway(), at(2)), Ok(false));
        let mut q = payment();
        assert_eq!(q.reconcile(&event(GatewayStatus::Captured, eur(10_000), None), gateway(), at(1)), Ok(true));
        assert_eq!((q.state(), q.captured()), (PaymentState::Captured, eur(10_000)));
        let mut r = payment();
        assert_eq!(r.reconcile(&event(GatewayStatus::Failed, eur(10_000), None), gateway(), at(1)), Ok(true));
        assert_eq!((r.state(), r.last_error()), (PaymentState::Failed, Some(GatewayErrorCode::CardDeclined)));
    }

    #[test]
    fn captures_are_running_totals_so_repeats_and_late_events_change_nothing() {
        let mut p = payment();
        p.reconcile(&event(GatewayStatus::Authorized, eur(10_000), None), gateway(), at(1)).unwrap();
        assert_eq!(p.reconcile(&event(GatewayStatus::Captured, eur(4_000), None), gateway(), at(2)), Ok(true));
        assert_eq!((p.state(), p.captured()), (PaymentState::PartiallyCaptured, eur(4_000)));
        assert_eq!(p.reconcile(&event(GatewayStatus::Captured, eur(4_000), None), gateway(), at(3)), Ok(false));
        assert_eq!(p.reconcile(&event(GatewayStatus::Captured, eur(10_000), None), gateway(), at(4)), Ok(true));
        assert_eq!((p.state(), p.captured()), (PaymentState::Captured, eur(10_000)));
        assert_eq!(p.reconcile(&event(GatewayStatus::Authorized, eur(10_000), None), gateway(), at(5)), Ok(false));
        assert_eq!(p.reconcile(&event(GatewayStatus::Failed, eur(10_000), None), gateway(), at(6)), Ok(false));
        let over = p.reconcile(&event(GatewayStatus::Captured, eur(10_000), None), gateway(), at(7));
        assert_eq!(over, Ok(false));
        let wrong =
            p.reconcile(&event(GatewayStatus::Captured, Money::from_minor(1, Currency::USD), None), gateway(), at(8));
        assert!(wrong.is_err());
    }

    #[test]
    fn a_voided_authorization_and_an_abandoned_opening() {
        let mut p = payment();
        p.reconcile(&event(GatewayStatus::Authorized, eur(10_000), None), gateway(), at(1)).unwrap();
        assert_eq!(p.reconcile(&event(GatewayStatus::Voided, eur(10_000), None), gateway(), at(2)), Ok(true));
        assert_eq!(p.state(), PaymentState::Voided);
        let mut q = payment();
        q.reconcile(&event(GatewayStatus::RequiresAction, eur(10_000), None), gateway(), at(1)).unwrap();
        assert_eq!(q.state(), PaymentState::RequiresAction);
        assert_eq!(q.reconcile(&event(GatewayStatus::Voided, eur(10_000), None), gateway(), at(2)), Ok(true));
        assert_eq!(q.state(), PaymentState::Expired);
    }

    #[test]
    fn refunds_settle_by_reference_and_gateway_refunds_are_recorded_once() {
        let mut p = payment();
        p.reconcile(&event(GatewayStatus::Captured, eur(10_000), None), gateway(), at(1)).unwrap();
        let staff = Actor::Staff { id: "ivan".into() };
        let asked = p.request_refund(eur(3_000), None, "r1", staff, at(2)).unwrap();
        p.note_refund_reference(&asked, "re_1");
        assert_eq!(p.refunded(), eur(0));
        assert_eq!(p.reconcile(&event(GatewayStatus::Refunded, eur(3_000), Some("re_1")), gateway(), at(3)), Ok(true));
        assert_eq!((p.refunded(), p.refunds()[0].state), (eur(3_000), RefundState::Succeeded));
        assert_eq!(p.reconcile(&event(GatewayStatus::Refunded, eur(3_000), Some("re_1")), gateway(), at(4)), Ok(false));
        assert_eq!(p.reconcile(&event(GatewayStatus::Refunded, eur(2_000), Some("re_2")), gateway(), at(5)), Ok(true));
        assert_eq!(p.reconcile(&event(GatewayStatus::Refunded, eur(2_000), Some("re_2")), gateway(), at(6)), Ok(false));
        assert_eq!((p.refunded(), p.refunds().len(), p.state()), (eur(5_000), 2, PaymentState::PartiallyRefunded));
        let beyond = p.reconcile(&event(GatewayStatus::Refunded, eur(6_000), Some("re_3")), gateway(), at(7));
        assert!(beyond.is_err());
        assert_eq!(p.refunded(), eur(5_000));
    }

    #[test]
    fn a_pending_refund_can_fail_by_webhook() {
        let mut p = payment();
        p.reconcile(&event(GatewayStatus::Captured, eur(10_000), None), gateway(), at(1)).unwrap();
        let asked = p.request_refund(eur(3_000), None, "r1", gateway(), at(2)).unwrap();
        p.note_refund_reference(&asked, "re_1");
        assert_eq!(p.reconcile(&event(GatewayStatus::Failed, eur(3_000), Some("re_1")), gateway(), at(3)), Ok(true));
        assert_eq!((p.refunded(), p.refunds()[0].state), (eur(0), RefundState::Failed));
        assert_eq!(p.reconcile(&event(GatewayStatus::Failed, eur(3_000), Some("re_9")), gateway(), at(4)), Ok(false));
    }
}
