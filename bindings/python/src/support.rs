//! Support: the `SupportCase` aggregate (open, reply, notes, assignment, state machine, complaints,
//! SLA due times and breaches), canned replies and CSAT surveys, all wrapping `vitrina_core::support`.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use pyo3::prelude::*;
use pyo3::types::PyString;
use vitrina_core::support::{
    csat_summary, Assignment, BusinessCalendar, CannedLibrary, CannedReply, CaseActor, CaseCategory, CasePolicy,
    CaseState, Channel, CsatPolicy, NewCase, Priority, SlaPolicy, SupportCase, SurveyRequest,
};

use crate::convert::{
    enum_arg, enum_name, extract_timestamp, from_json, from_py, serde_to_py, timestamp_or_now, to_json,
};
use crate::errors::{err, invalid};
use crate::run::ToPy;

/// Who acts on a case: `"system"`, `"agent:<id>"`, `"customer:<id>"`, or the tagged dict
/// (`{"kind": "agent", "id": "ivan"}`).
fn actor(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<CaseActor> {
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        let tagged = match text.split_once(':') {
            Some((kind, id)) => serde_json::json!({ "kind": kind.trim(), "id": id.trim() }),
            None => serde_json::json!({ "kind": text.trim() }),
        };
        return serde_json::from_value(tagged).map_err(|e| invalid(field, e));
    }
    from_py(obj, field)
}

fn actor_or_system(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<CaseActor> {
    match obj {
        Some(obj) if !obj.is_none() => actor(obj, field),
        _ => Ok(CaseActor::System),
    }
}

/// The case policy with `reopen_window` (a `timedelta`; default 7 days).
fn policy(reopen_window: Option<SignedDuration>) -> CasePolicy {
    reopen_window
        .map_or_else(CasePolicy::default, |reopen_window| CasePolicy { reopen_window, ..CasePolicy::default() })
}

/// A customer's support request: its conversation (public replies and internal notes),
/// assignment, priority, category and lifecycle (`new`, `open`, `pending_customer`, `on_hold`,
/// `solved`, `closed`). Every change is checked by the core; a refused one raises `SupportError`.
#[pyclass(module = "vitrina", name = "SupportCase")]
pub struct PySupportCase {
    pub(crate) inner: SupportCase,
}

impl ToPy for SupportCase {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PySupportCase { inner: self })?.into_any())
    }
}

#[pymethods]
impl PySupportCase {
    /// Opens a case for `customer_id` (by the customer unless `opened_by` names staff); the
    /// description becomes the first public message. `channel`: `email`, `chat`, `web_form`,
    /// `phone`; `priority`: `low`, `normal`, `high`, `urgent`; `category`: `question`, `complaint`,
    /// `warranty`, `return`, `delivery_problem`, `other`.
    #[staticmethod]
    #[pyo3(signature = (*, customer_id, subject, description, opened_by=None, channel="web_form", priority="normal", category="question", order_id=None, order_line_ids=Vec::new(), at=None))]
    #[allow(clippy::too_many_arguments)]
    fn open(
        customer_id: String,
        subject: String,
        description: String,
        opened_by: Option<&Bound<'_, PyAny>>,
        channel: &str,
        priority: &str,
        category: &str,
        order_id: Option<String>,
        order_line_ids: Vec<String>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let opened_by = match opened_by {
            Some(by) if !by.is_none() => actor(by, "opened_by")?,
            _ => CaseActor::Customer { id: customer_id.clone() },
        };
        let new = NewCase {
            customer_id,
            opened_by,
            channel: enum_arg::<Channel>(channel, "channel")?,
            subject,
            description,
            priority: enum_arg::<Priority>(priority, "priority")?,
            category: enum_arg::<CaseCategory>(category, "category")?,
            order_id,
            order_line_ids,
        };
        let inner = SupportCase::open(new, timestamp_or_now(at, "at")?).map_err(err)?;
        Ok(PySupportCase { inner })
    }

