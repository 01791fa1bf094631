//! Split tender: one order paid by several methods. The plan takes gift cards first (in the order the
//! shopper entered them, each as far as its balance goes), then store credit from the wallet, and puts
//! the remainder on the card. Refunds of a split-tender order go back to the methods that paid it,
//! in proportion to what each still holds (largest-remainder allocation, ties to the earlier part,
//! so gift cards before the wallet before the card), never more than a method took.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{GiftCard, StoredValueError, Wallet};
use crate::event::Actor;
use crate::money::{Money, MoneyError};
use crate::order::PaymentMethod;
use crate::order::{Order, OrderError};

/// Where part of an order's money comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tender {
    /// A gift card.
    GiftCard {
        /// The card.
        gift_card_id: String,
    },
    /// The customer's wallet (store credit).
    Wallet {
        /// The wallet.
        wallet_id: String,
    },
    /// A payment card through the gateway.
    Card,
}

impl Tender {
    /// The payment method this tender is.
    pub fn method(&self) -> PaymentMethod {
        match self {
            Tender::GiftCard { .. } => PaymentMethod::GiftCard,
            Tender::Wallet { .. } => PaymentMethod::Wallet,
            Tender::Card => PaymentMethod::Card,
        }
    }
}

/// An amount from one tender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TenderPart {
    /// Where it comes from (or goes back to).
    pub tender: Tender,
    /// How much, positive.
    pub amount: Money,
}

/// Why a split-tender plan, payment or refund was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TenderError {
    /// The order's total must be positive.
    #[error("total: {total} must be positive")]
    NonPositiveTotal {
        /// The total given.
        total: Money,
    },
    /// The plan names a gift card that was not passed in.
    #[error("gift card {gift_card_id}: not given")]
    UnknownGiftCard {
        /// The card.
        gift_card_id: String,
    },
    /// The plan has a wallet part but no wallet was passed in.
    #[error("wallet {wallet_id}: not given")]
    MissingWallet {
        /// The wallet.
        wallet_id: String,
    },
    /// A refund larger than what the tenders still hold.
    #[error("refund: {refund} is more than the {paid} paid")]
    RefundExceedsPaid {
        /// What the tenders hold.
        paid: Money,
        /// The refund asked for.
        refund: Money,
    },
    /// A gift card or the wallet refused.
    #[error(transparent)]
    StoredValue(#[from] StoredValueError),
    /// The order refused the payment or refund.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// How an order's total is split over gift cards, the wallet and the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SplitTenderPlan {
    /// The order's total.
    pub total: Money,
    /// The parts, gift cards first, then the wallet, then the card; they sum to `total`.
    pub parts: Vec<TenderPart>,
}

impl SplitTenderPlan {
    /// Plans paying `total` at `at`: each of `gift_cards` in turn as far as its balance goes, then
    /// `wallet`, then the rest on the card. Cards or a wallet with nothing left get no part; an expired
    /// card or one in another currency is an error, so the shopper hears about it.
    pub fn new(
        total: Money,
        gift_cards: &[GiftCard],
        wallet: Option<&Wallet>,
        at: Timestamp,
    ) -> Result<SplitTenderPlan, TenderError> {
        if total.minor() <= 0 {
            return Err(TenderError::NonPositiveTotal { total });
        }
        let mut offers = Vec::new();
        for card in gift_cards {
            if let (true, Some(expired_at)) = (card.is_expired(at), card.expires_at()) {
                return Err(StoredValueError::Expired { gift_card_id: card.id().to_owned(), expired_at }.into());
            }
            offers.push((Tender::GiftCard { gift_card_id: card.id().to_owned() }, card.available(at)));
        }
        if let Some(wallet) = wallet {
            offers.push((Tender::Wallet { wallet_id: wallet.id().to_owned() }, wallet.balance(total.currency())));
        }
        let mut plan = SplitTenderPlan { total, parts: Vec::new() };
        let left =
            offers.into_iter().try_fold(total, |left, (tender, available)| plan.take(left, tender, available))?;
        plan.push(Tender::Card, left);
        Ok(plan)
    }

