//! `FaqSearch`: FAQ search on the device. The app indexes the knowledge base it downloaded (core's
//! `sync_knowledge_base`: published articles in, withdrawn and deleted ones out, view counts as
//! popularity) into a tantivy index (`vitrina-search-tantivy`) held in memory or in a directory of the
//! app's files, then runs ranked, typo-tolerant searches in English, Russian, Bulgarian and Chinese
//! with category facets. The same engine and analyzers as the server's search, so a query finds the
//! same articles offline.
//!
//! Indexing and searching are `suspend` (Kotlin) / `async` (Swift) functions. They need no async
//! runtime: each call runs on a worker thread of its own (see `offload`) while the caller's coroutine
//! or task is suspended, so they may be called from an app's main thread.

use std::sync::Arc;

use vitrina_core::knowledge::{self as core, DocumentKind, SearchIndex};
use vitrina_search_tantivy::TantivySearchIndex;

use crate::errors::VitrinaError;
use crate::knowledge::{locale, KnowledgeBase};
use crate::offload::{block_on, offload};

/// A failure of the worker thread itself (it could not start, or the index code panicked).
fn worker_failed(reason: String) -> VitrinaError {
    core::SearchError::backend(reason).into()
}

/// Runs `work` against the index on a worker thread and awaits it.
async fn on_worker<T: Send + 'static>(
    index: &Arc<TantivySearchIndex>,
    work: impl FnOnce(&TantivySearchIndex) -> Result<T, core::SearchError> + Send + 'static,
) -> Result<T, VitrinaError> {
    let index = Arc::clone(index);
    let running = offload("vitrina-faq-search", move || work(&index)).map_err(worker_failed)?;
    Ok(running.await.map_err(worker_failed)??)
}

/// A search of the FAQ. Only `text` is required: `FaqQuery(text = "refund", locale = "en")`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FaqQuery {
    /// What the shopper typed. Empty or blank lists the matching articles most viewed first.
    pub text: String,
    /// Only articles in this language (`en`, `ru`, `bg`, `zh`; a region such as `ru-RU` is ignored),
    /// analysed with its stemmer or segmenter; null searches every language.
    #[uniffi(default = None)]
    pub locale: Option<String>,
    /// Only articles filed in this category or any of its sub-categories.
    #[uniffi(default = None)]
    pub category_id: Option<String>,
    /// Only articles carrying this tag.
    #[uniffi(default = None)]
    pub tag: Option<String>,
    /// How many hits to return (at most 1000); 0 returns only the total and the category counts.
    #[uniffi(default = 10)]
    pub limit: u32,
    /// How many of the best hits to skip (paging); `offset + limit` is at most 1000.
    #[uniffi(default = 0)]
    pub offset: u32,
    /// Whether words one typo away also match (Latin and Cyrillic words of 4 letters or more).
    #[uniffi(default = true)]
    pub typo_tolerance: bool,
}

impl FaqQuery {
    fn to_core(&self) -> Result<core::SearchQuery, VitrinaError> {
        let mut query = core::SearchQuery::new(self.text.clone()).kind(DocumentKind::Article);
        query.locale = self.locale.as_deref().map(locale).transpose()?;
        query.category_id = self.category_id.clone();
        if let Some(tag) = &self.tag {
            query = query.facet("tag", tag.clone());
        }
        query.limit = self.limit as usize;
        query.offset = self.offset as usize;
        query.typo_tolerance = self.typo_tolerance;
        query.validate()?;
        Ok(query)
    }
}

/// One article found, best first.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FaqHit {
    /// The article's id (`KnowledgeBase.article(id)` gives the whole article).
    pub article_id: String,
    /// Its language.
    pub locale: String,
    /// Its title, for the result list.
    pub title: String,
    /// Relevance (BM25; exact words weigh more than typo matches, titles more than bodies); 0 when
    /// the query text is empty and the hits are ordered by views.
    pub score: f32,
    /// Its view count when the index was last synced.
    pub views: u64,
}

/// How many matching articles a category holds (its sub-categories included).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CategoryCount {
    /// The category.
    pub category_id: String,
    /// Matching articles in it or below it.
    pub count: u64,
}

/// The answer to a [`FaqQuery`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FaqResults {
    /// The page of hits asked for, best first (most viewed first for an empty query).
    pub hits: Vec<FaqHit>,
    /// Number of matching articles, over all pages.
    pub total: u64,
    /// Category facets over all matches, most matches first (ties by id): a category counts the
    /// articles filed in it or any sub-category, so parents appear with their children.
    pub categories: Vec<CategoryCount>,
}

