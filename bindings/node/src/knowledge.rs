//! The knowledge base (FAQ articles per locale in a category tree, views and votes) and ranked search
//! over it and the catalog in en/ru/bg/zh through the tantivy index (`SearchIndex`), as Promises.

use std::sync::Arc;

use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::Env;
use napi_derive::napi;
use vitrina_core::knowledge::{
    sync_catalog, sync_knowledge_base, CatalogSearchOptions, KnowledgeBase, KnowledgeCategory, KnowledgeLocale,
    NewArticle, SearchIndex, SearchQuery, Vote,
};
use vitrina_search_tantivy::TantivySearchIndex;

use crate::catalog::JsCatalog;
use crate::convert::{from_js, from_name, to_js};
use crate::errors::err;
use crate::task::settle;

/// FAQ articles in a category tree; every change is validated first and a refused one alters nothing.
#[napi(js_name = "KnowledgeBase")]
pub struct JsKnowledgeBase {
    inner: KnowledgeBase,
}

#[napi]
impl JsKnowledgeBase {
    /// An empty knowledge base, or one from its JSON form (`{categories, articles}`, as `toJSON` gives it).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "KnowledgeBaseData | string | null")] data: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        let inner = crate::convert::optional_js(&env, data, "knowledge")?.unwrap_or_default();
        Ok(JsKnowledgeBase { inner })
    }

    /// The knowledge base as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "KnowledgeBaseData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    #[napi(getter, ts_return_type = "KnowledgeCategory[]")]
    pub fn categories<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.categories())
    }

    #[napi(getter, ts_return_type = "Article[]")]
    pub fn articles<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.articles())
    }

    /// Adds a category `{id, name, parent_id?}`.
    #[napi]
    pub fn add_category(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "KnowledgeCategory | string")] category: Unknown<'_>,
    ) -> napi::Result<()> {
        let category: KnowledgeCategory = from_js(&env, category, "category")?;
        self.inner.add_category(category).map_err(|e| err(&env, e))
    }

    /// The ids from `id` up to its root category.
    #[napi]
    pub fn category_path(&self, id: String) -> Vec<String> {
        self.inner.category_path(&id).into_iter().map(str::to_owned).collect()
    }

    /// Adds an article `{id, locale, category_id, title, body, tags?, published?}` and returns it.
    #[napi(ts_return_type = "Article")]
    pub fn add_article<'env>(
        &mut self,
        env: &'env Env,
        #[napi(ts_arg_type = "NewArticle | string")] article: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let article: NewArticle = from_js(env, article, "article")?;
        let added = self.inner.add_article(article).map_err(|e| err(env, e))?;
        to_js(env, added)
    }

    /// Replaces an article's content, keeping its views and votes; returns it.
    #[napi(ts_return_type = "Article")]
    pub fn update_article<'env>(
        &mut self,
        env: &'env Env,
        #[napi(ts_arg_type = "NewArticle | string")] article: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let article: NewArticle = from_js(env, article, "article")?;
        let updated = self.inner.update_article(article).map_err(|e| err(env, e))?;
        to_js(env, updated)
    }

    /// Publishes or hides an article.
    #[napi]
    pub fn set_published(&mut self, env: Env, id: String, published: bool) -> napi::Result<()> {
        self.inner.set_published(&id, published).map_err(|e| err(&env, e))
    }

    /// Counts a view of an article; returns its views.
    #[napi]
    pub fn record_view(&mut self, env: Env, id: String) -> napi::Result<f64> {
        let views = self.inner.record_view(&id).map_err(|e| err(&env, e))?;
        Ok(crate::convert::js_number(views))
    }

    /// A reader's vote (`helpful` or `not_helpful`; a second vote replaces the first); returns the tally.
    #[napi(ts_return_type = "{ helpful: number; not_helpful: number }")]
    pub fn vote<'env>(
        &mut self,
        env: &'env Env,
        article_id: String,
        voter_id: String,
        #[napi(ts_arg_type = "'helpful' | 'not_helpful'")] vote: String,
    ) -> napi::Result<Unknown<'env>> {
        let vote: Vote = from_name(env, &vote, "vote")?;
        let tally = self.inner.vote(&article_id, &voter_id, vote).map_err(|e| err(env, e))?;
        to_js(env, &tally)
    }

    /// The published articles in `locale` of a category and its sub-categories.
    #[napi(ts_return_type = "Article[]")]
    pub fn articles_in_category<'env>(
        &self,
        env: &'env Env,
        category_id: String,
        #[napi(ts_arg_type = "KnowledgeLocale")] locale: String,
    ) -> napi::Result<Unknown<'env>> {
        let locale: KnowledgeLocale = from_name(env, &locale, "locale")?;
        to_js(env, &self.inner.articles_in_category(&category_id, locale))
    }

    /// The most viewed published articles in `locale`.
    #[napi(ts_return_type = "Article[]")]
    pub fn most_viewed<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "KnowledgeLocale")] locale: String,
        limit: u32,
    ) -> napi::Result<Unknown<'env>> {
        let locale: KnowledgeLocale = from_name(env, &locale, "locale")?;
        to_js(env, &self.inner.most_viewed(locale, limit as usize))
    }
}

