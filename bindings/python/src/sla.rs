//! Support values, typed: the SLA evaluation of a case (`SlaReport` with a `SlaTarget` per target,
//! due and met times as aware `datetime`s), its messages, state changes, complaint flag and the
//! customer's view, a survey's answer (`SurveyResponse`) and the CSAT summary (`CsatSummary`, average
//! and percentages as `decimal.Decimal`). Reprs are dataclass-like.

use jiff::Timestamp;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::support::{
    CaseTimelineEntry, ComplaintFlag, CsatSummary, CustomerView, Message, SlaReport, SlaStatus, SurveyResponse,
    TargetReport, TimelineEvent, Transition,
};

use crate::convert::{dataclass_repr, enum_name, serde_to_py};

/// The evaluation of one SLA target (first response or resolution) at one instant.
#[pyclass(module = "vitrina", name = "SlaTarget", frozen, eq)]
#[derive(PartialEq)]
pub struct PySlaTarget(TargetReport);

#[pymethods]
impl PySlaTarget {
    /// The target in business minutes.
    #[getter]
    fn target_minutes(&self) -> u32 {
        self.0.target_minutes
    }
    /// Business minutes counted so far (or until met), pauses excluded, rounded down.
    #[getter]
    fn elapsed_minutes(&self) -> i64 {
        self.0.elapsed_minutes
    }
    /// When the target falls (or fell) due; None if it was met in time or the clock is paused
    /// before the target was used up.
    #[getter]
    fn due_at(&self) -> Option<Timestamp> {
        self.0.due_at
    }
    /// When the target was met, if it was.
    #[getter]
    fn met_at(&self) -> Option<Timestamp> {
        self.0.met_at
    }
    /// Whether the clock is paused now (and the target not yet met).
    #[getter]
    fn paused(&self) -> bool {
        self.0.paused
    }
    /// `ok`, `warning`, `breached` or `achieved`.
    #[getter]
    fn status(&self) -> &'static str {
        match self.0.status {
            SlaStatus::Ok => "ok",
            SlaStatus::Warning => "warning",
            SlaStatus::Breached => "breached",
            SlaStatus::Achieved => "achieved",
        }
    }
    /// Whether the target is overdue or was met too late.
    #[getter]
    fn breached(&self) -> bool {
        self.0.status == SlaStatus::Breached
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = ["target_minutes", "elapsed_minutes", "due_at", "met_at", "paused", "status"];
        dataclass_repr(slf.as_any(), "SlaTarget", &fields)
    }
}

/// The SLA evaluation of one case at one instant.
#[pyclass(module = "vitrina", name = "SlaReport", frozen)]
pub struct PySlaReport(pub(crate) SlaReport);

#[pymethods]
impl PySlaReport {
    #[getter]
    fn case_id(&self) -> &str {
        &self.0.case_id
    }
    /// The priority whose targets applied.
    #[getter]
    fn priority(&self) -> String {
        enum_name(&self.0.priority)
    }
    /// The instant evaluated at (later events are ignored).
    #[getter]
    fn evaluated_at(&self) -> Timestamp {
        self.0.evaluated_at
    }
    /// The first public agent reply.
    #[getter]
    fn first_response(&self) -> PySlaTarget {
        PySlaTarget(self.0.first_response.clone())
    }
    /// Solving the case.
    #[getter]
    fn resolution(&self) -> PySlaTarget {
        PySlaTarget(self.0.resolution.clone())
    }
    /// Whether either target is breached.
    #[getter]
    fn breached(&self) -> bool {
        self.0.first_response.status == SlaStatus::Breached || self.0.resolution.status == SlaStatus::Breached
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = ["case_id", "priority", "evaluated_at", "first_response", "resolution"];
        dataclass_repr(slf.as_any(), "SlaReport", &fields)
    }
}

