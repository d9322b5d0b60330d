//! The reporting verbs and speaker nouns, compiled once from `lexicons/claims/*.tsv`.

use crate::tokenizer::load16;

/// Word tables use Fx hashing: short keys, looked up once or more per token.
type WordMap<V> = rustc_hash::FxHashMap<String, V>;

/// The longest word a packed key holds.
const KEY_MAX: usize = 15;

/// The bit of the word `w` in a word filter, by its length and its first, second, third and
/// last bytes with the case bit set (`| 0x20`, a coarser fold than lower-casing, so equal
/// lower-cased words have equal bits). The empty word has bit 0.
///
/// (The third byte tells apart frequent words from the cues they would share a bit with
/// otherwise: "states" and "stress", "companies" and "complains".)
#[inline]
fn filter_bit(w: &[u8]) -> usize {
    let (first, second, third, last) = match *w {
        [] => return 0,
        [f] => (f, f, f, f),
        [f, s] => (f, s, s, s),
        [f, s, t, .., l] => (f, s, t, l),
        [f, s, l] => (f, s, l, l),
    };
    let x = (u64::from(first)
        | u64::from(second) << 8
        | u64::from(third) << 16
        | u64::from(last) << 24
        | 0x2020_2020)
        ^ (w.len() as u64) << 32;
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// A set of [`filter_bit`]s.
#[derive(Debug)]
struct Filter(Box<[u64; FILTER_BITS / 64]>);

impl Filter {
    fn new() -> Filter {
        Filter(Box::new([0u64; FILTER_BITS / 64]))
    }
    fn insert(&mut self, w: &[u8]) {
        let bit = filter_bit(w);
        self.0[bit / 64] |= 1 << (bit % 64);
    }
    /// False when no inserted word equals `w` (ASCII case-insensitive).
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        let bit = filter_bit(w);
        // `bit` < FILTER_BITS: the top 16 bits of a 64-bit product.
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The slot of a word of at least two bytes in a [`PairLengths`] table: its first two bytes,
/// five bits each, with the case bit ignored (so equal lower-cased words have equal slots).
#[inline]
fn pair_slot(first: u8, second: u8) -> usize {
    (usize::from(first) & 0x1f) << 5 | (usize::from(second) & 0x1f)
}

/// For each [`pair_slot`], the lengths (bits 2 to 31) of the cues with those first two bytes:
/// one load tells most words from a cue before any hashing.
#[derive(Debug)]
struct PairLengths(Box<[u32; 1024]>);

impl PairLengths {
    fn new() -> PairLengths {
        PairLengths(Box::new([0u32; 1024]))
    }
    fn insert(&mut self, w: &[u8]) {
        if let [first, second, ..] = *w {
            if w.len() < 32 {
                self.0[pair_slot(first, second)] |= 1 << w.len();
            }
        }
    }
    /// False when no inserted word of two to 31 bytes equals `w` (ASCII case-insensitive).
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        match *w {
            [first, second, ..] => self.0[pair_slot(first, second)] >> (w.len() & 31) & 1 != 0,
            _ => true,
        }
    }
    /// The same test of the last two bytes of `w`, in a table of reversed words (see
    /// [`insert_reversed`](Self::insert_reversed)).
    #[inline]
    fn may_end(&self, w: &[u8]) -> bool {
        match *w {
            [.., last_but_one, last] => {
                self.0[pair_slot(last, last_but_one)] >> (w.len() & 31) & 1 != 0
            }
            _ => true,
        }
    }
    /// Inserts `w` read backwards: its last two bytes and its length, for
    /// [`may_end`](Self::may_end).
    fn insert_reversed(&mut self, w: &[u8]) {
        let reversed: Vec<u8> = w.iter().rev().copied().collect();
        self.insert(&reversed);
    }
}

/// Bits in the cue filter.
const FILTER_BITS: usize = 1 << 16;

/// ASCII-lower-cases the eight bytes of `x` at once; other bytes (digits, punctuation, bytes
/// of multi-byte characters) are left as they are.
#[inline]
fn lower_u64(x: u64) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let low7 = x & LO7;
    // High bit of each byte: its low seven bits are >= 'A', resp. > 'Z' (no carries: each
    // byte sum stays below 0x100).
    let ge_a = low7 + 0x3f3f_3f3f_3f3f_3f3f;
    let gt_z = low7 + 0x2525_2525_2525_2525;
    let upper = (ge_a & !gt_z) & !x & HI;
    x | (upper >> 2)
}

