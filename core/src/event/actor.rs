//! Who caused a change: the shopper, a staff member in the back office, the engine itself, or a
//! payment gateway reporting an outcome. Every recorded transition names one.

use serde::{Deserialize, Serialize};

/// Who caused a change to an aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_is_tagged_by_kind() {
        let staff = Actor::Staff { id: "ana".into() };
        assert_eq!(serde_json::to_string(&staff).unwrap(), r#"{"kind":"staff","id":"ana"}"#);
        assert_eq!(serde_json::to_string(&Actor::System).unwrap(), r#"{"kind":"system"}"#);
        let guest: Actor = serde_json::from_str(r#"{"kind":"shopper","customer_id":null}"#).unwrap();
        assert_eq!(guest, Actor::Shopper { customer_id: None });
    }
}
