//! What a return is worth: per accepted line, its share of the line total paid (tax included,
//! discounts deducted), pro rata by units with largest remainder, plus shipping when the shop is at
//! fault. Units are numbered across a line's returns, so returning every unit gives back its total.

use serde::{Deserialize, Serialize};

use super::ReturnError;
use crate::money::{allocate_minor, Money};

/// The money value of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Settlement {
    /// The accepted lines and their amounts.
    pub lines: Vec<LineSettlement>,
    /// The original shipping charge given back (zero unless a line's reason is the shop's fault).
    pub shipping: Money,
    /// Lines plus shipping.
    pub total: Money,
}

/// The value of the accepted units of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineSettlement {
    /// The order's line id.
    pub line_id: String,
    /// Units accepted.
    pub quantity: u32,
    /// Their share of the line total.
    pub amount: Money,
}

impl Settlement {
    /// Units of `line_id` settled.
    pub fn units(&self, line_id: &str) -> u32 {
        self.lines.iter().filter(|l| l.line_id == line_id).map(|l| l.quantity).sum()
    }
}

/// The share of `line_total` (for `ordered` units) of units `offset + 1 ..= offset + quantity`: the
/// total is split over the units by largest remainder (earlier units take the leftover cents), so
/// the shares of all units sum to the line total exactly.
pub(super) fn units_share(line_total: Money, ordered: u32, offset: u32, quantity: u32) -> Result<Money, ReturnError> {
    let (start, end) = (offset as usize, offset as usize + quantity as usize);
    if end > ordered as usize {
        let reason = format!("units {} to {end} of a line of {ordered}", start + 1);
        return Err(ReturnError::invalid("quantity", reason));
    }
    let units = allocate_minor(line_total.minor(), &vec![1; ordered as usize])?;
    Ok(Money::from_minor(units[start..end].iter().sum(), line_total.currency()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_util::eur;

    #[test]
    fn unit_shares_over_successive_returns_sum_to_the_line_total() {
        // 10.00 over 3 units: 3.34, 3.33, 3.33.
        assert_eq!(units_share(eur(1000), 3, 0, 1).unwrap(), eur(334));
        assert_eq!(units_share(eur(1000), 3, 1, 1).unwrap(), eur(333));
        assert_eq!(units_share(eur(1000), 3, 1, 2).unwrap(), eur(666));
        assert_eq!(units_share(eur(1000), 3, 0, 3).unwrap(), eur(1000));
        assert!(units_share(eur(1000), 3, 2, 2).is_err());
    }
}
