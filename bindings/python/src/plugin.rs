//! Calling a plug-in written in Python (gateway, courier, mailer) from the core's async traits: a
//! method may be `def` or `async def`; exceptions come back as `(class name, message)` for the caller.

use std::future::Future;
use std::pin::Pin;

use pyo3::prelude::*;

type PyFuture = Pin<Box<dyn Future<Output = PyResult<Py<PyAny>>> + Send>>;

/// What calling a Python method gave: a value, or an awaitable to await outside the GIL.
enum Called {
    Missing,
    Ready(Py<PyAny>),
    Awaiting(PyFuture),
}

/// Calls `object.method(argument)`; None when the object has no such method. A coroutine is awaited
/// on the asyncio loop of the `*_async` call that got here (pyo3-async-runtimes task locals), or, for
/// a blocking call (no loop on the tokio worker thread), run to completion with `asyncio.run`.
pub(crate) async fn call(
    object: &Py<PyAny>,
    method: &str,
    argument: impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>,
) -> Option<PyResult<Py<PyAny>>> {
    let called = Python::attach(|py| -> PyResult<Called> {
        let object = object.bind(py);
        if !object.hasattr(method)? {
            return Ok(Called::Missing);
        }
        let returned = object.call_method1(method, (argument(py)?,))?;
        if !returned.hasattr("__await__")? {
            return Ok(Called::Ready(returned.unbind()));
        }
        match pyo3_async_runtimes::tokio::get_current_locals(py) {
            // Called from an `*_async` method: await on the caller's event loop.
            Ok(locals) => {
                let future = pyo3_async_runtimes::into_future_with_locals(&locals, returned)?;
                Ok(Called::Awaiting(Box::pin(future)))
            }
            // Called from a blocking method, on a tokio worker thread with no event loop.
            Err(_) => Ok(Called::Ready(py.import("asyncio")?.call_method1("run", (returned,))?.unbind())),
        }
    });
    match called {
        Ok(Called::Missing) => None,
        Ok(Called::Ready(value)) => Some(Ok(value)),
        Ok(Called::Awaiting(future)) => Some(future.await),
        Err(e) => Some(Err(e)),
    }
}

/// An attribute that is present and not None.
pub(crate) fn attribute<'py>(object: &Bound<'py, PyAny>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    if !object.hasattr(name)? {
        return Ok(None);
    }
    let value = object.getattr(name)?;
    Ok((!value.is_none()).then_some(value))
}

/// The plug-in's name: its `name` attribute, else its class name.
pub(crate) fn name_of(object: &Bound<'_, PyAny>) -> PyResult<String> {
    match attribute(object, "name")? {
        Some(name) => name.extract::<String>(),
        None => Ok(object.get_type().name()?.to_string()),
    }
}

/// The exception's class name and message.
pub(crate) fn describe(py: Python<'_>, e: &PyErr) -> (String, String) {
    let kind = e.get_type(py).name().map(|n| n.to_string()).unwrap_or_else(|_| "Exception".to_owned());
    let message = e.value(py).str().map(|s| s.to_string()).unwrap_or_default();
    (kind, message)
}

/// Reads what a plug-in method returned with `read`, holding the GIL; a failure (raised in the
/// method or in reading its value) is described as `(class name, message)`.
pub(crate) fn outcome<T>(
    outcome: PyResult<Py<PyAny>>,
    read: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<T>,
) -> Result<T, (String, String)> {
    Python::attach(|py| outcome.and_then(|value| read(value.bind(py))).map_err(|e| describe(py, &e)))
}
