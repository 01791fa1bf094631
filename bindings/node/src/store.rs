//! `Store`: a shop's persistence opened by URL (`sqlite:shop.db`, `sqlite::memory:`, `postgres://…`),
//! every repository operation as a Promise. Reads give `{value, version}`; a write passes the version
//! read (0 for a new aggregate) and resolves to the new one; a stale write rejects with `VITRINA_CONFLICT`.

use std::sync::Arc;

use napi::bindgen_prelude::{JsObjectValue, Object, PromiseRaw, ToNapiValue, Unknown};
use napi::Env;
use napi_derive::napi;
use serde::Serialize;
use tokio::sync::Mutex;
use vitrina_core::payment::Payment;
use vitrina_core::shipping::Shipment;
use vitrina_core::store::{OrderPlacement, OrderQuery, PromotionUse, Store, Versioned};

use crate::cart::JsCart;
use crate::catalog::JsCatalog;
use crate::checkout::JsCheckoutSession;
use crate::convert::{from_js, time_arg, to_js};
use crate::errors::{err, Failure, JsKind};
use crate::order::JsOrder;
use crate::payment::JsPayment;
use crate::shipping::JsShipment;
use crate::support::JsSupportCase;
use crate::task::settle;

/// The largest whole number a JavaScript number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A whole-number argument (a version, a stock level) from 0 to 2^53 - 1, else a `RangeError`.
fn whole_arg(env: &Env, value: f64, field: &str) -> napi::Result<u64> {
    if value.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&value) {
        // The checks above make the cast exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(value as u64);
    }
    let reason = format!("expected a whole number from 0 to 2^53 - 1, got {value}");
    Err(err(env, Failure::binding(JsKind::Range, "VITRINA_INVALID_COUNT", field, reason)))
}

/// A stored version (or count) as a JavaScript number; stores count far below 2^53.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn js_number(value: u64) -> f64 {
    value as f64
}

/// `{value, version}` with `value` the binding's class wrapping the stored aggregate.
fn versioned<'env, C: ToNapiValue>(env: &'env Env, value: C, version: u64) -> napi::Result<Object<'env>> {
    let mut object = Object::new(env)?;
    object.set_named_property("value", value)?;
    object.set_named_property("version", js_number(version))?;
    Ok(object)
}

/// A stored aggregate found (`{value, version}`) or `null`.
fn found<'env, T, C: ToNapiValue>(
    env: &'env Env,
    found: Option<Versioned<T>>,
    wrap: impl FnOnce(T) -> C,
) -> napi::Result<Option<Object<'env>>> {
    found.map(|v| versioned(env, wrap(v.value), v.version)).transpose()
}

/// Stored aggregates as an array of `{value, version}`.
fn listed<'env, T, C: ToNapiValue>(
    env: &'env Env,
    list: Vec<Versioned<T>>,
    wrap: impl Fn(T) -> C,
) -> napi::Result<Vec<Object<'env>>> {
    list.into_iter().map(|v| versioned(env, wrap(v.value), v.version)).collect()
}

fn payment_of(payment: Payment) -> JsPayment {
    JsPayment { inner: Arc::new(Mutex::new(payment)) }
}

/// A stock level: units on hand, reserved for placed orders, and available to sell.
#[derive(Serialize)]
struct Stock {
    on_hand: u64,
    reserved: u64,
    available: u64,
}

/// The whole persistence of a shop: every repository of the core behind one connection pool.
#[napi(js_name = "Store")]
pub struct JsStore {
    pub(crate) inner: Arc<dyn Store>,
}

