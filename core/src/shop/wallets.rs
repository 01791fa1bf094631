//! Store credit and gift cards: deposits, balances, issuing and looking up cards, paying an order
//! from either (in part: the rest stays due for the card), and refunds to store credit.
//!
//! Every movement is written twice in the same commit: on the wallet's or card's own ledger (which
//! keeps the balance and refuses a reused key) and as a [`LedgerRow`] of the store's ledger table,
//! so the rows of an account always sum to its balance.

use jiff::Timestamp;

use super::payments::{amount_due, open_payment, required, waiting_for_payment};
use super::unit::Tx;
use super::{Shop, ShopError};
use crate::customer::Customer;
use crate::event::Actor;
use crate::money::{Currency, Money};
use crate::order::PaymentMethod;
use crate::order::{Order, Rebalance};
use crate::payment::{
    GiftCard, GiftCardCode, LedgerEntry, LedgerEntryKind, Payment, PaymentState, PaymentStep, RefundOutcome,
    RefundState, SplitTenderPlan, StoredValueError, Tender, Wallet,
};
use crate::store::{LedgerAccount, LedgerRow};

/// The most payments of one order looked at.
const PAYMENTS_LIMIT: u32 = 200;

/// Store credit and gift cards. Get it from [`Shop::wallets`].
#[derive(Debug, Clone, Copy)]
pub struct Wallets<'a> {
    pub(super) shop: &'a Shop,
}

