//! Dictionary matching: one Aho-Corasick automaton over every form of every lexicon entry,
//! run over the normalized copy of the text, keeping only matches on token boundaries.

use crate::error::{Error, Result};
use crate::lexicon::{plurals_of, LexiconEntry};
use crate::normalize::{fold, normalize_form, same_keeping_case};
use crate::span::Span;
use crate::tokenizer::{Token, TokenKind};
use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

/// Token boundaries of a text: where a dictionary match may start and end.
#[derive(Debug, Default)]
pub struct Bounds {
    flags: Vec<u8>,
    /// Every position where a match may start, in order, with the first position after it
    /// where one may end.
    starts: Vec<(usize, usize)>,
    /// Lines written wholly in capitals (wire-service headlines): there case says nothing,
    /// so case-sensitive forms ("IT", "US", "Apple") do not match in them.
    shouting: Vec<Span>,
}

const START: u8 = 1;
const END: u8 = 2;

impl Bounds {
    /// Boundaries of `tokens` over a text of `len` bytes. A match may start at the start of
    /// any non-space token and end at the end of one; inside a hyphenated word it may also
    /// start after a hyphen or end before one ("China-made").
    pub fn rebuild(&mut self, text: &str, tokens: &[Token]) {
        self.flags.clear();
        self.flags.resize(text.len() + 1, 0);
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
            self.flags[t.start] |= START;
            self.flags[t.end] |= END;
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
                    self.flags[p] |= END;
                    self.flags[p + hl] |= START;
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

/// States this close to the root get a full transition table: most walks end within a few
/// bytes, so these are the states that are stepped through most.
const DENSE_DEPTH: usize = 4;

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
    nfa: Option<NFA>,
    /// Folded first bytes of the patterns: a walk from any other ASCII byte finds nothing.
    first: [bool; 256],
    /// Heads of the patterns, for skipping walks that cannot match.
    heads: Heads,
    targets: Vec<Vec<Target>>,
}

/// A Bloom-style bit set over the prefixes of the patterns, for skipping walks that cannot
/// match.
///
/// A walk from a start reports a match only at a boundary, so a pattern that matches there
/// begins with the folded text up to the first boundary after the start: the rest of the
/// token, or of its part before a hyphen. Tokens never end between two ASCII letters, two
/// ASCII digits, or a letter and a following digit, so the set holds every prefix of every
/// pattern that ends anywhere else. Before walking from a start, the folded text up to its
/// first boundary is looked up: most starts ("the", "said", "which") begin no pattern and
/// cost one hash and one bit test instead of a walk. A set bit may be a false positive (the
/// walk then finds nothing); a clear bit is always right.
#[derive(Debug)]
struct Heads {
    bits: Vec<u64>,
    shift: u32,
}

/// One step of the prefix hash.
#[inline]
fn hash_step(h: u64, byte: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Whether a token can end between bytes `a` and `b` of a pattern.
#[inline]
fn may_break(a: u8, b: u8) -> bool {
    let (la, lb) = (a.is_ascii_alphabetic(), b.is_ascii_alphabetic());
    let (da, db) = (a.is_ascii_digit(), b.is_ascii_digit());
    !((la || da) && (lb || db)) || (da && lb)
}

impl Heads {
    fn new(patterns: &[String]) -> Heads {
        let mut prefixes: Vec<u64> = Vec::new();
        for p in patterns {
            let b = p.as_bytes();
            let mut h = 0;
            for (i, &c) in b.iter().enumerate() {
                h = hash_step(h, c);
                if p.is_char_boundary(i + 1) && b.get(i + 1).is_none_or(|&n| may_break(c, n)) {
                    prefixes.push(h);
                }
            }
        }
        let n = (prefixes.len() * 16).next_power_of_two().max(1 << 16);
        let mut heads = Heads {
            bits: vec![0; n / 64],
            shift: 64 - n.trailing_zeros(),
        };
        for h in prefixes {
            let i = heads.index(h);
            heads.bits[i / 64] |= 1 << (i % 64);
        }
        heads
    }

    #[inline]
    fn index(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Whether a pattern may match from `start`, whose first boundary is at `end`.
    #[inline]
    fn may_start(&self, text: &str, start: usize, end: usize) -> bool {
        let b = text.as_bytes();
        let mut h = 0;
        let mut i = start;
        let mut buf = [0u8; 4];
        while i < end {
            let c = b[i];
            if c < 0x80 {
                h = hash_step(
                    h,
                    if c == b'`' {
                        b'\''
                    } else {
                        c.to_ascii_lowercase()
                    },
                );
                i += 1;
            } else {
                let Some(ch) = text[i..].chars().next() else {
                    return true;
                };
                i += ch.len_utf8();
                // a token holds no white space; if one did, let the walk decide
                let Some(f) = fold(ch, true) else { return true };
                for &byte in f.encode_utf8(&mut buf).as_bytes() {
                    h = hash_step(h, byte);
                }
            }
        }
        let i = self.index(h);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

fn all_caps(form: &str) -> bool {
    form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase)
}

impl Matcher {
    /// Compiles every form (name, aliases, plurals) of every entry. Where two entries share a
    /// form, the earlier entry is tried first.
    pub fn new(entries: &[LexiconEntry]) -> Result<Matcher> {
        let mut index: HashMap<String, usize> = HashMap::new();
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
        let nfa = if patterns.is_empty() {
            None
        } else {
            Some(
                NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .dense_depth(DENSE_DEPTH)
                    .build(&patterns)
                    .map_err(|e| Error::Automaton(e.to_string()))?,
            )
        };
        let mut first = [false; 256];
        for p in &patterns {
            first[p.as_bytes()[0] as usize] = true;
        }
        // non-ASCII first bytes are folded on the way: always walk from them
        first[0x80..].fill(true);
        Ok(Matcher {
            nfa,
            first,
            heads: Heads::new(&patterns),
            targets,
        })
    }

    /// Appends every lexicon match on token boundaries to `out` (overlaps included; the
    /// caller resolves them).
    ///
    /// From every position where a match may start, the automaton is walked anchored over the
    /// text as [`Normalized`](crate::Normalized) would fold it (lower case, straight quotes,
    /// `-` for dashes, one space for white space), folding on the fly: the same matches as a
    /// search of the normalized copy, without building it.
    pub fn find(&self, text: &str, bounds: &Bounds, out: &mut Vec<LexMatch>) {
        let Some(nfa) = &self.nfa else { return };
        let Ok(start) = nfa.start_state(Anchored::Yes) else {
            return;
        };
        let b = text.as_bytes();
        let mut buf = [0u8; 4];
        for &(p, first_end) in &bounds.starts {
            let c0 = b[p];
            if !self.first[c0.to_ascii_lowercase() as usize]
                && c0 != b'`'
                && !c0.is_ascii_whitespace()
            {
                continue;
            }
            if !self.heads.may_start(text, p, first_end) {
                continue;
            }
            let mut sid = start;
            let mut i = p;
            let mut fed = 0usize; // folded bytes fed so far
            let mut in_space = false;
            'walk: while i < b.len() {
                let c = b[i];
                if c < 0x80 {
                    i += 1;
                    let f = if c.is_ascii_whitespace() {
                        if in_space {
                            continue;
                        }
                        in_space = true;
                        b' '
                    } else {
                        in_space = false;
                        if c == b'`' {
                            b'\''
                        } else {
                            c.to_ascii_lowercase()
                        }
                    };
                    sid = nfa.next_state(Anchored::Yes, sid, f);
                    fed += 1;
                } else {
                    let Some(ch) = text[i..].chars().next() else {
                        break;
                    };
                    i += ch.len_utf8();
                    let f = match fold(ch, true) {
                        None => {
                            if in_space {
                                continue;
                            }
                            in_space = true;
                            ' '
                        }
                        Some(f) => {
                            in_space = false;
                            f
                        }
                    };
                    for &byte in f.encode_utf8(&mut buf).as_bytes() {
                        sid = nfa.next_state(Anchored::Yes, sid, byte);
                        fed += 1;
                        if nfa.is_dead(sid) {
                            break 'walk;
                        }
                    }
                }
                if nfa.is_dead(sid) {
                    break;
                }
                if nfa.is_match(sid) && bounds.flags[i] & END != 0 {
                    self.report(nfa, sid, fed, text, bounds, p, i, out);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        nfa: &NFA,
        sid: StateID,
        fed: usize,
        text: &str,
        bounds: &Bounds,
        s: usize,
        e: usize,
        out: &mut Vec<LexMatch>,
    ) {
        for m in 0..nfa.match_len(sid) {
            let pid = nfa.match_pattern(sid, m);
            // only patterns that start where the walk started (not suffixes of it)
            if nfa.pattern_len(pid) != fed {
                continue;
            }
            let original = &text[s..e];
            let shouting = !bounds.shouting.is_empty()
                && bounds.shouting.iter().any(|l| l.start <= s && e <= l.end);
            for t in &self.targets[pid.as_usize()] {
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
}
