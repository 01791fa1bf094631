//! Shipments, returns, survey requests, wallets and gift cards on the generic document helpers, and the listing
//! queries: orders, carts updated since, abandoned checkout sessions, customer pages and outbox entries.

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::cart::Cart;
use vitrina_core::checkout::CheckoutSession;
use vitrina_core::customer::Customer;
use vitrina_core::notify::OutboxEntry;
use vitrina_core::order::Order;
use vitrina_core::payment::{GiftCard, Wallet};
use vitrina_core::returns::Rma;
use vitrina_core::shipping::Shipment;
use vitrina_core::store::{
    micros, subject_key, OrderQuery, OutboxListing, ReturnRepository, ShipmentRepository, StoreError,
    StoredValueRepository, SurveyRequestRepository, Versioned,
};
use vitrina_core::support::{SurveyRequest, SurveySubject};

use sqlx::AssertSqlSafe;

use crate::dialect::{Store, AS_TEXT, NULLABLE_INT, NULLABLE_TEXT};
use crate::documents::{find, get, save};
use crate::sql::{backend, from_json, unsigned};

/// Rows of `(id, body, version)` as versioned documents of `kind`.
fn documents<T: serde::de::DeserializeOwned>(
    rows: Vec<(String, String, i64)>,
    kind: &str,
) -> Result<Vec<Versioned<T>>, StoreError> {
    rows.into_iter()
        .map(|(id, body, version)| Ok(Versioned::new(from_json(&body, kind, &id)?, unsigned(version))))
        .collect()
}

impl Store {
    /// Carts saved at or after `since`, least recently saved first.
    pub(crate) async fn query_carts(&self, since: Timestamp, limit: u32) -> Result<Vec<Versioned<Cart>>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT id, body{AS_TEXT}, version FROM carts WHERE updated_at >= $1 ORDER BY updated_at, id LIMIT $2"
        )))
        .bind(micros(since))
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        documents(rows, "cart")
    }

    /// Unplaced checkout sessions last active before `before` and not followed up, oldest activity first.
    pub(crate) async fn query_abandoned(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> Result<Vec<Versioned<CheckoutSession>>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT id, body{AS_TEXT}, version FROM checkout_sessions WHERE step <> 'placed' \
             AND followed_up_at IS NULL AND last_activity_at < $1 ORDER BY last_activity_at, id LIMIT $2"
        )))
        .bind(micros(before))
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        documents(rows, "checkout session")
    }

    /// Customers with an id after `after_id`, by id.
    pub(crate) async fn query_customers(
        &self,
        after_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Versioned<Customer>>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT id, body{AS_TEXT}, version FROM customers WHERE ($1{NULLABLE_TEXT} IS NULL \
             OR id > $1{NULLABLE_TEXT}) ORDER BY id LIMIT $2"
        )))
        .bind(after_id)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        documents(rows, "customer")
    }

    /// The orders matching `query`, newest first.
    pub(crate) async fn query_orders(&self, query: &OrderQuery) -> Result<Vec<Versioned<Order>>, StoreError> {
        let state = query.state.map(|state| {
            serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        });
        let (text, int) = (NULLABLE_TEXT, NULLABLE_INT);
        let rows: Vec<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT id, body{AS_TEXT}, version FROM orders WHERE ($1{text} IS NULL OR state = $1{text}) \
             AND ($2{int} IS NULL OR placed_at >= $2{int}) AND ($3{int} IS NULL OR placed_at < $3{int}) \
             ORDER BY placed_at DESC, id DESC LIMIT $4"
        )))
        .bind(state)
        .bind(query.placed_from.map(micros))
        .bind(query.placed_before.map(micros))
        .bind(i64::from(query.limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        documents(rows, "order")
    }
}

#[async_trait]
impl OutboxListing for Store {
    async fn outbox_entries_since(&self, since: Timestamp, limit: u32) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT id, body{AS_TEXT} FROM outbox WHERE created_at >= $1 ORDER BY created_at, id LIMIT $2"
        )))
        .bind(micros(since))
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        rows.iter().map(|(id, body)| from_json(body, "outbox entry", id)).collect()
    }
}

#[async_trait]
impl ShipmentRepository for Store {
    async fn get_shipment(&self, id: &str) -> Result<Option<Versioned<Shipment>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn shipments_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Shipment>>, StoreError> {
        find(&mut *self.conn().await?, "order_id", order_id).await
    }

    async fn save_shipment(&self, shipment: &Shipment, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, shipment, version).await
    }
}

#[async_trait]
impl ReturnRepository for Store {
    async fn get_return(&self, id: &str) -> Result<Option<Versioned<Rma>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn returns_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Rma>>, StoreError> {
        find(&mut *self.conn().await?, "order_id", order_id).await
    }

    async fn save_return(&self, rma: &Rma, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, rma, version).await
    }
}

#[async_trait]
impl SurveyRequestRepository for Store {
    async fn get_survey_request(&self, id: &str) -> Result<Option<Versioned<SurveyRequest>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn survey_requests_of_subject(
        &self,
        subject: &SurveySubject,
    ) -> Result<Vec<Versioned<SurveyRequest>>, StoreError> {
        find(&mut *self.conn().await?, "subject", &subject_key(subject)).await
    }

    async fn save_survey_request(&self, survey: &SurveyRequest, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, survey, version).await
    }
}

#[async_trait]
impl StoredValueRepository for Store {
    async fn get_wallet(&self, id: &str) -> Result<Option<Versioned<Wallet>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn wallet_of_customer(&self, customer_id: &str) -> Result<Option<Versioned<Wallet>>, StoreError> {
        Ok(find(&mut *self.conn().await?, "customer_id", customer_id).await?.pop())
    }

    async fn save_wallet(&self, wallet: &Wallet, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, wallet, version).await
    }

    async fn get_gift_card(&self, id: &str) -> Result<Option<Versioned<GiftCard>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn find_gift_card_by_code(&self, code: &str) -> Result<Option<Versioned<GiftCard>>, StoreError> {
        Ok(find(&mut *self.conn().await?, "code", code).await?.pop())
    }

    async fn save_gift_card(&self, card: &GiftCard, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, card, version).await
    }
}