impl Wallets<'_> {
    /// Puts `amount` of store credit in customer `customer_id`'s wallet (opened on first use), by
    /// `actor` for `reason`. A repeat with `key` returns the first entry and moves nothing.
    pub async fn deposit(
        &self,
        customer_id: &str,
        amount: Money,
        reason: &str,
        key: &str,
        actor: Actor,
    ) -> Result<LedgerEntry, ShopError> {
        required("key", key)?;
        required("reason", reason)?;
        command!(self.shop, retry = true, |tx| {
            tx.get::<Customer>(customer_id).await?;
            let mut wallet = wallet_of(tx, customer_id).await?.unwrap_or_else(|| Wallet::new(customer_id));
            let posting = wallet.deposit(amount, reason, key, actor.clone(), tx.now)?;
            if !posting.replayed {
                tx.ledger(ledger_row(LedgerAccount::Wallet, wallet.id(), &posting.entry, reason));
                tx.save(&mut wallet)?;
            }
            Ok(posting.entry)
        })
    }

    /// Customer `customer_id`'s store credit in `currency` (zero without a wallet).
    pub async fn balance(&self, customer_id: &str, currency: Currency) -> Result<Money, ShopError> {
        let wallet = self.wallet(customer_id).await?;
        Ok(wallet.map_or(Money::zero(currency), |w| w.balance(currency)))
    }

    /// Customer `customer_id`'s wallet, if one was opened.
    pub async fn wallet(&self, customer_id: &str) -> Result<Option<Wallet>, ShopError> {
        command!(self.shop, retry = false, |tx| wallet_of(tx, customer_id).await)
    }

    /// Issues a gift card worth `amount`, expiring at `expires_at` (`None`: never), by `actor`; its
    /// code is in the card returned ([`GiftCard::code`]). A repeat with `key` returns the card first
    /// issued under it; the key with another amount or expiry is [`ShopError::KeyReused`].
    pub async fn issue_gift_card(
        &self,
        amount: Money,
        expires_at: Option<Timestamp>,
        key: &str,
        actor: Actor,
    ) -> Result<GiftCard, ShopError> {
        required("key", key)?;
        if amount.minor() <= 0 {
            return Err(ShopError::invalid("amount", format!("{amount} must be positive")));
        }
        command!(self.shop, retry = true, |tx| {
            if let Some(first) = tx.find_by::<GiftCard>("issue_key", key, 1).await?.pop() {
                if first.value() != amount || first.expires_at() != expires_at {
                    return Err(ShopError::KeyReused { key: key.to_owned() });
                }
                return Ok(first);
            }
            if expires_at.is_some_and(|at| at <= tx.now) {
                return Err(ShopError::invalid("expires_at", "must be in the future"));
            }
            let card = GiftCard::issue(GiftCardCode::generate()?, amount, expires_at, actor.clone(), tx.now)?;
            let mut card = card.issued_under(key);
            for entry in card.ledger().entries() {
                tx.ledger(ledger_row(LedgerAccount::GiftCard, card.id(), entry, "issued"));
            }
            tx.save(&mut card)?;
            Ok(card)
        })
    }

    /// The gift card with `code` (as printed or typed: dashes, spaces and case do not matter).
    pub async fn gift_card(&self, code: &str) -> Result<GiftCard, ShopError> {
        let code = GiftCardCode::parse(code)?;
        command!(self.shop, retry = false, |tx| card_with(tx, &code).await)
    }

    /// Pays order `order_id` from its customer's store credit, as far as it goes: the credit taken
    /// is recorded as a captured wallet payment and received on the order (paid in full, the order
    /// moves to `paid`); the rest stays due, for [`Payments::pay`](super::Payments::pay).
    pub async fn pay_with_wallet(&self, order_id: &str, key: &str) -> Result<Payment, ShopError> {
        required("key", key)?;
        command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            let customer_id = order
                .customer_id()
                .ok_or_else(|| ShopError::invalid("order_id", "a guest order has no store credit"))?
                .to_owned();
            let payments = tx.find_by::<Payment>("order_id", order_id, PAYMENTS_LIMIT).await?;
            if let Some(done) = payments.iter().find(|p| p.has_applied(key)) {
                return same_method(done, PaymentMethod::Wallet, key);
            }
            waiting_for_payment(&order)?;
            let due = amount_due(&order)?;
            let mut wallet = wallet_of(tx, &customer_id).await?.unwrap_or_else(|| Wallet::new(&customer_id));
            let plan = SplitTenderPlan::new(due, &[], Some(&wallet), tx.now)?;
            let taken = stored_part(&plan, due, wallet.balance(due.currency()))?;
            let actor = Actor::Shopper { customer_id: Some(customer_id.clone()) };
            plan.take_stored_value(&mut order, &mut [], Some(&mut wallet), key, actor.clone(), tx.now)?;
            let reason = format!("order {}", order.number());
            let tender = Tender::Wallet { wallet_id: wallet.id().to_owned() };
            let entry = entry_with(wallet.account(due.currency()).map(|a| a.entries()), key, &tender)?;
            tx.ledger(ledger_row(LedgerAccount::Wallet, wallet.id(), &entry, &reason));
            let account = StoredValue { method: PaymentMethod::Wallet, account_id: wallet.id(), amount: taken };
            let payment = paid_from_stored_value(tx, &order, payments, account, key, actor)?;
            tx.save(&mut wallet)?;
            tx.save(&mut order)?;
            Ok(payment)
        })
    }

    /// Pays order `order_id` with gift card `code`, as far as its balance goes: recorded as a
    /// captured gift-card payment and received on the order; the rest stays due, for
    /// [`Payments::pay`](super::Payments::pay). A repeat with `key` returns the first payment; the
    /// key with another card or order is [`ShopError::KeyReused`].
    pub async fn pay_with_gift_card(&self, order_id: &str, code: &str, key: &str) -> Result<Payment, ShopError> {
        required("key", key)?;
        let code = GiftCardCode::parse(code)?;
        command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            let mut card = card_with(tx, &code).await?;
            let tender = Tender::GiftCard { gift_card_id: card.id().to_owned() };
            let payments = tx.find_by::<Payment>("order_id", order_id, PAYMENTS_LIMIT).await?;
            if let Some(done) = payments.iter().find(|p| p.has_applied(key)) {
                entry_with(Some(card.ledger().entries()), key, &tender)
                    .map_err(|_| ShopError::KeyReused { key: key.to_owned() })?;
                return same_method(done, PaymentMethod::GiftCard, key);
            }
            waiting_for_payment(&order)?;
            let due = amount_due(&order)?;
            let plan = SplitTenderPlan::new(due, std::slice::from_ref(&card), None, tx.now)?;
            let taken = stored_part(&plan, due, card.available(tx.now))?;
            let actor = Actor::Shopper { customer_id: order.customer_id().map(str::to_owned) };
            let mut cards = [card];
            plan.take_stored_value(&mut order, &mut cards, None, key, actor.clone(), tx.now)?;
            let [paid_with] = cards;
            card = paid_with;
            let entry = entry_with(Some(card.ledger().entries()), key, &tender)?;
            let reason = format!("order {}", order.number());
            tx.ledger(ledger_row(LedgerAccount::GiftCard, card.id(), &entry, &reason));
            let account = StoredValue { method: PaymentMethod::GiftCard, account_id: card.id(), amount: taken };
            let payment = paid_from_stored_value(tx, &order, payments, account, key, actor)?;
            tx.save(&mut card)?;
            tx.save(&mut order)?;
            Ok(payment)
        })
    }

    /// Gives `amount` of order `order_id`'s money back as store credit in its customer's wallet, by
    /// `actor` (a return, an over-payment): deposited and recorded on the order as refunded to the
    /// wallet, never more than the order received. A repeat with `key` returns the first entry.
    pub async fn refund_to_wallet(
        &self,
        order_id: &str,
        amount: Money,
        key: &str,
        actor: Actor,
    ) -> Result<LedgerEntry, ShopError> {
        required("key", key)?;
        command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            let customer_id = order
                .customer_id()
                .ok_or_else(|| ShopError::invalid("order_id", "a guest order has no wallet to refund to"))?
                .to_owned();
            let mut wallet = wallet_of(tx, &customer_id).await?.unwrap_or_else(|| Wallet::new(&customer_id));
            let reason = format!("refund of order {}", order.number());
            let posting = wallet.deposit(amount, &reason, key, actor.clone(), tx.now)?;
            if !posting.replayed {
                order.refund_payment(amount, PaymentMethod::Wallet, tx.now)?;
                tx.ledger(ledger_row(LedgerAccount::Wallet, wallet.id(), &posting.entry, &reason));
                tx.save(&mut wallet)?;
                tx.save(&mut order)?;
            }
            Ok(posting.entry)
        })
    }
}

