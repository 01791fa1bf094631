//! `Store`: the core's repositories (catalog, carts, checkout, orders, payments, shipments, support
//! cases, surveys, stock, promotion uses, outbox) over SQLite or PostgreSQL, opened by URL; blocking and `*_async`.

use std::sync::Arc;

use jiff::SignedDuration;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use vitrina_core::store::{OrderPlacement, OrderQuery, StockLine, Store, StoreError, Versioned};
use vitrina_core::support::SurveySubject;

use crate::cart::PyCart;
use crate::catalog::PyCatalog;
use crate::checkout::PyCheckoutSession;
use crate::convert::{enum_arg, extract_timestamp, from_py, timestamp_or_now};
use crate::errors::Class;
use crate::order::PyOrder;
use crate::payment::PyPayment;
use crate::run::{awaitable, blocking, Plain, ToPy};
use crate::shipping::PyShipment;
use crate::support::{PySupportCase, PySurvey};

/// An aggregate as read from a store, with the version its next save must quote.
#[pyclass(module = "vitrina", name = "Versioned", frozen)]
pub struct PyVersioned {
    value: Py<PyAny>,
    version: u64,
}

#[pymethods]
impl PyVersioned {
    /// The aggregate (`Order`, `Cart`, `Payment`...).
    #[getter]
    fn value(&self, py: Python<'_>) -> Py<PyAny> {
        self.value.clone_ref(py)
    }
    /// The version read (1 after the first save); pass it to the next save.
    #[getter]
    fn version(&self) -> u64 {
        self.version
    }

    /// `Versioned[Order]` in annotations.
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pair = (self.value.clone_ref(py), self.version).into_pyobject(py)?;
        Ok(pair.try_iter()?.into_any().unbind())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Versioned(value={}, version={})", self.value.bind(py).repr()?, self.version))
    }
}

impl<T: ToPy> ToPy for Versioned<T> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let value = self.value.to_py(py)?;
        Ok(Py::new(py, PyVersioned { value, version: self.version })?.into_any())
    }
}

/// A store opened by URL: `sqlite:shop.db`, `sqlite::memory:` or `postgres://user@host/db`
/// (created and migrated if needed). Every call has a blocking form (GIL released) and an awaitable
/// `*_async` form. Aggregates are read as `Versioned` and saved quoting the version read (0 for a
/// new one): a stale save raises `ConflictError` and changes nothing.
#[pyclass(module = "vitrina", name = "Store", frozen)]
pub struct PyStore {
    pub(crate) inner: Arc<dyn Store>,
    url: String,
}

async fn open_future(url: String) -> Result<OpenedStore, StoreError> {
    vitrina::open_store(&url).await.map(|inner| OpenedStore { inner, url })
}

struct OpenedStore {
    inner: Arc<dyn Store>,
    url: String,
}

impl ToPy for OpenedStore {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyStore { inner: self.inner, url: self.url })?.into_any())
    }
}

/// Stock lines from a mapping `{variant_id: quantity}` or a list of `{"variant_id", "quantity"}`.
fn stock_lines(lines: &Bound<'_, PyAny>) -> PyResult<Vec<StockLine>> {
    if let Ok(mapping) = lines.cast::<PyDict>() {
        return mapping
            .iter()
            .map(|(variant_id, quantity)| Ok(StockLine::new(&variant_id.extract::<String>()?, quantity.extract()?)))
            .collect();
    }
    let value = crate::convert::to_value(lines, "lines")?;
    serde_json::from_value(value).map_err(|e| crate::errors::invalid_input(Class::Store, "lines", e))
}

fn order_query(
    state: Option<&str>,
    placed_from: Option<&Bound<'_, PyAny>>,
    placed_before: Option<&Bound<'_, PyAny>>,
    limit: u32,
) -> PyResult<OrderQuery> {
    let moment = |obj: Option<&Bound<'_, PyAny>>, field: &str| obj.map(|o| extract_timestamp(o, field)).transpose();
    Ok(OrderQuery {
        state: state.map(|s| enum_arg(s, "state", Class::Store)).transpose()?,
        placed_from: moment(placed_from, "placed_from")?,
        placed_before: moment(placed_before, "placed_before")?,
        limit,
    })
}

/// What `place_order` writes, read from its arguments.
fn placement(
    order: &PyOrder,
    payment: Option<PyRef<'_, PyPayment>>,
    reserve_stock: bool,
    reservation_expires_at: Option<&Bound<'_, PyAny>>,
    promotion_uses: Option<&Bound<'_, PyAny>>,
) -> PyResult<OrderPlacement> {
    let expires_at = match reservation_expires_at {
        Some(at) => extract_timestamp(at, "reservation_expires_at")?,
        None => order.inner.placed_at() + SignedDuration::from_mins(30),
    };
    let mut placement = OrderPlacement::new(order.inner.clone(), expires_at);
    if !reserve_stock {
        placement.reservation.clear();
    }
    placement.payment = payment.map(|p| p.inner.clone());
    if let Some(uses) = promotion_uses {
        placement.promotion_uses = from_py_list(uses, "promotion_uses")?;
    }
    Ok(placement)
}

