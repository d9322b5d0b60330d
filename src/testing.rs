//! What the unit tests share.

/// The next number of a xorshift generator (and its new state): repeatable pseudo-random
/// test cases, the same on every machine.
pub(crate) fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}