/// The packed key of `bytes[s..e]`: its bytes ASCII-lower-cased, little-endian, with the
/// length in the top byte; `None` when longer than [`KEY_MAX`]. Equal keys mean equal
/// lower-cased words.
#[inline(always)]
fn key(bytes: &[u8], s: usize, e: usize) -> Option<u128> {
    let n = e - s;
    if n > KEY_MAX {
        return None;
    }
    // the bytes past the word read as zeros, which lower-casing leaves alone
    let (lo, hi) = load16(bytes, s, n);
    let (lo, hi) = (lower_u64(lo), lower_u64(hi));
    Some((u128::from(hi) << 64 | u128::from(lo)) | ((n as u128) << 120))
}

/// The key of a lexicon form (already lower-cased); `None` for the empty form, whose key
/// would be 0, the empty slot of a [`KeyTable`].
fn form_key(form: &str) -> Option<u128> {
    key(form.as_bytes(), 0, form.len()).filter(|&k| k != 0)
}

/// An open-addressing table from packed keys to entries: a multiplicative hash and linear
/// probing in a table at most a quarter full, so a lookup is a multiplication and, nearly
/// always, one comparison.
#[derive(Debug)]
struct KeyTable {
    /// 0 marks an empty slot (no form has key 0).
    keys: Box<[u128]>,
    vals: Box<[Entry]>,
    /// 64 minus the number of slot bits.
    shift: u32,
}

impl KeyTable {
    fn new(entries: &[(u128, Entry)]) -> KeyTable {
        let bits = (entries.len() * 4)
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        let size = 1usize << bits;
        let mut t = KeyTable {
            keys: vec![0u128; size].into_boxed_slice(),
            vals: vec![Entry::default(); size].into_boxed_slice(),
            shift: 64 - bits,
        };
        for &(k, v) in entries {
            let mut i = t.slot(k);
            while t.keys[i] != 0 && t.keys[i] != k {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = k;
            t.vals[i] = v;
        }
        t
    }

    #[inline]
    fn slot(&self, k: u128) -> usize {
        let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, k: u128) -> Option<&Entry> {
        let mask = self.keys.len() - 1;
        let mut i = self.slot(k);
        loop {
            let x = self.keys[i];
            if x == k {
                return Some(&self.vals[i]);
            }
            if x == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

const CUES: &str = include_str!("../../lexicons/claims/cues.tsv");
const SOURCES: &str = include_str!("../../lexicons/claims/sources.tsv");
const GIVEN_SEX: &str = include_str!("../../lexicons/claims/given_names_sex.tsv");
const GENDER_WORDS: &str = include_str!("../../lexicons/claims/gender_words.tsv");

/// A person's sex, as the text or a given name tells it: whom "he" and "she" may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// How a word tells a person's sex (see `lexicons/claims/gender_words.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GenderCue {
    /// An honorific before a name: "Mr", "Dame".
    Title,
    /// An occupation or rank: "spokeswoman", "queen".
    Role,
    /// A relation or a plain noun: "wife", "son", "woman".
    Kin,
}

/// How a reporting verb may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// Any pattern: before, after or around its content.
    Say,
    /// Like `Say`, but before its content only with a clause: "added that ..." is speech,
    /// "add to costs" and "added a layer" are not.
    SayClause,
    /// Like `Say`, and takes an addressee (`told the BBC`).
    Tell,
    /// Belief: `X believes CLAUSE`, `CLAUSE, X believes`.
    Think,
    /// Findings of studies: `X found CLAUSE`.
    Find,
    /// Needs `that` or a clause after it.
    Weak,
    /// `according to X`.
    According,
}

/// One form of a reporting verb.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    pub kind: CueKind,
    /// An `-ing` form (`saying`, `adding`).
    pub gerund: bool,
}

/// Speaker nouns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Noun {
    Spokes,
    OrgRole,
    PersonRole,
    Document,
    Quantity,
    /// A person who speaks only for themself ("a source", "one banker").
    Person,
}

