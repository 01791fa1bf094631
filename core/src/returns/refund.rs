//! Refunds to the original payment methods: a return's total split over the order's payments by
//! largest remainder, weighted by what each can still give back (captured minus refunded), so no
//! method gets more than it took and the parts sum to the total to the cent.

use serde::{Deserialize, Serialize};

use super::ReturnError;
use crate::money::{allocate_minor, Money};
use crate::order::PaymentMethod;
use crate::payment::Payment;

/// A payment of the order and what it can still give back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundablePayment {
    /// The payment.
    pub payment_id: String,
    /// Its method.
    pub method: PaymentMethod,
    /// Captured minus refunded.
    pub refundable: Money,
}

impl RefundablePayment {
    /// What `payment` can still give back: captured minus refunded.
    pub fn of(payment: &Payment) -> Result<RefundablePayment, ReturnError> {
        let refundable = payment.captured().checked_sub(&payment.refunded())?;
        Ok(RefundablePayment { payment_id: payment.id().to_owned(), method: payment.method(), refundable })
    }
}

/// The part of a refund given back through one payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentRefund {
    /// The payment.
    pub payment_id: String,
    /// Its method.
    pub method: PaymentMethod,
    /// The amount, positive and at most the payment's refundable amount.
    pub amount: Money,
    /// The key to request this refund with (`<prefix>:<payment id>`), so a retry refunds once.
    pub idempotency_key: String,
}

/// Splits `total` over `payments` by largest remainder, weighted by their refundable amounts; payments
/// getting nothing are left out. Errors when `total` is more than all of them can give back, or on
/// mixed currencies.
pub fn allocate_refund(
    total: Money,
    payments: &[RefundablePayment],
    idempotency_prefix: &str,
) -> Result<Vec<PaymentRefund>, ReturnError> {
    let refundable = refundable_sum(total, payments)?;
    if total.minor() > refundable.minor() || total.is_negative() {
        return Err(ReturnError::RefundExceedsRefundable { refund: total, refundable });
    }
    let weights: Vec<i64> = payments.iter().map(|p| p.refundable.minor().max(0)).collect();
    let parts = allocate_minor(total.minor(), &weights)?;
    let refunds = payments.iter().zip(parts).filter(|(_, part)| *part > 0).map(|(payment, part)| PaymentRefund {
        payment_id: payment.payment_id.clone(),
        method: payment.method,
        amount: Money::from_minor(part, total.currency()),
        idempotency_key: format!("{idempotency_prefix}:{}", payment.payment_id),
    });
    Ok(refunds.collect())
}

/// What all `payments` can give back, in `total`'s currency.
fn refundable_sum(total: Money, payments: &[RefundablePayment]) -> Result<Money, ReturnError> {
    payments.iter().try_fold(Money::zero(total.currency()), |sum, p| {
        Ok(sum.checked_add(&Money::from_minor(p.refundable.minor().max(0), p.refundable.currency()))?)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::money::Currency;
    use crate::order::fixtures::eur;
    use crate::returns::fixtures::payments;
    use PaymentMethod::*;

    fn amounts(refunds: &[PaymentRefund]) -> Vec<i64> {
        refunds.iter().map(|r| r.amount.minor()).collect()
    }

    #[test]
    fn two_methods_share_a_refund_by_what_each_paid() {
        let paid = payments(&[(Card, 3000), (GiftCard, 1450)]);
        // 44.50 over 30.00 : 14.50 is everything back.
        assert_eq!(amounts(&allocate_refund(eur(4450), &paid, "r").unwrap()), vec![3000, 1450]);
        // 10.01 over 30.00 : 14.50 -> 6.7483 : 3.2617 -> 6.75, 3.26.
        let refunds = allocate_refund(eur(1001), &paid, "return:1").unwrap();
        assert_eq!(amounts(&refunds), vec![675, 326]);
        assert_eq!(refunds[1].method, GiftCard);
        assert_eq!(refunds[0].idempotency_key, "return:1:pay-0");
    }

    #[test]
    fn three_methods_sum_exactly_to_the_cent() {
        let paid = payments(&[(Card, 3333), (Wallet, 3333), (GiftCard, 3334)]);
        assert_eq!(amounts(&allocate_refund(eur(1000), &paid, "r").unwrap()), vec![333, 333, 334]);
        assert_eq!(amounts(&allocate_refund(eur(1), &paid, "r").unwrap()), vec![1], "nothing for the others");
        let uneven = payments(&[(Card, 1999), (Wallet, 1), (GiftCard, 500)]);
        let refunds = allocate_refund(eur(2001), &uneven, "r").unwrap();
        assert_eq!(amounts(&refunds).iter().sum::<i64>(), 2001);
        assert_eq!(amounts(&refunds), vec![1600, 1, 400]);
    }

    #[test]
    fn more_than_refundable_or_another_currency_is_refused() {
        let paid = payments(&[(Card, 3000), (GiftCard, 1450)]);
        let err = allocate_refund(eur(4451), &paid, "r").unwrap_err();
        assert_eq!(err, ReturnError::RefundExceedsRefundable { refund: eur(4451), refundable: eur(4450) });
        let usd = Money::from_minor(100, Currency::USD);
        assert!(matches!(allocate_refund(usd, &paid, "r"), Err(ReturnError::Money(_))));
        assert!(allocate_refund(eur(1), &[], "r").is_err());
    }

    proptest! {
        #[test]
        fn parts_sum_to_the_refund_and_never_exceed_a_payment(
            refundable in proptest::collection::vec(0i64..100_000, 1..5),
            share in 0u32..=100,
        ) {
            let methods = [Card, Wallet, GiftCard, BankTransfer, CashOnDelivery];
            let parts: Vec<_> = refundable.iter().zip(methods).map(|(&minor, method)| (method, minor)).collect();
            let paid = payments(&parts);
            let total = refundable.iter().sum::<i64>() * i64::from(share) / 100;
            let refunds = allocate_refund(eur(total), &paid, "r").unwrap();
            prop_assert_eq!(amounts(&refunds).iter().sum::<i64>(), total);
            for refund in &refunds {
                let payment = paid.iter().find(|p| p.payment_id == refund.payment_id).unwrap();
                prop_assert!(refund.amount.minor() > 0 && refund.amount.minor() <= payment.refundable.minor());
            }
        }
    }
}
