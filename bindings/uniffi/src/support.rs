//! Support cases from the customer's side: open a case (optionally about an order), reply to it, and
//! "track my request" (`customer_view`: status and public timeline, without internal notes or staff
//! identities). Agents work in the back office, not here.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use vitrina_core::support as core;

use crate::checkout::timestamp;
use crate::errors::{invalid_input, support_class, variant_code, VitrinaError};

impl From<core::SupportError> for VitrinaError {
    fn from(e: core::SupportError) -> Self {
        let field = match &e {
            core::SupportError::InvalidInput { field, .. } => Some(field.clone()),
            _ => None,
        };
        support_class(e.to_string(), variant_code(&e), field)
    }
}

fn at_or_now(at: Option<SystemTime>) -> Result<jiff::Timestamp, VitrinaError> {
    timestamp(at, "at").map_err(|detail| support_class(detail, "invalid_input".to_owned(), Some("at".to_owned())))
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

impl From<SupportCategory> for core::Category {
    fn from(c: SupportCategory) -> Self {
        match c {
            SupportCategory::Question => core::Category::Question,
            SupportCategory::Complaint => core::Category::Complaint,
            SupportCategory::Warranty => core::Category::Warranty,
            SupportCategory::Return => core::Category::Return,
            SupportCategory::DeliveryProblem => core::Category::DeliveryProblem,
            SupportCategory::Other => core::Category::Other,
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
            opened_by: core::Actor::Customer { id: customer_id.clone() },
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
        let case = serde_json::from_str(&json).map_err(|e| invalid_input(support_class, "case", e))?;
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
        let author = core::Actor::Customer { id: case.customer_id().to_owned() };
        Ok(case.reply(author, body, at, &core::CasePolicy::default())?)
    }

    /// "Track my request": status and public timeline.
    pub fn customer_view(&self) -> CustomerCaseView {
        self.lock().customer_view().into()
    }
}
