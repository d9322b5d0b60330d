//! The statistics word lists (`lexicons/stats/*.tsv`), compiled into lookup tables.
//!
//! Every form is tokenized like article text, so a form matches the same token sequence it
//! would have in an article ("US$" is `US` + `$`, "per cent" is `per` + `cent`). Tables are
//! keyed by the lower-cased first token; forms of three characters or fewer ("MB", "GHz",
//! "m", "%") are case-sensitive, longer ones match any case.
//!
//! All tables share one map from a lower-cased word to an [`Entry`]: what the word is in
//! every table (number word, word lists, the phrases it starts). One look-up per token
//! answers every question the rules ask about it.

use crate::error::{Error, Result};
use crate::tokenizer::{tokenize, Token, TokenKind};

const CURRENCIES: &str = include_str!("../../lexicons/stats/currencies.tsv");
const MULTIPLIERS: &str = include_str!("../../lexicons/stats/multipliers.tsv");
const UNITS: &str = include_str!("../../lexicons/stats/units.tsv");
const NUMBERS: &str = include_str!("../../lexicons/stats/numbers.tsv");
const QUALIFIERS: &str = include_str!("../../lexicons/stats/qualifiers.tsv");

/// Tables use Fx hashing: short keys, looked up per token.
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Longest word the tables hold, in bytes; longer words are never looked up.
pub(crate) const MAX_KEY: usize = 24;

/// Lower-cases ASCII letters of word `b` into `buf`; `None` when `b` is too long.
#[inline]
pub(crate) fn lower<'b>(b: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    if b.len() > MAX_KEY {
        return None;
    }
    for (d, &c) in buf.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

/// A bit set over a case-blind hash of a word's length and first, second and last bytes.
/// A word whose bit is clear is not a key of the table the filter was built for, so most
/// words are rejected without being lower-cased and hashed in full.
#[derive(Debug)]
pub(crate) struct WordFilter {
    bits: Box<[u64]>,
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter {
            bits: vec![0u64; WORD_FILTER_BITS / 64].into_boxed_slice(),
        }
    }
}

const WORD_FILTER_BITS: usize = 1 << 14;

impl WordFilter {
    /// The bit of `b`: the same for every ASCII case of `b` (`c | 0x20` is `c` lower-cased for
    /// letters and leaves lower-case letters as they are).
    #[inline]
    fn bit(b: &[u8]) -> usize {
        let n = b.len();
        if n == 0 {
            return 0;
        }
        let x = (n as u32)
            .wrapping_mul(0x9E37_79B9)
            .wrapping_add(u32::from(b[0] | 0x20).wrapping_mul(0x85EB_CA6B))
            .wrapping_add(u32::from(b[n.min(2) - 1] | 0x20).wrapping_mul(0xC2B2_AE35))
            .wrapping_add(u32::from(b[n - 1] | 0x20).wrapping_mul(0x27D4_EB2F));
        ((x ^ (x >> 15)) as usize) & (WORD_FILTER_BITS - 1)
    }

    /// Adds a key (lower-cased, or any case: the bit is case-blind).
    pub(crate) fn insert(&mut self, key: &[u8]) {
        let h = Self::bit(key);
        self.bits[h / 64] |= 1 << (h % 64);
    }

    /// Whether `word` may be a key, in any ASCII case.
    #[inline]
    pub(crate) fn may_contain(&self, word: &[u8]) -> bool {
        let h = Self::bit(word);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }
}

/// Words of up to 16 bytes, packed into two little-endian `u64`s and ASCII-lower-cased
/// eight bytes at a time, to their entry id: open addressing on a multiplicative hash.
///
/// A look-up touches one small table of 4-byte slots (a 16-bit tag from the hash and the
/// id), at most half full, so most words that are in no table are rejected by one load
/// that stays in the first-level cache. A slot whose tag matches is checked against the
/// id's full packed key in `keys` before its id is returned, so a tag collision never
/// returns a wrong id.
#[derive(Debug, Default)]
struct ShortIds {
    /// Tag in the high 16 bits, id in the low 16; 0 marks a free slot (ids start at 1).
    slots: Box<[u32]>,
    /// Per id: the packed word (first eight bytes, next eight, length); length 0 for ids
    /// not in `slots` (a look-up never has length 0).
    keys: Box<[(u64, u64, u32)]>,
    /// The id of each one-byte ASCII word, and of each two-letter word by its letters'
    /// places in the alphabet (`26 * a + b`), as the hash look-up gives them: the tokens
    /// around a number are often punctuation, signs and short words ("$", "%", ",", "of",
    /// "to"), which then cost one load and no hash. Empty in an empty table.
    tiny: Box<[u16]>,
}

