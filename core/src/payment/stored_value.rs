//! The ledger behind store credit and gift cards: a balance in one currency that never goes below
//! zero, and every movement (deposit, debit for an order, refund to it) as an entry with the running
//! balance. Movements are idempotent by key; a refund for an order never exceeds what that order took.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::StoredValueError;
use crate::event::Actor;
use crate::money::{Currency, Money, MoneyError};

/// What one ledger entry did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LedgerEntryKind {
    /// Money put in: a top-up, store credit, a gift card's value.
    Deposit {
        /// Why, for the statement.
        note: String,
    },
    /// Money taken to pay an order.
    Debit {
        /// The order paid.
        order_id: String,
    },
    /// Money an order took, given back.
    Refund {
        /// The order refunded.
        order_id: String,
    },
}

/// One movement on a stored-value ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LedgerEntry {
    /// Unique id (UUIDv7 string).
    pub id: String,
    /// The key the movement was made with; a repeat with it returns this entry.
    pub idempotency_key: String,
    /// What it did.
    pub kind: LedgerEntryKind,
    /// The amount moved, positive.
    pub amount: Money,
    /// The balance after this entry.
    pub balance_after: Money,
    /// When.
    pub at: Timestamp,
    /// Who.
    pub actor: Actor,
}

/// The outcome of a movement: the entry, and whether it was a repeat (nothing moved this time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Posting {
    /// The entry (the first one, for a repeat).
    pub entry: LedgerEntry,
    /// Whether the key had been used already, so this call moved nothing.
    pub replayed: bool,
}

/// A balance in one currency with its full history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredValueLedger {
    balance: Money,
    entries: Vec<LedgerEntry>,
}

impl StoredValueLedger {
    /// An empty ledger in `currency`.
    pub fn new(currency: Currency) -> StoredValueLedger {
        StoredValueLedger { balance: Money::zero(currency), entries: Vec::new() }
    }

    /// The ledger's currency.
    pub fn currency(&self) -> Currency {
        self.balance.currency()
    }

    /// The balance now (never negative).
    pub fn balance(&self) -> Money {
        self.balance
    }

