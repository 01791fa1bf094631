//! A plug-in object written in JavaScript (a gateway, a courier, a mailer) called from the core's async
//! traits: its methods run on the JavaScript thread and every outcome, even a throw, comes back as data.
//!
//! The object is wrapped once by a small dispatcher `(text) => Promise<string>` called through a napi
//! `ThreadsafeFunction` (weak: it does not keep Node alive). The dispatcher awaits the method (a value
//! or a Promise) and always resolves with JSON text, so a throw or a rejection is a [`Reply::Failed`],
//! never a crash. Binary data (`Buffer`, typed arrays) in a result travels as an array of bytes.

use napi::bindgen_prelude::{Function, Object, Promise, Unknown};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::{Env, Status};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::convert::INVALID_INPUT;
use crate::errors::{err, Failure, JsKind};

/// Builds the dispatcher over a plug-in object, and describes the object.
const DISPATCHER: &str = r#"(function (target) {
  const bytes = (key, value) => {
    if (value && value.type === 'Buffer' && Array.isArray(value.data)) return value.data
    if (ArrayBuffer.isView(value)) return Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    return value
  }
  const dispatch = async function (text) {
    try {
      const { method, argument } = JSON.parse(text)
      if (typeof target[method] !== 'function') return JSON.stringify({ missing: {} })
      const result = await target[method](argument)
      return JSON.stringify({ result: result === undefined ? null : result }, bytes)
    } catch (e) {
      let message
      try { message = e instanceof Error ? e.message : String(e) } catch { message = 'unprintable error' }
      const kind = e instanceof Error ? e.name : typeof e
      const permanent = e !== null && typeof e === 'object' && e.permanent === true
      return JSON.stringify({ failed: { kind, message, permanent } })
    }
  }
  let name = typeof target.name === 'string' ? target.name : undefined
  if (name === undefined && target.constructor && target.constructor !== Object) name = target.constructor.name
  let capabilities = target.capabilities
  if (typeof capabilities === 'function') capabilities = capabilities.call(target)
  const methods = []
  for (let o = target; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) if (typeof target[key] === 'function') methods.push(key)
  }
  return [dispatch, JSON.stringify({ name: name || 'js', capabilities: capabilities || {}, methods })]
})"#;

type Dispatch = ThreadsafeFunction<String, Promise<String>, String, Status, false, true>;

/// What the object says about itself: its name, its `capabilities` and which methods it has.
#[derive(Deserialize)]
pub(crate) struct Described {
    pub(crate) name: String,
    pub(crate) capabilities: serde_json::Map<String, Value>,
    methods: Vec<String>,
}

impl Described {
    /// Whether the object has a method `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.methods.iter().any(|method| method == name)
    }
}

/// What a JavaScript method gave.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reply {
    /// The object has no such method.
    Missing {},
    /// The method's value (or what its Promise resolved to).
    Result(Value),
    /// The method threw or its Promise rejected: the error's name (or type) and message, and whether
    /// it says a retry cannot help (`error.permanent === true`).
    Failed {
        kind: String,
        message: String,
        #[serde(default)]
        permanent: bool,
    },
}

/// A JavaScript object the core calls through its methods.
pub(crate) struct JsPlugin {
    dispatch: Dispatch,
}

impl JsPlugin {
    /// Wraps `object` (on the JavaScript thread) and describes it.
    pub(crate) fn new(env: &Env, object: Object<'_>) -> napi::Result<(JsPlugin, Described)> {
        let factory: Function<Object<'_>, Unknown<'_>> = env.run_script(DISPATCHER)?;
        let pair: Vec<Unknown<'_>> = {
            let value = factory.call(object)?;
            // SAFETY: the dispatcher factory returns an array.
            unsafe { value.cast()? }
        };
        let [dispatch, described] = <[Unknown<'_>; 2]>::try_from(pair)
            .map_err(|_| napi::Error::from_reason("the plug-in dispatcher returned no pair"))?;
        // SAFETY: the factory returns `[function, string]`.
        let dispatch: Function<'_, String, Promise<String>> = unsafe { dispatch.cast()? };
        let described: String = unsafe { described.cast()? };
        let described: Described =
            serde_json::from_str(&described).map_err(|e| napi::Error::from_reason(e.to_string()))?;
        let dispatch = dispatch.build_threadsafe_function().callee_handled::<false>().weak::<true>().build()?;
        Ok((JsPlugin { dispatch }, described))
    }

    /// Calls `method(argument)` on the JavaScript object and awaits it.
    pub(crate) async fn call(&self, method: &str, argument: Value) -> Reply {
        let text = json!({ "method": method, "argument": argument }).to_string();
        let failed = |message: String| Reply::Failed { kind: "Error".into(), message, permanent: false };
        let promise = match self.dispatch.call_async(text).await {
            Ok(promise) => promise,
            Err(e) => return failed(e.reason),
        };
        match promise.await {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| failed(e.to_string())),
            Err(e) => failed(e.reason),
        }
    }
}

/// The `capabilities` the object gave, over `defaults` (snake_case keys), as the core's type; a
/// field of the wrong type is `VITRINA_INVALID_INPUT` naming `<what>.capabilities`.
pub(crate) fn capabilities<T: serde::Serialize + serde::de::DeserializeOwned>(
    env: &Env,
    defaults: T,
    described: &Described,
    what: &str,
) -> napi::Result<T> {
    let mut merged = serde_json::to_value(defaults).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    if let Value::Object(fields) = &mut merged {
        fields.extend(described.capabilities.clone());
    }
    serde_json::from_value(merged).map_err(|e| {
        err(env, Failure::binding(JsKind::Error, INVALID_INPUT, &format!("{what}.capabilities"), e.to_string()))
    })
}
