//! `Store`: every repository plus core's idempotency ledger and outbox behind one object, so a shop
//! holds a single `Arc<dyn Store>`.

use super::{
    CartRepository, CatalogRepository, CheckoutRepository, CustomerRepository, DocumentStore, InventoryRepository,
    OrderRepository, OutboxListing, PaymentRepository, PlaceOrder, PromotionUsageRepository, ReturnRepository,
    SalesQueries, SegmentQueries, ShipmentRepository, StockRepository, StoredValueRepository, SupportCaseRepository,
    SurveyRequestRepository,
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
    + ShipmentRepository
    + ReturnRepository
    + SurveyRequestRepository
    + StoredValueRepository
    + StockRepository
    + InventoryRepository
    + PromotionUsageRepository
    + PlaceOrder
    + DocumentStore
    + SalesQueries
    + SegmentQueries
    + IdempotencyStore
    + OutboxStore
    + OutboxListing
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
        + ShipmentRepository
        + ReturnRepository
        + SurveyRequestRepository
        + StoredValueRepository
        + StockRepository
        + InventoryRepository
        + PromotionUsageRepository
        + PlaceOrder
        + DocumentStore
        + SalesQueries
        + SegmentQueries
        + IdempotencyStore
        + OutboxStore
        + OutboxListing
        + ?Sized
{
}
