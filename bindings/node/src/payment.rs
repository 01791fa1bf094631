//! Payments as Promises: `Payment` (the core's payment aggregate), `TestGateway` (magic cards) and
//! `PaymentProcessor` over the test gateway or a gateway object written in JavaScript (see `gateway`).
//! Every money movement takes an idempotency key: a repeat with the same key gives the first result.
//! The work runs on napi's tokio runtime; the promise settles on the JavaScript thread, where a
//! refusal becomes an error with a stable `.code` like every other Vitrina error.

use std::future::Future;
use std::sync::Arc;

use napi::bindgen_prelude::{Either, Object, PromiseRaw, ToNapiValue, Unknown};
use napi::Env;
use napi_derive::napi;
use tokio::sync::Mutex;
use vitrina_core::event::Actor;
use vitrina_core::money::Money;
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{
    InMemoryIdempotencyStore, Payment, PaymentError, PaymentGateway, PaymentProcessor, TestGateway, TEST_CARD_DECLINED,
    TEST_CARD_EXPIRED, TEST_CARD_INSUFFICIENT_FUNDS, TEST_CARD_PROCESSING_ERROR, TEST_CARD_SUCCESS,
    TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT,
};

use crate::convert::{amount, from_js, from_name, name_of, time_arg, to_js};
use crate::errors::{err, Failure, JsKind};
use crate::gateway::JsGateway;
use crate::order::JsOrder;
use crate::task::settle;

/// Code of a payment read while a processor call on it is in flight.
const PAYMENT_BUSY: &str = "VITRINA_PAYMENT_BUSY";

/// The magic card numbers of the test gateway (the token is the card number).
#[napi(object)]
pub struct TestCards {
    pub success: String,
    pub declined: String,
    pub insufficient_funds: String,
    pub expired: String,
    pub processing_error: String,
    pub three_d_secure: String,
    pub timeout: String,
}

/// The test gateway's magic cards.
#[napi]
pub fn test_cards() -> TestCards {
    TestCards {
        success: TEST_CARD_SUCCESS.into(),
        declined: TEST_CARD_DECLINED.into(),
        insufficient_funds: TEST_CARD_INSUFFICIENT_FUNDS.into(),
        expired: TEST_CARD_EXPIRED.into(),
        processing_error: TEST_CARD_PROCESSING_ERROR.into(),
        three_d_secure: TEST_CARD_THREE_D_SECURE.into(),
        timeout: TEST_CARD_TIMEOUT.into(),
    }
}

/// The built-in test gateway: magic cards (see `testCards()`), in memory.
#[napi(js_name = "TestGateway")]
pub struct JsTestGateway {
    inner: Arc<TestGateway>,
}

#[napi]
impl JsTestGateway {
    /// A test gateway signing its webhooks with `webhookSecret` (default `"whsec_test"`).
    #[napi(constructor)]
    pub fn new(webhook_secret: Option<String>) -> Self {
        JsTestGateway { inner: Arc::new(TestGateway::new(webhook_secret.as_deref().unwrap_or("whsec_test"))) }
    }
}

impl JsTestGateway {
    /// The gateway, to plug into a processor or a shop.
    pub(crate) fn gateway(&self) -> Arc<dyn PaymentGateway> {
        self.inner.clone()
    }
}

/// Stripe (name `stripe`): card payments over PaymentIntents, refunds, 3-D Secure and signed
/// webhooks. Give it to `Shop.open` as a gateway (`{gateways: {card: stripe}}`).
#[napi(js_name = "StripeGateway")]
pub struct JsStripeGateway {
    inner: Arc<dyn PaymentGateway>,
}

#[napi]
impl JsStripeGateway {
    /// Stripe configured by `{api_key, webhook_secrets?, base_url?, timeout_seconds?, max_retries?}`
    /// (snake_case, as every JSON shape here); neither the key nor the secrets appear in errors. A
    /// bad configuration throws naming the field (`config.api_key`).
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "StripeConfig")] config: Unknown<'_>) -> napi::Result<Self> {
        let config: serde_json::Value = crate::convert::from_js(&env, config, "config")?;
        let inner = vitrina_bridge::stripe_gateway(config).map_err(|e| crate::errors::call_error(&env, e))?;
        Ok(JsStripeGateway { inner })
    }

    /// `stripe`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }
}

impl JsStripeGateway {
    /// The gateway, to plug into a shop.
    pub(crate) fn gateway(&self) -> Arc<dyn PaymentGateway> {
        self.inner.clone()
    }
}

/// One attempt to collect an order's money through one method.
#[napi(js_name = "Payment")]
pub struct JsPayment {
    pub(crate) inner: Arc<Mutex<Payment>>,
}

