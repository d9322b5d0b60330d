//! A fast JSON writer for [`Document`]: the same bytes as `serde_json::to_writer`, written
//! straight into a byte buffer.
//!
//! Serializing records is a large share of a batch run: the output is several times the size
//! of the input, and most of it is short strings (keys, mention texts, rule names). Going
//! through serde, every key is escaped and every fragment is a separate write; here keys are
//! constant byte strings, strings are escaped with one table lookup per byte and copied in
//! runs, and numbers are formatted with `itoa`-style digit loops. Floats go through
//! `serde_json`, so they are formatted exactly as it formats them.
//!
//! `tests/json.rs` checks that every document gives byte-for-byte the output of
//! `serde_json::to_vec`.

use crate::claims::{Claim, ClaimPart, QuotedTerm, Speaker};
use crate::record::{Document, Entity, Mention, Source};
use crate::span::Span;
use crate::statistics::{Measure, Statistic};

/// For each byte, the character after the backslash when it must be escaped (`u` for
/// `\u00XX`), or 0 when it is written as it is.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const HEX: &[u8; 16] = b"0123456789abcdef";

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that must be escaped (a control character, `"` or `\\`),
/// and perhaps of some bytes above such a byte: the lowest set bit always marks the first byte
/// to escape (the subtractions borrow only upwards, from a byte that is a hit), and the mask is
/// 0 exactly when no byte needs escaping.
#[inline]
fn escape_mask(x: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    (below_space | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')))) & HIGH
}

/// The eight bytes of `b` at `i` as a little-endian word (`i + 8 <= b.len()`).
#[inline]
fn word_at(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Whether any byte of `b` must be escaped, eight bytes at a time. The last word overlaps the
/// one before it, and a string shorter than eight bytes is read as two overlapping halves
/// (bytes seen twice change nothing), so no byte is copied to the stack first: a word built
/// from byte stores and read back at once stalls on store forwarding.
#[inline]
fn any_escape(b: &[u8]) -> bool {
    let n = b.len();
    if n >= 8 {
        // sixteen bytes a step (two words, one test), then the last eight
        let mut i = 0;
        while i + 16 < n {
            if escape_mask(word_at(b, i)) | escape_mask(word_at(b, i + 8)) != 0 {
                return true;
            }
            i += 16;
        }
        if i + 8 < n && escape_mask(word_at(b, i)) != 0 {
            return true;
        }
        return escape_mask(word_at(b, n - 8)) != 0;
    }
    let word = if n >= 4 {
        let half = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
        half(0) | (half(n - 4) << 32)
    } else if n > 0 {
        // one to three bytes: the first, the middle and the last, each repeated
        let three = u64::from(b[0]) | (u64::from(b[n / 2]) << 8) | (u64::from(b[n - 1]) << 16);
        three | (three << 24) | ((three & 0xFFFF) << 48)
    } else {
        return false;
    };
    escape_mask(word) != 0
}

/// The index of the first byte of `b` (eight bytes or more) that must be escaped, `b.len()`
/// when there is none: `any_escape`'s steps, which find where.
#[inline]
fn first_escape(b: &[u8]) -> usize {
    let n = b.len();
    // the lowest set bit of a mask marks the first byte to escape in its word
    let hit = |i: usize, mask: u64| i + (mask.trailing_zeros() / 8) as usize;
    let mut i = 0;
    while i + 16 < n {
        let (lo, hi) = (escape_mask(word_at(b, i)), escape_mask(word_at(b, i + 8)));
        if lo | hi != 0 {
            return if lo != 0 { hit(i, lo) } else { hit(i + 8, hi) };
        }
        i += 16;
    }
    if i + 8 < n {
        let mask = escape_mask(word_at(b, i));
        if mask != 0 {
            return hit(i, mask);
        }
    }
    match escape_mask(word_at(b, n - 8)) {
        0 => n,
        mask => hit(n - 8, mask),
    }
}

/// The index of the first byte of `b` at or after `from` that must be escaped, `b.len()`
/// when there is none.
#[inline]
fn next_escape(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    let k = if rest.len() >= 8 {
        first_escape(rest)
    } else {
        rest.iter()
            .position(|&c| ESCAPE[c as usize] != 0)
            .unwrap_or(rest.len())
    };
    from + k
}

/// Writes `s` as a JSON string.
#[inline]
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // nearly every string (names, rules, mention texts) needs no escaping at all
    if any_escape(b) {
        escaped(out, b);
    } else {
        out.extend_from_slice(b);
    }
    out.push(b'"');
}

/// Writes byte `c`, which must be escaped, as its escape sequence.
#[inline]
fn escape_byte(out: &mut Vec<u8>, c: u8) {
    let e = ESCAPE[c as usize];
    if e == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[(c >> 4) as usize],
            HEX[(c & 15) as usize],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', e]);
    }
}

