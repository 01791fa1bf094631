//! Cases waiting on the customer: a reminder once the policy's wait has passed, then solving the
//! case for a customer who stays silent (the scheduler's `run_due` drives both with `now`).

use jiff::{SignedDuration, Timestamp};

use super::case::{CasePolicy, SupportCase};
use super::event::CaseEvent;
use super::state::CaseState;
use crate::event::RecordedEvent;

impl SupportCase {
    /// Since when the case has been waiting on the customer, if it is.
    pub fn pending_since(&self) -> Option<Timestamp> {
        if self.state != CaseState::PendingCustomer {
            return None;
        }
        let entered = self.history.iter().rev().find(|t| t.to == CaseState::PendingCustomer);
        Some(entered.map_or(self.created_at, |t| t.at))
    }

    /// Records the reminder to the customer (a `customer_reminded` event) when the case has waited
    /// on them for the policy's `remind_pending_after` and they were not reminded since; whether it
    /// did.
    pub fn remind_pending_customer(&mut self, policy: &CasePolicy, now: Timestamp) -> bool {
        let Some(since) = self.pending_since() else { return false };
        let reminded = self.pending_reminded_at.is_some_and(|at| at >= since);
        if reminded || !self.waited(policy.remind_pending_after, now) {
            return false;
        }
        self.pending_reminded_at = Some(now);
        let event = CaseEvent::CustomerReminded { case_id: self.id.clone(), customer_id: self.customer_id.clone() };
        self.events.push(RecordedEvent::new(event, now));
        true
    }

    /// Whether the case has waited on the customer for the policy's `solve_pending_after`.
    pub fn waited_out(&self, policy: &CasePolicy, now: Timestamp) -> bool {
        self.waited(policy.solve_pending_after, now)
    }

    /// Whether the case has waited on the customer for `wait` by `now` (never without a wait).
    fn waited(&self, wait: Option<SignedDuration>, now: Timestamp) -> bool {
        let (Some(since), Some(wait)) = (self.pending_since(), wait) else { return false };
        since.checked_add(wait).is_ok_and(|due| now >= due)
    }
}
