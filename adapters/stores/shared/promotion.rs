//! Promotion usage: one use is taken by conditional increments (`WHERE times_used < limit`) of the
//! total and the customer's count in one transaction, so racing checkouts never pass a limit.

use async_trait::async_trait;
use vitrina_core::store::{PromotionUsage, PromotionUsageRepository, PromotionUse, StoreError, UseOutcome};

use crate::dialect::{Connection, Store};
use crate::sql::{backend, unsigned};

/// Takes `used` under its total and per-customer limits; at a limit
/// [`StoreError::PromotionLimitReached`] (the caller's transaction then rolls back).
pub(crate) async fn take_use(conn: &mut Connection, used: &PromotionUse) -> Result<(), StoreError> {
    let promotion_id = used.promotion_id.clone();
    if use_total(conn, &used.promotion_id, used.limit).await?.is_none() {
        return Err(StoreError::PromotionLimitReached { promotion_id, per_customer: false });
    }
    if let Some(customer) = &used.customer_id {
        if use_by_customer(conn, &used.promotion_id, customer, used.per_customer_limit).await?.is_none() {
            return Err(StoreError::PromotionLimitReached { promotion_id, per_customer: true });
        }
    }
    Ok(())
}

/// Takes one use of `promotion_id` in total; the new count, or `None` at the limit.
pub(crate) async fn use_total(
    conn: &mut Connection,
    promotion_id: &str,
    limit: Option<u32>,
) -> Result<Option<i64>, StoreError> {
    sqlx::query("INSERT INTO promotion_usage (promotion_id, times_used) VALUES ($1, 0) ON CONFLICT DO NOTHING")
        .bind(promotion_id)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    sqlx::query_scalar(
        "UPDATE promotion_usage SET times_used = times_used + 1 \
         WHERE promotion_id = $1 AND ($2 IS NULL OR times_used < $2) RETURNING times_used",
    )
    .bind(promotion_id)
    .bind(limit.map(i64::from))
    .fetch_optional(conn)
    .await
    .map_err(backend)
}

/// Takes one use of `promotion_id` by `customer_id`; the new count, or `None` at the limit.
pub(crate) async fn use_by_customer(
    conn: &mut Connection,
    promotion_id: &str,
    customer_id: &str,
    limit: Option<u32>,
) -> Result<Option<i64>, StoreError> {
    sqlx::query(
        "INSERT INTO promotion_customer_usage (promotion_id, customer_id, times_used) VALUES ($1, $2, 0) \
         ON CONFLICT DO NOTHING",
    )
    .bind(promotion_id)
    .bind(customer_id)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    sqlx::query_scalar(
        "UPDATE promotion_customer_usage SET times_used = times_used + 1 \
         WHERE promotion_id = $1 AND customer_id = $2 AND ($3 IS NULL OR times_used < $3) RETURNING times_used",
    )
    .bind(promotion_id)
    .bind(customer_id)
    .bind(limit.map(i64::from))
    .fetch_optional(conn)
    .await
    .map_err(backend)
}

#[async_trait]
impl PromotionUsageRepository for Store {
    async fn try_use_promotion(
        &self,
        promotion_id: &str,
        customer_id: Option<&str>,
        limit: Option<u32>,
        per_customer_limit: Option<u32>,
    ) -> Result<UseOutcome, StoreError> {
        let mut tx = self.write().await?;
        let Some(times_used) = use_total(&mut tx, promotion_id, limit).await? else {
            return Ok(UseOutcome::LimitReached);
        };
        let customer_uses = match customer_id {
            Some(customer) => match use_by_customer(&mut tx, promotion_id, customer, per_customer_limit).await? {
                Some(uses) => uses,
                None => return Ok(UseOutcome::CustomerLimitReached),
            },
            None => 0,
        };
        tx.commit().await.map_err(backend)?;
        Ok(UseOutcome::Used(PromotionUsage {
            times_used: unsigned(times_used),
            customer_uses: unsigned(customer_uses),
        }))
    }

    async fn promotion_usage(
        &self,
        promotion_id: &str,
        customer_id: Option<&str>,
    ) -> Result<PromotionUsage, StoreError> {
        let (times_used, customer_uses): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE((SELECT times_used FROM promotion_usage WHERE promotion_id = $1), 0), \
             COALESCE((SELECT times_used FROM promotion_customer_usage WHERE promotion_id = $1 AND customer_id = $2), 0)",
        )
        .bind(promotion_id)
        .bind(customer_id)
        .fetch_one(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(PromotionUsage { times_used: unsigned(times_used), customer_uses: unsigned(customer_uses) })
    }
}
