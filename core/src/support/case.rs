//! The `SupportCase` aggregate: opening, the single transition function with its history, the reopen
//! window and follow-ups, messages, assignment and the complaint flag.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::error::SupportError;
use super::message::{CaseActor, Message, MessageKind};
use super::sla::SlaTarget;
use super::state::CaseState;
use super::CaseEvent;
use crate::event::RecordedEvent;
use crate::id::new_id;

/// How the customer reached support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// An e-mail to the support address.
    Email,
    /// Live chat.
    Chat,
    /// The shop's contact / "help with my order" form.
    WebForm,
    /// A phone call, typed in by staff.
    Phone,
    /// The payment provider, reporting a dispute (chargeback) the shopper's bank opened.
    PaymentProvider,
}

/// How urgent the case is; selects the SLA targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The default.
    Normal,
    /// Needs attention soon.
    High,
    /// Needs attention now.
    Urgent,
}

impl Priority {
    /// The priority's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// The next priority up (urgent stays urgent).
    pub fn raised(self) -> Priority {
        match self {
            Priority::Low => Priority::Normal,
            Priority::Normal => Priority::High,
            Priority::High | Priority::Urgent => Priority::Urgent,
        }
    }
}

/// What the case is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseCategory {
    /// A question before or after buying.
    Question,
    /// The customer is unhappy with something.
    Complaint,
    /// A warranty claim.
    Warranty,
    /// A wish to send something back.
    Return,
    /// Late, lost or damaged delivery.
    DeliveryProblem,
    /// Anything else.
    Other,
}

/// Who handles the case: an agent, a queue (team), both or neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assignment {
    /// The responsible agent's id.
    pub agent_id: Option<String>,
    /// The queue (team) name, e.g. `returns`.
    pub queue: Option<String>,
}

/// A mark that the case is a complaint needing a follow-up by the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintFlag {
    /// When it was flagged.
    pub flagged_at: Timestamp,
    /// Who flagged it.
    pub flagged_by: CaseActor,
    /// Why, in a few words.
    pub reason: String,
    /// When the follow-up was done; `None` while it is still due.
    pub followed_up_at: Option<Timestamp>,
}

/// One recorded state change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Transition {
    /// When it happened.
    pub at: Timestamp,
    /// Who caused it.
    pub actor: CaseActor,
    /// The state before.
    pub from: CaseState,
    /// The state after.
    pub to: CaseState,
}

/// Shop-wide rules for the case lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CasePolicy {
    /// How long after being solved a case may still be reopened (default 7 days).
    pub reopen_window: SignedDuration,
    /// How long a case waits on the customer before they are reminded once; `None`: never.
    #[serde(default)]
    pub remind_pending_after: Option<SignedDuration>,
    /// How long a case waits on the customer before it is solved for them (the survey follows);
    /// `None`: never.
    #[serde(default)]
    pub solve_pending_after: Option<SignedDuration>,
}

impl Default for CasePolicy {
    fn default() -> Self {
        Self {
            reopen_window: SignedDuration::from_hours(7 * 24),
            remind_pending_after: None,
            solve_pending_after: None,
        }
    }
}

/// What is needed to open a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewCase {
    /// The customer the case is about.
    pub customer_id: String,
    /// The customer themself, or the staff member who typed it in.
    pub opened_by: CaseActor,
    /// Where it came from.
    pub channel: Channel,
    /// A short title.
    pub subject: String,
    /// The request itself; becomes the first (public) message.
    pub description: String,
    /// Urgency.
    pub priority: Priority,
    /// Topic.
    pub category: CaseCategory,
    /// The order concerned, if any.
    pub order_id: Option<String>,
    /// The order lines concerned; only with an `order_id`.
    pub order_line_ids: Vec<String>,
}

/// One run of a recurring SLA target: which, and when it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SlaRun {
    /// The target.
    pub target: SlaTarget,
    /// When the run started ([`TargetReport::started_at`](super::TargetReport::started_at)).
    pub started_at: Timestamp,
}

