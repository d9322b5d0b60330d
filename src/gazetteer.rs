//! Matching for entries that must be written as names (flags `cap` and `ctx`): a hash table
//! of forms looked up token by token from every word that holds a capital or a digit.
//!
//! These are the large generated lexicons (tens of thousands of listed companies, cities and
//! products). A name's match must start with a capitalized word anyway, so a lookup per such
//! word is cheap, and a map keyed by token-prefix hashes builds in a fraction of the time and
//! memory the dictionary matcher (`src/matcher.rs`) would take over the same forms. Forms are
//! normalized as the matcher's are (lower case, straight quotes, `-` for dashes, one space for
//! white space) and match on token boundaries.

use crate::lexicon::{plural_parts, LexiconEntry};
use crate::matcher::{fold_mul, LexMatch};
use crate::normalize::fold;
use crate::span::Span;
use crate::tokenizer::{load8, tokenize_into, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::hint::black_box;

/// The value of a key that is only the start of longer forms.
const PREFIX_ONLY: u32 = u32::MAX;
/// Set on an entry's value when its form is also the start of longer forms.
const ALSO_PREFIX: u32 = 1 << 31;
/// No form is longer than this many tokens.
const MAX_TOKENS: usize = 16;

/// FNV-1a over the normalized bytes, fed token by token, so that the hash of a form's first
/// tokens is a step on the way to the hash of the form. Keys are hashes, not strings (no
/// allocation per form); a match is checked against the entry's forms before it is kept.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);
    /// Adds one byte, already folded.
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    #[inline]
    fn push_str(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.byte(b);
        }
    }
    /// Folds and adds one token's text; a space first when the token is not the first and
    /// white space comes before it.
    #[inline]
    fn push_token(&mut self, token: &str, space_before: bool) {
        if space_before {
            self.byte(b' ');
        }
        // ASCII byte by byte, the rest (from the first byte beyond ASCII) char by char
        for (i, &b) in token.as_bytes().iter().enumerate() {
            if b >= 0x80 {
                self.push_wide(&token[i..]);
                return;
            }
            self.byte(FOLD[b as usize]);
        }
    }

    /// Folds and adds text that may hold characters beyond ASCII.
    #[cold]
    fn push_wide(&mut self, s: &str) {
        let mut buf = [0u8; 4];
        for c in s.chars() {
            if c.is_ascii() {
                self.byte(FOLD[c as usize]);
            } else {
                self.push_str(fold(c, true).unwrap_or(' ').encode_utf8(&mut buf));
            }
        }
    }
}

/// ASCII folded as [`fold`] does it: lower case, and a straight apostrophe for a backtick.
static FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = if i as u8 == b'`' {
            b'\''
        } else {
            (i as u8).to_ascii_lowercase()
        };
        i += 1;
    }
    t
};

/// ASCII letters and digits, folded (lower case); 0 for every other byte.
static ALNUM_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        if (i as u8).is_ascii_alphanumeric() {
            t[i] = (i as u8).to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// The bytes that make a token a possible start of a name: capitals, digits, and bytes of
/// characters beyond ASCII (the reference [`is_name_byte`] is tested against).
#[cfg(test)]
static NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0x80;
        i += 1;
    }
    t
};

/// Whether `c` is a name byte: a capital, a digit or a byte beyond ASCII.
#[inline]
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c >= 0x80
}

/// `0x80` in each byte of `x` that may be a name byte ([`is_name_byte`]), 0 in the others:
/// every capital (bit 6 set, bit 5 clear), digit (bit 6 clear, bit 4 set) and byte beyond
/// ASCII, and a few other bytes (`:;<=>?@[\]^_` and controls from 0x10), which the caller
/// looks at again. Cheaper than an exact test, and most text is lower case and spaces.
#[inline]
fn maybe_name_bytes(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    (((x & !(x << 1) | !x & (x << 2)) & (ONES * 0x40)) << 1) | (x & (ONES * 0x80))
}

/// The first name byte ([`is_name_byte`]) of `b` from `i` on, or `b.len()`: eight bytes at a
/// time.
#[inline]
pub(crate) fn next_name_byte(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        // past the end of `b` reads as zeros, which are no name bytes
        let mut m = maybe_name_bytes(load8(b, i, 8));
        while m != 0 {
            let j = i + (m.trailing_zeros() / 8) as usize;
            if b.get(j).is_some_and(|&c| is_name_byte(c)) {
                return j;
            }
            m &= m - 1;
        }
        i += 8;
    }
    b.len()
}

/// The positions of the tokens of a text (white space aside) that may start a name: those
/// that hold a name byte ([`is_name_byte`]). The text is searched for its name bytes eight
/// bytes at a time and once over, rather than each token for its own: most tokens are then
/// passed over with a comparison. (The entities' view finds the same as it reads the tokens.)
#[cfg(test)]
pub(crate) struct NameTokens<'t> {
    b: &'t [u8],
    tokens: std::iter::Enumerate<std::slice::Iter<'t, Token>>,
    /// The first name byte from the start of the last token read (from the start of the text
    /// before the first).
    next: usize,
}

#[cfg(test)]
impl<'t> NameTokens<'t> {
    pub(crate) fn new(text: &'t str, tokens: &'t [Token]) -> NameTokens<'t> {
        let b = text.as_bytes();
        NameTokens {
            b,
            tokens: tokens.iter().enumerate(),
            next: next_name_byte(b, 0),
        }
    }
}

#[cfg(test)]
impl Iterator for NameTokens<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        for (k, t) in self.tokens.by_ref() {
            if self.next < t.start {
                self.next = next_name_byte(self.b, t.start);
            }
            if self.next < t.end && !t.is_space() {
                return Some(k);
            }
        }
        None
    }
}

