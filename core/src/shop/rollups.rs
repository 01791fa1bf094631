//! Rebuilding the report rollups from what is stored: every order as it stands, the money the event
//! log says each received and gave back, and every return, written in one commit over emptied rollups.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::notify::DomainEvent;
use crate::order::{Order, OrderEvent, OrderState};
use crate::reports::SalesProjection;
use crate::returns::{ReturnState, Rma};
use crate::store::{load, page, Changes, Store};

use super::{Reports, ShopError};

/// How many documents or events a rebuild reads at a time.
const PAGE: u32 = 500;

/// What a rebuild of the rollups read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RollupRebuild {
    /// Orders counted.
    pub orders: u64,
    /// Payments received and refunds given (events of the log).
    pub payments: u64,
    /// Returns counted.
    pub returns: u64,
}

impl Reports<'_> {
    /// Rebuilds the rollups that come from orders, payments and returns (sales by day, variant and
    /// month, customers' totals and days, orders placed and paid, promotions' effect, refunds,
    /// returns by reason and product) from the stored orders and returns and the event log, for a
    /// store that holds orders from before its rollups existed, or one whose rollups are in doubt.
    /// The rollups are replaced in one commit, so reports see the old figures or the new ones.
    /// Counts of carts, checkouts, cases, surveys and reviews are kept: they are counted as they
    /// happen. An order edited after it was placed counts its promotions and total as they stand.
    pub async fn rebuild_rollups(&self) -> Result<RollupRebuild, ShopError> {
        let store = self.shop.store().as_ref();
        let zone = self.shop.settings().await?.time_zone()?;
        let mut projection = SalesProjection::new(zone, self.shop.now());
        let mut read = RollupRebuild { orders: order_figures(store, &mut projection).await?, ..Default::default() };
        read.payments = payment_figures(store, &mut projection).await?;
        read.returns = return_figures(store, &mut projection).await?;
        let rollups = projection.into_rollups();
        let changes = Changes {
            sales_days: rollups.days,
            variant_sales: rollups.variants,
            day_counts: rollups.counts,
            customer_sales: rollups.customers,
            customer_days: rollups.customer_days,
            rebuilds_rollups: true,
            ..Changes::default()
        };
        store.commit(&changes).await?;
        Ok(read)
    }
}

/// Every stored order's figures as it stands, counted as placed on its day; answers how many.
async fn order_figures(store: &dyn Store, projection: &mut SalesProjection) -> Result<u64, ShopError> {
    let (mut after, mut read) = (None, 0);
    loop {
        let orders = page::<Order>(store, after.as_deref(), PAGE).await?;
        for order in &orders {
            projection.order_stored(&order.value)?;
        }
        read += orders.len() as u64;
        match orders.last() {
            Some(last) if orders.len() == PAGE as usize => after = Some(last.value.id().to_owned()),
            _ => return Ok(read),
        }
    }
}

/// Every payment received and refund given, from the event log in order, on the day it happened,
/// with each order counted as paid whenever its running total reaches its grand total while it is
/// not cancelled; answers how many.
async fn payment_figures(store: &dyn Store, projection: &mut SalesProjection) -> Result<u64, ShopError> {
    let mut paid: HashMap<String, i64> = HashMap::new();
    let (mut since, mut after, mut read) = (jiff::Timestamp::MIN, None::<String>, 0);
    loop {
        let events = store.events_since(since, after.as_deref(), PAGE).await?;
        for recorded in &events {
            let (order_id, amount, received) = match &recorded.event {
                DomainEvent::Order(OrderEvent::OrderPaymentReceived { order_id, amount, .. }) => {
                    (order_id, *amount, true)
                }
                DomainEvent::Order(OrderEvent::OrderPaymentRefunded { order_id, amount, .. }) => {
                    (order_id, *amount, false)
                }
                _ => continue,
            };
            let Some(order) = load::<Order>(store, order_id).await? else { continue };
            let order = order.value;
            projection.at(recorded.at);
            let running = paid.entry(order_id.clone()).or_default();
            let was = *running;
            if received {
                projection.received(&order, amount)?;
                *running = running.saturating_add(amount.minor());
            } else {
                projection.refunded(&order, amount)?;
                *running = running.saturating_sub(amount.minor());
            }
            let live = state_at(&order, recorded.at) != OrderState::Cancelled;
            if live && was < order.total().minor() && *running >= order.total().minor() {
                projection.paid(&order);
            }
            read += 1;
        }
        match events.last() {
            Some(last) if events.len() == PAGE as usize => (since, after) = (last.at, Some(last.id.clone())),
            _ => return Ok(read),
        }
    }
}

/// Every stored return, counted as requested on its day and as settled (refund, exchange, credit)
/// on the day it was; answers how many.
async fn return_figures(store: &dyn Store, projection: &mut SalesProjection) -> Result<u64, ShopError> {
    let (mut after, mut read) = (None, 0);
    loop {
        let returns = page::<Rma>(store, after.as_deref(), PAGE).await?;
        for rma in &returns {
            let rma = &rma.value;
            projection.at(rma.requested_at());
            projection.return_requested(rma);
            for step in rma.history() {
                if matches!(step.to, ReturnState::Refunded | ReturnState::Exchanged | ReturnState::Credited) {
                    projection.return_moved(rma, step.to, step.at);
                }
            }
        }
        read += returns.len() as u64;
        match returns.last() {
            Some(last) if returns.len() == PAGE as usize => after = Some(last.value.id().to_owned()),
            _ => return Ok(read),
        }
    }
}

/// The state `order` was in at `at`, from its history.
fn state_at(order: &Order, at: jiff::Timestamp) -> OrderState {
    let before = order.history().iter().take_while(|step| step.at <= at).last();
    before.map_or_else(|| order.history().first().map_or(order.state(), |step| step.from), |step| step.to)
}
