//! `ShopHandle`: the core's whole use-case layer for Kotlin and Swift, through `vitrina-bridge`: a store
//! opened by URL with plug-ins written in the app's language, every use case called by name with JSON.
//!
//! The typed Kotlin layer (`dev.vitrina.shop.Shop`, generated from `api.json` by `generate.py`) is
//! built on `call`; apps use that layer, not this one. The store (sqlx) needs tokio, so every call runs
//! on one tokio runtime owned by the library, and the foreign caller only awaits its result: a Kotlin
//! coroutine or Swift task is suspended, never blocked.

use std::future::Future;
use std::sync::{Arc, OnceLock};

use jiff::{SignedDuration, Timestamp};
use tokio::runtime::Runtime;
use vitrina_bridge::{CallError, OpenedShop};

use crate::plugins::ShopPlugins;

/// A use case that failed: the core's stable `code`, the `field` it concerns and the `domain` it
/// comes from. The generated layer raises it as the `ShopException` subclass of its domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ShopCallError {
    /// The one kind of failure; `domain` tells which part of the core refused.
    #[error("{detail}")]
    Failed {
        /// The core's stable snake_case code (`zero_quantity`, `not_found`, `invalid`).
        code: String,
        /// The input field concerned (`quantity`, `lines[0].quantity`), when there is one.
        field: Option<String>,
        /// The part of the core the failure comes from (`cart`, `payment`, `shop`).
        domain: String,
        /// The human-readable message.
        detail: String,
        /// True when the outcome of a money movement is unknown: repeat with the same key.
        outcome_unknown: bool,
        /// True when the call lost a race to another writer: read again and retry.
        conflict: bool,
    },
}

impl From<CallError> for ShopCallError {
    fn from(error: CallError) -> ShopCallError {
        ShopCallError::Failed {
            code: error.code,
            field: error.field,
            domain: error.domain,
            detail: error.message,
            outcome_unknown: error.outcome_unknown,
            conflict: error.conflict,
        }
    }
}

impl ShopCallError {
    /// An `invalid` input of the binding itself (a time or duration that does not parse), naming `field`.
    pub(crate) fn invalid(field: &str, reason: impl std::fmt::Display) -> ShopCallError {
        ShopCallError::Failed {
            code: "invalid".to_owned(),
            field: Some(field.to_owned()),
            domain: "shop".to_owned(),
            detail: format!("{field}: {reason}"),
            outcome_unknown: false,
            conflict: false,
        }
    }
}

/// The tokio runtime every shop call runs on (sqlx needs one), started on first use.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("vitrina-shop")
            .enable_all()
            .build()
            .expect("the tokio runtime of the shop starts")
    })
}

/// Runs `work` on the shop's runtime and awaits it from whatever drives the caller's future; a panic
/// in `work` is resumed here, where uniffi turns it into the foreign language's internal error.
async fn on_runtime<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    match runtime().spawn(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

fn timestamp(field: &str, text: &str) -> Result<Timestamp, ShopCallError> {
    text.parse().map_err(|error| ShopCallError::invalid(field, error))
}

/// A shop opened over a store, with its plug-ins and its clock.
#[derive(Debug, uniffi::Object)]
pub struct ShopHandle {
    opened: OpenedShop,
}

#[uniffi::export]
impl ShopHandle {
    /// Opens the store at `url` (`sqlite::memory:`, `sqlite:shop.db`, `postgres://…`) and a shop over
    /// it with `plugins`: on the system clock, or on a hand-set clock standing at `clock_at` (RFC 3339,
    /// `2026-04-14T07:00:00Z`).
    #[uniffi::constructor]
    pub async fn open(
        url: String,
        plugins: Arc<ShopPlugins>,
        clock_at: Option<String>,
    ) -> Result<Arc<ShopHandle>, ShopCallError> {
        let clock_at = clock_at.map(|at| timestamp("clock_at", &at)).transpose()?;
        let plugins = plugins.build();
        let opened = on_runtime(async move { OpenedShop::open(&url, plugins, clock_at).await }).await?;
        Ok(Arc::new(ShopHandle { opened }))
    }

    /// Runs the use case `name` (`carts.add_line`) with `args_json`, a JSON object of its named
    /// arguments (`{"cart_id": "…", "variant_id": "…", "quantity": 2}`), and answers its result as JSON
    /// text (`null` for none).
    pub async fn call(&self, name: String, args_json: String) -> Result<String, ShopCallError> {
        let opened = self.opened.clone();
        Ok(on_runtime(async move { opened.call_json(&name, &args_json).await }).await?)
    }

    /// The shop's time now (RFC 3339).
    pub fn now(&self) -> String {
        self.opened.now().to_string()
    }

    /// Sets the hand-set clock to `at` (RFC 3339); `invalid` (`clock`) on the system clock.
    pub fn set_time(&self, at: String) -> Result<(), ShopCallError> {
        Ok(self.opened.set_time(timestamp("at", &at)?)?)
    }

    /// Moves the hand-set clock forward by `by` (ISO 8601, `PT2H`); `invalid` (`clock`) on the system
    /// clock.
    pub fn advance(&self, by: String) -> Result<(), ShopCallError> {
        let by: SignedDuration = by.parse().map_err(|error| ShopCallError::invalid("by", error))?;
        Ok(self.opened.advance(by)?)
    }
}
