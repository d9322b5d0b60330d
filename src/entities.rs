//! Entity extraction: lexicon matches plus rules for names no lexicon knows, overlap
//! resolution, short forms within the article, and assembly into [`Entity`] records.
//!
//! Each rule is a small function over the non-space tokens of the text that proposes
//! candidates; [`resolve`] keeps the longest, then the earliest, then the most trusted.

use crate::gazetteer::next_name_byte;
use crate::lexicon::LexiconEntry;
use crate::matcher::{in_shouting_line, is_english_word, LexMatch};
use crate::record::{Entity, EntityKind, Mention, Source};
use crate::scratch;
use crate::segment;
use crate::span::Span;
use crate::support::{
    Support, ALL_FLAGS, CONNECTOR, CUE, GIVEN, NAMING, NON_NAME, ORG_HEAD, SUFFIX, SURNAME, TITLE,
};
use crate::tokenizer::{tokenize_with, EachToken, Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;
use std::cell::Cell;
use std::cmp::Reverse;

/// Which entity a candidate mention belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    /// A lexicon entry, by index.
    Entry(u32),
    /// A name a rule found, by kind and normalized name.
    New(EntityKind, String),
}

/// A proposed mention.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub span: Span,
    /// The words of the view the span runs over, found once when the candidate is made:
    /// the first word that starts at or after the span's start, and the first that starts at
    /// or after its end (as [`words_of`] finds them), so that later passes need not search.
    pub words: (u32, u32),
    pub kind: EntityKind,
    pub key: Key,
    pub rule: &'static str,
    /// Lower is more trusted, for ties of length and position.
    pub prio: u8,
}

impl Cand {
    /// A candidate over words `a..=b` of the view.
    pub(crate) fn over(
        v: &View,
        a: usize,
        b: usize,
        kind: EntityKind,
        key: Key,
        rule: &'static str,
    ) -> Cand {
        Cand {
            span: v.span(a, b),
            // (words are not empty: none but `a` starts at or after the start and before
            // the end of `a..=b`)
            words: (a as u32, b as u32 + 1),
            kind,
            key,
            rule,
            prio: 3,
        }
    }
}

/// Legal forms that may be stripped to find the lexicon entity a longer name stands for.
const LEGAL_FORMS: &[&str] = &[
    "Co",
    "Corp",
    "Corporation",
    "Company",
    "Inc",
    "Incorporated",
    "Ltd",
    "Limited",
    "LLC",
    "PLC",
    "Plc",
    "plc",
    "AG",
    "SA",
    "NV",
    "GmbH",
    "Group",
    "Holding",
    "Holdings",
];

/// Whether `s` is a legal form, written with or without full stops ("NV", "N.V.").
fn is_legal_form(s: &str) -> bool {
    LEGAL_FORMS.iter().any(|l| {
        let mut w = s.bytes().filter(|&c| c != b'.');
        l.bytes().all(|c| w.next() == Some(c)) && w.next().is_none()
    })
}

/// The tokens the rules look at: non-space tokens, with flags, and the positions the rules
/// start from, so that each rule visits only its candidates instead of every token.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub w: Vec<Token>,
    /// Flags of each token: support lists ([`Support::flags`], for words and symbols), shape
    /// ([`CAP`], [`ACRONYM`], [`DIGIT`]) and [`WORD`], [`BRK`], [`WRAP`], [`LPAREN`].
    pub fl: Vec<u16>,
    /// Positions of capitalized words, in order.
    pub caps: Vec<u32>,
    /// Positions of the other words rules start from ([`TITLE`], [`CUE`], [`NAMING`]) and of
    /// "(" tokens, in order.
    pub marks: Vec<u32>,
    /// Positions of the tokens that may start a name of the gazetteer (those that hold a
    /// capital, a digit or a byte beyond ASCII: [`next_name_byte`]), in order.
    pub names: Vec<u32>,
    /// Positions in the text's tokens (all of them, white space too) of those that may end a
    /// sentence or a paragraph ([`segment::may_end`]), in order: found here, in the one loop
    /// over all tokens, so that the splitters look at these only.
    pub ends: Vec<u32>,
    /// Kept only for their memory (see [`ViewBuffers`]): the words after soft wraps, and
    /// after line breaks.
    wraps: Vec<u32>,
    breaks: Vec<u32>,
}

/// The buffers of a [`View`], kept per thread from one document to the next: a document's
/// view writes into the memory the last one used, still in the processor's caches, where
/// memory fresh from the allocator would first be fetched from far away.
#[derive(Default)]
struct ViewBuffers {
    w: Vec<Token>,
    fl: Vec<u16>,
    caps: Vec<u32>,
    marks: Vec<u32>,
    names: Vec<u32>,
    ends: Vec<u32>,
    wraps: Vec<u32>,
    breaks: Vec<u32>,
}

/// Buffers of views of more tokens than this are not kept (a very long text's would hold
/// on to their memory).
const KEEP_TOKENS: usize = 1 << 16;

thread_local! {
    static VIEW_BUFFERS: Cell<ViewBuffers> = Cell::new(ViewBuffers::default());
}

impl Drop for View<'_> {
    fn drop(&mut self) {
        if self.w.capacity() > KEEP_TOKENS {
            return;
        }
        let buffers = ViewBuffers {
            w: std::mem::take(&mut self.w),
            fl: std::mem::take(&mut self.fl),
            caps: std::mem::take(&mut self.caps),
            marks: std::mem::take(&mut self.marks),
            names: std::mem::take(&mut self.names),
            ends: std::mem::take(&mut self.ends),
            wraps: std::mem::take(&mut self.wraps),
            breaks: std::mem::take(&mut self.breaks),
        };
        scratch::give(&VIEW_BUFFERS, buffers);
    }
}

/// Flags of the view above the support-list flags: a word token, a line break before the
/// token, an opening bracket "(".
const WORD: u16 = 1 << 9;
const BRK: u16 = 1 << 10;
const LPAREN: u16 = 1 << 11;
const _: () = assert!(ALL_FLAGS < WORD);
/// A soft wrap before the token: a line break inside a sentence of hard-wrapped text (see
/// [`soft_wrap`]), which names run on across; such a token has no [`BRK`].
const WRAP: u16 = 1 << 15;

/// Flags that put a token on [`View::marks`].
const MARKS: u16 = TITLE | CUE | NAMING | LPAREN;

impl<'a> View<'a> {
    /// Splits `text` into `tokens` ([`crate::tokenize_into`]) and makes its view in the same pass:
    /// the view learns each token as the tokenizer finds it, with its bytes still at hand,
    /// instead of reading all the tokens again. The same view as [`View::new`] of the tokens
    /// (tested).
    // once per document: kept out of line, so that profiles show it
    #[inline(never)]
    pub fn tokenize(text: &'a str, tokens: &mut Vec<Token>, sup: &Support) -> View<'a> {
        // news text has about one word or other token but white space per five bytes
        let mut view = ViewBuilder::new(text, sup, text.len() / 4 + 16);
        tokenize_with(text, tokens, &mut view);
        view.finish()
    }

    /// The view of `text`, split into `tokens`.
    #[cfg(test)]
    pub fn new(text: &'a str, tokens: &[Token], sup: &Support) -> View<'a> {
        let mut view = ViewBuilder::new(text, sup, tokens.len());
        let bytes = text.as_bytes();
        for (k, t) in tokens.iter().enumerate() {
            view.token(k, *t, bytes.get(t.start..t.end).unwrap_or_default());
        }
        view.finish()
    }
    /// Whether word `k` has any of `flags`.
    #[inline]
    pub fn has(&self, k: usize, flags: u16) -> bool {
        self.fl.get(k).is_some_and(|f| f & flags != 0)
    }

    /// Whether word `k` has all of `flags`.
    #[inline]
    fn has_all(&self, k: usize, flags: u16) -> bool {
        self.fl.get(k).is_some_and(|f| f & flags == flags)
    }

    #[inline]
    pub fn s(&self, k: usize) -> &'a str {
        self.w.get(k).map_or("", |t| t.text(self.text))
    }

    /// A capitalized word ("Huawei", "SIASUN", "iPhone" is not).
    #[inline]
    pub fn cap(&self, k: usize) -> bool {
        self.has(k, CAP)
    }

    /// Whether token `k` directly follows token `k - 1` on the same line.
    #[inline]
    pub fn joined(&self, k: usize) -> bool {
        self.fl.get(k).is_some_and(|f| f & BRK == 0)
    }

    /// Whether token `k` directly follows token `k - 1` on the same written line: not after
    /// a soft wrap either. A name runs on across a soft wrap, but a given name starting a
    /// wrapped line may still start a name ("Secretary of State\nGeorge Shultz").
    #[inline]
    fn same_line(&self, k: usize) -> bool {
        self.fl.get(k).is_some_and(|f| f & (BRK | WRAP) == 0)
    }

    /// Whether word `k` is a small word a name may hold between its capitalized words: a
    /// connector ("of", "and", "de") or "the", "on", "in" ("Program on International Policy
    /// Attitudes").
    fn name_filler(&self, k: usize) -> bool {
        self.has(k, CONNECTOR) || matches!(self.s(k), "the" | "on" | "in")
    }

    /// Whether a line break comes before token `k`.
    #[inline]
    fn brk(&self, k: usize) -> bool {
        self.has(k, BRK)
    }

    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.w[a].start, self.w[b].end)
    }
}

/// A [`View`] in the making: fed the tokens of a text one by one, in order.
struct ViewBuilder<'a, 's> {
    text: &'a str,
    sup: &'s Support,
    v: ViewBuffers,
    lines: Lines,
    /// The first name byte ([`next_name_byte`]) from the start of the last token read (from
    /// the start of the text before the first): the text is searched for its name bytes
    /// eight bytes at a time and once over, rather than each token for its own.
    next_name: usize,
}

impl<'a, 's> ViewBuilder<'a, 's> {
    /// A builder with room for `n` tokens.
    fn new(text: &'a str, sup: &'s Support, n: usize) -> ViewBuilder<'a, 's> {
        let mut v = scratch::take(&VIEW_BUFFERS);
        v.w.clear();
        v.fl.clear();
        v.caps.clear();
        v.marks.clear();
        v.names.clear();
        v.ends.clear();
        v.wraps.clear();
        v.breaks.clear();
        v.w.reserve(n);
        v.fl.reserve(n);
        v.caps.reserve(n / 4);
        v.marks.reserve(n / 16);
        // The words after line breaks get their [`BRK`] at the end, from `breaks`.
        v.breaks.push(0); // the first word starts a line
        ViewBuilder {
            text,
            sup,
            v,
            lines: Lines::default(),
            next_name: next_name_byte(text.as_bytes(), 0),
        }
    }
}

impl EachToken for ViewBuilder<'_, '_> {
    #[inline(always)]
    fn token(&mut self, k: usize, t: Token, b: &[u8]) {
        let v = &mut self.v;
        let f = match t.kind {
            TokenKind::Space => return,
            TokenKind::LineBreak => {
                v.breaks.push(v.w.len() as u32);
                if self
                    .lines
                    .line_break(self.text, &t, v.w.len(), &mut v.wraps)
                {
                    v.ends.push(k as u32);
                }
                return;
            }
            TokenKind::Word => {
                if segment::word_may_end(b) {
                    v.ends.push(k as u32);
                }
                let f = self.sup.flags(b) | WORD;
                // a word starting in lower case has no shape flags
                match b.first() {
                    Some(c) if c.is_ascii_lowercase() => f,
                    _ => f | shape(b),
                }
            }
            kind => {
                let paren = if b == b"(" { LPAREN } else { 0 };
                if kind == TokenKind::Punct && segment::mark_may_end(b) {
                    v.ends.push(k as u32);
                }
                if kind == TokenKind::Symbol {
                    self.sup.flags(b) | paren
                } else {
                    paren
                }
            }
        };
        let kw = v.w.len() as u32;
        if f & (CAP | MARKS) != 0 {
            if f & CAP != 0 {
                v.caps.push(kw);
            }
            if f & MARKS != 0 {
                v.marks.push(kw);
            }
        }
        // a token holding a name byte may start a name of the gazetteer
        if self.next_name < t.start {
            self.next_name = next_name_after(self.text.as_bytes(), t.start);
        }
        if self.next_name < t.end {
            v.names.push(kw);
        }
        v.w.push(t);
        v.fl.push(f);
    }
}

impl<'a> ViewBuilder<'a, '_> {
    fn finish(self) -> View<'a> {
        let mut v = self.v;
        // (a break at the end of the text has no word after it)
        for &k in &v.breaks {
            if let Some(f) = v.fl.get_mut(k as usize) {
                *f |= BRK;
            }
        }
        if hard_wrapped(self.lines.breaks, self.lines.lower) {
            for &k in &v.wraps {
                if let Some(f) = v.fl.get_mut(k as usize) {
                    *f = *f & !BRK | WRAP;
                }
            }
        }
        View {
            text: self.text,
            w: v.w,
            fl: v.fl,
            caps: v.caps,
            marks: v.marks,
            names: v.names,
            ends: v.ends,
            wraps: v.wraps,
            breaks: v.breaks,
        }
    }
}

/// [`next_name_byte`], out of line: the view's loop over the tokens keeps its registers.
#[inline(never)]
fn next_name_after(b: &[u8], i: usize) -> usize {
    next_name_byte(b, i)
}

/// Lines of hard-wrapped text (wire copy is wrapped at about 65 characters) are this long
/// in bytes, from the line's start to its break.
const WRAP_LINE: std::ops::RangeInclusive<usize> = 40..=100;

/// Whether line break `b` (a [`TokenKind::LineBreak`] token, after the text `before`, whose
/// last line starts at byte `line_start`) may only wrap a line in the middle of a sentence:
/// one line feed and no indent after it, a line of hard-wrapped length before it, not
/// ending in sentence punctuation. Whether it does is decided for the whole document
/// ([`hard_wrapped`]): text with one sentence a line has lines like that too.
#[inline]
fn soft_wrap(b: &[u8], before: &[u8], line_start: usize) -> bool {
    let one_feed = match b {
        [rest @ .., b'\n'] => rest.iter().all(|&c| matches!(c, b' ' | b'\t' | b'\r')),
        _ => false,
    };
    one_feed
        && WRAP_LINE.contains(&(before.len().saturating_sub(line_start)))
        && !matches!(before.last(), Some(b'.' | b'!' | b'?' | b':'))
}

