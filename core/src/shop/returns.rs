//! Return use cases: request under the shop's policy, approve or reject, receive, inspect (resellable
//! units back on the shelf), refund through the original payments' gateways, exchange, close.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::event::Actor;
use crate::inventory::{MovementReason, MovementSource};
use crate::order::{Order, OrderState};
use crate::payment::{IdempotencyStore, Payment, PaymentProcessor, RefundState};
use crate::returns::{
    Inspection, ItemCondition, NewReturn, Receipt, RefundablePayment, RequestedLine, ReturnOutcome, ReturnState, Rma,
};
use crate::store::StockLine;

use super::checkout::next_number;
use super::unit::Tx;
use super::wallets::refund_stored_value;
use super::{Shop, ShopError};

/// The most returns or payments of one order (or in one work list) a command looks at.
const LIMIT: u32 = 500;

/// Returns. Get it from [`Shop::returns`].
#[derive(Debug, Clone, Copy)]
pub struct Returns<'a> {
    pub(super) shop: &'a Shop,
}

impl Returns<'_> {
    /// Requests a return of `lines` of order `order_id` under the shop's return policy
    /// (`settings.returns`): the order must be delivered and inside the window, each line asked once
    /// for no more than was delivered and not already returned, in a condition the policy accepts.
    pub async fn request(
        &self,
        order_id: &str,
        lines: &[RequestedLine],
        actor: Actor,
        note: Option<&str>,
    ) -> Result<Rma, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let order = tx.get::<Order>(order_id).await?;
            let others = tx.find_by::<Rma>("order_id", order_id, LIMIT).await?;
            let new = NewReturn { lines: lines.to_vec(), requested_by: actor.clone(), note: note.map(str::to_owned) };
            let mut rma = Rma::request(new, &order, &others, &tx.settings.returns, tx.now)?;
            tx.save(&mut rma)?;
            Ok(rma)
        })
    }

    /// The return `return_id`.
    pub async fn get(&self, return_id: &str) -> Result<Rma, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Rma>(return_id).await)
    }

    /// The returns of order `order_id`, oldest first.
    pub async fn of_order(&self, order_id: &str) -> Result<Vec<Rma>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<Rma>("order_id", order_id, LIMIT).await)
    }

    /// The work list of the warehouse: returns received and not inspected yet, oldest first.
    pub async fn awaiting_inspection(&self) -> Result<Vec<Rma>, ShopError> {
        let state = ReturnState::Received.as_str();
        command!(self.shop, retry = false, |tx| tx.find_by::<Rma>("state", state, LIMIT).await)
    }

    /// Approves return `return_id` (with the policy's first-return incentive when it is the
    /// customer's first approved return); the shopper is told to send the goods.
    pub async fn approve(&self, return_id: &str, actor: Actor) -> Result<Rma, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut rma = tx.get::<Rma>(return_id).await?;
            let mine = match rma.customer_id() {
                Some(customer_id) => tx.find_by::<Rma>("customer_id", customer_id, LIMIT).await?,
                None => Vec::new(),
            };
            rma.approve(&mine, actor.clone(), tx.now)?;
            save_with_order(tx, rma).await
        })
    }

    /// Rejects return `return_id` with `reason`, shown to the shopper (at request, or after an
    /// inspection nothing passed).
    pub async fn reject(&self, return_id: &str, reason: &str, actor: Actor) -> Result<Rma, ShopError> {
        self.step(return_id, |tx, rma| Ok(rma.reject(reason, actor.clone(), tx.now)?)).await
    }

    /// Records that a return label with `tracking_number` was issued for return `return_id`.
    pub async fn await_parcel(
        &self,
        return_id: &str,
        tracking_number: Option<&str>,
        actor: Actor,
    ) -> Result<Rma, ShopError> {
        let number = tracking_number.map(str::to_owned);
        self.step(return_id, |tx, rma| Ok(rma.await_parcel(number.clone(), actor.clone(), tx.now)?)).await
    }

    /// Records the parcel of return `return_id` as arrived with `receipt` (`None`: everything asked
    /// for arrived).
    pub async fn receive(&self, return_id: &str, receipt: Option<Receipt>, actor: Actor) -> Result<Rma, ShopError> {
        self.step(return_id, |tx, rma| {
            let receipt = receipt.clone().unwrap_or_else(|| Receipt::complete(rma.lines(), None));
            Ok(rma.receive(receipt, actor.clone(), tx.now)?)
        })
        .await
    }

    /// Records the inspection of return `return_id`; in the same commit the accepted units found
    /// resellable (unused or opened) go back on the shelf of the default location (of variants that
    /// keep stock, a `return_restock` ledger row); damaged units are booked in and written off at
    /// once (`return_restock` then `damage_write_off`: the shelf does not change).
    pub async fn inspect(&self, return_id: &str, inspection: Inspection, actor: Actor) -> Result<Rma, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut rma = tx.get::<Rma>(return_id).await?;
            rma.inspect(inspection.clone(), actor.clone(), tx.now)?;
            restock_inspected(tx, &rma, &inspection).await?;
            save_with_order(tx, rma).await
        })
    }

    /// Refunds return `return_id`: the accepted units (and shipping when the shop was at fault) are
    /// split over the order's payments and given back through the gateway registered for each
    /// payment's method; the payments, the order (what it has been paid; `refunded` once nothing is
    /// left) and the return are saved in one commit with the refund e-mail.
    ///
    /// `key` makes the command idempotent: a repeat with the same key returns the refunded return
    /// and moves no money; a key already used for another refund of the order is refused. Each
    /// payment's refund goes to the gateway under `return:<id>:<payment id>:<key>`, so a command
    /// re-run after a lost race, or repeated after a crash with the same key, refunds each
    /// payment once; after a refusal ([`ShopError::RefundFailed`], nothing stored) a new key tries
    /// again. A refund the gateway has not decided yet stays pending on the payment (the return
    /// is refunded, the order's paid amount drops when the payment side settles it). What a wallet
    /// or gift card paid goes back onto it (an expired gift card refuses: give store credit
    /// instead). A method without a registered gateway is [`ShopError::NoPlugin`], before any money
    /// moves.
    pub async fn refund(&self, return_id: &str, actor: Actor, key: &str) -> Result<Rma, ShopError> {
        if key.trim().is_empty() {
            return Err(ShopError::invalid("key", "must not be blank"));
        }
        let shop = self.shop;
        command!(shop, retry = true, |tx| refund(shop, tx, return_id, actor.clone(), key.trim()).await)
    }

    /// Exchanges return `return_id`: the accepted units are sent again (as the variants in
    /// `variants`, by returned line id; unlisted lines get the same variant) in a replacement order
    /// at no charge, placed under the next order number with its stock held, in one commit.
    /// Returns the return and the replacement order.
    pub async fn exchange(
        &self,
        return_id: &str,
        variants: &BTreeMap<String, String>,
        actor: Actor,
    ) -> Result<(Rma, Order), ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut rma = tx.get::<Rma>(return_id).await?;
            let order = tx.get::<Order>(rma.order_id()).await?;
            let number = next_number(tx).await?;
            let draft = rma.exchange(&order, variants, number, actor.clone(), tx.now)?;
            let mut replacement = Order::place(draft, actor.clone(), tx.now)?;
            let lines = tx.tracked(StockLine::for_cart(replacement.cart())).await?;
            let expires_at = tx.now + tx.settings.reservation_hold;
            tx.reserve(replacement.id(), lines, expires_at);
            tx.save(&mut rma)?;
            tx.save(&mut replacement)?;
            Ok((rma, replacement))
        })
    }

    /// Closes return `return_id` (withdrawn, never sent, or done), with an optional `note`.
    pub async fn close(&self, return_id: &str, note: Option<&str>, actor: Actor) -> Result<Rma, ShopError> {
        let note = note.map(str::to_owned);
        self.step(return_id, |tx, rma| Ok(rma.close(note.clone(), actor.clone(), tx.now)?)).await
    }

    /// Loads return `return_id`, applies `change` and saves it in one command.
    async fn step(
        &self,
        return_id: &str,
        change: impl Fn(&mut Tx, &mut Rma) -> Result<(), ShopError>,
    ) -> Result<Rma, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut rma = tx.get::<Rma>(return_id).await?;
            change(tx, &mut rma)?;
            save_with_order(tx, rma).await
        })
    }
}

