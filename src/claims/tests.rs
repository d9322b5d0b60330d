//! Unit tests for claim extraction, one per pattern.

use crate::Extractor;

fn claims(text: &str) -> Vec<(String, String, String, String)> {
    let ex = Extractor::new().unwrap();
    let doc = ex.extract(text);
    for c in &doc.claims {
        assert!(c.content_span.start < c.content_span.end);
        for p in &c.content_parts {
            assert_eq!(&text[p.start..p.end], p.text);
        }
    }
    doc.claims
        .iter()
        .map(|c| {
            (
                c.kind.clone(),
                c.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
                c.cue.clone(),
                c.content.clone(),
            )
        })
        .collect()
}

#[test]
fn quote_said_after() {
    let c = claims("Title here\n\n\"Sales rose sharply,\" said John Smith, the chief executive.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "direct");
    assert_eq!(c[0].1, "John Smith");
    assert_eq!(c[0].3, "Sales rose sharply");
}

/// Throughput of the claim passes alone (run with `cargo test --release -- --ignored
/// claims_throughput --nocapture`); reads the dev articles when they are there.
#[test]
#[ignore]
fn claims_throughput() {
    let dir = std::path::Path::new("../shared/eval/dev/texts");
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut texts = Vec::new();
    for e in rd.flatten() {
        if let Ok(t) = std::fs::read_to_string(e.path()) {
            texts.push(t);
        }
    }
    let ex = Extractor::new().unwrap();
    let rules = super::ClaimRules::new().unwrap();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| (t.as_str(), crate::tokenize(t), ex.extract(t).entities))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..2000 {
        for (t, toks, ents) in &prepared {
            n += rules.extract(t, toks, ents).0.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let start = std::time::Instant::now();
    for _ in 0..2000 {
        for (t, toks, _) in &prepared {
            n += crate::segment::sentences(t, toks).len();
        }
    }
    let base = start.elapsed().as_secs_f64();
    println!(
        "claims: {:.1} MB/s; sentences alone: {:.1} MB/s ({n})",
        2000.0 * bytes as f64 / secs / 1e6,
        2000.0 * bytes as f64 / base / 1e6
    );
}
