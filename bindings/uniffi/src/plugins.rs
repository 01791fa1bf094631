//! Plug-ins written in Kotlin or Swift for a `ShopHandle`: a payment gateway per payment method,
//! couriers and a mailer as foreign traits, plus the on-device tantivy search index, gathered by
//! `ShopPlugins` into the core's `Plugins`.
//!
//! Requests and answers cross as the core's JSON forms (`PaymentRequest`, `GatewayResult`,
//! `ShipmentRequest`, `EmailMessage`, …), the same forms `api.json` uses. A `PluginError` thrown by the
//! plug-in maps onto the core's own error of that plug-in (`GatewayError`, `CourierError`,
//! `MailError`); any other exception, or an answer that does not read as the expected type, is
//! "unavailable": for a gateway the outcome is then unknown and the idempotency key stays free to
//! repeat.

use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use serde::de::DeserializeOwned;
use serde::Serialize;
use vitrina_core::delivery::Address;
use vitrina_core::notify::{EmailMessage, MailError, Mailer, SendReceipt};
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{
    FollowUpRequest, GatewayCapabilities, GatewayError, GatewayOperation, GatewayResult, PaymentGateway,
    PaymentRequest, WebhookError, WebhookEvent, WebhookRequest,
};
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, Pickup,
    PickupRequest, RateQuote, RateRequest, ShipmentRequest, TrackingReport,
};
use vitrina_core::shop::Plugins;
use vitrina_search_tantivy::TantivySearchIndex;

use crate::built_in::{OwnFleetHandle, TestCourierHandle, TestGatewayHandle};
use crate::shop::ShopCallError;

/// Why a plug-in gives no answer. A declined card is not an error: it is a gateway result with
/// status `failed`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PluginError {
    /// The plug-in does not offer this operation.
    #[error("not supported: {detail}")]
    Unsupported {
        /// What was asked.
        detail: String,
    },
    /// The provider could not be reached or did not answer; the outcome is unknown. Any other
    /// exception a plug-in throws arrives here too.
    #[error("unavailable: {detail}")]
    Unavailable {
        /// What went wrong.
        detail: String,
    },
    /// The provider refused the request as malformed.
    #[error("{field}: {detail}")]
    InvalidRequest {
        /// The request field at fault (`parcel.weight_grams`).
        field: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The provider does not know this payment, refund, tracking number or pickup.
    #[error("unknown reference {reference}")]
    UnknownReference {
        /// The reference given.
        reference: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for PluginError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        PluginError::Unavailable { detail: error.reason }
    }
}

/// A payment gateway implemented in Kotlin or Swift. Each money-moving method takes the request as
/// the core's JSON (`PaymentRequest` for `authorize`, `purchase`, `verify`; `FollowUpRequest` for
/// `capture`, `void`, `refund`, `completeAction`) and answers a `GatewayResult` as JSON
/// (`{"status": "captured", "gateway_reference": "…", "amount": "12.30 EUR"}`).
#[uniffi::export(with_foreign)]
#[async_trait]
pub trait PaymentGatewayPlugin: Send + Sync {
    /// The gateway's name (`kotlin-cards`), recorded as the actor of the changes it causes.
    fn name(&self) -> String;
    /// What it supports, as a `GatewayCapabilities` JSON object (read once, when registered).
    fn capabilities(&self) -> String;
    /// Reserves the amount of a `PaymentRequest`.
    async fn authorize(&self, request: String) -> Result<String, PluginError>;
    /// Takes (part of) an authorization, from a `FollowUpRequest`.
    async fn capture(&self, request: String) -> Result<String, PluginError>;
    /// Reserves and takes the amount of a `PaymentRequest` at once.
    async fn purchase(&self, request: String) -> Result<String, PluginError>;
    /// Releases an authorization, from a `FollowUpRequest`.
    async fn void(&self, request: String) -> Result<String, PluginError>;
    /// Gives back (part of) what was taken, from a `FollowUpRequest`; the result's reference is the refund's.
    async fn refund(&self, request: String) -> Result<String, PluginError>;
    /// Checks a payment method without moving money, from a `PaymentRequest`.
    async fn verify(&self, request: String) -> Result<String, PluginError>;
    /// The current state of payment `gateway_reference` (or of the latest payment of an order reference).
    async fn sync(&self, gateway_reference: String) -> Result<String, PluginError>;
    /// The current state of refund `refund_reference`.
    async fn refund_sync(&self, refund_reference: String) -> Result<String, PluginError>;
    /// Resumes a payment after 3-D Secure or a redirect, from a `FollowUpRequest` with its `payload`.
    async fn complete_action(&self, request: String) -> Result<String, PluginError>;
    /// Verifies and parses a webhook (`WebhookRequest` JSON), answering a `WebhookEvent` as JSON.
    async fn parse_webhook(&self, webhook: String) -> Result<String, PluginError>;
}

