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
