//! Tests of the return aggregate: its state machine and history, receipts and inspections, the
//! refund, exchange and store-credit outcomes, and the first-return incentive.

mod incentive;
mod outcomes;
mod state_machine;
