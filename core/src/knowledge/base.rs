//! The knowledge base: categories and articles with their invariants (unique ids, known categories,
//! no cycles, non-empty titles), views and votes, and the search documents its articles become.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::article::{Article, NewArticle, Vote, VoteTally};
use super::category::KnowledgeCategory;
use super::error::KnowledgeError;
use super::locale::KnowledgeLocale;
use super::search::{DocumentKind, SearchDocument};

/// The knowledge base as plain data, for storage and bindings; validated when turned back into a
/// [`KnowledgeBase`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct KnowledgeBaseData {
    #[serde(default)]
    categories: Vec<KnowledgeCategory>,
    #[serde(default)]
    articles: Vec<Article>,
}

/// FAQ articles in a category tree. Every change is validated first; a refused change alters nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "KnowledgeBaseData", into = "KnowledgeBaseData")]
pub struct KnowledgeBase {
    categories: Vec<KnowledgeCategory>,
    articles: Vec<Article>,
}

impl TryFrom<KnowledgeBaseData> for KnowledgeBase {
    type Error = KnowledgeError;

    fn try_from(data: KnowledgeBaseData) -> Result<Self, Self::Error> {
        KnowledgeBase::from_parts(data.categories, data.articles)
    }
}

impl From<KnowledgeBase> for KnowledgeBaseData {
    fn from(kb: KnowledgeBase) -> Self {
        KnowledgeBaseData { categories: kb.categories, articles: kb.articles }
    }
}

fn require(value: &str, field: &str) -> Result<(), KnowledgeError> {
    if value.trim().is_empty() {
        return Err(KnowledgeError::empty(field));
    }
    Ok(())
}

impl KnowledgeBase {
    /// An empty knowledge base.
    pub fn new() -> Self {
        KnowledgeBase::default()
    }

    /// Builds a knowledge base from stored categories (in any order) and articles, validating all.
    pub fn from_parts(categories: Vec<KnowledgeCategory>, articles: Vec<Article>) -> Result<Self, KnowledgeError> {
        let mut ids = BTreeSet::new();
        for c in &categories {
            require(&c.id, "category.id")?;
            require(&c.name, "category.name")?;
            if !ids.insert(c.id.as_str()) {
                return Err(KnowledgeError::DuplicateId { field: "category.id".into(), id: c.id.clone() });
            }
        }
        let kb = KnowledgeBase { categories, articles: Vec::new() };
        for c in &kb.categories {
            if let Some(parent) = &c.parent_id {
                if kb.category(parent).is_none() {
                    return Err(KnowledgeError::UnknownCategory {
                        field: "category.parent_id".into(),
                        id: parent.clone(),
                    });
                }
                if kb.ancestry_reaches(parent, &c.id) {
                    return Err(KnowledgeError::CategoryCycle { id: c.id.clone(), parent_id: parent.clone() });
                }
            }
        }
        let mut kb = kb;
        for a in &articles {
            kb.check_article(&a.id, &a.category_id, &a.title, true)?;
            kb.articles.push(a.clone());
        }
        Ok(kb)
    }

    /// Builds a knowledge base from stored categories and articles as [`KnowledgeBase::from_parts`]
    /// does, filing an article whose category is not in the tree under a new root category named as
    /// its id (articles stored before their categories were).
    pub fn adopting(categories: Vec<KnowledgeCategory>, articles: Vec<Article>) -> Result<Self, KnowledgeError> {
        let mut kb = KnowledgeBase::from_parts(categories, Vec::new())?;
        for article in &articles {
            kb.ensure_category(&article.category_id)?;
        }
        for article in articles {
            kb.check_article(&article.id, &article.category_id, &article.title, true)?;
            kb.articles.push(article);
        }
        Ok(kb)
    }

    /// Adds `category_id` as a root category named as its id unless the tree has it: an article
    /// may be filed in a category nobody created first. An empty id is refused on
    /// `article.category_id`.
    pub fn ensure_category(&mut self, category_id: &str) -> Result<(), KnowledgeError> {
        require(category_id, "article.category_id")?;
        if self.category(category_id).is_none() {
            self.categories.push(KnowledgeCategory::new(category_id, category_id, None));
        }
        Ok(())
    }

    /// Published articles whose category is `category_id` or one of its sub-categories, any locale.
    pub fn published_under(&self, category_id: &str) -> Vec<&Article> {
        self.articles
            .iter()
            .filter(|a| a.published && self.category_path(&a.category_id).contains(&category_id))
            .collect()
    }

