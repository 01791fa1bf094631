//! The Shop: every use case of a shop as one command over the store. Each command loads what it
//! needs with versions, runs the domain step, and saves, logs events and queues e-mails at once.
//!
//! ```text
//! shop.catalog()   carts()   checkout()   orders()   payments()   shipping()   returns()
//! shop.support()   reviews() customers()  marketing() wallets()   admin()      reports()
//! shop.knowledge() inventory()
//! shop.run_due(now)   time-driven work: reminders, cancellations, follow-ups, expiry, outbox
//! ```
//!
//! A command that lost a race to another process (a stale version) is run again on fresh data
//! where that is safe; money-moving commands take an idempotency key so a repeat changes nothing.

/// Runs a command's body as one unit of work and commits it: `command!(shop, retry = true, |tx| {
/// ... })`, or `at = now` for a moment other than the clock's. The body is an inline block over
/// `tx: &mut Tx` (not a closure, so the command's future stays `Send` on any runtime); a command
/// that lost a race is run again on fresh data when `retry` says that is safe.
macro_rules! command {
    ($shop:expr, retry = $retry:expr, |$tx:ident| $body:expr) => {{
        let shop: &$crate::shop::Shop = $shop;
        command!(shop, retry = $retry, at = shop.now(), |$tx| $body)
    }};
    ($shop:expr, retry = $retry:expr, at = $now:expr, |$tx:ident| $body:expr) => {{
        let shop: &$crate::shop::Shop = $shop;
        let now = $now;
        let mut attempt = 1;
        loop {
            let mut unit = shop.begin(now).await?;
            let $tx = &mut unit;
            let outcome: Result<_, $crate::shop::ShopError> = async { $body }.await;
            if let Some(outcome) = shop.finish(unit, outcome, $retry, &mut attempt).await {
                break outcome;
            }
        }
    }};
}

mod admin;
mod carts;
mod catalog;
mod checkout;
mod clock;
mod customers;
mod desk;
mod due;
mod error;
mod inbound;
mod inventory;
mod knowledge;
mod marketing;
mod notices;
mod orders;
mod outbox;
mod payments;
mod plugins;
mod privacy;
mod reports;
mod returns;
mod reviews;
mod rollups;
mod settings;
mod shelf;
mod shipping;
mod support;
mod unit;
mod wallets;
mod webhooks;

use std::sync::{Arc, PoisonError, RwLock};

pub use admin::Admin;
pub use carts::Carts;
pub use catalog::CatalogUseCases;
pub use checkout::Checkout;
pub use clock::{Clock, ManualClock, SystemClock};
pub use customers::{CustomerUpdate, Customers, MovedToCart};
pub use due::DueReport;
pub use error::ShopError;
pub use inbound::{IgnoredReason, InboundOutcome, GUEST_GROUP};
pub use inventory::Inventory;
pub use knowledge::Knowledge;
pub use marketing::{Campaign, CampaignReport, CampaignText, Marketing};
pub use orders::{Orders, WorkList};
pub use payments::{Payments, RecordedLine};
pub use plugins::Plugins;
pub use privacy::{CustomerExport, ErasureReport};
pub use reports::{CurrencyFigures, Reports, SalesSummary};
pub use returns::Returns;
pub use reviews::{ProductReviews, Reviews};
pub use rollups::RollupRebuild;
pub use settings::{Settings, SettingsRevision, UnpaidPolicy, SETTINGS_ID};
pub use shelf::VariantAvailability;
pub use shipping::{DeliveryOption, Shipping, TrackingFailure, TrackingRound, TrackingUpdate};
pub use support::{CaseSla, CustomerCase, CustomerRequest, SolvedCase, Support};
pub use wallets::Wallets;
pub use webhooks::WebhookReceipt;

use crate::pricing::Pricer;
use crate::store::{load, Store};
use settings::SettingsDocument;
use unit::{Tx, ATTEMPTS};

/// A shop: the store, the clock and the plug-ins, and every use case over them. Cheap to clone.
#[derive(Clone)]
pub struct Shop {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    plugins: Plugins,
    cache: RwLock<Cached>,
}

/// The settings and pricer last built, with the versions they were built from.
#[derive(Default)]
struct Cached {
    settings_version: u64,
    settings: Option<Arc<Settings>>,
    catalog_version: u64,
    pricer: Option<Arc<Pricer>>,
}

