//! `MemoryMailer`: a [`Mailer`] that keeps every message in memory, for tests and previews.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;

use super::error::MailError;
use super::mailer::{Mailer, SendReceipt};
use super::message::EmailMessage;

/// Records each message sent; never fails.
#[derive(Debug, Default)]
pub struct MemoryMailer {
    sent: Mutex<Vec<EmailMessage>>,
}

impl MemoryMailer {
    /// An empty mailer.
    pub fn new() -> MemoryMailer {
        MemoryMailer::default()
    }

    /// Every message sent so far, oldest first.
    pub fn sent(&self) -> Vec<EmailMessage> {
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

#[async_trait]
impl Mailer for MemoryMailer {
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let mut sent = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
        sent.push(message.clone());
        Ok(SendReceipt { message_id: message.message_id().to_owned(), detail: format!("stored as #{}", sent.len()) })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::message::tests::message;
    use super::*;

    #[tokio::test]
    async fn keeps_what_was_sent_behind_a_shared_trait_object() {
        let memory = Arc::new(MemoryMailer::new());
        let mailer: Arc<dyn Mailer> = memory.clone();
        let receipt = mailer.send(&message("<1@example.com>")).await.unwrap();
        assert_eq!(receipt, SendReceipt { message_id: "<1@example.com>".into(), detail: "stored as #1".into() });
        mailer.send(&message("<2@example.com>")).await.unwrap();
        let ids: Vec<String> = memory.sent().iter().map(|m| m.message_id().to_owned()).collect();
        assert_eq!(ids, ["<1@example.com>", "<2@example.com>"]);
    }
}
