//! `KnowledgeBase`: browsing the FAQ of the shop in an app (categories, published articles of a
//! category and its sub-categories, most viewed articles, counting a view). Searching it on the
//! device is `FaqSearch` (search.rs), which indexes a `KnowledgeBase`.

use std::sync::{Arc, Mutex, MutexGuard};

use vitrina_core::knowledge as core;

use crate::errors::{undecodable, VitrinaError};

/// A category of the FAQ tree.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KnowledgeCategory {
    /// The category's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its parent, null for a root.
    pub parent_id: Option<String>,
}

/// A FAQ article (a snapshot).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Article {
    /// The article's id.
    pub id: String,
    /// Its locale, `en`, `ru`, `bg` or `zh`.
    pub locale: String,
    /// The category it is filed in.
    pub category_id: String,
    /// Title.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Tags.
    pub tags: Vec<String>,
    /// How many times it was viewed.
    pub view_count: u64,
    /// Helpful votes.
    pub helpful: u64,
    /// Not-helpful votes.
    pub not_helpful: u64,
}

impl From<&core::Article> for Article {
    fn from(a: &core::Article) -> Self {
        let tally = a.tally();
        Article {
            id: a.id.clone(),
            locale: a.locale.code().to_owned(),
            category_id: a.category_id.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            tags: a.tags.clone(),
            view_count: a.view_count,
            helpful: tally.helpful,
            not_helpful: tally.not_helpful,
        }
    }
}

/// A locale code (`en`, `ru-RU`), refused as `VitrinaException.Knowledge` / `unknown_locale`.
pub(crate) fn locale(text: &str) -> Result<core::KnowledgeLocale, VitrinaError> {
    Ok(text.parse::<core::KnowledgeLocale>()?)
}

/// The shop's FAQ: articles in a category tree.
#[derive(uniffi::Object)]
pub struct KnowledgeBase {
    inner: Mutex<core::KnowledgeBase>,
}

impl KnowledgeBase {
    pub(crate) fn lock(&self) -> MutexGuard<'_, core::KnowledgeBase> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[uniffi::export]
impl KnowledgeBase {
    /// A knowledge base from its JSON form (`{categories, articles}`), validated.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<KnowledgeBase>, VitrinaError> {
        let inner: core::KnowledgeBase = serde_json::from_str(&json).map_err(|e| undecodable("knowledge_base", e))?;
        Ok(Arc::new(KnowledgeBase { inner: Mutex::new(inner) }))
    }

    /// The knowledge base as compact JSON (view counts included).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }

    /// All categories, in stored order.
    pub fn categories(&self) -> Vec<KnowledgeCategory> {
        self.lock()
            .categories()
            .iter()
            .map(|c| KnowledgeCategory { id: c.id.clone(), name: c.name.clone(), parent_id: c.parent_id.clone() })
            .collect()
    }

    /// The categories directly under `parent_id` (null: the roots).
    #[uniffi::method(default(parent_id = None))]
    pub fn subcategories(&self, parent_id: Option<String>) -> Vec<KnowledgeCategory> {
        self.categories().into_iter().filter(|c| c.parent_id == parent_id).collect()
    }

    /// The category and its ancestors, the category first and the root last (breadcrumbs reversed).
    pub fn category_path(&self, category_id: String) -> Vec<String> {
        self.lock().category_path(&category_id).into_iter().map(str::to_owned).collect()
    }

    /// Published articles in `locale` filed in `category_id` or any of its sub-categories.
    pub fn articles_in_category(&self, category_id: String, locale: String) -> Result<Vec<Article>, VitrinaError> {
        let locale = self::locale(&locale)?;
        Ok(self.lock().articles_in_category(&category_id, locale).into_iter().map(Article::from).collect())
    }

    /// The `limit` most viewed published articles in `locale`, most viewed first.
    #[uniffi::method(default(limit = 10))]
    pub fn most_viewed(&self, locale: String, limit: u32) -> Result<Vec<Article>, VitrinaError> {
        let locale = self::locale(&locale)?;
        Ok(self.lock().most_viewed(locale, limit as usize).into_iter().map(Article::from).collect())
    }

    /// The article with this id, or null.
    pub fn article(&self, article_id: String) -> Option<Article> {
        self.lock().article(&article_id).map(Article::from)
    }

    /// Counts one view of an article and returns its new view count.
    pub fn record_view(&self, article_id: String) -> Result<u64, VitrinaError> {
        Ok(self.lock().record_view(&article_id)?)
    }
}