/// A ranked full-text index (tantivy: Russian stemming, Bulgarian prefixes, Chinese segmentation) of
/// FAQ articles and catalog products.
#[napi(js_name = "SearchIndex")]
pub struct JsSearchIndex {
    inner: Arc<TantivySearchIndex>,
}

impl JsSearchIndex {
    /// The index, to plug into a shop.
    pub(crate) fn index(&self) -> Arc<dyn SearchIndex> {
        self.inner.clone()
    }
}

#[napi]
impl JsSearchIndex {
    /// An index in memory.
    #[napi(factory)]
    pub fn in_memory(env: Env) -> napi::Result<Self> {
        Ok(JsSearchIndex { inner: Arc::new(TantivySearchIndex::in_memory().map_err(|e| err(&env, e))?) })
    }

    /// The index in `directory`, created if missing.
    #[napi(factory)]
    pub fn open(env: Env, directory: String) -> napi::Result<Self> {
        let index = TantivySearchIndex::open_or_create(&directory).map_err(|e| err(&env, e))?;
        Ok(JsSearchIndex { inner: Arc::new(index) })
    }

    /// Brings the index in line with the knowledge base's published articles (removing the others)
    /// and commits; resolves to `{indexed, removed}`.
    #[napi(ts_return_type = "Promise<SyncReport>")]
    pub fn sync_knowledge_base<'env>(
        &self,
        env: &'env Env,
        knowledge: &JsKnowledgeBase,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let (index, knowledge) = (self.inner.clone(), knowledge.inner.clone());
        let work = async move { sync_knowledge_base(index.as_ref(), &knowledge).await };
        settle(env, work, |env, report| to_js(env, &report))
    }

    /// Brings the index in line with the catalog's products in `locale` (with optional popularity
    /// per product id for ranking) and commits; resolves to `{indexed, removed}`.
    #[napi(ts_return_type = "Promise<SyncReport>")]
    pub fn sync_catalog<'env>(
        &self,
        env: &'env Env,
        catalog: &JsCatalog,
        #[napi(ts_arg_type = "CatalogSearchOptions | string")] options: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let options: CatalogSearchOptions = from_js(env, options, "options")?;
        let (index, catalog) = (self.inner.clone(), catalog.inner.clone());
        let work = async move { sync_catalog(index.as_ref(), &catalog, &options).await };
        settle(env, work, |env, report| to_js(env, &report))
    }

    /// Ranked results of `query` (`{text, kind?, locale?, category_id?, facet_filters?, limit?,
    /// offset?, typo_tolerance?}`): `{hits, facets, total}`.
    #[napi(ts_return_type = "Promise<SearchResults>")]
    pub fn search<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "SearchQuery | string")] query: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let query: SearchQuery = from_js(env, query, "query")?;
        let index = self.inner.clone();
        settle(env, async move { index.search(&query).await }, |env, results| to_js(env, &results))
    }
}
