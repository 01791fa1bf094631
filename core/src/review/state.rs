//! The review moderation state machine: pending -> published / rejected; an author's edit sends a
//! published or rejected review back to pending; a rejected review is never published unedited.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a review stands in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Waiting for a moderator; not shown.
    Pending,
    /// Shown on the product page and counted in its rating.
    Published,
    /// Refused by a moderator, with a reason; not shown.
    Rejected,
}

impl ReviewState {
    /// All states.
    pub const ALL: [ReviewState; 3] = [ReviewState::Pending, ReviewState::Published, ReviewState::Rejected];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Pending => "pending",
            ReviewState::Published => "published",
            ReviewState::Rejected => "rejected",
        }
    }

    /// Whether the machine allows moving from `self` to `to`.
    pub fn can_move_to(self, to: ReviewState) -> bool {
        use ReviewState::*;
        matches!((self, to), (Pending, Published | Rejected) | (Published, Rejected | Pending) | (Rejected, Pending))
    }
}

impl fmt::Display for ReviewState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ReviewState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_table() {
        let legal: Vec<(ReviewState, ReviewState)> = ReviewState::ALL
            .iter()
            .flat_map(|&from| ReviewState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (Pending, Published),
            (Pending, Rejected),
            (Published, Pending),
            (Published, Rejected),
            (Rejected, Pending),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        for state in ReviewState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{state}\""));
            assert_eq!(serde_json::from_str::<ReviewState>(&json).unwrap(), state);
        }
    }
}