/// What the tables know of one word.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    cue: Option<Cue>,
    noun: Option<Noun>,
    /// `scan::C_*` flags.
    class: u16,
}

#[derive(Debug)]
pub(crate) struct ClaimLexicon {
    /// Every form of at most [`KEY_MAX`] bytes, by its packed key.
    words: KeyTable,
    /// Longer forms (none in the built-in lists), by their lower-cased text.
    long: WordMap<Entry>,
    /// The bit of every form in the tables (cues, speaker nouns, word classes), the same way.
    any: Filter,
    /// The first two bytes and the length of every cue: one load tells most words from a cue.
    cue_pairs: PairLengths,
    /// The last two bytes and the length of every cue (see [`PairLengths::may_end`]): most
    /// of the words that pass `cue_pairs` fail this, before any hashing.
    cue_ends: PairLengths,
    /// The same of every form with a word class: most words asked for their class (names,
    /// nouns) are turned away by one load, before the call that hashes them.
    class_pairs: PairLengths,
    /// The same of every speaker noun and of its plural in `s` (see [`noun_at`](Self::noun_at)).
    noun_pairs: PairLengths,
    /// The length of the shortest cue (at least 1): shorter words are no cues.
    min_cue: usize,
    /// Given names borne (nearly) only by one sex, by packed key; asked only of people
    /// (when a pronoun is resolved), never of every token.
    given_sex: rustc_hash::FxHashMap<u128, Gender>,
    /// Titles, roles and relations that tell a person's sex, by packed key.
    gender_words: rustc_hash::FxHashMap<u128, (Gender, GenderCue)>,
}

/// The tables while they are built.
struct Builder {
    words: rustc_hash::FxHashMap<u128, Entry>,
    long: WordMap<Entry>,
    any: Filter,
    cue_pairs: PairLengths,
    cue_ends: PairLengths,
    class_pairs: PairLengths,
    noun_pairs: PairLengths,
    min_cue: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            words: Default::default(),
            long: Default::default(),
            any: Filter::new(),
            cue_pairs: PairLengths::new(),
            cue_ends: PairLengths::new(),
            class_pairs: PairLengths::new(),
            noun_pairs: PairLengths::new(),
            min_cue: usize::MAX,
        }
    }
}

impl Builder {
    fn entry(&mut self, form: String) -> &mut Entry {
        self.any.insert(form.as_bytes());
        match form_key(&form) {
            Some(k) => self.words.entry(k).or_default(),
            None => self.long.entry(form).or_default(),
        }
    }
}

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

