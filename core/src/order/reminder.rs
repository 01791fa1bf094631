//! Payment reminders for orders that wait for the shopper's money (bank transfers): the numbered
//! friendly reminders and the final notice before the order is cancelled.

use serde::{Deserialize, Serialize};

/// Which reminder an unpaid order is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentReminder {
    /// A friendly reminder, numbered from 1.
    Reminder {
        /// 1 for the first reminder, 2 for the second, ...
        number: u32,
    },
    /// The last notice before the order is cancelled.
    FinalNotice,
}
