//! The `VitrinaError` exception hierarchy and the mapping of every variant of the core's error enums
//! onto it: the class names the failing module, `.code` the variant, `.field` the offending field.
//!
//! Classes are created at import time with `type(name, bases, ns)` so that they can inherit from both
//! `VitrinaError` and a built-in (`ValueError`), which `create_exception!` cannot express. A wrapping
//! variant (`CatalogError::Money`, `PricingError::Catalog`, `WishListError::Cart`) raises the outer
//! class with the inner error chained as `__cause__`, mirroring the core's `source()` chain.
//!
//! A failed `Shop` call (a bridge `CallError`) raises the class registered for its `domain` by the
//! generated `vitrina.shop.errors`, with `.code`, `.field`, `.domain`, `.outcome_unknown` and
//! `.conflict` as the core gave them.

use pyo3::exceptions::{PyConnectionError, PyException, PyLookupError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};
use vitrina_core::cart::{CartError, WishListError};
use vitrina_core::catalog::{CatalogError, ConfigurationError};
use vitrina_core::checkout::CheckoutError;
use vitrina_core::money::MoneyError;
use vitrina_core::order::OrderError;
use vitrina_core::payment::{GatewayError, IdempotencyError, PaymentError};
use vitrina_core::pricing::PricingError;

use vitrina_core::knowledge::{KnowledgeError, SearchError};
use vitrina_core::notify::{MailError, MessageError, NotifyError, OutboxError, TemplateError};
use vitrina_core::shipping::{CourierError, ShippingError};
use vitrina_core::store::StoreError;
use vitrina_core::support::{CannedError, CsatError, SupportError};

use vitrina_bridge::CallError;

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
    Checkout,
    PricesChanged,
    Order,
    IllegalTransition,
    Payment,
    Gateway,
    Idempotency,
    Store,
    Conflict,
    NotFound,
    Duplicate,
    InsufficientStock,
    Shipping,
    ShipmentTransition,
    Courier,
    Support,
    Notify,
    Mail,
    Knowledge,
    Search,
}

/// How a class is built: its name, its parent in the hierarchy (`None`: the root), its docstring and
/// the built-in exception it also derives from (beyond what its parent gives).
struct Spec {
    class: Class,
    name: &'static str,
    parent: Option<Class>,
    doc: &'static str,
    builtin: Builtin,
}

/// A built-in exception class a `VitrinaError` subclass also derives from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Builtin {
    /// Only the parent.
    None,
    /// `ValueError`: bad input.
    Value,
    /// `LookupError`: something asked for does not exist.
    Lookup,
    /// `ConnectionError`: a remote service failed.
    Connection,
}

const fn spec(class: Class, name: &'static str, parent: Class, builtin: Builtin, doc: &'static str) -> Spec {
    Spec { class, name, parent: Some(parent), doc, builtin }
}

