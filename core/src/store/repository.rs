//! One repository trait per aggregate: read as [`Versioned`], save quoting the version read (0 for
//! new), so a stale write is a typed [`StoreError::Conflict`]. Method names carry the aggregate so
//! one type can implement them all.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{OrderQuery, StoreError, Versioned};
use crate::cart::Cart;
use crate::catalog::{Catalog, CatalogEdit};
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::notify::OutboxEntry;
use crate::order::Order;
use crate::payment::Payment;
use crate::support::SupportCase;

/// How many product edits a store keeps on top of a whole catalog snapshot before it writes the
/// whole catalog again.
pub const EDITS_PER_SNAPSHOT: u64 = 50;

/// Catalog versions: each publish appends a new immutable version, a whole snapshot or one product
/// edit on top of the version before.
#[async_trait]
pub trait CatalogRepository: Send + Sync {
    /// Publishes `catalog` as the snapshot after `expected_version` (0 for the first); returns its
    /// version. [`StoreError::Conflict`] if another snapshot was published since.
    async fn publish_catalog(&self, catalog: &Catalog, expected_version: u64) -> Result<u64, StoreError>;

    /// Publishes `edit` as the version after `expected_version`, `result` being the catalog it
    /// makes (validated by the caller): the store keeps the edit alone, or the whole `result` once
    /// [`EDITS_PER_SNAPSHOT`] edits follow the last whole snapshot, so reading a version replays
    /// few edits. [`StoreError::Conflict`] if another version was published since.
    async fn publish_catalog_edit(
        &self,
        edit: &CatalogEdit,
        result: &Catalog,
        expected_version: u64,
    ) -> Result<u64, StoreError>;

    /// The version of the latest snapshot (0: none published), without reading it.
    async fn catalog_version(&self) -> Result<u64, StoreError>;

    /// The latest snapshot, if any.
    async fn current_catalog(&self) -> Result<Option<Versioned<Catalog>>, StoreError>;

    /// The snapshot published as `version`, if any.
    async fn catalog_snapshot(&self, version: u64) -> Result<Option<Catalog>, StoreError>;
}

/// Shopping carts.
#[async_trait]
pub trait CartRepository: Send + Sync {
    /// The cart `id`, if any.
    async fn get_cart(&self, id: &str) -> Result<Option<Versioned<Cart>>, StoreError>;

    /// Saves `cart` read at `version` (0: new), stamping it updated now; returns the new version.
    async fn save_cart(&self, cart: &Cart, version: u64) -> Result<u64, StoreError>;

    /// Deletes the cart `id` read at `version`.
    async fn delete_cart(&self, id: &str, version: u64) -> Result<(), StoreError>;

    /// The carts saved at or after `since`, least recently saved first, at most `limit`. A cart
    /// carries no timestamps, so "updated" is when the store saved it, by the store's clock.
    async fn carts_updated_since(&self, since: Timestamp, limit: u32) -> Result<Vec<Versioned<Cart>>, StoreError>;
}

/// Checkout sessions.
#[async_trait]
pub trait CheckoutRepository: Send + Sync {
    /// The session `id`, if any.
    async fn get_checkout_session(&self, id: &str) -> Result<Option<Versioned<CheckoutSession>>, StoreError>;

    /// Saves `session` read at `version` (0: new); returns the new version.
    async fn save_checkout_session(&self, session: &CheckoutSession, version: u64) -> Result<u64, StoreError>;

    /// Abandoned sessions: contact recorded, no order placed, not followed up yet, last activity before `before`;
    /// oldest activity first, at most `limit`.
    async fn abandoned_checkout_sessions(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> Result<Vec<Versioned<CheckoutSession>>, StoreError>;
}

/// Orders and their numbering.
#[async_trait]
pub trait OrderRepository: Send + Sync {
    /// The order `id`, if any.
    async fn get_order(&self, id: &str) -> Result<Option<Versioned<Order>>, StoreError>;

    /// The order numbered `number` (e.g. `VT-2026-000123`), if any.
    async fn find_order_by_number(&self, number: &str) -> Result<Option<Versioned<Order>>, StoreError>;

    /// The orders of `customer_id`, oldest first.
    async fn orders_of_customer(&self, customer_id: &str) -> Result<Vec<Versioned<Order>>, StoreError>;

    /// The orders matching `query`, newest placed first (ties by id, newest first), at most `query.limit`.
    async fn list_orders(&self, query: &OrderQuery) -> Result<Vec<Versioned<Order>>, StoreError>;

    /// Saves `order` read at `version` (0: new); returns the new version. A number already used by
    /// another order is [`StoreError::Duplicate`].
    async fn save_order(&self, order: &Order, version: u64) -> Result<u64, StoreError>;

    /// Draws the next order sequence of `year` (1, 2, 3, ...): atomic, never the same twice.
    async fn next_order_sequence(&self, year: i16) -> Result<u64, StoreError>;
}

/// Payments.
#[async_trait]
pub trait PaymentRepository: Send + Sync {
    /// The payment `id`, if any.
    async fn get_payment(&self, id: &str) -> Result<Option<Versioned<Payment>>, StoreError>;

    /// The payments of `order_id`, oldest first.
    async fn payments_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Payment>>, StoreError>;

    /// Saves `payment` read at `version` (0: new); returns the new version.
    async fn save_payment(&self, payment: &Payment, version: u64) -> Result<u64, StoreError>;
}

/// Customer accounts.
#[async_trait]
pub trait CustomerRepository: Send + Sync {
    /// The customer `id`, if any.
    async fn get_customer(&self, id: &str) -> Result<Option<Versioned<Customer>>, StoreError>;

    /// The customer with e-mail `email` (as normalised by [`crate::customer::Email`]), if any.
    async fn find_customer_by_email(&self, email: &str) -> Result<Option<Versioned<Customer>>, StoreError>;

    /// Saves `customer` read at `version` (0: new); returns the new version. An e-mail already used
    /// by another account is [`StoreError::Duplicate`].
    async fn save_customer(&self, customer: &Customer, version: u64) -> Result<u64, StoreError>;

    /// A page of customers by id (UUIDv7, so by registration): the first `limit` with an id after
    /// `after_id` (`None`: from the start). Pass the last id of a page to get the next.
    async fn customers_page(&self, after_id: Option<&str>, limit: u32) -> Result<Vec<Versioned<Customer>>, StoreError>;
}

/// Listing the durable outbox.
#[async_trait]
pub trait OutboxListing: Send + Sync {
    /// The outbox entries created at or after `since`, oldest first, at most `limit`.
    async fn outbox_entries_since(&self, since: Timestamp, limit: u32) -> Result<Vec<OutboxEntry>, StoreError>;
}

/// Support cases.
#[async_trait]
pub trait SupportCaseRepository: Send + Sync {
    /// The case `id`, if any.
    async fn get_support_case(&self, id: &str) -> Result<Option<Versioned<SupportCase>>, StoreError>;

    /// The cases of `customer_id`, oldest first.
    async fn support_cases_of_customer(&self, customer_id: &str) -> Result<Vec<Versioned<SupportCase>>, StoreError>;

    /// Saves `case` read at `version` (0: new); returns the new version.
    async fn save_support_case(&self, case: &SupportCase, version: u64) -> Result<u64, StoreError>;

    /// Draws the next turn of rotation `name` (1, 2, 3, ...): atomic, never the same twice, so
    /// processes sharing the database take turns fairly.
    async fn next_turn(&self, name: &str) -> Result<u64, StoreError>;
}
