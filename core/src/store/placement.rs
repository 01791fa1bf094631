//! Placing an order in one transaction: the order, its first payment, its stock reservation and
//! its outbox e-mails are stored together or not at all.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{StockLine, StoreError};
use crate::notify::OutboxEntry;
use crate::order::Order;
use crate::payment::Payment;

/// Everything written when an order is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderPlacement {
    /// The new order (stored at version 1).
    pub order: Order,
    /// Its first payment, if one is opened at once.
    pub payment: Option<Payment>,
    /// The stock to hold for it (may be empty).
    pub reservation: Vec<StockLine>,
    /// When the hold lapses unless committed.
    pub reservation_expires_at: Timestamp,
    /// E-mails to send once it is stored (order confirmation, payment instructions).
    pub outbox: Vec<OutboxEntry>,
}

impl OrderPlacement {
    /// A placement of `order` reserving its cart's lines until `expires_at`, with no payment or e-mail yet.
    pub fn new(order: Order, expires_at: Timestamp) -> OrderPlacement {
        let reservation = StockLine::for_cart(order.cart());
        OrderPlacement { order, payment: None, reservation, reservation_expires_at: expires_at, outbox: Vec::new() }
    }
}

/// The all-or-nothing write of a placed order.
#[async_trait]
pub trait PlaceOrder: Send + Sync {
    /// Stores `placement` atomically: the order (a taken id or number is an error), the payment,
    /// the reservation ([`StoreError::InsufficientStock`] if short) and the outbox entries
    /// (a queued message id is [`StoreError::Duplicate`]). On any error nothing is written.
    async fn place_order_tx(&self, placement: &OrderPlacement) -> Result<(), StoreError>;
}
