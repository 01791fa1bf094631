//! `Store`: every repository plus core's idempotency ledger and outbox behind one object, so a shop
//! holds a single `Arc<dyn Store>`.

use super::{
    CartRepository, CatalogRepository, CheckoutRepository, CustomerRepository, OrderRepository, PaymentRepository,
    PlaceOrder, PromotionUsageRepository, StockRepository, SupportCaseRepository,
};
use crate::notify::OutboxStore;
use crate::payment::IdempotencyStore;

/// A complete store. Implemented automatically for every type implementing all its parts.
pub trait Store:
    CatalogRepository
    + CartRepository
    + CheckoutRepository
    + OrderRepository
    + PaymentRepository
    + CustomerRepository
    + SupportCaseRepository
    + StockRepository
    + PromotionUsageRepository
    + PlaceOrder
    + IdempotencyStore
    + OutboxStore
{
}

impl<T> Store for T where
    T: CatalogRepository
        + CartRepository
        + CheckoutRepository
        + OrderRepository
        + PaymentRepository
        + CustomerRepository
        + SupportCaseRepository
        + StockRepository
        + PromotionUsageRepository
        + PlaceOrder
        + IdempotencyStore
        + OutboxStore
        + ?Sized
{
}