    /// Takes what `available` covers of `left` from `tender`; returns what is still left.
    fn take(&mut self, left: Money, tender: Tender, available: Money) -> Result<Money, TenderError> {
        let amount = Money::from_minor(left.minor().min(available.minor()), available.currency());
        let left = left.checked_sub(&amount)?;
        self.push(tender, amount);
        Ok(left)
    }

    fn push(&mut self, tender: Tender, amount: Money) {
        if amount.minor() > 0 {
            self.parts.push(TenderPart { tender, amount });
        }
    }

    /// What goes on the card (zero when gift cards and the wallet cover everything).
    pub fn card_amount(&self) -> Money {
        let card = self.parts.iter().find(|p| p.tender == Tender::Card);
        card.map_or(Money::zero(self.total.currency()), |p| p.amount)
    }

    /// Takes the gift-card and wallet parts for `order` and records each on it as received; returns
    /// what is left for the card. Keys derive from `key`, so a repeat takes nothing twice. If a part
    /// is refused, the parts already taken stay taken: give them back with
    /// [`SplitTenderPlan::release_stored_value`] (also when the card is then declined).
    pub fn take_stored_value(
        &self,
        order: &mut Order,
        gift_cards: &mut [GiftCard],
        mut wallet: Option<&mut Wallet>,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Money, TenderError> {
        for part in &self.parts {
            let order_id = order.id().to_owned();
            let key = part_key(key, &part.tender);
            let posting = match &part.tender {
                Tender::GiftCard { gift_card_id } => {
                    gift_card(gift_cards, gift_card_id)?.redeem(&order_id, part.amount, &key, actor.clone(), at)?
                }
                Tender::Wallet { wallet_id } => {
                    wallet_of(&mut wallet, wallet_id)?.debit(&order_id, part.amount, &key, actor.clone(), at)?
                }
                Tender::Card => continue,
            };
            if !posting.replayed {
                order.receive_payment(part.amount, part.tender.method(), actor.clone(), at)?;
            }
        }
        Ok(self.card_amount())
    }

    /// Gives back every gift-card and wallet part that [`SplitTenderPlan::take_stored_value`] took
    /// with `key` (those not taken are skipped) and records the refunds on `order`. Idempotent too.
    pub fn release_stored_value(
        &self,
        order: &mut Order,
        gift_cards: &mut [GiftCard],
        mut wallet: Option<&mut Wallet>,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), TenderError> {
        for part in &self.parts {
            let order_id = order.id().to_owned();
            let (taken, release) = (part_key(key, &part.tender), format!("{}:release", part_key(key, &part.tender)));
            let posting = match &part.tender {
                Tender::GiftCard { gift_card_id } => {
                    let card = gift_card(gift_cards, gift_card_id)?;
                    if card.ledger().entry_with_key(&taken).is_none() {
                        continue;
                    }
                    card.refund(&order_id, part.amount, &release, actor.clone(), at)?
                }
                Tender::Wallet { wallet_id } => {
                    let wallet = wallet_of(&mut wallet, wallet_id)?;
                    if wallet.account(part.amount.currency()).and_then(|a| a.entry_with_key(&taken)).is_none() {
                        continue;
                    }
                    wallet.refund(&order_id, part.amount, &release, actor.clone(), at)?
                }
                Tender::Card => continue,
            };
            if !posting.replayed {
                order.refund_payment(part.amount, part.tender.method(), at)?;
            }
        }
        Ok(())
    }
}

fn part_key(key: &str, tender: &Tender) -> String {
    match tender {
        Tender::GiftCard { gift_card_id } => format!("{key}:gift_card:{gift_card_id}"),
        Tender::Wallet { wallet_id } => format!("{key}:wallet:{wallet_id}"),
        Tender::Card => format!("{key}:card"),
    }
}

fn gift_card<'a>(cards: &'a mut [GiftCard], id: &str) -> Result<&'a mut GiftCard, TenderError> {
    cards.iter_mut().find(|c| c.id() == id).ok_or_else(|| TenderError::UnknownGiftCard { gift_card_id: id.to_owned() })
}