    /// All categories, in insertion order.
    pub fn categories(&self) -> &[KnowledgeCategory] {
        &self.categories
    }

    /// All articles (published or not), in insertion order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&KnowledgeCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// An article by id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Adds a category under an existing parent (or as a root).
    pub fn add_category(&mut self, category: KnowledgeCategory) -> Result<(), KnowledgeError> {
        require(&category.id, "category.id")?;
        require(&category.name, "category.name")?;
        if self.category(&category.id).is_some() {
            return Err(KnowledgeError::DuplicateId { field: "category.id".into(), id: category.id });
        }
        if let Some(parent) = &category.parent_id {
            if self.category(parent).is_none() {
                return Err(KnowledgeError::UnknownCategory { field: "category.parent_id".into(), id: parent.clone() });
            }
        }
        self.categories.push(category);
        Ok(())
    }

    /// Moves a category under `parent_id` (`None`: makes it a root); refuses to create a cycle.
    pub fn move_category(&mut self, id: &str, parent_id: Option<&str>) -> Result<(), KnowledgeError> {
        let position = self.category_position(id, "category.id")?;
        if let Some(parent) = parent_id {
            if self.category(parent).is_none() {
                return Err(KnowledgeError::UnknownCategory { field: "category.parent_id".into(), id: parent.into() });
            }
            if self.ancestry_reaches(parent, id) {
                return Err(KnowledgeError::CategoryCycle { id: id.into(), parent_id: parent.into() });
            }
        }
        self.categories[position].parent_id = parent_id.map(str::to_owned);
        Ok(())
    }

    /// Removes a category that has neither sub-categories nor articles.
    pub fn remove_category(&mut self, id: &str) -> Result<KnowledgeCategory, KnowledgeError> {
        let position = self.category_position(id, "category.id")?;
        if self.categories.iter().any(|c| c.parent_id.as_deref() == Some(id)) {
            return Err(KnowledgeError::CategoryNotEmpty { id: id.into(), what: "sub-categories" });
        }
        if self.articles.iter().any(|a| a.category_id == id) {
            return Err(KnowledgeError::CategoryNotEmpty { id: id.into(), what: "articles" });
        }
        Ok(self.categories.remove(position))
    }

    /// The category and all its ancestors, the category first and the root last.
    pub fn category_path(&self, id: &str) -> Vec<&str> {
        let mut path = Vec::new();
        let mut current = self.category(id);
        while let Some(c) = current {
            if path.contains(&c.id.as_str()) {
                break;
            }
            path.push(c.id.as_str());
            current = c.parent_id.as_deref().and_then(|p| self.category(p));
        }
        path
    }

    /// Adds an article; its id must be new, its category known and its title not empty.
    pub fn add_article(&mut self, article: NewArticle) -> Result<&Article, KnowledgeError> {
        self.check_article(&article.id, &article.category_id, &article.title, true)?;
        self.articles.push(Article::from_new(article));
        Ok(self.articles.last().expect("just pushed"))
    }

    /// Replaces an article's content (locale, category, title, body, tags, published flag),
    /// keeping its view count and votes.
    pub fn update_article(&mut self, article: NewArticle) -> Result<&Article, KnowledgeError> {
        let position = self.article_position(&article.id)?;
        self.check_article(&article.id, &article.category_id, &article.title, false)?;
        let stored = &mut self.articles[position];
        let (view_count, votes) = (stored.view_count, std::mem::take(&mut stored.votes));
        *stored = Article { view_count, votes, ..Article::from_new(article) };
        Ok(stored)
    }

    /// Removes an article.
    pub fn remove_article(&mut self, id: &str) -> Result<Article, KnowledgeError> {
        let position = self.article_position(id)?;
        Ok(self.articles.remove(position))
    }

    /// Publishes or withdraws an article.
    pub fn set_published(&mut self, id: &str, published: bool) -> Result<(), KnowledgeError> {
        let position = self.article_position(id)?;
        self.articles[position].published = published;
        Ok(())
    }

    /// Counts one view of an article; returns the new view count.
    pub fn record_view(&mut self, id: &str) -> Result<u64, KnowledgeError> {
        let position = self.article_position(id)?;
        Ok(self.articles[position].record_view())
    }

    /// Records `voter_id`'s vote on an article (a later vote replaces an earlier one).
    pub fn vote(&mut self, article_id: &str, voter_id: &str, vote: Vote) -> Result<VoteTally, KnowledgeError> {
        require(voter_id, "voter_id")?;
        let position = self.article_position(article_id)?;
        Ok(self.articles[position].vote(voter_id, vote))
    }

