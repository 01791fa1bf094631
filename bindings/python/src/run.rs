//! Running the core's futures from Python: blocking (GIL released, on the binding's tokio runtime)
//! or as asyncio awaitables (pyo3-async-runtimes), converting the result with [`ToPy`].

use std::future::Future;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::{err, Raise};

/// The stack of each of the runtime's threads: polling a use case with its Python plug-ins nests
/// deep in a debug build, so the threads get far more room than tokio's default 2 MiB.
const THREAD_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Configures the tokio runtime the binding's calls run on (built on first use); call it once,
/// when the module is imported.
pub(crate) fn init_runtime() {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all().thread_stack_size(THREAD_STACK_BYTES);
    pyo3_async_runtimes::tokio::init(builder);
}

/// A core result that becomes a Python value once the GIL is held again.
pub(crate) trait ToPy: Send + 'static {
    /// The Python value.
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

/// Runs `future` to completion on the tokio runtime with the GIL released; a core error raises its
/// Python exception.
pub(crate) fn blocking<T, E, F>(py: Python<'_>, future: F) -> PyResult<Py<PyAny>>
where
    T: ToPy,
    E: Raise + Send + 'static,
    F: Future<Output = Result<T, E>> + Send + 'static,
{
    let runtime = pyo3_async_runtimes::tokio::get_runtime();
    let joined = py.detach(|| runtime.block_on(runtime.spawn(future)));
    let result = joined.map_err(|e| PyRuntimeError::new_err(format!("vitrina task failed: {e}")))?;
    result.map_err(err)?.to_py(py)
}

/// `future` as an asyncio awaitable of its converted result.
pub(crate) fn awaitable<'py, T, E, F>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    T: ToPy,
    E: Raise + Send + 'static,
    F: Future<Output = Result<T, E>> + Send + 'static,
{
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let value = future.await.map_err(err)?;
        Python::attach(|py| value.to_py(py))
    })
}

impl ToPy for () {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(py.None())
    }
}

impl ToPy for u64 {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

impl ToPy for bool {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(pyo3::types::PyBool::new(py, self).to_owned().into_any().unbind())
    }
}

impl ToPy for String {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self {
            Some(value) => value.to_py(py),
            None => Ok(py.None()),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let items = self.into_iter().map(|item| item.to_py(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(pyo3::types::PyList::new(py, items)?.into_any().unbind())
    }
}

/// A serialisable core value handed to Python as plain data (dicts, lists, strings).
pub(crate) struct Plain<T>(pub(crate) T);

impl<T: serde::Serialize + Send + 'static> ToPy for Plain<T> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(crate::convert::serde_to_py(py, &self.0)?.unbind())
    }
}