fn wallet_of<'a>(wallet: &'a mut Option<&mut Wallet>, id: &str) -> Result<&'a mut Wallet, TenderError> {
    match wallet {
        Some(w) if w.id() == id => Ok(w),
        _ => Err(TenderError::MissingWallet { wallet_id: id.to_owned() }),
    }
}

/// Splits `refund` over `paid` (what each tender of an order still holds, net of earlier refunds)
/// in proportion to those amounts, by largest remainder with ties to the earlier part: the parts sum
/// to `refund` exactly and none exceeds what its tender holds. Tenders getting nothing are left out.
pub fn allocate_refund(paid: &[TenderPart], refund: Money) -> Result<Vec<TenderPart>, TenderError> {
    if refund.minor() <= 0 {
        return Err(TenderError::NonPositiveTotal { total: refund });
    }
    let held = paid.iter().try_fold(Money::zero(refund.currency()), |sum, p| sum.checked_add(&p.amount))?;
    if refund.minor() > held.minor() {
        return Err(TenderError::RefundExceedsPaid { paid: held, refund });
    }
    let weights: Vec<i64> = paid.iter().map(|p| p.amount.minor().max(0)).collect();
    let shares = refund.allocate(&weights)?;
    let parts = paid.iter().zip(shares).filter(|(_, share)| share.minor() > 0);
    Ok(parts.map(|(p, amount)| TenderPart { tender: p.tender.clone(), amount }).collect())
}

