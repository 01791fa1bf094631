//! Writes the engine's integer work out as the priced cart the shopper sees: decimal amounts at the
//! currency's scale, shipping and packaging charges, promotions with their line shares, rejected
//! coupons in cart order, totals.

use std::borrow::Cow;
use std::sync::Arc;

use super::engine::{LineWork, Pricer, Work};
use super::{
    AppliedPromotion, PricedCart, PricedLine, PricedPackaging, PricedShipping, PricingContext, PricingError,
    RejectedCoupon, Totals,
};
use crate::cart::Cart;
use crate::promotion::RejectionReason;

/// `a + b`, or an `Overflow` naming `field`.
fn add(a: i64, b: i64, field: &str) -> Result<i64, PricingError> {
    a.checked_add(b).ok_or_else(|| PricingError::Overflow(field.to_owned()))
}

/// Builds the priced cart from the finished work: a checked pass over the lines for their totals, then
/// the lines themselves, written straight into place; each promotion's line shares are moved over as
/// they were recorded. A total beyond `i64` is an `Overflow` naming it.
pub(super) fn priced_cart(
    pricer: &Pricer,
    cart: &Cart,
    context: &PricingContext,
    work: Work<'_>,
) -> Result<PricedCart, PricingError> {
    let currency = context.currency;
    let scale = currency.minor_units();
    let money = |minor: i64| decimal(minor, scale);
    let inclusive = pricer.rules.tax.prices_include_tax;
    let with_tax = |net: i64, tax: i64| if inclusive { Some(net) } else { net.checked_add(tax) };
    let overflow = PricingError::Overflow;
    let mut sums = LineSums::default();
    for (i, line) in work.lines.iter().enumerate() {
        let total = with_tax(line.current, line.tax).ok_or_else(|| overflow(format!("lines[{i}].total")))?;
        sums.add(line, total)?;
    }
    // Every line total was just checked, so the saturating sum below is exact.
    let line_total = |line: &LineWork<'_>| if inclusive { line.current } else { line.current.saturating_add(line.tax) };
    let lines: Vec<PricedLine> = work
        .lines
        .iter()
        .map(|line| PricedLine {
            line_id: Arc::clone(line.line_id),
            variant_id: Arc::clone(line.variant_id),
            product_id: Arc::clone(line.product_id),
            quantity: line.quantity,
            unit_price: money(line.unit),
            price_changed: line.price_changed,
            gift: line.gift,
            subtotal: money(line.subtotal),
            discount: money(line.subtotal - line.current),
            tax_rate: work.line_tax_rate(line),
            tax: money(line.tax),
            total: money(line_total(line)),
        })
        .collect();
    let shipping = match work.shipping {
        Some(s) => Some(PricedShipping {
            method_id: pricer.rules.shipping_methods[s.method].id.clone(),
            charge: money(s.charge),
            discount: money(s.discount),
            tax_rate: s.tax_rate,
            tax: money(s.tax),
            total: money(with_tax(s.charge - s.discount, s.tax).ok_or_else(|| overflow("shipping.total".into()))?),
        }),
        None => None,
    };
    let mut packaging: Vec<PricedPackaging> = Vec::with_capacity(work.packaging.len());
    let (mut pack_net, mut pack_tax) = (0i64, 0i64);
    for (i, p) in work.packaging.iter().enumerate() {
        pack_net = add(pack_net, p.charge, "totals.packaging_total")?;
        pack_tax = add(pack_tax, p.tax, "totals.tax_total")?;
        packaging.push(PricedPackaging {
            kind: pricer.rules.packaging[p.option].kind,
            name: pricer.rules.packaging[p.option].name.clone(),
            charge: money(p.charge),
            tax_rate: p.tax_rate,
            tax: money(p.tax),
            total: money(with_tax(p.charge, p.tax).ok_or_else(|| overflow(format!("packaging[{i}].total")))?),
        });
    }
    let (ship_net, ship_discount, ship_tax) =
        work.shipping.map_or((0, 0, 0), |s| (s.charge - s.discount, s.discount, s.tax));
    let tax_total = add(add(sums.tax, ship_tax, "totals.tax_total")?, pack_tax, "totals.tax_total")?;
    let charges = with_tax(ship_net, ship_tax)
        .zip(with_tax(pack_net, pack_tax))
        .and_then(|(shipping, packaging)| shipping.checked_add(packaging))
        .ok_or_else(|| overflow("totals.grand_total".into()))?;
    let totals = Totals {
        subtotal: money(sums.subtotal),
        discount_total: money(add(sums.discount, ship_discount, "totals.discount_total")?),
        shipping_total: money(ship_net),
        packaging_total: money(pack_net),
        tax_total: money(tax_total),
        grand_total: money(add(sums.total, charges, "totals.grand_total")?),
    };
    let rejected_coupons = rejected_coupons(pricer, cart, &work);
    let promotions = work
        .applied
        .into_iter()
        .map(|applied| {
            let shown = &pricer.shown[applied.promotion];
            AppliedPromotion {
                promotion_id: Arc::clone(&shown.id),
                name: Arc::clone(&shown.name),
                code: shown.code.clone(),
                action: Cow::Borrowed(pricer.rules.promotions[applied.promotion].action.kind()),
                amount: money(applied.line_amount + applied.shipping),
                lines: applied.shares,
                shipping: money(applied.shipping),
            }
        })
        .collect();
    Ok(PricedCart {
        cart_id: cart.id.clone(),
        currency,
        prices_include_tax: inclusive,
        lines,
        shipping,
        packaging,
        promotions,
        rejected_coupons,
        totals,
    })
}

