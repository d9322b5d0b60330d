//! A lossless tokenizer: every byte of the input belongs to exactly one token, and the
//! tokens, concatenated, give back the input.
//!
//! One pass over the bytes, with a table-driven fast path for ASCII and `char` decoding only
//! for non-ASCII text. Tokens carry byte spans and a [`TokenKind`]; they never copy text.

use crate::span::Span;
use serde::Serialize;

/// Which quotation mark a [`TokenKind::Quote`] token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteKind {
    /// `"`: opens or closes, depending on context.
    DoubleStraight,
    /// `“` or `„`.
    DoubleOpen,
    /// `”`.
    DoubleClose,
    /// `'` standing alone: a single quote or a trailing apostrophe (`firms'`).
    SingleStraight,
    /// `‘`.
    SingleOpen,
    /// `’` standing alone: a closing single quote or a trailing apostrophe (`U.S.’`).
    SingleClose,
    /// `«`, or `‹`.
    GuillemetOpen,
    /// `»`, or `›`.
    GuillemetClose,
    /// `「` or `『`.
    CornerOpen,
    /// `」` or `』`.
    CornerClose,
}

impl QuoteKind {
    /// Whether this is a double (or double-like: guillemet, corner bracket) mark.
    pub fn is_double(self) -> bool {
        !matches!(
            self,
            QuoteKind::SingleStraight | QuoteKind::SingleOpen | QuoteKind::SingleClose
        )
    }
}

/// What a token is.
// An explicit tag byte: comparing kinds is then one byte compare, not a decoding of the
// quote kind's niche (kinds are compared for every token in every pass).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[repr(u8)]
pub enum TokenKind {
    /// Letters, with digits, inner apostrophes (`don't`), inner hyphens (`self-developed`),
    /// dotted abbreviations (`U.S.`) and `&` between capitals (`AT&T`).
    Word,
    /// Digits with thousands separators or a decimal point (`520,000`, `74.7`).
    Number,
    /// A possessive ending: `'s` or `’s`.
    Possessive,
    /// A quotation mark.
    Quote(QuoteKind),
    /// A dash or hyphen standing alone: `-`, `–`, `—` and their kin.
    Dash,
    /// Sentence and clause punctuation and brackets: `. , ; : ! ? ( ) [ ] { } / …`.
    Punct,
    /// Symbols: `% $ £ € ¥ & # @ + =` and other non-letters.
    Symbol,
    /// Horizontal white space.
    Space,
    /// White space holding at least one line break.
    LineBreak,
}

/// A token: its kind and its byte span in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's span.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The token's text, sliced from the text it came from.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether the token is white space (with or without a line break).
    #[inline]
    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::LineBreak)
    }

    /// Whether the token is a word or a number.
    #[inline]
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

// Byte classes for the ASCII fast path. The last three are those of the bytes that may go on
// white space or belong to a wide character: a byte of a class below [`C_SPACE`] is in ASCII
// and no white space (one comparison, for the fast paths of single spaces).
const C_OTHER: u8 = 0; // symbols
const C_ALPHA: u8 = 1;
const C_DIGIT: u8 = 2;
const C_PUNCT: u8 = 3;
const C_DQUOTE: u8 = 4;
const C_SQUOTE: u8 = 5;
const C_DASH: u8 = 6;
const C_SPACE: u8 = 7;
const C_NL: u8 = 8;
const C_HIGH: u8 = 9; // non-ASCII lead or continuation byte

