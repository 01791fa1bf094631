//! One command, one transaction: a [`Tx`] loads aggregates noting their versions, collects what
//! the command saves, the events it raises and the e-mails they call for, and commits it all at once.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::desk::{Desk, Lookup};
use super::{Settings, ShopError};
use crate::cart::{Cart, WishList};
use crate::catalog::{Product, Variant};
use crate::checkout::CheckoutSession;
use crate::customer::Customer;
use crate::event::RecordedEvent;
use crate::inventory::{Allocator, MovementReason, MovementSource, StockNotice, DEFAULT_LOCATION};
use crate::knowledge::{Article, CategoryTree};
use crate::notify::{
    follow_up_abandoned_checkouts, notify_back_in_stock, notify_event, DomainEvent, EmailMessage, EnqueueOutcome,
    MarketingSend, Notified, OutboxEntry, OutboxError, OutboxStore,
};
use crate::order::{Order, OrderEvent};
use crate::payment::{BankTransfer, GiftCard, Payment, ReceivedWebhook, StatementLine, Wallet};
use crate::pricing::{PricedCart, Pricer};
use crate::reports::{CustomerSegment, Rollups, SalesProjection};
use crate::returns::ReturnEvent;
use crate::returns::Rma;
use crate::review::Review;
use crate::shipping::Shipment;
use crate::store::{
    find, load, Changes, DocumentDelete, DocumentWrite, LedgerRow, PromotionUse, Record, StockChange, StockLine,
    StockMove, Store, TextErasure, Versioned,
};
use crate::support::inbound::{BouncedAddress, MailRecord, StoredAttachment};
use crate::support::{SupportCase, SurveyRequest};

/// How many times a command that lost a race is run again on fresh data before giving up.
pub(crate) const ATTEMPTS: u32 = 5;

/// An aggregate a command loads and saves: its events go to the log and the outbox with the save,
/// and the e-mails of the command can look it up.
pub(crate) trait Stored: Record + Clone {
    /// Takes the events raised since the last save.
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Vec::new()
    }
    /// Puts a copy where the command's e-mails look it up.
    fn note(&self, _desk: &mut Desk) {}
    /// Keeps a copy as first loaded, for what the command changes of it.
    fn loaded(&self, _desk: &mut Desk) {}
}

impl Stored for Cart {}
impl Stored for CheckoutSession {
    fn note(&self, desk: &mut Desk) {
        desk.sessions.insert(self.id().to_owned(), self.clone());
    }
    fn loaded(&self, desk: &mut Desk) {
        desk.sessions_as_loaded.entry(self.id().to_owned()).or_insert_with(|| self.clone());
    }
}
impl Stored for Payment {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Payment::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
}
impl Stored for Wallet {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Wallet::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
}
impl Stored for GiftCard {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        GiftCard::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
}
impl Stored for BankTransfer {}
impl Stored for CustomerSegment {}
impl Stored for StatementLine {}
impl Stored for ReceivedWebhook {}
impl Stored for WishList {}
impl Stored for Review {
    fn note(&self, desk: &mut Desk) {
        desk.reviews.insert(self.id().to_owned(), self.clone());
    }
}
impl Stored for MarketingSend {}
impl Stored for MailRecord {}
impl Stored for BouncedAddress {}
impl Stored for StoredAttachment {}
impl Stored for Article {}
impl Stored for StockNotice {}
impl Stored for CategoryTree {}
impl Stored for Order {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Order::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
    fn note(&self, desk: &mut Desk) {
        desk.orders.insert(self.id().to_owned(), self.clone());
    }
    fn loaded(&self, desk: &mut Desk) {
        desk.orders_as_loaded.entry(self.id().to_owned()).or_insert_with(|| self.clone());
    }
}
impl Stored for Shipment {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Shipment::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
    fn note(&self, desk: &mut Desk) {
        desk.shipments.insert(self.id().to_owned(), self.clone());
    }
}
impl Stored for SupportCase {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        SupportCase::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
    fn note(&self, desk: &mut Desk) {
        desk.cases.insert(self.id().to_owned(), self.clone());
    }
    fn loaded(&self, desk: &mut Desk) {
        desk.cases_as_loaded.entry(self.id().to_owned()).or_insert_with(|| self.clone());
    }
}
impl Stored for Rma {
    fn take_events(&mut self) -> Vec<RecordedEvent<DomainEvent>> {
        Rma::take_events(self).into_iter().map(RecordedEvent::widen).collect()
    }
    fn note(&self, desk: &mut Desk) {
        desk.returns.insert(self.id().to_owned(), self.clone());
    }
}
impl Stored for Customer {
    fn note(&self, desk: &mut Desk) {
        desk.customers.insert(self.id().to_owned(), self.clone());
    }
}
impl Stored for SurveyRequest {
    fn note(&self, desk: &mut Desk) {
        desk.surveys.retain(|s| s.id() != self.id());
        desk.surveys.push(self.clone());
    }
    fn loaded(&self, desk: &mut Desk) {
        desk.surveys_as_loaded.entry(self.id().to_owned()).or_insert_with(|| self.clone());
    }
}

