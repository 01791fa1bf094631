//! Aggregates as JSON documents with an optimistic version and indexed columns: generic get, find,
//! save (insert at version 1, or update only if the stored version is the one read) and delete.

use sqlx::AssertSqlSafe;
use vitrina_core::store::{DocumentDelete, DocumentWrite, Record, StoreError, Versioned};

use crate::dialect::{Connection, AS_JSON, AS_TEXT};
use crate::sql::{backend, bind_field, from_json, is_unique_violation, signed, unsigned, Query};

/// The aggregate `id`, if stored.
pub(crate) async fn get<T: Record>(conn: &mut Connection, id: &str) -> Result<Option<Versioned<T>>, StoreError> {
    let sql = format!("SELECT body{AS_TEXT}, version FROM {} WHERE id = $1", T::TABLE);
    let row: Option<(String, i64)> =
        sqlx::query_as(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await.map_err(backend)?;
    row.map(|(body, version)| Ok(Versioned::new(from_json(&body, T::KIND, id)?, unsigned(version)))).transpose()
}

/// The aggregates whose `column` equals `value`, oldest first (ids are UUIDv7, so by id).
pub(crate) async fn find<T: Record>(
    conn: &mut Connection,
    column: &str,
    value: &str,
) -> Result<Vec<Versioned<T>>, StoreError> {
    let sql = format!("SELECT id, body{AS_TEXT}, version FROM {} WHERE {column} = $1 ORDER BY id", T::TABLE);
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as(AssertSqlSafe(sql)).bind(value).fetch_all(conn).await.map_err(backend)?;
    rows.into_iter()
        .map(|(id, body, version)| Ok(Versioned::new(from_json(&body, T::KIND, &id)?, unsigned(version))))
        .collect()
}

/// Saves `value` read at `version` (0: insert) and returns the new version.
pub(crate) async fn save<T: Record>(conn: &mut Connection, value: &T, version: u64) -> Result<u64, StoreError> {
    write(conn, &DocumentWrite::of(value, version)?).await
}

/// Writes one document at the version read (0: insert) and returns the new version; a stale
/// version is [`StoreError::Conflict`], an update of a missing row [`StoreError::NotFound`].
pub(crate) async fn write(conn: &mut Connection, document: &DocumentWrite) -> Result<u64, StoreError> {
    let written = if document.version == 0 { insert(conn, document).await? } else { update(conn, document).await? };
    if written {
        return Ok(document.version + 1);
    }
    let id = &document.id;
    match stored_version(conn, document.table, id).await? {
        Some(actual) => Err(StoreError::Conflict {
            kind: document.kind,
            id: id.clone(),
            expected_version: document.version,
            actual_version: actual,
        }),
        None => Err(StoreError::not_found(document.kind, id)),
    }
}

/// Deletes `id` read at `version`.
pub(crate) async fn delete<T: Record>(conn: &mut Connection, id: &str, version: u64) -> Result<(), StoreError> {
    remove(conn, &DocumentDelete { table: T::TABLE, kind: T::KIND, id: id.to_owned(), version }).await
}

/// Deletes the row `gone` names at the version read; a stale version is [`StoreError::Conflict`].
pub(crate) async fn remove(conn: &mut Connection, gone: &DocumentDelete) -> Result<(), StoreError> {
    let sql = format!("DELETE FROM {} WHERE id = $1 AND version = $2", gone.table);
    let query = sqlx::query(AssertSqlSafe(sql)).bind(&gone.id).bind(signed(gone.version, "version")?);
    if query.execute(&mut *conn).await.map_err(backend)?.rows_affected() == 1 {
        return Ok(());
    }
    match stored_version(conn, gone.table, &gone.id).await? {
        Some(actual) => Err(StoreError::Conflict {
            kind: gone.kind,
            id: gone.id.clone(),
            expected_version: gone.version,
            actual_version: actual,
        }),
        None => Err(StoreError::not_found(gone.kind, &gone.id)),
    }
}

/// The stored version of `id` in `table`, if the row exists.
pub(crate) async fn stored_version(conn: &mut Connection, table: &str, id: &str) -> Result<Option<u64>, StoreError> {
    let sql = format!("SELECT version FROM {table} WHERE id = $1");
    let version: Option<i64> =
        sqlx::query_scalar(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await.map_err(backend)?;
    Ok(version.map(unsigned))
}

/// Inserts at version 1; false if the id is taken.
async fn insert(conn: &mut Connection, document: &DocumentWrite) -> Result<bool, StoreError> {
    let fields = &document.fields;
    let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    let marks: Vec<String> = (0..fields.len()).map(|i| format!("${}", i + 3)).collect();
    let columns: String = names.iter().map(|name| format!(", {name}")).collect();
    let values: String = marks.iter().map(|mark| format!(", {mark}")).collect();
    let sql = format!(
        "INSERT INTO {} (id, version, body{columns}) VALUES ($1, 1, $2{AS_JSON}{values}) ON CONFLICT (id) DO NOTHING",
        document.table,
    );
    let query = sqlx::query(AssertSqlSafe(sql)).bind(document.id.clone()).bind(document.body.clone());
    run(conn, bind_fields(query, fields), document).await
}

/// Updates the row stored at the version read; false if there is none.
async fn update(conn: &mut Connection, document: &DocumentWrite) -> Result<bool, StoreError> {
    let fields = &document.fields;
    let sets: String = fields.iter().enumerate().map(|(i, (name, _))| format!(", {name} = ${}", i + 4)).collect();
    let sql = format!(
        "UPDATE {} SET version = version + 1, body = $3{AS_JSON}{sets} WHERE id = $1 AND version = $2",
        document.table,
    );
    let query = sqlx::query(AssertSqlSafe(sql))
        .bind(document.id.clone())
        .bind(signed(document.version, "version")?)
        .bind(document.body.clone());
    run(conn, bind_fields(query, fields), document).await
}

fn bind_fields(query: Query, fields: &[(&'static str, vitrina_core::store::Field)]) -> Query {
    fields.iter().fold(query, |query, (_, field)| bind_field(query, field))
}

/// Runs a one-row write: whether it wrote; a clash on a unique column is [`StoreError::Duplicate`].
async fn run(conn: &mut Connection, query: Query, document: &DocumentWrite) -> Result<bool, StoreError> {
    match query.execute(conn).await {
        Ok(done) => Ok(done.rows_affected() == 1),
        Err(error) if is_unique_violation(&error) => {
            Err(StoreError::Duplicate { kind: document.kind, key: format!("{} ({error})", document.id) })
        }
        Err(error) => Err(backend(error)),
    }
}
