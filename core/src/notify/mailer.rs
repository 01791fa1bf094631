//! The `Mailer` plug-in trait: hands one validated message to a transport (SMTP, a directory of .eml
//! files, memory) and says whether it was accepted, or why not and whether a retry may help.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::error::MailError;
use super::message::EmailMessage;

/// What a transport reports for an accepted message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SendReceipt {
    /// The message id that was sent.
    pub message_id: String,
    /// The transport's own words: an SMTP reply line, a file name.
    pub detail: String,
}

/// Sends e-mail. Implementations are shared as `Arc<dyn Mailer>`.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends `message`; a [`MailError::Transient`] is worth retrying, a [`MailError::Permanent`] is not.
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError>;
}
