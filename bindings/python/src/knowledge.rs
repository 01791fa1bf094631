//! Knowledge base: FAQ articles per locale in a category tree, views and helpfulness votes, and
//! ranked search (en/ru/bg/zh) over articles and catalog products in a tantivy index.

use std::collections::BTreeMap;
use std::sync::Arc;

use pyo3::prelude::*;
use vitrina_core::knowledge::{
    sync_catalog, sync_knowledge_base, CatalogSearchOptions, DocumentKind, KnowledgeBase, KnowledgeCategory,
    KnowledgeLocale, NewArticle, SearchDocument, SearchIndex, SearchQuery, Vote,
};
use vitrina_search_tantivy::TantivySearchIndex;

use crate::catalog::PyCatalog;
use crate::convert::{enum_arg, from_json, serde_to_py, to_json};
use crate::errors::{err, invalid};
use crate::run::{awaitable, blocking, Plain};

fn locale(code: &str) -> PyResult<KnowledgeLocale> {
    enum_arg(code, "locale")
}

/// FAQ articles in a category tree; every change is checked and a refused one raises
/// `KnowledgeError` naming the field. Articles come back as dicts (`id`, `locale`, `category_id`,
/// `title`, `body`, `tags`, `published`, `view_count`, `votes`).
#[pyclass(module = "vitrina", name = "KnowledgeBase")]
pub struct PyKnowledgeBase {
    inner: KnowledgeBase,
}

#[pymethods]
impl PyKnowledgeBase {
    /// An empty knowledge base.
    #[new]
    fn new() -> Self {
        PyKnowledgeBase { inner: KnowledgeBase::new() }
    }

    /// A knowledge base from its JSON form (`{"categories": [...], "articles": [...]}`), validated.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyKnowledgeBase { inner: from_json(json, "knowledge_base")? })
    }

    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// Adds the category `id` under `parent_id` (None: a root).
    #[pyo3(signature = (id, name, parent_id=None))]
    fn add_category(&mut self, id: &str, name: &str, parent_id: Option<&str>) -> PyResult<()> {
        self.inner.add_category(KnowledgeCategory::new(id, name, parent_id)).map_err(err)
    }

    /// Moves the category `id` under `parent_id` (refused if it would make a cycle).
    #[pyo3(signature = (id, parent_id=None))]
    fn move_category(&mut self, id: &str, parent_id: Option<&str>) -> PyResult<()> {
        self.inner.move_category(id, parent_id).map_err(err)
    }

    /// Removes an empty category; returns it as a dict.
    fn remove_category<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.remove_category(id).map_err(err)?)
    }

    /// The id of the category `id` followed by its ancestors up to the root.
    fn category_path(&self, id: &str) -> Vec<String> {
        self.inner.category_path(id).into_iter().map(str::to_owned).collect()
    }

    /// The categories as dicts (`id`, `name`, `parent_id`).
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.categories())
    }

    /// Every article, as dicts.
    #[getter]
    fn articles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.articles())
    }

    /// Adds an article in `locale` (`en`, `ru`, `bg`, `zh`); returns it.
    #[pyo3(signature = (*, id, locale, category_id, title, body, tags=Vec::new(), published=false))]
    #[allow(clippy::too_many_arguments)]
    fn add_article<'py>(
        &mut self,
        py: Python<'py>,
        id: String,
        locale: &str,
        category_id: String,
        title: String,
        body: String,
        tags: Vec<String>,
        published: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let new = NewArticle { id, locale: self::locale(locale)?, category_id, title, body, tags, published };
        serde_to_py(py, self.inner.add_article(new).map_err(err)?)
    }

    /// Replaces the content of the article with the same id (views and votes stay).
    #[pyo3(signature = (*, id, locale, category_id, title, body, tags=Vec::new(), published=false))]
    #[allow(clippy::too_many_arguments)]
    fn update_article<'py>(
        &mut self,
        py: Python<'py>,
        id: String,
        locale: &str,
        category_id: String,
        title: String,
        body: String,
        tags: Vec<String>,
        published: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let new = NewArticle { id, locale: self::locale(locale)?, category_id, title, body, tags, published };
        serde_to_py(py, self.inner.update_article(new).map_err(err)?)
    }

    /// Removes the article `id`; returns it.
    fn remove_article<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.remove_article(id).map_err(err)?)
    }

    /// The article `id` as a dict, or None.
    fn article<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.article(id).map(|a| serde_to_py(py, a)).transpose()
    }

    fn set_published(&mut self, id: &str, published: bool) -> PyResult<()> {
        self.inner.set_published(id, published).map_err(err)
    }

    /// Counts one view of the article; returns its views.
    fn record_view(&mut self, id: &str) -> PyResult<u64> {
        self.inner.record_view(id).map_err(err)
    }

    /// Records `voter_id`'s vote (`helpful` or `not_helpful`, replacing an earlier one); returns
    /// `{"helpful": n, "not_helpful": m}`.
    fn vote<'py>(
        &mut self,
        py: Python<'py>,
        article_id: &str,
        voter_id: &str,
        vote: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let vote: Vote = enum_arg(vote, "vote")?;
        serde_to_py(py, &self.inner.vote(article_id, voter_id, vote).map_err(err)?)
    }

    fn withdraw_vote<'py>(&mut self, py: Python<'py>, article_id: &str, voter_id: &str) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.withdraw_vote(article_id, voter_id).map_err(err)?)
    }

    /// The published articles in `locale` filed in the category or its sub-categories.
    fn articles_in_category<'py>(
        &self,
        py: Python<'py>,
        category_id: &str,
        locale: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.articles_in_category(category_id, self::locale(locale)?))
    }

    /// The `limit` most viewed published articles in `locale`.
    #[pyo3(signature = (locale, limit=10))]
    fn most_viewed<'py>(&self, py: Python<'py>, locale: &str, limit: usize) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.most_viewed(self::locale(locale)?, limit))
    }

    fn __len__(&self) -> usize {
        self.inner.articles().len()
    }

    fn __repr__(&self) -> String {
        format!("KnowledgeBase(categories={}, articles={})", self.inner.categories().len(), self.inner.articles().len())
    }
}

