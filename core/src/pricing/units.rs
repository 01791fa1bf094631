//! Which units buy-x-get-y and fixed-price bundles take, counted in batches: while the lines the next
//! take starts on can serve many more, all those identical applications are counted at once.

use super::actions::Overflow;
use super::engine::LineWork;

/// Per line membership of the `get` and `buy` sets of a buy-x-get-y.
const GET: u8 = 1;
const BUY: u8 = 2;

/// Scratch space of the unit-taking actions, reused by the promotions of one pricing.
#[derive(Debug, Default)]
pub(super) struct Units {
    /// Per line: units not yet taken.
    free: Vec<u32>,
    /// Per line: units discounted (buy-x-get-y) or bundled (fixed price).
    taken: Vec<u32>,
    /// Per line: membership of the sets (buy-x-get-y).
    member: Vec<u8>,
    /// Line orders: `get` then `buy` lines (buy-x-get-y).
    get_order: Vec<u32>,
    buy_order: Vec<u32>,
    /// Per bundle item: position of its first line that may have free units (fixed price).
    cursors: Vec<usize>,
    /// Takes of the application being tried, kept until it completes.
    pending: Vec<(u32, u32)>,
    /// The lines with bundled units, in line order (fixed price).
    bundled: Vec<u32>,
}

impl Units {
    fn reset(&mut self, lines: &[LineWork<'_>]) {
        self.free.clear();
        self.free.extend(lines.iter().map(|l| l.quantity));
        self.taken.clear();
        self.taken.resize(lines.len(), 0);
    }

    /// Units of line `i` discounted or bundled by the last action.
    pub(super) fn taken(&self, i: u32) -> u32 {
        self.taken[i as usize]
    }

    /// The lines with bundled units after [`fixed_price`], in line order.
    pub(super) fn bundled(&self) -> &[u32] {
        &self.bundled
    }
}

/// Sorts line indices by unit price, cheapest first (ties: earlier line).
fn cheapest_first(lines: &[LineWork<'_>], order: &mut [u32]) {
    order.sort_unstable_by_key(|&i| (lines[i as usize].unit, i));
}

/// Sorts line indices by unit price, dearest first (ties: earlier line).
fn dearest_first(lines: &[LineWork<'_>], order: &mut [u32]) {
    order.sort_unstable_by_key(|&i| (std::cmp::Reverse(lines[i as usize].unit), i));
}

/// The first line of `order` from position `*at` with free units, moving `*at` past exhausted lines
/// (free units only ever decrease, so they stay exhausted).
fn first_free(order: &[u32], at: &mut usize, free: &[u32]) -> Option<u32> {
    while let Some(&i) = order.get(*at) {
        if free[i as usize] > 0 {
            return Some(i);
        }
        *at += 1;
    }
    None
}

/// Free units along `order` from position `at`.
fn available(order: &[u32], at: usize, free: &[u32]) -> u64 {
    order[at..].iter().map(|&i| u64::from(free[i as usize])).sum()
}

/// Takes `count` units along `order` from position `at` (there must be enough), reporting each take.
fn take(order: &[u32], at: usize, free: &mut [u32], count: u32, mut took: impl FnMut(u32, u32)) {
    let mut left = count;
    for &i in &order[at..] {
        if left == 0 {
            break;
        }
        let units = free[i as usize].min(left);
        if units > 0 {
            free[i as usize] -= units;
            left -= units;
            took(i, units);
        }
    }
}

/// Free units of the lines, with running totals over the `get` and `buy` sets of a buy-x-get-y.
struct Pool<'u> {
    free: &'u mut [u32],
    member: &'u [u8],
    get_free: u64,
    buy_free: u64,
}

impl Pool<'_> {
    /// Takes `n` free units of line `i`.
    fn remove(&mut self, i: u32, n: u32) {
        self.free[i as usize] -= n;
        if self.member[i as usize] & GET != 0 {
            self.get_free -= u64::from(n);
        }
        if self.member[i as usize] & BUY != 0 {
            self.buy_free -= u64::from(n);
        }
    }

    /// Takes `count` units along `order` from position `at` (there must be enough), reporting each take.
    fn take(&mut self, order: &[u32], at: usize, count: u32, mut took: impl FnMut(u32, u32)) {
        let mut left = count;
        for &i in &order[at..] {
            if left == 0 {
                break;
            }
            let units = self.free[i as usize].min(left);
            if units > 0 {
                self.remove(i, units);
                left -= units;
                took(i, units);
            }
        }
    }
}

/// `count x per` units, which the caller has checked are at most some line's free units.
fn times(count: u64, per: u64) -> u32 {
    u32::try_from(count * per).unwrap_or(u32::MAX)
}

/// Orders the `get` lines cheapest first and the `buy` lines dearest first, marks each line's sets,
/// and returns the free units of each set.
fn prepare_buy_x_get_y(units: &mut Units, lines: &[LineWork<'_>], buy: &[u32], get: &[u32]) -> (u64, u64) {
    units.reset(lines);
    units.member.clear();
    units.member.resize(lines.len(), 0);
    let (mut get_free, mut buy_free) = (0u64, 0u64);
    for &i in get {
        units.member[i as usize] |= GET;
        get_free += u64::from(lines[i as usize].quantity);
    }
    for &i in buy {
        units.member[i as usize] |= BUY;
        buy_free += u64::from(lines[i as usize].quantity);
    }
    units.get_order.clear();
    units.get_order.extend_from_slice(get);
    cheapest_first(lines, &mut units.get_order);
    units.buy_order.clear();
    units.buy_order.extend_from_slice(buy);
    dearest_first(lines, &mut units.buy_order);
    (get_free, buy_free)
}

/// Counts the discounted units of each `get` line into `units` ([`Units::taken`]). One application
/// takes the `get_quantity` cheapest free get units, then the `buy_quantity` dearest free buy units.
/// While the first free get line and the first free buy line each hold enough for `k` more
/// applications, those `k` are identical and counted at once; otherwise one application is taken unit
/// by unit, which empties a line. So there are at most about twice as many steps as lines.
pub(super) fn buy_x_get_y(
    units: &mut Units,
    lines: &[LineWork<'_>],
    (buy, buy_quantity): (&[u32], u32),
    (get, get_quantity): (&[u32], u32),
    max: Option<u32>,
) {
    let (get_free, buy_free) = prepare_buy_x_get_y(units, lines, buy, get);
    let Units { free, taken, member, get_order, buy_order, pending, .. } = units;
    let mut pool = Pool { free, member, get_free, buy_free };
    let (g, b) = (u64::from(get_quantity), u64::from(buy_quantity));
    let (mut get_at, mut buy_at) = (0usize, 0usize);
    let mut left = max.map_or(u64::MAX, u64::from);
    while left > 0 {
        let gl = first_free(get_order, &mut get_at, pool.free);
        let bl = first_free(buy_order, &mut buy_at, pool.free);
        let (Some(gl), Some(bl)) = (gl, bl) else { break };
        let (gf, bf) = (u64::from(pool.free[gl as usize]), u64::from(pool.free[bl as usize]));
        let batch = if gl == bl { gf / (g + b) } else { (gf / g).min(bf / b) }.min(left);
        if batch > 0 {
            pool.remove(gl, times(batch, g));
            pool.remove(bl, times(batch, b));
            taken[gl as usize] += times(batch, g);
            left -= batch;
            continue;
        }
        if pool.get_free < g {
            break;
        }
        pending.clear();
        pool.take(get_order, get_at, get_quantity, |i, n| pending.push((i, n)));
        if pool.buy_free < b {
            break;
        }
        pool.take(buy_order, buy_at, buy_quantity, |_, _| {});
        for &(i, n) in pending.iter() {
            taken[i as usize] += n;
        }
        left -= 1;
    }
}

/// How many identical bundles the first free lines of the items can serve: for each such line, its
/// free units over what one bundle takes from it (every item starting on it together). Moves each
/// item's cursor to its first free line; `None` when some item has no free unit left.
fn bundle_batch(items: &[(Vec<u32>, u32)], cursors: &mut [usize], free: &[u32]) -> Option<u64> {
    for ((order, _), at) in items.iter().zip(cursors.iter_mut()) {
        first_free(order, at, free)?;
    }
    let first = |j: usize| items[j].0[cursors[j]];
    let mut batch = u64::MAX;
    for j in 0..items.len() {
        let line = first(j);
        let demand: u64 = (0..items.len()).filter(|&k| first(k) == line).map(|k| u64::from(items[k].1)).sum();
        batch = batch.min(u64::from(free[line as usize]) / demand);
    }
    Some(batch)
}

/// What one bundle gives: what its units cost above `price`, never below zero.
fn bundle_gives(value: i64, price: i64) -> i64 {
    value.saturating_sub(price).max(0)
}

/// Counts the bundled units of each line into `units` ([`Units::taken`], [`Units::bundled`]) and
/// returns what the bundles give together. One bundle takes, item by item, the item's `quantity`
/// dearest free units among its lines. While the first free lines of the items can serve `k` more
/// bundles, those `k` are identical and counted at once; otherwise one bundle is taken unit by unit,
/// which empties a line. So there are at most about twice as many steps as lines.
pub(super) fn fixed_price(
    units: &mut Units,
    lines: &[LineWork<'_>],
    items: &mut [(Vec<u32>, u32)],
    price: i64,
    max: Option<u32>,
) -> Result<i64, Overflow> {
    units.reset(lines);
    for (order, _) in items.iter_mut() {
        dearest_first(lines, order);
    }
    let Units { free, taken, cursors, pending, bundled, .. } = units;
    cursors.clear();
    cursors.resize(items.len(), 0);
    let unit = |i: u32| lines[i as usize].unit;
    let mut total = 0i64;
    let mut left = max.map_or(u64::MAX, u64::from);
    'bundles: while left > 0 {
        let Some(batch) = bundle_batch(items, cursors, free) else { break };
        let batch = batch.min(left);
        pending.clear();
        let count = if batch > 0 {
            for ((order, quantity), &at) in items.iter().zip(cursors.iter()) {
                let (i, n) = (order[at], times(batch, u64::from(*quantity)));
                free[i as usize] -= n;
                pending.push((i, n));
            }
            batch
        } else {
            for ((order, quantity), &at) in items.iter().zip(cursors.iter()) {
                if available(order, at, free) < u64::from(*quantity) {
                    break 'bundles;
                }
                take(order, at, free, *quantity, |i, n| pending.push((i, n)));
            }
            1
        };
        let mut value = 0i64;
        for &(i, n) in pending.iter() {
            taken[i as usize] += n;
            value = unit(i).checked_mul(i64::from(n)).and_then(|v| value.checked_add(v)).ok_or(Overflow)?;
        }
        // `value` is what `count` bundles' units cost together; each bundle costs a `count`-th of it.
        let one = value / i64::try_from(count).map_err(|_| Overflow)?;
        let gives = bundle_gives(one, price).checked_mul(i64::try_from(count).map_err(|_| Overflow)?);
        total = gives.and_then(|g| total.checked_add(g)).ok_or(Overflow)?;
        left -= count;
    }
    bundled.clear();
    bundled.extend((0..lines.len()).filter(|&i| taken[i] > 0).filter_map(|i| u32::try_from(i).ok()));
    Ok(total)
}

#[cfg(test)]
mod tests {
    //! The batched counts against the rules' literal unit-by-unit walk, on many small carts with tied
    //! prices, overlapping sets and limits.
    use std::sync::Arc;

    use super::*;
    use crate::catalog::VariantRef;

    fn lines<'a>(id: &'a Arc<str>, spec: &[(i64, u32)]) -> Vec<LineWork<'a>> {
        spec.iter()
            .map(|&(unit, quantity)| LineWork {
                line_id: id,
                variant_id: id,
                product_id: id,
                variant: VariantRef { product: 0, variant: 0 },
                categories: &[],
                quantity,
                unit,
                subtotal: unit * i64::from(quantity),
                current: unit * i64::from(quantity),
                discounted: false,
                price_changed: false,
                gift: false,
                weight: 0,
                tax_class: 0,
                tax: 0,
            })
            .collect()
    }

    /// Takes `count` units along `order` one application at a time, as the rules word it.
    fn walk(free: &mut [u32], order: &[u32], count: u32, taken: &mut Vec<(u32, u32)>) -> bool {
        let available: u64 = order.iter().map(|&i| u64::from(free[i as usize])).sum();
        if available < u64::from(count) {
            return false;
        }
        let mut left = count;
        for &i in order {
            let n = free[i as usize].min(left);
            if n > 0 {
                free[i as usize] -= n;
                taken.push((i, n));
                left -= n;
            }
        }
        true
    }

    fn sorted(lines: &[LineWork<'_>], set: &[u32], dearest: bool) -> Vec<u32> {
        let mut order = set.to_vec();
        if dearest {
            dearest_first(lines, &mut order);
        } else {
            cheapest_first(lines, &mut order);
        }
        order
    }

    fn reference_buy_x_get_y(lines: &[LineWork<'_>], buy: (&[u32], u32), get: (&[u32], u32), max: u32) -> Vec<u32> {
        let (get_order, buy_order) = (sorted(lines, get.0, false), sorted(lines, buy.0, true));
        let mut free: Vec<u32> = lines.iter().map(|l| l.quantity).collect();
        let mut discounted = vec![0; lines.len()];
        for _ in 0..max {
            let (mut gets, mut buys) = (Vec::new(), Vec::new());
            if !walk(&mut free, &get_order, get.1, &mut gets) || !walk(&mut free, &buy_order, buy.1, &mut buys) {
                break;
            }
            for (i, n) in gets {
                discounted[i as usize] += n;
            }
        }
        discounted
    }

    fn reference_fixed_price(
        lines: &[LineWork<'_>],
        items: &[(Vec<u32>, u32)],
        price: i64,
        max: u32,
    ) -> (Vec<u32>, i64) {
        let orders: Vec<Vec<u32>> = items.iter().map(|(set, _)| sorted(lines, set, true)).collect();
        let mut free: Vec<u32> = lines.iter().map(|l| l.quantity).collect();
        let (mut used, mut total) = (vec![0; lines.len()], 0);
        'bundles: for _ in 0..max {
            let mut taken = Vec::new();
            for (order, (_, quantity)) in orders.iter().zip(items) {
                if !walk(&mut free, order, *quantity, &mut taken) {
                    break 'bundles;
                }
            }
            let value: i64 = taken.iter().map(|&(i, n)| lines[i as usize].unit * i64::from(n)).sum();
            total += (value - price).max(0);
            for (i, n) in taken {
                used[i as usize] += n;
            }
        }
        (used, total)
    }

    /// A small deterministic generator, so every run checks the same cases.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, sides: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % sides
        }

        fn cart(&mut self) -> Vec<(i64, u32)> {
            (0..1 + self.roll(5)).map(|_| (100 * (1 + self.roll(4) as i64), 1 + self.roll(9) as u32)).collect()
        }

        fn subset(&mut self, len: usize) -> Vec<u32> {
            (0..len as u32).filter(|_| self.roll(3) > 0).collect()
        }
    }

    #[test]
    fn batched_buy_x_get_y_counts_what_the_unit_walk_counts() {
        let id: Arc<str> = Arc::from("v");
        let mut dice = Dice(7);
        for case in 0..3_000 {
            let spec = dice.cart();
            let lines = lines(&id, &spec);
            let (buy, get) = (dice.subset(lines.len()), dice.subset(lines.len()));
            let (b, g) = (1 + dice.roll(3) as u32, 1 + dice.roll(3) as u32);
            let max = if dice.roll(2) == 0 { None } else { Some(dice.roll(6) as u32) };
            let mut units = Units::default();
            buy_x_get_y(&mut units, &lines, (&buy, b), (&get, g), max);
            let expected = reference_buy_x_get_y(&lines, (&buy, b), (&get, g), max.unwrap_or(u32::MAX));
            let counted: Vec<u32> = (0..lines.len() as u32).map(|i| units.taken(i)).collect();
            assert_eq!(counted, expected, "case {case}: {spec:?} buy {buy:?}x{b} get {get:?}x{g} max {max:?}");
        }
    }

    #[test]
    fn batched_bundles_count_what_the_unit_walk_counts() {
        let id: Arc<str> = Arc::from("v");
        let mut dice = Dice(11);
        for case in 0..3_000 {
            let spec = dice.cart();
            let lines = lines(&id, &spec);
            let mut items: Vec<(Vec<u32>, u32)> =
                (0..1 + dice.roll(3)).map(|_| (dice.subset(lines.len()), 1 + dice.roll(3) as u32)).collect();
            let price = 50 * dice.roll(12) as i64;
            let max = if dice.roll(2) == 0 { None } else { Some(dice.roll(6) as u32) };
            let (expected_used, expected_total) = reference_fixed_price(&lines, &items, price, max.unwrap_or(u32::MAX));
            let mut units = Units::default();
            let total = fixed_price(&mut units, &lines, &mut items, price, max).unwrap();
            let used: Vec<u32> = (0..lines.len() as u32).map(|i| units.taken(i)).collect();
            assert_eq!(
                (used, total),
                (expected_used, expected_total),
                "case {case}: {spec:?} items {items:?} max {max:?}"
            );
            let bundled: Vec<u32> = (0..lines.len() as u32).filter(|&i| units.taken(i) > 0).collect();
            assert_eq!(units.bundled(), bundled);
        }
    }

    #[test]
    fn steps_do_not_grow_with_quantities() {
        let id: Arc<str> = Arc::from("v");
        let lines = lines(&id, &[(300, u32::MAX), (200, u32::MAX), (100, u32::MAX)]);
        let all = [0, 1, 2];
        let started = std::time::Instant::now();
        let mut units = Units::default();
        buy_x_get_y(&mut units, &lines, (&all, 2), (&all, 1), None);
        // 3 x (2^32 - 1) units, 3 per application: 2^32 - 1 applications, each discounting one unit.
        assert_eq!((0..3).map(|i| u64::from(units.taken(i))).sum::<u64>(), u64::from(u32::MAX));
        let mut items = vec![(all.to_vec(), 2), (all.to_vec(), 1)];
        let total = fixed_price(&mut units, &lines, &mut items, 0, None).unwrap();
        assert_eq!((0..3).map(|i| u64::from(units.taken(i))).sum::<u64>(), 3 * u64::from(u32::MAX));
        assert_eq!(total, (300 + 200 + 100) * i64::from(u32::MAX));
        assert!(started.elapsed() < std::time::Duration::from_millis(200), "took {:?}", started.elapsed());
    }
}
