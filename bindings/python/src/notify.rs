//! E-mail: validated `EmailMessage`s, mailers (SMTP, or one written in Python as the core's `Mailer`
//! trait) and the `Notifier` that queues lifecycle e-mails for domain events and delivers the outbox.
//!
//! A Python mailer is an object with `send(message)` (`def` or `async def`) returning None, a detail
//! string or a dict `{"message_id", "detail"}`. An exception it raises is a transient failure (the
//! outbox retries it), except a `MailError` whose `permanent` is true.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use vitrina_core::event::RecordedEvent;
use vitrina_core::notify::{
    deliver_due, notify_event, EmailMessage, MailError, Mailer, MemoryOutboxStore, NewEmail, NotificationContext,
    Notified, NotifyError, OutboxEntry, OutboxPolicy, SendReceipt, ShopProfile, TemplateStore,
};
use vitrina_core::order::Order;
use vitrina_core::returns::Rma;
use vitrina_core::shipping::Shipment;
use vitrina_core::support::{SupportCase, SurveyRequest};
use vitrina_mailer_smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};

use crate::convert::{dataclass_repr, enum_name, from_py, serde_to_py, timestamp_or_now, to_value};
use crate::errors::{err, invalid_input, Class};
use crate::order::PyOrder;
use crate::plugin::{call, describe};
use crate::run::{awaitable, blocking, Plain, ToPy};
use crate::shipping::PyShipment;
use crate::support::{PySupportCase, PySurvey};

/// One e-mail, valid by construction (addresses, subject and headers checked; no header injection).
#[pyclass(module = "vitrina", name = "EmailMessage", frozen)]
pub struct PyEmailMessage(pub(crate) EmailMessage);

#[pymethods]
impl PyEmailMessage {
    /// A message from `from_` to `to` (mailboxes such as `Ana <ana@example.com>`); `message_id`
    /// defaults to a fresh `<uuid@sender-domain>`. A bad field raises `NotifyError` naming it.
    #[new]
    #[pyo3(signature = (*, from_, to, subject, text, html=None, reply_to=None, headers=Vec::new(), message_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        from_: String,
        to: Vec<String>,
        subject: String,
        text: String,
        html: Option<String>,
        reply_to: Option<String>,
        headers: Vec<(String, String)>,
        message_id: Option<String>,
    ) -> PyResult<Self> {
        let message_id = message_id.unwrap_or_else(|| {
            let domain = from_.rsplit_once('@').map_or("localhost", |(_, d)| d.trim_end_matches('>'));
            EmailMessage::new_message_id(Timestamp::now(), domain)
        });
        let new =
            NewEmail { message_id, from: from_, to, reply_to, subject, text, html, headers, attachments: Vec::new() };
        Ok(PyEmailMessage(EmailMessage::new(new).map_err(err)?))
    }

    #[getter]
    fn message_id(&self) -> &str {
        self.0.message_id()
    }
    /// The sender mailbox.
    #[getter(from_address)]
    fn sender(&self) -> String {
        self.0.from().to_string()
    }
    #[getter]
    fn to(&self) -> Vec<String> {
        self.0.to().iter().map(ToString::to_string).collect()
    }
    #[getter]
    fn reply_to(&self) -> Option<String> {
        self.0.reply_to().map(ToString::to_string)
    }
    #[getter]
    fn subject(&self) -> &str {
        self.0.subject()
    }
    #[getter]
    fn text(&self) -> &str {
        self.0.text()
    }
    #[getter]
    fn html(&self) -> Option<&str> {
        self.0.html()
    }
    /// Extra header fields as `(name, value)` pairs.
    #[getter]
    fn headers(&self) -> Vec<(String, String)> {
        self.0.headers().iter().map(|h| (h.name().to_owned(), h.value().to_owned())).collect()
    }

    /// The message as RFC 5322 bytes (MIME), ready for `smtplib` or a `.eml` file.
    fn as_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let message = vitrina_mailer_mime::to_lettre_message(&self.0).map_err(err)?;
        Ok(PyBytes::new(py, &message.formatted()))
    }

    /// The message as a dict in the core's JSON shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("EmailMessage(message_id={:?}, subject={:?})", self.0.message_id(), self.0.subject())
    }
}

