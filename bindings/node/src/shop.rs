//! `Shop`: the whole engine opened by store URL, with plug-ins written in JavaScript, every use case
//! of the core reached by name with JSON (the generated `shop.js` gives each one a typed method).
//!
//! A failure rejects with an error carrying the core's own snake_case `code`, its `field` and
//! `domain`, and `outcomeUnknown` / `conflict` (see `errors::call_error`): one failure, one code, in
//! every language.

use std::mem::ManuallyDrop;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use napi::bindgen_prelude::{ClassInstance, Either, Either3, Either4, JsObjectValue, Object, PromiseRaw, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;
use tokio::runtime::Handle;
use vitrina_bridge::{CallError, OpenedShop, Plugins};
use vitrina_core::notify::Mailer;
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::PaymentGateway;
use vitrina_core::shipping::Courier;
use vitrina_core::shop::ShopError;

use crate::built_in::{JsOwnFleetCourier, JsTestCourier};
use crate::courier::{JsCourier, JsEcontCourier};
use crate::errors::call_error;
use crate::gateway::JsGateway;
use crate::knowledge::JsSearchIndex;
use crate::notify::{JsMailer, JsSmtpMailer};
use crate::payment::{JsStripeGateway, JsTestGateway};

/// A shop over its store, with its plug-ins and its clock (the system's, or one set by hand): every
/// use case by name with JSON text. `vitrina/shop` wraps it with a typed method per use case.
#[napi(js_name = "Shop")]
pub struct JsShop {
    inner: ManuallyDrop<OpenedShop>,
    runtime: Handle,
}

// Plug-ins may hold connection pools that spawn tasks when dropped, so the shop is dropped inside
// napi's tokio runtime (the handle is kept for the drop, which may come from the garbage collector).
impl Drop for JsShop {
    fn drop(&mut self) {
        let _inside = self.runtime.enter();
        // SAFETY: `inner` is dropped once, here, and never used again.
        unsafe { ManuallyDrop::drop(&mut self.inner) };
    }
}

#[napi]
impl JsShop {
    /// Opens the store at `url` (`sqlite:shop.db`, `sqlite::memory:`, `postgres://…`) and a shop
    /// over it with `plugins`: payment gateways by payment method, couriers, a mailer, a search
    /// index, and `clockAt` (RFC 3339) to run on a clock set by hand instead of the system's.
    #[napi(ts_return_type = "Promise<Shop>")]
    pub fn open<'env>(
        env: &'env Env,
        url: String,
        #[napi(ts_arg_type = "import('./runtime').ShopPlugins | null")] plugins: Option<Object<'_>>,
    ) -> napi::Result<PromiseRaw<'env, JsShop>> {
        let (plugins, clock_at) = match plugins {
            Some(object) => read_plugins(env, &object)?,
            None => (Plugins::new(), None),
        };
        let work = async move {
            let opened = OpenedShop::open(&url, plugins, clock_at).await;
            Ok(opened.map(|shop| (shop, Handle::current())))
        };
        env.spawn_future_with_callback(work, |env, opened| match opened {
            Ok((shop, runtime)) => Ok(JsShop { inner: ManuallyDrop::new(shop), runtime }),
            Err(e) => Err(call_error(env, e)),
        })
    }

    /// Runs the use case `name` (`carts.add_line`) with `argsJson`, a JSON object of its named
    /// arguments (`{"cart_id": "…", "variant_id": "…", "quantity": 2}`); resolves to its result as
    /// JSON text (`null` for none).
    #[napi(ts_return_type = "Promise<string>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        name: String,
        args_json: String,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let shop = OpenedShop::clone(&self.inner);
        let work = async move { Ok(shop.call_json(&name, &args_json).await) };
        env.spawn_future_with_callback(work, |env, result| result.map_err(|e| call_error(env, e)))
    }

    /// The shop's time now (RFC 3339, UTC).
    #[napi]
    pub fn now(&self) -> String {
        self.inner.now().to_string()
    }

    /// Sets the hand-set clock to `at` (RFC 3339); `invalid` naming `clock` on the system clock.
    #[napi]
    pub fn set_time(&self, env: Env, at: String) -> napi::Result<()> {
        let at = timestamp(&at, "at").map_err(|e| call_error(&env, e))?;
        self.inner.set_time(at).map_err(|e| call_error(&env, e))
    }

    /// Moves the hand-set clock forward by `by`: seconds, or an ISO 8601 duration (`PT2H`).
    #[napi]
    pub fn advance(&self, env: Env, by: Either<f64, String>) -> napi::Result<()> {
        let by = duration(by).map_err(|e| call_error(&env, e))?;
        self.inner.advance(by).map_err(|e| call_error(&env, e))
    }
}

