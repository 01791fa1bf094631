//! The back office's view of the outbox: which e-mails went out, wait, failed or were given up
//! on (by status, recipient, kind), and queueing a dead one again once its cause is fixed.

use crate::notify::{OutboxEntry, OutboxFilter, OutboxStore};

use super::admin::Admin;
use super::ShopError;

/// The most entries read to filter from.
const SCAN_LIMIT: u32 = 10_000;
/// The most entries one listing answers.
const MAX_LIMIT: u32 = 1000;

impl Admin<'_> {
    /// The outbox entries `filter` selects, oldest first: kind, recipients, status, attempts, next
    /// attempt and last error of each. A limit of 0 or above 1000 is [`ShopError::Invalid`] on
    /// `filter.limit`.
    pub async fn outbox(&self, filter: &OutboxFilter) -> Result<Vec<OutboxEntry>, ShopError> {
        if filter.limit == 0 || filter.limit > MAX_LIMIT {
            return Err(ShopError::invalid("filter.limit", format!("must be 1 to {MAX_LIMIT}")));
        }
        let entries = self.shop.store().outbox_entries_since(filter.since, SCAN_LIMIT).await?;
        let listed = entries.into_iter().filter(|entry| filter.matches(entry)).take(filter.limit as usize);
        Ok(listed.collect())
    }

    /// Queues the dead outbox entry `entry_id` again, due at once with a fresh allowance of
    /// attempts; an entry that is not dead is [`ShopError::Invalid`] on `entry_id`.
    pub async fn requeue_outbox(&self, entry_id: &str) -> Result<OutboxEntry, ShopError> {
        let store = self.shop.store();
        let found = OutboxStore::get(store.as_ref(), entry_id).await?;
        let mut entry = found.ok_or_else(|| ShopError::not_found("outbox entry", entry_id))?;
        if !entry.requeue(self.shop.now()) {
            let reason = format!("the message is {:?}, only a dead one is queued again", entry.status);
            return Err(ShopError::invalid("entry_id", reason.to_lowercase()));
        }
        OutboxStore::save(store.as_ref(), &entry).await?;
        Ok(entry)
    }
}