/// A courier implemented in Kotlin or Swift: requests and answers as the core's JSON
/// (`RateRequest` -> `RateQuote`, `ShipmentRequest` -> `CreatedShipment`, tracking numbers ->
/// `TrackingReport`, …).
#[uniffi::export(with_foreign)]
#[async_trait]
pub trait CourierPlugin: Send + Sync {
    /// The courier's name, as the settings' `courier_for_method` names it.
    fn name(&self) -> String;
    /// What it supports, as a `CourierCapabilities` JSON object (read once, when registered).
    fn capabilities(&self) -> String;
    /// The services and prices for a `RateRequest`, as a `RateQuote`.
    async fn rates(&self, request: String) -> Result<String, PluginError>;
    /// Announces a `ShipmentRequest`; answers a `CreatedShipment` (tracking number and label).
    async fn create_shipment(&self, request: String) -> Result<String, PluginError>;
    /// Calls a shipment off before pickup; answers the carrier's warnings (a JSON array).
    async fn cancel_shipment(&self, tracking_number: String) -> Result<String, PluginError>;
    /// The events of each tracking number, as a `TrackingReport`.
    async fn track(&self, tracking_numbers: Vec<String>) -> Result<String, PluginError>;
    /// Checks an `Address`; answers an `AddressValidation`.
    async fn validate_address(&self, address: String) -> Result<String, PluginError>;
    /// Books a pickup from a `PickupRequest`; answers a `Pickup`.
    async fn schedule_pickup(&self, request: String) -> Result<String, PluginError>;
    /// Cancels a booked pickup; answers the carrier's warnings (a JSON array).
    async fn cancel_pickup(&self, pickup_id: String) -> Result<String, PluginError>;
}

/// A mailer implemented in Kotlin or Swift.
#[uniffi::export(with_foreign)]
#[async_trait]
pub trait MailerPlugin: Send + Sync {
    /// Sends an `EmailMessage` (JSON); answers a `SendReceipt` (`{"message_id": …, "detail": …}`).
    /// `Unavailable` is worth retrying later; any other `PluginError` is permanent.
    async fn send(&self, message: String) -> Result<String, PluginError>;
}

/// The plug-ins a shop is opened with, gathered one by one.
#[derive(Debug, Default, uniffi::Object)]
pub struct ShopPlugins {
    plugins: Mutex<Plugins>,
}

#[uniffi::export]
impl ShopPlugins {
    /// No plug-ins yet.
    #[uniffi::constructor]
    pub fn new() -> Arc<ShopPlugins> {
        Arc::new(ShopPlugins::default())
    }

    /// Takes payments of `method` (`card`, `wallet`, …) through `gateway`, replacing an earlier one.
    /// `invalid` when the method is unknown or the capabilities do not read.
    pub fn gateway(&self, method: String, gateway: Arc<dyn PaymentGatewayPlugin>) -> Result<(), ShopCallError> {
        let method = payment_method(method)?;
        let capabilities = decode_field("capabilities", &gateway.capabilities())?;
        let adaptor = ForeignGateway { name: gateway.name(), capabilities, plugin: gateway };
        self.change(|plugins| plugins.gateway(method, Arc::new(adaptor)));
        Ok(())
    }

    /// Ships with `courier` under its name. `invalid` when its capabilities do not read.
    pub fn courier(&self, courier: Arc<dyn CourierPlugin>) -> Result<(), ShopCallError> {
        let capabilities = decode_field("capabilities", &courier.capabilities())?;
        let adaptor = ForeignCourier { name: courier.name(), capabilities, plugin: courier };
        self.change(|plugins| plugins.courier(Arc::new(adaptor)));
        Ok(())
    }

    /// Takes payments of `method` (`card`) through Stripe configured by `config_json`: `{"api_key",
    /// "webhook_secrets"?, "base_url"?, "timeout_seconds"?, "max_retries"?}`. An error names the field
    /// when it does not read; neither the key nor the secrets appear in errors.
    pub fn stripe_gateway(&self, method: String, config_json: String) -> Result<(), ShopCallError> {
        let method = payment_method(method)?;
        let config = decode_field("config_json", &config_json)?;
        let gateway = vitrina_bridge::stripe_gateway(config)?;
        self.change(|plugins| plugins.gateway(method, gateway));
        Ok(())
    }

