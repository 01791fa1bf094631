//! `CheckoutSession`: the two-step checkout of the core (contact first, then delivery and payment
//! method), and `placeOrder` with the price lock: when prices changed since the shopper confirmed, it
//! throws `VITRINA_PRICES_CHANGED` with the changed lines and the cart as priced now.

use napi::bindgen_prelude::{Either, JsObjectValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use vitrina_core::checkout::{CheckoutError, CheckoutSession};
use vitrina_core::order::OrderNumber;
use vitrina_core::order::{ContactDetails, DeliveryDetails};
use vitrina_core::pricing::PricedCart;

use crate::cart::JsCart;
use crate::convert::{from_js, name_of, time_arg, to_js};
use crate::errors::{err, Failure};
use crate::order::JsOrder;
use crate::pricing::{context_from_js, JsPricer, JsPricingContext};

/// The error of a refused checkout step; `PricesChanged` also carries `changed`, `confirmedTotal`,
/// `currentTotal` and `current` (the priced cart now).
fn checkout_err(env: &Env, e: CheckoutError) -> napi::Error {
    let CheckoutError::PricesChanged { changed, confirmed_total, current_total, current } = &e else {
        return err(env, e);
    };
    let (changed, current) = (to_js(env, changed), to_js(env, current.as_ref()));
    let (confirmed_total, current_total) = (confirmed_total.to_string(), current_total.to_string());
    Failure::from(e.clone()).into_napi_with(env, |object: &mut Object<'_>| {
        object.set_named_property("changed", changed?)?;
        object.set_named_property("confirmedTotal", confirmed_total)?;
        object.set_named_property("currentTotal", current_total)?;
        object.set_named_property("current", current?)?;
        Ok(())
    })
}

/// A shopper's checkout of one cart: contact details, then delivery, then the order.
#[napi(js_name = "CheckoutSession")]
pub struct JsCheckoutSession {
    pub(crate) inner: CheckoutSession,
}

#[napi]
impl JsCheckoutSession {
    /// Step 1: starts checking out `cart` (not empty) with the shopper's contact details, at `at`
    /// (RFC 3339; default now).
    #[napi(factory)]
    pub fn start(
        env: Env,
        cart: &JsCart,
        #[napi(ts_arg_type = "ContactData | string")] contact: Unknown<'_>,
        at: Option<String>,
    ) -> napi::Result<Self> {
        let contact: ContactDetails = from_js(&env, contact, "contact")?;
        let at_time = time_arg(&env, at, "at")?;
        let inner = CheckoutSession::start(&cart.inner, contact, at_time).map_err(|e| checkout_err(&env, e))?;
        Ok(JsCheckoutSession { inner })
    }

    /// A session from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(
        env: Env,
        #[napi(ts_arg_type = "CheckoutSessionData | string")] data: Unknown<'_>,
    ) -> napi::Result<Self> {
        Ok(JsCheckoutSession { inner: from_js(&env, data, "session")? })
    }

    /// The session as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "CheckoutSessionData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    /// The session's UUIDv7 id.
    #[napi(getter)]
    pub fn id(&self) -> &str {
        self.inner.id()
    }

    /// The cart being checked out.
    #[napi(getter)]
    pub fn cart_id(&self) -> &str {
        self.inner.cart_id()
    }

    /// The signed-in customer, `null` for a guest.
    #[napi(getter)]
    pub fn customer_id(&self) -> Option<&str> {
        self.inner.customer_id()
    }

    /// `contact_recorded`, `ready_to_place` or `placed`.
    #[napi(getter, ts_return_type = "CheckoutStep")]
    pub fn step(&self) -> String {
        name_of(&self.inner.step())
    }

    /// The contact details, validated and normalised.
    #[napi(getter, ts_return_type = "ContactData")]
    pub fn contact<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.contact())
    }

    /// The delivery details, `null` until set.
    #[napi(getter, ts_return_type = "DeliveryData | null")]
    pub fn delivery<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.delivery())
    }

    /// The placed order's id, `null` until placed.
    #[napi(getter)]
    pub fn order_id(&self) -> Option<&str> {
        self.inner.order_id()
    }

    /// When the session started (RFC 3339).
    #[napi(getter)]
    pub fn started_at(&self) -> String {
        self.inner.started_at().to_string()
    }

    /// The shopper's last step (RFC 3339).
    #[napi(getter)]
    pub fn last_activity_at(&self) -> String {
        self.inner.last_activity_at().to_string()
    }

    /// Replaces the contact details (until the order is placed).
    #[napi]
    pub fn update_contact(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "ContactData | string")] contact: Unknown<'_>,
        at: Option<String>,
    ) -> napi::Result<()> {
        let contact: ContactDetails = from_js(&env, contact, "contact")?;
        let at_time = time_arg(&env, at, "at")?;
        self.inner.update_contact(contact, at_time).map_err(|e| checkout_err(&env, e))
    }

    /// Step 2: the delivery address, shipping method and payment method.
    #[napi]
    pub fn set_delivery(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "DeliveryData | string")] delivery: Unknown<'_>,
        at: Option<String>,
    ) -> napi::Result<()> {
        let delivery: DeliveryDetails = from_js(&env, delivery, "delivery")?;
        let at_time = time_arg(&env, at, "at")?;
        self.inner.set_delivery(delivery, at_time).map_err(|e| checkout_err(&env, e))
    }

    /// Places the order under `orderNumber` (`VT-2026-000123`). `confirmed` is the priced cart the
    /// shopper confirmed (as `pricer.price` gave it); the cart is priced again with the chosen shipping
    /// method, and if any unit price or the total differs this throws `VITRINA_PRICES_CHANGED` with
    /// `changed` and `current`: show `current`, and once confirmed place again passing it.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn place_order(
        &mut self,
        env: Env,
        pricer: &JsPricer,
        cart: &JsCart,
        #[napi(ts_arg_type = "PricingContext | PricingContextData | string")] context: Either<
            &JsPricingContext,
            Unknown<'_>,
        >,
        #[napi(ts_arg_type = "PricedCart | string")] confirmed: Unknown<'_>,
        order_number: String,
        at: Option<String>,
    ) -> napi::Result<JsOrder> {
        let context = match context {
            Either::A(context) => context.inner.clone(),
            Either::B(data) => context_from_js(&env, data)?,
        };
        let confirmed: PricedCart = from_js(&env, confirmed, "confirmed")?;
        let number = OrderNumber::parse(&order_number).map_err(|e| err(&env, e))?;
        let at_time = time_arg(&env, at, "at")?;
        let order = self
            .inner
            .place_order(&pricer.inner, &cart.inner, &context, &confirmed, number, at_time)
            .map_err(|e| checkout_err(&env, e))?;
        Ok(JsOrder { inner: order })
    }
}
