//! The priced cart: every figure the shopper sees and pays, line by line, with each promotion's
//! share on each line and each rejected coupon's reason. Amounts are decimal strings at minor scale.

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::delivery::PackagingKind;
use crate::money::Currency;
use crate::promotion::RejectionReason;

/// A cart with every figure computed and explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricedCart {
    /// The cart priced.
    pub cart_id: String,
    /// Currency of every amount.
    pub currency: Currency,
    /// Whether line amounts and the shipping charge include tax.
    pub prices_include_tax: bool,
    /// The lines in cart order, then free-gift lines in promotion order.
    pub lines: Vec<PricedLine>,
    /// The shipping charge, when a method was chosen.
    pub shipping: Option<PricedShipping>,
    /// Packaging charges (gift wrap, discreet box), empty when the cart asks for none.
    #[serde(default)]
    pub packaging: Vec<PricedPackaging>,
    /// Promotions that gave something, in the order applied.
    pub promotions: Vec<AppliedPromotion>,
    /// Coupon codes that gave nothing, in cart order, with the reason.
    pub rejected_coupons: Vec<RejectedCoupon>,
    /// The totals.
    pub totals: Totals,
}

// The ids are shared with the cart line and the catalog (cloned by reference count); they serialize
// as plain strings.
/// A priced line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricedLine {
    /// The cart line's id (`gift:<promotion id>` for a free gift).
    pub line_id: Arc<str>,
    /// The variant.
    pub variant_id: Arc<str>,
    /// Its product.
    pub product_id: Arc<str>,
    /// Units.
    pub quantity: u32,
    /// Resolved unit price (gross when prices include tax).
    pub unit_price: Decimal,
    /// The unit price the shopper saw when adding the line differs from `unit_price`.
    pub price_changed: bool,
    /// A zero-priced line added by a free-gift promotion.
    pub gift: bool,
    /// `unit_price x quantity`.
    pub subtotal: Decimal,
    /// Sum of every promotion's share on this line.
    pub discount: Decimal,
    /// Tax rate applied (fraction).
    pub tax_rate: Decimal,
    /// Tax on the line (contained in `total` when prices include tax).
    pub tax: Decimal,
    /// What the shopper pays for the line: `subtotal - discount`, plus `tax` when prices exclude it.
    pub total: Decimal,
}

/// The priced shipping charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricedShipping {
    /// The method chosen.
    pub method_id: String,
    /// The rate before discounts (zero when free over a threshold).
    pub charge: Decimal,
    /// Shipping discounts from promotions.
    pub discount: Decimal,
    /// Tax rate applied (fraction).
    pub tax_rate: Decimal,
    /// Tax on the charge after discounts.
    pub tax: Decimal,
    /// What the shopper pays for shipping: `charge - discount`, plus `tax` when prices exclude it.
    pub total: Decimal,
}

/// One priced packaging charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricedPackaging {
    /// Gift wrap or discreet.
    pub kind: PackagingKind,
    /// The name shown to the shopper.
    pub name: String,
    /// Its price (never discounted).
    pub charge: Decimal,
    /// Tax rate applied (fraction).
    pub tax_rate: Decimal,
    /// Tax on the charge.
    pub tax: Decimal,
    /// What the shopper pays for it: `charge`, plus `tax` when prices exclude it.
    pub total: Decimal,
}

// The texts are shared with the pricer (the action is a constant); they serialize as plain strings.
/// A promotion that applied, with what it gave where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AppliedPromotion {
    /// The promotion.
    pub promotion_id: Arc<str>,
    /// Its name.
    pub name: Arc<str>,
    /// The coupon code that unlocked it, if any.
    pub code: Option<Arc<str>>,
    /// Its action (`percent_off`, `buy_x_get_y`, ...).
    pub action: Cow<'static, str>,
    /// Everything it gave: line shares plus shipping.
    pub amount: Decimal,
    /// Its share on each line it discounted, in line order.
    pub lines: Vec<LineShare>,
    /// What it took off shipping.
    pub shipping: Decimal,
}

/// An amount attributed to one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineShare {
    /// Position of the line in [`PricedCart::lines`] (0 for the first).
    pub line: u32,
    /// The amount.
    pub amount: Decimal,
}

/// A coupon code that gave nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RejectedCoupon {
    /// The code as in the cart.
    pub code: String,
    /// Why.
    pub reason: RejectionReason,
}

/// The totals of a priced cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Totals {
    /// Sum of line subtotals, before discounts.
    pub subtotal: Decimal,
    /// Everything promotions gave: line discounts plus shipping discounts.
    pub discount_total: Decimal,
    /// Shipping after shipping discounts (gross when prices include tax, net otherwise).
    pub shipping_total: Decimal,
    /// Packaging charges (gross when prices include tax, net otherwise).
    #[serde(default)]
    pub packaging_total: Decimal,
    /// All tax, on lines, shipping and packaging.
    pub tax_total: Decimal,
    /// What the shopper pays: sum of line totals plus the shipping and packaging totals.
    pub grand_total: Decimal,
}
