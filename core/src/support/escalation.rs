//! SLA escalation: what happens when a case's SLA target breaks (the priority raised, the case handed
//! to an escalation queue, named people e-mailed), once per target, or per run of a recurring one.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::case::{Priority, SlaRun, SupportCase};
use super::error::SupportError;
use super::message::CaseActor;
use super::sla::SlaTarget;

/// The actions taken when a case's SLA target breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EscalationPolicy {
    /// Raise the case's priority one step (an urgent case stays urgent).
    #[serde(default)]
    pub raise_priority: bool,
    /// Hand the case to this queue (team), e.g. `escalations`; its agent stays assigned.
    #[serde(default)]
    pub reassign_to_queue: Option<String>,
    /// Who is e-mailed besides the support address (team leads).
    #[serde(default)]
    pub notify: Vec<String>,
}

impl EscalationPolicy {
    /// Checks the policy's queue is not blank (the shop's settings check the addresses).
    pub fn validate(&self) -> Result<(), SupportError> {
        if self.reassign_to_queue.as_deref().is_some_and(|queue| queue.trim().is_empty()) {
            return Err(SupportError::invalid("sla_escalation.reassign_to_queue", "must not be blank"));
        }
        Ok(())
    }
}

impl SupportCase {
    /// The SLA targets the case was escalated for, each at most once.
    pub fn sla_escalations(&self) -> &[SlaTarget] {
        &self.sla_escalations
    }

    /// Whether the case was escalated for `target` in its run started at `started_at` (a target
    /// that does not recur runs once per case).
    pub fn was_escalated(&self, target: SlaTarget, started_at: Timestamp) -> bool {
        match target.recurs() {
            true => self.sla_runs_escalated.contains(&SlaRun { target, started_at }),
            false => self.sla_escalations.contains(&target),
        }
    }

    /// Escalates the case because `target` broke in its run started at `started_at`: applies
    /// `policy` and leaves an internal note saying what was done. Whether this is the first
    /// escalation for that run (a repeat does nothing).
    pub fn escalate(
        &mut self,
        target: SlaTarget,
        started_at: Timestamp,
        policy: &EscalationPolicy,
        at: Timestamp,
    ) -> Result<bool, SupportError> {
        if self.was_escalated(target, started_at) {
            return Ok(false);
        }
        let mut done = Vec::new();
        if policy.raise_priority && self.priority != Priority::Urgent {
            self.set_priority(self.priority.raised())?;
            done.push(format!("priority raised to {}", self.priority.as_str()));
        }
        if let Some(queue) = &policy.reassign_to_queue {
            let mut assignment = self.assignment.clone();
            assignment.queue = Some(queue.clone());
            self.assign(assignment)?;
            done.push(format!("handed to the {queue} queue"));
        }
        let what = if done.is_empty() { "staff notified".to_owned() } else { done.join(", ") };
        let note = format!("The {} target was breached: escalated ({what}).", target.label());
        self.add_internal_note(CaseActor::System, note, at)?;
        match target.recurs() {
            true => self.sla_runs_escalated.push(SlaRun { target, started_at }),
            false => self.sla_escalations.push(target),
        }
        Ok(true)
    }
}
