//! The `OutboxStore` plug-in trait (durable storage of outbox entries, SQL-backed later) and an
//! in-memory implementation. Enqueueing is idempotent on the message id.

use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::error::OutboxError;
use super::message::EmailMessage;
use super::outbox::OutboxEntry;

/// The result of [`OutboxStore::enqueue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnqueueOutcome {
    /// The entry holding the message (the earlier one for a duplicate).
    pub entry: OutboxEntry,
    /// Whether the same message was already queued, so nothing was added.
    pub duplicate: bool,
}

/// Durable storage of outbox entries. Implementations are shared as `Arc<dyn OutboxStore>`.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Queues `message` as pending at `now`. The same message id again returns the first entry
    /// (`duplicate`); the same id with different content is [`OutboxError::Conflict`].
    async fn enqueue(&self, message: EmailMessage, now: Timestamp) -> Result<EnqueueOutcome, OutboxError>;

    /// Atomically claims up to `limit` entries due at `now` (oldest due first), marking each as
    /// sending with its lease (see [`OutboxEntry::claim`]), and returns them.
    async fn claim_due(
        &self,
        now: Timestamp,
        lease: SignedDuration,
        limit: usize,
    ) -> Result<Vec<OutboxEntry>, OutboxError>;

    /// Replaces the stored entry with the same id.
    async fn save(&self, entry: &OutboxEntry) -> Result<(), OutboxError>;

    /// The entry `entry_id`, if any.
    async fn get(&self, entry_id: &str) -> Result<Option<OutboxEntry>, OutboxError>;
}

/// An [`OutboxStore`] in memory: for tests and single-process use without persistence.
#[derive(Debug, Default)]
pub struct MemoryOutboxStore {
    entries: Mutex<Vec<OutboxEntry>>,
}

impl MemoryOutboxStore {
    /// An empty store.
    pub fn new() -> MemoryOutboxStore {
        MemoryOutboxStore::default()
    }

    /// Every entry, in the order queued.
    pub fn entries(&self) -> Vec<OutboxEntry> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<OutboxEntry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl OutboxStore for MemoryOutboxStore {
    async fn enqueue(&self, message: EmailMessage, now: Timestamp) -> Result<EnqueueOutcome, OutboxError> {
        let mut entries = self.lock();
        if let Some(existing) = entries.iter().find(|e| e.message.message_id() == message.message_id()) {
            if existing.message != message {
                return Err(OutboxError::Conflict { message_id: message.message_id().to_owned() });
            }
            return Ok(EnqueueOutcome { entry: existing.clone(), duplicate: true });
        }
        let entry = OutboxEntry::new(message, now);
        entries.push(entry.clone());
        Ok(EnqueueOutcome { entry, duplicate: false })
    }

    async fn claim_due(
        &self,
        now: Timestamp,
        lease: SignedDuration,
        limit: usize,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        let mut entries = self.lock();
        let mut due: Vec<&mut OutboxEntry> = entries.iter_mut().filter(|e| e.is_due(now)).collect();
        due.sort_by_key(|e| e.next_attempt_at);
        Ok(due
            .into_iter()
            .take(limit)
            .map(|entry| {
                entry.claim(now, lease);
                entry.clone()
            })
            .collect())
    }

    async fn save(&self, entry: &OutboxEntry) -> Result<(), OutboxError> {
        let mut entries = self.lock();
        let stored = entries
            .iter_mut()
            .find(|e| e.id == entry.id)
            .ok_or_else(|| OutboxError::NotFound { entry_id: entry.id.clone() })?;
        *stored = entry.clone();
        Ok(())
    }

    async fn get(&self, entry_id: &str) -> Result<Option<OutboxEntry>, OutboxError> {
        Ok(self.lock().iter().find(|e| e.id == entry_id).cloned())
    }
}