/// A customer's answer to a satisfaction survey.
#[pyclass(module = "vitrina", name = "SurveyResponse", frozen, eq)]
#[derive(PartialEq)]
pub struct PySurveyResponse(pub(crate) SurveyResponse);

#[pymethods]
impl PySurveyResponse {
    /// 1 (very unsatisfied) to 5 (very satisfied).
    #[getter]
    fn score(&self) -> u8 {
        self.0.score
    }
    /// Free text, trimmed; None if left empty.
    #[getter]
    fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    #[getter]
    fn answered_at(&self) -> Timestamp {
        self.0.answered_at
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "SurveyResponse", &["score", "comment", "answered_at"])
    }
}

/// Counts, average score and CSAT percentages of a set of surveys; the average and percentages
/// are exact `Decimal`s (None when nothing was answered, or sent).
#[pyclass(module = "vitrina", name = "CsatSummary", frozen, eq)]
#[derive(PartialEq)]
pub struct PyCsatSummary(pub(crate) CsatSummary);

#[pymethods]
impl PyCsatSummary {
    /// Surveys sent.
    #[getter]
    fn sent(&self) -> u32 {
        self.0.sent
    }
    /// Surveys answered.
    #[getter]
    fn answered(&self) -> u32 {
        self.0.answered
    }
    /// Answers per score: `histogram[0]` counts 1s, `histogram[4]` counts 5s.
    #[getter]
    fn histogram(&self) -> Vec<u32> {
        self.0.histogram.to_vec()
    }
    /// Mean score, two decimals, half away from zero.
    #[getter]
    fn average(&self) -> Option<Decimal> {
        self.0.average
    }
    /// Share of answers scoring 4 or 5, in percent with one decimal.
    #[getter]
    fn satisfied_percent(&self) -> Option<Decimal> {
        self.0.satisfied_percent
    }
    /// Share of sent surveys answered, in percent with one decimal.
    #[getter]
    fn response_rate_percent(&self) -> Option<Decimal> {
        self.0.response_rate_percent
    }
    /// Low scores still awaiting their follow-up.
    #[getter]
    fn follow_ups_due(&self) -> u32 {
        self.0.follow_ups_due
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = [
            "sent",
            "answered",
            "histogram",
            "average",
            "satisfied_percent",
            "response_rate_percent",
            "follow_ups_due",
        ];
        dataclass_repr(slf.as_any(), "CsatSummary", &fields)
    }
}

/// One message of a case: the description, a public reply or an internal note.
#[pyclass(module = "vitrina", name = "SupportMessage", frozen)]
pub struct PySupportMessage(pub(crate) Message);

#[pymethods]
impl PySupportMessage {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// Who wrote it, in the tagged form (`{"kind": "agent", "id": "ivan"}`).
    #[getter]
    fn author<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.author)
    }
    /// `description` (the opening message), `public_reply` or `internal_note`.
    #[getter]
    fn kind(&self) -> String {
        enum_name(&self.0.kind)
    }
    #[getter]
    fn body(&self) -> &str {
        &self.0.body
    }
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// The case it was merged from, if it was.
    #[getter]
    fn merged_from(&self) -> Option<&str> {
        self.0.merged_from.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "SupportMessage", &["id", "author", "kind", "body", "at", "merged_from"])
    }
}

/// A recorded state change of a case.
#[pyclass(module = "vitrina", name = "CaseTransition", frozen)]
pub struct PyCaseTransition(pub(crate) Transition);

#[pymethods]
impl PyCaseTransition {
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.actor)
    }
    /// The state before.
    #[getter(from_state)]
    fn state_before(&self) -> String {
        enum_name(&self.0.from)
    }
    #[getter]
    fn to_state(&self) -> String {
        enum_name(&self.0.to)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "CaseTransition", &["at", "actor", "from_state", "to_state"])
    }
}

/// A case flagged as a complaint, and when it was followed up.
#[pyclass(module = "vitrina", name = "ComplaintFlag", frozen)]
pub struct PyComplaintFlag(pub(crate) ComplaintFlag);

