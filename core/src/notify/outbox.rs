//! The outbox entry and its retry rules: pending -> sending -> sent, or failed and retried with
//! exponential backoff until `max_attempts`, then dead. A stuck `sending` entry is retried after a lease.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::error::MailError;
use super::message::EmailMessage;
use crate::id::new_id;

/// Where an outbox entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for its first attempt.
    Pending,
    /// Claimed by a sender; if the sender dies, the entry is due again when the lease ends.
    Sending,
    /// Accepted by the mailer.
    Sent,
    /// The last attempt failed; retried at `next_attempt_at`.
    Failed,
    /// Given up on: a permanent failure, or `max_attempts` attempts failed.
    Dead,
}

/// How the outbox retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutboxPolicy {
    /// Wait after the first failure; each further failure doubles it.
    pub base_delay: SignedDuration,
    /// The longest wait between attempts.
    pub max_delay: SignedDuration,
    /// Attempts before an entry is dead.
    pub max_attempts: u32,
    /// How long a claimed entry stays with its sender before it is due again.
    pub lease: SignedDuration,
    /// Most entries one delivery run claims.
    pub batch_size: usize,
}

impl Default for OutboxPolicy {
    /// 1 minute doubling up to 6 hours, 8 attempts, a 5-minute lease, 100 per run.
    fn default() -> Self {
        OutboxPolicy {
            base_delay: SignedDuration::from_mins(1),
            max_delay: SignedDuration::from_hours(6),
            max_attempts: 8,
            lease: SignedDuration::from_mins(5),
            batch_size: 100,
        }
    }
}

impl OutboxPolicy {
    /// The wait after `attempts` failed attempts: `base_delay * 2^(attempts - 1)`, at most `max_delay`.
    pub fn retry_delay(&self, attempts: u32) -> SignedDuration {
        let doublings = attempts.saturating_sub(1).min(30);
        let factor = i32::try_from(1u32 << doublings).unwrap_or(i32::MAX);
        self.base_delay.checked_mul(factor).map_or(self.max_delay, |delay| delay.min(self.max_delay))
    }
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutboxEntry {
    /// UUIDv7 id.
    pub id: String,
    /// The message; its message id is the deduplication key.
    pub message: EmailMessage,
    /// Where it stands.
    pub status: OutboxStatus,
    /// Attempts started so far.
    pub attempts: u32,
    /// When it is due next (for `sending`: when its lease ends).
    pub next_attempt_at: Timestamp,
    /// The latest failure, if any.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: Timestamp,
    /// When the mailer accepted it.
    pub sent_at: Option<Timestamp>,
}

impl OutboxEntry {
    /// A pending entry for `message`, due at once.
    pub fn new(message: EmailMessage, now: Timestamp) -> OutboxEntry {
        OutboxEntry {
            id: new_id(now),
            message,
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            created_at: now,
            sent_at: None,
        }
    }

    /// Whether a sender should take it at `now`: not finished and its time has come.
    pub fn is_due(&self, now: Timestamp) -> bool {
        let open = matches!(self.status, OutboxStatus::Pending | OutboxStatus::Sending | OutboxStatus::Failed);
        open && self.next_attempt_at <= now
    }

    /// Starts an attempt: `sending`, one more attempt, due again when the lease ends.
    pub fn claim(&mut self, now: Timestamp, lease: SignedDuration) {
        self.status = OutboxStatus::Sending;
        self.attempts += 1;
        self.next_attempt_at = later(now, lease);
    }

    /// Records that the mailer accepted the message.
    pub fn mark_sent(&mut self, at: Timestamp) {
        self.status = OutboxStatus::Sent;
        self.sent_at = Some(at);
        self.last_error = None;
    }

    /// Records a failed attempt: dead if permanent or out of attempts, else retried after backoff.
    pub fn mark_failed(&mut self, error: &MailError, now: Timestamp, policy: &OutboxPolicy) {
        self.last_error = Some(error.to_string());
        if error.is_permanent() || self.attempts >= policy.max_attempts {
            self.status = OutboxStatus::Dead;
        } else {
            self.status = OutboxStatus::Failed;
            self.next_attempt_at = later(now, policy.retry_delay(self.attempts));
        }
    }
}

impl OutboxEntry {
    /// The kind of e-mail: the template its message id was made for (`order_confirmation`), or
    /// `None` for a message queued under a message id of another form.
    pub fn kind(&self) -> Option<&str> {
        let key = self.message.message_id().trim_start_matches('<');
        let (kind, _) = key.split_once('.')?;
        let word = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
        (!kind.is_empty() && kind.bytes().all(word)).then_some(kind)
    }

