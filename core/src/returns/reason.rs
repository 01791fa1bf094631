//! Why a shopper returns an item, and whether the reason is the shop's fault (which decides whether
//! the original shipping charge is refunded).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an order line is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// Arrived broken or defective.
    Damaged,
    /// Not the item that was ordered.
    WrongItem,
    /// Differs from its description or photos.
    NotAsDescribed,
    /// The shopper no longer wants it.
    ChangedMind,
    /// Arrived too late to be of use.
    TooLate,
    /// Anything else (explained in the line's note).
    Other,
}

impl ReturnReason {
    /// All reasons.
    pub const ALL: [ReturnReason; 6] = [
        ReturnReason::Damaged,
        ReturnReason::WrongItem,
        ReturnReason::NotAsDescribed,
        ReturnReason::ChangedMind,
        ReturnReason::TooLate,
        ReturnReason::Other,
    ];

    /// The reason's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnReason::Damaged => "damaged",
            ReturnReason::WrongItem => "wrong_item",
            ReturnReason::NotAsDescribed => "not_as_described",
            ReturnReason::ChangedMind => "changed_mind",
            ReturnReason::TooLate => "too_late",
            ReturnReason::Other => "other",
        }
    }

    /// Whether the shop is at fault (`damaged`, `wrong_item`, `not_as_described`): only then is the
    /// original shipping charge refunded.
    pub fn is_shop_fault(self) -> bool {
        matches!(self, ReturnReason::Damaged | ReturnReason::WrongItem | ReturnReason::NotAsDescribed)
    }
}

impl fmt::Display for ReturnReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_shop_fault_reasons_are_the_shops_fault() {
        let faults: Vec<_> = ReturnReason::ALL.into_iter().filter(|r| r.is_shop_fault()).collect();
        assert_eq!(faults, vec![ReturnReason::Damaged, ReturnReason::WrongItem, ReturnReason::NotAsDescribed]);
        for reason in ReturnReason::ALL {
            assert_eq!(serde_json::to_string(&reason).unwrap(), format!("\"{reason}\""));
        }
    }
}
