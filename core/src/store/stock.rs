//! Stock on hand and reservations: `reserve_stock` holds units for an order all-or-nothing (free
//! units, or beyond them as far as a backorder allows; stock on hand never goes negative), `release_stock` and `expire_reservations` give them back, `commit_stock`
//! takes them off the shelf.

use std::collections::BTreeMap;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::cart::Cart;
use crate::catalog::Variant;

/// Units of one variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockLine {
    /// The variant.
    pub variant_id: String,
    /// How many units (at least 1).
    pub quantity: u32,
    /// For a backorder or pre-order: the most units the variant's holds may exceed its stock on
    /// hand by, over all orders (`u64::MAX`: no limit). `None`: only free units are held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oversell: Option<u64>,
}

impl StockLine {
    /// A line of `quantity` units of `variant_id`, held from free units only.
    pub fn new(variant_id: &str, quantity: u32) -> StockLine {
        StockLine { variant_id: variant_id.to_owned(), quantity, oversell: None }
    }

    /// The line, allowed to sell beyond the stock as `variant` is (a backorder or pre-order).
    pub fn selling_as(mut self, variant: &Variant) -> StockLine {
        self.oversell = variant.oversell().map(|limit| limit.map_or(u64::MAX, u64::from));
        self
    }

    /// The units `cart` asks for, one line per variant.
    pub fn for_cart(cart: &Cart) -> Vec<StockLine> {
        cart.lines.iter().map(|line| StockLine::new(&line.variant_id, line.quantity)).collect()
    }

    /// Validates `lines` and merges repeats of a variant, sorted by variant id (so concurrent
    /// reservations lock rows in one order and cannot deadlock).
    pub fn merged(lines: &[StockLine]) -> Result<Vec<StockLine>, StoreError> {
        let mut totals: BTreeMap<&str, (u32, Option<u64>)> = BTreeMap::new();
        for (index, line) in lines.iter().enumerate() {
            if line.quantity == 0 || line.variant_id.trim().is_empty() {
                return Err(StoreError::invalid(
                    &format!("lines[{index}]"),
                    "needs a variant id and a quantity of 1 or more",
                ));
            }
            let (total, oversell) = totals.entry(&line.variant_id).or_default();
            *total =
                total.checked_add(line.quantity).ok_or_else(|| StoreError::invalid("lines", "quantity overflow"))?;
            *oversell = (*oversell).max(line.oversell);
        }
        Ok(totals
            .into_iter()
            .map(|(variant_id, (quantity, oversell))| StockLine { oversell, ..StockLine::new(variant_id, quantity) })
            .collect())
    }
}

/// The stock of one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockLevel {
    /// Units on the shelf.
    pub on_hand: u64,
    /// Units held by open reservations (more than `on_hand` only while backorders wait for stock).
    pub reserved: u64,
}

impl StockLevel {
    /// Units free to reserve.
    pub fn available(&self) -> u64 {
        self.on_hand.saturating_sub(self.reserved)
    }
}

/// The stock of a variant, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariantStock {
    /// The variant.
    pub variant_id: String,
    /// Its stock.
    pub level: StockLevel,
}

/// Stock levels and per-order reservations. Every method is atomic.
#[async_trait]
pub trait StockRepository: Send + Sync {
    /// Sets the units on hand of `variant_id`; [`StoreError::Invalid`] if fewer than are reserved.
    async fn set_stock(&self, variant_id: &str, on_hand: u64) -> Result<(), StoreError>;

    /// The stock of `variant_id`, if it is tracked.
    async fn stock_level(&self, variant_id: &str) -> Result<Option<StockLevel>, StoreError>;

    /// The tracked variants with `at_most` units or fewer free to sell, fewest first (then by
    /// variant id), at most `limit`.
    async fn low_stock(&self, at_most: u64, limit: u32) -> Result<Vec<VariantStock>, StoreError>;

    /// Reserves `lines` for `order_id` until `expires_at`: all lines or none
    /// ([`StoreError::InsufficientStock`]); a second reservation of the order is [`StoreError::Duplicate`].
    async fn reserve_stock(&self, order_id: &str, lines: &[StockLine], expires_at: Timestamp)
        -> Result<(), StoreError>;

    /// Gives back the units reserved for `order_id`; whether it held any.
    async fn release_stock(&self, order_id: &str) -> Result<bool, StoreError>;

    /// Releases every reservation expired at `now`; returns their order ids.
    async fn expire_reservations(&self, now: Timestamp) -> Result<Vec<String>, StoreError>;

    /// Takes the units reserved for `order_id` off the shelf (on hand and reserved both drop);
    /// [`StoreError::NotFound`] if it holds none.
    async fn commit_stock(&self, order_id: &str) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_sums_repeats_sorts_and_refuses_zero() {
        let lines = [StockLine::new("b", 2), StockLine::new("a", 1), StockLine::new("b", 3)];
        assert_eq!(StockLine::merged(&lines).unwrap(), [StockLine::new("a", 1), StockLine::new("b", 5)]);
        let zero = StockLine::merged(&[StockLine::new("a", 0)]).unwrap_err();
        assert!(matches!(zero, StoreError::Invalid { ref field, .. } if field == "lines[0]"));
        assert_eq!(StockLevel { on_hand: 5, reserved: 2 }.available(), 3);
    }
}