    /// Queues a dead entry again (a shop owner fixed the address or the mailer): pending, due at
    /// `now`, with a fresh allowance of attempts; the last error stays for the record. Whether it
    /// was dead (an entry in any other state is left alone).
    pub fn requeue(&mut self, now: Timestamp) -> bool {
        if self.status != OutboxStatus::Dead {
            return false;
        }
        self.status = OutboxStatus::Pending;
        self.attempts = 0;
        self.next_attempt_at = now;
        true
    }
}

/// Which outbox entries a shop owner lists: queued at or after `since`, and optionally of one
/// status, to one recipient, of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutboxFilter {
    /// The earliest queueing time listed.
    pub since: Timestamp,
    /// Only entries in this state.
    #[serde(default)]
    pub status: Option<OutboxStatus>,
    /// Only entries addressed to this e-mail address (compared without case).
    #[serde(default)]
    pub recipient: Option<String>,
    /// Only entries of this kind ([`OutboxEntry::kind`], e.g. `shipment_shipped`).
    #[serde(default)]
    pub kind: Option<String>,
    /// The most entries listed (default 100).
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_limit() -> u32 {
    100
}

impl OutboxFilter {
    /// Whether `entry` is one the filter lists (its time aside).
    pub fn matches(&self, entry: &OutboxEntry) -> bool {
        let recipient =
            |wanted: &String| entry.message.to().iter().any(|to| to.address().eq_ignore_ascii_case(wanted.trim()));
        self.status.is_none_or(|status| entry.status == status)
            && self.recipient.as_ref().is_none_or(recipient)
            && self.kind.as_ref().is_none_or(|kind| entry.kind() == Some(kind.as_str()))
    }
}

fn later(now: Timestamp, delay: SignedDuration) -> Timestamp {
    now.saturating_add(delay).unwrap_or(Timestamp::MAX)
}

#[cfg(test)]
mod tests {
    use super::super::message::tests::message;
    use super::*;

    #[test]
    fn only_a_dead_entry_is_queued_again_with_fresh_attempts() {
        let now: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let policy = OutboxPolicy::default();
        let mut entry = OutboxEntry::new(message("<order_confirmation.e1@example.com>"), now);
        assert!(!entry.requeue(now), "a pending entry is left alone");
        entry.claim(now, policy.lease);
        entry.mark_failed(&MailError::Permanent { reason: "550 no such mailbox".into() }, now, &policy);
        assert_eq!(entry.status, OutboxStatus::Dead);
        let later_on = later(now, SignedDuration::from_hours(1));
        assert!(entry.requeue(later_on));
        assert_eq!((entry.status, entry.attempts, entry.next_attempt_at), (OutboxStatus::Pending, 0, later_on));
        assert!(entry.last_error.as_deref().is_some_and(|e| e.contains("550")), "the error stays for the record");
        assert!(entry.is_due(later_on));
    }

    #[test]
    fn the_filter_selects_by_status_recipient_and_kind() {
        let now: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let entry = OutboxEntry::new(message("<order_confirmation.e1@example.com>"), now);
        assert_eq!(entry.kind(), Some("order_confirmation"));
        assert_eq!(OutboxEntry::new(message("<0190abcd@example.com>"), now).kind(), None);
        let to = entry.message.to()[0].address().to_ascii_uppercase();
        let all = OutboxFilter { since: now, status: None, recipient: None, kind: None, limit: 10 };
        assert!(all.matches(&entry));
        assert!(OutboxFilter { recipient: Some(to), ..all.clone() }.matches(&entry));
        assert!(!OutboxFilter { recipient: Some("other@example.com".into()), ..all.clone() }.matches(&entry));
        assert!(OutboxFilter { status: Some(OutboxStatus::Pending), ..all.clone() }.matches(&entry));
        assert!(!OutboxFilter { status: Some(OutboxStatus::Dead), ..all.clone() }.matches(&entry));
        assert!(!OutboxFilter { kind: Some("shipment_shipped".into()), ..all.clone() }.matches(&entry));
        let json = r#"{"since": "2025-03-28T10:00:00Z"}"#;
        assert_eq!(serde_json::from_str::<OutboxFilter>(json).unwrap(), OutboxFilter { limit: 100, ..all });
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = OutboxPolicy::default();
        let minutes: Vec<i64> = (1..=11).map(|n| policy.retry_delay(n).as_mins()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
        assert_eq!(policy.retry_delay(u32::MAX), policy.max_delay);
    }

    #[test]
    fn an_entry_moves_through_its_states() {
        let now: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let policy = OutboxPolicy { max_attempts: 2, ..OutboxPolicy::default() };
        let mut entry = OutboxEntry::new(message("<1@example.com>"), now);
        assert!(entry.is_due(now));
        entry.claim(now, policy.lease);
        assert_eq!((entry.status, entry.attempts), (OutboxStatus::Sending, 1));
        assert!(!entry.is_due(now) && entry.is_due(later(now, policy.lease)));
        entry.mark_failed(&MailError::Transient { reason: "421 busy".into() }, now, &policy);
        assert_eq!((entry.status, entry.next_attempt_at), (OutboxStatus::Failed, later(now, policy.base_delay)));
        assert_eq!(entry.last_error.as_deref(), Some("temporary mail failure: 421 busy"));
        entry.claim(now, policy.lease);
        entry.mark_failed(&MailError::Transient { reason: "421 busy".into() }, now, &policy);
        assert_eq!(entry.status, OutboxStatus::Dead);
        assert!(!entry.is_due(Timestamp::MAX));
    }

    #[test]
    fn permanent_failures_are_dead_at_once_and_json_round_trips() {
        let now: Timestamp = "2025-03-28T10:00:00Z".parse().unwrap();
        let mut entry = OutboxEntry::new(message("<1@example.com>"), now);
        entry.claim(now, SignedDuration::from_mins(5));
        entry.mark_failed(&MailError::Permanent { reason: "550 no such user".into() }, now, &OutboxPolicy::default());
        assert_eq!(entry.status, OutboxStatus::Dead);
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(serde_json::from_str::<OutboxEntry>(&json).unwrap(), entry);
    }
}
