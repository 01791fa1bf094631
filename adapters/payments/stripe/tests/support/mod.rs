//! A fake Stripe on 127.0.0.1 for the adapter's tests and example: it checks requests as Stripe would
//! and answers with PaymentIntent, Refund, SetupIntent and error bodies shaped as Stripe documents them.

// What it does: checks each request's method, path, headers (key, version pin, content type,
// idempotency key) and form body; keeps PaymentIntents, Refunds and SetupIntents; answers a repeated
// idempotency key with the stored answer, or an `idempotency_error` when the parameters differ.
// Test payment methods (as Stripe's test mode names them): `pm_card_visa` succeeds,
// `pm_card_visa_chargeDeclined` and `pm_card_visa_chargeDeclinedInsufficientFunds` are declined,
// `pm_card_threeDSecure2Required` needs 3-D Secure. Only the fake knows
// `pm_card_fake_authenticationRequiredDecline`: declined with `authentication_required`, Stripe's answer
// when a payment needs authentication that cannot happen (off-session).
// Faults queued with `FakeStripe::push_fault` hit the next requests first.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use jiff::Timestamp;
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::net::TcpListener;
use vitrina_core::payment::WebhookRequest;

/// The API key the fake accepts.
pub const API_KEY: &str = "sk_test_fake_4eC39HqLyjWDarjtT1zdp7dc";
/// The API version the fake expects in `Stripe-Version`.
pub const EXPECTED_VERSION: &str = "2026-07-29.dahlia";

/// Stripe's signature of `body` at `at`: lower-case hex HMAC-SHA256 of `"{t}.{body}"`, keyed by the
/// whole secret string.
pub fn stripe_signature(secret: &str, at: Timestamp, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{}.{body}", at.as_second()).as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A delivery as Stripe sends it: `Stripe-Signature: t=...,v1=...` with one `v1` per secret (two while
/// a secret rolls) and the `v0` scheme Stripe adds in test mode, which receivers ignore.
pub fn signed_delivery(secrets: &[&str], signed_at: Timestamp, received_at: Timestamp, body: &str) -> WebhookRequest {
    let mut header = format!("t={}", signed_at.as_second());
    for secret in secrets {
        header.push_str(&format!(",v1={}", stripe_signature(secret, signed_at, body)));
    }
    header.push_str(&format!(",v0={}", stripe_signature("whsec_legacy", signed_at, body)));
    WebhookRequest { headers: [("stripe-signature".to_owned(), header)].into(), body: body.to_owned(), received_at }
}

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The headers, names lower-cased.
    pub headers: BTreeMap<String, String>,
    /// The form body's pairs, decoded.
    pub form: Vec<(String, String)>,
}

impl Recorded {
    /// The first value of form field `key`.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// A fault the fake injects instead of (or before) answering.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Answer with this HTTP status (429: rate limited, 5xx: Stripe error) without acting.
    Status(u16),
    /// Wait this long, then act and answer as usual (a client with a shorter timeout gives up first).
    Delay(Duration),
    /// A 500 that Stripe marks `Stripe-Should-Retry: false` (the request must not be repeated).
    NoRetry,
    /// A 409 `lock_timeout` that Stripe marks `Stripe-Should-Retry: true`.
    LockTimeout,
}

#[derive(Default)]
struct State {
    intents: BTreeMap<String, Value>,
    /// Where each PaymentIntent sends the shopper back (a parameter, not a field of the object).
    return_urls: HashMap<String, String>,
    /// PaymentIntents whose shopper passed 3-D Secure and that wait for a confirmation.
    authenticated: Vec<String>,
    setups: BTreeMap<String, Value>,
    refunds: BTreeMap<String, Value>,
    /// key -> (fingerprint of method, path and body; status; body).
    replies: HashMap<String, (String, u16, Value)>,
    requests: Vec<Recorded>,
    faults: VecDeque<Fault>,
    next_id: u64,
    clock: i64,
}

impl State {
    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_3Fake{:08}", self.next_id)
    }

    fn now(&mut self) -> i64 {
        self.clock += 1;
        1_780_000_000 + self.clock
    }
}

