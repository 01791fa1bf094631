//! The return (RMA, return merchandise authorization) aggregate: the lines asked back with a snapshot
//! of what was paid for them, the policy it was requested under, its state, history, receipt,
//! inspection, incentive and outcome. Its one transition function is [`Rma::apply`].

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::eligibility::{check_order, return_lines};
use super::exchange::replacement_draft;
use super::settlement::units_share;
use super::ReturnEvent;
use super::{
    allocate_refund, IncentiveGrant, Inspection, LineSettlement, NewReturn, PaymentRefund, Receipt, RefundablePayment,
    Replacement, ReturnError, ReturnLine, ReturnOutcome, ReturnPolicy, ReturnState, ReturnStep, ReturnTransition,
    Settlement, StoreCreditGrant,
};
use crate::event::{Actor, RecordedEvent};
use crate::id::new_id;
use crate::money::Money;
use crate::order::{Order, OrderDraft, OrderNumber};

/// A return of part of a delivered order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rma {
    id: String,
    order_id: String,
    order_number: String,
    customer_id: Option<String>,
    lines: Vec<ReturnLine>,
    shipping_total: Money,
    policy: ReturnPolicy,
    note: Option<String>,
    state: ReturnState,
    requested_at: Timestamp,
    requested_by: Actor,
    rejection_reason: Option<String>,
    tracking_number: Option<String>,
    receipt: Option<Receipt>,
    inspection: Option<Inspection>,
    incentive: Option<IncentiveGrant>,
    outcome: Option<ReturnOutcome>,
    history: Vec<ReturnTransition>,
    #[serde(default)]
    events: Vec<RecordedEvent<ReturnEvent>>,
}

impl Rma {
    /// Requests a return of `order` at `at` under `policy`; `others` are the order's other returns
    /// (returns of other orders are ignored). The approval rules: the order is delivered (or
    /// completed) and `at` is within the policy's window from delivery; every line is on the order,
    /// asked once, for 1 unit or more, and no more than delivered minus what `others` claim (so a
    /// line cannot be returned twice); its declared condition is accepted for its reason. The
    /// return starts `requested`.
    pub fn request(
        new: NewReturn,
        order: &Order,
        others: &[Rma],
        policy: &ReturnPolicy,
        at: Timestamp,
    ) -> Result<Rma, ReturnError> {
        check_order(order, policy, at)?;
        let lines = return_lines(&new, order, others, policy)?;
        let shipping = order.priced().shipping.as_ref().map_or(Default::default(), |s| s.total);
        Ok(Rma {
            id: new_id(at),
            order_id: order.id().to_owned(),
            order_number: order.number().to_string(),
            customer_id: order.customer_id().map(str::to_owned),
            lines,
            shipping_total: Money::checked(shipping, order.priced().currency, "shipping.total")?,
            policy: policy.clone(),
            note: new.note,
            state: ReturnState::Requested,
            requested_at: at,
            requested_by: new.requested_by,
            rejection_reason: None,
            tracking_number: None,
            receipt: None,
            inspection: None,
            incentive: None,
            outcome: None,
            history: Vec::new(),
            events: Vec::new(),
        })
    }

    /// The one transition function: applies `step` if the state machine allows its move, it is not
    /// dated before the last move, and what it carries fits the return (a receipt of its lines, an
    /// inspection of what was received, an outcome within the units accepted). Records the move in
    /// the history and keeps what the step carries; a refused step changes nothing. Outcome steps
    /// are normally built by [`Rma::refund`], [`Rma::exchange`] and [`Rma::credit`].
    pub fn apply(&mut self, step: ReturnStep, actor: Actor, at: Timestamp) -> Result<ReturnState, ReturnError> {
        self.check_step(&step, at)?;
        let (from, to) = (self.state, step.target());
        let event = ReturnEvent::ReturnStateChanged {
            return_id: self.id.clone(),
            order_id: self.order_id.clone(),
            from,
            to,
            actor: actor.clone(),
        };
        self.events.push(RecordedEvent::new(event, at));
        self.history.push(ReturnTransition { at, actor, from, to, note: step.note() });
        self.state = to;
        self.keep(step);
        Ok(to)
    }

    /// Takes the events recorded since the last call (`return_state_changed`, one per move).
    pub fn take_events(&mut self) -> Vec<RecordedEvent<ReturnEvent>> {
        std::mem::take(&mut self.events)
    }