/// Writes the bytes of a string that holds something to escape, without its quotes: the
/// clean runs between escapes are copied whole, and the next byte to escape is found sixteen
/// bytes at a time (long claim contents and texts of wrapped lines hold many line breaks).
#[cold]
fn escaped(out: &mut Vec<u8>, b: &[u8]) {
    let mut run = 0;
    let mut at = next_escape(b, 0);
    while let Some(&c) = b.get(at) {
        out.extend_from_slice(&b[run..at]);
        escape_byte(out, c);
        run = at + 1;
        at = next_escape(b, run);
    }
    out.extend_from_slice(&b[run..]);
}

/// Writes `n` in decimal. Numbers below 10^8 (every offset and line number in practice) are
/// turned into eight ASCII digits at once in one word, whose leading zeros are shifted out,
/// and written as one 8-byte store cut back to their length: no loop, no copy of a digit
/// buffer.
#[inline]
fn uint(out: &mut Vec<u8>, n: usize) {
    if n >= 100_000_000 {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        return;
    }
    let end = out.len() + digits8(n as u64, out);
    out.truncate(end);
}

/// Appends the eight decimal digits of `n < 10^8` without its leading zeros, followed by as
/// many bytes of filler; returns how many digits there are (the caller truncates the rest).
#[inline]
fn digits8(n: u64, out: &mut Vec<u8>) -> usize {
    // four digits in each 32-bit lane, the high half of the number in the low lane (the low
    // byte is written first)
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // each lane < 10^4 to two lanes of 16 bits < 100: x / 100 is (x * 10486) >> 20 below 43,699
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let y = hundreds | ((x - hundreds * 100) << 16);
    // each lane < 100 to two bytes < 10: y / 10 is (y * 103) >> 10 below 179
    let tens = ((y * 103) >> 10) & 0x000F_000F_000F_000F;
    let z = tens | ((y - tens * 10) << 8);
    // leading zero digits are the low zero bytes; "0" keeps its one digit
    let zeros = (z.trailing_zeros() / 8).min(7);
    let ascii = (z + 0x3030_3030_3030_3030) >> (8 * zeros);
    out.extend_from_slice(&ascii.to_le_bytes());
    8 - zeros as usize
}

fn float(out: &mut Vec<u8>, v: f64) {
    // serde_json writes non-finite floats as null; writing into a Vec cannot fail
    let _ = serde_json::to_writer(&mut *out, &v);
}

/// Writes `v` with `each`, or `null` when there is none.
fn opt<T: ?Sized>(out: &mut Vec<u8>, v: Option<&T>, each: impl Fn(&mut Vec<u8>, &T)) {
    match v {
        Some(v) => each(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_string(out: &mut Vec<u8>, s: &Option<String>) {
    opt(out, s.as_deref(), string);
}

fn list<T>(out: &mut Vec<u8>, items: &[T], each: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item);
    }
    out.push(b']');
}

/// `{"start":S,"end":E` and, when given, `,"text":T`; the caller closes the object.
fn spanned(out: &mut Vec<u8>, start: usize, end: usize, text: Option<&str>) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, start);
    out.extend_from_slice(b",\"end\":");
    uint(out, end);
    if let Some(t) = text {
        out.extend_from_slice(b",\"text\":");
        string(out, t);
    }
}

fn span(out: &mut Vec<u8>, s: &Span) {
    spanned(out, s.start, s.end, None);
    out.push(b'}');
}

fn mention(out: &mut Vec<u8>, m: &Mention) {
    spanned(out, m.start, m.end, Some(&m.text));
    out.extend_from_slice(b",\"rule\":");
    string(out, &m.rule);
    out.push(b'}');
}

