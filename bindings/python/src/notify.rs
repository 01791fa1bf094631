//! E-mail plug-ins for the `Shop`: validated `EmailMessage`s (what a mailer is given) and mailers
//! (SMTP, or one written in Python as the core's `Mailer` trait); the shop queues and delivers.
//!
//! A Python mailer is an object with `send(message)` (`def` or `async def`) returning None, a detail
//! string or a dict `{"message_id", "detail"}`. An exception it raises is a transient failure (the
//! outbox retries it), except one whose `permanent` attribute is true.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use vitrina_core::notify::{EmailMessage, MailError, Mailer, NewEmail, SendReceipt};
use vitrina_mailer_smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};

use crate::convert::{serde_to_py, to_value};
use crate::errors::{err, invalid};
use crate::plugin::{call, describe};
use crate::run::{awaitable, blocking, Plain};

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
    serde_json::from_value(value).map_err(|e| invalid("receipt", e))
}

/// A Python exception from `send`: permanent when its `permanent` attribute is true.
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
        self.inner.clone().ok_or_else(|| invalid("mailer", "already closed"))
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
        other => Err(invalid("security", format!("{other:?} is not starttls, implicit_tls or plain_localhost"))),
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
        let inner = SmtpMailer::new(&config).map_err(|e| invalid("host", e))?;
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

/// A mailer for `Shop.open`: an `SmtpMailer` or an object with `send(message)`.
pub(crate) fn mailer_arg(mailer: &Bound<'_, PyAny>) -> PyResult<Arc<dyn Mailer>> {
    match mailer.cast::<PySmtpMailer>() {
        Ok(smtp) => Ok(smtp.get().mailer()?),
        Err(_) => Ok(Arc::new(PythonMailer { object: mailer.clone().unbind() })),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEmailMessage>()?;
    m.add_class::<PySmtpMailer>()?;
    Ok(())
}
