//! A unit of work: every write of one command (aggregate documents at the versions read, outbox
//! e-mails, domain events, stock moves, promotion uses, ledger rows) committed all or nothing.
//!
//! The `Shop` builds one [`Changes`] per command and hands it to [`DocumentStore::commit`]; a stale
//! version anywhere is [`StoreError::Conflict`] and nothing of the command is written.

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Field, PromotionUse, Record, StockLine, StockMove, StoreError, Versioned};
use crate::event::RecordedEvent;
use crate::inventory::{Allocator, MovementSource};
use crate::money::Money;
use crate::notify::DomainEvent;
use crate::notify::OutboxEntry;
use crate::reports::{CustomerDay, CustomerSales, DayCount, SalesDay, VariantSalesDay};

/// One aggregate written as its JSON document with the indexed columns its [`Record`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentWrite {
    /// The table (a [`Record::TABLE`]).
    pub table: &'static str,
    /// The kind named in errors (a [`Record::KIND`]).
    pub kind: &'static str,
    /// The aggregate id.
    pub id: String,
    /// The version read (0: a new aggregate).
    pub version: u64,
    /// The JSON document.
    pub body: String,
    /// The indexed columns besides `id`, `version` and `body`.
    pub fields: Vec<(&'static str, Field)>,
}

impl DocumentWrite {
    /// The write of `value` read at `version` (0: new).
    pub fn of<T: Record>(value: &T, version: u64) -> Result<DocumentWrite, StoreError> {
        let body = serde_json::to_string(value).map_err(|e| StoreError::invalid(T::KIND, e.to_string()))?;
        Ok(DocumentWrite {
            table: T::TABLE,
            kind: T::KIND,
            id: value.record_id().to_owned(),
            version,
            body,
            fields: value.fields(),
        })
    }
}

/// A document as stored: its JSON body and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The aggregate id.
    pub id: String,
    /// The JSON document.
    pub body: String,
    /// The stored version (1 after the first save).
    pub version: u64,
}

impl StoredDocument {
    /// The document read as `T`; a corrupt one is [`StoreError::Backend`] naming it.
    pub fn read<T: Record>(self) -> Result<Versioned<T>, StoreError> {
        let value = serde_json::from_str(&self.body)
            .map_err(|e| StoreError::Backend(format!("{} {}: unreadable document: {e}", T::KIND, self.id)))?;
        Ok(Versioned::new(value, self.version))
    }
}

/// A change to stock made with the command; each leaves its rows in the movement ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StockChange {
    /// Holds `lines` for `order_id` until `expires_at` at the locations `allocator` picks among the
    /// active ones (all or none: [`StoreError::InsufficientStock`]).
    Reserve {
        /// The order holding the units.
        order_id: String,
        /// What it holds.
        lines: Vec<StockLine>,
        /// When the hold lapses unless committed.
        expires_at: Timestamp,
        /// The allocation strategy.
        allocator: Allocator,
    },
    /// Takes the units held for `order_id` off the shelf (they leave with its parcel): a sale.
    Commit {
        /// The order.
        order_id: String,
    },
    /// Gives back the units held for `order_id` (a cancelled order).
    Release {
        /// The order.
        order_id: String,
    },
    /// A receipt, restock, write-off or transfer leg at one location.
    Move(StockMove),
    /// Marks the low-stock alert of a level as sent, if it is still due and `crossings` alerts were
    /// sent before (else [`StoreError::Conflict`]: another run sent it).
    LowStockAlerted {
        /// The location.
        location_id: String,
        /// The variant.
        variant_id: String,
        /// The alerts sent before, as read.
        crossings: u64,
    },
    /// Sets on hand at a location to what a count found ([`StoreError::Invalid`] naming `counted`
    /// if fewer than are reserved there).
    Count {
        /// The location counted.
        location_id: String,
        /// The variant counted.
        variant_id: String,
        /// Units found.
        counted: u64,
        /// Who counted.
        source: MovementSource,
    },
}

/// Which stored-value account a [`LedgerRow`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LedgerAccount {
    /// A customer's wallet (store credit, e-money).
    Wallet,
    /// A gift card.
    GiftCard,
}

impl LedgerAccount {
    /// The snake_case name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            LedgerAccount::Wallet => "wallet",
            LedgerAccount::GiftCard => "gift_card",
        }
    }
}

/// One movement of stored value, kept as its own row (the account's balance is their sum).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LedgerRow {
    /// The kind of account.
    pub account: LedgerAccount,
    /// The wallet or gift card id.
    pub account_id: String,
    /// The movement's idempotency key: one row per key and account.
    pub key: String,
    /// Positive for money in, negative for money out.
    pub amount: Money,
    /// What it was for (`order VT-2026-000004`, `goodwill`).
    pub reason: String,
    /// When it happened.
    pub at: Timestamp,
}

/// An aggregate deleted at the version read (a stale version is a conflict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDelete {
    /// The table (a [`Record::TABLE`]).
    pub table: &'static str,
    /// The kind named in errors (a [`Record::KIND`]).
    pub kind: &'static str,
    /// The aggregate id.
    pub id: String,
    /// The version read.
    pub version: u64,
}

/// Personal text taken out of the stored e-mails (the outbox) and the event log, for a customer's
/// erasure: those records are not aggregates, so the store rewrites them in the erasure's commit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextErasure {
    /// The rows to rewrite are those holding any of these texts (the customer's e-mail address and
    /// id); the rest are left alone.
    pub rows_holding: Vec<String>,
    /// In those rows' text values, each text and what replaces it (see
    /// [`erase_in_json`](crate::erasure::erase_in_json)).
    pub replacements: Vec<(String, String)>,
}

