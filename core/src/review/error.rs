//! Errors raised by reviews: input, verified-buyer and uniqueness rules, and moderation.

use jiff::Timestamp;
use thiserror::Error;

use super::state::ReviewState;

/// Why a review operation was refused. On error the review is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    /// A field of the input is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field, e.g. `rating` or `text`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Only customers who bought the product may review it.
    #[error("customer {customer_id} has not bought product {product_id}")]
    NotVerifiedBuyer {
        /// The would-be reviewer.
        customer_id: String,
        /// The product.
        product_id: String,
    },
    /// The customer already reviewed the product; they may edit that review instead.
    #[error("customer already reviewed this product in review {review_id}; edit it instead")]
    AlreadyReviewed {
        /// The existing review.
        review_id: String,
    },
    /// Somebody other than the author tried to edit the review.
    #[error("review {review_id} can only be edited by its author")]
    NotAuthor {
        /// The review concerned.
        review_id: String,
    },
    /// The moderation state machine does not allow this move.
    #[error("review {review_id}: illegal transition from {from} to {to}")]
    IllegalTransition {
        /// The review concerned.
        review_id: String,
        /// Its current state.
        from: ReviewState,
        /// The state asked for.
        to: ReviewState,
    },
    /// A customer tried to publish or reject a review; only staff moderate.
    #[error("review {review_id}: only staff may move a review to {to}")]
    ModeratorRequired {
        /// The review concerned.
        review_id: String,
        /// The state asked for.
        to: ReviewState,
    },
    /// The seller may only reply to a published review.
    #[error("review {review_id} is {state}; only published reviews take a seller reply")]
    NotPublished {
        /// The review concerned.
        review_id: String,
        /// Its current state.
        state: ReviewState,
    },
    /// A change is dated before the review's latest change.
    #[error("review {review_id}: {at} is before its latest change at {last}")]
    OutOfOrder {
        /// The review concerned.
        review_id: String,
        /// The time given.
        at: Timestamp,
        /// The time of the latest change.
        last: Timestamp,
    },
}

impl ReviewError {
    /// Builds a [`ReviewError::InvalidField`] for `field`.
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidField { field: field.into(), reason: reason.into() }
    }
}

crate::error_code!(ReviewError, "review", {
    ReviewError::InvalidField { field, .. } => "invalid_field" @ &**field,
    ReviewError::NotVerifiedBuyer { .. } => "not_verified_buyer",
    ReviewError::AlreadyReviewed { .. } => "already_reviewed",
    ReviewError::NotAuthor { .. } => "not_author",
    ReviewError::IllegalTransition { .. } => "illegal_transition",
    ReviewError::ModeratorRequired { .. } => "moderator_required",
    ReviewError::NotPublished { .. } => "not_published",
    ReviewError::OutOfOrder { .. } => "out_of_order",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_is_wrong() {
        assert_eq!(ReviewError::invalid("rating", "must be 1 to 5").to_string(), "rating: must be 1 to 5");
        let err = ReviewError::IllegalTransition {
            review_id: "r1".into(),
            from: ReviewState::Rejected,
            to: ReviewState::Published,
        };
        assert_eq!(err.to_string(), "review r1: illegal transition from rejected to published");
    }
}
