//! Errors of the knowledge base (each names the offending field or id) and of search back ends.

use thiserror::Error;

/// Why a knowledge-base operation was refused. Nothing is changed when an error is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KnowledgeError {
    /// A required text field is empty or only whitespace.
    #[error("{field}: must not be empty")]
    EmptyField {
        /// The field, e.g. `article.title`.
        field: String,
    },
    /// An id that must be unique is already taken.
    #[error("{field}: duplicate id {id:?}")]
    DuplicateId {
        /// The field carrying the id, e.g. `article.id`.
        field: String,
        /// The repeated id.
        id: String,
    },
    /// A category reference names no known category.
    #[error("{field}: unknown category {id:?}")]
    UnknownCategory {
        /// The field holding the reference, e.g. `article.category_id`.
        field: String,
        /// The id referenced.
        id: String,
    },
    /// No article has this id.
    #[error("article_id: unknown article {id:?}")]
    UnknownArticle {
        /// The id asked for.
        id: String,
    },
    /// Moving a category under `parent_id` would make it its own ancestor.
    #[error("category.parent_id: {parent_id:?} is {id:?} or one of its descendants")]
    CategoryCycle {
        /// The category being moved.
        id: String,
        /// The parent asked for.
        parent_id: String,
    },
    /// A category still has sub-categories or articles and cannot be removed.
    #[error("category {id:?} still has {what}")]
    CategoryNotEmpty {
        /// The category.
        id: String,
        /// What it still holds (`sub-categories` or `articles`).
        what: &'static str,
    },
    /// A locale code that is not supported.
    #[error("locale: unknown locale {value:?} (expected en, ru, bg or zh)")]
    UnknownLocale {
        /// The text given.
        value: String,
    },
}

impl KnowledgeError {
    pub(crate) fn empty(field: &str) -> Self {
        KnowledgeError::EmptyField { field: field.to_owned() }
    }
}

/// Why a search index refused or failed an operation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SearchError {
    /// A document to index is malformed.
    #[error("document {field}: {reason}")]
    InvalidDocument {
        /// The offending field, e.g. `title`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A query is malformed.
    #[error("query {field}: {reason}")]
    InvalidQuery {
        /// The offending field, e.g. `limit`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The search back end failed (I/O, corrupt index, lock held by another writer...).
    #[error("search back end: {message}")]
    Backend {
        /// The back end's own message.
        message: String,
    },
}

impl SearchError {
    /// Wraps a back-end failure.
    pub fn backend(message: impl ToString) -> Self {
        SearchError::Backend { message: message.to_string() }
    }
}

crate::error_code!(KnowledgeError, "knowledge", {
    KnowledgeError::EmptyField { field, .. } => "empty_field" @ &**field,
    KnowledgeError::DuplicateId { field, .. } => "duplicate_id" @ &**field,
    KnowledgeError::UnknownCategory { field, .. } => "unknown_category" @ &**field,
    KnowledgeError::UnknownArticle { .. } => "unknown_article",
    KnowledgeError::CategoryCycle { .. } => "category_cycle",
    KnowledgeError::CategoryNotEmpty { .. } => "category_not_empty",
    KnowledgeError::UnknownLocale { .. } => "unknown_locale",
});

crate::error_code!(SearchError, "knowledge", {
    SearchError::InvalidDocument { field, .. } => "invalid_document" @ &**field,
    SearchError::InvalidQuery { field, .. } => "invalid_query" @ &**field,
    SearchError::Backend { .. } => "backend",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field() {
        assert_eq!(KnowledgeError::empty("article.title").to_string(), "article.title: must not be empty");
        let err = KnowledgeError::UnknownCategory { field: "article.category_id".into(), id: "x".into() };
        assert_eq!(err.to_string(), "article.category_id: unknown category \"x\"");
        let err = SearchError::InvalidQuery { field: "limit".into(), reason: "at most 1000".into() };
        assert_eq!(err.to_string(), "query limit: at most 1000");
    }
}