/// Calls `f(hash, is_whole_form)` for the hash of every token-boundary prefix of every form
/// (and plural, for entries that have them) of `e`. `tokens` and `plural` are scratch space.
fn for_each_key(
    e: &LexiconEntry,
    tokens: &mut Vec<Token>,
    plural: &mut String,
    mut f: impl FnMut(u64, bool),
) {
    let mut keys = [0u64; MAX_TOKENS];
    let mut emit = |form: &str| {
        let n = form_keys(form, tokens, &mut keys);
        for (k, &h) in keys[..n].iter().enumerate() {
            f(h, k + 1 == n);
        }
    };
    for form in e.forms() {
        emit(form);
    }
    if e.plurals {
        for form in e.forms() {
            if let Some((stem, suffix)) = plural_parts(form) {
                plural.clear();
                plural.push_str(stem);
                plural.push_str(suffix);
                emit(plural);
            }
        }
    }
}

/// Writes the hashes of the first 1, 2, ... non-space tokens of `form` to `keys` and returns
/// how many there are: none for a form of fewer than two bytes (trimmed) or more than
/// [`MAX_TOKENS`] tokens.
fn form_keys(form: &str, tokens: &mut Vec<Token>, keys: &mut [u64; MAX_TOKENS]) -> usize {
    if let Some(n) = simple_form_keys(form, keys) {
        return n;
    }
    tokenize_into(form, tokens);
    let words = || tokens.iter().filter(|t| !t.is_space());
    let n = words().count();
    if n == 0 || n > MAX_TOKENS || form.trim().len() < 2 {
        return 0;
    }
    let mut h = Fnv::START;
    let mut prev = None;
    for (key, t) in keys.iter_mut().zip(words()) {
        h.push_token(t.text(form), prev.is_some_and(|p| t.start > p));
        prev = Some(t.end);
        *key = h.0;
    }
    n
}

/// [`form_keys`] without the tokenizer for the forms nearly all names are: ASCII words and
/// numbers between single or repeated spaces. A word is a letter, then letters and digits,
/// with inner hyphens between them ("Wi-Fi"); a number is digits, and a word may follow it
/// at once ("3M" is two tokens, as the tokenizer has it). `None` for any other form, which
/// the tokenizer then splits.
fn simple_form_keys(form: &str, keys: &mut [u64; MAX_TOKENS]) -> Option<usize> {
    let b = form.as_bytes();
    let mut h = Fnv::START;
    let mut n = 0; // tokens so far
    let mut space = false; // white space since the last token
    let mut first = 0; // where the first token starts
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' {
            space = true;
            i += 1;
            continue;
        }
        if n == 0 {
            first = i;
        } else if space {
            h.byte(b' ');
        }
        space = false;
        if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                h.byte(b[i]);
                i += 1;
            }
            // a number ends at a space, the end, or a letter (a word right after it);
            // "1,000" and "2.5" are numbers of the tokenizer's own
            if i < b.len() && b[i] != b' ' && !b[i].is_ascii_alphabetic() {
                return None;
            }
        } else if c.is_ascii_alphabetic() {
            loop {
                while let Some(&f) = b.get(i).map(|&c| &ALNUM_FOLD[c as usize]) {
                    if f == 0 {
                        break;
                    }
                    h.byte(f);
                    i += 1;
                }
                // an inner hyphen joins the next letters or digits to the word
                if i + 1 < b.len() && b[i] == b'-' && b[i + 1].is_ascii_alphanumeric() {
                    h.byte(b'-');
                    i += 1;
                } else {
                    break;
                }
            }
            // a word ends at a space or the end; "U.S.", "AT&T", "Macy's", "e-" and
            // anything beyond ASCII are for the tokenizer
            if i < b.len() && b[i] != b' ' {
                return None;
            }
        } else {
            return None;
        }
        if n == MAX_TOKENS {
            return Some(0); // too long: no keys, whatever follows
        }
        keys[n] = h.0;
        n += 1;
    }
    // the trimmed form runs from the first token's start to the last one's end
    let last = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    Some(if n == 0 || last - first < 2 { 0 } else { n })
}

/// The key map [`Gazetteer::new`] indexes: every token-boundary prefix of every form (and
/// plural) of the `named` entries, by hash, to [`PREFIX_ONLY`] or to the entry (its index in the
/// extractor's list, `offset` on), with [`ALSO_PREFIX`] where the form is also the start of
/// longer forms. A form of one of the matcher's entries (`plain`) stays theirs; of two named
/// entries with one form, the first keeps it.
fn key_map(plain: &[LexiconEntry], named: &[LexiconEntry], offset: usize) -> HashMap<u64, u32> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut plural = String::new();
    let mut taken: FxHashSet<u64> =
        FxHashSet::with_capacity_and_hasher(plain.len() * 3, Default::default());
    for e in plain {
        for_each_key(e, &mut tokens, &mut plural, |h, last| {
            if last {
                taken.insert(h);
            }
        });
    }
    // about three keys (forms and their prefixes) per entry
    let mut map: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher(named.len() * 3, Default::default());
    for (i, e) in named.iter().enumerate() {
        let i = (offset + i) as u32;
        for_each_key(e, &mut tokens, &mut plural, |h, last| {
            if !last {
                let v = map.entry(h).or_insert(PREFIX_ONLY);
                if *v != PREFIX_ONLY {
                    *v |= ALSO_PREFIX;
                }
            } else if !taken.contains(&h) {
                let v = map.entry(h).or_insert(i);
                if *v == PREFIX_ONLY {
                    *v = i | ALSO_PREFIX;
                }
            }
        });
    }
    map
}