/// A full-text index of FAQ articles and catalog products (tantivy; English and Russian stemming,
/// Bulgarian prefixes, Chinese segmentation), in memory or in a directory. Writes are visible to
/// searches after `commit` (the `sync_*` calls commit). Every call has an `*_async` form.
#[pyclass(module = "vitrina", name = "SearchIndex", frozen)]
pub struct PySearchIndex {
    inner: Arc<dyn SearchIndex>,
    location: String,
}

impl PySearchIndex {
    /// The index itself, for a shop's plug-ins.
    pub(crate) fn plugin(&self) -> Arc<dyn SearchIndex> {
        self.inner.clone()
    }
}

/// Where a kind filter or document kind names `article` or `product`.
fn kind(name: &str) -> PyResult<DocumentKind> {
    enum_arg(name, "kind")
}

#[allow(clippy::too_many_arguments)]
fn query(
    text: String,
    kind: Option<&str>,
    locale: Option<&str>,
    category_id: Option<String>,
    facets: BTreeMap<String, String>,
    limit: usize,
    offset: usize,
    typo_tolerance: bool,
) -> PyResult<SearchQuery> {
    Ok(SearchQuery {
        text,
        kind: kind.map(self::kind).transpose()?,
        locale: locale.map(|l| enum_arg(l, "locale")).transpose()?,
        category_id,
        facet_filters: facets,
        limit,
        offset,
        typo_tolerance,
    })
}

