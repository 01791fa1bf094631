//! Store credit as a return's outcome: the amount to add to the customer's wallet (kept by the
//! payment module); the return only says who gets how much and why.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Credit to add to a customer's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoreCreditGrant {
    /// The customer.
    pub customer_id: String,
    /// The amount, positive.
    pub amount: Money,
    /// Why, for the wallet's statement (`return <id> of order <number>`).
    pub reason: String,
}
