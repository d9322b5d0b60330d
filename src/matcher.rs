//! Dictionary matching: every form of every lexicon entry, found on token boundaries in the
//! text as its normalized copy would read, by hashing the folded text from each token start
//! up to each following boundary and looking the hash up in a table of the forms' prefixes.

use crate::error::{Error, Result};
use crate::lexicon::{plurals_of, LexiconEntry};
use crate::normalize::{fold, normalize_form, same_keeping_case};
use crate::span::Span;
use crate::tokenizer::{has_zero_byte, load16, load8, Token, TokenKind, HI_BITS, LO_BITS};
use rustc_hash::FxHashMap;

/// Whether `b[s..e]` holds a `-` or a non-ASCII byte (a superset of the words that hold a
/// hyphen), eight bytes at a time.
#[inline]
fn hyphen_or_wide(b: &[u8], s: usize, e: usize) -> bool {
    const HYPHENS: u64 = LO_BITS * b'-' as u64;
    let mut i = s;
    while i < e {
        // bytes past `e` read as zeros, which are not hyphens
        let w = load8(b, i, e - i);
        if w & HI_BITS != 0 || has_zero_byte(w ^ HYPHENS) {
            return true;
        }
        i += 8;
    }
    false
}

/// Token boundaries of a text, in order: the stretches where a dictionary match may start
/// and end. Each non-space token is a stretch; a hyphenated word is one stretch per part,
/// so that a match may end before a hyphen or start after one ("China-made").
#[derive(Clone)]
struct Stretches<'t> {
    b: &'t [u8],
    tokens: &'t [Token],
    /// The next token to read.
    next: usize,
    /// Inside a hyphenated word: where its next part starts, and the word's end.
    part: Option<(usize, usize)>,
}

impl<'t> Stretches<'t> {
    fn new(text: &'t str, tokens: &'t [Token]) -> Stretches<'t> {
        Stretches {
            b: text.as_bytes(),
            tokens,
            next: 0,
            part: None,
        }
    }

    /// The part of a word that starts at `from` and ends at the first hyphen from `scan` on,
    /// or at the word's `end`.
    fn part(&mut self, from: usize, scan: usize, end: usize) -> (usize, usize) {
        let b = self.b;
        for p in scan..end {
            let hl = if b[p] == b'-' {
                1
            } else if b[p] == 0xE2
                && p + 2 < end
                && b[p + 1] == 0x80
                && (b[p + 2] == 0x90 || b[p + 2] == 0x91)
            {
                3
            } else {
                0
            };
            if hl > 0 {
                self.part = Some((p + hl, end));
                return (from, p);
            }
        }
        self.part = None;
        (from, end)
    }
}

/// The `n` bytes (1 to 8) of token `t` if it is a short stretch ([`Bytes::Short`]): one
/// load tells a plain ASCII word (a word holds no backtick, so only other tokens are checked
/// for one).
#[inline(always)]
fn short_bytes(b: &[u8], t: &Token, n: usize) -> Option<u64> {
    const HYPHENS: u64 = LO_BITS * b'-' as u64;
    const BACKTICKS: u64 = LO_BITS * b'`' as u64;
    let lo = load_short(b, t.start, n);
    let odd = if t.kind == TokenKind::Word {
        HYPHENS
    } else {
        BACKTICKS
    };
    // no byte beyond ASCII, and then (no borrow crosses a byte) no byte equal to `odd`
    (((lo ^ odd).wrapping_sub(LO_BITS) | lo) & HI_BITS == 0).then_some(lo)
}

/// A mask of the low `n` bytes (1 to 8) of a word.
#[inline(always)]
fn low_bytes(n: usize) -> u64 {
    u64::MAX >> (64 - 8 * n)
}

/// The `n` bytes (1 to 8) of `b` from `i` on, as [`load8`] loads them: one load and a mask
/// where eight bytes are left in `b` (as they are for most tokens of a text).
#[inline(always)]
fn load_short(b: &[u8], i: usize, n: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("eight bytes")) & low_bytes(n),
        None => load8(b, i, n),
    }
}

impl Stretches<'_> {
    /// The next stretch that is not short ([`Bytes::Short`]) or that `may_start(bytes, n)`,
    /// and whether it is one of the latter: the same as reading the stretches one by one
    /// and turning away the short ones that may not start, without making a stretch of each
    /// (most tokens start no walk).
    #[inline(always)]
    fn next_start(&mut self, may_start: impl Fn(u64, usize) -> bool) -> Option<(Stretch, bool)> {
        if self.part.is_none() {
            while let Some(t) = self.tokens.get(self.next) {
                if !t.is_space() {
                    let n = t.end - t.start;
                    // (a token is never empty; were one, it would be read by `next`)
                    if n.wrapping_sub(1) >= 8 {
                        break;
                    }
                    let Some(lo) = short_bytes(self.b, t, n) else {
                        break;
                    };
                    if may_start(lo, n) {
                        self.next += 1;
                        return Some(((t.start, t.end, Bytes::Short(lo)), true));
                    }
                }
                self.next += 1;
            }
        }
        Some((self.next()?, false))
    }
}

/// What a walk knows of a stretch's bytes.
#[derive(Clone, Copy, Debug)]
enum Bytes {
    /// 1 to 8 ASCII bytes without a backtick (nor a hyphen, in a word), as [`load8`] loaded
    /// them: their key is [`short_key`], made only for the few stretches that get past
    /// [`StepBy::may_start`] (most get no further, and need no key).
    Short(u64),
    /// The stretch's [`WordKey`], if it is a short ASCII word.
    Key(Option<WordKey>),
}

impl Bytes {
    /// The key of a stretch of `n` bytes with these bytes.
    #[inline]
    fn key(self, n: usize) -> Option<WordKey> {
        match self {
            Bytes::Short(lo) => Some(short_key(lo, n)),
            Bytes::Key(key) => key,
        }
    }
}

/// A stretch, and what is known of its bytes.
type Stretch = (usize, usize, Bytes);

impl Iterator for Stretches<'_> {
    type Item = Stretch;

    // inlined in the walks: one call per stretch costs as much as the rest of the step
    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        const HYPHENS: u64 = LO_BITS * b'-' as u64;
        let b = self.b;
        if let Some((from, end)) = self.part {
            let (s, e) = self.part(from, from, end);
            return Some((s, e, Bytes::Key(word_key(b, s, e))));
        }
        loop {
            let t = self.tokens.get(self.next)?;
            self.next += 1;
            if t.is_space() {
                continue;
            }
            let n = t.end - t.start;
            if n <= 8 {
                if let Some(lo) = short_bytes(b, t, n) {
                    return Some((t.start, t.end, Bytes::Short(lo)));
                }
            } else if n <= 16 {
                let (lo, hi) = load16(b, t.start, n);
                if t.kind != TokenKind::Word
                    || ((lo | hi) & HI_BITS == 0
                        && !has_zero_byte(lo ^ HYPHENS)
                        && !has_zero_byte(hi ^ HYPHENS))
                {
                    return Some((t.start, t.end, Bytes::Key(key_of(lo, hi, n))));
                }
            }
            if t.kind == TokenKind::Word && hyphen_or_wide(b, t.start, t.end) {
                let (s, e) = self.part(t.start, t.start + 1, t.end);
                return Some((s, e, Bytes::Key(word_key(b, s, e))));
            }
            return Some((t.start, t.end, Bytes::Key(word_key(b, t.start, t.end))));
        }
    }
}

/// Whether `b[s..e]` lies in a line written wholly in capitals (a wire-service headline: no
/// ASCII lower-case letter and at least eight capitals): there case says nothing, so
/// case-sensitive forms ("IT", "US", "Apple") do not match in it. Lines end at `\n`.
pub(crate) fn in_shouting_line(b: &[u8], s: usize, e: usize) -> bool {
    // The line is read from the match outwards, back to its start and on to its end: nearly
    // always a lower-case letter a few bytes away settles it (a line is often a paragraph of
    // hundreds of bytes, not worth finding the ends of first).
    let mut caps = 0;
    for &c in b[..s].iter().rev().take_while(|&&c| c != b'\n') {
        if c.is_ascii_lowercase() {
            return false;
        }
        caps += usize::from(c.is_ascii_uppercase());
    }
    let mut end = s;
    for &c in b[s..].iter().take_while(|&&c| c != b'\n') {
        if c.is_ascii_lowercase() {
            return false;
        }
        caps += usize::from(c.is_ascii_uppercase());
        end += 1;
    }
    e <= end && caps >= 8
}

