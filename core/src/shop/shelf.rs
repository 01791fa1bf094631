//! The shop's live stock as carts and shoppers see it: the free units of a variant summed over the
//! active locations (below zero once backorders hold more than is on hand), and what that allows.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::cart::Shelf;
use crate::catalog::{Availability, Variant};
use crate::store::Store;

use super::ShopError;

/// What a shopper is told about one variant now, from live stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariantAvailability {
    /// The variant.
    pub variant_id: String,
    /// In stock, low stock, backorder, pre-order or out of stock.
    pub availability: Availability,
    /// Units that can still be ordered (free ones, plus what a backorder or pre-order may still
    /// sell); `None`: no limit.
    pub orderable: Option<u64>,
    /// When more stock, or a pre-order's release, is expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_on: Option<Date>,
}

/// The free units of some variants, read from the store; a variant the store keeps no level for is
/// judged by the catalog's own figure.
#[derive(Debug, Default)]
pub(crate) struct LiveShelf {
    free: HashMap<String, i64>,
}

impl LiveShelf {
    /// Reads the free units of `variant_ids` at the active locations.
    pub(crate) async fn read<'a>(
        store: &dyn Store,
        variant_ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<LiveShelf, ShopError> {
        let active: Vec<String> =
            store.stock_locations().await?.into_iter().filter(|l| l.active).map(|l| l.id).collect();
        let mut free = HashMap::new();
        for variant_id in variant_ids {
            if free.contains_key(variant_id) {
                continue;
            }
            let levels = store.levels_of(variant_id).await?;
            if levels.is_empty() {
                continue;
            }
            let units = levels
                .iter()
                .filter(|level| active.contains(&level.location_id))
                .map(|level| signed(level.on_hand) - signed(level.reserved))
                .sum();
            free.insert(variant_id.to_owned(), units);
        }
        Ok(LiveShelf { free })
    }

    /// The free units of `variant`: live when the store keeps its stock, else the catalog's figure
    /// (`None`: not tracked).
    fn free(&self, variant: &Variant) -> Option<i64> {
        self.free.get(&variant.id).copied().or(variant.stock.map(i64::from))
    }

    /// What the shopper is told about `variant`, `low_stock_at` or fewer free units being low.
    pub(crate) fn availability(&self, variant: &Variant, low_stock_at: u64) -> VariantAvailability {
        let free = self.free(variant);
        let threshold = u32::try_from(low_stock_at).unwrap_or(u32::MAX);
        VariantAvailability {
            variant_id: variant.id.clone(),
            availability: variant.availability_with(free, threshold),
            orderable: variant.orderable_with(free),
            expected_on: variant.expected_on,
        }
    }
}

impl Shelf for LiveShelf {
    fn orderable(&self, variant: &Variant) -> Option<u64> {
        variant.orderable_with(self.free(variant))
    }
}

fn signed(units: u64) -> i64 {
    i64::try_from(units).unwrap_or(i64::MAX)
}
