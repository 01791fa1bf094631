//! The gateways that ship with Vitrina, to give to `Shop.open`: `TestGateway` (magic cards, see
//! `testCards()`) and `StripeGateway`, the latter configured by the bridge from one object.

use std::sync::Arc;

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use vitrina_core::payment::{
    PaymentGateway, TestGateway, TEST_CARD_DECLINED, TEST_CARD_EXPIRED, TEST_CARD_INSUFFICIENT_FUNDS,
    TEST_CARD_PROCESSING_ERROR, TEST_CARD_SUCCESS, TEST_CARD_THREE_D_SECURE, TEST_CARD_TIMEOUT,
};

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
    /// The gateway, to plug into a shop.
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