    /// Withdraws `voter_id`'s vote on an article.
    pub fn withdraw_vote(&mut self, article_id: &str, voter_id: &str) -> Result<VoteTally, KnowledgeError> {
        let position = self.article_position(article_id)?;
        Ok(self.articles[position].withdraw_vote(voter_id))
    }

    /// Published articles in `locale` filed in `category_id` or any of its sub-categories.
    pub fn articles_in_category(&self, category_id: &str, locale: KnowledgeLocale) -> Vec<&Article> {
        self.articles
            .iter()
            .filter(|a| a.published && a.locale == locale && self.category_path(&a.category_id).contains(&category_id))
            .collect()
    }

    /// The most viewed published articles in `locale`, most viewed first (ties: insertion order).
    pub fn most_viewed(&self, locale: KnowledgeLocale, limit: usize) -> Vec<&Article> {
        let mut articles: Vec<&Article> = self.articles.iter().filter(|a| a.published && a.locale == locale).collect();
        articles.sort_by_key(|a| std::cmp::Reverse(a.view_count));
        articles.truncate(limit);
        articles
    }

    /// The search document of an article: title; body and tags as text; its category with
    /// ancestors; tags as the `tag` facet; the view count as popularity.
    pub fn document(&self, article_id: &str) -> Result<SearchDocument, KnowledgeError> {
        let position = self.article_position(article_id)?;
        Ok(self.document_of(&self.articles[position]))
    }

    /// Search documents of every published article (unpublished articles are not searchable).
    pub fn documents(&self) -> Vec<SearchDocument> {
        self.articles.iter().filter(|a| a.published).map(|a| self.document_of(a)).collect()
    }

    fn document_of(&self, article: &Article) -> SearchDocument {
        let mut body = article.body.clone();
        for tag in &article.tags {
            body.push('\n');
            body.push_str(tag);
        }
        let mut facets = BTreeMap::new();
        if !article.tags.is_empty() {
            let mut tags = article.tags.clone();
            tags.sort();
            tags.dedup();
            facets.insert("tag".to_owned(), tags);
        }
        SearchDocument {
            id: article.id.clone(),
            kind: DocumentKind::Article,
            locale: article.locale,
            title: article.title.clone(),
            body,
            category_ids: self.category_path(&article.category_id).into_iter().map(str::to_owned).collect(),
            facets,
            popularity: article.view_count,
        }
    }

    fn check_article(&self, id: &str, category_id: &str, title: &str, new: bool) -> Result<(), KnowledgeError> {
        require(id, "article.id")?;
        if new && self.article(id).is_some() {
            return Err(KnowledgeError::DuplicateId { field: "article.id".into(), id: id.into() });
        }
        if self.category(category_id).is_none() {
            return Err(KnowledgeError::UnknownCategory {
                field: "article.category_id".into(),
                id: category_id.into(),
            });
        }
        require(title, "article.title")
    }

    fn article_position(&self, id: &str) -> Result<usize, KnowledgeError> {
        self.articles.iter().position(|a| a.id == id).ok_or_else(|| KnowledgeError::UnknownArticle { id: id.into() })
    }

