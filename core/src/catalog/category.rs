//! The category tree: categories with an optional parent, so a product listed in `t-shirts` is also
//! found under `clothing`, and promotions on a category reach its sub-categories.

use serde::{Deserialize, Serialize};

/// A node of the category tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Category {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Parent category; `None` for a root.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Description shown on the category page.
    #[serde(default)]
    pub description: String,
}