    /// Every entry, oldest first, each with the balance after it.
    pub fn entries(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// The entry made with `key`, if any.
    pub fn entry_with_key(&self, key: &str) -> Option<&LedgerEntry> {
        self.entries.iter().find(|e| e.idempotency_key == key)
    }

    /// What `order_id` took, net of refunds to it.
    pub fn net_debited(&self, order_id: &str) -> Money {
        let minor = self
            .entries
            .iter()
            .map(|e| match &e.kind {
                LedgerEntryKind::Debit { order_id: o } if o == order_id => e.amount.minor(),
                LedgerEntryKind::Refund { order_id: o } if o == order_id => -e.amount.minor(),
                _ => 0,
            })
            .sum();
        Money::from_minor(minor, self.currency())
    }

    /// The first entry made with `key`, when `kind` and `amount` match it; an error when they do not.
    pub(super) fn replay(
        &self,
        key: &str,
        kind: &LedgerEntryKind,
        amount: Money,
    ) -> Result<Option<LedgerEntry>, StoredValueError> {
        if key.trim().is_empty() {
            return Err(StoredValueError::BlankKey);
        }
        match self.entry_with_key(key) {
            Some(e) if e.kind == *kind && e.amount == amount => Ok(Some(e.clone())),
            Some(_) => Err(StoredValueError::KeyReused { key: key.to_owned() }),
            None => Ok(None),
        }
    }

    /// Moves `amount` as `kind` under `key`: a repeat returns the first entry; a debit beyond the
    /// balance or a refund beyond what the order took is refused and changes nothing.
    pub(super) fn post(
        &mut self,
        kind: LedgerEntryKind,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        if let Some(entry) = self.replay(key, &kind, amount)? {
            return Ok(Posting { entry, replayed: true });
        }
        let balance_after = self.balance_after(&kind, amount)?;
        let id = Uuid::now_v7().to_string();
        let entry = LedgerEntry { id, idempotency_key: key.to_owned(), kind, amount, balance_after, at, actor };
        self.balance = balance_after;
        self.entries.push(entry.clone());
        Ok(Posting { entry, replayed: false })
    }

    fn balance_after(&self, kind: &LedgerEntryKind, amount: Money) -> Result<Money, StoredValueError> {
        if amount.currency() != self.currency() {
            let (left, right) = (self.currency().code(), amount.currency().code());
            return Err(MoneyError::CurrencyMismatch { left, right }.into());
        }
        if amount.minor() <= 0 {
            return Err(StoredValueError::NonPositiveAmount { amount });
        }
        match kind {
            LedgerEntryKind::Deposit { .. } => Ok(self.balance.checked_add(&amount)?),
            LedgerEntryKind::Debit { .. } if amount.minor() > self.balance.minor() => {
                Err(StoredValueError::InsufficientBalance { balance: self.balance, requested: amount })
            }
            LedgerEntryKind::Debit { .. } => Ok(self.balance.checked_sub(&amount)?),
            LedgerEntryKind::Refund { order_id } => {
                let debited = self.net_debited(order_id);
                if amount.minor() > debited.minor() {
                    return Err(StoredValueError::RefundExceedsDebited { order_id: order_id.clone(), debited, amount });
                }
                Ok(self.balance.checked_add(&amount)?)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_util::eur;

    use crate::test_util::at;

    fn debit(order: &str) -> LedgerEntryKind {
        LedgerEntryKind::Debit { order_id: order.into() }
    }

    fn refund(order: &str) -> LedgerEntryKind {
        LedgerEntryKind::Refund { order_id: order.into() }
    }

    fn funded(minor: i64) -> StoredValueLedger {
        let mut ledger = StoredValueLedger::new(Currency::EUR);
        ledger
            .post(LedgerEntryKind::Deposit { note: "top-up".into() }, eur(minor), "d1", Actor::System, at(0))
            .unwrap();
        ledger
    }

    #[test]
    fn running_balance_is_kept_on_every_entry() {
        let mut ledger = funded(5_000);
        ledger.post(debit("o1"), eur(1_200), "k1", Actor::System, at(1)).unwrap();
        ledger.post(refund("o1"), eur(200), "k2", Actor::System, at(2)).unwrap();
        let running: Vec<i64> = ledger.entries().iter().map(|e| e.balance_after.minor()).collect();
        assert_eq!(running, [5_000, 3_800, 4_000]);
        assert_eq!((ledger.balance(), ledger.net_debited("o1")), (eur(4_000), eur(1_000)));
    }

    #[test]
    fn the_balance_never_goes_negative_and_a_refused_debit_changes_nothing() {
        let mut ledger = funded(1_000);
        let before = ledger.clone();
        let err = ledger.post(debit("o1"), eur(1_001), "k1", Actor::System, at(1)).unwrap_err();
        assert_eq!(err, StoredValueError::InsufficientBalance { balance: eur(1_000), requested: eur(1_001) });
        assert_eq!(ledger, before);
        ledger.post(debit("o1"), eur(1_000), "k1", Actor::System, at(1)).unwrap();
        assert_eq!(ledger.balance(), eur(0));
    }

    #[test]
    fn same_key_replays_and_same_key_other_parameters_is_an_error() {
        let mut ledger = funded(1_000);
        let first = ledger.post(debit("o1"), eur(300), "k1", Actor::System, at(1)).unwrap();
        let again = ledger.post(debit("o1"), eur(300), "k1", Actor::System, at(2)).unwrap();
        assert_eq!((again.entry, again.replayed, first.replayed), (first.entry, true, false));
        assert_eq!(ledger.balance(), eur(700));
        for (kind, amount) in [(debit("o1"), eur(301)), (debit("o2"), eur(300)), (refund("o1"), eur(300))] {
            let err = ledger.post(kind, amount, "k1", Actor::System, at(3)).unwrap_err();
            assert_eq!(err, StoredValueError::KeyReused { key: "k1".into() });
        }
        assert_eq!(ledger.post(debit("o1"), eur(1), " ", Actor::System, at(3)), Err(StoredValueError::BlankKey));
    }

    #[test]
    fn refunds_are_bounded_by_what_the_order_took() {
        let mut ledger = funded(1_000);
        ledger.post(debit("o1"), eur(400), "k1", Actor::System, at(1)).unwrap();
        let err = ledger.post(refund("o2"), eur(1), "r0", Actor::System, at(2)).unwrap_err();
        assert!(matches!(err, StoredValueError::RefundExceedsDebited { .. }));
        ledger.post(refund("o1"), eur(300), "r1", Actor::System, at(2)).unwrap();
        let err = ledger.post(refund("o1"), eur(101), "r2", Actor::System, at(3)).unwrap_err();
        assert_eq!(
            err,
            StoredValueError::RefundExceedsDebited { order_id: "o1".into(), debited: eur(100), amount: eur(101) }
        );
    }

    #[test]
    fn amounts_must_be_positive_and_in_the_ledgers_currency() {
        let mut ledger = funded(1_000);
        let zero = ledger.post(debit("o1"), eur(0), "k1", Actor::System, at(1));
        assert!(matches!(zero, Err(StoredValueError::NonPositiveAmount { .. })));
        let usd = ledger.post(debit("o1"), Money::from_minor(1, Currency::USD), "k2", Actor::System, at(1));
        assert!(matches!(usd, Err(StoredValueError::Money(_))));
    }
}