/// What a [`View`] learns of the lines of a text, for soft wraps ([`soft_wrap`]).
#[derive(Default)]
struct Lines {
    /// Where the current line starts.
    start: usize,
    /// Line breaks so far.
    breaks: u32,
    /// Soft-wrap candidates a word in lower case follows.
    lower: u32,
}

impl Lines {
    /// Line break `t`, before the word that will be word `k` of the view: if it may be a
    /// soft wrap, `k` goes on `wraps`. Whether it is a blank line ([`segment::is_blank_line`]).
    /// (Out of line: breaks are few, words many, and the loop over the words keeps its
    /// registers.)
    #[inline(never)]
    fn line_break(&mut self, text: &str, t: &Token, k: usize, wraps: &mut Vec<u32>) -> bool {
        let bytes = text.as_bytes();
        let b = &bytes[t.start..t.end];
        if soft_wrap(b, bytes.get(..t.start).unwrap_or_default(), self.start) {
            // no indent: the next token starts right after the break
            wraps.push(k as u32);
            self.lower += u32::from(bytes.get(t.end).is_some_and(u8::is_ascii_lowercase));
        }
        self.start = match b.iter().rposition(|&c| c == b'\n') {
            Some(p) => t.start + p + 1,
            None => t.end,
        };
        self.breaks += 1;
        segment::is_blank_line(t.text(text))
    }
}

/// Whether a document whose soft-wrap candidates ([`soft_wrap`]) are followed by a word in
/// lower case `lower` times, out of `breaks` line breaks in all, is hard-wrapped: in text
/// with one sentence a line, a line seldom goes on in lower case; in wrapped text, most
/// wraps fall inside a sentence and many before a word in lower case.
#[inline]
fn hard_wrapped(breaks: u32, lower: u32) -> bool {
    lower >= 2 && lower * 4 >= breaks
}

/// Shape flags of a word: capitalized, an acronym (two or more capitals, no lower case),
/// capitalized and holding a digit (the rules ask about digits in capitalized words only).
const CAP: u16 = 1 << 12;
const ACRONYM: u16 = 1 << 13;
const DIGIT: u16 = 1 << 14;

/// Byte classes for [`shape`]: ASCII lower case, ASCII digit, non-ASCII.
const B_LOWER: u8 = 1;
const B_DIGIT: u8 = 2;
const B_HIGH: u8 = 4;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_lowercase() {
            B_LOWER
        } else if c.is_ascii_digit() {
            B_DIGIT
        } else if c >= 0x80 {
            B_HIGH
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Shape flags of a word's bytes (a whole token: they are UTF-8).
// inlined into the view's loop over the tokens; words beyond ASCII go out of line
#[inline]
fn shape(b: &[u8]) -> u16 {
    let Some(&first) = b.first() else { return 0 };
    if first < 0x80 && !first.is_ascii_uppercase() {
        return 0;
    }
    let mut class = 0u8;
    for &c in b {
        class |= BYTE_CLASS[c as usize];
    }
    let digit = if class & B_DIGIT != 0 { DIGIT } else { 0 };
    if class & B_HIGH != 0 {
        return wide_shape(b, digit);
    }
    // the first byte is an ASCII capital
    if b.len() > 1 && class & B_LOWER == 0 {
        CAP | ACRONYM | digit
    } else {
        CAP | digit
    }
}

/// [`shape`] of a word holding bytes beyond ASCII (`digit`: its [`DIGIT`] flag if it is
/// capitalized).
#[inline(never)]
fn wide_shape(b: &[u8], digit: u16) -> u16 {
    let s = std::str::from_utf8(b).unwrap_or_default();
    if !s.chars().next().is_some_and(char::is_uppercase) {
        return 0;
    }
    let acronym = if s.chars().nth(1).is_some() && all_caps(s) {
        ACRONYM
    } else {
        0
    };
    CAP | acronym | digit
}

fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether `b` is white space by [`char::is_whitespace`] (for an ASCII byte).
#[inline]
fn ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// A key for a name: lower case, words separated by single spaces. Possessives are kept:
/// "Huawei's" and "Huawei" give different keys.
pub(crate) fn name_key(s: &str) -> String {
    if s.is_ascii() && single_spaced(s.as_bytes()) {
        // nearly every name: the key is the name in lower case
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && ascii_space(b[i]) {
                i += 1;
            }
            let start = i;
            while i < b.len() && !ascii_space(b[i]) {
                i += 1;
            }
            if start < i {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
        }
        out.make_ascii_lowercase();
        return out;
    }
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// Whether the words of `b` (split at [`ascii_space`]) are separated by single spaces, with
/// none before the first or after the last: whether [`name_key`] keeps its spacing as it is.
fn single_spaced(b: &[u8]) -> bool {
    // (as if a space came before the first byte: one there is not single)
    let mut space = true;
    for &c in b {
        let sp = ascii_space(c);
        if sp && (space || c != b' ') {
            return false;
        }
        space = sp;
    }
    !space
}

/// `s` in lower case, into `buf` (cleared first).
fn lower_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

pub(crate) struct Rules<'a> {
    pub v: &'a View<'a>,
    pub sup: &'a Support,
    /// For each token of the view, the kind of the longest lexicon match covering it.
    pub lex_kind: Vec<Option<EntityKind>>,
    /// Words that a lexicon knows alone as a place that is not a city or a country (a state,
    /// a province, a region: "Oklahoma", "Gulf"), sorted: after a given name they are where a
    /// town is ("Perry Oklahoma"), not a surname.
    not_surname: Vec<u32>,
    /// Words (first, one past the last) of the lexicon's countries, in order.
    countries: Vec<(u32, u32)>,
}

/// How strongly the context marks a capitalized run as a person's name, for
/// [`Rules::person_run`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ctx {
    /// Nothing but the name itself (a given name).
    Name,
    /// A reporting verb next to it ("said", "told").
    Cue,
    /// A title or role before it or in apposition after it.
    Role,
}

/// Whether a lexicon place with this id may be a person's surname after a given name: a
/// city or a country ("Tony Paris", "James Poland"), not a state, province or region.
fn place_may_be_surname(id: &str) -> bool {
    let rest = id.strip_prefix("loc:").unwrap_or("");
    rest.starts_with("city") || is_country(id)
}

/// Whether a lexicon place with this id is a country ("loc:fr").
fn is_country(id: &str) -> bool {
    let rest = id.strip_prefix("loc:").unwrap_or("");
    rest.len() == 2 && rest.bytes().all(|c| c.is_ascii_lowercase())
}