/// The wallet of customer `customer_id`, if one was opened.
async fn wallet_of(tx: &mut Tx, customer_id: &str) -> Result<Option<Wallet>, ShopError> {
    Ok(tx.find_by::<Wallet>("customer_id", customer_id, 1).await?.into_iter().next())
}

/// The gift card with `code`.
async fn card_with(tx: &mut Tx, code: &GiftCardCode) -> Result<GiftCard, ShopError> {
    let found = tx.find_by::<GiftCard>("code", code.as_str(), 1).await?;
    found.into_iter().next().ok_or_else(|| ShopError::not_found("gift card", &code.masked()))
}

/// The stored-value part of `plan` (what is not left for the card); nothing available is
/// [`StoredValueError::InsufficientBalance`].
fn stored_part(plan: &SplitTenderPlan, due: Money, available: Money) -> Result<Money, ShopError> {
    let taken = due.checked_sub(&plan.card_amount())?;
    if taken.minor() <= 0 {
        return Err(StoredValueError::InsufficientBalance { balance: available, requested: due }.into());
    }
    Ok(taken)
}

/// The ledger entry that paying with `tender` under `key` made (the split-tender plan derives the
/// entry's key from `key` and the tender).
fn entry_with(entries: Option<&[LedgerEntry]>, key: &str, tender: &Tender) -> Result<LedgerEntry, ShopError> {
    let (id, kind) = match tender {
        Tender::GiftCard { gift_card_id } => (gift_card_id, "gift_card"),
        Tender::Wallet { wallet_id } => (wallet_id, "wallet"),
        Tender::Card => return Err(ShopError::invalid("tender", "a card keeps no ledger")),
    };
    let derived = format!("{key}:{kind}:{id}");
    let entry = entries.into_iter().flatten().find(|e| e.idempotency_key == derived);
    entry.cloned().ok_or_else(|| ShopError::KeyReused { key: key.to_owned() })
}

/// What a stored-value payment took, and from which wallet or gift card.
struct StoredValue<'a> {
    method: PaymentMethod,
    account_id: &'a str,
    amount: Money,
}

