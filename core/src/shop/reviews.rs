//! Review use cases: a verified buyer submits a review of a product they ordered, staff moderate
//! it and reply publicly, and a product page reads its published reviews with their rating summary.

use serde::{Deserialize, Serialize};

use crate::order::{Order, OrderState};
use crate::review::{NewReview, RatingSummary, Review, ReviewState};
use crate::support::CaseActor as Actor;

use super::{Shop, ShopError};

/// The most orders of a customer, or reviews of a product, read at once.
const REVIEW_LIMIT: u32 = 1000;

/// Product reviews. Get it from [`Shop::reviews`].
#[derive(Debug, Clone, Copy)]
pub struct Reviews<'a> {
    pub(super) shop: &'a Shop,
}

/// What a product page shows: the published reviews, newest first, and their summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductReviews {
    /// Published reviews, newest first.
    pub reviews: Vec<Review>,
    /// Count, average and histogram of the published reviews.
    pub summary: RatingSummary,
}

impl Reviews<'_> {
    /// Submits a review (pending moderation). Only a customer with an order (not cancelled) that
    /// holds the product may review it, once.
    pub async fn submit(&self, new: NewReview) -> Result<Review, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let orders = tx.find_by::<Order>("customer_id", new.customer_id.trim(), REVIEW_LIMIT).await?;
            let mut bought: Vec<String> = orders
                .iter()
                .filter(|order| order.state() != OrderState::Cancelled)
                .flat_map(|order| order.priced().lines.iter().map(|line| line.product_id.to_string()))
                .collect();
            bought.sort();
            bought.dedup();
            let existing = tx.find_by::<Review>("product_id", new.product_id.trim(), REVIEW_LIMIT).await?;
            let mut review = Review::submit(new.clone(), &bought, &existing, tx.now)?;
            tx.save(&mut review)?;
            Ok(review)
        })
    }

    /// The review `review_id`.
    pub async fn get(&self, review_id: &str) -> Result<Review, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Review>(review_id).await)
    }

    /// Staff member `moderator_id` publishes review `review_id`.
    pub async fn approve(&self, review_id: &str, moderator_id: &str) -> Result<Review, ShopError> {
        self.moderate(review_id, ReviewState::Published, moderator_id, None).await
    }

    /// Staff member `moderator_id` rejects review `review_id`, giving the `reason`.
    pub async fn reject(&self, review_id: &str, moderator_id: &str, reason: &str) -> Result<Review, ShopError> {
        self.moderate(review_id, ReviewState::Rejected, moderator_id, Some(reason.to_owned())).await
    }

    /// Staff member `author_id` writes (or edits) the seller's public reply to published review `review_id`.
    pub async fn reply(&self, review_id: &str, author_id: &str, body: &str) -> Result<Review, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut review = tx.get::<Review>(review_id).await?;
            review.reply(author_id, body, tx.now)?;
            tx.save(&mut review)?;
            Ok(review)
        })
    }

    /// The reviews of `product_id` waiting for a moderator, oldest first.
    pub async fn pending(&self, product_id: &str) -> Result<Vec<Review>, ShopError> {
        let reviews = self.all_of_product(product_id).await?;
        Ok(reviews.into_iter().filter(|r| r.state() == ReviewState::Pending).collect())
    }

    /// The published reviews of `product_id`, newest first, with their rating summary.
    pub async fn of_product(&self, product_id: &str) -> Result<ProductReviews, ShopError> {
        let all = self.all_of_product(product_id).await?;
        let summary = RatingSummary::for_product(product_id, &all);
        let mut reviews: Vec<Review> = all.into_iter().filter(Review::is_published).collect();
        reviews.sort_by_key(|review| std::cmp::Reverse(review.created_at()));
        Ok(ProductReviews { reviews, summary })
    }

    async fn all_of_product(&self, product_id: &str) -> Result<Vec<Review>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<Review>("product_id", product_id, REVIEW_LIMIT).await)
    }

    async fn moderate(
        &self,
        review_id: &str,
        to: ReviewState,
        moderator_id: &str,
        reason: Option<String>,
    ) -> Result<Review, ShopError> {
        if moderator_id.trim().is_empty() {
            return Err(ShopError::invalid("moderator_id", "must not be empty"));
        }
        command!(self.shop, retry = true, |tx| {
            let mut review = tx.get::<Review>(review_id).await?;
            let actor = Actor::Agent { id: moderator_id.to_owned() };
            review.transition(to, actor, reason.clone(), tx.now)?;
            tx.save(&mut review)?;
            Ok(review)
        })
    }
}
