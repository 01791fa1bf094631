//! The warehouse's inspection of what arrived: the condition found for each received line. Units of
//! a line whose condition the policy accepts for the line's reason are accepted for an outcome.

use serde::{Deserialize, Serialize};

use super::{ItemCondition, Receipt, ReturnError};

/// The recorded inspection of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Inspection {
    /// The condition found, once per received line.
    pub lines: Vec<InspectedLine>,
    /// A note from the inspector.
    #[serde(default)]
    pub note: Option<String>,
}

/// The condition found for one received line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InspectedLine {
    /// The order's line id.
    pub line_id: String,
    /// The condition found.
    pub condition: ItemCondition,
    /// What the inspector saw.
    #[serde(default)]
    pub note: Option<String>,
}

impl Inspection {
    /// The condition found for `line_id`, if inspected.
    pub fn condition(&self, line_id: &str) -> Option<ItemCondition> {
        self.lines.iter().find(|l| l.line_id == line_id).map(|l| l.condition)
    }

    /// Checks that every received line is inspected exactly once, and nothing else.
    pub(super) fn check(&self, receipt: &Receipt) -> Result<(), ReturnError> {
        for received in &receipt.lines {
            let count = self.lines.iter().filter(|l| l.line_id == received.line_id).count();
            if count != 1 {
                let field = format!("inspection.lines[{}]", received.line_id);
                return Err(ReturnError::invalid(field, format!("inspected {count} times, expected once")));
            }
        }
        match self.lines.iter().find(|l| receipt.units(&l.line_id) == 0) {
            Some(extra) => Err(ReturnError::invalid(format!("inspection.lines[{}]", extra.line_id), "not received")),
            None => Ok(()),
        }
    }
}
