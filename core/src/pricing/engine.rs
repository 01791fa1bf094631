//! The `Pricer`: rules compiled once against a catalog, then one pass per cart through the pipeline
//! unit prices -> promotions -> shipping -> packaging -> tax -> totals, all in integer minor units.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::charges::TaxRate;
use super::compile::{
    check_packaging, check_tax_rates, compile_promotions, compile_shipping, CompiledPromotion, CompiledShipping,
    CouponTable, ShownPromotion, TaxClasses,
};
use super::result::LineShare;
use super::{charges, limits, output, promotions, unit_price, PricedCart, PricingContext, PricingError, PricingRules};
use crate::cart::Cart;
use crate::catalog::{Catalog, VariantRef};
use crate::promotion::RejectionReason;

/// A catalog and a store's pricing rules, validated and made ready to price many carts.
#[derive(Debug, Clone)]
pub struct Pricer {
    pub(super) catalog: Catalog,
    pub(super) rules: PricingRules,
    pub(super) promotions: Vec<CompiledPromotion>,
    /// Per promotion of the rules, in their order: its texts as the priced cart shows them.
    pub(super) shown: Vec<ShownPromotion>,
    /// The coupon codes, for finding a cart's codes.
    pub(super) coupons: CouponTable,
    pub(super) shipping: Vec<CompiledShipping>,
    /// The catalog's tax categories, numbered, and each product's.
    pub(super) tax_classes: TaxClasses,
}

/// One line while it is being priced. Its ids are the cart's (or the compiled gift's) and the
/// catalog's shared ones, cloned into the priced line at the end.
#[derive(Debug, Clone)]
pub(super) struct LineWork<'a> {
    pub(super) line_id: &'a Arc<str>,
    pub(super) variant_id: &'a Arc<str>,
    pub(super) product_id: &'a Arc<str>,
    pub(super) variant: VariantRef,
    pub(super) categories: &'a [u32],
    pub(super) quantity: u32,
    pub(super) unit: i64,
    pub(super) subtotal: i64,
    /// What is left to pay after the promotions applied so far.
    pub(super) current: i64,
    pub(super) discounted: bool,
    pub(super) price_changed: bool,
    pub(super) gift: bool,
    pub(super) weight: u64,
    /// The product's tax category, numbered by [`TaxClasses`].
    pub(super) tax_class: u32,
    pub(super) tax: i64,
}

/// A promotion that gave something: its shares on the lines, already as they are shown, their sum,
/// and what it took off shipping.
#[derive(Debug, Clone)]
pub(super) struct AppliedWork {
    pub(super) promotion: usize,
    pub(super) shares: Vec<LineShare>,
    pub(super) line_amount: i64,
    pub(super) shipping: i64,
    pub(super) free_shipping: bool,
}

/// The shipping charge while it is being priced.
#[derive(Debug, Clone, Copy)]
pub(super) struct ShippingWork {
    pub(super) method: usize,
    pub(super) charge: i64,
    pub(super) discount: i64,
    pub(super) tax_rate: Decimal,
    pub(super) tax: i64,
}

/// One packaging charge (gift wrap, discreet box) while it is being priced.
#[derive(Debug, Clone, Copy)]
pub(super) struct PackagingWork {
    /// Position of the option in the rules.
    pub(super) option: usize,
    pub(super) charge: i64,
    pub(super) tax_rate: Decimal,
    pub(super) tax: i64,
}

/// Everything computed for one cart.
#[derive(Debug)]
pub(super) struct Work<'a> {
    pub(super) lines: Vec<LineWork<'a>>,
    pub(super) applied: Vec<AppliedWork>,
    /// Per compiled promotion: why its coupon was rejected, if it was.
    pub(super) rejections: Vec<Option<RejectionReason>>,
    pub(super) shipping: Option<ShippingWork>,
    /// The packaging the cart asks for, gift wrap first.
    pub(super) packaging: Vec<PackagingWork>,
    /// Per tax class: its rate in this context, once looked up.
    pub(super) tax_rates: Vec<Option<TaxRate>>,
}

impl Work<'_> {
    /// The tax rate of `line`, once taxed.
    pub(super) fn line_tax_rate(&self, line: &LineWork<'_>) -> Decimal {
        self.tax_rates.get(line.tax_class as usize).copied().flatten().map_or(Decimal::ZERO, |r| r.rate)
    }
}

impl Pricer {
    /// Validates `rules` against `catalog` (amounts, percentages, rates, references) and compiles them.
    pub fn new(catalog: Catalog, rules: PricingRules) -> Result<Pricer, PricingError> {
        check_tax_rates(&rules)?;
        check_packaging(&rules)?;
        let promotions = compile_promotions(&rules, &catalog)?;
        let coupons = CouponTable::new(&rules, &promotions);
        let shipping = compile_shipping(&rules)?;
        let tax_classes = TaxClasses::new(&catalog);
        let shown = ShownPromotion::all(&rules);
        Ok(Pricer { catalog, rules, promotions, shown, coupons, shipping, tax_classes })
    }

    /// The catalog this pricer prices against.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The rules this pricer applies.
    pub fn rules(&self) -> &PricingRules {
        &self.rules
    }

    /// Prices `cart` in `context`. Pure: the same inputs always give the same priced cart.
    pub fn price(&self, cart: &Cart, context: &PricingContext) -> Result<PricedCart, PricingError> {
        if cart.currency != context.currency {
            return Err(PricingError::CurrencyMismatch {
                cart: cart.currency.code(),
                context: context.currency.code(),
            });
        }
        limits::check_cart(cart)?;
        let shipping_method = charges::chosen_method(self, context)?;
        let mut work = Work {
            lines: unit_price::resolve_lines(self, cart, context)?,
            applied: Vec::with_capacity(self.promotions.len()),
            rejections: vec![None; self.promotions.len()],
            shipping: None,
            packaging: Vec::new(),
            tax_rates: Vec::new(),
        };
        promotions::apply(self, cart, context, &mut work, shipping_method)?;
        if let Some(method) = shipping_method {
            charges::ship(self, context, method, &mut work)?;
        }
        charges::pack(self, cart, context, &mut work)?;
        charges::tax(self, context, &mut work)?;
        output::priced_cart(self, cart, context, work)
    }
}