/// The key map as one open-addressed table of 8-byte slots (linear probing, a power-of-two
/// size): a slot holds a 32-bit tag of its key above the key's 32-bit value, so that a lookup
/// reads one slot, and the next ones in the same cache line, rather than a hash map's control
/// group and then its bucket (two loads that each miss the cache: the table is larger than
/// the cache, and lookups land anywhere in it). An empty slot is 0; no tag is 0. Most lookups
/// stop at the [`Filter`] in front of it.
///
/// The full key is not kept, so the table answers for a key it holds exactly what the map
/// held, but may answer for a key it does not hold (a different key with the same tag on the
/// same run of slots, about one lookup in 2^32 per slot compared). Building makes sure of the
/// first: no key's run from its home slot to its own slot passes a slot of another key with
/// the same tag (on such a pair the table is built again with another seed). The second is
/// harmless in [`Gazetteer::find`]: a wrong [`PREFIX_ONLY`] only lets the walk go on to look
/// up longer keys, and a wrong entry is reported only if the text is one of that entry's forms
/// (or plurals), which is checked before anything is reported. So what is reported is always
/// a form of its entry, and differs from what the map gave only if, besides a 32-bit tag met
/// by chance on the run, the text is a form of that very entry not indexed under its own key
/// (a form one of the matcher's entries keeps). The tests compare with the map.
#[derive(Debug, Default)]
struct Table {
    slots: Box<[u64]>,
    /// 64 minus the number of bits of a slot index: a key's home is its mixed hash's top bits.
    shift: u32,
    /// Mixed into the hash; another one when two keys' tags would be confused.
    seed: u64,
}

impl Table {
    /// Slots per key, at least (the load factor stays under two thirds).
    const SPREAD: usize = 3;

