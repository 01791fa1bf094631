//! The `Review` aggregate: submission by a verified buyer (one per customer and product), edits by
//! its author, the single moderation transition function with its history, and the seller reply.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::ReviewError;
use super::rating::Rating;
use super::reply::SellerReply;
use super::state::ReviewState;
use crate::id::new_id;
use crate::support::CaseActor;

/// Longest review text accepted, in characters.
const MAX_TEXT: usize = 5000;

/// What a customer submits: unchecked, validated by [`Review::submit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewReview {
    /// The product reviewed.
    pub product_id: String,
    /// The reviewing customer.
    pub customer_id: String,
    /// Stars, 1 to 5.
    pub rating: u8,
    /// The review text.
    pub text: String,
}

/// One recorded moderation state change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ModerationTransition {
    /// When it happened.
    pub at: Timestamp,
    /// Who caused it (a moderator, or the author by editing).
    pub actor: CaseActor,
    /// The state before.
    pub from: ReviewState,
    /// The state after.
    pub to: ReviewState,
    /// Why it was rejected (only on moves to `rejected`).
    pub reason: Option<String>,
}

/// A customer's review of a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Review {
    id: String,
    product_id: String,
    customer_id: String,
    rating: Rating,
    text: String,
    created_at: Timestamp,
    updated_at: Timestamp,
    state: ReviewState,
    rejection_reason: Option<String>,
    history: Vec<ModerationTransition>,
    reply: Option<SellerReply>,
}

impl Review {
    /// Submits a pending review. `purchased_product_ids` are the products the customer bought;
    /// `existing` holds the product's reviews so far (a second review by the same customer is refused).
    pub fn submit(
        new: NewReview,
        purchased_product_ids: &[String],
        existing: &[Review],
        at: Timestamp,
    ) -> Result<Review, ReviewError> {
        let product_id = required("product_id", &new.product_id)?;
        let customer_id = required("customer_id", &new.customer_id)?;
        if !purchased_product_ids.contains(&product_id) {
            return Err(ReviewError::NotVerifiedBuyer { customer_id, product_id });
        }
        if let Some(previous) = existing.iter().find(|r| r.customer_id == customer_id && r.product_id == product_id) {
            return Err(ReviewError::AlreadyReviewed { review_id: previous.id.clone() });
        }
        Ok(Review {
            id: new_id(at),
            product_id,
            customer_id,
            rating: Rating::new(new.rating)?,
            text: valid_text(&new.text)?,
            created_at: at,
            updated_at: at,
            state: ReviewState::Pending,
            rejection_reason: None,
            history: Vec::new(),
            reply: None,
        })
    }

    /// The author changes rating and text; a published or rejected review goes back to `pending`
    /// (recorded with the customer as actor).
    pub fn edit(&mut self, customer_id: &str, rating: u8, text: &str, at: Timestamp) -> Result<(), ReviewError> {
        if customer_id != self.customer_id {
            return Err(ReviewError::NotAuthor { review_id: self.id.clone() });
        }
        self.check_in_order(at)?;
        let (rating, text) = (Rating::new(rating)?, valid_text(text)?);
        if self.state != ReviewState::Pending {
            self.transition(ReviewState::Pending, CaseActor::Customer { id: customer_id.to_owned() }, None, at)?;
        }
        self.rating = rating;
        self.text = text;
        self.updated_at = at;
        Ok(())
    }

    /// The one way to change the moderation state: checks order in time, legality, that only staff
    /// publish or reject, and that a rejection (and only a rejection) has a reason; then records it.
    pub fn transition(
        &mut self,
        to: ReviewState,
        actor: CaseActor,
        reason: Option<String>,
        at: Timestamp,
    ) -> Result<(), ReviewError> {
        self.check_in_order(at)?;
        if !self.state.can_move_to(to) {
            return Err(ReviewError::IllegalTransition { review_id: self.id.clone(), from: self.state, to });
        }
        if matches!(actor, CaseActor::Customer { .. }) && to != ReviewState::Pending {
            return Err(ReviewError::ModeratorRequired { review_id: self.id.clone(), to });
        }
        let reason = check_reason(to, reason)?;
        self.history.push(ModerationTransition { at, actor, from: self.state, to, reason: reason.clone() });
        self.state = to;
        self.rejection_reason = reason;
        self.updated_at = at;
        Ok(())
    }