const fn byte_classes() -> [u8; 256] {
    let mut t = [C_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            C_HIGH
        } else if b.is_ascii_alphabetic() {
            C_ALPHA
        } else if b.is_ascii_digit() {
            C_DIGIT
        } else if b == b'\n' {
            C_NL
        } else if b == b' ' || b == b'\t' || b == b'\r' || b == 0x0b || b == 0x0c {
            C_SPACE
        } else if b == b'"' {
            C_DQUOTE
        } else if b == b'\'' {
            C_SQUOTE
        } else if b == b'-' {
            C_DASH
        } else if matches!(
            b,
            b'.' | b','
                | b';'
                | b':'
                | b'!'
                | b'?'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'/'
        ) {
            C_PUNCT
        } else {
            C_OTHER
        };
        i += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();

/// What a non-ASCII character is, for the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wide {
    Alnum,
    Space,
    LineBreak,
    Quote(QuoteKind),
    Apostrophe, // ’ : apostrophe inside words, else a closing single quote
    Hyphen,     // U+2010, U+2011: joins words like '-'
    Dash,
    Punct,
    Symbol,
}

fn wide_class(c: char) -> Wide {
    match c {
        '\u{2019}' => Wide::Apostrophe,
        '\u{2018}' | '\u{201B}' => Wide::Quote(QuoteKind::SingleOpen),
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{301D}' => Wide::Quote(QuoteKind::DoubleOpen),
        '\u{201D}' | '\u{301E}' => Wide::Quote(QuoteKind::DoubleClose),
        '\u{AB}' | '\u{2039}' => Wide::Quote(QuoteKind::GuillemetOpen),
        '\u{BB}' | '\u{203A}' => Wide::Quote(QuoteKind::GuillemetClose),
        '\u{300C}' | '\u{300E}' => Wide::Quote(QuoteKind::CornerOpen),
        '\u{300D}' | '\u{300F}' => Wide::Quote(QuoteKind::CornerClose),
        '\u{2010}' | '\u{2011}' => Wide::Hyphen,
        '\u{2012}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Wide::Dash,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Wide::LineBreak,
        '\u{2026}' | '\u{3001}' | '\u{3002}' | '\u{FF0C}' | '\u{FF1A}' | '\u{FF1B}'
        | '\u{FF01}' | '\u{FF1F}' | '\u{FF08}' | '\u{FF09}' | '\u{A1}' | '\u{BF}' => Wide::Punct,
        // Zero-width joiners and marks stay inside words.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Wide::Alnum,
        _ if c.is_whitespace() => Wide::Space,
        _ if c.is_alphanumeric() || is_mark(c) => Wide::Alnum,
        _ => Wide::Symbol,
    }
}

/// Combining marks that continue a word (the common blocks).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}'
        | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{900}'..='\u{903}'
        | '\u{93A}'..='\u{94F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}')
}

/// Decodes the char at `i` (which must be a char boundary) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    // `i` is always a char boundary here; fall back to a replacement on a bug rather than panic.
    match text[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// Whether a word character (letter, digit or mark) starts at `i`.
#[inline]
fn alnum_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if i >= b.len() {
        return false;
    }
    match CLASS[b[i] as usize] {
        C_ALPHA | C_DIGIT => true,
        C_HIGH => wide_class(char_at(text, i).0) == Wide::Alnum,
        _ => false,
    }
}

#[inline]
fn letter_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if i >= b.len() {
        return false;
    }
    match CLASS[b[i] as usize] {
        C_ALPHA => true,
        C_HIGH => {
            let c = char_at(text, i).0;
            c.is_alphabetic()
        }
        _ => false,
    }
}

/// End of the run of word characters that starts at `i`.
#[inline]
fn alnum_run(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        i = ascii_alnum_end(b, i);
        if i < b.len() && CLASS[b[i] as usize] == C_HIGH {
            let (c, n) = char_at(text, i);
            if wide_class(c) == Wide::Alnum {
                i += n;
                continue;
            }
        }
        return i;
    }
}

/// Eight bytes of `b` from `i` (little-endian), with the bytes from `i + n` on zeroed
/// (`n <= 8`); past the end of `b` reads as zeros.
#[inline]
pub(crate) fn load8(b: &[u8], i: usize, n: usize) -> u64 {
    // (`i + 8` is not computed: it might overflow, and its check cost more)
    let w = match b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut buf = [0u8; 8];
            let tail = b.get(i..).unwrap_or_default();
            let k = tail.len().min(8);
            buf[..k].copy_from_slice(&tail[..k]);
            u64::from_le_bytes(buf)
        }
    };
    if n >= 8 {
        w
    } else {
        w & ((1u64 << (8 * n)) - 1)
    }
}

