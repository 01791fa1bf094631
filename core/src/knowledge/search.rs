//! The `SearchIndex` plug-in trait and what crosses it: documents (FAQ articles and catalog products
//! alike), queries with filters and typo tolerance, and ranked results with category facet counts.

use std::collections::BTreeMap;
use std::fmt;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::error::SearchError;
use super::locale::KnowledgeLocale;

/// The largest `limit` (and `offset + limit`) a query may ask for.
pub const MAX_LIMIT: usize = 1000;

/// What a search document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A knowledge-base (FAQ) article.
    Article,
    /// A catalog product.
    Product,
}

impl DocumentKind {
    /// The lowercase name used in serde and by index back ends.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Article => "article",
            DocumentKind::Product => "product",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One searchable document. `(kind, id)` identifies it: indexing the same pair again replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SearchDocument {
    /// Id of the article or product.
    pub id: String,
    /// Article or product.
    pub kind: DocumentKind,
    /// Language of title and body; selects the analyzer (stemming, segmentation).
    pub locale: KnowledgeLocale,
    /// Title (article question, product name); weighs more than the body.
    pub title: String,
    /// Searchable text: article body and tags, product description, option values, category names.
    #[serde(default)]
    pub body: String,
    /// The document's categories with all their ancestors; filtered on and counted as facets.
    #[serde(default)]
    pub category_ids: Vec<String>,
    /// Extra filterable attributes, name -> values (`tag` -> `["refund"]`, `colour` -> `["red", "blue"]`).
    #[serde(default)]
    pub facets: BTreeMap<String, Vec<String>>,
    /// Views, sales or any other popularity measure: breaks ties between equally relevant
    /// documents and orders the results of an empty query (highest first).
    #[serde(default)]
    pub popularity: u64,
}

impl SearchDocument {
    /// Checks the document before it is indexed: id and title present, facet names not empty.
    pub fn validate(&self) -> Result<(), SearchError> {
        let invalid =
            |field: &str, reason: &str| SearchError::InvalidDocument { field: field.into(), reason: reason.into() };
        if self.id.trim().is_empty() {
            return Err(invalid("id", "must not be empty"));
        }
        if self.title.trim().is_empty() {
            return Err(invalid("title", "must not be empty"));
        }
        if let Some(i) = self.category_ids.iter().position(|c| c.is_empty()) {
            return Err(invalid(&format!("category_ids[{i}]"), "must not be empty"));
        }
        if self.facets.keys().any(|name| name.is_empty()) {
            return Err(invalid("facets", "facet names must not be empty"));
        }
        Ok(())
    }
}

fn default_limit() -> usize {
    10
}

fn yes() -> bool {
    true
}

/// A search: free text plus filters. Empty `text` lists the matching documents by popularity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SearchQuery {
    /// What the shopper typed; empty or blank lists documents by popularity, most popular first.
    #[serde(default)]
    pub text: String,
    /// Only articles or only products; `None`: both.
    #[serde(default)]
    pub kind: Option<DocumentKind>,
    /// Only documents in this language, analysed with its analyzer; `None`: every language.
    #[serde(default)]
    pub locale: Option<KnowledgeLocale>,
    /// Only documents in this category or any of its sub-categories.
    #[serde(default)]
    pub category_id: Option<String>,
    /// Only documents having every one of these attribute values (name -> value).
    #[serde(default)]
    pub facet_filters: BTreeMap<String, String>,
    /// How many hits to return (at most [`MAX_LIMIT`]); 0 returns only counts and facets.
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// How many of the best hits to skip (paging).
    #[serde(default)]
    pub offset: usize,
    /// Also match words one typo away (Latin and Cyrillic words of 4 or more letters).
    #[serde(default = "yes")]
    pub typo_tolerance: bool,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            kind: None,
            locale: None,
            category_id: None,
            facet_filters: BTreeMap::new(),
            limit: default_limit(),
            offset: 0,
            typo_tolerance: true,
        }
    }
}

