//! Dictionary matching: every form of every lexicon entry, found on token boundaries in the
//! text as its normalized copy would read, by hashing the folded text from each token start
//! up to each following boundary and looking the hash up in a table of the forms' prefixes.

use crate::error::{Error, Result};
use crate::lexicon::{plurals_of, LexiconEntry};
use crate::normalize::{fold, normalize_form, same_keeping_case};
use crate::span::Span;
use crate::tokenizer::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// Token boundaries of a text: where a dictionary match may start and end.
#[derive(Debug, Default)]
pub struct Bounds {
    /// Every stretch between boundaries, in order: each non-space token, or each part of a
    /// hyphenated word. A match starts where a stretch starts and ends where one ends.
    starts: Vec<(usize, usize)>,
    /// Lines written wholly in capitals (wire-service headlines): there case says nothing,
    /// so case-sensitive forms ("IT", "US", "Apple") do not match in them.
    shouting: Vec<Span>,
}

impl Bounds {
    /// Boundaries of `tokens` in `text`. A match may start at the start of any non-space
    /// token and end at the end of one; inside a hyphenated word it may also start after a
    /// hyphen or end before one ("China-made").
    pub fn rebuild(&mut self, text: &str, tokens: &[Token]) {
        self.starts.clear();
        self.shouting.clear();
        let b = text.as_bytes();
        let mut line = 0;
        for end in memchr::memchr_iter(b'\n', b).chain([b.len()]) {
            let l = &b[line..end];
            // nearly every line has a lower-case letter within its first few bytes
            if !l.iter().any(u8::is_ascii_lowercase)
                && l.iter().filter(|c| c.is_ascii_uppercase()).count() >= 8
            {
                self.shouting.push(Span::new(line, end));
            }
            line = end + 1;
        }
        for t in tokens {
            if t.is_space() {
                continue;
            }
            let word = &b[t.start..t.end];
            if t.kind != TokenKind::Word || !word.iter().any(|&c| c == b'-' || c == 0xE2) {
                self.starts.push((t.start, t.end));
                continue;
            }
            // hyphenated: a match may also end before a hyphen and start after one
            let mut from = t.start;
            let mut p = t.start + 1;
            while p < t.end {
                let hl = if b[p] == b'-' {
                    1
                } else if b[p] == 0xE2
                    && p + 2 < t.end
                    && b[p + 1] == 0x80
                    && (b[p + 2] == 0x90 || b[p + 2] == 0x91)
                {
                    3
                } else {
                    0
                };
                if hl > 0 {
                    self.starts.push((from, p));
                    from = p + hl;
                    p += hl;
                } else {
                    p += 1;
                }
            }
            self.starts.push((from, t.end));
        }
    }
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

fn is_english_word(form: &str) -> bool {
    ENGLISH_WORDS.contains(&form)
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
    /// A bit for each key of `nodes`, by hash: one bit test rules out most lookups.
    bloom: Vec<u64>,
    bloom_shift: u32,
    /// Folded first bytes of the patterns: a walk from any other ASCII byte finds nothing.
    first: [bool; 256],
    targets: Vec<Vec<Target>>,
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

/// A node of the prefix table: the pattern that ends here (`NO_PATTERN` if none) and whether a
/// longer pattern goes on from here.
const NO_PATTERN: u32 = GOES_ON - 1;
const GOES_ON: u32 = 1 << 31;

/// Folds text as a normalized copy would (lower case, straight quotes, `-` for dashes, one
/// space for a run of white space), feeding the folded bytes to a hash and, on request, to
/// a buffer.
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
            i = self.feed_char(text, i, None);
        }
    }

    /// Feeds `text[from..to]`, copying the folded text to `out`.
    fn feed_copy(&mut self, text: &str, from: usize, to: usize, out: &mut String) {
        let b = text.as_bytes();
        let mut i = from;
        while i < to {
            let c = b[i];
            if c < 0x80 && c != b'`' && !c.is_ascii_whitespace() {
                let f = c.to_ascii_lowercase();
                self.h = hash_step(self.h, f);
                self.in_space = false;
                out.push(f as char);
                i += 1;
                continue;
            }
            i = self.feed_char(text, i, Some(out));
        }
    }

    /// Feeds the character at `i`; returns the position after it.
    fn feed_char(&mut self, text: &str, i: usize, out: Option<&mut String>) -> usize {
        let Some(ch) = text.get(i..).and_then(|t| t.chars().next()) else {
            return text.len();
        };
        let f = match ch {
            '`' => Some('\''),
            _ if ch.is_ascii() && !ch.is_ascii_whitespace() => Some(ch.to_ascii_lowercase()),
            _ if ch.is_ascii() => None,
            _ => fold(ch, true),
        };
        let f = match f {
            None if self.in_space => return i + ch.len_utf8(),
            None => {
                self.in_space = true;
                ' '
            }
            Some(f) => {
                self.in_space = false;
                f
            }
        };
        let mut buf = [0u8; 4];
        for &byte in f.encode_utf8(&mut buf).as_bytes() {
            self.h = hash_step(self.h, byte);
        }
        if let Some(out) = out {
            out.push(f);
        }
        i + ch.len_utf8()
    }
}

