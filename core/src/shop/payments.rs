//! Payment use cases: card payments through the registered gateway, bank statements matched to
//! open transfers, and cash collected on delivery; each moves the order's money in the same commit.
//!
//! Every money-moving command takes an idempotency key: a repeat returns the first result and
//! changes nothing, the same key with other parameters is refused. Card calls go through the
//! gateway's idempotency ledger (the store), so a retry after a lost answer never charges twice;
//! statement lines are recorded once per bank transaction id.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::unit::Tx;
use super::wallets::refund_stored_value;
use super::{Shop, ShopError};
use crate::event::Actor;
use crate::money::Money;
use crate::order::PaymentMethod;
use crate::order::{Order, OrderState, PaymentReference, Rebalance};
use crate::payment::{
    match_reference, BankTransfer, BankTransferError, BankTransferState, GatewayError, IdempotencyStore, OpenReference,
    Payment, PaymentError, PaymentProcessor, PaymentState, PaymentStep, ReferenceMatch, StatementLine, TransferReceipt,
};
use crate::store::UNMATCHED;

/// The most payments of one order looked at.
const PAYMENTS_LIMIT: u32 = 200;
/// The most open transfers a mistyped reference is compared with.
const OPEN_TRANSFERS_LIMIT: u32 = 10_000;
/// The most unmatched statement lines listed.
const UNMATCHED_LIMIT: u32 = 1_000;
/// How long a claimed gateway call may still be on its way: a sync sooner never gives it up.
const CLAIM_GRACE: jiff::SignedDuration = jiff::SignedDuration::from_mins(5);

/// Payments. Get it from [`Shop::payments`].
#[derive(Debug, Clone, Copy)]
pub struct Payments<'a> {
    pub(super) shop: &'a Shop,
}

/// A bank statement line as [`Payments::record_statement`] left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordedLine {
    /// The line as stored (its match, order and outcome).
    pub line: StatementLine,
    /// Whether the line had been recorded before (by an earlier statement): nothing moved this time.
    pub already_recorded: bool,
}