/// A support case: a customer's request, its conversation and its lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupportCase {
    pub(super) id: String,
    pub(super) customer_id: String,
    pub(super) order_id: Option<String>,
    pub(super) order_line_ids: Vec<String>,
    pub(super) channel: Channel,
    pub(super) opened_by: CaseActor,
    pub(super) subject: String,
    pub(super) priority: Priority,
    pub(super) category: CaseCategory,
    pub(super) state: CaseState,
    pub(super) created_at: Timestamp,
    pub(super) assignment: Assignment,
    pub(super) messages: Vec<Message>,
    pub(super) history: Vec<Transition>,
    pub(super) complaint: Option<ComplaintFlag>,
    pub(super) follow_up_of: Option<String>,
    pub(super) merged_into: Option<String>,
    pub(super) merged_from: Vec<String>,
    #[serde(default)]
    pub(super) events: Vec<RecordedEvent<CaseEvent>>,
    /// The SLA targets staff were already warned about.
    #[serde(default)]
    pub(super) sla_warnings: Vec<SlaTarget>,
    /// The SLA targets the case was already escalated for.
    #[serde(default)]
    pub(super) sla_escalations: Vec<SlaTarget>,
    /// The runs of recurring SLA targets (next response, periodic update) staff were warned about.
    #[serde(default)]
    pub(super) sla_runs_warned: Vec<SlaRun>,
    /// The runs of recurring SLA targets the case was escalated for.
    #[serde(default)]
    pub(super) sla_runs_escalated: Vec<SlaRun>,
    /// The customer's groups when the case was opened (e.g. `vip`): which SLA targets apply.
    #[serde(default)]
    pub(super) customer_groups: Vec<String>,
    /// When the customer was last reminded that the case waits on them.
    #[serde(default)]
    pub(super) pending_reminded_at: Option<Timestamp>,
    /// The Message-IDs of the e-mails received on the case, oldest first.
    #[serde(default)]
    pub(super) mail_thread: Vec<String>,
    /// Whether an automatic reply was noted on the case already (one note, ever).
    #[serde(default)]
    pub(super) auto_reply_noted: bool,
}

impl SupportCase {
    /// Opens a case in state `new`, with the description as its first message.
    pub fn open(new: NewCase, at: Timestamp) -> Result<Self, SupportError> {
        validate_new_case(&new)?;
        let id = new_id(at);
        let description = Message {
            id: new_id(at),
            author: new.opened_by.clone(),
            kind: MessageKind::Description,
            body: new.description,
            at,
            merged_from: None,
            email: None,
        };
        Ok(Self {
            id,
            customer_id: new.customer_id,
            order_id: new.order_id,
            order_line_ids: new.order_line_ids,
            channel: new.channel,
            opened_by: new.opened_by,
            subject: new.subject,
            priority: new.priority,
            category: new.category,
            state: CaseState::New,
            created_at: at,
            assignment: Assignment::default(),
            messages: vec![description],
            history: Vec::new(),
            complaint: None,
            follow_up_of: None,
            merged_into: None,
            merged_from: Vec::new(),
            events: Vec::new(),
            sla_warnings: Vec::new(),
            sla_escalations: Vec::new(),
            sla_runs_warned: Vec::new(),
            sla_runs_escalated: Vec::new(),
            customer_groups: Vec::new(),
            pending_reminded_at: None,
            mail_thread: Vec::new(),
            auto_reply_noted: false,
        })
    }

    /// Opens a new case continuing this solved or closed one (e.g. after the reopen window).
    pub fn follow_up(&self, opened_by: CaseActor, description: String, at: Timestamp) -> Result<Self, SupportError> {
        if self.state.is_active() {
            return Err(SupportError::CaseStillActive { case_id: self.id.clone(), state: self.state });
        }
        let new = NewCase {
            customer_id: self.customer_id.clone(),
            opened_by,
            channel: self.channel,
            subject: format!("Follow-up: {}", self.subject),
            description,
            priority: self.priority,
            category: self.category,
            order_id: self.order_id.clone(),
            order_line_ids: self.order_line_ids.clone(),
        };
        let mut case = Self::open(new, at)?;
        case.follow_up_of = Some(self.id.clone());
        Ok(case)
    }