/// Generates each index call twice in one `#[pymethods]` block, like the store's (blocking with the
/// GIL released, and `name_async`); `$body` turns the arguments into a future using `$index`.
macro_rules! index_calls {
    (plain { $($plain:tt)* } $(
        $(#[$meta:meta])*
        fn $name:ident / $name_async:ident ($index:ident $(, $arg:ident : $ty:ty)*) $body:block
    )*) => {
        #[pymethods]
        impl PySearchIndex {
            $($plain)*
            $(
                $(#[$meta])*
                fn $name(&self, py: Python<'_> $(, $arg: $ty)*) -> PyResult<Py<PyAny>> {
                    let $index = self.inner.clone();
                    blocking(py, $body)
                }

                $(#[$meta])*
                fn $name_async<'py>(&self, py: Python<'py> $(, $arg: $ty)*) -> PyResult<Bound<'py, PyAny>> {
                    let $index = self.inner.clone();
                    awaitable(py, $body)
                }
            )*
        }
    };
}

index_calls! {
    plain {
        /// A new, empty index held in memory.
        #[staticmethod]
        fn in_memory() -> PyResult<Self> {
            let inner = TantivySearchIndex::in_memory().map_err(err)?;
            Ok(PySearchIndex { inner: Arc::new(inner), location: ":memory:".to_owned() })
        }

        /// The index stored in `directory` (created if missing); one open index per directory.
        #[staticmethod]
        fn open(directory: std::path::PathBuf) -> PyResult<Self> {
            let inner = TantivySearchIndex::open_or_create(&directory).map_err(err)?;
            Ok(PySearchIndex { inner: Arc::new(inner), location: directory.display().to_string() })
        }

        fn __repr__(&self) -> String {
            format!("SearchIndex({:?})", self.location)
        }
    }

    /// Indexes the published articles of `knowledge_base`, removes the ones gone, and commits;
    /// returns `{"indexed": n, "removed": [ids]}`.
    fn sync_knowledge_base / sync_knowledge_base_async (index, knowledge_base: PyRef<'_, PyKnowledgeBase>) {
        let knowledge = knowledge_base.inner.clone();
        async move { sync_knowledge_base(index.as_ref(), &knowledge).await.map(Plain) }
    }

    /// Indexes the products of `catalog` (written in `locale`, ranked by `popularity` per product
    /// id), removes the ones gone, and commits.
    #[pyo3(signature = (catalog, locale="en", popularity=BTreeMap::new()))]
    fn sync_catalog / sync_catalog_async (
        index,
        catalog: PyRef<'_, PyCatalog>,
        locale: &str,
        popularity: BTreeMap<String, u64>
    ) {
        let options = CatalogSearchOptions { locale: enum_arg(locale, "locale")?, popularity };
        let catalog = catalog.inner.clone();
        async move { sync_catalog(index.as_ref(), &catalog, &options).await.map(Plain) }
    }

    /// Adds (or replaces) `documents` (dicts: `id`, `kind`, `locale`, `title`, `body`,
    /// `category_ids`, `facets`, `popularity`); visible after `commit`.
    fn index / index_async (index, documents: &Bound<'_, PyAny>) {
        let documents: Vec<SearchDocument> = from_py_list(documents)?;
        async move { index.index(documents).await }
    }

    /// Removes the document `id` of `kind` (`article` or `product`).
    fn remove / remove_async (index, kind: &str, id: String) {
        let kind = self::kind(kind)?;
        async move { index.remove(kind, &id).await }
    }

    /// Makes every write so far visible (and durable, on disk).
    fn commit / commit_async (index) {
        async move { index.commit().await }
    }

    /// Ranked search: `{"hits": [{"id", "kind", "locale", "title", "score", "popularity"}],
    /// "facets": {category_id: count}, "total": n}`; empty `text` lists by popularity.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (text="".to_owned(), *, kind=None, locale=None, category_id=None, facets=BTreeMap::new(), limit=10, offset=0, typo_tolerance=true))]
    fn search / search_async (
        index,
        text: String,
        kind: Option<&str>,
        locale: Option<&str>,
        category_id: Option<String>,
        facets: BTreeMap<String, String>,
        limit: usize,
        offset: usize,
        typo_tolerance: bool
    ) {
        let query = query(text, kind, locale, category_id, facets, limit, offset, typo_tolerance)?;
        async move { index.search(&query).await.map(Plain) }
    }

    /// The ids of every committed document of `kind`.
    fn document_ids / document_ids_async (index, kind: &str) {
        let kind = self::kind(kind)?;
        async move { index.document_ids(kind).await }
    }
}

/// Search documents from a list of dicts; a shape the core refuses raises `invalid` naming the field.
fn from_py_list(documents: &Bound<'_, PyAny>) -> PyResult<Vec<SearchDocument>> {
    let value = crate::convert::to_value(documents, "documents")?;
    serde_json::from_value(value).map_err(|e| invalid("documents", e))
}

/// The documents of the published articles, as `SearchIndex.index` takes them.
#[pyfunction]
pub(crate) fn knowledge_documents<'py>(
    py: Python<'py>,
    knowledge_base: PyRef<'py, PyKnowledgeBase>,
) -> PyResult<Bound<'py, PyAny>> {
    serde_to_py(py, &knowledge_base.inner.documents())
}

/// Registers the knowledge-base classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyKnowledgeBase>()?;
    m.add_class::<PySearchIndex>()?;
    m.add_function(wrap_pyfunction!(knowledge_documents, m)?)?;
    Ok(())
}
