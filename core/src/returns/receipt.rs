//! What arrived at the warehouse: units per returned line (possibly fewer than asked for), with the
//! parcel's tracking number and a note.

use serde::{Deserialize, Serialize};

use super::{ReturnError, ReturnLine};

/// The recorded arrival of a return parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Receipt {
    /// Units received per returned line; lines not listed did not arrive.
    pub lines: Vec<ReceivedLine>,
    /// The parcel's tracking number.
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// A note from the warehouse.
    #[serde(default)]
    pub note: Option<String>,
}

/// Units of one returned line that arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReceivedLine {
    /// The order's line id.
    pub line_id: String,
    /// Units received: 1 up to the units asked to return.
    pub quantity: u32,
}

impl Receipt {
    /// A receipt of everything asked for in `lines`.
    pub fn complete(lines: &[ReturnLine], tracking_number: Option<String>) -> Receipt {
        let lines = lines.iter().map(|l| ReceivedLine { line_id: l.line_id.clone(), quantity: l.quantity }).collect();
        Receipt { lines, tracking_number, note: None }
    }

    /// Units received of `line_id`.
    pub fn units(&self, line_id: &str) -> u32 {
        self.lines.iter().filter(|l| l.line_id == line_id).map(|l| l.quantity).sum()
    }

    /// Checks the receipt against the return's lines: something arrived, each line once, and no
    /// more units than asked to return.
    pub(super) fn check(&self, lines: &[ReturnLine]) -> Result<(), ReturnError> {
        if self.lines.is_empty() {
            return Err(ReturnError::invalid("receipt.lines", "nothing was received"));
        }
        for (index, received) in self.lines.iter().enumerate() {
            let field = || format!("receipt.lines[{}]", received.line_id);
            let asked = lines.iter().find(|l| l.line_id == received.line_id);
            let asked = asked.ok_or_else(|| ReturnError::invalid(field(), "not a line of this return"))?;
            if self.lines[..index].iter().any(|l| l.line_id == received.line_id) {
                return Err(ReturnError::invalid(field(), "listed twice"));
            }
            if received.quantity == 0 || received.quantity > asked.quantity {
                let reason = format!("quantity {} must be 1 to {}", received.quantity, asked.quantity);
                return Err(ReturnError::invalid(format!("{}.quantity", field()), reason));
            }
        }
        Ok(())
    }
}
