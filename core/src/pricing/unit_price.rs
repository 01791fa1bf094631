//! Step 1: each line's unit price from the base price tiers and the active price lists (sale only
//! when lower, override always; highest priority wins, ties to the lowest price), and its subtotal.

use rust_decimal::Decimal;

use super::engine::{LineWork, Pricer};
use super::{limits, PricingContext, PricingError};
use crate::cart::{Cart, CartLine};
use crate::catalog::{PriceList, PriceListKind, Variant};

/// Prices every cart line, in cart order. Their subtotals must add up within `i64`, so every later sum
/// of the lines' amounts (which never exceed their subtotals) fits too.
pub(super) fn resolve_lines<'a>(
    pricer: &'a Pricer,
    cart: &'a Cart,
    context: &PricingContext,
) -> Result<Vec<LineWork<'a>>, PricingError> {
    let active = active_lists(pricer.catalog.price_lists(), context);
    let active = if active.contains(&true) { active.as_slice() } else { &[] };
    let mut lines = Vec::with_capacity(cart.lines.len() + 1);
    let mut subtotal = 0i64;
    for (i, line) in cart.lines.iter().enumerate() {
        let line = resolve_line(pricer, line, i, context, active)?;
        subtotal =
            subtotal.checked_add(line.subtotal).ok_or_else(|| PricingError::Overflow("cart.subtotal".to_owned()))?;
        lines.push(line);
    }
    Ok(lines)
}

fn resolve_line<'a>(
    pricer: &'a Pricer,
    line: &'a CartLine,
    i: usize,
    context: &PricingContext,
    active: &[bool],
) -> Result<LineWork<'a>, PricingError> {
    // `active` is empty when no price list applies.
    limits::check_quantity(line.quantity, i)?;
    let variant_ref = pricer.catalog.variant_ref(&line.variant_id).ok_or_else(|| PricingError::UnknownVariant {
        field: format!("cart.lines[{i}].variant_id"),
        variant_id: line.variant_id.clone(),
    })?;
    let (_, variant) = pricer.catalog.resolve(variant_ref);
    let (product_id, variant_id) = pricer.catalog.shared_ids(variant_ref);
    let unit = unit_price(pricer, variant, line.quantity, context, active).ok_or_else(|| PricingError::NoPrice {
        field: format!("cart.lines[{i}]"),
        variant_id: line.variant_id.clone(),
        currency: context.currency.code(),
    })??;
    let subtotal = unit.checked_mul(i64::from(line.quantity)).ok_or_else(|| overflow(i))?;
    let price_changed = line.unit_price_at_add.is_some_and(|seen| seen != context.currency.from_minor(unit));
    Ok(LineWork {
        line_id: &line.id,
        variant_id,
        product_id,
        variant: variant_ref,
        categories: pricer.catalog.product_categories_at(variant_ref.product),
        quantity: line.quantity,
        unit,
        subtotal,
        current: subtotal,
        discounted: false,
        price_changed,
        gift: false,
        weight: u64::from(variant.weight_grams) * u64::from(line.quantity),
        tax_class: pricer.tax_classes.of_product[variant_ref.product as usize],
        tax: 0,
    })
}

fn overflow(i: usize) -> PricingError {
    PricingError::Overflow(format!("cart.lines[{i}].quantity"))
}

/// Which price lists apply in this context (currency, region, channel, groups, time window).
fn active_lists(lists: &[PriceList], context: &PricingContext) -> Vec<bool> {
    let allows =
        |allowed: &[String], value: Option<&String>| allowed.is_empty() || value.is_some_and(|v| allowed.contains(v));
    lists
        .iter()
        .map(|list| {
            list.currency == context.currency
                && allows(&list.regions, context.region.as_ref())
                && allows(&list.channels, context.channel.as_ref())
                && (list.customer_groups.is_empty()
                    || context.customer_groups.iter().any(|g| list.customer_groups.contains(g)))
                && list.starts_at.is_none_or(|start| start <= context.now)
                && list.ends_at.is_none_or(|end| context.now < end)
        })
        .collect()
}

/// `amount` in minor units when it is written at exactly the currency's scale (the usual case);
/// `None` sends other scales through the checked conversion.
#[inline]
fn minor_at_scale(amount: Decimal, minor_units: u32) -> Option<i64> {
    if amount.scale() == minor_units {
        i64::try_from(amount.mantissa()).ok()
    } else {
        None
    }
}

/// The unit price in minor units, or `None` when the variant has no price in the currency.
fn unit_price(
    pricer: &Pricer,
    variant: &Variant,
    quantity: u32,
    context: &PricingContext,
    active: &[bool],
) -> Option<Result<i64, PricingError>> {
    let base = variant.base_price(context.currency, quantity)?;
    let base = match minor_at_scale(base.amount, context.currency.minor_units()) {
        Some(minor) => minor,
        None => match context.currency.to_minor(base.amount, "price") {
            Ok(minor) => minor,
            Err(e) => return Some(Err(e.into())),
        },
    };
    if active.is_empty() {
        return Some(Ok(base));
    }
    let lists = pricer.catalog.price_lists();
    let mut best: Option<(i32, i64)> = None;
    let prices = pricer.catalog.list_prices(&variant.id);
    for (n, offer) in prices.iter().enumerate() {
        let superseded = prices.get(n + 1).is_some_and(|next| next.list == offer.list && next.min_quantity <= quantity);
        if !active[offer.list as usize] || offer.min_quantity > quantity || superseded {
            continue;
        }
        let list = &lists[offer.list as usize];
        if list.kind == PriceListKind::Sale && offer.minor >= base {
            continue;
        }
        let better = match best {
            None => true,
            Some((priority, price)) => list.priority > priority || (list.priority == priority && offer.minor < price),
        };
        if better {
            best = Some((list.priority, offer.minor));
        }
    }
    Some(Ok(best.map_or(base, |(_, price)| price)))
}
