//! Steps 3 and 4: the shipping charge of the chosen method and its discounts, the packaging the cart
//! asks for, then tax on every line and charge, per item or once per rate split back by largest remainder.

use rust_decimal::Decimal;

use super::compile::{CompiledRate, Ratio};
use super::engine::{PackagingWork, Pricer, ShippingWork, Work};
use super::{PricingContext, PricingError};
use crate::cart::Cart;
use crate::delivery::{option_for, PackagingKind, ShippingMethod};
use crate::money::{allocate_minor_into, mul_div_round};
use crate::tax::TaxRounding;

/// The chosen shipping method's position, after checking it exists and serves the context.
pub(super) fn chosen_method(pricer: &Pricer, context: &PricingContext) -> Result<Option<usize>, PricingError> {
    let Some(id) = context.shipping_method_id.as_deref() else {
        return Ok(None);
    };
    let methods = &pricer.rules.shipping_methods;
    let at =
        methods.iter().position(|m| m.id == id).ok_or_else(|| PricingError::UnknownShippingMethod(id.to_owned()))?;
    let method = &methods[at];
    if method.currency != context.currency {
        return Err(unavailable(method, format!("it charges in {}", method.currency)));
    }
    if !method.regions.is_empty() && !context.region.as_ref().is_some_and(|r| method.regions.contains(r)) {
        return Err(unavailable(
            method,
            format!("it does not deliver to {:?}", context.region.as_deref().unwrap_or("")),
        ));
    }
    Ok(Some(at))
}

fn unavailable(method: &ShippingMethod, reason: String) -> PricingError {
    PricingError::ShippingUnavailable { method_id: method.id.clone(), reason }
}

/// Computes the shipping charge and applies the free-shipping promotions recorded in step 2.
pub(super) fn ship(
    pricer: &Pricer,
    context: &PricingContext,
    at: usize,
    work: &mut Work<'_>,
) -> Result<(), PricingError> {
    let method = &pricer.rules.shipping_methods[at];
    let charge = charge(pricer, at, work).map_err(|refused| match refused {
        Unshippable::Unavailable(reason) => unavailable(method, reason),
        Unshippable::Overflow => PricingError::Overflow("cart.lines".to_owned()),
    })?;
    let mut left = charge;
    for record in work.applied.iter_mut().filter(|r| r.free_shipping) {
        record.shipping = left;
        left = 0;
    }
    let emptied: Vec<usize> =
        work.applied.iter().filter(|r| r.free_shipping && r.shipping == 0).map(|r| r.promotion).collect();
    for source in emptied {
        reject_unused(pricer, work, source);
    }
    let tax_rate = pricer.rules.tax.rate_for(context.region.as_deref(), &method.tax_category);
    work.shipping = Some(ShippingWork { method: at, charge, discount: charge - left, tax_rate, tax: 0 });
    Ok(())
}

/// What the goods of `work` cost now: the lines' current amounts (their sum fits, as the subtotal does).
fn goods(work: &Work<'_>) -> i64 {
    work.lines.iter().map(|l| l.current).sum()
}

/// What the lines of `work` weigh, gift lines included; `None` when the sum exceeds `u64`.
fn cart_weight(work: &Work<'_>) -> Option<u64> {
    work.lines.iter().try_fold(0u64, |sum, line| sum.checked_add(line.weight))
}

/// Why a method cannot ship the cart: why it is unavailable, or a weight beyond `u64`.
#[derive(Debug, PartialEq, Eq)]
enum Unshippable {
    Unavailable(String),
    Overflow,
}

