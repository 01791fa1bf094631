//! Step 2: promotions in ascending priority, each checked against its conditions, given the eligible
//! lines (stacking rules applied), and applied to the amounts left by the ones before it.

use std::sync::Arc;

use super::actions::{self, Buffers, Shares};
use super::compile::{CompiledAction, CompiledPromotion, CompiledSelector};
use super::engine::{AppliedWork, LineWork, Pricer, Work};
use super::result::LineShare;
use super::{charges, output, PricingContext, PricingError};
use crate::cart::Cart;
use crate::catalog::VariantRef;
use crate::promotion::{Promotion, RejectionReason};

/// Applies every promotion to `work`, recording what each gave or why its coupon was rejected.
pub(super) fn apply<'a>(
    pricer: &'a Pricer,
    cart: &Cart,
    context: &PricingContext,
    work: &mut Work<'a>,
    shipping: Option<usize>,
) -> Result<(), PricingError> {
    if pricer.promotions.is_empty() {
        return Ok(());
    }
    let cart_subtotal = work.lines.iter().try_fold(0i64, |sum, line| sum.checked_add(line.subtotal));
    let cart_subtotal = cart_subtotal.ok_or_else(|| PricingError::Overflow("cart.subtotal".to_owned()))?;
    let entered = entered_coupons(pricer, cart);
    let mut exclusive_applied = false;
    // Buffers reused by every promotion of this pricing.
    let mut buffers = Buffers::with_capacity(work.lines.len());
    let mut shares = Shares::with_capacity(work.lines.len());
    for (n, compiled) in pricer.promotions.iter().enumerate() {
        let promotion = &pricer.rules.promotions[compiled.source];
        if promotion.coupon_code.is_some() && !entered.get(n).copied().unwrap_or(false) {
            continue;
        }
        let outcome = if exclusive_applied {
            Err(RejectionReason::NotCombinable.into())
        } else {
            check_conditions(promotion, compiled, context, cart_subtotal, work)
                .map_err(Refusal::from)
                .and_then(|()| run_action(pricer, compiled, promotion, work, shipping, &mut buffers, &mut shares))
        };
        match outcome {
            Ok(applied) => {
                commit(pricer, compiled, applied, &shares, context, work);
                exclusive_applied = promotion.exclusive;
            }
            Err(Refusal::Rejected(reason)) => work.rejections[n] = Some(reason),
            Err(Refusal::Overflow) => {
                return Err(PricingError::Overflow(format!("rules.promotions[{}].action", compiled.source)))
            }
        }
    }
    Ok(())
}

/// Per compiled promotion, whether the cart carries its coupon code (empty when it carries none): one
/// look-up per code, so a coupon promotion is unlocked when its flag is set.
fn entered_coupons(pricer: &Pricer, cart: &Cart) -> Vec<bool> {
    let mut entered = Vec::new();
    if cart.coupons.is_empty() {
        return entered;
    }
    entered.resize(pricer.promotions.len(), false);
    for n in cart.coupons.iter().filter_map(|code| pricer.coupons.find(code)) {
        entered[n] = true;
    }
    entered
}

fn check_conditions(
    promotion: &Promotion,
    compiled: &CompiledPromotion,
    context: &PricingContext,
    cart_subtotal: i64,
    work: &Work<'_>,
) -> Result<(), RejectionReason> {
    let conditions = &promotion.conditions;
    if conditions.starts_at.is_some_and(|start| context.now < start) {
        return Err(RejectionReason::NotYetValid);
    }
    if conditions.ends_at.is_some_and(|end| context.now >= end) {
        return Err(RejectionReason::Expired);
    }
    let customer_uses = || context.promotion_uses.get(&promotion.id).copied().unwrap_or(0);
    if conditions.usage_limit.is_some_and(|limit| conditions.times_used >= limit)
        || conditions.per_customer_limit.is_some_and(|limit| customer_uses() >= limit)
    {
        return Err(RejectionReason::UsageLimitReached);
    }
    if promotion.currency.is_some_and(|currency| currency != context.currency) {
        return Err(RejectionReason::CurrencyMismatch);
    }
    if !conditions.customer_groups.is_empty()
        && !context.customer_groups.iter().any(|g| conditions.customer_groups.contains(g))
    {
        return Err(RejectionReason::CustomerGroupNotEligible);
    }
    if !conditions.customer_segments.is_empty()
        && !context.customer_segments.iter().any(|s| conditions.customer_segments.contains(s))
    {
        return Err(RejectionReason::CustomerSegmentNotEligible);
    }
    if conditions.first_order_only && !context.first_order {
        return Err(RejectionReason::FirstOrderOnly);
    }
    if compiled.min_subtotal.is_some_and(|min| cart_subtotal < min) {
        return Err(RejectionReason::MinSubtotalNotMet);
    }
    for (target, min_quantity) in &compiled.required_items {
        let units: u64 = work
            .lines
            .iter()
            .filter(|line| !line.gift && target.matches(line.variant, line.categories))
            .map(|line| u64::from(line.quantity))
            .sum();
        if units < u64::from(*min_quantity) {
            return Err(RejectionReason::RequiredItemsMissing);
        }
    }
    Ok(())
}