impl JsPayment {
    /// Reads the payment; throws `VITRINA_PAYMENT_BUSY` while a processor call on it is in flight.
    pub(crate) fn read<T>(&self, env: &Env, f: impl FnOnce(&Payment) -> T) -> napi::Result<T> {
        match self.inner.try_lock() {
            Ok(payment) => Ok(f(&payment)),
            Err(_) => {
                let reason = "a payment processor call on this payment is in flight; await it first";
                Err(err(env, Failure::binding(JsKind::Error, PAYMENT_BUSY, "payment", reason)))
            }
        }
    }
}

#[napi]
impl JsPayment {
    /// A payment of `amount` (money text, `"49.90 EUR"`) for an order, by `method` (`card`...).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        order_id: String,
        order_reference: String,
        #[napi(ts_arg_type = "PaymentMethod")] method: String,
        amount: String,
        at: Option<String>,
    ) -> napi::Result<Self> {
        let method: PaymentMethod = from_name(&env, &method, "method")?;
        let amount = Money::parse(&amount, "amount").map_err(|e| err(&env, e))?;
        let at_time = time_arg(&env, at, "at")?;
        let payment = Payment::new(&order_id, &order_reference, method, amount, at_time).map_err(|e| err(&env, e))?;
        Ok(JsPayment { inner: Arc::new(Mutex::new(payment)) })
    }

    /// A payment of the order's total, by the payment method chosen at checkout, quoting the order's
    /// payment reference.
    #[napi(factory)]
    pub fn for_order(env: Env, order: &JsOrder, at: Option<String>) -> napi::Result<Self> {
        let order = &order.inner;
        let at_time = time_arg(&env, at, "at")?;
        let method = order.delivery().payment_method;
        let payment = Payment::new(order.id(), order.payment_reference().as_str(), method, order.total(), at_time)
            .map_err(|e| err(&env, e))?;
        Ok(JsPayment { inner: Arc::new(Mutex::new(payment)) })
    }

    /// A payment from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, #[napi(ts_arg_type = "PaymentData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        let payment: Payment = from_js(&env, data, "payment")?;
        Ok(JsPayment { inner: Arc::new(Mutex::new(payment)) })
    }

    /// The payment as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "PaymentData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let payment = self.read(env, Payment::clone)?;
        to_js(env, &payment)
    }

    /// The payment's UUIDv7 id.
    #[napi(getter)]
    pub fn id(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.id().to_owned())
    }

    /// The order it pays for.
    #[napi(getter)]
    pub fn order_id(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.order_id().to_owned())
    }

    /// The state (`created`, `pending`, `requires_action`, `authorized`, `captured`, `failed`...).
    #[napi(getter, ts_return_type = "PaymentState")]
    pub fn state(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| name_of(&p.state()))
    }

    /// The amount asked for, as money text.
    #[napi(getter)]
    pub fn amount(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.amount().to_string())
    }

    /// Authorized so far, as money text.
    #[napi(getter)]
    pub fn authorized(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.authorized().to_string())
    }

    /// Captured so far, as money text.
    #[napi(getter)]
    pub fn captured(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.captured().to_string())
    }

    /// Refunded so far, as money text.
    #[napi(getter)]
    pub fn refunded(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |p| p.refunded().to_string())
    }

    /// The gateway's reference, once it gave one.
    #[napi(getter)]
    pub fn gateway_reference(&self, env: Env) -> napi::Result<Option<String>> {
        self.read(&env, |p| p.gateway_reference().map(str::to_owned))
    }

    /// The last failure's error code (`card_declined`, `processing_error`...), `null` if none.
    #[napi(getter, ts_return_type = "PaymentErrorCode | null")]
    pub fn last_error(&self, env: Env) -> napi::Result<Option<String>> {
        self.read(&env, |p| p.last_error().map(|code| name_of(&code)))
    }

    /// Every state change: `{at, actor, from, to, ...}`, times as RFC 3339.
    #[napi(getter, ts_return_type = "PaymentTransition[]")]
    pub fn history<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let history = self.read(env, |p| p.history().to_vec())?;
        to_js(env, &history)
    }

    /// The refunds asked for, with their states.
    #[napi(getter, ts_return_type = "RefundData[]")]
    pub fn refunds<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let refunds = self.read(env, |p| p.refunds().to_vec())?;
        to_js(env, &refunds)
    }
}

/// Runs payments through one gateway, idempotently: a repeat of a key gives the first result.
#[napi(js_name = "PaymentProcessor")]
pub struct JsPaymentProcessor {
    inner: Arc<PaymentProcessor>,
    store: Arc<InMemoryIdempotencyStore>,
}