impl<'a> Rules<'a> {
    // once per document: kept out of line, so that profiles show it
    #[inline(never)]
    pub fn new(
        v: &'a View<'a>,
        sup: &'a Support,
        lex: &[Cand],
        entries: &[LexiconEntry],
    ) -> Rules<'a> {
        let mut lex_kind: Vec<Option<EntityKind>> = vec![None; v.w.len()];
        let mut lens = vec![0u32; v.w.len()];
        let mut not_surname = Vec::new();
        let mut countries = Vec::new();
        for c in lex {
            let mut k = c.words.0 as usize;
            while k < v.w.len() && v.w[k].end <= c.span.end {
                let len = u32::try_from(c.span.len()).unwrap_or(u32::MAX);
                if len > lens[k] {
                    lens[k] = len;
                    lex_kind[k] = Some(c.kind);
                }
                k += 1;
            }
            if let (EntityKind::Location, Key::Entry(e)) = (c.kind, &c.key) {
                if c.words.1 == c.words.0 + 1
                    && entries
                        .get(*e as usize)
                        .is_some_and(|e| !place_may_be_surname(&e.id))
                {
                    not_surname.push(c.words.0);
                }
            }
            if let (EntityKind::Location, Key::Entry(e)) = (c.kind, &c.key) {
                if entries.get(*e as usize).is_some_and(|e| is_country(&e.id)) {
                    countries.push(c.words);
                }
            }
        }
        countries.sort_unstable();
        Rules {
            v,
            sup,
            lex_kind,
            not_surname,
            countries,
        }
    }

    /// Every rule's candidates, after the lexicon's in `out`, rule by rule (the order breaks
    /// ties in [`resolve`]).
    pub fn propose(&self, out: &mut Vec<Cand>) {
        self.org_names(out);
        self.acronym_definitions(out);
        self.titled_people(out);
        self.appositions(out);
        self.surnamed(out);
        self.cue_names(out);
        self.pinyin_names(out);
        self.given_names(out);
        self.country_names(out);
        self.initialed_names(out);
        self.described_orgs(out);
        self.kin_names(out);
    }

    /// A capitalized word that can be part of a name.
    #[inline]
    fn name_word(&self, k: usize) -> bool {
        self.v
            .fl
            .get(k)
            .is_some_and(|f| f & (CAP | NON_NAME | TITLE | DIGIT) == CAP)
    }

    /// A word that can be part of a person's name: a name word, not an organization suffix,
    /// not an acronym, not a lone initial, not part of a lexicon organization, technology or
    /// location. (Initials followed by a period join a name through [`Rules::person_run`].)
    #[inline]
    fn person_word(&self, k: usize) -> bool {
        self.v
            .fl
            .get(k)
            .is_some_and(|f| f & (CAP | NON_NAME | TITLE | DIGIT | SUFFIX | ACRONYM) == CAP)
            && self.v.w[k].end - self.v.w[k].start > 1
            && matches!(self.lex_kind[k], None | Some(EntityKind::Person))
    }

    fn is_initial(&self, k: usize) -> bool {
        self.v.cap(k) && self.v.s(k).len() == 1 && self.v.s(k + 1) == "." && self.v.joined(k + 1)
    }

    fn person(&self, mut a: usize, b: usize, rule: &'static str, out: &mut Vec<Cand>) {
        // "Commerce Tang Weiguo" (after "Minister of"): a name starts at a given name or a
        // surname when the words before it are neither.
        if let Some(n) = (a..b).find(|&k| self.v.has(k, GIVEN | SURNAME)) {
            // (not in a name with initials or particles: "F.W. de Klerk", "Suleiman
            // Abdulaziz al-Salim")
            if n > a
                && (a..n).all(|k| !self.v.has(k, GIVEN | SURNAME))
                && self.initials_end(a).is_none()
                && !(n..=b).any(|k| self.particle_at(k))
            {
                a = n;
            }
        }
        out.push(self.found(a, b, EntityKind::Person, rule, 3));
    }

    /// A candidate for a name a rule found: words `a..=b`.
    fn found(&self, a: usize, b: usize, kind: EntityKind, rule: &'static str, prio: u8) -> Cand {
        // The name is left empty here and written by `fill_names` for the candidates that
        // `resolve` keeps: most rule candidates lose to a lexicon match or a longer name, and
        // nothing reads a key before then.
        let key = Key::New(kind, String::new());
        Cand {
            prio,
            ..Cand::over(self.v, a, b, kind, key, rule)
        }
    }

    /// Initials that open a name ("I.K. Gujral", "C. Rangarajan", "D. J. Baker"): the word
    /// after them, when words from `a` are capital letters each with its period that no
    /// lexicon knows ("U.S." is a place).
    fn initials_end(&self, a: usize) -> Option<usize> {
        // most words are neither an initial nor dotted initials ("U.S."): turned away at once
        let first = self.v.s(a).as_bytes();
        if !(first.len() == 1 || (first.len() >= 4 && first[1] == b'.')) {
            return None;
        }
        // "D. J. Baker": initials one after another
        let mut j = a;
        while j < a + 6 {
            if self.is_initial(j) {
                j += 2;
                continue;
            }
            let s = self.v.s(j).as_bytes();
            let dotted = s.len() >= 4
                && s.len() <= 8
                && s.chunks(2)
                    .all(|p| p.len() == 2 && p[0].is_ascii_uppercase() && p[1] == b'.');
            if dotted && self.lex_kind[j].is_none() && (j == a || self.v.joined(j)) {
                j += 1;
                continue;
            }
            break;
        }
        (j > a).then_some(j)
    }

    /// Whether word `k` is a particle of a name ("van", "de", "al-Assad").
    fn particle_at(&self, k: usize) -> bool {
        let s = self.v.s(k);
        self.sup.is_particle(s) || self.sup.is_hyphen_particle_name(s)
    }

    /// Whether word `j` is a given name followed by another word of a person's name (one a
    /// lexicon may know: "J. David Lyons").
    fn given_and_surname(&self, j: usize) -> bool {
        self.v.has(j, GIVEN)
            && self.v.joined(j + 1)
            && (self.person_word(j + 1) || self.lexicon_surname(j + 1))
    }

    /// A capitalized word that could be a name but that a lexicon knows as (part of) an
    /// organization or a place.
    fn lexicon_word(&self, k: usize) -> bool {
        let v = self.v;
        v.fl.get(k)
            .is_some_and(|f| f & (CAP | NON_NAME | TITLE | DIGIT | SUFFIX | ACRONYM) == CAP)
            && v.w[k].end - v.w[k].start > 1
            && matches!(
                self.lex_kind[k],
                Some(EntityKind::Organization | EntityKind::Location)
            )
    }

    /// A single capitalized word that a lexicon knows as an organization or a place and that
    /// ends a name after a given name ("Tony Roche", "James Poland", "Wayne Jordan"): the
    /// lexicon match is this word alone, and no capitalized word follows.
    fn lexicon_surname(&self, k: usize) -> bool {
        let v = self.v;
        self.lexicon_word(k)
            && self.lex_kind.get(k + 1).is_none_or(Option::is_none)
            && !(v.joined(k + 1) && v.cap(k + 1))
            && self.not_surname.binary_search(&(k as u32)).is_err()
    }

    /// Extends a run of person words from `a`: up to `max` words, with middle initials and
    /// particles between words ("Nikolaus van der Pas", "Abdul-Karim al-Kabariti"), which
    /// do not count where the name opens with a given name or follows a role (elsewhere
    /// they join the words of foreign organizations' names: "Generale de Banque"). After a
    /// title or before an apposition the name may open with initials ("I.K. Gujral");
    /// elsewhere only before a given name and a surname ("M. Hal Taylor": "S.G. Warburg" and
    /// "C.J. Lawrence" are firms named after their founders). After a given name, the last word may be one a lexicon
    /// knows as an organization, a city or a country ("Tony Roche", "Wayne Jordan").
    fn person_run(&self, a: usize, max: usize, ctx: Ctx) -> Option<usize> {
        let v = self.v;
        let first = if self.person_word(a) {
            a
        } else if ctx == Ctx::Role
            && self.lexicon_word(a)
            && v.joined(a + 1)
            && self.person_word(a + 1)
        {
            // "chairman Harland Stonecipher", "Minister Israel Katz": after a title, a first
            // word that a lexicon knows alone
            a
        } else {
            match self.initials_end(a) {
                Some(j)
                    if v.joined(j)
                        && self.person_word(j)
                        && (ctx == Ctx::Role || self.given_and_surname(j)) =>
                {
                    j
                }
                _ => return None,
            }
        };
        let lex_end = v.has(first, GIVEN);
        let particles = lex_end || ctx == Ctx::Role;
        let mut b = first;
        let mut n = 1;
        while n < max {
            let k = b + 1;
            if !v.joined(k) {
                break;
            }
            if self.is_initial(k) && self.person_word(k + 2) && v.joined(k + 2) {
                b = k + 2;
                n += 1;
                continue;
            }
            if self.person_word(k) {
                b = k;
                n += 1;
                continue;
            }
            if particles && self.lex_kind[k].is_none() && self.sup.is_hyphen_particle_name(v.s(k)) {
                b = k;
                n += 1;
                continue;
            }
            // "van der Pas", "de Palacio": particles, then a name word
            let mut j = k;
            while particles && j < k + 2 && v.joined(j) && self.sup.is_particle(v.s(j)) {
                j += 1;
            }
            if j > k && v.joined(j) && self.person_word(j) {
                b = j;
                n += 1;
                continue;
            }
            if lex_end && self.lexicon_surname(k) {
                b = k;
            }
            break;
        }
        Some(b)
    }

    /// `Mr Gates`, `President Xi Jinping`, `chief executive Anna Berg`.
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn titled_people(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut k = 0;
        for &i in &v.marks {
            let i = i as usize;
            if i < k || !v.has_all(i, WORD | TITLE) {
                continue;
            }
            // the whole title: "Vice Premier", "chief executive"
            let mut e = i;
            while v.joined(e + 1) && v.has_all(e + 1, WORD | TITLE) {
                e += 1;
            }
            let mut a = e + 1;
            if v.s(a) == "." && v.joined(a) {
                a += 1;
            }
            // "lead manager S.G. Warburg", "market leader Mengniu Dairy": roles of companies
            let company_role = i > 0
                && match v.s(e) {
                    "manager" | "managers" | "Manager" => {
                        matches!(
                            v.s(i - 1),
                            "lead" | "co-lead" | "Lead" | "Co-lead" | "joint"
                        )
                    }
                    "leader" | "leaders" => matches!(v.s(i - 1), "market" | "industry"),
                    _ => false,
                };
            if v.joined(a) && v.cap(a) && !company_role {
                if let Some(b) = self.person_run(a, 3, Ctx::Role) {
                    // A single all-title capitalized run before an org suffix is an org.
                    if !v.has(b + 1, SUFFIX) || !v.cap(b + 1) {
                        self.person(a, b, "title", out);
                    }
                    k = b + 1;
                    continue;
                }
            }
            k = e + 1;
        }
    }

    /// `Yu Xubo, Chairman of ...`, `Anna Berg, an analyst at ...`, `Tarak Das, 70, ...`,
    /// `Eliahu Ben-Elissar, Israel's ambassador`, `Anna Berg, the former chief executive`.
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn appositions(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for &a in &v.caps {
            let a = a as usize;
            if !(self.person_word(a) || self.initials_end(a).is_some())
                || (a > 0 && v.same_line(a) && self.name_word(a - 1))
                || (a >= 2 && self.is_initial(a - 2))
            {
                continue;
            }
            let Some(b) = self.person_run(a, 3, Ctx::Role) else {
                continue;
            };
            if v.s(b + 1) != "," {
                continue;
            }
            let single = a == b;
            if single && !v.has(a, SURNAME) {
                continue;
            }
            if self.role_after(b + 2) || (!single && self.age_at(b + 2)) {
                self.person(a, b, "apposition", out);
            }
        }
    }

    /// Whether a role follows from word `t` on, as an apposition after a name gives it: a
    /// title after a determiner ("the chief executive", "an analyst"), after a word or two
    /// that qualify it ("the former president", "the Polish foreign minister", "External
    /// Relations Commissioner") or after an organization or place known to a lexicon and
    /// "'s" ("Israel's ambassador"); not a title that a name follows ("..., Finance Minister
    /// Roger Douglas said"), nor "a spokesman said" (the spokesman speaks of the name).
    fn role_after(&self, mut t: usize) -> bool {
        let v = self.v;
        if matches!(v.s(t), "a" | "an" | "the" | "its" | "his" | "her") {
            t += 1;
        } else if matches!(
            self.lex_kind.get(t),
            Some(Some(EntityKind::Organization | EntityKind::Location))
        ) {
            // "Israel's ambassador", "the U.S. Treasury's"
            let mut e = t;
            while matches!(self.lex_kind.get(e + 1), Some(Some(_))) && e < t + 3 {
                e += 1;
            }
            if !matches!(v.s(e + 1), "'s" | "’s") {
                return false;
            }
            t = e + 2;
        }
        let after_determiner = t > 0 && !v.s(t - 1).starts_with(',');
        let article = t > 0 && matches!(v.s(t - 1), "a" | "an" | "the");
        for q in t..t + 4 {
            if v.has_all(q, WORD | TITLE) {
                let mut e = q;
                while v.joined(e + 1) && v.has_all(e + 1, WORD | TITLE) {
                    e += 1;
                }
                // not a title before the next name ("..., Finance Minister Roger Douglas
                // said"), nor the speaker after a thing ("... Agreement, an ICCO spokesman said")
                let next_name = v.joined(e + 1) && v.cap(e + 1) && v.has(e + 1, GIVEN | SURNAME);
                let speaker = article && v.has(e + 1, CUE);
                return !next_name && !speaker;
            }
            let w = v.s(q);
            // "the Polish foreign minister", "Finland's trade envoy": after a determiner or
            // a possessive, words in lower case that are not function words
            let modifier = after_determiner
                && w.bytes().all(|c| c.is_ascii_lowercase())
                && !is_function_word(w);
            // "External Relations Commissioner", "the Polish minister": capitalized words
            // that no lexicon knows as a place or an organization
            let capitalized = v.cap(q) && !v.has(q, DIGIT) && self.lex_kind[q].is_none();
            let qualifier = modifier || is_role_qualifier(w) || capitalized;
            if !qualifier || !v.joined(q + 1) {
                return false;
            }
        }
        false
    }

    /// Whether words `t..` are an age in an apposition: ", 45," or ", 45."
    fn age_at(&self, t: usize) -> bool {
        let s = self.v.s(t);
        (1..=3).contains(&s.len())
            && s.bytes().all(|c| c.is_ascii_digit())
            && !s.starts_with('0')
            && s.parse::<u32>().is_ok_and(|n| n <= 120)
            && matches!(self.v.s(t + 1), "," | ")")
    }

    /// `a staff member surnamed Jin`.
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn surnamed(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for &k in &v.marks {
            let k = k as usize;
            if v.has(k, NAMING) && v.joined(k + 1) && self.person_word(k + 1) {
                self.person(k + 1, k + 1, "surnamed", out);
            }
        }
    }

    /// `said Li Jun`, `Anna Berg said`.
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn cue_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for &k in &v.marks {
            let k = k as usize;
            if !v.has(k, CUE) {
                continue;
            }
            // after: "said Li Jun,"
            if let Some(b) = self.person_run(k + 1, 3, Ctx::Cue) {
                if b > k + 1 && v.joined(k + 1) {
                    self.person(k + 1, b, "cue", out);
                }
            }
            // before: "Li Jun said", "Nikolaus van der Pas told": the earliest word from
            // which a name runs to the cue
            if k >= 2 {
                let b = k - 1;
                let Some(a) =
                    (b.saturating_sub(6)..b).find(|&a| self.person_run(a, 3, Ctx::Cue) == Some(b))
                else {
                    continue;
                };
                // "Perkins Engines said": a plural last word is an organization's, unless a
                // given name shows a person ("Tom Jones said").
                let plural_tail = !v.has(a, GIVEN | SURNAME) && v.s(b).ends_with('s');
                if !plural_tail && !self.sentence_initial_common(a) {
                    self.person(a, b, "cue", out);
                }
            }
        }
    }

    fn sentence_initial_common(&self, a: usize) -> bool {
        let initial =
            a == 0 || matches!(self.v.s(a - 1), "." | "!" | "?" | "\"" | "“") || self.v.brk(a);
        initial && !self.v.has(a, GIVEN | SURNAME)
    }

    /// Chinese names in pinyin: a surname and a given name made of syllables ("Shi Yixuan").
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn pinyin_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let n = v.w.len().saturating_sub(1);
        for &k in &v.caps {
            let k = k as usize;
            if k >= n || !v.has(k, SURNAME) || !v.joined(k + 1) {
                continue;
            }
            let sur = v.s(k);
            if all_caps(sur) {
                continue;
            }
            let given = v.s(k + 1);
            if !v.cap(k + 1) || all_caps(given) || !self.person_word(k + 1) {
                continue;
            }
            if !matches!(self.lex_kind[k], None | Some(EntityKind::Person)) {
                continue;
            }
            if !self.sup.is_pinyin_given(given) {
                continue;
            }
            // English words that are also surnames need a longer given name.
            if matches!(
                sur,
                "He" | "An"
                    | "So"
                    | "Mo"
                    | "Long"
                    | "Sun"
                    | "Fan"
                    | "Man"
                    | "Pan"
                    | "Song"
                    | "Hang"
                    | "Bo"
            ) && given.len() < 4
            {
                continue;
            }
            // Not when a third capitalized word follows: "Hong Kong Disneyland".
            if v.joined(k + 2) && self.name_word(k + 2) && !v.has(k + 2, SUFFIX) {
                continue;
            }
            self.person(k, k + 1, "pinyin", out);
        }
    }

    /// Western names: a known given name and one or two capitalized words ("Bill Gates",
    /// "George W. Bush").
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn given_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut next = 0;
        for &k in &v.caps {
            let k = k as usize;
            if k < next
                || !v.has(k, GIVEN)
                || !self.person_word(k)
                || (k > 0
                    && v.same_line(k)
                    && self.name_word(k - 1)
                    && !v.has(k - 1, TITLE)
                    && v.s(k - 1) != "the")
            {
                continue;
            }
            if let Some(b) = self.person_run(k, 3, Ctx::Name).filter(|&b| b > k) {
                // Not when the run goes on into an organization ("Morgan Stanley Bank").
                if !(v.joined(b + 1) && v.has(b + 1, SUFFIX) && v.cap(b + 1)) {
                    // with an initial before it: "E. Paul Casey"
                    let initial =
                        k >= 2 && v.joined(k) && self.is_initial(k - 2) && v.joined(k - 1);
                    let a = if initial && self.given_and_surname(k) {
                        k - 2
                    } else {
                        k
                    };
                    self.person(a, b, "given-name", out);
                }
                next = b + 1;
            }
        }
    }

    /// `Anna Berg ( Sweden )`, `Jan van Dijk (Netherlands)`: a name of two words or more
    /// right before a country in brackets, as results and line-ups give a player's or
    /// competitor's country. (An organization's name ends with a word that says so, or a
    /// lexicon knows it.)
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn country_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        if self.countries.is_empty() {
            return;
        }
        for &k in &v.marks {
            let k = k as usize;
            if k < 2 || !v.has(k, LPAREN) || !v.joined(k) {
                continue;
            }
            let Ok(i) = self
                .countries
                .binary_search_by_key(&(k as u32 + 1), |c| c.0)
            else {
                continue;
            };
            let e = self.countries[i].1 as usize;
            if v.s(e) != ")" || !v.joined(e) {
                continue;
            }
            let b = k - 1;
            let Some(a) =
                (b.saturating_sub(6)..b).find(|&a| self.person_run(a, 4, Ctx::Role) == Some(b))
            else {
                continue;
            };
            // the whole run of capitalized words: not the end of a longer name
            if a > 0 && v.same_line(a) && self.name_word(a - 1) {
                continue;
            }
            self.person(a, b, "country", out);
        }
    }

    /// `C. White`, `D. J. Baker`: capital letters each with its period, then a surname that
    /// ends the run of capitalized words. (Firms named after their founders write their
    /// initials without spaces, "S.G. Warburg", and are found by [`Rules::person_run`] only
    /// after a title; a lexicon knows those written with spaces, "J. Sainsbury".)
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn initialed_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut next = 0;
        for &k in &v.caps {
            let k = k as usize;
            if k < next || !self.is_initial(k) || (k > 0 && v.same_line(k) && v.cap(k - 1)) {
                continue;
            }
            let mut j = k + 2;
            while self.is_initial(j) && v.joined(j) && j < k + 6 {
                j += 2;
            }
            next = j;
            // the surname, and nothing capitalized after it ("S. Africa Telecom")
            if !(v.joined(j) && self.person_word(j)) || (v.joined(j + 1) && v.cap(j + 1)) {
                continue;
            }
            // "J. Smith & Co", "W. Brown and Sons Ltd"
            let firm = match v.s(j + 1) {
                "&" => true,
                "and" => v.joined(j + 2) && v.has(j + 2, SUFFIX),
                _ => false,
            };
            if firm {
                continue;
            }
            self.person(k, j, "initials", out);
        }
    }

    /// Whether a blank line comes before word `k` (a new paragraph).
    fn paragraph_break(&self, k: usize) -> bool {
        let v = self.v;
        k > 0
            && k < v.w.len()
            && v.brk(k)
            && v.text.as_bytes()[v.w[k - 1].end..v.w[k].start]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
                > 1
    }

    /// `consultancy Building Zones`, `the polling firm Acme`: a capitalized run right after a
    /// noun that says what kind of organization follows is one. Not a run the lexicons start
    /// (they know it), nor one that starts with a given name and goes on ("the company Bill
    /// Gates founded").
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn described_orgs(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut next = 0;
        for &a in &v.caps {
            let a = a as usize;
            if a < next
                || a == 0
                || !v.joined(a)
                || !self.name_word(a)
                || self.lex_kind[a].is_some()
                || !is_org_descriptor(v.s(a - 1))
            {
                continue;
            }
            // "12-bank Philippine committee": the noun ends a compound adjective
            let d = v.w[a - 1].start;
            if d > 0 && !ascii_space(v.text.as_bytes()[d - 1]) {
                continue;
            }
            // the name: up to five words, on into the next line of a wrapped paragraph, through
            // connectors of foreign names ("Cie des Machines Bull", "Noblee und Thoerl GmbH")
            // (after the first word, common capitalized words go too: "Lumen Digital")
            let more = |k: usize| {
                v.has(k, CAP)
                    && !v.has(k, TITLE | DIGIT)
                    && self.lex_kind[k].is_none()
                    && !self.paragraph_break(k)
            };
            let mut b = a;
            while b - a < 4 {
                if more(b + 1) {
                    b += 1;
                } else if is_name_connector(v.s(b + 1)) && v.joined(b + 1) && more(b + 2) {
                    b += 2;
                } else if v.s(b + 1) == "and" && v.has(b + 2, SUFFIX) && v.cap(b + 2) {
                    // "Seligmann Harris and Co"
                    b += 2;
                } else {
                    break;
                }
            }
            next = b + 1;
            // "group Inc" in a headline, "group III", "a bank I'm": no name; nor the start of a
            // longer one ("singing group Destiny's Child", "Regie Nationale des Usines ...",
            // "Acme Shanghai Holdings" where a lexicon knows "Shanghai")
            let first = v.s(a);
            let roman = first.bytes().all(|c| matches!(c, b'I' | b'V' | b'X'));
            // "distributor B and W Electric", "firm E.M. Warburg": initials start a longer name
            let initials = first.len() == 1 || first.contains('.');
            let pronoun = first.starts_with("I'") || first.starts_with("I’");
            let cut = is_name_connector(v.s(b + 1))
                || (v.joined(b + 1) && v.cap(b + 1) && !v.has(b + 1, TITLE))
                || (matches!(v.s(b + 1), "'s" | "’s") && v.joined(b + 2) && v.cap(b + 2));
            if (b > a && v.has(a, GIVEN)) || v.has(a, SUFFIX) || roman || initials || pronoun || cut
            {
                continue;
            }
            out.push(self.found(a, b, EntityKind::Organization, "descriptor", 2));
        }
    }

    /// `his wife Anna`, `two sons, Avi and Joel`: a known given name alone right after a
    /// word for a relative (or after such a name and "and" or a comma) is a person.
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn kin_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut last = usize::MAX; // the last name found, for "Avi and Joel"
        for &k in &v.caps {
            let k = k as usize;
            if k < 2 || !v.has(k, GIVEN) || !self.person_word(k) || !v.joined(k) {
                continue;
            }
            // a longer name is the given-name rule's
            if v.joined(k + 1) && v.cap(k + 1) {
                continue;
            }
            let p = v.s(k - 1);
            let after_kin = is_kin_noun(p)
                || (p == "," && v.joined(k - 1) && is_kin_noun(v.s(k - 2)))
                || (matches!(p, "and" | ",") && last == k - 2);
            if after_kin {
                self.person(k, k, "kin", out);
                last = k;
            }
        }
    }

    /// Capitalized runs ending in an organization word ("SIASUN Robot and Automation Co",
    /// "Ministry of Commerce", "China General Technology (Group) Holding Co").
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn org_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut k = 0;
        for &a0 in &v.caps {
            let a0 = a0 as usize;
            if a0 < k {
                continue;
            }
            // the maximal run
            let mut b = a0;
            loop {
                let j = b + 1;
                if v.joined(j) && v.cap(j) {
                    b = j;
                } else if v.joined(j) && v.has(j, CONNECTOR) && v.joined(j + 1) && v.cap(j + 1) {
                    // "Johnson Controls Inc and Lear Corp": a legal form ends a name, and
                    // "and" after one starts the next; so does "and" between two names that
                    // each have a head word ("the Federal Reserve Board and Bank of England"),
                    // or a head word right after it ("the Treasury and Bank of England")
                    if v.s(j) == "and"
                        && (is_legal_form(v.s(b))
                            || v.has(j + 1, ORG_HEAD)
                            || self.head_follows(j) && (a0..=b).any(|k| v.has(k, ORG_HEAD))
                            || self.two_names_at_and(a0, b, j))
                    {
                        break;
                    }
                    b = j + 1;
                } else if self.abbrev_dot(j) {
                    // "Bank of St. Louis"
                    b = j + 1;
                } else if v.has(j, CONNECTOR) // "of" is one
                    && v.s(j) == "of"
                    && v.s(j + 1) == "the"
                    && v.cap(j + 2)
                    && v.joined(j + 2)
                {
                    b = j + 2;
                } else if v.has(j, LPAREN)
                    && v.cap(j + 1)
                    && v.s(j + 2) == ")"
                    && v.cap(j + 3)
                    && v.has(j + 1, SUFFIX)
                {
                    b = j + 3;
                } else {
                    break;
                }
            }
            k = b + 1;
            self.org_in_run(a0, b, out);
        }
    }

    fn org_in_run(&self, a0: usize, b0: usize, out: &mut Vec<Cand>) {
        let v = self.v;
        // A name ends at a suffix after its first word, or goes on after "Ministry of": a run
        // of one word, or with neither, has none.
        if b0 == a0 || !(a0..=b0).any(|k| v.has(k, SUFFIX | ORG_HEAD)) {
            return;
        }
        // strip leading words that are not part of a name
        let mut a = a0;
        while a <= b0 {
            let s = v.s(a);
            let lower_conn = v.has(a, CONNECTOR) || s == "the";
            // "State-owned", "Wholly-owned", "Shenzhen-based": a compound adjective
            let compound = |w: &str| {
                w.split_once('-')
                    .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_lowercase()))
            };
            // "St. Louis-based"
            if self.abbrev_dot(a + 1) && a + 2 <= b0 && compound(v.s(a + 2)) {
                a += 3;
                continue;
            }
            let adjective = compound(s);
            // "First Union", "First Albany Corp": an ordinal written against the next word
            // begins the name (as a sentence adverb it takes a comma: "First, ...")
            let ordinal = matches!(s, "First" | "Second" | "Third") && v.joined(a + 1);
            // "American Stock Exchange", "Great Lakes Chemical Corp", "General Motors Corp": a
            // word that may begin a name does, before a name word (not "General Secretary",
            // "Company Name Acme Inc") that starts no place ("Jewish West Bank settlers")
            let opener = self.sup.org_openers.contains(s) && self.opens_org(a);
            if lower_conn
                || adjective
                || (v.has(a, NON_NAME) && !v.has(a, ORG_HEAD) && !ordinal && !opener)
                || (v.has(a, TITLE) && !v.has(a, SUFFIX) && !opener)
            {
                a += 1;
            } else {
                break;
            }
        }
        if a > b0 {
            return;
        }
        // "John Casesa of Schroder Wertheim & Co": a person's name (a given name and one or
        // two more words) and "of" before the organization are not part of it
        if v.has(a, GIVEN) {
            let of = (a + 2..=(a + 3).min(b0)).find(|&o| v.s(o) == "of");
            if let Some(o) = of.filter(|&o| {
                (a + 1..o).all(|j| v.cap(j) && !v.has(j, SUFFIX | ORG_HEAD | CONNECTOR))
            }) {
                a = o + 1;
                if v.s(a) == "the" {
                    a += 1;
                }
                if a > b0 {
                    return;
                }
            }
        }
        // cut at a title or a given name after the start ("Acme Corp Chairman John Smith")
        let mut b = b0;
        for k in a + 1..=b0 {
            let s = v.s(k);
            let title_before_name = v.has(k, TITLE) && !v.has(k, SUFFIX) && v.cap(k) && {
                let mut j = k + 1;
                while j <= b0 && v.has(j, TITLE) {
                    j += 1;
                }
                v.has(j, GIVEN) || v.has(j, SURNAME)
            };
            if title_before_name || s == "(" && k > a + 1 && !v.has(k + 1, SUFFIX) {
                b = k - 1;
                break;
            }
        }
        while b > a && (v.has(b, CONNECTOR) || v.s(b) == "(" || v.s(b) == "the") {
            b -= 1;
        }
        // the last suffix with a real name word before it
        let mut end = None;
        for k in (a + 1..=b).rev() {
            // on a line of capitals, a legal form that is also a word ("AS") tells nothing:
            // "85 PCT AS PART OF"
            if v.has(k, SUFFIX) && v.cap(k) && !self.shouted_word(k) {
                let has_name = (a..k).any(|j| v.cap(j) && !v.has(j, SUFFIX) && !v.has(j, NON_NAME));
                if has_name {
                    end = Some(k);
                    break;
                }
            }
        }
        // "Ministry of Commerce", "University of Oxford"
        if end.is_none() {
            if let Some(o) = (a + 1..b).find(|&o| v.s(o) == "of" && v.has(o - 1, ORG_HEAD)) {
                end = self.of_tail(o, b);
            }
        }
        // a name that ends in a head word goes on after "of": "National Bank of Poland",
        // "Chicago Board of Trade"
        if let Some(e) = end.filter(|&e| e + 1 < b && v.has(e, ORG_HEAD) && v.s(e + 1) == "of") {
            end = self.of_tail(e + 1, b).or(end);
        }
        let Some(e) = end else { return };
        if e == a {
            return;
        }
        out.push(self.found(a, e, EntityKind::Organization, "org-suffix", 2));
    }

    /// Whether word `a + 1` may follow an organization's first word `a` that is a title or
    /// a common word: a capitalized word, not an organization suffix ("General Corp"), a
    /// title, a person's name or a common word only if it too may begin a name ("Data
    /// General Corp", not "General Secretary"), and not the start of a lexicon place.
    fn opens_org(&self, a: usize) -> bool {
        let v = self.v;
        let n = a + 1;
        let opener = self.sup.org_openers.contains(v.s(n));
        v.cap(n)
            && !v.has(n, SUFFIX)
            && (!v.has(n, TITLE | GIVEN | SURNAME | NON_NAME) || opener)
            && !(self.lex_kind.get(n) == Some(&Some(EntityKind::Location))
                && self.lex_kind[a].is_none())
    }

    /// Whether word `k` is an English word written on a line of capitals.
    fn shouted_word(&self, k: usize) -> bool {
        let v = self.v;
        let sp = v.span(k, k);
        is_english_word(v.s(k)) && in_shouting_line(v.text.as_bytes(), sp.start, sp.end)
    }

    /// Whether "and" at `j`, after the run `a0..=b`, joins two names: a lexicon organization
    /// of two words or more, or all of the name after it but for a legal form, begins there
    /// ("Citibank NA and Chase Manhattan Bank", not "NSW Trades and Labour Council"), after two words or more or a lexicon name
    /// ("Citibank and Chase Manhattan", not "MacAndrews and Forbes Group"), and after "of"
    /// only if it is two words or an acronym ("Bank of Tokyo and Westpac", not "Institute of
    /// Peace and Security"); or the words after it begin as a word of the run before its
    /// last and before an organization word's "of" does ("Mellon Bank Canada and Mellon Australia Ltd", not "Johnson
    /// and Johnson", "Port Authority of New York and New Jersey").
    fn two_names_at_and(&self, a0: usize, b: usize, j: usize) -> bool {
        let v = self.v;
        let org = |k: usize| self.lex_kind.get(k) == Some(&Some(EntityKind::Organization));
        // not within what follows a name's "of" ("Federation of the Red Cross and Red
        // Crescent"), nor with one word before "and" ("Johnson and Johnson")
        let of = (a0 + 1..b)
            .find(|&k| v.s(k) == "of" && v.has(k - 1, ORG_HEAD | SUFFIX))
            .unwrap_or(b);
        let repeated = (a0..of).any(|k| v.cap(k) && v.s(k) == v.s(j + 1));
        if repeated {
            return true;
        }
        if self.lex_kind.get(j) != Some(&None) || !org(j + 1) || !(b > a0 || org(b)) {
            return false;
        }
        let mut e = j + 1;
        while org(e) {
            e += 1;
        }
        let whole = !(v.joined(e) && v.cap(e)) || is_legal_form(v.s(e)) || e > j + 2;
        let after_of = of < b;
        whole && (!after_of || e > j + 2 || all_caps(v.s(j + 1)))
    }

    /// Whether token `j` is the full stop of an abbreviation inside a place's name ("St.",
    /// "Ft.", "Mt.") with a capitalized word right after it.
    // (called at the end of nearly every run of capitalized words: the flags, one load,
    // are looked at before the words' texts)
    #[inline]
    fn abbrev_dot(&self, j: usize) -> bool {
        let v = self.v;
        j > 0
            && v.joined(j)
            && v.joined(j + 1)
            && v.cap(j + 1)
            && v.s(j) == "."
            && matches!(v.s(j - 1), "St" | "Ste" | "Ft" | "Mt")
    }

    /// Whether a capitalized run right after word `j` ("and") holds a head word
    /// ("Bank", "Board", "University") within its first four words: the start of a second
    /// name ("the Federal Reserve Board and Bank of England").
    fn head_follows(&self, j: usize) -> bool {
        let v = self.v;
        (j + 1..j + 5)
            .take_while(|&k| v.joined(k) && v.cap(k))
            .any(|k| v.has(k, ORG_HEAD))
    }

    /// The last capitalized word of what follows "of" at `o` in a name that ends by `b` at
    /// the latest ("Ministry of [the] Commerce and Trade"), stopping before a second given
    /// name; `None` if there is none.
    fn of_tail(&self, o: usize, b: usize) -> Option<usize> {
        let v = self.v;
        let mut e = o + 1;
        if v.s(e) == "the" {
            e += 1;
        }
        let mut last = None;
        while e <= b && (v.cap(e) || v.has(e, CONNECTOR) || self.abbrev_dot(e)) {
            // a person's name after the organization's: a given name and a name word
            // ("Ministry of Commerce John Smith"; not "Bank of San Francisco")
            let person_next =
                e < b && v.cap(e + 1) && !v.has(e + 1, TITLE | SUFFIX | ORG_HEAD | NON_NAME);
            if v.cap(e) && v.has(e, GIVEN) && e > o + 1 && person_next {
                break;
            }
            // "Department of Health and State University of ...": a second name
            if v.s(e) == "and" && self.head_follows(e) {
                break;
            }
            if v.cap(e) {
                last = Some(e);
            }
            e += 1;
        }
        // "Council of the Lloyd's of London": a name the tail cuts at a possessive
        last.filter(|&l| {
            let apostrophe = |k: usize| v.s(k).starts_with(['\'', '\u{2019}']);
            !(apostrophe(l + 1) && (v.s(l + 2) == "of" || v.s(l + 2) == "s" && v.s(l + 3) == "of"))
        })
    }

    /// `Foo Bar Council (FBC)`, `Program on International Policy Attitudes (Pipa)`: a
    /// capitalized run whose initials spell the acronym in brackets after it is an
    /// organization. Connectors and short function words inside the run may give their letter
    /// or not ("Department of Energy (DOE)", "Food and Drug Administration (FDA)"). An acronym written as a word
    /// ("Pipa", "Nato") needs four letters or more and must spell three capitalized words
    /// or more ("European Currency Unit (Ecu)" is no organization).
    #[inline(never)] // once per document: kept out of line, so that profiles show it
    pub fn acronym_definitions(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for &k in &v.marks {
            let k = k as usize;
            if k == 0 || !v.has(k, LPAREN) || v.s(k + 2) != ")" {
                continue;
            }
            let acr = v.s(k + 1).as_bytes();
            let upper = all_caps(v.s(k + 1)) && acr.iter().all(u8::is_ascii_alphanumeric);
            let word = acr.len() >= 4
                && acr[0].is_ascii_uppercase()
                && acr[1..].iter().all(u8::is_ascii_lowercase);
            if !(2..=8).contains(&acr.len()) || !(upper || word) {
                continue;
            }
            let mut letters = [0u8; 8];
            let mut n = 0;
            for c in acr.iter().filter(|c| c.is_ascii_alphabetic()) {
                letters[n] = c.to_ascii_uppercase();
                n += 1;
            }
            let letters = &letters[..n];
            let min_words = if word { 3 } else { 1 };
            // walk back over capitalized words and connectors
            let mut a = k;
            let mut words = 0;
            while a > 0 && words < n {
                let j = a - 1;
                if v.cap(j) && (!v.brk(j + 1) || j + 1 == k) {
                    words += 1;
                } else if words == 0 || !v.name_filler(j) {
                    break;
                }
                a = j;
                if !v.cap(a) || words < min_words || !self.spells(a, k, letters) {
                    continue;
                }
                if self.lex_kind[a].is_some() && self.lex_kind[k - 1].is_some() && a + 1 == k {
                    break;
                }
                out.push(self.found(a, k - 1, EntityKind::Organization, "acronym-definition", 1));
                break;
            }
        }
    }

    /// Whether the words `a..b` spell `letters` (upper case): each capitalized word gives its
    /// initial, each connector its initial or nothing.
    fn spells(&self, a: usize, b: usize, letters: &[u8]) -> bool {
        if a >= b {
            return letters.is_empty();
        }
        let initial = self.v.s(a).as_bytes().first().map(u8::to_ascii_uppercase);
        let gives = letters
            .split_first()
            .is_some_and(|(&l, rest)| initial == Some(l) && self.spells(a + 1, b, rest));
        gives || (!self.v.cap(a) && self.spells(a + 1, b, letters))
    }
}

