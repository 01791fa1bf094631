//! Back-in-stock requests: a shopper asks to hear when a variant can be ordered again, and
//! `run_due` e-mails each waiting request once live stock allows an order.

use std::collections::BTreeSet;

use jiff::Timestamp;

use crate::inventory::{NoticeState, StockNotice};
use crate::store::find;

use super::catalog::CatalogUseCases;
use super::shelf::LiveShelf;
use super::{DueReport, Shop, ShopError};

/// The most waiting requests one run looks at (the next run takes the rest).
const BATCH: u32 = 500;

impl CatalogUseCases<'_> {
    /// Asks for one e-mail to `email` when `variant_id` can be ordered again, in `locale` (`None`:
    /// the shop's default), by signed-in `customer_id` if any. Asking again while a request of that
    /// address for that variant waits answers the waiting one.
    pub async fn notify_when_available(
        &self,
        variant_id: &str,
        email: &str,
        locale: Option<&str>,
        customer_id: Option<&str>,
    ) -> Result<StockNotice, ShopError> {
        command!(self.shop, retry = true, |tx| {
            if tx.pricer()?.catalog().variant(variant_id).is_none() {
                return Err(ShopError::not_found("variant", variant_id));
            }
            let mut notice = StockNotice::new(variant_id, email, locale, customer_id, tx.now)?;
            let theirs = find::<StockNotice>(tx.store.as_ref(), "email", notice.email(), BATCH).await?;
            let waiting = theirs
                .into_iter()
                .map(|stored| stored.value)
                .find(|earlier| earlier.variant_id() == variant_id && earlier.state() == NoticeState::Waiting);
            if let Some(earlier) = waiting {
                return Ok(earlier);
            }
            tx.save(&mut notice)?;
            Ok(notice)
        })
    }

    /// The back-in-stock request `notice_id`.
    pub async fn notice(&self, notice_id: &str) -> Result<StockNotice, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<StockNotice>(notice_id).await)
    }

    /// Withdraws waiting request `notice_id`: no e-mail follows.
    pub async fn withdraw_notice(&self, notice_id: &str) -> Result<StockNotice, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut notice = tx.get::<StockNotice>(notice_id).await?;
            notice.withdraw()?;
            tx.save(&mut notice)?;
            Ok(notice)
        })
    }
}

impl Shop {
    /// E-mails every waiting request whose variant live stock lets be ordered again, once each.
    pub(super) async fn back_in_stock(&self, now: Timestamp, report: &mut DueReport) -> Result<(), ShopError> {
        let waiting = find::<StockNotice>(self.store().as_ref(), "state", NoticeState::Waiting.as_str(), BATCH).await?;
        if waiting.is_empty() {
            return Ok(());
        }
        let variants: BTreeSet<&str> = waiting.iter().map(|stored| stored.value.variant_id()).collect();
        let shelf = LiveShelf::read(self.store().as_ref(), variants).await?;
        let pricer = self.pricer().await?;
        for notice in waiting.iter().map(|stored| &stored.value) {
            let back = pricer.catalog().variant(notice.variant_id()).is_some_and(|(_, variant)| {
                crate::cart::Shelf::orderable(&shelf, variant).is_none_or(|units| units > 0)
            });
            if back && self.send_notice(notice.id(), now).await? {
                report.back_in_stock.push(notice.id().to_owned());
            }
        }
        Ok(())
    }

    /// Sends request `notice_id`'s e-mail and marks it sent, unless it no longer waits (sent by
    /// another process, or withdrawn); whether it was sent.
    async fn send_notice(&self, notice_id: &str, now: Timestamp) -> Result<bool, ShopError> {
        command!(self, retry = true, at = now, |tx| {
            let mut notice = tx.get::<StockNotice>(notice_id).await?;
            if notice.state() != NoticeState::Waiting {
                return Ok(false);
            }
            let pricer = tx.pricer()?;
            let Some((product, variant)) = pricer.catalog().variant(notice.variant_id()) else { return Ok(false) };
            tx.back_in_stock(&notice, product, variant).await?;
            notice.mark_sent(tx.now)?;
            tx.save(&mut notice)?;
            Ok(true)
        })
    }
}
