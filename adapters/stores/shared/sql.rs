//! Shared SQL plumbing: error mapping, integer conversions and binding indexed fields.

use vitrina_core::store::{Field, StoreError};

use crate::dialect::{Arguments, Db};

/// A query being built.
pub(crate) type Query = sqlx::query::Query<'static, Db, Arguments>;

/// Any database or driver failure as [`StoreError::Backend`].
pub(crate) fn backend(error: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(error.to_string())
}

/// Whether `error` is a unique-constraint violation.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// A stored count or version as `u64` (negative never happens: the schema checks it).
pub(crate) fn unsigned(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// A count or version as the `i64` SQL stores; values past `i64::MAX` are refused.
pub(crate) fn signed(value: u64, field: &str) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::invalid(field, "too large"))
}

/// Binds one indexed field.
pub(crate) fn bind_field(query: Query, field: &Field) -> Query {
    match field {
        Field::Text(text) => query.bind(text.clone()),
        Field::Int(number) => query.bind(*number),
    }
}

/// Serialises `value` as JSON.
pub(crate) fn to_json<T: serde::Serialize>(value: &T, kind: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::invalid(kind, e.to_string()))
}

/// Reads a JSON document, reporting a corrupt one as a backend failure naming it.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(body: &str, kind: &str, id: &str) -> Result<T, StoreError> {
    serde_json::from_str(body).map_err(|e| StoreError::Backend(format!("{kind} {id}: unreadable document: {e}")))
}