/// Saves `rma`, with its order loaded for the return e-mails its events call for.
async fn save_with_order(tx: &mut Tx, mut rma: Rma) -> Result<Rma, ShopError> {
    tx.get::<Order>(rma.order_id()).await?;
    tx.save(&mut rma)?;
    Ok(rma)
}

/// The gateway key of one payment's part of a refund: the return's own key for the payment
/// (`return:<id>:<payment id>`) with the command's `key`, so a repeat with the key replays the
/// gateway's first answer and a new key may try again after a refusal.
fn gateway_key(part_key: &str, key: &str) -> String {
    format!("{part_key}:{key}")
}

/// The refund command's unit of work (see [`Returns::refund`]).
async fn refund(shop: &Shop, tx: &mut Tx, return_id: &str, actor: Actor, key: &str) -> Result<Rma, ShopError> {
    let mut rma = tx.get::<Rma>(return_id).await?;
    let mut order = tx.get::<Order>(rma.order_id()).await?;
    let mut payments = tx.find_by::<Payment>("order_id", rma.order_id(), LIMIT).await?;
    let has_refund =
        |payment: &Payment, refund_key: &str| payment.refunds().iter().any(|r| r.idempotency_key == refund_key);
    if let Some(ReturnOutcome::Refund { payments: done, .. }) = rma.outcome() {
        let repeat = done.iter().all(|r| {
            let refund_key = gateway_key(&r.idempotency_key, key);
            payments.iter().any(|p| p.id() == r.payment_id && has_refund(p, &refund_key))
        });
        if repeat {
            return Ok(rma);
        }
    } else {
        let suffix = format!(":{key}");
        if payments.iter().any(|p| p.refunds().iter().any(|r| r.idempotency_key.ends_with(&suffix))) {
            return Err(ShopError::invalid("key", "already used for another refund of this order"));
        }
    }
    let refundable: Vec<RefundablePayment> = payments
        .iter()
        .filter(|p| p.captured().minor() > p.refunded().minor())
        .map(RefundablePayment::of)
        .collect::<Result<_, _>>()?;
    let others = tx.find_by::<Rma>("order_id", rma.order_id(), LIMIT).await?;
    let refunds = rma.refund(&others, &refundable, actor.clone(), tx.now)?;
    let processors = refunds
        .iter()
        .map(|refund| match refund.method {
            method if method.is_stored_value() => Ok(None),
            method => {
                let gateway = shop.plugins().gateway_for(method)?.clone();
                let ledger: Arc<dyn IdempotencyStore> = tx.store.clone();
                Ok(Some(PaymentProcessor::new(gateway, ledger)))
            }
        })
        .collect::<Result<Vec<_>, ShopError>>()?;
    let reason = Some(format!("return {} of order {}", rma.id(), rma.order_number()));
    for (refund, processor) in refunds.iter().zip(&processors) {
        let Some(payment) = payments.iter_mut().find(|p| p.id() == refund.payment_id) else {
            return Err(ShopError::not_found("payment", &refund.payment_id));
        };
        let refund_key = gateway_key(&refund.idempotency_key, key);
        let Some(processor) = processor else {
            let (amount, reason) = (refund.amount, reason.clone());
            refund_stored_value(tx, &mut order, payment, amount, reason, &refund_key, actor.clone()).await?;
            tx.save(payment)?;
            continue;
        };
        let state =
            processor.refund(payment, refund.amount, reason.clone(), &refund_key, actor.clone(), tx.now).await?;
        match state {
            RefundState::Succeeded => {
                order.refund_payment(refund.amount, refund.method, tx.now)?;
            }
            RefundState::Pending => {}
            RefundState::Failed => {
                let error = payment.refunds().iter().rev().find(|r| r.idempotency_key == refund_key);
                let code = error.and_then(|r| r.error).map_or("unknown".to_owned(), |code| format!("{code:?}"));
                return Err(ShopError::RefundFailed { payment_id: payment.id().to_owned(), reason: code });
            }
        }
        tx.save(payment)?;
    }
    let refundable_state = matches!(order.state(), OrderState::Shipped | OrderState::Delivered | OrderState::Completed);
    if order.paid().is_zero() && refundable_state {
        let note = Some(format!("refunded in full by return {}", rma.id()));
        order.transition(OrderState::Refunded, actor, tx.now, note)?;
    }
    tx.save(&mut order)?;
    tx.save(&mut rma)?;
    Ok(rma)
}

/// Books the accepted units of `rma` back in by the condition `inspection` found: resellable units
/// return to the shelf, damaged ones are booked in and written off (variants that keep stock only).
async fn restock_inspected(tx: &mut Tx, rma: &Rma, inspection: &Inspection) -> Result<(), ShopError> {
    let (mut back, mut damaged) = (Vec::new(), Vec::new());
    for line in rma.lines() {
        let units = rma.accepted_units(&line.line_id);
        match inspection.condition(&line.line_id) {
            Some(_) if units == 0 => {}
            Some(ItemCondition::Damaged) => damaged.push(StockLine::new(&line.variant_id, units)),
            Some(_) => back.push(StockLine::new(&line.variant_id, units)),
            None => {}
        }
    }
    let source = || MovementSource::Return(rma.id().to_owned());
    for line in tx.tracked(back).await? {
        tx.book(line, MovementReason::ReturnRestock, source());
    }
    for line in tx.tracked(damaged).await? {
        tx.book(line.clone(), MovementReason::ReturnRestock, source());
        tx.book(line, MovementReason::DamageWriteOff, source());
    }
    Ok(())
}
