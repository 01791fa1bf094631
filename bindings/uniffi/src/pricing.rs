//! `Pricer`, the `PricingContext` record and the priced cart (`PricedCart` and its parts, amounts as
//! `Decimal`), plus `price_json`, the conformance entry point every binding shares. Offline pricing in
//! an app runs exactly the engine the server runs, so both reach the same cent.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use jiff::Timestamp;
use rust_decimal::Decimal;
use vitrina_core::money::Currency;
use vitrina_core::pricing as core;

use crate::cart::Cart;
use crate::catalog::Catalog;
use crate::errors::{undecodable, VitrinaError};

/// Prices a pricing input given as JSON (`{catalog, rules, context, cart}`) and returns the priced cart
/// as compact JSON: byte for byte what every binding and the Rust engine print.
#[uniffi::export]
pub fn price_json(input: String) -> Result<String, VitrinaError> {
    Ok(core::price_json(&input)?)
}

/// Who is buying, where, when and how.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricingContext {
    /// ISO code of the currency to price in; must be the cart's.
    pub currency: String,
    /// The moment of pricing; null: the moment `price` is called.
    #[uniffi(default = None)]
    pub now: Option<SystemTime>,
    /// Delivery region (selects price lists, tax rules and shipping).
    #[uniffi(default = None)]
    pub region: Option<String>,
    /// Sales channel (`web`, `app`, `pos`).
    #[uniffi(default = None)]
    pub channel: Option<String>,
    /// The shopper's customer groups (`vip`, `b2b`).
    #[uniffi(default)]
    pub customer_groups: Vec<String>,
    /// The saved customer segments the shopper is in, by id.
    #[uniffi(default)]
    pub customer_segments: Vec<String>,
    /// Whether this would be the shopper's first order.
    #[uniffi(default = false)]
    pub first_order: bool,
    /// How many times this customer has already used each promotion, by promotion id.
    #[uniffi(default)]
    pub promotion_uses: HashMap<String, u32>,
    /// The shipping method chosen, by id; null prices the cart without shipping.
    #[uniffi(default = None)]
    pub shipping_method_id: Option<String>,
}

impl PricingContext {
    pub(crate) fn to_core(&self) -> Result<core::PricingContext, VitrinaError> {
        let now = match self.now {
            Some(now) => {
                Timestamp::try_from(now).map_err(|e| undecodable("context.now", format!("out of range: {e}")))?
            }
            None => Timestamp::now(),
        };
        Ok(core::PricingContext {
            currency: Currency::parse(&self.currency, "context.currency")?,
            region: self.region.clone(),
            channel: self.channel.clone(),
            customer_groups: self.customer_groups.clone(),
            customer_segments: self.customer_segments.clone(),
            now,
            first_order: self.first_order,
            promotion_uses: self.promotion_uses.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            shipping_method_id: self.shipping_method_id.clone(),
        })
    }
}

/// A pricing context from its JSON form (the `context` of a pricing input).
#[uniffi::export]
pub fn pricing_context_from_json(json: String) -> Result<PricingContext, VitrinaError> {
    let context: core::PricingContext = serde_json::from_str(&json).map_err(|e| undecodable("context", e))?;
    Ok(PricingContext {
        currency: context.currency.code().to_owned(),
        now: Some(SystemTime::from(context.now)),
        region: context.region,
        channel: context.channel,
        customer_groups: context.customer_groups,
        customer_segments: context.customer_segments,
        first_order: context.first_order,
        promotion_uses: context.promotion_uses.into_iter().collect(),
        shipping_method_id: context.shipping_method_id,
    })
}

/// The store's pricing engine: a catalog snapshot with promotions, tax, shipping methods and rounding,
/// validated once; `price` is then a pure function of cart and context.
#[derive(uniffi::Object)]
pub struct Pricer {
    pub(crate) inner: core::Pricer,
}

#[uniffi::export]
impl Pricer {
    /// `rules_json`: `{promotions, tax, shipping_methods, rounding}` as JSON; null: no rules.
    #[uniffi::constructor(default(rules_json = None))]
    pub fn new(catalog: Arc<Catalog>, rules_json: Option<String>) -> Result<Arc<Pricer>, VitrinaError> {
        let rules: core::PricingRules = match rules_json {
            Some(json) => serde_json::from_str(&json).map_err(|e| undecodable("rules", e))?,
            None => core::PricingRules::default(),
        };
        Ok(Arc::new(Pricer { inner: core::Pricer::new(catalog.inner.clone(), rules)? }))
    }

