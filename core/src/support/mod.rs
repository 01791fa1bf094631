//! After-sales support cases: the case aggregate and its state machine, customer-visible timeline,
//! merges, calendars, SLA targets and escalation, inbound e-mail, feedback forms, metrics. Pure: time is an argument.

mod business_hours;
mod canned;
mod case;
mod csat;
mod error;
mod escalation;
mod event;
mod form;
pub mod inbound;
mod mailbox;
mod merge;
mod message;
mod metrics;
mod pending;
mod queue;
mod sla;
mod state;
mod timeline;

pub use business_hours::{BusinessCalendar, BusinessCalendarSpec, OpeningInterval, WeeklyHours};
pub use canned::{CannedError, CannedLibrary, CannedReply, RenderedReply, MAX_TEMPLATE_CHARS};
pub use case::{
    Assignment, CaseCategory, CasePolicy, Channel, ComplaintFlag, NewCase, Priority, SlaRun, SupportCase, Transition,
};
pub use csat::{csat_summary, CsatError, CsatPolicy, CsatSummary, SurveyRequest, SurveyResponse, SurveySubject};
pub use error::SupportError;
pub use escalation::EscalationPolicy;
pub use event::CaseEvent;
pub use form::{FeedbackForm, FieldKind, FormField};
pub use message::{CaseActor, MailDetails, Message, MessageKind};
pub use metrics::{support_metrics, AgentStats, Period, SupportMetrics, SupportStats};
pub use queue::WorkQueueFilter;
pub use sla::{
    PriorityTargets, SlaOverride, SlaPolicy, SlaReport, SlaStatus, SlaTarget, SlaTargets, TargetReport,
    WarningThreshold,
};
pub use state::CaseState;
pub use timeline::{
    sort_requests, CaseSummary, CaseTimelineEntry, CustomerStatus, CustomerView, TimelineAuthor, TimelineEvent,
};
