//! Sentences and paragraphs over a token stream.
//!
//! Paragraphs end at blank lines. Sentences end at `.`, `!`, `?` (or a run of them), followed
//! by white space and something that can start a sentence, except where the period belongs
//! to an abbreviation (`Mr.`, `Co.`, `Jan.`, `No.`, a single initial) or the end mark sits inside
//! a quotation that goes on (`"Stop!" he said` is one sentence).

use crate::span::Span;
use crate::tokenizer::{QuoteKind, Token, TokenKind};

/// Abbreviations that a period after them does not end a sentence with (compared without
/// the period, case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Co", "Corp", "Inc", "Ltd", "Bros",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos", "vs", "v", "etc", "Gen", "Lt", "Col", "Capt", "Sgt", "Gov", "Sen", "Rep", "Rev", "Hon",
    "Fig", "approx", "est", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "pp", "cf", "al",
    "Messrs", "Mme", "Mlle", "Adm", "Cmdr", "Supt", "Insp", "Det", "Pres", "Sec", "Treas", "Ft",
];

fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. Smith"
    }
    ABBREVIATIONS.contains(&word)
}

/// Words that, after a dotted abbreviation such as "U.S.", show that a new sentence begins.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Meanwhile",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "What",
    "When",
    "While",
    "If",
    "As",
    "For",
    "According",
    "Some",
    "Many",
    "Most",
    "One",
    "Last",
    "Earlier",
    "Later",
    "After",
    "Before",
    "Such",
    "Analysts",
    "Shares",
];

/// Splits a tokenized text into paragraphs: spans between blank lines (a line break token
/// holding two or more line breaks), trimmed of white space. Empty paragraphs are skipped.
pub fn paragraphs(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for t in tokens {
        if t.kind == TokenKind::LineBreak && is_blank_line(t.text(text)) {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
            continue;
        }
        if t.is_space() {
            continue;
        }
        if start.is_none() {
            start = Some(t.start);
        }
        last_end = t.end;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

fn is_blank_line(ws: &str) -> bool {
    ws.bytes().filter(|&b| b == b'\n').count() >= 2
        || ws.contains('\u{2029}')
        || (ws.contains('\n') && ws.contains('\u{2028}'))
}

fn is_closing_quote(k: TokenKind) -> bool {
    matches!(
        k,
        TokenKind::Quote(
            QuoteKind::DoubleClose
                | QuoteKind::DoubleStraight
                | QuoteKind::SingleClose
                | QuoteKind::SingleStraight
                | QuoteKind::GuillemetClose
                | QuoteKind::CornerClose
        )
    ) || k == TokenKind::Punct
}

/// Splits a tokenized text into sentences. Paragraph breaks always end a sentence.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let n = tokens.len();
    let mut i = 0;
    let b = text.as_bytes();
    while i < n {
        let t = tokens[i];
        // fast path: spaces, and words that cannot end a sentence (no final period)
        match t.kind {
            TokenKind::Space => {
                i += 1;
                continue;
            }
            TokenKind::Word | TokenKind::Number
                if t.kind == TokenKind::Number || t.end - t.start <= 2 || b[t.end - 1] != b'.' =>
            {
                start.get_or_insert(t.start);
                last_end = t.end;
                i += 1;
                continue;
            }
            _ => {}
        }
        if t.kind == TokenKind::LineBreak && (is_blank_line(t.text(text)) || start.is_none()) {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
            i += 1;
            continue;
        }
        if t.is_space() {
            i += 1;
            continue;
        }
        if start.is_none() {
            start = Some(t.start);
        }
        last_end = t.end;
        let ends = match t.kind {
            TokenKind::Punct => {
                let s = t.text(text);
                let first = s.as_bytes()[0];
                if first == b'!' || first == b'?' || s == "\u{3002}" {
                    true
                } else if first == b'.' {
                    s.len() > 1 || !after_abbreviation(text, tokens, i)
                } else {
                    false
                }
            }
            // "U.S." at the end of a sentence: only when a clear sentence starter follows.
            TokenKind::Word => {
                let s = t.text(text);
                s.len() > 2
                    && s.ends_with('.')
                    && s.matches('.').count() >= 2
                    && next_word_is_starter(text, tokens, i)
            }
            _ => false,
        };
        if ends {
            // Take closing quotes and brackets that follow the end mark into this sentence.
            let mut j = i + 1;
            while j < n && is_closing_quote(tokens[j].kind) && !opens_bracket(text, tokens[j]) {
                last_end = tokens[j].end;
                j += 1;
            }
            // Only a break when white space follows and the next word can start a sentence.
            if j >= n || (tokens[j].is_space() && next_can_start(text, tokens, j)) {
                out.push(Span::new(start.take().unwrap_or(t.start), last_end));
                i = j;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

fn opens_bracket(text: &str, t: Token) -> bool {
    matches!(t.text(text), "(" | "[" | "{")
}

fn after_abbreviation(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = tokens[i - 1];
    prev.kind == TokenKind::Word && prev.end == tokens[i].start && is_abbreviation(prev.text(text))
}

fn next_word_is_starter(text: &str, tokens: &[Token], i: usize) -> bool {
    let mut j = i + 1;
    while j < tokens.len() && tokens[j].is_space() {
        if tokens[j].kind == TokenKind::LineBreak {
            return true;
        }
        j += 1;
    }
    j < tokens.len() && SENTENCE_STARTERS.contains(&tokens[j].text(text))
}

/// After white space at `j`: does the next token look like the start of a sentence?
fn next_can_start(text: &str, tokens: &[Token], j: usize) -> bool {
    let mut k = j;
    while k < tokens.len() && tokens[k].is_space() {
        k += 1;
    }
    let Some(t) = tokens.get(k) else { return true };
    match t.kind {
        TokenKind::Word => t
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase()),
        TokenKind::Number | TokenKind::Quote(_) | TokenKind::Symbol | TokenKind::Dash => true,
        TokenKind::Punct => matches!(t.text(text), "(" | "["),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        sentences(text, &toks)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Li met Dr. Wang of Acme Co. Ltd. on Jan. 5. They talked."),
            [
                "Mr. Li met Dr. Wang of Acme Co. Ltd. on Jan. 5.",
                "They talked."
            ]
        );
        assert_eq!(
            split("J. R. Smith arrived. No. 1 was there."),
            ["J. R. Smith arrived.", "No. 1 was there."]
        );
    }

    #[test]
    fn us_abbreviation() {
        assert_eq!(
            split("Talks with the U.S. government went on. Sales rose in the U.S. The end."),
            [
                "Talks with the U.S. government went on.",
                "Sales rose in the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn quotations_do_not_break() {
        assert_eq!(
            split("\"Stop!\" he said. \"Go.\" She left."),
            ["\"Stop!\" he said.", "\"Go.\"", "She left."]
        );
        assert_eq!(
            split("“We won,” she said. Next."),
            ["“We won,” she said.", "Next."]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "Title\n\nOne. Two.\n\n\nThree\n";
        let toks = tokenize(text);
        let ps: Vec<&str> = paragraphs(text, &toks)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(ps, ["Title", "One. Two.", "Three"]);
        assert_eq!(split(text), ["Title", "One.", "Two.", "Three"]);
    }
}