/// The first `n` bytes (at most 16) of `b` from `s`, in two words; bytes past them are zeros.
#[inline]
pub(crate) fn load16(b: &[u8], s: usize, n: usize) -> (u64, u64) {
    let lo = load8(b, s, n);
    let hi = if n > 8 { load8(b, s + 8, n - 8) } else { 0 };
    (lo, hi)
}

/// `0x01` in every byte of a `u64`.
pub(crate) const LO_BITS: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte of a `u64`.
pub(crate) const HI_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` is zero.
#[inline]
pub(crate) fn has_zero_byte(w: u64) -> bool {
    w.wrapping_sub(LO_BITS) & !w & HI_BITS != 0
}

/// `0x80` in each byte of `w` that is an ASCII letter or digit, 0 in the others.
#[inline]
fn ascii_alnum_bytes(w: u64) -> u64 {
    let x = w & !HI_BITS;
    // no sum below carries out of its byte: every byte of `x` is below 0x80
    let l = x | (0x20 * LO_BITS);
    let letter = (l + (0x80 - b'a' as u64) * LO_BITS) & !(l + (0x80 - (b'z' as u64 + 1)) * LO_BITS);
    let digit = (x + (0x80 - b'0' as u64) * LO_BITS) & !(x + (0x80 - (b'9' as u64 + 1)) * LO_BITS);
    (letter | digit) & !w & HI_BITS
}

/// End of the run of ASCII letters and digits that starts at `i`, eight bytes at a time.
#[inline]
fn ascii_alnum_end(b: &[u8], mut i: usize) -> usize {
    loop {
        // past the end of `b` reads as zeros, which end the run
        let n = ((!ascii_alnum_bytes(load8(b, i, 8)) & HI_BITS).trailing_zeros() / 8) as usize;
        i += n;
        if n < 8 {
            return i;
        }
    }
}

/// ASCII bytes that end a word when they follow a run of letters and digits: all but letters,
/// digits, `.` (abbreviations), `'` (`don't`), `-` (`self-made`) and `&` (`AT&T`).
const fn word_enders() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x80 {
        let b = i as u8;
        t[i] = !b.is_ascii_alphanumeric() && !matches!(b, b'.' | b'\'' | b'-' | b'&');
        i += 1;
    }
    t
}

static ENDS_WORD: [bool; 256] = word_enders();

/// End of the word that starts at `start` (an ASCII letter): [`scan_word`] without its checks
/// for the common word, letters and digits up to white space or punctuation.
#[inline]
fn ascii_word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let j = ascii_alnum_end(b, start + 1);
    let Some(&c) = b.get(j) else {
        return j;
    };
    if ENDS_WORD[c as usize] {
        return j;
    }
    // a dot ends the word unless an abbreviation may go on ("U.S.", "e.g.")
    if c == b'.'
        && (j - start > 2
            || !matches!(
                b.get(j + 1).map(|&n| CLASS[n as usize]),
                Some(C_ALPHA | C_HIGH)
            ))
    {
        return j;
    }
    scan_word(text, start)
}

/// Length of an apostrophe (`'` or `’`) at `i`, or 0.
#[inline]
fn apostrophe_len(b: &[u8], i: usize) -> usize {
    if i < b.len() && b[i] == b'\'' {
        1
    } else if i + 2 < b.len() && b[i] == 0xE2 && b[i + 1] == 0x80 && b[i + 2] == 0x99 {
        3
    } else {
        0
    }
}

/// Length of a joining hyphen (`-`, U+2010, U+2011) at `i`, or 0.
#[inline]
fn hyphen_len(b: &[u8], i: usize) -> usize {
    if i < b.len() && b[i] == b'-' {
        1
    } else if i + 2 < b.len()
        && b[i] == 0xE2
        && b[i + 1] == 0x80
        && (b[i + 2] == 0x90 || b[i + 2] == 0x91)
    {
        3
    } else {
        0
    }
}

