//! Amounts as Stripe writes them: integers in the currency's smallest unit as Stripe counts it, which
//! is ISO 4217's except for a few currencies (ISK is sent with two zero decimals, MGA with none).

use vitrina_core::money::{Currency, Money};
use vitrina_core::payment::GatewayError;

/// Currencies Stripe counts in whole units (no minor unit in the API).
const ZERO_DECIMAL: [&str; 16] =
    ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

/// Currencies Stripe counts in thousandths, whose amounts must end in 0 for card payments.
const THREE_DECIMAL: [&str; 5] = ["BHD", "JOD", "KWD", "OMR", "TND"];

/// Currencies that are whole-unit in practice but written with two decimals in the API, always `00`.
const TWO_DECIMAL_WHOLE: [&str; 1] = ["ISK"];

/// How many decimals Stripe's integer amounts carry in `currency`.
pub fn stripe_decimals(currency: Currency) -> u32 {
    let code = currency.code();
    if ZERO_DECIMAL.contains(&code) {
        0
    } else if TWO_DECIMAL_WHOLE.contains(&code) {
        2
    } else {
        currency.minor_units()
    }
}

/// `money` as Stripe's integer amount and lower-case currency code; refuses amounts Stripe cannot take
/// (negative, fractions of a unit Stripe has not, a three-decimal amount not ending in 0).
pub fn to_stripe(money: Money, field: &str) -> Result<(i64, String), GatewayError> {
    let invalid = |reason: String| GatewayError::InvalidRequest { field: field.to_owned(), reason };
    if money.is_negative() {
        return Err(invalid(format!("{money} is negative")));
    }
    let currency = money.currency();
    let (ours, theirs) = (currency.minor_units(), stripe_decimals(currency));
    let amount = if theirs >= ours {
        money.minor().checked_mul(10i64.pow(theirs - ours)).ok_or_else(|| invalid(format!("{money} is too large")))?
    } else {
        let divisor = 10i64.pow(ours - theirs);
        if money.minor() % divisor != 0 {
            return Err(invalid(format!("{money}: Stripe takes whole units of {}", currency.code())));
        }
        money.minor() / divisor
    };
    if THREE_DECIMAL.contains(&currency.code()) && amount % 10 != 0 {
        return Err(invalid(format!("{money}: Stripe takes {} amounts in steps of 0.010", currency.code())));
    }
    Ok((amount, currency.code().to_ascii_lowercase()))
}

/// Stripe's integer `amount` in `currency` (its lower-case code) as [`Money`].
pub fn from_stripe(amount: i64, currency: &str) -> Result<Money, GatewayError> {
    let unreadable =
        |reason: String| GatewayError::Unavailable { reason: format!("unreadable answer from Stripe: {reason}") };
    let currency = Currency::parse(currency, "currency").map_err(|e| unreadable(e.to_string()))?;
    let (ours, theirs) = (currency.minor_units(), stripe_decimals(currency));
    let minor = if ours >= theirs {
        amount.checked_mul(10i64.pow(ours - theirs)).ok_or_else(|| unreadable(format!("amount {amount} overflows")))?
    } else {
        let divisor = 10i64.pow(theirs - ours);
        if amount % divisor != 0 {
            return Err(unreadable(format!("{amount} is not a whole amount of {}", currency.code())));
        }
        amount / divisor
    };
    Ok(Money::from_minor(minor, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Money {
        Money::parse(text, "amount").unwrap()
    }

    #[test]
    fn two_zero_and_three_decimal_currencies_round_trip() {
        for (text, stripe, code) in [
            ("12.30 EUR", 1230, "eur"),
            ("500 JPY", 500, "jpy"),
            ("1.250 KWD", 1250, "kwd"),
            ("5 ISK", 500, "isk"),
            ("0.00 USD", 0, "usd"),
        ] {
            assert_eq!(to_stripe(money(text), "amount").unwrap(), (stripe, code.to_owned()), "{text}");
            assert_eq!(from_stripe(stripe, code).unwrap(), money(text), "{text}");
        }
    }

    #[test]
    fn amounts_stripe_cannot_take_are_refused_before_sending() {
        for text in ["1.255 KWD", "-1.00 EUR"] {
            assert!(matches!(to_stripe(money(text), "amount"), Err(GatewayError::InvalidRequest { .. })), "{text}");
        }
        // MGA has two ISO decimals but Stripe counts whole ariary.
        assert_eq!(to_stripe(money("100.00 MGA"), "amount").unwrap().0, 100);
        assert!(to_stripe(money("100.50 MGA"), "amount").is_err());
        assert_eq!(from_stripe(100, "mga").unwrap(), money("100.00 MGA"));
        assert!(from_stripe(550, "isk").is_err());
        assert!(from_stripe(1, "zzz").is_err());
    }
}
