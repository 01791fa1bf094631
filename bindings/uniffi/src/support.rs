//! Support cases from the customer's side: open a case (optionally about an order), reply to it,
//! "track my request" (`customer_view`: status and public timeline, without internal notes or staff
//! identities), the list of the customer's cases with their SLA targets (`customer_cases`, with
//! `SupportSla`), and rating a solved case (`SatisfactionSurvey`, CSAT). Agents work in the back
//! office, not here.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use vitrina_core::support as core;

use crate::errors::{undecodable, VitrinaError};

/// `at`, or now when null.
fn timestamp(at: Option<SystemTime>, field: &str) -> Result<jiff::Timestamp, VitrinaError> {
    match at {
        Some(at) => jiff::Timestamp::try_from(at).map_err(|e| undecodable(field, format!("out of range: {e}"))),
        None => Ok(jiff::Timestamp::now()),
    }
}

fn at_or_now(at: Option<SystemTime>) -> Result<jiff::Timestamp, VitrinaError> {
    timestamp(at, "at")
}

/// What a case is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SupportCategory {
    /// A question.
    Question,
    /// A complaint.
    Complaint,
    /// A warranty claim.
    Warranty,
    /// A return.
    Return,
    /// A delivery problem.
    DeliveryProblem,
    /// Anything else.
    Other,
}

impl From<core::CaseCategory> for SupportCategory {
    fn from(c: core::CaseCategory) -> Self {
        match c {
            core::CaseCategory::Question => SupportCategory::Question,
            core::CaseCategory::Complaint => SupportCategory::Complaint,
            core::CaseCategory::Warranty => SupportCategory::Warranty,
            core::CaseCategory::Return => SupportCategory::Return,
            core::CaseCategory::DeliveryProblem => SupportCategory::DeliveryProblem,
            core::CaseCategory::Other => SupportCategory::Other,
        }
    }
}

impl From<SupportCategory> for core::CaseCategory {
    fn from(c: SupportCategory) -> Self {
        match c {
            SupportCategory::Question => core::CaseCategory::Question,
            SupportCategory::Complaint => core::CaseCategory::Complaint,
            SupportCategory::Warranty => core::CaseCategory::Warranty,
            SupportCategory::Return => core::CaseCategory::Return,
            SupportCategory::DeliveryProblem => core::CaseCategory::DeliveryProblem,
            SupportCategory::Other => core::CaseCategory::Other,
        }
    }
}

/// Where a request stands, as the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CustomerStatus {
    /// Received, not yet picked up.
    Received,
    /// Being worked on.
    InProgress,
    /// Support waits for the customer's answer.
    AwaitingYourReply,
    /// Solved (a reply reopens it for a while).
    Solved,
    /// Closed.
    Closed,
}

impl From<core::CustomerStatus> for CustomerStatus {
    fn from(s: core::CustomerStatus) -> Self {
        match s {
            core::CustomerStatus::Received => CustomerStatus::Received,
            core::CustomerStatus::InProgress => CustomerStatus::InProgress,
            core::CustomerStatus::AwaitingYourReply => CustomerStatus::AwaitingYourReply,
            core::CustomerStatus::Solved => CustomerStatus::Solved,
            core::CustomerStatus::Closed => CustomerStatus::Closed,
        }
    }
}

/// Who wrote a timeline message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TimelineAuthor {
    /// The customer.
    Customer,
    /// The shop's support (no staff identity).
    Support,
    /// The engine.
    System,
}

impl From<core::TimelineAuthor> for TimelineAuthor {
    fn from(a: core::TimelineAuthor) -> Self {
        match a {
            core::TimelineAuthor::Customer => TimelineAuthor::Customer,
            core::TimelineAuthor::Support => TimelineAuthor::Support,
            core::TimelineAuthor::System => TimelineAuthor::System,
        }
    }
}

/// One entry of a request's timeline: a public message or a status change.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CaseEvent {
    /// A public message.
    Message {
        /// Who wrote it.
        author: TimelineAuthor,
        /// Its text.
        body: String,
    },
    /// The status changed.
    Status {
        /// The new status.
        status: CustomerStatus,
    },
}

/// A dated timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseTimelineEntry {
    /// When.
    pub at: SystemTime,
    /// What.
    pub event: CaseEvent,
}