impl Payments<'_> {
    /// Pays order `order_id`'s open amount by card `token` (a purchase: authorized and captured at
    /// once) through the gateway registered for [`PaymentMethod::Card`]. A declined card is an `Ok`
    /// payment in state `failed` with its error code: the order keeps waiting and the shopper can try
    /// another card (with another key), which opens a new payment for what is due. Money taken is
    /// received on the order in the same commit (a paid order moves to `paid`). While another key's
    /// call waits on its outcome (a lost answer, 3-D Secure), this is
    /// [`ShopError::PaymentInProgress`] and the card is not sent: settle that payment first.
    pub async fn pay(&self, order_id: &str, token: &str, key: &str) -> Result<Payment, ShopError> {
        self.open_card_payment(order_id, token, key, Opening::Purchase).await
    }

    /// Authorizes order `order_id`'s open amount on card `token` without taking it; take it with
    /// [`Payments::capture`] (in parts if need be) or release it with [`Payments::void`].
    pub async fn authorize(&self, order_id: &str, token: &str, key: &str) -> Result<Payment, ShopError> {
        self.open_card_payment(order_id, token, key, Opening::Authorize).await
    }

    /// Captures `amount` of payment `payment_id`'s authorization (all or part of what is left); the
    /// money is received on the order in the same commit.
    pub async fn capture(&self, payment_id: &str, amount: Money, key: &str) -> Result<Payment, ShopError> {
        required("key", key)?;
        self.follow_up(payment_id, FollowUp::Capture { amount, key }).await
    }

    /// Releases payment `payment_id`'s authorization.
    pub async fn void(&self, payment_id: &str, key: &str) -> Result<Payment, ShopError> {
        required("key", key)?;
        self.follow_up(payment_id, FollowUp::Void { key }).await
    }

    /// Refunds `amount` of what payment `payment_id` captured, asked by `actor` for `reason`. A refund
    /// the gateway confirms is given back on the order in the same commit; one it has not decided
    /// yet stays pending on the payment (repeat with the same key to settle it). A wallet or
    /// gift-card payment is refunded onto the wallet or card it came from.
    pub async fn refund(
        &self,
        payment_id: &str,
        amount: Money,
        reason: Option<&str>,
        key: &str,
        actor: Actor,
    ) -> Result<Payment, ShopError> {
        required("key", key)?;
        self.follow_up(payment_id, FollowUp::Refund { amount, reason, key, actor }).await
    }

    /// Resumes payment `payment_id`, waiting in `requires_action`, with what the shopper brought back
    /// from 3-D Secure or a redirect (`payload`, as the gateway documents it); money it took is
    /// received on the order in the same commit. A repeat with `key` changes nothing.
    pub async fn complete_action(
        &self,
        payment_id: &str,
        payload: serde_json::Value,
        key: &str,
    ) -> Result<Payment, ShopError> {
        required("key", key)?;
        self.follow_up(payment_id, FollowUp::CompleteAction { payload, key }).await
    }

    /// Asks the gateway how payment `payment_id` stands when its outcome is unknown (a timed-out
    /// purchase, a 3-D Secure the shopper left); money it reveals is received on the order.
    pub async fn sync(&self, payment_id: &str) -> Result<Payment, ShopError> {
        self.follow_up(payment_id, FollowUp::Sync).await
    }

    /// The payments of order `order_id`, oldest first.
    pub async fn of_order(&self, order_id: &str) -> Result<Vec<Payment>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<Payment>("order_id", order_id, PAYMENTS_LIMIT).await)
    }

    /// The payment `payment_id`.
    pub async fn get(&self, payment_id: &str) -> Result<Payment, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Payment>(payment_id).await)
    }

    /// The bank-transfer record of order `order_id` (its reference, receipts and state).
    pub async fn bank_transfer(&self, order_id: &str) -> Result<BankTransfer, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let found = tx.find_by::<BankTransfer>("order_id", order_id, 1).await?;
            found.into_iter().next().ok_or_else(|| ShopError::not_found("bank transfer", order_id))
        })
    }

    /// Records the lines of a bank statement, each in its own transaction: the line is stored once
    /// (a bank transaction id seen before is skipped; seen with other details, refused), matched to
    /// the open transfer its reference names (one typo corrected), and the money recorded on the
    /// transfer, the payment and the order (the paid e-mail queued). Lines matching no open transfer
    /// (or several) are kept unmatched for the back office. Every line is checked before any is
    /// recorded; a bad one is [`ShopError::Invalid`] naming it (`lines[2].amount`).
    pub async fn record_statement(&self, lines: &[TransferReceipt]) -> Result<Vec<RecordedLine>, ShopError> {
        for (index, line) in lines.iter().enumerate() {
            line.validate().map_err(|error| match error {
                BankTransferError::InvalidField { field, reason } => {
                    ShopError::invalid(&format!("lines[{index}].{field}"), reason)
                }
                other => other.into(),
            })?;
        }
        let mut recorded = Vec::with_capacity(lines.len());
        for line in lines {
            let line = command!(self.shop, retry = true, |tx| record_line(tx, line).await)?;
            recorded.push(line);
        }
        Ok(recorded)
    }

    /// The statement lines no open transfer matched, oldest first: money staff must place by hand.
    pub async fn unmatched_statement_lines(&self) -> Result<Vec<StatementLine>, ShopError> {
        command!(self.shop, retry = false, |tx| tx
            .find_by::<StatementLine>("order_id", UNMATCHED, UNMATCHED_LIMIT)
            .await)
    }

    /// Records that courier `courier_name` collected `amount` in cash on delivering cash-on-delivery
    /// order `order_id`: the order's payment is captured and the money received on the order, which
    /// is then paid in full (a `shipped` order moves to `delivered`). The order must have left the
    /// warehouse, and `amount` must be exactly what is due ([`ShopError::AmountMismatch`] otherwise,
    /// recording nothing).
    pub async fn record_cash_collected(
        &self,
        order_id: &str,
        amount: Money,
        courier_name: &str,
        key: &str,
    ) -> Result<Payment, ShopError> {
        required("key", key)?;
        required("courier_name", courier_name)?;
        let courier = Actor::Courier { name: courier_name.to_owned() };
        command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            if order.delivery().payment_method != PaymentMethod::CashOnDelivery {
                return Err(ShopError::invalid(
                    "order_id",
                    format!("order {} is not cash on delivery", order.number()),
                ));
            }
            let payments = tx.find_by::<Payment>("order_id", order_id, PAYMENTS_LIMIT).await?;
            if let Some(done) = payments.iter().find(|p| p.has_applied(key)) {
                return replayed_collection(done, amount, &courier, key);
            }
            if !matches!(order.state(), OrderState::PartiallyShipped | OrderState::Shipped | OrderState::Delivered) {
                let reason = format!("order {} is {}: cash is collected on delivery", order.number(), order.state());
                return Err(ShopError::invalid("order_id", reason));
            }
            let due = amount_due(&order)?;
            if amount != due {
                return Err(ShopError::AmountMismatch { field: "amount", expected: due, given: amount });
            }
            let mut payment = open_payment(tx, &order, payments, PaymentMethod::CashOnDelivery, due)?;
            payment.apply(PaymentStep::Purchased { amount }, courier.clone(), tx.now)?;
            payment.remember_key(key);
            let balance = order.receive_payment(amount, PaymentMethod::CashOnDelivery, courier.clone(), tx.now)?;
            if order.state() == OrderState::Shipped && balance == Rebalance::Settled {
                let note = format!("delivered, {amount} collected in cash");
                order.transition(OrderState::Delivered, courier.clone(), tx.now, Some(note))?;
            }
            tx.save(&mut payment)?;
            tx.save(&mut order)?;
            Ok(payment)
        })
    }

    /// The processor over the gateway registered for `method`, keys kept in the store.
    fn processor(&self, method: PaymentMethod) -> Result<(PaymentProcessor, Actor), ShopError> {
        let gateway = self.shop.plugins().gateway_for(method)?.clone();
        let actor = Actor::Gateway { name: gateway.name().to_owned() };
        let keys: Arc<dyn IdempotencyStore> = self.shop.store().clone();
        Ok((PaymentProcessor::new(gateway, keys), actor))
    }

    /// Opens (or reuses) the card payment of what order `order_id` owes and runs `opening` on it, in
    /// two commits: the payment is claimed for `key` first (so a rival key waits, see
    /// [`Payment::claimed_by`]), then the gateway is called and its answer recorded.
    async fn open_card_payment(
        &self,
        order_id: &str,
        token: &str,
        key: &str,
        opening: Opening,
    ) -> Result<Payment, ShopError> {
        required("key", key)?;
        required("token", token)?;
        let (processor, gateway) = self.processor(PaymentMethod::Card)?;
        let claimed = command!(self.shop, retry = true, |tx| claim(tx, order_id, key).await)?;
        let outcome = command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            let mut payment = tx.get::<Payment>(claimed.id()).await?;
            let before = payment.clone();
            let token = Some(token.to_owned());
            match opening {
                Opening::Purchase => processor.purchase(&mut payment, token, key, tx.now).await?,
                Opening::Authorize => processor.authorize(&mut payment, token, key, tx.now).await?,
            };
            if !payment.is_opening() {
                payment.release_claim();
            }
            settle(tx, &mut order, &before, &mut payment, gateway.clone())
        });
        self.release_unless_unknown(claimed.id(), key, outcome).await
    }

    /// Runs `step` on payment `payment_id` through its method's gateway and settles the order.
    async fn follow_up(&self, payment_id: &str, step: FollowUp<'_>) -> Result<Payment, ShopError> {
        if let Some(key) = step.key() {
            command!(self.shop, retry = true, |tx| claim_follow_up(tx, payment_id, key).await)?;
        }
        let outcome = command!(self.shop, retry = true, |tx| {
            let mut payment = tx.get::<Payment>(payment_id).await?;
            let mut order = tx.get::<Order>(payment.order_id()).await?;
            if let (FollowUp::Refund { amount, reason, key, actor }, true) = (&step, payment.method().is_stored_value())
            {
                let reason = reason.map(str::to_owned);
                refund_stored_value(tx, &mut order, &mut payment, *amount, reason, key, actor.clone()).await?;
                payment.release_claim();
                tx.save(&mut payment)?;
                tx.save(&mut order)?;
                return Ok(payment);
            }
            if step.told_by_webhook(&payment) {
                return Ok(payment);
            }
            let (processor, gateway) = self.processor(payment.method())?;
            let before = payment.clone();
            step.run(&processor, &mut payment, tx.now).await?;
            let answered = step.key().is_some_and(|key| payment.release_claim_of(key));
            if !answered && before.is_opening() && !payment.is_opening() {
                payment.release_claim();
            }
            settle(tx, &mut order, &before, &mut payment, gateway.clone())
        });
        match step.key() {
            Some(key) => self.release_unless_unknown(payment_id, key, outcome).await,
            None => outcome,
        }
    }

    /// Passes on `outcome` of the gateway call claimed under `key`; a failure that leaves nothing
    /// open at the provider (anything but a lost answer) gives the claim back first.
    async fn release_unless_unknown(
        &self,
        payment_id: &str,
        key: &str,
        outcome: Result<Payment, ShopError>,
    ) -> Result<Payment, ShopError> {
        let error = match outcome {
            Err(error) if !error.leaves_outcome_unknown() => error,
            other => return other,
        };
        command!(self.shop, retry = true, |tx| {
            let mut payment = tx.get::<Payment>(payment_id).await?;
            if payment.release_claim_of(key) {
                tx.save(&mut payment)?;
            }
            Ok(())
        })?;
        Err(error)
    }
}

