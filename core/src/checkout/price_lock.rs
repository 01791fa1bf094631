//! The price lock: the order keeps the priced cart the shopper confirmed, and placing is refused while
//! any line's unit price or the grand total differs from what the cart prices to now.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::CheckoutError;
use crate::pricing::{PricedCart, PricedLine};

/// A line whose price differs between the confirmed and the current priced cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangedLine {
    /// The line (`gift:<promotion id>` for a free gift).
    pub line_id: String,
    /// Its variant.
    pub variant_id: String,
    /// The unit price confirmed; `None` when the line is new (a free gift that now applies).
    pub confirmed_unit_price: Option<Decimal>,
    /// The unit price now; `None` when the line is gone.
    pub current_unit_price: Option<Decimal>,
}

/// Checks that `current` keeps every unit price and the grand total of `confirmed`; otherwise the
/// error lists the changed lines (in confirmed order, then new lines) and carries `current`.
pub fn check_price_lock(confirmed: &PricedCart, current: &PricedCart) -> Result<(), CheckoutError> {
    let changed = changed_lines(confirmed, current);
    if changed.is_empty() && confirmed.totals.grand_total == current.totals.grand_total {
        return Ok(());
    }
    Err(CheckoutError::PricesChanged {
        changed,
        confirmed_total: confirmed.totals.grand_total,
        current_total: current.totals.grand_total,
        current: Box::new(current.clone()),
    })
}

fn changed_lines(confirmed: &PricedCart, current: &PricedCart) -> Vec<ChangedLine> {
    let find = |cart: &'_ PricedCart, id: &str| cart.lines.iter().find(|l| *l.line_id == *id).map(|l| l.unit_price);
    let was = confirmed.lines.iter().filter_map(|line| {
        let now = find(current, &line.line_id);
        (now != Some(line.unit_price)).then(|| changed(line, Some(line.unit_price), now))
    });
    let new = current
        .lines
        .iter()
        .filter(|line| find(confirmed, &line.line_id).is_none())
        .map(|line| changed(line, None, Some(line.unit_price)));
    was.chain(new).collect()
}

fn changed(line: &PricedLine, confirmed: Option<Decimal>, current: Option<Decimal>) -> ChangedLine {
    ChangedLine {
        line_id: line.line_id.to_string(),
        variant_id: line.variant_id.to_string(),
        confirmed_unit_price: confirmed,
        current_unit_price: current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{cart, context, pricer, pricer_with_tee_at, MUG_LINE, TEE_LINE};

    fn priced_at(tee_minor: i64) -> PricedCart {
        pricer_with_tee_at(tee_minor).price(&cart(), &context()).unwrap()
    }

    #[test]
    fn same_prices_pass() {
        assert_eq!(check_price_lock(&priced_at(2000), &priced_at(2000)), Ok(()));
    }

    #[test]
    fn a_changed_unit_price_is_listed_with_both_prices_and_the_totals() {
        let risen = priced_at(2200);
        let err = check_price_lock(&priced_at(2000), &risen).unwrap_err();
        let CheckoutError::PricesChanged { changed, confirmed_total, current_total, current } = err else {
            panic!("expected PricesChanged");
        };
        assert_eq!(
            changed,
            vec![ChangedLine {
                line_id: TEE_LINE.into(),
                variant_id: "tee".into(),
                confirmed_unit_price: Some(Decimal::new(2000, 2)),
                current_unit_price: Some(Decimal::new(2200, 2)),
            }]
        );
        assert_eq!((confirmed_total, current_total), (Decimal::new(4450, 2), Decimal::new(4650, 2)));
        assert_eq!(*current, risen);
    }

    #[test]
    fn a_different_total_alone_fails_and_lines_gone_or_new_are_listed() {
        let confirmed = priced_at(2000);
        let mut fewer = cart();
        fewer.lines[1].quantity = 1;
        let current = pricer().price(&fewer, &context()).unwrap();
        let err = check_price_lock(&confirmed, &current).unwrap_err();
        assert!(matches!(&err, CheckoutError::PricesChanged { changed, .. } if changed.is_empty()), "{err}");

        let mut gone = confirmed.clone();
        gone.lines.remove(1);
        let err = check_price_lock(&confirmed, &gone).unwrap_err();
        let CheckoutError::PricesChanged { changed, .. } = err else { panic!("expected PricesChanged") };
        assert_eq!((changed[0].line_id.as_str(), changed[0].current_unit_price), (MUG_LINE, None));
        let err = check_price_lock(&gone, &confirmed).unwrap_err();
        let CheckoutError::PricesChanged { changed, .. } = err else { panic!("expected PricesChanged") };
        assert_eq!((changed[0].line_id.as_str(), changed[0].confirmed_unit_price), (MUG_LINE, None));
    }
}
