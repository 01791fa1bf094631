//! The first-return incentive: granted at a customer's first approval only, as a single-use expiring
//! coupon or free return shipping; never to guests.

use jiff::SignedDuration;
use rust_decimal::Decimal;

use crate::money::Currency;
use crate::order::fixtures::{MUG_LINE, TEE_LINE};
use crate::promotion::Action;
use crate::returns::fixtures::*;
use crate::returns::{ItemCondition::Unused, ReturnReason::*, *};

fn policy(incentive: FirstReturnIncentive) -> ReturnPolicy {
    ReturnPolicy { first_return_incentive: Some(incentive), ..ReturnPolicy::default() }
}

fn coupon_policy() -> ReturnPolicy {
    policy(FirstReturnIncentive::Coupon {
        discount: CouponDiscount::Percent { percent: Decimal::TEN },
        valid_days: 30,
        code_prefix: "thanks".into(),
    })
}

fn request(order: &crate::order::Order, line: &str, policy: &ReturnPolicy) -> Rma {
    let lines = vec![asked(line, 1, ChangedMind, Unused)];
    Rma::request(new_return(lines), order, &[], policy, after(DAY)).unwrap()
}

#[test]
fn the_first_approved_return_gets_a_single_use_expiring_coupon_once() {
    let (order, policy) = (delivered_order(), coupon_policy());
    let mut first = request(&order, TEE_LINE, &policy);
    let granted = first.approve(&[], staff(), after(2 * DAY)).unwrap().cloned();
    let Some(IncentiveGrant::Coupon { promotion }) = granted else { panic!("no coupon: {granted:?}") };
    let code = promotion.coupon_code.as_deref().unwrap();
    assert!(code.starts_with("THANKS-") && code.len() == "THANKS-XXXX-XXXX-XXXX".len(), "{code}");
    assert_eq!(promotion.action, Action::OrderPercentOff { percent: Decimal::TEN });
    assert_eq!(promotion.conditions.starts_at, Some(after(2 * DAY)));
    assert_eq!(promotion.conditions.ends_at, Some(after(2 * DAY) + SignedDuration::from_hours(30 * 24)));
    assert_eq!((promotion.conditions.usage_limit, promotion.conditions.per_customer_limit), (Some(1), Some(1)));
    let mut second = request(&order, MUG_LINE, &policy);
    let granted = second.approve(&[first.clone(), second.clone()], staff(), after(2 * DAY)).unwrap();
    assert_eq!(granted, None, "only the first return of a customer");
    assert_eq!(second.incentive(), None);
}

#[test]
fn a_return_rejected_before_approval_does_not_use_up_the_incentive() {
    let order = delivered_order();
    let policy = policy(FirstReturnIncentive::FreeReturnShipping);
    let mut refused = request(&order, TEE_LINE, &policy);
    refused.reject("outside policy", staff(), after(DAY)).unwrap();
    let mut next = request(&order, MUG_LINE, &policy);
    let granted = next.approve(&[refused], staff(), after(2 * DAY)).unwrap();
    assert_eq!(granted, Some(&IncentiveGrant::FreeReturnShipping));
}

#[test]
fn amount_coupons_carry_their_currency_and_guests_get_nothing() {
    let amount = crate::money::Money::from_minor(500, Currency::EUR);
    let policy = policy(FirstReturnIncentive::Coupon {
        discount: CouponDiscount::Amount { amount },
        valid_days: 7,
        code_prefix: "BACK".into(),
    });
    let mut rma = request(&delivered_order(), TEE_LINE, &policy);
    match rma.approve(&[], staff(), after(2 * DAY)).unwrap() {
        Some(IncentiveGrant::Coupon { promotion }) => {
            assert_eq!(promotion.currency, Some(Currency::EUR));
            assert_eq!(promotion.action, Action::OrderAmountOff { amount: amount.amount() });
        }
        other => panic!("expected a coupon, got {other:?}"),
    }
    let mut guest = request(&guest_order(), TEE_LINE, &policy);
    assert_eq!(guest.approve(&[], staff(), after(2 * DAY)).unwrap(), None);
}
