//! FAQ articles: one article per locale, filed in a category, with tags, a published flag, a view
//! counter and helpful / not-helpful votes (one per voter; a voter may change their vote).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::locale::KnowledgeLocale;

/// A voter's opinion of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    /// The article answered the question.
    Helpful,
    /// It did not.
    NotHelpful,
}

/// Vote counts of an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VoteTally {
    /// Voters who found the article helpful.
    pub helpful: u64,
    /// Voters who did not.
    pub not_helpful: u64,
}

/// What an author supplies to create (or replace the content of) an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewArticle {
    /// Unique id (a UUIDv7 string or the shop's own stable id).
    pub id: String,
    /// Language of title and body.
    pub locale: KnowledgeLocale,
    /// The category the article is filed in.
    pub category_id: String,
    /// Question or headline.
    pub title: String,
    /// The answer, plain text or Markdown.
    pub body: String,
    /// Free keywords, searched and usable as a facet (`tag`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whether shoppers see (and search finds) the article.
    #[serde(default)]
    pub published: bool,
}

/// An FAQ article as stored in the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Article {
    /// Unique id.
    pub id: String,
    /// Language of title and body.
    pub locale: KnowledgeLocale,
    /// The category the article is filed in.
    pub category_id: String,
    /// Question or headline.
    pub title: String,
    /// The answer.
    pub body: String,
    /// Free keywords.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whether shoppers see (and search finds) the article.
    #[serde(default)]
    pub published: bool,
    /// How many times the article was opened.
    #[serde(default)]
    pub view_count: u64,
    /// One vote per voter id (customer id or anonymous session id).
    #[serde(default)]
    pub votes: BTreeMap<String, Vote>,
}

impl Article {
    pub(crate) fn from_new(new: NewArticle) -> Article {
        Article {
            id: new.id,
            locale: new.locale,
            category_id: new.category_id,
            title: new.title,
            body: new.body,
            tags: new.tags,
            published: new.published,
            view_count: 0,
            votes: BTreeMap::new(),
        }
    }

    /// Counts one view; returns the new view count.
    pub fn record_view(&mut self) -> u64 {
        self.view_count = self.view_count.saturating_add(1);
        self.view_count
    }

    /// Records `voter_id`'s vote, replacing an earlier vote of the same voter; returns the new tally.
    pub fn vote(&mut self, voter_id: &str, vote: Vote) -> VoteTally {
        self.votes.insert(voter_id.to_owned(), vote);
        self.tally()
    }

    /// Withdraws `voter_id`'s vote, if any; returns the new tally.
    pub fn withdraw_vote(&mut self, voter_id: &str) -> VoteTally {
        self.votes.remove(voter_id);
        self.tally()
    }

    /// The vote counts.
    pub fn tally(&self) -> VoteTally {
        let helpful = self.votes.values().filter(|v| **v == Vote::Helpful).count() as u64;
        VoteTally { helpful, not_helpful: self.votes.len() as u64 - helpful }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::from_new(NewArticle {
            id: "a1".into(),
            locale: KnowledgeLocale::En,
            category_id: "delivery".into(),
            title: "How long does delivery take?".into(),
            body: "Two to five working days.".into(),
            tags: vec![],
            published: true,
        })
    }

    #[test]
    fn one_vote_per_voter_and_a_vote_can_change() {
        let mut a = article();
        assert_eq!(a.vote("alice", Vote::Helpful), VoteTally { helpful: 1, not_helpful: 0 });
        assert_eq!(a.vote("alice", Vote::Helpful), VoteTally { helpful: 1, not_helpful: 0 });
        assert_eq!(a.vote("bob", Vote::NotHelpful), VoteTally { helpful: 1, not_helpful: 1 });
        assert_eq!(a.vote("alice", Vote::NotHelpful), VoteTally { helpful: 0, not_helpful: 2 });
        assert_eq!(a.withdraw_vote("bob"), VoteTally { helpful: 0, not_helpful: 1 });
        assert_eq!(a.withdraw_vote("nobody"), VoteTally { helpful: 0, not_helpful: 1 });
    }

    #[test]
    fn serde_round_trips_with_votes() {
        let mut a = article();
        a.vote("alice", Vote::NotHelpful);
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"alice\":\"not_helpful\""), "{json}");
        assert_eq!(serde_json::from_str::<Article>(&json).unwrap(), a);
    }
}
