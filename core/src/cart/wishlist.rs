//! Wish lists: named lists of variants a customer wants to remember, each item with the time it was
//! added and an optional note; an item moves to the cart only when the cart accepts it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::check::{fits, trimmed, MAX_NOTE_CHARS};
use super::{Cart, WishListError};
use crate::catalog::Catalog;

/// Most characters in a wish list's name.
pub const MAX_WISH_LIST_NAME_CHARS: usize = 100;

/// A customer's named list of wanted variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WishList {
    /// Unique id (UUIDv7 string).
    pub id: String,
    /// The customer owning it.
    pub customer_id: String,
    /// Display name, e.g. `Birthday`.
    pub name: String,
    /// The items in the order they were added, each variant once.
    #[serde(default)]
    pub items: Vec<WishListItem>,
}

/// One wanted variant on a wish list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WishListItem {
    /// The variant wanted.
    pub variant_id: String,
    /// When it was added (UTC).
    pub added_at: Timestamp,
    /// The customer's note on it.
    #[serde(default)]
    pub note: Option<String>,
}

impl WishList {
    /// An empty list with a new UUIDv7 id; the name is trimmed, must not be empty, and has at most
    /// [`MAX_WISH_LIST_NAME_CHARS`] characters.
    pub fn new(customer_id: impl Into<String>, name: &str) -> Result<WishList, WishListError> {
        let name = bounded(trimmed(Some(name.to_owned())), MAX_WISH_LIST_NAME_CHARS, "name")?
            .ok_or_else(|| WishListError::EmptyName { field: "name".to_owned() })?;
        Ok(WishList { id: Uuid::now_v7().to_string(), customer_id: customer_id.into(), name, items: Vec::new() })
    }

    /// Whether `variant_id` is on the list.
    pub fn contains(&self, variant_id: &str) -> bool {
        self.items.iter().any(|i| i.variant_id == variant_id)
    }

    /// Adds `variant_id` at `added_at` with an optional note (trimmed, at most
    /// [`MAX_NOTE_CHARS`](super::MAX_NOTE_CHARS) characters); refused for an unknown variant or one
    /// already on the list.
    pub fn add(
        &mut self,
        catalog: &Catalog,
        variant_id: &str,
        note: Option<String>,
        added_at: Timestamp,
    ) -> Result<(), WishListError> {
        if catalog.variant(variant_id).is_none() {
            return Err(WishListError::UnknownVariant {
                field: "variant_id".to_owned(),
                variant_id: variant_id.to_owned(),
            });
        }
        if self.contains(variant_id) {
            return Err(WishListError::AlreadyListed {
                field: "variant_id".to_owned(),
                variant_id: variant_id.to_owned(),
            });
        }
        let note = bounded(trimmed(note), MAX_NOTE_CHARS, "note")?;
        self.items.push(WishListItem { variant_id: variant_id.to_owned(), added_at, note });
        Ok(())
    }

    /// Removes `variant_id` from the list and returns its item.
    pub fn remove(&mut self, variant_id: &str) -> Result<WishListItem, WishListError> {
        let at = self.position(variant_id)?;
        Ok(self.items.remove(at))
    }

    /// Adds `quantity` units of the listed `variant_id` to `cart` (see [`Cart::add_line`]) and, only if
    /// that succeeds, removes it from the list; returns the cart line's id.
    pub fn move_to_cart(
        &mut self,
        variant_id: &str,
        cart: &mut Cart,
        catalog: &Catalog,
        quantity: u32,
    ) -> Result<String, WishListError> {
        let at = self.position(variant_id)?;
        let line_id = cart.add_line(catalog, variant_id, quantity, None)?;
        self.items.remove(at);
        Ok(line_id)
    }

    fn position(&self, variant_id: &str) -> Result<usize, WishListError> {
        self.items.iter().position(|i| i.variant_id == variant_id).ok_or_else(|| WishListError::NotListed {
            field: "variant_id".to_owned(),
            variant_id: variant_id.to_owned(),
        })
    }
}

