//! Who caused a change: the shopper, a staff member in the back office, the engine itself, a payment
//! gateway or a courier reporting an outcome. Every recorded transition names one.

use serde::{Deserialize, Serialize};

/// Who caused a change to an aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// The shopper, with their customer id (`None` for a guest).
    Shopper {
        /// The customer's id, when signed in.
        customer_id: Option<String>,
    },
    /// A staff member in the back office.
    Staff {
        /// The staff member's id.
        id: String,
    },
    /// The engine itself (placing an order, expiring an authorization, a scheduler).
    System,
    /// A payment gateway reporting an outcome (a call's result or a webhook).
    Gateway {
        /// The gateway's name.
        name: String,
    },
    /// A courier reporting progress (a tracking event, a driver's update).
    Courier {
        /// The courier's name (`own-fleet`, `test`), or a driver within it (`own-fleet/driver-7`).
        name: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_is_tagged_by_kind() {
        let staff = Actor::Staff { id: "ana".into() };
        assert_eq!(serde_json::to_string(&staff).unwrap(), r#"{"kind":"staff","id":"ana"}"#);
        assert_eq!(serde_json::to_string(&Actor::System).unwrap(), r#"{"kind":"system"}"#);
        let courier = Actor::Courier { name: "own-fleet".into() };
        assert_eq!(serde_json::to_string(&courier).unwrap(), r#"{"kind":"courier","name":"own-fleet"}"#);
        let guest: Actor = serde_json::from_str(r#"{"kind":"shopper","customer_id":null}"#).unwrap();
        assert_eq!(guest, Actor::Shopper { customer_id: None });
    }
}
