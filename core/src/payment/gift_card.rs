//! Gift cards: a code, a value in one currency on a stored-value ledger, and an optional expiry. An
//! order takes all or part of the balance (idempotently, by key); money an order took can go back onto
//! the card until it expires. Every movement is a ledger entry and an event.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::GiftCardEvent;
use super::{GiftCardCode, LedgerEntryKind, Posting, StoredValueError, StoredValueLedger};
use crate::event::{Actor, RecordedEvent};
use crate::money::Money;

/// A gift card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GiftCard {
    id: String,
    code: GiftCardCode,
    value: Money,
    ledger: StoredValueLedger,
    issued_at: Timestamp,
    expires_at: Option<Timestamp>,
    /// The idempotency key the card was issued under, when issued through the shop.
    #[serde(default)]
    issue_key: Option<String>,
    #[serde(default)]
    events: Vec<RecordedEvent<GiftCardEvent>>,
}

impl GiftCard {
    /// Issues a card with `code` worth `value` (positive), expiring at `expires_at` (`None`: never),
    /// by `actor` (staff, or the system for a card bought in the shop).
    pub fn issue(
        code: GiftCardCode,
        value: Money,
        expires_at: Option<Timestamp>,
        actor: Actor,
        at: Timestamp,
    ) -> Result<GiftCard, StoredValueError> {
        let mut ledger = StoredValueLedger::new(value.currency());
        let id = Uuid::now_v7().to_string();
        let issue = LedgerEntryKind::Deposit { note: "issued".into() };
        ledger.post(issue, value, &format!("issue:{id}"), actor, at)?;
        let mut card =
            GiftCard { id, code, value, ledger, issued_at: at, expires_at, issue_key: None, events: Vec::new() };
        let (gift_card_id, masked_code) = (card.id.clone(), card.code.masked());
        card.record(GiftCardEvent::GiftCardIssued { gift_card_id, masked_code, amount: value, expires_at }, at);
        Ok(card)
    }

    /// Takes `amount` to pay order `order_id`. A repeat with `key` returns the first entry (even after
    /// expiry); refused when the card has expired at `at` or holds less than `amount`.
    pub fn redeem(
        &mut self,
        order_id: &str,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        let posting =
            self.move_money(LedgerEntryKind::Debit { order_id: order_id.to_owned() }, amount, key, actor, at)?;
        if !posting.replayed {
            let (gift_card_id, order_id, balance) = (self.id.clone(), order_id.to_owned(), posting.entry.balance_after);
            self.record(GiftCardEvent::GiftCardRedeemed { gift_card_id, order_id, amount, balance }, at);
        }
        Ok(posting)
    }

    /// Puts `amount` that order `order_id` took back onto the card (never more than it took, net).
    /// Refused once the card has expired: refund to store credit instead.
    pub fn refund(
        &mut self,
        order_id: &str,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        let posting =
            self.move_money(LedgerEntryKind::Refund { order_id: order_id.to_owned() }, amount, key, actor, at)?;
        if !posting.replayed {
            let (gift_card_id, order_id, balance) = (self.id.clone(), order_id.to_owned(), posting.entry.balance_after);
            self.record(GiftCardEvent::GiftCardRefunded { gift_card_id, order_id, amount, balance }, at);
        }
        Ok(posting)
    }

