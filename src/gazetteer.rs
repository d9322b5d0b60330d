//! Matching for entries that must be written as names (flags `cap` and `ctx`): a hash map of
//! forms looked up token by token from every word that holds a capital or a digit.
//!
//! These are the large generated lexicons (tens of thousands of listed companies, cities and
//! products). A name's match must start with a capitalized word anyway, so a lookup per such
//! word is cheap, and a hash map builds in a fraction of the time and memory an Aho-Corasick
//! automaton over the same forms takes. Forms are normalized as the automaton's are (lower
//! case, straight quotes, `-` for dashes, one space for white space) and match on token
//! boundaries.

use crate::lexicon::{plurals_of, LexiconEntry};
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
    #[inline]
    fn push_str(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// Folds and adds one token's text; a space first when the token is not the first and
    /// white space comes before it.
    #[inline]
    fn push_token(&mut self, token: &str, space_before: bool) {
        if space_before {
            self.push_str(" ");
        }
        // fast path: an ASCII token, byte by byte
        if token.is_ascii() {
            for &b in token.as_bytes() {
                let f = if b == b'`' {
                    b'\''
                } else {
                    b.to_ascii_lowercase()
                };
                self.0 = (self.0 ^ f as u64).wrapping_mul(0x0100_0000_01b3);
            }
            return;
        }
        let mut buf = [0u8; 4];
        for c in token.chars() {
            if c.is_ascii() {
                let f = if c == '`' {
                    b'\''
                } else {
                    c.to_ascii_lowercase() as u8
                };
                self.0 = (self.0 ^ f as u64).wrapping_mul(0x0100_0000_01b3);
            } else {
                self.push_str(fold(c, true).unwrap_or(' ').encode_utf8(&mut buf));
            }
        }
    }
}

/// Calls `f(hash, is_whole_form)` for the hash of every token-boundary prefix of every form
/// (and plural, for entries that have them) of `e`.
fn for_each_key(e: &LexiconEntry, tokens: &mut Vec<Token>, mut f: impl FnMut(u64, bool)) {
    let plurals: Vec<String> = if e.plurals {
        e.forms().flat_map(plurals_of).collect()
    } else {
        Vec::new()
    };
    for form in e.forms().chain(plurals.iter().map(String::as_str)) {
        tokenize_into(form, tokens);
        let words: Vec<&Token> = tokens.iter().filter(|t| !t.is_space()).collect();
        if words.is_empty() || words.len() > MAX_TOKENS || form.trim().len() < 2 {
            continue;
        }
        let mut h = Fnv::START;
        let mut prev = words[0].start;
        for (n, t) in words.iter().enumerate() {
            h.push_token(t.text(form), t.start > prev);
            prev = t.end;
            f(h.0, n + 1 == words.len());
        }
    }
}

/// Forms of `cap`/`ctx` entries, and every token-boundary prefix of them, by hash.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    map: HashMap<u64, u32>,
}

impl Gazetteer {
    /// Indexes the forms (and plurals, for entries that have them) of `named`, the entries
    /// with `cap` or `ctx`, which sit at `offset` in the extractor's list. A form of one of the
    /// automaton's entries (`plain`) stays theirs; of two named entries with one form, the
    /// first keeps it.
    pub(crate) fn new(plain: &[LexiconEntry], named: &[LexiconEntry], offset: usize) -> Gazetteer {
        let mut tokens: Vec<Token> = Vec::new();
        let mut taken: FxHashSet<u64> = FxHashSet::default();
        for e in plain {
            for_each_key(e, &mut tokens, |h, last| {
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
            for_each_key(e, &mut tokens, |h, last| {
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
        let words: Vec<&Token> = tokens.iter().filter(|t| !t.is_space()).collect();
        for (k, first) in words.iter().enumerate() {
            // a name holds a capital or a digit (or a letter beyond ASCII)
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
