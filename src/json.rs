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

/// Whether any of the eight bytes in `x` must be escaped: a control character, `"` or `\\`.
#[inline]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    below_space | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0
}

/// Whether any byte of `b` must be escaped, eight bytes at a time.
#[inline]
fn any_escape(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let word: [u8; 8] = chunk.try_into().unwrap_or_default();
        if needs_escape(u64::from_le_bytes(word)) {
            return true;
        }
    }
    // the tail, padded with spaces (which never need escaping)
    let rest = chunks.remainder();
    let mut word = [b' '; 8];
    word[..rest.len()].copy_from_slice(rest);
    needs_escape(u64::from_le_bytes(word))
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

/// Writes the bytes of a string that holds something to escape, without its quotes.
#[cold]
fn escaped(out: &mut Vec<u8>, b: &[u8]) {
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // long texts (claim contents) hold a few quotes: skip eight clean bytes at a time
        if let Some(chunk) = b.get(i..i + 8) {
            let word: [u8; 8] = chunk.try_into().unwrap_or_default();
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let e = ESCAPE[c as usize];
        if e != 0 {
            out.extend_from_slice(&b[run..i]);
            run = i + 1;
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
        i += 1;
    }
    out.extend_from_slice(&b[run..]);
}

#[inline]
fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
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
    fn numbers_print_as_serde_json_does() {
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            let mut out = Vec::new();
            uint(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }
}
