//! `RecordedEvent`: a domain event as an aggregate recorded it (`support_reply_posted`...),
//! with its time as an aware `datetime` and its payload (`data`) with amounts as `decimal.Decimal`
//! (their ISO 4217 code in `currency`) and `*_at` times as `datetime`s; `to_dict()` gives the core's
//! JSON shape.

use std::str::FromStr;

use jiff::Timestamp;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;
use vitrina_core::event::RecordedEvent;
use vitrina_core::money::Money;
use vitrina_core::notify::{outbox_events, DomainEvent};

use crate::convert::{dataclass_repr, serde_to_py, to_json, value_to_py};

/// A domain event as recorded.
#[pyclass(module = "vitrina", name = "RecordedEvent", frozen, eq)]
#[derive(PartialEq)]
pub struct PyRecordedEvent(pub(crate) RecordedEvent<DomainEvent>);

/// Recorded events, typed.
pub(crate) fn events<E: Into<DomainEvent>>(events: Vec<RecordedEvent<E>>) -> Vec<PyRecordedEvent> {
    outbox_events(events).into_iter().map(PyRecordedEvent).collect()
}

impl PyRecordedEvent {
    fn payload(&self) -> PyResult<serde_json::Map<String, Value>> {
        match serde_json::to_value(&self.0.event) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(other) => Err(pyo3::exceptions::PyValueError::new_err(format!("event: not an object: {other}"))),
            Err(e) => Err(pyo3::exceptions::PyValueError::new_err(e.to_string())),
        }
    }
}

/// A payload value with amounts (`"44.50 EUR"`) as `Decimal` and `*_at` times as `datetime`s;
/// `currency` collects the amounts' currency code.
fn typed<'py>(
    py: Python<'py>,
    key: &str,
    value: &Value,
    currency: &mut Option<&'static str>,
) -> PyResult<Bound<'py, PyAny>> {
    match value {
        Value::String(text) => {
            if let Ok(money) = Money::from_str(text) {
                *currency = Some(money.currency().code());
                return Ok(money.amount().into_pyobject(py)?.into_any());
            }
            if key.ends_with("_at") {
                if let Ok(at) = Timestamp::from_str(text) {
                    return Ok(at.into_pyobject(py)?.into_any());
                }
            }
            value_to_py(py, value)
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, typed(py, k, v, currency)?)?;
            }
            Ok(dict.into_any())
        }
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(typed(py, key, item, currency)?)?;
            }
            Ok(list.into_any())
        }
        _ => value_to_py(py, value),
    }
}

#[pymethods]
impl PyRecordedEvent {
    /// A recorded event from its JSON text (as `to_json` writes it).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyRecordedEvent(crate::convert::from_json(json, "event")?))
    }

    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// When it happened (an aware datetime, UTC).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// The event's kind (`order_placed`, `shipment_state_changed`, `support_reply_posted`...).
    #[getter]
    fn r#type(&self) -> PyResult<String> {
        Ok(self.payload()?.get("type").and_then(Value::as_str).unwrap_or_default().to_owned())
    }
    /// The payload without `type`: amounts as `Decimal` (their code under `currency`), `*_at`
    /// times as aware datetimes, states and ids as strings.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let mut payload = self.payload()?;
        payload.remove("type");
        let mut currency = None;
        let dict = PyDict::new(py);
        for (key, value) in &payload {
            dict.set_item(key, typed(py, key, value, &mut currency)?)?;
        }
        if let Some(code) = currency {
            if !dict.contains("currency")? {
                dict.set_item("currency", code)?;
            }
        }
        Ok(dict)
    }

    /// The event in the core's JSON shape, as a dict (`{"id", "at", "event": {"type", ...}}`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0)
    }

    /// The event as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RecordedEvent", &["id", "at", "type", "data"])
    }
}
