//! Rounding policies and exact rounding of integer ratios, the one place where fractions of a minor
//! unit are resolved: half away from zero by default, half to even when a store chooses it.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// How a fraction of a minor unit is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundingPolicy {
    /// 0.5 rounds away from zero (2.5 -> 3, -2.5 -> -3). The default.
    #[default]
    HalfAwayFromZero,
    /// 0.5 rounds to the even neighbour (2.5 -> 2, 3.5 -> 4), also called banker's rounding.
    HalfEven,
}

impl RoundingPolicy {
    /// The matching `rust_decimal` strategy, for rounding `Decimal` values directly.
    pub fn strategy(self) -> rust_decimal::RoundingStrategy {
        match self {
            RoundingPolicy::HalfAwayFromZero => rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            RoundingPolicy::HalfEven => rust_decimal::RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// `numerator / denominator` rounded to an integer by `policy`, computed exactly.
///
/// `denominator` must be positive; callers pass rates and percentages scaled to integers.
#[inline]
pub fn div_round(numerator: i128, denominator: i128, policy: RoundingPolicy) -> i128 {
    debug_assert!(denominator > 0, "div_round needs a positive denominator");
    // 64-bit division is several times faster than 128-bit; amounts and ratios almost always fit.
    if let (Ok(n), Ok(d)) = (i64::try_from(numerator), i64::try_from(denominator)) {
        return i128::from(div_round_i64(n, d, policy));
    }
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder == 0 {
        return quotient;
    }
    // |remainder| < denominator, so twice it stays below 2^127.
    settle(quotient, (2 * remainder.abs()).cmp(&denominator), numerator < 0, policy)
}

/// [`div_round`] in 64 bits (`denominator > 0`).
#[inline]
pub(super) fn div_round_i64(numerator: i64, denominator: i64, policy: RoundingPolicy) -> i64 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder == 0 {
        return quotient;
    }
    // |remainder| < denominator <= i64::MAX, so doubling in u64 cannot overflow.
    let half = (2 * remainder.unsigned_abs()).cmp(&denominator.unsigned_abs());
    settle(i128::from(quotient), half, numerator < 0, policy) as i64
}

/// Rounds a truncated `quotient` given how twice the remainder compares with the denominator.
pub(super) fn settle(quotient: i128, twice_remainder: Ordering, negative: bool, policy: RoundingPolicy) -> i128 {
    let away = if negative { quotient - 1 } else { quotient + 1 };
    match (twice_remainder, policy) {
        (Ordering::Less, _) => quotient,
        (Ordering::Greater, _) | (Ordering::Equal, RoundingPolicy::HalfAwayFromZero) => away,
        (Ordering::Equal, RoundingPolicy::HalfEven) if quotient % 2 == 0 => quotient,
        (Ordering::Equal, RoundingPolicy::HalfEven) => away,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundingPolicy::*;

    #[test]
    fn half_away_from_zero() {
        assert_eq!(div_round(5, 2, HalfAwayFromZero), 3);
        assert_eq!(div_round(-5, 2, HalfAwayFromZero), -3);
        assert_eq!(div_round(7, 3, HalfAwayFromZero), 2);
        assert_eq!(div_round(8, 3, HalfAwayFromZero), 3);
        assert_eq!(div_round(-8, 3, HalfAwayFromZero), -3);
    }

    #[test]
    fn half_even() {
        assert_eq!(div_round(5, 2, HalfEven), 2);
        assert_eq!(div_round(7, 2, HalfEven), 4);
        assert_eq!(div_round(-5, 2, HalfEven), -2);
        assert_eq!(div_round(-7, 2, HalfEven), -4);
        assert_eq!(div_round(251, 100, HalfEven), 3);
    }

    #[test]
    fn wide_path_agrees_with_narrow_path() {
        let wide = i128::from(i64::MAX) * 10;
        for policy in [HalfAwayFromZero, HalfEven] {
            for (n, d) in [(5i128, 2i128), (-5, 2), (7, 2), (-7, 2), (8, 3), (-8, 3), (1, 1)] {
                assert_eq!(div_round(n * wide, d * wide, policy), div_round(n, d, policy), "{n}/{d}");
            }
        }
        assert_eq!(div_round(wide + 5, 10, HalfAwayFromZero), i128::from(i64::MAX) + 1);
    }
}