/// A mailer implemented by a Python object.
struct PythonMailer {
    object: Py<PyAny>,
}

#[async_trait]
impl Mailer for PythonMailer {
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let answer = call(&self.object, "send", |py| Ok(Bound::new(py, PyEmailMessage(message.clone()))?.into_any()));
        let Some(answer) = answer.await else {
            return Err(MailError::Permanent { reason: "the mailer has no send method".to_owned() });
        };
        let message_id = message.message_id().to_owned();
        Python::attach(|py| match answer {
            Ok(value) => receipt(value.bind(py), message_id)
                .map_err(|e| MailError::Permanent { reason: format!("send returned {}", describe(py, &e).1) }),
            Err(e) => Err(mail_failure(py, &e)),
        })
    }
}

/// What `send` returned: None, a detail string, or a receipt dict.
fn receipt(value: &Bound<'_, PyAny>, message_id: String) -> PyResult<SendReceipt> {
    if value.is_none() {
        return Ok(SendReceipt { message_id, detail: String::new() });
    }
    if let Ok(detail) = value.cast::<PyString>() {
        return Ok(SendReceipt { message_id, detail: detail.to_cow()?.into_owned() });
    }
    let value = to_value(value, "receipt")?;
    serde_json::from_value(value).map_err(|e| invalid_input(Class::Mail, "receipt", e))
}

/// A Python exception from `send`: permanent when it is a `MailError` with `permanent` true.
fn mail_failure(py: Python<'_>, e: &PyErr) -> MailError {
    let (kind, message) = describe(py, e);
    let permanent = e.value(py).getattr("permanent").and_then(|p| p.extract::<bool>()).unwrap_or(false);
    let reason = format!("{kind}: {message}");
    if permanent {
        MailError::Permanent { reason }
    } else {
        MailError::Transient { reason }
    }
}

/// Sends e-mail through an SMTP server (pooled connections): `security` is `starttls` (port 587),
/// `implicit_tls` (465) or `plain_localhost` (25; only to a server on this machine).
#[pyclass(module = "vitrina", name = "SmtpMailer", frozen)]
pub struct PySmtpMailer {
    /// Always set until dropped (see `Drop`).
    inner: Option<Arc<SmtpMailer>>,
    host: String,
}

impl PySmtpMailer {
    fn mailer(&self) -> PyResult<Arc<SmtpMailer>> {
        self.inner.clone().ok_or_else(|| invalid_input(Class::Mail, "mailer", "already closed"))
    }
}

/// lettre's connection pool lives on tokio: it is built and dropped inside the binding's runtime.
impl Drop for PySmtpMailer {
    fn drop(&mut self) {
        let _runtime = pyo3_async_runtimes::tokio::get_runtime().enter();
        self.inner.take();
    }
}

fn security(name: &str) -> PyResult<SmtpSecurity> {
    match name {
        "starttls" => Ok(SmtpSecurity::StartTls),
        "implicit_tls" => Ok(SmtpSecurity::ImplicitTls),
        "plain_localhost" => Ok(SmtpSecurity::PlainLocalhost),
        other => Err(invalid_input(
            Class::Mail,
            "security",
            format!("{other:?} is not starttls, implicit_tls or plain_localhost"),
        )),
    }
}

#[pymethods]
impl PySmtpMailer {
    #[new]
    #[pyo3(signature = (host, *, port=None, security="starttls", username=None, password=None, timeout_seconds=30, hello_name=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        host: &str,
        port: Option<u16>,
        security: &str,
        username: Option<String>,
        password: Option<String>,
        timeout_seconds: u64,
        hello_name: Option<String>,
    ) -> PyResult<Self> {
        let mut config = SmtpConfig::new(host, self::security(security)?);
        config.port = port;
        config.credentials = username.zip(password);
        config.timeout = Duration::from_secs(timeout_seconds);
        config.hello_name = hello_name;
        let _runtime = pyo3_async_runtimes::tokio::get_runtime().enter();
        let inner = SmtpMailer::new(&config).map_err(|e| invalid_input(Class::Mail, "host", e))?;
        Ok(PySmtpMailer { inner: Some(Arc::new(inner)), host: host.to_owned() })
    }

    /// Sends `message`; returns `{"message_id", "detail"}` (the server's reply) or raises `MailError`.
    fn send(&self, py: Python<'_>, message: PyRef<'_, PyEmailMessage>) -> PyResult<Py<PyAny>> {
        let (mailer, message) = (self.mailer()?, message.0.clone());
        blocking(py, async move { mailer.send(&message).await.map(Plain) })
    }

    fn send_async<'py>(&self, py: Python<'py>, message: PyRef<'py, PyEmailMessage>) -> PyResult<Bound<'py, PyAny>> {
        let (mailer, message) = (self.mailer()?, message.0.clone());
        awaitable(py, async move { mailer.send(&message).await.map(Plain) })
    }

    /// Connects and says hello; raises `MailError` when the server cannot be reached.
    fn test_connection(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let mailer = self.mailer()?;
        blocking(py, async move { mailer.test_connection().await })
    }

    fn __repr__(&self) -> String {
        format!("SmtpMailer(host={:?})", self.host)
    }
}