/// Whether a possessive `'s` (with an apostrophe of length `alen`) starts at `i`.
#[inline]
fn possessive_at(text: &str, i: usize, alen: usize) -> bool {
    let b = text.as_bytes();
    alen > 0
        && i + alen < b.len()
        && (b[i + alen] == b's' || b[i + alen] == b'S')
        && !alnum_at(text, i + alen + 1)
}

/// End of the word that starts at `start` (a letter).
fn scan_word(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = alnum_run(text, start);
    // Dotted abbreviations: U.S., e.g., Ph.D. -- single letters (or two) each followed by a dot.
    if i - start <= 2 && i < b.len() && b[i] == b'.' && letter_at(text, i + 1) {
        let mut j = i;
        let mut segments = 1;
        loop {
            // j at '.', next a short letter run followed by '.' or the end of the abbreviation
            if j < b.len() && b[j] == b'.' && letter_at(text, j + 1) {
                let k = alnum_run(text, j + 1);
                if k - (j + 1) > 2 {
                    break;
                }
                segments += 1;
                j = k;
            } else {
                break;
            }
        }
        if segments >= 2 {
            i = j;
            if i < b.len() && b[i] == b'.' {
                i += 1;
            }
            return i;
        }
    }
    loop {
        if i >= b.len() {
            return i;
        }
        // fast path: a word nearly always ends at white space or punctuation
        if matches!(CLASS[b[i] as usize], C_SPACE | C_NL | C_PUNCT | C_DQUOTE) {
            return i;
        }
        let alen = apostrophe_len(b, i);
        if alen > 0 {
            if possessive_at(text, i, alen) || !letter_at(text, i + alen) {
                return i;
            }
            i = alnum_run(text, i + alen);
            continue;
        }
        let hlen = hyphen_len(b, i);
        if hlen > 0 {
            if alnum_at(text, i + hlen) {
                i = alnum_run(text, i + hlen);
                continue;
            }
            return i;
        }
        // AT&T, P&G, S&P: '&' between capitals
        if b[i] == b'&'
            && i > start
            && b[i - 1].is_ascii_uppercase()
            && i + 1 < b.len()
            && b[i + 1].is_ascii_uppercase()
        {
            i = alnum_run(text, i + 1);
            continue;
        }
        return i;
    }
}

/// End of the number that starts at `start` (a digit): digits with inner `,` or `.`.
pub(crate) fn scan_number(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    while i + 1 < b.len() && (b[i] == b',' || b[i] == b'.') && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}

