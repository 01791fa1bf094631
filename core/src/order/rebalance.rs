//! What is left to settle between shop and shopper after an order's total changed: the order's grand
//! total against the money received for it, as an amount due, a refund owed, or nothing.

use serde::{Deserialize, Serialize};

use crate::money::{Money, MoneyError};

/// The balance of an order: what the shopper still owes, or what the shop owes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rebalance {
    /// Money received equals the total.
    Settled,
    /// The shopper owes this much more.
    AmountDue {
        /// The amount, positive.
        amount: Money,
    },
    /// The shop owes this much back.
    RefundOwed {
        /// The amount, positive.
        amount: Money,
    },
}

impl Rebalance {
    /// The balance of an order whose grand total is `total` and for which `paid` has been received
    /// (net of refunds). Errors when the currencies differ.
    pub fn between(total: Money, paid: Money) -> Result<Rebalance, MoneyError> {
        let due = total.checked_sub(&paid)?;
        Ok(match due.minor() {
            0 => Rebalance::Settled,
            m if m > 0 => Rebalance::AmountDue { amount: due },
            m => Rebalance::RefundOwed { amount: Money::from_minor(-m, due.currency()) },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    use crate::test_util::eur;

    #[test]
    fn positive_difference_is_due_negative_is_owed_back() {
        assert_eq!(Rebalance::between(eur(1000), eur(1000)).unwrap(), Rebalance::Settled);
        assert_eq!(Rebalance::between(eur(1250), eur(1000)).unwrap(), Rebalance::AmountDue { amount: eur(250) });
        assert_eq!(Rebalance::between(eur(800), eur(1000)).unwrap(), Rebalance::RefundOwed { amount: eur(200) });
        assert_eq!(Rebalance::between(eur(800), eur(0)).unwrap(), Rebalance::AmountDue { amount: eur(800) });
    }

    #[test]
    fn mixed_currencies_are_refused() {
        assert!(Rebalance::between(eur(1), Money::from_minor(1, Currency::USD)).is_err());
    }

    #[test]
    fn serde_is_tagged_by_kind() {
        let owed = Rebalance::RefundOwed { amount: eur(200) };
        assert_eq!(serde_json::to_string(&owed).unwrap(), r#"{"kind":"refund_owed","amount":"2.00 EUR"}"#);
    }
}