    /// A case from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PySupportCase { inner: from_json(json, "case")? })
    }

    /// The case as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// An independent copy.
    fn copy(&self) -> PySupportCase {
        PySupportCase { inner: self.inner.clone() }
    }

    /// Adds a public reply by `author` (`"agent:<id>"`, `"customer:<id>"`); a customer's reply to a
    /// case pending on them, or solved within `reopen_window`, reopens it. Returns the message id.
    #[pyo3(signature = (author, body, at=None, *, reopen_window=None))]
    fn reply(
        &mut self,
        author: &Bound<'_, PyAny>,
        body: String,
        at: Option<&Bound<'_, PyAny>>,
        reopen_window: Option<SignedDuration>,
    ) -> PyResult<String> {
        let (author, at) = (actor(author, "author")?, timestamp_or_now(at, "at")?);
        self.inner.reply(author, body, at, &policy(reopen_window)).map_err(err)
    }

    /// Adds a staff-only note; returns the message id.
    #[pyo3(signature = (author, body, at=None))]
    fn add_internal_note(
        &mut self,
        author: &Bound<'_, PyAny>,
        body: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let (author, at) = (actor(author, "author")?, timestamp_or_now(at, "at")?);
        self.inner.add_internal_note(author, body, at).map_err(err)
    }

    /// Moves the case to state `to` (a solved case reopens only within `reopen_window`).
    #[pyo3(signature = (to, actor=None, at=None, *, reopen_window=None))]
    fn transition(
        &mut self,
        to: &str,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        reopen_window: Option<SignedDuration>,
    ) -> PyResult<()> {
        let to: CaseState = enum_arg(to, "to")?;
        let (actor, at) = (actor_or_system(actor, "actor")?, timestamp_or_now(at, "at")?);
        self.inner.transition(to, actor, at, &policy(reopen_window)).map_err(err)
    }

    /// Closes a solved case whose reopen window has passed at `now`; whether it closed it.
    #[pyo3(signature = (now=None, *, reopen_window=None))]
    fn close_if_reopen_window_passed(
        &mut self,
        now: Option<&Bound<'_, PyAny>>,
        reopen_window: Option<SignedDuration>,
    ) -> PyResult<bool> {
        let now = timestamp_or_now(now, "now")?;
        self.inner.close_if_reopen_window_passed(&policy(reopen_window), now).map_err(err)
    }

    /// Opens a new case continuing this solved or closed one.
    #[pyo3(signature = (opened_by, description, at=None))]
    fn follow_up(
        &self,
        opened_by: &Bound<'_, PyAny>,
        description: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PySupportCase> {
        let (by, at) = (actor(opened_by, "opened_by")?, timestamp_or_now(at, "at")?);
        Ok(PySupportCase { inner: self.inner.follow_up(by, description, at).map_err(err)? })
    }

    /// Sets who handles the case: an agent, a queue (team), both or neither.
    #[pyo3(signature = (agent_id=None, queue=None))]
    fn assign(&mut self, agent_id: Option<String>, queue: Option<String>) -> PyResult<()> {
        self.inner.assign(Assignment { agent_id, queue }).map_err(err)
    }

    fn set_priority(&mut self, priority: &str) -> PyResult<()> {
        self.inner.set_priority(enum_arg(priority, "priority")?).map_err(err)
    }

    fn set_category(&mut self, category: &str) -> PyResult<()> {
        self.inner.set_category(enum_arg(category, "category")?).map_err(err)
    }

    /// Marks the case as a complaint needing a follow-up by the shop.
    #[pyo3(signature = (by, reason, at=None))]
    fn flag_complaint(&mut self, by: &Bound<'_, PyAny>, reason: String, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let (by, at) = (actor(by, "by")?, timestamp_or_now(at, "at")?);
        self.inner.flag_complaint(by, reason, at).map_err(err)
    }

    /// Records that the complaint was followed up.
    #[pyo3(signature = (at=None))]
    fn complete_complaint_follow_up(&mut self, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        self.inner.complete_complaint_follow_up(timestamp_or_now(at, "at")?).map_err(err)
    }

    /// The SLA evaluation at `now`: `policy` is a dict of targets per priority in business minutes
    /// (`{"low": {"first_response_minutes": ..., "resolution_minutes": ...}, "normal", "high",
    /// "urgent", "warning": {"kind": "remaining_percent", "percent": 20}, "pause_on_hold": bool}`)
    /// and `calendar` the business hours (`{"time_zone": "Europe/Sofia", "weekly": {"monday":
    /// [{"start": "09:00", "end": "17:00"}], ...}, "holidays": ["2026-12-25"]}`). Returns
    /// `first_response` and `resolution` reports with `due_at`, `status` (`ok`, `warning`,
    /// `breached`, `achieved`), elapsed business minutes and whether the clock is paused.
    #[pyo3(signature = (policy, calendar, now=None))]
    fn sla(
        &self,
        policy: &Bound<'_, PyAny>,
        calendar: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::sla::PySlaReport> {
        let policy: SlaPolicy = from_py(policy, "policy")?;
        let calendar: BusinessCalendar = from_py(calendar, "calendar")?;
        let now = timestamp_or_now(now, "now")?;
        Ok(crate::sla::PySlaReport(policy.evaluate(&self.inner, &calendar, now).map_err(err)?))
    }

    /// The domain events recorded since the last call (`support_reply_posted` for each agent
    /// reply), as `RecordedEvent`s for `Notifier.notify`, leaving none behind.
    fn take_events(&mut self) -> Vec<crate::events::PyRecordedEvent> {
        crate::events::events(self.inner.take_events())
    }

    /// "Track my request": the status and public timeline the customer sees (no internal notes,
    /// no staff identities).
    fn customer_view(&self) -> crate::sla::PyCustomerView {
        crate::sla::PyCustomerView(self.inner.customer_view())
    }

    /// When the case can no longer be reopened, if it is solved.
    #[pyo3(signature = (reopen_window=None))]
    fn reopen_deadline(&self, reopen_window: Option<SignedDuration>) -> Option<Timestamp> {
        self.inner.reopen_deadline(&policy(reopen_window))
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    #[getter]
    fn customer_id(&self) -> &str {
        self.inner.customer_id()
    }
    #[getter]
    fn order_id(&self) -> Option<&str> {
        self.inner.order_id()
    }
    #[getter]
    fn order_line_ids(&self) -> Vec<String> {
        self.inner.order_line_ids().to_vec()
    }
    #[getter]
    fn subject(&self) -> &str {
        self.inner.subject()
    }
    #[getter]
    fn channel(&self) -> String {
        enum_name(&self.inner.channel())
    }
    #[getter]
    fn priority(&self) -> String {
        enum_name(&self.inner.priority())
    }
    #[getter]
    fn category(&self) -> String {
        enum_name(&self.inner.category())
    }
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state().as_str()
    }
    #[getter]
    fn created_at(&self) -> Timestamp {
        self.inner.created_at()
    }
    #[getter]
    fn solved_at(&self) -> Option<Timestamp> {
        self.inner.solved_at()
    }
    /// `{"agent_id": ..., "queue": ...}`.
    #[getter]
    fn assignment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.assignment())
    }
    /// Every message (public replies and internal notes), oldest first.
    #[getter]
    fn messages(&self) -> Vec<crate::sla::PySupportMessage> {
        self.inner.messages().iter().cloned().map(crate::sla::PySupportMessage).collect()
    }
    /// Every state change, oldest first.
    #[getter]
    fn history(&self) -> Vec<crate::sla::PyCaseTransition> {
        self.inner.history().iter().cloned().map(crate::sla::PyCaseTransition).collect()
    }
    /// The complaint flag, or None.
    #[getter]
    fn complaint(&self) -> Option<crate::sla::PyComplaintFlag> {
        self.inner.complaint().cloned().map(crate::sla::PyComplaintFlag)
    }
    #[getter]
    fn needs_complaint_follow_up(&self) -> bool {
        self.inner.needs_complaint_follow_up()
    }

    fn __repr__(&self) -> String {
        format!(
            "SupportCase(id={:?}, subject={:?}, state={:?}, priority={:?})",
            self.inner.id(),
            self.inner.subject(),
            self.inner.state().as_str(),
            enum_name(&self.inner.priority())
        )
    }
}

