//! Keeping a search index in step with its sources: every current document is (re)indexed and
//! documents of the same kind that are no longer present are removed, then the index is committed.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::base::KnowledgeBase;
use super::catalog_search::{catalog_documents, CatalogSearchOptions};
use super::error::SearchError;
use super::search::{DocumentKind, SearchDocument, SearchIndex};
use crate::catalog::Catalog;

/// What a synchronisation did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SyncReport {
    /// Number of documents (re)indexed.
    pub indexed: usize,
    /// Ids removed from the index because their source no longer has them, sorted.
    pub removed: Vec<String>,
}

/// Makes the index's documents of `kind` exactly `documents`: indexes them all, removes the other
/// committed documents of that kind, and commits.
pub async fn sync_documents(
    index: &dyn SearchIndex,
    kind: DocumentKind,
    documents: Vec<SearchDocument>,
) -> Result<SyncReport, SearchError> {
    if let Some(other) = documents.iter().find(|d| d.kind != kind) {
        return Err(SearchError::InvalidDocument {
            field: "kind".into(),
            reason: format!("document {:?} is a {}, expected {kind}", other.id, other.kind),
        });
    }
    for document in &documents {
        document.validate()?;
    }
    let current: BTreeSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    let mut removed: Vec<String> =
        index.document_ids(kind).await?.into_iter().filter(|id| !current.contains(id.as_str())).collect();
    removed.sort();
    removed.dedup();
    let indexed = documents.len();
    index.index(documents).await?;
    for id in &removed {
        index.remove(kind, id).await?;
    }
    index.commit().await?;
    Ok(SyncReport { indexed, removed })
}

/// Makes the index follow the catalog: every product is indexed (renamed products replace their
/// old document) and products no longer in the catalog are removed.
pub async fn sync_catalog(
    index: &dyn SearchIndex,
    catalog: &Catalog,
    options: &CatalogSearchOptions,
) -> Result<SyncReport, SearchError> {
    sync_documents(index, DocumentKind::Product, catalog_documents(catalog, options)).await
}

/// Makes the index follow the knowledge base: published articles are indexed (with their current
/// view counts as popularity), unpublished and deleted ones removed.
pub async fn sync_knowledge_base(
    index: &dyn SearchIndex,
    knowledge: &KnowledgeBase,
) -> Result<SyncReport, SearchError> {
    sync_documents(index, DocumentKind::Article, knowledge.documents()).await
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use async_trait::async_trait;

    use super::*;
    use crate::knowledge::catalog_search::tests::catalog;
    use crate::knowledge::{KnowledgeLocale, SearchQuery, SearchResults};

    /// Records committed documents by (kind, id); enough to check what a sync writes and removes.
    #[derive(Default)]
    struct Recorder {
        pending: Mutex<Vec<(DocumentKind, String, Option<SearchDocument>)>>,
        committed: Mutex<BTreeMap<(DocumentKind, String), SearchDocument>>,
    }

    #[async_trait]
    impl SearchIndex for Recorder {
        async fn index(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
            let mut pending = self.pending.lock().unwrap();
            pending.extend(documents.into_iter().map(|d| (d.kind, d.id.clone(), Some(d))));
            Ok(())
        }
        async fn remove(&self, kind: DocumentKind, id: &str) -> Result<(), SearchError> {
            self.pending.lock().unwrap().push((kind, id.to_owned(), None));
            Ok(())
        }
        async fn commit(&self) -> Result<(), SearchError> {
            let mut committed = self.committed.lock().unwrap();
            for (kind, id, doc) in self.pending.lock().unwrap().drain(..) {
                match doc {
                    Some(doc) => committed.insert((kind, id), doc),
                    None => committed.remove(&(kind, id)),
                };
            }
            Ok(())
        }
        async fn search(&self, _query: &SearchQuery) -> Result<SearchResults, SearchError> {
            Ok(SearchResults::default())
        }
        async fn document_ids(&self, kind: DocumentKind) -> Result<Vec<String>, SearchError> {
            Ok(self.committed.lock().unwrap().keys().filter(|(k, _)| *k == kind).map(|(_, id)| id.clone()).collect())
        }
    }

    #[tokio::test]
    async fn sync_catalog_removes_vanished_products_and_leaves_articles() {
        let index = Recorder::default();
        let article = SearchDocument {
            id: "mug".into(),
            kind: DocumentKind::Article,
            locale: KnowledgeLocale::En,
            title: "Caring for your mug".into(),
            body: String::new(),
            category_ids: vec![],
            facets: BTreeMap::new(),
            popularity: 0,
        };
        index.index(vec![article]).await.unwrap();
        let options = CatalogSearchOptions::new(KnowledgeLocale::En);
        let report = sync_catalog(&index, &catalog("Enamel mug"), &options).await.unwrap();
        assert_eq!(report, SyncReport { indexed: 2, removed: vec![] });

        let mut data = catalog("Enamel mug").data().clone();
        data.products.retain(|p| p.id != "mug");
        let report = sync_catalog(&index, &Catalog::new(data).unwrap(), &options).await.unwrap();
        assert_eq!(report, SyncReport { indexed: 1, removed: vec!["mug".into()] });
        assert_eq!(index.document_ids(DocumentKind::Product).await.unwrap(), ["tee"]);
        assert_eq!(index.document_ids(DocumentKind::Article).await.unwrap(), ["mug"], "articles are untouched");
    }

    #[tokio::test]
    async fn sync_refuses_documents_of_another_kind_or_invalid_ones() {
        let index = Recorder::default();
        let options = CatalogSearchOptions::new(KnowledgeLocale::En);
        let docs = catalog_documents(&catalog("Mug"), &options);
        let err = sync_documents(&index, DocumentKind::Article, docs.clone()).await.unwrap_err();
        assert!(matches!(err, SearchError::InvalidDocument { ref field, .. } if field == "kind"), "{err}");
        let mut bad = docs;
        bad[1].title.clear();
        assert!(sync_documents(&index, DocumentKind::Product, bad).await.is_err());
        assert!(index.committed.lock().unwrap().is_empty(), "nothing written when refused");
        assert!(index.pending.lock().unwrap().is_empty());
    }
}