    /// The one way to change state: checks legality, order in time and the reopen window, then
    /// records the move in the history. On error nothing changes.
    pub fn transition(
        &mut self,
        to: CaseState,
        actor: CaseActor,
        at: Timestamp,
        policy: &CasePolicy,
    ) -> Result<(), SupportError> {
        self.check_in_order(at)?;
        if !self.state.can_move_to(to) {
            return Err(SupportError::IllegalTransition { case_id: self.id.clone(), from: self.state, to });
        }
        if self.state == CaseState::Solved && to == CaseState::Open {
            self.check_reopen_window(at, policy)?;
        }
        self.history.push(Transition { at, actor, from: self.state, to });
        self.state = to;
        Ok(())
    }

    /// Closes a solved case whose reopen window has passed (run by a scheduler with `now`).
    /// Returns whether it closed the case.
    pub fn close_if_reopen_window_passed(&mut self, policy: &CasePolicy, now: Timestamp) -> Result<bool, SupportError> {
        match self.reopen_deadline(policy) {
            Some(deadline) if now > deadline => {
                self.transition(CaseState::Closed, CaseActor::System, now, policy)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Adds a public reply; an agent's is recorded as a `support_reply_posted` event (the e-mail to
    /// the customer follows from it). A customer's reply to a case pending on them, or to a solved case
    /// within the reopen window, moves it back to `open` (recorded with the customer as actor).
    /// Returns the message id.
    pub fn reply(
        &mut self,
        author: CaseActor,
        body: String,
        at: Timestamp,
        policy: &CasePolicy,
    ) -> Result<String, SupportError> {
        self.check_message(&author, &body, at)?;
        let customer_wakes_case = matches!(author, CaseActor::Customer { .. })
            && matches!(self.state, CaseState::PendingCustomer | CaseState::Solved);
        if customer_wakes_case {
            self.transition(CaseState::Open, author.clone(), at, policy)?;
        }
        let agent_id = match &author {
            CaseActor::Agent { id } => Some(id.clone()),
            CaseActor::Customer { .. } | CaseActor::System => None,
        };
        let message_id = self.push_message(author, MessageKind::PublicReply, body, at);
        if let Some(agent_id) = agent_id {
            self.record_agent_reply(&message_id, agent_id, at);
        }
        Ok(message_id)
    }

    fn record_agent_reply(&mut self, message_id: &str, agent_id: String, at: Timestamp) {
        let event = CaseEvent::SupportReplyPosted {
            case_id: self.id.clone(),
            message_id: message_id.to_owned(),
            customer_id: self.customer_id.clone(),
            agent_id,
        };
        self.events.push(RecordedEvent::new(event, at));
    }

    /// Takes the events recorded since the last call (`support_reply_posted` for each agent reply).
    pub fn take_events(&mut self) -> Vec<RecordedEvent<CaseEvent>> {
        std::mem::take(&mut self.events)
    }

    /// Adds a staff-only note; customers cannot write notes. Returns the message id.
    pub fn add_internal_note(
        &mut self,
        author: CaseActor,
        body: String,
        at: Timestamp,
    ) -> Result<String, SupportError> {
        if matches!(author, CaseActor::Customer { .. }) {
            return Err(SupportError::invalid("author", "customers cannot write internal notes"));
        }
        self.check_message(&author, &body, at)?;
        Ok(self.push_message(author, MessageKind::InternalNote, body, at))
    }

    /// Sets who handles the case.
    pub fn assign(&mut self, assignment: Assignment) -> Result<(), SupportError> {
        self.check_not_closed()?;
        self.assignment = assignment;
        Ok(())
    }

    /// Changes the priority (and so the SLA targets).
    pub fn set_priority(&mut self, priority: Priority) -> Result<(), SupportError> {
        self.check_not_closed()?;
        self.priority = priority;
        Ok(())
    }

    /// Changes the category.
    pub fn set_category(&mut self, category: CaseCategory) -> Result<(), SupportError> {
        self.check_not_closed()?;
        self.category = category;
        Ok(())
    }

    /// Flags the case as a complaint needing follow-up; flagging again replaces the flag.
    pub fn flag_complaint(&mut self, by: CaseActor, reason: String, at: Timestamp) -> Result<(), SupportError> {
        if reason.trim().is_empty() {
            return Err(SupportError::invalid("reason", "must not be empty"));
        }
        self.complaint = Some(ComplaintFlag { flagged_at: at, flagged_by: by, reason, followed_up_at: None });
        Ok(())
    }

    /// Records that the complaint follow-up was done.
    pub fn complete_complaint_follow_up(&mut self, at: Timestamp) -> Result<(), SupportError> {
        let flag = self.complaint.as_mut().ok_or_else(|| SupportError::invalid("complaint", "case is not flagged"))?;
        flag.followed_up_at = Some(at);
        Ok(())
    }

    /// Whether the case is flagged as a complaint whose follow-up is still due.
    pub fn needs_complaint_follow_up(&self) -> bool {
        self.complaint.as_ref().is_some_and(|flag| flag.followed_up_at.is_none())
    }

    /// When the case was solved, while it is in state `solved`.
    pub fn solved_at(&self) -> Option<Timestamp> {
        let last = self.history.last().filter(|t| t.to == CaseState::Solved)?;
        (self.state == CaseState::Solved).then_some(last.at)
    }

    /// The last moment a solved case may be reopened; `None` unless it is solved.
    pub fn reopen_deadline(&self, policy: &CasePolicy) -> Option<Timestamp> {
        self.solved_at().and_then(|at| at.checked_add(policy.reopen_window).ok())
    }

    /// The case's UUIDv7 id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The customer the case is about.
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    /// The order concerned, if any.
    pub fn order_id(&self) -> Option<&str> {
        self.order_id.as_deref()
    }

    /// The order lines concerned.
    pub fn order_line_ids(&self) -> &[String] {
        &self.order_line_ids
    }

    /// Where the case came from.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// Who opened it.
    pub fn opened_by(&self) -> &CaseActor {
        &self.opened_by
    }

    /// Its title.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// Its urgency.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// Its topic.
    pub fn category(&self) -> CaseCategory {
        self.category
    }

    /// Its current state.
    pub fn state(&self) -> CaseState {
        self.state
    }

    /// When it was opened.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// Who handles it.
    pub fn assignment(&self) -> &Assignment {
        &self.assignment
    }

    /// All messages, internal notes included, in the order they were added (merges sort by time).
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// Every state change, oldest first.
    pub fn history(&self) -> &[Transition] {
        &self.history
    }

    /// The complaint flag, if any.
    pub fn complaint(&self) -> Option<&ComplaintFlag> {
        self.complaint.as_ref()
    }

    /// The case this one follows up, if any.
    pub fn follow_up_of(&self) -> Option<&str> {
        self.follow_up_of.as_deref()
    }

    /// The case this duplicate was merged into, if any.
    pub fn merged_into(&self) -> Option<&str> {
        self.merged_into.as_deref()
    }

    /// The duplicates merged into this case.
    pub fn merged_from(&self) -> &[String] {
        &self.merged_from
    }

    /// The SLA targets staff were warned about (near or past due), each at most once.
    pub fn sla_warnings(&self) -> &[SlaTarget] {
        &self.sla_warnings
    }

    /// Whether staff were warned about `target` in its run started at `started_at` (a target that
    /// does not recur runs once per case).
    pub fn was_sla_warned(&self, target: SlaTarget, started_at: Timestamp) -> bool {
        match target.recurs() {
            true => self.sla_runs_warned.contains(&SlaRun { target, started_at }),
            false => self.sla_warnings.contains(&target),
        }
    }

    /// Notes that staff were warned about `target` in its run started at `started_at`; whether
    /// this is the first warning for that run.
    pub fn mark_sla_warned(&mut self, target: SlaTarget, started_at: Timestamp) -> bool {
        if self.was_sla_warned(target, started_at) {
            return false;
        }
        match target.recurs() {
            true => self.sla_runs_warned.push(SlaRun { target, started_at }),
            false => self.sla_warnings.push(target),
        }
        true
    }

    /// Takes the customer's words out of the case (their erasure): the subject and every message
    /// read as erased; who wrote when, the states and the SLA figures stay.
    pub fn erase_personal_data(&mut self) {
        self.subject = crate::erasure::ERASED.to_owned();
        for message in &mut self.messages {
            message.body = crate::erasure::ERASED.to_owned();
            if let Some(email) = &mut message.email {
                email.from = crate::erasure::ERASED.to_owned();
                email.full_body = crate::erasure::ERASED.to_owned();
                for attachment in &mut email.attachments {
                    attachment.name = crate::erasure::ERASED.to_owned();
                }
            }
        }
        self.customer_groups.clear();
    }

    /// The customer's groups when the case was opened: which of the SLA policy's overrides apply.
    pub fn customer_groups(&self) -> &[String] {
        &self.customer_groups
    }

    /// Records the customer's groups (the shop does when it opens the case).
    pub fn set_customer_groups(&mut self, groups: Vec<String>) {
        self.customer_groups = groups;
    }

    /// When the last state change happened (the opening time if none yet).
    pub(super) fn last_transition_at(&self) -> Timestamp {
        self.history.last().map_or(self.created_at, |t| t.at)
    }

    /// Appends a message and returns its id.
    pub(super) fn push_message(&mut self, author: CaseActor, kind: MessageKind, body: String, at: Timestamp) -> String {
        let id = new_id(at);
        self.messages.push(Message { id: id.clone(), author, kind, body, at, merged_from: None, email: None });
        id
    }

    pub(super) fn check_not_closed(&self) -> Result<(), SupportError> {
        match self.state {
            CaseState::Closed => Err(SupportError::CaseClosed { case_id: self.id.clone() }),
            _ => Ok(()),
        }
    }

    pub(super) fn check_in_order(&self, at: Timestamp) -> Result<(), SupportError> {
        let last = self.last_transition_at();
        match at < last {
            true => Err(SupportError::OutOfOrder { case_id: self.id.clone(), at, last }),
            false => Ok(()),
        }
    }

    fn check_reopen_window(&self, at: Timestamp, policy: &CasePolicy) -> Result<(), SupportError> {
        match (self.solved_at(), self.reopen_deadline(policy)) {
            (Some(solved_at), Some(deadline)) if at > deadline => {
                Err(SupportError::ReopenWindowClosed { case_id: self.id.clone(), solved_at, deadline })
            }
            _ => Ok(()),
        }
    }

    fn check_message(&self, author: &CaseActor, body: &str, at: Timestamp) -> Result<(), SupportError> {
        self.check_not_closed()?;
        self.check_in_order(at)?;
        if body.trim().is_empty() {
            return Err(SupportError::invalid("body", "must not be empty"));
        }
        match author {
            CaseActor::Customer { id } if *id != self.customer_id => {
                Err(SupportError::invalid("author", format!("customer {id} is not this case's customer")))
            }
            _ => Ok(()),
        }
    }
}

fn validate_new_case(new: &NewCase) -> Result<(), SupportError> {
    let required = [("customer_id", &new.customer_id), ("subject", &new.subject), ("description", &new.description)];
    if let Some((field, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(SupportError::invalid(*field, "must not be empty"));
    }
    if new.order_id.is_none() && !new.order_line_ids.is_empty() {
        return Err(SupportError::invalid("order_line_ids", "order lines need an order_id"));
    }
    match &new.opened_by {
        CaseActor::Customer { id } if *id != new.customer_id => {
            Err(SupportError::invalid("opened_by", "a customer can only open cases for themself"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    pub(crate) fn agent() -> CaseActor {
        CaseActor::Agent { id: "agent-1".into() }
    }

    pub(crate) fn customer() -> CaseActor {
        CaseActor::Customer { id: "cust-1".into() }
    }

    pub(crate) fn new_case() -> NewCase {
        NewCase {
            customer_id: "cust-1".into(),
            opened_by: customer(),
            channel: Channel::WebForm,
            subject: "Where is my parcel?".into(),
            description: "Ordered a week ago, nothing arrived.".into(),
            priority: Priority::Normal,
            category: CaseCategory::DeliveryProblem,
            order_id: Some("order-1".into()),
            order_line_ids: vec!["line-1".into()],
        }
    }

    pub(crate) fn opened_at(at: &str) -> SupportCase {
        SupportCase::open(new_case(), ts(at)).unwrap()
    }

    fn solved_case(solved_at: &str) -> SupportCase {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::Solved, agent(), ts(solved_at), &CasePolicy::default()).unwrap();
        case
    }

    #[test]
    fn open_starts_new_with_the_description_as_first_message() {
        let case = opened_at("2025-03-03T08:00:00Z");
        assert_eq!(case.state(), CaseState::New);
        assert_eq!(uuid::Uuid::parse_str(case.id()).unwrap().get_version_num(), 7);
        assert_eq!(case.messages().len(), 1);
        assert_eq!(case.messages()[0].kind, MessageKind::Description);
        assert!(case.history().is_empty());
    }

    #[test]
    fn open_rejects_missing_fields_naming_them() {
        let mut new = new_case();
        new.subject = "  ".into();
        assert_eq!(
            SupportCase::open(new, Timestamp::UNIX_EPOCH),
            Err(SupportError::invalid("subject", "must not be empty"))
        );
        let mut new = new_case();
        new.order_id = None;
        let err = SupportCase::open(new, Timestamp::UNIX_EPOCH).unwrap_err();
        assert!(matches!(err, SupportError::InvalidInput { field, .. } if field == "order_line_ids"));
        let mut new = new_case();
        new.opened_by = CaseActor::Customer { id: "someone-else".into() };
        assert!(SupportCase::open(new, Timestamp::UNIX_EPOCH).is_err());
    }

    #[test]
    fn staff_may_open_a_case_for_a_customer_by_phone() {
        let new = NewCase { opened_by: agent(), channel: Channel::Phone, ..new_case() };
        let case = SupportCase::open(new, Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(case.opened_by(), &agent());
        assert_eq!(case.channel(), Channel::Phone);
    }

    #[test]
    fn legal_transitions_are_recorded_with_time_actor_and_states() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let policy = CasePolicy::default();
        case.transition(CaseState::Open, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.transition(CaseState::PendingCustomer, agent(), ts("2025-03-03T10:00:00Z"), &policy).unwrap();
        assert_eq!(case.state(), CaseState::PendingCustomer);
        assert_eq!(
            case.history()[1],
            Transition {
                at: ts("2025-03-03T10:00:00Z"),
                actor: agent(),
                from: CaseState::Open,
                to: CaseState::PendingCustomer
            }
        );
    }

    #[test]
    fn illegal_transition_is_a_typed_error_and_changes_nothing() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let policy = CasePolicy::default();
        case.transition(CaseState::Closed, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        let before = case.clone();
        let err = case.transition(CaseState::Open, agent(), ts("2025-03-03T10:00:00Z"), &policy).unwrap_err();
        assert_eq!(
            err,
            SupportError::IllegalTransition { case_id: case.id().into(), from: CaseState::Closed, to: CaseState::Open }
        );
        assert_eq!(case, before);
    }

    #[test]
    fn transition_back_in_time_is_refused() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let err = case.transition(CaseState::Open, agent(), ts("2025-03-03T07:00:00Z"), &CasePolicy::default());
        assert!(matches!(err, Err(SupportError::OutOfOrder { .. })));
        assert_eq!(case.state(), CaseState::New);
    }

    #[test]
    fn reopen_within_the_window_is_allowed() {
        let mut case = solved_case("2025-03-04T12:00:00Z");
        let at = ts("2025-03-11T12:00:00Z"); // exactly 7 days later
        case.transition(CaseState::Open, customer(), at, &CasePolicy::default()).unwrap();
        assert_eq!(case.state(), CaseState::Open);
        assert_eq!(case.solved_at(), None);
    }

    #[test]
    fn reopen_after_the_window_needs_a_follow_up() {
        let mut case = solved_case("2025-03-04T12:00:00Z");
        let late = ts("2025-03-11T12:00:01Z");
        let err = case.transition(CaseState::Open, customer(), late, &CasePolicy::default()).unwrap_err();
        assert_eq!(
            err,
            SupportError::ReopenWindowClosed {
                case_id: case.id().into(),
                solved_at: ts("2025-03-04T12:00:00Z"),
                deadline: ts("2025-03-11T12:00:00Z"),
            }
        );
        assert_eq!(case.state(), CaseState::Solved);
        let follow_up = case.follow_up(customer(), "It broke again.".into(), late).unwrap();
        assert_eq!(follow_up.follow_up_of(), Some(case.id()));
        assert_eq!(follow_up.order_id(), Some("order-1"));
        assert_eq!(follow_up.state(), CaseState::New);
    }

    #[test]
    fn reopen_window_is_configurable() {
        let policy = CasePolicy { reopen_window: SignedDuration::from_hours(1), ..CasePolicy::default() };
        let mut case = solved_case("2025-03-04T12:00:00Z");
        assert!(case.transition(CaseState::Open, customer(), ts("2025-03-04T13:30:00Z"), &policy).is_err());
    }

    #[test]
    fn follow_up_of_an_active_case_is_refused() {
        let case = opened_at("2025-03-03T08:00:00Z");
        let err = case.follow_up(customer(), "more".into(), ts("2025-03-03T09:00:00Z")).unwrap_err();
        assert_eq!(err, SupportError::CaseStillActive { case_id: case.id().into(), state: CaseState::New });
    }

    #[test]
    fn solved_case_auto_closes_only_after_the_window() {
        let policy = CasePolicy::default();
        let mut case = solved_case("2025-03-04T12:00:00Z");
        assert!(!case.close_if_reopen_window_passed(&policy, ts("2025-03-10T12:00:00Z")).unwrap());
        assert!(case.close_if_reopen_window_passed(&policy, ts("2025-03-12T12:00:00Z")).unwrap());
        assert_eq!(case.state(), CaseState::Closed);
        assert_eq!(case.history().last().unwrap().actor, CaseActor::System);
    }

    #[test]
    fn customer_reply_wakes_a_pending_case() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::PendingCustomer, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.reply(customer(), "Here is the photo.".into(), ts("2025-03-03T10:00:00Z"), &policy).unwrap();
        assert_eq!(case.state(), CaseState::Open);
        assert_eq!(case.history().last().unwrap().actor, customer());
        assert_eq!(case.messages().len(), 2);
    }

    #[test]
    fn customer_reply_to_a_long_solved_case_is_refused_and_not_stored() {
        let policy = CasePolicy::default();
        let mut case = solved_case("2025-03-04T12:00:00Z");
        let err = case.reply(customer(), "Again!".into(), ts("2025-04-04T12:00:00Z"), &policy).unwrap_err();
        assert!(matches!(err, SupportError::ReopenWindowClosed { .. }));
        assert_eq!(case.messages().len(), 1);
    }

    #[test]
    fn messages_are_validated() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let at = ts("2025-03-03T09:00:00Z");
        assert!(case.reply(agent(), " ".into(), at, &policy).is_err());
        assert!(case.reply(CaseActor::Customer { id: "intruder".into() }, "hi".into(), at, &policy).is_err());
        assert!(case.add_internal_note(customer(), "psst".into(), at).is_err());
        let note = case.add_internal_note(agent(), "Courier says lost.".into(), at).unwrap();
        assert_eq!(case.messages().last().unwrap().id, note);
        assert_eq!(case.messages().last().unwrap().kind, MessageKind::InternalNote);
    }

    #[test]
    fn closed_case_takes_no_messages_or_changes() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::Closed, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        let closed = SupportError::CaseClosed { case_id: case.id().into() };
        assert_eq!(case.reply(agent(), "hi".into(), ts("2025-03-03T10:00:00Z"), &policy), Err(closed.clone()));
        assert_eq!(case.set_priority(Priority::Urgent), Err(closed.clone()));
        assert_eq!(case.set_category(CaseCategory::Other), Err(closed.clone()));
        assert_eq!(case.assign(Assignment::default()), Err(closed));
    }

    #[test]
    fn assignment_priority_and_category_can_change() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        let assignment = Assignment { agent_id: Some("agent-1".into()), queue: Some("delivery".into()) };
        case.assign(assignment.clone()).unwrap();
        case.set_priority(Priority::High).unwrap();
        case.set_category(CaseCategory::Complaint).unwrap();
        assert_eq!(case.assignment(), &assignment);
        assert_eq!((case.priority(), case.category()), (Priority::High, CaseCategory::Complaint));
    }

    #[test]
    fn complaint_flag_tracks_its_follow_up() {
        let mut case = opened_at("2025-03-03T08:00:00Z");
        assert!(case.complete_complaint_follow_up(ts("2025-03-03T09:00:00Z")).is_err());
        assert!(case.flag_complaint(agent(), "".into(), ts("2025-03-03T09:00:00Z")).is_err());
        case.flag_complaint(agent(), "Rude courier".into(), ts("2025-03-03T09:00:00Z")).unwrap();
        assert!(case.needs_complaint_follow_up());
        case.complete_complaint_follow_up(ts("2025-03-05T09:00:00Z")).unwrap();
        assert!(!case.needs_complaint_follow_up());
        assert_eq!(case.complaint().unwrap().followed_up_at, Some(ts("2025-03-05T09:00:00Z")));
    }

    #[test]
    fn case_round_trips_as_json() {
        let policy = CasePolicy::default();
        let mut case = opened_at("2025-03-03T08:00:00Z");
        case.transition(CaseState::Open, agent(), ts("2025-03-03T09:00:00Z"), &policy).unwrap();
        case.add_internal_note(agent(), "note".into(), ts("2025-03-03T09:05:00Z")).unwrap();
        case.flag_complaint(agent(), "late".into(), ts("2025-03-03T09:06:00Z")).unwrap();
        let json = serde_json::to_string(&case).unwrap();
        assert!(json.contains(r#""state":"open""#));
        assert_eq!(serde_json::from_str::<SupportCase>(&json).unwrap(), case);
        let policy_json = serde_json::to_string(&policy).unwrap();
        assert_eq!(serde_json::from_str::<CasePolicy>(&policy_json).unwrap(), policy);
        let new_json = serde_json::to_string(&new_case()).unwrap();
        assert_eq!(serde_json::from_str::<NewCase>(&new_json).unwrap(), new_case());
    }

    fn any_state() -> impl Strategy<Value = CaseState> {
        prop::sample::select(CaseState::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn random_transition_sequences_keep_history_consistent(
            steps in prop::collection::vec((any_state(), 0i64..5 * 24 * 60), 0..40)
        ) {
            let policy = CasePolicy::default();
            let mut case = opened_at("2025-03-03T08:00:00Z");
            let mut at = case.created_at();
            let mut legal = 0;
            for (to, minutes) in steps {
                at = at.checked_add(SignedDuration::from_mins(minutes)).unwrap();
                let before = case.state();
                match case.transition(to, agent(), at, &policy) {
                    Ok(()) => {
                        legal += 1;
                        prop_assert!(before.can_move_to(to));
                        prop_assert_eq!(case.state(), to);
                    }
                    Err(SupportError::ReopenWindowClosed { .. }) => prop_assert_eq!(case.state(), before),
                    Err(err) => {
                        prop_assert_eq!(case.state(), before);
                        prop_assert!(!before.can_move_to(to), "{}", err);
                    }
                }
                prop_assert_eq!(case.history().len(), legal);
            }
        }
    }
}
