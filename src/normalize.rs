//! A normalized copy of a text for dictionary matching, with a map back to the original.
//!
//! Normalization lower-cases, folds curly quotes and apostrophes to straight ones, folds
//! dashes and hyphens to `-`, and collapses every run of white space to one space. The
//! original text is never changed: [`Normalized::to_original`] maps every byte offset of the
//! copy back to the original.

/// Folds one character for matching; `None` means "white space".
#[inline]
pub(crate) fn fold(c: char, lower: bool) -> Option<char> {
    // fast path: ASCII, where only the backtick and white space fold to something else
    if c.is_ascii() {
        return match c {
            '`' => Some('\''),
            ' ' | '\t'..='\r' => None,
            _ if lower => Some(c.to_ascii_lowercase()),
            _ => Some(c),
        };
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ if c.is_whitespace() => return None,
        _ if lower => {
            // Keep the character when lower-casing would change its length in chars.
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        }
        _ => c,
    })
}

/// Normalizes a lexicon form the same way text is normalized.
pub fn normalize_form(form: &str, lower: bool) -> String {
    let t = form.trim();
    let b = t.as_bytes();
    // Nearly every form: ASCII with single spaces between words and no backtick, which
    // normalizes to itself (lower-cased). (A space is never at either end once trimmed.)
    let mut prev = 0;
    let simple = b.iter().all(|&c| {
        let keep = match c {
            b' ' => prev != b' ',
            b'\t'..=b'\r' | b'`' => false,
            _ => c.is_ascii(),
        };
        prev = c;
        keep
    });
    if simple {
        let mut out = t.to_owned();
        if lower {
            out.make_ascii_lowercase();
        }
        return out;
    }
    let out = String::with_capacity(form.len());
    normalize_chars(form, out, lower)
}

/// [`normalize_form`] char by char, appending to `out` (empty).
fn normalize_chars(form: &str, mut out: String, lower: bool) -> String {
    let mut space = false;
    for c in form.trim().chars() {
        match fold(c, lower) {
            None => space = true,
            Some(f) => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(f);
            }
        }
    }
    out
}

/// A normalized copy of a text and the map back to it.
#[derive(Debug, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For each byte of `text` (and one past its end), the original byte offset.
    map: Vec<u32>,
    /// `map` is the identity (pure ASCII text with single spaces only).
    identity: bool,
}

impl Normalized {
    /// Normalizes `text` into a copy.
    pub fn new(text: &str) -> Normalized {
        let mut n = Normalized::default();
        n.rebuild(text);
        n
    }

    /// Normalizes `text`, reusing this value's buffers.
    pub fn rebuild(&mut self, text: &str) {
        self.text.clear();
        self.map.clear();
        let bytes = text.as_bytes();
        // Fast path: ASCII with no white space other than single spaces.
        let simple = text.len() < u32::MAX as usize
            && bytes.iter().enumerate().all(|(i, &b)| {
                b.is_ascii()
                    && b != b'`'
                    && (b == b' ' && (i == 0 || bytes[i - 1] != b' ') || !b.is_ascii_whitespace())
            });
        if simple {
            self.identity = true;
            self.text.push_str(text);
            self.text.make_ascii_lowercase();
            return;
        }
        self.identity = false;
        self.text.reserve(text.len());
        self.map.reserve(text.len() + 1);
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            match fold(c, true) {
                None => {
                    if !in_space {
                        self.text.push(' ');
                        self.map.push(i as u32);
                    }
                    in_space = true;
                }
                Some(f) => {
                    in_space = false;
                    let before = self.text.len();
                    self.text.push(f);
                    for _ in before..self.text.len() {
                        self.map.push(i as u32);
                    }
                }
            }
        }
        self.map.push(text.len() as u32);
    }

    /// The original byte offset of byte `i` of the normalized text (`i` may be its length).
    #[inline]
    pub fn to_original(&self, i: usize) -> usize {
        if self.identity {
            i
        } else {
            self.map[i] as usize
        }
    }
}

/// Compares an original slice with a form, folding quotes, dashes and white space but
/// keeping case: the check for case-sensitive lexicon forms.
pub fn same_keeping_case(original: &str, form_folded: &str) -> bool {
    let mut a = original
        .chars()
        .filter_map(|c| fold(c, false).or(Some(' ')));
    let mut b = form_folded.chars();
    let mut prev_space = false;
    loop {
        // collapse runs of spaces in the original
        let x = loop {
            match a.next() {
                Some(' ') if prev_space => continue,
                other => break other,
            }
        };
        prev_space = x == Some(' ');
        match (x, b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_to_original() {
        let text = "Huawei’s  “Chips”\n—CPUs";
        let n = Normalized::new(text);
        assert_eq!(n.text, "huawei's \"chips\" -cpus");
        let i = n.text.find("chips").unwrap();
        let (s, e) = (n.to_original(i), n.to_original(i + 5));
        assert_eq!(&text[s..e], "Chips");
        let i = n.text.find("cpus").unwrap();
        assert_eq!(&text[n.to_original(i)..n.to_original(i + 4)], "CPUs");
    }

    #[test]
    fn ascii_fast_path() {
        let n = Normalized::new("The U.S. Chips");
        assert_eq!(n.text, "the u.s. chips");
        assert_eq!(n.to_original(4), 4);
    }

    #[test]
    fn ascii_folds_as_any_char() {
        // the ASCII fast path gives what the general rules give
        for c in (0u8..0x80).map(char::from) {
            let (lower, keep) = match c {
                '`' => (Some('\''), Some('\'')),
                _ if c.is_whitespace() => (None, None),
                _ => (c.to_lowercase().next(), Some(c)),
            };
            assert_eq!(fold(c, true), lower, "{c:?}");
            assert_eq!(fold(c, false), keep, "{c:?}");
        }
    }

    proptest::proptest! {
        /// The ASCII path of `normalize_form` gives what folding char by char gives.
        #[test]
        fn ascii_forms_normalize_as_chars(
            form in "[ \t\n\x0B\x0C\r`a-zA-Z0-9.'&-]{0,12}",
            lower: bool,
        ) {
            proptest::prop_assert_eq!(
                normalize_form(&form, lower),
                normalize_chars(&form, String::new(), lower)
            );
        }
    }

    #[test]
    fn case_check() {
        assert!(same_keeping_case("Huawei’s", "Huawei's"));
        assert!(same_keeping_case("Wi–Fi", "Wi-Fi"));
        assert!(same_keeping_case("Windows  XP", "Windows XP"));
        assert!(!same_keeping_case("windows", "Windows"));
    }
}