/// The mailer `deliver_due` sends through: an `SmtpMailer` or an object with `send(message)`.
pub(crate) fn mailer_arg(mailer: &Bound<'_, PyAny>) -> PyResult<Arc<dyn Mailer>> {
    match mailer.cast::<PySmtpMailer>() {
        Ok(smtp) => Ok(smtp.get().mailer()?),
        Err(_) => Ok(Arc::new(PythonMailer { object: mailer.clone().unbind() })),
    }
}

/// What the e-mails look up, given by the caller for one `notify` call.
struct Lookups {
    profile: ShopProfile,
    orders: Vec<Order>,
    shipments: Vec<Shipment>,
    cases: Vec<SupportCase>,
    surveys: Vec<SurveyRequest>,
    product_names: BTreeMap<String, String>,
    staff_names: BTreeMap<String, String>,
    tracking_url: Option<String>,
}

impl NotificationContext for Lookups {
    fn shop(&self) -> &ShopProfile {
        &self.profile
    }
    fn order(&self, order_id: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.id() == order_id)
    }
    fn shipment(&self, shipment_id: &str) -> Option<&Shipment> {
        self.shipments.iter().find(|s| s.id() == shipment_id)
    }
    fn support_case(&self, case_id: &str) -> Option<&SupportCase> {
        self.cases.iter().find(|c| c.id() == case_id)
    }
    fn rma(&self, _: &str) -> Option<&Rma> {
        None
    }
    fn customer(&self, _: &str) -> Option<&vitrina_core::customer::Customer> {
        None
    }
    fn priced_cart(&self, _: &str) -> Option<&vitrina_core::pricing::PricedCart> {
        None
    }
    fn product_name(&self, variant_id: &str) -> Option<String> {
        self.product_names.get(variant_id).cloned()
    }
    fn staff_name(&self, staff_id: &str) -> Option<String> {
        self.staff_names.get(staff_id).cloned()
    }
    fn tracking_url(&self, shipment: &Shipment) -> Option<String> {
        let number = shipment.tracking_number()?;
        self.tracking_url.as_ref().map(|template| template.replace("{tracking_number}", number))
    }
    fn delivery_survey(&self, order: &Order) -> Option<&SurveyRequest> {
        let subject = vitrina_core::support::SurveySubject::Order { order_id: order.id().to_owned() };
        self.surveys.iter().find(|s| *s.subject() == subject)
    }
}

struct Queued(Notified);

impl ToPy for Queued {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Plain(self.0).to_py(py)
    }
}

/// Lifecycle e-mails: `notify(event, ...)` renders the e-mail a domain event calls for (order
/// confirmation with payment instructions for bank transfers, shipped, delivered, support reply...)
/// in the recipient's locale with the built-in templates and queues it in the outbox (a replayed
/// event queues nothing new); `deliver_due(mailer)` sends what is due, retrying failures later.
#[pyclass(module = "vitrina", name = "Notifier", frozen)]
pub struct PyNotifier {
    profile: ShopProfile,
    templates: Arc<TemplateStore>,
    outbox: Arc<MemoryOutboxStore>,
    policy: OutboxPolicy,
}

