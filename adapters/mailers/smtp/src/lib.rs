//! Vitrina's [`Mailer`] over SMTP: lettre's pooled async transport on tokio, with STARTTLS,
//! implicit TLS (rustls with ring, webpki roots) or plain SMTP to a server on this machine only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::net::IpAddr;
use std::time::Duration;

use async_trait::async_trait;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use thiserror::Error;
use vitrina_core::notify::{EmailMessage, MailError, Mailer, SendReceipt};
use vitrina_core::redact::REDACTED;
use vitrina_mailer_mime::to_lettre_message;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which is required (port 587 by default).
    StartTls,
    /// TLS from the first byte, "SMTPS" (port 465 by default).
    ImplicitTls,
    /// No encryption, allowed only for a server on this machine (`localhost`, `127.0.0.0/8`, `::1`;
    /// port 25 by default): a local relay or a test server.
    PlainLocalhost,
}

impl SmtpSecurity {
    fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::ImplicitTls => 465,
            SmtpSecurity::PlainLocalhost => 25,
        }
    }
}

/// Where and how to connect. Its `Debug` output leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// Server host name (also the name the TLS certificate must carry).
    pub host: String,
    /// Port; `None` uses the security mode's default.
    pub port: Option<u16>,
    /// Connection security.
    pub security: SmtpSecurity,
    /// User name and password for AUTH, if the server needs them.
    pub credentials: Option<(String, String)>,
    /// Time limit of each network operation.
    pub timeout: Duration,
    /// Most connections kept open in the pool.
    pub pool_max_size: u32,
    /// How long an unused pooled connection stays open.
    pub pool_idle_timeout: Duration,
    /// Name sent in EHLO; `None` sends this machine's host name.
    pub hello_name: Option<String>,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let credentials = self.credentials.as_ref().map(|(user, _)| (user, REDACTED));
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("credentials", &credentials)
            .field("timeout", &self.timeout)
            .field("pool_max_size", &self.pool_max_size)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("hello_name", &self.hello_name)
            .finish()
    }
}

impl SmtpConfig {
    /// A configuration for `host` with `security`: default port, no credentials, 30 s timeout,
    /// up to 4 pooled connections kept 60 s.
    pub fn new(host: &str, security: SmtpSecurity) -> SmtpConfig {
        SmtpConfig {
            host: host.to_owned(),
            port: None,
            security,
            credentials: None,
            timeout: Duration::from_secs(30),
            pool_max_size: 4,
            pool_idle_timeout: Duration::from_secs(60),
            hello_name: None,
        }
    }
}

/// Why an SMTP mailer could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SmtpConfigError {
    /// Plain SMTP was asked for a server that is not on this machine.
    #[error("host: plain SMTP is only allowed to localhost, not {host:?}; use StartTls or ImplicitTls")]
    NotLocalhost {
        /// The host given.
        host: String,
    },
    /// The host name is empty or cannot be used for TLS.
    #[error("host: {reason}")]
    InvalidHost {
        /// What is wrong.
        reason: String,
    },
}

/// Sends e-mail through an SMTP server; cheap to share (`Arc<dyn Mailer>`), connections are pooled.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpMailer {
    /// Builds the pooled transport; nothing is connected until the first send.
    pub fn new(config: &SmtpConfig) -> Result<SmtpMailer, SmtpConfigError> {
        let host = config.host.trim();
        if host.is_empty() {
            return Err(SmtpConfigError::InvalidHost { reason: "must not be empty".to_owned() });
        }
        let builder = match config.security {
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
            SmtpSecurity::ImplicitTls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
            SmtpSecurity::PlainLocalhost if is_local(host) => {
                Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host))
            }
            SmtpSecurity::PlainLocalhost => return Err(SmtpConfigError::NotLocalhost { host: host.to_owned() }),
        }
        .map_err(|err| SmtpConfigError::InvalidHost { reason: err.to_string() })?;
        let pool = PoolConfig::new().max_size(config.pool_max_size).idle_timeout(config.pool_idle_timeout);
        let mut builder = builder
            .port(config.port.unwrap_or(config.security.default_port()))
            .timeout(Some(config.timeout))
            .pool_config(pool);
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        if let Some(name) = &config.hello_name {
            builder = builder.hello_name(ClientId::Domain(name.clone()));
        }
        Ok(SmtpMailer { transport: builder.build() })
    }

    /// Connects and says hello to check the server is reachable; the error is a transient failure.
    pub async fn test_connection(&self) -> Result<(), MailError> {
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(MailError::Transient { reason: "the server did not answer NOOP".to_owned() }),
            Err(err) => Err(mail_error(&err)),
        }
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let lettre_message = to_lettre_message(message)?;
        let response = self.transport.send(lettre_message).await.map_err(|err| mail_error(&err))?;
        let detail = format!("{} {}", response.code(), response.message().collect::<Vec<_>>().join(" "));
        Ok(SendReceipt { message_id: message.message_id().to_owned(), detail })
    }
}

fn is_local(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// 5xx replies are permanent; everything else (4xx, timeouts, connection and TLS trouble) may pass.
fn mail_error(error: &lettre::transport::smtp::Error) -> MailError {
    let reason = error.to_string();
    if error.is_permanent() {
        MailError::Permanent { reason }
    } else {
        MailError::Transient { reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows_in_debug_output() {
        let mut config = SmtpConfig::new("smtp.example.com", SmtpSecurity::StartTls);
        config.credentials = Some(("shop".into(), "hunter2-s3cret".into()));
        let shown = format!("{config:?}");
        assert!(shown.contains("shop") && shown.contains(REDACTED), "{shown}");
        assert!(!shown.contains("hunter2-s3cret"), "{shown}");
    }

    #[tokio::test]
    async fn plain_smtp_is_refused_for_remote_hosts() {
        for host in ["mail.example.com", "10.0.0.5", "192.168.1.1"] {
            let err = SmtpMailer::new(&SmtpConfig::new(host, SmtpSecurity::PlainLocalhost)).err().unwrap();
            assert_eq!(err, SmtpConfigError::NotLocalhost { host: host.to_owned() });
        }
        for host in ["localhost", "127.0.0.1", "127.8.0.1", "::1", "[::1]"] {
            assert!(SmtpMailer::new(&SmtpConfig::new(host, SmtpSecurity::PlainLocalhost)).is_ok(), "{host}");
        }
    }

    #[tokio::test]
    async fn tls_modes_build_and_empty_hosts_are_refused() {
        assert!(SmtpMailer::new(&SmtpConfig::new("smtp.example.com", SmtpSecurity::StartTls)).is_ok());
        let mut implicit = SmtpConfig::new("smtp.example.com", SmtpSecurity::ImplicitTls);
        implicit.credentials = Some(("shop".into(), "secret".into()));
        implicit.hello_name = Some("shop.example.com".into());
        assert!(SmtpMailer::new(&implicit).is_ok());
        let empty = SmtpMailer::new(&SmtpConfig::new(" ", SmtpSecurity::StartTls)).err().unwrap();
        assert!(matches!(empty, SmtpConfigError::InvalidHost { .. }));
        assert_eq!(SmtpSecurity::ImplicitTls.default_port(), 465);
        assert_eq!(SmtpSecurity::StartTls.default_port(), 587);
    }
}
