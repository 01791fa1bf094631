//! A domain event as recorded: a UUIDv7 id (time-ordered, and the deduplication key for whoever
//! delivers it) and the moment it happened; generic over the aggregate's own event enum.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One event waiting in an aggregate's outbox; `E` is the aggregate's event enum (or the outbox's
/// union, `notify::DomainEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Recorded{E}"))]
pub struct RecordedEvent<E> {
    /// Unique id (UUIDv7 string); consumers deduplicate on it.
    pub id: String,
    /// When it happened (UTC).
    pub at: Timestamp,
    /// What happened.
    pub event: E,
}

impl<E> RecordedEvent<E> {
    /// Records `event` as happened at `at`, with a fresh id.
    pub fn new(event: E, at: Timestamp) -> RecordedEvent<E> {
        RecordedEvent { id: Uuid::now_v7().to_string(), at, event }
    }

    /// The same record (same id and time) with its event widened, e.g. into the outbox's union.
    pub fn widen<U>(self) -> RecordedEvent<U>
    where
        E: Into<U>,
    {
        RecordedEvent { id: self.id, at: self.at, event: self.event.into() }
    }
}