/// The charge of method `at` for the goods of `work` as they stand, before shipping discounts: its
/// rate (the weight is summed only for weight bands), or zero when `G` reaches its `free_over`.
fn charge(pricer: &Pricer, at: usize, work: &Work<'_>) -> Result<i64, Unshippable> {
    let compiled = &pricer.shipping[at];
    let goods = goods(work);
    let charge = match &compiled.rate {
        CompiledRate::Flat(amount) => *amount,
        CompiledRate::WeightBands(bands) => {
            let weight = cart_weight(work).ok_or(Unshippable::Overflow)?;
            bands.iter().find(|(up_to, _)| up_to.is_none_or(|limit| weight <= limit)).map(|band| band.1).ok_or_else(
                || Unshippable::Unavailable(format!("the cart weighs {weight} g, above its heaviest band")),
            )?
        }
        CompiledRate::SubtotalBands(bands) => bands
            .iter()
            .rev()
            .find(|(min, _)| *min <= goods)
            .map(|band| band.1)
            .ok_or_else(|| Unshippable::Unavailable("no band covers the cart's subtotal".to_owned()))?,
    };
    Ok(if compiled.free_over.is_some_and(|threshold| goods >= threshold) { 0 } else { charge })
}

/// Whether a free-shipping promotion reached now would waive something: no earlier one took the charge,
/// and the charge of method `at` for the goods as the promotions before it left them is not zero. A
/// method that cannot ship counts as charging: pricing fails in step 3 with the final figures.
pub(super) fn free_shipping_gives(pricer: &Pricer, at: usize, work: &Work<'_>) -> bool {
    if work.applied.iter().any(|r| r.free_shipping) {
        return false;
    }
    charge(pricer, at, work) != Ok(0)
}

/// A free-shipping promotion that found nothing to waive is not listed; its coupon is `not_applicable`.
fn reject_unused(pricer: &Pricer, work: &mut Work<'_>, source: usize) {
    work.applied.retain(|r| r.promotion != source);
    if let Some(n) = pricer.promotions.iter().position(|p| p.source == source) {
        work.rejections[n] = Some(crate::promotion::RejectionReason::NotApplicable);
    }
}

/// Adds a charge for each packaging the cart asks for (gift wrap, then discreet), at the price of the
/// option offered in the cart's currency; promotions never discount it.
pub(super) fn pack(
    pricer: &Pricer,
    cart: &Cart,
    context: &PricingContext,
    work: &mut Work<'_>,
) -> Result<(), PricingError> {
    let options = &pricer.rules.packaging;
    for kind in PackagingKind::requested_by(cart) {
        let option = option_for(options, kind, context.currency).ok_or_else(|| PricingError::PackagingUnavailable {
            field: kind.cart_field().to_owned(),
            kind,
            currency: context.currency.code(),
        })?;
        let tax_rate = pricer.rules.tax.rate_for(context.region.as_deref(), &options[option].tax_category);
        work.packaging.push(PackagingWork { option, charge: options[option].price.minor(), tax_rate, tax: 0 });
    }
    Ok(())
}

/// A tax rate as shown (a fraction) and as the exact ratio of an amount that is tax.
#[derive(Debug, Clone, Copy)]
pub(super) struct TaxRate {
    pub(super) rate: Decimal,
    ratio: Ratio,
}

