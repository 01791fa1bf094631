//! E-mail: a mailer written in JavaScript (an object with async `send(message)`) as the core's `Mailer`
//! trait, the SMTP mailer, the durable `Outbox` (in memory) and its delivery runs.
//!
//! A throw or rejection in `send` is a transient failure (the entry is retried with back-off) unless
//! the error has `permanent: true` (the entry is dead at once); never a crash.

use std::mem::ManuallyDrop;
use std::sync::Arc;

use async_trait::async_trait;
use jiff::SignedDuration;
use napi::bindgen_prelude::{within_runtime_if_available, Either, Object, PromiseRaw, Unknown};
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::Value;
use tokio::runtime::Handle;
use vitrina_core::notify::{
    deliver_due, EmailMessage, MailError, Mailer, MemoryOutboxStore, NewEmail, OutboxPolicy, OutboxStore, SendReceipt,
};
use vitrina_mailer_smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};

use crate::convert::{from_js, optional_js, time_arg, to_js};
use crate::errors::{err, Failure, JsKind};
use crate::plugin::{JsPlugin, Reply};
use crate::task::settle;

/// A mailer implemented by a JavaScript object with `send(message)`.
pub(crate) struct JsMailer {
    name: String,
    plugin: JsPlugin,
}

/// What `send` may resolve to: nothing, or the transport's message id and a detail line.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Sent {
    message_id: Option<String>,
    detail: Option<String>,
}

impl JsMailer {
    pub(crate) fn new(env: &Env, object: Object<'_>) -> napi::Result<JsMailer> {
        let (plugin, described) = JsPlugin::new(env, object)?;
        Ok(JsMailer { name: described.name, plugin })
    }
}

#[async_trait]
impl Mailer for JsMailer {
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let argument = serde_json::to_value(message).unwrap_or(Value::Null);
        let failure = |reason: String| format!("mailer {} failed in send: {reason}", self.name);
        match self.plugin.call("send", argument).await {
            Reply::Missing {} => Err(MailError::Permanent { reason: failure("it has no send method".into()) }),
            Reply::Result(Value::Null) => Ok(receipt(message, Sent::default())),
            Reply::Result(value) => serde_json::from_value(value)
                .map(|sent| receipt(message, sent))
                .map_err(|e| MailError::Transient { reason: failure(format!("invalid result: {e}")) }),
            Reply::Failed { kind, message, permanent: true } => {
                Err(MailError::Permanent { reason: failure(format!("{kind}: {message}")) })
            }
            Reply::Failed { kind, message, .. } => {
                Err(MailError::Transient { reason: failure(format!("{kind}: {message}")) })
            }
        }
    }
}

fn receipt(message: &EmailMessage, sent: Sent) -> SendReceipt {
    SendReceipt {
        message_id: sent.message_id.unwrap_or_else(|| message.message_id().to_owned()),
        detail: sent.detail.unwrap_or_default(),
    }
}

/// Retry policy of a delivery run, in seconds (every field optional; defaults: 60 s doubling up to
/// 6 h, 8 attempts, a 300 s lease, 100 entries per run).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Policy {
    base_delay_seconds: Option<i64>,
    max_delay_seconds: Option<i64>,
    max_attempts: Option<u32>,
    lease_seconds: Option<i64>,
    batch_size: Option<usize>,
}

impl Policy {
    fn resolve(self) -> OutboxPolicy {
        let defaults = OutboxPolicy::default();
        let seconds = |value: Option<i64>, default| value.map_or(default, SignedDuration::from_secs);
        OutboxPolicy {
            base_delay: seconds(self.base_delay_seconds, defaults.base_delay),
            max_delay: seconds(self.max_delay_seconds, defaults.max_delay),
            max_attempts: self.max_attempts.unwrap_or(defaults.max_attempts),
            lease: seconds(self.lease_seconds, defaults.lease),
            batch_size: self.batch_size.unwrap_or(defaults.batch_size),
        }
    }
}

/// A validated e-mail (`{message_id, from, to, subject, text, html?, reply_to?, headers?,
/// attachments?}`) as the core's message; a bad address or a line break in a header names the field.
#[napi(ts_return_type = "EmailMessageData")]
pub fn compose_email<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "NewEmail | string")] email: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let message = message_arg(env, email)?;
    to_js(env, &message)
}

/// A fresh message id `<uuid@domain>` for an e-mail sent at `at` (RFC 3339; default now).
#[napi]
pub fn new_message_id(env: Env, domain: String, at: Option<String>) -> napi::Result<String> {
    Ok(EmailMessage::new_message_id(time_arg(&env, at, "at")?, &domain))
}

fn message_arg(env: &Env, email: Unknown<'_>) -> napi::Result<EmailMessage> {
    let new: NewEmail = from_js(env, email, "email")?;
    EmailMessage::new(new).map_err(|e| err(env, e))
}

/// The durable outbox of e-mails: queued once per message id, sent by delivery runs that retry with
/// back-off, in memory (a shop keeps its own in its store: `shop.runDue` delivers it).
#[napi(js_name = "Outbox")]
pub struct JsOutbox {
    inner: Arc<dyn OutboxStore>,
}

impl Default for JsOutbox {
    fn default() -> Self {
        JsOutbox { inner: Arc::new(MemoryOutboxStore::new()) }
    }
}

#[napi]
impl JsOutbox {
    /// A new outbox in memory.
    #[napi(constructor)]
    pub fn new() -> Self {
        JsOutbox::default()
    }