    /// Writes or edits the seller's public reply; only on a published review.
    pub fn reply(&mut self, author_id: &str, body: &str, at: Timestamp) -> Result<(), ReviewError> {
        if self.state != ReviewState::Published {
            return Err(ReviewError::NotPublished { review_id: self.id.clone(), state: self.state });
        }
        self.check_in_order(at)?;
        self.reply = Some(SellerReply::write(self.reply.as_ref(), author_id, body, at)?);
        Ok(())
    }

    /// The review's UUIDv7 id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The product reviewed.
    pub fn product_id(&self) -> &str {
        &self.product_id
    }

    /// The author.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// The stars given.
    pub fn rating(&self) -> Rating {
        self.rating
    }

    /// Takes the customer's words out (their erasure): the text reads as erased; the stars, the
    /// moderation and the seller's reply stay.
    pub fn erase_personal_data(&mut self) {
        self.text = crate::erasure::ERASED.to_owned();
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// When it was submitted.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// When it was last submitted, edited or moderated (the seller reply keeps its own times).
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }

    /// The moderation state.
    pub fn state(&self) -> ReviewState {
        self.state
    }

    /// Whether it is shown and counted.
    pub fn is_published(&self) -> bool {
        self.state == ReviewState::Published
    }

    /// Why it was rejected, while it is rejected.
    pub fn rejection_reason(&self) -> Option<&str> {
        self.rejection_reason.as_deref()
    }

    /// Every moderation state change, oldest first.
    pub fn history(&self) -> &[ModerationTransition] {
        &self.history
    }

    /// The seller's reply, if any.
    pub fn seller_reply(&self) -> Option<&SellerReply> {
        self.reply.as_ref()
    }

    fn check_in_order(&self, at: Timestamp) -> Result<(), ReviewError> {
        let last = self.last_change_at();
        if at < last {
            return Err(ReviewError::OutOfOrder { review_id: self.id.clone(), at, last });
        }
        Ok(())
    }

    /// The latest of the review's own change and its seller reply's.
    fn last_change_at(&self) -> Timestamp {
        let reply_at = self.reply.as_ref().map(|r| r.edited_at.unwrap_or(r.replied_at));
        reply_at.map_or(self.updated_at, |at| at.max(self.updated_at))
    }
}

fn required(field: &str, text: &str) -> Result<String, ReviewError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ReviewError::invalid(field, "must not be empty"));
    }
    Ok(trimmed.to_owned())
}

fn valid_text(text: &str) -> Result<String, ReviewError> {
    let text = required("text", text)?;
    if text.chars().count() > MAX_TEXT {
        return Err(ReviewError::invalid("text", "must be at most 5000 characters"));
    }
    Ok(text)
}