/// The running fake.
#[derive(Clone)]
pub struct FakeStripe {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

type Answer = (u16, Value);

impl FakeStripe {
    /// Starts a fake on a free port of 127.0.0.1.
    pub async fn start() -> FakeStripe {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let fake = FakeStripe { addr, state: Arc::default() };
        let server = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let fake = server.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let fake = fake.clone();
                        async move { Ok::<_, Infallible>(fake.handle(request).await) }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        fake
    }

    /// The base URL to configure the gateway with.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Queues `fault` for the next request not yet faulted.
    pub fn push_fault(&self, fault: Fault) {
        self.state.lock().unwrap().faults.push_back(fault);
    }

    /// The PaymentIntent `id` as the fake holds it.
    pub fn intent(&self, id: &str) -> Value {
        self.state.lock().unwrap().intents[id].clone()
    }

    /// The refund `id` as the fake holds it.
    pub fn refund(&self, id: &str) -> Value {
        self.state.lock().unwrap().refunds[id].clone()
    }

    /// The shopper finishes (or fails) 3-D Secure for PaymentIntent `id`. With `confirm_later`, the
    /// intent then waits for a confirmation call (as with `confirmation_method=manual`).
    pub fn finish_three_d_secure(&self, id: &str, authenticated: bool, confirm_later: bool) {
        let mut state = self.state.lock().unwrap();
        if authenticated && confirm_later {
            state.authenticated.push(id.to_owned());
        }
        let intent = state.intents.get_mut(id).expect("known intent");
        intent["next_action"] = Value::Null;
        if !authenticated {
            intent["status"] = json!("requires_payment_method");
            intent["last_payment_error"] = json!({
                "type": "card_error",
                "code": "payment_intent_authentication_failure",
                "message": "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
                "doc_url": "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
            });
        } else if confirm_later {
            intent["status"] = json!("requires_confirmation");
        } else {
            settle(intent);
        }
    }

    /// A Stripe event of `kind` about `object`, as webhooks deliver it.
    pub fn event(&self, kind: &str, object: Value) -> String {
        let mut state = self.state.lock().unwrap();
        let id = state.id("evt");
        let created = state.now();
        json!({
            "id": id,
            "object": "event",
            "api_version": EXPECTED_VERSION,
            "created": created,
            "data": { "object": object },
            "livemode": false,
            "pending_webhooks": 1,
            "request": { "id": null, "idempotency_key": null },
            "type": kind,
        })
        .to_string()
    }

