//! Writes the engine's integer work out as the priced cart the shopper sees: decimal amounts at the
//! currency's scale, shipping and packaging charges, promotions with their line shares, rejected
//! coupons in cart order, totals.

use super::engine::{Pricer, Work};
use super::{
    AppliedPromotion, LineShare, PricedCart, PricedLine, PricedPackaging, PricedShipping, PricingContext,
    RejectedCoupon, Totals,
};
use crate::cart::Cart;
use crate::promotion::RejectionReason;

/// Builds the priced cart from the finished work.
pub(super) fn priced_cart(pricer: &Pricer, cart: &Cart, context: &PricingContext, work: Work<'_>) -> PricedCart {
    let currency = context.currency;
    let scale = currency.minor_units();
    let money = |minor: i64| rust_decimal::Decimal::new(minor, scale);
    let inclusive = pricer.rules.tax.prices_include_tax;
    let with_tax = |net: i64, tax: i64| if inclusive { net } else { net + tax };
    let lines: Vec<PricedLine> = work
        .lines
        .iter()
        .map(|line| PricedLine {
            line_id: line.line_id.to_string(),
            variant_id: line.variant_id.to_owned(),
            product_id: line.product.id.clone(),
            quantity: line.quantity,
            unit_price: money(line.unit),
            price_changed: line.price_changed,
            gift: line.gift,
            subtotal: money(line.subtotal),
            discount: money(line.subtotal - line.current),
            tax_rate: line.tax_rate,
            tax: money(line.tax),
            total: money(with_tax(line.current, line.tax)),
        })
        .collect();
    let shipping = work.shipping.map(|s| PricedShipping {
        method_id: pricer.rules.shipping_methods[s.method].id.clone(),
        charge: money(s.charge),
        discount: money(s.discount),
        tax_rate: s.tax_rate,
        tax: money(s.tax),
        total: money(with_tax(s.charge - s.discount, s.tax)),
    });
    let packaging: Vec<PricedPackaging> = work
        .packaging
        .iter()
        .map(|p| PricedPackaging {
            kind: pricer.rules.packaging[p.option].kind,
            name: pricer.rules.packaging[p.option].name.clone(),
            charge: money(p.charge),
            tax_rate: p.tax_rate,
            tax: money(p.tax),
            total: money(with_tax(p.charge, p.tax)),
        })
        .collect();
    let promotions = work
        .applied
        .iter()
        .map(|applied| {
            let promotion = &pricer.rules.promotions[applied.promotion];
            let line_amount: i64 = applied.shares.iter().map(|s| s.1).sum();
            AppliedPromotion {
                promotion_id: promotion.id.clone(),
                name: promotion.name.clone(),
                code: promotion.coupon_code.clone(),
                action: promotion.action.kind().to_owned(),
                amount: money(line_amount + applied.shipping),
                lines: applied.shares.iter().map(|&(line, amount)| LineShare { line, amount: money(amount) }).collect(),
                shipping: money(applied.shipping),
            }
        })
        .collect();
    let sum = |f: &dyn Fn(&super::engine::LineWork<'_>) -> i64| work.lines.iter().map(f).sum::<i64>();
    let (ship_net, ship_discount, ship_tax) =
        work.shipping.map_or((0, 0, 0), |s| (s.charge - s.discount, s.discount, s.tax));
    let (pack_net, pack_tax) = work.packaging.iter().fold((0, 0), |(net, tax), p| (net + p.charge, tax + p.tax));
    let line_totals = sum(&|l| with_tax(l.current, l.tax));
    let totals = Totals {
        subtotal: money(sum(&|l| l.subtotal)),
        discount_total: money(sum(&|l| l.subtotal - l.current) + ship_discount),
        shipping_total: money(ship_net),
        packaging_total: money(pack_net),
        tax_total: money(sum(&|l| l.tax) + ship_tax + pack_tax),
        grand_total: money(line_totals + with_tax(ship_net, ship_tax) + with_tax(pack_net, pack_tax)),
    };
    PricedCart {
        cart_id: cart.id.clone(),
        currency,
        prices_include_tax: inclusive,
        lines,
        shipping,
        packaging,
        promotions,
        rejected_coupons: rejected_coupons(pricer, cart, &work),
        totals,
    }
}

/// Every cart coupon that gave nothing, once, in cart order, with its reason.
fn rejected_coupons(pricer: &Pricer, cart: &Cart, work: &Work<'_>) -> Vec<RejectedCoupon> {
    let mut rejected: Vec<RejectedCoupon> = Vec::new();
    for code in &cart.coupons {
        let code = code.trim();
        if rejected.iter().any(|r| r.code.eq_ignore_ascii_case(code)) {
            continue;
        }
        let promotion = pricer.promotions.iter().enumerate().find(|(_, p)| {
            pricer.rules.promotions[p.source]
                .coupon_code
                .as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(code))
        });
        let reason = match promotion {
            None => Some(RejectionReason::NotFound),
            Some((n, _)) => work.rejections[n],
        };
        if let Some(reason) = reason {
            rejected.push(RejectedCoupon { code: code.to_owned(), reason });
        }
    }
    rejected
}
