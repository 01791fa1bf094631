//! `StripeGateway`: the core's `PaymentGateway` over Stripe's PaymentIntents, SetupIntents and Refunds,
//! each POST under an `Idempotency-Key` derived from the request's key.

use async_trait::async_trait;
use serde_json::Value;
use vitrina_core::money::Money;
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{FollowUpRequest, GatewayCapabilities, GatewayError, GatewayResult, PaymentGateway};
use vitrina_core::payment::{PaymentRequest, WebhookEvent, WebhookRequest, WebhookVerifier};

use crate::amount::to_stripe;
use crate::client::{Client, Failure, Form};
use crate::config::{StripeConfig, StripeConfigError};
use crate::mapping::{declined_result, failure_to_error, intent_result, refund_result, setup_result};
use crate::wire::{PaymentIntent, Refund, SearchResult, SetupIntent};

/// Stripe's longest accepted `Idempotency-Key`.
const MAX_KEY_LENGTH: usize = 255;

/// Reasons Stripe accepts for cancelling a PaymentIntent.
const CANCEL_REASONS: [&str; 4] = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];

/// Reasons Stripe accepts for a refund.
const REFUND_REASONS: [&str; 3] = ["duplicate", "fraudulent", "requested_by_customer"];

/// The metadata key holding the order reference, which `sync` searches on.
pub const ORDER_REFERENCE_KEY: &str = "order_reference";

/// A payment gateway over Stripe.
///
/// - `authorize` creates and confirms a PaymentIntent with `capture_method=manual`; `purchase` with
///   `automatic`; `capture` takes all or part (`amount_to_capture`: Stripe releases the rest, so one
///   capture per authorization); `void` cancels; `refund` creates Refunds (partial, several).
/// - `verify` confirms a SetupIntent: Stripe's PaymentIntents cannot be for zero, and a SetupIntent
///   checks the card with the issuer (3-D Secure included) without moving money.
/// - `sync` retrieves a PaymentIntent (`pi_...`) or SetupIntent (`seti_...`); given anything else,
///   it takes it for an order reference and searches PaymentIntents on `metadata['order_reference']`
///   (the latest one wins; Stripe's search index may lag a new payment by about a minute).
/// - `complete_action` retrieves the intent after 3-D Secure or a redirect, confirming it when
///   Stripe waits for a confirmation.
/// - `parse_webhook` checks `Stripe-Signature` against the configured secrets.
///
/// Card declines are results (status `failed` with a code); `Err` is for answers that are not
/// declines. Its `Debug` output shows no secret.
pub struct StripeGateway {
    config: StripeConfig,
    client: Client,
    verifier: Option<WebhookVerifier>,
}

impl std::fmt::Debug for StripeGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeGateway").field("config", &self.config).finish_non_exhaustive()
    }
}

impl StripeGateway {
    /// A gateway for `config`.
    pub fn new(config: StripeConfig) -> Result<StripeGateway, StripeConfigError> {
        config.validate()?;
        let client = Client::new(&config).map_err(|reason| StripeConfigError::Invalid { field: "client", reason })?;
        let verifier = if config.webhook_secrets.is_empty() {
            None
        } else {
            let tolerance = jiff::SignedDuration::try_from(config.webhook_tolerance)
                .map_err(|e| StripeConfigError::Invalid { field: "webhook_tolerance", reason: e.to_string() })?;
            let verifier = WebhookVerifier::new(config.webhook_secrets.clone(), tolerance)
                .map_err(|e| StripeConfigError::Invalid { field: "webhook_secrets", reason: e.to_string() })?;
            Some(verifier)
        };
        Ok(StripeGateway { config, client, verifier })
    }

    /// A gateway configured from `STRIPE_API_KEY` and `STRIPE_WEBHOOK_SECRET`.
    pub fn from_env() -> Result<StripeGateway, StripeConfigError> {
        StripeGateway::new(StripeConfig::from_env()?)
    }