/// What an action gave, before it is written into the lines: line shares are in the shares buffer.
pub(super) enum Applied<'a> {
    Lines,
    FreeShipping,
    Gift { variant: VariantRef, quantity: u32, line_id: &'a Arc<str> },
}

/// The lines a selector makes eligible, into `out`: matching, not a gift, and not already discounted
/// when the promotion does not stack. All matching lines dropped for stacking is `not_combinable`.
fn eligible(
    work: &Work<'_>,
    selector: &CompiledSelector,
    stackable: bool,
    out: &mut Vec<u32>,
) -> Result<(), RejectionReason> {
    out.clear();
    let mut matched = false;
    if selector.is_everything() {
        for (i, line) in work.lines.iter().enumerate() {
            if !line.gift {
                matched = true;
                if stackable || !line.discounted {
                    out.push(i as u32);
                }
            }
        }
    } else {
        for (i, line) in work.lines.iter().enumerate() {
            if line.gift || !selector.matches(line.variant, line.categories) {
                continue;
            }
            matched = true;
            if stackable || !line.discounted {
                out.push(i as u32);
            }
        }
    }
    if matched && out.is_empty() {
        Err(RejectionReason::NotCombinable)
    } else {
        Ok(())
    }
}

/// Why a promotion's action gave nothing: a rejection reason, or an amount beyond the engine's range
/// (which fails the whole pricing).
enum Refusal {
    Rejected(RejectionReason),
    Overflow,
}

impl From<RejectionReason> for Refusal {
    fn from(reason: RejectionReason) -> Refusal {
        Refusal::Rejected(reason)
    }
}

impl From<actions::Overflow> for Refusal {
    fn from(_: actions::Overflow) -> Refusal {
        Refusal::Overflow
    }
}

fn run_action<'a>(
    pricer: &Pricer,
    compiled: &'a CompiledPromotion,
    promotion: &Promotion,
    work: &Work<'_>,
    shipping: Option<usize>,
    buffers: &mut Buffers,
    shares: &mut Shares,
) -> Result<Applied<'a>, Refusal> {
    shares.clear();
    let mut targets = std::mem::take(&mut buffers.eligible);
    let mut second = std::mem::take(&mut buffers.second);
    let result = line_action(pricer, compiled, promotion, work, shipping, (&mut targets, &mut second), buffers, shares);
    buffers.eligible = targets;
    buffers.second = second;
    match result? {
        Some(applied) => Ok(applied),
        None if shares.iter().all(|&(_, amount)| amount == 0) => Err(RejectionReason::NotApplicable.into()),
        None => Ok(Applied::Lines),
    }
}