/// "Track my request": the customer-visible status and timeline of a case.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustomerCaseView {
    /// The case.
    pub case_id: String,
    /// Its subject.
    pub subject: String,
    /// Where it stands.
    pub status: CustomerStatus,
    /// When it was opened.
    pub opened_at: SystemTime,
    /// The case it was merged into, if any.
    pub merged_into: Option<String>,
    /// Messages and status changes, oldest first.
    pub timeline: Vec<CaseTimelineEntry>,
}

impl From<core::CustomerView> for CustomerCaseView {
    fn from(v: core::CustomerView) -> Self {
        CustomerCaseView {
            case_id: v.case_id,
            subject: v.subject,
            status: v.status.into(),
            opened_at: SystemTime::from(v.opened_at),
            merged_into: v.merged_into,
            timeline: v
                .timeline
                .into_iter()
                .map(|e| CaseTimelineEntry {
                    at: SystemTime::from(e.at),
                    event: match e.event {
                        core::TimelineEvent::Message { author, body } => {
                            CaseEvent::Message { author: author.into(), body }
                        }
                        core::TimelineEvent::Status { status } => CaseEvent::Status { status: status.into() },
                    },
                })
                .collect(),
        }
    }
}

/// A customer's support case.
#[derive(uniffi::Object)]
pub struct SupportCase {
    inner: Mutex<core::SupportCase>,
}

impl SupportCase {
    fn lock(&self) -> MutexGuard<'_, core::SupportCase> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[uniffi::export]
impl SupportCase {
    /// Opens a case from the app for `customer_id` (channel `web_form`, normal priority), optionally
    /// about an order; the description is its first message.
    #[uniffi::constructor(default(order_id = None, at = None))]
    pub fn open(
        customer_id: String,
        subject: String,
        description: String,
        category: SupportCategory,
        order_id: Option<String>,
        at: Option<SystemTime>,
    ) -> Result<Arc<SupportCase>, VitrinaError> {
        let at = at_or_now(at)?;
        let new = core::NewCase {
            opened_by: core::CaseActor::Customer { id: customer_id.clone() },
            customer_id,
            channel: core::Channel::WebForm,
            subject,
            description,
            priority: core::Priority::Normal,
            category: category.into(),
            order_id,
            order_line_ids: Vec::new(),
        };
        Ok(Arc::new(SupportCase { inner: Mutex::new(core::SupportCase::open(new, at)?) }))
    }

    /// A case from its JSON form (as the server gives it).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<SupportCase>, VitrinaError> {
        let case = serde_json::from_str(&json).map_err(|e| undecodable("case", e))?;
        Ok(Arc::new(SupportCase { inner: Mutex::new(case) }))
    }

    /// The case as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }

    /// The case's id.
    pub fn id(&self) -> String {
        self.lock().id().to_owned()
    }

    /// The order it is about, if any.
    pub fn order_id(&self) -> Option<String> {
        self.lock().order_id().map(str::to_owned)
    }

    /// The customer's reply (reopens a case awaiting them, or solved within the reopen window);
    /// returns the message id.
    #[uniffi::method(default(at = None))]
    pub fn reply(&self, body: String, at: Option<SystemTime>) -> Result<String, VitrinaError> {
        let at = at_or_now(at)?;
        let mut case = self.lock();
        let author = core::CaseActor::Customer { id: case.customer_id().to_owned() };
        Ok(case.reply(author, body, at, &core::CasePolicy::default())?)
    }

    /// "Track my request": status and public timeline.
    pub fn customer_view(&self) -> CustomerCaseView {
        self.lock().customer_view().into()
    }
}

/// Where an SLA target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SlaStatus {
    /// Running, with enough time left.
    Ok,
    /// Running, little time left.
    Warning,
    /// Overdue, or met too late.
    Breached,
    /// Met in time.
    Achieved,
}

impl From<core::SlaStatus> for SlaStatus {
    fn from(s: core::SlaStatus) -> Self {
        match s {
            core::SlaStatus::Ok => SlaStatus::Ok,
            core::SlaStatus::Warning => SlaStatus::Warning,
            core::SlaStatus::Breached => SlaStatus::Breached,
            core::SlaStatus::Achieved => SlaStatus::Achieved,
        }
    }
}

/// One SLA target of a case ("we reply within 4 business hours").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SlaTarget {
    /// The verdict.
    pub status: SlaStatus,
    /// When the target falls (or fell) due: "expect an answer by"; null once met in time, or while
    /// the clock is paused (the case waits for the customer).
    pub due_at: Option<SystemTime>,
    /// When it was met.
    pub met_at: Option<SystemTime>,
    /// Whether the clock is paused.
    pub paused: bool,
}

