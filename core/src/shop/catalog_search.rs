//! Catalog search use cases: the published catalog's products made the search index's product
//! documents (beside the knowledge base's articles), and searches among them.

use crate::knowledge::{sync_catalog, CatalogSearchOptions, DocumentKind, SearchQuery, SearchResults, SyncReport};

use super::catalog::CatalogUseCases;
use super::ShopError;

impl CatalogUseCases<'_> {
    /// Makes the registered search index's products exactly the published catalog's, written in
    /// `options.locale` and ranked by `options.popularity` for an empty query; the articles stay.
    /// [`ShopError::NotSetUp`] before a catalog is published.
    pub async fn sync_search_index(&self, options: &CatalogSearchOptions) -> Result<SyncReport, ShopError> {
        let index = self.shop.plugins().search_index()?;
        let catalog = self.current().await?.value;
        Ok(sync_catalog(index.as_ref(), &catalog, options).await?)
    }

    /// Searches the catalog's products through the registered search index.
    pub async fn search(&self, query: SearchQuery) -> Result<SearchResults, ShopError> {
        let index = self.shop.plugins().search_index()?;
        Ok(index.search(&query.kind(DocumentKind::Product)).await?)
    }
}
