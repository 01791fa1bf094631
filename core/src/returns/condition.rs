//! The condition of a returned item, as the shopper declares it and as the warehouse finds it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The state a returned item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemCondition {
    /// Unused, in its original packaging.
    Unused,
    /// Opened or tried, otherwise as new.
    Opened,
    /// Damaged or used.
    Damaged,
}

impl ItemCondition {
    /// The condition's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemCondition::Unused => "unused",
            ItemCondition::Opened => "opened",
            ItemCondition::Damaged => "damaged",
        }
    }
}

impl fmt::Display for ItemCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