#[napi]
impl JsStore {
    /// Opens (and migrates) the store `url` points at: `sqlite:shop.db`, `sqlite::memory:` (a fresh
    /// database per store) or `postgres://user@host/db`. A bad URL rejects with `VITRINA_INVALID_INPUT`
    /// naming `url`.
    #[napi(ts_return_type = "Promise<Store>")]
    pub fn open<'env>(env: &'env Env, url: String) -> napi::Result<PromiseRaw<'env, JsStore>> {
        settle(env, async move { vitrina::open_store(&url).await }, |_, inner| Ok(JsStore { inner }))
    }

    /// Publishes `catalog` as the next snapshot; `expectedVersion` is the current catalog's version
    /// (0 for the first). Resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn publish_catalog<'env>(
        &self,
        env: &'env Env,
        catalog: &JsCatalog,
        expected_version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let (store, catalog) = (self.inner.clone(), catalog.inner.clone());
        let expected = whole_arg(env, expected_version, "expectedVersion")?;
        settle(env, async move { store.publish_catalog(&catalog, expected).await }, |_, v| Ok(js_number(v)))
    }

    /// The catalog published last, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Catalog> | null>")]
    pub fn current_catalog<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        settle(env, async move { store.current_catalog().await }, |env, v| found(env, v, |inner| JsCatalog { inner }))
    }

    /// The catalog snapshot published as `version` (orders keep pointing at theirs), or `null`.
    #[napi(ts_return_type = "Promise<Catalog | null>")]
    pub fn catalog_snapshot<'env>(
        &self,
        env: &'env Env,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, Option<JsCatalog>>> {
        let (store, version) = (self.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.catalog_snapshot(version).await }, |_, c| Ok(c.map(|inner| JsCatalog { inner })))
    }

    /// A cart by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Cart> | null>")]
    pub fn get_cart<'env>(&self, env: &'env Env, id: String) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        settle(env, async move { store.get_cart(&id).await }, |env, v| found(env, v, |inner| JsCart { inner }))
    }

    /// Saves `cart` over `version` (0: new); resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_cart<'env>(&self, env: &'env Env, cart: &JsCart, version: f64) -> napi::Result<PromiseRaw<'env, f64>> {
        let (store, cart, version) = (self.inner.clone(), cart.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.save_cart(&cart, version).await }, |_, v| Ok(js_number(v)))
    }

    /// Deletes a cart at `version` (a checked-out or merged cart).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete_cart<'env>(&self, env: &'env Env, id: String, version: f64) -> napi::Result<PromiseRaw<'env, ()>> {
        let (store, version) = (self.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.delete_cart(&id, version).await }, |_, ()| Ok(()))
    }

    /// Carts changed at or after `since` (RFC 3339), oldest first, at most `limit`.
    #[napi(ts_return_type = "Promise<Versioned<Cart>[]>")]
    pub fn carts_updated_since<'env>(
        &self,
        env: &'env Env,
        since: String,
        limit: u32,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let (store, since) = (self.inner.clone(), time_arg(env, Some(since), "since")?);
        let work = async move { store.carts_updated_since(since, limit).await };
        settle(env, work, |env, list| listed(env, list, |inner| JsCart { inner }))
    }

    /// A checkout session by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<CheckoutSession> | null>")]
    pub fn get_checkout_session<'env>(
        &self,
        env: &'env Env,
        id: String,
    ) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.get_checkout_session(&id).await };
        settle(env, work, |env, v| found(env, v, |inner| JsCheckoutSession { inner }))
    }

    /// Saves a checkout session over `version` (0: new); resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_checkout_session<'env>(
        &self,
        env: &'env Env,
        session: &JsCheckoutSession,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let (store, session) = (self.inner.clone(), session.inner.clone());
        let version = whole_arg(env, version, "version")?;
        settle(env, async move { store.save_checkout_session(&session, version).await }, |_, v| Ok(js_number(v)))
    }

    /// Sessions not placed whose last activity is before `before` (RFC 3339), at most `limit`.
    #[napi(ts_return_type = "Promise<Versioned<CheckoutSession>[]>")]
    pub fn abandoned_checkout_sessions<'env>(
        &self,
        env: &'env Env,
        before: String,
        limit: u32,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let (store, before) = (self.inner.clone(), time_arg(env, Some(before), "before")?);
        let work = async move { store.abandoned_checkout_sessions(before, limit).await };
        settle(env, work, |env, list| listed(env, list, |inner| JsCheckoutSession { inner }))
    }

    /// An order by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Order> | null>")]
    pub fn get_order<'env>(&self, env: &'env Env, id: String) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        settle(env, async move { store.get_order(&id).await }, |env, v| found(env, v, |inner| JsOrder { inner }))
    }

    /// An order by number (`VT-2026-000123`), or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Order> | null>")]
    pub fn find_order_by_number<'env>(
        &self,
        env: &'env Env,
        number: String,
    ) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.find_order_by_number(&number).await };
        settle(env, work, |env, v| found(env, v, |inner| JsOrder { inner }))
    }

    /// A customer's orders, newest first.
    #[napi(ts_return_type = "Promise<Versioned<Order>[]>")]
    pub fn orders_of_customer<'env>(
        &self,
        env: &'env Env,
        customer_id: String,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.orders_of_customer(&customer_id).await };
        settle(env, work, |env, list| listed(env, list, |inner| JsOrder { inner }))
    }

    /// Orders matching `query` (`{state?, placed_from?, placed_before?, limit}`), newest first.
    #[napi(ts_return_type = "Promise<Versioned<Order>[]>")]
    pub fn list_orders<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "OrderQuery | string")] query: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let (store, query) = (self.inner.clone(), from_js::<OrderQuery>(env, query, "query")?);
        let work = async move { store.list_orders(&query).await };
        settle(env, work, |env, list| listed(env, list, |inner| JsOrder { inner }))
    }

    /// Saves an order over `version`; resolves to the new version. New orders go through `placeOrder`.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_order<'env>(
        &self,
        env: &'env Env,
        order: &JsOrder,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let (store, order, version) = (self.inner.clone(), order.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.save_order(&order, version).await }, |_, v| Ok(js_number(v)))
    }

    /// The next order sequence number of `year` (1, 2, ...), unique across every app instance.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn next_order_sequence<'env>(&self, env: &'env Env, year: i32) -> napi::Result<PromiseRaw<'env, f64>> {
        let store = self.inner.clone();
        let year = i16::try_from(year).map_err(|_| {
            err(env, Failure::binding(JsKind::Range, "VITRINA_INVALID_COUNT", "year", format!("{year} is no year")))
        })?;
        settle(env, async move { store.next_order_sequence(year).await }, |_, n| Ok(js_number(n)))
    }

    /// Stores a placed order at once, or nothing: the order (version 1), its first `payment` if any,
    /// the stock reservation of its cart until `reservationExpiresAt` (RFC 3339;
    /// `VITRINA_INSUFFICIENT_STOCK` if short) and the `promotionUses` taken with it
    /// (`VITRINA_PROMOTION_LIMIT_REACHED` at a limit).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn place_order<'env>(
        &self,
        env: &'env Env,
        order: &JsOrder,
        reservation_expires_at: String,
        payment: Option<&JsPayment>,
        #[napi(ts_arg_type = "PromotionUse[] | null")] promotion_uses: Option<Unknown<'_>>,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let expires = time_arg(env, Some(reservation_expires_at), "reservationExpiresAt")?;
        let mut placement = OrderPlacement::new(order.inner.clone(), expires);
        placement.payment = payment.map(|p| p.read(env, Payment::clone)).transpose()?;
        if let Some(uses) = promotion_uses {
            if !matches!(uses.get_type()?, napi::ValueType::Undefined | napi::ValueType::Null) {
                placement.promotion_uses = from_js::<Vec<PromotionUse>>(env, uses, "promotionUses")?;
            }
        }
        let store = self.inner.clone();
        settle(env, async move { store.place_order_tx(&placement).await }, |_, ()| Ok(()))
    }

    /// A payment by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Payment> | null>")]
    pub fn get_payment<'env>(
        &self,
        env: &'env Env,
        id: String,
    ) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        settle(env, async move { store.get_payment(&id).await }, |env, v| found(env, v, payment_of))
    }

    /// An order's payments, oldest first.
    #[napi(ts_return_type = "Promise<Versioned<Payment>[]>")]
    pub fn payments_of_order<'env>(
        &self,
        env: &'env Env,
        order_id: String,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.payments_of_order(&order_id).await };
        settle(env, work, |env, list| listed(env, list, payment_of))
    }

    /// Saves a payment over `version` (0: new); resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_payment<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let payment = payment.read(env, Payment::clone)?;
        let (store, version) = (self.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.save_payment(&payment, version).await }, |_, v| Ok(js_number(v)))
    }

    /// A shipment by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<Shipment> | null>")]
    pub fn get_shipment<'env>(
        &self,
        env: &'env Env,
        id: String,
    ) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        settle(env, async move { store.get_shipment(&id).await }, |env, v| found(env, v, JsShipment::wrap))
    }

    /// An order's shipments, oldest first.
    #[napi(ts_return_type = "Promise<Versioned<Shipment>[]>")]
    pub fn shipments_of_order<'env>(
        &self,
        env: &'env Env,
        order_id: String,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.shipments_of_order(&order_id).await };
        settle(env, work, |env, list| listed(env, list, JsShipment::wrap))
    }

    /// Saves a shipment over `version` (0: new); resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_shipment<'env>(
        &self,
        env: &'env Env,
        shipment: &JsShipment,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let shipment = shipment.read(env, Shipment::clone)?;
        let (store, version) = (self.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.save_shipment(&shipment, version).await }, |_, v| Ok(js_number(v)))
    }

    /// A support case by id, or `null`.
    #[napi(ts_return_type = "Promise<Versioned<SupportCase> | null>")]
    pub fn get_support_case<'env>(
        &self,
        env: &'env Env,
        id: String,
    ) -> napi::Result<PromiseRaw<'env, Option<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.get_support_case(&id).await };
        settle(env, work, |env, v| found(env, v, |inner| JsSupportCase { inner }))
    }

    /// A customer's support cases, newest first.
    #[napi(ts_return_type = "Promise<Versioned<SupportCase>[]>")]
    pub fn support_cases_of_customer<'env>(
        &self,
        env: &'env Env,
        customer_id: String,
    ) -> napi::Result<PromiseRaw<'env, Vec<Object<'env>>>> {
        let store = self.inner.clone();
        let work = async move { store.support_cases_of_customer(&customer_id).await };
        settle(env, work, |env, list| listed(env, list, |inner| JsSupportCase { inner }))
    }

    /// Saves a support case over `version` (0: new); resolves to the new version.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn save_support_case<'env>(
        &self,
        env: &'env Env,
        support_case: &JsSupportCase,
        version: f64,
    ) -> napi::Result<PromiseRaw<'env, f64>> {
        let (store, case, version) =
            (self.inner.clone(), support_case.inner.clone(), whole_arg(env, version, "version")?);
        settle(env, async move { store.save_support_case(&case, version).await }, |_, v| Ok(js_number(v)))
    }

    /// Sets the units of a variant on hand (tracked stock).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn set_stock<'env>(
        &self,
        env: &'env Env,
        variant_id: String,
        on_hand: f64,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let (store, on_hand) = (self.inner.clone(), whole_arg(env, on_hand, "onHand")?);
        settle(env, async move { store.set_stock(&variant_id, on_hand).await }, |_, ()| Ok(()))
    }

    /// A variant's stock `{on_hand, reserved, available}`, or `null` when its stock is not tracked.
    #[napi(ts_return_type = "Promise<StockLevel | null>")]
    pub fn stock_level<'env>(
        &self,
        env: &'env Env,
        variant_id: String,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let store = self.inner.clone();
        let work = async move { store.stock_level(&variant_id).await };
        settle(env, work, |env, level| {
            let level = level.map(|l| Stock { on_hand: l.on_hand, reserved: l.reserved, available: l.available() });
            to_js(env, &level)
        })
    }

    /// Turns an order's reservation into a sale (the units leave `on_hand`).
    #[napi(ts_return_type = "Promise<void>")]
    pub fn commit_stock<'env>(&self, env: &'env Env, order_id: String) -> napi::Result<PromiseRaw<'env, ()>> {
        let store = self.inner.clone();
        settle(env, async move { store.commit_stock(&order_id).await }, |_, ()| Ok(()))
    }

    /// Releases an order's reservation (a cancelled order); resolves to whether there was one.
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn release_stock<'env>(&self, env: &'env Env, order_id: String) -> napi::Result<PromiseRaw<'env, bool>> {
        let store = self.inner.clone();
        settle(env, async move { store.release_stock(&order_id).await }, |_, released| Ok(released))
    }

    /// Releases every reservation lapsed at `now` (RFC 3339; default now); resolves to their order ids.
    #[napi(ts_return_type = "Promise<string[]>")]
    pub fn expire_reservations<'env>(
        &self,
        env: &'env Env,
        now: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Vec<String>>> {
        let (store, now) = (self.inner.clone(), time_arg(env, now, "now")?);
        settle(env, async move { store.expire_reservations(now).await }, |_, ids| Ok(ids))
    }
}
