//! An agent's work queue: which open cases to show, by team (queue), assignee, priority and
//! channel. The Shop lists the matching cases ordered by their nearest SLA due time.

use serde::{Deserialize, Serialize};

use super::{Channel, Priority, SupportCase};

/// Which cases a work queue shows; every field given must match (none given: every open case).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkQueueFilter {
    /// Only cases of this queue (team), e.g. `returns`.
    #[serde(default)]
    pub queue: Option<String>,
    /// Only cases assigned to this agent.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Only cases no agent has taken yet.
    #[serde(default)]
    pub unassigned: bool,
    /// Only cases of this priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Only cases that came by this channel.
    #[serde(default)]
    pub channel: Option<Channel>,
}

impl WorkQueueFilter {
    /// Whether `case` belongs in the queue.
    pub fn matches(&self, case: &SupportCase) -> bool {
        let assignment = case.assignment();
        let given = |wanted: &Option<String>, actual: &Option<String>| wanted.is_none() || wanted == actual;
        given(&self.queue, &assignment.queue)
            && given(&self.agent_id, &assignment.agent_id)
            && (!self.unassigned || assignment.agent_id.is_none())
            && self.priority.is_none_or(|p| p == case.priority())
            && self.channel.is_none_or(|c| c == case.channel())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::{Assignment, CaseActor, CaseCategory, NewCase};

    fn case(priority: Priority, channel: Channel, agent: Option<&str>, queue: Option<&str>) -> SupportCase {
        let new = NewCase {
            customer_id: "cust-1".into(),
            opened_by: CaseActor::Customer { id: "cust-1".into() },
            channel,
            subject: "Where is my parcel?".into(),
            description: "Ordered a week ago.".into(),
            priority,
            category: CaseCategory::DeliveryProblem,
            order_id: None,
            order_line_ids: Vec::new(),
        };
        let mut case = SupportCase::open(new, "2026-04-14T09:00:00Z".parse().unwrap()).unwrap();
        let assignment = Assignment { agent_id: agent.map(str::to_owned), queue: queue.map(str::to_owned) };
        case.assign(assignment).unwrap();
        case
    }

    #[test]
    fn every_given_field_must_match() {
        let mila = case(Priority::High, Channel::Email, Some("mila"), Some("returns"));
        let open = case(Priority::Normal, Channel::Chat, None, Some("returns"));
        let everything = WorkQueueFilter::default();
        assert!(everything.matches(&mila) && everything.matches(&open));
        let returns = WorkQueueFilter { queue: Some("returns".into()), ..WorkQueueFilter::default() };
        assert!(returns.matches(&mila) && returns.matches(&open));
        let billing = WorkQueueFilter { queue: Some("billing".into()), ..WorkQueueFilter::default() };
        assert!(!billing.matches(&mila) && !billing.matches(&open));
        let untaken = WorkQueueFilter { unassigned: true, ..returns.clone() };
        assert!(!untaken.matches(&mila) && untaken.matches(&open));
        let hers =
            WorkQueueFilter { agent_id: Some("mila".into()), priority: Some(Priority::High), ..Default::default() };
        assert!(hers.matches(&mila) && !hers.matches(&open));
        let chat = WorkQueueFilter { channel: Some(Channel::Chat), ..WorkQueueFilter::default() };
        assert!(!chat.matches(&mila) && chat.matches(&open));
        let urgent_chat = WorkQueueFilter { priority: Some(Priority::High), ..chat };
        assert!(!urgent_chat.matches(&open));
    }
}