/// A gateway call on an open payment.
enum FollowUp<'a> {
    Capture { amount: Money, key: &'a str },
    Void { key: &'a str },
    Refund { amount: Money, reason: Option<&'a str>, key: &'a str, actor: Actor },
    CompleteAction { payload: serde_json::Value, key: &'a str },
    Sync,
}

impl FollowUp<'_> {
    /// The key of a step that moves money on its own (capture, void, refund), which claims the
    /// payment; completing 3-D Secure continues the opening's claim and a sync only reads.
    fn key(&self) -> Option<&str> {
        match self {
            FollowUp::Capture { key, .. } | FollowUp::Void { key } | FollowUp::Refund { key, .. } => Some(key),
            FollowUp::CompleteAction { .. } | FollowUp::Sync => None,
        }
    }

    /// Whether this completes a 3-D Secure whose outcome the gateway's webhook already brought
    /// (the shopper's return to the shop comes after it): the payment then stands as it is.
    fn told_by_webhook(&self, payment: &Payment) -> bool {
        let asked = payment.history().iter().any(|t| t.to == PaymentState::RequiresAction);
        matches!(self, FollowUp::CompleteAction { .. }) && asked && !payment.is_opening()
    }

    async fn run(
        &self,
        processor: &PaymentProcessor,
        payment: &mut Payment,
        now: jiff::Timestamp,
    ) -> Result<(), crate::payment::PaymentError> {
        match self {
            FollowUp::Capture { amount, key } => processor.capture(payment, *amount, key, now).await.map(drop),
            FollowUp::Void { key } => processor.void(payment, key, now).await.map(drop),
            FollowUp::Refund { amount, reason, key, actor } => {
                let reason = reason.map(str::to_owned);
                processor.refund(payment, *amount, reason, key, actor.clone(), now).await.map(drop)
            }
            FollowUp::CompleteAction { payload, key } => {
                processor.complete_action(payment, payload.clone(), key, now).await.map(drop)
            }
            FollowUp::Sync => match processor.sync(payment, now).await {
                Err(PaymentError::Gateway(GatewayError::UnknownReference { .. })) if never_reached(payment, now) => {
                    payment.apply(PaymentStep::Expired, Actor::System, now).map(drop)
                }
                outcome => outcome.map(drop),
            },
        }
    }
}

/// Claims payment `payment_id` for the capture, void or refund under `key` before the gateway is
/// called: a repeat of the key (or of its claim) goes on, another key's open claim is
/// [`ShopError::PaymentInProgress`]. The claim is released once the gateway answers; a call that
/// ends without an answer keeps it, to be settled by repeating the key.
async fn claim_follow_up(tx: &mut Tx, payment_id: &str, key: &str) -> Result<(), ShopError> {
    let mut payment = tx.get::<Payment>(payment_id).await?;
    match payment.claimed_by() {
        Some(claimed) if claimed == key => Ok(()),
        Some(_) => Err(ShopError::PaymentInProgress { payment_id: payment_id.to_owned() }),
        None if payment.has_applied(key) || payment.refunds().iter().any(|r| r.idempotency_key == key) => Ok(()),
        None => {
            payment.claim(key, tx.now);
            tx.save(&mut payment)?;
            Ok(())
        }
    }
}

/// Whether `payment`'s claimed call never reached the gateway: still pending without a gateway
/// reference, claimed longer than [`CLAIM_GRACE`] ago, and unknown to the gateway (the caller's
/// finding). Such a payment expires on sync, so the order can be paid another way.
fn never_reached(payment: &Payment, now: jiff::Timestamp) -> bool {
    let stale = payment.claimed_at().is_some_and(|at| now.duration_since(at) > CLAIM_GRACE);
    stale && payment.state() == PaymentState::Pending && payment.gateway_reference().is_none()
}

/// How a card payment opens.
#[derive(Debug, Clone, Copy)]
enum Opening {
    Purchase,
    Authorize,
}

/// The payment of order `order_id` that the gateway call under `key` works on: the one the key
/// already claimed or applied (a repeat, nothing written), or the pending payment of what is due
/// (opened if need be) claimed for the key, saved with the order so that rival claims conflict.
/// Another key's claim still open is [`ShopError::PaymentInProgress`].
async fn claim(tx: &mut Tx, order_id: &str, key: &str) -> Result<Payment, ShopError> {
    let mut order = tx.get::<Order>(order_id).await?;
    let payments = tx.find_by::<Payment>("order_id", order_id, PAYMENTS_LIMIT).await?;
    if let Some(mine) = payments.iter().find(|p| p.has_applied(key) || p.claimed_by() == Some(key)) {
        return Ok(mine.clone());
    }
    if let Some(busy) = payments.iter().find(|p| p.claimed_by().is_some()) {
        return Err(ShopError::PaymentInProgress { payment_id: busy.id().to_owned() });
    }
    waiting_for_payment(&order)?;
    let due = amount_due(&order)?;
    let mut payment = open_payment(tx, &order, payments, PaymentMethod::Card, due)?;
    payment.claim(key, tx.now);
    tx.save(&mut payment)?;
    tx.save(&mut order)?;
    Ok(payment)
}

/// Saves `payment` if the step changed it (its claim released, say), receiving on `order` what it
/// captured and giving back what it refunded since `before`. A step that changed nothing (a repeat)
/// writes nothing.
pub(super) fn settle(
    tx: &mut Tx,
    order: &mut Order,
    before: &Payment,
    payment: &mut Payment,
    actor: Actor,
) -> Result<Payment, ShopError> {
    if payment == before {
        return Ok(payment.clone());
    }
    let taken = payment.captured().checked_sub(&before.captured())?;
    if taken.minor() > 0 {
        order.receive_payment(taken, payment.method(), actor, tx.now)?;
    }
    let given_back = payment.refunded().checked_sub(&before.refunded())?;
    if given_back.minor() > 0 {
        order.refund_payment(given_back, payment.method(), tx.now)?;
    }
    if taken.minor() > 0 || given_back.minor() > 0 {
        tx.save(order)?;
    }
    tx.save(payment)?;
    Ok(payment.clone())
}

/// A blank `value` is [`ShopError::Invalid`] naming `field`.
pub(super) fn required(field: &str, value: &str) -> Result<(), ShopError> {
    if value.trim().is_empty() {
        Err(ShopError::invalid(field, "is required"))
    } else {
        Ok(())
    }
}

/// What `order` still owes; nothing owed is [`ShopError::Invalid`] on `order_id`.
pub(super) fn amount_due(order: &Order) -> Result<Money, ShopError> {
    match order.balance()? {
        Rebalance::AmountDue { amount } => Ok(amount),
        _ => Err(ShopError::invalid("order_id", format!("order {}: nothing is due", order.number()))),
    }
}

/// Refuses an order that no longer waits for its money (paid, cancelled, or fulfilled unpaid).
pub(super) fn waiting_for_payment(order: &Order) -> Result<(), ShopError> {
    if matches!(order.state(), OrderState::PendingPayment | OrderState::AwaitingTransfer) {
        Ok(())
    } else {
        let reason = format!("order {} is {}: not waiting for a payment", order.number(), order.state());
        Err(ShopError::invalid("order_id", reason))
    }
}

/// The pending payment of `order` by `method` for exactly `due`, or a new one; pending payments of
/// that method for another amount (the total, before a gift card paid part) are expired.
pub(super) fn open_payment(
    tx: &mut Tx,
    order: &Order,
    payments: Vec<Payment>,
    method: PaymentMethod,
    due: Money,
) -> Result<Payment, ShopError> {
    let mut open = None;
    for mut payment in payments.into_iter().filter(|p| p.method() == method && p.state() == PaymentState::Pending) {
        if open.is_none() && payment.amount() == due {
            open = Some(payment);
        } else {
            let note = Actor::System;
            payment.apply(PaymentStep::Expired, note, tx.now)?;
            tx.save(&mut payment)?;
        }
    }
    match open {
        Some(payment) => Ok(payment),
        None => Ok(Payment::new(order.id(), order.number().as_str(), method, due, tx.now)?),
    }
}

/// The answer to a repeated cash collection: the first payment, or [`ShopError::KeyReused`] when the
/// key first recorded another amount or courier.
fn replayed_collection(done: &Payment, amount: Money, courier: &Actor, key: &str) -> Result<Payment, ShopError> {
    let same_courier = done.history().iter().any(|t| &t.actor == courier);
    if done.method() == PaymentMethod::CashOnDelivery && done.captured() == amount && same_courier {
        Ok(done.clone())
    } else {
        Err(ShopError::KeyReused { key: key.to_owned() })
    }
}

/// Records one statement line (see [`Payments::record_statement`]).
async fn record_line(tx: &mut Tx, line: &TransferReceipt) -> Result<RecordedLine, ShopError> {
    let seen = tx.find_by::<StatementLine>("bank_transaction_id", &line.bank_transaction_id, 1).await?;
    if let Some(seen) = seen.into_iter().next() {
        if seen.receipt() != line {
            return Err(BankTransferError::ReceiptIdReused { id: line.bank_transaction_id.clone() }.into());
        }
        return Ok(RecordedLine { line: seen, already_recorded: true });
    }
    let candidates = open_transfers(tx, &line.reference_as_written).await?;
    let open: Vec<OpenReference> = candidates
        .iter()
        .map(|t| OpenReference { order_id: t.order_id().to_owned(), reference: t.reference().clone() })
        .collect();
    let matched = match_reference(&line.reference_as_written, &open);
    let (order_id, outcome) = match &matched {
        ReferenceMatch::Exact { order_id } | ReferenceMatch::Corrected { order_id, .. } => {
            let transfer = candidates.into_iter().find(|t| t.order_id() == order_id);
            let mut transfer = transfer.ok_or_else(|| ShopError::not_found("bank transfer", order_id))?;
            let outcome = receive_transfer(tx, &mut transfer, line).await?;
            (Some(order_id.clone()), Some(outcome))
        }
        ReferenceMatch::Ambiguous { .. } | ReferenceMatch::Unmatched => (None, None),
    };
    let mut stored = StatementLine::new(line.clone(), matched, order_id, outcome, tx.now);
    tx.save(&mut stored)?;
    Ok(RecordedLine { line: stored, already_recorded: false })
}

/// The awaited transfers `written` may name: the one with that reference when it is valid as
/// written, otherwise every awaited transfer (one of them may be a typo away).
async fn open_transfers(tx: &mut Tx, written: &str) -> Result<Vec<BankTransfer>, ShopError> {
    let awaiting = BankTransferState::Awaiting.as_str();
    let found = match PaymentReference::parse(written) {
        Ok(reference) => tx.find_by::<BankTransfer>("reference", reference.as_str(), 1).await?,
        Err(_) => tx.find_by::<BankTransfer>("state", awaiting, OPEN_TRANSFERS_LIMIT).await?,
    };
    Ok(found.into_iter().filter(|t| t.state() == BankTransferState::Awaiting).collect())
}

/// Records `line` on `transfer`, its order and its bank-transfer payment (authorized for the
/// amount asked on the first receipt, captured as far as each receipt goes).
async fn receive_transfer(
    tx: &mut Tx,
    transfer: &mut BankTransfer,
    line: &TransferReceipt,
) -> Result<crate::payment::ReceiptOutcome, ShopError> {
    let mut order = tx.get::<Order>(transfer.order_id()).await?;
    let outcome = transfer.record_receipt(&mut order, line.clone(), Actor::System, tx.now)?;
    let payments = tx.find_by::<Payment>("order_id", order.id(), PAYMENTS_LIMIT).await?;
    let open = |p: &Payment| {
        p.method() == PaymentMethod::BankTransfer
            && matches!(p.state(), PaymentState::Pending | PaymentState::Authorized | PaymentState::PartiallyCaptured)
    };
    if let Some(mut payment) = payments.into_iter().find(open) {
        if payment.state() == PaymentState::Pending {
            payment.apply(PaymentStep::Authorized { amount: payment.amount() }, Actor::System, tx.now)?;
        }
        let room = payment.authorized().checked_sub(&payment.captured())?;
        let take = Money::from_minor(room.minor().min(line.amount.minor()), room.currency());
        if take.minor() > 0 {
            payment.apply(PaymentStep::Captured { amount: take }, Actor::System, tx.now)?;
        }
        tx.save(&mut payment)?;
    }
    tx.save(transfer)?;
    tx.save(&mut order)?;
    Ok(outcome)
}