const SPECS: [Spec; 33] = [
    Spec {
        class: Class::Vitrina,
        name: "VitrinaError",
        parent: None,
        builtin: Builtin::None,
        doc: "Base class of every error raised by Vitrina.",
    },
    Spec {
        class: Class::Money,
        name: "MoneyError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "An amount or currency is not valid money (core `MoneyError`).",
    },
    Spec {
        class: Class::UnknownCurrency,
        name: "UnknownCurrencyError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "Not an ISO 4217 currency code with minor units.",
    },
    Spec {
        class: Class::InvalidAmount,
        name: "InvalidAmountError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "Not a finite decimal amount.",
    },
    Spec {
        class: Class::ExcessPrecision,
        name: "ExcessPrecisionError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "More decimals than the currency's minor unit allows.",
    },
    Spec {
        class: Class::NegativeAmount,
        name: "NegativeAmountError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "An amount that must not be negative is.",
    },
    Spec {
        class: Class::CurrencyMismatch,
        name: "CurrencyMismatchError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "Two amounts in different currencies were combined.",
    },
    Spec {
        class: Class::AmountOverflow,
        name: "AmountOverflowError",
        parent: Some(Class::Money),
        builtin: Builtin::None,
        doc: "An amount is out of the engine's range.",
    },
    Spec {
        class: Class::Catalog,
        name: "CatalogError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "A catalog was refused (core `CatalogError`); `.code` names the variant.",
    },
    Spec {
        class: Class::Configuration,
        name: "ConfigurationError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "Option choices of a configurable product were refused (core `ConfigurationError`).",
    },
    Spec {
        class: Class::Cart,
        name: "CartError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "An edit of a cart was refused and the cart left unchanged (core `CartError`).",
    },
    Spec {
        class: Class::WishList,
        name: "WishListError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "An edit of a wish list was refused and the list left unchanged (core `WishListError`).",
    },
    Spec {
        class: Class::Pricing,
        name: "PricingError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "A cart could not be priced, or pricing rules were refused (core `PricingError`).",
    },
    Spec {
        class: Class::Checkout,
        name: "CheckoutError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "A checkout step was refused and the session left unchanged (core `CheckoutError`).",
    },
    Spec {
        class: Class::PricesChanged,
        name: "PricesChangedError",
        parent: Some(Class::Checkout),
        builtin: Builtin::None,
        doc: "Prices changed since the shopper confirmed them: `.changed` lists the lines, `.current` is the \
              cart priced now; show it and place again with it once confirmed.",
    },
    Spec {
        class: Class::Order,
        name: "OrderError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "An order operation was refused and the order left unchanged (core `OrderError`).",
    },
    Spec {
        class: Class::IllegalTransition,
        name: "IllegalTransitionError",
        parent: Some(Class::Order),
        builtin: Builtin::None,
        doc: "The order state machine does not allow the move (`.from_state` -> `.to_state`).",
    },
    Spec {
        class: Class::Payment,
        name: "PaymentError",
        parent: Some(Class::Vitrina),
        builtin: Builtin::Value,
        doc: "A payment step was refused (core `PaymentError`); a decline is a result, not this error.",
    },
    Spec {
        class: Class::Gateway,
        name: "GatewayError",
        parent: Some(Class::Payment),
        builtin: Builtin::None,
        doc: "The gateway gave no usable answer (unsupported, unavailable, amount mismatch); the outcome \
              may be unknown: retry with the same idempotency key, or sync.",
    },
    Spec {
        class: Class::Idempotency,
        name: "IdempotencyError",
        parent: Some(Class::Gateway),
        builtin: Builtin::None,
        doc: "The idempotency ledger refused the call (blank key, key reused with other parameters, a \
              call with the key in progress).",
    },
    spec(
        Class::Store,
        "StoreError",
        Class::Vitrina,
        Builtin::None,
        "A store call failed and changed nothing (core `StoreError`); code `backend` is a database failure.",
    ),
    spec(
        Class::Conflict,
        "ConflictError",
        Class::Store,
        Builtin::None,
        "A save quoted a stale version (`.expected_version`, `.actual_version`): re-read and retry.",
    ),
    spec(Class::NotFound, "NotFoundError", Class::Store, Builtin::Lookup, "No aggregate of this kind with this id."),
    spec(
        Class::Duplicate,
        "DuplicateError",
        Class::Store,
        Builtin::Value,
        "A unique value (order number, reservation, message id) is taken.",
    ),
    spec(
        Class::InsufficientStock,
        "InsufficientStockError",
        Class::Store,
        Builtin::Value,
        "Not enough stock to reserve (`.variant_id`, `.requested`, `.available`); nothing was reserved.",
    ),
    spec(
        Class::Shipping,
        "ShippingError",
        Class::Vitrina,
        Builtin::Value,
        "A shipping step was refused and the shipment left unchanged (core `ShippingError`).",
    ),
    spec(
        Class::ShipmentTransition,
        "ShipmentTransitionError",
        Class::Shipping,
        Builtin::None,
        "The shipment state machine does not allow the move (`.from_state` -> `.to_state`).",
    ),
    spec(
        Class::Courier,
        "CourierError",
        Class::Shipping,
        Builtin::None,
        "The courier gave no usable answer (core `CourierError`: unsupported, no service, unavailable...); \
         an exception raised by a courier written in Python is code `unavailable`.",
    ),
    spec(
        Class::Support,
        "SupportError",
        Class::Vitrina,
        Builtin::Value,
        "A support operation was refused and the case left unchanged (core `SupportError`, `CannedError`, \
         `CsatError`).",
    ),
    spec(
        Class::Notify,
        "NotifyError",
        Class::Vitrina,
        Builtin::Value,
        "An e-mail could not be composed or queued (bad message, template, outbox); nothing was queued.",
    ),
    spec(
        Class::Mail,
        "MailError",
        Class::Notify,
        Builtin::Connection,
        "A mailer did not send the message; `.permanent` says whether retrying is pointless.",
    ),
    spec(
        Class::Knowledge,
        "KnowledgeError",
        Class::Vitrina,
        Builtin::Value,
        "A knowledge-base change was refused and the base left unchanged (core `KnowledgeError`).",
    ),
    spec(
        Class::Search,
        "SearchError",
        Class::Vitrina,
        Builtin::Value,
        "A search document or query was refused, or the search index failed (core `SearchError`).",
    ),
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
        let mut bases = match spec.parent {
            None => vec![py.get_type::<PyException>()],
            Some(parent) => vec![created[parent as usize].bind(py).clone()],
        };
        match spec.builtin {
            Builtin::None => {}
            Builtin::Value => bases.push(py.get_type::<PyValueError>()),
            Builtin::Lookup => bases.push(py.get_type::<PyLookupError>()),
            Builtin::Connection => bases.push(py.get_type::<PyConnectionError>()),
        }
        let bases = PyTuple::new(py, bases)?;
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "vitrina")?;
        namespace.set_item("__doc__", spec.doc)?;
        namespace.set_item("code", py.None())?;
        namespace.set_item("field", py.None())?;
        namespace.set_item("domain", py.None())?;
        namespace.set_item("outcome_unknown", false)?;
        namespace.set_item("conflict", false)?;
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

