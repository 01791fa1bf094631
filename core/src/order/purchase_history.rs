//! A customer's purchase history: their orders newest first, what they paid per currency, and whether
//! their next order is their first (for `first_order_only` promotions).

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Order, OrderError, OrderState};
use crate::money::{Currency, Money};

/// One order as listed in a purchase history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderSummary {
    /// The order.
    pub order_id: String,
    /// Its number.
    pub number: String,
    /// When it was placed.
    pub placed_at: Timestamp,
    /// Its state.
    pub state: OrderState,
    /// Its grand total.
    pub total: Money,
    /// Units ordered (free gifts included).
    pub units: u64,
}

/// A customer's orders and spending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseHistory {
    /// The customer.
    pub customer_id: String,
    /// Their orders, newest first.
    pub orders: Vec<OrderSummary>,
    /// Money received from them net of refunds, one amount per currency (by currency code).
    pub total_paid: Vec<Money>,
}

impl PurchaseHistory {
    /// The history of `customer_id` among `orders` (any order; guests' orders are never included).
    pub fn for_customer(orders: &[Order], customer_id: &str) -> Result<PurchaseHistory, OrderError> {
        let mine: Vec<&Order> = orders.iter().filter(|o| o.customer_id() == Some(customer_id)).collect();
        let mut summaries: Vec<OrderSummary> = mine.iter().map(|o| summary(o)).collect();
        summaries.sort_by(|a, b| b.placed_at.cmp(&a.placed_at).then_with(|| b.number.cmp(&a.number)));
        Ok(PurchaseHistory {
            customer_id: customer_id.to_owned(),
            orders: summaries,
            total_paid: paid_per_currency(&mine)?,
        })
    }

    /// Whether the customer has no order that went ahead (cancelled orders do not count).
    pub fn first_order(&self) -> bool {
        self.orders.iter().all(|o| o.state == OrderState::Cancelled)
    }
}

fn summary(order: &Order) -> OrderSummary {
    OrderSummary {
        order_id: order.id().to_owned(),
        number: order.number().to_string(),
        placed_at: order.placed_at(),
        state: order.state(),
        total: order.total(),
        units: order.priced().lines.iter().map(|l| u64::from(l.quantity)).sum(),
    }
}

fn paid_per_currency(orders: &[&Order]) -> Result<Vec<Money>, OrderError> {
    let mut sums: BTreeMap<&'static str, Money> = BTreeMap::new();
    for order in orders {
        let currency: Currency = order.paid().currency();
        let sum = sums.entry(currency.code()).or_insert(Money::zero(currency));
        *sum = sum.checked_add(&order.paid())?;
    }
    Ok(sums.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Actor;
    use crate::order::fixtures::{at, draft, eur};
    use crate::order::PaymentMethod;

    fn order(customer: Option<&str>, sequence: u64, seconds: i64) -> Order {
        let mut draft = draft(PaymentMethod::Card);
        draft.customer_id = customer.map(str::to_owned);
        draft.number = crate::order::OrderNumber::new("VT", 2026, sequence).unwrap();
        Order::place(draft, Actor::System, at(seconds)).unwrap()
    }

    #[test]
    fn lists_only_the_customers_orders_newest_first_with_what_they_paid() {
        let mut first = order(Some("c1"), 1, 0);
        first.record_payment(eur(4450)).unwrap();
        let mut second = order(Some("c1"), 3, 100);
        second.record_payment(eur(1000)).unwrap();
        let others = [order(Some("c2"), 2, 50), order(None, 4, 60)];
        let all = vec![first, others[0].clone(), second, others[1].clone()];
        let history = PurchaseHistory::for_customer(&all, "c1").unwrap();
        let numbers: Vec<&str> = history.orders.iter().map(|o| o.number.as_str()).collect();
        assert_eq!(numbers, vec!["VT-2026-000003", "VT-2026-000001"]);
        assert_eq!(history.total_paid, vec![eur(5450)]);
        assert_eq!(history.orders[0].units, 3);
        assert!(!history.first_order());
    }

    #[test]
    fn no_orders_or_only_cancelled_ones_means_a_first_order() {
        let none = PurchaseHistory::for_customer(&[], "c1").unwrap();
        assert!(none.first_order() && none.orders.is_empty() && none.total_paid.is_empty());
        let mut cancelled = order(Some("c1"), 1, 0);
        cancelled.transition(OrderState::Cancelled, Actor::System, at(1), None).unwrap();
        assert!(PurchaseHistory::for_customer(&[cancelled], "c1").unwrap().first_order());
    }
}
