//! A local stand-in for Econt's services on 127.0.0.1, started by each test: it answers scripted
//! replies per path and records every request (method, path, Basic auth, JSON body) for the checks.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use vitrina_couriers_econt::{EcontConfig, EcontSender};

/// The user name the tests configure.
pub const USER: &str = "vitrina-shop";
/// The password the tests configure.
pub const PASSWORD: &str = "s3cret-pass";

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST`, `GET`.
    pub method: String,
    /// The path, from the server's root (`/Shipments/LabelService.createLabel.json`).
    pub path: String,
    /// The `Authorization` header.
    pub authorization: Option<String>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The body as text.
    pub text: String,
}

impl Recorded {
    /// The body as JSON (`null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or(serde_json::Value::Null)
    }

    /// The user name and password of the Basic `Authorization` header.
    pub fn basic_credentials(&self) -> Option<(String, String)> {
        let encoded = self.authorization.as_deref()?.strip_prefix("Basic ")?;
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (user, password) = text.split_once(':')?;
        Some((user.to_owned(), password.to_owned()))
    }
}

/// A scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    /// `200` with a JSON body.
    pub fn json(body: serde_json::Value) -> Reply {
        Reply::status(200, body)
    }

    /// A JSON body with another status (Econt refuses with 517).
    pub fn status(status: u16, body: serde_json::Value) -> Reply {
        Reply { status, content_type: "application/json", body: body.to_string().into_bytes(), delay: Duration::ZERO }
    }

    /// A raw body (a PDF, a proxy's HTML error page).
    pub fn raw(status: u16, content_type: &'static str, body: &[u8]) -> Reply {
        Reply { status, content_type, body: body.to_vec(), delay: Duration::ZERO }
    }

    /// The same answer after `delay`.
    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

#[derive(Default)]
struct State {
    replies: HashMap<String, VecDeque<Reply>>,
    recorded: Vec<Recorded>,
}

/// The running server.
pub struct MockEcont {
    /// Its base URL (`http://127.0.0.1:PORT/services/`).
    pub base_url: String,
    address: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl MockEcont {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> MockEcont {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let address = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(request, Arc::clone(&state)));
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        MockEcont { base_url: format!("http://{address}/services/"), address, state }
    }

    /// The URL of `path` on this server (for links Econt hands out, like `pdfURL`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Queues `reply` for the next request to the service `path` (`Shipments/LabelService.createLabel.json`
    /// or an absolute path like `/labels/1.pdf`).
    pub fn reply(&self, path: &str, reply: Reply) {
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/services/{path}") };
        self.state.lock().unwrap().replies.entry(path).or_default().push_back(reply);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().recorded.clone()
    }

    /// The requests to the service `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        let full = format!("/services/{path}");
        self.requests().into_iter().filter(|r| r.path == full).collect()
    }

    /// A configuration pointing at this server with the test credentials, a short timeout and fast
    /// retries.
    pub fn config(&self, sender: EcontSender) -> EcontConfig {
        let mut config = EcontConfig::new(USER, PASSWORD, sender).with_base_url(self.base_url.clone());
        config.timeout = Duration::from_millis(400);
        config.retry_backoff = Duration::from_millis(5);
        config
    }
}

async fn answer(request: Request<Incoming>, state: Arc<Mutex<State>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let authorization = header("authorization");
    let content_type = header("content-type");
    let body = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let recorded = Recorded {
        method,
        path: path.clone(),
        authorization,
        content_type,
        text: String::from_utf8_lossy(&body).into_owned(),
    };
    let reply = {
        let mut state = state.lock().unwrap();
        state.recorded.push(recorded.clone());
        state.replies.get_mut(&path).and_then(VecDeque::pop_front)
    };
    let reply = match reply {
        // Econt's services answer only authenticated JSON POSTs.
        Some(_) if path.starts_with("/services/") && recorded.method != "POST" => {
            econt_error(405, "ExInvalidMethod", "POST only")
        }
        Some(_)
            if path.starts_with("/services/")
                && recorded.basic_credentials() != Some((USER.into(), PASSWORD.into())) =>
        {
            econt_error(401, "ExAccessDenied", "Invalid username and/or password.")
        }
        Some(reply) => reply,
        None => econt_error(404, "ExNoSuchService", &format!("nothing scripted for {path}")),
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let response = Response::builder()
        .status(reply.status)
        .header("content-type", reply.content_type)
        .body(Full::new(Bytes::from(reply.body)))
        .expect("a valid response");
    Ok(response)
}

fn econt_error(status: u16, kind: &str, message: &str) -> Reply {
    Reply::status(status, serde_json::json!({ "type": kind, "message": message, "fields": [], "innerErrors": [] }))
}
