//! Orders: the aggregate with its number, bank-transfer reference, price-locked lines, state machine
//! with history, back-office edits with re-balancing, and customers' purchase histories.
//!
//! # State machine
//!
//! One transition function, [`Order::transition`]; every accepted move is recorded in
//! [`Order::history`] (time, actor, from, to, note) and as an `order_state_changed` event; a refused
//! move is an [`OrderError`] and changes nothing. The legal moves:
//!
//! | from                | to                                                              |
//! |---------------------|-----------------------------------------------------------------|
//! | `pending_payment`   | `awaiting_transfer`, `paid`, `processing` (cash on delivery only), `cancelled` |
//! | `awaiting_transfer` | `paid`, `cancelled`                                             |
//! | `paid`              | `processing`, `cancelled`                                       |
//! | `processing`        | `partially_shipped`, `shipped`, `cancelled`                     |
//! | `partially_shipped` | `shipped`                                                       |
//! | `shipped`           | `delivered`, `refunded` (lost in transit)                       |
//! | `delivered`         | `completed`, `refunded` (returned)                              |
//! | `completed`         | `refunded`                                                      |
//! | `cancelled`, `refunded` | nothing: final                                              |
//!
//! Every order is placed in `pending_payment`; a bank-transfer order then moves at once to
//! `awaiting_transfer`, a cash-on-delivery order to `processing` (both recorded, by the system).
//! `cancelled` means the order will not be fulfilled: money already received is owed back
//! ([`Order::balance`]) and returned through the payment's refunds. Lines can be edited in
//! `pending_payment`, `awaiting_transfer`, `paid` and `processing`.
//!
//! Money comes in through [`Order::receive_payment`] (one call per method: a split-tender order
//! receives its gift card, wallet and card parts separately); the payment that settles an order in
//! `pending_payment` or `awaiting_transfer` moves it to `paid`. A cash-on-delivery order is already
//! in fulfilment, so its cash settles the balance at delivery without a state change.
//!
//! # Payment reference
//!
//! Bank transfers quote an ISO 11649 creditor reference (`RF` + two mod-97 check digits + the order
//! number's letters and digits), see [`PaymentReference`].

mod aggregate;
mod details;
mod edit;
mod error;
mod event;
#[cfg(test)]
pub(crate) mod fixtures;
mod history;
mod number;
mod payment_method;
mod purchase_history;
mod rebalance;
mod reference;
mod reminder;
mod settle;
mod state;

pub use aggregate::{Order, OrderDraft};
pub use details::{ContactDetails, DeliveryDetails};
pub use edit::{LineChange, OrderEdit};
pub use error::OrderError;
pub use event::OrderEvent;
pub use history::OrderTransition;
pub use number::{OrderNumber, MAX_ORDER_SEQUENCE};
pub use payment_method::PaymentMethod;
pub use purchase_history::{OrderSummary, PurchaseHistory};
pub use rebalance::Rebalance;
pub use reference::PaymentReference;
pub use reminder::PaymentReminder;
pub use state::OrderState;