impl std::fmt::Debug for Shop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shop").field("plugins", &self.inner.plugins).finish_non_exhaustive()
    }
}

impl Shop {
    /// A shop over `store` on the system clock with `plugins`.
    pub fn new(store: Arc<dyn Store>, plugins: Plugins) -> Shop {
        Shop::with_clock(store, plugins, Arc::new(SystemClock))
    }

    /// A shop over `store` reading the time from `clock`.
    pub fn with_clock(store: Arc<dyn Store>, plugins: Plugins, clock: Arc<dyn Clock>) -> Shop {
        Shop { inner: Arc::new(Inner { store, clock, plugins, cache: RwLock::new(Cached::default()) }) }
    }

    /// The store underneath (for reads the use cases do not cover).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// The registered plug-ins.
    pub fn plugins(&self) -> &Plugins {
        &self.inner.plugins
    }

    /// Now, by the shop's clock.
    pub fn now(&self) -> jiff::Timestamp {
        self.inner.clock.now()
    }

    /// The catalog: publish, edit products, read.
    pub fn catalog(&self) -> CatalogUseCases<'_> {
        CatalogUseCases { shop: self }
    }

    /// Carts and what the shopper puts in them.
    pub fn carts(&self) -> Carts<'_> {
        Carts { shop: self }
    }

    /// The two-step checkout and placing the order.
    pub fn checkout(&self) -> Checkout<'_> {
        Checkout { shop: self }
    }

    /// Orders: read, history, work lists, back-office changes.
    pub fn orders(&self) -> Orders<'_> {
        Orders { shop: self }
    }

    /// Fulfilment: shipping orders, tracking parcels, cancelling shipments.
    pub fn shipping(&self) -> Shipping<'_> {
        Shipping { shop: self }
    }

    /// Inventory: stock locations, receipts, counts, write-offs, transfers and the movement ledger.
    pub fn inventory(&self) -> Inventory<'_> {
        Inventory { shop: self }
    }

    /// Returns: request, approval, receipt, inspection, refund or exchange.
    pub fn returns(&self) -> Returns<'_> {
        Returns { shop: self }
    }

    /// Payments: cards through the gateway, bank statements, cash collected on delivery.
    pub fn payments(&self) -> Payments<'_> {
        Payments { shop: self }
    }

    /// Store credit and gift cards.
    pub fn wallets(&self) -> Wallets<'_> {
        Wallets { shop: self }
    }

    /// Customer accounts, consent, purchase history and wish lists.
    pub fn customers(&self) -> Customers<'_> {
        Customers { shop: self }
    }

    /// Support cases, replies, satisfaction surveys and SLA order.
    pub fn support(&self) -> Support<'_> {
        Support { shop: self }
    }

    /// Product reviews by verified buyers, moderation and seller replies.
    pub fn reviews(&self) -> Reviews<'_> {
        Reviews { shop: self }
    }

    /// Marketing e-mail under consent and the frequency cap.
    pub fn marketing(&self) -> Marketing<'_> {
        Marketing { shop: self }
    }

    /// The knowledge base (FAQ) and its search.
    pub fn knowledge(&self) -> Knowledge<'_> {
        Knowledge { shop: self }
    }

    /// The back office's configuration.
    pub fn admin(&self) -> Admin<'_> {
        Admin { shop: self }
    }

    /// Sales figures computed by the store.
    pub fn reports(&self) -> Reports<'_> {
        Reports { shop: self }
    }

    /// The current settings; [`ShopError::NotSetUp`] before [`Admin::configure`] ran.
    pub async fn settings(&self) -> Result<Arc<Settings>, ShopError> {
        let (settings, _) = self.current().await?;
        settings.ok_or(ShopError::NotSetUp { what: "settings" })
    }

    /// The pricer of the published catalog under the current rules.
    pub async fn pricer(&self) -> Result<Arc<Pricer>, ShopError> {
        let (_, pricer) = self.current().await?;
        pricer.ok_or(ShopError::NotSetUp { what: "catalog" })
    }

    /// The settings and pricer as stored now, rebuilt only when their stored versions moved.
    async fn current(&self) -> Result<(Option<Arc<Settings>>, Option<Arc<Pricer>>), ShopError> {
        let store = self.inner.store.as_ref();
        let settings_version = store.document_version("settings", SETTINGS_ID).await?.unwrap_or(0);
        let catalog_version = store.catalog_version().await?;
        {
            let cached = self.inner.cache.read().unwrap_or_else(PoisonError::into_inner);
            if cached.settings_version == settings_version && cached.catalog_version == catalog_version {
                return Ok((cached.settings.clone(), cached.pricer.clone()));
            }
        }
        let settings = match load::<SettingsDocument>(store, SETTINGS_ID).await? {
            Some(stored) => Some((Arc::new(stored.value.settings), stored.version)),
            None => None,
        };
        let catalog = store.current_catalog().await?;
        let pricer = match (&settings, catalog.as_ref()) {
            (Some((settings, _)), Some(catalog)) => {
                Some(Arc::new(Pricer::new(catalog.value.clone(), settings.pricing.clone())?))
            }
            _ => None,
        };
        let mut cached = self.inner.cache.write().unwrap_or_else(PoisonError::into_inner);
        *cached = Cached {
            settings_version: settings.as_ref().map_or(0, |(_, version)| *version),
            settings: settings.map(|(settings, _)| settings),
            catalog_version: catalog.as_ref().map_or(0, |c| c.version),
            pricer,
        };
        Ok((cached.settings.clone(), cached.pricer.clone()))
    }

    /// A unit of work at `now`, with the current settings and pricer.
    async fn begin(&self, now: jiff::Timestamp) -> Result<Tx, ShopError> {
        let (settings, pricer) = self.current().await?;
        let settings = settings.ok_or(ShopError::NotSetUp { what: "settings" })?;
        let allocator = self.inner.plugins.allocator().clone();
        Ok(Tx::new(self.inner.store.clone(), settings, pricer, allocator, now))
    }

    /// Commits `tx` if the command succeeded. `None`: it lost a race (a stale version) and
    /// `retry` allows running it again on fresh data (up to a few attempts).
    async fn finish<T>(
        &self,
        tx: Tx,
        outcome: Result<T, ShopError>,
        retry: bool,
        attempt: &mut u32,
    ) -> Option<Result<T, ShopError>> {
        let outcome = match outcome {
            Ok(value) => tx.commit().await.map(|()| value),
            Err(error) => Err(error),
        };
        match outcome {
            Err(error) if retry && error.is_conflict() && *attempt < ATTEMPTS => {
                *attempt += 1;
                None
            }
            outcome => Some(outcome),
        }
    }
}