/// One-byte ASCII words, then two-letter words, in `ShortIds::tiny`.
const TINY: usize = 128 + 26 * 26;

impl ShortIds {
    /// The words of `ids` of one to 16 bytes with no ASCII upper-case letter (a word that
    /// has one is never found: look-ups are lower-cased). `n` is one past the largest id.
    fn new(ids: &FxMap<Box<[u8]>, u16>, n: usize) -> ShortIds {
        let mut keys: Vec<(&[u8], u16)> = ids
            .iter()
            .map(|(k, &id)| (&k[..], id))
            .filter(|(k, id)| {
                *id != 0 && (1..=16).contains(&k.len()) && !k.iter().any(u8::is_ascii_uppercase)
            })
            .collect();
        // a fixed insertion order: the same table from run to run
        keys.sort_unstable_by_key(|&(_, id)| id);
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; size].into_boxed_slice();
        let mut packed = vec![(0u64, 0u64, 0u32); n].into_boxed_slice();
        for (k, id) in keys {
            let (lo, hi) = Self::pack(k);
            let (mut h, tag) = Self::slot(lo, hi, k.len(), size);
            while slots[h] != 0 {
                h = (h + 1) & (size - 1);
            }
            slots[h] = tag << 16 | u32::from(id);
            packed[usize::from(id)] = (lo, hi, k.len() as u32);
        }
        let mut t = ShortIds {
            slots,
            keys: packed,
            tiny: Box::default(),
        };
        let tiny = (0..TINY)
            .map(|i| match Self::tiny_word(i) {
                (a, None) => t.get(&[a]),
                (a, Some(b)) => t.get(&[a, b]),
            })
            .collect();
        t.tiny = tiny;
        t
    }

    /// The word of slot `i` of `tiny`: a byte below 128, or two lower-case letters.
    fn tiny_word(i: usize) -> (u8, Option<u8>) {
        match i.checked_sub(128) {
            None => (i as u8, None),
            Some(k) => (b'a' + (k / 26) as u8, Some(b'a' + (k % 26) as u8)),
        }
    }

    /// The slot in `tiny` of a word of one ASCII byte or two ASCII letters (in any case).
    #[inline]
    fn tiny_slot(b: &[u8]) -> Option<usize> {
        let letter = |c: u8| {
            let k = (c | 0x20).wrapping_sub(b'a');
            (k < 26).then_some(usize::from(k))
        };
        match *b {
            [a] if a < 128 => Some(usize::from(a)),
            [a, b] => Some(128 + 26 * letter(a)? + letter(b)?),
            _ => None,
        }
    }

    /// The id of word `b` (any length, any ASCII case), 0 if it is not there: from `tiny`
    /// for the words it holds, else `get`.
    #[inline]
    fn id(&self, b: &[u8]) -> u16 {
        match Self::tiny_slot(b) {
            Some(i) => self.tiny.get(i).copied().unwrap_or(0),
            None => self.get(b),
        }
    }

    /// The bytes (at most eight) as a little-endian `u64`, zero-padded.
    #[inline]
    fn load(b: &[u8]) -> u64 {
        let n = b.len();
        if n >= 4 {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        } else if n > 0 {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        } else {
            0
        }
    }

    /// ASCII upper-case letters of the eight bytes of `x` lower-cased, other bytes as they
    /// are.
    #[inline]
    fn lower8(x: u64) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let low7 = x & (0x7f * ONES);
        let from_a = low7 + (0x80 - u64::from(b'A')) * ONES;
        let past_z = low7 + (0x80 - u64::from(b'Z') - 1) * ONES;
        let upper = from_a & !past_z & !x & (0x80 * ONES);
        x | upper >> 2
    }

    /// `b` (at most 16 bytes) packed and lower-cased. Always in line: every look-up of a
    /// word near a number goes through it, and as a call it cost about a third of `get`.
    #[inline(always)]
    fn pack(b: &[u8]) -> (u64, u64) {
        if b.len() > 8 {
            (
                Self::lower8(Self::load(&b[..8])),
                Self::lower8(Self::load(&b[8..])),
            )
        } else {
            (Self::lower8(Self::load(b)), 0)
        }
    }

    /// The home slot of a packed word (`size` a power of two, at most 2^32) and its 16-bit
    /// tag (the hash bits right below the slot's).
    #[inline]
    fn slot(lo: u64, hi: u64, len: usize, size: usize) -> (usize, u32) {
        let x = (lo ^ hi.rotate_left(31) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = size.trailing_zeros();
        let h = if bits == 0 {
            0
        } else {
            (x >> (64 - bits)) as usize
        };
        (h, ((x >> (48 - bits)) & 0xffff) as u32)
    }

    /// The id of word `b` (one to 16 bytes, any ASCII case), 0 if it is not there.
    #[inline]
    fn get(&self, b: &[u8]) -> u16 {
        let size = self.slots.len();
        if size == 0 || b.is_empty() {
            return 0;
        }
        let (lo, hi) = Self::pack(b);
        let (mut h, tag) = Self::slot(lo, hi, b.len(), size);
        loop {
            let s = self.slots[h];
            if s == 0 {
                return 0;
            }
            if s >> 16 == tag {
                let id = s as u16;
                // the full check: a tag collision is never a match
                if self.keys[usize::from(id)] == (lo, hi, b.len() as u32) {
                    return id;
                }
            }
            h = (h + 1) & (size - 1);
        }
    }
}

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Percent,
    Quantity,
    /// Durations, ages and clock times: not statistics.
    Time,
}

