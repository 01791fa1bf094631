//! `Order`: the placed order with its number, payment reference, state and history. `transition` is
//! the core's one transition function; a move the state machine refuses throws
//! `VITRINA_ILLEGAL_TRANSITION` and changes nothing.

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use vitrina_core::event::Actor;
use vitrina_core::order::{Order, OrderState};

use crate::convert::{from_js, from_name, name_of, time_arg, to_js};
use crate::errors::err;

/// A placed order.
#[napi(js_name = "Order")]
pub struct JsOrder {
    pub(crate) inner: Order,
}

#[napi]
impl JsOrder {
    /// An order from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, #[napi(ts_arg_type = "OrderData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        Ok(JsOrder { inner: from_js(&env, data, "order")? })
    }

    /// The order as plain data (amounts as decimal strings, times as RFC 3339).
    #[napi(js_name = "toJSON", ts_return_type = "OrderData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    /// The order's UUIDv7 id.
    #[napi(getter)]
    pub fn id(&self) -> &str {
        self.inner.id()
    }

    /// The order number, e.g. `VT-2026-000123`.
    #[napi(getter)]
    pub fn number(&self) -> &str {
        self.inner.number().as_str()
    }

    /// The structured creditor reference (ISO 11649) a bank transfer quotes, e.g. `RF18VT2026000123`.
    #[napi(getter)]
    pub fn payment_reference(&self) -> &str {
        self.inner.payment_reference().as_str()
    }

    /// The payment reference grouped in fours for printing (`RF18 VT20 2600 0123`).
    #[napi(getter)]
    pub fn payment_reference_formatted(&self) -> String {
        self.inner.payment_reference().formatted()
    }

    /// The state (`pending_payment`, `awaiting_transfer`, `paid`, `processing`...).
    #[napi(getter, ts_return_type = "OrderState")]
    pub fn state(&self) -> String {
        name_of(&self.inner.state())
    }

    /// The customer, `null` for a guest.
    #[napi(getter)]
    pub fn customer_id(&self) -> Option<&str> {
        self.inner.customer_id()
    }

    /// The grand total as money text (`"49.90 EUR"`).
    #[napi(getter)]
    pub fn total(&self) -> String {
        self.inner.total().to_string()
    }

    /// What was received so far, as money text.
    #[napi(getter)]
    pub fn paid(&self) -> String {
        self.inner.paid().to_string()
    }

    /// When the order was placed (RFC 3339).
    #[napi(getter)]
    pub fn placed_at(&self) -> String {
        self.inner.placed_at().to_string()
    }

    /// The contact details.
    #[napi(getter, ts_return_type = "ContactData")]
    pub fn contact<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.contact())
    }

    /// The delivery details.
    #[napi(getter, ts_return_type = "DeliveryData")]
    pub fn delivery<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.delivery())
    }

    /// The priced cart the shopper confirmed (the order's lines and totals).
    #[napi(getter, ts_return_type = "PricedCart")]
    pub fn priced<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.priced())
    }

    /// Every state change: `{at, actor, from, to, note}`, times as RFC 3339.
    #[napi(getter, ts_return_type = "OrderTransition[]")]
    pub fn history<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.history())
    }

    /// Whether the state machine allows moving to `to` now.
    #[napi]
    pub fn can_transition(&self, env: Env, #[napi(ts_arg_type = "OrderState")] to: String) -> napi::Result<bool> {
        let to: OrderState = from_name(&env, &to, "to")?;
        Ok(self.inner.check_transition(to).is_ok())
    }

    /// Moves the order to `to`, by `actor` (default: the system), with an optional `note`, at `at`
    /// (RFC 3339; default now). A refused move throws `VITRINA_ILLEGAL_TRANSITION` (or
    /// `VITRINA_PAYMENT_REQUIRED`) and changes nothing.
    #[napi]
    pub fn transition(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "OrderState")] to: String,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        note: Option<String>,
        at: Option<String>,
    ) -> napi::Result<()> {
        let to: OrderState = from_name(&env, &to, "to")?;
        let actor = match actor {
            Some(actor) if !matches!(actor.get_type()?, napi::ValueType::Null | napi::ValueType::Undefined) => {
                from_js::<Actor>(&env, actor, "actor")?
            }
            _ => Actor::System,
        };
        let at_time = time_arg(&env, at, "at")?;
        self.inner.transition(to, actor, at_time, note).map_err(|e| err(&env, e))
    }
}
