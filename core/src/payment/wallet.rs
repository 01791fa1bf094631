//! A customer's wallet (store credit): one stored-value ledger per currency. Deposits (top-ups, store
//! credit, over-payments), debits paying an order and refunds of those debits are idempotent by key
//! across the whole wallet; no account ever goes below zero and every entry keeps the running balance.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::WalletEvent;
use super::{LedgerEntryKind, Posting, StoredValueError, StoredValueLedger};
use crate::event::{Actor, RecordedEvent};
use crate::money::{Currency, Money};

/// A customer's store credit, per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Wallet {
    id: String,
    customer_id: String,
    accounts: Vec<StoredValueLedger>,
    #[serde(default)]
    events: Vec<RecordedEvent<WalletEvent>>,
}

impl Wallet {
    /// An empty wallet for customer `customer_id`.
    pub fn new(customer_id: &str) -> Wallet {
        Wallet {
            id: Uuid::now_v7().to_string(),
            customer_id: customer_id.to_owned(),
            accounts: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Adds `amount` (a top-up, store credit from a return, an over-payment), with `note` for the
    /// statement. Opens the currency's account on first use.
    pub fn deposit(
        &mut self,
        amount: Money,
        note: &str,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        self.post(LedgerEntryKind::Deposit { note: note.to_owned() }, amount, key, actor, at)
    }

    /// Takes `amount` to pay order `order_id`; refused when the account holds less.
    pub fn debit(
        &mut self,
        order_id: &str,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        self.post(LedgerEntryKind::Debit { order_id: order_id.to_owned() }, amount, key, actor, at)
    }

    /// Gives back to the wallet `amount` that order `order_id` took from it (never more, net).
    pub fn refund(
        &mut self,
        order_id: &str,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        self.post(LedgerEntryKind::Refund { order_id: order_id.to_owned() }, amount, key, actor, at)
    }

    fn post(
        &mut self,
        kind: LedgerEntryKind,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        let elsewhere =
            self.accounts.iter().any(|a| a.currency() != amount.currency() && a.entry_with_key(key).is_some());
        if elsewhere {
            return Err(StoredValueError::KeyReused { key: key.to_owned() });
        }
        let posting = match self.accounts.iter_mut().find(|a| a.currency() == amount.currency()) {
            Some(account) => account.post(kind, amount, key, actor, at)?,
            None => {
                let mut account = StoredValueLedger::new(amount.currency());
                let posting = account.post(kind, amount, key, actor, at)?;
                self.accounts.push(account);
                posting
            }
        };
        if !posting.replayed {
            let event = self.event_for(&posting);
            self.events.push(RecordedEvent::new(event, at));
        }
        Ok(posting)
    }

    fn event_for(&self, posting: &Posting) -> WalletEvent {
        let (wallet_id, customer_id) = (self.id.clone(), self.customer_id.clone());
        let (amount, balance) = (posting.entry.amount, posting.entry.balance_after);
        match &posting.entry.kind {
            LedgerEntryKind::Deposit { .. } => {
                WalletEvent::WalletCredited { wallet_id, customer_id, order_id: None, amount, balance }
            }
            LedgerEntryKind::Refund { order_id } => {
                let order_id = Some(order_id.clone());
                WalletEvent::WalletCredited { wallet_id, customer_id, order_id, amount, balance }
            }
            LedgerEntryKind::Debit { order_id } => {
                WalletEvent::WalletDebited { wallet_id, customer_id, order_id: order_id.clone(), amount, balance }
            }
        }
    }

    /// The balance in `currency` (zero without an account).
    pub fn balance(&self, currency: Currency) -> Money {
        self.account(currency).map_or(Money::zero(currency), StoredValueLedger::balance)
    }

    /// The account in `currency`, with its full history.
    pub fn account(&self, currency: Currency) -> Option<&StoredValueLedger> {
        self.accounts.iter().find(|a| a.currency() == currency)
    }

    /// Every account, in the order opened.
    pub fn accounts(&self) -> &[StoredValueLedger] {
        &self.accounts
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The owner.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// The events not yet taken.
    pub fn events(&self) -> &[RecordedEvent<WalletEvent>] {
        &self.events
    }

    /// The events recorded since the last call, oldest first, leaving none behind.
    pub fn take_events(&mut self) -> Vec<RecordedEvent<WalletEvent>> {
        std::mem::take(&mut self.events)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    use crate::test_util::eur;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    use crate::test_util::at;

    fn staff() -> Actor {
        Actor::Staff { id: "ana".into() }
    }

    #[test]
    fn accounts_are_per_currency_with_their_own_ledgers() {
        let mut w = Wallet::new("c1");
        w.deposit(eur(5_000), "welcome credit", "d1", staff(), at(0)).unwrap();
        w.deposit(usd(700), "refund as credit", "d2", staff(), at(1)).unwrap();
        w.debit("o1", eur(1_250), "o1:wallet", Actor::System, at(2)).unwrap();
        assert_eq!((w.balance(Currency::EUR), w.balance(Currency::USD)), (eur(3_750), usd(700)));
        assert_eq!(w.balance(Currency::JPY), Money::zero(Currency::JPY));
        assert_eq!(w.accounts().len(), 2);
        let eur_running: Vec<_> = w.account(Currency::EUR).unwrap().entries().iter().map(|e| e.balance_after).collect();
        assert_eq!(eur_running, [eur(5_000), eur(3_750)]);
        let err = w.debit("o2", usd(701), "o2:wallet", Actor::System, at(3)).unwrap_err();
        assert_eq!(err, StoredValueError::InsufficientBalance { balance: usd(700), requested: usd(701) });
    }

    #[test]
    fn debits_are_idempotent_and_a_key_is_unique_across_currencies() {
        let mut w = Wallet::new("c1");
        w.deposit(eur(1_000), "top-up", "d1", staff(), at(0)).unwrap();
        w.deposit(usd(1_000), "top-up", "d2", staff(), at(0)).unwrap();
        let first = w.debit("o1", eur(400), "o1:wallet", Actor::System, at(1)).unwrap();
        let again = w.debit("o1", eur(400), "o1:wallet", Actor::System, at(2)).unwrap();
        assert_eq!((again.entry, again.replayed), (first.entry, true));
        assert_eq!(w.balance(Currency::EUR), eur(600));
        let other_currency = w.debit("o1", usd(400), "o1:wallet", Actor::System, at(3));
        assert_eq!(other_currency, Err(StoredValueError::KeyReused { key: "o1:wallet".into() }));
        let other_amount = w.debit("o1", eur(401), "o1:wallet", Actor::System, at(3));
        assert_eq!(other_amount, Err(StoredValueError::KeyReused { key: "o1:wallet".into() }));
        assert_eq!(w.balance(Currency::USD), usd(1_000));
    }

    #[test]
    fn refunds_return_what_an_order_took_and_emit_events() {
        let mut w = Wallet::new("c1");
        w.deposit(eur(1_000), "top-up", "d1", staff(), at(0)).unwrap();
        w.debit("o1", eur(800), "o1:wallet", Actor::System, at(1)).unwrap();
        w.refund("o1", eur(300), "o1:refund:1", staff(), at(2)).unwrap();
        assert!(matches!(
            w.refund("o1", eur(501), "o1:refund:2", staff(), at(3)),
            Err(StoredValueError::RefundExceedsDebited { .. })
        ));
        let kinds: Vec<_> = w.take_events().iter().map(|e| e.event.kind()).collect();
        assert_eq!(kinds, ["wallet_credited", "wallet_debited", "wallet_credited"]);
        let last = w.account(Currency::EUR).unwrap().entries().last().unwrap();
        assert_eq!((last.amount, last.balance_after), (eur(300), eur(500)));
    }

    #[test]
    fn a_refused_movement_on_a_new_currency_opens_no_account() {
        let mut w = Wallet::new("c1");
        assert!(w.debit("o1", eur(1), "k", Actor::System, at(0)).is_err());
        assert!(w.accounts().is_empty() && w.events().is_empty());
    }

    fn signed(entry: &crate::payment::LedgerEntry) -> i64 {
        match entry.kind {
            LedgerEntryKind::Debit { .. } => -entry.amount.minor(),
            _ => entry.amount.minor(),
        }
    }

    fn movements() -> impl Strategy<Value = Vec<(u8, i64)>> {
        proptest::collection::vec((0u8..3, 1i64..2_000), 1..60)
    }

    proptest! {
        #[test]
        fn random_movements_never_drive_the_balance_below_zero(ops in movements()) {
            let mut w = Wallet::new("c1");
            for (n, (op, minor)) in ops.into_iter().enumerate() {
                let key = format!("k{n}");
                let moved = match op {
                    0 => w.deposit(eur(minor), "top-up", &key, staff(), at(0)),
                    1 => w.debit("o1", eur(minor), &key, Actor::System, at(0)),
                    _ => w.refund("o1", eur(minor), &key, staff(), at(0)),
                };
                prop_assert!(op != 0 || moved.is_ok(), "a deposit was refused");
                let mut running = 0;
                for entry in w.account(Currency::EUR).map(|a| a.entries()).unwrap_or_default() {
                    running += signed(entry);
                    prop_assert_eq!(entry.balance_after.minor(), running);
                    prop_assert!(running >= 0);
                }
                prop_assert_eq!(w.balance(Currency::EUR).minor(), running);
            }
        }
    }
}
