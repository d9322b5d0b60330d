//! The shared vocabulary: every word form some stage looks up (the entity rules' support
//! lists, the statistics tables, the claims' cues and word classes), in one table keyed by
//! the ASCII-lower-cased word, each entry carrying what every stage needs of the word.
//!
//! Per document, [`Vocab::scan`] looks each word and symbol token up once (one hash of the
//! folded word, one probe) into a per-token array of [`Lx`]; the stages read that array
//! ([`Words`]) instead of hashing the word again in their own tables. Case-sensitive lists
//! (the support lists) keep, in the entry of the folded word, each written form's case
//! pattern: the bytes a word has in upper case, which with the folded word tell the word as
//! written.
//!
//! Words longer than [`KEY_MAX`] bytes (and tokens of other kinds) are not looked up: their
//! [`Lx`] says so, and the stages ask their own tables, as they do without a vocabulary.

use crate::claims::{ClaimRules, Cue};
use crate::statistics::StatRules;
use crate::support::Support;
use crate::tokenizer::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// The longest word a packed key holds.
pub(crate) const KEY_MAX: usize = 15;

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

/// The mask of the low `n` bytes of a `u128`, for `n` up to [`KEY_MAX`].
static MASKS: [u128; KEY_MAX + 1] = {
    let mut m = [0u128; KEY_MAX + 1];
    let mut n = 0;
    while n <= KEY_MAX {
        m[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    m
};

/// The word `bytes[s..e]` of at most [`KEY_MAX`] bytes as a `u128`, little-endian, its other
/// bytes zero; `None` for a longer word.
#[inline]
fn load(bytes: &[u8], s: usize, e: usize) -> Option<u128> {
    let n = e.checked_sub(s)?;
    let mask = *MASKS.get(n)?;
    let word8 = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    // Sixteen bytes read as two words (the bytes after the word are masked off below); only
    // near the end of the text through a zeroed buffer (one branch each: merged, the two
    // copies became a call to `memcpy`).
    let (lo, hi) = match bytes.get(s..s + 16) {
        Some(w) => (word8(&w[..8]), word8(&w[8..])),
        None => {
            let mut buf = [0u8; 16];
            buf[..n].copy_from_slice(bytes.get(s..e)?);
            (word8(&buf[..8]), word8(&buf[8..]))
        }
    };
    Some(((u128::from(hi) << 64) | u128::from(lo)) & mask)
}

/// The packed key of a word loaded by [`load`], `n` bytes long: its bytes ASCII-lower-cased,
/// with the length in the top byte (equal keys mean equal lower-cased words).
#[inline]
fn fold(raw: u128, n: usize) -> u128 {
    let (lo, hi) = (raw as u64, (raw >> 64) as u64);
    let hi = if n > 8 { lower_u64(hi) } else { 0 };
    (u128::from(hi) << 64 | u128::from(lower_u64(lo))) | ((n as u128) << 120)
}

/// The packed key of `bytes[s..e]` ([`fold`]) and its case pattern: bit 5 set in each byte
/// that is an upper-case letter (a key and a pattern together tell the word as written).
/// `None` when the word is longer than [`KEY_MAX`].
#[inline]
pub(crate) fn key_and_case(bytes: &[u8], s: usize, e: usize) -> Option<(u128, u128)> {
    let raw = load(bytes, s, e)?;
    let k = fold(raw, e - s);
    Some((k, case_of(raw, k)))
}

/// The case pattern of a word loaded by [`load`], given its key.
#[inline]
fn case_of(raw: u128, key: u128) -> u128 {
    (raw ^ key) & MASKS[KEY_MAX]
}

/// The packed key of `bytes[s..e]` (see [`key_and_case`]).
#[inline]
pub(crate) fn key(bytes: &[u8], s: usize, e: usize) -> Option<u128> {
    key_and_case(bytes, s, e).map(|(k, _)| k)
}

/// What the vocabulary says of one token of a document: its entry, and copied from the
/// entry what the stages ask of most tokens (so that they need not load the entry).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lx {
    /// The token's entry: 0 when no stage lists its word, [`Lx::UNSEEN`] when it was not
    /// looked up (a token of another kind, or a word longer than [`KEY_MAX`]).
    entry: u16,
    /// The support flags of the word as written ([`Support::flags`]).
    sup: u16,
    /// The claims' word classes.
    class: u16,
    /// Whether the word is a claims' reporting verb.
    cue: bool,
}

impl Lx {
    const UNSEEN_ID: u16 = u16::MAX;
    /// A token not looked up.
    pub(crate) const UNSEEN: Lx = Lx {
        entry: Lx::UNSEEN_ID,
        sup: 0,
        class: 0,
        cue: false,
    };
    /// A word no stage lists.
    const NONE: Lx = Lx {
        entry: 0,
        sup: 0,
        class: 0,
        cue: false,
    };

    #[inline]
    fn seen(self) -> Option<Lx> {
        (self.entry != Lx::UNSEEN_ID).then_some(self)
    }
}

/// What the stages need of one folded word.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    /// The word's case patterns on the support lists: a range of [`Vocab::variants`].
    sup: (u16, u16),
    /// The statistics tables' entry id (0: none).
    stat: u16,
    /// The claims' reporting verb, if it is one.
    cue: Option<Cue>,
    /// The claims' word classes (`scan::C_*` flags).
    class: u16,
}