    /// Whether [`Rma::apply`] would accept `step` at `at`.
    pub fn check_step(&self, step: &ReturnStep, at: Timestamp) -> Result<(), ReturnError> {
        self.check_move(step.target(), at)?;
        match step {
            ReturnStep::Reject { reason } if reason.trim().is_empty() => {
                Err(ReturnError::invalid("reason", "must not be empty"))
            }
            ReturnStep::Receive { receipt } => receipt.check(&self.lines),
            ReturnStep::Inspect { inspection } => {
                inspection.check(self.receipt.as_ref().ok_or_else(|| ReturnError::invalid("receipt", "missing"))?)
            }
            ReturnStep::Settle { outcome } => self.check_outcome(outcome),
            _ => Ok(()),
        }
    }

    fn check_move(&self, to: ReturnState, at: Timestamp) -> Result<(), ReturnError> {
        if !self.state.can_move_to(to) {
            return Err(ReturnError::IllegalTransition { return_id: self.id.clone(), from: self.state, to });
        }
        let last = self.history.last().map_or(self.requested_at, |t| t.at);
        if at < last {
            return Err(ReturnError::OutOfOrder { return_id: self.id.clone(), at, last });
        }
        Ok(())
    }

    fn check_outcome(&self, outcome: &ReturnOutcome) -> Result<(), ReturnError> {
        if self.lines.iter().all(|l| self.accepted_units(&l.line_id) == 0) {
            return Err(ReturnError::NothingAccepted { return_id: self.id.clone() });
        }
        match self.lines.iter().find(|l| outcome.units(&l.line_id) > self.accepted_units(&l.line_id)) {
            Some(line) => Err(ReturnError::invalid(format!("outcome.lines[{}]", line.line_id), "more than accepted")),
            None => Ok(()),
        }
    }

    fn keep(&mut self, step: ReturnStep) {
        match step {
            ReturnStep::Approve { incentive } => self.incentive = incentive,
            ReturnStep::Reject { reason } => self.rejection_reason = Some(reason),
            ReturnStep::AwaitParcel { tracking_number } => self.tracking_number = tracking_number,
            ReturnStep::Receive { receipt } => self.receipt = Some(receipt),
            ReturnStep::Inspect { inspection } => self.inspection = Some(inspection),
            ReturnStep::Settle { outcome } => self.outcome = Some(outcome),
            ReturnStep::Close { .. } => {}
        }
    }

    /// Approves the return, granting the policy's first-return incentive when none of
    /// `customer_returns` (any order of the customer) was ever approved. Returns the incentive granted.
    pub fn approve(
        &mut self,
        customer_returns: &[Rma],
        actor: Actor,
        at: Timestamp,
    ) -> Result<Option<&IncentiveGrant>, ReturnError> {
        let incentive = self.incentive_due(customer_returns, at);
        self.apply(ReturnStep::Approve { incentive }, actor, at)?;
        Ok(self.incentive.as_ref())
    }

    fn incentive_due(&self, customer_returns: &[Rma], at: Timestamp) -> Option<IncentiveGrant> {
        let incentive = self.policy.first_return_incentive.as_ref()?;
        let customer = self.customer_id.as_deref()?;
        let mine = customer_returns.iter().filter(|r| r.id != self.id && r.customer_id() == Some(customer));
        let earlier = mine.into_iter().any(Rma::was_approved);
        (!earlier).then(|| incentive.grant(&self.id, at))
    }

    /// Rejects the return with `reason` (shown to the shopper).
    pub fn reject(&mut self, reason: &str, actor: Actor, at: Timestamp) -> Result<(), ReturnError> {
        self.apply(ReturnStep::Reject { reason: reason.trim().to_owned() }, actor, at).map(drop)
    }

    /// Records that a return label with `tracking_number` was issued.
    pub fn await_parcel(
        &mut self,
        tracking_number: Option<String>,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), ReturnError> {
        self.apply(ReturnStep::AwaitParcel { tracking_number }, actor, at).map(drop)
    }

    /// Records what arrived.
    pub fn receive(&mut self, receipt: Receipt, actor: Actor, at: Timestamp) -> Result<(), ReturnError> {
        self.apply(ReturnStep::Receive { receipt }, actor, at).map(drop)
    }

    /// Records the inspection of what arrived.
    pub fn inspect(&mut self, inspection: Inspection, actor: Actor, at: Timestamp) -> Result<(), ReturnError> {
        self.apply(ReturnStep::Inspect { inspection }, actor, at).map(drop)
    }