#[pymethods]
impl PyComplaintFlag {
    #[getter]
    fn flagged_at(&self) -> Timestamp {
        self.0.flagged_at
    }
    #[getter]
    fn flagged_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.flagged_by)
    }
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }
    #[getter]
    fn followed_up_at(&self) -> Option<Timestamp> {
        self.0.followed_up_at
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "ComplaintFlag", &["flagged_at", "flagged_by", "reason", "followed_up_at"])
    }
}

/// One step of the timeline a customer sees: a message (`author` `customer`, `support` or
/// `system`, and `body`) or a status change (`status`).
#[pyclass(module = "vitrina", name = "CaseTimelineEntry", frozen)]
pub struct PyCaseTimelineEntry(CaseTimelineEntry);

#[pymethods]
impl PyCaseTimelineEntry {
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// `message` or `status`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0.event {
            TimelineEvent::Message { .. } => "message",
            TimelineEvent::Status { .. } => "status",
        }
    }
    /// Who wrote a message (`customer`, `support`, `system`); None for a status change.
    #[getter]
    fn author(&self) -> Option<String> {
        match &self.0.event {
            TimelineEvent::Message { author, .. } => Some(enum_name(author)),
            TimelineEvent::Status { .. } => None,
        }
    }
    /// A message's text; None for a status change.
    #[getter]
    fn body(&self) -> Option<&str> {
        match &self.0.event {
            TimelineEvent::Message { body, .. } => Some(body),
            TimelineEvent::Status { .. } => None,
        }
    }
    /// The status moved to (`received`, `in_progress`, `awaiting_your_reply`, `solved`, `closed`);
    /// None for a message.
    #[getter]
    fn status(&self) -> Option<String> {
        match &self.0.event {
            TimelineEvent::Status { status } => Some(enum_name(status)),
            TimelineEvent::Message { .. } => None,
        }
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields: &[&str] = match slf.get().0.event {
            TimelineEvent::Message { .. } => &["at", "kind", "author", "body"],
            TimelineEvent::Status { .. } => &["at", "kind", "status"],
        };
        dataclass_repr(slf.as_any(), "CaseTimelineEntry", fields)
    }
}

/// "Track my request": the status and public timeline a customer sees (no internal notes, no staff
/// identities).
#[pyclass(module = "vitrina", name = "CustomerView", frozen)]
pub struct PyCustomerView(pub(crate) CustomerView);

#[pymethods]
impl PyCustomerView {
    #[getter]
    fn case_id(&self) -> &str {
        &self.0.case_id
    }
    #[getter]
    fn subject(&self) -> &str {
        &self.0.subject
    }
    /// `received`, `in_progress`, `awaiting_your_reply`, `solved` or `closed`.
    #[getter]
    fn status(&self) -> String {
        enum_name(&self.0.status)
    }
    #[getter]
    fn opened_at(&self) -> Timestamp {
        self.0.opened_at
    }
    /// The case this one was merged into, if it was.
    #[getter]
    fn merged_into(&self) -> Option<&str> {
        self.0.merged_into.as_deref()
    }
    /// The public steps, oldest first.
    #[getter]
    fn timeline(&self) -> Vec<PyCaseTimelineEntry> {
        self.0.timeline.iter().cloned().map(PyCaseTimelineEntry).collect()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "CustomerView", &["case_id", "subject", "status", "opened_at", "merged_into"])
    }
}

/// Registers the classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySupportMessage>()?;
    m.add_class::<PyCaseTransition>()?;
    m.add_class::<PyComplaintFlag>()?;
    m.add_class::<PyCaseTimelineEntry>()?;
    m.add_class::<PyCustomerView>()?;
    m.add_class::<PySlaTarget>()?;
    m.add_class::<PySlaReport>()?;
    m.add_class::<PySurveyResponse>()?;
    m.add_class::<PyCsatSummary>()?;
    Ok(())
}