    /// The catalog snapshot this pricer uses.
    pub fn catalog(&self) -> Arc<Catalog> {
        Arc::new(Catalog { inner: self.inner.catalog().clone() })
    }

    /// The rules as compact JSON.
    pub fn rules_json(&self) -> String {
        serde_json::to_string(self.inner.rules()).unwrap_or_default()
    }

    /// Prices `cart` in `context`.
    pub fn price(&self, cart: Arc<Cart>, context: PricingContext) -> Result<PricedCart, VitrinaError> {
        Ok(PricedCart::from(self.price_core(&cart, &context)?))
    }

    /// Prices `cart` in `context` and returns the priced cart as compact JSON, byte for byte as
    /// `priceJson` prints it.
    pub fn price_to_json(&self, cart: Arc<Cart>, context: PricingContext) -> Result<String, VitrinaError> {
        let priced = self.price_core(&cart, &context)?;
        serde_json::to_string(&priced).map_err(|e| undecodable("output", e))
    }
}

impl Pricer {
    fn price_core(&self, cart: &Cart, context: &PricingContext) -> Result<core::PricedCart, VitrinaError> {
        let context = context.to_core()?;
        let cart = cart.lock();
        Ok(self.inner.price(&cart, &context)?)
    }
}

/// A cart with every figure computed and explained; amounts at the currency's minor-unit scale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricedCart {
    /// The cart priced.
    pub cart_id: String,
    /// ISO code of every amount's currency.
    pub currency: String,
    /// Whether line amounts and the shipping charge include tax.
    pub prices_include_tax: bool,
    /// The lines in cart order, then free-gift lines in promotion order.
    pub lines: Vec<PricedLine>,
    /// The shipping charge, when a method was chosen.
    pub shipping: Option<PricedShipping>,
    /// Gift wrap and discreet packaging charges, when the cart asks for them.
    pub packaging: Vec<PricedPackaging>,
    /// Promotions that gave something, in the order applied.
    pub promotions: Vec<AppliedPromotion>,
    /// Coupon codes that gave nothing, in cart order, with the reason.
    pub rejected_coupons: Vec<RejectedCoupon>,
    /// The totals.
    pub totals: Totals,
}

impl From<core::PricedCart> for PricedCart {
    fn from(p: core::PricedCart) -> Self {
        PricedCart {
            cart_id: p.cart_id,
            currency: p.currency.code().to_owned(),
            prices_include_tax: p.prices_include_tax,
            lines: p.lines.into_iter().map(PricedLine::from).collect(),
            shipping: p.shipping.map(PricedShipping::from),
            packaging: p.packaging.into_iter().map(PricedPackaging::from).collect(),
            promotions: p.promotions.into_iter().map(AppliedPromotion::from).collect(),
            rejected_coupons: p.rejected_coupons.into_iter().map(RejectedCoupon::from).collect(),
            totals: Totals::from(p.totals),
        }
    }
}

/// A priced line.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricedLine {
    /// The cart line's id (`gift:<promotion id>` for a free gift).
    pub line_id: String,
    /// The variant.
    pub variant_id: String,
    /// Its product.
    pub product_id: String,
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
    /// What the shopper pays for the line.
    pub total: Decimal,
}

impl From<core::PricedLine> for PricedLine {
    fn from(l: core::PricedLine) -> Self {
        PricedLine {
            line_id: l.line_id.to_string(),
            variant_id: l.variant_id.to_string(),
            product_id: l.product_id.to_string(),
            quantity: l.quantity,
            unit_price: l.unit_price,
            price_changed: l.price_changed,
            gift: l.gift,
            subtotal: l.subtotal,
            discount: l.discount,
            tax_rate: l.tax_rate,
            tax: l.tax,
            total: l.total,
        }
    }
}

