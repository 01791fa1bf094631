//! Persistence plug-in traits: one repository per aggregate with optimistic versions, listing
//! queries, stock reservations, promotion usage limits and the all-or-nothing `place_order_tx`
//! (which can take promotion uses too); adapters implement them.
//!
//! Every aggregate is read as [`Versioned`] and saved with the version read (0 for a new one): a
//! stale write is [`StoreError::Conflict`] and changes nothing. Adapters store each aggregate as a
//! JSON document next to the indexed columns its [`Record`] names (ids, state, customer, totals as
//! integer minor units and currency code). The [`Store`] trait bundles every repository with core's
//! [`IdempotencyStore`](crate::payment::IdempotencyStore) and
//! [`OutboxStore`](crate::notify::OutboxStore), so one `Arc<dyn Store>` serves a whole shop.

mod after_sales;
mod bundle;
mod changes;
mod error;
mod inventory;
mod listing;
mod location;
mod placement;
mod promotion_usage;
mod record;
mod reports;
mod repository;
mod stock;
mod stored_value;
mod versioned;

pub use after_sales::{subject_key, ReturnRepository, ShipmentRepository, SurveyRequestRepository};
pub use bundle::Store;
pub use changes::{
    find, load, page, Changes, DocumentDelete, DocumentStore, DocumentWrite, LedgerAccount, LedgerRow, StockChange,
    StoredDocument, TextErasure,
};
pub use error::StoreError;
pub use inventory::{InventoryRepository, StockMove};
pub use listing::OrderQuery;
pub use location::StoreLocation;
pub use placement::{OrderPlacement, PlaceOrder, PromotionUse};
pub use promotion_usage::{PromotionUsage, PromotionUsageRepository, UseOutcome};
pub use record::{micros, Field, Record, UNMATCHED};
pub use reports::{Count, CurrencySales, OrderGrouping, SalesQueries, SegmentQueries};
pub use repository::{
    CartRepository, CatalogRepository, CheckoutRepository, CustomerRepository, OrderRepository, OutboxListing,
    PaymentRepository, SupportCaseRepository, EDITS_PER_SNAPSHOT,
};
pub use stock::{StockLevel, StockLine, StockRepository, VariantStock};
pub use stored_value::StoredValueRepository;
pub use versioned::Versioned;