/// `minor` units at `scale` decimals as a `Decimal`: the same value and representation as
/// `Decimal::new(minor, scale)`, built inline (this runs several times per line).
#[inline]
pub(super) fn decimal(minor: i64, scale: u32) -> rust_decimal::Decimal {
    let magnitude = minor.unsigned_abs();
    rust_decimal::Decimal::from_parts(magnitude as u32, (magnitude >> 32) as u32, 0, minor < 0, scale)
}

/// Sums over the lines, in minor units.
#[derive(Default)]
struct LineSums {
    subtotal: i64,
    discount: i64,
    tax: i64,
    total: i64,
}

impl LineSums {
    /// Adds `line`, whose total is `total`; a sum beyond `i64` is an `Overflow` naming its total.
    fn add(&mut self, line: &LineWork<'_>, total: i64) -> Result<(), PricingError> {
        self.subtotal = add(self.subtotal, line.subtotal, "totals.subtotal")?;
        self.discount = add(self.discount, line.subtotal - line.current, "totals.discount_total")?;
        self.tax = add(self.tax, line.tax, "totals.tax_total")?;
        self.total = add(self.total, total, "totals.grand_total")?;
        Ok(())
    }
}

/// Every cart coupon that gave nothing, once, in cart order, with its reason. A cart carries at most
/// [`MAX_COUPONS`](crate::cart::MAX_COUPONS) codes, so comparing each with those reported is bounded.
fn rejected_coupons(pricer: &Pricer, cart: &Cart, work: &Work<'_>) -> Vec<RejectedCoupon> {
    let mut rejected: Vec<RejectedCoupon> = Vec::new();
    if cart.coupons.is_empty() {
        return rejected;
    }
    for code in &cart.coupons {
        let code = code.trim();
        if rejected.iter().any(|r| r.code.eq_ignore_ascii_case(code)) {
            continue;
        }
        let reason = match pricer.coupons.find(code) {
            None => Some(RejectionReason::NotFound),
            Some(n) => work.rejections[n],
        };
        if let Some(reason) = reason {
            rejected.push(RejectedCoupon { code: code.to_owned(), reason });
        }
    }
    rejected
}

#[cfg(test)]
mod tests {
    use super::decimal;
    use rust_decimal::Decimal;

    #[test]
    fn decimal_is_decimal_new() {
        for minor in [0, 1, -1, 1234, -1234, i64::MAX, i64::MIN, i64::MIN + 1, 1 << 32, -(1 << 40)] {
            for scale in [0, 2, 3] {
                let (ours, theirs) = (decimal(minor, scale), Decimal::new(minor, scale));
                assert_eq!(ours, theirs);
                assert_eq!(ours.serialize(), theirs.serialize(), "{minor} at {scale}");
            }
        }
    }
}