/// Runs the action: line shares go into `shares` (`None`), shipping and gifts are returned as such.
#[allow(clippy::too_many_arguments)]
fn line_action<'a>(
    pricer: &Pricer,
    compiled: &'a CompiledPromotion,
    promotion: &Promotion,
    work: &Work<'_>,
    shipping: Option<usize>,
    (targets, second): (&mut Vec<u32>, &mut Vec<u32>),
    buffers: &mut Buffers,
    shares: &mut Shares,
) -> Result<Option<Applied<'a>>, Refusal> {
    let stackable = promotion.stackable;
    let lines = &work.lines;
    let policy = pricer.rules.rounding;
    match &compiled.action {
        CompiledAction::PercentOff { ratio, target } => {
            eligible(work, target, stackable, targets)?;
            actions::percent_off(lines, targets, *ratio, policy, shares)?;
        }
        CompiledAction::AmountOff { minor, target, allocation, max_quantity } => {
            eligible(work, target, stackable, targets)?;
            actions::amount_off(lines, targets, *minor, *allocation, *max_quantity, buffers, shares);
        }
        CompiledAction::OrderAmountOff { minor } => {
            eligible(work, &CompiledSelector::everything(), stackable, targets)?;
            actions::across(lines, targets, *minor, buffers, shares);
        }
        CompiledAction::OrderPercentOff { ratio } => {
            eligible(work, &CompiledSelector::everything(), stackable, targets)?;
            actions::order_percent_off(lines, targets, *ratio, policy, buffers, shares)?;
        }
        CompiledAction::BuyXGetY { buy, buy_quantity, get, get_quantity, ratio, max } => {
            eligible(work, buy, stackable, targets)?;
            eligible(work, get, stackable, second)?;
            let (buy, get) = ((&targets[..], *buy_quantity), (&second[..], *get_quantity));
            actions::buy_x_get_y(lines, buy, get, *ratio, *max, policy, buffers, shares)?;
        }
        CompiledAction::FixedPrice { items, price, max } => {
            let mut items = items
                .iter()
                .map(|(target, quantity)| {
                    let mut lines = Vec::new();
                    eligible(work, target, stackable, &mut lines)?;
                    Ok((lines, *quantity))
                })
                .collect::<Result<Vec<_>, RejectionReason>>()?;
            actions::fixed_price(lines, &mut items, *price, *max, buffers, shares)?;
        }
        CompiledAction::Tiered { tiers, target } => {
            eligible(work, target, stackable, targets)?;
            actions::tiered(lines, targets, tiers, buffers, shares);
        }
        CompiledAction::FreeShipping => {
            return match shipping {
                Some(at) if charges::free_shipping_gives(pricer, at, work) => Ok(Some(Applied::FreeShipping)),
                _ => Err(RejectionReason::NotApplicable.into()),
            }
        }
        CompiledAction::FreeGift { variant, quantity, line_id } => {
            return Ok(Some(Applied::Gift { variant: *variant, quantity: *quantity, line_id }))
        }
    }
    Ok(None)
}

/// Writes an applied promotion's shares into the lines (or adds its gift line) and records it.
fn commit<'a>(
    pricer: &'a Pricer,
    compiled: &CompiledPromotion,
    applied: Applied<'a>,
    shares: &Shares,
    context: &PricingContext,
    work: &mut Work<'a>,
) {
    let mut record = AppliedWork {
        promotion: compiled.source,
        shares: Vec::new(),
        line_amount: 0,
        shipping: 0,
        free_shipping: false,
    };
    match applied {
        Applied::Lines => {
            let scale = context.currency.minor_units();
            let given = shares.iter().filter(|&&(_, amount)| amount > 0);
            record.shares = Vec::with_capacity(given.clone().count());
            for &(i, amount) in given {
                let line = &mut work.lines[i as usize];
                line.current -= amount;
                line.discounted = true;
                record.line_amount += amount;
                record.shares.push(LineShare { line: i, amount: output::decimal(amount, scale) });
            }
        }
        Applied::FreeShipping => record.free_shipping = true,
        Applied::Gift { variant, quantity, line_id } => work.lines.push(gift_line(pricer, line_id, variant, quantity)),
    }
    work.applied.push(record);
}

fn gift_line<'a>(pricer: &'a Pricer, line_id: &'a Arc<str>, variant: VariantRef, quantity: u32) -> LineWork<'a> {
    let (_, gift) = pricer.catalog.resolve(variant);
    let (product_id, variant_id) = pricer.catalog.shared_ids(variant);
    LineWork {
        line_id,
        variant_id,
        product_id,
        variant,
        categories: pricer.catalog.product_categories_at(variant.product),
        quantity,
        unit: 0,
        subtotal: 0,
        current: 0,
        discounted: false,
        price_changed: false,
        gift: true,
        weight: u64::from(gift.weight_grams) * u64::from(quantity),
        tax_class: pricer.tax_classes.of_product[variant.product as usize],
        tax: 0,
    }
}
