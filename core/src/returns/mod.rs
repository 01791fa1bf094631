//! Returns (RMA): requests per order line with approval rules, a state machine with history, receipt
//! and inspection, and outcomes: refund over the original payments, exchange, store credit, incentives.

mod aggregate;
mod condition;
mod credit;
mod eligibility;
mod error;
mod event;
mod exchange;
#[cfg(test)]
mod fixtures;
mod history;
mod incentive;
mod inspection;
mod line;
mod outcome;
mod policy;
mod reason;
mod receipt;
mod refund;
mod request;
mod settlement;
mod state;
mod step;
#[cfg(test)]
mod tests;

pub use aggregate::Rma;
pub use condition::ItemCondition;
pub use credit::StoreCreditGrant;
pub use eligibility::delivered_at;
pub use error::ReturnError;
pub use event::ReturnEvent;
pub use exchange::Replacement;
pub use history::ReturnTransition;
pub use incentive::{CouponDiscount, FirstReturnIncentive, IncentiveGrant};
pub use inspection::{InspectedLine, Inspection};
pub use line::ReturnLine;
pub use outcome::ReturnOutcome;
pub use policy::ReturnPolicy;
pub use reason::ReturnReason;
pub use receipt::{Receipt, ReceivedLine};
pub use refund::{allocate_refund, PaymentRefund, RefundablePayment};
pub use request::{NewReturn, RequestedLine};
pub use settlement::{LineSettlement, Settlement};
pub use state::ReturnState;
pub use step::ReturnStep;
