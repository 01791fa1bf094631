//! The `VitrinaError` exception hierarchy and the mapping of every variant of the core's error enums
//! onto it: the class names the failing module, `.code` the variant, `.field` the offending field.
//!
//! Classes are created at import time with `type(name, bases, ns)` so that they can inherit from both
//! `VitrinaError` and a built-in (`ValueError`), which `create_exception!` cannot express. A wrapping
//! variant (`CatalogError::Money`, `PricingError::Catalog`, `WishListError::Cart`) raises the outer
//! class with the inner error chained as `__cause__`, mirroring the core's `source()` chain.

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use vitrina_core::cart::{CartError, WishListError};
use vitrina_core::catalog::{CatalogError, ConfigurationError};
use vitrina_core::money::MoneyError;
use vitrina_core::pricing::PricingError;

/// One exception class of the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Vitrina,
    Money,
    UnknownCurrency,
    InvalidAmount,
    ExcessPrecision,
    NegativeAmount,
    CurrencyMismatch,
    AmountOverflow,
    Catalog,
    Configuration,
    Cart,
    WishList,
    Pricing,
}

/// How a class is built: its name, its parent in the hierarchy (`None`: the root) and its docstring.
struct Spec {
    class: Class,
    name: &'static str,
    parent: Option<Class>,
    doc: &'static str,
}

const SPECS: [Spec; 13] = [
    Spec {
        class: Class::Vitrina,
        name: "VitrinaError",
        parent: None,
        doc: "Base class of every error raised by Vitrina.",
    },
    Spec {
        class: Class::Money,
        name: "MoneyError",
        parent: Some(Class::Vitrina),
        doc: "An amount or currency is not valid money (core `MoneyError`).",
    },
    Spec {
        class: Class::UnknownCurrency,
        name: "UnknownCurrencyError",
        parent: Some(Class::Money),
        doc: "Not an ISO 4217 currency code with minor units.",
    },
    Spec {
        class: Class::InvalidAmount,
        name: "InvalidAmountError",
        parent: Some(Class::Money),
        doc: "Not a finite decimal amount.",
    },
    Spec {
        class: Class::ExcessPrecision,
        name: "ExcessPrecisionError",
        parent: Some(Class::Money),
        doc: "More decimals than the currency's minor unit allows.",
    },
    Spec {
        class: Class::NegativeAmount,
        name: "NegativeAmountError",
        parent: Some(Class::Money),
        doc: "An amount that must not be negative is.",
    },
    Spec {
        class: Class::CurrencyMismatch,
        name: "CurrencyMismatchError",
        parent: Some(Class::Money),
        doc: "Two amounts in different currencies were combined.",
    },
    Spec {
        class: Class::AmountOverflow,
        name: "AmountOverflowError",
        parent: Some(Class::Money),
        doc: "An amount is out of the engine's range.",
    },
    Spec {
        class: Class::Catalog,
        name: "CatalogError",
        parent: Some(Class::Vitrina),
        doc: "A catalog was refused (core `CatalogError`); `.code` names the variant.",
    },
    Spec {
        class: Class::Configuration,
        name: "ConfigurationError",
        parent: Some(Class::Vitrina),
        doc: "Option choices of a configurable product were refused (core `ConfigurationError`).",
    },
    Spec {
        class: Class::Cart,
        name: "CartError",
        parent: Some(Class::Vitrina),
        doc: "An edit of a cart was refused and the cart left unchanged (core `CartError`).",
    },
    Spec {
        class: Class::WishList,
        name: "WishListError",
        parent: Some(Class::Vitrina),
        doc: "An edit of a wish list was refused and the list left unchanged (core `WishListError`).",
    },
    Spec {
        class: Class::Pricing,
        name: "PricingError",
        parent: Some(Class::Vitrina),
        doc: "A cart could not be priced, or pricing rules were refused (core `PricingError`).",
    },
];

static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

/// Creates the classes (once per process) and adds them to `module`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let classes = CLASSES.get_or_try_init(py, || create_classes(py))?;
    for (spec, class) in SPECS.iter().zip(classes) {
        module.add(spec.name, class.bind(py))?;
    }
    Ok(())
}

fn create_classes(py: Python<'_>) -> PyResult<Vec<Py<PyType>>> {
    let mut created: Vec<Py<PyType>> = Vec::with_capacity(SPECS.len());
    for spec in &SPECS {
        let bases = match spec.parent {
            None => PyTuple::new(py, [py.get_type::<PyException>()])?,
            // Direct children of the root also derive from ValueError: they all report bad input.
            Some(Class::Vitrina) => {
                PyTuple::new(py, [created[Class::Vitrina as usize].bind(py).clone(), py.get_type::<PyValueError>()])?
            }
            Some(parent) => PyTuple::new(py, [created[parent as usize].bind(py).clone()])?,
        };
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "vitrina")?;
        namespace.set_item("__doc__", spec.doc)?;
        namespace.set_item("code", py.None())?;
        namespace.set_item("field", py.None())?;
        let class = py.get_type::<PyType>().call1((spec.name, bases, namespace))?.cast_into::<PyType>()?;
        debug_assert_eq!(created.len(), spec.class as usize);
        created.push(class.unbind());
    }
    Ok(created)
}

