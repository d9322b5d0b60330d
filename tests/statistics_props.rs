//! Property tests: statistics spans always slice the text, and odd strings of digits,
//! separators and currency signs never panic.

use claimlex::Extractor;
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

fn check(text: &str) {
    let doc = extractor().extract(text);
    for s in &doc.statistics {
        assert!(s.start <= s.end && s.end <= text.len());
        assert_eq!(&text[s.start..s.end], s.text);
        assert!(s.value.is_finite());
        if let Some(m) = &s.measure {
            assert!(m.start <= m.end && m.end <= text.len());
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    for w in doc.statistics.windows(2) {
        assert!(w[0].start <= w[1].start, "statistics in text order");
    }
}

const PIECES: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "300",
    "2004",
    "1,200",
    "3.5",
    ".",
    ",",
    "-",
    "–",
    "/",
    ":",
    "%",
    "$",
    "£",
    "€",
    "¥",
    "US$",
    "HK$",
    "RM",
    "USD",
    "p",
    "m",
    "bn",
    "k",
    " ",
    " ",
    " ",
    "\n",
    "(",
    ")",
    "million",
    "billion",
    "per cent",
    "percent",
    "points",
    "to",
    "and",
    "between",
    "half",
    "a quarter",
    "one in",
    "six",
    "twice",
    "times",
    "first",
    "ranking",
    "second-largest",
    "year-old",
    "years",
    "km",
    "GHz",
    "about",
    "more than",
    "up",
    "fell",
    "of",
    "the",
    "people",
    "January",
    "No",
    "minus-",
    "sub-",
    "'s",
    "“",
    "”",
    "é",
    "\u{2044}",
    "×",
    "=",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn digits_separators_and_signs(s in "[0-9.,$£€¥%\\- ]{0,40}") {
        check(&s);
    }

    #[test]
    fn any_text(s in "\\PC{0,60}") {
        check(&s);
    }

    #[test]
    fn number_phrases(parts in proptest::collection::vec(0..PIECES.len(), 0..24)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        check(&text);
    }
}
