//! Largest-remainder allocation: split an integer amount of minor units over weighted parts so the
//! parts sum to the whole exactly; leftover units go to the largest remainders, ties to the earlier part.

use super::MoneyError;

/// Splits `total` minor units over `weights`, returning one part per weight.
///
/// Each part is `floor(total * w / sum)`; the units left over go one each to the parts with the
/// largest remainders, ties to the earlier part. Negative totals are split symmetrically. When all
/// weights are zero, the total is split equally. Errors on negative weights or no weights.
pub fn allocate_minor(total: i64, weights: &[i64]) -> Result<Vec<i64>, MoneyError> {
    let mut parts = vec![0; weights.len()];
    allocate_minor_into(total, weights, &mut parts)?;
    Ok(parts)
}

/// Like [`allocate_minor`], writing into `parts` (same length as `weights`); it allocates only when
/// a leftover unit has to be placed.
pub fn allocate_minor_into(total: i64, weights: &[i64], parts: &mut [i64]) -> Result<(), MoneyError> {
    if weights.is_empty() {
        return Err(MoneyError::InvalidAmount { field: "weights".into(), value: "[]".into() });
    }
    if weights.iter().any(|w| *w < 0) {
        return Err(MoneyError::Negative { field: "weights".into(), value: format!("{weights:?}") });
    }
    assert_eq!(parts.len(), weights.len(), "one part per weight");
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let (sum, equal) = if sum == 0 { (weights.len() as i128, true) } else { (sum, false) };
    let magnitude = i128::from(total).abs();
    // 64-bit arithmetic when every product `magnitude * weight` fits (weights never exceed their sum).
    if let (Ok(m), Ok(s)) = (u64::try_from(magnitude), u64::try_from(sum)) {
        if m.checked_mul(s).is_some() {
            allocate_u64(m, s, equal, weights, parts);
            if total < 0 {
                parts.iter_mut().for_each(|p| *p = -*p);
            }
            return Ok(());
        }
    }
    let sign: i128 = if total < 0 { -1 } else { 1 };
    let mut given: i128 = 0;
    for (part, weight) in parts.iter_mut().zip(weights) {
        let weight = if equal { 1 } else { i128::from(*weight) };
        let share = magnitude * weight / sum;
        *part = share as i64;
        given += share;
    }
    let left = (magnitude - given) as usize;
    if left > 0 {
        // Fewer than `weights.len()` units remain: one each to the largest remainders, ties earlier.
        let mut order: Vec<(i128, usize)> = weights
            .iter()
            .enumerate()
            .map(|(index, weight)| {
                let weight = if equal { 1 } else { i128::from(*weight) };
                (magnitude * weight % sum, index)
            })
            .collect();
        order.select_nth_unstable_by(left - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, index) in &order[..left] {
            parts[index] += 1;
        }
    }
    if sign < 0 {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    Ok(())
}

/// The largest-remainder split of `magnitude` over `weights` summing to `sum`, when
/// `magnitude * sum` fits a `u64`: the same parts as the 128-bit path, at 64-bit speed.
fn allocate_u64(magnitude: u64, sum: u64, equal: bool, weights: &[i64], parts: &mut [i64]) {
    let weight = |w: i64| if equal { 1 } else { w as u64 };
    let mut given = 0u64;
    // Each share and its remainder come from one division; the remainders rank the leftover units.
    let mut order: Vec<(u64, usize)> = Vec::with_capacity(weights.len());
    for (index, (part, w)) in parts.iter_mut().zip(weights).enumerate() {
        let product = magnitude * weight(*w);
        let share = product / sum;
        *part = share as i64;
        given += share;
        order.push((product % sum, index));
    }
    let left = (magnitude - given) as usize;
    if left > 0 {
        // Fewer than `weights.len()` units remain: one each to the largest remainders, ties earlier.
        // Only which parts are among the `left` first matters, not their order among themselves.
        order.select_nth_unstable_by(left - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, index) in &order[..left] {
            parts[index] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_way_split_of_a_cent_amount() {
        assert_eq!(allocate_minor(100, &[1, 1, 1]).unwrap(), vec![34, 33, 33]);
        assert_eq!(allocate_minor(-100, &[1, 1, 1]).unwrap(), vec![-34, -33, -33]);
    }

    #[test]
    fn largest_remainder_wins_the_leftover() {
        // 10 over 3:3:4 -> 3.0, 3.0, 4.0 exact; 11 over 1:2:... remainders decide.
        assert_eq!(allocate_minor(10, &[3, 3, 4]).unwrap(), vec![3, 3, 4]);
        // 5 over 1:1:2 -> 1.25, 1.25, 2.5 -> floor 1,1,2, left 1 -> largest remainder is part 3 (0.5).
        assert_eq!(allocate_minor(5, &[1, 1, 2]).unwrap(), vec![1, 1, 3]);
    }

    #[test]
    fn wide_amounts_take_the_128_bit_path_with_the_same_rule() {
        let big = i64::MAX / 2;
        assert_eq!(allocate_minor(big, &[big, big]).unwrap(), vec![big - big / 2, big / 2]);
        assert_eq!(allocate_minor(7, &[big, big, big]).unwrap(), vec![3, 2, 2]);
        assert_eq!(allocate_minor(-7, &[big, big, big]).unwrap(), vec![-3, -2, -2]);
    }

    #[test]
    fn zero_weights_split_equally_and_bad_weights_fail() {
        assert_eq!(allocate_minor(5, &[0, 0]).unwrap(), vec![3, 2]);
        assert!(allocate_minor(5, &[]).is_err());
        assert!(allocate_minor(5, &[1, -1]).is_err());
    }
}