fn source(out: &mut Vec<u8>, s: &Source) {
    match s {
        Source::Lexicon { entry, file, line } => {
            out.extend_from_slice(b"{\"type\":\"lexicon\",\"entry\":");
            string(out, entry);
            out.extend_from_slice(b",\"file\":");
            string(out, file);
            out.extend_from_slice(b",\"line\":");
            uint(out, *line);
        }
        Source::Rule { rule } => {
            out.extend_from_slice(b"{\"type\":\"rule\",\"rule\":");
            string(out, rule);
        }
    }
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &e.id);
    out.extend_from_slice(b",\"kind\":\"");
    out.extend_from_slice(e.kind.as_str().as_bytes());
    out.extend_from_slice(b"\",\"name\":");
    string(out, &e.name);
    out.extend_from_slice(b",\"aliases\":");
    list(out, &e.aliases, |o, a| string(o, a));
    out.extend_from_slice(b",\"mentions\":");
    list(out, &e.mentions, mention);
    out.extend_from_slice(b",\"source\":");
    source(out, &e.source);
    out.push(b'}');
}

fn speaker(out: &mut Vec<u8>, s: &Speaker) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &s.text);
    out.extend_from_slice(b",\"entity\":");
    opt_string(out, &s.entity);
    out.extend_from_slice(b",\"start\":");
    uint(out, s.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, s.end);
    out.extend_from_slice(b",\"role\":");
    opt_string(out, &s.role);
    out.extend_from_slice(b",\"organization\":");
    opt_string(out, &s.organization);
    out.push(b'}');
}

fn part(out: &mut Vec<u8>, p: &ClaimPart) {
    spanned(out, p.start, p.end, Some(&p.text));
    out.push(b'}');
}

fn claim(out: &mut Vec<u8>, c: &Claim) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, &c.kind);
    out.extend_from_slice(b",\"speaker\":");
    opt(out, c.speaker.as_ref(), speaker);
    out.extend_from_slice(b",\"cue\":");
    string(out, &c.cue);
    out.extend_from_slice(b",\"cue_span\":");
    opt(out, c.cue_span.as_ref(), span);
    out.extend_from_slice(b",\"content\":");
    string(out, &c.content);
    out.extend_from_slice(b",\"content_parts\":");
    list(out, &c.content_parts, part);
    out.extend_from_slice(b",\"content_span\":");
    span(out, &c.content_span);
    out.extend_from_slice(b",\"addressee\":");
    opt_string(out, &c.addressee);
    out.extend_from_slice(b",\"rule\":");
    string(out, &c.rule);
    out.push(b'}');
}

/// `{"text":T,"start":S,"end":E}`: a quoted term or a measure.
fn text_span(out: &mut Vec<u8>, text: &str, start: usize, end: usize) {
    out.extend_from_slice(b"{\"text\":");
    string(out, text);
    out.extend_from_slice(b",\"start\":");
    uint(out, start);
    out.extend_from_slice(b",\"end\":");
    uint(out, end);
    out.push(b'}');
}

fn quoted_term(out: &mut Vec<u8>, q: &QuotedTerm) {
    text_span(out, &q.text, q.start, q.end);
}

fn measure(out: &mut Vec<u8>, m: &Measure) {
    text_span(out, &m.text, m.start, m.end);
}

fn statistic(out: &mut Vec<u8>, s: &Statistic) {
    text_span(out, &s.text, s.start, s.end);
    out.pop(); // reopen: the statistic's own fields follow
    out.extend_from_slice(b",\"value\":");
    float(out, s.value);
    out.extend_from_slice(b",\"kind\":");
    string(out, &s.kind);
    out.extend_from_slice(b",\"unit\":");
    opt_string(out, &s.unit);
    out.extend_from_slice(if s.approximate {
        b",\"approximate\":true"
    } else {
        b",\"approximate\":false"
    });
    out.extend_from_slice(b",\"comparator\":");
    opt_string(out, &s.comparator);
    out.extend_from_slice(b",\"direction\":");
    opt_string(out, &s.direction);
    out.extend_from_slice(b",\"per\":");
    opt_string(out, &s.per);
    out.extend_from_slice(b",\"measure\":");
    opt(out, s.measure.as_ref(), measure);
    out.extend_from_slice(b",\"rule\":");
    string(out, &s.rule);
    out.push(b'}');
}