#[allow(clippy::too_many_arguments)]
impl PyNotifier {
    fn lookups(
        &self,
        orders: Vec<PyRef<'_, PyOrder>>,
        shipments: Vec<PyRef<'_, PyShipment>>,
        cases: Vec<PyRef<'_, PySupportCase>>,
        surveys: Vec<PyRef<'_, PySurvey>>,
        product_names: BTreeMap<String, String>,
        staff_names: BTreeMap<String, String>,
        tracking_url: Option<String>,
    ) -> Lookups {
        Lookups {
            profile: self.profile.clone(),
            orders: orders.iter().map(|o| o.inner.clone()).collect(),
            shipments: shipments.iter().map(|s| s.inner.clone()).collect(),
            cases: cases.iter().map(|c| c.inner.clone()).collect(),
            surveys: surveys.iter().map(|s| s.inner.clone()).collect(),
            product_names,
            staff_names,
            tracking_url,
        }
    }

    fn notify_future(
        &self,
        event: &Bound<'_, PyAny>,
        lookups: Lookups,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<impl std::future::Future<Output = Result<Queued, NotifyError>> + Send + 'static> {
        let event: RecordedEvent<vitrina_core::notify::DomainEvent> =
            match event.cast::<crate::events::PyRecordedEvent>() {
                Ok(event) => event.get().0.clone(),
                Err(_) => from_py(event, "event", Class::Notify)?,
            };
        let now = timestamp_or_now(now, "now")?;
        let (templates, outbox) = (self.templates.clone(), self.outbox.clone());
        Ok(async move { notify_event(&event, &lookups, &templates, outbox.as_ref(), now).await.map(Queued) })
    }

    fn deliver_future(
        &self,
        mailer: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<
        impl std::future::Future<
                Output = Result<Plain<vitrina_core::notify::DeliveryReport>, vitrina_core::notify::OutboxError>,
            > + Send
            + 'static,
    > {
        let (mailer, now) = (mailer_arg(mailer)?, timestamp_or_now(now, "now")?);
        let (outbox, policy) = (self.outbox.clone(), self.policy);
        Ok(async move { deliver_due(outbox.as_ref(), mailer.as_ref(), &policy, now).await.map(Plain) })
    }
}

#[pymethods]
impl PyNotifier {
    /// A notifier for the shop `shop` (a dict: `shop_id`, `info` {`name`, `url`, `support_email`},
    /// `sender`, `bank` {`beneficiary`, `iban`, `bic`, `bank_name`} or None, `transfer_window` as a
    /// `timedelta`), queueing into an outbox in memory (a `Shop` keeps its outbox in its store).
    /// `max_attempts` failed sends make an entry dead; retries wait from `retry_delay` doubling.
    #[new]
    #[pyo3(signature = (shop, *, default_locale="en", time_zone="UTC", max_attempts=8))]
    fn new(shop: &Bound<'_, PyAny>, default_locale: &str, time_zone: &str, max_attempts: u32) -> PyResult<Self> {
        let profile: ShopProfile = from_py(shop, "shop", Class::Notify)?;
        let mut templates = TemplateStore::new();
        let settings = vitrina_core::notify::ShopSettings {
            default_locale: default_locale.to_owned(),
            time_zone: time_zone.to_owned(),
        };
        templates.configure_shop(&profile.shop_id, settings).map_err(err)?;
        let outbox = Arc::new(MemoryOutboxStore::new());
        let policy = OutboxPolicy { max_attempts, ..OutboxPolicy::default() };
        Ok(PyNotifier { profile, templates: Arc::new(templates), outbox, policy })
    }

    /// Queues the e-mail `event` (a `RecordedEvent` from `take_events()` of an order, shipment or
    /// case, or its dict form) calls for, looking up what it needs in `orders`, `shipments`, `cases`
    /// and `surveys`;
    /// `product_names` maps variant ids to the names shown, `staff_names` agent ids to names, and
    /// `tracking_url` is a template with `{tracking_number}`. Returns `{"outcome": "queued",
    /// "entry_id", "message_id"}`, `{"outcome": "already_queued", ...}` or `{"outcome": "skipped",
    /// "reason": ...}`.
    #[pyo3(signature = (event, *, orders=Vec::new(), shipments=Vec::new(), cases=Vec::new(), surveys=Vec::new(), product_names=BTreeMap::new(), staff_names=BTreeMap::new(), tracking_url=None, now=None))]
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        py: Python<'_>,
        event: &Bound<'_, PyAny>,
        orders: Vec<PyRef<'_, PyOrder>>,
        shipments: Vec<PyRef<'_, PyShipment>>,
        cases: Vec<PyRef<'_, PySupportCase>>,
        surveys: Vec<PyRef<'_, PySurvey>>,
        product_names: BTreeMap<String, String>,
        staff_names: BTreeMap<String, String>,
        tracking_url: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let lookups = self.lookups(orders, shipments, cases, surveys, product_names, staff_names, tracking_url);
        blocking(py, self.notify_future(event, lookups, now)?)
    }