impl From<core::SearchResults> for FaqResults {
    fn from(results: core::SearchResults) -> Self {
        let mut categories: Vec<CategoryCount> =
            results.facets.into_iter().map(|(category_id, count)| CategoryCount { category_id, count }).collect();
        categories.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.category_id.cmp(&b.category_id)));
        FaqResults {
            hits: results
                .hits
                .into_iter()
                .map(|h| FaqHit {
                    article_id: h.id,
                    locale: h.locale.code().to_owned(),
                    title: h.title,
                    score: h.score,
                    views: h.popularity,
                })
                .collect(),
            total: results.total,
            categories,
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FaqSyncReport {
    /// Published articles (re)indexed.
    pub indexed: u64,
    /// Ids removed from the index (withdrawn or deleted since the last sync), sorted.
    pub removed: Vec<String>,
}

/// The FAQ's search index on the device.
#[derive(uniffi::Object)]
pub struct FaqSearch {
    index: Arc<TantivySearchIndex>,
}

#[uniffi::export]
impl FaqSearch {
    /// An empty index held in memory (rebuilt with `sync` at every start of the app).
    #[uniffi::constructor]
    pub fn in_memory() -> Result<Arc<FaqSearch>, VitrinaError> {
        Ok(Arc::new(FaqSearch { index: Arc::new(TantivySearchIndex::in_memory()?) }))
    }

    /// The index kept in `directory` (created if missing), e.g. `File(context.filesDir, "faq-index")`
    /// on Android or a folder under Application Support on iOS: it survives restarts, so the app
    /// only syncs when its knowledge base changed. Opening reads the index's metadata only. One
    /// `FaqSearch` at a time may hold a directory: close (Kotlin) or release (Swift) the previous one
    /// first, else `VitrinaException.Search` with code `backend`.
    #[uniffi::constructor]
    pub fn open(directory: String) -> Result<Arc<FaqSearch>, VitrinaError> {
        Ok(Arc::new(FaqSearch { index: Arc::new(TantivySearchIndex::open_or_create(directory)?) }))
    }

    /// Makes the index follow `knowledge`: every published article is (re)indexed with its current
    /// view count, articles withdrawn or deleted since the last sync are removed, and the index is
    /// committed (searches see the new state once this returns).
    pub async fn sync(&self, knowledge: Arc<KnowledgeBase>) -> Result<FaqSyncReport, VitrinaError> {
        let documents = knowledge.lock().documents();
        let report = on_worker(&self.index, move |index| {
            block_on(core::sync_documents(index, DocumentKind::Article, documents))
        })
        .await?;
        Ok(FaqSyncReport { indexed: report.indexed as u64, removed: report.removed })
    }

    /// Ranked search: each word matches its other forms (English and Russian stemming, Bulgarian
    /// prefixes, Chinese word segmentation) and, with typo tolerance, words one typo away; titles
    /// weigh more than bodies and views break ties. An empty text lists the most viewed articles.
    pub async fn search(&self, query: FaqQuery) -> Result<FaqResults, VitrinaError> {
        let query = query.to_core()?;
        let results = on_worker(&self.index, move |index| block_on(index.search(&query))).await?;
        Ok(results.into())
    }

    /// The ids of every indexed article, sorted.
    pub async fn article_ids(&self) -> Result<Vec<String>, VitrinaError> {
        let mut ids = on_worker(&self.index, |index| block_on(index.document_ids(DocumentKind::Article))).await?;
        ids.sort();
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAQ: &str = r#"{"categories": [{"id": "shipping", "name": "Shipping"}],
      "articles": [
        {"id": "eta", "locale": "en", "category_id": "shipping", "title": "When will my delivery arrive?",
         "body": "In 2-3 days.", "tags": ["eta"], "published": true, "view_count": 5},
        {"id": "ru-eta", "locale": "ru", "category_id": "shipping", "title": "Сроки доставки",
         "body": "Два дня.", "published": true}
      ]}"#;

    fn query(text: &str) -> FaqQuery {
        FaqQuery {
            text: text.into(),
            locale: None,
            category_id: None,
            tag: None,
            limit: 10,
            offset: 0,
            typo_tolerance: true,
        }
    }

    #[test]
    fn sync_then_search_on_worker_threads() {
        let search = FaqSearch::in_memory().unwrap();
        let kb = KnowledgeBase::from_json(FAQ.into()).unwrap();
        let report = block_on(search.sync(kb)).unwrap();
        assert_eq!(report, FaqSyncReport { indexed: 2, removed: vec![] });
        let found = block_on(search.search(FaqQuery { locale: Some("en".into()), ..query("delivry") })).unwrap();
        assert_eq!(found.hits.iter().map(|h| h.article_id.as_str()).collect::<Vec<_>>(), ["eta"]);
        assert_eq!(found.categories, [CategoryCount { category_id: "shipping".into(), count: 1 }]);
        let found = block_on(search.search(query("доставка"))).unwrap();
        assert_eq!(found.hits[0].article_id, "ru-eta");
        assert_eq!(block_on(search.article_ids()).unwrap(), ["eta", "ru-eta"]);
    }

    #[test]
    fn refused_queries_name_the_field() {
        let search = FaqSearch::in_memory().unwrap();
        let err = block_on(search.search(FaqQuery { limit: 1001, ..query("x") })).unwrap_err();
        assert!(
            matches!(&err, VitrinaError::Knowledge { field: Some(f), code, .. } if f == "limit" && code == "invalid_query"),
            "{err:?}"
        );
        let err = block_on(search.search(FaqQuery { locale: Some("fr".into()), ..query("x") })).unwrap_err();
        assert!(matches!(&err, VitrinaError::Knowledge { code, .. } if code == "unknown_locale"), "{err:?}");
    }
}
