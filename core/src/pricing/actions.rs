//! What each promotion action takes off which line, computed exactly from the lines' current amounts;
//! splits use largest remainder so the shares always add up to the amount given.

use super::compile::Ratio;
use super::engine::LineWork;
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
    split(eligible, total, |i| at(lines, i).current, buffers, out);
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
    split(eligible, total, |i| at(lines, i).current, buffers, out);
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
fn split(eligible: &[u32], total: i64, weight: impl Fn(u32) -> i64, buffers: &mut Buffers, out: &mut Shares) {
    if eligible.is_empty() || total == 0 {
        return;
    }
    buffers.weights.clear();
    buffers.weights.extend(eligible.iter().map(|&i| weight(i)));
    buffers.parts.clear();
    buffers.parts.resize(eligible.len(), 0);
    // Weights are current amounts or prices, never negative, and the list is not empty.
    if allocate_minor_into(total, &buffers.weights, &mut buffers.parts).is_err() {
        return;
    }
    out.extend(eligible.iter().copied().zip(buffers.parts.iter().copied()));
}

/// Splits `total` over the eligible lines by largest remainder of `weight`.
fn split_new(eligible: &[u32], total: i64, weight: impl Fn(u32) -> i64) -> Shares {
    let mut out = Shares::new();
    split(eligible, total, weight, &mut Buffers::default(), &mut out);
    out
}

/// Units still free on each line while an action picks units.
struct UnitPool {
    free: Vec<u32>,
}

impl UnitPool {
    fn new(lines: &[LineWork<'_>]) -> UnitPool {
        UnitPool { free: lines.iter().map(|l| l.quantity).collect() }
    }

    /// Takes `count` units from `order` (line indices, in preference order); records takes in `taken`.
    /// Returns false, having taken nothing, if there are not enough.
    fn take(&mut self, order: &[u32], count: u32, taken: &mut Vec<(u32, u32)>) -> bool {
        let available: u64 = order.iter().map(|&i| u64::from(self.free[i as usize])).sum();
        if available < u64::from(count) {
            return false;
        }
        let mut left = count;
        for &i in order {
            if left == 0 {
                break;
            }
            let units = self.free[i as usize].min(left);
            if units > 0 {
                self.free[i as usize] -= units;
                taken.push((i, units));
                left -= units;
            }
        }
        true
    }

    fn give_back(&mut self, taken: &[(u32, u32)]) {
        for &(i, units) in taken {
            self.free[i as usize] += units;
        }
    }
}

/// Line indices by unit price, cheapest first (ties: earlier line).
fn cheapest_first(lines: &[LineWork<'_>], eligible: &[u32]) -> Vec<u32> {
    let mut order = eligible.to_vec();
    order.sort_by_key(|&i| (at(lines, i).unit, i));
    order
}

/// Line indices by unit price, dearest first (ties: earlier line).
fn dearest_first(lines: &[LineWork<'_>], eligible: &[u32]) -> Vec<u32> {
    let mut order = eligible.to_vec();
    order.sort_by_key(|&i| (std::cmp::Reverse(at(lines, i).unit), i));
    order
}

/// `buy_x_get_y`: each application discounts the cheapest free `get` units once enough dearest `buy`
/// units back it; a line with `k` of its `q` units discounted loses `current x k x percent / q`.
pub(super) fn buy_x_get_y(
    lines: &[LineWork<'_>],
    (buy, buy_quantity): (&[u32], u32),
    (get, get_quantity): (&[u32], u32),
    ratio: Ratio,
    max: Option<u32>,
    policy: RoundingPolicy,
) -> Result<Shares, Overflow> {
    let get_order = cheapest_first(lines, get);
    let buy_order = dearest_first(lines, buy);
    let mut pool = UnitPool::new(lines);
    let mut discounted = vec![0u32; lines.len()];
    let mut applications = 0;
    while max.is_none_or(|max| applications < max) {
        let mut gets = Vec::new();
        if !pool.take(&get_order, get_quantity, &mut gets) {
            break;
        }
        let mut buys = Vec::new();
        if !pool.take(&buy_order, buy_quantity, &mut buys) {
            pool.give_back(&gets);
            break;
        }
        for (i, units) in gets {
            discounted[i as usize] += units;
        }
        applications += 1;
    }
    let mut shares = Shares::new();
    for &i in get.iter().filter(|&&i| discounted[i as usize] > 0) {
        let line = at(lines, i);
        let den = ratio.den.checked_mul(i128::from(line.quantity)).ok_or(Overflow)?;
        let amount = i128::from(line.current) * i128::from(discounted[i as usize]);
        shares.push((i, apply_ratio(amount, ratio.num, den, policy)?));
    }
    Ok(shares)
}

/// `fixed_price`: bundles filled with the dearest free units of each item; each bundle gives what its
/// units cost above the price, and the total is split over the lines by the prices of their units.
pub(super) fn fixed_price(lines: &[LineWork<'_>], items: &[(Vec<u32>, u32)], price: i64, max: Option<u32>) -> Shares {
    let orders: Vec<Vec<u32>> = items.iter().map(|(eligible, _)| dearest_first(lines, eligible)).collect();
    let mut pool = UnitPool::new(lines);
    let mut used = vec![0u32; lines.len()];
    let mut total = 0i64;
    let mut applications = 0;
    'bundles: while max.is_none_or(|max| applications < max) {
        let mut taken = Vec::new();
        for (order, (_, quantity)) in orders.iter().zip(items) {
            if !pool.take(order, *quantity, &mut taken) {
                pool.give_back(&taken);
                break 'bundles;
            }
        }
        let value: i64 = taken.iter().map(|&(i, units)| at(lines, i).unit * i64::from(units)).sum();
        total += (value - price).max(0);
        for (i, units) in taken {
            used[i as usize] += units;
        }
        applications += 1;
    }
    let bundled: Vec<u32> = (0..lines.len() as u32).filter(|&i| used[i as usize] > 0).collect();
    let mut shares = split_new(&bundled, total, |i| at(lines, i).unit * i64::from(used[i as usize]));
    for (i, amount) in &mut shares {
        *amount = (*amount).min(at(lines, *i).current);
    }
    shares
}