    /// The configuration in use.
    pub fn config(&self) -> &StripeConfig {
        &self.config
    }

    pub(crate) fn verifier(&self) -> Option<&WebhookVerifier> {
        self.verifier.as_ref()
    }

    /// Creates and confirms a PaymentIntent for `request`.
    async fn open(&self, request: &PaymentRequest, capture_method: &str) -> Result<GatewayResult, GatewayError> {
        let (amount, currency) = to_stripe(request.amount, "amount")?;
        if amount <= 0 {
            return Err(invalid("amount", "must be positive"));
        }
        let mut form = opening_form(request)?;
        form.extend(pairs(&[
            ("amount", &amount.to_string()),
            ("currency", &currency),
            ("capture_method", capture_method),
            ("description", &format!("Order {}", request.order_reference)),
            ("expand[]", "latest_charge"),
        ]));
        let outcome = self.client.post("/v1/payment_intents", &form, &header_key(&request.idempotency_key)).await;
        let reference = &request.order_reference;
        self.intent_outcome(outcome, &request.idempotency_key, reference, request.amount)
    }

    /// A PaymentIntent answer as a result; a card decline as a failed result.
    fn intent_outcome(
        &self,
        outcome: Result<Value, Failure>,
        key: &str,
        reference: &str,
        amount: Money,
    ) -> Result<GatewayResult, GatewayError> {
        match outcome {
            Ok(body) => intent_result(&parse::<PaymentIntent>(&body)?, body),
            Err(Failure::Api { error, raw, .. }) if error.kind == "card_error" => {
                declined_result(&error, raw, reference, amount)
            }
            Err(failure) => Err(failure_to_error(failure, key, reference)),
        }
    }

    /// POSTs `form` to `/v1/payment_intents/{reference}/{action}` under the request's key.
    async fn intent_action(
        &self,
        request: &FollowUpRequest,
        action: &str,
        form: Form,
    ) -> Result<GatewayResult, GatewayError> {
        let id = path_id(&request.gateway_reference)?;
        let path = format!("/v1/payment_intents/{id}/{action}");
        let outcome = self.client.post(&path, &form, &header_key(&request.idempotency_key)).await;
        self.intent_outcome(outcome, &request.idempotency_key, id, request.amount)
    }

    async fn retrieve_intent(&self, id: &str) -> Result<GatewayResult, GatewayError> {
        let body = self.get(&format!("/v1/payment_intents/{}", path_id(id)?), &[], id).await?;
        intent_result(&parse::<PaymentIntent>(&body)?, body)
    }

    async fn get(&self, path: &str, query: &[(&str, &str)], reference: &str) -> Result<Value, GatewayError> {
        self.client.get(path, query).await.map_err(|failure| failure_to_error(failure, "", reference))
    }

    /// The latest PaymentIntent whose metadata names `order_reference`.
    async fn search_by_order(&self, order_reference: &str) -> Result<GatewayResult, GatewayError> {
        let escaped = order_reference.replace('\\', "\\\\").replace('\'', "\\'");
        let query = format!("metadata['{ORDER_REFERENCE_KEY}']:'{escaped}'");
        let body =
            self.get("/v1/payment_intents/search", &[("query", &query), ("limit", "100")], order_reference).await?;
        let found = parse::<SearchResult<Value>>(&body)?;
        let latest = found
            .data
            .into_iter()
            .filter_map(|raw| parse::<PaymentIntent>(&raw).ok().map(|intent| (intent, raw)))
            .max_by(|(a, _), (b, _)| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        match latest {
            Some((intent, raw)) => intent_result(&intent, raw),
            None => Err(GatewayError::UnknownReference { reference: order_reference.to_owned() }),
        }
    }

    async fn complete_setup(&self, request: &FollowUpRequest, id: &str) -> Result<GatewayResult, GatewayError> {
        let path = format!("/v1/setup_intents/{id}");
        let mut body = self.get(&path, &[], id).await?;
        if parse::<SetupIntent>(&body)?.status == "requires_confirmation" {
            let form = pairs(&[("expand[]", "latest_attempt")]);
            let key = header_key(&request.idempotency_key);
            body = match self.client.post(&format!("{path}/confirm"), &form, &key).await {
                Ok(body) => body,
                Err(Failure::Api { error, raw, .. }) if error.kind == "card_error" => {
                    return declined_result(&error, raw, id, request.amount);
                }
                Err(failure) => return Err(failure_to_error(failure, &request.idempotency_key, id)),
            };
        }
        Ok(setup_result(&parse::<SetupIntent>(&body)?, request.amount, body))
    }
}

#[async_trait]
impl PaymentGateway for StripeGateway {
    fn name(&self) -> &str {
        "stripe"
    }

