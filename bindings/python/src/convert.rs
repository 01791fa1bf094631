//! Python values to and from the core's data: exact amounts (`decimal.Decimal` or `int`, never
//! `float`), UTC timestamps (aware `datetime` or RFC 3339 text), and plain dicts/lists converted to
//! `serde_json::Value` so the core's own serde model reads them (no logic is repeated here).

use std::str::FromStr;

use jiff::Timestamp;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use vitrina_core::money::MoneyError;

use crate::errors::{err, invalid};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn is_decimal(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(DECIMAL.import(obj.py(), "decimal", "Decimal")?)
}

fn is_datetime(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(DATETIME.import(obj.py(), "datetime", "datetime")?)
}

fn is_timedelta(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(TIMEDELTA.import(obj.py(), "datetime", "timedelta")?)
}

/// An exact amount: a `decimal.Decimal` (finite) or an `int`. A `float` raises `TypeError`: binary
/// floating point cannot hold most cent values, so it is refused rather than silently rounded.
pub(crate) fn extract_amount(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    if obj.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: float amounts are not exact; pass decimal.Decimal (e.g. Decimal(\"12.50\")) or int"
        )));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{field}: expected decimal.Decimal or int, got bool")));
    }
    let text = if obj.is_instance_of::<PyInt>() || is_decimal(obj)? {
        obj.str()?.to_cow()?.into_owned()
    } else {
        let type_name = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!("{field}: expected decimal.Decimal or int, got {type_name}")));
    };
    Decimal::from_str_exact(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| err(MoneyError::InvalidAmount { field: field.to_owned(), value: text }))
}

/// A UTC moment: an aware `datetime` or RFC 3339 text (`2026-11-23T12:00:00Z`). A naive `datetime`
/// is refused, since the engine's timestamps are UTC and a local time would be guessed.
pub(crate) fn extract_timestamp(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Timestamp> {
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        return Timestamp::from_str(&text)
            .map_err(|e| PyValueError::new_err(format!("{field}: {text:?} is not an RFC 3339 timestamp: {e}")));
    }
    if is_datetime(obj)? {
        if obj.getattr("tzinfo")?.is_none() || obj.call_method0("utcoffset")?.is_none() {
            return Err(PyValueError::new_err(format!(
                "{field}: naive datetime; pass an aware datetime (e.g. tzinfo=datetime.timezone.utc)"
            )));
        }
        return obj.extract::<Timestamp>().map_err(|e| PyValueError::new_err(format!("{field}: {e}")));
    }
    let type_name = obj.get_type().name()?;
    Err(PyTypeError::new_err(format!("{field}: expected an aware datetime or RFC 3339 text, got {type_name}")))
}

/// A constructor's keyword arguments (`**config`) as one JSON object, named `config` in errors.
pub(crate) fn keywords(config: Option<&Bound<'_, pyo3::types::PyDict>>) -> PyResult<Value> {
    match config {
        Some(config) => to_value(config.as_any(), "config"),
        None => Ok(Value::Object(serde_json::Map::new())),
    }
}