    /// Refunds the accepted units (and shipping when the shop is at fault) to the order's `payments`,
    /// split by largest remainder over what each can give back. `others` are the order's other
    /// returns: units they paid back come first in each line's unit numbering, and shipping is
    /// refunded once. Returns the refund per payment, keyed `return:<id>:<payment id>`.
    pub fn refund(
        &mut self,
        others: &[Rma],
        payments: &[RefundablePayment],
        actor: Actor,
        at: Timestamp,
    ) -> Result<Vec<PaymentRefund>, ReturnError> {
        self.check_move(ReturnState::Refunded, at)?;
        let settlement = self.settlement(others)?;
        let payments = allocate_refund(settlement.total, payments, &format!("return:{}", self.id))?;
        let outcome = ReturnOutcome::Refund { settlement, payments: payments.clone() };
        self.apply(ReturnStep::Settle { outcome }, actor, at)?;
        Ok(payments)
    }

    /// Grants store credit worth what [`Rma::refund`] would give back. Guests cannot get credit.
    pub fn credit(&mut self, others: &[Rma], actor: Actor, at: Timestamp) -> Result<StoreCreditGrant, ReturnError> {
        self.check_move(ReturnState::Credited, at)?;
        let customer_id =
            self.customer_id.clone().ok_or_else(|| ReturnError::GuestOrder { return_id: self.id.clone() })?;
        let settlement = self.settlement(others)?;
        let reason = format!("return {} of order {}", self.id, self.order_number);
        let grant = StoreCreditGrant { customer_id, amount: settlement.total, reason };
        let outcome = ReturnOutcome::StoreCredit { settlement, grant: grant.clone() };
        self.apply(ReturnStep::Settle { outcome }, actor, at)?;
        Ok(grant)
    }

    /// Exchanges the accepted units: returns the draft of replacement order `number` at no charge
    /// (zero-priced lines, see [`crate::returns::Replacement`]), to be placed with
    /// [`Order::place`]. `variants` maps a line id to the variant sent instead; unlisted lines get the
    /// same variant again. `order` must be the returned order.
    pub fn exchange(
        &mut self,
        order: &Order,
        variants: &BTreeMap<String, String>,
        number: OrderNumber,
        actor: Actor,
        at: Timestamp,
    ) -> Result<OrderDraft, ReturnError> {
        self.check_move(ReturnState::Exchanged, at)?;
        if order.id() != self.order_id {
            return Err(ReturnError::invalid("order", format!("{} is not the returned order", order.id())));
        }
        let replacements = self.replacements(variants);
        let draft = replacement_draft(order, &self.lines, &replacements, number, at)?;
        self.apply(ReturnStep::Settle { outcome: ReturnOutcome::Exchange { replacements } }, actor, at)?;
        Ok(draft)
    }

    fn replacements(&self, variants: &BTreeMap<String, String>) -> Vec<Replacement> {
        let accepted = self.lines.iter().map(|l| (l, self.accepted_units(&l.line_id))).filter(|(_, q)| *q > 0);
        let replacement = |(line, quantity): (&ReturnLine, u32)| Replacement {
            replaces_line_id: line.line_id.clone(),
            variant_id: variants.get(&line.line_id).unwrap_or(&line.variant_id).clone(),
            quantity,
        };
        accepted.map(replacement).collect()
    }

    /// Closes the return (withdrawn, never sent, or done).
    pub fn close(&mut self, note: Option<String>, actor: Actor, at: Timestamp) -> Result<(), ReturnError> {
        self.apply(ReturnStep::Close { note }, actor, at).map(drop)
    }

    /// What the accepted units are worth, given the order's `others` returns.
    pub fn settlement(&self, others: &[Rma]) -> Result<Settlement, ReturnError> {
        let siblings: Vec<&Rma> = others.iter().filter(|r| r.order_id == self.order_id && r.id != self.id).collect();
        let lines: Vec<LineSettlement> = self
            .lines
            .iter()
            .filter_map(|l| self.line_settlement(l, &siblings).transpose())
            .collect::<Result<_, _>>()?;
        if lines.is_empty() {
            return Err(ReturnError::NothingAccepted { return_id: self.id.clone() });
        }
        let shipping = self.shipping_refund(&lines, &siblings);
        let total = lines.iter().try_fold(shipping, |sum, line| sum.checked_add(&line.amount))?;
        Ok(Settlement { lines, shipping, total })
    }