/// An exception of `class` with `message`, `.code`, `.field` and an optional chained cause.
fn raise(
    py: Python<'_>,
    class: Class,
    message: String,
    code: &str,
    field: Option<&str>,
    cause: Option<PyErr>,
) -> PyErr {
    let Some(classes) = CLASSES.get(py) else {
        return PyValueError::new_err(message);
    };
    let err = PyErr::from_type(classes[class as usize].bind(py).clone(), message);
    let value = err.value(py);
    let attributes = value.setattr("code", code).and_then(|()| value.setattr("field", field));
    if let Err(e) = attributes {
        return e;
    }
    if cause.is_some() {
        err.set_cause(py, cause);
    }
    err
}

/// Raises `class` for a failure of the binding's own input decoding (JSON text or a dict whose shape
/// the core's serde model refuses), where the core enum has no variant of its own.
pub(crate) fn invalid_input(class: Class, field: &str, reason: impl std::fmt::Display) -> PyErr {
    Python::attach(|py| raise(py, class, format!("{field}: {reason}"), "invalid_input", Some(field), None))
}

/// Any error of the core, converted to its Python exception by [`err`].
pub(crate) enum CoreError {
    Money(MoneyError),
    Catalog(CatalogError),
    Configuration(ConfigurationError),
    Cart(CartError),
    WishList(WishListError),
    Pricing(PricingError),
}

macro_rules! from_core {
    ($($variant:ident($ty:ty)),*) => {$(
        impl From<$ty> for CoreError {
            fn from(e: $ty) -> Self {
                CoreError::$variant(e)
            }
        }
    )*};
}
from_core!(
    Money(MoneyError),
    Catalog(CatalogError),
    Configuration(ConfigurationError),
    Cart(CartError),
    WishList(WishListError),
    Pricing(PricingError)
);

/// The Python exception for a core error: use as `.map_err(err)`.
pub(crate) fn err(e: impl Into<CoreError>) -> PyErr {
    Python::attach(|py| match e.into() {
        CoreError::Money(e) => money_error(py, &e),
        CoreError::Catalog(e) => catalog_error(py, &e),
        CoreError::Configuration(e) => configuration_error(py, &e),
        CoreError::Cart(e) => cart_error(py, &e),
        CoreError::WishList(e) => wish_list_error(py, &e),
        CoreError::Pricing(e) => pricing_error(py, &e),
    })
}

fn money_error(py: Python<'_>, e: &MoneyError) -> PyErr {
    let (class, code, field) = match e {
        MoneyError::UnknownCurrency { field, .. } => (Class::UnknownCurrency, "unknown_currency", Some(field.as_str())),
        MoneyError::InvalidAmount { field, .. } => (Class::InvalidAmount, "invalid_amount", Some(field.as_str())),
        MoneyError::ExcessPrecision { field, .. } => (Class::ExcessPrecision, "excess_precision", Some(field.as_str())),
        MoneyError::Negative { field, .. } => (Class::NegativeAmount, "negative", Some(field.as_str())),
        MoneyError::CurrencyMismatch { .. } => (Class::CurrencyMismatch, "currency_mismatch", None),
        MoneyError::Overflow { field } => (Class::AmountOverflow, "overflow", Some(field.as_str())),
    };
    raise(py, class, e.to_string(), code, field, None)
}

fn catalog_error(py: Python<'_>, e: &CatalogError) -> PyErr {
    let (code, field, cause) = match e {
        CatalogError::DuplicateId { field, .. } => ("duplicate_id", Some(field.as_str()), None),
        CatalogError::UnknownReference { field, .. } => ("unknown_reference", Some(field.as_str()), None),
        CatalogError::Invalid { field, .. } => ("invalid", Some(field.as_str()), None),
        CatalogError::Money(inner) => ("money", money_field(inner), Some(money_error(py, inner))),
    };
    raise(py, Class::Catalog, e.to_string(), code, field, cause)
}

fn money_field(e: &MoneyError) -> Option<&str> {
    match e {
        MoneyError::UnknownCurrency { field, .. }
        | MoneyError::InvalidAmount { field, .. }
        | MoneyError::ExcessPrecision { field, .. }
        | MoneyError::Negative { field, .. }
        | MoneyError::Overflow { field } => Some(field),
        MoneyError::CurrencyMismatch { .. } => None,
    }
}

