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
    match word.len() {
        // an initial: "J. Smith"
        1 if word.as_bytes()[0].is_ascii_uppercase() => true,
        2..=4 if !word.is_ascii() => {
            let mut c = word.chars();
            c.next().is_some_and(char::is_uppercase) && c.next().is_none()
        }
        // no abbreviation is longer, and all are ASCII
        1..=7 => ABBREVIATIONS_PACKED
            .binary_search(&pack(word.as_bytes()))
            .is_ok(),
        _ => false,
    }
}

/// A word of up to seven bytes as a number: its bytes, little end first, and its length in
/// the top byte (so that each such word has its own number).
const fn pack(b: &[u8]) -> u64 {
    let mut x = (b.len() as u64) << 56;
    let mut i = 0;
    while i < b.len() && i < 7 {
        x |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    x
}

/// [`ABBREVIATIONS`] packed by [`pack`] and sorted, for a binary search.
const ABBREVIATIONS_PACKED: [u64; ABBREVIATIONS.len()] = {
    let mut out = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < out.len() {
        let w = ABBREVIATIONS[i].as_bytes();
        assert!(w.len() <= 7 && w.is_ascii());
        out[i] = pack(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    // insertion sort (const)
    let mut i = 1;
    while i < out.len() {
        let mut j = i;
        while j > 0 && out[j - 1] > out[j] {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    out
};

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
    paragraphs_at(tokens, &may_ends(text, tokens), &mut out);
    out
}

/// [`paragraphs`] into `out` (cleared first), from the positions of the tokens that may end
/// a sentence or a paragraph (as for [`sentences_at`]): its line breaks are the blank lines.
pub(crate) fn paragraphs_at(tokens: &[Token], ends: &[u32], out: &mut Vec<Span>) {
    out.clear();
    // the first token after the last blank line break
    let mut from = 0;
    for &k in ends {
        let k = k as usize;
        let Some(t) = tokens.get(k) else { break };
        if k < from || t.kind != TokenKind::LineBreak {
            continue;
        }
        push_trimmed(&tokens[from..k], out);
        from = k + 1;
    }
    push_trimmed(tokens.get(from..).unwrap_or_default(), out);
}

/// Pushes the span from the first to the last token of `tokens` that is not white space,
/// if there is one.
fn push_trimmed(tokens: &[Token], out: &mut Vec<Span>) {
    let Some(a) = tokens.iter().position(|t| !t.is_space()) else {
        return;
    };
    let z = tokens.iter().rposition(|t| !t.is_space()).unwrap_or(a);
    out.push(Span::new(tokens[a].start, tokens[z].end));
}

/// Whether white space `ws` holds a blank line: two line feeds, a paragraph separator, or
/// a line feed and a line separator.
pub(crate) fn is_blank_line(ws: &str) -> bool {
    let newlines = ws.bytes().filter(|&b| b == b'\n').count();
    // (the separators are beyond ASCII: white space in ASCII, nearly all, is not searched)
    newlines >= 2
        || (!ws.is_ascii()
            && (ws.contains('\u{2029}') || (newlines > 0 && ws.contains('\u{2028}'))))
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
    sentences_at(text, tokens, &may_ends(text, tokens), &mut out);
    out
}

/// The positions of the tokens that may end a sentence or a paragraph ([`may_end`]), in
/// order. Each such token holds one of six bytes (".", "!", "?", a line feed, or E2 or E3,
/// which start U+2028, U+2029 and the marks beyond ASCII): those bytes are searched for in
/// the text, and only the tokens holding them are looked at, not every token (the
/// extractor's view of the words finds the same tokens in its own pass).
pub(crate) fn may_ends(text: &str, tokens: &[Token]) -> Vec<u32> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for hits in [
        memchr::memchr3_iter(b'.', b'!', b'?', b),
        memchr::memchr3_iter(b'\n', 0xE2, 0xE3, b),
    ] {
        // the token holding the byte: the bytes come in order, so it only moves on
        let mut k = 0;
        for pos in hits {
            k += first_ending_after(&tokens[k..], pos);
            match tokens.get(k) {
                Some(t) if t.start <= pos && may_end(text, t) => out.push(k as u32),
                Some(_) => {}
                None => break,
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// [`may_ends`] by reading every token: the reference the fast ones are tested against.
#[cfg(test)]
pub(crate) fn may_ends_plain(text: &str, tokens: &[Token]) -> Vec<u32> {
    (0..tokens.len())
        .filter(|&k| may_end(text, &tokens[k]))
        .map(|k| k as u32)
        .collect()
}

/// [`sentences`] into `out` (cleared first), from the positions of the tokens that may end
/// a sentence: in order, exactly those for which [`may_end`] holds ([`may_ends`]; the
/// extractor finds them while it reads the tokens for its view of the words). Only those
/// tokens can end one, so no other is looked at.
pub(crate) fn sentences_at(text: &str, tokens: &[Token], ends: &[u32], out: &mut Vec<Span>) {
    out.clear();
    let b = text.as_bytes();
    // The current sentence's tokens start at `seg` (white space before its first word
    // included); its span is found when it ends, from its first to its last token that is not
    // white space.
    let mut seg = 0;
    // the next token to look at: those before were looked at, or taken into a sentence
    let mut i = 0;
    let n = tokens.len();
    for &k in ends {
        let k = k as usize;
        if k < i {
            continue;
        }
        let Some(&t) = tokens.get(k) else { break };
        i = k + 1;
        let ends = match t.kind {
            // a blank line ([`may_end`])
            TokenKind::LineBreak => {
                push_trimmed(&tokens[seg..k], out);
                seg = k + 1;
                false
            }
            // "U.S." at the end of a sentence: only when a clear sentence starter follows.
            TokenKind::Word => {
                b[t.start..t.end - 1].contains(&b'.') && next_word_is_starter(text, tokens, k)
            }
            _ => {
                let s = t.text(text);
                let first = s.as_bytes()[0];
                if first == b'!' || first == b'?' || s == "\u{3002}" {
                    true
                } else if first == b'.' {
                    s.len() > 1 || !after_abbreviation(text, tokens, k)
                } else {
                    false
                }
            }
        };
        if !ends {
            continue;
        }
        // Take closing quotes and brackets that follow the end mark into this sentence.
        let mut j = k + 1;
        while j < n && is_closing_quote(tokens[j].kind) && !opens_bracket(text, tokens[j]) {
            j += 1;
        }
        // Only a break when white space follows and the next word can start a sentence.
        if j >= n || (tokens[j].is_space() && next_can_start(text, tokens, j)) {
            push_trimmed(&tokens[seg..j], out);
            seg = j;
        }
        i = j;
    }
    push_trimmed(tokens.get(seg..).unwrap_or_default(), out);
}

/// The number of tokens at the start of `tokens` that end at or before byte `pos`: the
/// index of the first token ending after it (as `partition_point` would find it), by a
/// forward walk. The bytes [`may_ends`] looks at are mostly a few tokens apart: a walk over
/// consecutive tokens, which the processor reads ahead, is then cheaper than a binary
/// search's dependent loads scattered over all the tokens left.
#[inline]
fn first_ending_after(tokens: &[Token], pos: usize) -> usize {
    tokens
        .iter()
        .position(|t| t.end > pos)
        .unwrap_or(tokens.len())
}

/// `xs.partition_point(pred)` (`pred` holds on a prefix of `xs`), found by galloping: the
/// ends of runs of 1, 2, 4, ... elements from the front (loads that do not wait for one
/// another), then a binary search in the last run. The cost grows with the answer rather
/// than with `xs.len()`: for the claims' sentence bounds.
pub(crate) fn gallop<T>(xs: &[T], pred: impl Fn(&T) -> bool) -> usize {
    // `pred` holds on all of `xs[..lo]`.
    let mut lo = 0;
    let mut step = 1;
    let hi = loop {
        let k = lo + step;
        if k > xs.len() {
            break xs.len();
        }
        if !pred(&xs[k - 1]) {
            break k - 1;
        }
        lo = k;
        step *= 2;
    };
    lo + xs[lo..hi].partition_point(pred)
}

/// Whether token `t` of `text` may end a sentence or a paragraph: a blank line
/// ([`is_blank_line`]), an end mark ([`mark_may_end`]) or a word ending in a period
/// ([`word_may_end`]). The splitters look at these tokens only.
pub(crate) fn may_end(text: &str, t: &Token) -> bool {
    let b = text.as_bytes().get(t.start..t.end).unwrap_or_default();
    match t.kind {
        TokenKind::LineBreak => is_blank_line(t.text(text)),
        TokenKind::Punct => mark_may_end(b),
        TokenKind::Word => word_may_end(b),
        _ => false,
    }
}

/// Whether punctuation `b` (a [`TokenKind::Punct`] token's bytes) may end a sentence: ".",
/// "!", "?" and runs of them, and the punctuation beyond ASCII that starts with byte E3
/// ("。", among others looked at again).
#[inline]
pub(crate) fn mark_may_end(b: &[u8]) -> bool {
    matches!(b.first(), Some(b'.' | b'!' | b'?' | 0xE3))
}

/// Whether word `b` (a [`TokenKind::Word`] token's bytes) may end a sentence: three bytes or
/// more, ending in a period ("U.S.").
#[inline]
pub(crate) fn word_may_end(b: &[u8]) -> bool {
    b.len() > 2 && b.last() == Some(&b'.')
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
    use crate::testing::xorshift;
    use crate::tokenizer::tokenize;

    #[test]
    fn may_ends_found_by_bytes_as_by_every_token() {
        for text in [
            "",
            ".",
            "U.S. sales rose. Why? Yes!! No...",
            "a\n\nb\r\n\r\nc\n \nd",
            "Line\u{2028}sep\n\u{2028}x\u{2029}y \u{2029}",
            "\u{3002}\u{300c}A\u{300d}\u{3001} B\u{ff01}",
            "Mr. J. R. R. Tolkien Co. Inc.\u{2026} \u{201c}Hi.\u{201d}",
            "\u{2014}\u{2013}\u{20ac}5.2bn. 3.5% of No. 1",
            "...\n\n...\n\n",
        ] {
            let tokens = tokenize(text);
            assert_eq!(
                may_ends(text, &tokens),
                may_ends_plain(text, &tokens),
                "{text:?}"
            );
        }
    }

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

    /// The splitters as first written: every token visited, abbreviations by a list search.
    mod reference {
        use super::super::*;

        fn is_abbreviation(word: &str) -> bool {
            if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
                return true;
            }
            ABBREVIATIONS.contains(&word)
        }

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

        pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Span> {
            let mut out = Vec::new();
            let mut start: Option<usize> = None;
            let mut last_end = 0;
            let n = tokens.len();
            let mut i = 0;
            while i < n {
                let t = tokens[i];
                if t.kind == TokenKind::LineBreak
                    && (is_blank_line(t.text(text)) || start.is_none())
                {
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
                            s.len() > 1
                                || !(i > 0
                                    && tokens[i - 1].kind == TokenKind::Word
                                    && tokens[i - 1].end == t.start
                                    && is_abbreviation(tokens[i - 1].text(text)))
                        } else {
                            false
                        }
                    }
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
                    let mut j = i + 1;
                    while j < n
                        && is_closing_quote(tokens[j].kind)
                        && !opens_bracket(text, tokens[j])
                    {
                        last_end = tokens[j].end;
                        j += 1;
                    }
                    if j >= n || (tokens[j].is_space() && next_can_start(text, tokens, j)) {
                        out.push(Span::new(start.take().unwrap_or(t.start), last_end));
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

        pub fn abbreviation(word: &str) -> bool {
            is_abbreviation(word)
        }
    }

    #[test]
    fn abbreviation_table() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation(w), "{w:?}");
        }
        for w in [
            "", "J", "j", "É", "é", "Ét", "Δ", "MR", "mr", "Mrs", "Mrss", "Messrs", "Messrsx",
            "approx", "Approx", "Sept", "Septe", "Jan", "Jan\u{0}", "Mr\u{0}", "Co", "C", "x",
            "Ltd", "Ltdx", "Treas", "Treasu", "No", "N", "vs", "v", "V", "etc", "Ǆ", "ǅ",
        ] {
            assert_eq!(is_abbreviation(w), reference::abbreviation(w), "{w:?}");
        }
    }

    /// Texts with every case the splitters tell apart.
    const CASES: &[&str] = &[
        "",
        " ",
        "\n\n",
        "One",
        "One.",
        "  One. Two.  ",
        "Title\n\nOne. Two.\n\n\nThree\n",
        "Para one.\r\n\r\nPara two.\n \n Para three.",
        "A\u{2029}B. C\u{2028}\nD.\u{2028}E.",
        "A \u{2028} B\n\u{2028}\nC",
        "“Quoted.” “Again!” he said. ‘Single?’ she asked.",
        "Prices rose 3.5 per cent. No. 5 fell. It was J. R. R. Tolkien. Mr. Li left.",
        "He met Dr. Wang. He met Dr.Wang. Sales in the U.S. The end. In the U.S. it rose.",
        "The U.S. economy grew. In the U.K.\nThe pound fell. U.S.A. and E.U. talks.",
        "Why? Because! Wait... really?! Yes (they did). [Really.] {No.}",
        "中文句子。下一句。 English after. ( Bracket. ) \"Stop!\" he said.",
        "end.\nlower case after a line. Upper After.\n\n\n",
        "Ends with quote.\" Next. Ends with bracket.) Next. Ends with bracket.( next",
        "Étienne said. Émile left. Ünal came. Δ. Ǆ. Sept. 5 was fine. Messrs. Smith and Jones.",
        "\u{2029}\u{2029}Start after separators.\u{2029}",
        "x\n\ny\n\n",
        "  \n\n  \n\n  ",
    ];

    #[test]
    fn same_as_reference_on_cases() {
        let mut texts: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
        for t in [
            include_str!("../examples/chip-localization.txt"),
            include_str!("../examples/earnings-report.txt"),
            include_str!("../examples/gadget-review.txt"),
            include_str!("../examples/trade-tensions.txt"),
        ] {
            texts.push(t.to_string());
        }
        // every prefix of the cases, so that each can end anywhere
        for c in CASES {
            for (i, _) in c.char_indices() {
                texts.push(c[..i].to_string());
            }
        }
        for text in &texts {
            let toks = tokenize(text);
            assert_eq!(
                sentences(text, &toks),
                reference::sentences(text, &toks),
                "{text:?}"
            );
            assert_eq!(
                paragraphs(text, &toks),
                reference::paragraphs(text, &toks),
                "{text:?}"
            );
        }
    }

    #[test]
    fn same_as_reference_on_random_texts() {
        const PIECES: &[&str] = &[
            " ", "  ", "\n", "\n\n", "\r\n", "\u{2028}", "\u{2029}", ".", "..", "!", "?", "。",
            "\"", "”", "’", "'", "(", ")", "[", "]", ",", "Mr", "Dr", "J", "U.S.", "U.S", "The",
            "the", "word", "Word", "Étienne", "émile", "3.5", "No", "5", "-", "—", "%", "’s", "…",
            "、", "「", "」", "A.", "x.", "Co.", "U.S.A", "?!", ".\"",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            let mut text = String::new();
            let len = (xorshift(&mut seed) % 24) as usize;
            for _ in 0..len {
                xorshift(&mut seed);
                text.push_str(PIECES[(seed >> 11) as usize % PIECES.len()]);
            }
            let toks = tokenize(&text);
            assert_eq!(
                sentences(&text, &toks),
                reference::sentences(&text, &toks),
                "{text:?}"
            );
            assert_eq!(
                paragraphs(&text, &toks),
                reference::paragraphs(&text, &toks),
                "{text:?}"
            );
        }
    }

    #[test]
    fn first_ending_after_and_gallop_are_partition_point() {
        let short = "One. Two  three.\n\nFour “five” 六。";
        let long = include_str!("../examples/gadget-review.txt");
        for (text, every) in [(short, 1), (long, 37)] {
            let toks = tokenize(text);
            for from in (0..=toks.len()).step_by(every) {
                for pos in 0..=text.len() + 1 {
                    let rest = &toks[from..];
                    let expect = rest.partition_point(|t| t.end <= pos);
                    assert_eq!(first_ending_after(rest, pos), expect, "{from} {pos}");
                    assert_eq!(gallop(rest, |t| t.end <= pos), expect, "{from} {pos}");
                }
            }
        }
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