    /// Queues an e-mail (validated as `composeEmail` does) at `now`; resolves to `{entry, duplicate}`
    /// (`duplicate`: the same message was queued before). The same message id with other content
    /// rejects with `VITRINA_CONFLICT`.
    #[napi(ts_return_type = "Promise<{ entry: OutboxEntry; duplicate: boolean }>")]
    pub fn enqueue<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "NewEmail | string")] email: Unknown<'_>,
        now: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let (message, now) = (message_arg(env, email)?, time_arg(env, now, "now")?);
        let outbox = self.inner.clone();
        settle(env, async move { outbox.enqueue(message, now).await }, |env, outcome| to_js(env, &outcome))
    }

    /// An entry by id, or `null`.
    #[napi(ts_return_type = "Promise<OutboxEntry | null>")]
    pub fn get<'env>(&self, env: &'env Env, entry_id: String) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let outbox = self.inner.clone();
        settle(env, async move { outbox.get(&entry_id).await }, |env, entry| to_js(env, &entry))
    }

    /// Sends every entry due at `now` through `mailer` (an object with async `send(message)`), under
    /// `policy`; resolves to the entry ids `{sent, retrying, dead}`.
    #[napi(ts_return_type = "Promise<DeliveryReport>")]
    pub fn deliver_due<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "MailerObject | SmtpMailer")] mailer: Either<&JsSmtpMailer, Object<'_>>,
        #[napi(ts_arg_type = "OutboxPolicyData | null")] policy: Option<Unknown<'_>>,
        now: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let mailer: Arc<dyn Mailer> = match mailer {
            Either::A(smtp) => smtp.mailer(),
            Either::B(object) => Arc::new(JsMailer::new(env, object)?),
        };
        let policy = optional_js::<Policy>(env, policy, "policy")?.unwrap_or_default().resolve();
        let (outbox, now) = (self.inner.clone(), time_arg(env, now, "now")?);
        let work = async move { deliver_due(outbox.as_ref(), mailer.as_ref(), &policy, now).await };
        settle(env, work, |env, report| to_js(env, &report))
    }
}

/// How to reach an SMTP server (`security`: `starttls` (port 587), `tls` (465) or `plain_localhost`
/// (25, only to this machine)).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpSettings {
    host: String,
    #[serde(default)]
    port: Option<u16>,
    security: Security,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    timeout_seconds: Option<u64>,
    #[serde(default)]
    hello_name: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Security {
    Starttls,
    Tls,
    PlainLocalhost,
}

/// An SMTP mailer (lettre, pooled connections): usable by `Outbox.deliverDue` like a JavaScript mailer.
///
/// Its connection pool spawns tasks when built and when dropped, so both happen inside napi's tokio
/// runtime (the handle is kept for the drop, which may come from the garbage collector).
#[napi(js_name = "SmtpMailer")]
pub struct JsSmtpMailer {
    inner: ManuallyDrop<Arc<SmtpMailer>>,
    runtime: tokio::runtime::Handle,
}

impl JsSmtpMailer {
    /// The mailer, to plug into a delivery run or a shop.
    pub(crate) fn mailer(&self) -> Arc<dyn Mailer> {
        Arc::clone(&*self.inner) as Arc<dyn Mailer>
    }
}

impl Drop for JsSmtpMailer {
    fn drop(&mut self) {
        let _inside = self.runtime.enter();
        // SAFETY: `inner` is dropped once, here, and never used again.
        unsafe { ManuallyDrop::drop(&mut self.inner) };
    }
}

#[napi]
impl JsSmtpMailer {
    /// A mailer for `settings` (`{host, port?, security, username?, password?, timeout_seconds?,
    /// hello_name?}`); plain SMTP to another host is refused naming `host`.
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "SmtpSettings | string")] settings: Unknown<'_>) -> napi::Result<Self> {
        let settings: SmtpSettings = from_js(&env, settings, "settings")?;
        let security = match settings.security {
            Security::Starttls => SmtpSecurity::StartTls,
            Security::Tls => SmtpSecurity::ImplicitTls,
            Security::PlainLocalhost => SmtpSecurity::PlainLocalhost,
        };
        let mut config = SmtpConfig::new(&settings.host, security);
        config.port = settings.port;
        config.hello_name = settings.hello_name;
        if let Some(seconds) = settings.timeout_seconds {
            config.timeout = std::time::Duration::from_secs(seconds);
        }
        config.credentials = match (settings.username, settings.password) {
            (Some(user), Some(password)) => Some((user, password)),
            (None, None) => None,
            _ => {
                let reason = "username and password go together";
                return Err(err(
                    &env,
                    Failure::binding(JsKind::Error, "VITRINA_INVALID_INPUT", "settings.password", reason),
                ));
            }
        };
        let (mailer, runtime) = within_runtime_if_available(|| (SmtpMailer::new(&config), Handle::current()));
        let mailer = mailer.map_err(|e| {
            err(&env, Failure::binding(JsKind::Error, "VITRINA_INVALID_INPUT", "settings.host", e.to_string()))
        })?;
        Ok(JsSmtpMailer { inner: ManuallyDrop::new(Arc::new(mailer)), runtime })
    }

    /// Sends one e-mail now (validated as `composeEmail` does); resolves to `{message_id, detail}`
    /// (the server's answer), rejects with `VITRINA_MAIL_TRANSIENT` or `VITRINA_MAIL_PERMANENT`.
    #[napi(ts_return_type = "Promise<{ message_id: string; detail: string }>")]
    pub fn send<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "NewEmail | string")] email: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let (message, mailer) = (message_arg(env, email)?, Arc::clone(&*self.inner));
        settle(env, async move { mailer.send(&message).await }, |env, receipt| to_js(env, &receipt))
    }

    /// Checks that the server answers (connects and says NOOP).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn test_connection<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let mailer = Arc::clone(&*self.inner);
        settle(env, async move { mailer.test_connection().await }, |_, ()| Ok(()))
    }
}