    /// Ships with Econt Express (name `econt`) configured by `config_json`: `{"username", "password",
    /// "sender": {"name", "phones", "office_code"}, "base_url"?, "timeout_seconds"?}`. `invalid`
    /// naming the field when it does not read; the password never appears in errors.
    pub fn econt_courier(&self, config_json: String) -> Result<(), ShopCallError> {
        let config = decode_field("config_json", &config_json)?;
        let courier = vitrina_bridge::econt_courier(config)?;
        self.change(|plugins| plugins.courier(courier));
        Ok(())
    }

    /// Ships with the shop's own drivers (name `own-fleet`), `fleet` kept by the app for the drivers'
    /// reports.
    pub fn own_fleet(&self, fleet: Arc<OwnFleetHandle>) {
        self.change(|plugins| plugins.courier(fleet.courier.clone()));
    }

    /// Ships with the test courier (name `test`), `courier` kept by the app to move its clock.
    pub fn test_courier(&self, courier: Arc<TestCourierHandle>) {
        self.change(|plugins| plugins.courier(courier.courier.clone()));
    }

    /// Takes payments of `method` (`card`) through the magic-card gateway `gateway`. `invalid` when the
    /// method is unknown.
    pub fn test_gateway(&self, method: String, gateway: Arc<TestGatewayHandle>) -> Result<(), ShopCallError> {
        let method = payment_method(method)?;
        self.change(|plugins| plugins.gateway(method, gateway.gateway.clone()));
        Ok(())
    }

    /// Sends e-mail through `mailer`.
    pub fn mailer(&self, mailer: Arc<dyn MailerPlugin>) {
        self.change(|plugins| plugins.mailer(Arc::new(ForeignMailer { plugin: mailer })));
    }

    /// Searches the knowledge base with tantivy: in memory, or in `directory` (created if needed).
    pub fn search_index(&self, directory: Option<String>) -> Result<(), ShopCallError> {
        let index = match directory {
            Some(directory) => TantivySearchIndex::open_or_create(directory),
            None => TantivySearchIndex::in_memory(),
        }
        .map_err(|error| ShopCallError::invalid("directory", error))?;
        self.change(|plugins| plugins.search(Arc::new(index)));
        Ok(())
    }
}

impl ShopPlugins {
    fn lock(&self) -> MutexGuard<'_, Plugins> {
        self.plugins.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn change(&self, add: impl FnOnce(Plugins) -> Plugins) {
        let mut plugins = self.lock();
        *plugins = add(std::mem::take(&mut *plugins));
    }

    /// The core's plug-ins, as gathered so far.
    pub(crate) fn build(&self) -> Plugins {
        self.lock().clone()
    }
}

/// The payment method named `method` (`card`); `invalid` naming `method` when there is none such.
fn payment_method(method: String) -> Result<PaymentMethod, ShopCallError> {
    decode_field("method", &serde_json::Value::String(method).to_string())
}

/// Reads a plug-in's JSON description; `invalid` naming `field` when it does not read.
pub(crate) fn decode_field<T: DeserializeOwned>(field: &str, text: &str) -> Result<T, ShopCallError> {
    serde_json::from_str(text).map_err(|error| ShopCallError::invalid(field, error))
}

/// The JSON text of a request for a plug-in.
fn encode<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|error| format!("the request does not encode: {error}"))
}

/// Reads a plug-in's answer.
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| format!("the answer does not read: {error}"))
}

/// A gateway implemented in the app's language, as the core's `PaymentGateway`.
struct ForeignGateway {
    name: String,
    capabilities: GatewayCapabilities,
    plugin: Arc<dyn PaymentGatewayPlugin>,
}

impl ForeignGateway {
    /// The core's error for `error` in `operation`.
    fn error(&self, operation: Option<GatewayOperation>, error: PluginError) -> GatewayError {
        match (error, operation) {
            (PluginError::Unsupported { .. }, Some(operation)) => GatewayError::Unsupported { operation },
            (PluginError::InvalidRequest { field, detail }, _) => {
                GatewayError::InvalidRequest { field, reason: detail }
            }
            (PluginError::UnknownReference { reference }, _) => GatewayError::UnknownReference { reference },
            (other, _) => self.unavailable(other.to_string()),
        }
    }