/// Hosts spawn commands on multi-threaded runtimes (tokio, the bindings' event loops), so every
/// command's future must be `Send`: this fails to compile if one is not.
#[cfg(test)]
#[allow(dead_code)]
fn commands_are_send(shop: Shop, priced: crate::pricing::PricedCart) {
    fn assert_send<T: Send>(_: T) {}
    assert_send(async move {
        let money = crate::money::Money::zero(crate::money::Currency::EUR);
        let staff = crate::event::Actor::System;
        let _ = shop.carts().create(crate::money::Currency::EUR, None).await;
        let _ = shop.carts().add_line("cart", "variant", 1).await;
        let _ = shop.checkout().place_order("session", &priced).await;
        let _ = shop.orders().work_list().await;
        let _ = shop.admin().update(|_| Ok(())).await;
        let _ = shop.run_due(shop.now()).await;
        let _ = shop.reports().sales(shop.now(), shop.now()).await;
        let _ = shop.payments().pay("order", "token", "key").await;
        let _ = shop.payments().capture("payment", money, "key").await;
        let _ = shop.payments().refund("payment", money, None, "key", staff.clone()).await;
        let _ = shop.payments().record_statement(&[]).await;
        let _ = shop.payments().record_cash_collected("order", money, "courier", "key").await;
        let _ = shop.wallets().pay_with_wallet("order", "key").await;
        let _ = shop.wallets().pay_with_gift_card("order", "code", "key").await;
        let _ = shop.shipping().ship("order", staff.clone()).await;
        let _ = shop.shipping().refresh_tracking(shop.now()).await;
        let _ = shop.returns().approve("return", staff.clone()).await;
        let _ = shop.returns().refund("return", staff.clone(), "key").await;
        let _ = shop.support().solve("case", crate::support::CaseActor::System).await;
        let _ = shop.support().open_cases_by_sla().await;
        let _ = shop.reviews().of_product("product").await;
        let _ = shop.customers().purchase_history("customer").await;
        let _ = shop.knowledge().sync_index().await;
    });
}