/// The exception class of each error domain of the core (`cart` -> `CartError`), as the generated
/// `vitrina.shop.errors` registers them through `_set_domain_errors`.
static DOMAIN_ERRORS: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// Registers the exception class of each error domain (`{"cart": CartError, ...}`) that failed
/// `Shop` calls raise; a domain without one raises `VitrinaError`.
#[pyfunction(name = "_set_domain_errors")]
pub(crate) fn set_domain_errors(py: Python<'_>, errors: &Bound<'_, PyDict>) -> PyResult<()> {
    DOMAIN_ERRORS.get_or_init(py, || PyDict::new(py).unbind()).bind(py).update(errors.as_mapping())
}

/// A failed `Shop` call as its domain's exception, with `.code`, `.field`, `.domain`,
/// `.outcome_unknown` and `.conflict` as the core gave them.
fn call_error(py: Python<'_>, e: CallError) -> PyErr {
    let registered = DOMAIN_ERRORS.get(py).and_then(|errors| errors.bind(py).get_item(&e.domain).ok().flatten());
    let class = match registered.map(|class| class.cast_into::<PyType>()) {
        Some(Ok(class)) => class,
        _ => match CLASSES.get(py) {
            Some(classes) => classes[Class::Vitrina as usize].bind(py).clone(),
            None => return PyValueError::new_err(e.message),
        },
    };
    let err = PyErr::from_type(class, e.message);
    let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
        Ok(vec![
            ("code", PyString::new(py, &e.code).into_any()),
            ("field", e.field.into_pyobject(py)?.into_any()),
            ("domain", PyString::new(py, &e.domain).into_any()),
            ("outcome_unknown", pyo3::types::PyBool::new(py, e.outcome_unknown).to_owned().into_any()),
            ("conflict", pyo3::types::PyBool::new(py, e.conflict).to_owned().into_any()),
        ])
    })();
    attributes.map_or_else(|e| e, |attributes| with_attributes(py, err, attributes))
}