impl Document {
    /// Appends the document as compact JSON to `out`: the same bytes as
    /// `serde_json::to_writer(out, self)`, several times faster.
    ///
    /// ```
    /// let doc = claimlex::Extractor::new()?.extract_with_id("a1", "Intel said sales rose 5%.");
    /// let mut line = Vec::new();
    /// doc.write_json(&mut line);
    /// assert_eq!(line, serde_json::to_vec(&doc).unwrap());
    /// # Ok::<(), claimlex::Error>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        string(out, &self.id);
        out.extend_from_slice(b",\"entities\":");
        list(out, &self.entities, entity);
        out.extend_from_slice(b",\"claims\":");
        list(out, &self.claims, claim);
        out.extend_from_slice(b",\"quoted_terms\":");
        list(out, &self.quoted_terms, quoted_term);
        out.extend_from_slice(b",\"statistics\":");
        list(out, &self.statistics, statistic);
        out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::xorshift;

    #[test]
    fn strings_escape_as_serde_json_does() {
        let odd = [
            "",
            "plain",
            "a \"quoted\" \\ back",
            "tab\tnew\nline\r\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "héllo “curly” 中文 😀",
            "a long clean run of text, then a \"quote\" and more clean text after it",
            "0123456789abcdef\u{1f}0123456789abcdef\\",
            "\u{80}\u{ff}ÿ¡ eight by\"tes",
        ];
        for s in odd {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn short_strings_at_every_offset_escape_as_serde_json_does() {
        // every string of up to three characters from clean, escaped and multi-byte ones, at
        // every offset in a word and with clean tails of several lengths: each tail length of
        // the overlapping reads, and escapes in either of two words
        let alphabet = [
            "a", "\"", "\\", "\n", "\u{1f}", "\u{0}", " ", "\u{7f}", "é", "😀",
        ];
        let mut shorts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = shorts
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            shorts.extend(longer);
        }
        shorts.sort();
        shorts.dedup();
        for s in &shorts {
            for before in 0..9 {
                for after in [0, 1, 5, 9] {
                    let s = format!("{}{s}{}", "x".repeat(before), "y".repeat(after));
                    let mut out = Vec::new();
                    string(&mut out, &s);
                    assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn one_escape_anywhere_in_longer_strings_escapes_as_serde_json_does() {
        // a byte to escape at every place of clean strings up to 48 bytes: in either word of
        // a sixteen-byte step, in the word after the steps and in the last, overlapping one
        for n in 1..48 {
            for at in 0..n {
                for c in ['"', '\\', '\n', '\u{1f}'] {
                    let s = format!("{}{c}{}", "x".repeat(at), "y".repeat(n - at - 1));
                    let mut out = Vec::new();
                    string(&mut out, &s);
                    assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
            let clean = "z".repeat(n);
            let mut out = Vec::new();
            string(&mut out, &clean);
            assert_eq!(out, serde_json::to_vec(&clean).unwrap());
        }
    }

    #[test]
    fn strings_with_many_escapes_escape_as_serde_json_does() {
        // random strings of up to 120 characters, clean runs of every length between escapes
        let alphabet = [
            "a", "b", "c", "d", "e", "f", " ", "é", "😀", "\"", "\\", "\n", "\u{1f}", "\u{0}",
        ];
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || xorshift(&mut x);
        for _ in 0..20_000 {
            let len = next() % 121;
            // from no escape to an escape in every other character
            let clean = 1 + next() % 40;
            let mut s = String::new();
            for _ in 0..len {
                let k = next();
                let c = if k % clean == 0 {
                    alphabet[9 + (k / clean % 5) as usize]
                } else {
                    alphabet[(k / clean % 9) as usize]
                };
                s.push_str(c);
            }
            let mut out = Vec::new();
            string(&mut out, &s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_print_as_serde_json_does() {
        let mut ns = vec![0usize, 7, 12345, 98_765_432, 123_456_789, usize::MAX];
        let mut p = 1usize;
        while let Some(next) = p.checked_mul(10) {
            ns.extend([p - 1, p, p + 1]);
            p = next;
        }
        // every number below 200,000, and a spread to 10^8: each lane of the word arithmetic
        ns.extend(0..200_000);
        ns.extend((0..100_000_000).step_by(9_973));
        for n in ns {
            // after other output, as in a record
            let mut out = b"{\"end\":".to_vec();
            uint(&mut out, n);
            out.push(b'}');
            assert_eq!(
                out,
                serde_json::to_vec(&serde_json::json!({ "end": n })).unwrap()
            );
        }
    }
}
