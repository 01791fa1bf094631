//! A shop opened for a binding: the store at a URL, the plug-ins the binding built, and either the
//! system clock or a clock the caller sets by hand (tests, demos, a replayed shop day).

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;
use vitrina::OpenShop;
use vitrina_core::shop::{ManualClock, Plugins, Shop, ShopError};

use crate::CallError;

/// A [`Shop`] as a binding holds it, with its hand-set clock if it has one.
#[derive(Clone, Debug)]
pub struct OpenedShop {
    shop: Shop,
    clock: Option<Arc<ManualClock>>,
}

impl OpenedShop {
    /// Opens the store at `url` (`sqlite:shop.db`, `sqlite::memory:`, `postgres://…`) and a shop over
    /// it with `plugins`: on the system clock, or on a hand-set clock standing at `clock_at`.
    pub async fn open(url: &str, plugins: Plugins, clock_at: Option<Timestamp>) -> Result<OpenedShop, CallError> {
        let Some(at) = clock_at else {
            return Ok(OpenedShop { shop: Shop::open(url, plugins).await?, clock: None });
        };
        let store = vitrina::open_store(url).await.map_err(ShopError::from)?;
        let clock = Arc::new(ManualClock::new(at));
        Ok(OpenedShop { shop: Shop::with_clock(store, plugins, clock.clone()), clock: Some(clock) })
    }

    /// The shop itself.
    pub fn shop(&self) -> &Shop {
        &self.shop
    }

    /// Runs the use case `name` with `args` (see [`call`](crate::call)).
    pub async fn call(&self, name: &str, args: Value) -> Result<Value, CallError> {
        crate::call(&self.shop, name, args).await
    }

    /// [`call`](Self::call) with the arguments and result as JSON text, for bindings that pass strings.
    pub async fn call_json(&self, name: &str, args: &str) -> Result<String, CallError> {
        let args = if args.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(args).map_err(|error| ShopError::invalid("args", error.to_string()))?
        };
        let result = self.call(name, args).await?;
        Ok(result.to_string())
    }

    /// The shop's time now.
    pub fn now(&self) -> Timestamp {
        self.shop.now()
    }

    /// Sets the hand-set clock to `at`; `invalid` (`clock`) on the system clock.
    pub fn set_time(&self, at: Timestamp) -> Result<(), CallError> {
        self.manual_clock()?.set(at);
        Ok(())
    }

    /// Moves the hand-set clock forward by `by`; `invalid` (`clock`) on the system clock.
    pub fn advance(&self, by: SignedDuration) -> Result<(), CallError> {
        self.manual_clock()?.advance(by);
        Ok(())
    }

    fn manual_clock(&self) -> Result<&ManualClock, CallError> {
        self.clock.as_deref().ok_or_else(|| {
            ShopError::invalid("clock", "this shop runs on the system clock; open it with a start time to set it")
                .into()
        })
    }
}