/// Taxes every line, the shipping charge and the packaging charges.
pub(super) fn tax(pricer: &Pricer, context: &PricingContext, work: &mut Work<'_>) -> Result<(), PricingError> {
    let config = &pricer.rules.tax;
    let region = context.region.as_deref();
    let ratio = |rate: Decimal| if config.prices_include_tax { Ratio::contained(rate) } else { Ratio::fraction(rate) };
    let policy = pricer.rules.rounding;
    let tax_of = |amount: i64, ratio: Ratio| {
        mul_div_round(i128::from(amount), ratio.num, ratio.den, policy).and_then(|tax| i64::try_from(tax).ok())
    };
    // Each tax category's rate is looked up once, when a line first needs it.
    let names = &pricer.tax_classes.names;
    let mut rates = std::mem::take(&mut work.tax_rates);
    rates.clear();
    rates.resize(names.len(), None);
    let mut rate_of = |class: u32| -> TaxRate {
        let slot = &mut rates[class as usize];
        *slot.get_or_insert_with(|| {
            let rate = config.rate_for(region, &names[class as usize]);
            TaxRate { rate, ratio: ratio(rate) }
        })
    };
    match config.rounding {
        TaxRounding::PerLine => {
            for (i, line) in work.lines.iter_mut().enumerate() {
                line.tax = tax_of(line.current, rate_of(line.tax_class).ratio).ok_or_else(|| overflow(i))?;
            }
            if let Some(shipping) = &mut work.shipping {
                shipping.tax = tax_of(shipping.charge - shipping.discount, ratio(shipping.tax_rate))
                    .ok_or_else(|| PricingError::Overflow("shipping.tax".to_owned()))?;
            }
            for (i, packaging) in work.packaging.iter_mut().enumerate() {
                packaging.tax = tax_of(packaging.charge, ratio(packaging.tax_rate))
                    .ok_or_else(|| PricingError::Overflow(format!("packaging[{i}].tax")))?;
            }
        }
        TaxRounding::PerTotal => {
            for line in &work.lines {
                rate_of(line.tax_class);
            }
            work.tax_rates = rates;
            return per_total(work, |amount, rate| tax_of(amount, ratio(rate)));
        }
    }
    work.tax_rates = rates;
    Ok(())
}

fn overflow(line: usize) -> PricingError {
    PricingError::Overflow(format!("lines[{line}].tax"))
}

/// A taxed item of the cart, in the order per-total tax splits over them.
#[derive(Debug, Clone, Copy)]
enum Taxed {
    Line(usize),
    Shipping,
    Packaging(usize),
}

/// Every taxed item with its rate and taxable amount: lines in order, shipping, then packaging.
fn taxed_items(work: &Work<'_>) -> Vec<(Taxed, Decimal, i64)> {
    let lines = work.lines.iter().enumerate().map(|(i, l)| (Taxed::Line(i), work.line_tax_rate(l), l.current));
    let shipping = work.shipping.map(|s| (Taxed::Shipping, s.tax_rate, s.charge - s.discount));
    let packaging = work.packaging.iter().enumerate().map(|(i, p)| (Taxed::Packaging(i), p.tax_rate, p.charge));
    lines.chain(shipping).chain(packaging).collect()
}

/// Tax once per distinct rate on the sum of the taxable amounts, split back by largest remainder
/// over the items with that rate (lines in order, shipping, then packaging).
fn per_total(work: &mut Work<'_>, tax_of: impl Fn(i64, Decimal) -> Option<i64>) -> Result<(), PricingError> {
    let items = taxed_items(work);
    let mut rates: Vec<Decimal> = items.iter().map(|item| item.1).collect();
    rates.sort();
    rates.dedup();
    for rate in rates {
        let members: Vec<(Taxed, i64)> =
            items.iter().filter(|item| item.1 == rate).map(|&(taxed, _, amount)| (taxed, amount)).collect();
        let weights: Vec<i64> = members.iter().map(|m| m.1).collect();
        let sum = weights.iter().try_fold(0i64, |sum, &w| sum.checked_add(w));
        let total = sum.and_then(|sum| tax_of(sum, rate));
        let total = total.ok_or_else(|| PricingError::Overflow("totals.tax_total".to_owned()))?;
        let mut parts = vec![0; members.len()];
        // Taxable amounts are never negative and `members` holds at least one item per rate.
        if allocate_minor_into(total, &weights, &mut parts).is_err() {
            continue;
        }
        for (&(taxed, _), part) in members.iter().zip(parts) {
            match taxed {
                Taxed::Line(i) => work.lines[i].tax = part,
                Taxed::Shipping => {
                    if let Some(shipping) = work.shipping.as_mut() {
                        shipping.tax = part;
                    }
                }
                Taxed::Packaging(i) => work.packaging[i].tax = part,
            }
        }
    }
    Ok(())
}
