//! Product reviews by verified buyers: one per customer and product, a moderation state machine,
//! one public seller reply, and per-product rating aggregates over published reviews.

mod error;
mod product_review;
mod rating;
mod reply;
mod state;
mod summary;

pub use error::ReviewError;
pub use product_review::{ModerationTransition, NewReview, Review};
pub use rating::Rating;
pub use reply::SellerReply;
pub use state::ReviewState;
pub use summary::RatingSummary;
