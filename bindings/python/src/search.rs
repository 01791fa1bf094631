//! The search plug-in: a tantivy index of FAQ articles and catalog products (en/ru/bg/zh), which a
//! `Shop` keeps in step with its knowledge base, searchable on its own as well.

use std::collections::BTreeMap;
use std::sync::Arc;

use pyo3::prelude::*;
use vitrina_core::knowledge::{
    sync_catalog, CatalogSearchOptions, DocumentKind, SearchDocument, SearchIndex, SearchQuery,
};
use vitrina_search_tantivy::TantivySearchIndex;

use crate::catalog::PyCatalog;
use crate::convert::enum_arg;
use crate::errors::{err, invalid};
use crate::run::{awaitable, blocking, Plain};

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

/// Registers the search index class on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySearchIndex>()?;
    Ok(())
}