impl From<core::TargetReport> for SlaTarget {
    fn from(t: core::TargetReport) -> Self {
        SlaTarget {
            status: t.status.into(),
            due_at: t.due_at.map(SystemTime::from),
            met_at: t.met_at.map(SystemTime::from),
            paused: t.paused,
        }
    }
}

/// A case's two SLA targets, evaluated at one moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseSla {
    /// The first reply from support.
    pub first_response: SlaTarget,
    /// Solving the case.
    pub resolution: SlaTarget,
}

/// The shop's support SLA: targets per priority counted in business hours of its calendar.
#[derive(uniffi::Object)]
pub struct SupportSla {
    policy: core::SlaPolicy,
    calendar: core::BusinessCalendar,
}

#[uniffi::export]
impl SupportSla {
    /// The SLA from its JSON form, as the server gives it: `policy_json` a core `SlaPolicy`
    /// (`{low, normal, high, urgent, warning, pause_on_hold}`), `calendar_json` a business calendar
    /// (`{time_zone, weekly, holidays}`, validated).
    #[uniffi::constructor]
    pub fn from_json(policy_json: String, calendar_json: String) -> Result<Arc<SupportSla>, VitrinaError> {
        let policy = serde_json::from_str(&policy_json).map_err(|e| undecodable("sla_policy", e))?;
        let calendar = serde_json::from_str(&calendar_json).map_err(|e| undecodable("calendar", e))?;
        Ok(Arc::new(SupportSla { policy, calendar }))
    }

    /// The case's SLA targets as of `now` (null: now).
    #[uniffi::method(default(now = None))]
    pub fn evaluate(&self, case: Arc<SupportCase>, now: Option<SystemTime>) -> Result<CaseSla, VitrinaError> {
        let now = at_or_now(now)?;
        self.evaluate_core(&case.lock(), now)
    }
}

impl SupportSla {
    fn evaluate_core(&self, case: &core::SupportCase, now: jiff::Timestamp) -> Result<CaseSla, VitrinaError> {
        let report = self.policy.evaluate(case, &self.calendar, now)?;
        Ok(CaseSla { first_response: report.first_response.into(), resolution: report.resolution.into() })
    }
}

/// One of the customer's cases, for the "my requests" list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseSummary {
    /// The case.
    pub case_id: String,
    /// Its subject.
    pub subject: String,
    /// What it is about.
    pub category: SupportCategory,
    /// The order it is about, if any.
    pub order_id: Option<String>,
    /// Where it stands, as the customer sees it.
    pub status: CustomerStatus,
    /// When it was opened.
    pub opened_at: SystemTime,
    /// The latest public message or status change.
    pub last_activity_at: SystemTime,
    /// Public messages (the customer's and support's).
    pub message_count: u32,
    /// The case it was merged into, for a duplicate.
    pub merged_into: Option<String>,
    /// Its SLA targets, when an SLA was given.
    pub sla: Option<CaseSla>,
}

/// The cases of `customer_id` among `cases` (others are left out): open ones first, then solved
/// and closed ones, each group by latest activity first; with their SLA targets as of `now`
/// (null: now) when `sla` is given.
#[uniffi::export(default(sla = None, now = None))]
pub fn customer_cases(
    cases: Vec<Arc<SupportCase>>,
    customer_id: String,
    sla: Option<Arc<SupportSla>>,
    now: Option<SystemTime>,
) -> Result<Vec<CaseSummary>, VitrinaError> {
    let now = at_or_now(now)?;
    let mut summaries = Vec::new();
    for case in &cases {
        let case = case.lock();
        if case.customer_id() != customer_id {
            continue;
        }
        let view = case.customer_view();
        let last_activity = view.timeline.iter().map(|e| e.at).max().unwrap_or(view.opened_at).max(view.opened_at);
        let messages = view.timeline.iter().filter(|e| matches!(e.event, core::TimelineEvent::Message { .. }));
        summaries.push(CaseSummary {
            sla: sla.as_ref().map(|sla| sla.evaluate_core(&case, now)).transpose()?,
            category: case.category().into(),
            order_id: case.order_id().map(str::to_owned),
            message_count: u32::try_from(messages.count()).unwrap_or(u32::MAX),
            last_activity_at: SystemTime::from(last_activity),
            case_id: view.case_id,
            subject: view.subject,
            status: view.status.into(),
            opened_at: SystemTime::from(view.opened_at),
            merged_into: view.merged_into,
        });
    }
    let finished = |s: &CaseSummary| matches!(s.status, CustomerStatus::Solved | CustomerStatus::Closed);
    summaries.sort_by_key(|s| (finished(s), std::cmp::Reverse(s.last_activity_at)));
    Ok(summaries)
}