fn from_py_list<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let value = crate::convert::to_value(obj, field)?;
    serde_json::from_value(value).map_err(|e| crate::errors::invalid_input(Class::Store, field, e))
}

/// Generates each store call twice in one `#[pymethods]` block: `name` blocks with the GIL released,
/// `name_async` returns an awaitable. `$body` turns the arguments into a future using `$store`;
/// the `plain` items go into the same block as they are.
macro_rules! store_calls {
    (plain { $($plain:tt)* } $(
        $(#[$meta:meta])*
        fn $name:ident / $name_async:ident ($store:ident $(, $arg:ident : $ty:ty)*) $body:block
    )*) => {
        #[pymethods]
        impl PyStore {
            $($plain)*
            $(
                $(#[$meta])*
                fn $name(&self, py: Python<'_> $(, $arg: $ty)*) -> PyResult<Py<PyAny>> {
                    let $store = self.inner.clone();
                    blocking(py, $body)
                }

                $(#[$meta])*
                fn $name_async<'py>(&self, py: Python<'py> $(, $arg: $ty)*) -> PyResult<Bound<'py, PyAny>> {
                    let $store = self.inner.clone();
                    awaitable(py, $body)
                }
            )*
        }
    };
}

store_calls! {
    plain {
        /// Opens (and migrates) the store `url` points at; a bad URL raises `StoreError` naming `url`.
        #[staticmethod]
        fn open(py: Python<'_>, url: String) -> PyResult<Py<PyAny>> {
            blocking(py, open_future(url))
        }

        /// Awaitable `open`.
        #[staticmethod]
        fn open_async(py: Python<'_>, url: String) -> PyResult<Bound<'_, PyAny>> {
            awaitable(py, open_future(url))
        }

        /// The URL it was opened with.
        #[getter]
        fn url(&self) -> &str {
            &self.url
        }

        fn __repr__(&self) -> String {
            format!("Store(url={:?})", self.url)
        }
    }

    /// Publishes `catalog` as the snapshot after `expected_version` (0 for the first); returns its version.
    #[pyo3(signature = (catalog, expected_version=0))]
    fn publish_catalog / publish_catalog_async (store, catalog: PyRef<'_, PyCatalog>, expected_version: u64) {
        let catalog = catalog.inner.clone();
        async move { store.publish_catalog(&catalog, expected_version).await }
    }

    /// The latest catalog snapshot as `Versioned[Catalog]`, or None.
    fn current_catalog / current_catalog_async (store) {
        async move { store.current_catalog().await }
    }

    /// The catalog snapshot published as `version`, or None.
    fn catalog_snapshot / catalog_snapshot_async (store, version: u64) {
        async move { store.catalog_snapshot(version).await }
    }

    /// The cart `cart_id` as `Versioned[Cart]`, or None.
    fn get_cart / get_cart_async (store, cart_id: String) {
        async move { store.get_cart(&cart_id).await }
    }

    /// Saves `cart` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (cart, version=0))]
    fn save_cart / save_cart_async (store, cart: PyRef<'_, PyCart>, version: u64) {
        let cart = cart.inner.clone();
        async move { store.save_cart(&cart, version).await }
    }

    /// Deletes the cart `cart_id` read at `version`.
    fn delete_cart / delete_cart_async (store, cart_id: String, version: u64) {
        async move { store.delete_cart(&cart_id, version).await }
    }

    /// The carts saved at or after `since`, least recently saved first, at most `limit`.
    #[pyo3(signature = (since, limit=100))]
    fn carts_updated_since / carts_updated_since_async (store, since: &Bound<'_, PyAny>, limit: u32) {
        let since = extract_timestamp(since, "since")?;
        async move { store.carts_updated_since(since, limit).await }
    }

    /// The checkout session `session_id` as `Versioned[CheckoutSession]`, or None.
    fn get_checkout_session / get_checkout_session_async (store, session_id: String) {
        async move { store.get_checkout_session(&session_id).await }
    }

    /// Saves `session` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (session, version=0))]
    fn save_checkout_session / save_checkout_session_async (store, session: PyRef<'_, PyCheckoutSession>, version: u64) {
        let session = session.inner.clone();
        async move { store.save_checkout_session(&session, version).await }
    }

    /// Sessions with contact recorded, no order and last activity before `before`; oldest first.
    #[pyo3(signature = (before, limit=100))]
    fn abandoned_checkout_sessions / abandoned_checkout_sessions_async (store, before: &Bound<'_, PyAny>, limit: u32) {
        let before = extract_timestamp(before, "before")?;
        async move { store.abandoned_checkout_sessions(before, limit).await }
    }

    /// The order `order_id` as `Versioned[Order]`, or None.
    fn get_order / get_order_async (store, order_id: String) {
        async move { store.get_order(&order_id).await }
    }

    /// The order numbered `number` (`VT-2026-000123`), or None.
    fn find_order_by_number / find_order_by_number_async (store, number: String) {
        async move { store.find_order_by_number(&number).await }
    }

    /// The orders of `customer_id`, oldest first.
    fn orders_of_customer / orders_of_customer_async (store, customer_id: String) {
        async move { store.orders_of_customer(&customer_id).await }
    }

    /// Orders newest first, optionally only in `state` and placed in `[placed_from, placed_before)`.
    #[pyo3(signature = (*, state=None, placed_from=None, placed_before=None, limit=50))]
    fn list_orders / list_orders_async (
        store,
        state: Option<&str>,
        placed_from: Option<&Bound<'_, PyAny>>,
        placed_before: Option<&Bound<'_, PyAny>>,
        limit: u32
    ) {
        let query = order_query(state, placed_from, placed_before, limit)?;
        async move { store.list_orders(&query).await }
    }

    /// Saves `order` read at `version` (0: new); returns the new version. A taken number raises
    /// `DuplicateError`.
    #[pyo3(signature = (order, version=0))]
    fn save_order / save_order_async (store, order: PyRef<'_, PyOrder>, version: u64) {
        let order = order.inner.clone();
        async move { store.save_order(&order, version).await }
    }

    /// Draws the next order sequence of `year` (1, 2, 3...): atomic, never the same twice.
    fn next_order_sequence / next_order_sequence_async (store, year: i16) {
        async move { store.next_order_sequence(year).await }
    }

    /// Stores a placed order in one transaction with its first `payment`, a stock reservation of
    /// its cart lines (unless `reserve_stock` is False; until `reservation_expires_at`, default 30
    /// minutes after placing) and `promotion_uses` (dicts: `promotion_id`, `customer_id`, `limit`,
    /// `per_customer_limit`). On any error (`InsufficientStockError`, `DuplicateError`, a
    /// `StoreError` with code `promotion_limit_reached`) nothing is written.
    #[pyo3(signature = (order, *, payment=None, reserve_stock=true, reservation_expires_at=None, promotion_uses=None))]
    fn place_order / place_order_async (
        store,
        order: PyRef<'_, PyOrder>,
        payment: Option<PyRef<'_, PyPayment>>,
        reserve_stock: bool,
        reservation_expires_at: Option<&Bound<'_, PyAny>>,
        promotion_uses: Option<&Bound<'_, PyAny>>
    ) {
        let placement = placement(&order, payment, reserve_stock, reservation_expires_at, promotion_uses)?;
        async move { store.place_order_tx(&placement).await }
    }

    /// The payment `payment_id` as `Versioned[Payment]`, or None.
    fn get_payment / get_payment_async (store, payment_id: String) {
        async move { store.get_payment(&payment_id).await }
    }

    /// The payments of `order_id`, oldest first.
    fn payments_of_order / payments_of_order_async (store, order_id: String) {
        async move { store.payments_of_order(&order_id).await }
    }

    /// Saves `payment` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (payment, version=0))]
    fn save_payment / save_payment_async (store, payment: PyRef<'_, PyPayment>, version: u64) {
        let payment = payment.inner.clone();
        async move { store.save_payment(&payment, version).await }
    }

    /// The shipment `shipment_id` as `Versioned[Shipment]`, or None.
    fn get_shipment / get_shipment_async (store, shipment_id: String) {
        async move { store.get_shipment(&shipment_id).await }
    }

    /// The shipments of `order_id`, oldest first.
    fn shipments_of_order / shipments_of_order_async (store, order_id: String) {
        async move { store.shipments_of_order(&order_id).await }
    }

    /// Saves `shipment` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (shipment, version=0))]
    fn save_shipment / save_shipment_async (store, shipment: PyRef<'_, PyShipment>, version: u64) {
        let shipment = shipment.inner.clone();
        async move { store.save_shipment(&shipment, version).await }
    }

    /// The support case `case_id` as `Versioned[SupportCase]`, or None.
    fn get_support_case / get_support_case_async (store, case_id: String) {
        async move { store.get_support_case(&case_id).await }
    }

    /// The support cases of `customer_id`, oldest first.
    fn support_cases_of_customer / support_cases_of_customer_async (store, customer_id: String) {
        async move { store.support_cases_of_customer(&customer_id).await }
    }

    /// Saves `case` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (case, version=0))]
    fn save_support_case / save_support_case_async (store, case: PyRef<'_, PySupportCase>, version: u64) {
        let case = case.inner.clone();
        async move { store.save_support_case(&case, version).await }
    }

    /// The satisfaction survey `survey_id` as `Versioned[Survey]`, or None.
    fn get_survey_request / get_survey_request_async (store, survey_id: String) {
        async move { store.get_survey_request(&survey_id).await }
    }

    /// The surveys about `subject` (`{"kind": "case", "case_id": ...}` or `{"kind": "order",
    /// "order_id": ...}`), oldest first.
    fn survey_requests_of_subject / survey_requests_of_subject_async (store, subject: &Bound<'_, PyAny>) {
        let subject: SurveySubject = from_py(subject, "subject", Class::Store)?;
        async move { store.survey_requests_of_subject(&subject).await }
    }

    /// Saves `survey` read at `version` (0: new); returns the new version.
    #[pyo3(signature = (survey, version=0))]
    fn save_survey_request / save_survey_request_async (store, survey: PyRef<'_, PySurvey>, version: u64) {
        let survey = survey.inner.clone();
        async move { store.save_survey_request(&survey, version).await }
    }

    /// Sets the units on hand of `variant_id` (tracking it from now on).
    fn set_stock / set_stock_async (store, variant_id: String, on_hand: u64) {
        async move { store.set_stock(&variant_id, on_hand).await }
    }

    /// `{"on_hand": ..., "reserved": ...}` of `variant_id`, or None when its stock is not tracked.
    fn stock_level / stock_level_async (store, variant_id: String) {
        async move { store.stock_level(&variant_id).await.map(|level| level.map(Plain)) }
    }

    /// Reserves `lines` (`{variant_id: quantity}`) for `order_id` until `expires_at`: all or none.
    fn reserve_stock / reserve_stock_async (store, order_id: String, lines: &Bound<'_, PyAny>, expires_at: &Bound<'_, PyAny>) {
        let lines = stock_lines(lines)?;
        let expires_at = extract_timestamp(expires_at, "expires_at")?;
        async move { store.reserve_stock(&order_id, &lines, expires_at).await }
    }

    /// Gives back the units reserved for `order_id`; whether it held any.
    fn release_stock / release_stock_async (store, order_id: String) {
        async move { store.release_stock(&order_id).await }
    }

    /// Takes the units reserved for `order_id` off the shelf.
    fn commit_stock / commit_stock_async (store, order_id: String) {
        async move { store.commit_stock(&order_id).await }
    }

    /// Releases every reservation expired at `now` (default now); returns their order ids.
    #[pyo3(signature = (now=None))]
    fn expire_reservations / expire_reservations_async (store, now: Option<&Bound<'_, PyAny>>) {
        let now = timestamp_or_now(now, "now")?;
        async move { store.expire_reservations(now).await }
    }

    /// Takes one use of `promotion_id` within `limit` in total and `per_customer_limit` for
    /// `customer_id`; returns `{"outcome": "used", "times_used": ..., "customer_uses": ...}`,
    /// `{"outcome": "limit_reached"}` or `{"outcome": "customer_limit_reached"}`.
    #[pyo3(signature = (promotion_id, customer_id=None, *, limit=None, per_customer_limit=None))]
    fn try_use_promotion / try_use_promotion_async (
        store,
        promotion_id: String,
        customer_id: Option<String>,
        limit: Option<u32>,
        per_customer_limit: Option<u32>
    ) {
        async move {
            let outcome = store.try_use_promotion(&promotion_id, customer_id.as_deref(), limit, per_customer_limit);
            outcome.await.map(Plain)
        }
    }

    /// `{"times_used": ..., "customer_uses": ...}` of `promotion_id`.
    #[pyo3(signature = (promotion_id, customer_id=None))]
    fn promotion_usage / promotion_usage_async (store, promotion_id: String, customer_id: Option<String>) {
        async move { store.promotion_usage(&promotion_id, customer_id.as_deref()).await.map(Plain) }
    }

    /// The outbox entries (queued e-mails, as `OutboxEntry`) created at or after `since`, oldest first.
    #[pyo3(signature = (since, limit=100))]
    fn outbox_entries_since / outbox_entries_since_async (store, since: &Bound<'_, PyAny>, limit: u32) {
        let since = extract_timestamp(since, "since")?;
        async move { store.outbox_entries_since(since, limit).await }
    }
}
