//! A shop's return policy: the return window counted from delivery, which item conditions are
//! accepted for which reason, and the incentive offered on a customer's first return.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{FirstReturnIncentive, ItemCondition, ReturnReason};

/// Default return window, in days from delivery.
const DEFAULT_WINDOW_DAYS: u32 = 14;

/// The rules a return is checked against; an [`crate::returns::Rma`] keeps the policy it was
/// requested under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnPolicy {
    /// Days after delivery a return may be requested: the window ends exactly `window_days x 24 h`
    /// after the delivery instant, that instant included.
    pub window_days: u32,
    /// The conditions accepted for each reason; a reason missing from the map accepts nothing.
    pub accepted_conditions: BTreeMap<ReturnReason, Vec<ItemCondition>>,
    /// What a customer gets on their first approved return, if anything.
    #[serde(default)]
    pub first_return_incentive: Option<FirstReturnIncentive>,
}

impl Default for ReturnPolicy {
    /// 14 days; shop-fault reasons accept opened items (and `damaged` damaged ones), `changed_mind`
    /// and `too_late` only unused items, `other` unused or opened; no incentive.
    fn default() -> Self {
        use ItemCondition::{Opened, Unused};
        use ReturnReason::*;
        let accepted_conditions = BTreeMap::from([
            (Damaged, vec![Unused, Opened, ItemCondition::Damaged]),
            (WrongItem, vec![Unused, Opened]),
            (NotAsDescribed, vec![Unused, Opened]),
            (ChangedMind, vec![Unused]),
            (TooLate, vec![Unused]),
            (Other, vec![Unused, Opened]),
        ]);
        ReturnPolicy { window_days: DEFAULT_WINDOW_DAYS, accepted_conditions, first_return_incentive: None }
    }
}

impl ReturnPolicy {
    /// Whether an item in `condition` may be returned for `reason`.
    pub fn accepts(&self, reason: ReturnReason, condition: ItemCondition) -> bool {
        self.accepted_conditions.get(&reason).is_some_and(|accepted| accepted.contains(&condition))
    }

    /// The last instant a return may be requested for goods delivered at `delivered_at`.
    pub fn deadline(&self, delivered_at: Timestamp) -> Timestamp {
        let window = SignedDuration::from_hours(i64::from(self.window_days) * 24);
        delivered_at.checked_add(window).unwrap_or(Timestamp::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_depend_on_the_reason() {
        let policy = ReturnPolicy::default();
        assert_eq!(policy.window_days, 14);
        assert!(policy.accepts(ReturnReason::Damaged, ItemCondition::Damaged));
        assert!(!policy.accepts(ReturnReason::WrongItem, ItemCondition::Damaged));
        assert!(policy.accepts(ReturnReason::WrongItem, ItemCondition::Opened));
        assert!(!policy.accepts(ReturnReason::ChangedMind, ItemCondition::Opened));
        assert!(policy.accepts(ReturnReason::ChangedMind, ItemCondition::Unused));
        let mut strict = policy.clone();
        strict.accepted_conditions.remove(&ReturnReason::Other);
        assert!(!strict.accepts(ReturnReason::Other, ItemCondition::Unused));
    }

    #[test]
    fn serde_round_trips_with_reasons_as_keys() {
        let policy = ReturnPolicy::default();
        let json = serde_json::to_string(&policy).unwrap();
        assert!(json.contains(r#""changed_mind":["unused"]"#), "{json}");
        assert_eq!(serde_json::from_str::<ReturnPolicy>(&json).unwrap(), policy);
    }
}
