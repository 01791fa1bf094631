//! Test fixtures for returns: the order fixture (one tee at 20.00, two mugs at 9.80, shipping 4.90,
//! 44.50 in all) delivered one hour after placing, a tax-inclusive discounted order, and helpers.

use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;

use super::{
    InspectedLine, Inspection, ItemCondition, NewReturn, Receipt, RefundablePayment, RequestedLine, ReturnPolicy,
    ReturnReason, Rma,
};
use crate::cart::CartLine;
use crate::event::Actor;
use crate::order::fixtures::{at, draft, pricer, MUG_LINE};
use crate::order::PaymentMethod;
use crate::order::{Order, OrderState};
use crate::pricing::{Pricer, PricingRules};
use crate::promotion::{Action, Promotion};
use crate::tax::{TaxConfig, TaxRule};

/// One day, in seconds.
pub(super) const DAY: i64 = 86_400;

/// When the fixture orders are delivered: one hour after placing.
pub(super) fn delivered() -> Timestamp {
    at(3600)
}

/// `seconds` after delivery.
pub(super) fn after(seconds: i64) -> Timestamp {
    delivered() + SignedDuration::from_secs(seconds)
}

/// The shopper `c1`.
pub(super) fn shopper() -> Actor {
    Actor::Shopper { customer_id: Some("c1".to_owned()) }
}

/// Staff member Ivan.
pub(super) fn staff() -> Actor {
    Actor::Staff { id: "ivan".to_owned() }
}

fn deliver(mut order: Order) -> Order {
    for (n, state) in [OrderState::Paid, OrderState::Processing, OrderState::Shipped].into_iter().enumerate() {
        order.transition(state, Actor::System, at(n as i64 + 1), None).expect("legal move");
    }
    order.transition(OrderState::Delivered, Actor::System, delivered(), None).expect("delivered");
    order
}

/// The standard order (tee 20.00, two mugs 19.60, shipping 4.90), paid by card and delivered.
pub(super) fn delivered_order() -> Order {
    Order::place(draft(PaymentMethod::Card), shopper(), at(0)).map(deliver).expect("placed")
}

/// The standard order placed by a guest, delivered.
pub(super) fn guest_order() -> Order {
    let mut guest = draft(PaymentMethod::Card);
    guest.customer_id = None;
    guest.cart.customer_id = None;
    Order::place(guest, Actor::Shopper { customer_id: None }, at(0)).map(deliver).expect("placed")
}

/// A tee and three mugs at gross prices with 20 % VAT included and 5.00 off the order, delivered.
pub(super) fn tax_inclusive_order() -> Order {
    let base = pricer();
    let rules = PricingRules {
        promotions: vec![Promotion {
            id: "five-off".to_owned(),
            name: "5.00 off".to_owned(),
            priority: 0,
            exclusive: false,
            stackable: true,
            coupon_code: None,
            currency: Some(crate::money::Currency::EUR),
            conditions: Default::default(),
            action: Action::OrderAmountOff { amount: Decimal::new(500, 2) },
        }],
        tax: TaxConfig {
            prices_include_tax: true,
            rules: vec![TaxRule {
                region: "BG".to_owned(),
                tax_category: None,
                rate: Decimal::new(20, 2),
                name: "VAT".to_owned(),
            }],
            ..TaxConfig::default()
        },
        ..base.rules().clone()
    };
    let gross = Pricer::new(base.catalog().clone(), rules).expect("valid rules");
    let mut order = draft(PaymentMethod::Card);
    let mug: &mut CartLine = order.cart.lines.iter_mut().find(|l| *l.id == *MUG_LINE).expect("mug line");
    mug.quantity = 3;
    order.priced = gross.price(&order.cart, &order.context).expect("prices");
    Order::place(order, shopper(), at(0)).map(deliver).expect("placed")
}

/// Asks `quantity` of `line_id` back.
pub(super) fn asked(line_id: &str, quantity: u32, reason: ReturnReason, condition: ItemCondition) -> RequestedLine {
    RequestedLine { line_id: line_id.to_owned(), quantity, reason, condition, photos: vec![], note: None }
}

/// A return of `lines` by the shopper.
pub(super) fn new_return(lines: Vec<RequestedLine>) -> NewReturn {
    NewReturn { lines, requested_by: shopper(), note: None }
}

/// A return of `lines` of `order` requested a day after delivery, under the default policy.
pub(super) fn requested(order: &Order, others: &[Rma], lines: Vec<RequestedLine>) -> Rma {
    Rma::request(new_return(lines), order, others, &ReturnPolicy::default(), after(DAY)).expect("requested")
}

/// Everything of `rma` received and found in `condition`.
pub(super) fn inspection(rma: &Rma, condition: ItemCondition) -> Inspection {
    let lines = rma.lines().iter().map(|l| InspectedLine { line_id: l.line_id.clone(), condition, note: None });
    Inspection { lines: lines.collect(), note: None }
}

/// `rma` approved, received in full and inspected as `condition`, by staff.
pub(super) fn through_inspection(mut rma: Rma, condition: ItemCondition) -> Rma {
    rma.approve(&[], staff(), after(2 * DAY)).expect("approved");
    rma.receive(Receipt::complete(rma.lines(), None), staff(), after(3 * DAY)).expect("received");
    let found = inspection(&rma, condition);
    rma.inspect(found, staff(), after(3 * DAY)).expect("inspected");
    rma
}

/// Payments with these methods and refundable cents.
pub(super) fn payments(parts: &[(PaymentMethod, i64)]) -> Vec<RefundablePayment> {
    parts
        .iter()
        .enumerate()
        .map(|(n, &(method, minor))| RefundablePayment {
            payment_id: format!("pay-{n}"),
            method,
            refundable: crate::order::fixtures::eur(minor),
        })
        .collect()
}
