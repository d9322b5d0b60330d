//! Per-thread buffers kept from one document to the next, so that a batch allocates them once
//! per thread rather than once per document, and writes into memory still in the caches.

use std::cell::Cell;
use std::thread::LocalKey;

/// This thread's value in `key`, taken out: an empty one if a nested call holds it, or while
/// the thread ends. Its contents are whatever the last document left.
pub(crate) fn take<T: Default>(key: &'static LocalKey<Cell<T>>) -> T {
    key.try_with(Cell::take).unwrap_or_default()
}

/// Puts `value` back for the next document (dropped while the thread ends).
pub(crate) fn give<T>(key: &'static LocalKey<Cell<T>>, value: T) {
    // (fails only while the thread ends: the value is then freed)
    let _ = key.try_with(|c| c.set(value));
}