/// Converts plain Python data (dict or other mapping, list, tuple, str, bytes, int, bool, None,
/// `Decimal`, aware `datetime`, `timedelta`, and the typed values of `vitrina.shop` by their
/// `to_json`) to JSON; `path` names the value in errors
/// (`catalog.products[0].variants[0].prices[0].amount`).
pub(crate) fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = obj.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Err(PyValueError::new_err(format!("{path}: integer out of range")));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        // Byte strings (a courier's label) travel as serde's form of `Vec<u8>`, a list of numbers.
        return Ok(Value::Array(bytes.as_bytes().iter().map(|b| Value::from(*b)).collect()));
    }
    if obj.is_instance_of::<PyFloat>() || is_decimal(obj)? {
        // Amounts travel as decimal strings, the core's serde form of `Decimal`.
        return Ok(Value::String(extract_amount(obj, path)?.to_string()));
    }
    if is_datetime(obj)? {
        return Ok(Value::String(extract_timestamp(obj, path)?.to_string()));
    }
    if is_timedelta(obj)? {
        // Durations travel in jiff's serde form (ISO 8601, `PT72H`).
        let duration = obj.extract::<jiff::SignedDuration>()?;
        return serde_json::to_value(duration).map_err(|e| PyValueError::new_err(format!("{path}: {e}")));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return object(dict.iter(), path);
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let items = mapping.items()?;
        let pairs = items.iter().map(|pair| pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>());
        return object(pairs.collect::<PyResult<Vec<_>>>()?, path);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(to_value(&item?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(items));
    }
    if let Some(to_json) = obj.getattr_opt("to_json")?.filter(|method| method.is_callable()) {
        // A typed value of `vitrina.shop` (`Money`, `ShippingZone`...): its own JSON form.
        return to_value(&to_json.call1((path,))?, path);
    }
    Err(PyTypeError::new_err(format!("{path}: unsupported type {}", type_name_of(obj))))
}

fn object<'py>(pairs: impl IntoIterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>, path: &str) -> PyResult<Value> {
    let mut map = Map::new();
    for (key, item) in pairs {
        let key = key
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("{path}: keys must be str, got {}", type_name_of(&key))))?;
        let key = key.to_cow()?.into_owned();
        let child = to_value(&item, &join(path, &key))?;
        map.insert(key, child);
    }
    Ok(Value::Object(map))
}

fn type_name_of(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Reads a core value from a dict (via [`to_value`]) or from JSON text; a shape the core's serde model
/// refuses raises the `shop` domain's `invalid`, naming `field`.
pub(crate) fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    if let Ok(text) = obj.cast::<PyString>() {
        return from_json(&text.to_cow()?, field);
    }
    if !obj.is_instance_of::<PyDict>() && obj.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!("{field}: expected a dict or JSON text, got {}", type_name_of(obj))));
    }
    let value = to_value(obj, field)?;
    serde_json::from_value(value).map_err(|e| invalid(field, e))
}

/// Reads a core value from JSON text; see [`from_py`].
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, field: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| invalid(field, e))
}

/// Compact JSON of a core value, as `serde_json::to_string` writes it.
pub(crate) fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A JSON value as plain Python data (objects become dicts, keys in sorted order).
pub(crate) fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            // Only relevance scores are binary floats (amounts travel as decimal strings).
            _ => match n.as_f64() {
                Some(f) => PyFloat::new(py, f).into_any(),
                None => PyString::new(py, &n.to_string()).into_any(),
            },
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A serialisable core value as plain Python data.
pub(crate) fn serde_to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    value_to_py(py, &value)
}

/// A UTC moment argument that defaults to the current time; see [`extract_timestamp`].
pub(crate) fn timestamp_or_now(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Timestamp> {
    match obj {
        Some(obj) if !obj.is_none() => extract_timestamp(obj, field),
        _ => Ok(Timestamp::now()),
    }
}

/// The snake_case name serde gives a unit variant of a core enum (`pending_payment`, `card`).
pub(crate) fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// A unit variant of a core enum from its snake_case name; an unknown name raises the `shop` domain's
/// `invalid`, naming `field`.
pub(crate) fn enum_arg<T: DeserializeOwned>(name: &str, field: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(name.to_owned())).map_err(|e| invalid(field, e))
}

/// A dataclass-like repr of `obj`: `Name(field=repr(value), ...)` over the named attributes, each
/// shown as Python shows it (`Decimal('3.50')`, `datetime.datetime(...)`, `'gift_wrap'`).
pub(crate) fn dataclass_repr(obj: &Bound<'_, PyAny>, name: &str, fields: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        let value = obj.getattr(*field)?.repr()?;
        parts.push(format!("{field}={}", value.to_cow()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}