/// Any error of the core, converted to its Python exception by [`err`].
pub(crate) enum CoreError {
    Money(MoneyError),
    Catalog(CatalogError),
    Configuration(ConfigurationError),
    Cart(CartError),
    WishList(WishListError),
    Pricing(PricingError),
    Checkout(CheckoutError),
    Order(OrderError),
    Payment(PaymentError),
    Gateway(GatewayError),
    Store(StoreError),
    Shipping(ShippingError),
    Courier(CourierError),
    Support(SupportError),
    Canned(CannedError),
    Csat(CsatError),
    Mail(MailError),
    Message(MessageError),
    Notify(NotifyError),
    Outbox(OutboxError),
    Template(TemplateError),
    Knowledge(KnowledgeError),
    Search(SearchError),
    /// A failed `Shop` call, raised as its domain's exception.
    Call(CallError),
    /// A Python exception raised on the way (it is raised as it is).
    Python(PyErr),
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
    Pricing(PricingError),
    Checkout(CheckoutError),
    Order(OrderError),
    Payment(PaymentError),
    Gateway(GatewayError),
    Store(StoreError),
    Shipping(ShippingError),
    Courier(CourierError),
    Support(SupportError),
    Canned(CannedError),
    Csat(CsatError),
    Mail(MailError),
    Message(MessageError),
    Notify(NotifyError),
    Outbox(OutboxError),
    Template(TemplateError),
    Knowledge(KnowledgeError),
    Search(SearchError),
    Call(CallError),
    Python(PyErr)
);

impl From<vitrina_core::delivery::DeliveryError> for CoreError {
    /// A refused delivery choice, raised as the shipping error of the same name.
    fn from(e: vitrina_core::delivery::DeliveryError) -> Self {
        CoreError::Shipping(e.into())
    }
}

