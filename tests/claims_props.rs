//! Property tests for claims: every span slices the text it came from, and nothing panics.

use claimlex::Extractor;
use proptest::prelude::*;
use std::sync::OnceLock;

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().unwrap())
}

/// Pieces that exercise the claim rules: quotation marks of every kind, reporting verbs,
/// names, pronouns, punctuation and paragraph breaks.
const PIECES: &[&str] = &[
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'",
    "\u{2018}",
    "\u{2019}",
    "\u{ab}",
    "\u{bb}",
    "\u{300c}",
    "\u{300d}",
    " said",
    " says",
    " told",
    " according to",
    " adding that",
    " saying",
    ", ",
    ". ",
    ": ",
    " - ",
    "\n\n",
    "\n",
    " Huawei",
    " Shi Yixuan",
    " Mr Smith",
    " he",
    " it",
    " the company",
    " a spokesman",
    " that",
    " sales rose",
    " U.S.'",
    " firms'",
    " (CEC)",
    " believes",
    " \u{e9}t\u{e9}",
    " \u{4e2d}\u{6587}",
    "?",
    "!",
    " the Global Times",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[ a-zA-Z\"'.,:;!?\u{201c}\u{201d}\u{2019}\n-]{0,12}",
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn check(text: &str) {
    let doc = ex().extract(text);
    for c in &doc.claims {
        let s = c.content_span;
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        for p in &c.content_parts {
            assert!(p.start >= s.start && p.end <= s.end);
            assert_eq!(&text[p.start..p.end], p.text);
        }
        if let Some(cs) = c.cue_span {
            assert_eq!(&text[cs.range()], c.cue);
        }
        if let Some(sp) = &c.speaker {
            assert!(sp.start <= sp.end && sp.end <= text.len());
            assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        }
        assert!(matches!(
            c.kind.as_str(),
            "direct" | "indirect" | "according_to"
        ));
    }
    for t in &doc.quoted_terms {
        assert_eq!(&text[t.start..t.end], t.text);
    }
    let starts: Vec<usize> = doc.claims.iter().map(|c| c.content_span.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "claims in text order"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn claim_spans_slice_the_text(text in article()) {
        check(&text);
    }

    #[test]
    fn any_string_is_fine(text in "\\PC{0,200}") {
        check(&text);
    }
}

#[test]
fn many_marks_in_one_paragraph() {
    let text = "\u{201c}x \" y\u{2019} '".repeat(2000);
    check(&text);
}
