//! Knowledge-base use cases: FAQ articles stored one per row in a stored category tree, published,
//! edited, viewed and voted on, and kept in step with the registered search index.

use crate::knowledge::{
    sync_documents, Article, CategoryTree, DocumentKind, KnowledgeBase, KnowledgeCategory, KnowledgeError,
    KnowledgeLocale, NewArticle, SearchQuery, SearchResults, SyncReport, Vote, VoteTally,
};

use super::unit::Tx;
use super::{Shop, ShopError};

/// The most articles read per locale.
const ARTICLE_LIMIT: u32 = 10_000;

/// The knowledge base. Get it from [`Shop::knowledge`].
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    pub(super) shop: &'a Shop,
}

impl Knowledge<'_> {
    /// Stores a new article (its id must be new) in its category (one not in the tree yet is added
    /// as a root category named as its id); a published one is indexed when a search index is
    /// registered. Should the index fail, the article stays stored and the error is returned
    /// ([`Knowledge::sync_index`] catches up).
    pub async fn publish_article(&self, new: NewArticle) -> Result<Article, ShopError> {
        let (article, base) = command!(self.shop, retry = true, |tx| {
            if tx.find::<Article>(&new.id).await?.is_some() {
                let id = new.id.clone();
                return Err(KnowledgeError::DuplicateId { field: "article.id".to_owned(), id }.into());
            }
            let mut base = with_tree(tx, Vec::new()).await?;
            base.ensure_category(&new.category_id)?;
            let mut article = base.add_article(new.clone())?.clone();
            save_tree(tx, &base)?;
            tx.save(&mut article)?;
            Ok((article, base))
        })?;
        self.reindex(&article, &base).await?;
        Ok(article)
    }

    /// Replaces the content of article `new.id` (keeping its views and votes) and re-indexes it;
    /// an unpublished article leaves the index.
    pub async fn update(&self, new: NewArticle) -> Result<Article, ShopError> {
        let (article, base) = command!(self.shop, retry = true, |tx| {
            let stored = tx.get::<Article>(&new.id).await?;
            let mut base = with_tree(tx, vec![stored]).await?;
            base.ensure_category(&new.category_id)?;
            let mut article = base.update_article(new.clone())?.clone();
            save_tree(tx, &base)?;
            tx.save(&mut article)?;
            Ok((article, base))
        })?;
        self.reindex(&article, &base).await?;
        Ok(article)
    }

    /// Publishes (`true`) or withdraws article `article_id`; the index follows.
    pub async fn set_published(&self, article_id: &str, published: bool) -> Result<Article, ShopError> {
        let (article, base) = command!(self.shop, retry = true, |tx| {
            let stored = tx.get::<Article>(article_id).await?;
            let mut base = with_tree(tx, vec![stored]).await?;
            base.set_published(article_id, published)?;
            let mut article = article_in(&base, article_id)?;
            tx.save(&mut article)?;
            Ok((article, base))
        })?;
        self.reindex(&article, &base).await?;
        Ok(article)
    }

    /// Removes article `article_id` from the store and the index; answers it as it was.
    pub async fn remove_article(&self, article_id: &str) -> Result<Article, ShopError> {
        let article = command!(self.shop, retry = true, |tx| {
            let stored = tx.get::<Article>(article_id).await?;
            let mut base = KnowledgeBase::adopting(Vec::new(), vec![stored])?;
            let removed = base.remove_article(article_id)?;
            tx.delete::<Article>(article_id);
            Ok(removed)
        })?;
        if let Ok(index) = self.shop.plugins().search_index() {
            index.remove(DocumentKind::Article, &article.id).await?;
            index.commit().await?;
        }
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

    /// Counts one view of article `article_id`; answers the new view count. The search index's
    /// popularity of the article follows at its next change or [`Knowledge::sync_index`].
    pub async fn record_view(&self, article_id: &str) -> Result<u64, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut article = tx.get::<Article>(article_id).await?;
            let views = article.record_view();
            tx.save(&mut article)?;
            Ok(views)
        })
    }

    /// Records `voter_id`'s vote on article `article_id` (a customer id or an anonymous session
    /// id; a later vote of the same voter replaces theirs); answers the new tally.
    pub async fn vote(&self, article_id: &str, voter_id: &str, vote: Vote) -> Result<VoteTally, ShopError> {
        self.change_votes(article_id, |base| base.vote(article_id, voter_id, vote)).await
    }

    /// Withdraws `voter_id`'s vote on article `article_id`, if any; answers the new tally.
    pub async fn withdraw_vote(&self, article_id: &str, voter_id: &str) -> Result<VoteTally, ShopError> {
        self.change_votes(article_id, |base| base.withdraw_vote(article_id, voter_id)).await
    }

    /// The published articles in `locale` filed in category `category_id` or any of its
    /// sub-categories, oldest first; an unknown category is not found.
    pub async fn articles_in_category(
        &self,
        category_id: &str,
        locale: KnowledgeLocale,
    ) -> Result<Vec<Article>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let articles = tx.find_by::<Article>("locale", locale.code(), ARTICLE_LIMIT).await?;
            let base = with_tree(tx, articles).await?;
            known(&base, category_id)?;
            Ok(base.articles_in_category(category_id, locale).into_iter().cloned().collect())
        })
    }

    /// The `limit` most viewed published articles in `locale`, most viewed first.
    pub async fn most_viewed(&self, locale: KnowledgeLocale, limit: u32) -> Result<Vec<Article>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let articles = tx.find_by::<Article>("locale", locale.code(), ARTICLE_LIMIT).await?;
            let base = KnowledgeBase::adopting(Vec::new(), articles)?;
            Ok(base.most_viewed(locale, limit as usize).into_iter().cloned().collect())
        })
    }

    /// Every category of the tree, in the order they were added.
    pub async fn categories(&self) -> Result<Vec<KnowledgeCategory>, ShopError> {
        command!(self.shop, retry = false, |tx| Ok(with_tree(tx, Vec::new()).await?.categories().to_vec()))
    }

    /// Adds `category` to the tree, under its parent (which must exist) or as a root.
    pub async fn add_category(&self, category: KnowledgeCategory) -> Result<KnowledgeCategory, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut base = with_tree(tx, Vec::new()).await?;
            base.add_category(category.clone())?;
            save_tree(tx, &base)?;
            Ok(category.clone())
        })
    }

    /// Moves category `category_id` under `parent_id` (`None`: makes it a root), refusing a cycle,
    /// and re-indexes the published articles below it (their category path changed).
    pub async fn move_category(
        &self,
        category_id: &str,
        parent_id: Option<&str>,
    ) -> Result<KnowledgeCategory, ShopError> {
        let base = command!(self.shop, retry = true, |tx| {
            let mut base = with_tree(tx, Vec::new()).await?;
            known(&base, category_id)?;
            base.move_category(category_id, parent_id)?;
            save_tree(tx, &base)?;
            Ok(base)
        })?;
        let moved = known(&base, category_id)?.clone();
        let Ok(index) = self.shop.plugins().search_index() else { return Ok(moved) };
        let mut articles = Vec::new();
        for locale in KnowledgeLocale::ALL {
            articles.extend(self.articles(locale).await?);
        }
        let base = KnowledgeBase::adopting(base.categories().to_vec(), articles)?;
        for article in base.published_under(category_id) {
            index.update(base.document(&article.id)?).await?;
        }
        index.commit().await?;
        Ok(moved)
    }

    /// Removes category `category_id`, which must have neither sub-categories nor articles.
    pub async fn remove_category(&self, category_id: &str) -> Result<KnowledgeCategory, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let filed = tx.find_by::<Article>("category", category_id, 1).await?;
            let mut base = with_tree(tx, filed).await?;
            known(&base, category_id)?;
            let removed = base.remove_category(category_id)?;
            save_tree(tx, &base)?;
            Ok(removed)
        })
    }

    /// Category `category_id` and its ancestors, the category first and the root last (a
    /// breadcrumb read backwards); an unknown category is not found.
    pub async fn category_path(&self, category_id: &str) -> Result<Vec<KnowledgeCategory>, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let base = with_tree(tx, Vec::new()).await?;
            known(&base, category_id)?;
            Ok(base.category_path(category_id).into_iter().filter_map(|id| base.category(id)).cloned().collect())
        })
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
        let mut articles = Vec::new();
        for locale in KnowledgeLocale::ALL {
            articles.extend(self.articles(locale).await?);
        }
        let categories = self.categories().await?;
        let documents = KnowledgeBase::adopting(categories, articles)?.documents();
        Ok(sync_documents(index.as_ref(), DocumentKind::Article, documents).await?)
    }

    /// Applies a vote change to article `article_id` in one command; answers the new tally.
    async fn change_votes(
        &self,
        article_id: &str,
        step: impl Fn(&mut KnowledgeBase) -> Result<VoteTally, KnowledgeError>,
    ) -> Result<VoteTally, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let stored = tx.get::<Article>(article_id).await?;
            let mut base = KnowledgeBase::adopting(Vec::new(), vec![stored])?;
            let tally = step(&mut base)?;
            tx.save(&mut article_in(&base, article_id)?)?;
            Ok(tally)
        })
    }

    /// Indexes a published article or removes an unpublished one, if a search index is registered.
    async fn reindex(&self, article: &Article, base: &KnowledgeBase) -> Result<(), ShopError> {
        let Ok(index) = self.shop.plugins().search_index() else { return Ok(()) };
        match article.published {
            true => index.update(base.document(&article.id)?).await?,
            false => index.remove(DocumentKind::Article, &article.id).await?,
        }
        index.commit().await?;
        Ok(())
    }
}

/// The stored category tree with `articles` filed in it (their unknown categories adopted).
async fn with_tree(tx: &mut Tx, articles: Vec<Article>) -> Result<KnowledgeBase, ShopError> {
    let tree = tx.find::<CategoryTree>(CategoryTree::ID).await?.unwrap_or_default();
    Ok(KnowledgeBase::adopting(tree.categories, articles)?)
}

/// Saves the categories of `base` as the tree, with the command.
fn save_tree(tx: &mut Tx, base: &KnowledgeBase) -> Result<(), ShopError> {
    tx.save(&mut CategoryTree { categories: base.categories().to_vec() })
}

/// The category `category_id` of `base`; [`ShopError::NotFound`] if the tree has none.
fn known<'b>(base: &'b KnowledgeBase, category_id: &str) -> Result<&'b KnowledgeCategory, ShopError> {
    base.category(category_id).ok_or_else(|| ShopError::not_found("knowledge category", category_id))
}

/// A copy of article `article_id` of `base`.
fn article_in(base: &KnowledgeBase, article_id: &str) -> Result<Article, ShopError> {
    Ok(base.article(article_id).cloned().ok_or_else(|| KnowledgeError::UnknownArticle { id: article_id.into() })?)
}
