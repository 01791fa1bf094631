//! `Cart`: a thread-safe mutable object over the core's cart. Every edit runs in the core; a refused
//! edit throws `VitrinaException.Cart` and changes nothing.

use std::sync::{Arc, Mutex, MutexGuard};

use rust_decimal::Decimal;
use vitrina_core::cart as core;
use vitrina_core::money::Currency;

use crate::catalog::Catalog;
use crate::errors::{undecodable, VitrinaError};

/// A shopper's cart: lines of variants, coupon codes and a note.
#[derive(uniffi::Object)]
pub struct Cart {
    inner: Mutex<core::Cart>,
}

impl Cart {
    /// The cart, locked (a panic in another thread cannot leave a half-made edit: the core builds
    /// every edit before applying it).
    pub(crate) fn lock(&self) -> MutexGuard<'_, core::Cart> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wrap(cart: core::Cart) -> Arc<Cart> {
        Arc::new(Cart { inner: Mutex::new(cart) })
    }
}

#[uniffi::export]
impl Cart {
    /// An empty cart in `currency` (ISO code) with a new UUIDv7 id; `customer_id` null for a guest.
    #[uniffi::constructor(default(customer_id = None))]
    pub fn new(currency: String, customer_id: Option<String>) -> Result<Arc<Cart>, VitrinaError> {
        let currency = Currency::parse(&currency, "currency")?;
        Ok(Cart::wrap(core::Cart::new(currency, customer_id)))
    }

    /// A cart from its JSON form.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Cart>, VitrinaError> {
        let cart: core::Cart = serde_json::from_str(&json).map_err(|e| undecodable("cart", e))?;
        Ok(Cart::wrap(cart))
    }

    /// The cart as compact JSON (the `cart` of a pricing input).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_default()
    }

    /// An independent copy of the cart.
    pub fn copy(&self) -> Arc<Cart> {
        Cart::wrap(self.lock().clone())
    }

    /// The cart's id.
    pub fn id(&self) -> String {
        self.lock().id.clone()
    }

    /// ISO code of the cart's currency.
    pub fn currency(&self) -> String {
        self.lock().currency.code().to_owned()
    }

    /// The customer, null for a guest.
    pub fn customer_id(&self) -> Option<String> {
        self.lock().customer_id.clone()
    }

    /// The lines, in the order added.
    pub fn lines(&self) -> Vec<CartLine> {
        self.lock().lines.iter().map(CartLine::from).collect()
    }

    /// The coupon codes, normalised, in the order applied.
    pub fn coupons(&self) -> Vec<String> {
        self.lock().coupons.clone()
    }

    /// The shopper's note to the shop.
    pub fn note(&self) -> Option<String> {
        self.lock().note.clone()
    }

    /// The line with this id, or null.
    pub fn line(&self, line_id: String) -> Option<CartLine> {
        self.lock().line(&line_id).map(CartLine::from)
    }

    /// Units of the variant across all lines.
    pub fn quantity_of(&self, variant_id: String) -> u64 {
        self.lock().quantity_of(&variant_id)
    }

    /// Adds `quantity` units of `variant_id` and returns the id of the line holding them (an existing
    /// note-less line of the variant, or a new one). `seen_unit_price` is the unit price the shopper
    /// saw; pricing flags `price_changed` when it differs.
    #[uniffi::method(default(quantity = 1, seen_unit_price = None))]
    pub fn add_line(
        &self,
        catalog: Arc<Catalog>,
        variant_id: String,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
    ) -> Result<String, VitrinaError> {
        Ok(self.lock().add_line(&catalog.inner, &variant_id, quantity, seen_unit_price)?)
    }

    /// Sets the quantity of a line; an increase is checked against stock like `add_line`.
    pub fn update_quantity(&self, catalog: Arc<Catalog>, line_id: String, quantity: u32) -> Result<(), VitrinaError> {
        Ok(self.lock().update_quantity(&catalog.inner, &line_id, quantity)?)
    }

    /// Removes a line and returns it.
    pub fn remove_line(&self, line_id: String) -> Result<CartLine, VitrinaError> {
        Ok(CartLine::from(&self.lock().remove_line(&line_id)?))
    }

    /// Sets (or with null or blank text, clears) the note of a line.
    pub fn set_line_note(&self, line_id: String, note: Option<String>) -> Result<(), VitrinaError> {
        Ok(self.lock().set_line_note(&line_id, note)?)
    }

    /// Adds a coupon code (trimmed, upper-cased) and returns it as stored.
    pub fn apply_coupon(&self, code: String) -> Result<String, VitrinaError> {
        Ok(self.lock().apply_coupon(&code)?)
    }

    /// Removes a coupon code, matched case-insensitively.
    pub fn remove_coupon(&self, code: String) -> Result<(), VitrinaError> {
        Ok(self.lock().remove_coupon(&code)?)
    }

    /// Sets (or with null or blank text, clears) the shopper's note to the shop.
    pub fn set_note(&self, note: Option<String>) -> Result<(), VitrinaError> {
        Ok(self.lock().set_note(note)?)
    }

    /// Asks for gift wrap, with `message` (trimmed, blank is none) on the card; priced from the
    /// store's packaging options.
    #[uniffi::method(default(message = None))]
    pub fn set_gift_wrap(&self, message: Option<String>) -> Result<(), VitrinaError> {
        Ok(self.lock().set_gift_wrap(Some(core::GiftWrap { message }))?)
    }

    /// No gift wrap after all.
    pub fn remove_gift_wrap(&self) -> Result<(), VitrinaError> {
        Ok(self.lock().set_gift_wrap(None)?)
    }

    /// Whether the cart asks for gift wrap.
    pub fn is_gift_wrapped(&self) -> bool {
        self.lock().gift_wrap.is_some()
    }

    /// The message for the gift card, when gift wrap has one.
    pub fn gift_message(&self) -> Option<String> {
        self.lock().gift_wrap.as_ref().and_then(|g| g.message.clone())
    }

    /// Asks for (or no longer asks for) a plain box with no shop branding outside.
    pub fn set_discreet_packaging(&self, discreet: bool) {
        self.lock().set_discreet_packaging(discreet);
    }

    /// Whether the cart asks for discreet packaging.
    pub fn discreet_packaging(&self) -> bool {
        self.lock().discreet_packaging
    }
}

/// One line of a cart (a snapshot: edit the cart, not the line).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CartLine {
    /// The line's id.
    pub id: String,
    /// The variant.
    pub variant_id: String,
    /// Units.
    pub quantity: u32,
    /// The unit price the shopper saw when adding it.
    pub unit_price_at_add: Option<Decimal>,
    /// The shopper's note on the line (engraving text...).
    pub note: Option<String>,
}

impl From<&core::CartLine> for CartLine {
    fn from(l: &core::CartLine) -> Self {
        CartLine {
            id: l.id.to_string(),
            variant_id: l.variant_id.clone(),
            quantity: l.quantity,
            unit_price_at_add: l.unit_price_at_add,
            note: l.note.clone(),
        }
    }
}