/// An open-addressing table from keys to entry ids, at most half full: a tag per slot
/// (0: empty, else some bits of the key's hash) turns most absent words away without a
/// look at the slots.
#[derive(Debug)]
struct Table<K> {
    tags: Box<[u16]>,
    /// Per slot: the key and its entry id.
    slots: Box<[(K, u16)]>,
    /// 64 minus the number of slot bits.
    shift: u32,
}

impl<K: Copy + Default + PartialEq> Table<K> {
    /// A table of `keys` (key, its hash, its entry id).
    fn new(keys: &[(K, u64, u16)]) -> Table<K> {
        let bits = table_bits(keys.len(), 2);
        let size = 1usize << bits;
        let mut t = Table {
            tags: vec![0; size].into_boxed_slice(),
            slots: vec![(K::default(), 0); size].into_boxed_slice(),
            shift: 64 - bits,
        };
        for &(k, h, id) in keys {
            let (mut i, tag) = t.slot(h);
            while t.tags[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            t.tags[i] = tag;
            t.slots[i] = (k, id);
        }
        t
    }

    /// The first slot to try for a hash, and its tag (never 0).
    #[inline]
    fn slot(&self, h: u64) -> (usize, u16) {
        ((h >> self.shift) as usize, (h >> 16) as u16 | 1)
    }

    /// The entry id of key `k` with hash `h` (0: none).
    #[inline]
    fn find(&self, k: K, h: u64) -> u16 {
        let mask = self.tags.len() - 1;
        let (mut i, tag) = self.slot(h);
        loop {
            let t = self.tags[i];
            if t == 0 {
                return 0;
            }
            if t == tag {
                let (key, id) = self.slots[i];
                if key == k {
                    return id;
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// The number of slot bits of an open-addressing table of `n` keys at most `1 / spread` full
/// (and of at least 16 slots).
pub(crate) fn table_bits(n: usize, spread: usize) -> u32 {
    (n * spread).max(16).next_power_of_two().trailing_zeros()
}

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of a packed key of a word of eight bytes or more.
#[inline]
fn hash_long(k: u128) -> u64 {
    ((k as u64) ^ ((k >> 64) as u64).rotate_left(29)).wrapping_mul(MUL)
}

/// The most bytes of a word in the short table.
const SHORT_MAX: usize = 7;

/// A word of one to [`SHORT_MAX`] bytes as a `u64`: its bytes ASCII-lower-cased, with the
/// length in the top byte; the same bits as the low half of its packed key ([`key`]) with
/// the length moved.
#[inline]
fn short_key(folded: u64, n: usize) -> u64 {
    folded | (n as u64) << 56
}

/// The vocabulary (see the module's documentation).
#[derive(Debug)]
pub(crate) struct Vocab {
    /// Words of up to [`SHORT_MAX`] bytes, by [`short_key`].
    short: Table<u64>,
    /// Longer words, by their packed key ([`key`]).
    long: Table<u128>,
    /// The entries; 0 is the empty entry.
    entries: Box<[Entry]>,
    /// The support lists' written forms, each as its case pattern and flags.
    variants: Box<[(u128, u16)]>,
}

impl Vocab {
    /// The vocabulary of the stages' built-in tables.
    pub(crate) fn new(support: &Support, stats: &StatRules, claims: &ClaimRules) -> Vocab {
        #[derive(Default)]
        struct Build {
            variants: Vec<(u128, u16)>,
            stat: u16,
            cue: Option<Cue>,
            class: u16,
        }
        let mut words: FxHashMap<u128, Build> = FxHashMap::default();
        for (w, flags) in support.words() {
            let w = w.as_bytes();
            if let Some((k, case)) = key_and_case(w, 0, w.len()).filter(|&(k, _)| k != 0) {
                words.entry(k).or_default().variants.push((case, flags));
            }
        }
        for (w, id) in stats.tables().keys() {
            // (a key with an upper-case letter is never found: look-ups are lower-cased)
            if let Some((k, 0)) = key_and_case(w, 0, w.len()).filter(|&(k, _)| k != 0) {
                words.entry(k).or_default().stat = id;
            }
        }
        for (k, w) in claims.lexicon().words() {
            let e = words.entry(k).or_default();
            e.cue = w.cue;
            // `ClaimLexicon::class_at` gives classes of words starting with a letter only
            if (k as u8).is_ascii_alphabetic() {
                e.class = w.class;
            }
        }
        // a fixed order: the same tables from run to run
        let mut words: Vec<(u128, Build)> = words.into_iter().collect();
        words.sort_unstable_by_key(|w| w.0);
        assert!(
            words.len() < usize::from(Lx::UNSEEN_ID) - 1,
            "too many words for the vocabulary"
        );
        let mut entries = vec![Entry::default()];
        let mut variants = Vec::new();
        let (mut short, mut long) = (Vec::new(), Vec::new());
        for (k, mut b) in words {
            let id = entries.len() as u16; // fewer than UNSEEN_ID (asserted above)
            b.variants.sort_unstable();
            let from = variants.len() as u16;
            variants.extend(b.variants);
            entries.push(Entry {
                sup: (from, variants.len() as u16),
                stat: b.stat,
                cue: b.cue,
                class: b.class,
            });
            let n = (k >> 120) as usize;
            if n <= SHORT_MAX {
                let sk = short_key(k as u64, n);
                short.push((sk, sk.wrapping_mul(MUL), id));
            } else {
                long.push((k, hash_long(k), id));
            }
        }
        assert!(variants.len() < usize::from(u16::MAX), "too many variants");
        Vocab {
            short: Table::new(&short),
            long: Table::new(&long),
            entries: entries.into_boxed_slice(),
            variants: variants.into_boxed_slice(),
        }
    }

    /// The look-up of a word with entry id `id`, and case pattern `case`.
    #[inline]
    fn lx(&self, id: u16, case: u128) -> Lx {
        let Some(e) = self.entries.get(usize::from(id)).filter(|_| id != 0) else {
            return Lx::NONE;
        };
        let mut sup = 0;
        let (a, b) = e.sup;
        if a != b {
            for &(c, f) in self
                .variants
                .get(usize::from(a)..usize::from(b))
                .unwrap_or(&[])
            {
                if c == case {
                    sup = f;
                }
            }
        }
        Lx {
            entry: id,
            sup,
            class: e.class,
            cue: e.cue.is_some(),
        }
    }

    /// The token `bytes[s..e]`, looked up.
    #[inline]
    fn look(&self, bytes: &[u8], s: usize, e: usize) -> Lx {
        let n = e.wrapping_sub(s);
        if n.wrapping_sub(1) >= SHORT_MAX {
            return self.look_long(bytes, s, e);
        }
        // eight bytes read (the bytes after the word masked off); at the end of the text
        // through a zeroed buffer
        let word = match bytes.get(s..s + 8) {
            Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
            None => {
                let mut buf = [0u8; 8];
                if let (Some(d), Some(w)) = (buf.get_mut(..n), bytes.get(s..e)) {
                    d.copy_from_slice(w);
                }
                u64::from_le_bytes(buf)
            }
        };
        let raw = word & ((1u64 << (8 * n)) - 1);
        let folded = lower_u64(raw);
        let k = short_key(folded, n);
        let id = self.short.find(k, k.wrapping_mul(MUL));
        self.lx(id, u128::from(raw ^ folded))
    }

    /// [`look`](Vocab::look) for words of more than [`SHORT_MAX`] bytes (and the empty word).
    #[inline]
    fn look_long(&self, bytes: &[u8], s: usize, e: usize) -> Lx {
        let Some(raw) = load(bytes, s, e).filter(|_| e - s > SHORT_MAX) else {
            return Lx::UNSEEN;
        };
        let k = fold(raw, e - s);
        let id = self.long.find(k, hash_long(k));
        self.lx(id, case_of(raw, k))
    }

    /// Looks up every word and symbol token of a text, into `out` (one [`Lx`] per token).
    #[inline(never)]
    pub(crate) fn scan(&self, text: &str, tokens: &[Token], out: &mut Vec<Lx>) {
        let bytes = text.as_bytes();
        out.clear();
        out.extend(tokens.iter().map(|t| match t.kind {
            TokenKind::Word | TokenKind::Symbol => self.look(bytes, t.start, t.end),
            _ => Lx::UNSEEN,
        }));
    }
}

/// A document's tokens as the vocabulary saw them: what the stages read.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    vocab: Option<&'a Vocab>,
    /// One per token.
    lx: &'a [Lx],
}

impl<'a> Words<'a> {
    /// The tokens of `lx` (made by `vocab.scan`).
    pub(crate) fn new(vocab: &'a Vocab, lx: &'a [Lx]) -> Words<'a> {
        Words {
            vocab: Some(vocab),
            lx,
        }
    }

    /// No token looked up: every stage asks its own tables.
    pub(crate) fn none() -> Words<'static> {
        Words {
            vocab: None,
            lx: &[],
        }
    }

    /// Token `i`'s look-up, if it was looked up.
    #[inline]
    fn lx(&self, i: usize) -> Option<Lx> {
        self.lx.get(i)?.seen()
    }

    /// The entry of a token that was looked up (the empty entry for a word no stage lists).
    #[inline]
    fn entry(&self, lx: Lx) -> Option<&'a Entry> {
        self.vocab?.entries.get(usize::from(lx.entry))
    }

    /// The support flags of token `i` ([`Support::flags`]), if it was looked up.
    #[inline]
    pub(crate) fn sup(&self, i: usize) -> Option<u16> {
        self.lx(i).map(|lx| lx.sup)
    }

    /// The statistics tables' entry id of token `i`, if it was looked up.
    #[inline]
    pub(crate) fn stat(&self, i: usize) -> Option<u16> {
        let lx = self.lx(i)?;
        Some(self.entry(lx)?.stat)
    }

    /// The reporting verb token `i` is, if it was looked up.
    #[inline]
    pub(crate) fn cue(&self, i: usize) -> Option<Option<Cue>> {
        let lx = self.lx(i)?;
        if !lx.cue {
            return Some(None);
        }
        Some(self.entry(lx)?.cue)
    }

    /// The claims' word classes of token `i`, if it was looked up.
    #[inline]
    pub(crate) fn class(&self, i: usize) -> Option<u16> {
        self.lx(i).map(|lx| lx.class)
    }
}

/// Texts for the tests of the stages that read the vocabulary: the example articles and
/// some odd ones.
#[cfg(test)]
pub(crate) const SAMPLE_TEXTS: &[&str] = &[
    include_str!("../examples/chip-localization.txt"),
    include_str!("../examples/earnings-report.txt"),
    include_str!("../examples/gadget-review.txt"),
    include_str!("../examples/trade-tensions.txt"),
    "",
    " ",
    "\n\nChairman Li said (Acme) & Co. SIASUN Robot, “Über” ÉCOLE x iPhone 3G V10.\n",
    "said Anna of Berg named Jin surnamed Wang, the chief executive officer Ünal ( ) (",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokenize;

    struct Old {
        support: Support,
        stats: StatRules,
        claims: ClaimRules,
    }

    fn old() -> Old {
        Old {
            support: Support::builtin(),
            stats: StatRules::new().unwrap(),
            claims: ClaimRules::new().unwrap(),
        }
    }

    /// Every stage's answer for every token of `text`, through the vocabulary and through
    /// the stage's own table (the oracle), agree; returns how many tokens the vocabulary
    /// looked up and found.
    fn agree(old: &Old, vocab: &Vocab, text: &str) -> usize {
        let tokens = tokenize(text);
        let mut lx = Vec::new();
        vocab.scan(text, &tokens, &mut lx);
        assert_eq!(lx.len(), tokens.len());
        let words = Words::new(vocab, &lx);
        let lex = old.claims.lexicon();
        let mut found = 0;
        for (i, t) in tokens.iter().enumerate() {
            let w = t.text(text);
            let looked = matches!(t.kind, TokenKind::Word | TokenKind::Symbol)
                && (1..=KEY_MAX).contains(&w.len());
            assert_eq!(words.sup(i).is_some(), looked, "{w:?}");
            if !looked {
                assert_eq!(words.stat(i), None, "{w:?}");
                assert_eq!(words.class(i), None, "{w:?}");
                assert!(words.cue(i).is_none(), "{w:?}");
                continue;
            }
            found += usize::from(lx[i].entry != 0);
            let ctx = format!("{w:?} in {text:?}");
            assert_eq!(words.sup(i), Some(old.support.flags(w.as_bytes())), "{ctx}");
            assert_eq!(words.stat(i), Some(old.stats.tables().id(w)), "{ctx}");
            assert_eq!(
                words.class(i),
                Some(lex.class_at(text, t.start, t.end)),
                "{ctx}"
            );
            assert_eq!(
                words.cue(i).map(|c| c.map(|c| (c.kind, c.gerund))),
                Some(lex.cue_at(text, t.start, t.end).map(|c| (c.kind, c.gerund))),
                "{ctx}"
            );
        }
        found
    }

    /// Every word of every stage's lists, in several cases and with near misses (a byte
    /// changed, added or dropped), alone and inside a text.
    #[test]
    fn every_listed_word_agrees_with_the_stage_tables() {
        let old = old();
        let vocab = Vocab::new(&old.support, &old.stats, &old.claims);
        let mut listed: Vec<String> = old.support.words().into_keys().collect();
        listed.extend(
            old.stats
                .tables()
                .keys()
                .filter_map(|(k, _)| std::str::from_utf8(k).ok().map(String::from)),
        );
        for (list, _) in crate::claims::CLASS_LISTS {
            listed.extend(list.iter().map(|w| w.to_string()));
        }
        listed.extend(crate::claims::cue_forms().map(String::from));
        listed.sort();
        listed.dedup();
        assert!(listed.len() > 5000, "{} words", listed.len());
        let mut found = 0;
        for w in &listed {
            let mut cap = w.to_lowercase();
            if let Some(c) = cap.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            let mut forms = vec![
                w.clone(),
                w.to_ascii_lowercase(),
                w.to_ascii_uppercase(),
                cap,
                format!("{w}s"),
                format!("x{w}"),
            ];
            if let Some((i, _)) = w.char_indices().last() {
                forms.push(w[..i].to_string());
            }
            if w.is_ascii() {
                for i in [0, w.len() / 2, w.len().saturating_sub(1)] {
                    let mut b = w.as_bytes().to_vec();
                    if let Some(c) = b.get_mut(i) {
                        *c ^= 0x20;
                    }
                    forms.extend(String::from_utf8(b).ok());
                }
            }
            for f in forms {
                // alone (read near the end of the text) and with text after it
                found += agree(&old, &vocab, &f);
                agree(&old, &vocab, &format!("{f} and more text after the word"));
            }
        }
        assert!(found > 5000, "{found} words found");
    }

    /// Articles and odd texts: every token agrees.
    #[test]
    fn texts_agree_with_the_stage_tables() {
        let old = old();
        let vocab = Vocab::new(&old.support, &old.stats, &old.claims);
        let mut found = 0;
        for &text in SAMPLE_TEXTS.iter().chain(&[
            "US$5 per cent 40% €3 ¥10 RM23.50 twenty-five Internationalisation CHAIRMAN Vice-President",
            "the THE The tHe said SAID Said according Spokesman spokesmen AT&T U.S. don't",
            "a\u{0}b \u{0} x\u{301} naïve Zürich ééééééééééééééééé",
        ]) {
            found += agree(&old, &vocab, text);
        }
        assert!(found > 500, "{found} words found");
    }

    /// The case pattern and key tell every word as written apart.
    #[test]
    fn keys_and_case_patterns() {
        let k = |w: &str| key_and_case(w.as_bytes(), 0, w.len());
        assert_eq!(k("Anna").map(|x| x.0), k("ANNA").map(|x| x.0));
        assert_ne!(k("Anna"), k("ANNA"));
        assert_ne!(k("anna"), k("Anna"));
        assert_eq!(k("anna").map(|x| x.1), Some(0));
        assert_eq!(k("ab"), k("ab"));
        assert_ne!(k("ab").map(|x| x.0), k("ab\u{0}").map(|x| x.0));
        assert!(k("abcdefghijklmnop").is_none());
        assert!(k("abcdefghijklmno").is_some());
        assert_eq!(k(""), Some((0, 0)));
        // inside a text, the bytes after the word do not count
        let text = b"Said the man";
        assert_eq!(key_and_case(text, 0, 4), k("Said"));
        assert_eq!(key_and_case(text, 5, 8), k("the"));
        assert_eq!(key_and_case(text, 9, 12), k("man"));
    }
}