/// The shop's canned replies: one template per locale, rendered with placeholder values
/// (`{{ customer_name }}`); an unknown placeholder or a missing value raises `SupportError`.
#[pyclass(module = "vitrina", name = "CannedReplies")]
pub struct PyCannedReplies {
    inner: CannedLibrary,
}

#[pymethods]
impl PyCannedReplies {
    /// An empty library.
    #[new]
    fn new() -> Self {
        PyCannedReplies { inner: CannedLibrary::default() }
    }

    /// Adds `reply` (a dict: `id`, `title`, `category`, `default_locale`, `variants` as
    /// `{locale: template}`), checking every template.
    fn add(&mut self, reply: &Bound<'_, PyAny>) -> PyResult<()> {
        let reply: CannedReply = from_py(reply, "reply")?;
        self.inner.add(reply).map_err(err)
    }

    /// Replaces the reply with the same id.
    fn update(&mut self, reply: &Bound<'_, PyAny>) -> PyResult<()> {
        let reply: CannedReply = from_py(reply, "reply")?;
        self.inner.update(reply).map_err(err)
    }

    /// Removes and returns the reply `reply_id` (a dict).
    fn remove<'py>(&mut self, py: Python<'py>, reply_id: &str) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.remove(reply_id).map_err(err)?)
    }

    /// The replies as dicts; of one `category` when given.
    #[pyo3(signature = (category=None))]
    fn replies<'py>(&self, py: Python<'py>, category: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        match category {
            Some(category) => serde_to_py(py, &self.inner.in_category(category)),
            None => serde_to_py(py, self.inner.replies()),
        }
    }

    /// Renders `reply_id` for `locale` (falling back to its language, then the default locale) with
    /// `values`; returns `{"reply_id", "locale", "body"}`.
    #[pyo3(signature = (reply_id, locale, values=BTreeMap::new()))]
    fn render<'py>(
        &self,
        py: Python<'py>,
        reply_id: &str,
        locale: &str,
        values: BTreeMap<String, String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.render(reply_id, locale, &values).map_err(err)?)
    }

    fn __len__(&self) -> usize {
        self.inner.replies().len()
    }
}