/// The unit of work of one command.
pub(crate) struct Tx {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) settings: Arc<Settings>,
    pub(crate) pricer: Option<Arc<Pricer>>,
    /// How held units are allocated to stock locations.
    pub(crate) allocator: Allocator,
    /// The moment the command runs at (one clock reading for the whole command).
    pub(crate) now: Timestamp,
    pub(crate) desk: Desk,
    versions: BTreeMap<(&'static str, String), u64>,
    writes: BTreeMap<(&'static str, String), DocumentWrite>,
    changes: Changes,
    events: Vec<RecordedEvent<DomainEvent>>,
}

impl Tx {
    pub(crate) fn new(
        store: Arc<dyn Store>,
        settings: Arc<Settings>,
        pricer: Option<Arc<Pricer>>,
        allocator: Allocator,
        now: Timestamp,
    ) -> Tx {
        Tx {
            store,
            settings,
            pricer,
            allocator,
            now,
            desk: Desk::default(),
            versions: BTreeMap::new(),
            writes: BTreeMap::new(),
            changes: Changes::new(),
            events: Vec::new(),
        }
    }

    /// The pricer of the published catalog; [`ShopError::NotSetUp`] before a catalog is published.
    pub(crate) fn pricer(&self) -> Result<Arc<Pricer>, ShopError> {
        self.pricer.clone().ok_or(ShopError::NotSetUp { what: "catalog" })
    }

    /// The aggregate `id`, if stored; its version is noted for the save.
    pub(crate) async fn find<T: Stored>(&mut self, id: &str) -> Result<Option<T>, ShopError> {
        Ok(load::<T>(self.store.as_ref(), id).await?.map(|found| self.keep(found)))
    }

    /// The aggregate `id`; [`ShopError::NotFound`] if it is not stored.
    pub(crate) async fn get<T: Stored>(&mut self, id: &str) -> Result<T, ShopError> {
        self.find(id).await?.ok_or_else(|| ShopError::not_found(T::KIND, id))
    }

    /// The aggregates whose indexed `column` is `value`, oldest first (at most `limit`).
    pub(crate) async fn find_by<T: Stored>(
        &mut self,
        column: &'static str,
        value: &str,
        limit: u32,
    ) -> Result<Vec<T>, ShopError> {
        let found = find::<T>(self.store.as_ref(), column, value, limit).await?;
        Ok(found.into_iter().map(|one| self.keep(one)).collect())
    }

    fn keep<T: Stored>(&mut self, found: Versioned<T>) -> T {
        self.versions.insert((T::TABLE, found.value.record_id().to_owned()), found.version);
        found.value.loaded(&mut self.desk);
        found.value.note(&mut self.desk);
        found.value
    }

    /// Saves `value` with the command (at the version it was loaded at; new if it was not loaded),
    /// taking its events. Saving the same aggregate again replaces the earlier save.
    pub(crate) fn save<T: Stored>(&mut self, value: &mut T) -> Result<(), ShopError> {
        self.events.extend(value.take_events());
        let key = (T::TABLE, value.record_id().to_owned());
        let version = self.versions.get(&key).copied().unwrap_or(0);
        self.writes.insert(key, DocumentWrite::of(value, version)?);
        value.note(&mut self.desk);
        Ok(())
    }

    /// Records `events` raised outside an aggregate's own list.
    pub(crate) fn record(&mut self, events: Vec<RecordedEvent<DomainEvent>>) {
        self.events.extend(events);
    }

    /// Deletes the aggregate `id` of kind `T` with the command, at the version it was loaded at
    /// (one not loaded is left alone).
    pub(crate) fn delete<T: Stored>(&mut self, id: &str) {
        if let Some(version) = self.versions.get(&(T::TABLE, id.to_owned())).copied() {
            self.writes.remove(&(T::TABLE, id.to_owned()));
            self.changes.deletes.push(DocumentDelete { table: T::TABLE, kind: T::KIND, id: id.to_owned(), version });
        }
    }

    /// Takes personal text out of the outbox and the event log with the command.
    pub(crate) fn erase_text(&mut self, erasure: TextErasure) {
        self.changes.erasures.push(erasure);
    }

    /// Moves stock with the command.
    pub(crate) fn stock(&mut self, change: StockChange) {
        self.changes.stock.push(change);
    }

    /// Holds `lines` for `order_id` until `expires_at` with the command, allocated by the shop's strategy.
    pub(crate) fn reserve(&mut self, order_id: &str, lines: Vec<StockLine>, expires_at: Timestamp) {
        let allocator = self.allocator.clone();
        self.stock(StockChange::Reserve { order_id: order_id.to_owned(), lines, expires_at, allocator });
    }

    /// Books a movement of `line` at the default location with the command (a restocked return, a
    /// cancelled parcel, a damaged return written off), as `reason` by `source`.
    pub(crate) fn book(&mut self, line: StockLine, reason: MovementReason, source: MovementSource) {
        self.stock(StockChange::Move(StockMove {
            location_id: DEFAULT_LOCATION.to_owned(),
            variant_id: line.variant_id,
            reason,
            source,
            quantity: line.quantity,
        }));
    }

    /// The lines of `lines` whose variants keep stock (the store has a level for them). A variant
    /// without one is not tracked: always available, nothing to hold, take or put back.
    pub(crate) async fn tracked(&self, lines: Vec<StockLine>) -> Result<Vec<StockLine>, ShopError> {
        let mut kept = Vec::with_capacity(lines.len());
        for line in lines {
            if self.store.stock_level(&line.variant_id).await?.is_some() {
                kept.push(line);
            }
        }
        Ok(kept)
    }

    /// Counts a promotion use with the command (under its limits).
    pub(crate) fn promotion_use(&mut self, used: PromotionUse) {
        self.changes.promotion_uses.push(used);
    }

    /// Books a stored-value movement with the command.
    #[allow(dead_code, reason = "for the payment and stored-value use cases")]
    pub(crate) fn ledger(&mut self, row: LedgerRow) {
        self.changes.ledger.push(row);
    }

    /// Queues an e-mail that no domain event calls for (a follow-up, a marketing send).
    pub(crate) fn queue(&mut self, message: EmailMessage) {
        self.changes.outbox.push(OutboxEntry::new(message, self.now));
    }

    /// Renders the follow-up e-mail of abandoned `session` (its cart priced as `priced`) into the
    /// command's outbox; whether one follows (a session without an e-mail gets none).
    pub(crate) async fn follow_up(&mut self, session: &CheckoutSession, priced: PricedCart) -> Result<bool, ShopError> {
        self.desk.carts.insert(session.cart_id().to_owned(), priced);
        let outbox = Collected::default();
        let lookup = Lookup { desk: &self.desk, settings: &self.settings, pricer: self.pricer.as_ref() };
        let after = self.settings.abandoned_after;
        let sessions = std::slice::from_ref(session);
        let done = follow_up_abandoned_checkouts(sessions, after, &lookup, &self.settings.templates, &outbox, self.now)
            .await?;
        self.changes.outbox.extend(outbox.take());
        Ok(done.iter().any(|f| matches!(f.outcome, Notified::Queued { .. })))
    }

    /// Renders the back-in-stock e-mail of `notice` into the command's outbox; whether one was
    /// queued (not already sent for this request).
    pub(crate) async fn back_in_stock(
        &mut self,
        notice: &StockNotice,
        product: &Product,
        variant: &Variant,
    ) -> Result<bool, ShopError> {
        let outbox = Collected::default();
        let lookup = Lookup { desk: &self.desk, settings: &self.settings, pricer: self.pricer.as_ref() };
        let templates = &self.settings.templates;
        let notified = notify_back_in_stock(notice, product, variant, &lookup, templates, &outbox, self.now).await?;
        self.changes.outbox.extend(outbox.take());
        Ok(matches!(notified, Notified::Queued { .. }))
    }

    /// The events raised so far.
    #[allow(dead_code, reason = "for the payment and stored-value use cases")]
    pub(crate) fn events(&self) -> &[RecordedEvent<DomainEvent>] {
        &self.events
    }

    /// Renders the e-mails of the events and writes everything in one transaction; a case's
    /// e-mail is recorded by Message-ID so that the customer's reply finds the case.
    pub(crate) async fn commit(mut self) -> Result<(), ShopError> {
        self.load_recipients().await?;
        let outbox = Collected::default();
        let lookup = Lookup { desk: &self.desk, settings: &self.settings, pricer: self.pricer.as_ref() };
        let mut sent = Vec::new();
        for event in &self.events {
            let notified = notify_event(event, &lookup, &self.settings.templates, &outbox, self.now).await?;
            if let (DomainEvent::Case(case), Notified::Queued { message_id, .. }) = (&event.event, notified) {
                sent.push(MailRecord::sent(&message_id, case.case_id(), self.now));
            }
        }
        for mut record in sent {
            self.save(&mut record)?;
        }
        let rollups = self.rollups()?;
        let mut changes = self.changes;
        changes.sales_days = rollups.days;
        changes.variant_sales = rollups.variants;
        changes.day_counts = rollups.counts;
        changes.customer_sales = rollups.customers;
        changes.customer_days = rollups.customer_days;
        changes.stock_at = self.now;
        changes.documents = self.writes.into_values().collect();
        changes.outbox.extend(outbox.take());
        changes.events = self.events;
        self.store.commit(&changes).await?;
        Ok(())
    }

    /// What the command changes in the report rollups: each saved order's figures as saved minus
    /// as loaded, money received and refunded, settled returns, and the funnel's steps.
    fn rollups(&self) -> Result<Rollups, ShopError> {
        let zone = TimeZone::get(&self.settings.locale.time_zone).unwrap_or(TimeZone::UTC);
        let mut projection = SalesProjection::new(zone, self.now);
        for (table, id) in self.writes.keys() {
            let desk = &self.desk;
            if *table == <Order as Record>::TABLE {
                if let Some(order) = desk.orders.get(id) {
                    projection.order_saved(desk.orders_as_loaded.get(id), order)?;
                }
            } else if *table == <CheckoutSession as Record>::TABLE {
                if let Some(session) = desk.sessions.get(id) {
                    projection.checkout_saved(desk.sessions_as_loaded.get(id), session);
                }
            } else if *table == <SupportCase as Record>::TABLE {
                if let Some(case) = desk.cases.get(id) {
                    self.case_saved(&mut projection, desk.cases_as_loaded.get(id), case);
                }
            } else if *table == <SurveyRequest as Record>::TABLE {
                if let Some(survey) = desk.surveys.iter().find(|survey| survey.id() == id) {
                    projection.survey_saved(desk.surveys_as_loaded.get(id), survey);
                }
            } else if !self.versions.contains_key(&(*table, id.clone())) {
                self.created(&mut projection, table, id);
            }
        }
        for recorded in &self.events {
            match &recorded.event {
                DomainEvent::Order(OrderEvent::OrderPaymentReceived { order_id, amount, .. }) => {
                    if let Some(order) = self.desk.orders.get(order_id) {
                        projection.received(order, *amount)?;
                    }
                }
                DomainEvent::Order(OrderEvent::OrderPaymentRefunded { order_id, amount, .. }) => {
                    if let Some(order) = self.desk.orders.get(order_id) {
                        projection.refunded(order, *amount)?;
                    }
                }
                DomainEvent::Return(ReturnEvent::ReturnStateChanged { return_id, to, .. }) => {
                    if let Some(rma) = self.desk.returns.get(return_id) {
                        projection.return_moved(rma, *to, recorded.at);
                    }
                }
                _ => {}
            }
        }
        Ok(projection.into_rollups())
    }

    /// Counts a case's opening, solving and SLA targets met; a case whose SLA cannot be evaluated
    /// (a calendar the settings no longer allow) is counted without its targets.
    fn case_saved(&self, projection: &mut SalesProjection, before: Option<&SupportCase>, after: &SupportCase) {
        let Ok(calendar) = self.settings.support_calendar() else { return };
        let sla = |case: &SupportCase| self.settings.sla.evaluate(case, &calendar, self.now).ok();
        let Some(now) = sla(after) else { return };
        match before {
            Some(case) => {
                if let Some(then) = sla(case) {
                    projection.case_saved(Some((case, &then)), (after, &now));
                }
            }
            None => projection.case_saved(None, (after, &now)),
        }
    }

    /// Counts an aggregate this command created: a cart, a return request, a review.
    fn created(&self, projection: &mut SalesProjection, table: &str, id: &str) {
        if table == <Cart as Record>::TABLE {
            projection.cart_opened();
        } else if table == <Rma as Record>::TABLE {
            if let Some(rma) = self.desk.returns.get(id) {
                projection.return_requested(rma);
            }
        } else if table == <Review as Record>::TABLE {
            if let Some(review) = self.desk.reviews.get(id) {
                projection.review_submitted(review);
            }
        }
    }

    /// Loads the customers the e-mails greet by name and write to in their language.
    async fn load_recipients(&mut self) -> Result<(), ShopError> {
        for id in self.desk.missing_customers() {
            if let Some(customer) = load::<Customer>(self.store.as_ref(), &id).await? {
                self.desk.customers.insert(id, customer.value);
            }
        }
        Ok(())
    }
}

/// The e-mails rendered for a command, written with it (the store skips a message id queued before).
#[derive(Default)]
struct Collected {
    entries: Mutex<Vec<OutboxEntry>>,
}

impl Collected {
    fn take(self) -> Vec<OutboxEntry> {
        self.entries.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl OutboxStore for Collected {
    async fn enqueue(&self, message: EmailMessage, now: Timestamp) -> Result<EnqueueOutcome, OutboxError> {
        let entry = OutboxEntry::new(message, now);
        self.entries.lock().unwrap_or_else(PoisonError::into_inner).push(entry.clone());
        Ok(EnqueueOutcome { entry, duplicate: false })
    }

    async fn claim_due(
        &self,
        _now: Timestamp,
        _lease: SignedDuration,
        _limit: usize,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        Ok(Vec::new())
    }

    async fn save(&self, _entry: &OutboxEntry) -> Result<(), OutboxError> {
        Ok(())
    }

    async fn get(&self, _entry_id: &str) -> Result<Option<OutboxEntry>, OutboxError> {
        Ok(None)
    }
}