/// End of the white-space run at `start`, and whether it holds a line break.
fn scan_space(text: &str, start: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut i = start;
    let mut nl = false;
    while i < b.len() {
        match CLASS[b[i] as usize] {
            C_SPACE => i += 1,
            C_NL => {
                nl = true;
                i += 1
            }
            C_HIGH => {
                let (c, n) = char_at(text, i);
                match wide_class(c) {
                    Wide::Space => i += n,
                    Wide::LineBreak => {
                        nl = true;
                        i += n
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    (i, nl)
}

/// Splits `text` into tokens, appending them to `out` (which is cleared first).
///
/// Reusing `out` across documents avoids an allocation per document.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    tokenize_with(text, out, &mut ());
}

/// What learns of the tokens as [`tokenize_with`] finds them.
pub(crate) trait EachToken {
    /// Token `t`, token `k` of the text, its bytes `b` (all but [`TokenKind::Space`] tokens
    /// come here).
    fn token(&mut self, k: usize, t: Token, b: &[u8]);
}

/// Nothing.
impl EachToken for () {
    #[inline(always)]
    fn token(&mut self, _: usize, _: Token, _: &[u8]) {}
}

/// [`tokenize_into`], telling `each` of every token but horizontal white space
/// ([`TokenKind::Space`]) as it is found: a caller that wants more of each token than its
/// span (the entities' view) learns it in the same pass, while the token's bytes are still
/// at hand, instead of reading all the tokens again.
#[inline(always)]
pub(crate) fn tokenize_with(text: &str, out: &mut Vec<Token>, each: &mut impl EachToken) {
    // pushed to a local vector, whose length and pointer stay in registers (through `out`
    // they are read and written back in memory at every push), and handed back at the end
    let mut toks = std::mem::take(out);
    tokenize_local(text, &mut toks, each);
    *out = toks;
}

#[inline(always)]
fn tokenize_local(text: &str, out: &mut Vec<Token>, each: &mut impl EachToken) {
    out.clear();
    let b = text.as_bytes();
    // news text has about one token (words and the spaces between them) per three bytes
    out.reserve(b.len() / 3 + 16);
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let kind;
        match CLASS[b[i] as usize] {
            C_ALPHA => {
                i = ascii_word_end(text, i);
                // fast path: a word and the single space after it
                if b.get(i) == Some(&b' ')
                    && b.get(i + 1).is_some_and(|&c| CLASS[c as usize] < C_SPACE)
                {
                    let word = Token {
                        kind: TokenKind::Word,
                        start,
                        end: i,
                    };
                    // (`start < i < b.len()`: the slice never fails)
                    each.token(out.len(), word, &b[start..i]);
                    out.extend_from_slice(&[
                        word,
                        Token {
                            kind: TokenKind::Space,
                            start: i,
                            end: i + 1,
                        },
                    ]);
                    i += 1;
                    continue;
                }
                kind = TokenKind::Word;
            }
            C_DIGIT => {
                i = scan_number(b, i);
                kind = TokenKind::Number;
            }
            // fast path: a single space between two words
            C_SPACE
                if b[i] == b' ' && b.get(i + 1).is_some_and(|&c| CLASS[c as usize] < C_SPACE) =>
            {
                i += 1;
                kind = TokenKind::Space;
            }
            C_SPACE | C_NL => {
                let (end, nl) = scan_space(text, i);
                i = end;
                kind = if nl {
                    TokenKind::LineBreak
                } else {
                    TokenKind::Space
                };
            }
            C_PUNCT => {
                i += 1;
                if b[start] == b'.' {
                    while i < b.len() && b[i] == b'.' {
                        i += 1;
                    }
                }
                kind = TokenKind::Punct;
            }
            C_DQUOTE => {
                i += 1;
                kind = TokenKind::Quote(QuoteKind::DoubleStraight);
            }
            C_SQUOTE => {
                if possessive_at(text, i, 1) && i > 0 && !b[i - 1].is_ascii_whitespace() {
                    i += 2;
                    kind = TokenKind::Possessive;
                } else {
                    i += 1;
                    kind = TokenKind::Quote(QuoteKind::SingleStraight);
                }
            }
            C_DASH => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
                kind = TokenKind::Dash;
            }
            C_HIGH => {
                let (c, n) = char_at(text, i);
                match wide_class(c) {
                    Wide::Alnum => {
                        i = scan_word(text, i);
                        kind = TokenKind::Word;
                    }
                    Wide::Space | Wide::LineBreak => {
                        let (end, nl) = scan_space(text, i);
                        i = end;
                        kind = if nl {
                            TokenKind::LineBreak
                        } else {
                            TokenKind::Space
                        };
                    }
                    Wide::Quote(q) => {
                        i += n;
                        kind = TokenKind::Quote(q);
                    }
                    Wide::Apostrophe => {
                        let prev_space = i == 0 || b[i - 1].is_ascii_whitespace();
                        if !prev_space && possessive_at(text, i, n) {
                            i += n + 1;
                            kind = TokenKind::Possessive;
                        } else {
                            i += n;
                            kind = TokenKind::Quote(QuoteKind::SingleClose);
                        }
                    }
                    Wide::Hyphen | Wide::Dash => {
                        i += n;
                        kind = TokenKind::Dash;
                    }
                    Wide::Punct => {
                        i += n;
                        kind = TokenKind::Punct;
                    }
                    Wide::Symbol => {
                        i += n;
                        kind = TokenKind::Symbol;
                    }
                }
            }
            _ => {
                i += 1;
                kind = TokenKind::Symbol;
            }
        }
        debug_assert!(i > start);
        let t = Token {
            kind,
            start,
            end: i,
        };
        if kind != TokenKind::Space {
            each.token(out.len(), t, &b[start..i]);
        }
        out.push(t);
    }
}

/// Splits `text` into tokens.
///
/// ```
/// use claimlex::{tokenize, TokenKind};
/// let text = "The U.S.' self-developed chips rose 74.7%.";
/// let tokens = tokenize(text);
/// let words: Vec<&str> = tokens
///     .iter()
///     .filter(|t| t.kind != TokenKind::Space)
///     .map(|t| t.text(text))
///     .collect();
/// assert_eq!(words, ["The", "U.S.", "'", "self-developed", "chips", "rose", "74.7", "%", "."]);
/// assert_eq!(tokens.iter().map(|t| t.text(text)).collect::<String>(), text);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    tokenize_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(String, TokenKind)> {
        tokenize(text)
            .into_iter()
            .filter(|t| !t.is_space())
            .map(|t| (t.text(text).to_string(), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        show(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn table() {
        use TokenKind::*;
        let cases: &[(&str, &[&str])] = &[
            ("U.S. firms", &["U.S.", "firms"]),
            ("the U.S.' crackdown", &["the", "U.S.", "'", "crackdown"]),
            ("the U.S.’ crackdown", &["the", "U.S.", "’", "crackdown"]),
            ("74.7% of", &["74.7", "%", "of"]),
            ("520,000 and 389,571.", &["520,000", "and", "389,571", "."]),
            ("Kylinsoft V10 was", &["Kylinsoft", "V10", "was"]),
            ("self-developed core", &["self-developed", "core"]),
            ("Huawei's ban", &["Huawei", "'s", "ban"]),
            ("Huawei’s ban", &["Huawei", "’s", "ban"]),
            ("firms' staff", &["firms", "'", "staff"]),
            ("don't stop", &["don't", "stop"]),
            ("O’Brien said", &["O’Brien", "said"]),
            ("AT&T and P&G", &["AT&T", "and", "P&G"]),
            ("a & b", &["a", "&", "b"]),
            ("systems – a market", &["systems", "–", "a", "market"]),
            ("1.2bn", &["1.2", "bn"]),
            ("£5m", &["£", "5", "m"]),
            ("e.g. this", &["e.g.", "this"]),
            ("Mr. Li", &["Mr", ".", "Li"]),
            ("end.", &["end", "."]),
            ("wait...", &["wait", "..."]),
            ("“Made in China”", &["“", "Made", "in", "China", "”"]),
            ("«Oui»", &["«", "Oui", "»"]),
            ("「好」", &["「", "好", "」"]),
            ("Wi-Fi 3G", &["Wi-Fi", "3", "G"]),
            ("café résumé", &["café", "résumé"]),
            ("x\u{00A0}y", &["x", "y"]),
            ("ten-fold 10-20%", &["ten-fold", "10", "-", "20", "%"]),
            ("'s", &["'", "s"]),
            ("it's", &["it", "'s"]),
        ];
        for (text, want) in cases {
            assert_eq!(&words(text), want, "tokenizing {text:?}");
        }
        assert_eq!(
            show("“Hi,” he said"),
            vec![
                ("“".into(), Quote(QuoteKind::DoubleOpen)),
                ("Hi".into(), Word),
                (",".into(), Punct),
                ("”".into(), Quote(QuoteKind::DoubleClose)),
                ("he".into(), Word),
                ("said".into(), Word)
            ]
        );
    }

    #[test]
    fn word_fast_path_table() {
        let cases: &[(&str, &[&str])] = &[
            // runs of exactly eight and sixteen bytes, and longer, up to the text's end
            ("abcdefgh", &["abcdefgh"]),
            (
                "abcdefgh ijklmnopqrstuvwx",
                &["abcdefgh", "ijklmnopqrstuvwx"],
            ),
            ("Telecommunications.", &["Telecommunications", "."]),
            ("a1b2c3d4e5f6g7h8i9 x", &["a1b2c3d4e5f6g7h8i9", "x"]),
            // a short run before a dot: an abbreviation only before a letter
            ("ab.c", &["ab.c"]),
            ("abc.d", &["abc", ".", "d"]),
            ("A. b", &["A", ".", "b"]),
            ("x.é", &["x.é"]),
            ("No.1", &["No", ".", "1"]),
            // what goes on: apostrophes, hyphens, ampersands, non-ASCII letters
            ("rock'n'roll co-op", &["rock'n'roll", "co-op"]),
            ("Müller über naïve", &["Müller", "über", "naïve"]),
            ("bookstore\u{2019}s", &["bookstore", "\u{2019}s"]),
            ("Co\u{2010}op", &["Co\u{2010}op"]),
            ("AT&T, at&t", &["AT&T", ",", "at", "&", "t"]),
            // what ends a word: symbols, quotes, a backtick
            (
                "a`b a%b a\"b a@b",
                &["a", "`", "b", "a", "%", "b", "a", "\"", "b", "a", "@", "b"],
            ),
            ("ab-", &["ab", "-"]),
            ("ab'", &["ab", "'"]),
        ];
        for (text, want) in cases {
            assert_eq!(&words(text), want, "tokenizing {text:?}");
        }
    }

    /// Every word ends where the full word scanner ends it.
    fn assert_words_as_scanned(text: &str) {
        for t in tokenize(text) {
            if t.kind == TokenKind::Word {
                assert_eq!(t.end, scan_word(text, t.start), "{text:?} at {}", t.start);
            }
        }
    }

    #[test]
    fn alnum_runs_as_byte_by_byte() {
        let text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \
            @[`{/:\x7f é-Z9a_z";
        let b = text.as_bytes();
        for i in 0..b.len() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            assert_eq!(ascii_alnum_end(b, i), j, "from {i}");
        }
        for c in 0..=255u8 {
            let w = u64::from_le_bytes([b'a', c, b'Z', b'0', c, b'9', b'z', c]);
            let want = if c.is_ascii_alphanumeric() { 8 } else { 1 };
            let got = ((!ascii_alnum_bytes(w) & HI_BITS).trailing_zeros() / 8) as usize;
            assert_eq!(got, want, "byte {c:#x}");
        }
    }

    fn wordy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "[A-Za-z0-9]{1,20}",
            Just(".".to_string()),
            Just("'".to_string()),
            Just("-".to_string()),
            Just("&".to_string()),
            Just("`".to_string()),
            Just("\u{2019}".to_string()),
            Just("\u{2011}".to_string()),
            Just("é".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn fast_words_end_as_scanned(text in wordy()) {
            assert_words_as_scanned(&text);
        }
    }

    #[test]
    fn line_breaks() {
        let t = tokenize("a\n\nb c");
        let kinds: Vec<TokenKind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::LineBreak,
                TokenKind::Word,
                TokenKind::Space,
                TokenKind::Word
            ]
        );
    }

    #[test]
    fn lossless_on_odd_input() {
        for text in [
            "",
            "'",
            "’",
            "’s",
            "-",
            "\u{301}",
            "a\u{301}b",
            "\u{FFFD}\u{0}\u{1F600}",
            "....",
            "U.S",
            "U.",
            "A.B.C.D.E.F.",
        ] {
            let toks = tokenize(text);
            let joined: String = toks.iter().map(|t| t.text(text)).collect();
            assert_eq!(joined, text);
        }
    }
}