impl SearchQuery {
    /// A query for `text` over every kind and locale, 10 hits, typo tolerant.
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }

    /// Restricts the query to one kind of document.
    pub fn kind(mut self, kind: DocumentKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Restricts the query to one language.
    pub fn locale(mut self, locale: KnowledgeLocale) -> Self {
        self.locale = Some(locale);
        self
    }

    /// Restricts the query to a category and its sub-categories.
    pub fn category(mut self, category_id: impl Into<String>) -> Self {
        self.category_id = Some(category_id.into());
        self
    }

    /// Requires the attribute `name` to have `value`.
    pub fn facet(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.facet_filters.insert(name.into(), value.into());
        self
    }

    /// Sets how many hits to return.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Turns typo tolerance on or off.
    pub fn typo_tolerance(mut self, on: bool) -> Self {
        self.typo_tolerance = on;
        self
    }

    /// Whether the query has no text to match, so results are ordered by popularity.
    pub fn is_browse(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Checks limits and filters before a back end runs the query.
    pub fn validate(&self) -> Result<(), SearchError> {
        let invalid = |field: &str, reason: String| SearchError::InvalidQuery { field: field.into(), reason };
        if self.limit > MAX_LIMIT {
            return Err(invalid("limit", format!("must be at most {MAX_LIMIT}")));
        }
        if self.offset.saturating_add(self.limit) > MAX_LIMIT {
            return Err(invalid("offset", format!("offset + limit must be at most {MAX_LIMIT}")));
        }
        if self.category_id.as_deref().is_some_and(str::is_empty) {
            return Err(invalid("category_id", "must not be empty".into()));
        }
        Ok(())
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SearchHit {
    /// Id of the article or product.
    pub id: String,
    /// Article or product.
    pub kind: DocumentKind,
    /// Language of the document.
    pub locale: KnowledgeLocale,
    /// The document's title, for display.
    pub title: String,
    /// Relevance (BM25 by default; 0 for an empty query, where popularity orders the hits).
    pub score: f32,
    /// The document's popularity.
    pub popularity: u64,
}

/// The answer to a [`SearchQuery`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SearchResults {
    /// Hits, best first (`offset` skipped, at most `limit`).
    pub hits: Vec<SearchHit>,
    /// Number of matching documents per category id (ancestors included), over all matches.
    pub facets: BTreeMap<String, u64>,
    /// Number of matching documents.
    pub total: u64,
}

/// A full-text index of articles and products; implemented by adapters (tantivy) or by a shop's
/// own plug-in. Writes become visible to `search` after `commit`.
#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// Adds documents, replacing any indexed document with the same `(kind, id)`.
    async fn index(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError>;

    /// Replaces one document (adds it if it was not indexed).
    async fn update(&self, document: SearchDocument) -> Result<(), SearchError> {
        self.index(vec![document]).await
    }

    /// Removes a document; removing an unknown document is not an error.
    async fn remove(&self, kind: DocumentKind, id: &str) -> Result<(), SearchError>;

    /// Makes every write so far visible to searches (and durable, for an on-disk index).
    async fn commit(&self) -> Result<(), SearchError>;

    /// Runs a query: ranked hits (most relevant first; most popular first for empty text),
    /// category facet counts and the total number of matches.
    async fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError>;

    /// Ids of every committed document of `kind`, in no particular order.
    async fn document_ids(&self, kind: DocumentKind) -> Result<Vec<String>, SearchError>;

    /// Category facet counts of a query's matches, without hits.
    async fn facet_counts(&self, query: &SearchQuery) -> Result<BTreeMap<String, u64>, SearchError> {
        let counts_only = SearchQuery { limit: 0, offset: 0, ..query.clone() };
        Ok(self.search(&counts_only).await?.facets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> SearchDocument {
        SearchDocument {
            id: "a1".into(),
            kind: DocumentKind::Article,
            locale: KnowledgeLocale::En,
            title: "Refunds".into(),
            body: String::new(),
            category_ids: vec!["returns".into()],
            facets: BTreeMap::new(),
            popularity: 0,
        }
    }

    #[test]
    fn document_validation_names_the_field() {
        assert_eq!(document().validate(), Ok(()));
        let err = SearchDocument { title: " ".into(), ..document() }.validate().unwrap_err();
        assert_eq!(err, SearchError::InvalidDocument { field: "title".into(), reason: "must not be empty".into() });
        let err = SearchDocument { id: String::new(), ..document() }.validate().unwrap_err();
        assert!(matches!(err, SearchError::InvalidDocument { ref field, .. } if field == "id"), "{err}");
        let err =
            SearchDocument { category_ids: vec!["a".into(), String::new()], ..document() }.validate().unwrap_err();
        assert!(matches!(err, SearchError::InvalidDocument { ref field, .. } if field == "category_ids[1]"), "{err}");
    }

    #[test]
    fn query_defaults_from_json_and_validation() {
        let q: SearchQuery = serde_json::from_str(r#"{"text":"refund"}"#).unwrap();
        assert_eq!(q, SearchQuery::new("refund"));
        assert_eq!((q.limit, q.typo_tolerance, q.is_browse()), (10, true, false));
        assert!(SearchQuery::new("  ").is_browse());
        let err = SearchQuery::new("x").limit(MAX_LIMIT + 1).validate().unwrap_err();
        assert!(matches!(err, SearchError::InvalidQuery { ref field, .. } if field == "limit"), "{err}");
        let err = SearchQuery { offset: MAX_LIMIT, ..SearchQuery::new("x") }.validate().unwrap_err();
        assert!(matches!(err, SearchError::InvalidQuery { ref field, .. } if field == "offset"), "{err}");
        assert!(SearchQuery::new("x").category("").validate().is_err());
        assert!(SearchQuery::new("x").limit(MAX_LIMIT).validate().is_ok());
    }

    #[test]
    fn kind_serialises_lowercase() {
        assert_eq!(serde_json::to_string(&DocumentKind::Product).unwrap(), "\"product\"");
        assert_eq!(DocumentKind::Article.to_string(), "article");
    }
}
