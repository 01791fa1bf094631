//! Promotion usage counting: `try_use_promotion` takes one use atomically, never past the total or
//! per-customer limit, however many checkouts race for the last use.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::StoreError;

/// How often a promotion has been used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PromotionUsage {
    /// Uses by everyone.
    pub times_used: u64,
    /// Uses by the customer asked about (0 for a guest).
    pub customer_uses: u64,
}

/// The result of [`PromotionUsageRepository::try_use_promotion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum UseOutcome {
    /// One use was taken; the counts after it.
    Used(PromotionUsage),
    /// The promotion's total limit is used up; nothing changed.
    LimitReached,
    /// This customer's limit is used up; nothing changed.
    CustomerLimitReached,
}

/// Counts promotion uses (the store's count is authoritative over `Conditions::times_used`).
#[async_trait]
pub trait PromotionUsageRepository: Send + Sync {
    /// Takes one use of `promotion_id` by `customer_id` (`None`: a guest, counted only in the total)
    /// if under `limit` in total and `per_customer_limit` for the customer (`None`: unlimited).
    async fn try_use_promotion(
        &self,
        promotion_id: &str,
        customer_id: Option<&str>,
        limit: Option<u32>,
        per_customer_limit: Option<u32>,
    ) -> Result<UseOutcome, StoreError>;

    /// The uses of `promotion_id`, in total and by `customer_id`.
    async fn promotion_usage(
        &self,
        promotion_id: &str,
        customer_id: Option<&str>,
    ) -> Result<PromotionUsage, StoreError>;
}
