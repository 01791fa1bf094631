//! `place_order_tx`: the order, its payment, its stock reservation, its outbox entries and its
//! promotion uses in one transaction; any failure (a promotion at its limit is
//! `PromotionLimitReached`) rolls all of it back.

use async_trait::async_trait;
use vitrina_core::store::{OrderPlacement, PlaceOrder, StoreError};

use crate::dialect::Store;
use crate::documents::save;
use crate::sql::backend;
use crate::{outbox, promotion, stock};

#[async_trait]
impl PlaceOrder for Store {
    async fn place_order_tx(&self, placement: &OrderPlacement) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        save(&mut tx, &placement.order, 0).await?;
        if let Some(payment) = &placement.payment {
            save(&mut tx, payment, 0).await?;
        }
        let order_id = placement.order.id();
        let (lines, expires_at) = (&placement.reservation, placement.reservation_expires_at);
        let at = placement.order.placed_at();
        stock::reserve(&mut tx, order_id, lines, expires_at, &placement.allocator, at).await?;
        for entry in &placement.outbox {
            outbox::insert(&mut tx, entry).await?;
        }
        for used in &placement.promotion_uses {
            promotion::take_use(&mut tx, used).await?;
        }
        tx.commit().await.map_err(backend)
    }
}