crate::error_code!(TenderError, "payment", {
    TenderError::NonPositiveTotal { .. } => "non_positive_total",
    TenderError::UnknownGiftCard { .. } => "unknown_gift_card",
    TenderError::MissingWallet { .. } => "missing_wallet",
    TenderError::RefundExceedsPaid { .. } => "refund_exceeds_paid",
}, wraps {
    TenderError::StoredValue(inner) => inner,
    TenderError::Order(inner) => inner,
    TenderError::Money(inner) => inner,
});

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::money::Currency;
    use crate::order::fixtures::{eur, placed};
    use crate::order::{OrderState, Rebalance};
    use crate::payment::GiftCardCode;

    use crate::test_util::on_day as at;

    fn card(minor: i64, expires: Option<i64>) -> GiftCard {
        GiftCard::issue(GiftCardCode::generate().unwrap(), eur(minor), expires.map(at), Actor::System, at(0)).unwrap()
    }

    fn wallet(minor: i64) -> Wallet {
        let mut w = Wallet::new("c1");
        w.deposit(eur(minor), "credit", "d1", Actor::System, at(0)).unwrap();
        w
    }

    fn gc(card: &GiftCard) -> Tender {
        Tender::GiftCard { gift_card_id: card.id().to_owned() }
    }

    fn part(tender: Tender, minor: i64) -> TenderPart {
        TenderPart { tender, amount: eur(minor) }
    }

    #[test]
    fn gift_cards_first_then_the_wallet_then_the_card() {
        let (a, b, w) = (card(1_000, None), card(500, None), wallet(2_000));
        let plan = SplitTenderPlan::new(eur(4_450), &[a.clone(), b.clone()], Some(&w), at(1)).unwrap();
        let wt = Tender::Wallet { wallet_id: w.id().to_owned() };
        assert_eq!(plan.parts, [part(gc(&a), 1_000), part(gc(&b), 500), part(wt, 2_000), part(Tender::Card, 950)]);
        assert_eq!(plan.card_amount(), eur(950));
        let small = SplitTenderPlan::new(eur(800), std::slice::from_ref(&a), Some(&w), at(1)).unwrap();
        assert_eq!((small.card_amount(), small.parts), (eur(0), vec![part(gc(&a), 800)]));
    }

    #[test]
    fn an_expired_card_is_an_error_and_an_empty_wallet_gets_no_part() {
        let expired = card(1_000, Some(10));
        let err = SplitTenderPlan::new(eur(4_450), &[expired], None, at(10)).unwrap_err();
        assert!(matches!(err, TenderError::StoredValue(StoredValueError::Expired { .. })));
        let plan = SplitTenderPlan::new(eur(4_450), &[], Some(&Wallet::new("c1")), at(1)).unwrap();
        assert_eq!(plan.parts, [part(Tender::Card, 4_450)]);
        assert!(matches!(SplitTenderPlan::new(eur(0), &[], None, at(1)), Err(TenderError::NonPositiveTotal { .. })));
    }

    #[test]
    fn taking_stored_value_records_each_part_on_the_order_once() {
        let mut order = placed(PaymentMethod::Card);
        let mut cards = [card(1_000, None)];
        let mut w = wallet(500);
        let plan = SplitTenderPlan::new(order.total(), &cards, Some(&w), at(1)).unwrap();
        for _ in 0..2 {
            let left = plan.take_stored_value(&mut order, &mut cards, Some(&mut w), "o:pay", Actor::System, at(1));
            assert_eq!(left, Ok(eur(2_950)));
        }
        assert_eq!((order.paid(), order.state()), (eur(1_500), OrderState::PendingPayment));
        assert_eq!((cards[0].balance(), w.balance(Currency::EUR)), (eur(0), eur(0)));
        order.receive_payment(eur(2_950), PaymentMethod::Card, Actor::System, at(1)).unwrap();
        assert_eq!(order.state(), OrderState::Paid);
    }

    #[test]
    fn a_declined_card_gives_the_stored_value_back() {
        let mut order = placed(PaymentMethod::Card);
        let mut cards = [card(1_000, None), card(700, None)];
        let plan = SplitTenderPlan::new(order.total(), &cards, None, at(1)).unwrap();
        let mut only_first = [cards[0].clone()];
        let missing = plan.take_stored_value(&mut order, &mut only_first, None, "k", Actor::System, at(1));
        assert!(matches!(missing, Err(TenderError::UnknownGiftCard { .. })));
        cards[0] = only_first[0].clone();
        assert_eq!(order.paid(), eur(1_000));
        plan.release_stored_value(&mut order, &mut cards, None, "k", Actor::System, at(2)).unwrap();
        plan.release_stored_value(&mut order, &mut cards, None, "k", Actor::System, at(2)).unwrap();
        assert_eq!((cards[0].balance(), cards[1].balance()), (eur(1_000), eur(700)));
        assert_eq!(order.balance().unwrap(), Rebalance::AmountDue { amount: eur(4_450) });
    }

    #[test]
    fn refunds_are_split_by_largest_remainder_and_never_exceed_a_tender() {
        let (a, w) = (card(1_000, None), wallet(1));
        let wt = Tender::Wallet { wallet_id: w.id().to_owned() };
        let paid = [part(gc(&a), 1_000), part(wt.clone(), 500), part(Tender::Card, 2_950)];
        let parts = allocate_refund(&paid, eur(1_000)).unwrap();
        assert_eq!(parts, [part(gc(&a), 225), part(wt, 112), part(Tender::Card, 663)]);
        let all = allocate_refund(&paid, eur(4_450)).unwrap();
        assert_eq!(all, paid);
        let err = allocate_refund(&paid, eur(4_451)).unwrap_err();
        assert_eq!(err, TenderError::RefundExceedsPaid { paid: eur(4_450), refund: eur(4_451) });
        assert_eq!(allocate_refund(&paid[..1], eur(1)).unwrap(), [part(gc(&a), 1)]);
    }

    proptest! {
        #[test]
        fn refund_parts_sum_to_the_refund_within_each_tender(
            held in proptest::collection::vec(0i64..100_000, 1..4),
            share in 1i64..=1_000,
        ) {
            let total: i64 = held.iter().sum();
            prop_assume!(total > 0);
            let tender = |i: usize| Tender::GiftCard { gift_card_id: i.to_string() };
            let paid: Vec<TenderPart> = held.iter().enumerate().map(|(i, &m)| part(tender(i), m)).collect();
            let refund = (total * share / 1_000).max(1);
            let parts = allocate_refund(&paid, eur(refund)).unwrap();
            prop_assert_eq!(parts.iter().map(|p| p.amount.minor()).sum::<i64>(), refund);
            for p in &parts {
                let holder = paid.iter().find(|h| h.tender == p.tender).unwrap();
                prop_assert!(p.amount.minor() > 0 && p.amount.minor() <= holder.amount.minor());
            }
        }
    }
}