/// Everything one command writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Aggregates saved at the versions read.
    pub documents: Vec<DocumentWrite>,
    /// Aggregates deleted at the versions read.
    pub deletes: Vec<DocumentDelete>,
    /// E-mails queued (a message id queued before is skipped, not doubled).
    pub outbox: Vec<OutboxEntry>,
    /// Domain events appended to the event log (an id logged before is skipped).
    pub events: Vec<RecordedEvent<DomainEvent>>,
    /// Stock held, taken, given back or received.
    pub stock: Vec<StockChange>,
    /// When the stock moved (the time of its ledger rows).
    pub stock_at: Timestamp,
    /// Promotion (coupon) uses counted under their limits.
    pub promotion_uses: Vec<PromotionUse>,
    /// Stored-value movements.
    pub ledger: Vec<LedgerRow>,
    /// Changes to the daily sales rollups, added to the stored rows.
    pub sales_days: Vec<SalesDay>,
    /// Changes to the daily variant sales rollups, added to the stored rows.
    pub variant_sales: Vec<VariantSalesDay>,
    /// Changes to the daily counts (the funnel, promotions), added to the stored rows.
    pub day_counts: Vec<DayCount>,
    /// Changes to the customers' order totals.
    pub customer_sales: Vec<CustomerSales>,
    /// Changes to the customers' days and products (what segments are counted from).
    pub customer_days: Vec<CustomerDay>,
    /// A rebuild: the rollups that come from orders, payments and returns (the sales days, variant
    /// days and months, the customers' rollups, and the counts of [`Metric::from_orders`]) are emptied
    /// before this commit's rollup changes are added.
    ///
    /// [`Metric::from_orders`]: crate::reports::Metric::from_orders
    pub rebuilds_rollups: bool,
    /// Personal text erased from the outbox and the event log.
    pub erasures: Vec<TextErasure>,
}

impl Changes {
    /// Nothing yet.
    pub fn new() -> Changes {
        Changes::default()
    }

    /// Saves `value` read at `version` (0: new).
    pub fn save<T: Record>(&mut self, value: &T, version: u64) -> Result<&mut Changes, StoreError> {
        self.documents.push(DocumentWrite::of(value, version)?);
        Ok(self)
    }

    /// Whether nothing would be written.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.deletes.is_empty()
            && self.outbox.is_empty()
            && self.events.is_empty()
            && self.stock.is_empty()
            && self.promotion_uses.is_empty()
            && self.ledger.is_empty()
            && self.sales_days.is_empty()
            && self.variant_sales.is_empty()
            && self.day_counts.is_empty()
            && self.customer_sales.is_empty()
            && self.customer_days.is_empty()
            && !self.rebuilds_rollups
            && self.erasures.is_empty()
    }
}

/// Aggregates as documents: read any [`Record`] by id or by an indexed column, and commit a unit of
/// work atomically. Tables and columns are [`Record`] constants, never user input.
#[async_trait]
pub trait DocumentStore: Send + Sync {
    /// The document `id` of `table`, if stored.
    async fn load_document(&self, table: &'static str, id: &str) -> Result<Option<StoredDocument>, StoreError>;

    /// The stored version of document `id` of `table`, without reading it (`None`: not stored).
    async fn document_version(&self, table: &'static str, id: &str) -> Result<Option<u64>, StoreError>;

    /// The documents of `table` whose `column` equals `value`, oldest first (by id), at most `limit`.
    async fn find_documents(
        &self,
        table: &'static str,
        column: &'static str,
        value: &str,
        limit: u32,
    ) -> Result<Vec<StoredDocument>, StoreError>;

    /// Writes `changes` in one transaction: all of it or, on any error, nothing.
    async fn commit(&self, changes: &Changes) -> Result<(), StoreError>;

    /// The documents of `table` after the id `after` (from the first with `None`), by id, at most
    /// `limit`: every stored aggregate of a kind, a page at a time.
    async fn documents_page(
        &self,
        table: &'static str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredDocument>, StoreError>;

    /// The events logged at or after `since`, oldest first (by time, then id), at most `limit`;
    /// with `after`, only those after that event of time `since`, so the last event of one page
    /// gives the next (`since` its time, `after` its id).
    async fn events_since(
        &self,
        since: Timestamp,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<RecordedEvent<DomainEvent>>, StoreError>;

    /// The stored-value movements of one account, oldest first.
    async fn ledger_rows(&self, account: LedgerAccount, account_id: &str) -> Result<Vec<LedgerRow>, StoreError>;
}

/// The aggregate `id` of type `T`, if stored.
pub async fn load<T: Record>(store: &dyn DocumentStore, id: &str) -> Result<Option<Versioned<T>>, StoreError> {
    store.load_document(T::TABLE, id).await?.map(StoredDocument::read).transpose()
}

/// The aggregates of type `T` after the id `after`, by id, at most `limit`.
pub async fn page<T: Record>(
    store: &dyn DocumentStore,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<Versioned<T>>, StoreError> {
    store.documents_page(T::TABLE, after, limit).await?.into_iter().map(StoredDocument::read).collect()
}

/// The aggregates of type `T` whose indexed `column` equals `value`, oldest first, at most `limit`.
pub async fn find<T: Record>(
    store: &dyn DocumentStore,
    column: &'static str,
    value: &str,
    limit: u32,
) -> Result<Vec<Versioned<T>>, StoreError> {
    store.find_documents(T::TABLE, column, value, limit).await?.into_iter().map(StoredDocument::read).collect()
}
