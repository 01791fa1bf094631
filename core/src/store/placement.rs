//! Placing an order in one transaction: the order, its first payment, its stock reservation and
//! its outbox e-mails and promotion (coupon) uses are stored together or not at all.

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{StockLine, StoreError};
use crate::inventory::Allocator;
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
    /// How the held units are allocated to stock locations.
    pub allocator: Allocator,
    /// E-mails to send once it is stored (order confirmation, payment instructions).
    pub outbox: Vec<OutboxEntry>,
    /// Promotion (coupon) uses taken in the same transaction (usually none or one).
    pub promotion_uses: Vec<PromotionUse>,
}

/// One use of a promotion taken with the order, under its limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PromotionUse {
    /// The promotion.
    pub promotion_id: String,
    /// The customer using it (`None`: a guest, counted only in the total).
    pub customer_id: Option<String>,
    /// The total use limit (`None`: unlimited).
    pub limit: Option<u32>,
    /// The per-customer use limit (`None`: unlimited).
    pub per_customer_limit: Option<u32>,
}

impl OrderPlacement {
    /// A placement of `order` reserving its cart's lines until `expires_at`, with no payment or e-mail yet.
    pub fn new(order: Order, expires_at: Timestamp) -> OrderPlacement {
        let reservation = StockLine::for_cart(order.cart());
        OrderPlacement {
            order,
            payment: None,
            reservation,
            reservation_expires_at: expires_at,
            allocator: Allocator::default(),
            outbox: Vec::new(),
            promotion_uses: Vec::new(),
        }
    }

    /// Also takes one use of `promotion_id` by `customer_id` with the order, within `limit` in total and
    /// `per_customer_limit` for the customer; at a limit the whole placement fails with
    /// [`StoreError::PromotionLimitReached`].
    pub fn with_promotion_use(
        mut self,
        promotion_id: &str,
        customer_id: Option<&str>,
        limit: Option<u32>,
        per_customer_limit: Option<u32>,
    ) -> OrderPlacement {
        self.promotion_uses.push(PromotionUse {
            promotion_id: promotion_id.to_owned(),
            customer_id: customer_id.map(str::to_owned),
            limit,
            per_customer_limit,
        });
        self
    }
}

/// The all-or-nothing write of a placed order.
#[async_trait]
pub trait PlaceOrder: Send + Sync {
    /// Stores `placement` atomically: the order (a taken id or number is an error), the payment,
    /// the reservation ([`StoreError::InsufficientStock`] if short) and the outbox entries
    /// (a queued message id is [`StoreError::Duplicate`]) and the promotion use
    /// ([`StoreError::PromotionLimitReached`] at a limit). On any error nothing is written.
    async fn place_order_tx(&self, placement: &OrderPlacement) -> Result<(), StoreError>;
}