    async fn handle(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let (parts, body) = request.into_parts();
        let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let headers = parts
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_ascii_lowercase(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let query = parts.uri.query().map(|q| serde_urlencoded::from_str(q).expect("query")).unwrap_or_default();
        let recorded = Recorded {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query,
            headers,
            form: serde_urlencoded::from_bytes(&body).expect("form body"),
        };
        // Acting in a task of its own: a client that gives up does not stop Stripe from acting.
        let fake = self.clone();
        let (status, body, replayed, should_retry) =
            tokio::spawn(async move { fake.act(recorded).await }).await.unwrap();
        let mut response = Response::builder()
            .status(StatusCode::from_u16(status).unwrap())
            .header("content-type", "application/json")
            .header("request-id", "req_fake")
            .header("stripe-version", EXPECTED_VERSION);
        if replayed {
            response = response.header("idempotent-replayed", "true");
        }
        if let Some(should_retry) = should_retry {
            response = response.header("stripe-should-retry", if should_retry { "true" } else { "false" });
        }
        response.body(Full::new(Bytes::from(body.to_string()))).unwrap()
    }

    /// Acts on `request`: (status, body, whether it replays a stored answer, `Stripe-Should-Retry`).
    async fn act(&self, request: Recorded) -> (u16, Value, bool, Option<bool>) {
        let fault = {
            let mut state = self.state.lock().unwrap();
            state.requests.push(request.clone());
            state.faults.pop_front()
        };
        match fault {
            Some(Fault::Status(429)) => {
                let message = "Too many requests in a short time; slow down.";
                return (429, error("invalid_request_error", Some("rate_limit"), message, None), false, None);
            }
            Some(Fault::Status(status)) => {
                return (status, error("api_error", None, "Something went wrong on Stripe's end.", None), false, None)
            }
            Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
            Some(Fault::NoRetry) => {
                let body = error("api_error", None, "Something went wrong on Stripe's end.", None);
                return (500, body, false, Some(false));
            }
            Some(Fault::LockTimeout) => {
                let message = "This object cannot be accessed right now because another API request or Stripe process is currently accessing it.";
                return (409, error("invalid_request_error", Some("lock_timeout"), message, None), false, Some(true));
            }
            None => {}
        }
        if let Some(refusal) = check_headers(&request) {
            return (refusal.0, refusal.1, false, None);
        }
        let mut state = self.state.lock().unwrap();
        if request.method == "POST" {
            let key = request.header("idempotency-key").unwrap().to_owned();
            let mut sorted = request.form.clone();
            sorted.sort();
            let fingerprint = format!("{} {} {sorted:?}", request.method, request.path);
            if let Some((first, status, body)) = state.replies.get(&key) {
                if *first != fingerprint {
                    let message = format!(
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
                    );
                    return (400, error("idempotency_error", None, &message, None), false, None);
                }
                return (*status, body.clone(), true, None);
            }
            let (status, body) = route(&mut state, &request);
            state.replies.insert(key, (fingerprint, status, body.clone()));
            (status, body, false, None)
        } else {
            let (status, body) = route(&mut state, &request);
            (status, body, false, None)
        }
    }
}

/// What Stripe checks before acting: the key, the version pin, the content type, the idempotency key.
fn check_headers(request: &Recorded) -> Option<Answer> {
    if request.header("authorization") != Some(&format!("Bearer {API_KEY}")) {
        let message = "Invalid API Key provided: sk_test_****";
        return Some((401, error("invalid_request_error", None, message, None)));
    }
    if request.header("stripe-version") != Some(EXPECTED_VERSION) {
        return Some((400, error("invalid_request_error", None, "Invalid Stripe API version", None)));
    }
    if request.method == "POST" {
        if request.header("content-type") != Some("application/x-www-form-urlencoded") {
            return Some((400, error("invalid_request_error", None, "Expected a form-encoded body", None)));
        }
        if request.header("idempotency-key").is_none_or(str::is_empty) {
            return Some((
                400,
                error("invalid_request_error", None, "This test server requires an Idempotency-Key", None),
            ));
        }
    }
    None
}

fn error(kind: &str, code: Option<&str>, message: &str, param: Option<&str>) -> Value {
    let mut error = json!({ "type": kind, "message": message });
    if let Some(code) = code {
        error["code"] = json!(code);
        error["doc_url"] = json!(format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-")));
    }
    if let Some(param) = param {
        error["param"] = json!(param);
    }
    json!({ "error": error })
}

fn missing(kind: &str, id: &str, param: &str) -> Answer {
    (404, error("invalid_request_error", Some("resource_missing"), &format!("No such {kind}: '{id}'"), Some(param)))
}

fn unexpected_state(intent: &Value, action: &str) -> Answer {
    let status = intent["status"].as_str().unwrap_or_default();
    let message = format!("This PaymentIntent could not be {action} because it has a status of {status}.");
    let mut body = error("invalid_request_error", Some("payment_intent_unexpected_state"), &message, None);
    body["error"]["payment_intent"] = intent.clone();
    (400, body)
}

fn route(state: &mut State, request: &Recorded) -> Answer {
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("POST", ["v1", "payment_intents"]) => create_intent(state, request),
        ("GET", ["v1", "payment_intents", "search"]) => search_intents(state, request),
        ("GET", ["v1", "payment_intents", id]) => match state.intents.get(*id) {
            Some(intent) => (200, intent.clone()),
            None => missing("payment_intent", id, "intent"),
        },
        ("POST", ["v1", "payment_intents", id, action]) => intent_action(state, request, id, action),
        ("POST", ["v1", "refunds"]) => create_refund(state, request),
        ("GET", ["v1", "refunds", id]) => match state.refunds.get(*id) {
            Some(refund) => (200, refund.clone()),
            None => missing("refund", id, "refund"),
        },
        ("POST", ["v1", "setup_intents"]) => create_setup(state, request),
        ("GET", ["v1", "setup_intents", id]) => match state.setups.get(*id) {
            Some(setup) => (200, setup.clone()),
            None => missing("setup_intent", id, "intent"),
        },
        (method, _) => {
            let message = format!("Unrecognized request URL ({method}: {}).", request.path);
            (404, error("invalid_request_error", None, &message, None))
        }
    }
}

fn metadata(request: &Recorded) -> Value {
    let mut metadata = serde_json::Map::new();
    for (key, value) in &request.form {
        if let Some(name) = key.strip_prefix("metadata[").and_then(|k| k.strip_suffix(']')) {
            metadata.insert(name.to_owned(), json!(value));
        }
    }
    Value::Object(metadata)
}

fn positive_amount(request: &Recorded, field: &str) -> Result<Option<i64>, Answer> {
    match request.field(field) {
        None => Ok(None),
        Some(text) => match text.parse::<i64>() {
            Ok(amount) if amount > 0 => Ok(Some(amount)),
            _ => Err((
                400,
                error("invalid_request_error", Some("parameter_invalid_integer"), "Invalid integer", Some(field)),
            )),
        },
    }
}

/// A PaymentIntent whose payment went through: captured or waiting for capture.
fn settle(intent: &mut Value) {
    let amount = intent["amount"].as_i64().unwrap();
    if intent["capture_method"] == "manual" {
        intent["status"] = json!("requires_capture");
        intent["amount_capturable"] = json!(amount);
    } else {
        intent["status"] = json!("succeeded");
        intent["amount_received"] = json!(amount);
    }
    intent["latest_charge"] = json!(format!("ch_3Fake{}", &intent["id"].as_str().unwrap()[3..]));
}

/// Runs `intent`'s confirmation with its payment method; `Some` is a card error to answer with.
fn confirm(intent: &mut Value, return_url: Option<&str>) -> Option<Answer> {
    let declined = |code: &str, decline: Option<&str>, message: &str| {
        let mut last = json!({ "type": "card_error", "code": code, "message": message,
            "doc_url": format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-")) });
        if let Some(decline) = decline {
            last["decline_code"] = json!(decline);
        }
        last["charge"] = json!(format!("ch_3Fake{}", &intent["id"].as_str().unwrap()[3..]));
        last
    };
    let method = intent["payment_method"].as_str().unwrap_or_default().to_owned();
    let error = match method.as_str() {
        "pm_card_visa" => None,
        "pm_card_visa_chargeDeclined" => {
            Some(declined("card_declined", Some("generic_decline"), "Your card was declined."))
        }
        "pm_card_visa_chargeDeclinedInsufficientFunds" => {
            Some(declined("card_declined", Some("insufficient_funds"), "Your card has insufficient funds."))
        }
        "pm_card_fake_authenticationRequiredDecline" => Some(declined(
            "authentication_required",
            Some("authentication_required"),
            "Your card was declined. This transaction requires authentication.",
        )),
        "pm_card_threeDSecure2Required" => {
            intent["status"] = json!("requires_action");
            let id = intent["id"].as_str().unwrap().to_owned();
            intent["next_action"] = match return_url {
                Some(return_url) => json!({
                    "type": "redirect_to_url",
                    "redirect_to_url": {
                        "return_url": return_url,
                        "url": format!("https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_fake&payment_intent={id}"),
                    },
                }),
                None => json!({ "type": "use_stripe_sdk", "use_stripe_sdk": { "type": "three_d_secure_redirect" } }),
            };
            return None;
        }
        other => {
            let message = format!("No such PaymentMethod: '{other}'");
            return Some((
                400,
                error("invalid_request_error", Some("resource_missing"), &message, Some("payment_method")),
            ));
        }
    };
    match error {
        None => {
            settle(intent);
            None
        }
        Some(last) => {
            intent["status"] = json!("requires_payment_method");
            intent["last_payment_error"] = last.clone();
            let mut body = json!({ "error": last });
            body["error"]["payment_intent"] = intent.clone();
            Some((402, body))
        }
    }
}

fn create_intent(state: &mut State, request: &Recorded) -> Answer {
    let amount = match positive_amount(request, "amount") {
        Ok(Some(amount)) => amount,
        Ok(None) => {
            return (
                400,
                error(
                    "invalid_request_error",
                    Some("parameter_missing"),
                    "Missing required param: amount.",
                    Some("amount"),
                ),
            )
        }
        Err(answer) => return answer,
    };
    let currency = request.field("currency").unwrap_or_default();
    if currency.len() != 3 || currency.to_ascii_lowercase() != currency {
        return (
            400,
            error("invalid_request_error", Some("parameter_invalid_string"), "Invalid currency", Some("currency")),
        );
    }
    let capture_method = request.field("capture_method").unwrap_or("automatic_async");
    let id = state.id("pi");
    let created = state.now();
    let types: Vec<&str> =
        request.form.iter().filter(|(k, _)| k == "payment_method_types[]").map(|(_, v)| v.as_str()).collect();
    let mut intent = json!({
        "id": id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_received": 0,
        "canceled_at": null,
        "cancellation_reason": null,
        "capture_method": capture_method,
        "client_secret": format!("{id}_secret_fakeSecret"),
        "confirmation_method": "automatic",
        "created": created,
        "currency": currency,
        "description": request.field("description"),
        "last_payment_error": null,
        "latest_charge": null,
        "livemode": false,
        "metadata": metadata(request),
        "next_action": null,
        "payment_method": request.field("payment_method"),
        "payment_method_types": if types.is_empty() { vec!["card"] } else { types },
        "status": "requires_confirmation",
    });
    let return_url = request.field("return_url");
    if let Some(url) = return_url {
        state.return_urls.insert(id.clone(), url.to_owned());
    }
    let refusal = if request.field("confirm") == Some("true") { confirm(&mut intent, return_url) } else { None };
    let expanded = expand(&intent, request);
    state.intents.insert(id, intent);
    refusal.unwrap_or((200, expanded))
}

/// `intent` with `latest_charge` expanded when the request asked for it.
fn expand(intent: &Value, request: &Recorded) -> Value {
    let mut out = intent.clone();
    let wanted = request.form.iter().any(|(k, v)| k == "expand[]" && v == "latest_charge");
    if let (true, Some(charge)) = (wanted, intent["latest_charge"].as_str()) {
        out["latest_charge"] = json!({
            "id": charge,
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount_received"],
            "amount_refunded": 0,
            "captured": intent["status"] == "succeeded",
            "currency": intent["currency"],
            "paid": true,
            "payment_intent": intent["id"],
            "status": "succeeded",
        });
    }
    out
}

fn intent_action(state: &mut State, request: &Recorded, id: &str, action: &str) -> Answer {
    let created = state.now();
    let return_url = request.field("return_url").map(str::to_owned).or_else(|| state.return_urls.get(id).cloned());
    let authenticated = state.authenticated.iter().any(|a| a == id);
    let Some(intent) = state.intents.get_mut(id) else { return missing("payment_intent", id, "intent") };
    let status = intent["status"].as_str().unwrap_or_default().to_owned();
    match action {
        "capture" => {
            if status != "requires_capture" {
                return unexpected_state(intent, "captured");
            }
            let capturable = intent["amount_capturable"].as_i64().unwrap();
            let amount = match positive_amount(request, "amount_to_capture") {
                Ok(amount) => amount.unwrap_or(capturable),
                Err(answer) => return answer,
            };
            if amount > capturable {
                let message = "The amount to capture must be less than or equal to the amount capturable.";
                return (
                    400,
                    error("invalid_request_error", Some("amount_too_large"), message, Some("amount_to_capture")),
                );
            }
            intent["status"] = json!("succeeded");
            intent["amount_received"] = json!(amount);
            intent["amount_capturable"] = json!(0);
        }
        "cancel" => {
            let cancelable = [
                "requires_payment_method",
                "requires_capture",
                "requires_confirmation",
                "requires_action",
                "processing",
            ];
            if !cancelable.contains(&status.as_str()) {
                return unexpected_state(intent, "canceled");
            }
            intent["status"] = json!("canceled");
            intent["amount_capturable"] = json!(0);
            intent["canceled_at"] = json!(created);
            intent["cancellation_reason"] = json!(request.field("cancellation_reason"));
        }
        "confirm" => {
            if status != "requires_confirmation" {
                return unexpected_state(intent, "confirmed");
            }
            if authenticated {
                settle(intent);
            } else if let Some(refusal) = confirm(intent, return_url.as_deref()) {
                return refusal;
            }
        }
        _ => return (404, error("invalid_request_error", None, "Unrecognized request URL", None)),
    }
    (200, expand(intent, request))
}

fn search_intents(state: &mut State, request: &Recorded) -> Answer {
    let query = request.query.iter().find(|(k, _)| k == "query").map(|(_, v)| v.clone()).unwrap_or_default();
    let Some(wanted) = query.strip_prefix("metadata['order_reference']:'").and_then(|q| q.strip_suffix('\'')) else {
        return (
            400,
            error(
                "invalid_request_error",
                None,
                "This test server only searches metadata['order_reference']",
                Some("query"),
            ),
        );
    };
    let wanted = wanted.replace("\\'", "'").replace("\\\\", "\\");
    let mut found: Vec<Value> =
        state.intents.values().filter(|i| i["metadata"]["order_reference"] == wanted.as_str()).cloned().collect();
    found.sort_by_key(|i| std::cmp::Reverse(i["created"].as_i64()));
    (
        200,
        json!({
            "object": "search_result",
            "data": found,
            "has_more": false,
            "next_page": null,
            "url": "/v1/payment_intents/search",
        }),
    )
}

fn create_refund(state: &mut State, request: &Recorded) -> Answer {
    let Some(intent_id) = request.field("payment_intent") else {
        return (
            400,
            error(
                "invalid_request_error",
                Some("parameter_missing"),
                "Missing payment_intent or charge.",
                Some("payment_intent"),
            ),
        );
    };
    let Some(intent) = state.intents.get(intent_id).cloned() else {
        return missing("payment_intent", intent_id, "payment_intent");
    };
    if intent["status"] != "succeeded" {
        let message = format!("This PaymentIntent ({intent_id}) does not have a successful charge to refund.");
        return (400, error("invalid_request_error", Some("charge_not_refundable"), &message, None));
    }
    let refunded: i64 = state
        .refunds
        .values()
        .filter(|r| r["payment_intent"] == intent_id && r["status"] == "succeeded")
        .map(|r| r["amount"].as_i64().unwrap())
        .sum();
    let left = intent["amount_received"].as_i64().unwrap() - refunded;
    let amount = match positive_amount(request, "amount") {
        Ok(amount) => amount.unwrap_or(left),
        Err(answer) => return answer,
    };
    if amount > left {
        let message = format!("Refund amount ({amount}) is greater than unrefunded amount on charge ({left})");
        return (400, error("invalid_request_error", Some("amount_too_large"), &message, Some("amount")));
    }
    let id = state.id("re");
    let created = state.now();
    let refund = json!({
        "id": id,
        "object": "refund",
        "amount": amount,
        "balance_transaction": null,
        "charge": intent["latest_charge"],
        "created": created,
        "currency": intent["currency"],
        "metadata": metadata(request),
        "payment_intent": intent_id,
        "reason": request.field("reason"),
        "receipt_number": null,
        "status": "succeeded",
    });
    state.refunds.insert(id, refund.clone());
    (200, refund)
}

fn create_setup(state: &mut State, request: &Recorded) -> Answer {
    let id = state.id("seti");
    let created = state.now();
    let method = request.field("payment_method").unwrap_or_default();
    let mut setup = json!({
        "id": id,
        "object": "setup_intent",
        "client_secret": format!("{id}_secret_fakeSecret"),
        "created": created,
        "last_setup_error": null,
        "livemode": false,
        "metadata": metadata(request),
        "next_action": null,
        "payment_method": method,
        "payment_method_types": ["card"],
        "status": "succeeded",
        "usage": request.field("usage").unwrap_or("off_session"),
    });
    let answer = if method == "pm_card_visa_chargeDeclined" {
        let last = json!({ "type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
            "message": "Your card was declined." });
        setup["status"] = json!("requires_payment_method");
        setup["last_setup_error"] = last.clone();
        let mut body = json!({ "error": last });
        body["error"]["setup_intent"] = setup.clone();
        (402, body)
    } else {
        (200, setup.clone())
    };
    state.setups.insert(id, setup);
    answer
}
