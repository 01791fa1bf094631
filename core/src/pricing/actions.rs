//! What each promotion action takes off which line, computed exactly from the lines' current amounts;
//! splits use largest remainder so the shares always add up to the amount given.

use super::compile::Ratio;
use super::engine::LineWork;
use super::units::{self, Units};
use crate::money::{allocate_minor_into, mul_div_round, RoundingPolicy};
use crate::promotion::Allocation;

/// Amount taken off each line, by line index.
pub(super) type Shares = Vec<(u32, i64)>;

/// An amount that does not fit the engine's range; the caller names the promotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Overflow;

/// Scratch space reused by the promotions of one pricing.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    /// The lines a promotion targets.
    pub(super) eligible: Vec<u32>,
    /// The lines a second selector of the promotion targets (buy-x-get-y's `get`).
    pub(super) second: Vec<u32>,
    splits: Splits,
    units: Units,
}

/// Scratch space of a largest-remainder split.
#[derive(Debug, Default)]
struct Splits {
    weights: Vec<i64>,
    parts: Vec<i64>,
}

impl Buffers {
    /// Buffers for a cart of `lines` lines (the splits' buffers grow only when a split runs).
    pub(super) fn with_capacity(lines: usize) -> Buffers {
        Buffers { eligible: Vec::with_capacity(lines), ..Buffers::default() }
    }
}

fn at<'l, 'a>(lines: &'l [LineWork<'a>], i: u32) -> &'l LineWork<'a> {
    &lines[i as usize]
}

/// `amount x num / den`, rounded by `policy`, exactly; `Overflow` when it does not fit an `i64`.
#[inline]
fn apply_ratio(amount: i128, num: i128, den: i128, policy: RoundingPolicy) -> Result<i64, Overflow> {
    mul_div_round(amount, num, den, policy).and_then(|v| i64::try_from(v).ok()).ok_or(Overflow)
}

