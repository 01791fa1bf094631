//! `Cart`: a mutable wrapper over the core's cart. Every edit runs in the core; a refused edit throws
//! (with `.code` and `.field`) and leaves the cart unchanged.

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use vitrina_core::cart::{Cart, GiftWrap};
use vitrina_core::money::Currency;

use crate::catalog::JsCatalog;
use crate::convert::{amount, count, from_js, to_js};
use crate::errors::{err, Failure, JsKind};

/// A shopper's cart: lines of variants, coupon codes, note, gift wrap and packaging choices.
#[napi(js_name = "Cart")]
pub struct JsCart {
    pub(crate) inner: Cart,
}

#[napi]
impl JsCart {
    /// An empty cart in `currency` (ISO code) with a new UUIDv7 id; no `customerId` for a guest.
    #[napi(constructor)]
    pub fn new(env: Env, currency: String, customer_id: Option<String>) -> napi::Result<Self> {
        let currency = Currency::parse(&currency, "currency").map_err(|e| err(&env, e))?;
        Ok(JsCart { inner: Cart::new(currency, customer_id) })
    }

    /// A cart from its JSON form (plain object or JSON text), as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, #[napi(ts_arg_type = "CartData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        Ok(JsCart { inner: from_js(&env, data, "cart")? })
    }

    /// The cart as a plain object (the `cart` of a pricing input); `JSON.stringify(cart)` uses it.
    #[napi(js_name = "toJSON", ts_return_type = "CartData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    #[napi(getter)]
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    #[napi(getter)]
    pub fn currency(&self) -> &'static str {
        self.inner.currency.code()
    }

    #[napi(getter)]
    pub fn customer_id(&self) -> Option<&str> {
        self.inner.customer_id.as_deref()
    }

    /// The lines, in the order they were added (snapshots: edit the cart, not the line).
    #[napi(getter, ts_return_type = "CartLine[]")]
    pub fn lines<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.lines)
    }

    #[napi(getter)]
    pub fn coupons(&self) -> Vec<String> {
        self.inner.coupons.clone()
    }

    #[napi(getter, ts_return_type = "GiftWrap | null")]
    pub fn gift_wrap<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.gift_wrap)
    }

    #[napi(getter)]
    pub fn discreet_packaging(&self) -> bool {
        self.inner.discreet_packaging
    }

    #[napi(getter)]
    pub fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// The line with this id, or null.
    #[napi(ts_return_type = "CartLine | null")]
    pub fn line<'env>(&self, env: &'env Env, line_id: String) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.line(&line_id))
    }

    /// Units of the variant across all lines.
    #[napi]
    pub fn quantity_of(&self, variant_id: String) -> f64 {
        // Lines hold at most u32::MAX units each; a cart's total stays far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let units = self.inner.quantity_of(&variant_id) as f64;
        units
    }

    /// Adds `quantity` (default 1) units of `variantId` and returns the id of the line holding them.
    /// `seenUnitPrice` is the unit price the shopper saw, as a decimal string; pricing flags
    /// `price_changed` when it differs.
    #[napi]
    pub fn add_line(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "Catalog")] catalog: &JsCatalog,
        variant_id: String,
        quantity: Option<f64>,
        #[napi(ts_arg_type = "string | null")] seen_unit_price: Option<Unknown<'_>>,
    ) -> napi::Result<String> {
        let quantity = count(&env, quantity.unwrap_or(1.0), "quantity")?;
        let seen = match seen_unit_price {
            Some(price) if !matches!(price.get_type()?, napi::ValueType::Undefined | napi::ValueType::Null) => {
                Some(amount(&env, price, "seenUnitPrice")?)
            }
            _ => None,
        };
        self.inner.add_line(&catalog.inner, &variant_id, quantity, seen).map_err(|e| err(&env, e))
    }

    /// Sets the quantity of a line; an increase is checked against stock like `addLine`.
    #[napi]
    pub fn update_quantity(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "Catalog")] catalog: &JsCatalog,
        line_id: String,
        quantity: f64,
    ) -> napi::Result<()> {
        let quantity = count(&env, quantity, "quantity")?;
        self.inner.update_quantity(&catalog.inner, &line_id, quantity).map_err(|e| err(&env, e))
    }

    /// Removes a line and returns it.
    #[napi(ts_return_type = "CartLine")]
    pub fn remove_line<'env>(&mut self, env: &'env Env, line_id: String) -> napi::Result<Unknown<'env>> {
        let line = self.inner.remove_line(&line_id).map_err(|e| err(env, e))?;
        to_js(env, &line)
    }

    /// Sets (or with null or blank text, clears) the note of a line.
    #[napi]
    pub fn set_line_note(&mut self, env: Env, line_id: String, note: Option<String>) -> napi::Result<()> {
        self.inner.set_line_note(&line_id, note).map_err(|e| err(&env, e))
    }

    /// Adds a coupon code (trimmed, upper-cased) and returns it as stored.
    #[napi]
    pub fn apply_coupon(&mut self, env: Env, code: String) -> napi::Result<String> {
        self.inner.apply_coupon(&code).map_err(|e| err(&env, e))
    }

    /// Removes a coupon code, matched case-insensitively.
    #[napi]
    pub fn remove_coupon(&mut self, env: Env, code: String) -> napi::Result<()> {
        self.inner.remove_coupon(&code).map_err(|e| err(&env, e))
    }

    /// Sets (or with null or blank text, clears) the shopper's note to the shop.
    #[napi]
    pub fn set_note(&mut self, env: Env, note: Option<String>) -> napi::Result<()> {
        self.inner.set_note(note).map_err(|e| err(&env, e))
    }

    /// Asks for gift wrap (default true) with an optional card message; `false` removes it.
    #[napi]
    pub fn set_gift_wrap(&mut self, env: Env, wrap: Option<bool>, message: Option<String>) -> napi::Result<()> {
        let wrap = wrap.unwrap_or(true);
        if !wrap && message.is_some() {
            let failure =
                Failure::binding(JsKind::Error, "VITRINA_INVALID_INPUT", "message", "a gift message needs wrap = true");
            return Err(err(&env, failure));
        }
        self.inner.set_gift_wrap(wrap.then_some(GiftWrap { message })).map_err(|e| err(&env, e))
    }

    /// Asks for (default) or stops asking for plain packaging with no branding outside.
    #[napi]
    pub fn set_discreet_packaging(&mut self, discreet: Option<bool>) {
        self.inner.set_discreet_packaging(discreet.unwrap_or(true));
    }

    /// An independent copy of the cart.
    #[napi]
    pub fn copy(&self) -> JsCart {
        JsCart { inner: self.inner.clone() }
    }

    /// Number of lines.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.lines.len()).unwrap_or(u32::MAX)
    }
}
