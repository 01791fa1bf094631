//! The rollup rows of the sales reports: what one shop-local day adds up to per currency, payment
//! method and channel, and per variant. A command writes them as deltas the store adds up.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The orders of one shop-local day in one currency, paid by one method through one channel, in
/// minor units. As a change, every figure is added to the stored row (negative figures subtract).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesDay {
    /// The day in the shop's time zone.
    pub day: Date,
    /// ISO 4217 code.
    pub currency: String,
    /// The payment method chosen at checkout.
    pub payment_method: String,
    /// The sales channel (`web`, `app`), empty when the shop uses none.
    pub channel: String,
    /// Orders placed.
    pub orders: i64,
    /// Of them, cancelled.
    pub cancelled: i64,
    /// Units ordered on orders not cancelled.
    pub items: i64,
    /// Line subtotals before discounts, of orders not cancelled.
    pub subtotal_minor: i64,
    /// Discounts given on them.
    pub discount_minor: i64,
    /// Shipping charged on them.
    pub shipping_minor: i64,
    /// Gift wrap and packaging charged on them.
    pub packaging_minor: i64,
    /// Tax on them.
    pub tax_minor: i64,
    /// Their grand totals: what the customers were charged.
    pub total_minor: i64,
    /// Money received for the day's orders.
    pub collected_minor: i64,
    /// Money refunded on the day's orders.
    pub refunded_minor: i64,
}

impl SalesDay {
    /// The same row with every figure negated: the change that takes it back out.
    pub fn negated(&self) -> SalesDay {
        SalesDay {
            orders: -self.orders,
            cancelled: -self.cancelled,
            items: -self.items,
            subtotal_minor: -self.subtotal_minor,
            discount_minor: -self.discount_minor,
            shipping_minor: -self.shipping_minor,
            packaging_minor: -self.packaging_minor,
            tax_minor: -self.tax_minor,
            total_minor: -self.total_minor,
            collected_minor: -self.collected_minor,
            refunded_minor: -self.refunded_minor,
            ..self.clone()
        }
    }

    /// Adds `other`'s figures (same key assumed).
    pub fn add(&mut self, other: &SalesDay) {
        self.orders += other.orders;
        self.cancelled += other.cancelled;
        self.items += other.items;
        self.subtotal_minor += other.subtotal_minor;
        self.discount_minor += other.discount_minor;
        self.shipping_minor += other.shipping_minor;
        self.packaging_minor += other.packaging_minor;
        self.tax_minor += other.tax_minor;
        self.total_minor += other.total_minor;
        self.collected_minor += other.collected_minor;
        self.refunded_minor += other.refunded_minor;
    }

    /// Whether every figure is zero (a change that changes nothing).
    pub fn is_zero(&self) -> bool {
        let zero = SalesDay {
            day: self.day,
            currency: self.currency.clone(),
            payment_method: self.payment_method.clone(),
            channel: self.channel.clone(),
            ..SalesDay::default()
        };
        *self == zero
    }
}

/// What one variant sold on one shop-local day in one currency. As a change, added to the stored row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariantSalesDay {
    /// The day in the shop's time zone.
    pub day: Date,
    /// ISO 4217 code.
    pub currency: String,
    /// The product.
    pub product_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units sold on orders not cancelled.
    pub units: i64,
    /// Their line totals, in minor units.
    pub revenue_minor: i64,
    /// Units returned (counted on the day the return was settled).
    pub returned_units: i64,
}

/// What one variant sold over a range of days in one currency (the rows of a range, added up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariantSales {
    /// ISO 4217 code.
    pub currency: String,
    /// The product.
    pub product_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units sold on orders not cancelled.
    pub units: i64,
    /// Their line totals, in minor units.
    pub revenue_minor: i64,
    /// Units returned.
    pub returned_units: i64,
}

/// What one customer has ordered in one currency. As a change, the counts and money are added to the
/// stored row and the days widen its span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerSales {
    /// The customer.
    pub customer_id: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Orders placed and not cancelled.
    pub orders: i64,
    /// Their grand totals, in minor units.
    pub spent_minor: i64,
    /// The shop-local day of the customer's first order.
    pub first_day: Date,
    /// The shop-local day of the customer's latest order.
    pub last_day: Date,
}

/// How the customers who ever ordered in one currency add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerTotals {
    /// ISO 4217 code.
    pub currency: String,
    /// Customers with at least one order not cancelled.
    pub customers: i64,
    /// Of them, customers with two or more.
    pub repeat_customers: i64,
    /// Everything they spent, in minor units.
    pub spent_minor: i64,
    /// Customers whose first order was in the range asked for.
    pub new_customers: i64,
    /// Customers in the `vip` group.
    pub vip_customers: i64,
    /// What the VIP customers spent, in minor units.
    pub vip_spent_minor: i64,
}

/// What one customer ordered on one shop-local day in one currency, and a product they bought: the
/// rows segments are counted from. As a change, added to the stored row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerDay {
    /// The customer.
    pub customer_id: String,
    /// The day in the shop's time zone.
    pub day: Date,
    /// ISO 4217 code.
    pub currency: String,
    /// Orders placed that day and not cancelled.
    pub orders: i64,
    /// Their grand totals, in minor units.
    pub spent_minor: i64,
    /// The products on them with their units.
    pub products: Vec<(String, i64)>,
}