/// `percent_off`: each line loses its percentage of its current amount.
pub(super) fn percent_off(
    lines: &[LineWork<'_>],
    eligible: &[u32],
    ratio: Ratio,
    policy: RoundingPolicy,
    out: &mut Shares,
) -> Result<(), Overflow> {
    for &i in eligible {
        out.push((i, apply_ratio(i128::from(at(lines, i).current), ratio.num, ratio.den, policy)?));
    }
    Ok(())
}

/// `amount_off`: per unit, per line, or once across the lines.
pub(super) fn amount_off(
    lines: &[LineWork<'_>],
    eligible: &[u32],
    amount: i64,
    allocation: Allocation,
    max_quantity: Option<u32>,
    buffers: &mut Buffers,
    out: &mut Shares,
) {
    match allocation {
        Allocation::EachUnit => out.extend(eligible.iter().map(|&i| {
            let line = at(lines, i);
            let units = max_quantity.map_or(line.quantity, |max| line.quantity.min(max));
            (i, amount.saturating_mul(i64::from(units)).min(line.current))
        })),
        Allocation::EachLine => out.extend(eligible.iter().map(|&i| (i, amount.min(at(lines, i).current)))),
        Allocation::Across => across(lines, eligible, amount, buffers, out),
    }
}

/// The lines' current amounts added up (they never exceed the subtotals, whose sum fits).
fn current_sum(lines: &[LineWork<'_>], eligible: &[u32]) -> i64 {
    eligible.iter().map(|&i| at(lines, i).current).sum()
}

/// `amount` once, capped at what the lines still cost, split by their current amounts.
pub(super) fn across(lines: &[LineWork<'_>], eligible: &[u32], amount: i64, buffers: &mut Buffers, out: &mut Shares) {
    let total = amount.min(current_sum(lines, eligible));
    split(eligible, total, |i| at(lines, i).current, &mut buffers.splits, out);
}

/// `order_percent_off`: the percentage of the lines' current sum, split by their current amounts.
pub(super) fn order_percent_off(
    lines: &[LineWork<'_>],
    eligible: &[u32],
    ratio: Ratio,
    policy: RoundingPolicy,
    buffers: &mut Buffers,
    out: &mut Shares,
) -> Result<(), Overflow> {
    let total = apply_ratio(i128::from(current_sum(lines, eligible)), ratio.num, ratio.den, policy)?;
    split(eligible, total, |i| at(lines, i).current, &mut buffers.splits, out);
    Ok(())
}

/// `tiered`: the highest tier reached by the lines' subtotal gives its amount, split by current amounts.
pub(super) fn tiered(
    lines: &[LineWork<'_>],
    eligible: &[u32],
    tiers: &[(i64, i64)],
    buffers: &mut Buffers,
    out: &mut Shares,
) {
    let spent: i64 = eligible.iter().map(|&i| at(lines, i).subtotal).sum();
    if let Some(&(_, amount_off)) = tiers.iter().rev().find(|(min, _)| *min <= spent) {
        across(lines, eligible, amount_off, buffers, out);
    }
}

/// Splits `total` over the eligible lines by largest remainder of `weight`, into `out`.
fn split(eligible: &[u32], total: i64, weight: impl Fn(u32) -> i64, splits: &mut Splits, out: &mut Shares) {
    if eligible.is_empty() || total == 0 {
        return;
    }
    splits.weights.clear();
    splits.weights.extend(eligible.iter().map(|&i| weight(i)));
    splits.parts.clear();
    splits.parts.resize(eligible.len(), 0);
    // Weights are current amounts or prices, never negative, and the list is not empty.
    if allocate_minor_into(total, &splits.weights, &mut splits.parts).is_err() {
        return;
    }
    out.extend(eligible.iter().copied().zip(splits.parts.iter().copied()));
}

/// `buy_x_get_y`: each application discounts the cheapest free `get` units once enough dearest `buy`
/// units back it; a line with `k` of its `q` units discounted loses `current x k x percent / q`.
/// Applications are counted in batches ([`units::buy_x_get_y`]), so time does not grow with quantities.
#[allow(clippy::too_many_arguments)]
pub(super) fn buy_x_get_y(
    lines: &[LineWork<'_>],
    (buy, buy_quantity): (&[u32], u32),
    (get, get_quantity): (&[u32], u32),
    ratio: Ratio,
    max: Option<u32>,
    policy: RoundingPolicy,
    buffers: &mut Buffers,
    out: &mut Shares,
) -> Result<(), Overflow> {
    let scratch = &mut buffers.units;
    units::buy_x_get_y(scratch, lines, (buy, buy_quantity), (get, get_quantity), max);
    for &i in get {
        let discounted = scratch.taken(i);
        if discounted == 0 {
            continue;
        }
        let line = at(lines, i);
        let den = ratio.den.checked_mul(i128::from(line.quantity)).ok_or(Overflow)?;
        let amount = i128::from(line.current) * i128::from(discounted);
        out.push((i, apply_ratio(amount, ratio.num, den, policy)?));
    }
    Ok(())
}

/// `fixed_price`: bundles filled with the dearest free units of each item; each bundle gives what its
/// units cost above the price, and the total is split over the lines by the prices of their units.
/// Bundles are counted in batches ([`units::fixed_price`]), so time does not grow with quantities.
pub(super) fn fixed_price(
    lines: &[LineWork<'_>],
    items: &mut [(Vec<u32>, u32)],
    price: i64,
    max: Option<u32>,
    buffers: &mut Buffers,
    out: &mut Shares,
) -> Result<(), Overflow> {
    let scratch = &mut buffers.units;
    let total = units::fixed_price(scratch, lines, items, price, max)?;
    let scratch = &*scratch;
    let from = out.len();
    let weight = |i| at(lines, i).unit * i64::from(scratch.taken(i));
    split(scratch.bundled(), total, weight, &mut buffers.splits, out);
    for (i, amount) in &mut out[from..] {
        *amount = (*amount).min(at(lines, *i).current);
    }
    Ok(())
}
