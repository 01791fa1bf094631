//! Incentives on a customer's first approved return: a single-use coupon for the next order (a
//! [`Promotion`] with a code derived from the return's random id, percent or amount off, expiring)
//! or free return shipping.

use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::promotion::{Action, Conditions, Promotion};

/// What a shop offers on a customer's first return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FirstReturnIncentive {
    /// A single-use coupon for the next order.
    Coupon {
        /// What it takes off the next order.
        discount: CouponDiscount,
        /// Days it stays valid from approval.
        valid_days: u32,
        /// The code's prefix (`THANKS`); a random part follows.
        code_prefix: String,
    },
    /// The return label is on the shop.
    FreeReturnShipping,
}

/// A coupon's discount off the whole order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CouponDiscount {
    /// A percentage, 0 to 100.
    Percent {
        /// The percentage.
        percent: Decimal,
    },
    /// A fixed amount (orders in its currency only).
    Amount {
        /// The amount.
        amount: Money,
    },
}

/// The incentive a return was granted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IncentiveGrant {
    /// A coupon: add the promotion to the shop's pricing rules.
    Coupon {
        /// The single-use promotion unlocked by its code.
        promotion: Box<Promotion>,
    },
    /// The return label is on the shop.
    FreeReturnShipping,
}

impl FirstReturnIncentive {
    /// The grant for return `return_id` approved at `at`.
    pub(super) fn grant(&self, return_id: &str, at: Timestamp) -> IncentiveGrant {
        match self {
            FirstReturnIncentive::FreeReturnShipping => IncentiveGrant::FreeReturnShipping,
            FirstReturnIncentive::Coupon { discount, valid_days, code_prefix } => IncentiveGrant::Coupon {
                promotion: Box::new(coupon(discount, *valid_days, code_prefix, return_id, at)),
            },
        }
    }
}

fn coupon(discount: &CouponDiscount, valid_days: u32, prefix: &str, return_id: &str, at: Timestamp) -> Promotion {
    let (action, currency) = match discount {
        CouponDiscount::Percent { percent } => (Action::OrderPercentOff { percent: *percent }, None),
        CouponDiscount::Amount { amount } => {
            (Action::OrderAmountOff { amount: amount.amount() }, Some(amount.currency()))
        }
    };
    let ends_at = at.checked_add(SignedDuration::from_hours(i64::from(valid_days) * 24)).unwrap_or(Timestamp::MAX);
    Promotion {
        id: format!("first-return-{return_id}"),
        name: "Thank you: a coupon for your next order".to_owned(),
        priority: 0,
        exclusive: false,
        stackable: true,
        coupon_code: Some(coupon_code(prefix, return_id)),
        currency,
        conditions: Conditions {
            starts_at: Some(at),
            ends_at: Some(ends_at),
            usage_limit: Some(1),
            per_customer_limit: Some(1),
            ..Conditions::default()
        },
        action,
    }
}

/// `PREFIX-XXXX-XXXX-XXXX`: the last 12 hex digits of the return's UUIDv7 id, which are random, so
/// codes of different returns differ.
fn coupon_code(prefix: &str, return_id: &str) -> String {
    let hex: Vec<char> = return_id.chars().filter(char::is_ascii_hexdigit).map(|c| c.to_ascii_uppercase()).collect();
    let random = &hex[hex.len().saturating_sub(12)..];
    let groups: Vec<String> = random.chunks(4).map(|g| g.iter().collect()).collect();
    format!("{}-{}", prefix.trim().to_ascii_uppercase(), groups.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coupon_codes_come_from_the_random_end_of_the_id() {
        let code = coupon_code(" thanks", "01960000-0000-7000-8000-0123456789ab");
        assert_eq!(code, "THANKS-0123-4567-89AB");
    }
}
