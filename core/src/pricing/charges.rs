//! Steps 3 and 4: the shipping charge of the chosen method and its discounts, then tax on every line
//! and on shipping, per line or once per rate with the total split back by largest remainder.

use rust_decimal::Decimal;

use super::compile::{CompiledRate, Ratio};
use super::engine::{Pricer, ShippingWork, Work};
use super::{PricingContext, PricingError};
use crate::money::{allocate_minor_into, div_round};
use crate::shipping::ShippingMethod;
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
    let compiled = &pricer.shipping[at];
    let goods: i64 = work.lines.iter().map(|l| l.current).sum();
    let weight: u64 = work.lines.iter().map(|l| l.weight).sum();
    let charge = match &compiled.rate {
        CompiledRate::Flat(amount) => *amount,
        CompiledRate::WeightBands(bands) => bands
            .iter()
            .find(|(up_to, _)| up_to.is_none_or(|limit| weight <= limit))
            .map(|band| band.1)
            .ok_or_else(|| unavailable(method, format!("the cart weighs {weight} g, above its heaviest band")))?,
        CompiledRate::SubtotalBands(bands) => bands
            .iter()
            .rev()
            .find(|(min, _)| *min <= goods)
            .map(|band| band.1)
            .ok_or_else(|| unavailable(method, "no band covers the cart's subtotal".to_owned()))?,
    };
    let charge = if compiled.free_over.is_some_and(|threshold| goods >= threshold) { 0 } else { charge };
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

/// A free-shipping promotion that found nothing to waive is not listed; its coupon is `not_applicable`.
fn reject_unused(pricer: &Pricer, work: &mut Work<'_>, source: usize) {
    work.applied.retain(|r| r.promotion != source);
    if let Some(n) = pricer.promotions.iter().position(|p| p.source == source) {
        work.rejections[n] = Some(crate::promotion::RejectionReason::NotApplicable);
    }
}

/// Taxes every line and the shipping charge.
pub(super) fn tax(pricer: &Pricer, context: &PricingContext, work: &mut Work<'_>) -> Result<(), PricingError> {
    let config = &pricer.rules.tax;
    let region = context.region.as_deref();
    let mut cache: Vec<(&str, Decimal)> = Vec::new();
    for line in &mut work.lines {
        let category = line.product.tax_category.as_str();
        line.tax_rate = match cache.iter().find(|(c, _)| *c == category) {
            Some(&(_, rate)) => rate,
            None => {
                let rate = config.rate_for(region, category);
                cache.push((category, rate));
                rate
            }
        };
    }
    let ratio = |rate: Decimal| if config.prices_include_tax { Ratio::contained(rate) } else { Ratio::fraction(rate) };
    let policy = pricer.rules.rounding;
    let tax_of = |amount: i64, rate: Decimal| {
        let r = ratio(rate);
        div_round(i128::from(amount) * r.num, r.den, policy) as i64
    };
    match config.rounding {
        TaxRounding::PerLine => {
            for line in &mut work.lines {
                line.tax = tax_of(line.current, line.tax_rate);
            }
            if let Some(shipping) = &mut work.shipping {
                shipping.tax = tax_of(shipping.charge - shipping.discount, shipping.tax_rate);
            }
        }
        TaxRounding::PerTotal => per_total(work, tax_of),
    }
    Ok(())
}

/// Tax once per distinct rate on the sum of the taxable amounts, split back by largest remainder
/// (lines in order, shipping last).
fn per_total(work: &mut Work<'_>, tax_of: impl Fn(i64, Decimal) -> i64) {
    let mut rates: Vec<Decimal> = work.lines.iter().map(|l| l.tax_rate).collect();
    rates.extend(work.shipping.map(|s| s.tax_rate));
    rates.sort();
    rates.dedup();
    let shipping_index = work.lines.len();
    for rate in rates {
        let mut members: Vec<usize> = (0..work.lines.len()).filter(|&i| work.lines[i].tax_rate == rate).collect();
        if work.shipping.is_some_and(|s| s.tax_rate == rate) {
            members.push(shipping_index);
        }
        let taxable = |i: usize| match (i == shipping_index, work.shipping) {
            (true, Some(s)) => s.charge - s.discount,
            _ => work.lines[i].current,
        };
        let weights: Vec<i64> = members.iter().map(|&i| taxable(i)).collect();
        let total = tax_of(weights.iter().sum(), rate);
        let mut parts = vec![0; members.len()];
        // Taxable amounts are never negative and `members` holds at least one item per rate.
        if allocate_minor_into(total, &weights, &mut parts).is_err() {
            continue;
        }
        for (&i, part) in members.iter().zip(parts) {
            match (i == shipping_index, work.shipping.as_mut()) {
                (true, Some(shipping)) => shipping.tax = part,
                _ => work.lines[i].tax = part,
            }
        }
    }
}
