//! The outcomes of an inspected return: refunds of tax-inclusive discounted lines pro rata by unit,
//! the shipping rule, refunds over several payments, exchanges and store credit.

use std::collections::BTreeMap;

use crate::money::Currency;
use crate::order::fixtures::{eur, MUG_LINE, TEE_LINE};
use crate::order::PaymentMethod::{Card, GiftCard};
use crate::order::{Order, OrderNumber};
use crate::returns::fixtures::*;
use crate::returns::{
    ItemCondition::{Damaged as Broken, Opened, Unused},
    ReturnReason::*,
    ReturnState::*,
    *,
};

fn card_and_gift_card() -> Vec<RefundablePayment> {
    payments(&[(Card, 3000), (GiftCard, 1450)])
}

fn inspected(order: &Order, others: &[Rma], lines: Vec<RequestedLine>) -> Rma {
    through_inspection(requested(order, others, lines), Unused)
}

#[test]
fn tax_inclusive_discounted_lines_are_refunded_pro_rata_by_unit_to_the_cent() {
    let order = tax_inclusive_order();
    let mugs = order.priced().lines.iter().find(|l| *l.line_id == *MUG_LINE).unwrap();
    // 3 x 9.80 gross = 29.40, minus its 2.98 share of 5.00 off = 26.42, VAT included.
    assert_eq!((mugs.subtotal.to_string(), mugs.discount.to_string()), ("29.40".into(), "2.98".into()));
    assert_eq!(mugs.total.to_string(), "26.42");
    assert!(!mugs.tax.is_zero() && order.priced().prices_include_tax);
    let paid = payments(&[(Card, 10_000)]);
    let mut first = inspected(&order, &[], vec![asked(MUG_LINE, 1, ChangedMind, Unused)]);
    let refunds = first.refund(&[], &paid, staff(), after(4 * DAY)).unwrap();
    assert_eq!(refunds[0].amount, eur(881), "26.42 / 3 = 8.806..: the first unit takes the leftover cent");
    let mut rest = inspected(&order, std::slice::from_ref(&first), vec![asked(MUG_LINE, 2, ChangedMind, Unused)]);
    let settlement = rest.settlement(std::slice::from_ref(&first)).unwrap();
    assert_eq!(settlement.lines[0].amount, eur(1761));
    let refunds = rest.refund(std::slice::from_ref(&first), &paid, staff(), after(4 * DAY)).unwrap();
    let line_total = crate::money::Money::checked(mugs.total, Currency::EUR, "total").unwrap();
    let returned = first.outcome().unwrap().settlement().unwrap().total.checked_add(&refunds[0].amount).unwrap();
    assert_eq!(returned, line_total, "every unit returned gives back exactly the line total");
    let again = Rma::request(
        new_return(vec![asked(MUG_LINE, 1, ChangedMind, Unused)]),
        &order,
        &[first, rest],
        &ReturnPolicy::default(),
        after(5 * DAY),
    );
    assert!(matches!(again, Err(ReturnError::AlreadyReturned { returned: 3, .. })));
}

#[test]
fn shipping_is_refunded_once_and_only_when_the_shop_is_at_fault() {
    let order = delivered_order();
    let changed_mind = inspected(&order, &[], vec![asked(TEE_LINE, 1, ChangedMind, Unused)]);
    let settlement = changed_mind.settlement(&[]).unwrap();
    assert_eq!((settlement.shipping, settlement.total), (eur(0), eur(2000)));
    let mut damaged = through_inspection(requested(&order, &[], vec![asked(TEE_LINE, 1, Damaged, Broken)]), Broken);
    let refunds = damaged.refund(&[], &card_and_gift_card(), staff(), after(4 * DAY)).unwrap();
    let settlement = damaged.outcome().unwrap().settlement().unwrap().clone();
    assert_eq!((settlement.shipping, settlement.total), (eur(490), eur(2490)));
    assert_eq!(refunds.iter().map(|r| r.amount.minor()).sum::<i64>(), 2490);
    let wrong = inspected(&order, std::slice::from_ref(&damaged), vec![asked(MUG_LINE, 2, WrongItem, Unused)]);
    let settlement = wrong.settlement(&[damaged]).unwrap();
    assert_eq!((settlement.shipping, settlement.total), (eur(0), eur(1960)), "shipping was already refunded");
}