    #[pyo3(signature = (event, *, orders=Vec::new(), shipments=Vec::new(), cases=Vec::new(), surveys=Vec::new(), product_names=BTreeMap::new(), staff_names=BTreeMap::new(), tracking_url=None, now=None))]
    #[allow(clippy::too_many_arguments)]
    fn notify_async<'py>(
        &self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
        orders: Vec<PyRef<'py, PyOrder>>,
        shipments: Vec<PyRef<'py, PyShipment>>,
        cases: Vec<PyRef<'py, PySupportCase>>,
        surveys: Vec<PyRef<'py, PySurvey>>,
        product_names: BTreeMap<String, String>,
        staff_names: BTreeMap<String, String>,
        tracking_url: Option<String>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lookups = self.lookups(orders, shipments, cases, surveys, product_names, staff_names, tracking_url);
        awaitable(py, self.notify_future(event, lookups, now)?)
    }

    /// Sends every queued e-mail due at `now` through `mailer` (an `SmtpMailer` or an object with
    /// `send(message)`); returns `{"sent": [...], "retrying": [...], "dead": [...]}` entry ids.
    #[pyo3(signature = (mailer, now=None))]
    fn deliver_due(
        &self,
        py: Python<'_>,
        mailer: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        blocking(py, self.deliver_future(mailer, now)?)
    }

    #[pyo3(signature = (mailer, now=None))]
    fn deliver_due_async<'py>(
        &self,
        py: Python<'py>,
        mailer: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, self.deliver_future(mailer, now)?)
    }

    /// The outbox entries, oldest first.
    fn outbox(&self) -> Vec<PyOutboxEntry> {
        self.outbox.entries().into_iter().map(PyOutboxEntry).collect()
    }

    fn __repr__(&self) -> String {
        format!("Notifier(shop_id={:?})", self.profile.shop_id)
    }
}

/// A queued e-mail in the outbox: the message, where it stands (`pending`, `sending`, `sent`,
/// `failed`, `dead`), attempts so far, the latest failure, and its times as aware datetimes.
#[pyclass(module = "vitrina", name = "OutboxEntry", frozen)]
pub struct PyOutboxEntry(OutboxEntry);

impl ToPy for OutboxEntry {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyOutboxEntry(self))?.into_any())
    }
}

#[pymethods]
impl PyOutboxEntry {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn message(&self) -> PyEmailMessage {
        PyEmailMessage(self.0.message.clone())
    }
    /// `pending`, `sending`, `sent`, `failed` or `dead`.
    #[getter]
    fn status(&self) -> String {
        enum_name(&self.0.status)
    }
    /// Attempts started so far.
    #[getter]
    fn attempts(&self) -> u32 {
        self.0.attempts
    }
    /// When it is due next (for `sending`: when its lease ends).
    #[getter]
    fn next_attempt_at(&self) -> Timestamp {
        self.0.next_attempt_at
    }
    /// The latest failure, if any.
    #[getter]
    fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// When it was queued.
    #[getter]
    fn created_at(&self) -> Timestamp {
        self.0.created_at
    }
    /// When the mailer accepted it.
    #[getter]
    fn sent_at(&self) -> Option<Timestamp> {
        self.0.sent_at
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = ["id", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at"];
        dataclass_repr(slf.as_any(), "OutboxEntry", &fields)
    }
}

/// Registers the e-mail classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOutboxEntry>()?;
    m.add_class::<PyEmailMessage>()?;
    m.add_class::<PySmtpMailer>()?;
    m.add_class::<PyNotifier>()?;
    Ok(())
}