    fn capabilities(&self) -> GatewayCapabilities {
        GatewayCapabilities {
            separate_capture: true,
            partial_capture: true,
            multiple_captures: false,
            partial_refund: true,
            void: true,
            verify: true,
            actions: true,
            webhooks: self.verifier.is_some(),
            currencies: vec![],
        }
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.open(request, "manual").await
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let (amount, _) = to_stripe(request.amount, "amount")?;
        let form = pairs(&[("amount_to_capture", &amount.to_string()), ("expand[]", "latest_charge")]);
        self.intent_action(request, "capture", form).await
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.open(request, "automatic").await
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let reason = request.reason.as_deref().filter(|r| CANCEL_REASONS.contains(r));
        let form = reason.map(|r| pairs(&[("cancellation_reason", r)])).unwrap_or_default();
        self.intent_action(request, "cancel", form).await
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let id = path_id(&request.gateway_reference)?;
        let (amount, _) = to_stripe(request.amount, "amount")?;
        let mut form = pairs(&[
            ("payment_intent", id),
            ("amount", &amount.to_string()),
            (&format!("metadata[{ORDER_REFERENCE_KEY}]"), &request.order_reference),
        ]);
        if let Some(reason) = request.reason.as_deref() {
            if REFUND_REASONS.contains(&reason) {
                form.extend(pairs(&[("reason", reason)]));
            }
            form.extend(pairs(&[("metadata[reason]", reason)]));
        }
        let key = &request.idempotency_key;
        match self.client.post("/v1/refunds", &form, &header_key(key)).await {
            Ok(body) => refund_result(&parse::<Refund>(&body)?, body),
            Err(Failure::Api { error, raw, .. }) if error.kind == "card_error" => {
                declined_result(&error, raw, id, request.amount)
            }
            Err(failure) => Err(failure_to_error(failure, key, id)),
        }
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        let mut form = opening_form(request)?;
        form.extend(pairs(&[("usage", "off_session")]));
        let key = &request.idempotency_key;
        match self.client.post("/v1/setup_intents", &form, &header_key(key)).await {
            Ok(body) => Ok(setup_result(&parse::<SetupIntent>(&body)?, request.amount, body)),
            Err(Failure::Api { error, raw, .. }) if error.kind == "card_error" => {
                declined_result(&error, raw, &request.order_reference, request.amount)
            }
            Err(failure) => Err(failure_to_error(failure, key, &request.order_reference)),
        }
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        if gateway_reference.starts_with("pi_") {
            self.retrieve_intent(gateway_reference).await
        } else if gateway_reference.starts_with("seti_") {
            let id = path_id(gateway_reference)?;
            let body = self.get(&format!("/v1/setup_intents/{id}"), &[], id).await?;
            let intent = parse::<SetupIntent>(&body)?;
            // A card check moves nothing; its currency is not on the SetupIntent.
            let zero = Money::zero(vitrina_core::money::Currency::EUR);
            Ok(setup_result(&intent, zero, body))
        } else {
            self.search_by_order(gateway_reference).await
        }
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        let id = path_id(refund_reference)?;
        let body = self.get(&format!("/v1/refunds/{id}"), &[], id).await?;
        refund_result(&parse::<Refund>(&body)?, body)
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let id = path_id(&request.gateway_reference)?;
        // Stripe sends the shopper back with `?payment_intent=pi_...` (or `setup_intent=seti_...`).
        for field in ["payment_intent", "setup_intent"] {
            if let Some(returned) = request.payload.get(field).and_then(Value::as_str) {
                if returned != id {
                    return Err(invalid(&format!("payload.{field}"), "names another intent than the payment's"));
                }
            }
        }
        if id.starts_with("seti_") {
            return self.complete_setup(request, id).await;
        }
        let current = self.retrieve_intent(id).await?;
        let needs_confirmation = current.raw.get("status").and_then(Value::as_str) == Some("requires_confirmation");
        if !needs_confirmation {
            return Ok(current);
        }
        self.intent_action(request, "confirm", pairs(&[("expand[]", "latest_charge")])).await
    }

    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        crate::webhook::verify_and_map(self, webhook)
    }
}

