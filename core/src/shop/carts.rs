//! Cart use cases: create a cart, change its lines, coupons and packaging, and price it for the
//! shopper; every change is stored at once, so the cart survives the session.

use crate::cart::{Cart, GiftWrap};
use crate::catalog::Catalog;
use crate::money::Currency;
use crate::pricing::PricedCart;

use super::checkout::{pricing_context, ContextChoice};
use super::shelf::LiveShelf;
use super::{Shop, ShopError};

/// Carts. Get it from [`Shop::carts`].
#[derive(Debug, Clone, Copy)]
pub struct Carts<'a> {
    pub(super) shop: &'a Shop,
}

impl Carts<'_> {
    /// A new empty cart in `currency`, for `customer_id` (`None`: a guest), stored.
    pub async fn create(&self, currency: Currency, customer_id: Option<&str>) -> Result<Cart, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let mut cart = Cart::new(currency, customer_id.map(str::to_owned));
            tx.save(&mut cart)?;
            Ok(cart)
        })
    }

    /// The cart `cart_id`.
    pub async fn get(&self, cart_id: &str) -> Result<Cart, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Cart>(cart_id).await)
    }

    /// Adds `quantity` of `variant_id` (merged into its line if there is one).
    /// Refused beyond the units live stock can supply (see [`VariantAvailability`](super::VariantAvailability)).
    pub async fn add_line(&self, cart_id: &str, variant_id: &str, quantity: u32) -> Result<Cart, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut cart = tx.get::<Cart>(cart_id).await?;
            let shelf = LiveShelf::read(tx.store.as_ref(), [variant_id]).await?;
            cart.add_line_from(tx.pricer()?.catalog(), &shelf, variant_id, quantity, None)?;
            tx.save(&mut cart)?;
            Ok(cart)
        })
    }

    /// Sets the quantity of line `line_id` (0 removes it).
    /// An increase is checked against live stock, as [`Carts::add_line`] is.
    pub async fn set_quantity(&self, cart_id: &str, line_id: &str, quantity: u32) -> Result<Cart, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut cart = tx.get::<Cart>(cart_id).await?;
            let variant = cart.line(line_id).map(|line| line.variant_id.clone());
            let shelf = LiveShelf::read(tx.store.as_ref(), variant.as_deref()).await?;
            cart.update_quantity_from(tx.pricer()?.catalog(), &shelf, line_id, quantity)?;
            tx.save(&mut cart)?;
            Ok(cart)
        })
    }

    /// Removes line `line_id`.
    pub async fn remove_line(&self, cart_id: &str, line_id: &str) -> Result<Cart, ShopError> {
        self.edit(cart_id, |cart, _| cart.remove_line(line_id).map(drop)).await
    }

    /// Applies coupon `code` (checked when the cart is priced).
    pub async fn apply_coupon(&self, cart_id: &str, code: &str) -> Result<Cart, ShopError> {
        self.edit(cart_id, |cart, _| cart.apply_coupon(code).map(drop)).await
    }

    /// Removes coupon `code`.
    pub async fn remove_coupon(&self, cart_id: &str, code: &str) -> Result<Cart, ShopError> {
        self.edit(cart_id, |cart, _| cart.remove_coupon(code)).await
    }

    /// Gift-wraps the order with `message` on the card (`None` for no card).
    pub async fn gift_wrap(&self, cart_id: &str, message: Option<&str>) -> Result<Cart, ShopError> {
        let wrap = GiftWrap { message: message.map(str::to_owned) };
        self.edit(cart_id, |cart, _| cart.set_gift_wrap(Some(wrap.clone()))).await
    }

    /// Packs the order discreetly (no shop name or contents on the parcel), or not.
    pub async fn discreet_packaging(&self, cart_id: &str, discreet: bool) -> Result<Cart, ShopError> {
        self.edit(cart_id, |cart, _| {
            cart.set_discreet_packaging(discreet);
            Ok(())
        })
        .await
    }

    /// Prices the cart for its shopper (groups, first order, coupon uses) in `region`, with the
    /// shipping method `shipping_method_id` if one is chosen: what the cart page shows.
    pub async fn price(
        &self,
        cart_id: &str,
        region: Option<&str>,
        shipping_method_id: Option<&str>,
    ) -> Result<PricedCart, ShopError> {
        command!(self.shop, retry = false, |tx| {
            let cart = tx.get::<Cart>(cart_id).await?;
            let choice = ContextChoice { region, shipping_method_id };
            let context = pricing_context(tx, &cart, choice).await?;
            Ok(tx.pricer()?.price(&cart, &context)?)
        })
    }

    /// Loads the cart, runs `change` against the published catalog, stores it; retried on a race.
    async fn edit(
        &self,
        cart_id: &str,
        change: impl Fn(&mut Cart, &Catalog) -> Result<(), crate::cart::CartError>,
    ) -> Result<Cart, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut cart = tx.get::<Cart>(cart_id).await?;
            change(&mut cart, tx.pricer()?.catalog())?;
            tx.save(&mut cart)?;
            Ok(cart)
        })
    }
}
