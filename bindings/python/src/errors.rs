//! Errors, mapped generically: every failure raises the exception class of its core error domain
//! with `.code`, `.field` and `.domain` read from the core's `ErrorCode` trait, the same in every binding.
//!
//! The classes, one per domain of `core/error_codes.txt`, are written by `generate.py` into
//! `vitrina.shop.errors`, which registers them here through `_set_domain_errors`; their base
//! `VitrinaError` is created here. A failed `Shop` call also carries `.outcome_unknown` and
//! `.conflict`. Input the binding cannot read raises the `shop` domain's `invalid` naming the field.

use std::fmt::Display;

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyString, PyTuple, PyType};
use vitrina_bridge::CallError;
use vitrina_core::error::ErrorCode;
use vitrina_core::shop::ShopError;

/// `VitrinaError`, created once per process.
static ROOT: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The exception class of each error domain of the core (`cart` -> `CartError`).
static DOMAIN_ERRORS: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// `VitrinaError`: an `Exception` whose instances carry `code`, `field`, `domain`,
/// `outcome_unknown` and `conflict`.
fn root(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    let root = ROOT.get_or_try_init(py, || {
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "vitrina")?;
        namespace.set_item(
            "__doc__",
            "Base class of every error raised by Vitrina; `code`, `field` and `domain` are the core's.",
        )?;
        for name in ["code", "field", "domain"] {
            namespace.set_item(name, py.None())?;
        }
        namespace.set_item("outcome_unknown", false)?;
        namespace.set_item("conflict", false)?;
        let bases = PyTuple::new(py, [py.get_type::<PyException>()])?;
        let class = py.get_type::<PyType>().call1(("VitrinaError", bases, namespace))?;
        Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
    })?;
    Ok(root.bind(py))
}

/// Adds `VitrinaError` to `module`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("VitrinaError", root(module.py())?)
}

/// Registers the exception class of each error domain (`{"cart": CartError, ...}`); a domain
/// without one raises `VitrinaError`.
#[pyfunction(name = "_set_domain_errors")]
pub(crate) fn set_domain_errors(py: Python<'_>, errors: &Bound<'_, PyDict>) -> PyResult<()> {
    DOMAIN_ERRORS.get_or_init(py, || PyDict::new(py).unbind()).bind(py).update(errors.as_mapping())
}

/// The class registered for `domain`, else `VitrinaError`.
fn class_of<'py>(py: Python<'py>, domain: &str) -> PyResult<Bound<'py, PyType>> {
    let registered = DOMAIN_ERRORS.get(py).and_then(|errors| errors.bind(py).get_item(domain).ok().flatten());
    match registered.map(|class| class.cast_into::<PyType>()) {
        Some(Ok(class)) => Ok(class),
        _ => Ok(root(py)?.clone()),
    }
}

/// `e` as its domain's exception, with the core's code, field, domain and flags.
fn raise(py: Python<'_>, e: CallError) -> PyErr {
    let class = match class_of(py, &e.domain) {
        Ok(class) => class,
        Err(_) => return PyValueError::new_err(e.message),
    };
    let err = PyErr::from_type(class, e.message);
    let value = err.value(py);
    let set = (|| -> PyResult<()> {
        value.setattr("code", PyString::new(py, &e.code))?;
        value.setattr("field", e.field)?;
        value.setattr("domain", PyString::new(py, &e.domain))?;
        value.setattr("outcome_unknown", PyBool::new(py, e.outcome_unknown))?;
        value.setattr("conflict", PyBool::new(py, e.conflict))
    })();
    set.map_or_else(|e| e, |()| err)
}

/// A failure the binding raises as a Python exception: a core error, a failed `Shop` call, or a
/// Python exception raised on the way (raised as it is).
pub(crate) trait Raise {
    /// The Python exception.
    fn raise(self) -> PyErr;
}

impl Raise for PyErr {
    fn raise(self) -> PyErr {
        self
    }
}

impl Raise for CallError {
    fn raise(self) -> PyErr {
        Python::attach(|py| raise(py, self))
    }
}

/// The core's code, field and domain of `e`, with its message.
fn coded(e: &(impl ErrorCode + Display)) -> CallError {
    CallError {
        code: e.code().to_owned(),
        field: e.field().map(str::to_owned),
        domain: e.domain().to_owned(),
        message: e.to_string(),
        outcome_unknown: false,
        conflict: false,
    }
}

macro_rules! raise_coded {
    ($($ty:ty),* $(,)?) => {$(
        impl Raise for $ty {
            fn raise(self) -> PyErr {
                coded(&self).raise()
            }
        }
    )*};
}
raise_coded!(
    vitrina_core::money::MoneyError,
    vitrina_core::catalog::CatalogError,
    vitrina_core::catalog::ConfigurationError,
    vitrina_core::cart::CartError,
    vitrina_core::pricing::PricingError,
    vitrina_core::payment::GatewayError,
    vitrina_core::payment::PaymentError,
    vitrina_core::payment::WebhookError,
    vitrina_core::shipping::CourierError,
    vitrina_core::shipping::ShippingError,
    vitrina_core::delivery::DeliveryError,
    vitrina_core::notify::MailError,
    vitrina_core::notify::MessageError,
    vitrina_core::store::StoreError,
    vitrina_core::knowledge::KnowledgeError,
    vitrina_core::knowledge::SearchError,
);

impl Raise for ShopError {
    fn raise(self) -> PyErr {
        CallError::from(self).raise()
    }
}

/// The Python exception for a failure: use as `.map_err(err)`.
pub(crate) fn err(e: impl Raise) -> PyErr {
    e.raise()
}

/// The `shop` domain's `invalid` for `field`: input the binding could not read (a dict the core's
/// JSON shape refuses, a name that is not one of an enum's), as a `Shop` call raises it.
pub(crate) fn invalid(field: &str, reason: impl Display) -> PyErr {
    err(ShopError::invalid(field, reason.to_string()))
}
