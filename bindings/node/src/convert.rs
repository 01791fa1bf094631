//! JavaScript values to and from the core's serde model. Plain objects cross the boundary as JSON text
//! (V8's own `JSON.stringify` / `JSON.parse`), so the core's serde types are the only schema and no rule
//! is repeated here. Amounts are decimal strings both ways: a JavaScript number where the core expects
//! a `Decimal` is refused with a `TypeError` naming the field (binary floating point cannot hold most
//! cent values, so it is never silently rounded).

use napi::bindgen_prelude::{Function, JsObjectValue, JsValue, Object, Unknown};
use napi::{Env, ValueType};
use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use vitrina_core::money::MoneyError;

use crate::errors::{err, Failure, JsKind};

/// Code of a JavaScript value of the wrong type for an amount (a number instead of a decimal string).
pub(crate) const INVALID_AMOUNT_TYPE: &str = "VITRINA_INVALID_AMOUNT_TYPE";
/// Code of an input whose shape the core's serde model refuses (malformed JSON, a missing field).
pub(crate) const INVALID_INPUT: &str = "VITRINA_INVALID_INPUT";

fn json_function<'env>(env: &'env Env, name: &str) -> napi::Result<Function<'env, Unknown<'env>, Unknown<'env>>> {
    let json: Object<'env> = env.get_global()?.get_named_property("JSON")?;
    json.get_named_property(name)
}

/// Where a document came from: JavaScript data (numbers are JavaScript numbers) or JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Object,
    Text,
}

/// JSON text of an argument given as a plain object (or array) or as JSON text.
pub(crate) fn json_text(env: &Env, value: Unknown<'_>, field: &str) -> napi::Result<(String, Source)> {
    match value.get_type()? {
        ValueType::String => {
            // SAFETY: the type was just checked.
            let text: String = unsafe { value.cast()? };
            Ok((text, Source::Text))
        }
        ValueType::Object => {
            let text = json_function(env, "stringify")?.call(value)?;
            // SAFETY: `JSON.stringify` of an object returns a string.
            Ok((unsafe { text.cast::<String>()? }, Source::Object))
        }
        other => Err(err(
            env,
            Failure::binding(
                JsKind::Type,
                INVALID_INPUT,
                field,
                format!("expected a plain object or JSON text, got {other}"),
            ),
        )),
    }
}

/// Reads a core value from JSON text; errors name the path inside the value (`catalog.products[0].name`).
pub(crate) fn from_text<T: DeserializeOwned>(text: &str, source: Source, field: &str) -> Result<T, Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." { field.to_owned() } else { format!("{field}.{path}") };
        let reason = e.into_inner().to_string();
        let number = reason.starts_with("invalid type: integer") || reason.starts_with("invalid type: floating point");
        if source == Source::Object && number && reason.contains("Decimal") {
            let reason = "amounts are decimal strings (e.g. \"12.90\"), got a number";
            Failure::binding(JsKind::Type, INVALID_AMOUNT_TYPE, &at, reason)
        } else if reason.starts_with("invalid value: string") && reason.contains("Decimal") {
            // A string that is no decimal number: the money error the core gives for it.
            Failure::binding(JsKind::Error, "VITRINA_INVALID_AMOUNT", &at, reason)
        } else {
            Failure::binding(JsKind::Error, INVALID_INPUT, &at, reason)
        }
    })
}

/// Reads a core value from a plain object or JSON text.
pub(crate) fn from_js<T: DeserializeOwned>(env: &Env, value: Unknown<'_>, field: &str) -> napi::Result<T> {
    let (text, source) = json_text(env, value, field)?;
    from_text(&text, source, field).map_err(|f| err(env, f))
}

/// A core value as plain JavaScript data (objects keep the Rust struct field order).
pub(crate) fn to_js<'env, T: Serialize + ?Sized>(env: &'env Env, value: &T) -> napi::Result<Unknown<'env>> {
    let text = serde_json::to_string(value).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    json_function(env, "parse")?.call(env.create_string(&text)?.to_unknown())
}

/// An amount argument: a decimal string (`"12.90"`). A number is a `TypeError` naming `field`.
pub(crate) fn amount(env: &Env, value: Unknown<'_>, field: &str) -> napi::Result<Decimal> {
    match value.get_type()? {
        ValueType::String => {
            // SAFETY: the type was just checked.
            let text: String = unsafe { value.cast()? };
            Decimal::from_str_exact(text.trim())
                .or_else(|_| Decimal::from_scientific(text.trim()))
                .map_err(|_| err(env, MoneyError::InvalidAmount { field: field.to_owned(), value: text }))
        }
        ValueType::Number | ValueType::BigInt => {
            let reason = "amounts are decimal strings (e.g. \"12.90\"), got a number";
            Err(err(env, Failure::binding(JsKind::Type, INVALID_AMOUNT_TYPE, field, reason)))
        }
        other => {
            let reason = format!("expected a decimal string, got {other}");
            Err(err(env, Failure::binding(JsKind::Type, INVALID_AMOUNT_TYPE, field, reason)))
        }
    }
}

/// A count argument (quantity, iterations): a whole number from 0 to 2^32 - 1, else a `RangeError`.
pub(crate) fn count(env: &Env, value: f64, field: &str) -> napi::Result<u32> {
    if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
        // The checks above make the cast exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(value as u32);
    }
    let reason = format!("expected a whole number from 0 to 4294967295, got {value}");
    Err(err(env, Failure::binding(JsKind::Range, "VITRINA_INVALID_COUNT", field, reason)))
}

/// Option choices as `{option: value}` (in option order) or `[[option, value], ...]`, read in the
/// order written (serde_json's own map would sort the keys).
pub(crate) struct OrderedPairs(pub(crate) Vec<(String, String)>);

impl<'de> Deserialize<'de> for OrderedPairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = OrderedPairs;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object {option: value} or an array of [option, value] pairs")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedPairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(OrderedPairs(pairs))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OrderedPairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = seq.next_element::<(String, String)>()? {
                    pairs.push(pair);
                }
                Ok(OrderedPairs(pairs))
            }
        }
        deserializer.deserialize_any(PairsVisitor)
    }
}

/// An optional RFC 3339 time argument (`"2026-11-23T12:00:00Z"`); none: now.
pub(crate) fn time_arg(env: &Env, value: Option<String>, field: &str) -> napi::Result<jiff::Timestamp> {
    match value {
        None => Ok(jiff::Timestamp::now()),
        Some(text) => text.trim().parse().map_err(|e: jiff::Error| {
            err(env, Failure::binding(JsKind::Error, INVALID_INPUT, field, format!("expected an RFC 3339 time: {e}")))
        }),
    }
}

/// A core enum from its snake_case name (`"paid"`, `"bank_transfer"`), else an error naming `field`.
pub(crate) fn from_name<T: DeserializeOwned>(env: &Env, name: &str, field: &str) -> napi::Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|e| err(env, Failure::binding(JsKind::Error, INVALID_INPUT, field, e.to_string())))
}

/// An optional plain-data argument read as `T`; none or `null`: `None`.
pub(crate) fn optional_js<T: DeserializeOwned>(
    env: &Env,
    value: Option<Unknown<'_>>,
    field: &str,
) -> napi::Result<Option<T>> {
    match value {
        Some(value) if !matches!(value.get_type()?, ValueType::Null | ValueType::Undefined) => {
            from_js(env, value, field).map(Some)
        }
        _ => Ok(None),
    }
}

/// A count as a JavaScript number; counts stay far below 2^53.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn js_number(value: u64) -> f64 {
    value as f64
}