#[test]
fn a_refund_is_split_over_two_payment_methods_to_the_cent() {
    let order = delivered_order();
    let mut tee = inspected(&order, &[], vec![asked(TEE_LINE, 1, ChangedMind, Unused)]);
    let refunds = tee.refund(&[], &card_and_gift_card(), staff(), after(4 * DAY)).unwrap();
    // 20.00 over 30.00 : 14.50 -> 13.4831 : 6.5169 -> 13.48, 6.52.
    let parts: Vec<_> = refunds.iter().map(|r| (r.method, r.amount)).collect();
    assert_eq!(parts, vec![(Card, eur(1348)), (GiftCard, eur(652))]);
    assert_eq!(refunds[0].idempotency_key, format!("return:{}:pay-0", tee.id()));
    assert_eq!(tee.state(), Refunded);
    let mut all = inspected(&order, std::slice::from_ref(&tee), vec![asked(MUG_LINE, 2, NotAsDescribed, Opened)]);
    let left = payments(&[(Card, 3000 - 1348), (GiftCard, 1450 - 652)]);
    let refunds = all.refund(&[tee], &left, staff(), after(4 * DAY)).unwrap();
    assert_eq!(refunds.iter().map(|r| r.amount).collect::<Vec<_>>(), vec![eur(1652), eur(798)]);
}

#[test]
fn a_refund_beyond_the_payments_or_with_nothing_accepted_changes_nothing() {
    let order = delivered_order();
    let mut tee = inspected(&order, &[], vec![asked(TEE_LINE, 1, ChangedMind, Unused)]);
    let before = tee.clone();
    let err = tee.refund(&[], &payments(&[(Card, 1999)]), staff(), after(4 * DAY)).unwrap_err();
    assert_eq!(err, ReturnError::RefundExceedsRefundable { refund: eur(2000), refundable: eur(1999) });
    assert_eq!(tee, before);
    let mut used = through_inspection(requested(&order, &[], vec![asked(TEE_LINE, 1, ChangedMind, Unused)]), Opened);
    let err = used.refund(&[], &card_and_gift_card(), staff(), after(4 * DAY)).unwrap_err();
    assert_eq!(err, ReturnError::NothingAccepted { return_id: used.id().into() });
    used.reject("opened; not accepted for a change of mind", staff(), after(4 * DAY)).unwrap();
    assert_eq!(used.state(), Rejected);
}

#[test]
fn an_exchange_drafts_a_replacement_order_at_no_charge() {
    let order = delivered_order();
    let mut rma =
        inspected(&order, &[], vec![asked(TEE_LINE, 1, WrongItem, Unused), asked(MUG_LINE, 2, Damaged, Unused)]);
    let variants = BTreeMap::from([(TEE_LINE.to_owned(), "tee-xl".to_owned())]);
    let number = OrderNumber::new("VT", 2026, 43).unwrap();
    let draft = rma.exchange(&order, &variants, number, staff(), after(4 * DAY)).unwrap();
    let lines: Vec<_> = draft.cart.lines.iter().map(|l| (l.variant_id.as_str(), l.quantity)).collect();
    assert_eq!(lines, vec![("tee-xl", 1), ("mug", 2)]);
    assert_eq!(draft.priced.totals.grand_total.to_string(), "0.00");
    assert!(draft.priced.lines.iter().all(|l| l.total.is_zero() && l.unit_price.is_zero()));
    assert_eq!((&draft.delivery, draft.customer_id.as_deref()), (order.delivery(), Some("c1")));
    let replacement = Order::place(draft, staff(), after(4 * DAY)).unwrap();
    assert!(replacement.total().is_zero());
    assert_eq!(rma.state(), Exchanged);
    assert_eq!((rma.units_claimed(TEE_LINE), rma.units_claimed(MUG_LINE)), (1, 2));
    let other = delivered_order();
    let mut wrong_order = inspected(&order, &[], vec![asked(TEE_LINE, 1, WrongItem, Unused)]);
    let number = OrderNumber::new("VT", 2026, 44).unwrap();
    assert!(wrong_order.exchange(&other, &BTreeMap::new(), number, staff(), after(4 * DAY)).is_err());
}

#[test]
fn store_credit_is_granted_to_the_customer_and_refused_to_guests() {
    let order = delivered_order();
    let mut rma = inspected(&order, &[], vec![asked(MUG_LINE, 1, Damaged, Unused)]);
    let grant = rma.credit(&[], staff(), after(4 * DAY)).unwrap();
    assert_eq!((grant.customer_id.as_str(), grant.amount), ("c1", eur(980 + 490)));
    assert!(grant.reason.contains("VT-2026-000042"), "{}", grant.reason);
    assert_eq!(rma.state(), Credited);
    assert!(matches!(rma.outcome(), Some(ReturnOutcome::StoreCredit { grant: g, .. }) if *g == grant));
    let guest = guest_order();
    let mut rma = inspected(&guest, &[], vec![asked(MUG_LINE, 1, Damaged, Unused)]);
    assert_eq!(
        rma.credit(&[], staff(), after(4 * DAY)).unwrap_err(),
        ReturnError::GuestOrder { return_id: rma.id().into() }
    );
    assert_eq!(rma.state(), Inspected);
}