fn check_reason(to: ReviewState, reason: Option<String>) -> Result<Option<String>, ReviewError> {
    let reason = reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    match (to, reason) {
        (ReviewState::Rejected, None) => Err(ReviewError::invalid("reason", "a rejection needs a reason")),
        (ReviewState::Rejected, reason) => Ok(reason),
        (_, Some(_)) => Err(ReviewError::invalid("reason", "only a rejection takes a reason")),
        (_, None) => Ok(None),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    pub(crate) fn moderator() -> CaseActor {
        CaseActor::Agent { id: "mod-1".into() }
    }

    fn new_review(customer_id: &str, rating: u8) -> NewReview {
        NewReview { product_id: "p1".into(), customer_id: customer_id.into(), rating, text: " Great kettle ".into() }
    }

    /// A review of product `p1` by `customer_id`, submitted at 2025-01-01.
    pub(crate) fn submitted(customer_id: &str, rating: u8) -> Review {
        Review::submit(new_review(customer_id, rating), &["p1".into()], &[], ts("2025-01-01T00:00:00Z")).unwrap()
    }

    /// A review published at 2025-01-02.
    pub(crate) fn published(customer_id: &str, rating: u8) -> Review {
        let mut review = submitted(customer_id, rating);
        review.transition(ReviewState::Published, moderator(), None, ts("2025-01-02T00:00:00Z")).unwrap();
        review
    }

    #[test]
    fn a_verified_buyer_submits_a_pending_review() {
        let review = submitted("c1", 4);
        assert_eq!((review.product_id(), review.customer_id(), review.rating().stars()), ("p1", "c1", 4));
        assert_eq!(review.text(), "Great kettle");
        assert_eq!(review.state(), ReviewState::Pending);
        assert!(!review.is_published());
        assert_eq!(review.created_at(), ts("2025-01-01T00:00:00Z"));
        assert!(review.history().is_empty() && review.seller_reply().is_none());
    }

    #[test]
    fn only_verified_buyers_may_review() {
        let err = Review::submit(new_review("c1", 4), &["p2".into()], &[], ts("2025-01-01T00:00:00Z")).unwrap_err();
        assert_eq!(err, ReviewError::NotVerifiedBuyer { customer_id: "c1".into(), product_id: "p1".into() });
    }

    #[test]
    fn one_review_per_customer_and_product() {
        let first = submitted("c1", 4);
        let at = ts("2025-01-03T00:00:00Z");
        let existing = [first.clone()];
        let err = Review::submit(new_review("c1", 5), &["p1".into()], &existing, at).unwrap_err();
        assert_eq!(err, ReviewError::AlreadyReviewed { review_id: first.id().into() });
        assert!(Review::submit(new_review("c2", 5), &["p1".into()], &existing, at).is_ok());
    }

    #[test]
    fn submission_input_is_validated_naming_fields() {
        let at = ts("2025-01-01T00:00:00Z");
        let bought = ["p1".to_string()];
        let field = |new: NewReview| match Review::submit(new, &bought, &[], at).unwrap_err() {
            ReviewError::InvalidField { field, .. } => field,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(field(NewReview { product_id: " ".into(), ..new_review("c1", 4) }), "product_id");
        assert_eq!(field(NewReview { customer_id: "".into(), ..new_review("c1", 4) }), "customer_id");
        assert_eq!(field(new_review("c1", 0)), "rating");
        assert_eq!(field(NewReview { text: "  ".into(), ..new_review("c1", 4) }), "text");
        assert_eq!(field(NewReview { text: "x".repeat(5001), ..new_review("c1", 4) }), "text");
    }

    #[test]
    fn moderation_is_recorded_with_time_actor_and_reason() {
        let mut review = submitted("c1", 2);
        let at = ts("2025-01-02T00:00:00Z");
        review.transition(ReviewState::Rejected, moderator(), Some(" Contains a phone number ".into()), at).unwrap();
        assert_eq!(review.state(), ReviewState::Rejected);
        assert_eq!(review.rejection_reason(), Some("Contains a phone number"));
        let expected = ModerationTransition {
            at,
            actor: moderator(),
            from: ReviewState::Pending,
            to: ReviewState::Rejected,
            reason: Some("Contains a phone number".into()),
        };
        assert_eq!(review.history(), [expected]);
        assert_eq!(review.updated_at(), at);
    }

    #[test]
    fn illegal_transition_is_a_typed_error_and_changes_nothing() {
        let mut review = submitted("c1", 2);
        review.transition(ReviewState::Rejected, moderator(), Some("spam".into()), ts("2025-01-02T00:00:00Z")).unwrap();
        let before = review.clone();
        let err = review.transition(ReviewState::Published, moderator(), None, ts("2025-01-03T00:00:00Z")).unwrap_err();
        assert_eq!(
            err,
            ReviewError::IllegalTransition {
                review_id: review.id().into(),
                from: ReviewState::Rejected,
                to: ReviewState::Published
            }
        );
        let err = review.transition(ReviewState::Rejected, moderator(), Some("x".into()), ts("2025-01-03T00:00:00Z"));
        assert!(matches!(err, Err(ReviewError::IllegalTransition { .. })));
        assert_eq!(review, before);
    }

    #[test]
    fn reasons_go_with_rejections_only() {
        let mut review = submitted("c1", 2);
        let at = ts("2025-01-02T00:00:00Z");
        let err = review.transition(ReviewState::Rejected, moderator(), Some("  ".into()), at).unwrap_err();
        assert_eq!(err, ReviewError::invalid("reason", "a rejection needs a reason"));
        let err = review.transition(ReviewState::Published, moderator(), Some("nice".into()), at).unwrap_err();
        assert_eq!(err, ReviewError::invalid("reason", "only a rejection takes a reason"));
        assert_eq!(review.state(), ReviewState::Pending);
    }

    #[test]
    fn customers_cannot_moderate() {
        let mut review = submitted("c1", 5);
        let customer = CaseActor::Customer { id: "c1".into() };
        let err = review.transition(ReviewState::Published, customer, None, ts("2025-01-02T00:00:00Z")).unwrap_err();
        assert_eq!(err, ReviewError::ModeratorRequired { review_id: review.id().into(), to: ReviewState::Published });
        review.transition(ReviewState::Published, CaseActor::System, None, ts("2025-01-02T00:00:00Z")).unwrap();
    }

    #[test]
    fn transitions_back_in_time_are_refused() {
        let mut review = submitted("c1", 5);
        let err = review.transition(ReviewState::Published, moderator(), None, ts("2024-12-31T00:00:00Z")).unwrap_err();
        assert!(matches!(err, ReviewError::OutOfOrder { .. }));
    }

    #[test]
    fn the_author_edits_and_a_published_review_goes_back_to_pending() {
        let mut review = published("c1", 5);
        let at = ts("2025-01-05T00:00:00Z");
        review.edit("c1", 3, "Lid broke after a month", at).unwrap();
        assert_eq!((review.rating().stars(), review.text()), (3, "Lid broke after a month"));
        assert_eq!(review.state(), ReviewState::Pending);
        let last = review.history().last().unwrap();
        assert_eq!(
            (last.from, last.to, &last.actor),
            (ReviewState::Published, ReviewState::Pending, &CaseActor::Customer { id: "c1".into() })
        );
        assert_eq!(review.updated_at(), at);
    }

    #[test]
    fn editing_a_rejected_review_resubmits_it_and_clears_the_reason() {
        let mut review = submitted("c1", 1);
        review.transition(ReviewState::Rejected, moderator(), Some("rude".into()), ts("2025-01-02T00:00:00Z")).unwrap();
        review.edit("c1", 2, "Not for me", ts("2025-01-03T00:00:00Z")).unwrap();
        assert_eq!(review.state(), ReviewState::Pending);
        assert_eq!(review.rejection_reason(), None);
    }

    #[test]
    fn editing_a_pending_review_records_no_transition() {
        let mut review = submitted("c1", 4);
        review.edit("c1", 5, "Even better", ts("2025-01-01T01:00:00Z")).unwrap();
        assert!(review.history().is_empty());
        assert_eq!(review.rating().stars(), 5);
    }

    #[test]
    fn only_the_author_edits_valid_input() {
        let mut review = published("c1", 5);
        let before = review.clone();
        let at = ts("2025-01-05T00:00:00Z");
        assert_eq!(
            review.edit("c2", 1, "bad", at).unwrap_err(),
            ReviewError::NotAuthor { review_id: review.id().into() }
        );
        assert!(matches!(review.edit("c1", 6, "ok", at), Err(ReviewError::InvalidField { .. })));
        assert!(matches!(review.edit("c1", 3, " ", at), Err(ReviewError::InvalidField { .. })));
        assert!(matches!(review.edit("c1", 3, "ok", ts("2024-01-01T00:00:00Z")), Err(ReviewError::OutOfOrder { .. })));
        assert_eq!(review, before);
    }

    #[test]
    fn the_seller_replies_once_to_a_published_review_and_may_edit() {
        let mut review = published("c1", 5);
        review.reply("staff-1", "Thank you!", ts("2025-01-03T00:00:00Z")).unwrap();
        review.reply("staff-1", "Thank you, Ana!", ts("2025-01-04T00:00:00Z")).unwrap();
        let reply = review.seller_reply().unwrap();
        assert_eq!(reply.body, "Thank you, Ana!");
        assert_eq!((reply.replied_at, reply.edited_at), (ts("2025-01-03T00:00:00Z"), Some(ts("2025-01-04T00:00:00Z"))));
        let err = review.reply("staff-1", "earlier", ts("2025-01-03T12:00:00Z")).unwrap_err();
        assert!(matches!(err, ReviewError::OutOfOrder { .. }));
        assert!(matches!(
            review.reply("staff-1", " ", ts("2025-01-05T00:00:00Z")),
            Err(ReviewError::InvalidField { .. })
        ));
    }

    #[test]
    fn no_reply_to_unpublished_reviews() {
        let mut review = submitted("c1", 5);
        let err = review.reply("staff-1", "Thanks", ts("2025-01-03T00:00:00Z")).unwrap_err();
        assert_eq!(err, ReviewError::NotPublished { review_id: review.id().into(), state: ReviewState::Pending });
        assert!(review.seller_reply().is_none());
    }

    #[test]
    fn review_round_trips_as_json() {
        let mut review = published("c1", 5);
        review.reply("staff-1", "Thanks", ts("2025-01-03T00:00:00Z")).unwrap();
        let json = serde_json::to_string(&review).unwrap();
        assert_eq!(serde_json::from_str::<Review>(&json).unwrap(), review);
    }
}