/// What a phrase of the post-number or pre-number tables means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum What {
    /// A currency (index into `names`).
    Currency(u16),
    /// A unit of measure (kind, index into `names`).
    Unit(UnitKind, u16),
    /// A multiplier.
    Mult(f64),
    /// Approximation.
    Approx,
    /// A comparator (index into `names`).
    Cmp(u16),
    /// A direction (index into `names`).
    Dir(u16),
}

#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    /// The form's tokens (lower-cased unless `exact`), without white space.
    words: Box<[Box<str>]>,
    /// Case-sensitive.
    exact: bool,
    /// For each word after the first: whether the form has a space before it (else the
    /// tokens must touch: "A$" is not "A $").
    spaced: Box<[bool]>,
    /// Only written right after the number, with no space.
    pub(crate) attached: bool,
    pub(crate) what: What,
}

/// Phrases keyed by their first token, longest first (while the tables are built).
#[derive(Debug, Default)]
struct PhraseTable {
    by_first: FxMap<Box<[u8]>, Vec<Phrase>>,
}

/// The phrase tables.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Table {
    /// Currencies written before the number.
    Pre = 0,
    /// Multipliers, currencies, units written after the number.
    Post = 1,
    /// Qualifiers before the number.
    Qual = 2,
}

/// `Entry::flags` bit: the word ends a currency written before the number.
pub(crate) const F_PRE_LAST: u32 = 1 << 31;
/// `Entry::flags` bit: the word ends a qualifier.
pub(crate) const F_QUAL_LAST: u32 = 1 << 30;
/// `Entry::flags` bit: the word starts a direction qualifier.
pub(crate) const F_DIR_FIRST: u32 = 1 << 29;
/// The flag bits the tables set themselves; the rules' word lists use the others.
pub(crate) const F_TABLES: u32 = F_PRE_LAST | F_QUAL_LAST | F_DIR_FIRST;

/// What a word (lower-cased) is in every table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    /// Flags of the rules' own word lists.
    pub(crate) flags: u32,
    /// Its meanings as a number word (only for words of three bytes or more starting with a
    /// letter).
    pub(crate) num: Option<NumWord>,
    /// The phrases it starts in each table (by `Table`), longest first.
    phrases: [Box<[Phrase]>; 3],
}

impl Phrase {
    /// The form's last word, lower-cased.
    fn last_key(&self) -> Box<[u8]> {
        let w = self.words.last().map_or("", |w| &**w);
        w.to_ascii_lowercase().into_bytes().into_boxed_slice()
    }
}