    fn new(map: &HashMap<u64, u32>) -> Table {
        if map.is_empty() {
            return Table::default();
        }
        let bits = index_bits(map.len());
        (0u64..)
            .find_map(|k| Table::fill(map, bits, k.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .expect("some seed separates the tags")
    }

    /// The table with `2^bits` slots and `seed`, if no two keys' tags are confused in it.
    fn fill(map: &HashMap<u64, u32>, bits: u32, seed: u64) -> Option<Table> {
        let mut t = Table {
            slots: vec![0; 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
            seed,
        };
        let mask = t.slots.len() - 1;
        let mut keys = map.iter();
        let mut batch = [(0usize, 0u64); BATCH];
        loop {
            let mut n = 0;
            for (&key, &value) in keys.by_ref().take(BATCH) {
                let (home, tag) = t.home(key);
                batch[n] = (home, tag | value as u64);
                n += 1;
            }
            if n == 0 {
                return Some(t);
            }
            // the homes read first, so that their loads (misses: the table is larger than
            // the cache and filled at random) overlap
            black_box(batch[..n].iter().fold(0, |a, &(i, _)| a | t.slots[i]));
            for &(mut i, slot) in &batch[..n] {
                loop {
                    let s = t.slots[i];
                    if s == 0 {
                        t.slots[i] = slot;
                        break;
                    }
                    if s & TAG == slot & TAG {
                        return None; // another key with this tag on this key's run
                    }
                    i = (i + 1) & mask;
                }
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The home slot of `key` and its tag (in the slot's top half, never 0).
    #[inline]
    fn home(&self, key: u64) -> (usize, u64) {
        let x = mix(key ^ self.seed);
        ((x >> self.shift) as usize, (x << 32).max(1 << 32))
    }

    /// The value of the key with `tag` whose run starts at slot `i`, which holds `slot`.
    #[inline]
    fn get_from(&self, mut i: usize, tag: u64, mut slot: u64) -> Option<u32> {
        loop {
            if slot & TAG == tag {
                return Some(slot as u32);
            }
            if slot == 0 {
                return None;
            }
            i = (i + 1) & (self.slots.len() - 1);
            slot = self.slots[i];
        }
    }

    // not inlined: asked only for the few keys the filter does not settle, and inlined, its
    // hashing was done ahead for every walk
    #[inline(never)]
    fn get(&self, key: u64) -> Option<u32> {
        let (i, tag) = self.home(key);
        self.get_from(i, tag, self.slots[i])
    }
}

/// The tag half of a slot.
const TAG: u64 = !(u32::MAX as u64);

/// The number of bits of a slot index for `keys` keys: at least [`Table::SPREAD`] / 2 slots
/// per key.
fn index_bits(keys: usize) -> u32 {
    (keys * Table::SPREAD / 2)
        .next_power_of_two()
        .max(8)
        .trailing_zeros()
}

/// A key's hash mixed for the tables, with the finalizer of splitmix64: their slots are picked
/// by its top bits and tagged with its low ones. FNV alone would not do: its low bits depend
/// only on the low bits of what it hashed, and a byte hashed last barely reaches its top bits.
#[inline]
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What the [`Filter`] tells of a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Seen {
    /// The key is not held.
    #[default]
    No,
    /// The key, if held, is only the start of longer forms ([`PREFIX_ONLY`]).
    Prefix,
    /// The key may be held with an entry: the [`Table`] tells.
    Ask,
}

/// A one-byte-a-slot filter in front of the [`Table`], over the same keys, so that nearly all
/// lookups touch a table an eighth of the size (256 KB for the built-in lexicons, where the
/// table is 2 MB): a lookup finds no key (most of them), a key that is only a prefix (the walk
/// goes on: nearly all the others), or goes on to the table (a key with an entry, a few in a
/// thousand). A slot holds a 7-bit tag (never 0; an empty slot is 0) and one bit for
/// [`Seen::Prefix`]. Open addressing with linear probing as in the table, with another
/// mixing of the key. Two keys with one tag on one run share its first slot, [`Seen::Prefix`]
/// only if both are; so a key held is never [`Seen::No`] and is [`Seen::Prefix`] only if it is
/// only a prefix. A key not held may pass for one (one lookup in about a hundred): it then
/// costs a lookup in the table, which answers as for any key (see [`Table`]), or one step
/// more of the walk, whose keys taken for prefixes on the filter's word are confirmed in the
/// table before anything after them is reported.
#[derive(Debug, Default)]
struct Filter {
    slots: Box<[u8]>,
    /// As [`Table::shift`].
    shift: u32,
}

impl Filter {
    /// Mixed into the hash, so that the filter's slots and tags do not follow the table's.
    const SEED: u64 = 0x5851_f42d_4c95_7f2d;

    fn new(map: &HashMap<u64, u32>) -> Filter {
        if map.is_empty() {
            return Filter::default();
        }
        let bits = index_bits(map.len());
        let mut f = Filter {
            slots: vec![0; 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
        };
        let mask = f.slots.len() - 1;
        for (&key, &value) in map {
            let prefix = (value == PREFIX_ONLY) as u8;
            let (mut i, tag) = f.home(key);
            loop {
                let s = f.slots[i];
                if s == 0 {
                    f.slots[i] = tag | prefix;
                    break;
                }
                if s & !1 == tag {
                    f.slots[i] = s & (tag | prefix); // a prefix if both are
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        f
    }

    /// The home slot of `key` and its tag (in the top seven bits, never 0).
    #[inline]
    fn home(&self, key: u64) -> (usize, u8) {
        // one wide multiply mixes enough for a filter (a key it lets through by chance costs
        // a look-up, nothing more), and costs less than [`mix`]: most keys stop here
        let x = fold_mul(key ^ Filter::SEED, 0x9E37_79B9_7F4A_7C15);
        ((x >> self.shift) as usize, (x as u8 & !1).max(2))
    }

    /// What the filter tells of the key with `tag` whose run starts at slot `i`, which holds
    /// `slot`.
    #[inline]
    fn get_from(&self, mut i: usize, tag: u8, mut slot: u8) -> Seen {
        loop {
            if slot == 0 {
                return Seen::No;
            }
            if slot & !1 == tag {
                return if slot & 1 == 1 {
                    Seen::Prefix
                } else {
                    Seen::Ask
                };
            }
            i = (i + 1) & (self.slots.len() - 1);
            slot = self.slots[i];
        }
    }
}

/// The characters [`normalize_form`] gives for `s`, one by one: folded, with one space for
/// each run of white space between others.
fn folded(s: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    let (mut space, mut started) = (false, false);
    s.flat_map(move |c| match fold(c, true) {
        None => {
            space = true;
            [None, None]
        }
        Some(f) => {
            let gap = space && started;
            (space, started) = (false, true);
            [gap.then_some(' '), Some(f)]
        }
    })
    .flatten()
}

/// Whether `text` is, normalized, one of the forms or plurals of `e` (without allocating).
fn is_form_of(text: &str, e: &LexiconEntry) -> bool {
    let same = |f: &mut dyn Iterator<Item = char>| folded(text.chars()).eq(folded(f));
    e.forms().any(|f| same(&mut f.chars()))
        || e.plurals
            && e.forms()
                .filter_map(plural_parts)
                .any(|(stem, suffix)| same(&mut stem.chars().chain(suffix.chars())))
}

/// A key to look up in the filter: its home slot and tag, and the slot, once read.
#[derive(Clone, Copy, Default)]
struct Probe {
    home: usize,
    tag: u8,
    slot: u8,
}

impl Probe {
    #[inline]
    fn new(filter: &Filter, key: u64) -> Probe {
        let (home, tag) = filter.home(key);
        Probe { home, tag, slot: 0 }
    }
}

/// A token that may start a name, and the keys of it and of it with the next token, with
/// their probes, read ahead: the second, for the starts whose first key the filter does not
/// turn away (only the starts of longer forms need it, but it would otherwise be a load
/// waiting on the first; most starts are turned away, and need neither key nor load).
#[derive(Clone, Copy, Default)]
struct Start {
    token: usize,
    hash: u64,
    probe: Probe,
    /// What the filter tells of the first key, once its slot is read.
    seen: Seen,
    /// The next token not white space (the number of tokens if there is none).
    next: usize,
    /// The key of the two tokens (unused if there is no next token).
    hash2: u64,
    probe2: Probe,
}

/// How many starts [`Gazetteer::find`] looks up before walking from them.
const BATCH: usize = 16;

/// Forms of `cap`/`ctx` entries, and every token-boundary prefix of them, by hash.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    filter: Filter,
    table: Table,
}

impl Gazetteer {
    /// Indexes the forms (and plurals, for entries that have them) of `named`, the entries
    /// with `cap` or `ctx`, which sit at `offset` in the extractor's list. A form of one of the
    /// matcher's entries (`plain`) stays theirs; of two named entries with one form, the
    /// first keeps it.
    pub(crate) fn new(plain: &[LexiconEntry], named: &[LexiconEntry], offset: usize) -> Gazetteer {
        Gazetteer::from_map(&key_map(plain, named, offset))
    }

    fn from_map(map: &HashMap<u64, u32>) -> Gazetteer {
        Gazetteer {
            filter: Filter::new(map),
            table: Table::new(map),
        }
    }

    /// The value of `key`, as the key map has it (see [`Table`] for a key it does not hold).
    #[inline]
    fn lookup(&self, key: u64) -> Option<u32> {
        let (home, tag) = self.filter.home(key);
        self.get(
            key,
            self.filter.get_from(home, tag, self.filter.slots[home]),
        )
    }

    /// [`Gazetteer::lookup`] with the filter's slot read ahead.
    #[inline]
    fn probed(&self, key: u64, p: &Probe) -> Option<u32> {
        self.get(key, self.filter.get_from(p.home, p.tag, p.slot))
    }

    /// [`Gazetteer::lookup`] once the filter has told what it `seen` of `key`.
    #[inline]
    fn get(&self, key: u64, seen: Seen) -> Option<u32> {
        match seen {
            Seen::No => None,
            Seen::Prefix => Some(PREFIX_ONLY),
            Seen::Ask => self.table.get(key),
        }
    }

    /// Whether there is nothing to look up.
    pub(crate) fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Appends the matches in `text` (its `tokens`) to `out`: from every token holding a
    /// capital letter or a digit, the forms that start there, longest last. White space
    /// among `tokens` is skipped, so they may as well leave it out. (The extractor calls
    /// [`find_from`](Gazetteer::find_from) with the tokens its view has listed.)
    #[cfg(test)]
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        entries: &[LexiconEntry],
        out: &mut Vec<LexMatch>,
    ) {
        let starts = NameTokens::new(text, tokens);
        self.find_from(text, tokens, starts, entries, out);
    }

    /// [`find`](Gazetteer::find) from the given tokens only: those, in order, that hold a
    /// capital letter, a digit or a byte beyond ASCII ([`NameTokens`]), as the entities' view
    /// lists them.
    ///
    /// The first lookups (one per such token) are made [`BATCH`] at a time before walking on
    /// from any of them, so that their loads overlap.
    // not inlined: one call per document, and its cost shows apart in a profile
    #[inline(never)]
    pub(crate) fn find_from(
        &self,
        text: &str,
        tokens: &[Token],
        mut names: impl Iterator<Item = usize>,
        entries: &[LexiconEntry],
        out: &mut Vec<LexMatch>,
    ) {
        if self.table.is_empty() {
            return;
        }
        let mut starts = [Start::default(); BATCH];
        // scratch for the walks (each writes before it reads), set up once
        let mut prefixes = [0u64; MAX_TOKENS];
        loop {
            let mut n = 0;
            while n < BATCH {
                let Some((k, first)) = names.next().and_then(|k| Some((k, tokens.get(k)?))) else {
                    break;
                };
                let mut h = Fnv::START;
                h.push_token(first.text(text), false);
                starts[n] = Start {
                    token: k,
                    hash: h.0,
                    probe: Probe::new(&self.filter, h.0),
                    ..Start::default()
                };
                n += 1;
            }
            if n == 0 {
                return;
            }
            // the loads, apart from the work around them, so that they are all under way at
            // once: the first keys', then the second keys' of the starts not turned away
            for s in &mut starts[..n] {
                s.probe.slot = self.filter.slots[s.probe.home];
            }
            for s in &mut starts[..n] {
                let p = s.probe;
                s.seen = self.filter.get_from(p.home, p.tag, p.slot);
                if s.seen == Seen::No {
                    continue;
                }
                let k = s.token;
                s.next = tokens[k + 1..]
                    .iter()
                    .position(|t| !t.is_space())
                    .map_or(tokens.len(), |i| k + 1 + i);
                let mut h2 = Fnv(s.hash);
                if let Some(t) = tokens.get(s.next) {
                    h2.push_token(t.text(text), t.start > tokens[k].end);
                }
                s.hash2 = h2.0;
                s.probe2 = Probe::new(&self.filter, h2.0);
            }
            for s in starts[..n].iter_mut().filter(|s| s.seen != Seen::No) {
                s.probe2.slot = self.filter.slots[s.probe2.home];
            }
            for s in &starts[..n] {
                self.walk(text, tokens, s, entries, &mut prefixes, out);
            }
        }
    }

    /// The walk of [`Gazetteer::find`] from one start: longer and longer forms, while the
    /// tokens so far are a key.
    #[inline]
    fn walk(
        &self,
        text: &str,
        tokens: &[Token],
        s: &Start,
        entries: &[LexiconEntry],
        prefixes: &mut [u64; MAX_TOKENS],
        out: &mut Vec<LexMatch>,
    ) {
        let mut value = self.get(s.hash, s.seen);
        if value.is_none() {
            return; // most starts
        }
        let first = &tokens[s.token];
        let mut h = Fnv(s.hash);
        let mut end = first.end;
        let mut next = tokens[s.next..].iter().filter(|t| !t.is_space());
        // tokens so far
        let mut n = 1;
        // the keys taken for prefixes so far (in `prefixes`), most of them on the filter's word
        // alone
        let mut unsure = 0;
        while let Some(v) = value {
            if v == PREFIX_ONLY {
                prefixes[unsure] = h.0;
                unsure += 1;
            } else {
                // a key the filter let through for a prefix but the table does not hold
                // would have ended the walk there
                if !prefixes[..unsure]
                    .iter()
                    .all(|&k| self.table.get(k) == Some(PREFIX_ONLY))
                {
                    break;
                }
                unsure = 0;
                let entry = v & !ALSO_PREFIX;
                let span = Span::new(first.start, end);
                // the key matched: check the text against the entry's forms
                if is_form_of(&text[span.range()], &entries[entry as usize]) {
                    out.push(LexMatch { span, entry });
                }
                if v & ALSO_PREFIX == 0 {
                    break;
                }
            }
            let Some(t) = next.next().filter(|_| n < MAX_TOKENS) else {
                break;
            };
            n += 1;
            value = if n == 2 {
                h = Fnv(s.hash2);
                self.probed(h.0, &s.probe2)
            } else {
                h.push_token(t.text(text), t.start > end);
                self.lookup(h.0)
            };
            end = t.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{plurals_of, Lexicon};
    use crate::normalize::normalize_form;
    use crate::testing::xorshift;
    use crate::tokenizer::tokenize;
    use crate::Extractor;

    /// `Fnv::push_token` as it was: the reference for the new one.
    fn push_token_reference(h: &mut Fnv, token: &str, space_before: bool) {
        if space_before {
            h.push_str(" ");
        }
        let mut buf = [0u8; 4];
        for c in token.chars() {
            if c.is_ascii() {
                let f = if c == '`' {
                    b'\''
                } else {
                    c.to_ascii_lowercase() as u8
                };
                h.0 = (h.0 ^ f as u64).wrapping_mul(0x0100_0000_01b3);
            } else {
                h.push_str(fold(c, true).unwrap_or(' ').encode_utf8(&mut buf));
            }
        }
    }

    /// The keys as `for_each_key` gave them before it had a path without the tokenizer.
    fn keys_reference(e: &LexiconEntry) -> Vec<(u64, bool)> {
        let mut out = Vec::new();
        let plurals: Vec<String> = if e.plurals {
            e.forms().flat_map(plurals_of).collect()
        } else {
            Vec::new()
        };
        for form in e.forms().chain(plurals.iter().map(String::as_str)) {
            let tokens = tokenize(form);
            let words: Vec<&Token> = tokens.iter().filter(|t| !t.is_space()).collect();
            if words.is_empty() || words.len() > MAX_TOKENS || form.trim().len() < 2 {
                continue;
            }
            let mut h = Fnv::START;
            let mut prev = words[0].start;
            for (n, t) in words.iter().enumerate() {
                push_token_reference(&mut h, t.text(form), t.start > prev);
                prev = t.end;
                out.push((h.0, n + 1 == words.len()));
            }
        }
        out
    }

    fn keys(e: &LexiconEntry) -> Vec<(u64, bool)> {
        let mut out = Vec::new();
        for_each_key(e, &mut Vec::new(), &mut String::new(), |h, last| {
            out.push((h, last))
        });
        out
    }

    #[test]
    fn keys_match_reference_on_builtins() {
        let lex = Lexicon::builtin();
        assert!(lex.len() > 50_000);
        for e in lex.entries() {
            assert_eq!(keys(e), keys_reference(e), "{}", e.id);
        }
    }

    #[test]
    fn keys_match_reference_on_edge_cases() {
        let forms = [
            "3M",
            "3 M",
            "7-Eleven",
            "Wi-Fi",
            "Wi-Fi-",
            "-Fi",
            "a--b",
            "a-",
            "AT&T",
            "U.S. Steel",
            "Ph.D",
            "Macy's",
            "Macy’s",
            "O'Reilly",
            "1,000 Islands",
            "2.5G",
            "12",
            "1",
            "A",
            " A ",
            "  A  B  ",
            "A\tB",
            "A\u{A0}B",
            "A`B",
            "Xbox360",
            "Xbox 360",
            "360 Xbox",
            "São Paulo",
            "ÉCOLE",
            "Müller-Lüdenscheid",
            "a-é",
            "é-a",
            "x\u{300}y",
            "(A) B",
            "A (B)",
            "A/B",
            "A.",
            "A!",
            "“A”",
            "3Com",
            "3-D",
            "3D-Print",
            "a b c d e f g h",
            "a b c d e f g h i j k l m n o p",
            "a b c d e f g h i j k l m n o p q",
            "a b c d e f g h i j k l m n o p q.",
            "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
            "",
            " ",
            "ab",
            " ab ",
            "a b",
            "battery",
            "Battery Box",
            "switch",
            "CPU",
            "Ab Cy",
        ];
        for (i, form) in forms.iter().enumerate() {
            for flags in ["cap", "cap,plural"] {
                let line = format!("x:{i}\ttechnology\t{form}\t{form}|{form} Co\t{flags}\n");
                let Ok(lex) = Lexicon::parse("t.tsv", &line) else {
                    continue; // an empty name
                };
                let e = &lex.entries()[0];
                assert_eq!(keys(e), keys_reference(e), "{form:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn keys_match_reference_on_any_form(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", " ", "a", "B", "c", "Y", "s", "1", "0", "-", "'", "’", ".", ",", "&", "`",
                "é", "É", "\u{A0}", "\u{2010}", "(", "\"", "x\u{300}", "Σ",
            ]),
            1..24,
        )) {
            let form: String = pieces.concat();
            let e = LexiconEntry {
                id: "x".into(),
                kind: crate::record::EntityKind::Technology,
                name: form.clone(),
                aliases: vec![format!("{form} Inc")],
                case_sensitive: false,
                plurals: true,
                capitalized: true,
                context: false,
                file: "t.tsv".into(),
                line: 1,
            };
            proptest::prop_assert_eq!(keys(&e), keys_reference(&e), "{:?}", form);
        }
    }

    /// `Gazetteer::find` as it was, to check the new one against.
    fn find_reference(
        map: &HashMap<u64, u32>,
        text: &str,
        tokens: &[Token],
        entries: &[LexiconEntry],
        out: &mut Vec<LexMatch>,
    ) {
        let words: Vec<&Token> = tokens.iter().filter(|t| !t.is_space()).collect();
        for (k, first) in words.iter().enumerate() {
            if !first
                .text(text)
                .bytes()
                .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0x80)
            {
                continue;
            }
            let mut h = Fnv::START;
            let mut prev = first.start;
            for t in words[k..].iter().take(MAX_TOKENS) {
                push_token_reference(&mut h, t.text(text), t.start > prev);
                prev = t.end;
                let Some(&v) = map.get(&h.0) else {
                    break;
                };
                if v != PREFIX_ONLY {
                    let entry = v & !ALSO_PREFIX;
                    let span = Span::new(first.start, t.end);
                    let got = normalize_form(&text[span.range()], true);
                    let e = &entries[entry as usize];
                    let same = |f: &str| normalize_form(f, true) == got;
                    if e.forms().any(same)
                        || e.plurals && e.forms().flat_map(plurals_of).any(|p| same(&p))
                    {
                        out.push(LexMatch { span, entry });
                    }
                    if v & ALSO_PREFIX == 0 {
                        break;
                    }
                }
            }
        }
    }

    /// Over the built-in lexicons and the example articles (and some names of the generated
    /// lexicons written into a text), the new lookup finds what the old one did.
    #[test]
    fn find_matches_reference() {
        let ex = Extractor::new().unwrap();
        let entries = ex.entries();
        let plain = entries.partition_point(|e| !e.capitalized);
        let map = key_map(&entries[..plain], &entries[plain..], plain);
        let g = Gazetteer::from_map(&map);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "chip-localization",
            "earnings-report",
            "gadget-review",
            "trade-tensions",
        ]
        .iter()
        .map(|n| std::fs::read_to_string(root.join(format!("examples/{n}.txt"))).unwrap())
        .collect();
        let names: Vec<&str> = entries[plain..]
            .iter()
            .step_by(97)
            .flat_map(|e| e.forms())
            .collect();
        texts.push(names.join(" and the "));
        texts.push(names.join(", "));
        texts.push(names.join("’s "));
        // plurals, names in other cases, and names cut short or run on into other names (walks
        // that stop after a prefix), from a fixed pseudo-random sequence
        let plurals: Vec<String> = names.iter().flat_map(|f| plurals_of(f)).collect();
        texts.push(plurals.join(" or "));
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut pick = |n: usize| (xorshift(&mut x) % n as u64) as usize;
        let mut mixed = String::new();
        for _ in 0..20_000 {
            let words: Vec<&str> = names[pick(names.len())].split(' ').collect();
            let cut = 1 + pick(words.len());
            let piece = words[..cut].join(if pick(8) == 0 { "  " } else { " " });
            match pick(4) {
                0 => mixed.push_str(&piece.to_uppercase()),
                1 => mixed.push_str(&piece.to_lowercase()),
                _ => mixed.push_str(&piece),
            }
            mixed.push_str([" ", ". ", "’s ", "\n", " - ", "-"][pick(6)]);
        }
        texts.push(mixed);
        let mut found = 0;
        for text in &texts {
            let tokens = tokenize(text);
            let (mut new, mut old) = (Vec::new(), Vec::new());
            g.find(text, &tokens, entries, &mut new);
            find_reference(&map, text, &tokens, entries, &mut old);
            assert_eq!(new, old);
            found += new.len();
        }
        assert!(found > 500, "{found} matches");
    }

    /// The table gives every key of the built-in lexicons' map its value, and next to nothing
    /// for keys it does not hold.
    #[test]
    fn table_holds_the_map() {
        let ex = Extractor::new().unwrap();
        let entries = ex.entries();
        let plain = entries.partition_point(|e| !e.capitalized);
        let map = key_map(&entries[..plain], &entries[plain..], plain);
        assert!(map.len() > 100_000);
        let t = Table::new(&map);
        assert!(t.slots.len() >= map.len() * Table::SPREAD / 2);
        let g = Gazetteer::from_map(&map);
        for (&k, &v) in &map {
            assert_eq!(t.get(k), Some(v), "{k:x}");
            assert_eq!(g.lookup(k), Some(v), "{k:x}");
            let (home, tag) = g.filter.home(k);
            let seen = g.filter.get_from(home, tag, g.filter.slots[home]);
            assert_ne!(seen, Seen::No);
            assert!(seen == Seen::Ask || v == PREFIX_ONLY);
        }
        let mut h = Fnv::START;
        let (mut wrong, mut passed) = (0, 0);
        for i in 0..1_000_000u32 {
            h.push_str(&i.to_string());
            if map.contains_key(&h.0) {
                continue;
            }
            wrong += t.get(h.0).is_some() as usize;
            let (home, tag) = g.filter.home(h.0);
            passed += (g.filter.get_from(home, tag, g.filter.slots[home]) != Seen::No) as usize;
        }
        assert!(wrong <= 2, "{wrong} keys not held were found");
        assert!(passed < 50_000, "{passed} keys not held passed the filter");
    }

    /// Two keys whose tags would be confused (one home slot, one tag) are separated by
    /// building with another seed.
    #[test]
    fn table_separates_confused_tags() {
        let probe = Table {
            slots: vec![0; 8].into_boxed_slice(),
            shift: 61,
            seed: 0,
        };
        let mut seen = HashMap::default();
        let pair = (0u64..)
            .find_map(|k| seen.insert(probe.home(k), k).map(|other| (other, k)))
            .unwrap();
        let map: HashMap<u64, u32> = [(pair.0, 7), (pair.1, PREFIX_ONLY)].into_iter().collect();
        assert!(Table::fill(&map, 3, 0).is_none());
        let t = Table::new(&map);
        assert_eq!(t.slots.len(), 8);
        assert_ne!(t.seed, 0);
        assert_eq!(t.get(pair.0), Some(7));
        assert_eq!(t.get(pair.1), Some(PREFIX_ONLY));
    }

    /// The tokens found by their name bytes are those that hold one, byte by byte.
    #[test]
    fn name_tokens_hold_name_bytes() {
        let slow = |text: &str, tokens: &[Token]| -> Vec<usize> {
            let b = text.as_bytes();
            (0..tokens.len())
                .filter(|&k| !tokens[k].is_space())
                .filter(|&k| {
                    b[tokens[k].start..tokens[k].end]
                        .iter()
                        .any(|&c| NAME_BYTE[c as usize])
                })
                .collect()
        };
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "A",
            "the iPhone 3G and eBay, “quoted” words: (x) U.S. in 2019-20 a-b-c-d-e-f-g-h-i-j-K",
            "lowercase words only, none of them long enough to matter at all here\n",
            "averyveryverylongwordwithoutcapitals thenOneWithACapitalLateInIt, é, x\u{300}",
        ]
        .map(String::from)
        .to_vec();
        // every byte at every place of words of 1 to 17 bytes, the text ending there or not
        for c in ['Q', '7', 'é', '.', '[', '@', ':', '?', '_', '\u{10}', 'a'] {
            for len in 1..=17 {
                for at in 0..len {
                    let mut w: Vec<char> = vec!['x'; len];
                    w[at] = c;
                    let w: String = w.into_iter().collect();
                    texts.push(format!("ab {w}"));
                    texts.push(format!("{w} cd"));
                    texts.push(format!("ab {w} cd efghijklmnop"));
                }
            }
        }
        for text in &texts {
            let tokens = tokenize(text);
            let fast: Vec<usize> = NameTokens::new(text, &tokens).collect();
            assert_eq!(fast, slow(text, &tokens), "{text:?}");
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            x = mix(x);
            let bytes = x.to_le_bytes();
            assert_eq!(
                next_name_byte(&bytes, 0),
                bytes
                    .iter()
                    .position(|&c| NAME_BYTE[c as usize])
                    .unwrap_or(8),
                "{x:x}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The check of a match normalizes as `normalize_form` does.
        #[test]
        fn folded_is_normalize_form(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", "  ", "\t", "\n", "a", "B", "1", "-", "'", "’", "`", "é", "É", "\u{A0}",
                "\u{2010}", "\u{3000}", "“", "ẞ", "İ", "Σ", "x\u{300}",
            ]),
            0..16,
        )) {
            let s: String = pieces.concat();
            proptest::prop_assert_eq!(folded(s.chars()).collect::<String>(), normalize_form(&s, true));
        }
    }

    /// A key the filter lets through for a prefix though the table does not hold it ends the
    /// walk, as a key not held did in the map, even where a longer key is held.
    #[test]
    fn prefix_passed_by_the_filter_alone_ends_the_walk() {
        let lex = Lexicon::parse("t.tsv", "org:x\torganization\tFoo Bar\t\tcap\n").unwrap();
        let text = "Foo Bar";
        let tokens = tokenize(text);
        let key = |s: &str| {
            let mut h = Fnv::START;
            h.push_token(s, false);
            h
        };
        let (first, mut both) = (key("Foo"), key("Foo"));
        both.push_token("Bar", true);
        // a key the filter takes for the first word's (one home, one tag), only a prefix
        let f = Filter::new(&[(0, PREFIX_ONLY), (1, 0)].into_iter().collect());
        let twin = (2u64..)
            .find(|&k| k != first.0 && f.home(k) == f.home(first.0))
            .unwrap();
        let map: HashMap<u64, u32> = [(twin, PREFIX_ONLY), (both.0, 0)].into_iter().collect();
        let g = Gazetteer::from_map(&map);
        assert_eq!(g.filter.slots.len(), f.slots.len());
        let (home, tag) = g.filter.home(first.0);
        assert_eq!(
            g.filter.get_from(home, tag, g.filter.slots[home]),
            Seen::Prefix
        );
        let (mut new, mut old) = (Vec::new(), Vec::new());
        g.find(text, &tokens, lex.entries(), &mut new);
        find_reference(&map, text, &tokens, lex.entries(), &mut old);
        assert_eq!(new, old);
        assert!(new.is_empty());
        // with the first word's own key held, the name is found
        let map: HashMap<u64, u32> = [(first.0, PREFIX_ONLY), (both.0, 0)].into_iter().collect();
        new.clear();
        Gazetteer::from_map(&map).find(text, &tokens, lex.entries(), &mut new);
        assert_eq!(new.len(), 1);
    }

    #[test]
    fn finds_forms_and_longer_forms() {
        let lex = Lexicon::parse(
            "t.tsv",
            "org:a\torganization\tAcme\tAcme Corp|AT&T Acme\tcap\n\
             org:b\torganization\tAcme Widgets\t\tcap\n\
             loc:s\tlocation\tSão Paulo\t\tcap\n",
        )
        .unwrap();
        let g = Gazetteer::new(&[], lex.entries(), 0);
        let text = "ACME Corp, Acme  Widgets and AT&T Acme's unit in São Paulo; acme.";
        let mut out = Vec::new();
        g.find(text, &tokenize(text), lex.entries(), &mut out);
        let got: Vec<(&str, u32)> = out
            .iter()
            .map(|m| (&text[m.span.range()], m.entry))
            .collect();
        assert_eq!(
            got,
            [
                ("ACME", 0),
                ("ACME Corp", 0),
                ("Acme", 0),
                ("Acme  Widgets", 1),
                ("AT&T Acme", 0),
                ("Acme", 0),
                ("São Paulo", 2),
            ]
        );
    }
}
