//! Property tests: losslessness, spans on character boundaries, and no panics on any input.

use claimlex::{segment, tokenize, Extractor};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

/// Text that looks like news, with the characters that make tokenizers stumble.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Huawei".to_string()),
        Just("U.S.".to_string()),
        Just("U.S.'".to_string()),
        Just("Mr.".to_string()),
        Just("Shi Yixuan".to_string()),
        Just("China Electronics Corp (CEC)".to_string()),
        Just("’s".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("«".to_string()),
        Just("—".to_string()),
        Just("-".to_string()),
        Just("74.7%".to_string()),
        Just("520,000".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("(".to_string()),
        Just("é\u{301}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("😀".to_string()),
        "[A-Za-z]{1,12}",
        "[0-9.,]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_rebuild_the_input(s in any::<String>()) {
        let toks = tokenize(&s);
        let joined: String = toks.iter().map(|t| t.text(&s)).collect();
        prop_assert_eq!(joined, s.clone());
        let mut pos = 0;
        for t in &toks {
            prop_assert_eq!(t.start, pos);
            prop_assert!(t.end > t.start);
            pos = t.end;
        }
    }

    #[test]
    fn newsy_tokens_rebuild_the_input(s in newsy()) {
        let toks = tokenize(&s);
        let joined: String = toks.iter().map(|t| t.text(&s)).collect();
        prop_assert_eq!(joined, s);
    }

    #[test]
    fn sentences_and_paragraphs_slice_the_text(s in newsy()) {
        let toks = tokenize(&s);
        for span in segment::sentences(&s, &toks).into_iter().chain(segment::paragraphs(&s, &toks)) {
            prop_assert!(s.get(span.range()).is_some());
            prop_assert!(!span.is_empty());
        }
    }

    #[test]
    fn extract_never_panics_and_spans_slice(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn extract_on_newsy_text(s in newsy()) {
        check(&s)?;
    }
}

fn check(s: &str) -> Result<(), TestCaseError> {
    let doc = extractor().extract(s);
    for e in &doc.entities {
        prop_assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            prop_assert_eq!(s.get(m.start..m.end), Some(m.text.as_str()));
        }
        for w in e.mentions.windows(2) {
            prop_assert!(w[0].start <= w[1].start, "mentions are in text order");
        }
    }
    // output is deterministic
    prop_assert_eq!(&extractor().extract(s), &doc);
    // the fast JSON writer gives serde_json's bytes
    let mut json = Vec::new();
    doc.write_json(&mut json);
    prop_assert_eq!(json, serde_json::to_vec(&doc).unwrap());
    Ok(())
}

#[test]
fn json_writer_matches_serde_json_on_the_examples() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = extractor().extract_with_id(&path.display().to_string(), &text);
            assert!(!doc.entities.is_empty() && !doc.statistics.is_empty());
            let mut json = Vec::new();
            doc.write_json(&mut json);
            assert_eq!(
                String::from_utf8(json).unwrap(),
                serde_json::to_string(&doc).unwrap(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn huge_token_and_thousands_of_quotes() {
    let long_word = "a".repeat(1 << 20);
    let quotes = "\"“”'’«»「」".repeat(2000);
    let dashes = "-".repeat(100_000);
    let digits = "9,".repeat(50_000);
    let dots = "U.".repeat(50_000);
    for s in [long_word, quotes, dashes, digits, dots] {
        let toks = tokenize(&s);
        assert_eq!(toks.iter().map(|t| t.text(&s)).collect::<String>(), s);
        let doc = extractor().extract(&s);
        for e in &doc.entities {
            for m in &e.mentions {
                assert_eq!(&s[m.start..m.end], m.text);
            }
        }
    }
}