    fn unavailable(&self, reason: String) -> GatewayError {
        GatewayError::Unavailable {
            reason: format!("the {} gateway failed: {reason}; the outcome is unknown", self.name),
        }
    }

    /// Sends `request` to the plug-in's `operation` and reads its gateway result.
    async fn exchange<R: Serialize + Sync>(
        &self,
        operation: GatewayOperation,
        request: &R,
    ) -> Result<GatewayResult, GatewayError> {
        let request =
            encode(request).map_err(|reason| GatewayError::InvalidRequest { field: "request".to_owned(), reason })?;
        let plugin = &self.plugin;
        let answer = match operation {
            GatewayOperation::Authorize => plugin.authorize(request).await,
            GatewayOperation::Purchase => plugin.purchase(request).await,
            GatewayOperation::Verify => plugin.verify(request).await,
            GatewayOperation::Capture => plugin.capture(request).await,
            GatewayOperation::Void => plugin.void(request).await,
            GatewayOperation::Refund => plugin.refund(request).await,
            GatewayOperation::CompleteAction => plugin.complete_action(request).await,
        };
        let text = answer.map_err(|error| self.error(Some(operation), error))?;
        decode(&text).map_err(|reason| self.unavailable(reason))
    }

    /// Reads the result of a lookup (`sync`, `refund_sync`).
    fn read(&self, answer: Result<String, PluginError>) -> Result<GatewayResult, GatewayError> {
        let text = answer.map_err(|error| self.error(None, error))?;
        decode(&text).map_err(|reason| self.unavailable(reason))
    }
}

#[async_trait]
impl PaymentGateway for ForeignGateway {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> GatewayCapabilities {
        self.capabilities.clone()
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Authorize, request).await
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Capture, request).await
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Purchase, request).await
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Void, request).await
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Refund, request).await
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::Verify, request).await
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read(self.plugin.sync(gateway_reference.to_owned()).await)
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read(self.plugin.refund_sync(refund_reference.to_owned()).await)
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.exchange(GatewayOperation::CompleteAction, request).await
    }

    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        let rejected = |reason: String| GatewayError::Webhook(WebhookError::InvalidBody { reason });
        let text = self.plugin.parse_webhook(encode(webhook).map_err(rejected)?).await;
        decode(&text.map_err(|error| rejected(error.to_string()))?).map_err(rejected)
    }
}

/// A courier implemented in the app's language, as the core's `Courier`.
struct ForeignCourier {
    name: String,
    capabilities: CourierCapabilities,
    plugin: Arc<dyn CourierPlugin>,
}

impl ForeignCourier {
    /// Reads the plug-in's answer to `operation`, mapping its error onto the core's.
    fn answer<T: DeserializeOwned>(
        &self,
        operation: &str,
        answer: Result<String, PluginError>,
    ) -> Result<T, CourierError> {
        let unavailable = |reason: String| CourierError::Unavailable {
            reason: format!("the {} courier failed: {reason}", self.name),
        };
        let text = answer.map_err(|error| match error {
            PluginError::Unsupported { .. } => CourierError::unsupported(&self.name, operation),
            PluginError::InvalidRequest { field, detail } => CourierError::InvalidRequest { field, reason: detail },
            PluginError::UnknownReference { reference } if operation == "cancel_pickup" => {
                CourierError::UnknownPickup { pickup_id: reference }
            }
            PluginError::UnknownReference { reference } => CourierError::UnknownShipment { tracking_number: reference },
            unavailable_error @ PluginError::Unavailable { .. } => unavailable(unavailable_error.to_string()),
        })?;
        decode(&text).map_err(unavailable)
    }

    fn request<R: Serialize>(request: &R) -> Result<String, CourierError> {
        encode(request).map_err(|reason| CourierError::InvalidRequest { field: "request".to_owned(), reason })
    }
}

#[async_trait]
impl Courier for ForeignCourier {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> CourierCapabilities {
        self.capabilities.clone()
    }

    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        self.answer("rates", self.plugin.rates(Self::request(request)?).await)
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        self.answer("create_shipment", self.plugin.create_shipment(Self::request(request)?).await)
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        self.answer("cancel_shipment", self.plugin.cancel_shipment(tracking_number.to_owned()).await)
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        self.answer("track", self.plugin.track(tracking_numbers.to_vec()).await)
    }

    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        self.answer("validate_address", self.plugin.validate_address(Self::request(address)?).await)
    }

    async fn schedule_pickup(&self, request: &PickupRequest) -> Result<Pickup, CourierError> {
        self.answer("schedule_pickup", self.plugin.schedule_pickup(Self::request(request)?).await)
    }

    async fn cancel_pickup(&self, pickup_id: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        self.answer("cancel_pickup", self.plugin.cancel_pickup(pickup_id.to_owned()).await)
    }
}