/// The Python exception for a core error: use as `.map_err(err)`.
pub(crate) fn err(e: impl Into<CoreError>) -> PyErr {
    Python::attach(|py| match e.into() {
        CoreError::Money(e) => money_error(py, &e),
        CoreError::Catalog(e) => catalog_error(py, &e),
        CoreError::Configuration(e) => configuration_error(py, &e),
        CoreError::Cart(e) => cart_error(py, &e),
        CoreError::WishList(e) => wish_list_error(py, &e),
        CoreError::Pricing(e) => pricing_error(py, &e),
        CoreError::Checkout(e) => checkout_error(py, e),
        CoreError::Order(e) => order_error(py, &e),
        CoreError::Payment(e) => payment_error(py, &e),
        CoreError::Gateway(e) => gateway_error(py, &e),
        CoreError::Store(e) => store_error(py, &e),
        CoreError::Shipping(e) => shipping_error(py, &e),
        CoreError::Courier(e) => courier_error(py, &e),
        CoreError::Support(e) => support_error(py, &e),
        CoreError::Canned(e) => {
            let field = match &e {
                CannedError::InvalidField { field, .. } => Some(field.as_str()),
                _ => Some("reply"),
            };
            raise(py, Class::Support, e.to_string(), &variant_code(&e), field, None)
        }
        CoreError::Csat(e) => {
            let field = match &e {
                CsatError::InvalidField { field, .. } => Some(field.as_str()),
                _ => Some("survey"),
            };
            raise(py, Class::Support, e.to_string(), &variant_code(&e), field, None)
        }
        CoreError::Mail(e) => mail_error(py, &e),
        CoreError::Message(e) => message_error(py, &e),
        CoreError::Notify(e) => notify_error(py, e),
        CoreError::Outbox(e) => raise(py, Class::Notify, e.to_string(), &variant_code(&e), Some("outbox"), None),
        CoreError::Template(e) => raise(py, Class::Notify, e.to_string(), &variant_code(&e), Some("template"), None),
        CoreError::Knowledge(e) => knowledge_error(py, &e),
        CoreError::Search(e) => search_error(py, &e),
        CoreError::Call(e) => call_error(py, e),
        CoreError::Python(e) => e,
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
        CartError::TooManyCoupons { field, .. } => ("too_many_coupons", field),
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
        | CartError::TooManyCoupons { field, .. }
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
        PricingError::QuantityAboveMaximum { field, .. } => ("quantity_above_maximum", Some(field), None),
        PricingError::DuplicateLineId { field, .. } => ("duplicate_line_id", Some(field), None),
        PricingError::TooManyCoupons { .. } => ("too_many_coupons", Some("cart.coupons"), None),
        PricingError::UnknownShippingMethod(_) => ("unknown_shipping_method", Some("context.shipping_method_id"), None),
        PricingError::ShippingUnavailable { .. } => ("shipping_unavailable", Some("context.shipping_method_id"), None),
        PricingError::PackagingUnavailable { field, .. } => ("packaging_unavailable", Some(field), None),
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

fn pricing_field(e: &PricingError) -> Option<&str> {
    match e {
        PricingError::CurrencyMismatch { .. } => Some("cart.currency"),
        PricingError::TooManyCoupons { .. } => Some("cart.coupons"),
        PricingError::UnknownVariant { field, .. }
        | PricingError::NoPrice { field, .. }
        | PricingError::ZeroQuantity { field }
        | PricingError::QuantityAboveMaximum { field, .. }
        | PricingError::DuplicateLineId { field, .. }
        | PricingError::PackagingUnavailable { field, .. }
        | PricingError::InvalidInput { field, .. }
        | PricingError::InvalidRule { field, .. } => Some(field),
        PricingError::UnknownShippingMethod(_) | PricingError::ShippingUnavailable { .. } => {
            Some("context.shipping_method_id")
        }
        PricingError::Catalog(inner) => catalog_field(inner),
        PricingError::Money(inner) => money_field(inner),
        PricingError::Overflow(field) => Some(field),
    }
}

/// Sets extra attributes on the exception `err` carries (a failure to set one replaces `err`).
fn with_attributes<'py>(py: Python<'py>, err: PyErr, attributes: Vec<(&str, Bound<'py, PyAny>)>) -> PyErr {
    let value = err.value(py);
    for (name, attribute) in attributes {
        if let Err(e) = value.setattr(name, attribute) {
            return e;
        }
    }
    err
}

fn checkout_error(py: Python<'_>, e: CheckoutError) -> PyErr {
    let message = e.to_string();
    let (code, field, cause): (&str, Option<&str>, Option<PyErr>) = match e {
        CheckoutError::PricesChanged { .. } => {
            return raise(py, Class::PricesChanged, message, "prices_changed", Some("confirmed"), None);
        }
        CheckoutError::InvalidField { ref field, .. } => ("invalid_field", Some(field), None),
        CheckoutError::EmptyCart { .. } => ("empty_cart", Some("cart"), None),
        CheckoutError::WrongStep { .. } => ("wrong_step", Some("step"), None),
        CheckoutError::CartMismatch { field, .. } => ("cart_mismatch", Some(field), None),
        CheckoutError::Pricing(ref inner) => ("pricing", pricing_field(inner), Some(pricing_error(py, inner))),
        CheckoutError::Order(ref inner) => ("order", order_field(inner), Some(order_error(py, inner))),
    };
    raise(py, Class::Checkout, message, code, field, cause)
}

/// `PricesChangedError` with `.changed` (list of `ChangedLine`), `.current` (the `PricedCart` now),
/// `.confirmed_total` and `.current_total`.
fn order_field(e: &OrderError) -> Option<&str> {
    match e {
        OrderError::IllegalTransition { .. }
        | OrderError::NotEditable { .. }
        | OrderError::NothingDue { .. }
        | OrderError::AlreadyReminded { .. } => Some("state"),
        OrderError::PaymentRequired { .. } => Some("payment_method"),
        OrderError::LastLine { .. } | OrderError::QuantityUnchanged { .. } => Some("lines"),
        OrderError::RefundExceedsPaid { .. } => Some("refund"),
        OrderError::NonPositiveAmount { field, .. } => Some(field),
        OrderError::InvalidOrderNumber { .. } => Some("number"),
        OrderError::InvalidPaymentReference { .. } => Some("payment_reference"),
        OrderError::Cart(inner) => Some(cart_field(inner)),
        OrderError::Pricing(inner) => pricing_field(inner),
        OrderError::Money(inner) => money_field(inner),
    }
}

fn order_error(py: Python<'_>, e: &OrderError) -> PyErr {
    let field = order_field(e);
    let (class, code, cause) = match e {
        OrderError::IllegalTransition { from, to, .. } => {
            let err = raise(py, Class::IllegalTransition, e.to_string(), "illegal_transition", field, None);
            let attributes = vec![
                ("from_state", PyString::new(py, from.as_str()).into_any()),
                ("to_state", PyString::new(py, to.as_str()).into_any()),
            ];
            return with_attributes(py, err, attributes);
        }
        OrderError::PaymentRequired { .. } => (Class::Order, "payment_required", None),
        OrderError::NotEditable { .. } => (Class::Order, "not_editable", None),
        OrderError::LastLine { .. } => (Class::Order, "last_line", None),
        OrderError::QuantityUnchanged { .. } => (Class::Order, "quantity_unchanged", None),
        OrderError::RefundExceedsPaid { .. } => (Class::Order, "refund_exceeds_paid", None),
        OrderError::NonPositiveAmount { .. } => (Class::Order, "non_positive_amount", None),
        OrderError::NothingDue { .. } => (Class::Order, "nothing_due", None),
        OrderError::AlreadyReminded { .. } => (Class::Order, "already_reminded", None),
        OrderError::InvalidOrderNumber { .. } => (Class::Order, "invalid_order_number", None),
        OrderError::InvalidPaymentReference { .. } => (Class::Order, "invalid_payment_reference", None),
        OrderError::Cart(inner) => (Class::Order, "cart", Some(cart_error(py, inner))),
        OrderError::Pricing(inner) => (Class::Order, "pricing", Some(pricing_error(py, inner))),
        OrderError::Money(inner) => (Class::Order, "money", Some(money_error(py, inner))),
    };
    raise(py, class, e.to_string(), code, field, cause)
}

fn payment_error(py: Python<'_>, e: &PaymentError) -> PyErr {
    let (code, field, cause): (&str, Option<&str>, Option<PyErr>) = match e {
        PaymentError::IllegalTransition { .. } => ("illegal_transition", Some("state"), None),
        PaymentError::CaptureExceedsAuthorized { .. } => ("capture_exceeds_authorized", Some("amount"), None),
        PaymentError::RefundExceedsCaptured { .. } => ("refund_exceeds_captured", Some("amount"), None),
        PaymentError::ExceedsRequested { .. } => ("exceeds_requested", Some("amount"), None),
        PaymentError::NonPositiveAmount { .. } => ("non_positive_amount", Some("amount"), None),
        PaymentError::NotRefundable { .. } => ("not_refundable", Some("state"), None),
        PaymentError::UnknownRefund { .. } => ("unknown_refund", Some("refund_id"), None),
        PaymentError::IllegalRefundTransition { .. } => ("illegal_refund_transition", Some("refunds"), None),
        PaymentError::RefundKeyReused { .. } => ("refund_key_reused", Some("idempotency_key"), None),
        PaymentError::NoGatewayReference { .. } => ("no_gateway_reference", Some("gateway_reference"), None),
        PaymentError::Money(inner) => ("money", money_field(inner), Some(money_error(py, inner))),
        // A gateway failure raises its own subclass of PaymentError.
        PaymentError::Gateway(inner) => return gateway_error(py, inner),
    };
    raise(py, Class::Payment, e.to_string(), code, field, cause)
}

fn gateway_error(py: Python<'_>, e: &GatewayError) -> PyErr {
    let (class, code, field) = match e {
        GatewayError::Unsupported { .. } => (Class::Gateway, "unsupported", None),
        GatewayError::Unavailable { .. } => (Class::Gateway, "unavailable", None),
        GatewayError::InvalidRequest { field, .. } => (Class::Gateway, "invalid_request", Some(field.as_str())),
        GatewayError::UnknownReference { .. } => (Class::Gateway, "unknown_reference", Some("gateway_reference")),
        GatewayError::AmountMismatch { .. } => (Class::Gateway, "amount_mismatch", Some("amount")),
        GatewayError::Webhook(_) => (Class::Gateway, "webhook", Some("webhook")),
        GatewayError::Idempotency(inner) => {
            let code = match inner {
                IdempotencyError::BlankKey => "blank_key",
                IdempotencyError::KeyReused { .. } => "key_reused",
                IdempotencyError::InProgress { .. } => "in_progress",
                IdempotencyError::NotClaimed { .. } => "not_claimed",
                IdempotencyError::Store { .. } => "store",
            };
            (Class::Idempotency, code, Some("idempotency_key"))
        }
    };
    raise(py, class, e.to_string(), code, field, None)
}

/// The snake_case name of an error's variant (`UnknownCategory` -> `unknown_category`), from its
/// `Debug` form: the stable `.code` of the error enums mapped without a table of their own.
fn variant_code(e: &impl std::fmt::Debug) -> String {
    let debug = format!("{e:?}");
    let name = debug.split([' ', '{', '(']).next().unwrap_or_default();
    let mut code = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            code.push('_');
        }
        code.push(c.to_ascii_lowercase());
    }
    code
}

fn store_error(py: Python<'_>, e: &StoreError) -> PyErr {
    let message = e.to_string();
    match e {
        StoreError::NotFound { kind, .. } => raise(py, Class::NotFound, message, "not_found", Some(kind), None),
        StoreError::Conflict { kind, expected_version, actual_version, .. } => {
            let err = raise(py, Class::Conflict, message, "conflict", Some(kind), None);
            let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
                Ok(vec![
                    ("expected_version", expected_version.into_pyobject(py)?.into_any()),
                    ("actual_version", actual_version.into_pyobject(py)?.into_any()),
                ])
            })();
            attributes.map_or_else(|e| e, |attributes| with_attributes(py, err, attributes))
        }
        StoreError::Duplicate { kind, .. } => raise(py, Class::Duplicate, message, "duplicate", Some(kind), None),
        StoreError::InsufficientStock { variant_id, requested, available } => {
            let err = raise(py, Class::InsufficientStock, message, "insufficient_stock", Some("lines"), None);
            let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
                Ok(vec![
                    ("variant_id", PyString::new(py, variant_id).into_any()),
                    ("requested", requested.into_pyobject(py)?.into_any()),
                    ("available", available.into_pyobject(py)?.into_any()),
                ])
            })();
            attributes.map_or_else(|e| e, |attributes| with_attributes(py, err, attributes))
        }
        StoreError::PromotionLimitReached { .. } => {
            raise(py, Class::Store, message, "promotion_limit_reached", Some("promotion_uses"), None)
        }
        StoreError::Invalid { field, .. } => raise(py, Class::Store, message, "invalid", Some(field), None),
        StoreError::Backend(_) => raise(py, Class::Store, message, "backend", None, None),
    }
}