/// Which entry a pattern stands for, and, for a case-sensitive form, the form itself.
#[derive(Debug)]
struct Target {
    entry: u32,
    exact: Option<Box<str>>,
}

/// A lexicon match: the entry's index and the span in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexMatch {
    /// Span in the original text.
    pub span: Span,
    /// Index of the entry in the extractor's entry list.
    pub entry: u32,
}

/// Short English words that, in capitals, read like acronyms ("IT", "WHO", "US" is kept: in
/// capitals it is nearly always the country).
const ENGLISH_WORDS: &[&str] = &[
    "A", "AM", "AN", "AND", "ANY", "ARE", "AS", "AT", "BE", "BUT", "BY", "CAN", "DO", "FOR", "GO",
    "HAD", "HAS", "HE", "HIS", "IF", "IN", "IS", "IT", "ITS", "ME", "MY", "NEW", "NO", "NOT",
    "NOW", "OF", "OK", "ON", "ONE", "OR", "OUR", "OUT", "SHE", "SO", "THE", "TO", "UP", "WAS",
    "WE", "WHO", "WILL", "YOU", "ALL", "AIM", "ACT", "ARM", "ART", "BAN", "BIG", "BID", "CUT",
    "DUE", "END", "FED", "FIT", "GAP", "GET", "HIT", "KEY", "LAW", "LED", "LET", "MAN", "NET",
    "OIL", "OFF", "OWN", "PAY", "PUT", "RAN", "RUN", "SAY", "SEE", "SET", "SIT", "TAX", "TOP",
    "TRY", "TWO", "USE", "WAR", "WAY", "WIN", "WON", "YES", "YET",
];

pub(crate) fn is_english_word(form: &str) -> bool {
    // every listed word is one to four capitals: most forms fail that before the list is read
    form.len() <= 4 && form.bytes().all(|b| b.is_ascii_uppercase()) && ENGLISH_WORDS.contains(&form)
}

/// The compiled dictionary.
#[derive(Debug)]
pub struct Matcher {
    /// Every distinct folded form.
    patterns: Vec<String>,
    /// For the hash of each prefix of a pattern that ends where a token may end: the pattern
    /// that ends there, or [`NO_PATTERN`], with [`GOES_ON`] set when a longer one continues.
    nodes: FxHashMap<u64, u32>,
    /// Hashes shared by two or more whole patterns (astronomically rare; checked anyway).
    collisions: FxHashMap<u64, Vec<u32>>,
    /// A bit for each key of `nodes`: one bit test rules out most lookups.
    bloom: Bloom,
    /// Folded first bytes of the patterns: a walk from any other ASCII byte finds nothing.
    first: [bool; 256],
    /// The steps of walks across short ASCII pieces, by their bytes: most steps, without
    /// hashing the piece byte by byte.
    steps: Steps,
    /// The steps as they were looked up before [`Steps`]: the reference of the tests.
    #[cfg(test)]
    old_steps: OldSteps,
    targets: Vec<Vec<Target>>,
}

/// A Bloom filter of one hash function over 64-bit keys (already hashed).
#[derive(Clone, Debug)]
struct Bloom {
    bits: Vec<u64>,
    shift: u32,
}

impl Bloom {
    /// A filter of `keys`, with at least 16 bits per key.
    fn new(keys: impl ExactSizeIterator<Item = u64> + Clone) -> Bloom {
        let n = (keys.len() * 16).next_power_of_two().max(1 << 12);
        let mut bloom = Bloom {
            bits: vec![0u64; n / 64],
            shift: 64 - n.trailing_zeros(),
        };
        for h in keys {
            let i = bloom.index(h);
            bloom.bits[i / 64] |= 1 << (i % 64);
        }
        bloom
    }