/// A mailer implemented in the app's language, as the core's `Mailer`.
struct ForeignMailer {
    plugin: Arc<dyn MailerPlugin>,
}

#[async_trait]
impl Mailer for ForeignMailer {
    async fn send(&self, message: &EmailMessage) -> Result<SendReceipt, MailError> {
        let permanent = |reason: String| MailError::Permanent { reason };
        let answer = self.plugin.send(encode(message).map_err(permanent)?).await;
        let text = answer.map_err(|error| match error {
            PluginError::Unavailable { detail } => MailError::Transient { reason: detail },
            other => permanent(other.to_string()),
        })?;
        decode(&text).map_err(permanent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrina_core::money::{Currency, Money};

    /// A gateway that gives the same answer to every call.
    struct Scripted(Result<String, PluginError>);

    #[async_trait]
    impl PaymentGatewayPlugin for Scripted {
        fn name(&self) -> String {
            "scripted".to_owned()
        }
        fn capabilities(&self) -> String {
            serde_json::to_string(&GatewayCapabilities::default()).unwrap()
        }
        async fn authorize(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn capture(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn purchase(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn void(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn refund(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn verify(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn sync(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn refund_sync(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn complete_action(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
        async fn parse_webhook(&self, _: String) -> Result<String, PluginError> {
            self.0.clone()
        }
    }

    fn gateway(answer: Result<&str, PluginError>) -> ForeignGateway {
        let plugin = Arc::new(Scripted(answer.map(str::to_owned)));
        ForeignGateway { name: plugin.name(), capabilities: GatewayCapabilities::default(), plugin }
    }

    fn request() -> PaymentRequest {
        PaymentRequest {
            idempotency_key: "k".to_owned(),
            amount: Money::from_minor(1230, Currency::EUR),
            order_reference: "VT-2026-000001".to_owned(),
            method: PaymentMethod::Card,
            token: Some("4242".to_owned()),
            return_url: None,
        }
    }

    #[tokio::test]
    async fn a_result_in_the_cores_json_is_read() {
        let answer = r#"{"status": "captured", "gateway_reference": "g-1", "amount": "12.30 EUR"}"#;
        let result = gateway(Ok(answer)).purchase(&request()).await.unwrap();
        assert_eq!((result.gateway_reference.as_str(), result.amount.to_string()), ("g-1", "12.30 EUR".to_owned()));
    }

    #[tokio::test]
    async fn plugin_errors_become_the_gateways_own() {
        let unsupported = gateway(Err(PluginError::Unsupported { detail: "no".into() })).verify(&request()).await;
        assert!(matches!(unsupported, Err(GatewayError::Unsupported { operation: GatewayOperation::Verify })));
        let invalid = PluginError::InvalidRequest { field: "token".into(), detail: "expired".into() };
        let invalid = gateway(Err(invalid)).authorize(&request()).await;
        assert!(matches!(invalid, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "token"));
        let unknown = gateway(Err(PluginError::UnknownReference { reference: "g-9".into() })).sync("g-9").await;
        assert!(matches!(unknown, Err(GatewayError::UnknownReference { ref reference }) if reference == "g-9"));
    }

    #[tokio::test]
    async fn a_failure_or_an_unreadable_answer_leaves_the_outcome_unknown() {
        let down = gateway(Err(PluginError::Unavailable { detail: "timeout".into() })).purchase(&request()).await;
        let garbled = gateway(Ok("{\"status\": 7}")).purchase(&request()).await;
        for outcome in [down, garbled] {
            match outcome {
                Err(GatewayError::Unavailable { reason }) => assert!(reason.contains("outcome is unknown"), "{reason}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn registration_refuses_an_unknown_method_naming_it() {
        let plugins = ShopPlugins::new();
        let refused = plugins.gateway("cheque".to_owned(), Arc::new(Scripted(Ok(String::new()))));
        assert!(matches!(refused, Err(ShopCallError::Failed { ref field, .. }) if field.as_deref() == Some("method")));
        plugins.gateway("card".to_owned(), Arc::new(Scripted(Ok(String::new())))).unwrap();
        assert!(plugins.build().gateway_for(PaymentMethod::Card).is_ok());
    }
}
