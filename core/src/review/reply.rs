//! The seller's one public reply to a review; editing replaces its text and keeps when it was first given.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::ReviewError;

/// Longest reply accepted, in characters.
const MAX_BODY: usize = 5000;

/// The shop's public answer under a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SellerReply {
    /// The staff member who wrote (or last edited) it.
    pub author_id: String,
    /// The text.
    pub body: String,
    /// When it was first given.
    pub replied_at: Timestamp,
    /// When it was last edited, if ever.
    pub edited_at: Option<Timestamp>,
}

impl SellerReply {
    /// A new reply, or `previous` edited, after validating author and body (trimmed, 1–5000 characters).
    pub(super) fn write(
        previous: Option<&SellerReply>,
        author_id: &str,
        body: &str,
        at: Timestamp,
    ) -> Result<SellerReply, ReviewError> {
        if author_id.trim().is_empty() {
            return Err(ReviewError::invalid("reply.author_id", "must not be empty"));
        }
        let body = body.trim();
        if body.is_empty() || body.chars().count() > MAX_BODY {
            return Err(ReviewError::invalid("reply.body", "must be 1 to 5000 characters"));
        }
        Ok(SellerReply {
            author_id: author_id.trim().to_owned(),
            body: body.to_owned(),
            replied_at: previous.map_or(at, |p| p.replied_at),
            edited_at: previous.map(|_| at),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn first_reply_has_no_edit_time() {
        let reply = SellerReply::write(None, "staff-1", " Thank you! ", ts("2025-01-01T00:00:00Z")).unwrap();
        assert_eq!(reply.body, "Thank you!");
        assert_eq!(reply.replied_at, ts("2025-01-01T00:00:00Z"));
        assert_eq!(reply.edited_at, None);
    }

    #[test]
    fn editing_keeps_the_first_reply_time() {
        let first = SellerReply::write(None, "staff-1", "Thanks", ts("2025-01-01T00:00:00Z")).unwrap();
        let edited = SellerReply::write(Some(&first), "staff-2", "Thanks a lot", ts("2025-01-05T00:00:00Z")).unwrap();
        assert_eq!(edited.replied_at, ts("2025-01-01T00:00:00Z"));
        assert_eq!(edited.edited_at, Some(ts("2025-01-05T00:00:00Z")));
        assert_eq!(edited.author_id, "staff-2");
    }

    #[test]
    fn author_and_body_are_validated() {
        let at = ts("2025-01-01T00:00:00Z");
        assert_eq!(
            SellerReply::write(None, "", "x", at).unwrap_err(),
            ReviewError::invalid("reply.author_id", "must not be empty")
        );
        assert!(SellerReply::write(None, "s", "   ", at).unwrap_err().to_string().starts_with("reply.body"));
        assert!(SellerReply::write(None, "s", &"x".repeat(5001), at).is_err());
    }
}
