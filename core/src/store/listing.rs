//! Listing queries: orders by state and placed-at range, newest first, with a limit.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::order::OrderState;

/// Which orders [`OrderRepository::list_orders`](super::OrderRepository::list_orders) returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderQuery {
    /// Only orders in this state (`None`: any).
    pub state: Option<OrderState>,
    /// Only orders placed at or after this instant.
    pub placed_from: Option<Timestamp>,
    /// Only orders placed before this instant.
    pub placed_before: Option<Timestamp>,
    /// At most this many orders (newest first).
    pub limit: u32,
}

impl OrderQuery {
    /// The newest `limit` orders in any state.
    pub fn newest(limit: u32) -> OrderQuery {
        OrderQuery { state: None, placed_from: None, placed_before: None, limit }
    }

    /// Only orders in `state`.
    pub fn in_state(mut self, state: OrderState) -> OrderQuery {
        self.state = Some(state);
        self
    }

    /// Only orders placed in `[from, before)`.
    pub fn placed_between(mut self, from: Timestamp, before: Timestamp) -> OrderQuery {
        self.placed_from = Some(from);
        self.placed_before = Some(before);
        self
    }
}