/// A lower-case noun that names a kind of organization, after which a capitalized name is
/// one ("research firm", "the consultancy", "record label").
fn is_org_descriptor(s: &str) -> bool {
    matches!(
        s,
        "company"
            | "firm"
            | "consultancy"
            | "group"
            | "agency"
            | "bank"
            | "airline"
            | "retailer"
            | "insurer"
            | "lender"
            | "broker"
            | "brokerage"
            | "startup"
            | "start-up"
            | "manufacturer"
            | "chipmaker"
            | "carmaker"
            | "automaker"
            | "drugmaker"
            | "newspaper"
            | "magazine"
            | "tabloid"
            | "outfit"
            | "conglomerate"
            | "charity"
            | "organisation"
            | "organization"
            | "watchdog"
            | "regulator"
            | "operator"
            | "supplier"
            | "distributor"
            | "label"
            | "studio"
            | "subsidiary"
            | "consortium"
    )
}

/// A lower-case word inside a foreign or joint name ("Cie des Machines Bull", "Justitia et
/// Pax", "Welt am Sonntag", "Marks & Spencer").
fn is_name_connector(s: &str) -> bool {
    matches!(
        s,
        "&" | "de"
            | "des"
            | "du"
            | "del"
            | "della"
            | "di"
            | "do"
            | "da"
            | "dos"
            | "la"
            | "am"
            | "en"
            | "ve"
            | "et"
            | "und"
            | "van"
            | "von"
    )
}

