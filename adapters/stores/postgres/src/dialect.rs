//! What the SQL shared with the SQLite store (`../shared/`) needs to know about PostgreSQL: the
//! driver's types, this store, and how a JSON body column is read and written (`jsonb` cast to text).

/// The database.
pub(crate) type Db = sqlx::Postgres;
/// One connection.
pub(crate) type Connection = sqlx::PgConnection;
/// Bound query arguments.
pub(crate) type Arguments = sqlx::postgres::PgArguments;
/// The store the shared repositories are implemented for.
pub(crate) type Store = crate::PostgresStore;
/// Appended to a `jsonb` column read as text.
pub(crate) const AS_TEXT: &str = "::text";
/// Appended to a text parameter written into a `jsonb` column.
pub(crate) const AS_JSON: &str = "::jsonb";
/// Appended to a text parameter that may be NULL, so the database knows its type.
pub(crate) const NULLABLE_TEXT: &str = "::text";
/// Appended to an integer parameter that may be NULL, so the database knows its type.
pub(crate) const NULLABLE_INT: &str = "::bigint";
/// Appended to a read of rows the transaction will update, locking them until it ends.
pub(crate) const FOR_UPDATE: &str = " FOR UPDATE";