impl ClaimLexicon {
    pub(crate) fn builtin() -> ClaimLexicon {
        let mut lex = Builder::default();
        for r in rows(CUES) {
            if r.len() < 3 {
                continue;
            }
            let kind = match r[2] {
                "say" => CueKind::Say,
                "sayclause" => CueKind::SayClause,
                "tell" => CueKind::Tell,
                "think" => CueKind::Think,
                "find" => CueKind::Find,
                "according" => CueKind::According,
                _ => CueKind::Weak,
            };
            let form = r[0].to_lowercase();
            if form.is_empty() || form.len() > 31 {
                continue;
            }
            lex.min_cue = lex.min_cue.min(form.len());
            lex.cue_pairs.insert(form.as_bytes());
            lex.cue_ends.insert_reversed(form.as_bytes());
            let gerund = form.ends_with("ing") && kind != CueKind::According;
            lex.entry(form).cue.get_or_insert(Cue { kind, gerund });
        }
        for r in rows(SOURCES) {
            if r.len() < 2 {
                continue;
            }
            let class = match r[1] {
                "spokes" => Noun::Spokes,
                "orgrole" => Noun::OrgRole,
                "personrole" => Noun::PersonRole,
                "document" => Noun::Document,
                "person" => Noun::Person,
                _ => Noun::Quantity,
            };
            let form = r[0].to_lowercase();
            lex.noun_pairs.insert(form.as_bytes());
            lex.noun_pairs.insert(format!("{form}s").as_bytes());
            lex.entry(form).noun.get_or_insert(class);
        }
        for (list, flag) in super::scan::CLASS_LISTS {
            for w in *list {
                let form = w.to_lowercase();
                lex.class_pairs.insert(form.as_bytes());
                lex.entry(form).class |= flag;
            }
        }
        let sex = |c: &str| match c {
            "f" => Some(Gender::Female),
            "m" => Some(Gender::Male),
            _ => None,
        };
        let mut given_sex = rustc_hash::FxHashMap::default();
        for r in rows(GIVEN_SEX) {
            if let (Some(k), Some(g)) = (
                form_key(&r[0].to_lowercase()),
                r.get(1).and_then(|c| sex(c)),
            ) {
                given_sex.insert(k, g);
            }
        }
        let mut gender_words = rustc_hash::FxHashMap::default();
        for r in rows(GENDER_WORDS) {
            let cue = match r.get(2).copied() {
                Some("title") => GenderCue::Title,
                Some("role") => GenderCue::Role,
                Some("kin") => GenderCue::Kin,
                _ => continue,
            };
            if let (Some(k), Some(g)) = (
                form_key(&r[0].to_lowercase()),
                r.get(1).and_then(|c| sex(c)),
            ) {
                gender_words.insert(k, (g, cue));
            }
        }
        let mut words: Vec<(u128, Entry)> = lex.words.into_iter().collect();
        words.sort_unstable_by_key(|w| w.0);
        ClaimLexicon {
            words: KeyTable::new(&words),
            long: lex.long,
            any: lex.any,
            cue_pairs: lex.cue_pairs,
            cue_ends: lex.cue_ends,
            class_pairs: lex.class_pairs,
            noun_pairs: lex.noun_pairs,
            min_cue: lex.min_cue.max(1),
            given_sex,
            gender_words,
        }
    }

    /// The sex of the given name `text[s..e]` (case-insensitive), when the name list gives one.
    pub(crate) fn given_sex(&self, text: &str, s: usize, e: usize) -> Option<Gender> {
        let k = key(text.as_bytes(), s, e).filter(|&k| k != 0)?;
        self.given_sex.get(&k).copied()
    }

    /// The sex the word `text[s..e]` tells (case-insensitive, singular), and how.
    pub(crate) fn gender_word(
        &self,
        text: &str,
        s: usize,
        e: usize,
    ) -> Option<(Gender, GenderCue)> {
        let k = key(text.as_bytes(), s, e).filter(|&k| k != 0)?;
        self.gender_words.get(&k).copied()
    }

    /// The entry of `bytes[s..e]`, case-insensitive.
    ///
    /// (Inlined into each look-up: a call of its own cost a fifth of its instructions.)
    #[inline(always)]
    fn get(&self, bytes: &[u8], s: usize, e: usize) -> Option<&Entry> {
        match key(bytes, s, e) {
            Some(k) if k != 0 => self.words.get(k),
            _ => self.long_entry(&bytes[s..e]),
        }
    }

    #[cold]
    fn long_entry(&self, word: &[u8]) -> Option<&Entry> {
        if self.long.is_empty() {
            return None;
        }
        let lower = std::str::from_utf8(word).ok()?.to_ascii_lowercase();
        self.long.get(&lower)
    }

    /// The cue the word `text[s..e]` is, if any (case-insensitive; no allocation).
    #[inline]
    pub(crate) fn cue_at(&self, text: &str, s: usize, e: usize) -> Option<Cue> {
        let b = text.as_bytes();
        let w = b.get(s..e)?;
        let n = w.len();
        // (one comparison for both bounds of two to 31 bytes: below two, `n - 2` wraps)
        if n.wrapping_sub(2) <= 29 {
            // `cue_pairs` holds the length of every cue: it turns away the words shorter than
            // `min_cue` too, with no test of their own
            if !self.cue_pairs.may_hold(w) || !self.cue_ends.may_end(w) {
                return None;
            }
        } else if n < self.min_cue || n > 31 {
            return None;
        }
        self.get(b, s, e)?.cue
    }