/// A word that qualifies a role in an apposition ("the former chief executive", "the
/// company's chief executive").
fn is_role_qualifier(s: &str) -> bool {
    matches!(
        s,
        "former"
            | "then"
            | "acting"
            | "new"
            | "incoming"
            | "outgoing"
            | "interim"
            | "longtime"
            | "long-time"
            | "veteran"
            | "current"
            | "founding"
            | "top"
            | "country"
            | "company"
            | "group"
            | "firm"
            | "bank"
            | "party"
            | "government"
            | "'s"
            | "’s"
    )
}

/// A lower-case word that joins phrases rather than qualifying a noun ("whose chairman",
/// "the parent of chief rival ...").
fn is_function_word(s: &str) -> bool {
    matches!(
        s,
        "of" | "for"
            | "and"
            | "or"
            | "in"
            | "at"
            | "on"
            | "to"
            | "with"
            | "by"
            | "from"
            | "whose"
            | "which"
            | "who"
            | "that"
            | "as"
            | "is"
            | "was"
            | "has"
            | "had"
            | "said"
            | "says"
    )
}

/// A noun for a relative, after which a given name alone is a person ("his wife Anna").
fn is_kin_noun(s: &str) -> bool {
    matches!(
        s,
        "wife"
            | "husband"
            | "son"
            | "sons"
            | "daughter"
            | "daughters"
            | "brother"
            | "brothers"
            | "sister"
            | "sisters"
            | "father"
            | "mother"
            | "widow"
            | "widower"
            | "cousin"
            | "nephew"
            | "niece"
            | "uncle"
            | "aunt"
            | "grandson"
            | "granddaughter"
            | "stepson"
            | "stepdaughter"
            | "twin"
            | "girlfriend"
            | "boyfriend"
            | "fiancee"
            | "fiancée"
            | "fiance"
            | "fiancé"
    )
}

/// Keeps non-overlapping candidates: longest first, then earliest, then most trusted.
// once per document: kept out of line, so that profiles show it
#[inline(never)]
pub(crate) fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    // Sort keys, not the candidates; the position breaks ties as a stable sort would.
    let mut order: Vec<(Reverse<usize>, usize, u8, u32)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (Reverse(c.span.len()), c.span.start, c.prio, i as u32))
        .collect();
    order.sort_unstable();
    // the chosen spans and candidates, kept sorted by start
    let mut taken: Vec<(Span, u32)> = Vec::with_capacity(cands.len());
    let mut rank = vec![u32::MAX; cands.len()]; // order of choice; MAX: not chosen
    for &(.., i) in &order {
        let span = cands[i as usize].span;
        let p = taken.partition_point(|(s, _)| s.start < span.start);
        let clash = (p > 0 && taken[p - 1].0.overlaps(span))
            || (p < taken.len() && taken[p].0.overlaps(span));
        if !clash {
            rank[i as usize] = taken.len() as u32;
            taken.insert(p, (span, i));
        }
    }
    // In text order. Chosen spans do not overlap, so only empty ones can share a start: without
    // those, `taken` is in text order already, and the candidates are taken out in its order.
    if taken.iter().all(|(s, _)| !s.is_empty()) {
        return taken
            .iter()
            .map(|&(_, i)| {
                // (each is taken once; what is left in its place is dropped with the others)
                let gone = Cand {
                    span: Span::default(),
                    words: (0, 0),
                    kind: EntityKind::Organization,
                    key: Key::Entry(0),
                    rule: "",
                    prio: 0,
                };
                std::mem::replace(&mut cands[i as usize], gone)
            })
            .collect();
    }
    // Empty ones that are equal go in the order of choice, as a stable sort would leave them.
    let mut keep = rank.iter().map(|&r| r != u32::MAX);
    cands.retain(|_| keep.next().unwrap_or(false));
    rank.retain(|&r| r != u32::MAX);
    let mut out: Vec<(u32, Cand)> = rank.into_iter().zip(cands).collect();
    out.sort_unstable_by_key(|(r, c)| (c.span.start, c.span.end, *r));
    out.into_iter().map(|(_, c)| c).collect()
}

/// Writes the names of the new keys the rules left empty ([`Rules::found`]): each is the
/// [`name_key`] of the candidate's text. (Called on what [`resolve`] keeps; a name that is
/// empty once written, of no word, is written again to the same.)
pub(crate) fn fill_names(text: &str, sel: &mut [Cand]) {
    for c in sel {
        if let Key::New(_, name) = &mut c.key {
            if name.is_empty() {
                *name = name_key(&text[c.span.range()]);
            }
        }
    }
}

/// Lexicon matches as candidates.
// once per document: kept out of line, so that profiles show it
#[inline(never)]
pub(crate) fn lexicon_cands(v: &View, matches: &[LexMatch], entries: &[LexiconEntry]) -> Vec<Cand> {
    let mut out: Vec<Cand> = matches
        .iter()
        .map(|m| Cand {
            span: m.span,
            words: (0, 0),
            kind: entries[m.entry as usize].kind,
            key: Key::Entry(m.entry),
            rule: "lexicon",
            prio: 0,
        })
        .collect();
    out.sort_by_key(|c| (c.span.start, c.span.end));
    // Sorted by start: each search starts where the last one ended; a match is a few words,
    // walked to its end.
    let w = &v.w;
    let mut a = 0;
    for c in &mut out {
        a += w[a..].partition_point(|t| t.start < c.span.start);
        let mut b = a;
        while b < w.len() && w[b].start < c.span.end {
            b += 1;
        }
        c.words = (a as u32, b as u32);
    }
    out
}

/// The words of the view a span runs over, as [`Cand::words`] holds them: the first word
/// that starts at or after `span.start`, and the first that starts at or after `span.end`.
pub(crate) fn words_of(v: &View, span: Span) -> (u32, u32) {
    let at = |pos: usize| v.w.partition_point(|t| t.start < pos) as u32;
    (at(span.start), at(span.end))
}

/// The kind of entity a key stands for. Every candidate's kind is its key's: rules make
/// `Key::New` keys of their own kind, and a key only becomes a lexicon entry's of the same kind.
fn key_kind(key: &Key, entries: &[LexiconEntry]) -> EntityKind {
    match key {
        Key::Entry(e) => entries[*e as usize].kind,
        Key::New(kind, _) => *kind,
    }
}

/// A hash of a word for [`WordFilter`]: its length, first and last bytes.
#[inline]
fn word_hash(s: &str) -> usize {
    let b = s.as_bytes();
    let (first, last) = (
        *b.first().unwrap_or(&0) as usize,
        *b.last().unwrap_or(&0) as usize,
    );
    (b.len().wrapping_mul(37) ^ first.wrapping_mul(7) ^ last) & 255
}

/// A set of words that may answer "certainly not in it" without a look-up.
#[derive(Default)]
struct WordFilter([u64; 4]);

impl WordFilter {
    fn insert(&mut self, s: &str) {
        let h = word_hash(s);
        self.0[h >> 6] |= 1 << (h & 63);
    }

    fn may_contain(&self, s: &str) -> bool {
        let h = word_hash(s);
        self.0[h >> 6] & (1 << (h & 63)) != 0
    }
}