impl PhraseTable {
    fn add(&mut self, form: &str, attached: bool, what: What) {
        let toks = tokenize(form);
        let exact = form.chars().count() <= 3;
        let mut spaced = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            if !t.is_space() && k > 0 {
                spaced.push(toks[k - 1].is_space());
            }
        }
        let words: Vec<Box<str>> = toks
            .iter()
            .filter(|t| !t.is_space())
            .map(|t| {
                let s = t.text(form);
                if exact {
                    s.into()
                } else {
                    s.to_lowercase().into_boxed_str()
                }
            })
            .collect();
        if words.is_empty() {
            return;
        }
        let key: Box<[u8]> = words[0].to_lowercase().into_bytes().into_boxed_slice();
        let list = self.by_first.entry(key).or_default();
        // The first entry of a form wins.
        if list
            .iter()
            .any(|p| *p.words == words[..] && p.exact == exact)
        {
            return;
        }
        list.push(Phrase {
            words: words.into_boxed_slice(),
            exact,
            spaced: spaced.into_boxed_slice(),
            attached,
            what,
        });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
}

/// The longest phrase of `list` (phrases starting with token `i`'s word, longest first) that
/// starts at token `i`, and the index one past its last token. Tokens of a phrase may be
/// separated by spaces or a line wrap (one line feed, no indent), never by a paragraph break.
pub(crate) fn match_phrases<'p>(
    list: &'p [Phrase],
    text: &str,
    toks: &[Token],
    i: usize,
    accept: impl Fn(&Phrase) -> bool,
) -> Option<(&'p Phrase, usize)> {
    'next: for p in list {
        if !accept(p) {
            continue;
        }
        let mut j = i;
        for (n, w) in p.words.iter().enumerate() {
            if n > 0 {
                j += 1;
                let before = j;
                // a line wrapped in the middle of a phrase: "basis\npoints", "U.S.\nDlrs"
                while j < toks.len()
                    && (toks[j].kind == TokenKind::Space
                        || (toks[j].kind == TokenKind::LineBreak && toks[j].text(text) == "\n"))
                {
                    j += 1;
                }
                if j != before && !p.spaced.get(n - 1).copied().unwrap_or(true) {
                    continue 'next;
                }
            }
            let Some(tok) = toks.get(j) else {
                continue 'next;
            };
            let s = tok.text(text);
            let ok = if p.exact {
                s == &**w
            } else {
                s.eq_ignore_ascii_case(w)
            };
            if !ok {
                continue 'next;
            }
        }
        return Some((p, j + 1));
    }
    None
}

/// A number word's meanings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct NumWord {
    pub(crate) card: Option<f64>,
    pub(crate) ord: Option<u32>,
    /// The denominator of a fraction word (half: 2).
    pub(crate) frac: Option<u32>,
    pub(crate) mul: Option<f64>,
    /// A multiplier written as a word ("million", "dozen").
    pub(crate) mult: Option<f64>,
}

/// All the tables.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    /// Lower-cased word -> index into `entries` (0 is the empty entry).
    ids: FxMap<Box<[u8]>, u16>,
    /// The words of `ids` of up to 16 bytes, for fast look-ups.
    short: ShortIds,
    /// The keys of `ids`.
    filter: WordFilter,
    entries: Vec<Entry>,
    /// `Entry::flags` of every entry, by id: the rules test flags of most tokens they look
    /// at, and this array is small enough to stay cached.
    flags: Box<[u32]>,
    /// Number words (and multiplier words), lower-cased.
    pub(crate) number_words: Vec<Box<[u8]>>,
    /// The first two letters (lower-cased) of every number word: a word starting with any
    /// other pair is neither a number word nor a hyphenated one ("twenty-five").
    pairs: Box<[u64]>,
    /// Currencies written before the number, without spaces ("US$", "$A", "RM"), for
    /// forms glued to the number ("RM23.50", "USD10m").
    pub(crate) pre_compact: FxMap<Box<str>, u16>,
    /// Currency codes, unit names, comparator and direction values.
    pub(crate) names: Vec<Box<str>>,
    /// Each of `names` to its index, while the tables are built (empty after).
    name_ids: FxMap<Box<str>, u16>,
}

fn bad(file: &str, line: usize, problem: impl Into<String>) -> Error {
    Error::Lexicon {
        file: format!("builtin/stats/{file}"),
        line,
        problem: problem.into(),
    }
}

fn rows<'a>(src: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    src.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((n + 1, l.split('\t').map(str::trim).collect()))
        }
    })
}

impl Tables {
    fn name(&mut self, s: &str) -> u16 {
        if let Some(&i) = self.name_ids.get(s) {
            return i;
        }
        let i = self.names.len() as u16;
        self.names.push(s.into());
        self.name_ids.insert(s.into(), i);
        i
    }