/// The priced shipping charge.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricedShipping {
    /// The method chosen.
    pub method_id: String,
    /// The rate before discounts.
    pub charge: Decimal,
    /// Shipping discounts from promotions.
    pub discount: Decimal,
    /// Tax rate applied (fraction).
    pub tax_rate: Decimal,
    /// Tax on the charge after discounts.
    pub tax: Decimal,
    /// What the shopper pays for shipping.
    pub total: Decimal,
}

impl From<core::PricedShipping> for PricedShipping {
    fn from(s: core::PricedShipping) -> Self {
        PricedShipping {
            method_id: s.method_id,
            charge: s.charge,
            discount: s.discount,
            tax_rate: s.tax_rate,
            tax: s.tax,
            total: s.total,
        }
    }
}

/// One packaging charge (never discounted).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricedPackaging {
    /// `gift_wrap` or `discreet`.
    pub kind: String,
    /// The name shown to the shopper.
    pub name: String,
    /// Its price.
    pub charge: Decimal,
    /// Tax rate applied (fraction).
    pub tax_rate: Decimal,
    /// Tax on the charge.
    pub tax: Decimal,
    /// What the shopper pays for it.
    pub total: Decimal,
}

impl From<core::PricedPackaging> for PricedPackaging {
    fn from(p: core::PricedPackaging) -> Self {
        PricedPackaging {
            kind: p.kind.as_str().to_owned(),
            name: p.name,
            charge: p.charge,
            tax_rate: p.tax_rate,
            tax: p.tax,
            total: p.total,
        }
    }
}

/// A promotion that applied, with its share on each line and on shipping.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AppliedPromotion {
    /// The promotion.
    pub promotion_id: String,
    /// Its name.
    pub name: String,
    /// The coupon code that unlocked it, if any.
    pub code: Option<String>,
    /// Its action (`percent_off`, `buy_x_get_y`, ...).
    pub action: String,
    /// Everything it gave: line shares plus shipping.
    pub amount: Decimal,
    /// Its share on each line it discounted, in line order.
    pub lines: Vec<LineShare>,
    /// What it took off shipping.
    pub shipping: Decimal,
}

impl From<core::AppliedPromotion> for AppliedPromotion {
    fn from(p: core::AppliedPromotion) -> Self {
        AppliedPromotion {
            promotion_id: p.promotion_id.to_string(),
            name: p.name.to_string(),
            code: p.code.as_deref().map(str::to_owned),
            action: p.action.into_owned(),
            amount: p.amount,
            lines: p.lines.into_iter().map(|s| LineShare { line: s.line, amount: s.amount }).collect(),
            shipping: p.shipping,
        }
    }
}

/// A promotion's share on one line (`line` is the position in `PricedCart.lines`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LineShare {
    /// Position of the line (0 for the first).
    pub line: u32,
    /// The amount.
    pub amount: Decimal,
}

/// A coupon code that gave nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RejectedCoupon {
    /// The code as in the cart.
    pub code: String,
    /// The reason's stable snake_case name (`not_found`, `expired`, `min_subtotal_not_met`...).
    pub reason: String,
}

impl From<core::RejectedCoupon> for RejectedCoupon {
    fn from(r: core::RejectedCoupon) -> Self {
        // The reason's name as serde writes it, so every binding reports the same word.
        let reason = match serde_json::to_value(r.reason) {
            Ok(serde_json::Value::String(name)) => name,
            Ok(other) => other.to_string(),
            Err(e) => e.to_string(),
        };
        RejectedCoupon { code: r.code, reason }
    }
}

/// The totals of a priced cart.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Totals {
    /// Sum of line subtotals, before discounts.
    pub subtotal: Decimal,
    /// Everything promotions gave: line discounts plus shipping discounts.
    pub discount_total: Decimal,
    /// Shipping after shipping discounts.
    pub shipping_total: Decimal,
    /// Gift wrap and discreet packaging charges.
    pub packaging_total: Decimal,
    /// All tax, on lines, shipping and packaging.
    pub tax_total: Decimal,
    /// What the shopper pays.
    pub grand_total: Decimal,
}

impl From<core::Totals> for Totals {
    fn from(t: core::Totals) -> Self {
        Totals {
            subtotal: t.subtotal,
            discount_total: t.discount_total,
            shipping_total: t.shipping_total,
            packaging_total: t.packaging_total,
            tax_total: t.tax_total,
            grand_total: t.grand_total,
        }
    }
}
