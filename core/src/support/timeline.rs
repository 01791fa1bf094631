//! "Track my request": the customer-visible status and timeline of a case, without internal notes
//! or staff identities.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::case::{CaseCategory, CasePolicy, SupportCase};
use super::message::{CaseActor, Message};
use super::state::CaseState;

/// The status a customer sees; several internal states map to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    /// Received, not yet picked up (`new`).
    Received,
    /// Support is working on it (`open`, `on_hold`).
    InProgress,
    /// Support waits for the customer (`pending_customer`).
    AwaitingYourReply,
    /// Solved; replying reopens it for a while (`solved`).
    Solved,
    /// Closed (`closed`).
    Closed,
}

impl From<CaseState> for CustomerStatus {
    fn from(state: CaseState) -> Self {
        match state {
            CaseState::New => CustomerStatus::Received,
            CaseState::Open | CaseState::OnHold => CustomerStatus::InProgress,
            CaseState::PendingCustomer => CustomerStatus::AwaitingYourReply,
            CaseState::Solved => CustomerStatus::Solved,
            CaseState::Closed => CustomerStatus::Closed,
        }
    }
}

/// Who wrote a message, as the customer sees it (agents stay anonymous).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimelineAuthor {
    /// The customer.
    Customer,
    /// The shop's support team.
    Support,
    /// An automatic notice.
    System,
}

impl From<&CaseActor> for TimelineAuthor {
    fn from(actor: &CaseActor) -> Self {
        match actor {
            CaseActor::Customer { .. } => TimelineAuthor::Customer,
            CaseActor::Agent { .. } => TimelineAuthor::Support,
            CaseActor::System => TimelineAuthor::System,
        }
    }
}

/// What happened at one point of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// A public message.
    Message {
        /// Who wrote it.
        author: TimelineAuthor,
        /// The text.
        body: String,
    },
    /// The customer-visible status changed.
    Status {
        /// The new status.
        status: CustomerStatus,
    },
}

/// One dated entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseTimelineEntry {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub event: TimelineEvent,
}

/// Everything a customer may see about their case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerView {
    /// The case id.
    pub case_id: String,
    /// Its title.
    pub subject: String,
    /// Its current customer-visible status.
    pub status: CustomerStatus,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// The case it was merged into, if it was a duplicate.
    pub merged_into: Option<String>,
    /// Public messages and status changes, oldest first; internal notes never appear.
    pub timeline: Vec<CaseTimelineEntry>,
}

/// One of the customer's cases in their "my requests" list: what they see of it, at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseSummary {
    /// The case id.
    pub case_id: String,
    /// Its title.
    pub subject: String,
    /// What it is about.
    pub category: CaseCategory,
    /// The order it is about, if any.
    pub order_id: Option<String>,
    /// Its current customer-visible status.
    pub status: CustomerStatus,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// The latest public message or customer-visible status change (the opening if none).
    pub last_activity_at: Timestamp,
    /// Public messages: the customer's and support's (internal notes are not counted).
    pub message_count: u32,
    /// The case it was merged into, if it was a duplicate.
    pub merged_into: Option<String>,
    /// Until when a reply reopens the solved case; `None` unless it is solved.
    pub reopen_deadline: Option<Timestamp>,
}

impl CaseSummary {
    /// Whether the case is finished for the customer (solved or closed).
    pub fn is_finished(&self) -> bool {
        matches!(self.status, CustomerStatus::Solved | CustomerStatus::Closed)
    }
}

/// Orders a customer's cases as their "my requests" list shows them: active ones first, then
/// finished ones, each group by latest activity first.
pub fn sort_requests<T>(requests: &mut [T], summary: impl Fn(&T) -> &CaseSummary) {
    requests.sort_by_key(|request| {
        let summary = summary(request);
        (summary.is_finished(), std::cmp::Reverse(summary.last_activity_at))
    });
}

impl SupportCase {
    /// The case as one line of its customer's "my requests" list, with the reopen deadline that
    /// `policy` gives a solved case.
    pub fn summary(&self, policy: &CasePolicy) -> CaseSummary {
        let timeline = self.timeline();
        let last_activity_at =
            timeline.iter().map(|entry| entry.at).max().map_or(self.created_at, |at| at.max(self.created_at));
        let messages = timeline.iter().filter(|entry| matches!(entry.event, TimelineEvent::Message { .. })).count();
        CaseSummary {
            case_id: self.id.clone(),
            subject: self.subject.clone(),
            category: self.category,
            order_id: self.order_id.clone(),
            status: self.state.into(),
            opened_at: self.created_at,
            last_activity_at,
            message_count: u32::try_from(messages).unwrap_or(u32::MAX),
            merged_into: self.merged_into.clone(),
            reopen_deadline: self.reopen_deadline(policy),
        }
    }

    /// The customer's view of the case ("track my request").
    pub fn customer_view(&self) -> CustomerView {
        CustomerView {
            case_id: self.id.clone(),
            subject: self.subject.clone(),
            status: self.state.into(),
            opened_at: self.created_at,
            merged_into: self.merged_into.clone(),
            timeline: self.timeline(),
        }
    }

    fn timeline(&self) -> Vec<CaseTimelineEntry> {
        let mut entries: Vec<CaseTimelineEntry> = self.public_messages().chain(self.status_changes()).collect();
        entries.sort_by_key(|entry| entry.at);
        entries
    }