    #[inline]
    fn index(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let i = self.index(h);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The bytes of an ASCII stretch of 1 to 16 bytes, lower-cased, packed in two words with the
/// top bit of the last byte set to mark the end.
type WordKey = (u64, u64);

/// Lower-cases the ASCII letters of eight ASCII bytes.
#[inline]
fn ascii_lower8(w: u64) -> u64 {
    // no sum carries out of its byte: every byte is below 0x80
    let ge_a = w + (0x80 - b'A' as u64) * LO_BITS;
    let gt_z = w + (0x80 - (b'Z' as u64 + 1)) * LO_BITS;
    w | ((ge_a & !gt_z & HI_BITS) >> 2)
}

/// The key of the `n` bytes (1 to 16) loaded by [`load16`] as [`Folder`] would fold them, if
/// they are ASCII without a backtick (which folds to `'`); `None` for any other stretch.
#[inline]
fn key_of(lo: u64, hi: u64, n: usize) -> Option<WordKey> {
    const BACKTICKS: u64 = LO_BITS * b'`' as u64;
    // bytes past the end are zeros, which are not backticks
    if (lo | hi) & HI_BITS != 0
        || has_zero_byte(lo ^ BACKTICKS)
        || (n > 8 && has_zero_byte(hi ^ BACKTICKS))
    {
        return None;
    }
    Some(if n <= 8 {
        short_key(lo, n)
    } else {
        (ascii_lower8(lo), ascii_lower8(hi) | 0x80 << (8 * (n - 9)))
    })
}

/// The key of 1 to 8 ASCII bytes without a backtick, loaded by [`load8`].
#[inline]
fn short_key(lo: u64, n: usize) -> WordKey {
    (ascii_lower8(lo) | 0x80 << (8 * (n - 1)), 0)
}

/// The `n` bytes (1 to 8) of a short stretch ([`Bytes::Short`]) with bit 5 set in each: alike
/// for every case of a word (a capital is its lower-case letter without bit 5), so that the
/// filters of first steps are asked before any key is made. Other bytes that differ only in
/// bit 5 (`@` and `` ` ``, `[` and `{`) read alike too: such a stretch may then pass a filter
/// by chance, which costs a look-up, nothing more. The length is in the value: the bytes past
/// it are 0, the stretch's never.
#[inline]
fn caseless(lo: u64, n: usize) -> u64 {
    lo | (LO_BITS * 0x20) & low_bytes(n)
}

/// [`caseless`] of the bytes whose [`short_key`] is `lo` (the key of a short stretch).
fn caseless_of_key(lo: u64) -> u64 {
    // the end mark is the top bit of the last byte
    let n = 8 - lo.leading_zeros() as usize / 8;
    caseless(lo & !(0x80 << (8 * (n - 1))), n)
}

/// The key of `b[s..e]`, if it is 1 to 16 ASCII bytes without a backtick.
#[inline]
fn word_key(b: &[u8], s: usize, e: usize) -> Option<WordKey> {
    let n = e - s;
    if n == 0 || n > 16 {
        return None;
    }
    let (lo, hi) = load16(b, s, n);
    key_of(lo, hi, n)
}

/// The key of the piece `b[end..e]` ([`word_key`]): the stretch `b[s..e]`, whose key is
/// `key`, after a plain gap `b[end..s]` (nothing, or one space or hyphen). A short stretch's
/// key, shifted by a byte, with the gap's byte below it, is the piece's: both are lower-cased
/// byte by byte, and the end mark moves up with the last byte.
#[inline]
fn gap_key(b: &[u8], end: usize, s: usize, e: usize, key: Option<WordKey>) -> Option<WordKey> {
    match key {
        Some(key) if s == end => Some(key),
        Some((lo, 0)) if e - s <= 7 => Some((lo << 8 | u64::from(b[end]), 0)),
        _ => word_key(b, end, e),
    }
}

/// The old mix of a step's key, kept for the reference table the tests compare with.
#[cfg(test)]
#[inline]
fn mix_key(h: u64, (lo, hi): WordKey) -> u64 {
    (h ^ lo ^ hi.rotate_left(29).wrapping_mul(0xD6E8_FEB8_6659_FD93))
        .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Multiplies and folds the 128-bit product: every bit of the result depends on every bit of
/// `x`.
#[inline]
pub(crate) fn fold_mul(x: u64, c: u64) -> u64 {
    let p = u128::from(x) * u128::from(c);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The fingerprint of a step from the hash `h` of the text so far across the piece `key`,
/// under a table's `seed`: its slot, tag and filter bits.
#[inline]
fn step_mix(h: u64, (lo, hi): WordKey, seed: u64) -> u64 {
    let x = h ^ lo ^ hi.rotate_left(29).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    fold_mul(x ^ seed, 0x51_7c_c1_b7_27_22_0a_95)
}

/// A Bloom filter of 64-byte lines, two bits per key in one word: a key's line is chosen by a
/// `base` hash and, for a base with many keys, spread over `1 << spread` lines after it (so
/// the keys of one base, such as the steps on from one prefix, stay in a few lines); its word
/// and bits by the key's fingerprint.
#[derive(Debug)]
struct Filter {
    words: Box<[u64]>,
    /// 64 minus log2 of the number of lines.
    shift: u32,
}

impl Filter {
    /// A filter of at least `bits` bits (a power of two of lines; 64 lines or more).
    fn new(bits: usize) -> Filter {
        let lines = bits.div_ceil(512).next_power_of_two().max(64);
        Filter {
            words: vec![0; lines * 8].into_boxed_slice(),
            shift: 64 - lines.trailing_zeros(),
        }
    }

    /// The index of the word and the two bits of a key: the line from the top bits of `base`
    /// plus bits 40.. of `m` (under `spread`), the word from bits 8..11, the bits from
    /// bits 16..28: parts of `m` that do not overlap.
    #[inline]
    fn place(&self, base: u64, spread: u32, m: u64) -> (usize, u64) {
        let lines = self.words.len() / 8;
        let line = ((base >> self.shift) as usize)
            .wrapping_add((m >> 40) as usize & ((1 << spread) - 1))
            & (lines - 1);
        let word = line * 8 + (m >> 8) as usize % 8;
        (word, 1 << ((m >> 16) % 64) | 1 << ((m >> 22) % 64))
    }

    fn insert(&mut self, base: u64, spread: u32, m: u64) {
        let (w, bits) = self.place(base, spread, m);
        self.words[w] |= bits;
    }

    #[inline]
    fn may_hold(&self, base: u64, spread: u32, m: u64) -> bool {
        let (w, bits) = self.place(base, spread, m);
        self.words[w] & bits == bits
    }
}

/// A hash of a [`WordKey`] for the [`Bloom`] filter of first steps' keys: one multiply
/// (`hi` is 0 for keys of up to eight bytes, nearly all), far cheaper than a step's
/// fingerprint and [`Filter`], which most stretches (on no list) then never reach. A key the
/// filter lets through by chance (one in about twenty) is looked up in the table of first
/// steps, which answers as for any other key.
#[inline]
fn first_key_hash((lo, hi): WordKey) -> u64 {
    lo ^ hi.wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A slot of a [`StepTable`]: a tag of the step's fingerprint (0: an empty slot), and where
/// the step goes (the node, and the hash of the text so far).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    tag: u32,
    node: u32,
    next: u64,
}

/// Steps by fingerprint: open addressing with linear probing over 16-byte slots, so that a
/// look-up reads one cache line (rarely two). Slots hold a 31-bit tag of the fingerprint, not
/// the key: see [`Steps`] for why a tag that matches by chance is harmless, and
/// [`insert`](StepTable::insert) for why a stored step is always found as itself.
#[derive(Debug)]
struct StepTable {
    slots: Box<[Slot]>,
}

impl StepTable {
    /// An empty table for `n` steps (two thirds full at most; at least one slot stays empty).
    fn new(n: usize) -> StepTable {
        StepTable {
            slots: vec![Slot::default(); n + n / 2 + 1].into_boxed_slice(),
        }
    }

    /// The first slot to probe for `m` (from its low 32 bits) and its tag (its high 32).
    #[inline]
    fn home(&self, m: u64) -> (usize, u32) {
        let i = ((m & 0xFFFF_FFFF) * self.slots.len() as u64) >> 32;
        (i as usize, (m >> 32) as u32 | 1)
    }

    /// Stores a step; `false` if a slot holding the same tag lies on its probe path, where
    /// the tag would be found instead of this step (the table is then built again under
    /// another seed). Steps stored later go into the first empty slot after every slot
    /// already on a path, so they never come before an earlier step on its path either: every
    /// stored step is found as itself.
    fn insert(&mut self, m: u64, next: u64, node: u32) -> bool {
        let (mut i, tag) = self.home(m);
        loop {
            let s = &mut self.slots[i];
            if s.tag == tag {
                return false;
            }
            if s.tag == 0 {
                *s = Slot { tag, node, next };
                return true;
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
    }

    #[inline]
    fn get(&self, m: u64) -> Option<(u64, u32)> {
        let (mut i, tag) = self.home(m);
        loop {
            let s = self.slots[i];
            if s.tag == tag {
                return Some((s.next, s.node));
            }
            if s.tag == 0 {
                return None;
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
    }
}

/// A step between two boundaries of a pattern: the prefix's hash at the first, the key of
/// the bytes between; the prefix's hash and node at the second.
type StepPair = ((u64, WordKey), (u64, u32));

/// Where a walk goes from the hash of the folded text so far across a piece of 1 to 16 ASCII
/// bytes: a first step is a stretch; a step on is the white space or hyphen before a stretch,
/// if any, and the stretch. For every pair of boundaries of a pattern up to 16 bytes apart
/// that a walk can ask for (see [`walk_asks`]): the prefix's hash at the first, the bytes
/// between, and the hash and node at the second. The same as hashing the piece byte by byte
/// and looking the hash up in `nodes`, at the cost of one test of a small filter for most
/// pieces.
///
/// First steps (the most frequent look-up: one per stretch, most of them for no pattern) have
/// their own table, and a Bloom filter of their keys ([`first_key_hash`]) that turns most
/// stretches away before their fingerprint is even computed. The filter of steps on keeps the
/// steps from one prefix in a few lines (as many as the node's `spread` says), so the walks
/// on from a frequent word ("the", "new") read lines already in cache.
///
/// The tables hold tags of fingerprints, not keys, so a step that is not in a table can
/// still pass its filter and match a slot's tag by chance (one in 2^31 per slot probed).
/// That cannot change what is found: a pattern is reported only after the folded text from
/// the walk's start to the boundary is compared with it in full ([`Matcher::report`]); and
/// a walk that goes on wrongly only goes on where the exact walk would have stopped, that is
/// where the folded text so far is no prefix of any pattern at a boundary, so no folded text
/// it reaches later is a pattern either (it would have that prefix). So the wrong walk
/// reports nothing, and the walks before and after it are those of the exact table.
#[derive(Debug)]
struct Steps {
    seed: u64,
    first_keys: Bloom,
    /// The first steps across short stretches by their [`caseless`] bytes, asked before their
    /// keys are made: most stretches stop here.
    first_short: Bloom,
    /// Those of them from which a pattern may match text that starts with a lower-case
    /// letter. Most words in a text are lower case, and many frequent ones ("to", "on",
    /// "as") start patterns only in capitals ("To Lam", "ON Semiconductor", "AS Roma"): a
    /// walk from them would find patterns only to turn them down (see [`lower_ok`]).
    first_lower: Bloom,
    first: StepTable,
    on_filter: Filter,
    on: StepTable,
}

impl Steps {
    /// The tables of first steps and steps on; `lower`: the keys of the first steps from
    /// which a pattern may match text starting in lower case; `spread` of a hash: its node's
    /// spread.
    fn new(
        first: &[StepPair],
        lower: &[WordKey],
        on: &[StepPair],
        spread: impl Fn(u64) -> u32,
    ) -> Result<Steps> {
        let short = |keys: &mut dyn Iterator<Item = WordKey>| {
            let keys: Vec<u64> = keys
                .filter(|&(_, hi)| hi == 0)
                .map(|(lo, _)| caseless_of_key(lo))
                .collect();
            Bloom::new(keys.into_iter())
        };
        let first_short = short(&mut first.iter().map(|&((_, key), _)| key));
        let first_lower = short(&mut lower.iter().copied());
        // a tag met on a probe path makes a seed fail with odds of about 2^-31 per slot
        // passed: a second seed is astronomically rarely needed
        for seed in (1..=16u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) {
            let mut steps = Steps {
                seed,
                // ten to twenty bits a key: few false passes, and small enough to stay in cache
                first_keys: Bloom::new(first.iter().map(|&((_, key), _)| first_key_hash(key))),
                first_short: first_short.clone(),
                first_lower: first_lower.clone(),
                first: StepTable::new(first.len()),
                on_filter: Filter::new(on.len() * 16),
                on: StepTable::new(on.len()),
            };
            let mut ok = true;
            for &((_, key), (next, node)) in first {
                let m = step_mix(0, key, seed);
                ok &= steps.first.insert(m, next, node);
            }
            for &((h, key), (next, node)) in on {
                let m = step_mix(h, key, seed);
                steps.on_filter.insert(h, spread(h), m);
                ok &= steps.on.insert(m, next, node);
            }
            if ok {
                return Ok(steps);
            }
        }
        Err(Error::Automaton(
            "the steps of the patterns share tags under every seed".into(),
        ))
    }

    /// Whether a walk may start at a short stretch of `n` bytes loaded as `lo`: not if no
    /// first step crosses it, nor if it starts with a lower-case letter and no pattern on
    /// from its first step can match such text.
    #[inline]
    fn may_start(&self, lo: u64, n: usize) -> bool {
        let c = caseless(lo, n);
        self.first_short.may_hold(c)
            && (!(lo as u8).is_ascii_lowercase() || self.first_lower.may_hold(c))
    }

    /// The step from the start of a walk across a stretch; `passed`: the stretch is short
    /// and [`may_start`](Steps::may_start) has let it through.
    #[inline]
    fn first(&self, key: WordKey, passed: bool) -> Option<(u64, u32)> {
        if !passed && !self.first_keys.may_hold(first_key_hash(key)) {
            return None;
        }
        self.first.get(step_mix(0, key, self.seed))
    }

    /// The step on from the text so far (hash `h`, at `node`) across a piece.
    #[inline]
    fn on(&self, h: u64, node: u32, key: WordKey) -> Option<(u64, u32)> {
        let m = step_mix(h, key, self.seed);
        if !self.on_filter.may_hold(h, spread_of(node), m) {
            return None;
        }
        self.on.get(m)
    }
}

/// The steps as a Bloom filter and a hash map of every pair of boundaries, as they were
/// before [`Steps`]: the tests compare walks over both.
#[cfg(test)]
#[derive(Debug)]
struct OldSteps {
    bloom: Bloom,
    map: FxHashMap<(u64, WordKey), (u64, u32)>,
}

#[cfg(test)]
impl OldSteps {
    fn get(&self, h: u64, key: WordKey) -> Option<(u64, u32)> {
        if !self.bloom.may_hold(mix_key(h, key)) {
            return None;
        }
        self.map.get(&(h, key)).copied()
    }
}

/// How a walk steps across short ASCII pieces.
trait StepBy {
    /// Whether a walk may start at a short stretch ([`Bytes::Short`]): `false` only where no
    /// pattern would be reported from it.
    fn may_start(&self, _lo: u64, _n: usize) -> bool {
        true
    }
    fn first(&self, key: WordKey, passed: bool) -> Option<(u64, u32)>;
    fn on(&self, h: u64, node: u32, key: WordKey) -> Option<(u64, u32)>;
}

impl StepBy for Steps {
    #[inline]
    fn may_start(&self, lo: u64, n: usize) -> bool {
        Steps::may_start(self, lo, n)
    }

    #[inline]
    fn first(&self, key: WordKey, passed: bool) -> Option<(u64, u32)> {
        Steps::first(self, key, passed)
    }

    #[inline]
    fn on(&self, h: u64, node: u32, key: WordKey) -> Option<(u64, u32)> {
        Steps::on(self, h, node, key)
    }
}

#[cfg(test)]
impl StepBy for OldSteps {
    fn first(&self, key: WordKey, _: bool) -> Option<(u64, u32)> {
        self.get(0, key)
    }

    fn on(&self, h: u64, _: u32, key: WordKey) -> Option<(u64, u32)> {
        self.get(h, key)
    }
}

/// Whether a walk can ask for the step across `b[from..to]`, a piece of a pattern between
/// two boundaries: a first step is a stretch, which holds no white space; a step on starts
/// where a stretch ends (after no space) with a space, a hyphen or the next stretch, and
/// ends with that stretch. Folded white space is a space, so the piece holds a space at most
/// as its first byte of a step on, and does not end with one.
fn walk_asks(b: &[u8], from: usize, to: usize) -> bool {
    let inner = if from == 0 {
        &b[..to]
    } else if b[from - 1] == b' ' {
        return false;
    } else {
        &b[from + 1..to]
    };
    b[to - 1] != b' ' && !inner.contains(&b' ')
}

/// One step of the hash of a folded string.
#[inline]
fn hash_step(h: u64, byte: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Whether a token can end between bytes `a` and `b` of a pattern. Tokens never end between
/// two ASCII letters, two ASCII digits, or a letter and a following digit.
#[inline]
fn may_break(a: u8, b: u8) -> bool {
    let (la, lb) = (a.is_ascii_alphabetic(), b.is_ascii_alphabetic());
    let (da, db) = (a.is_ascii_digit(), b.is_ascii_digit());
    !((la || da) && (lb || db)) || (da && lb)
}

/// A node of the prefix table: the pattern that ends here (`NO_PATTERN` if none, in the bits
/// of `PATTERN`), whether a longer pattern goes on from here (`GOES_ON`), and over how many
/// lines of the filter of [`Steps`] the steps on from here are spread (log2, in the four bits
/// from `SPREAD_SHIFT`).
const PATTERN: u32 = (1 << SPREAD_SHIFT) - 1;
const NO_PATTERN: u32 = PATTERN;
const SPREAD_SHIFT: u32 = 27;
const GOES_ON: u32 = 1 << 31;

#[inline]
fn spread_of(node: u32) -> u32 {
    (node >> SPREAD_SHIFT) & 15
}

/// The spread of a node with `n` steps on: about 32 steps a line (16 bits each).
fn spread_for(n: usize) -> u32 {
    n.div_ceil(32).next_power_of_two().trailing_zeros().min(15)
}

/// Folds text as a normalized copy would (lower case, straight quotes, `-` for dashes, one
/// space for a run of white space), feeding the folded bytes to a hash.
struct Folder {
    h: u64,
    in_space: bool,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            h: 0,
            in_space: false,
        }
    }

    /// Feeds `text[from..to]`.
    #[inline]
    fn feed(&mut self, text: &str, from: usize, to: usize) {
        let b = text.as_bytes();
        let mut i = from;
        while i < to {
            let c = b[i];
            // fast paths: ASCII that folds to one byte, and ASCII white space
            if c < 0x80 && c != b'`' {
                if !c.is_ascii_whitespace() {
                    self.h = hash_step(self.h, c.to_ascii_lowercase());
                    self.in_space = false;
                } else if !self.in_space {
                    self.h = hash_step(self.h, b' ');
                    self.in_space = true;
                }
                i += 1;
                continue;
            }
            i = self.feed_char(text, i);
        }
    }

    /// Feeds the character at `i`; returns the position after it.
    fn feed_char(&mut self, text: &str, i: usize) -> usize {
        let (f, next) = fold_at(text, i, &mut self.in_space);
        if let Some(f) = f {
            let mut buf = [0u8; 4];
            for &byte in f.encode_utf8(&mut buf).as_bytes() {
                self.h = hash_step(self.h, byte);
            }
        }
        next
    }
}

/// The folded character at `i` (`None` for white space after white space, or past the end)
/// and the position after it; `in_space`: whether white space came just before, updated.
fn fold_at(text: &str, i: usize, in_space: &mut bool) -> (Option<char>, usize) {
    let Some(ch) = text.get(i..).and_then(|t| t.chars().next()) else {
        return (None, text.len());
    };
    let f = match ch {
        '`' => Some('\''),
        _ if ch.is_ascii() && !ch.is_ascii_whitespace() => Some(ch.to_ascii_lowercase()),
        _ if ch.is_ascii() => None,
        _ => fold(ch, true),
    };
    let f = match f {
        None if *in_space => None,
        None => {
            *in_space = true;
            Some(' ')
        }
        Some(f) => {
            *in_space = false;
            Some(f)
        }
    };
    (f, i + ch.len_utf8())
}

/// Whether `text[from..to]` folds as [`Folder`] folds it to `want`: compared byte by byte
/// as it is folded, without a copy.
fn folds_to(text: &str, from: usize, to: usize, want: &[u8]) -> bool {
    let b = text.as_bytes();
    let (mut i, mut j) = (from, 0);
    let mut in_space = false;
    while i < to {
        let c = b[i];
        // the fast path: ASCII that folds to one byte
        if c < 0x80 && c != b'`' && !c.is_ascii_whitespace() {
            if want.get(j) != Some(&c.to_ascii_lowercase()) {
                return false;
            }
            in_space = false;
            i += 1;
            j += 1;
            continue;
        }
        let (f, next) = fold_at(text, i, &mut in_space);
        if let Some(f) = f {
            let mut buf = [0u8; 4];
            let f = f.encode_utf8(&mut buf).as_bytes();
            if want.get(j..j + f.len()) != Some(f) {
                return false;
            }
            j += f.len();
        }
        i = next;
    }
    j == want.len()
}

/// Whether text that starts with a lower-case ASCII letter may be reported as the pattern of
/// these targets: [`report_pattern`](Matcher::report_pattern) takes such text (never in a
/// line of capitals: it holds a lower-case letter) for a target of any case, or for a
/// case-sensitive form that starts in lower case; never for one that starts otherwise ("To
/// Lam", "ON Semiconductor").
fn lower_ok(targets: &[Target]) -> bool {
    targets.iter().any(|t| match &t.exact {
        None => true,
        Some(form) => form.as_bytes().first().is_some_and(u8::is_ascii_lowercase),
    })
}

/// What [`Matcher::new`] gathers of a step, by the hash before it and its key: the hash and
/// node after it, whether a walk asks for it as a first step, as a step on, and whether a
/// pattern on from it may match text starting in lower case ([`lower_ok`]).
type StepFacts = (u64, u32, bool, bool, bool);

fn all_caps(form: &str) -> bool {
    form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase)
}

impl Matcher {
    /// Compiles every form (name, aliases, plurals) of every entry. Where two entries share a
    /// form, the earlier entry is tried first.
    pub fn new(entries: &[LexiconEntry]) -> Result<Matcher> {
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let mut forms: Vec<(String, bool)> = Vec::new();
            for f in e.forms() {
                let cs = e.case_sensitive || all_caps(f);
                forms.push((f.to_string(), cs));
                if e.plurals {
                    for p in plurals_of(f) {
                        forms.push((p, cs));
                    }
                }
            }
            for (form, cs) in forms {
                let key = normalize_form(&form, true);
                if key.len() < 2 {
                    continue;
                }
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    targets.push(Vec::new());
                    patterns.len() - 1
                });
                let exact = cs.then(|| normalize_form(&form, false).into_boxed_str());
                let list = &mut targets[slot];
                let dup = list
                    .iter()
                    .any(|t| t.entry == i as u32 || (t.exact.is_none() && exact.is_none()));
                if !dup {
                    list.push(Target {
                        entry: i as u32,
                        exact,
                    });
                }
            }
        }
        if patterns.len() >= NO_PATTERN as usize {
            return Err(Error::Automaton(format!(
                "{} patterns: more than the matcher holds",
                patterns.len()
            )));
        }
        let mut nodes: FxHashMap<u64, u32> = FxHashMap::default();
        let mut collisions: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut first = [false; 256];
        // every step a walk can ask for (under `cfg(test)`, every step, for the old table)
        let mut steps: FxHashMap<(u64, WordKey), StepFacts> = FxHashMap::default();
        // the boundaries of the pattern so far, with the prefix's hash at each
        let mut at: Vec<(usize, u64)> = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let lower = lower_ok(&targets[id]);
            let b = p.as_bytes();
            first[b[0] as usize] = true;
            at.clear();
            at.push((0, 0));
            let mut h = 0;
            for (i, &c) in b.iter().enumerate() {
                h = hash_step(h, c);
                let end = i + 1 == b.len();
                let boundary = end || (p.is_char_boundary(i + 1) && may_break(c, b[i + 1]));
                if !boundary {
                    continue;
                }
                for &(from, from_h) in &at {
                    let asked = walk_asks(b, from, i + 1);
                    if !asked && !cfg!(test) {
                        continue;
                    }
                    if let Some(key) = word_key(b, from, i + 1) {
                        let step = steps
                            .entry((from_h, key))
                            .or_insert((h, 0, false, false, false));
                        step.2 |= asked && from == 0;
                        step.3 |= asked && from > 0;
                        step.4 |= asked && from == 0 && lower;
                    }
                }
                at.push((i + 1, h));
                let node = nodes.entry(h).or_insert(NO_PATTERN);
                if !end {
                    *node |= GOES_ON;
                } else if *node & PATTERN == NO_PATTERN {
                    *node = (*node & !PATTERN) | id as u32;
                } else {
                    // two patterns with one hash: both are checked
                    let other = *node & PATTERN;
                    let list = collisions.entry(h).or_insert_with(|| vec![other]);
                    list.push(id as u32);
                }
            }
        }
        // non-ASCII first bytes are folded on the way: always try them
        first[0x80..].fill(true);
        // each node's spread, from the number of steps on from it
        let mut on_from: FxHashMap<u64, usize> = FxHashMap::default();
        for (&(h, _), step) in &steps {
            if step.3 {
                *on_from.entry(h).or_default() += 1;
            }
        }
        for (h, n) in on_from {
            if let Some(node) = nodes.get_mut(&h) {
                *node |= spread_for(n) << SPREAD_SHIFT;
            }
        }
        let (mut first_steps, mut lower_keys, mut on_steps) = (Vec::new(), Vec::new(), Vec::new());
        for (&key, step) in &mut steps {
            step.1 = nodes[&step.0];
            let pair = (key, (step.0, step.1));
            if step.2 {
                first_steps.push(pair);
                if step.4 {
                    lower_keys.push(key.1);
                }
            }
            if step.3 {
                on_steps.push(pair);
            }
        }
        let spread = |h: u64| nodes.get(&h).map_or(0, |&n| spread_of(n));
        let new_steps = Steps::new(&first_steps, &lower_keys, &on_steps, spread)?;
        #[cfg(test)]
        let old_steps = OldSteps {
            bloom: Bloom::new(steps.keys().map(|&(h, k)| mix_key(h, k))),
            map: steps
                .iter()
                .map(|(&k, &(h, node, ..))| (k, (h, node)))
                .collect(),
        };
        Ok(Matcher {
            patterns,
            bloom: Bloom::new(nodes.keys().copied()),
            nodes,
            collisions,
            first,
            steps: new_steps,
            #[cfg(test)]
            old_steps,
            targets,
        })
    }

    /// The node of the folded text of the stretch `text[s..e]`, whose bytes are `bytes` (if
    /// the walk steps by keys): its hash and its node, or `None` if no pattern starts with
    /// it (or, for a short stretch, none that could match there: [`StepBy::may_start`],
    /// already asked if `may_start`).
    #[inline]
    fn first_step<S: StepBy>(
        &self,
        steps: Option<&S>,
        text: &str,
        (s, e): (usize, usize),
        bytes: Bytes,
        may_start: bool,
    ) -> Option<(Folder, u32)> {
        let (h, node) = match (steps, bytes) {
            // the common case: a short ASCII word, looked up by its bytes
            (Some(steps), Bytes::Short(lo)) => {
                if !may_start && !steps.may_start(lo, e - s) {
                    return None;
                }
                steps.first(short_key(lo, e - s), true)?
            }
            (Some(steps), Bytes::Key(Some(key))) => steps.first(key, false)?,
            _ => return self.first_step_folding(text, s, e),
        };
        Some((Folder { h, in_space: false }, node))
    }

    /// [`first_step`](Matcher::first_step) for any stretch: folds and hashes it.
    fn first_step_folding(&self, text: &str, s: usize, e: usize) -> Option<(Folder, u32)> {
        let c0 = text.as_bytes()[s];
        let f0 = if c0 == b'`' {
            b'\''
        } else {
            c0.to_ascii_lowercase()
        };
        if !self.first[f0 as usize] && !c0.is_ascii_whitespace() {
            return None;
        }
        let mut fold = Folder::new();
        fold.feed(text, s, e);
        let node = self.lookup(fold.h)?;
        Some((fold, node))
    }

    #[inline]
    fn lookup(&self, h: u64) -> Option<u32> {
        if !self.bloom.may_hold(h) {
            return None;
        }
        self.nodes.get(&h).copied()
    }

    /// Appends every lexicon match on token boundaries to `out` (overlaps included; the
    /// caller resolves them). White space among `tokens` is skipped, so they may as well
    /// leave it out.
    ///
    /// The text is read as [`Normalized`](crate::Normalized) would fold it (lower case,
    /// straight quotes, `-` for dashes, one space for white space), folding on the fly: the
    /// same matches as a search of the normalized copy, without building it. From each start,
    /// the folded text is hashed up to each boundary in turn and looked up in a table of the
    /// patterns' prefixes; the walk stops where no pattern goes on, and a pattern that ends
    /// at a boundary is compared in full before it is reported. Most starts are short ASCII
    /// words, which are looked up by their bytes instead (see [`Steps`]).
    pub fn find(&self, text: &str, tokens: &[Token], out: &mut Vec<LexMatch>) {
        self.find_with(text, tokens, out, Some(&self.steps));
    }

    /// [`find`](Matcher::find), stepping across short ASCII pieces by `steps`; with `None`,
    /// every piece is folded and hashed byte by byte (the reference the tests compare
    /// [`Steps`] with).
    fn find_with<S: StepBy>(
        &self,
        text: &str,
        tokens: &[Token],
        out: &mut Vec<LexMatch>,
        steps: Option<&S>,
    ) {
        if self.patterns.is_empty() {
            return;
        }
        let b = text.as_bytes();
        let mut stretches = Stretches::new(text, tokens);
        // the stretch after the last start, read by its walk's first step on: the next start
        let mut peeked: Option<Stretch> = None;
        loop {
            let next = match (peeked.take(), steps) {
                (Some(stretch), _) => Some((stretch, false)),
                (None, Some(steps)) => stretches.next_start(|lo, n| steps.may_start(lo, n)),
                (None, None) => stretches.next().map(|stretch| (stretch, false)),
            };
            let Some(((p, first_end, bytes), may_start)) = next else {
                break;
            };
            let Some((mut fold, mut node)) =
                self.first_step(steps, text, (p, first_end), bytes, may_start)
            else {
                continue;
            };
            let mut end = first_end;
            // the stretches after the peeked one, for walks of more than one step on
            let (mut peeking, mut rest) = (true, None);
            loop {
                if node & PATTERN != NO_PATTERN {
                    self.report(text, p, end, fold.h, node, out);
                }
                if node & GOES_ON == 0 {
                    break;
                }
                // on to the next boundary, across the white space or hyphen between
                let next = if peeking {
                    peeking = false;
                    peeked = stretches.next();
                    peeked
                } else {
                    rest.get_or_insert_with(|| stretches.clone()).next()
                };
                let Some((s, e, bytes)) = next else {
                    break;
                };
                // the common piece: a space or a hyphen (or nothing), then a short ASCII word
                let plain_gap = s == end || (s == end + 1 && matches!(b[end], b' ' | b'-'));
                let by_key = match steps {
                    Some(steps) if plain_gap => {
                        gap_key(b, end, s, e, bytes.key(e - s)).map(|key| (steps, key))
                    }
                    _ => None,
                };
                let step = match by_key {
                    Some((steps, key)) => steps.on(fold.h, node, key),
                    None => {
                        fold.feed(text, end, s);
                        fold.feed(text, s, e);
                        self.lookup(fold.h).map(|n| (fold.h, n))
                    }
                };
                let Some((h, n)) = step else {
                    break;
                };
                fold.h = h;
                node = n;
                end = e;
            }
        }
    }

    /// Reports the pattern that ends at `e`, if the folded text really is that pattern.
    fn report(&self, text: &str, s: usize, e: usize, h: u64, node: u32, out: &mut Vec<LexMatch>) {
        let one = [node & PATTERN];
        let ids: &[u32] = if self.collisions.is_empty() {
            &one
        } else {
            self.collisions.get(&h).map_or(&one, Vec::as_slice)
        };
        let Some(&pid) = ids
            .iter()
            .find(|&&id| folds_to(text, s, e, self.patterns[id as usize].as_bytes()))
        else {
            return;
        };
        self.report_pattern(pid as usize, text, s, e, out);
    }

    fn report_pattern(&self, pid: usize, text: &str, s: usize, e: usize, out: &mut Vec<LexMatch>) {
        let original = &text[s..e];
        let mut shouting = None;
        for t in &self.targets[pid] {
            let ok = match &t.exact {
                None => true,
                // In a line of capitals, case cannot tell "IT" from "it": acronyms that
                // are also English words are left out; other forms match ("CHINA").
                Some(form) => {
                    if *shouting.get_or_insert_with(|| in_shouting_line(text.as_bytes(), s, e)) {
                        !is_english_word(form)
                    } else {
                        same_keeping_case(original, form)
                    }
                }
            };
            if ok {
                out.push(LexMatch {
                    span: Span::new(s, e),
                    entry: t.entry,
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tokenizer::tokenize;

    const LEXICON: &str = "org:boa\torganization\tBank of America\tBofA\n\
        org:bank\torganization\tBank of China\n\
        org:att\torganization\tAT&T\n\
        loc:china\tlocation\tChina\n\
        loc:us\tlocation\tUnited States\tU.S.|US\n\
        tech:chip\ttechnology\tchip\t\tplural\n\
        tech:5g\ttechnology\t5G\n\
        org:apple\torganization\tApple\t\tcs\n\
        tech:ai\ttechnology\tartificial intelligence\tAI\n\
        tech:it\ttechnology\tinformation technology\tIT\n\
        tech:wifi\ttechnology\tWi-Fi\n\
        org:obp\torganization\tO’Brien Partners\n\
        org:itu\torganization\tInternational Telecommunications Union\tTelecommunications Union\n\
        org:nyt\torganization\tThe New York Times\tNew York Times\n\
        org:sp\torganization\tS&P 500\n\
        tech:ecom\ttechnology\te-commerce\n\
        org:caps\torganization\tABCDEFGHIJKLMNOPQ\n\
        org:bn\torganization\tBarnes&Noble\n\
        tech:iphone\ttechnology\tiPhone\t\tcs\n\
        per:to-lam\tperson\tTo Lam\t\tcs\n";

    /// Every match as (text, entry id), in order.
    fn matches(text: &str) -> Vec<(&str, String)> {
        let lex = Lexicon::parse("test", LEXICON).unwrap();
        let m = Matcher::new(lex.entries()).unwrap();
        let mut out = Vec::new();
        m.find(text, &tokenize(text), &mut out);
        out.iter()
            .map(|x| {
                (
                    &text[x.span.range()],
                    lex.entries()[x.entry as usize].id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // across runs of white space and line breaks, any case
            (
                "BANK  OF\nAmerica rose",
                &[("BANK  OF\nAmerica", "org:boa")],
            ),
            // a shared prefix goes on to both names; overlaps are all reported
            (
                "Bank of China and Bank of America",
                &[
                    ("Bank of China", "org:bank"),
                    ("China", "loc:china"),
                    ("Bank of America", "org:boa"),
                ],
            ),
            // inside a hyphenated word, and not inside a longer word
            (
                "China-made chips, not Chinatown",
                &[("China", "loc:china"), ("chips", "tech:chip")],
            ),
            // punctuation inside forms; a form that ends at a number's edge
            (
                "AT&T and the U.S. roll out 5G",
                &[("AT&T", "org:att"), ("U.S.", "loc:us"), ("5G", "tech:5g")],
            ),
            // case-sensitive forms: the fruit is not the company, "us" is not the country
            ("an apple for us from Apple", &[("Apple", "org:apple")]),
            // curly apostrophes and dashes fold; the possessive is its own token
            (
                "Apple’s AI push",
                &[("Apple", "org:apple"), ("AI", "tech:ai")],
            ),
            // first words that are not ASCII, or longer than 16 bytes, or both
            (
                "O'Brien Partners, O`Brien Partners and O\u{2019}BRIEN  partners",
                &[
                    ("O'Brien Partners", "org:obp"),
                    ("O`Brien Partners", "org:obp"),
                    ("O\u{2019}BRIEN  partners", "org:obp"),
                ],
            ),
            (
                "the International Telecommunications Union; TELECOMMUNICATIONS\nUNION",
                &[
                    ("International Telecommunications Union", "org:itu"),
                    ("Telecommunications Union", "org:itu"),
                    ("TELECOMMUNICATIONS\nUNION", "org:itu"),
                ],
            ),
            (
                "ABCDEFGHIJKLMNOPQ abcdefghijklmnopq ABCDEFGHIJKLMNOP",
                &[("ABCDEFGHIJKLMNOPQ", "org:caps")],
            ),
            // hyphen parts, ASCII and not; a form with a hyphen; white space is not a hyphen
            (
                "Wi-Fi, wi\u{2011}fi and wi fi; e-commerce; China\u{2010}made",
                &[
                    ("Wi-Fi", "tech:wifi"),
                    ("wi\u{2011}fi", "tech:wifi"),
                    ("e-commerce", "tech:ecom"),
                    ("China", "loc:china"),
                ],
            ),
            // case-sensitive forms, also as the second word; English words in a line of capitals
            (
                "IT it The New York Times\nTHE NEW YORK TIMES SAYS IT AND US\nthe new york times",
                &[
                    ("IT", "tech:it"),
                    ("The New York Times", "org:nyt"),
                    ("New York Times", "org:nyt"),
                    ("THE NEW YORK TIMES", "org:nyt"),
                    ("NEW YORK TIMES", "org:nyt"),
                    ("US", "loc:us"),
                    ("the new york times", "org:nyt"),
                    ("new york times", "org:nyt"),
                ],
            ),
            // "U.S." and "S&P" as one token, "at&t" and "barnes&noble" as three (no white
            // space between); runs of spaces and tabs; case-sensitive forms
            (
                "U.S.-made, at&t, S&P  500, s&p\t500 and barnes&noble",
                &[
                    ("U.S.", "loc:us"),
                    ("S&P  500", "org:sp"),
                    ("barnes&noble", "org:bn"),
                ],
            ),
            // patterns only in capitals or with a lower-case start, from words in lower case
            (
                "to lam, To Lam, iphone and iPhone",
                &[("To Lam", "per:to-lam"), ("iPhone", "tech:iphone")],
            ),
            // a prefix that goes nowhere finds nothing
            ("Bank of England", &[]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got = matches(text);
            let want: Vec<(&str, String)> =
                want.iter().map(|(t, id)| (*t, id.to_string())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// The stretches of a text as the boundaries were first defined: each non-space token,
    /// with a word cut at every hyphen (`-`, U+2010, U+2011) after its first character.
    fn stretches_by_chars(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for t in tokenize(text).iter().filter(|t| !t.is_space()) {
            let mut from = t.start;
            if t.kind == TokenKind::Word {
                for (i, c) in t.text(text).char_indices().skip(1) {
                    if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
                        out.push((from, t.start + i));
                        from = t.start + i + c.len_utf8();
                    }
                }
            }
            out.push((from, t.end));
        }
        out
    }

    /// Whether `s..e` lies in a line of capitals, found as the lines were first found: every
    /// line with no lower-case letter and eight capitals or more, as a list.
    fn shouting_by_lines(text: &str, s: usize, e: usize) -> bool {
        let mut line = 0;
        for l in text.split('\n') {
            let shouting = !l.bytes().any(|c| c.is_ascii_lowercase())
                && l.bytes().filter(u8::is_ascii_uppercase).count() >= 8;
            if shouting && line <= s && e <= line + l.len() {
                return true;
            }
            line += l.len() + 1;
        }
        false
    }

    /// The matches of `m` in `text` by the step tables, by the old table, and by hashing
    /// every piece.
    fn three_ways(m: &Matcher, text: &str) -> (Vec<LexMatch>, Vec<LexMatch>, Vec<LexMatch>) {
        let tokens = tokenize(text);
        let (mut fast, mut old, mut slow) = (Vec::new(), Vec::new(), Vec::new());
        m.find(text, &tokens, &mut fast);
        m.find_with(text, &tokens, &mut old, Some(&m.old_steps));
        m.find_with::<Steps>(text, &tokens, &mut slow, None);
        (fast, old, slow)
    }

    /// Step tables where every step that is not stored matches a tag by chance, and goes on
    /// to the node after `lie`.
    struct Lying<'a> {
        steps: &'a Steps,
        lie: (u64, u32),
    }

    impl StepBy for Lying<'_> {
        fn first(&self, key: WordKey, passed: bool) -> Option<(u64, u32)> {
            self.steps.first(key, passed).or(Some(self.lie))
        }

        fn on(&self, h: u64, node: u32, key: WordKey) -> Option<(u64, u32)> {
            self.steps.on(h, node, key).or(Some(self.lie))
        }
    }

    /// Over the example articles and the built-in lexicons (their forms too, written one
    /// after another in three cases), the step tables find what the old table and hashing
    /// every piece find.
    #[test]
    fn steps_as_before_on_articles() {
        let entries: Vec<LexiconEntry> = Lexicon::builtin()
            .entries()
            .iter()
            .filter(|e| !e.capitalized)
            .cloned()
            .collect();
        let m = Matcher::new(&entries).unwrap();
        // every example article
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut texts: Vec<String> = std::fs::read_dir(examples)
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 4);
        let forms: Vec<&str> = entries.iter().step_by(7).flat_map(|e| e.forms()).collect();
        let forms = forms.join(" and the ");
        texts.push(forms.to_uppercase());
        texts.push(forms.to_lowercase());
        texts.push(forms);
        for text in &texts {
            let (fast, old, slow) = three_ways(&m, text);
            assert!(!fast.is_empty());
            assert_eq!(fast, slow);
            assert_eq!(old, slow);
        }
    }

    /// A stored step is found as itself; a step that is not stored is turned away, and tags
    /// on a probe path are never shared.
    #[test]
    fn step_tables() {
        let key = |s: &str| word_key(s.as_bytes(), 0, s.len()).unwrap();
        let stored: Vec<StepPair> = (0..5000u64)
            .map(|i| ((i % 7, key(&format!("w{i}"))), (i * 3 + 1, i as u32)))
            .collect();
        let (first, on) = stored.split_at(1000);
        let first: Vec<StepPair> = first.iter().map(|&((_, k), v)| ((0, k), v)).collect();
        // the first steps that patterns in lower case go on from: every other one
        let lower: Vec<WordKey> = first.iter().step_by(2).map(|&((_, k), _)| k).collect();
        let steps = Steps::new(&first, &lower, on, |h| (h % 3) as u32).unwrap();
        for &((_, k), v) in &first {
            assert_eq!(steps.first(k, false), Some(v));
            assert_eq!(steps.first(k, true), Some(v));
        }
        // a short stretch in any case may start a walk if its first step is stored; in lower
        // case, only if it is among `lower` (others pass the filter by chance only, rarely)
        let load = |s: &str| load8(s.as_bytes(), 0, s.len());
        let mut lower_passed = 0;
        for (i, _) in first.iter().enumerate() {
            let (word, upper) = (format!("w{i}"), format!("W{i}"));
            let n = word.len();
            assert!(steps.may_start(load(&upper), n), "{upper}");
            if i % 2 == 0 {
                assert!(steps.may_start(load(&word), n), "{word}");
            } else {
                lower_passed += usize::from(steps.may_start(load(&word), n));
            }
        }
        assert!(lower_passed < first.len() / 10, "{lower_passed}");
        for &((h, k), v) in on {
            assert_eq!(steps.on(h, ((h % 3) << SPREAD_SHIFT) as u32, k), Some(v));
        }
        // keys stored only as steps on, hashes not stored with a key: turned away (a tag
        // could match by chance, one in 2^31 a slot: not with these keys)
        for &((h, k), _) in &on[..1000] {
            assert_eq!(steps.first(k, false), None);
            assert_eq!(steps.on(h + 7, 0, k), None);
        }
        let mut table = StepTable::new(2);
        assert!(table.insert(5, 1, 1));
        assert!(!table.insert(6, 2, 2), "a tag on the path");
        assert!(table.insert(6 << 32, 3, 3));
        assert_eq!(table.get(5), Some((1, 1)));
        assert_eq!(table.get(6 << 32), Some((3, 3)));
        assert_eq!(table.get(8 << 32), None);
    }

    #[test]
    fn spreads() {
        assert_eq!(spread_for(1), 0);
        assert_eq!(spread_for(32), 0);
        assert_eq!(spread_for(33), 1);
        assert_eq!(spread_for(300), 4);
        assert_eq!(spread_for(usize::MAX / 2), 15);
        let node = GOES_ON | 4 << SPREAD_SHIFT | 12;
        assert_eq!((spread_of(node), node & PATTERN), (4, 12));
    }

    fn newsy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("Bank"),
            Just("BANK"),
            Just("of"),
            Just("China"),
            Just("America"),
            Just("Apple"),
            Just("apple"),
            Just("IT"),
            Just("it"),
            Just("US"),
            Just("U.S."),
            Just("AT&T"),
            Just("at&t"),
            Just("S&P"),
            Just("500"),
            Just("5G"),
            Just("O’Brien"),
            Just("O`Brien"),
            Just("Partners"),
            Just("Wi"),
            Just("Fi"),
            Just("e"),
            Just("commerce"),
            Just("Telecommunications"),
            Just("Union"),
            Just("ABCDEFGHIJKLMNOPQ"),
            Just("barnes"),
            Just("noble"),
            Just("the"),
            Just("New"),
            Just("York"),
            Just("Times"),
            Just("chips"),
            Just("iPhone"),
            Just("iphone"),
            Just("IPHONE"),
            Just("To"),
            Just("to"),
            Just("Lam"),
            Just("lam"),
            Just(" "),
            Just("  "),
            Just("\n"),
            Just("\t"),
            Just("-"),
            Just("\u{2010}"),
            Just("\u{2011}"),
            Just("&"),
            Just("."),
            Just("’s"),
            Just("é"),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// Walks that step by bytes find what walks that hash every piece find, and the
        /// stretches and lines of capitals are those first defined.
        #[test]
        fn steps_as_hashing(text in newsy()) {
            let lex = Lexicon::parse("test", LEXICON).unwrap();
            let m = Matcher::new(lex.entries()).unwrap();
            let tokens = tokenize(&text);
            let (fast, old, slow) = three_ways(&m, &text);
            proptest::prop_assert_eq!(&fast, &slow);
            proptest::prop_assert_eq!(&old, &slow);
            // a tag that matches by chance changes nothing, wherever it sends the walk
            for word in ["bank", "china", "new", "us", "wi", "at"] {
                let lie = m
                    .steps
                    .first(word_key(word.as_bytes(), 0, word.len()).unwrap(), false);
                let lying = Lying { steps: &m.steps, lie: lie.unwrap() };
                let mut got = Vec::new();
                m.find_with(&text, &tokens, &mut got, Some(&lying));
                proptest::prop_assert_eq!(&got, &slow, "{}", word);
            }
            let stretches: Vec<(usize, usize)> =
                Stretches::new(&text, &tokens).map(|(s, e, _)| (s, e)).collect();
            let want = stretches_by_chars(&text);
            proptest::prop_assert_eq!(&stretches, &want);
            for (i, &(s, _)) in stretches.iter().enumerate() {
                for &(_, e) in &stretches[i..stretches.len().min(i + 6)] {
                    let got = in_shouting_line(text.as_bytes(), s, e);
                    proptest::prop_assert_eq!(got, shouting_by_lines(&text, s, e));
                }
            }
        }
    }

    #[test]
    fn english_words_are_short_capitals() {
        // `is_english_word` reads the list only for one to four capitals
        for w in ENGLISH_WORDS {
            assert!(
                w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase()),
                "{w}"
            );
            assert!(is_english_word(w));
        }
        assert!(!is_english_word("it") && !is_english_word("Bank") && !is_english_word(""));
    }

    #[test]
    fn caseless_bytes() {
        // the caseless bytes of a short stretch, whatever its case, are those of its key
        for w in [
            "a", "it", "US", "iPhone", "AT&T", "5G", "@[`{", "abcdefgh", "ABCDEFGH",
        ] {
            let lo = load8(w.as_bytes(), 0, w.len());
            let lower = w.to_ascii_lowercase();
            let lower_lo = load8(lower.as_bytes(), 0, w.len());
            assert_eq!(caseless(lo, w.len()), caseless(lower_lo, w.len()), "{w}");
            let (key, _) = short_key(lo, w.len());
            assert_eq!(caseless_of_key(key), caseless(lo, w.len()), "{w}");
        }
        // the length counts: bytes past the stretch are not spaces
        assert_ne!(
            caseless(load8(b"ab", 0, 2), 2),
            caseless(load8(b"ab ", 0, 3), 3)
        );
    }

    #[test]
    fn word_keys() {
        // the key of a stretch is its folded bytes, whatever the case, with the end marked
        let key = |s: &str| word_key(s.as_bytes(), 0, s.len());
        assert_eq!(key("AbC"), key("abc"));
        assert_ne!(key("abc"), key("abc\0"));
        assert_ne!(key("abcdefgh"), key("abcdefghi"));
        assert_eq!(key("ABCDEFGHIJKLMNOP"), key("abcdefghijklmnop"));
        // a backtick folds to an apostrophe
        assert_eq!(key("@[`{"), None);
        // only letters change case; the end marker is the top bit of the last byte
        assert_eq!(key("@[{"), Some((0xFB_5B40, 0)));
        assert_eq!(key("abcdefghijklmnopq"), None);
        assert_eq!(key("caf\u{e9}"), None);
        assert_eq!(key(""), None);
        // a key read from within a text ends where the stretch ends
        assert_eq!(word_key(b"xUS-made", 1, 3), key("us"));
    }

    #[test]
    fn prefixes_break_only_where_tokens_can() {
        assert!(may_break(b'a', b' '));
        assert!(may_break(b'5', b'g'));
        assert!(may_break(b'.', b's'));
        assert!(!may_break(b'a', b'b'));
        assert!(!may_break(b'g', b'5'));
        assert!(!may_break(b'1', b'2'));
    }
}