/// What a satisfaction survey asks about.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SurveySubject {
    /// A solved support case.
    Case {
        /// The case.
        case_id: String,
    },
    /// A delivered order.
    Order {
        /// The order.
        order_id: String,
    },
}

/// The customer's answer to a survey.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SurveyAnswer {
    /// 1 (very unsatisfied) to 5 (very satisfied).
    pub score: u8,
    /// The comment, trimmed; null when left empty.
    pub comment: Option<String>,
    /// When it was answered.
    pub answered_at: SystemTime,
}

/// A customer-satisfaction (CSAT) survey: rating the resolution of a solved case (or a delivery)
/// from 1 to 5, once, before it expires. A score of 1 or 2 flags the survey for a follow-up by the
/// shop.
#[derive(uniffi::Object)]
pub struct SatisfactionSurvey {
    inner: Mutex<core::SurveyRequest>,
}

impl SatisfactionSurvey {
    fn lock(&self) -> MutexGuard<'_, core::SurveyRequest> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[uniffi::export]
impl SatisfactionSurvey {
    /// A survey about `case`, sent at `at` (null: now), answerable for 14 days. The case must be
    /// solved or closed, else `VitrinaException.Support` with code `case_not_solved`.
    #[uniffi::constructor(default(at = None))]
    pub fn after_case_solved(
        case: Arc<SupportCase>,
        at: Option<SystemTime>,
    ) -> Result<Arc<SatisfactionSurvey>, VitrinaError> {
        let at = at_or_now(at)?;
        let survey = core::SurveyRequest::after_case_solved(&case.lock(), &core::CsatPolicy::default(), at)?;
        Ok(Arc::new(SatisfactionSurvey { inner: Mutex::new(survey) }))
    }

    /// A survey from its JSON form (as the server sent it).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<SatisfactionSurvey>, VitrinaError> {
        let survey = serde_json::from_str(&json).map_err(|e| undecodable("survey", e))?;
        Ok(Arc::new(SatisfactionSurvey { inner: Mutex::new(survey) }))
    }

    /// The survey as compact JSON (to send the answer to the server).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }

    /// The survey's id.
    pub fn id(&self) -> String {
        self.lock().id().to_owned()
    }

    /// What it asks about.
    pub fn subject(&self) -> SurveySubject {
        match self.lock().subject() {
            core::SurveySubject::Case { case_id } => SurveySubject::Case { case_id: case_id.clone() },
            core::SurveySubject::Order { order_id } => SurveySubject::Order { order_id: order_id.clone() },
        }
    }

    /// When it was sent.
    pub fn sent_at(&self) -> SystemTime {
        SystemTime::from(self.lock().sent_at())
    }

    /// The last moment it may be answered.
    pub fn expires_at(&self) -> SystemTime {
        SystemTime::from(self.lock().expires_at())
    }

    /// Whether it went unanswered past its expiry at `now` (null: now).
    #[uniffi::method(default(now = None))]
    pub fn is_expired(&self, now: Option<SystemTime>) -> Result<bool, VitrinaError> {
        Ok(self.lock().is_expired(at_or_now(now)?))
    }

    /// Rates the resolution: `score` 1 to 5 and an optional comment (at most 2000 characters),
    /// answered at `at` (null: now). Answers are final: a second answer is refused (`already_answered`),
    /// as is one after expiry (`expired`); a bad score or comment names the field.
    #[uniffi::method(default(comment = None, at = None))]
    pub fn answer(&self, score: u8, comment: Option<String>, at: Option<SystemTime>) -> Result<(), VitrinaError> {
        let at = at_or_now(at)?;
        Ok(self.lock().answer(score, comment.as_deref(), at)?)
    }

    /// The answer, null until given.
    pub fn response(&self) -> Option<SurveyAnswer> {
        self.lock().response().map(|r| SurveyAnswer {
            score: r.score,
            comment: r.comment.clone(),
            answered_at: SystemTime::from(r.answered_at),
        })
    }

    /// Whether a low score (1 or 2) awaits the shop's follow-up.
    pub fn needs_follow_up(&self) -> bool {
        self.lock().needs_follow_up()
    }
}