    fn line_settlement(&self, line: &ReturnLine, siblings: &[&Rma]) -> Result<Option<LineSettlement>, ReturnError> {
        let quantity = self.accepted_units(&line.line_id);
        if quantity == 0 {
            return Ok(None);
        }
        let paid_back = siblings.iter().filter_map(|r| r.outcome.as_ref()).map(|o| o.settled_units(&line.line_id));
        let amount = units_share(line.line_total, line.ordered_quantity, paid_back.sum(), quantity)?;
        Ok(Some(LineSettlement { line_id: line.line_id.clone(), quantity, amount }))
    }

    fn shipping_refund(&self, lines: &[LineSettlement], siblings: &[&Rma]) -> Money {
        let shop_fault = lines.iter().any(|s| self.line(&s.line_id).is_some_and(|l| l.reason.is_shop_fault()));
        let refunded_before = siblings.iter().any(|r| r.outcome.as_ref().and_then(ReturnOutcome::shipping).is_some());
        if shop_fault && !refunded_before {
            self.shipping_total
        } else {
            Money::zero(self.shipping_total.currency())
        }
    }

    /// Units of `line_id` accepted for an outcome: those received, when the inspected condition is
    /// accepted for the line's reason by the return's policy.
    pub fn accepted_units(&self, line_id: &str) -> u32 {
        let (Some(receipt), Some(inspection), Some(line)) = (&self.receipt, &self.inspection, self.line(line_id))
        else {
            return 0;
        };
        match inspection.condition(line_id) {
            Some(condition) if self.policy.accepts(line.reason, condition) => receipt.units(line_id),
            _ => 0,
        }
    }

    /// Units of `line_id` this return takes out of the order: those its outcome settled; before an
    /// outcome, those asked for; none once rejected or closed without an outcome.
    pub fn units_claimed(&self, line_id: &str) -> u32 {
        match (&self.outcome, self.state) {
            (Some(outcome), _) => outcome.units(line_id),
            (None, ReturnState::Rejected | ReturnState::Closed) => 0,
            (None, _) => self.line(line_id).map_or(0, |l| l.quantity),
        }
    }

    /// Whether the return was ever approved.
    pub fn was_approved(&self) -> bool {
        self.history.iter().any(|t| t.to == ReturnState::Approved)
    }

    /// The returned line `line_id`.
    pub fn line(&self, line_id: &str) -> Option<&ReturnLine> {
        self.lines.iter().find(|l| l.line_id == line_id)
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The returned order.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The returned order's number.
    pub fn order_number(&self) -> &str {
        &self.order_number
    }

    /// The customer, `None` for a guest order.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer_id.as_deref()
    }

    /// The lines asked back.
    pub fn lines(&self) -> &[ReturnLine] {
        &self.lines
    }

    /// The order's shipping charge as paid (tax included).
    pub fn shipping_total(&self) -> Money {
        self.shipping_total
    }

    /// The policy the return was requested under.
    pub fn policy(&self) -> &ReturnPolicy {
        &self.policy
    }

    /// Takes the shopper's words and photos out (their erasure): notes read as erased, photos are
    /// dropped; the lines, reasons, money and history stay.
    pub fn erase_personal_data(&mut self) {
        use crate::erasure::erased_text;
        self.note = erased_text(&self.note);
        for line in &mut self.lines {
            line.note = erased_text(&line.note);
            line.photos.clear();
        }
    }

    /// The shopper's note on the whole return.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The current state.
    pub fn state(&self) -> ReturnState {
        self.state
    }

    /// When it was requested.
    pub fn requested_at(&self) -> Timestamp {
        self.requested_at
    }

    /// Who requested it.
    pub fn requested_by(&self) -> &Actor {
        &self.requested_by
    }

    /// Why it was rejected.
    pub fn rejection_reason(&self) -> Option<&str> {
        self.rejection_reason.as_deref()
    }

    /// The return parcel's tracking number, once a label was issued.
    pub fn tracking_number(&self) -> Option<&str> {
        self.tracking_number.as_deref()
    }

    /// What arrived.
    pub fn receipt(&self) -> Option<&Receipt> {
        self.receipt.as_ref()
    }

    /// The inspection of what arrived.
    pub fn inspection(&self) -> Option<&Inspection> {
        self.inspection.as_ref()
    }

    /// The first-return incentive granted at approval.
    pub fn incentive(&self) -> Option<&IncentiveGrant> {
        self.incentive.as_ref()
    }

    /// How it ended.
    pub fn outcome(&self) -> Option<&ReturnOutcome> {
        self.outcome.as_ref()
    }

    /// Every state change, oldest first.
    pub fn history(&self) -> &[ReturnTransition] {
        &self.history
    }
}
