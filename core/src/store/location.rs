//! Where a store URL points: `sqlite:shop.db`, `sqlite::memory:` or `postgres://…`, read without
//! opening anything (the `vitrina` crate opens the store the enabled backends support).

use super::StoreError;

/// Where a store URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A fresh SQLite database in memory, gone when the store is dropped.
    SqliteMemory,
    /// A SQLite database file (created and migrated if missing).
    SqliteFile(String),
    /// A PostgreSQL database, by its full connection URL.
    Postgres(String),
}

impl StoreLocation {
    /// Reads `url`; an unknown scheme or an empty path is `StoreError::Invalid` naming the field `url`.
    pub fn parse(url: &str) -> Result<StoreLocation, StoreError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(url.to_owned()));
        }
        let Some(rest) = url.strip_prefix("sqlite:") else {
            return Err(StoreError::invalid(
                "url",
                format!("`{url}` is not a store URL: use sqlite:<file>, sqlite::memory: or postgres://…"),
            ));
        };
        if rest == ":memory:" || rest == "//:memory:" {
            return Ok(StoreLocation::SqliteMemory);
        }
        let path = rest.strip_prefix("//").unwrap_or(rest);
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            return Err(StoreError::invalid("url", "a sqlite URL needs a file path, e.g. sqlite:shop.db"));
        }
        Ok(StoreLocation::SqliteFile(path.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_url() {
        assert_eq!(StoreLocation::parse("sqlite::memory:"), Ok(StoreLocation::SqliteMemory));
        assert_eq!(StoreLocation::parse("sqlite://:memory:"), Ok(StoreLocation::SqliteMemory));
        assert_eq!(StoreLocation::parse("sqlite:shop.db"), Ok(StoreLocation::SqliteFile("shop.db".into())));
        assert_eq!(StoreLocation::parse("sqlite:///tmp/a.db"), Ok(StoreLocation::SqliteFile("/tmp/a.db".into())));
        assert_eq!(StoreLocation::parse("sqlite://shop.db?mode=rwc"), Ok(StoreLocation::SqliteFile("shop.db".into())));
        let pg = "postgresql://shop@localhost/shop";
        assert_eq!(StoreLocation::parse(pg), Ok(StoreLocation::Postgres(pg.into())));
    }

    #[test]
    fn a_bad_url_names_the_field() {
        for bad in ["mysql://x", "", "sqlite:", "sqlite://", "shop.db"] {
            let err = StoreLocation::parse(bad).unwrap_err();
            assert!(matches!(err, StoreError::Invalid { ref field, .. } if field == "url"), "{bad}: {err}");
        }
    }
}
