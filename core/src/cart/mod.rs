//! The shopper's cart: lines of variants and quantities, coupon codes, gift wrap or discreet
//! packaging, notes. It records what was chosen; the pricing engine says what it costs.

mod check;
mod edit;
mod editor;
mod error;
mod extras;
#[cfg(test)]
mod fixtures;
mod merge;
mod wishlist;

pub use check::{Shelf, MAX_GIFT_MESSAGE_CHARS, MAX_LINE_QUANTITY, MAX_NOTE_CHARS};
pub use editor::CartEditor;
pub use error::{CartError, WishListError};
pub use extras::{normalize_coupon_code, MAX_COUPONS, MAX_COUPON_CHARS};
pub use merge::{merge_guest_cart, MergeReport, MergedLine, SkippedLine};
pub use wishlist::{WishList, WishListItem, MAX_WISH_LIST_NAME_CHARS};

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// A cart: what the shopper intends to buy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cart {
    /// Unique id (UUIDv7 string).
    pub id: String,
    /// Currency the cart is priced in.
    pub currency: Currency,
    /// The customer owning it; `None` for a guest cart.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// The lines in the order they were added.
    #[serde(default)]
    pub lines: Vec<CartLine>,
    /// Coupon codes entered, normalised to upper case, each once.
    #[serde(default)]
    pub coupons: Vec<String>,
    /// Gift wrapping, with an optional message.
    #[serde(default)]
    pub gift_wrap: Option<GiftWrap>,
    /// Ship in plain packaging with no shop branding or content list outside.
    #[serde(default)]
    pub discreet_packaging: bool,
    /// A note from the shopper to the shop.
    #[serde(default)]
    pub note: Option<String>,
}

/// One line of a cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CartLine {
    /// Unique id within the cart.
    // Allocated once: a priced line shares it by reference count.
    pub id: Arc<str>,
    /// The variant ordered.
    pub variant_id: String,
    /// Units ordered, at least 1.
    pub quantity: u32,
    /// Unit price the shopper saw when adding the line; a different price now flags `price_changed`.
    #[serde(default)]
    pub unit_price_at_add: Option<Decimal>,
    /// A note on the line (engraving text, size remark).
    #[serde(default)]
    pub note: Option<String>,
}

/// Gift wrapping for the whole cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GiftWrap {
    /// A message printed on the gift card.
    #[serde(default)]
    pub message: Option<String>,
}