    fn category_position(&self, id: &str, field: &str) -> Result<usize, KnowledgeError> {
        self.categories
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| KnowledgeError::UnknownCategory { field: field.into(), id: id.into() })
    }

    /// Whether walking up from `from` (inclusive) reaches `target`; stops on an existing cycle.
    fn ancestry_reaches(&self, from: &str, target: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = Some(from);
        while let Some(id) = current {
            if id == target {
                return true;
            }
            if !seen.insert(id) {
                return false;
            }
            current = self.category(id).and_then(|c| c.parent_id.as_deref());
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_article(id: &str, category: &str, title: &str) -> NewArticle {
        NewArticle {
            id: id.into(),
            locale: KnowledgeLocale::En,
            category_id: category.into(),
            title: title.into(),
            body: "Refunds reach your card within 5 working days.".into(),
            tags: vec!["refund".into(), "money".into()],
            published: true,
        }
    }

    fn kb() -> KnowledgeBase {
        let mut kb = KnowledgeBase::new();
        kb.add_category(KnowledgeCategory::new("after-sales", "After-sales", None)).unwrap();
        kb.add_category(KnowledgeCategory::new("returns", "Returns", Some("after-sales"))).unwrap();
        kb.add_category(KnowledgeCategory::new("refunds", "Refunds", Some("returns"))).unwrap();
        kb.add_article(new_article("a1", "refunds", "When do I get my money back?")).unwrap();
        kb
    }

    #[test]
    fn category_tree_errors_name_the_field() {
        let mut kb = kb();
        let err = kb.add_category(KnowledgeCategory::new("x", "X", Some("nope"))).unwrap_err();
        assert_eq!(err, KnowledgeError::UnknownCategory { field: "category.parent_id".into(), id: "nope".into() });
        let err = kb.add_category(KnowledgeCategory::new("returns", "Again", None)).unwrap_err();
        assert_eq!(err, KnowledgeError::DuplicateId { field: "category.id".into(), id: "returns".into() });
        let err = kb.add_category(KnowledgeCategory::new("y", " ", None)).unwrap_err();
        assert_eq!(err, KnowledgeError::empty("category.name"));
        assert_eq!(kb.categories().len(), 3, "refused categories are not stored");
    }

    #[test]
    fn moving_a_category_under_its_descendant_is_a_cycle() {
        let mut kb = kb();
        let err = kb.move_category("after-sales", Some("refunds")).unwrap_err();
        assert_eq!(err, KnowledgeError::CategoryCycle { id: "after-sales".into(), parent_id: "refunds".into() });
        assert!(kb.move_category("returns", Some("returns")).is_err());
        assert_eq!(kb.category("after-sales").unwrap().parent_id, None);
        kb.move_category("refunds", Some("after-sales")).unwrap();
        assert_eq!(kb.category_path("refunds"), ["refunds", "after-sales"]);
    }

    #[test]
    fn removing_a_category_requires_it_to_be_empty() {
        let mut kb = kb();
        assert_eq!(
            kb.remove_category("returns").unwrap_err(),
            KnowledgeError::CategoryNotEmpty { id: "returns".into(), what: "sub-categories" }
        );
        assert_eq!(
            kb.remove_category("refunds").unwrap_err(),
            KnowledgeError::CategoryNotEmpty { id: "refunds".into(), what: "articles" }
        );
        kb.remove_article("a1").unwrap();
        assert_eq!(kb.remove_category("refunds").unwrap().id, "refunds");
        assert!(kb.category("refunds").is_none());
    }

    #[test]
    fn article_errors_name_the_field() {
        let mut kb = kb();
        assert_eq!(
            kb.add_article(new_article("a1", "refunds", "Other")).unwrap_err(),
            KnowledgeError::DuplicateId { field: "article.id".into(), id: "a1".into() }
        );
        assert_eq!(
            kb.add_article(new_article("a2", "shipping", "Other")).unwrap_err(),
            KnowledgeError::UnknownCategory { field: "article.category_id".into(), id: "shipping".into() }
        );
        assert_eq!(
            kb.add_article(new_article("a2", "refunds", "  ")).unwrap_err(),
            KnowledgeError::empty("article.title")
        );
        assert_eq!(kb.add_article(new_article("", "refunds", "T")).unwrap_err(), KnowledgeError::empty("article.id"));
        assert_eq!(kb.record_view("zz").unwrap_err(), KnowledgeError::UnknownArticle { id: "zz".into() });
        assert_eq!(kb.articles().len(), 1);
    }

    #[test]
    fn votes_are_one_per_voter_through_the_knowledge_base() {
        let mut kb = kb();
        kb.vote("a1", "alice", Vote::Helpful).unwrap();
        kb.vote("a1", "bob", Vote::Helpful).unwrap();
        assert_eq!(kb.vote("a1", "alice", Vote::NotHelpful).unwrap(), VoteTally { helpful: 1, not_helpful: 1 });
        assert_eq!(kb.vote("a1", " ", Vote::Helpful).unwrap_err(), KnowledgeError::empty("voter_id"));
        assert_eq!(
            kb.vote("a9", "alice", Vote::Helpful).unwrap_err(),
            KnowledgeError::UnknownArticle { id: "a9".into() }
        );
        assert_eq!(kb.withdraw_vote("a1", "bob").unwrap(), VoteTally { helpful: 0, not_helpful: 1 });
    }

    #[test]
    fn update_keeps_views_and_votes() {
        let mut kb = kb();
        kb.record_view("a1").unwrap();
        kb.vote("a1", "alice", Vote::Helpful).unwrap();
        let updated = kb.update_article(new_article("a1", "returns", "Refund times")).unwrap();
        assert_eq!((updated.title.as_str(), updated.category_id.as_str()), ("Refund times", "returns"));
        assert_eq!((updated.view_count, updated.tally().helpful), (1, 1));
        assert!(kb.update_article(new_article("a1", "nope", "T")).is_err());
        assert_eq!(kb.article("a1").unwrap().category_id, "returns", "a refused update changes nothing");
    }

    #[test]
    fn document_has_category_ancestors_tags_and_views() {
        let mut kb = kb();
        kb.record_view("a1").unwrap();
        kb.record_view("a1").unwrap();
        let doc = kb.document("a1").unwrap();
        assert_eq!(doc.kind, DocumentKind::Article);
        assert_eq!(doc.category_ids, ["refunds", "returns", "after-sales"]);
        assert_eq!(doc.facets["tag"], ["money", "refund"]);
        assert_eq!(doc.popularity, 2);
        assert!(doc.body.starts_with("Refunds reach") && doc.body.contains("refund"));
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn unpublished_articles_have_no_document_in_documents() {
        let mut kb = kb();
        kb.add_article(NewArticle { published: false, ..new_article("a2", "returns", "Draft") }).unwrap();
        let ids: Vec<String> = kb.documents().into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["a1"]);
        kb.set_published("a2", true).unwrap();
        assert_eq!(kb.documents().len(), 2);
    }

    #[test]
    fn most_viewed_and_category_listing_filter_by_locale() {
        let mut kb = kb();
        kb.add_article(new_article("a2", "returns", "Return label")).unwrap();
        kb.add_article(NewArticle { locale: KnowledgeLocale::Ru, ..new_article("a3", "returns", "Возврат") }).unwrap();
        kb.record_view("a2").unwrap();
        let ids = |v: Vec<&Article>| v.into_iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(kb.most_viewed(KnowledgeLocale::En, 10)), ["a2", "a1"]);
        assert_eq!(ids(kb.most_viewed(KnowledgeLocale::En, 1)), ["a2"]);
        assert_eq!(ids(kb.articles_in_category("after-sales", KnowledgeLocale::Ru)), ["a3"]);
        assert_eq!(ids(kb.articles_in_category("refunds", KnowledgeLocale::En)), ["a1"]);
    }

    #[test]
    fn adopting_files_unknown_categories_under_new_roots() {
        let stored = Article::from_new(new_article("old", "legacy", "Stored before categories"));
        let kb =
            KnowledgeBase::adopting(vec![KnowledgeCategory::new("returns", "Returns", None)], vec![stored]).unwrap();
        assert_eq!(kb.category("legacy"), Some(&KnowledgeCategory::new("legacy", "legacy", None)));
        assert_eq!(kb.categories().len(), 2);
        let mut kb = kb;
        assert_eq!(kb.ensure_category(" ").unwrap_err(), KnowledgeError::empty("article.category_id"));
        kb.ensure_category("returns").unwrap();
        assert_eq!(kb.categories().len(), 2, "a known category is not added again");
    }

    #[test]
    fn published_under_walks_the_sub_categories() {
        let mut kb = kb();
        kb.add_article(NewArticle { published: false, ..new_article("draft", "refunds", "Draft") }).unwrap();
        kb.add_article(NewArticle { locale: KnowledgeLocale::Ru, ..new_article("ru", "returns", "Возврат") }).unwrap();
        let ids = |v: Vec<&Article>| v.into_iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(kb.published_under("after-sales")), ["a1", "ru"]);
        assert_eq!(ids(kb.published_under("refunds")), ["a1"]);
        assert!(kb.published_under("nowhere").is_empty());
    }

    #[test]
    fn serde_round_trip_validates() {
        let mut kb = kb();
        kb.vote("a1", "alice", Vote::Helpful).unwrap();
        let json = serde_json::to_string(&kb).unwrap();
        assert_eq!(serde_json::from_str::<KnowledgeBase>(&json).unwrap(), kb);
        let bad = r#"{"categories":[{"id":"a","name":"A","parent_id":"b"},{"id":"b","name":"B","parent_id":"a"}]}"#;
        let err = serde_json::from_str::<KnowledgeBase>(bad).unwrap_err();
        assert!(err.to_string().contains("category.parent_id"), "{err}");
        let bad = r#"{"articles":[{"id":"x","locale":"en","category_id":"none","title":"T","body":""}]}"#;
        assert!(serde_json::from_str::<KnowledgeBase>(bad).unwrap_err().to_string().contains("article.category_id"));
    }
}