    fn public_messages(&self) -> impl Iterator<Item = CaseTimelineEntry> + '_ {
        self.messages.iter().filter(|m| m.kind.is_public()).map(message_entry)
    }

    fn status_changes(&self) -> impl Iterator<Item = CaseTimelineEntry> + '_ {
        self.history
            .iter()
            .filter(|t| CustomerStatus::from(t.from) != CustomerStatus::from(t.to))
            .map(|t| CaseTimelineEntry { at: t.at, event: TimelineEvent::Status { status: t.to.into() } })
    }
}

fn message_entry(message: &Message) -> CaseTimelineEntry {
    let event = TimelineEvent::Message { author: (&message.author).into(), body: message.body.clone() };
    CaseTimelineEntry { at: message.at, event }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::case::tests::{agent, opened_at, ts};
    use crate::support::case::CasePolicy;

    #[test]
    fn timeline_hides_internal_notes_and_agent_ids() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.add_internal_note(agent(), "Customer is a known abuser".into(), ts("2025-03-03T08:30:00Z")).unwrap();
        case.transition(CaseState::Open, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.reply(agent(), "We are checking with the courier.".into(), ts("2025-03-03T09:10:00Z"), &policy).unwrap();
        let view = case.customer_view();
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("abuser"));
        assert!(!json.contains("agent-1"));
        let events: Vec<_> = view.timeline.iter().map(|e| e.event.clone()).collect();
        assert_eq!(
            events,
            vec![
                TimelineEvent::Message {
                    author: TimelineAuthor::Customer,
                    body: "Ordered a week ago, nothing arrived.".into()
                },
                TimelineEvent::Status { status: CustomerStatus::InProgress },
                TimelineEvent::Message {
                    author: TimelineAuthor::Support,
                    body: "We are checking with the courier.".into()
                },
            ]
        );
        assert_eq!(serde_json::from_str::<CustomerView>(&json).unwrap(), view);
    }

    #[test]
    fn internal_state_changes_invisible_to_the_customer_are_not_listed() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::Open, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.transition(CaseState::OnHold, agent(), ts("2025-03-03T10:00:00Z"), &policy).unwrap();
        case.transition(CaseState::PendingCustomer, agent(), ts("2025-03-03T11:00:00Z"), &policy).unwrap();
        let view = case.customer_view();
        let statuses: Vec<_> = view
            .timeline
            .iter()
            .filter_map(|e| match e.event {
                TimelineEvent::Status { status } => Some(status),
                TimelineEvent::Message { .. } => None,
            })
            .collect();
        assert_eq!(statuses, vec![CustomerStatus::InProgress, CustomerStatus::AwaitingYourReply]);
        assert_eq!(view.status, CustomerStatus::AwaitingYourReply);
    }

    #[test]
    fn summary_counts_public_messages_and_the_latest_activity() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.add_internal_note(agent(), "staff only".into(), ts("2025-03-03T08:30:00Z")).unwrap();
        case.transition(CaseState::Open, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.reply(agent(), "On its way.".into(), ts("2025-03-03T09:10:00Z"), &policy).unwrap();
        let open = case.summary(&policy);
        assert_eq!((open.message_count, open.status), (2, CustomerStatus::InProgress));
        assert_eq!((open.last_activity_at, open.reopen_deadline), (ts("2025-03-03T09:10:00Z"), None));
        assert_eq!(open.order_id.as_deref(), Some("order-1"));
        case.add_internal_note(agent(), "later note".into(), ts("2025-03-03T10:00:00Z")).unwrap();
        assert_eq!(case.summary(&policy).last_activity_at, ts("2025-03-03T09:10:00Z"), "notes are not activity");
        case.transition(CaseState::Solved, agent(), ts("2025-03-04T12:00:00Z"), &policy).unwrap();
        let solved = case.summary(&policy);
        assert_eq!(solved.reopen_deadline, Some(ts("2025-03-11T12:00:00Z")));
        assert_eq!(solved.last_activity_at, ts("2025-03-04T12:00:00Z"));
    }

    #[test]
    fn requests_list_active_cases_first_then_latest_activity_first() {
        let policy = CasePolicy::default();
        let old_active = opened_at("2025-03-01T08:00:00Z");
        let new_active = opened_at("2025-03-02T08:00:00Z");
        let mut solved = opened_at("2025-03-03T08:00:00Z");
        solved.transition(CaseState::Solved, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        let mut list: Vec<CaseSummary> =
            [&solved, &old_active, &new_active].iter().map(|c| c.summary(&policy)).collect();
        sort_requests(&mut list, |summary| summary);
        let ids: Vec<&str> = list.iter().map(|s| s.case_id.as_str()).collect();
        assert_eq!(ids, [new_active.id(), old_active.id(), solved.id()]);
    }

    #[test]
    fn every_state_maps_to_a_customer_status() {
        let statuses: Vec<CustomerStatus> = CaseState::ALL.into_iter().map(CustomerStatus::from).collect();
        assert_eq!(
            statuses,
            vec![
                CustomerStatus::Received,
                CustomerStatus::InProgress,
                CustomerStatus::AwaitingYourReply,
                CustomerStatus::InProgress,
                CustomerStatus::Solved,
                CustomerStatus::Closed,
            ]
        );
    }
}
