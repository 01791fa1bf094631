//! The knowledge base (FAQ articles per locale in a category tree, views and helpfulness votes) and
//! the `SearchIndex` plug-in trait with the documents it indexes: FAQ articles and catalog products.

mod article;
mod base;
mod catalog_search;
mod category;
mod error;
mod locale;
mod search;
mod sync;

pub use article::{Article, NewArticle, Vote, VoteTally};
pub use base::KnowledgeBase;
pub use catalog_search::{catalog_documents, product_document, CatalogSearchOptions};
pub use category::{CategoryTree, KnowledgeCategory};
pub use error::{KnowledgeError, SearchError};
pub use locale::KnowledgeLocale;
pub use search::{DocumentKind, SearchDocument, SearchHit, SearchIndex, SearchQuery, SearchResults, MAX_LIMIT};
pub use sync::{sync_catalog, sync_documents, sync_knowledge_base, SyncReport};
