//! Order use cases: read an order, a customer's purchase history, the order's timeline, the work
//! lists of orders that need someone to act, and cancelling an order (its stock goes back).

use serde::{Deserialize, Serialize};

use crate::event::Actor;
use crate::order::PaymentMethod;
use crate::order::{Order, OrderState};
use crate::shipping::{order_timeline, OrderTimelineEntry, Shipment};
use crate::store::{OrderQuery, StockChange};

use super::{Shop, ShopError};

/// The most orders a work list holds per kind.
const WORK_LIST_LIMIT: u32 = 500;

/// Orders. Get it from [`Shop::orders`].
#[derive(Debug, Clone, Copy)]
pub struct Orders<'a> {
    pub(super) shop: &'a Shop,
}

/// Orders that need someone to act, oldest first in each list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkList {
    /// Bank-transfer orders whose payment deadline has passed.
    pub transfer_overdue: Vec<Order>,
    /// Paid orders not shipped yet.
    pub to_ship: Vec<Order>,
    /// Cash-on-delivery orders delivered but whose cash is not recorded yet.
    pub cash_not_settled: Vec<Order>,
}

impl Orders<'_> {
    /// The order `order_id`.
    pub async fn get(&self, order_id: &str) -> Result<Order, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Order>(order_id).await)
    }

    /// The order numbered `number` (`VT-2026-000123`).
    pub async fn by_number(&self, number: &str) -> Result<Order, ShopError> {
        let found = self.shop.store().find_order_by_number(number).await?;
        found.map(|order| order.value).ok_or_else(|| ShopError::not_found("order", number))
    }

    /// The purchase history of `customer_id`, oldest first.
    pub async fn of_customer(&self, customer_id: &str) -> Result<Vec<Order>, ShopError> {
        let orders = self.shop.store().orders_of_customer(customer_id).await?;
        Ok(orders.into_iter().map(|order| order.value).collect())
    }

    /// The orders matching `query`, newest placed first.
    pub async fn list(&self, query: &OrderQuery) -> Result<Vec<Order>, ShopError> {
        Ok(self.shop.store().list_orders(query).await?.into_iter().map(|order| order.value).collect())
    }

    /// What the customer follows: placed, paid, each parcel's progress, delivered.
    pub async fn timeline(&self, order_id: &str) -> Result<Vec<OrderTimelineEntry>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let order = tx.get::<Order>(order_id).await?;
            let shipments = tx.find_by::<Shipment>("order_id", order_id, WORK_LIST_LIMIT).await?;
            Ok(order_timeline(&order, &shipments))
        })
    }

    /// The orders that need someone to act now.
    pub async fn work_list(&self) -> Result<WorkList, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let now = tx.now;
            let window = tx.settings.profile.transfer_window;
            let mut list = WorkList::default();
            for state in [OrderState::AwaitingTransfer, OrderState::PendingPayment] {
                let waiting = tx.find_by::<Order>("state", state.as_str(), WORK_LIST_LIMIT).await?;
                list.transfer_overdue.extend(waiting.into_iter().filter(|o| {
                    o.delivery().payment_method == PaymentMethod::BankTransfer && o.placed_at() + window < now
                }));
            }
            for state in [OrderState::Paid, OrderState::Processing] {
                list.to_ship.extend(tx.find_by::<Order>("state", state.as_str(), WORK_LIST_LIMIT).await?);
            }
            let delivered = tx.find_by::<Order>("state", OrderState::Delivered.as_str(), WORK_LIST_LIMIT).await?;
            list.cash_not_settled.extend(delivered.into_iter().filter(|o| {
                o.delivery().payment_method == PaymentMethod::CashOnDelivery && o.paid().minor() < o.total().minor()
            }));
            Ok(list)
        })
    }

    /// Cancels order `order_id` (the state machine decides whether it still can be); the stock held
    /// for it goes back on the shelf.
    pub async fn cancel(&self, order_id: &str, actor: Actor, reason: &str) -> Result<Order, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut order = tx.get::<Order>(order_id).await?;
            order.transition(OrderState::Cancelled, actor.clone(), tx.now, Some(reason.to_owned()))?;
            tx.stock(StockChange::Release { order_id: order_id.to_owned() });
            tx.save(&mut order)?;
            Ok(order)
        })
    }
}