/// After resolution: acronyms and short names defined in brackets, model names after a
/// product maker ("Kylinsoft V10"), lexicon entities behind longer legal names, surnames,
/// and short forms of organizations, matched again over the whole article.
// once per document: kept out of line, so that profiles show it
#[inline(never)]
pub(crate) fn short_forms<'a>(
    v: &View<'a>,
    sup: &Support,
    entries: &[LexiconEntry],
    lex_forms: &HashMap<String, u32>,
    mut sel: Vec<Cand>,
) -> Vec<Cand> {
    let text: &'a str = v.text;
    debug_assert!(sel.iter().all(|c| c.words == words_of(v, c.span)));
    let mut lower = String::new();
    debug_assert!(sel.iter().all(|c| key_kind(&c.key, entries) == c.kind));
    // legal-name wrappers around a lexicon organization
    for c in sel.iter_mut() {
        let Key::New(EntityKind::Organization, name) = &c.key else {
            continue;
        };
        // drop legal forms from the end, one word at a time
        let mut rest = name.as_str();
        let mut found = None;
        while let Some((head, last)) = rest.rsplit_once(' ') {
            let last = last.trim_end_matches('.');
            if !LEGAL_FORMS.iter().any(|l| l.eq_ignore_ascii_case(last)) {
                break;
            }
            rest = head;
            if let Some(&e) = lex_forms.get(rest) {
                if entries[e as usize].kind == EntityKind::Organization {
                    found = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = found {
            c.key = Key::Entry(e);
        }
    }
    // "the Stock Exchange" after "the American Stock Exchange": a name without the common
    // word it began with is the same organization (unless two names share what is left)
    let mut longer: HashMap<&str, Option<Key>> = HashMap::default();
    for c in &sel {
        let Key::New(EntityKind::Organization, name) = &c.key else {
            continue;
        };
        let first = text[c.span.range()].split_whitespace().next().unwrap_or("");
        match name.split_once(' ') {
            Some((_, rest)) if rest.contains(' ') && sup.org_openers.contains(first) => {
                longer
                    .entry(rest)
                    .and_modify(|k| {
                        if k.as_ref() != Some(&c.key) {
                            *k = None;
                        }
                    })
                    .or_insert_with(|| Some(c.key.clone()));
            }
            _ => {}
        }
    }
    if !longer.is_empty() {
        let remap: Vec<(usize, Key)> = sel
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match &c.key {
                Key::New(EntityKind::Organization, name) => match longer.get(name.as_str()) {
                    Some(Some(k)) => Some((i, k.clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        for (i, k) in remap {
            sel[i].key = k;
        }
    }
    // model names: "Kylinsoft V10", "Huawei P40"
    let mut i = 0;
    while i < sel.len() {
        let c = &sel[i];
        if matches!(c.kind, EntityKind::Organization | EntityKind::Technology) {
            let k = c.words.1 as usize;
            if k < v.w.len()
                && v.joined(k)
                && v.w[k].start > c.span.end
                && is_model_code(v.s(k))
                && sel.get(i + 1).is_none_or(|n| n.span.start >= v.w[k].end)
            {
                let span = Span::new(c.span.start, v.w[k].end);
                let name = &text[span.range()];
                sel[i] = Cand {
                    span,
                    words: (c.words.0, k as u32 + 1),
                    kind: EntityKind::Technology,
                    key: Key::New(EntityKind::Technology, name_key(name)),
                    rule: "model-name",
                    prio: 2,
                };
            }
        }
        i += 1;
    }
    // aliases defined in brackets: "China Electronics Corp (CEC)", "Dawning ... Co (Sugon)"
    // (an alias's entity kind is its key's: see `key_kind`)
    let mut aliases: HashMap<&'a str, Key> = HashMap::default();
    let mut extra: Vec<Cand> = Vec::new();
    let mut drop: Vec<usize> = Vec::new();
    let mut remap: HashMap<Key, Key> = HashMap::default();
    for c in sel.iter() {
        let k = c.words.1 as usize;
        if !v.has(k, LPAREN) || v.s(k + 2) != ")" || v.w[k].start < c.span.end {
            continue;
        }
        let a = v.s(k + 1);
        let ok_form = v.cap(k + 1)
            && a.chars().count() >= 2
            && !sup.non_names.contains(a)
            && (all_caps(a) || c.kind == EntityKind::Organization);
        if !ok_form || c.kind == EntityKind::Person {
            continue;
        }
        let span = v.w[k + 1].span();
        // the bracketed form wins over whatever else was found there
        if let Some(j) = sel.iter().position(|x| x.span == span) {
            drop.push(j);
        }
        // A new name whose bracketed acronym the lexicon knows, for the same kind of entity,
        // is that entity under a longer name: "China Electronics Technology Group Corp (CETC)".
        let mut key = c.key.clone();
        if matches!(key, Key::New(..)) {
            if let Some(&e) = lex_forms.get(lower_into(&mut lower, a)) {
                if entries[e as usize].kind == c.kind {
                    remap.insert(key.clone(), Key::Entry(e));
                    key = Key::Entry(e);
                }
            }
        }
        aliases.entry(a).or_insert_with(|| key.clone());
        extra.push(Cand {
            span,
            words: (k as u32 + 1, k as u32 + 2),
            kind: c.kind,
            key,
            rule: "bracket-alias",
            prio: 1,
        });
    }
    if !remap.is_empty() {
        for c in sel.iter_mut() {
            if let Some(k) = remap.get(&c.key) {
                c.key = k.clone();
            }
        }
    }
    if !extra.is_empty() {
        drop.sort_unstable();
        drop.dedup();
        for j in drop.into_iter().rev() {
            sel.remove(j);
        }
        sel.extend(extra);
        sel.sort_by_key(|c| (c.span.start, c.span.end));
    }

    // surnames of people named in full; first words of organizations a rule found
    let mut surnames: Vec<(&'a str, usize, Key)> = Vec::new(); // (surname, position, person)
    let mut singles: Vec<(&'a str, usize, Key)> = Vec::new(); // the same, of one-word names
    let mut heads: HashMap<&'a str, Option<Key>> = HashMap::default();
    // "American Savings" for "American Savings and Loan Association": a name whose first
    // word may begin one but is a common word is found again by its first two words
    let mut pairs: HashMap<&'a str, Vec<(&'a str, Key)>> = HashMap::default();
    for c in &sel {
        if !matches!(c.kind, EntityKind::Person | EntityKind::Organization) {
            continue;
        }
        let s: &'a str = &text[c.span.range()];
        let (Some(first), Some(second), third, Some(last)) = first_words(s) else {
            // a person found by one word after a capitalized title or before an apposition
            // ("President Clinton", "Gates, the chairman") is that person where the word comes
            // again (not after "senior" or "named": "senior JavaSoft engineer")
            let a = c.words.0 as usize;
            let titled = c.rule == "title" && a > 0 && v.cap(a - 1) || c.rule == "apposition";
            if c.kind == EntityKind::Person && titled && !s.contains(' ') {
                singles.push((s, c.span.start, c.key.clone()));
            }
            continue;
        };
        if c.kind == EntityKind::Person {
            let pinyin =
                third.is_none() && sup.surnames.contains(first) && sup.is_pinyin_given(second);
            let sur = if pinyin { first } else { last };
            surnames.push((sur, c.span.start, c.key.clone()));
            continue;
        }
        if matches!(c.key, Key::New(..))
            && first.len() >= 3
            && first.chars().all(char::is_alphabetic)
            && v.cap(c.words.0 as usize)
            && !sup.non_names.contains(first)
            && !sup.org_suffixes.contains(first)
            && sup.flags(first.as_bytes()) & TITLE == 0
            && !lex_forms.contains_key(lower_into(&mut lower, first))
        {
            aliases.entry(first).or_insert_with(|| c.key.clone());
        }
        if matches!(c.key, Key::New(..))
            && sup.org_openers.contains(first)
            && second.len() >= 3
            && second.chars().all(char::is_alphabetic)
            && sup.flags(second.as_bytes()) & (NON_NAME | SUFFIX | CONNECTOR) == 0
            && second.starts_with(|ch: char| ch.is_uppercase())
        {
            let list = pairs.entry(first).or_default();
            if list.iter().all(|(w, _)| *w != second) {
                list.push((second, c.key.clone()));
            }
        }
        if sup.flags(last.as_bytes()) & ORG_HEAD != 0 {
            let e = heads.entry(last).or_insert_with(|| Some(c.key.clone()));
            if e.as_ref() != Some(&c.key) {
                *e = None; // two organizations share the head word: ambiguous
            }
        }
    }
    // (a one-word name that is no full name's surname: "Mr Gates" after "Bill Gates" is he)
    for x in singles {
        if surnames.iter().all(|y| y.0 != x.0) {
            surnames.push(x);
        }
    }
    // single-word people who are someone's surname become that person
    if !surnames.is_empty() {
        for c in sel.iter_mut() {
            if c.kind != EntityKind::Person || text[c.span.range()].contains(' ') {
                continue;
            }
            let s = &text[c.span.range()];
            if let Some(key) = nearest_person(&surnames, s, c.span.start) {
                c.key = key;
            }
        }
    }
    if surnames.is_empty() && aliases.is_empty() && heads.is_empty() && pairs.is_empty() {
        return sel;
    }
    // find the short forms again over the article
    let mut covered = vec![false; v.w.len()];
    for c in &sel {
        let mut k = c.words.0 as usize;
        while k < v.w.len() && v.w[k].end <= c.span.end {
            covered[k] = true;
            k += 1;
        }
    }
    // "the Congress" after "World Intelligence Congress": the article's own organization
    // wins over a lexicon entity of the same one-word name.
    if !heads.is_empty() {
        for c in sel.iter_mut() {
            if !matches!(c.key, Key::Entry(_)) || c.kind != EntityKind::Organization {
                continue;
            }
            let k = c.words.0 as usize;
            if k > 0 && v.w[k].end == c.span.end && v.s(k - 1).eq_ignore_ascii_case("the") {
                if let Some(Some(key)) = heads.get(v.s(k)) {
                    c.key = key.clone();
                    c.rule = "head-noun";
                }
            }
        }
    }
    let mut filter = WordFilter::default();
    for s in surnames
        .iter()
        .map(|x| x.0)
        .chain(aliases.keys().copied())
        .chain(heads.keys().copied())
        .chain(pairs.keys().copied())
    {
        filter.insert(s);
    }
    let mut more = Vec::new();
    let mut dropped = Vec::new();
    let mut next = 0;
    for &k in &v.caps {
        let k = k as usize;
        if k < next || covered[k] || !v.has(k, WORD) {
            continue;
        }
        let s = v.s(k);
        // a surname in capitals, in a headline ("SMITH WINS" after "John Smith")
        if v.has(k, ACRONYM) && s.len() >= 3 && !v.has(k, DIGIT) && !surnames.is_empty() {
            if let Some(key) = nearest_person_caps(&surnames, s, v.w[k].start) {
                // with the words of the name before it: "JOHN SMITH"
                let mut a = k;
                while a > 0
                    && a + 3 > k
                    && v.joined(a)
                    && !covered[a - 1]
                    && v.has(a - 1, ACRONYM)
                    && name_has_word(&key, entries, v.s(a - 1))
                {
                    a -= 1;
                }
                more.push(Cand::over(v, a, k, EntityKind::Person, key, "surname"));
                continue;
            }
        }
        if !filter.may_contain(s) {
            continue;
        }
        // not the start of a longer name ("Li Keqiang" when "Li" is Li Jun's surname)
        let longer = v.joined(k + 1) && v.cap(k + 1) && !v.has(k + 1, NON_NAME) && !covered[k + 1];
        if let Some(key) = nearest_person(&surnames, s, v.w[k].start) {
            if !longer {
                // with the particles of the name before it: "van Schaik", "de Palacio"
                let mut a = k;
                while a + 2 > k
                    && a > 0
                    && v.joined(a)
                    && !covered[a - 1]
                    && sup.is_particle(v.s(a - 1))
                    && name_has_word(&key, entries, v.s(a - 1))
                {
                    a -= 1;
                }
                // with a name word before it: the name again ("Wasim Akram" after "Wasim
                // Akram said"), or a namesake ("Grant Flower" after "Andy Flower")
                let mut key = key;
                if a == k
                    && k > 0
                    && v.same_line(k)
                    && !covered[k - 1]
                    && plain_name_word(v, k - 1)
                    && !(k >= 2 && plain_name_word(v, k - 2) && v.same_line(k - 1))
                {
                    if name_has_word(&key, entries, v.s(k - 1)) {
                        a = k - 1;
                    } else if v.has(k - 1, GIVEN) || !sentence_initial(v, k - 1) {
                        // (not "Actor Reeve", "Joining Chang" at the start of a sentence)
                        a = k - 1;
                        key = Key::New(EntityKind::Person, name_key(&text[v.span(a, k).range()]));
                    }
                }
                more.push(Cand::over(v, a, k, EntityKind::Person, key, "surname"));
            }
            continue;
        }
        if let Some(key) = aliases.get(s) {
            // the whole name again ("Lumen Digital" after "research firm Lumen Digital")
            let n = match key {
                Key::New(_, name) => name_again(v, &covered, k, name),
                Key::Entry(_) => 0,
            };
            if n > 1 {
                let kind = key_kind(key, entries);
                more.push(Cand::over(v, k, k + n - 1, kind, key.clone(), "name-again"));
                next = k + n;
            } else if !longer || all_caps(s) {
                let kind = key_kind(key, entries);
                more.push(Cand::over(v, k, k, kind, key.clone(), "short-form"));
            }
            continue;
        }
        if let Some((_, key)) = pairs.get(s).and_then(|list| {
            list.iter().find(|(w, _)| {
                v.joined(k + 1)
                    && v.s(k + 1) == *w
                    && (!covered[k + 1] || titled_word(&sel, v.w[k + 1].span()).is_some())
            })
        }) {
            // "General Instrument" after "General Instrument Corp": not a general
            if let Some(j) = titled_word(&sel, v.w[k + 1].span()) {
                dropped.push(j);
            }
            // the whole name again, or its first two words when no name goes on after them
            let n = match key {
                Key::New(_, name) => name_again(v, &covered, k, name),
                Key::Entry(_) => 0,
            };
            let goes_on = v.joined(k + 2) && v.cap(k + 2) && !v.has(k + 2, NON_NAME);
            if n > 2 || !goes_on {
                let rule = if n >= 2 { "name-again" } else { "short-form" };
                let kind = key_kind(key, entries);
                more.push(Cand::over(v, k, k + n.max(2) - 1, kind, key.clone(), rule));
                next = k + n.max(2);
            }
            continue;
        }
        if let Some(Some(key)) = heads.get(s) {
            if k > 0 && v.s(k - 1).eq_ignore_ascii_case("the") && !longer {
                let kind = EntityKind::Organization;
                more.push(Cand::over(v, k, k, kind, key.clone(), "head-noun"));
            }
        }
    }
    dropped.sort_unstable();
    dropped.dedup();
    for j in dropped.into_iter().rev() {
        sel.remove(j);
    }
    sel.extend(more);
    sel.sort_by_key(|c| (c.span.start, c.span.end));
    sel
}

/// The index in `sel` (sorted by start) of a one-word person found after a title at `span`.
fn titled_word(sel: &[Cand], span: Span) -> Option<usize> {
    let i = sel.partition_point(|c| c.span.start < span.start);
    sel.get(i)
        .filter(|c| c.span == span && c.kind == EntityKind::Person && c.rule == "title")
        .map(|_| i)
}

/// How many words from `k` spell `name` (a [`name_key`]: lower case, single spaces), none
/// of them found already; 0 if they do not.
fn name_again(v: &View, covered: &[bool], k: usize, name: &str) -> usize {
    let mut n = 0;
    for word in name.split(' ') {
        let j = k + n;
        let t = v.s(j);
        // a word in lower case only where a name has one ("Bank of England", not "the Acme
        // group" for "Acme Group")
        let lower = t.starts_with(|c: char| c.is_ascii_lowercase());
        if j >= v.w.len()
            || covered[j]
            || !t.eq_ignore_ascii_case(word)
            || lower && !v.name_filler(j)
        {
            return 0;
        }
        n += 1;
    }
    n
}

/// Whether word `k` starts a line or a sentence (after ".", "!", "?", ":" or an opening
/// quotation mark).
fn sentence_initial(v: &View, k: usize) -> bool {
    k == 0 || v.brk(k) || matches!(v.s(k - 1), "." | "!" | "?" | ":" | "\"" | "“" | "-" | "--")
}

/// Whether word `k` is capitalized and may be a word of a name: not a support-list word
/// (title, suffix, non-name), not an acronym or a lone letter, no digit.
fn plain_name_word(v: &View, k: usize) -> bool {
    v.fl.get(k)
        .is_some_and(|f| f & (CAP | NON_NAME | TITLE | DIGIT | SUFFIX | ACRONYM) == CAP)
        && v.w[k].end - v.w[k].start > 1
}

/// Whether the name of `key` holds `word` as one of its words, in any case.
fn name_has_word(key: &Key, entries: &[LexiconEntry], word: &str) -> bool {
    let name = match key {
        Key::New(_, name) => name.as_str(),
        Key::Entry(e) => entries.get(*e as usize).map_or("", |e| e.name.as_str()),
    };
    name.split_whitespace()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The person whose surname (as the article writes it, with its position) is `s`: the
/// nearest before `pos`, else the nearest after.
fn nearest_person(surnames: &[(&str, usize, Key)], s: &str, pos: usize) -> Option<Key> {
    nearest_surname(surnames, pos, |sur| sur == s)
}

/// [`nearest_person`] for a word in capitals: of the surnames not written in capitals that
/// it spells.
fn nearest_person_caps(surnames: &[(&str, usize, Key)], s: &str, pos: usize) -> Option<Key> {
    nearest_surname(surnames, pos, |sur| {
        sur.len() == s.len() && sur != s && sur.eq_ignore_ascii_case(s)
    })
}

/// Of the surnames that `fits`, the nearest before `pos`, else the nearest after.
fn nearest_surname(
    surnames: &[(&str, usize, Key)],
    pos: usize,
    fits: impl Fn(&str) -> bool,
) -> Option<Key> {
    let mut best: Option<(&Key, bool, usize)> = None; // (key, before, distance)
    for (sur, p, key) in surnames {
        if !fits(sur) {
            continue;
        }
        let before = *p <= pos;
        let dist = p.abs_diff(pos);
        let better = match best {
            None => true,
            Some((_, b, d)) => (before && !b) || (before == b && dist < d),
        };
        if better {
            best = Some((key, before, dist));
        }
    }
    best.map(|(k, _, _)| k.clone())
}

fn is_model_code(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = b[letters..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=2).contains(&letters) && (1..=4).contains(&digits) && b.len() - letters - digits <= 1
}

/// A number that orders keys as [`Key`]'s `Ord` does wherever two numbers differ: lexicon
/// entries first, by index; then new names by kind and their first seven bytes.
fn key_rank(key: &Key) -> u64 {
    match key {
        Key::Entry(e) => u64::from(*e),
        Key::New(kind, name) => {
            let mut prefix = [0u8; 8];
            for (d, s) in prefix[1..].iter_mut().zip(name.as_bytes()) {
                *d = *s;
            }
            1 << 63 | (*kind as u64) << 56 | u64::from_be_bytes(prefix)
        }
    }
}

/// The words of `s` (split as [`str::split_whitespace`] does): the first, the second, and
/// the third and last when there are more.
fn first_words(s: &str) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
    fn take<'s>(
        mut w: impl DoubleEndedIterator<Item = &'s str>,
    ) -> (
        Option<&'s str>,
        Option<&'s str>,
        Option<&'s str>,
        Option<&'s str>,
    ) {
        let (a, b, c) = (w.next(), w.next(), w.next());
        let last = if c.is_some() { w.next_back().or(c) } else { b };
        (a, b, c, last)
    }
    // ASCII white space is `char` white space but for the vertical tab
    if s.is_ascii() && !s.contains('\u{b}') {
        take(s.split_ascii_whitespace())
    } else {
        take(s.split_whitespace())
    }
}

/// Groups mentions into entities, with names, aliases and provenance.
// once per document: kept out of line, so that profiles show it
#[inline(never)]
pub(crate) fn assemble(text: &str, entries: &[LexiconEntry], sel: Vec<Cand>) -> Vec<Entity> {
    // Candidates by key, each key's in text order. Ids that entities share are numbered in
    // key order; the entities come out in the order of their first mentions.
    // (The candidates are in text order, by start and end: their indices order each key's.)
    debug_assert!(sel.is_sorted_by_key(|c| (c.span.start, c.span.end)));
    let mut order: Vec<(u64, u32)> = sel
        .iter()
        .enumerate()
        .map(|(i, c)| (key_rank(&c.key), i as u32))
        .collect();
    order.sort_unstable();
    // Keys of equal rank may still differ ("zhang wei", "zhang wen"): put such runs in key
    // order (a stable sort keeps each key's candidates in text order).
    let mut r = 0;
    while r < order.len() {
        let first = &sel[order[r].1 as usize].key;
        let mut e = r + 1;
        let mut mixed = false;
        while e < order.len() && order[e].0 == order[r].0 {
            mixed |= sel[order[e].1 as usize].key != *first;
            e += 1;
        }
        if mixed {
            order[r..e].sort_by(|x, y| sel[x.1 as usize].key.cmp(&sel[y.1 as usize].key));
        }
        r = e;
    }
    // (first mention, rank in key order, candidates in `order`, id)
    // (sized for the worst case, one group per candidate, so that they are allocated once)
    let mut groups: Vec<(Span, usize, std::ops::Range<usize>, String)> =
        Vec::with_capacity(order.len());
    let mut g = 0;
    while g < order.len() {
        let first = &sel[order[g].1 as usize];
        let mut h = g + 1;
        while h < order.len() && sel[order[h].1 as usize].key == first.key {
            h += 1;
        }
        let id = match &first.key {
            Key::Entry(e) => entries[*e as usize].id.clone(),
            Key::New(k, n) => {
                let prefix = k.prefix();
                let mut id = String::with_capacity(prefix.len() + 1 + n.len());
                id.push_str(prefix);
                id.push(':');
                slug_into(&mut id, n);
                id
            }
        };
        groups.push((first.span, groups.len(), g..h, id));
        g = h;
    }
    number_ids(&mut groups);
    groups.sort_unstable_by_key(|(first, nth, ..)| (first.start, first.end, *nth));

    let mut out: Vec<Entity> = Vec::with_capacity(groups.len());
    let mut cands: Vec<&Cand> = Vec::with_capacity(order.len());
    let mut forms: Vec<usize> = Vec::with_capacity(order.len()); // indices of mentions
    for (_, _, range, id) in groups {
        cands.clear();
        for &(_, i) in &order[range] {
            let c = &sel[i as usize];
            if cands.last().is_none_or(|l| l.span != c.span) {
                cands.push(c);
            }
        }
        let kind0 = cands[0].kind;
        let kind = if cands.iter().all(|c| c.kind == kind0) {
            kind0
        } else {
            cands
                .iter()
                .map(|c| c.kind)
                .max_by_key(|k| cands.iter().filter(|c| c.kind == *k).count())
                .unwrap_or(EntityKind::Organization)
        };
        let mentions: Vec<Mention> = cands
            .iter()
            .map(|c| Mention {
                start: c.span.start,
                end: c.span.end,
                text: text[c.span.range()].to_string(),
                rule: c.rule.to_string(),
            })
            .collect();
        let first = mentions[0].text.as_str();
        if mentions[1..].iter().all(|m| m.text == first) {
            // one form (most entities): it is the name, and there are no aliases (as below)
            out.push(Entity {
                id,
                kind,
                name: one_line(first),
                aliases: Vec::new(),
                source: source_of(entries, cands[0]),
                mentions,
            });
            continue;
        }
        // the fullest form: most words, then longest, then first; of forms that differ only
        // in case, the one not in capitals ("China" over a headline's "CHINA")
        forms.clear();
        for (j, m) in mentions.iter().enumerate() {
            let form = |i: usize| mentions[forms[i]].text.as_str();
            match (0..forms.len()).find(|&i| form(i).eq_ignore_ascii_case(&m.text)) {
                None => forms.push(j),
                Some(i) if all_caps(form(i)) && !all_caps(&m.text) => forms[i] = j,
                Some(_) => {}
            }
        }
        let forms = forms.iter().map(|&j| mentions[j].text.as_str());
        let name = forms
            .clone()
            .enumerate()
            .max_by(|(i, a), (j, b)| {
                a.split_whitespace()
                    .count()
                    .cmp(&b.split_whitespace().count())
                    .then(a.len().cmp(&b.len()))
                    .then(j.cmp(i))
            })
            .map(|(_, f)| one_line(f))
            .unwrap_or_default();
        // (a form that is the name as it is written is left out before it is copied)
        let mut aliases: Vec<String> = forms
            .filter(|f| *f != name || !on_one_line(f))
            .map(one_line)
            .filter(|f| *f != name)
            .collect();
        aliases.sort();
        aliases.dedup();
        out.push(Entity {
            id,
            kind,
            name,
            aliases,
            source: source_of(entries, cands[0]),
            mentions,
        });
    }
    out
}

/// Where an entity comes from: its first candidate's lexicon entry or rule.
fn source_of(entries: &[LexiconEntry], c: &Cand) -> Source {
    match &c.key {
        Key::Entry(e) => {
            let e = &entries[*e as usize];
            Source::Lexicon {
                entry: e.id.clone(),
                file: String::from(&*e.file),
                line: e.line,
            }
        }
        Key::New(..) => Source::Rule {
            rule: c.rule.to_string(),
        },
    }
}

/// A name as one would write it on one line: each run of white space (a line wrapped in the
/// middle of "Finance\nMinistry", a double space) as one space.
fn one_line(s: &str) -> String {
    if on_one_line(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `s` is written on one line already: no ASCII white space but single spaces (a
/// byte loop: nearly every name passes, and a substring search for "  " costs more than the
/// name is long).
fn on_one_line(s: &str) -> bool {
    let mut space = false;
    for &b in s.as_bytes() {
        if b == b' ' {
            if space {
                return false;
            }
            space = true;
        } else if b.is_ascii_whitespace() {
            return false;
        } else {
            space = false;
        }
    }
    true
}

/// Numbers the second and later of groups (in key order) that share an id: "-2", "-3", ...
fn number_ids<T, U, V>(groups: &mut [(T, U, V, String)]) {
    let nth: Vec<usize> = if groups.len() <= 32 {
        (0..groups.len())
            .map(|i| 1 + groups[..i].iter().filter(|g| g.3 == groups[i].3).count())
            .collect()
    } else {
        let mut used: HashMap<&str, usize> = HashMap::default();
        groups
            .iter()
            .map(|g| {
                let n = used.entry(g.3.as_str()).or_insert(0);
                *n += 1;
                *n
            })
            .collect()
    };
    for (g, n) in groups.iter_mut().zip(nth) {
        if n > 1 {
            g.3 = format!("{}-{n}", g.3);
        }
    }
}

/// Appends a slug of `s` to `out`: lower-case letters and digits, runs of anything else as
/// one "-", none at either end.
fn slug_into(out: &mut String, s: &str) {
    let start = out.len();
    let mut dash = false;
    if s.is_ascii() {
        for &c in s.as_bytes() {
            if c.is_ascii_alphanumeric() {
                out.push(char::from(c.to_ascii_lowercase()));
                dash = false;
            } else if !dash && out.len() > start {
                out.push('-');
                dash = true;
            }
        }
    } else {
        for c in s.chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
                dash = false;
            } else if !dash && out.len() > start {
                out.push('-');
                dash = true;
            }
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::xorshift;

    /// Places a surname may be named after: cities and countries, not states or regions.
    #[test]
    fn places_that_may_be_surnames() {
        for (id, ok) in [
            ("loc:city-paris", true),
            ("loc:city-washington-dc", true),
            ("loc:pl", true),
            ("loc:jo", true),
            ("loc:us-ok", false),
            ("loc:de-he", false),
            ("loc:region-gulf", false),
            ("loc:scotland", false),
            ("org:roche", false),
            ("loc:", false),
        ] {
            assert_eq!(place_may_be_surname(id), ok, "{id}");
        }
    }

    /// The shape flags as first written, with the digit flag kept for capitalized words only.
    fn shape_reference(s: &str) -> u16 {
        let b = s.as_bytes();
        let Some(&first) = b.first() else { return 0 };
        let (mut lower, mut digit, mut high) = (false, false, 0u8);
        for &c in b {
            lower |= c.is_ascii_lowercase();
            digit |= c.is_ascii_digit();
            high |= c;
        }
        let mut f = 0;
        if high >= 0x80 {
            if s.chars().next().is_some_and(char::is_uppercase) {
                f |= CAP;
                if s.chars().nth(1).is_some() && all_caps(s) {
                    f |= ACRONYM;
                }
            }
        } else if first.is_ascii_uppercase() {
            f |= CAP;
            if b.len() > 1 && !lower {
                f |= ACRONYM;
            }
        }
        if digit {
            f |= DIGIT;
        }
        if f & CAP == 0 {
            0
        } else {
            f
        }
    }

    #[test]
    fn shape_flags() {
        for w in [
            "Huawei",
            "SIASUN",
            "iPhone",
            "the",
            "A",
            "a",
            "V10",
            "P40",
            "3G",
            "G3",
            "É",
            "Éric",
            "ÉCOLE",
            "École2",
            "über",
            "Ünal",
            "ÜNAL",
            "AT&T",
            "U.S.",
            "X-ray",
            "Zhou",
            "",
            "9",
            "Δέλτα",
            "ΔΕΛΤΑ",
            "N°",
            "Ⅻ",
            "ǅx",
        ] {
            assert_eq!(shape(w.as_bytes()), shape_reference(w), "{w:?}");
        }
        assert_eq!(shape(b"Huawei"), CAP);
        assert_eq!(shape(b"SIASUN"), CAP | ACRONYM);
        assert_eq!(shape(b"V10"), CAP | ACRONYM | DIGIT);
        assert_eq!(shape(b"iPhone"), 0);
        assert_eq!(shape(b"A"), CAP);
        // one letter is no acronym, however many bytes it takes
        assert_eq!(shape("É".as_bytes()), CAP);
        assert_eq!(shape("ÉU".as_bytes()), CAP | ACRONYM);
    }

    /// The view as first built: one loop over all tokens, every word's shape looked at.
    fn view_reference<'a>(text: &'a str, tokens: &[Token], sup: &Support) -> View<'a> {
        let (mut w, mut fl, mut caps, mut marks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut names = Vec::new();
        let bytes = text.as_bytes();
        let mut pending = BRK;
        for t in tokens {
            let f = match t.kind {
                TokenKind::LineBreak => {
                    pending = BRK;
                    continue;
                }
                TokenKind::Space => continue,
                TokenKind::Word => {
                    let b = bytes.get(t.start..t.end).unwrap_or_default();
                    sup.flags(b) | shape(b) | WORD
                }
                kind => {
                    let b = bytes.get(t.start..t.end).unwrap_or_default();
                    let paren = if b == b"(" { LPAREN } else { 0 };
                    if kind == TokenKind::Symbol {
                        sup.flags(b) | paren
                    } else {
                        paren
                    }
                }
            } | pending;
            let k = w.len() as u32;
            if f & CAP != 0 {
                caps.push(k);
            }
            if f & MARKS != 0 {
                marks.push(k);
            }
            // a capital, a digit or a byte beyond ASCII anywhere in the token
            if t.text(text)
                .bytes()
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c >= 0x80)
            {
                names.push(k);
            }
            w.push(*t);
            fl.push(f);
            pending = 0;
        }
        // soft wraps, found from the lines of the text: the words after them lose their
        // break if words in lower case follow at least a quarter of all breaks (and two)
        let mut after_wraps = Vec::new();
        let (mut breaks, mut lower) = (0, 0);
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::LineBreak {
                continue;
            }
            breaks += 1;
            let line = &text[text[..t.start].rfind('\n').map_or(0, |p| p + 1)..t.start];
            let soft = t.text(text).trim_start_matches([' ', '\t', '\r']) == "\n"
                && (40..=100).contains(&line.len())
                && !line.ends_with(['.', '!', '?', ':']);
            let next = tokens[i + 1..].iter().find(|t| t.kind != TokenKind::Space);
            if let (true, Some(next)) = (soft, next) {
                after_wraps.push(next.start);
                if next.kind == TokenKind::Word
                    && next
                        .text(text)
                        .starts_with(|c: char| c.is_ascii_lowercase())
                {
                    lower += 1;
                }
            }
        }
        if lower >= 2 && 4 * lower >= breaks {
            for (t, f) in w.iter().zip(fl.iter_mut()) {
                if after_wraps.contains(&t.start) {
                    *f = *f & !BRK | WRAP;
                }
            }
        }
        View {
            text,
            w,
            fl,
            caps,
            marks,
            names,
            ends: segment::may_ends_plain(text, tokens),
            wraps: Vec::new(),
            breaks: Vec::new(),
        }
    }

    #[test]
    fn view_same_as_reference() {
        let sup = Support::builtin();
        for text in [
            include_str!("../examples/chip-localization.txt"),
            include_str!("../examples/earnings-report.txt"),
            include_str!("../examples/gadget-review.txt"),
            include_str!("../examples/trade-tensions.txt"),
            "",
            " ",
            "\n\nChairman Li said (Acme) & Co. SIASUN Robot, “Über” ÉCOLE x iPhone 3G V10.\n",
            "said Anna of Berg named Jin surnamed Wang, the chief executive officer Ünal ( ) (",
            // hard-wrapped, an indented paragraph, a line ending in a full stop, a blank line
            "The minister said the plan, which Senator Anna\nBerg put forward on Monday, would\n\
             be voted on before the end of the month, and that the budget committee\n\
             would take it up first.\n    Officials said nothing more about the plan or\n\
             its cost.\nNobody else spoke.\n\nEND",
            // one sentence a line
            "The minister met Senator Anna Berg and two of her aides on Monday in Rome\n\
             Berg said the talks went well and that more would follow next week .\n",
            // what may end a sentence or a paragraph
            "Why?! Yes... U.S. e.g. Mr. x. ab. 中文。下、 A\u{2029}B\u{2028}\nC\n\u{2028}D \n \n",
            "\u{85}\u{3000}\u{2028}E\u{2029}",
        ] {
            assert_view_as_reference(text, &sup, true);
        }
    }

    /// The view made as the text is tokenized ([`View::tokenize`]) is the view of its tokens
    /// ([`View::new`]), and the tokens are those of the plain tokenizer; with `reference`,
    /// both are the reference view too.
    fn assert_view_as_reference(text: &str, sup: &Support, reference: bool) {
        let toks = crate::tokenizer::tokenize(text);
        // (a buffer holding a token of some earlier text)
        let mut fused_toks = vec![Token {
            kind: TokenKind::Symbol,
            start: 0,
            end: 1,
        }];
        let fused = View::tokenize(text, &mut fused_toks, sup);
        assert_eq!(fused_toks, toks, "{text:?}");
        let plain = View::new(text, &toks, sup);
        let mut views = vec![fused];
        if reference {
            views.push(view_reference(text, &toks, sup));
        }
        for a in views {
            assert_eq!(a.w, plain.w, "{text:?}");
            assert_eq!(a.fl, plain.fl, "{text:?}");
            assert_eq!(a.caps, plain.caps, "{text:?}");
            assert_eq!(a.marks, plain.marks, "{text:?}");
            assert_eq!(a.names, plain.names, "{text:?}");
            assert_eq!(a.ends, plain.ends, "{text:?}");
        }
    }

    /// Texts of words (listed, capitalized, dotted, with digits or bytes beyond ASCII),
    /// marks, quotes and white space of every kind, in any order.
    fn viewable() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "[A-Za-z0-9]{1,18}",
            prop::sample::select(vec![
                "said",
                "Mr",
                "Mr.",
                "Dr.",
                "of",
                "the",
                "Inc",
                "Co.",
                "Anna",
                "Wang",
                "chief",
                "named",
                "U.S.",
                "e.g.",
                "iPhone",
                "SIASUN",
                "V10",
                "Ünal",
                "ÉCOLE",
                "café",
                "don't",
                "AT&T",
                "self-made",
                "(",
                ")",
                ".",
                "...",
                "!",
                "?",
                ",",
                "\"",
                "'",
                "\u{2019}",
                "\u{201c}",
                "-",
                "\u{2014}",
                "&",
                "%",
                "£",
                "。",
                " ",
                "  ",
                "\n",
                "\n\n",
                "\r\n",
                " \n ",
                "\t",
                "\u{a0}",
                "\u{2028}",
                "\u{2029}",
                "\u{85}",
            ])
            .prop_map(str::to_string),
            // lines of hard-wrapped length, ending in a word or a full stop
            Just("the plan would be voted on before the end of the month\n".to_string()),
            Just("Officials said nothing more about the plan or its cost.\n".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    static SUPPORT: std::sync::LazyLock<Support> = std::sync::LazyLock::new(Support::builtin);

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn view_as_reference_on_any_text(text in viewable()) {
            // The reference looks for a line's start at the last line feed only: after a line
            // or paragraph separator or a next line (U+2028, U+2029, U+0085) the view takes
            // the line to start there, and may find a soft wrap the reference does not.
            let separators = text.contains(['\u{2028}', '\u{2029}', '\u{85}']);
            assert_view_as_reference(&text, &SUPPORT, !separators);
        }
    }

    /// Every candidate's words, from the lexicon's matches to the short forms and the teams,
    /// are those [`words_of`] searches for; the candidates come to `assemble` in text order.
    #[test]
    fn candidates_know_their_words() {
        let sup = Support::builtin();
        let entry = LexiconEntry {
            id: "loc:x".into(),
            kind: EntityKind::Location,
            name: "x".into(),
            aliases: Vec::new(),
            case_sensitive: false,
            plurals: false,
            capitalized: false,
            context: false,
            file: "test".into(),
            line: 1,
        };
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        // every example article, and odd or made-up texts
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut texts: Vec<String> = std::fs::read_dir(examples)
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        texts.sort();
        for text in texts.iter().map(String::as_str).chain([
            "",
            " (",
            "Leeds 2 Chelsea 1\nWales are camped in Cardiff. Hamburg beat Hansa Rostock 1-0 in soccer, \
             football, league, goals, scored.\n",
            "Chairman Li said (Acme) & Co. SIASUN Robot, “Über” ÉCOLE x iPhone 3G V10. Li said. \
             China Electronics Corp (CEC) said CEC and Kylinsoft V10 and the American Stock \
             Exchange; the Stock Exchange. Mr Wang Jun met Wang. General Instrument Corp: \
             General Instrument said.",
        ]) {
            let toks = crate::tokenizer::tokenize(text);
            let v = View::new(text, &toks, &sup);
            // matches over one to three words from pseudo-random places, some overlapping,
            // some at the end
            let mut matches = Vec::new();
            for _ in 0..v.w.len() / 3 {
                let a = (xorshift(&mut seed) as usize) % v.w.len();
                let b = (a + (xorshift(&mut seed) as usize) % 3).min(v.w.len() - 1);
                matches.push(LexMatch {
                    span: v.span(a, b),
                    entry: 0,
                });
            }
            let check = |cands: &[Cand]| {
                for c in cands {
                    assert_eq!(c.words, words_of(&v, c.span), "{c:?} in {text:?}");
                }
            };
            let lex = lexicon_cands(&v, &matches, std::slice::from_ref(&entry));
            check(&lex);
            let rules = Rules::new(&v, &sup, &lex, std::slice::from_ref(&entry));
            let mut cands = lex;
            rules.propose(&mut cands);
            check(&cands);
            let mut sel = resolve(cands);
            check(&sel);
            fill_names(text, &mut sel);
            for c in &sel {
                if let Key::New(_, name) = &c.key {
                    assert_eq!(*name, name_key(&text[c.span.range()]), "{c:?} in {text:?}");
                }
            }
            let forms = HashMap::default();
            let mut sel = short_forms(&v, &sup, std::slice::from_ref(&entry), &forms, sel);
            check(&sel);
            crate::teams::retype_teams(&v, &mut sel);
            check(&sel);
            // (assemble counts on it)
            assert!(sel.is_sorted_by_key(|c| (c.span.start, c.span.end)), "{text:?}");
        }
    }

    /// The name key as first written: words split on Unicode white space, each lower-cased.
    fn name_key_reference(s: &str) -> String {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn name_keys() {
        for s in [
            "Anna Berg",
            "  Anna   Berg ",
            "Anna\tBerg\nJr",
            "Anna\u{b}Berg",
            "Anna\u{c}Berg\rX",
            "Anna\u{1c}Berg",
            "Anna\u{a0}Berg",
            "ΟΔΥΣΣΕΥΣ Πάνος",
            "İstanbul Bank",
            "",
            " ",
            "SIASUN Robot & Automation Co.",
        ] {
            assert_eq!(name_key(s), name_key_reference(s), "{s:?}");
        }
        assert_eq!(name_key(" Li  Jun "), "li jun");
        // every string of up to five of these pieces (the single-spaced fast path and the
        // others)
        let pieces = ["a", "B", " ", "  ", "\t", "\n", "\u{b}", "é", "\u{a0}"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let mut longer = Vec::new();
            for t in &texts {
                for p in pieces {
                    longer.push(format!("{t}{p}"));
                }
            }
            for t in &longer {
                assert_eq!(name_key(t), name_key_reference(t), "{t:?}");
            }
            texts = longer;
        }
    }

    #[test]
    fn slugs() {
        let slug = |s: &str| {
            let mut out = String::from("per:");
            slug_into(&mut out, s);
            out
        };
        assert_eq!(slug("li jun"), "per:li-jun");
        assert_eq!(slug("--a  b--"), "per:a-b");
        assert_eq!(slug("dr. émile zola"), "per:dr-émile-zola");
        assert_eq!(slug("ÉMILE"), "per:émile");
        assert_eq!(slug("!!"), "per:");
    }

    fn cand(start: usize, end: usize, prio: u8, name: &str) -> Cand {
        Cand {
            span: Span::new(start, end),
            words: (0, 0), // (resolve does not look at them)
            kind: EntityKind::Organization,
            key: Key::New(EntityKind::Organization, name.to_string()),
            rule: "test",
            prio,
        }
    }

    #[test]
    fn resolve_keeps_longest_then_earliest_then_most_trusted() {
        let out = resolve(vec![
            cand(0, 5, 2, "a"),
            cand(3, 10, 3, "b"),
            cand(3, 10, 1, "c"),
            cand(10, 12, 0, "d"),
            cand(11, 14, 0, "e"),
            cand(20, 22, 1, "f"),
            cand(20, 22, 1, "g"),
        ]);
        let names: Vec<&str> = out
            .iter()
            .map(|c| match &c.key {
                Key::New(_, n) => n.as_str(),
                Key::Entry(_) => "",
            })
            .collect();
        // "c" (longest, more trusted than "b"), then "e" (longer than "d"), then the first of
        // two equal candidates
        assert_eq!(names, ["c", "e", "f"]);
    }

    /// Resolution as first written: candidates chosen in order of length, start, trust and
    /// position where none chosen overlaps them, then sorted by span (stably, in the order of
    /// choice).
    fn resolve_reference(cands: Vec<Cand>) -> Vec<Cand> {
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&i| {
            (
                Reverse(cands[i].span.len()),
                cands[i].span.start,
                cands[i].prio,
            )
        });
        let mut chosen: Vec<usize> = Vec::new();
        for i in order {
            if chosen
                .iter()
                .all(|&j| !cands[j].span.overlaps(cands[i].span))
            {
                chosen.push(i);
            }
        }
        let mut out: Vec<Cand> = chosen.iter().map(|&i| cands[i].clone()).collect();
        out.sort_by_key(|c| (c.span.start, c.span.end));
        out
    }

    #[test]
    fn resolve_same_as_reference() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| (xorshift(&mut seed) >> 11) % n;
        for _ in 0..3000 {
            let n = next(12);
            let cands: Vec<Cand> = (0..n)
                .map(|i| {
                    let start = next(20) as usize;
                    // empty spans now and then
                    let len = if next(6) == 0 { 0 } else { next(6) as usize };
                    cand(start, start + len, next(3) as u8, &i.to_string())
                })
                .collect();
            let show = |cs: &[Cand]| -> Vec<(Span, Key)> {
                cs.iter().map(|c| (c.span, c.key.clone())).collect()
            };
            assert_eq!(
                show(&resolve(cands.clone())),
                show(&resolve_reference(cands.clone())),
                "{:?}",
                show(&cands)
            );
        }
    }
}
