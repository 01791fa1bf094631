//! Vitrina's [`Mailer`] that writes each message as an `.eml` file into a directory, through
//! lettre's file transport: for development, demos and keeping an audit copy of what was sent.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use lettre::{AsyncFileTransport, AsyncTransport, Tokio1Executor};
use vitrina_core::notify::{EmailMessage, MailError, Mailer, SendReceipt};
use vitrina_mailer_mime::to_lettre_message;

/// Writes `<uuid>.eml` files (the full RFC 5322 message) into one directory, which must exist.
pub struct FileMailer {
    directory: PathBuf,
    transport: AsyncFileTransport<Tokio1Executor>,
}

impl FileMailer {
    /// A mailer writing into `directory`.
    pub fn new(directory: impl AsRef<Path>) -> FileMailer {
        let directory = directory.as_ref().to_path_buf();
        FileMailer { transport: AsyncFileTransport::new(&directory), directory }
    }

    /// The path of the file a receipt names.
    pub fn path_of(&self, receipt: &SendReceipt) -> PathBuf {
        self.directory.join(format!("{}.eml", receipt.detail))
    }
}

#[async_trait]
impl Mailer for FileMailer {
    /// Writes the message; the receipt's `detail` is the file's id (its name without `.eml`).
    /// A write failure (missing directory, full disk) is transient: fixing it lets a retry pass.
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let id = self
            .transport
            .send(to_lettre_message(message)?)
            .await
            .map_err(|err| MailError::Transient { reason: format!("{}: {err}", self.directory.display()) })?;
        Ok(SendReceipt { message_id: message.message_id().to_owned(), detail: id.to_string() })
    }
}
