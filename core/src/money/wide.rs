//! Exact `a x b / d` rounded once, for products that outgrow `i128` (a 28-decimal rate times a large
//! amount): the product is formed in 256 bits and divided back, so no digit is lost and nothing wraps.

use super::rounding::{div_round, div_round_i64, settle};
use super::RoundingPolicy;

/// `a x b / d` rounded to an integer by `policy`, computed exactly; `None` when `d` is not positive or
/// the result does not fit an `i128`.
#[inline]
pub fn mul_div_round(a: i128, b: i128, d: i128, policy: RoundingPolicy) -> Option<i128> {
    // The usual case, inlined: an amount times a reduced ratio, all within 64 bits.
    if let (Ok(a), Ok(b), Ok(d)) = (i64::try_from(a), i64::try_from(b), i64::try_from(d)) {
        if let (Some(product), true) = (a.checked_mul(b), d > 0) {
            return Some(i128::from(div_round_i64(product, d, policy)));
        }
    }
    mul_div_round_wide(a, b, d, policy)
}

/// [`mul_div_round`] beyond 64 bits: in `i128` when the product fits, else in 256 bits.
#[inline(never)]
fn mul_div_round_wide(a: i128, b: i128, d: i128, policy: RoundingPolicy) -> Option<i128> {
    if d <= 0 {
        return None;
    }
    if let Some(product) = a.checked_mul(b) {
        return Some(div_round(product, d, policy));
    }
    let negative = (a < 0) != (b < 0);
    let (high, low) = widening_mul(a.unsigned_abs(), b.unsigned_abs());
    let (quotient, remainder) = div_wide(high, low, d.unsigned_abs())?;
    let quotient = i128::try_from(quotient).ok()?;
    let divisor = d.unsigned_abs();
    // Twice the remainder against the divisor, without doubling: remainder < divisor.
    let half = remainder.cmp(&(divisor - remainder));
    let magnitude = if remainder == 0 { quotient } else { settle(quotient, half, false, policy) };
    Some(if negative { magnitude.checked_neg()? } else { magnitude })
}

/// The 256-bit product of two `u128`s as (high, low) halves.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & LOW);
    let (b1, b0) = (b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // Each term is below 2^64, so the middle sum stays below 2^66.
    let middle = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let low = (p00 & LOW) | (middle << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

/// (high, low) divided by `d` as (quotient, remainder), by shift and subtract; `None` when the
/// quotient needs more than 128 bits (`high >= d`).
fn div_wide(high: u128, low: u128, d: u128) -> Option<(u128, u128)> {
    if high >= d {
        return None;
    }
    let (mut remainder, mut quotient) = (high, 0u128);
    for bit in (0..128).rev() {
        let carry = remainder >> 127;
        remainder = (remainder << 1) | ((low >> bit) & 1);
        if carry == 1 || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1 << bit;
        }
    }
    Some((quotient, remainder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundingPolicy::*;

    #[test]
    fn small_products_round_like_div_round() {
        for (a, b, d) in [(5, 1, 2), (-5, 1, 2), (7, 3, 9), (-8, 1, 3), (0, 7, 3), (1234, 333, 1000)] {
            for policy in [HalfAwayFromZero, HalfEven] {
                assert_eq!(mul_div_round(a, b, d, policy), Some(div_round(a * b, d, policy)), "{a} {b} {d}");
            }
        }
    }

    #[test]
    fn products_beyond_i128_are_exact() {
        // 99,990,000 x 4,999 x (10^28 / 3 rounded down) / (10^30 x 9,999) = 16,663,333.33...
        let rate = 3_333_333_333_333_333_333_333_333_333i128;
        let a = 99_990_000i128 * 4_999;
        assert!(a.checked_mul(rate * 100).is_none());
        assert_eq!(mul_div_round(a, rate * 100, 10i128.pow(30) * 9_999, HalfAwayFromZero), Some(16_663_333));
        // (2^100 x 2^100 + 0) / 2^101 = 2^99 exactly; +1 on the divisor's half rounds as the policy says.
        let p = 1i128 << 100;
        assert_eq!(mul_div_round(p, p, 1 << 101, HalfEven), Some(1 << 99));
        assert_eq!(mul_div_round(-p, p, 1 << 101, HalfEven), Some(-(1 << 99)));
        assert_eq!(mul_div_round(p, 3, 2, HalfAwayFromZero), Some(3 << 99));
    }

    #[test]
    fn halves_follow_the_policy_in_wide_arithmetic() {
        // 3^50 x 2^60 / (3^40 x 2^61) = 3^10 / 2 = 29,524.5, exactly half: away from zero 29,525, to
        // even 29,524.
        let (a, b, d) = (3i128.pow(50), 1i128 << 60, 3i128.pow(40) << 61);
        assert!(a.checked_mul(b).is_none());
        assert_eq!(mul_div_round(a, b, d, HalfAwayFromZero), Some(29_525));
        assert_eq!(mul_div_round(a, b, d, HalfEven), Some(29_524));
        assert_eq!(mul_div_round(-a, b, d, HalfAwayFromZero), Some(-29_525));
        assert_eq!(mul_div_round(-a, b, d, HalfEven), Some(-29_524));
        assert_eq!(mul_div_round(a + 1, b, d, HalfEven), Some(29_525));
    }

    #[test]
    fn results_beyond_i128_are_none() {
        assert_eq!(mul_div_round(i128::MAX, i128::MAX, 1, HalfEven), None);
        assert_eq!(mul_div_round(i128::MAX, 4, 2, HalfEven), None);
        assert_eq!(mul_div_round(1, 1, 0, HalfEven), None);
    }
}