/// A customer satisfaction survey about a solved case or a delivered order: answered once, before
/// it expires, with a score of 1 to 5; a score of 1 or 2 flags it for follow-up.
#[pyclass(module = "vitrina", name = "Survey")]
pub struct PySurvey {
    pub(crate) inner: SurveyRequest,
}

#[pymethods]
impl PySurvey {
    /// A survey about `case`, which must be solved or closed, sent at `at`, valid for `validity`
    /// (default 14 days).
    #[staticmethod]
    #[pyo3(signature = (case, at=None, *, validity=None))]
    fn after_case_solved(
        case: PyRef<'_, PySupportCase>,
        at: Option<&Bound<'_, PyAny>>,
        validity: Option<SignedDuration>,
    ) -> PyResult<Self> {
        let policy = validity.map_or_else(CsatPolicy::default, |validity| CsatPolicy { validity });
        let inner = SurveyRequest::after_case_solved(&case.inner, &policy, timestamp_or_now(at, "at")?).map_err(err)?;
        Ok(PySurvey { inner })
    }

    /// A survey about the order `order_id` of `customer_id`, delivered at `delivered_at`.
    #[staticmethod]
    #[pyo3(signature = (order_id, customer_id, delivered_at, at=None, *, validity=None))]
    fn after_delivery(
        order_id: &str,
        customer_id: &str,
        delivered_at: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        validity: Option<SignedDuration>,
    ) -> PyResult<Self> {
        let policy = validity.map_or_else(CsatPolicy::default, |validity| CsatPolicy { validity });
        let delivered_at = extract_timestamp(delivered_at, "delivered_at")?;
        let at = timestamp_or_now(at, "at")?;
        let inner = SurveyRequest::after_delivery(order_id, customer_id, delivered_at, &policy, at).map_err(err)?;
        Ok(PySurvey { inner })
    }

    /// Records the answer.
    #[pyo3(signature = (score, comment=None, at=None))]
    fn answer(&mut self, score: u8, comment: Option<&str>, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        self.inner.answer(score, comment, timestamp_or_now(at, "at")?).map_err(err)
    }

    /// Records that a low score was followed up.
    #[pyo3(signature = (at=None))]
    fn complete_follow_up(&mut self, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        self.inner.complete_follow_up(timestamp_or_now(at, "at")?).map_err(err)
    }

    fn is_expired(&self, now: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_expired(extract_timestamp(now, "now")?))
    }

    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PySurvey { inner: from_json(json, "survey")? })
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// `{"kind": "case", "case_id": ...}` or `{"kind": "order", "order_id": ...}`.
    #[getter]
    fn subject<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.subject())
    }
    #[getter]
    fn customer_id(&self) -> &str {
        self.inner.customer_id()
    }
    #[getter]
    fn sent_at(&self) -> Timestamp {
        self.inner.sent_at()
    }
    #[getter]
    fn expires_at(&self) -> Timestamp {
        self.inner.expires_at()
    }
    /// The answer (`score`, `comment`, `answered_at`) once answered, else None.
    #[getter]
    fn response(&self) -> Option<crate::sla::PySurveyResponse> {
        self.inner.response().cloned().map(crate::sla::PySurveyResponse)
    }
    #[getter]
    fn needs_follow_up(&self) -> bool {
        self.inner.needs_follow_up()
    }

    fn __repr__(&self) -> String {
        format!(
            "Survey(id={:?}, score={})",
            self.inner.id(),
            self.inner.response().map_or("None".to_owned(), |r| r.score.to_string())
        )
    }
}

impl ToPy for SurveyRequest {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PySurvey { inner: self })?.into_any())
    }
}

/// Counts, average score and CSAT percentage (share of 4 and 5) of the answered `surveys`.
#[pyfunction(name = "csat_summary")]
pub(crate) fn csat_summary_of(surveys: Vec<PyRef<'_, PySurvey>>) -> crate::sla::PyCsatSummary {
    let surveys: Vec<SurveyRequest> = surveys.iter().map(|s| s.inner.clone()).collect();
    crate::sla::PyCsatSummary(csat_summary(&surveys))
}

/// Registers the support classes and functions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySupportCase>()?;
    m.add_class::<PyCannedReplies>()?;
    m.add_class::<PySurvey>()?;
    m.add_function(wrap_pyfunction!(csat_summary_of, m)?)?;
    crate::sla::register(m)?;
    Ok(())
}