    /// The word classes (`scan::C_*` flags) of the word `text[s..e]`, case-insensitive.
    ///
    /// (The test of the first two bytes and the length inlined, the rest not: the callers
    /// keep the classes of each token and call this once for it, and most words have none.)
    #[inline]
    pub(crate) fn class_at(&self, text: &str, s: usize, e: usize) -> u16 {
        let b = text.as_bytes();
        let n = e - s;
        if n == 0 || n > 16 || !self.class_pairs.may_hold(&b[s..e]) {
            return 0;
        }
        self.class_lookup(b, s, e)
    }

    /// [`class_at`](Self::class_at) past its first test.
    #[inline(never)]
    fn class_lookup(&self, b: &[u8], s: usize, e: usize) -> u16 {
        if !b[s].is_ascii_alphabetic() {
            return 0;
        }
        self.get(b, s, e).map_or(0, |x| x.class)
    }

    /// The class of the speaker noun `text[s..e]` (singular or plural, case-insensitive).
    pub(crate) fn noun_at(&self, text: &str, s: usize, e: usize) -> Option<Noun> {
        let b = text.as_bytes();
        // (`noun_pairs` holds each noun and its plural: a word neither starts like, at its
        // length, is none)
        if e - s > 31 || !self.noun_pairs.may_hold(&b[s..e]) {
            return None;
        }
        if self.any.may_hold(&b[s..e]) {
            if let Some(n) = self.get(b, s, e).and_then(|x| x.noun) {
                return Some(n);
            }
        }
        if e > s && b[e - 1].eq_ignore_ascii_case(&b's') && self.any.may_hold(&b[s..e - 1]) {
            return self.get(b, s, e - 1)?.noun;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words to look up: every form of the tables, in three cases, with and without a plural
    /// `s`, and some words that are in no table.
    fn words() -> Vec<String> {
        let mut forms: Vec<String> = Vec::new();
        for r in rows(CUES).chain(rows(SOURCES)) {
            forms.push(r[0].to_string());
        }
        for (list, _) in super::super::scan::CLASS_LISTS {
            forms.extend(list.iter().map(|w| w.to_string()));
        }
        for w in [
            "the",
            "And",
            "sand",
            "SAYS",
            "sayings",
            "tolds",
            "a",
            "s",
            "I",
            "x-ray",
            "naïve",
            "Zürich",
            "according",
            "reportedly",
            "",
            "ab",
            "AB",
            "b",
            "ss",
            "17",
            "'s",
            "saidsaidsaidsaidsaidsaid",
            "spokespeoples",
        ] {
            forms.push(w.to_string());
        }
        let mut out = Vec::new();
        for f in forms {
            let mut cap = f.clone();
            if let Some(c) = cap.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            for w in [f.clone(), f.to_ascii_uppercase(), cap] {
                out.push(format!("{w}s"));
                out.push(w);
            }
        }
        out
    }

    /// The filters in front of the tables never turn away a word the tables hold: each lookup
    /// agrees with a lookup in the table alone.
    #[test]
    fn filtered_lookups_agree_with_the_tables() {
        let lex = ClaimLexicon::builtin();
        let mut cues = 0;
        for w in words() {
            let b = w.as_bytes();
            let n = b.len();
            let entry = |s: usize, e: usize| lex.get(b, s, e).copied();
            let cue = if n == 0 || n > 31 {
                None
            } else {
                entry(0, n).and_then(|x| x.cue)
            };
            assert_eq!(
                lex.cue_at(&w, 0, n).map(|c| (c.kind, c.gerund)),
                cue.map(|c| (c.kind, c.gerund)),
                "cue {w:?}"
            );
            cues += usize::from(cue.is_some());
            let class = if n == 0 || n > 16 || !b[0].is_ascii_alphabetic() {
                0
            } else {
                entry(0, n).map_or(0, |x| x.class)
            };
            assert_eq!(lex.class_at(&w, 0, n), class, "class {w:?}");
            let noun = if n > 31 {
                None
            } else {
                entry(0, n).and_then(|x| x.noun).or_else(|| {
                    (n > 0 && b[n - 1].eq_ignore_ascii_case(&b's'))
                        .then(|| entry(0, n - 1).and_then(|x| x.noun))
                        .flatten()
                })
            };
            assert_eq!(lex.noun_at(&w, 0, n), noun, "noun {w:?}");
            // Inside a longer text (the key is read sixteen bytes at a time there, at the end
            // of a text through a buffer): the same answers.
            let padded = format!("x {w} and more text after the word");
            let (ps, pe) = (2, 2 + n);
            assert_eq!(
                lex.cue_at(&padded, ps, pe).map(|c| (c.kind, c.gerund)),
                cue.map(|c| (c.kind, c.gerund)),
                "cue {w:?} in a text"
            );
            assert_eq!(
                lex.class_at(&padded, ps, pe),
                class,
                "class {w:?} in a text"
            );
            assert_eq!(lex.noun_at(&padded, ps, pe), noun, "noun {w:?} in a text");
        }
        // The lists are there: every cue form in three cases.
        assert!(cues >= 3 * 190, "{cues} cues");
    }

    /// The gender lists load: names of one sex, names of both (none), titles, roles and
    /// relations, and the generic masculine titles of office (none).
    #[test]
    fn gender_lists() {
        let lex = ClaimLexicon::builtin();
        let name = |w: &str| lex.given_sex(w, 0, w.len());
        let word = |w: &str| lex.gender_word(w, 0, w.len());
        for (w, g) in [
            ("James", Some(Gender::Male)),
            ("MARY", Some(Gender::Female)),
            ("nancy", Some(Gender::Female)),
            ("Chris", None),
            ("Leslie", None),
            ("Reagan", None),
            ("Li", None),
            ("", None),
        ] {
            assert_eq!(name(w), g, "{w}");
        }
        for (w, g) in [
            ("Mrs", Some((Gender::Female, GenderCue::Title))),
            ("mr", Some((Gender::Male, GenderCue::Title))),
            ("spokeswoman", Some((Gender::Female, GenderCue::Role))),
            ("Queen", Some((Gender::Female, GenderCue::Role))),
            ("wife", Some((Gender::Female, GenderCue::Kin))),
            ("son", Some((Gender::Male, GenderCue::Kin))),
            ("chairman", None),
            ("spokesman", None),
            ("analyst", None),
        ] {
            assert_eq!(word(w), g, "{w}");
        }
    }

    /// Words inside a longer text, at other offsets than 0.
    #[test]
    fn lookups_inside_a_text() {
        let lex = ClaimLexicon::builtin();
        let text = "He SAID, she Told them; the Spokesmen added: reportedly so.";
        let at = |w: &str| {
            let s = text.find(w).unwrap_or(0);
            (s, s + w.len())
        };
        let cue = |w: &str| {
            let (s, e) = at(w);
            lex.cue_at(text, s, e).map(|c| c.kind)
        };
        assert_eq!(cue("SAID"), Some(CueKind::Say));
        assert_eq!(cue("Told"), Some(CueKind::Tell));
        assert_eq!(cue("added"), Some(CueKind::SayClause));
        assert_eq!(cue("them"), None);
        assert_eq!(cue("He"), None);
        let (s, e) = at("Spokesmen");
        assert_eq!(lex.noun_at(text, s, e), Some(Noun::Spokes));
        let (s, e) = at("the");
        assert_ne!(lex.class_at(text, s, e), 0);
        let (s, e) = at("reportedly");
        assert_ne!(lex.class_at(text, s, e), 0);
        let (s, e) = at("them");
        assert_eq!(lex.class_at(text, s, e), 0);
    }
}
