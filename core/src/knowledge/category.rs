//! Knowledge-base categories: a tree (each category has an optional parent), so an article filed
//! under `returns/refunds` is also found when browsing or filtering by `returns`.

use serde::{Deserialize, Serialize};

/// A node of the knowledge-base category tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KnowledgeCategory {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Parent category; `None` for a root.
    #[serde(default)]
    pub parent_id: Option<String>,
}

impl KnowledgeCategory {
    /// A category named `name` under `parent_id` (`None`: a root).
    pub fn new(id: impl Into<String>, name: impl Into<String>, parent_id: Option<&str>) -> Self {
        KnowledgeCategory { id: id.into(), name: name.into(), parent_id: parent_id.map(str::to_owned) }
    }
}

/// The knowledge base's category tree as the shop stores it: one document, so every change is
/// checked against the whole tree (no cycle, no unknown parent) and saved at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CategoryTree {
    /// Every category, in the order they were added.
    pub categories: Vec<KnowledgeCategory>,
}

impl CategoryTree {
    /// The id the one tree is stored under.
    pub const ID: &'static str = "knowledge_base";
}
