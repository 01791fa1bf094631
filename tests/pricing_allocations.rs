//! How many heap allocations one pricing makes, counted by a global allocator that wraps the system
//! one. The bounds fail the test when pricing starts allocating per line or per promotion again.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use vitrina::cart::Cart;
use vitrina::pricing::Pricer;

#[path = "support/pricing_carts.rs"]
mod pricing_carts;
use pricing_carts::{basic_promotions, busy_promotions, cart, catalog, context, rules};

/// The system allocator, counting the allocations made on each thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with` so an allocation while the thread is torn down is not counted rather than a panic.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`; counting touches no allocated memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: `ptr` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made on this thread while `f` runs.
fn allocations<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

/// Allocations of one pricing of `cart` (after a first pricing, so one-time work is not counted).
fn allocations_per_pricing(pricer: &Pricer, cart: &Cart) -> u64 {
    let context = context();
    pricer.price(cart, &context).expect("priced");
    let (count, priced) = allocations(|| pricer.price(cart, &context).expect("priced"));
    assert_eq!(priced.lines.len(), cart.lines.len());
    count
}

/// The allocations a pricing cannot avoid: the priced cart's cart id, the line shares of each applied
/// promotion, and its vectors. Line ids and promotion texts are shared with the cart and the pricer,
/// so nothing is allocated per line.
fn floor(applied: u64) -> u64 {
    1 + applied + 4
}

#[test]
fn pricing_allocates_a_bounded_number_of_times() {
    // Room over the output's own allocations: a few scratch buffers per pricing, and for the busy
    // cart what its buy-x-get-y and across splits need. Before the scratch buffers were shared the
    // counts were 22, 329, 3035 and 571; before the ids and promotion texts were shared (three
    // `String`s per line, four per applied promotion), 20, 318, 3018 and 421.
    let mut counts = Vec::new();
    for lines in [1usize, 100, 1000] {
        let pricer = Pricer::new(catalog(lines), rules(basic_promotions())).expect("valid rules");
        let count = allocations_per_pricing(&pricer, &cart(lines, vec![]));
        counts.push((format!("{lines} lines, 2 promotions"), count, floor(2), 8));
    }
    let pricer = Pricer::new(catalog(100), rules(busy_promotions())).expect("valid rules");
    let coupons = (0..20).step_by(4).map(|k| format!("CODE{k}")).collect();
    let count = allocations_per_pricing(&pricer, &cart(100, coupons));
    counts.push(("100 lines, 20 promotions, 5 coupons".to_owned(), count, floor(20), 56));
    for (case, count, floor, _) in &counts {
        eprintln!("{case}: {count} allocations (the output alone needs about {floor})");
    }
    for (case, count, floor, room) in counts {
        let bound = floor + room;
        assert!(count <= bound, "{case}: {count} allocations, expected at most {bound}");
    }
}
