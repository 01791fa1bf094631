//! Promises over the core's async work: the future runs on napi's tokio runtime and settles on the
//! JavaScript thread, where a refusal becomes a Vitrina error with its stable `.code`.

use std::future::Future;

use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::Env;

use crate::errors::{err, Failure};

/// Runs `work` and settles the returned Promise with `convert(env, value)`, or rejects it with the
/// JavaScript error of the core's refusal.
pub(crate) fn settle<'env, T, E, V, F, C>(env: &'env Env, work: F, convert: C) -> napi::Result<PromiseRaw<'env, V>>
where
    T: 'static + Send,
    E: 'static + Send + Into<Failure>,
    V: ToNapiValue,
    F: 'static + Send + Future<Output = Result<T, E>>,
    C: 'static + FnOnce(&'env Env, T) -> napi::Result<V>,
{
    env.spawn_future_with_callback(async move { Ok(work.await) }, move |env, result| match result {
        Ok(value) => convert(env, value),
        Err(e) => Err(err(env, e)),
    })
}