/// `text` unless it is longer than `max` characters.
fn bounded(text: Option<String>, max: usize, field: &str) -> Result<Option<String>, WishListError> {
    if fits(text.as_deref(), max) {
        Ok(text)
    } else {
        Err(WishListError::TooLong { field: field.to_owned(), max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::fixtures::catalog;
    use crate::cart::{CartError, MAX_NOTE_CHARS};
    use crate::money::Currency;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).unwrap()
    }

    fn list() -> WishList {
        WishList::new("cust-1", "Birthday").unwrap()
    }

    #[test]
    fn new_list_is_empty_with_a_uuid_v7_id() {
        let list = WishList::new("cust-1", "  Birthday ").unwrap();
        assert_eq!(Uuid::parse_str(&list.id).unwrap().get_version_num(), 7);
        assert_eq!((list.customer_id.as_str(), list.name.as_str()), ("cust-1", "Birthday"));
        assert!(list.items.is_empty());
    }

    #[test]
    fn list_needs_a_short_name() {
        assert_eq!(WishList::new("c", "  "), Err(WishListError::EmptyName { field: "name".into() }));
        assert_eq!(
            WishList::new("c", &"n".repeat(MAX_WISH_LIST_NAME_CHARS + 1)),
            Err(WishListError::TooLong { field: "name".into(), max: MAX_WISH_LIST_NAME_CHARS })
        );
    }

    #[test]
    fn add_appends_items_in_order() {
        let (catalog, mut list) = (catalog(), list());
        list.add(&catalog, "mug", Some(" blue one ".into()), at(0)).unwrap();
        list.add(&catalog, "poster", None, at(5)).unwrap();
        assert_eq!(
            list.items[0],
            WishListItem { variant_id: "mug".into(), added_at: at(0), note: Some("blue one".into()) }
        );
        assert_eq!(list.items[1].variant_id, "poster");
        assert!(list.contains("poster") && !list.contains("tee-m"));
    }

    #[test]
    fn add_refuses_duplicates_and_unknown_variants() {
        let (catalog, mut list) = (catalog(), list());
        list.add(&catalog, "mug", None, at(0)).unwrap();
        assert_eq!(
            list.add(&catalog, "mug", None, at(1)),
            Err(WishListError::AlreadyListed { field: "variant_id".into(), variant_id: "mug".into() })
        );
        assert_eq!(
            list.add(&catalog, "nope", None, at(1)),
            Err(WishListError::UnknownVariant { field: "variant_id".into(), variant_id: "nope".into() })
        );
        assert_eq!(list.items.len(), 1);
    }

    #[test]
    fn add_refuses_a_long_note() {
        let (catalog, mut list) = (catalog(), list());
        assert_eq!(
            list.add(&catalog, "mug", Some("x".repeat(MAX_NOTE_CHARS + 1)), at(0)),
            Err(WishListError::TooLong { field: "note".into(), max: MAX_NOTE_CHARS })
        );
        assert!(list.items.is_empty());
    }

    #[test]
    fn remove_returns_the_item() {
        let (catalog, mut list) = (catalog(), list());
        list.add(&catalog, "mug", None, at(0)).unwrap();
        assert_eq!(list.remove("mug").unwrap().variant_id, "mug");
        assert!(list.items.is_empty());
        assert_eq!(
            list.remove("mug"),
            Err(WishListError::NotListed { field: "variant_id".into(), variant_id: "mug".into() })
        );
    }

    #[test]
    fn move_to_cart_adds_and_removes() {
        let (catalog, mut list) = (catalog(), list());
        let mut cart = Cart::new(Currency::EUR, Some("cust-1".into()));
        list.add(&catalog, "tee-m", None, at(0)).unwrap();
        let line_id = list.move_to_cart("tee-m", &mut cart, &catalog, 2).unwrap();
        assert_eq!(cart.line(&line_id).unwrap().quantity, 2);
        assert!(list.items.is_empty());
    }

    #[test]
    fn failed_move_keeps_the_item_and_the_cart() {
        let (catalog, mut list) = (catalog(), list());
        let mut cart = Cart::new(Currency::EUR, None);
        list.add(&catalog, "poster", None, at(0)).unwrap();
        let err = list.move_to_cart("poster", &mut cart, &catalog, 1).unwrap_err();
        assert!(matches!(err, WishListError::Cart(CartError::InsufficientStock { .. })));
        assert!(list.contains("poster"));
        assert!(cart.lines.is_empty());
    }

    #[test]
    fn move_of_an_unlisted_variant_is_refused() {
        let (catalog, mut list) = (catalog(), list());
        let mut cart = Cart::new(Currency::EUR, None);
        assert!(matches!(list.move_to_cart("mug", &mut cart, &catalog, 1), Err(WishListError::NotListed { .. })));
        assert!(cart.lines.is_empty());
    }

    #[test]
    fn list_round_trips_as_json() {
        let (catalog, mut list) = (catalog(), list());
        list.add(&catalog, "mug", Some("blue".into()), at(0)).unwrap();
        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(json["items"][0]["added_at"], "2023-11-14T22:13:20Z");
        assert_eq!(serde_json::from_value::<WishList>(json).unwrap(), list);
    }
}
