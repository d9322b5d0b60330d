//! Matching for entries that must be written as names (flags `cap` and `ctx`): a hash map of
//! forms looked up token by token from every word that holds a capital or a digit.
//!
//! These are the large generated lexicons (tens of thousands of listed companies, cities and
//! products). A name's match must start with a capitalized word anyway, so a lookup per such
//! word is cheap, and a map keyed by token-prefix hashes builds in a fraction of the time and
//! memory the dictionary matcher (`src/matcher.rs`) would take over the same forms. Forms are
//! normalized as the matcher's are (lower case, straight quotes, `-` for dashes, one space for
//! white space) and match on token boundaries.

use crate::lexicon::{plural_parts, plurals_of, LexiconEntry};
use crate::matcher::LexMatch;
use crate::normalize::{fold, normalize_form};
use crate::span::Span;
use crate::tokenizer::{tokenize_into, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

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
/// characters beyond ASCII.
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

/// Forms of `cap`/`ctx` entries, and every token-boundary prefix of them, by hash.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    map: HashMap<u64, u32>,
}

impl Gazetteer {
    /// Indexes the forms (and plurals, for entries that have them) of `named`, the entries
    /// with `cap` or `ctx`, which sit at `offset` in the extractor's list. A form of one of the
    /// matcher's entries (`plain`) stays theirs; of two named entries with one form, the
    /// first keeps it.
    pub(crate) fn new(plain: &[LexiconEntry], named: &[LexiconEntry], offset: usize) -> Gazetteer {
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
        Gazetteer { map }
    }

    /// Whether there is nothing to look up.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Appends the matches in `text` (its `tokens`) to `out`: from every token holding a
    /// capital letter or a digit, the forms that start there, longest last.
    // not inlined: one call per document, and its cost shows apart in a profile
    #[inline(never)]
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        entries: &[LexiconEntry],
        out: &mut Vec<LexMatch>,
    ) {
        if self.map.is_empty() {
            return;
        }
        let b = text.as_bytes();
        for (k, first) in tokens.iter().enumerate() {
            // a name holds a capital or a digit (or a letter beyond ASCII)
            if first.is_space()
                || !b[first.start..first.end]
                    .iter()
                    .any(|&c| NAME_BYTE[c as usize])
            {
                continue;
            }
            let mut h = Fnv::START;
            let mut prev = first.start;
            let words = tokens[k..].iter().filter(|t| !t.is_space());
            for t in words.take(MAX_TOKENS) {
                h.push_token(t.text(text), t.start > prev);
                prev = t.end;
                let Some(&v) = self.map.get(&h.0) else {
                    break;
                };
                if v != PREFIX_ONLY {
                    let entry = v & !ALSO_PREFIX;
                    let span = Span::new(first.start, t.end);
                    // the hash matched: check the text against the entry's forms
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
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
        g: &Gazetteer,
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
                let Some(&v) = g.map.get(&h.0) else {
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
        let g = Gazetteer::new(&entries[..plain], &entries[plain..], plain);
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
        let mut found = 0;
        for text in &texts {
            let tokens = tokenize(text);
            let (mut new, mut old) = (Vec::new(), Vec::new());
            g.find(text, &tokens, entries, &mut new);
            find_reference(&g, text, &tokens, entries, &mut old);
            assert_eq!(new, old);
            found += new.len();
        }
        assert!(found > 500, "{found} matches");
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
