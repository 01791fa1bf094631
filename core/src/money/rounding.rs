//! Rounding policies and exact rounding of integer ratios, the one place where fractions of a minor
//! unit are resolved: half away from zero by default, half to even when a store chooses it.

use serde::{Deserialize, Serialize};

/// How a fraction of a minor unit is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
    let twice = 2 * remainder.abs();
    let away = if numerator < 0 { -1 } else { 1 };
    match twice.cmp(&denominator) {
        std::cmp::Ordering::Less => quotient,
        std::cmp::Ordering::Greater => quotient + away,
        std::cmp::Ordering::Equal => match policy {
            RoundingPolicy::HalfAwayFromZero => quotient + away,
            RoundingPolicy::HalfEven if quotient % 2 == 0 => quotient,
            RoundingPolicy::HalfEven => quotient + away,
        },
    }
}

fn div_round_i64(numerator: i64, denominator: i64, policy: RoundingPolicy) -> i64 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder == 0 {
        return quotient;
    }
    let away = if numerator < 0 { -1 } else { 1 };
    // |remainder| < denominator <= i64::MAX, so doubling in u64 cannot overflow.
    let twice = 2 * remainder.unsigned_abs();
    match twice.cmp(&denominator.unsigned_abs()) {
        std::cmp::Ordering::Less => quotient,
        std::cmp::Ordering::Greater => quotient + away,
        std::cmp::Ordering::Equal => match policy {
            RoundingPolicy::HalfAwayFromZero => quotient + away,
            RoundingPolicy::HalfEven if quotient % 2 == 0 => quotient,
            RoundingPolicy::HalfEven => quotient + away,
        },
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
