//! Customer segments: named sets of rules over purchase history and profile ("spent over 200 EUR
//! in 90 days", "bought tea but not honey", "no order for 180 days", language, country, group),
//! stored and versioned, counted and listed by the store, and used as a marketing audience.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// The longest look-back of a rule, in days (ten years).
pub const MAX_SEGMENT_DAYS: u32 = 3660;

/// One rule of a segment; a customer is in the segment when every rule holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum SegmentRule {
    /// Spent at least `amount` (in its currency) on orders placed in the last `days` days and not
    /// cancelled.
    SpentAtLeast {
        /// The least spend.
        amount: Money,
        /// How many days back, today included.
        days: u32,
    },
    /// At least `orders` orders not cancelled, ever, in any currency.
    OrdersAtLeast {
        /// The least number of orders.
        orders: u32,
    },
    /// Bought the product on an order not cancelled.
    Bought {
        /// The product.
        product_id: String,
    },
    /// Never bought the product (on an order not cancelled).
    NotBought {
        /// The product.
        product_id: String,
    },
    /// Has ordered before, but not in the last `days` days.
    NoOrderWithin {
        /// How many days back, today included.
        days: u32,
    },
    /// Reads e-mails in `locale` (`bg`, `ru`, `en`, `zh`).
    Locale {
        /// The customer's locale.
        locale: String,
    },
    /// Has an address in `country` (ISO 3166 alpha-2).
    Country {
        /// The country code.
        country: String,
    },
    /// Is in the customer group (`vip`, `b2b`).
    Group {
        /// The group.
        group: String,
    },
}

/// A named segment of customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerSegment {
    /// Its id (`tea-lovers`).
    pub id: String,
    /// Its name for the back office.
    pub name: String,
    /// The rules every member meets (at least one).
    pub rules: Vec<SegmentRule>,
}

impl CustomerSegment {
    /// Checks the segment: an id and a name, at least one rule, look-backs of 1 to
    /// [`MAX_SEGMENT_DAYS`] days, positive spends and order counts, nothing blank. The error names
    /// the field and says why.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let blank = |field: String, text: &str| match text.trim().is_empty() {
            true => Err((field, "must not be blank".to_owned())),
            false => Ok(()),
        };
        blank("id".into(), &self.id)?;
        blank("name".into(), &self.name)?;
        if self.rules.is_empty() {
            return Err(("rules".into(), "a segment needs at least one rule".into()));
        }
        for (index, rule) in self.rules.iter().enumerate() {
            let field = |name: &str| format!("rules[{index}].{name}");
            let days = |days: u32| match (1..=MAX_SEGMENT_DAYS).contains(&days) {
                true => Ok(()),
                false => Err((field("days"), format!("must be 1 to {MAX_SEGMENT_DAYS}"))),
            };
            match rule {
                SegmentRule::SpentAtLeast { amount, days: back } => {
                    if amount.minor() <= 0 {
                        return Err((field("amount"), "must be above zero".into()));
                    }
                    days(*back)?;
                }
                SegmentRule::OrdersAtLeast { orders } if *orders == 0 => {
                    return Err((field("orders"), "must be at least 1".into()));
                }
                SegmentRule::OrdersAtLeast { .. } => {}
                SegmentRule::Bought { product_id } | SegmentRule::NotBought { product_id } => {
                    blank(field("product_id"), product_id)?;
                }
                SegmentRule::NoOrderWithin { days: back } => days(*back)?,
                SegmentRule::Locale { locale } => blank(field("locale"), locale)?,
                SegmentRule::Country { country } => blank(field("country"), country)?,
                SegmentRule::Group { group } => blank(field("group"), group)?,
            }
        }
        Ok(())
    }
}
