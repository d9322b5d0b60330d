//! Snapshot tests over the example articles in `examples/`: one line per entity mention,
//! so that a change in behaviour reads as a short diff.

use claimlex::{tokenize, Document, Extractor, TokenKind};
use std::fmt::Write;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

fn render(text: &str, doc: &Document) -> String {
    let mut out = String::new();
    for e in &doc.entities {
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(" aka {}", e.aliases.join(" | "))
        };
        writeln!(out, "{} {} [{}]{}", e.kind.as_str(), e.name, e.id, aliases).unwrap();
        for m in &e.mentions {
            assert_eq!(
                &text[m.start..m.end],
                m.text,
                "mention text is the slice it spans"
            );
            writeln!(out, "    {}..{} {:?} ({})", m.start, m.end, m.text, m.rule).unwrap();
        }
    }
    for c in &doc.claims {
        let speaker = c
            .speaker
            .as_ref()
            .map_or("(none)".to_string(), |s| match &s.entity {
                Some(id) => format!("{} [{}]", s.text, id),
                None => s.text.clone(),
            });
        writeln!(
            out,
            "claim {} by {} cue {:?} ({})",
            c.kind, speaker, c.cue, c.rule
        )
        .unwrap();
        for p in &c.content_parts {
            assert_eq!(
                &text[p.start..p.end],
                p.text,
                "claim part text is the slice it spans"
            );
            writeln!(out, "    {}..{} {:?}", p.start, p.end, p.text).unwrap();
        }
    }
    for q in &doc.quoted_terms {
        assert_eq!(&text[q.start..q.end], q.text);
        writeln!(out, "quoted term {}..{} {:?}", q.start, q.end, q.text).unwrap();
    }
    for st in &doc.statistics {
        assert_eq!(
            &text[st.start..st.end],
            st.text,
            "statistic text is the slice it spans"
        );
        let measure = st
            .measure
            .as_ref()
            .map_or(String::new(), |m| format!(" of {:?}", m.text));
        let unit = st
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" {u}"));
        writeln!(
            out,
            "statistic {}..{} {:?} = {}{} {}{} ({})",
            st.start, st.end, st.text, st.value, unit, st.kind, measure, st.rule
        )
        .unwrap();
    }
    out
}

macro_rules! article {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            let text = include_str!(concat!("../examples/", $file));
            let doc = extractor().extract_with_id($file, text);
            insta::assert_snapshot!(render(text, &doc));
        }
    };
}

article!(chip_localization, "chip-localization.txt");
article!(earnings_report, "earnings-report.txt");
article!(trade_tensions, "trade-tensions.txt");
article!(gadget_review, "gadget-review.txt");

/// One line per token of the first paragraph of an article: the tokenizer's behaviour on
/// quotes, abbreviations, numbers and hyphens, at a glance.
#[test]
fn tokens_of_a_paragraph() {
    let text = include_str!("../examples/chip-localization.txt");
    let para = text.split("\n\n").nth(1).unwrap_or(text);
    let mut out = String::new();
    for t in tokenize(para) {
        if t.kind == TokenKind::Space {
            continue;
        }
        writeln!(
            out,
            "{:>4}..{:<4} {:?} {:?}",
            t.start,
            t.end,
            t.kind,
            t.text(para)
        )
        .unwrap();
    }
    insta::assert_snapshot!(out);
}