    /// The built-in tables, with the rules' word lists (word, flag).
    pub(crate) fn builtin<'w>(words: impl IntoIterator<Item = (&'w str, u32)>) -> Result<Tables> {
        let mut t = Tables::default();
        let mut pre = PhraseTable::default();
        let mut post = PhraseTable::default();
        let mut qual = PhraseTable::default();
        let mut numbers: FxMap<Box<[u8]>, NumWord> = FxMap::default();
        for (n, f) in rows(CURRENCIES) {
            if f.len() < 3 {
                return Err(bad("currencies.tsv", n, "expected form, code, position"));
            }
            let code = t.name(f[1]);
            let attached = f.get(3).is_some_and(|x| x.contains("attached"));
            let what = What::Currency(code);
            if f[2] != "post" {
                let compact: String = f[0].chars().filter(|c| !c.is_whitespace()).collect();
                t.pre_compact.entry(compact.into()).or_insert(code);
            }
            match f[2] {
                "pre" => pre.add(f[0], false, what),
                "post" => post.add(f[0], attached, what),
                "both" => {
                    pre.add(f[0], false, what);
                    post.add(f[0], attached, what);
                }
                p => return Err(bad("currencies.tsv", n, format!("unknown position {p:?}"))),
            }
        }
        for (n, f) in rows(MULTIPLIERS) {
            let factor: f64 = f
                .get(1)
                .and_then(|x| x.parse().ok())
                .ok_or_else(|| bad("multipliers.tsv", n, "expected form, factor"))?;
            let attached = f.get(2).is_some_and(|x| x.contains("attached"));
            post.add(f[0], attached, What::Mult(factor));
            if !attached {
                let key = f[0].to_lowercase().into_bytes().into_boxed_slice();
                let w = numbers.entry(key).or_default();
                w.mult = Some(factor);
            }
        }
        for (n, f) in rows(UNITS) {
            if f.len() < 3 {
                return Err(bad("units.tsv", n, "expected form, kind, unit"));
            }
            let kind = match f[1] {
                "percent" => UnitKind::Percent,
                "quantity" => UnitKind::Quantity,
                "time" => UnitKind::Time,
                k => return Err(bad("units.tsv", n, format!("unknown kind {k:?}"))),
            };
            let unit = t.name(f[2]);
            let attached = f.get(3).is_some_and(|x| x.contains("attached"));
            post.add(f[0], attached, What::Unit(kind, unit));
        }
        for (n, f) in rows(NUMBERS) {
            let v: f64 = f
                .get(2)
                .and_then(|x| x.parse().ok())
                .ok_or_else(|| bad("numbers.tsv", n, "expected form, type, value"))?;
            let key = f[0].to_lowercase().into_bytes().into_boxed_slice();
            let w = numbers.entry(key).or_default();
            match f[1] {
                "card" => w.card = Some(v),
                "ord" => w.ord = Some(v as u32),
                "frac" => w.frac = Some((1.0 / v).round() as u32),
                "mul" => w.mul = Some(v),
                k => return Err(bad("numbers.tsv", n, format!("unknown type {k:?}"))),
            }
        }
        for (n, f) in rows(QUALIFIERS) {
            if f.len() < 3 {
                return Err(bad("qualifiers.tsv", n, "expected form, field, value"));
            }
            let what = match f[1] {
                "approx" => What::Approx,
                "cmp" => What::Cmp(t.name(f[2])),
                "dir" => What::Dir(t.name(f[2])),
                k => return Err(bad("qualifiers.tsv", n, format!("unknown field {k:?}"))),
            };
            qual.add(f[0], false, what);
        }
        let mut pairs = vec![0u64; 1024 / 64];
        for k in numbers
            .keys()
            .map(|k| &k[..])
            .chain([&b"minus"[..], &b"sub"[..]])
        {
            if k.len() >= 2 {
                let h = pair_hash(k[0], k[1]);
                pairs[h / 64] |= 1 << (h % 64);
            }
        }
        t.pairs = pairs.into_boxed_slice();
        t.number_words = numbers.keys().cloned().collect();
        t.number_words.sort_unstable();
        // one entry per word
        t.entries.push(Entry::default());
        for (w, flag) in words {
            if flag & F_TABLES != 0 {
                return Err(bad("*.tsv", 0, "word list flag taken by the tables"));
            }
            t.entry_mut(w.as_bytes()).flags |= flag;
        }
        // where phrases end (and direction qualifiers start): one flag test rules out most
        // tokens before their phrases are matched
        let mut marks: Vec<(Box<[u8]>, u32)> = Vec::new();
        for p in pre.by_first.values().flatten() {
            marks.push((p.last_key(), F_PRE_LAST));
        }
        for (k, list) in &qual.by_first {
            for p in list {
                marks.push((p.last_key(), F_QUAL_LAST));
                if matches!(p.what, What::Dir(_)) {
                    marks.push((k.clone(), F_DIR_FIRST));
                }
            }
        }
        for (k, flag) in marks {
            t.entry_mut(&k).flags |= flag;
        }
        for (k, w) in numbers {
            // `number` reads words of three bytes or more that start with a letter
            if k.len() >= 3 && k[0].is_ascii_alphabetic() {
                t.entry_mut(&k).num = Some(w);
            }
        }
        for (table, phrases) in [(Table::Pre, pre), (Table::Post, post), (Table::Qual, qual)] {
            for (k, list) in phrases.by_first {
                t.entry_mut(&k).phrases[table as usize] = list.into_boxed_slice();
            }
        }
        if t.entries.len() >= usize::from(u16::MAX) {
            return Err(bad("*.tsv", 0, "too many words"));
        }
        t.name_ids = FxMap::default();
        t.short = ShortIds::new(&t.ids, t.entries.len());
        t.flags = t.entries.iter().map(|e| e.flags).collect();
        Ok(t)
    }

    /// The entry of the lower-cased word `k`, added if new.
    fn entry_mut(&mut self, k: &[u8]) -> &mut Entry {
        let n = self.entries.len() as u16;
        let id = *self.ids.entry(Box::from(k)).or_insert(n);
        if id == n {
            self.filter.insert(k);
            self.entries.push(Entry::default());
        }
        &mut self.entries[usize::from(id)]
    }

    /// The entry id of word `s` (0: in no table). Words are matched ASCII-case-blind;
    /// words longer than `MAX_KEY` are in no table.
    #[inline]
    pub(crate) fn id(&self, s: &str) -> u16 {
        self.id_of(s.as_bytes())
    }

    /// `id` of a word's bytes (a token's, sliced without `str`'s char-boundary checks).
    #[inline]
    pub(crate) fn id_of(&self, b: &[u8]) -> u16 {
        if b.len() <= 16 {
            return self.short.id(b);
        }
        if !self.filter.may_contain(b) {
            return 0;
        }
        let mut buf = [0u8; MAX_KEY];
        match lower(b, &mut buf) {
            Some(k) => self.ids.get(k).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// The entry with id `id`.
    #[inline]
    pub(crate) fn entry(&self, id: u16) -> &Entry {
        &self.entries[usize::from(id)]
    }

    /// The flags of entry `id` (`Entry::flags`).
    #[inline]
    pub(crate) fn flags(&self, id: u16) -> u32 {
        self.flags[usize::from(id)]
    }

    /// The phrases of `table` starting with the word of entry `id`, longest first.
    #[inline]
    pub(crate) fn phrases(&self, id: u16, table: Table) -> &[Phrase] {
        &self.entry(id).phrases[table as usize]
    }

    /// The number word `s`, if it is one.
    #[inline]
    pub(crate) fn number(&self, s: &str) -> Option<&NumWord> {
        self.entry(self.id(s)).num.as_ref()
    }

    /// The one-word phrase `s` of `table` (a piece of a token: "percent" in "percent-owned").
    pub(crate) fn match_word(
        &self,
        table: Table,
        s: &str,
        accept: impl Fn(&Phrase) -> bool,
    ) -> Option<&Phrase> {
        self.phrases(self.id(s), table).iter().find(|p| {
            p.words.len() == 1
                && accept(p)
                && if p.exact {
                    *p.words[0] == *s
                } else {
                    p.words[0].eq_ignore_ascii_case(s)
                }
        })
    }
}

#[inline]
fn pair_hash(a: u8, b: u8) -> usize {
    (usize::from((a | 0x20) & 0x1f) << 5 | usize::from((b | 0x20) & 0x1f)) & 1023
}

impl Tables {
    /// Whether a word starting with bytes `a`, `b` may be (or start) a number word.
    #[inline]
    pub(crate) fn may_start_number(&self, a: u8, b: u8) -> bool {
        let h = pair_hash(a, b);
        self.pairs[h / 64] & (1 << (h % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Tables::id`: the look-up of the lower-cased word in the map of every key,
    /// the oracle the compact short-word table must agree with.
    fn id_by_map(t: &Tables, w: &str) -> u16 {
        let lowered = w.to_ascii_lowercase();
        if lowered.len() > MAX_KEY {
            return 0;
        }
        t.ids.get(lowered.as_bytes()).copied().unwrap_or(0)
    }

    /// The short-word table gives every key's id in any ASCII case, and agrees with the map
    /// on words near keys (one byte changed, added or dropped), where tags may collide.
    #[test]
    fn short_ids_agree_with_the_map() {
        let t = Tables::builtin([("share", 1u32), ("Capital", 2)]).unwrap();
        let mut words: Vec<String> = Vec::new();
        for k in t.ids.keys() {
            let Ok(k) = std::str::from_utf8(k) else {
                continue;
            };
            words.push(k.to_string());
            words.push(k.to_ascii_uppercase());
            words.push(format!("{k}s"));
            words.push(format!("x{k}"));
            if let Some((i, _)) = k.char_indices().last() {
                words.push(k[..i].to_string());
            }
            if k.is_ascii() && !k.is_empty() {
                for i in 0..k.len() {
                    let mut b = k.as_bytes().to_vec();
                    b[i] = if b[i] == b'z' { b'a' } else { b[i] + 1 };
                    if let Ok(w) = String::from_utf8(b) {
                        words.push(w);
                    }
                }
            }
        }
        words.extend(["", "a", "A", "the", "THE", "0", "%", "per cent"].map(String::from));
        let mut found = 0;
        for w in &words {
            let want = id_by_map(&t, w);
            assert_eq!(t.id(w), want, "{w:?}");
            found += usize::from(want != 0);
        }
        assert!(found > 1000, "{found} words found");
        // every word of one byte or two (the direct table of one-byte and two-letter words)
        for a in 0..=255u8 {
            let one = [a];
            assert_eq!(t.short.id(&one), t.short.get(&one), "{one:?}");
            if let Ok(w) = std::str::from_utf8(&one) {
                assert_eq!(t.id(w), id_by_map(&t, w), "{w:?}");
            }
            for b in 0..=255u8 {
                let two = [a, b];
                assert_eq!(t.short.id(&two), t.short.get(&two), "{two:?}");
                if let Ok(w) = std::str::from_utf8(&two) {
                    assert_eq!(t.id(w), id_by_map(&t, w), "{w:?}");
                }
            }
        }
        assert_ne!(t.id("of"), 0);
        assert_ne!(t.id("%"), 0);
        // an upper-case key is never found: look-ups are lower-cased
        assert_eq!(t.id("Capital"), 0);
        assert_ne!(t.flags(t.id("share")) & 1, 0);
        for (id, e) in t.entries.iter().enumerate() {
            assert_eq!(t.flags(id as u16), e.flags);
        }
    }

    /// Every phrase's last word (and every direction's first word) carries its flag in any
    /// ASCII case, so the rules' flag tests never rule out a phrase that would match.
    #[test]
    fn phrase_flags_cover_every_phrase() {
        let t = Tables::builtin([("share", 1u32)]).unwrap();
        let mut checked = 0;
        for e in &t.entries {
            for (table, flag) in [(Table::Pre, F_PRE_LAST), (Table::Qual, F_QUAL_LAST)] {
                for p in e.phrases[table as usize].iter() {
                    let last = p.words.last().unwrap();
                    for w in [last.to_string(), last.to_ascii_uppercase()] {
                        assert!(t.entry(t.id(&w)).flags & flag != 0, "{w:?} ends a phrase");
                    }
                    if matches!(p.what, What::Dir(_)) {
                        let first = &p.words[0];
                        assert!(
                            t.entry(t.id(first)).flags & F_DIR_FIRST != 0,
                            "{first:?} starts a direction"
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{checked} phrases");
        // common words that end no currency sign
        for w in ["the", "of", "million", "percent"] {
            assert_eq!(t.entry(t.id(w)).flags & F_PRE_LAST, 0, "{w}");
        }
        assert!(Tables::builtin([("x", F_PRE_LAST)]).is_err());
    }
}