#[inline]
fn bloom_index(h: u64, shift: u32) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

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
        for (id, p) in patterns.iter().enumerate() {
            let b = p.as_bytes();
            first[b[0] as usize] = true;
            let mut h = 0;
            for (i, &c) in b.iter().enumerate() {
                h = hash_step(h, c);
                let end = i + 1 == b.len();
                let boundary = end || (p.is_char_boundary(i + 1) && may_break(c, b[i + 1]));
                if !boundary {
                    continue;
                }
                let node = nodes.entry(h).or_insert(NO_PATTERN);
                if !end {
                    *node |= GOES_ON;
                } else if *node & !GOES_ON == NO_PATTERN {
                    *node = (*node & GOES_ON) | id as u32;
                } else {
                    // two patterns with one hash: both are checked
                    let other = *node & !GOES_ON;
                    let list = collisions.entry(h).or_insert_with(|| vec![other]);
                    list.push(id as u32);
                }
            }
        }
        // non-ASCII first bytes are folded on the way: always try them
        first[0x80..].fill(true);
        let bits = (nodes.len() * 16).next_power_of_two().max(1 << 12);
        let mut bloom = vec![0u64; bits / 64];
        let bloom_shift = 64 - bits.trailing_zeros();
        for &h in nodes.keys() {
            let i = bloom_index(h, bloom_shift);
            bloom[i / 64] |= 1 << (i % 64);
        }
        Ok(Matcher {
            patterns,
            nodes,
            collisions,
            bloom,
            bloom_shift,
            first,
            targets,
        })
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let i = bloom_index(h, self.bloom_shift);
        self.bloom[i / 64] & (1 << (i % 64)) != 0
    }

    /// Appends every lexicon match on token boundaries to `out` (overlaps included; the
    /// caller resolves them).
    ///
    /// The text is read as [`Normalized`](crate::Normalized) would fold it (lower case,
    /// straight quotes, `-` for dashes, one space for white space), folding on the fly: the
    /// same matches as a search of the normalized copy, without building it. From each start,
    /// the folded text is hashed up to each boundary in turn and looked up in a table of the
    /// patterns' prefixes; the walk stops where no pattern goes on, and a pattern that ends
    /// at a boundary is compared in full before it is reported.
    pub fn find(&self, text: &str, bounds: &Bounds, out: &mut Vec<LexMatch>) {
        if self.patterns.is_empty() {
            return;
        }
        let b = text.as_bytes();
        let mut folded = String::new();
        for (k, &(p, first_end)) in bounds.starts.iter().enumerate() {
            let c0 = b[p];
            let f0 = if c0 == b'`' {
                b'\''
            } else {
                c0.to_ascii_lowercase()
            };
            if !self.first[f0 as usize] && !c0.is_ascii_whitespace() {
                continue;
            }
            let mut fold = Folder::new();
            let mut at = p;
            let mut end = first_end;
            let mut next = k + 1;
            loop {
                fold.feed(text, at, end);
                if !self.may_hold(fold.h) {
                    break;
                }
                let Some(&node) = self.nodes.get(&fold.h) else {
                    break;
                };
                if node & !GOES_ON != NO_PATTERN {
                    self.report(text, bounds, p, end, fold.h, node, &mut folded, out);
                }
                if node & GOES_ON == 0 {
                    break;
                }
                // on to the next boundary, across the white space or hyphen between
                let Some(&(s, e)) = bounds.starts.get(next) else {
                    break;
                };
                next += 1;
                fold.feed(text, end, s);
                at = s;
                end = e;
            }
        }
    }

    /// Reports the pattern that ends at `e`, if the folded text really is that pattern.
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        text: &str,
        bounds: &Bounds,
        s: usize,
        e: usize,
        h: u64,
        node: u32,
        folded: &mut String,
        out: &mut Vec<LexMatch>,
    ) {
        folded.clear();
        Folder::new().feed_copy(text, s, e, folded);
        let one = [node & !GOES_ON];
        let ids: &[u32] = self.collisions.get(&h).map_or(&one, Vec::as_slice);
        let Some(&pid) = ids
            .iter()
            .find(|&&id| self.patterns[id as usize] == *folded)
        else {
            return;
        };
        self.report_pattern(pid as usize, text, bounds, s, e, out);
    }

    fn report_pattern(
        &self,
        pid: usize,
        text: &str,
        bounds: &Bounds,
        s: usize,
        e: usize,
        out: &mut Vec<LexMatch>,
    ) {
        let original = &text[s..e];
        let shouting = !bounds.shouting.is_empty()
            && bounds.shouting.iter().any(|l| l.start <= s && e <= l.end);
        for t in &self.targets[pid] {
            let ok = match &t.exact {
                None => true,
                // In a line of capitals, case cannot tell "IT" from "it": acronyms that
                // are also English words are left out; other forms match ("CHINA").
                Some(form) if shouting => !is_english_word(form),
                Some(form) => same_keeping_case(original, form),
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
        tech:ai\ttechnology\tartificial intelligence\tAI\n";

    /// Every match as (text, entry id), in order.
    fn matches(text: &str) -> Vec<(&str, String)> {
        let lex = Lexicon::parse("test", LEXICON).unwrap();
        let m = Matcher::new(lex.entries()).unwrap();
        let mut bounds = Bounds::default();
        bounds.rebuild(text, &tokenize(text));
        let mut out = Vec::new();
        m.find(text, &bounds, &mut out);
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
