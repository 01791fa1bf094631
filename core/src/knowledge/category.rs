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