fn shipping_error(py: Python<'_>, e: &ShippingError) -> PyErr {
    let message = e.to_string();
    let (code, field, cause): (&str, Option<&str>, Option<PyErr>) = match e {
        ShippingError::IllegalTransition { from, to, .. } => {
            let err = raise(py, Class::ShipmentTransition, message, "illegal_transition", Some("state"), None);
            let attributes = vec![
                ("from_state", PyString::new(py, from.as_str()).into_any()),
                ("to_state", PyString::new(py, to.as_str()).into_any()),
            ];
            return with_attributes(py, err, attributes);
        }
        // A courier failure raises its own subclass of ShippingError.
        ShippingError::Courier(inner) => return courier_error(py, inner),
        ShippingError::InvalidField { field, .. } => ("invalid_field", Some(field), None),
        ShippingError::NotFulfillable { .. } => ("not_fulfillable", Some("order.state"), None),
        ShippingError::UnknownLine { field, .. } => ("unknown_line", Some(field), None),
        ShippingError::OverShipment { field, .. } => ("over_shipment", Some(field), None),
        ShippingError::CashOnDeliveryMismatch { .. } => ("cash_on_delivery_mismatch", Some("collected"), None),
        ShippingError::CashOnDeliveryExceedsBalance { .. } => {
            ("cash_on_delivery_exceeds_balance", Some("cash_on_delivery"), None)
        }
        ShippingError::PackagingUnavailable { .. } => ("packaging_unavailable", Some("packaging"), None),
        ShippingError::SlotFull { .. } => ("slot_full", Some("slot_id"), None),
        ShippingError::Order(inner) => ("order", order_field(inner), Some(order_error(py, inner))),
        ShippingError::Money(inner) => ("money", money_field(inner), Some(money_error(py, inner))),
    };
    raise(py, Class::Shipping, message, code, field, cause)
}

