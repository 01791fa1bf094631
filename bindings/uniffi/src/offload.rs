//! Running blocking work (tantivy indexing, committing and searching) off the caller's thread, without
//! an async runtime.
//!
//! uniffi polls a Rust future on the thread of the foreign caller: the Kotlin coroutine or Swift task
//! that awaits it. Work done inside `poll` would therefore block that thread (an app's main thread).
//! [`offload`] runs the work on a thread of its own and returns a future that is woken when the work
//! is done, so the caller is suspended, never blocked. No tokio or other executor is involved: the
//! foreign side's own async machinery drives the future, the work runs on a plain `std::thread`.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

/// Where the worker leaves its result and finds the waker of the task awaiting it.
struct Slot<T> {
    result: Option<Result<T, String>>,
    waker: Option<Waker>,
}

fn lock<T>(slot: &Mutex<Slot<T>>) -> MutexGuard<'_, Slot<T>> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The result of work running on another thread: `Err` carries a panic's message.
pub(crate) struct Offloaded<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for Offloaded<T> {
    type Output = Result<T, String>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = lock(&self.slot);
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Starts `work` on a new thread named `name`. `Err` when the thread cannot be started; the future
/// resolves to `Err` with the panic message if the work panics.
pub(crate) fn offload<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Offloaded<T>, String> {
    let slot = Arc::new(Mutex::new(Slot { result: None, waker: None }));
    let shared = Arc::clone(&slot);
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "worker panicked".to_owned())
            });
            let waker = {
                let mut slot = lock(&shared);
                slot.result = Some(result);
                slot.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        })
        .map_err(|e| format!("cannot start a worker thread: {e}"))?;
    Ok(Offloaded { slot })
}

/// Wakes a parked thread.
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Drives `future` to completion on the current thread (a worker thread started by [`offload`]),
/// parking between polls. The search index's futures complete without waiting on anything, so this
/// normally polls once.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offloaded_work_runs_on_another_thread_and_wakes_the_awaiting_task() {
        let caller = std::thread::current().id();
        let future = offload("test-worker", move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            (std::thread::current().id() != caller, std::thread::current().name().map(str::to_owned))
        })
        .unwrap();
        let (elsewhere, name) = block_on(future).unwrap();
        assert!(elsewhere);
        assert_eq!(name.as_deref(), Some("test-worker"));
    }

    #[test]
    fn a_panic_in_the_work_is_an_error_not_a_hang() {
        let future = offload("test-worker", || -> u32 { panic!("index corrupt") }).unwrap();
        assert_eq!(block_on(future), Err("index corrupt".to_owned()));
    }
}
