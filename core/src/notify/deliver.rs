//! `deliver_due`: one delivery run of the outbox. Claims the due entries, sends each through the
//! mailer, records success or schedules a retry. At least once: an entry is marked sent only after
//! the mailer accepted it, and a run that dies mid-way leaves its claims to expire and be retried.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::OutboxError;
use super::mailer::Mailer;
use super::outbox::{OutboxPolicy, OutboxStatus};
use super::outbox_store::OutboxStore;

/// What one delivery run did, by entry id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryReport {
    /// Accepted by the mailer.
    pub sent: Vec<String>,
    /// Failed and scheduled for another attempt.
    pub retrying: Vec<String>,
    /// Failed for good.
    pub dead: Vec<String>,
}

/// Sends every entry of `store` due at `now` (up to `policy.batch_size`) through `mailer`.
pub async fn deliver_due(
    store: &dyn OutboxStore,
    mailer: &dyn Mailer,
    policy: &OutboxPolicy,
    now: Timestamp,
) -> Result<DeliveryReport, OutboxError> {
    let mut report = DeliveryReport::default();
    for mut entry in store.claim_due(now, policy.lease, policy.batch_size).await? {
        match mailer.send(&entry.message).await {
            Ok(_) => entry.mark_sent(now),
            Err(error) => entry.mark_failed(&error, now, policy),
        }
        store.save(&entry).await?;
        let bucket = match entry.status {
            OutboxStatus::Sent => &mut report.sent,
            OutboxStatus::Dead => &mut report.dead,
            OutboxStatus::Pending | OutboxStatus::Sending | OutboxStatus::Failed => &mut report.retrying,
        };
        bucket.push(entry.id);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use async_trait::async_trait;
    use jiff::SignedDuration;

    use super::super::error::MailError;
    use super::super::mailer::SendReceipt;
    use super::super::memory::MemoryMailer;
    use super::super::message::tests::{message, new_email};
    use super::super::message::EmailMessage;
    use super::super::outbox_store::MemoryOutboxStore;
    use super::*;

    /// Fails the first `failures` sends with a transient error, then delivers to memory.
    struct Flaky {
        failures: u32,
        calls: AtomicU32,
        delivered: MemoryMailer,
    }

    impl Flaky {
        fn new(failures: u32) -> Flaky {
            Flaky { failures, calls: AtomicU32::new(0), delivered: MemoryMailer::new() }
        }
    }

    #[async_trait]
    impl Mailer for Flaky {
        async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
            let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if call <= self.failures {
                return Err(MailError::Transient { reason: format!("421 try again ({call})") });
            }
            self.delivered.send(message).await
        }
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn plus(at: Timestamp, delay: SignedDuration) -> Timestamp {
        at.saturating_add(delay).unwrap()
    }

    #[tokio::test]
    async fn a_mailer_failing_twice_then_succeeding_delivers_on_the_third_attempt() {
        let store = MemoryOutboxStore::new();
        let mailer = Flaky::new(2);
        let policy = OutboxPolicy::default();
        let t0 = ts("2025-03-28T10:00:00Z");
        let entry_id = store.enqueue(message("<1@example.com>"), t0).await.unwrap().entry.id;

        let first = deliver_due(&store, &mailer, &policy, t0).await.unwrap();
        assert_eq!(first.retrying, [entry_id.as_str()]);
        let after_first = store.get(&entry_id).await.unwrap().unwrap();
        assert_eq!((after_first.status, after_first.attempts), (OutboxStatus::Failed, 1));
        assert_eq!(after_first.next_attempt_at, plus(t0, SignedDuration::from_mins(1)));
        assert_eq!(after_first.last_error.as_deref(), Some("temporary mail failure: 421 try again (1)"));

        // Not due yet: nothing happens before the backoff ends.
        let early = deliver_due(&store, &mailer, &policy, plus(t0, SignedDuration::from_secs(59))).await.unwrap();
        assert_eq!(early, DeliveryReport::default());

        let t1 = after_first.next_attempt_at;
        assert_eq!(deliver_due(&store, &mailer, &policy, t1).await.unwrap().retrying, [entry_id.as_str()]);
        let after_second = store.get(&entry_id).await.unwrap().unwrap();
        assert_eq!(after_second.next_attempt_at, plus(t1, SignedDuration::from_mins(2)));

        let t2 = after_second.next_attempt_at;
        assert_eq!(deliver_due(&store, &mailer, &policy, t2).await.unwrap().sent, [entry_id.as_str()]);
        let sent = store.get(&entry_id).await.unwrap().unwrap();
        assert_eq!(
            (sent.status, sent.attempts, sent.sent_at, sent.last_error),
            (OutboxStatus::Sent, 3, Some(t2), None)
        );
        assert_eq!(mailer.delivered.sent().len(), 1);
        assert_eq!(mailer.calls.load(Ordering::SeqCst), 3);

        // Sent entries are never sent again.
        let later = deliver_due(&store, &mailer, &policy, plus(t2, SignedDuration::from_hours(100))).await.unwrap();
        assert_eq!(later, DeliveryReport::default());
    }

    #[tokio::test]
    async fn out_of_attempts_or_permanent_failure_is_dead() {
        let store = MemoryOutboxStore::new();
        let mailer = Flaky::new(u32::MAX);
        let policy = OutboxPolicy { max_attempts: 3, ..OutboxPolicy::default() };
        let mut now = ts("2025-03-28T10:00:00Z");
        let entry_id = store.enqueue(message("<1@example.com>"), now).await.unwrap().entry.id;
        for _ in 0..2 {
            assert_eq!(deliver_due(&store, &mailer, &policy, now).await.unwrap().retrying.len(), 1);
            now = store.get(&entry_id).await.unwrap().unwrap().next_attempt_at;
        }
        assert_eq!(deliver_due(&store, &mailer, &policy, now).await.unwrap().dead, [entry_id.as_str()]);
        assert_eq!(store.get(&entry_id).await.unwrap().unwrap().status, OutboxStatus::Dead);
        assert_eq!(deliver_due(&store, &mailer, &policy, Timestamp::MAX).await.unwrap(), DeliveryReport::default());

        struct Rejecting;
        #[async_trait]
        impl Mailer for Rejecting {
            async fn send(&self, _: &EmailMessage) -> Result<SendReceipt, MailError> {
                Err(MailError::Permanent { reason: "550 mailbox unavailable".into() })
            }
        }
        let other = store.enqueue(message("<2@example.com>"), now).await.unwrap().entry.id;
        assert_eq!(deliver_due(&store, &Rejecting, &policy, now).await.unwrap().dead, [other.as_str()]);
        assert_eq!(store.get(&other).await.unwrap().unwrap().attempts, 1);
    }

    #[tokio::test]
    async fn the_same_message_id_is_queued_once() {
        let store = MemoryOutboxStore::new();
        let now = ts("2025-03-28T10:00:00Z");
        let first = store.enqueue(message("<1@example.com>"), now).await.unwrap();
        let again = store.enqueue(message("<1@example.com>"), plus(now, SignedDuration::from_secs(5))).await.unwrap();
        assert!(!first.duplicate && again.duplicate);
        assert_eq!(again.entry, first.entry);
        let mut changed = new_email("<1@example.com>");
        changed.subject = "Other".into();
        let changed = EmailMessage::new(changed).unwrap();
        let conflict = store.enqueue(changed, now).await.unwrap_err();
        assert_eq!(conflict, OutboxError::Conflict { message_id: "<1@example.com>".into() });
        assert_eq!(store.entries().len(), 1);
        let mailer = MemoryMailer::new();
        deliver_due(&store, &mailer, &OutboxPolicy::default(), now).await.unwrap();
        assert_eq!(mailer.sent().len(), 1);
    }

    #[tokio::test]
    async fn a_claim_abandoned_by_a_crashed_sender_is_retried_after_the_lease() {
        let store = MemoryOutboxStore::new();
        let policy = OutboxPolicy::default();
        let now = ts("2025-03-28T10:00:00Z");
        let entry_id = store.enqueue(message("<1@example.com>"), now).await.unwrap().entry.id;
        // A sender claims the entry and dies before recording the outcome.
        assert_eq!(store.claim_due(now, policy.lease, 10).await.unwrap().len(), 1);
        let mailer = Arc::new(MemoryMailer::new());
        let during = deliver_due(&store, mailer.as_ref(), &policy, plus(now, SignedDuration::from_mins(4))).await;
        assert_eq!(during.unwrap(), DeliveryReport::default());
        let after = deliver_due(&store, mailer.as_ref(), &policy, plus(now, policy.lease)).await.unwrap();
        assert_eq!(after.sent, [entry_id.as_str()]);
        assert_eq!(store.get(&entry_id).await.unwrap().unwrap().attempts, 2);
        assert_eq!(mailer.sent().len(), 1);
    }

    #[tokio::test]
    async fn a_run_claims_at_most_a_batch_oldest_due_first() {
        let store = MemoryOutboxStore::new();
        let policy = OutboxPolicy { batch_size: 2, ..OutboxPolicy::default() };
        let now = ts("2025-03-28T10:00:00Z");
        for (n, offset) in [(1, 30), (2, 10), (3, 20)] {
            store
                .enqueue(message(&format!("<{n}@example.com>")), plus(now, SignedDuration::from_secs(offset)))
                .await
                .unwrap();
        }
        let mailer = MemoryMailer::new();
        let at = plus(now, SignedDuration::from_mins(1));
        assert_eq!(deliver_due(&store, &mailer, &policy, at).await.unwrap().sent.len(), 2);
        let ids: Vec<String> = mailer.sent().iter().map(|m| m.message_id().to_owned()).collect();
        assert_eq!(ids, ["<2@example.com>", "<3@example.com>"]);
        assert!(store.get("missing").await.unwrap().is_none());
        let mut ghost = store.entries()[0].clone();
        ghost.id = "missing".into();
        assert_eq!(store.save(&ghost).await.unwrap_err(), OutboxError::NotFound { entry_id: "missing".into() });
    }
}