/// Settles `work` (run on napi's tokio runtime) as a Promise; a refusal becomes a Vitrina error.
fn promise<'env, T, V, F>(
    env: &'env Env,
    work: F,
    convert: impl 'static + FnOnce(T) -> V,
) -> napi::Result<PromiseRaw<'env, V>>
where
    T: 'static + Send,
    V: ToNapiValue,
    F: 'static + Send + Future<Output = Result<T, PaymentError>>,
{
    settle(env, work, move |_, value| Ok(convert(value)))
}

fn state_name(state: Option<vitrina_core::payment::PaymentState>) -> Option<String> {
    state.map(|state| name_of(&state))
}

/// An amount in the payment's currency: a decimal string (`"10.00"`).
fn money_in(env: &Env, payment: &JsPayment, value: Unknown<'_>) -> napi::Result<Money> {
    let decimal = amount(env, value, "amount")?;
    let currency = payment.read(env, |p| p.amount().currency())?;
    Money::new(decimal, currency).map_err(|e| err(env, e))
}

#[napi]
impl JsPaymentProcessor {
    /// A processor over the built-in `TestGateway` or a gateway object written in JavaScript (methods
    /// `authorize`, `capture`, `purchase`, `void`, `refund`... returning a value or a Promise).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "TestGateway | GatewayObject")] gateway: Either<&JsTestGateway, Object<'_>>,
    ) -> napi::Result<Self> {
        let gateway: Arc<dyn PaymentGateway> = match gateway {
            Either::A(test) => test.gateway(),
            Either::B(object) => Arc::new(JsGateway::new(&env, object)?),
        };
        let store = Arc::new(InMemoryIdempotencyStore::new());
        Ok(JsPaymentProcessor { inner: Arc::new(PaymentProcessor::new(gateway, store.clone())), store })
    }

    /// How many idempotency keys the processor has recorded.
    #[napi(getter)]
    pub fn recorded_keys(&self) -> u32 {
        u32::try_from(self.store.len()).unwrap_or(u32::MAX)
    }

    /// Authorizes the payment's amount with the card `token`; resolves to the new state (`null`: still
    /// pending at the gateway).
    #[napi(ts_return_type = "Promise<PaymentState | null>")]
    pub fn authorize<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        token: Option<String>,
        key: String,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<String>>> {
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work = async move { processor.authorize(&mut *payment.lock().await, token, &key, at_time).await };
        promise(env, work, state_name)
    }

    /// Authorizes and captures the payment's amount at once.
    #[napi(ts_return_type = "Promise<PaymentState | null>")]
    pub fn purchase<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        token: Option<String>,
        key: String,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<String>>> {
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work = async move { processor.purchase(&mut *payment.lock().await, token, &key, at_time).await };
        promise(env, work, state_name)
    }

    /// Captures `amount` (a decimal string in the payment's currency) of the authorization.
    #[napi(ts_return_type = "Promise<PaymentState | null>")]
    pub fn capture<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        #[napi(ts_arg_type = "Amount")] amount: Unknown<'_>,
        key: String,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<String>>> {
        let money = money_in(env, payment, amount)?;
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work = async move { processor.capture(&mut *payment.lock().await, money, &key, at_time).await };
        promise(env, work, state_name)
    }

    /// Releases the authorization.
    #[napi(ts_return_type = "Promise<PaymentState | null>")]
    pub fn void<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        key: String,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<String>>> {
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work = async move { processor.void(&mut *payment.lock().await, &key, at_time).await };
        promise(env, work, state_name)
    }

    /// Refunds `amount` of what was captured; resolves to the refund's state (`pending`,
    /// `succeeded`, `failed`).
    #[napi(ts_return_type = "Promise<RefundState>")]
    #[allow(clippy::too_many_arguments)]
    pub fn refund<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        #[napi(ts_arg_type = "Amount")] amount: Unknown<'_>,
        key: String,
        reason: Option<String>,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let money = money_in(env, payment, amount)?;
        let actor = match actor {
            Some(actor) if !matches!(actor.get_type()?, napi::ValueType::Null | napi::ValueType::Undefined) => {
                from_js::<Actor>(env, actor, "actor")?
            }
            _ => Actor::System,
        };
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work =
            async move { processor.refund(&mut *payment.lock().await, money, reason, &key, actor, at_time).await };
        promise(env, work, |state| name_of(&state))
    }

    /// Resolves a payment left `pending` or `requires_action` from the gateway's current state;
    /// resolves to the new state, or `null` when nothing changed.
    #[napi(ts_return_type = "Promise<PaymentState | null>")]
    pub fn sync<'env>(
        &self,
        env: &'env Env,
        payment: &JsPayment,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Option<String>>> {
        let (processor, payment, at_time) = (self.inner.clone(), payment.inner.clone(), time_arg(env, at, "at")?);
        let work = async move { processor.sync(&mut *payment.lock().await, at_time).await };
        promise(env, work, state_name)
    }
}