fn courier_error(py: Python<'_>, e: &CourierError) -> PyErr {
    let field = match e {
        CourierError::InvalidRequest { field, .. } => Some(field.as_str()),
        CourierError::Unsupported { .. } => Some("operation"),
        CourierError::NoService { .. } => Some("to"),
        CourierError::UnknownShipment { .. } | CourierError::NotCancellable { .. } => Some("tracking_number"),
        CourierError::UnknownPickup { .. } => Some("pickup_id"),
        CourierError::NoCapacity { .. } | CourierError::Unavailable { .. } => None,
    };
    raise(py, Class::Courier, e.to_string(), &variant_code(e), field, None)
}

fn support_error(py: Python<'_>, e: &SupportError) -> PyErr {
    let field = match e {
        SupportError::InvalidInput { field, .. } => Some(field.as_str()),
        SupportError::IllegalTransition { .. } | SupportError::CaseClosed { .. } => Some("state"),
        SupportError::OutOfOrder { .. } => Some("at"),
        _ => None,
    };
    let err = raise(py, Class::Support, e.to_string(), &variant_code(e), field, None);
    if let SupportError::IllegalTransition { from, to, .. } = e {
        let attributes = vec![
            ("from_state", PyString::new(py, from.as_str()).into_any()),
            ("to_state", PyString::new(py, to.as_str()).into_any()),
        ];
        return with_attributes(py, err, attributes);
    }
    err
}