    fn move_money(
        &mut self,
        kind: LedgerEntryKind,
        amount: Money,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Posting, StoredValueError> {
        if let Some(entry) = self.ledger.replay(key, &kind, amount)? {
            return Ok(Posting { entry, replayed: true });
        }
        self.check_not_expired(at)?;
        self.ledger.post(kind, amount, key, actor, at)
    }

    fn check_not_expired(&self, at: Timestamp) -> Result<(), StoredValueError> {
        match self.expires_at {
            Some(expired_at) if at >= expired_at => {
                Err(StoredValueError::Expired { gift_card_id: self.id.clone(), expired_at })
            }
            _ => Ok(()),
        }
    }

    fn record(&mut self, event: GiftCardEvent, at: Timestamp) {
        self.events.push(RecordedEvent::new(event, at));
    }

    /// Whether the card has expired at `at`.
    pub fn is_expired(&self, at: Timestamp) -> bool {
        self.check_not_expired(at).is_err()
    }

    /// What an order can take from the card at `at`: its balance, or zero once expired.
    pub fn available(&self, at: Timestamp) -> Money {
        if self.is_expired(at) {
            Money::zero(self.value.currency())
        } else {
            self.ledger.balance()
        }
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The code the shopper types.
    pub fn code(&self) -> &GiftCardCode {
        &self.code
    }

    /// The value it was issued with.
    pub fn value(&self) -> Money {
        self.value
    }

    /// The balance now, expired or not.
    pub fn balance(&self) -> Money {
        self.ledger.balance()
    }

    /// Every movement, oldest first, with the running balance.
    pub fn ledger(&self) -> &StoredValueLedger {
        &self.ledger
    }

    /// When it was issued.
    pub fn issued_at(&self) -> Timestamp {
        self.issued_at
    }

    /// Notes the idempotency key the card is issued under, so issuing again with it finds this card.
    pub fn issued_under(mut self, key: &str) -> GiftCard {
        self.issue_key = Some(key.to_owned());
        self
    }

    /// The idempotency key the card was issued under, if any.
    pub fn issue_key(&self) -> Option<&str> {
        self.issue_key.as_deref()
    }

    /// When it expires, if it does.
    pub fn expires_at(&self) -> Option<Timestamp> {
        self.expires_at
    }

    /// The events not yet taken.
    pub fn events(&self) -> &[RecordedEvent<GiftCardEvent>] {
        &self.events
    }

    /// The events recorded since the last call, oldest first, leaving none behind.
    pub fn take_events(&mut self) -> Vec<RecordedEvent<GiftCardEvent>> {
        std::mem::take(&mut self.events)
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    use crate::test_util::eur;

    use crate::test_util::on_day as at;

    fn card(minor: i64, expires_in_days: Option<i64>) -> GiftCard {
        let code = GiftCardCode::generate().unwrap();
        let staff = Actor::Staff { id: "ana".into() };
        GiftCard::issue(code, eur(minor), expires_in_days.map(at), staff, at(0)).unwrap()
    }

    fn kinds(card: &mut GiftCard) -> Vec<&'static str> {
        card.take_events().iter().map(|e| e.event.kind()).collect()
    }

    #[test]
    fn partial_use_leaves_the_rest_on_the_card_with_a_running_balance() {
        let mut gc = card(5_000, None);
        gc.redeem("o1", eur(1_999), "o1:gc", Actor::System, at(1)).unwrap();
        gc.redeem("o2", eur(3_000), "o2:gc", Actor::System, at(2)).unwrap();
        assert_eq!((gc.balance(), gc.available(at(3))), (eur(1), eur(1)));
        let too_much = gc.redeem("o3", eur(2), "o3:gc", Actor::System, at(3)).unwrap_err();
        assert_eq!(too_much, StoredValueError::InsufficientBalance { balance: eur(1), requested: eur(2) });
        let running: Vec<_> = gc.ledger().entries().iter().map(|e| e.balance_after).collect();
        assert_eq!(running, [eur(5_000), eur(3_001), eur(1)]);
        assert_eq!(kinds(&mut gc), ["gift_card_issued", "gift_card_redeemed", "gift_card_redeemed"]);
    }

    #[test]
    fn redemption_is_idempotent_by_key_even_after_expiry() {
        let mut gc = card(5_000, Some(30));
        let first = gc.redeem("o1", eur(1_000), "o1:gc", Actor::System, at(1)).unwrap();
        let again = gc.redeem("o1", eur(1_000), "o1:gc", Actor::System, at(31)).unwrap();
        assert_eq!((again.entry, again.replayed), (first.entry, true));
        assert_eq!(gc.balance(), eur(4_000));
        let reused = gc.redeem("o1", eur(1_500), "o1:gc", Actor::System, at(2));
        assert_eq!(reused, Err(StoredValueError::KeyReused { key: "o1:gc".into() }));
        assert_eq!(kinds(&mut gc), ["gift_card_issued", "gift_card_redeemed"]);
    }

    #[test]
    fn an_expired_card_can_neither_pay_nor_take_refunds() {
        let mut gc = card(5_000, Some(30));
        gc.redeem("o1", eur(1_000), "k1", Actor::System, at(29)).unwrap();
        assert!(!gc.is_expired(at(29)) && gc.is_expired(at(30)));
        assert_eq!(gc.available(at(30)), eur(0));
        let expired = gc.redeem("o2", eur(1), "k2", Actor::System, at(30));
        assert!(matches!(expired, Err(StoredValueError::Expired { .. })));
        assert!(matches!(
            gc.refund("o1", eur(1_000), "r1", Actor::System, at(30)),
            Err(StoredValueError::Expired { .. })
        ));
        assert_eq!(gc.balance(), eur(4_000));
    }

    #[test]
    fn refunds_go_back_onto_the_card_never_more_than_the_order_took() {
        let mut gc = card(5_000, None);
        gc.redeem("o1", eur(2_000), "k1", Actor::System, at(1)).unwrap();
        gc.refund("o1", eur(500), "r1", Actor::System, at(2)).unwrap();
        let err = gc.refund("o1", eur(1_501), "r2", Actor::System, at(3)).unwrap_err();
        assert!(matches!(err, StoredValueError::RefundExceedsDebited { .. }));
        gc.refund("o1", eur(1_500), "r3", Actor::System, at(3)).unwrap();
        assert_eq!(gc.balance(), eur(5_000));
        let events = gc.take_events();
        assert!(matches!(
            &events.last().unwrap().event,
            GiftCardEvent::GiftCardRefunded { amount, balance, .. } if *amount == eur(1_500) && *balance == eur(5_000)
        ));
    }

    #[test]
    fn issuing_needs_a_positive_value_and_the_event_masks_the_code() {
        let code = GiftCardCode::generate().unwrap();
        assert!(GiftCard::issue(code.clone(), eur(0), None, Actor::System, at(0)).is_err());
        let gc = GiftCard::issue(code.clone(), eur(2_500), None, Actor::System, at(0)).unwrap();
        let GiftCardEvent::GiftCardIssued { masked_code, .. } = &gc.events()[0].event else { panic!("issued") };
        assert_eq!(masked_code, &format!("****-****-****-{}", &code.as_str()[12..]));
    }
}