/// A payment of what `taken` says, captured at once, marked with `key` and referring to the wallet
/// or card (so a refund finds its way back). When it pays `order` in full, the payments still
/// pending for it (the card payment opened at placement) expire: nothing is left for them to collect.
fn paid_from_stored_value(
    tx: &mut Tx,
    order: &Order,
    payments: Vec<Payment>,
    taken: StoredValue<'_>,
    key: &str,
    actor: Actor,
) -> Result<Payment, ShopError> {
    let StoredValue { method, account_id, amount } = taken;
    let (payments, others): (Vec<Payment>, Vec<Payment>) = payments.into_iter().partition(|p| p.method() == method);
    if !matches!(order.balance()?, Rebalance::AmountDue { .. }) {
        for mut pending in others.into_iter().filter(|p| p.state() == PaymentState::Pending) {
            pending.apply(PaymentStep::Expired, Actor::System, tx.now)?;
            tx.save(&mut pending)?;
        }
    }
    let mut payment = open_payment(tx, order, payments, method, amount)?;
    payment.apply(PaymentStep::Purchased { amount }, actor, tx.now)?;
    payment.remember_key(key);
    payment.note_reference(account_id);
    tx.save(&mut payment)?;
    Ok(payment)
}

/// Gives `amount` of stored-value `payment` back to the wallet or gift card it came from, asked by
/// `actor` under `key` (a repeat changes nothing), and records it on the payment and on `order`. A
/// wallet payment from before payments named their wallet goes back to the customer's wallet; an
/// expired gift card refuses (give store credit instead, [`Wallets::refund_to_wallet`]).
pub(super) async fn refund_stored_value(
    tx: &mut Tx,
    order: &mut Order,
    payment: &mut Payment,
    amount: Money,
    reason: Option<String>,
    key: &str,
    actor: Actor,
) -> Result<(), ShopError> {
    let refund_id = payment.request_refund(amount, reason.clone(), key, actor.clone(), tx.now)?;
    if payment.refunds().iter().any(|r| r.id == refund_id && r.state != RefundState::Pending) {
        return Ok(());
    }
    let note = reason.unwrap_or_else(|| format!("refund of order {}", order.number()));
    let account_id = match payment.method() {
        PaymentMethod::Wallet => {
            let mut wallet = match payment.gateway_reference() {
                Some(wallet_id) => tx.get::<Wallet>(wallet_id).await?,
                None => {
                    let customer_id = order.customer_id().ok_or_else(|| ShopError::not_found("wallet", order.id()))?;
                    wallet_of(tx, customer_id).await?.ok_or_else(|| ShopError::not_found("wallet", customer_id))?
                }
            };
            let posting = wallet.refund(order.id(), amount, key, actor.clone(), tx.now)?;
            tx.ledger(ledger_row(LedgerAccount::Wallet, wallet.id(), &posting.entry, &note));
            tx.save(&mut wallet)?;
            wallet.id().to_owned()
        }
        PaymentMethod::GiftCard => {
            let card_id = payment.gateway_reference().ok_or_else(|| ShopError::not_found("gift card", payment.id()))?;
            let mut card = tx.get::<GiftCard>(card_id).await?;
            let posting = card.refund(order.id(), amount, key, actor.clone(), tx.now)?;
            tx.ledger(ledger_row(LedgerAccount::GiftCard, card.id(), &posting.entry, &note));
            tx.save(&mut card)?;
            card.id().to_owned()
        }
        other => {
            let reason = format!("a {} payment is refunded through its gateway", other.as_str());
            return Err(ShopError::invalid("payment_id", reason));
        }
    };
    payment.settle_refund(&refund_id, RefundOutcome::Succeeded { gateway_reference: account_id }, actor, tx.now)?;
    order.refund_payment(amount, payment.method(), tx.now)?;
    Ok(())
}

/// The first payment made with a key, if it was by `method`; otherwise the key is reused.
fn same_method(done: &Payment, method: PaymentMethod, key: &str) -> Result<Payment, ShopError> {
    if done.method() == method {
        Ok(done.clone())
    } else {
        Err(ShopError::KeyReused { key: key.to_owned() })
    }
}

/// `entry` as a row of the store's ledger: money in positive, money out negative.
fn ledger_row(account: LedgerAccount, account_id: &str, entry: &LedgerEntry, reason: &str) -> LedgerRow {
    let amount = match entry.kind {
        LedgerEntryKind::Debit { .. } => Money::from_minor(-entry.amount.minor(), entry.amount.currency()),
        LedgerEntryKind::Deposit { .. } | LedgerEntryKind::Refund { .. } => entry.amount,
    };
    LedgerRow {
        account,
        account_id: account_id.to_owned(),
        key: entry.idempotency_key.clone(),
        amount,
        reason: reason.to_owned(),
        at: entry.at,
    }
}