fn configuration_error(py: Python<'_>, e: &ConfigurationError) -> PyErr {
    let code = match e {
        ConfigurationError::UnknownOption { .. } => "unknown_option",
        ConfigurationError::ValueNotOffered { .. } => "value_not_offered",
        ConfigurationError::OutOfOrder { .. } => "out_of_order",
        ConfigurationError::Incomplete { .. } => "incomplete",
        ConfigurationError::NoSingleVariant { .. } => "no_single_variant",
    };
    // Every variant is about the choices given, named after the argument.
    raise(py, Class::Configuration, e.to_string(), code, Some("choices"), None)
}

fn cart_error(py: Python<'_>, e: &CartError) -> PyErr {
    let (code, field) = match e {
        CartError::UnknownVariant { field, .. } => ("unknown_variant", field),
        CartError::ZeroQuantity { field } => ("zero_quantity", field),
        CartError::QuantityAboveMaximum { field, .. } => ("quantity_above_maximum", field),
        CartError::InsufficientStock { field, .. } => ("insufficient_stock", field),
        CartError::NoPriceInCurrency { field, .. } => ("no_price_in_currency", field),
        CartError::UnknownLine { field, .. } => ("unknown_line", field),
        CartError::InvalidCoupon { field, .. } => ("invalid_coupon", field),
        CartError::DuplicateCoupon { field, .. } => ("duplicate_coupon", field),
        CartError::CouponNotApplied { field, .. } => ("coupon_not_applied", field),
        CartError::TooLong { field, .. } => ("too_long", field),
    };
    raise(py, Class::Cart, e.to_string(), code, Some(field), None)
}

fn wish_list_error(py: Python<'_>, e: &WishListError) -> PyErr {
    let (code, field, cause) = match e {
        WishListError::UnknownVariant { field, .. } => ("unknown_variant", field.as_str(), None),
        WishListError::AlreadyListed { field, .. } => ("already_listed", field.as_str(), None),
        WishListError::NotListed { field, .. } => ("not_listed", field.as_str(), None),
        WishListError::EmptyName { field } => ("empty_name", field.as_str(), None),
        WishListError::TooLong { field, .. } => ("too_long", field.as_str(), None),
        WishListError::Cart(inner) => ("cart", cart_field(inner), Some(cart_error(py, inner))),
    };
    raise(py, Class::WishList, e.to_string(), code, Some(field), cause)
}

fn cart_field(e: &CartError) -> &str {
    match e {
        CartError::UnknownVariant { field, .. }
        | CartError::ZeroQuantity { field }
        | CartError::QuantityAboveMaximum { field, .. }
        | CartError::InsufficientStock { field, .. }
        | CartError::NoPriceInCurrency { field, .. }
        | CartError::UnknownLine { field, .. }
        | CartError::InvalidCoupon { field, .. }
        | CartError::DuplicateCoupon { field, .. }
        | CartError::CouponNotApplied { field, .. }
        | CartError::TooLong { field, .. } => field,
    }
}

fn pricing_error(py: Python<'_>, e: &PricingError) -> PyErr {
    let (code, field, cause): (&str, Option<&str>, Option<PyErr>) = match e {
        PricingError::CurrencyMismatch { .. } => ("currency_mismatch", Some("cart.currency"), None),
        PricingError::UnknownVariant { field, .. } => ("unknown_variant", Some(field), None),
        PricingError::NoPrice { field, .. } => ("no_price", Some(field), None),
        PricingError::ZeroQuantity { field } => ("zero_quantity", Some(field), None),
        PricingError::UnknownShippingMethod(_) => ("unknown_shipping_method", Some("context.shipping_method_id"), None),
        PricingError::ShippingUnavailable { .. } => ("shipping_unavailable", Some("context.shipping_method_id"), None),
        PricingError::InvalidInput { field, .. } => ("invalid_input", Some(field), None),
        PricingError::InvalidRule { field, .. } => ("invalid_rule", Some(field), None),
        PricingError::Catalog(inner) => ("catalog", catalog_field(inner), Some(catalog_error(py, inner))),
        PricingError::Money(inner) => ("money", money_field(inner), Some(money_error(py, inner))),
        PricingError::Overflow(field) => ("overflow", Some(field), None),
    };
    raise(py, Class::Pricing, e.to_string(), code, field, cause)
}

fn catalog_field(e: &CatalogError) -> Option<&str> {
    match e {
        CatalogError::DuplicateId { field, .. }
        | CatalogError::UnknownReference { field, .. }
        | CatalogError::Invalid { field, .. } => Some(field),
        CatalogError::Money(inner) => money_field(inner),
    }
}
