//! Python binding of Vitrina: the native module `vitrina._vitrina`, re-exported by the `vitrina`
//! package. Newtypes over the core's types; every rule lives in `vitrina-core`, none here.

// No unsafe code of our own; what pyo3 needs lives in its macros.
#![deny(unsafe_code)]

mod cart;
mod catalog;
mod convert;
mod courier;
mod errors;
mod gateway;
mod notify;
mod payment;
mod plugin;
mod pricing;
mod run;
mod search;
mod shop;

use pyo3::prelude::*;

/// The native module; `python/vitrina/__init__.py` re-exports it.
#[pymodule]
fn _vitrina(m: &Bound<'_, PyModule>) -> PyResult<()> {
    run::init_runtime();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<catalog::PyProduct>()?;
    m.add_class::<catalog::PyVariant>()?;
    m.add_class::<catalog::PyPrice>()?;
    m.add_class::<catalog::PyProductOption>()?;
    m.add_class::<catalog::PyOptionRule>()?;
    m.add_class::<catalog::PyCategory>()?;
    m.add_class::<catalog::PyOfferedValues>()?;
    m.add_class::<cart::PyCart>()?;
    m.add_class::<cart::PyCartLine>()?;
    m.add_class::<cart::PyGiftWrap>()?;
    m.add_function(wrap_pyfunction!(cart::merge_guest_cart, m)?)?;
    m.add_class::<pricing::PyPricingContext>()?;
    m.add_class::<pricing::PyPricer>()?;
    m.add_class::<pricing::PyPricedCart>()?;
    m.add_class::<pricing::PyPricedLine>()?;
    m.add_class::<pricing::PyPricedShipping>()?;
    m.add_class::<pricing::PyPricedPackaging>()?;
    m.add_class::<pricing::PyAppliedPromotion>()?;
    m.add_class::<pricing::PyLineShare>()?;
    m.add_class::<pricing::PyRejectedCoupon>()?;
    m.add_class::<pricing::PyTotals>()?;
    m.add_function(wrap_pyfunction!(pricing::price_json, m)?)?;
    m.add_function(wrap_pyfunction!(pricing::_bench_price_rust, m)?)?;
    m.add_class::<payment::PyPaymentRequest>()?;
    m.add_class::<payment::PyFollowUpRequest>()?;
    m.add_class::<payment::PyGatewayResult>()?;
    m.add_class::<payment::PyTestGateway>()?;
    m.add_class::<payment::PyStripeGateway>()?;
    payment::register_constants(m)?;
    m.add_class::<courier::PyTestCourier>()?;
    m.add_class::<courier::PyOwnFleetCourier>()?;
    m.add_class::<courier::PyEcontCourier>()?;
    m.add_class::<courier::PyDeliveryWindow>()?;
    m.add_class::<courier::PyDeliverySlot>()?;
    notify::register(m)?;
    search::register(m)?;
    m.add_class::<shop::PyShop>()?;
    m.add_function(wrap_pyfunction!(errors::set_domain_errors, m)?)?;
    Ok(())
}
