//! What the SQL shared with the PostgreSQL store (`../shared/`) needs to know about SQLite: the
//! driver's types, this store, and how a JSON body column is read and written (plain text here).

/// The database.
pub(crate) type Db = sqlx::Sqlite;
/// One connection.
pub(crate) type Connection = sqlx::SqliteConnection;
/// Bound query arguments.
pub(crate) type Arguments = sqlx::sqlite::SqliteArguments;
/// The store the shared repositories are implemented for.
pub(crate) type Store = crate::SqliteStore;
/// Appended to a JSON column read as text (SQLite stores JSON as text already).
pub(crate) const AS_TEXT: &str = "";
/// Appended to a parameter written into a JSON column.
pub(crate) const AS_JSON: &str = "";
/// Appended to a text parameter that may be NULL, so the database knows its type.
pub(crate) const NULLABLE_TEXT: &str = "";
/// Appended to an integer parameter that may be NULL, so the database knows its type.
pub(crate) const NULLABLE_INT: &str = "";
/// Appended to a read of rows the transaction will update (SQLite's write transaction holds the lock).
pub(crate) const FOR_UPDATE: &str = "";
