//! `place_order_tx`: the order, its payment, its stock reservation and its outbox entries in one
//! transaction; any failure rolls all of it back.

use async_trait::async_trait;
use vitrina_core::store::{OrderPlacement, PlaceOrder, StoreError};

use crate::documents::save;
use crate::sql::backend;
use crate::{outbox, stock, PostgresStore};

#[async_trait]
impl PlaceOrder for PostgresStore {
    async fn place_order_tx(&self, placement: &OrderPlacement) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        save(&mut tx, &placement.order, 0).await?;
        if let Some(payment) = &placement.payment {
            save(&mut tx, payment, 0).await?;
        }
        let order_id = placement.order.id();
        stock::reserve(&mut tx, order_id, &placement.reservation, placement.reservation_expires_at).await?;
        for entry in &placement.outbox {
            outbox::insert(&mut tx, entry).await?;
        }
        tx.commit().await.map_err(backend)
    }
}
