//! Notes staff keep on a customer, shown to a support agent beside the customer's cases.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// Longest note body accepted, in characters.
const MAX_BODY: usize = 4000;

/// A staff note on a customer account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerNote {
    /// UUIDv7 id.
    pub id: String,
    /// The staff member who wrote it.
    pub author_id: String,
    /// When it was written.
    pub at: Timestamp,
    /// The text.
    pub body: String,
    /// Pinned notes are shown first.
    pub pinned: bool,
}

impl CustomerNote {
    /// Validates author and body (trimmed, 1–4000 characters) into an unpinned note.
    pub(super) fn new(id: String, author_id: &str, body: &str, at: Timestamp) -> Result<Self, CustomerError> {
        if author_id.trim().is_empty() {
            return Err(CustomerError::invalid("note.author_id", "must not be empty"));
        }
        let body = body.trim();
        if body.is_empty() || body.chars().count() > MAX_BODY {
            return Err(CustomerError::invalid("note.body", "must be 1 to 4000 characters"));
        }
        Ok(Self { id, author_id: author_id.trim().to_owned(), at, body: body.to_owned(), pinned: false })
    }
}

/// Notes in the order an agent should read them: pinned first, then newest first.
pub(super) fn agent_order(notes: &[CustomerNote]) -> Vec<&CustomerNote> {
    let mut ordered: Vec<&CustomerNote> = notes.iter().collect();
    ordered.sort_by(|a, b| b.pinned.cmp(&a.pinned).then(b.at.cmp(&a.at)));
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: &str, at: &str, pinned: bool) -> CustomerNote {
        let mut note = CustomerNote::new(id.into(), "agent-1", "text", at.parse().unwrap()).unwrap();
        note.pinned = pinned;
        note
    }

    #[test]
    fn new_note_is_trimmed_and_unpinned() {
        let note = CustomerNote::new("n".into(), " agent-1 ", "  prefers phone  ", Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!((note.author_id.as_str(), note.body.as_str(), note.pinned), ("agent-1", "prefers phone", false));
    }

    #[test]
    fn author_and_body_are_validated() {
        let at = Timestamp::UNIX_EPOCH;
        let err = CustomerNote::new("n".into(), " ", "x", at).unwrap_err();
        assert!(err.to_string().starts_with("note.author_id"));
        let err = CustomerNote::new("n".into(), "a", "  ", at).unwrap_err();
        assert!(err.to_string().starts_with("note.body"));
        assert!(CustomerNote::new("n".into(), "a", &"x".repeat(4001), at).is_err());
    }

    #[test]
    fn agents_see_pinned_first_then_newest() {
        let notes = vec![
            note("old", "2025-01-01T00:00:00Z", false),
            note("pinned-old", "2024-01-01T00:00:00Z", true),
            note("new", "2025-06-01T00:00:00Z", false),
        ];
        let ids: Vec<&str> = agent_order(&notes).iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["pinned-old", "new", "old"]);
    }
}
