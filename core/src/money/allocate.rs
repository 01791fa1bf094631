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
    let sign: i128 = if total < 0 { -1 } else { 1 };
    let magnitude = i128::from(total).abs();
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
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, index) in &order[..left] {
            parts[index] += 1;
        }
    }
    if sign < 0 {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    Ok(())
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
    fn zero_weights_split_equally_and_bad_weights_fail() {
        assert_eq!(allocate_minor(5, &[0, 0]).unwrap(), vec![3, 2]);
        assert!(allocate_minor(5, &[]).is_err());
        assert!(allocate_minor(5, &[1, -1]).is_err());
    }
}