/// The form fields shared by a PaymentIntent and a SetupIntent opened for `request`.
fn opening_form(request: &PaymentRequest) -> Result<Form, GatewayError> {
    if !matches!(request.method, PaymentMethod::Card | PaymentMethod::Wallet) {
        return Err(invalid("method", "Stripe takes cards and card wallets (Apple Pay, Google Pay)"));
    }
    let token = request.token.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let token = token.ok_or_else(|| invalid("token", "a Stripe PaymentMethod id (pm_...) is required"))?;
    let mut form = pairs(&[
        ("confirm", "true"),
        ("payment_method", token),
        ("payment_method_types[]", "card"),
        (&format!("metadata[{ORDER_REFERENCE_KEY}]"), &request.order_reference),
    ]);
    if let Some(url) = &request.return_url {
        form.extend(pairs(&[("return_url", url)]));
    }
    Ok(form)
}

fn pairs(items: &[(&str, &str)]) -> Form {
    items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn invalid(field: &str, reason: &str) -> GatewayError {
    GatewayError::InvalidRequest { field: field.to_owned(), reason: reason.to_owned() }
}

/// The `Idempotency-Key` for a request key: the key itself when Stripe can take it (at most 255
/// printable ASCII characters), else a SHA-256 digest of it, so a repeat always sends the same header.
pub fn header_key(key: &str) -> String {
    if key.len() <= MAX_KEY_LENGTH && key.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        key.to_owned()
    } else {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("vitrina-sha256-{hex}")
    }
}

/// `reference` checked to be a Stripe id that can go into a path.
fn path_id(reference: &str) -> Result<&str, GatewayError> {
    if !reference.is_empty() && reference.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(reference)
    } else {
        Err(GatewayError::UnknownReference { reference: reference.to_owned() })
    }
}

/// A success body read as `T`.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(body: &Value) -> Result<T, GatewayError> {
    serde_json::from_value(body.clone())
        .map_err(|e| GatewayError::Unavailable { reason: format!("unreadable answer from Stripe: {e}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_pass_through_or_are_digested_stably() {
        assert_eq!(header_key("order-1/authorize"), "order-1/authorize");
        let long = "k".repeat(300);
        assert_eq!(header_key(&long), header_key(&long));
        assert!(header_key(&long).len() <= MAX_KEY_LENGTH && header_key(&long).starts_with("vitrina-sha256-"));
        assert_ne!(header_key("ключ"), "ключ");
    }

    #[test]
    fn only_plain_ids_go_into_paths() {
        assert_eq!(path_id("pi_123abc"), Ok("pi_123abc"));
        for bad in ["", "pi_1/../x", "pi 1", "pi_1?x=1"] {
            assert!(matches!(path_id(bad), Err(GatewayError::UnknownReference { .. })), "{bad}");
        }
    }
}
