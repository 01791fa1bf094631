//! Stock locations: the warehouses, shops and pickup stocks that hold units, and which shipping
//! zones and sales channels each serves.

use serde::{Deserialize, Serialize};

use super::InventoryError;

/// The location of a shop that never named one; created by the store's migration.
pub const DEFAULT_LOCATION: &str = "default";

/// What kind of place holds the stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A warehouse shipping parcels.
    #[default]
    Warehouse,
    /// A bricks-and-mortar shop.
    Shop,
    /// Stock held at a courier's pickup point.
    CourierPickup,
}

/// A place that holds stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockLocation {
    /// Its id (letters, digits, `-` and `_`).
    pub id: String,
    /// Its name shown to staff.
    pub name: String,
    /// What kind of place it is.
    #[serde(default)]
    pub kind: LocationKind,
    /// The shipping zones it ships to (empty: every zone).
    #[serde(default)]
    pub zones: Vec<String>,
    /// The sales channels it sells through (empty: every channel).
    #[serde(default)]
    pub channels: Vec<String>,
    /// Whether its stock can be sold (an inactive location keeps its levels but sells nothing).
    #[serde(default = "active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

impl StockLocation {
    /// An active warehouse `id` named `name`, serving every zone and channel.
    pub fn new(id: &str, name: &str) -> StockLocation {
        StockLocation {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: LocationKind::Warehouse,
            zones: Vec::new(),
            channels: Vec::new(),
            active: true,
        }
    }

    /// Checks the id, the name and the zone and channel lists.
    pub fn validate(&self) -> Result<(), InventoryError> {
        let id_ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok(&self.id) {
            return Err(InventoryError::invalid("id", "needs letters, digits, `-` or `_`"));
        }
        if self.name.trim().is_empty() {
            return Err(InventoryError::invalid("name", "must not be empty"));
        }
        for (field, list) in [("zones", &self.zones), ("channels", &self.channels)] {
            if let Some(index) = list.iter().position(|s| s.trim().is_empty()) {
                return Err(InventoryError::invalid(&format!("{field}[{index}]"), "must not be empty"));
            }
        }
        Ok(())
    }

    /// Whether it sells through `channel` (`None`: any channel) now.
    pub fn sells_through(&self, channel: Option<&str>) -> bool {
        self.active && channel.is_none_or(|c| self.channels.is_empty() || self.channels.iter().any(|x| x == c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_serves_channels() {
        let mut shop = StockLocation::new("sofia-1", "Sofia shop");
        assert_eq!(shop.validate(), Ok(()));
        assert!(shop.sells_through(Some("web")));
        shop.channels = vec!["pos".into()];
        assert!(!shop.sells_through(Some("web")) && shop.sells_through(Some("pos")) && shop.sells_through(None));
        shop.active = false;
        assert!(!shop.sells_through(None));
        shop.channels.push(" ".into());
        assert_eq!(shop.validate(), Err(InventoryError::invalid("channels[1]", "must not be empty")));
        assert!(
            matches!(StockLocation::new("a b", "x").validate(), Err(InventoryError::Invalid { field, .. }) if field == "id")
        );
        assert!(
            matches!(StockLocation::new("a", " ").validate(), Err(InventoryError::Invalid { field, .. }) if field == "name")
        );
    }
}
