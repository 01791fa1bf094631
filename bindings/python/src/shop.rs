//! The native `Shop`: every use case of the core by name, with JSON text in and out, through the
//! bridge; opened with plug-ins built in or written in Python. `vitrina.Shop` gives it typed methods.

use jiff::{SignedDuration, Timestamp};
use pyo3::prelude::*;
use pyo3::types::PyMapping;
use serde_json::Value;
use vitrina_bridge::{OpenedShop, Plugins};
use vitrina_core::order::PaymentMethod;

use crate::convert::extract_timestamp;
use crate::courier::courier_arg;
use crate::errors::{err, invalid};
use crate::notify::mailer_arg;
use crate::payment::gateway_arg;
use crate::run::{awaitable, blocking, ToPy};
use crate::search::PySearchIndex;

/// A shop over a store and its plug-ins; `call` runs a use case by its name (`carts.add_line`) with
/// its named arguments as JSON text and answers the result as JSON text. Failures raise the
/// exception of the core's error domain. Every call has an `*_async` form.
#[pyclass(module = "vitrina._vitrina", name = "Shop", frozen)]
pub struct PyShop(OpenedShop);

impl ToPy for PyShop {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Bound::new(py, self)?.into_any().unbind())
    }
}

/// A payment method by its snake_case name (`card`, `bank_transfer`).
fn payment_method(name: &Bound<'_, PyAny>) -> PyResult<PaymentMethod> {
    let name: String = name.extract().map_err(|_| invalid("gateways", "payment methods are str keys"))?;
    serde_json::from_value(Value::String(name.clone())).map_err(|e| invalid(&format!("gateways.{name}"), e.to_string()))
}

/// The plug-ins `open` was given: gateways by payment method, couriers, a mailer, a search index.
fn plugins(
    gateways: Option<&Bound<'_, PyAny>>,
    couriers: Option<&Bound<'_, PyAny>>,
    mailer: Option<&Bound<'_, PyAny>>,
    search: Option<PyRef<'_, PySearchIndex>>,
) -> PyResult<Plugins> {
    let mut plugins = Plugins::new();
    if let Some(gateways) = gateways.filter(|g| !g.is_none()) {
        let gateways = gateways.cast::<PyMapping>().map_err(|_| invalid("gateways", "expected a dict"))?;
        for pair in gateways.items()?.iter() {
            let (method, gateway) = pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
            plugins = plugins.gateway(payment_method(&method)?, gateway_arg(&gateway)?);
        }
    }
    if let Some(couriers) = couriers.filter(|c| !c.is_none()) {
        for courier in couriers.try_iter()? {
            plugins = plugins.courier(courier_arg(&courier?)?);
        }
    }
    if let Some(mailer) = mailer.filter(|m| !m.is_none()) {
        plugins = plugins.mailer(mailer_arg(mailer)?);
    }
    if let Some(search) = search {
        plugins = plugins.search(search.plugin());
    }
    Ok(plugins)
}

/// The start of a hand-set clock, if one is given.
fn start_time(clock_at: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Timestamp>> {
    clock_at.filter(|at| !at.is_none()).map(|at| extract_timestamp(at, "clock_at")).transpose()
}

#[pymethods]
impl PyShop {
    /// Opens the store at `url` (`sqlite::memory:`, `sqlite:shop.db`, `postgres://...`) and a shop
    /// over it with its plug-ins: `gateways` by payment method (`{"card": gateway}`), `couriers`
    /// (registered under their names), a `mailer` and a `search` index; on a hand-set clock starting
    /// at `clock_at` when given, else on the system clock.
    #[staticmethod]
    #[pyo3(signature = (url, *, gateways=None, couriers=None, mailer=None, search=None, clock_at=None))]
    fn open(
        py: Python<'_>,
        url: String,
        gateways: Option<&Bound<'_, PyAny>>,
        couriers: Option<&Bound<'_, PyAny>>,
        mailer: Option<&Bound<'_, PyAny>>,
        search: Option<PyRef<'_, PySearchIndex>>,
        clock_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (plugins, start) = (plugins(gateways, couriers, mailer, search)?, start_time(clock_at)?);
        blocking(py, async move { OpenedShop::open(&url, plugins, start).await.map(PyShop) })
    }

    /// `open` as an awaitable.
    #[staticmethod]
    #[pyo3(signature = (url, *, gateways=None, couriers=None, mailer=None, search=None, clock_at=None))]
    fn open_async<'py>(
        py: Python<'py>,
        url: String,
        gateways: Option<&Bound<'py, PyAny>>,
        couriers: Option<&Bound<'py, PyAny>>,
        mailer: Option<&Bound<'py, PyAny>>,
        search: Option<PyRef<'py, PySearchIndex>>,
        clock_at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (plugins, start) = (plugins(gateways, couriers, mailer, search)?, start_time(clock_at)?);
        awaitable(py, async move { OpenedShop::open(&url, plugins, start).await.map(PyShop) })
    }

    /// Runs the use case `name` with `args_json` (a JSON object of its named arguments) and answers
    /// its result as JSON text; the GIL is released meanwhile.
    fn call(&self, py: Python<'_>, name: String, args_json: String) -> PyResult<Py<PyAny>> {
        let shop = self.0.clone();
        blocking(py, async move { shop.call_json(&name, &args_json).await })
    }

    /// `call` as an awaitable.
    fn call_async<'py>(&self, py: Python<'py>, name: String, args_json: String) -> PyResult<Bound<'py, PyAny>> {
        let shop = self.0.clone();
        awaitable(py, async move { shop.call_json(&name, &args_json).await })
    }

    /// The shop's time now (an aware UTC `datetime`).
    fn now(&self) -> Timestamp {
        self.0.now()
    }

    /// Sets the hand-set clock to `at` (an aware `datetime`); `invalid` (`clock`) on the system clock.
    fn set_time(&self, at: &Bound<'_, PyAny>) -> PyResult<()> {
        self.0.set_time(extract_timestamp(at, "at")?).map_err(err)
    }

    /// Moves the hand-set clock by `by` (a `timedelta`); `invalid` (`clock`) on the system clock.
    fn advance(&self, by: SignedDuration) -> PyResult<()> {
        self.0.advance(by).map_err(err)
    }

    fn __repr__(&self) -> String {
        format!("Shop(now={})", self.0.now())
    }
}