/// An `invalid` failure naming `field`.
fn invalid(field: &str, reason: impl std::fmt::Display) -> CallError {
    ShopError::invalid(field, reason.to_string()).into()
}

pub(crate) fn timestamp(text: &str, field: &str) -> Result<Timestamp, CallError> {
    text.trim().parse().map_err(|e| invalid(field, format!("expected an RFC 3339 time: {e}")))
}

pub(crate) fn duration(by: Either<f64, String>) -> Result<SignedDuration, CallError> {
    match by {
        Either::A(seconds) => SignedDuration::try_from_secs_f64(seconds).map_err(|e| invalid("by", e)),
        Either::B(text) => {
            text.trim().parse().map_err(|e| invalid("by", format!("expected seconds or an ISO 8601 duration: {e}")))
        }
    }
}

/// The plug-ins and start time of `{gateways?, couriers?, mailer?, search?, clockAt?}`.
fn read_plugins(env: &Env, object: &Object<'_>) -> napi::Result<(Plugins, Option<Timestamp>)> {
    let mut plugins = Plugins::new();
    if let Some(gateways) = present::<Object<'_>>(object, "gateways")? {
        plugins = with_gateways(env, plugins, &gateways)?;
    }
    for courier in present::<Vec<CourierArg<'_>>>(object, "couriers")?.unwrap_or_default() {
        plugins = plugins.courier(courier_of(env, courier)?);
    }
    if let Some(mailer) = present::<Either<ClassInstance<'_, JsSmtpMailer>, Object<'_>>>(object, "mailer")? {
        plugins = plugins.mailer(mailer_of(env, mailer)?);
    }
    if let Some(index) = present::<ClassInstance<'_, JsSearchIndex>>(object, "search")? {
        plugins = plugins.search(index.index());
    }
    let clock_at = present::<String>(object, "clockAt")?.map(|text| timestamp(&text, "plugins.clockAt"));
    Ok((plugins, clock_at.transpose().map_err(|e| call_error(env, e))?))
}

/// `plugins` with the gateways of `{card: gateway, …}`, keyed by payment method.
fn with_gateways(env: &Env, mut plugins: Plugins, gateways: &Object<'_>) -> napi::Result<Plugins> {
    for key in Object::keys(gateways)? {
        let method: PaymentMethod = serde_json::from_value(serde_json::Value::String(key.clone()))
            .map_err(|e| call_error(env, invalid(&format!("plugins.gateways.{key}"), e)))?;
        let gateway: Either3<ClassInstance<'_, JsTestGateway>, ClassInstance<'_, JsStripeGateway>, Object<'_>> =
            gateways.get_named_property(&key)?;
        let gateway: Arc<dyn PaymentGateway> = match gateway {
            Either3::A(test) => test.gateway(),
            Either3::B(stripe) => stripe.gateway(),
            Either3::C(object) => Arc::new(JsGateway::new(env, object)?),
        };
        plugins = plugins.gateway(method, gateway);
    }
    Ok(plugins)
}

/// A courier given to `Shop.open`: a built-in one or a JavaScript object.
type CourierArg<'a> = Either4<
    ClassInstance<'a, JsEcontCourier>,
    ClassInstance<'a, JsOwnFleetCourier>,
    ClassInstance<'a, JsTestCourier>,
    Object<'a>,
>;

fn courier_of(env: &Env, courier: CourierArg<'_>) -> napi::Result<Arc<dyn Courier>> {
    Ok(match courier {
        Either4::A(econt) => econt.courier(),
        Either4::B(fleet) => fleet.courier(),
        Either4::C(test) => test.courier(),
        Either4::D(object) => Arc::new(JsCourier::new(env, object)?),
    })
}

fn mailer_of(env: &Env, mailer: Either<ClassInstance<'_, JsSmtpMailer>, Object<'_>>) -> napi::Result<Arc<dyn Mailer>> {
    Ok(match mailer {
        Either::A(smtp) => smtp.mailer(),
        Either::B(object) => Arc::new(JsMailer::new(env, object)?),
    })
}

/// The property `name` of `object`, or `None` when it is missing, `undefined` or `null`.
fn present<T>(object: &Object<'_>, name: &str) -> napi::Result<Option<T>>
where
    T: napi::bindgen_prelude::FromNapiValue + napi::bindgen_prelude::ValidateNapiValue,
{
    let value: Unknown<'_> = object.get_named_property(name)?;
    match value.get_type()? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        _ => object.get_named_property(name).map(Some),
    }
}
