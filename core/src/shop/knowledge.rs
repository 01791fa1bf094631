//! Knowledge-base use cases: FAQ articles stored one per row, published or edited, and kept in step
//! with the registered search index (re-indexed after each change), which answers searches.

use crate::knowledge::{
    sync_documents, Article, DocumentKind, KnowledgeBase, KnowledgeCategory, KnowledgeError, KnowledgeLocale,
    NewArticle, SearchDocument, SearchQuery, SearchResults, SyncReport,
};

use super::{Shop, ShopError};

/// The most articles read per locale.
const ARTICLE_LIMIT: u32 = 10_000;

/// The knowledge base. Get it from [`Shop::knowledge`].
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    pub(super) shop: &'a Shop,
}

impl Knowledge<'_> {
    /// Stores a new article (its id must be new); a published one is indexed when a search index
    /// is registered. Should the index fail, the article stays stored and the error is returned
    /// ([`Knowledge::sync_index`] catches up).
    pub async fn publish_article(&self, new: NewArticle) -> Result<Article, ShopError> {
        let article = command!(self.shop, retry = false, |tx| {
            let mut article = checked(new.clone())?;
            if tx.find::<Article>(&article.id).await?.is_some() {
                let id = article.id.clone();
                return Err(KnowledgeError::DuplicateId { field: "article.id".to_owned(), id }.into());
            }
            tx.save(&mut article)?;
            Ok(article)
        })?;
        self.reindex(&article).await?;
        Ok(article)
    }

    /// Replaces the content of article `new.id` (keeping its views and votes) and re-indexes it;
    /// an unpublished article leaves the index.
    pub async fn update(&self, new: NewArticle) -> Result<Article, ShopError> {
        let article = command!(self.shop, retry = true, |tx| {
            let stored = tx.get::<Article>(&new.id).await?;
            let mut article = Article { view_count: stored.view_count, votes: stored.votes, ..checked(new.clone())? };
            tx.save(&mut article)?;
            Ok(article)
        })?;
        self.reindex(&article).await?;
        Ok(article)
    }

    /// The article `article_id`.
    pub async fn get(&self, article_id: &str) -> Result<Article, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Article>(article_id).await)
    }

    /// The articles in `locale`, published or not, oldest first.
    pub async fn articles(&self, locale: KnowledgeLocale) -> Result<Vec<Article>, ShopError> {
        command!(self.shop, retry = false, |tx| tx.find_by::<Article>("locale", locale.code(), ARTICLE_LIMIT).await)
    }

    /// Searches the published articles through the registered search index.
    pub async fn search(&self, query: SearchQuery) -> Result<SearchResults, ShopError> {
        let index = self.shop.plugins().search_index()?;
        Ok(index.search(&query.kind(DocumentKind::Article)).await?)
    }

    /// Makes the search index's articles exactly the stored published ones (after the index was
    /// rebuilt, or a re-index after a change failed).
    pub async fn sync_index(&self) -> Result<SyncReport, ShopError> {
        let index = self.shop.plugins().search_index()?;
        let mut documents = Vec::new();
        for locale in KnowledgeLocale::ALL {
            for article in self.articles(locale).await?.iter().filter(|a| a.published) {
                documents.push(document(article)?);
            }
        }
        Ok(sync_documents(index.as_ref(), DocumentKind::Article, documents).await?)
    }

    /// Indexes a published article or removes an unpublished one, if a search index is registered.
    async fn reindex(&self, article: &Article) -> Result<(), ShopError> {
        let Ok(index) = self.shop.plugins().search_index() else { return Ok(()) };
        match article.published {
            true => index.update(document(article)?).await?,
            false => index.remove(DocumentKind::Article, &article.id).await?,
        }
        index.commit().await?;
        Ok(())
    }
}

/// The article `new` describes, checked as the knowledge base checks it (id, title, category).
fn checked(new: NewArticle) -> Result<Article, ShopError> {
    let category = KnowledgeCategory::new(new.category_id.trim(), new.category_id.trim(), None);
    if category.id.is_empty() {
        return Err(KnowledgeError::EmptyField { field: "article.category_id".to_owned() }.into());
    }
    if new.id.trim().is_empty() {
        return Err(KnowledgeError::EmptyField { field: "article.id".to_owned() }.into());
    }
    let mut base = KnowledgeBase::from_parts(vec![category], Vec::new())?;
    Ok(base.add_article(new)?.clone())
}

/// The search document of a stored article, laid out as the knowledge base lays it out.
fn document(article: &Article) -> Result<SearchDocument, KnowledgeError> {
    let category = KnowledgeCategory::new(article.category_id.as_str(), article.category_id.as_str(), None);
    KnowledgeBase::from_parts(vec![category], vec![article.clone()])?.document(&article.id)
}
