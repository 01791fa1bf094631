//! Exchange as a return's outcome: a draft of a new order for the replacements at no charge.
//!
//! The draft has **zero-priced lines** (and zero-priced shipping by the original method) rather than
//! full-priced lines with a 100 % discount: no promotion has to be registered with the shop's pricer,
//! the replacement order places with a total of 0, and its lines and receipt show 0 rather than a
//! price and its discount; tax was paid on the original order. The replacement is a variant of the
//! same product (another size or colour, or the same variant), one per returned line.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ReturnError, ReturnLine};
use crate::cart::{Cart, CartLine};
use crate::money::Currency;
use crate::order::{Order, OrderDraft, OrderNumber};
use crate::pricing::{PricedCart, PricedLine, PricedShipping, Totals};

/// What replaces a returned line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Replacement {
    /// The returned order line.
    pub replaces_line_id: String,
    /// The variant sent instead (of the same product).
    pub variant_id: String,
    /// Units sent: the units accepted back.
    pub quantity: u32,
}

/// The draft of the replacement order `number` for `replacements` of `order`'s `lines`, priced at
/// zero, with the original contact and delivery details and pricing context (as of `at`).
pub(super) fn replacement_draft(
    order: &Order,
    lines: &[ReturnLine],
    replacements: &[Replacement],
    number: OrderNumber,
    at: Timestamp,
) -> Result<OrderDraft, ReturnError> {
    let currency = order.priced().currency;
    let mut cart = Cart::new(currency, order.customer_id().map(str::to_owned));
    cart.lines = replacements.iter().map(cart_line).collect();
    cart.note = Some(format!("exchange for order {}", order.number()));
    let priced_lines = replacements.iter().map(|r| priced_line(r, lines, currency)).collect::<Result<_, _>>()?;
    let priced = zero_priced(&cart, priced_lines, &order.delivery().shipping_method_id, order, currency);
    let mut context = order.context().clone();
    context.now = at;
    Ok(OrderDraft {
        number,
        customer_id: order.customer_id().map(str::to_owned),
        contact: order.contact().clone(),
        delivery: order.delivery().clone(),
        cart,
        context,
        priced,
    })
}

fn cart_line(replacement: &Replacement) -> CartLine {
    CartLine {
        id: format!("exchange-{}", replacement.replaces_line_id).into(),
        variant_id: replacement.variant_id.clone(),
        quantity: replacement.quantity,
        unit_price_at_add: None,
        note: Some(format!("replaces line {}", replacement.replaces_line_id)),
    }
}

fn priced_line(replacement: &Replacement, lines: &[ReturnLine], currency: Currency) -> Result<PricedLine, ReturnError> {
    let original = lines.iter().find(|l| l.line_id == replacement.replaces_line_id).ok_or_else(|| {
        ReturnError::invalid(format!("replacements[{}]", replacement.replaces_line_id), "not a line of this return")
    })?;
    let zero = zero(currency);
    Ok(PricedLine {
        line_id: format!("exchange-{}", replacement.replaces_line_id).into(),
        variant_id: replacement.variant_id.as_str().into(),
        product_id: original.product_id.as_str().into(),
        quantity: replacement.quantity,
        unit_price: zero,
        price_changed: false,
        gift: false,
        subtotal: zero,
        discount: zero,
        tax_rate: Decimal::ZERO,
        tax: zero,
        total: zero,
    })
}

fn zero_priced(cart: &Cart, lines: Vec<PricedLine>, method_id: &str, order: &Order, currency: Currency) -> PricedCart {
    let zero = zero(currency);
    let shipping = PricedShipping {
        method_id: method_id.to_owned(),
        charge: zero,
        discount: zero,
        tax_rate: Decimal::ZERO,
        tax: zero,
        total: zero,
    };
    PricedCart {
        cart_id: cart.id.clone(),
        currency,
        prices_include_tax: order.priced().prices_include_tax,
        lines,
        shipping: Some(shipping),
        packaging: vec![],
        promotions: vec![],
        rejected_coupons: vec![],
        totals: Totals {
            subtotal: zero,
            discount_total: zero,
            shipping_total: zero,
            packaging_total: zero,
            tax_total: zero,
            grand_total: zero,
        },
    }
}

/// Zero at `currency`'s minor-unit scale (`0.00`).
fn zero(currency: Currency) -> Decimal {
    Decimal::new(0, currency.minor_units())
}
