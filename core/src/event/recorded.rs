//! A domain event as recorded: a UUIDv7 id (time-ordered, and the deduplication key for whoever
//! delivers it) and the moment it happened.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::DomainEvent;

/// One event waiting in an aggregate's outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// Unique id (UUIDv7 string); consumers deduplicate on it.
    pub id: String,
    /// When it happened (UTC).
    pub at: Timestamp,
    /// What happened.
    pub event: DomainEvent,
}

impl RecordedEvent {
    /// Records `event` as happened at `at`, with a fresh id.
    pub fn new(event: DomainEvent, at: Timestamp) -> RecordedEvent {
        RecordedEvent { id: Uuid::now_v7().to_string(), at, event }
    }
}