fn mail_error(py: Python<'_>, e: &MailError) -> PyErr {
    let err = raise(py, Class::Mail, e.to_string(), &variant_code(e), None, None);
    with_attributes(py, err, vec![("permanent", pyo3::types::PyBool::new(py, e.is_permanent()).to_owned().into_any())])
}

fn message_error(py: Python<'_>, e: &MessageError) -> PyErr {
    let field = match e {
        MessageError::HeaderInjection { field } | MessageError::InvalidField { field, .. } => field,
    };
    raise(py, Class::Notify, e.to_string(), &variant_code(e), Some(field), None)
}

fn notify_error(py: Python<'_>, e: NotifyError) -> PyErr {
    match e {
        NotifyError::Message(inner) => message_error(py, &inner),
        NotifyError::Money(inner) => money_error(py, &inner),
        NotifyError::Template(inner) => err(inner),
        NotifyError::Outbox(inner) => err(inner),
    }
}

fn knowledge_error(py: Python<'_>, e: &KnowledgeError) -> PyErr {
    let field = match e {
        KnowledgeError::EmptyField { field }
        | KnowledgeError::DuplicateId { field, .. }
        | KnowledgeError::UnknownCategory { field, .. } => Some(field.as_str()),
        _ => None,
    };
    raise(py, Class::Knowledge, e.to_string(), &variant_code(e), field, None)
}

fn search_error(py: Python<'_>, e: &SearchError) -> PyErr {
    let field = match e {
        SearchError::InvalidDocument { field, .. } => Some(format!("document.{field}")),
        SearchError::InvalidQuery { field, .. } => Some(format!("query.{field}")),
        _ => None,
    };
    raise(py, Class::Search, e.to_string(), &variant_code(e), field.as_deref(), None)
}
