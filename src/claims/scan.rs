//! The claim passes over one document (see the module docs of `claims`).

use super::lexicon::{ClaimLexicon, Cue, CueKind, Gender, GenderCue, Noun};
use super::{Claim, ClaimPart, QuotedTerm, Speaker};
use crate::record::{Entity, EntityKind};
use crate::scratch;
use crate::segment::gallop;
use crate::span::Span;
use crate::tokenizer::{QuoteKind, Token, TokenKind};
use std::cell::{Cell, RefCell};

/// Words that may stand between a subject and its reporting verb (`has always insisted`).
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "also",
    "always",
    "previously",
    "still",
    "now",
    "then",
    "again",
    "already",
    "did",
    "does",
    "do",
    "not",
    "never",
    "could",
    "may",
    "might",
    "should",
    "must",
    "can",
    "once",
    "first",
    "further",
    "later",
    "earlier",
    "recently",
    "too",
    "yesterday",
    "today",
    "subsequently",
    "initially",
    "reportedly",
    "himself",
    "herself",
    "itself",
    "duly",
    "often",
    "long",
    "ever",
    "just",
    "even",
    "both",
];
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
/// Words that end a subject noun phrase on its left: clause openers.
const CLAUSE: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "while",
    "because",
    "although",
    "though",
    "whereas",
    "if",
    "when",
    "as",
    "since",
    "so",
    "where",
    "whether",
    "however",
    "meanwhile",
    "yet",
    "unless",
    "until",
    "but",
    "and",
    "also",
    "then",
    "now",
    "instead",
    "indeed",
    "moreover",
    "furthermore",
    "thus",
    "therefore",
    "still",
    "nonetheless",
    "nevertheless",
];
/// Words a subject noun phrase never contains.
const VERBISH: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would",
    "could", "can", "may", "might", "should", "must", "do", "does", "did", "not", "said", "says",
    "say", "it's", "they're",
];
/// Words that may start the rest of an attribution clause after its verb
/// (`said in a statement`, `told reporters on Monday`).
const TAIL: &[&str] = &[
    "in",
    "at",
    "on",
    "during",
    "after",
    "before",
    "from",
    "to",
    "for",
    "with",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "later",
    "when",
    "while",
    "as",
    "via",
    "by",
    "recently",
    "on",
    "late",
    "early",
    "over",
    "through",
    "ahead",
    "following",
    "afterwards",
    "then",
    "tonight",
    "shortly",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "this",
    "next",
    "previously",
    "also",
    "again",
];
/// Finite-verb markers: a clause follows when one of these comes soon.
const CLAUSEY: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do", "needs", "need", "cannot",
];
/// Negated auxiliaries, with a straight or a curly apostrophe: clausey too.
#[rustfmt::skip] // (laid out one word a line otherwise)
const NEGATED: &[&str] = &[
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "won't", "wouldn't",
    "couldn't", "can't", "shouldn't", "mustn't", "didn't", "doesn't", "don't",
    "isn’t", "aren’t", "wasn’t", "weren’t", "hasn’t", "haven’t", "hadn’t", "won’t", "wouldn’t",
    "couldn’t", "can’t", "shouldn’t", "mustn’t", "didn’t", "doesn’t", "don’t",
];
/// Words after which a cue word is a noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
    "such", "whose", "any", "no", "every", "each", "new", "latest", "recent", "previous",
];
/// Words that start a new noun phrase or clause.
const NP_BREAK: &[&str] = &[
    "the", "a", "an", "most", "many", "some", "all", "it", "he", "she", "they", "we", "there",
    "this", "these", "those", "its", "his", "her", "their", "more", "about", "only",
];
/// Words that link noun phrases.
const LINKS: &[&str] = &[
    "of", "and", "for", "from", "by", "at", "in", "on", "with", "to", "&",
];
/// Titles abbreviated with a period.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Rep", "Sen", "Gov", "Gen", "Lt", "Col", "Capt", "Maj", "Sgt", "Prof",
    "Rev", "St", "Jr", "Sr", "Supt", "Insp", "Det", "Adm", "Cmdr", "Hon", "Pres",
];
/// Words that may open the speaker after an inverted cue: "..., said the minister", "...,
/// say some Democrats", "..., warned former analyst X" (not "its", "one": "X, the owner,
/// said one miner died" is the subject's).
const INVERTED_SPEAKER_START: &[&str] = &[
    "the", "a", "some", "several", "many", "most", "few", "other", "former",
];
/// Relative pronouns that open a clause inside a noun phrase ("X, which ..., said").
const RELATIVES: &[&str] = &["which", "who", "whose"];
/// Words that open a subordinate clause before the main one ("As he arrived, ...").
const SUBORDINATORS: &[&str] = &[
    "as", "when", "while", "after", "before", "although", "though", "because", "since", "if",
    "once", "whereas", "until", "unless",
];
/// Question words: a reporting verb after one is inside an embedded question.
const WH: &[&str] = &["what", "how", "why", "whatever", "whether", "whom"];
const PRONOUNS_PERSON: &[&str] = &["he", "she"];
const PRONOUNS_THING: &[&str] = &["it", "they"];
const FIRST_PERSON: &[&str] = &["i", "we", "our", "us", "my", "me", "we've", "we're", "i'm"];
/// The subjects [`Doc::pronoun_clause`] knows besides "he" and "she" (one class lookup, cached
/// per token, instead of a comparison with each).
const SUBJECTS: &[&str] = &["there", "they", "we", "i", "it"];

/// Whether `w` may be one of [`PRONOUNS_PERSON`] and [`SUBJECTS`] by its length and first
/// byte: a test before the look-up of its class (a test of the class alone looks up every
/// word after a cue; see `subject_test_is_necessary`).
#[inline]
fn maybe_subject(w: &[u8]) -> bool {
    w.len() <= 5
        && w.first()
            .is_some_and(|b| matches!(b | 0x20, b'h' | b's' | b't' | b'w' | b'i'))
}

/// Word classes, compiled into one table by `ClaimLexicon::builtin`.
pub(crate) const C_AUX: u16 = 1 << 0;
pub(crate) const C_BE: u16 = 1 << 1;
pub(crate) const C_CLAUSE: u16 = 1 << 2;
pub(crate) const C_CLAUSEY: u16 = 1 << 3;
pub(crate) const C_DETERMINERS: u16 = 1 << 4;
pub(crate) const C_FIRST_PERSON: u16 = 1 << 5;
pub(crate) const C_LINKS: u16 = 1 << 6;
pub(crate) const C_NP_BREAK: u16 = 1 << 7;
pub(crate) const C_PRONOUNS_PERSON: u16 = 1 << 8;
pub(crate) const C_PRONOUNS_THING: u16 = 1 << 9;
pub(crate) const C_TAIL: u16 = 1 << 10;
pub(crate) const C_VERBISH: u16 = 1 << 11;
pub(crate) const C_WH: u16 = 1 << 12;
pub(crate) const C_SUBJECTS: u16 = 1 << 13;
/// Not a set of classes: a class not looked up yet.
const UNKNOWN_CLASS: u16 = u16::MAX;
pub(crate) const CLASS_LISTS: &[(&[&str], u16)] = &[
    (AUX, C_AUX),
    (BE, C_BE),
    (CLAUSE, C_CLAUSE),
    (CLAUSEY, C_CLAUSEY),
    (NEGATED, C_CLAUSEY),
    (DETERMINERS, C_DETERMINERS),
    (FIRST_PERSON, C_FIRST_PERSON),
    (LINKS, C_LINKS),
    (NP_BREAK, C_NP_BREAK),
    (PRONOUNS_PERSON, C_PRONOUNS_PERSON),
    (PRONOUNS_THING, C_PRONOUNS_THING),
    (TAIL, C_TAIL),
    (VERBISH, C_VERBISH),
    (WH, C_WH),
    (SUBJECTS, C_SUBJECTS),
];

/// The gender signs tell when they all agree: male only, female only, or neither known.
fn one_gender(male: bool, female: bool) -> Option<Gender> {
    match (male, female) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

fn has(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QState {
    Free,
    Claimed,
    Absorbed,
}

/// A quotation: sig-token indices.
#[derive(Clone, Copy, Debug)]
struct Quote {
    open: Option<usize>,
    close: Option<usize>,
    /// First content token.
    c0: usize,
    /// One past the last content token.
    c1: usize,
    state: QState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    Start,
    Comma,
    Clause,
    /// After "and"/"but": a second subject in a sentence.
    And,
}

#[derive(Clone, Copy, Debug)]
struct Subj {
    a: usize,
    b: usize,
    appos: Option<(usize, usize)>,
    bound: Bound,
}

/// A speaker as found, before resolution: a noun phrase (sig range) or a copy of the previous
/// claim's speaker.
#[derive(Clone, Copy, Debug)]
enum SpkRaw {
    Np(Subj),
    /// The first entity mention or pronoun of the sentence starting at this sig index.
    SentenceSubject(usize, usize),
    Same,
}

#[derive(Clone, Debug)]
struct Raw {
    kind: &'static str,
    speaker: SpkRaw,
    cue: Option<(usize, usize)>,
    parts: Vec<(usize, usize)>,
    addressee: Option<(usize, usize)>,
    rule: &'static str,
    /// Byte region the claim occupies (content and attribution).
    region: (usize, usize),
}

/// A speaker resolved already: where its claim starts, the speaker, its entity kind, and
/// whether it is people ([`Doc::people`]).
type Prev = (usize, Option<Speaker>, Option<EntityKind>, People);

/// Whether a speaker is people, and how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum People {
    /// Not people, or not known to be.
    No,
    /// One person: a later "he" or "she" may be them.
    One,
    /// Several people: a later "it" is not them.
    Many,
}

struct Sent {
    a: usize,
    b: usize,
    para: usize,
}

struct Doc<'a> {
    text: &'a str,
    lex: &'a ClaimLexicon,
    entities: &'a [Entity],
    /// The sig tokens: the tokens but white space.
    t: &'a [Token],
    sents: Vec<Sent>,
    sent_of: Vec<u32>,
    quotes: Vec<Quote>,
    /// For each sig token inside a quotation, nothing; we keep quotations sorted by c0 and
    /// search them.
    cues: Vec<(usize, Cue)>,
    /// The same cues by sig token.
    cue_of: Vec<Option<Cue>>,
    mentions: Vec<(usize, usize, usize)>,
    /// The word classes of each sig token, looked up when first asked for.
    classes: Vec<Cell<u16>>,
    /// The speaker noun of each sig token, looked up when first asked for (see
    /// [`Doc::noun_of`]).
    nouns: Vec<Cell<Option<Option<Noun>>>>,
    /// The quotation marks found (sig index, role, single, width in tokens); kept only to
    /// hand the buffer back (see [`Scratch`]).
    marks: Vec<(usize, Role, bool, usize)>,
    /// Sig tokens before this index are a headline.
    body: usize,
    /// The answers of [`Doc::document_owner`] so far, by noun (each a scan of the whole
    /// document, which the same noun would repeat: "the report said ... the report added").
    owners: RefCell<Vec<(&'a str, Owner)>>,
    /// The gender of each entity, worked out when a pronoun first asks (see
    /// [`Doc::entity_gender`]): `None` not yet, `Some(None)` none known.
    genders: RefCell<Vec<Option<Option<Gender>>>>,
}

/// What [`Doc::document_owner`] finds: an entity, or else a capitalized name (sig range).
type Owner = Option<Result<usize, (usize, usize)>>;

pub(crate) fn run(
    lex: &ClaimLexicon,
    text: &str,
    tokens: &[Token],
    words: &[Token],
    sentences: &[Span],
    paragraphs: &[Span],
    entities: &[Entity],
) -> (Vec<Claim>, Vec<QuotedTerm>) {
    // The per-document buffers come from this thread's scratch and go back to it, so a batch
    // allocates them once per thread instead of once per document. `take` leaves an empty
    // scratch behind: a nested call (there is none) would only allocate its own.
    let mut scratch = scratch::take(&SCRATCH);
    let out = match Doc::new(
        lex,
        text,
        tokens,
        words,
        sentences,
        paragraphs,
        entities,
        &mut scratch,
    ) {
        Some(mut doc) => {
            let out = doc.extract();
            scratch = doc.into_scratch();
            out
        }
        None => (Vec::new(), Vec::new()),
    };
    scratch::give(&SCRATCH, scratch);
    out
}

/// The buffers of a [`Doc`], kept between documents (see [`run`]). Their contents are
/// meaningless between documents: `Doc::new` clears each before filling it.
#[derive(Default)]
struct Scratch {
    sents: Vec<Sent>,
    sent_of: Vec<u32>,
    cues: Vec<(usize, Cue)>,
    cue_of: Vec<Option<Cue>>,
    marks: Vec<(usize, Role, bool, usize)>,
    mentions: Vec<(usize, usize, usize)>,
    classes: Vec<Cell<u16>>,
    nouns: Vec<Cell<Option<Option<Noun>>>>,
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

fn quote_role(text: &str, tokens: &[Token], j: usize, j_last: usize, k: QuoteKind) -> (Role, bool) {
    let prev_open = j == 0 || {
        let p = tokens[j - 1];
        p.is_space()
            || p.kind == TokenKind::Dash
            || matches!(p.kind, TokenKind::Quote(_))
            || (p.kind == TokenKind::Punct && matches!(p.text(text), "(" | "[" | "{" | ":"))
    };
    let next_close = j_last + 1 >= tokens.len() || {
        let n = tokens[j_last + 1];
        n.is_space()
            || matches!(
                n.kind,
                TokenKind::Punct | TokenKind::Dash | TokenKind::Quote(_)
            )
    };
    let next_space = j_last + 1 >= tokens.len() || tokens[j_last + 1].is_space();
    let flank = |_: ()| {
        if prev_open && !next_space {
            Role::Open
        } else if !prev_open && next_close {
            Role::Close
        } else {
            Role::None
        }
    };
    match k {
        QuoteKind::DoubleOpen | QuoteKind::GuillemetOpen | QuoteKind::CornerOpen => {
            (Role::Open, false)
        }
        QuoteKind::DoubleClose | QuoteKind::GuillemetClose | QuoteKind::CornerClose => {
            (Role::Close, false)
        }
        QuoteKind::DoubleStraight => (flank(()), false),
        QuoteKind::SingleOpen => (Role::Open, true),
        QuoteKind::SingleStraight | QuoteKind::SingleClose => (flank(()), true),
        #[allow(unreachable_patterns)]
        _ => (Role::None, false),
    }
}

/// One pass over the sig tokens `t` (the tokens but white space, which the entity view has
/// made already): the cues into `cues` and the quotation marks into `marks` (sig index, role,
/// single, width in tokens). Whether a colon is among them.
///
/// (A function of its own, not inlined, and the quotation marks handled out of line: the
/// loop is the one part of the claims that runs over every token, and kept this small the
/// compiler keeps its state in registers.)
#[inline(never)]
fn sig_tokens(
    lex: &ClaimLexicon,
    text: &str,
    tokens: &[Token],
    t: &[Token],
    cues: &mut Vec<(usize, Cue)>,
    marks: &mut Vec<(usize, Role, bool, usize)>,
) -> bool {
    let mut skip_mark = false;
    let mut colon = false;
    for (i, &tok) in t.iter().enumerate() {
        match tok.kind {
            TokenKind::Word => {
                if let Some(c) = lex.cue_at(text, tok.start, tok.end) {
                    cues.push((i, c));
                }
            }
            TokenKind::Punct => colon |= text.as_bytes().get(tok.start..tok.end) == Some(b":"),
            // (the second mark of a doubled one goes with the first)
            TokenKind::Quote(k) => {
                skip_mark = !skip_mark && quote_mark(text, tokens, i, tok, k, marks)
            }
            _ => {}
        }
    }
    colon
}

/// The quotation mark `tok` of kind `k`, sig token `i`, into `marks` (see [`sig_tokens`]),
/// unless it has no role. Whether it is the first of a doubled mark (`''` used as a double
/// quotation mark), whose second mark is to be skipped.
#[inline(never)]
fn quote_mark(
    text: &str,
    tokens: &[Token],
    i: usize,
    tok: Token,
    k: QuoteKind,
    marks: &mut Vec<(usize, Role, bool, usize)>,
) -> bool {
    // The mark's index among all tokens (spaces included): the first token starting where
    // it starts (the mark's own unless an empty token precedes it). A search, as the words
    // do not keep their places among all tokens: quotation marks are few.
    let j = tokens.partition_point(|x| x.start < tok.start);
    // '' used as a double quotation mark
    let doubled = !k.is_double()
        && tokens.get(j + 1).is_some_and(|n| {
            matches!(n.kind, TokenKind::Quote(k2) if !k2.is_double()) && n.start == tok.end
        });
    if doubled {
        let (role, _) = quote_role(text, tokens, j, j + 1, QuoteKind::DoubleStraight);
        if role != Role::None {
            marks.push((i, role, false, 2));
        }
        return true;
    }
    let (role, single) = quote_role(text, tokens, j, j, k);
    if role != Role::None {
        marks.push((i, role, single, 1));
    }
    false
}

/// Inserts `x` into the sorted `xs`, keeping it sorted (a push and a sort, without the sort:
/// the claims' regions are inserted one at a time).
fn insert_sorted(xs: &mut Vec<(usize, usize)>, x: (usize, usize)) {
    let k = xs.partition_point(|y| *y < x);
    xs.insert(k, x);
}

/// Whether the tokens `t[a..b]` hold at least `k` words (or numbers): their count `>= k`,
/// but the walk stops at the `k`th (the rules ask this of whole sentences, and want two or
/// three words).
fn words_at_least(t: &[Token], a: usize, b: usize, k: usize) -> bool {
    k == 0
        || t[a.min(b)..b]
            .iter()
            .filter(|x| x.is_wordlike())
            .nth(k - 1)
            .is_some()
}

/// The word classes of sig token `i` of `t`, looked up once and kept in `classes`.
#[inline]
fn cached_class(
    lex: &ClaimLexicon,
    text: &str,
    t: &[Token],
    classes: &[Cell<u16>],
    i: usize,
) -> u16 {
    let c = classes[i].get();
    if c != UNKNOWN_CLASS {
        return c;
    }
    let tk = t[i];
    let c = lex.class_at(text, tk.start, tk.end);
    classes[i].set(c);
    c
}

impl<'a> Doc<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        lex: &'a ClaimLexicon,
        text: &'a str,
        tokens: &[Token],
        t: &'a [Token],
        sent_spans: &[Span],
        para_spans: &[Span],
        entities: &'a [Entity],
        scratch: &mut Scratch,
    ) -> Option<Doc<'a>> {
        let mut cues = std::mem::take(&mut scratch.cues);
        let mut marks = std::mem::take(&mut scratch.marks);
        cues.clear();
        // (sig index, role, single, width in tokens)
        marks.clear();
        let colon = sig_tokens(lex, text, tokens, t, &mut cues, &mut marks);
        // Nothing to attribute and nothing quoted: no need for sentences.
        if cues.is_empty() && marks.is_empty() && !colon {
            scratch.cues = cues;
            scratch.marks = marks;
            return None;
        }
        let mut sents = std::mem::take(&mut scratch.sents);
        let mut sent_of = std::mem::take(&mut scratch.sent_of);
        let mut cue_of = std::mem::take(&mut scratch.cue_of);
        let mut mentions = std::mem::take(&mut scratch.mentions);
        let mut classes = std::mem::take(&mut scratch.classes);
        let mut nouns = std::mem::take(&mut scratch.nouns);
        // Sentences and paragraphs, in sig indices.
        sents.clear();
        sent_of.clear();
        sent_of.resize(t.len(), 0);
        let mut i = 0;
        let mut p = 0;
        for s in sent_spans {
            // Sig tokens are sorted and disjoint: binary searches instead of a walk.
            // Sig tokens are sorted and disjoint, and a sentence starts near where the last
            // one ended: searches galloping from `i`.
            i += gallop(&t[i..], |x| x.end <= s.start);
            let a = i;
            i += gallop(&t[i..], |x| x.start < s.end);
            sent_of[a..i].fill(sents.len() as u32);
            while p + 1 < para_spans.len() && para_spans[p].end <= s.start {
                p += 1;
            }
            if a < i {
                sents.push(Sent { a, b: i, para: p });
            }
        }
        // Headline: a first paragraph of one short sentence without a final stop.
        let mut body = 0;
        if para_spans.len() > 1 && !sents.is_empty() && sents[0].para == 0 {
            let s0 = &sents[0];
            let last = t[s0.b - 1];
            let stops =
                last.kind == TokenKind::Punct && matches!(last.text(text), "." | "!" | "?" | ":");
            let single_sentence = sents.len() < 2 || sents[1].para != 0;
            if single_sentence && !stops && s0.b - s0.a <= 30 {
                body = s0.b;
            }
        }
        let n = t.len();
        // (before the cues' test below, which asks the class of the word before each cue,
        // as the rules ask again later)
        classes.clear();
        classes.resize(n, Cell::new(UNKNOWN_CLASS));
        // A cue word that is capitalized inside a sentence is part of a name ("Ask Jeeves");
        // after a determiner or a possessive it is a noun ("the claims", "its report").
        cues.retain(|&(i, _)| {
            let w = t[i].text(text);
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if cap {
                // Not the sentence's first word.
                let s = &sents[sent_of[i] as usize];
                if (s.a..i).any(|k| t[k].kind == TokenKind::Word) {
                    return false;
                }
            }
            if i > 0 {
                let p = t[i - 1];
                if p.kind == TokenKind::Possessive
                    || (p.kind == TokenKind::Word
                        && cached_class(lex, text, t, &classes, i - 1) & C_DETERMINERS != 0)
                {
                    return false;
                }
            }
            true
        });
        mentions.clear();
        for (ei, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                mentions.push((m.start, m.end, ei));
            }
        }
        mentions.sort_unstable();
        cue_of.clear();
        cue_of.resize(n, None);
        for &(i, c) in &cues {
            cue_of[i] = Some(c);
        }
        nouns.clear();
        // (`None`: not looked up yet)
        nouns.resize(n, Cell::new(None));
        let mut doc = Doc {
            text,
            lex,
            entities,
            t,
            sents,
            sent_of,
            quotes: Vec::new(),
            cues,
            mentions,
            classes,
            nouns,
            cue_of,
            marks,
            body,
            owners: RefCell::new(Vec::new()),
            genders: RefCell::new(Vec::new()),
        };
        let marks = std::mem::take(&mut doc.marks);
        doc.pair_quotes(&marks);
        doc.marks = marks;
        Some(doc)
    }

    /// The buffers back, for the next document.
    fn into_scratch(self) -> Scratch {
        Scratch {
            sents: self.sents,
            sent_of: self.sent_of,
            cues: self.cues,
            cue_of: self.cue_of,
            marks: self.marks,
            mentions: self.mentions,
            classes: self.classes,
            nouns: self.nouns,
        }
    }

    // ---- token helpers ----

    /// Whether the word is in one of the classes in `flags`.
    #[inline]
    fn is_at(&self, i: usize, flags: u16) -> bool {
        self.class_of(i) & flags != 0
    }
    /// The word classes of sig token `i`.
    #[inline]
    fn class_of(&self, i: usize) -> u16 {
        cached_class(self.lex, self.text, self.t, &self.classes, i)
    }
    /// The speaker-noun class of sig token `i` (kept in `nouns`: the rules ask again for the
    /// words of a speaker's phrase).
    fn noun_of(&self, i: usize) -> Option<Noun> {
        if let Some(noun) = self.nouns[i].get() {
            return noun;
        }
        let t = self.t[i];
        let noun = self.lex.noun_at(self.text, t.start, t.end);
        self.nouns[i].set(Some(noun));
        noun
    }
    fn w(&self, i: usize) -> &'a str {
        self.t[i].text(self.text)
    }
    /// The bytes of sig token `i` (no char-boundary checks, unlike [`w`](Self::w)).
    #[inline]
    fn wb(&self, i: usize) -> &'a [u8] {
        let t = self.t[i];
        &self.text.as_bytes()[t.start..t.end]
    }
    /// Whether sig token `i` is `s`, ASCII case-insensitive (the lengths compared first: most
    /// words differ in theirs).
    #[inline]
    fn eqi(&self, i: usize, s: &str) -> bool {
        self.t.get(i).is_some_and(|t| {
            t.end.wrapping_sub(t.start) == s.len()
                && self.text.as_bytes()[t.start..t.end].eq_ignore_ascii_case(s.as_bytes())
        })
    }
    fn punct(&self, i: usize, s: &str) -> bool {
        self.t.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct && self.text.as_bytes()[t.start..t.end] == *s.as_bytes()
        })
    }
    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }
    fn is_cap(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i).filter(|t| t.kind == TokenKind::Word) else {
            return false;
        };
        match self.text.as_bytes()[t.start..t.end].first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => t
                .text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
        }
    }
    /// A period after a short capitalized word it touches: "Rep.", "Sen.", "Gov.".
    fn abbrev_dot(&self, i: usize) -> bool {
        i > 0
            && self.wb(i) == b"."
            && self.is_cap(i - 1)
            && self.t[i - 1].end == self.t[i].start
            && (self.w(i - 1).len() == 1 || has(TITLES, self.w(i - 1)))
            && i + 1 < self.t.len()
            && self.is_cap(i + 1)
    }
    fn sent_end_punct(&self, i: usize) -> bool {
        // ". ! ? ... … 。 ;"
        self.t[i].kind == TokenKind::Punct
            && matches!(
                self.wb(i),
                b"." | b"!" | b"?" | b"..." | b"\xE2\x80\xA6" | b"\xE3\x80\x82" | b";"
            )
    }
    fn para_of(&self, i: usize) -> usize {
        self.sents
            .get(self.sent_of[i] as usize)
            .map_or(0, |s| s.para)
    }
    fn sent(&self, i: usize) -> &Sent {
        &self.sents[self.sent_of[i] as usize]
    }
    fn cue_at(&self, i: usize) -> Option<Cue> {
        self.cue_of.get(i).copied().flatten()
    }
    /// The cues among the sig tokens `a..b`, in order: the rules that look for a cue in a
    /// stretch of text jump from one to the next instead of asking each token.
    fn cues_in(&self, a: usize, b: usize) -> &[(usize, Cue)] {
        let from = &self.cues[self.cues.partition_point(|x| x.0 < a)..];
        // (a walk for the end: a stretch holds few cues)
        &from[..from.iter().take_while(|x| x.0 < b).count()]
    }
    fn is_quote_mark(&self, i: usize) -> bool {
        matches!(self.t[i].kind, TokenKind::Quote(_))
    }
    /// The quotation whose content holds sig token `i`.
    fn quote_of(&self, i: usize) -> Option<usize> {
        let k = self.quotes.partition_point(|q| q.c0 <= i);
        if k == 0 {
            return None;
        }
        let q = &self.quotes[k - 1];
        (i < q.c1 || q.close == Some(i) || q.open == Some(i)).then_some(k - 1)
    }
    /// The quotation whose opening mark is sig token `i`.
    fn quote_opened_at(&self, i: usize) -> Option<usize> {
        if !self.is_quote_mark(i) {
            return None;
        }
        let k = self.quotes.partition_point(|q| q.c0 <= i + 1);
        if k > 0 && self.quotes[k - 1].open == Some(i) {
            Some(k - 1)
        } else {
            None
        }
    }
    fn in_quote(&self, i: usize) -> bool {
        self.quote_of(i).is_some()
    }
    fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b {
            let p = self.t.get(a).map_or(self.text.len(), |t| t.start);
            return (p, p);
        }
        (self.t[a].start, self.t[b - 1].end)
    }
    fn slice(&self, a: usize, b: usize) -> &'a str {
        let (s, e) = self.bytes(a, b);
        &self.text[s..e]
    }
    /// Whether the sig tokens `a..b` hold at least `k` words (see [`words_at_least`]).
    fn words_at_least(&self, a: usize, b: usize, k: usize) -> bool {
        words_at_least(self.t, a, b, k)
    }

    // ---- quotations ----

    fn pair_quotes(&mut self, marks: &[(usize, Role, bool, usize)]) {
        let mut quotes: Vec<Quote> = Vec::new();
        let para_end = |doc: &Doc, i: usize| -> usize {
            let p = doc.para_of(i);
            let mut k = doc.sent_of[i] as usize;
            while k + 1 < doc.sents.len() && doc.sents[k + 1].para == p {
                k += 1;
            }
            doc.sents.get(k).map_or(i + 1, |s| s.b)
        };
        // Double (and double-like) marks.
        let mut open: Option<usize> = None;
        let mut ow = 1;
        for &(i, role, single, w) in marks {
            if single {
                continue;
            }
            if let Some(o) = open {
                if self.para_of(o) != self.para_of(i) {
                    let e = para_end(self, o);
                    quotes.push(Quote {
                        open: Some(o),
                        close: None,
                        c0: o + ow,
                        c1: e,
                        state: QState::Free,
                    });
                    open = None;
                }
            }
            match role {
                Role::Open => {
                    if let Some(o) = open {
                        quotes.push(Quote {
                            open: Some(o),
                            close: None,
                            c0: o + ow,
                            c1: i,
                            state: QState::Free,
                        });
                    }
                    open = Some(i);
                    ow = w;
                }
                Role::Close => {
                    if let Some(o) = open.take() {
                        quotes.push(Quote {
                            open: Some(o),
                            close: Some(i + w - 1),
                            c0: o + ow,
                            c1: i,
                            state: QState::Free,
                        });
                    }
                }
                Role::None => {}
            }
        }
        if let Some(o) = open {
            let e = para_end(self, o);
            quotes.push(Quote {
                open: Some(o),
                close: None,
                c0: o + ow,
                c1: e,
                state: QState::Free,
            });
        }
        quotes.retain(|q| q.c1 > q.c0 && (q.c0..q.c1).any(|i| self.t[i].is_wordlike()));
        // Single marks, outside double quotations, closed within 40 tokens in one paragraph.
        let doubles = quotes.clone();
        let inside_double = |i: usize| {
            let k = doubles.partition_point(|q| q.c0 <= i);
            k > 0 && i <= doubles[k - 1].c1
        };
        let mut sopen: Option<usize> = None;
        for &(i, role, single, _) in marks {
            if !single || inside_double(i) {
                continue;
            }
            match role {
                Role::Open => sopen = Some(i),
                Role::Close => {
                    if let Some(o) = sopen.take() {
                        if i - o <= 40
                            && self.para_of(o) == self.para_of(i)
                            && (o + 1..i).any(|k| self.t[k].is_wordlike())
                        {
                            quotes.push(Quote {
                                open: Some(o),
                                close: Some(i),
                                c0: o + 1,
                                c1: i,
                                state: QState::Free,
                            });
                        }
                    }
                }
                Role::None => {}
            }
        }
        quotes.sort_by_key(|q| q.c0);
        // Drop quotations nested in others (they are part of the outer one).
        let mut out: Vec<Quote> = Vec::with_capacity(quotes.len());
        for q in quotes {
            if let Some(last) = out.last() {
                if q.c0 < last.c1 {
                    continue;
                }
            }
            out.push(q);
        }
        self.quotes = out;
    }

    // ---- noun phrases ----

    fn is_aux(&self, i: usize) -> bool {
        // Lower case only: "Long said" is a name.
        self.is_word(i)
            && !self.is_cap(i)
            && (self.is_at(i, C_AUX) || {
                let w = self.wb(i);
                w.len() > 4 && w.ends_with(b"ly")
            })
    }

    /// The subject of the reporting verb at `c`, looking no further left than `lo`.
    fn subject_before(&self, c: usize, lo: usize) -> Option<Subj> {
        self.subject_left_of(c, lo, self.skip_aux(c, lo)?)
    }

    /// [`subject_before`](Self::subject_before) given `i`, what `skip_aux(c, lo)` gave (for a
    /// caller that has asked that already).
    fn subject_left_of(&self, c: usize, lo: usize, i: usize) -> Option<Subj> {
        // "the weblog which said", "Mr Li, who said"
        if i > lo && (self.eqi(i - 1, "which") || self.eqi(i - 1, "who")) {
            let mut k = i - 1;
            let comma = k > lo && self.punct(k - 1, ",");
            if comma {
                k -= 1;
            }
            // (or the name just before: "... with help from Labor Secretary Thomas Perez,
            // who said"; not "who will report to", "who agreed to buy")
            let speech = self.cue_at(c).is_some_and(|x| {
                matches!(
                    x.kind,
                    CueKind::Say | CueKind::SayClause | CueKind::Tell | CueKind::Think
                )
            }) && !(c + 1 < self.t.len() && self.is_at(c + 1, C_LINKS));
            return self.np_before(k, lo).or_else(|| {
                if !(comma && speech) {
                    return None;
                }
                let mut j = k;
                while j > lo && k - j < 5 && (self.is_cap(j - 1) || self.abbrev_dot(j - 1)) {
                    j -= 1;
                }
                (j < k && self.is_cap(k - 1)).then_some(Subj {
                    a: j,
                    b: k,
                    appos: None,
                    bound: Bound::Comma,
                })
            });
        }
        let mut s = self.np_before(i, lo)?;
        // "Li Jun, President of Sugon told": the phrase after the comma is a role.
        if s.bound == Bound::Comma && s.appos.is_none() && s.a > lo && self.punct(s.a - 1, ",") {
            let role_head = self.is_word(s.a)
                && (self.noun_of(s.a) == Some(Noun::PersonRole)
                    || (self.eqi(s.a, "the")
                        && s.a + 1 < s.b
                        && self.noun_of(s.a + 1) == Some(Noun::PersonRole)));
            if role_head
                && self
                    .mentions_in(self.t[s.a].start, self.t[s.b - 1].end)
                    .iter()
                    .all(|m| self.entities[m.2].kind != EntityKind::Person)
            {
                if let Some(mut h) = self.np_before(s.a - 1, lo) {
                    if h.b - h.a <= 4 && self.is_cap(h.b - 1) {
                        h.appos = Some((s.a, s.b));
                        s = h;
                    }
                }
            }
        }
        Some(s)
    }

    /// Skips auxiliaries and adverbs left of `c`; `None` for a passive. Before an `-ing` cue a
    /// form of "be" is the progressive ("is predicting that") and skipped too.
    fn skip_aux(&self, c: usize, lo: usize) -> Option<usize> {
        let progressive = self.cue_at(c).is_some_and(|x| x.gerund);
        let mut i = c;
        while i > lo && (self.is_aux(i - 1) || self.is_at(i - 1, C_BE)) {
            if self.is_at(i - 1, C_BE) && (!progressive || self.eqi(i - 1, "being")) {
                return None; // passive: "is expected", "was told"
            }
            i -= 1;
        }
        Some(i)
    }

    /// Whether the `-ing` cue at `c` is a progressive verb: a form of "be" (not "being")
    /// before it, perhaps with adverbs between ("are increasingly admitting").
    fn progressive(&self, c: usize, lo: usize) -> bool {
        let mut k = c;
        while k > lo && self.is_aux(k - 1) && !self.is_at(k - 1, C_BE) {
            k -= 1;
        }
        k > lo && self.is_at(k - 1, C_BE) && !self.eqi(k - 1, "being")
    }

    /// The noun phrase that ends at `i` (exclusive), with an apposition between commas or
    /// dashes.
    fn np_before(&self, i: usize, lo: usize) -> Option<Subj> {
        let mut appos = None;
        let mut head_end = i;
        let sep = |k: usize| self.punct(k, ",") || self.t[k].kind == TokenKind::Dash;
        if i > lo && sep(i - 1) {
            let dash = self.t[i - 1].kind == TokenKind::Dash;
            let k = i - 1;
            // A relative clause between commas holds verbs: "A banker, who estimated the
            // deficit at eight billion, said".
            let relative = !dash
                && (k.saturating_sub(24).max(lo)..k)
                    .rev()
                    .find(|&x| self.punct(x, ","))
                    .is_some_and(|x| has(RELATIVES, self.w(x + 1)));
            let mut m = k;
            while m > lo
                && !(if dash {
                    self.t[m - 1].kind == TokenKind::Dash
                } else {
                    self.punct(m - 1, ",")
                })
                && k - m < 24
                && (dash || relative || !self.verbish(m - 1))
                && (!self.sent_end_punct(m - 1) || self.abbrev_dot(m - 1))
                && !self.is_quote_mark(m - 1)
            {
                m -= 1;
            }
            if m > lo && sep(m - 1) && m < k {
                appos = Some((m, k));
                head_end = m - 1;
            } else if m == lo && m < k && !dash {
                return Some(Subj {
                    a: lo,
                    b: k,
                    appos: None,
                    bound: Bound::Start,
                });
            } else {
                return None;
            }
        }
        let mut j = head_end;
        let mut last_and = None;
        let mut bound = Bound::Start;
        // The start of a relative clause inside the subject ("Republicans who have praised
        // him warned"): the speaker ends there.
        let mut rel = None;
        // Tokens of tickers skipped.
        let mut ticker = 0;
        while j > lo {
            let p = j - 1;
            let tk = self.t[p];
            // The tests of the token's text against ")", ">" and "." below are for other
            // tokens than words: a word starts with a letter.
            if tk.kind != TokenKind::Word {
                // A parenthesis inside a name: "Sen. Rand Paul (R-Ky.) said".
                if self.wb(p) == b")" {
                    if let Some(o) = (p.saturating_sub(8).max(lo)..p).rev().find(|&k| {
                        self.t[k].kind == TokenKind::Punct && matches!(self.wb(k), b"(" | b")")
                    }) {
                        if self.wb(o) == b"(" && o > lo && o + 1 < p && self.is_word(o - 1) {
                            j = o;
                            continue;
                        }
                    }
                }
                // Angle brackets (Reuters copy): a ticker after a name is skipped ("Deutsche
                // Babcock AG <DBCG.G> said"); an unlisted company's name inside them is kept
                // ("<Battery Group Ltd> said").
                if self.wb(p) == b">" && tk.kind == TokenKind::Symbol {
                    if let Some(o) = self.ticker_open(p, lo) {
                        // (not part of the speaker when it ends the phrase, nor counted in its
                        // length)
                        if p + 1 == head_end {
                            head_end = o;
                        }
                        ticker += p + 1 - o;
                        j = o;
                        continue;
                    }
                }
                let abbrev_dot = self.wb(p) == b"."
                    && p > lo
                    && self.is_cap(p - 1)
                    && self.t[p - 1].end == tk.start
                    && (self.w(p - 1).len() == 1 || has(TITLES, self.w(p - 1)));
                if tk.kind == TokenKind::Punct
                    && !matches!(self.wb(p), b"(" | b")" | b"&")
                    && !abbrev_dot
                {
                    bound = Bound::Comma;
                    break;
                }
                if matches!(tk.kind, TokenKind::Quote(_) | TokenKind::Dash) {
                    bound = Bound::Comma;
                    break;
                }
            }
            if tk.kind == TokenKind::Word {
                let w = self.wb(p);
                let cls = self.class_of(p);
                if cls & C_WH != 0 {
                    return None;
                }
                // ("and", "but" and "who" are clause openers too: the other words need no
                // comparison with them)
                if cls & C_CLAUSE != 0 {
                    if w.eq_ignore_ascii_case(b"and") || w.eq_ignore_ascii_case(b"but") {
                        last_and.get_or_insert(p);
                    } else if rel.is_none()
                        && w.eq_ignore_ascii_case(b"who")
                        && self.antecedent(p, lo)
                    {
                        // "one analyst who follows the stock said": the speaker ends before
                        // the relative clause.
                        rel = Some(p);
                        j = p;
                        continue;
                    } else {
                        bound = Bound::Clause;
                        break;
                    }
                }
                let verbish = cls & C_VERBISH != 0
                    || self.cue_at(p).is_some_and(|c| {
                        c.kind != CueKind::According && !c.gerund && !self.is_cap(p)
                    });
                if verbish {
                    match (last_and, self.relative_start(p, lo)) {
                        (Some(x), _) => {
                            j = x + 1;
                            bound = Bound::And;
                            break;
                        }
                        (None, Some(w)) if rel.is_none() => {
                            rel = Some(w);
                            j = w;
                            continue;
                        }
                        _ => return None,
                    }
                }
            }
            j -= 1;
            if head_end - j > ticker + if rel.is_some() { 26 } else { 16 } {
                return None;
            }
        }
        // "and"/"but" right at the left edge belongs to the clause, not the subject.
        while j < head_end && (self.eqi(j, "and") || self.eqi(j, "but")) {
            j += 1;
            bound = Bound::And;
        }
        // so does a focusing or linking adverb before a name: "Even China, ... said", "Then
        // Smith said"
        while j + 1 < head_end
            && self.is_cap(j + 1)
            && ["even", "also", "then", "now", "still"]
                .iter()
                .any(|w| self.eqi(j, w))
        {
            j += 1;
        }
        let head_end = rel.unwrap_or(head_end);
        if j >= head_end || !self.words_at_least(j, head_end, 1) || !self.plausible_np(j, head_end)
        {
            return None;
        }
        Some(Subj {
            a: j,
            b: head_end,
            appos,
            bound,
        })
    }

    /// The sig index of `who` opening a relative clause that holds the verb at `v` ("people
    /// who know him said"): at most ten words left of `v`, no punctuation between, after a
    /// word that can end a noun phrase.
    fn relative_start(&self, v: usize, lo: usize) -> Option<usize> {
        let mut k = v;
        while k > lo && v - k < 10 {
            k -= 1;
            if !self.is_word(k) && self.t[k].kind != TokenKind::Possessive {
                return None;
            }
            if self.eqi(k, "who") {
                return self.antecedent(k, lo).then_some(k);
            }
        }
        None
    }

    /// A comma or a dash.
    fn sep(&self, k: usize) -> bool {
        self.punct(k, ",") || self.t[k].kind == TokenKind::Dash
    }

    /// Whether a finite verb opens `k..b`, after auxiliaries and adverbs: a reporting verb
    /// ("said"), a verb the word classes know ("is", "has") or a lower-case word in -ed.
    fn verb_after(&self, k: usize, b: usize) -> bool {
        let mut k = k;
        while k < b && self.is_aux(k) {
            k += 1;
        }
        k < b
            && self.is_word(k)
            && !self.is_cap(k)
            && (self
                .cue_at(k)
                .is_some_and(|x| !x.gerund && x.kind != CueKind::According)
                || self.is_at(k, C_VERBISH | C_CLAUSEY)
                || (self.wb(k).len() > 4 && self.wb(k).ends_with(b"ed")))
    }

    /// Whether the word before the `who` at `k` can end the noun phrase it qualifies ("people
    /// who", not "asked who" or "and who").
    fn antecedent(&self, k: usize, lo: usize) -> bool {
        k > lo
            && self.is_word(k - 1)
            && self.class_of(k - 1) & (C_CLAUSE | C_VERBISH | C_LINKS | C_WH) == 0
            && self.cue_at(k - 1).is_none()
    }

    /// The `<` of a ticker in angle brackets whose `>` is sig token `p` ("<DBCG.G>", "<OI>"):
    /// one unspaced word of capitals, digits and dots, at most eight tokens long.
    fn ticker_open(&self, p: usize, lo: usize) -> Option<usize> {
        let o = (p.saturating_sub(8).max(lo)..p)
            .rev()
            .find(|&k| self.t[k].kind == TokenKind::Symbol && self.wb(k) == b"<")?;
        let inner = o + 1..p;
        let ticker = !inner.is_empty()
            && (o + 1..=p).all(|k| self.t[k].start == self.t[k - 1].end)
            && inner
                .clone()
                .all(|k| !self.wb(k).iter().any(u8::is_ascii_lowercase));
        ticker.then_some(o)
    }

    /// Whether a span can be a speaker: it does not end in a function word, nor start with a
    /// participle ("encouraging his supporters to", "receive training and"), an infinitive or
    /// a preposition.
    fn plausible_np(&self, a: usize, b: usize) -> bool {
        let last = self.w(b - 1);
        if self.is_word(b - 1) && self.is_at(b - 1, C_LINKS) && !self.is_cap(b - 1) {
            return false;
        }
        if last.len() <= 3 && has(&["or", "to", "the", "a", "an", "not"], last) {
            return false;
        }
        let first = self.w(a);
        if self.is_word(a) && !self.is_cap(a) && first.len() > 4 && first.ends_with("ing") {
            return false;
        }
        // an infinitive or a prepositional phrase is not a speaker: "to protect its companies
        // after the United States announced"
        if self.is_word(a) && !self.is_cap(a) && (first == "to" || self.is_at(a, C_LINKS)) {
            return false;
        }
        true
    }

    fn verbish(&self, i: usize) -> bool {
        self.is_word(i)
            && (self.is_at(i, C_VERBISH)
                || self
                    .cue_at(i)
                    .is_some_and(|c| c.kind != CueKind::According && !c.gerund && !self.is_cap(i)))
    }

    /// An addressee after `told`: a determiner, then capitalized words and possessives, or a
    /// single plural noun ("reporters"). Returns its end.
    fn addressee(&self, s: usize, e: usize) -> usize {
        let mut k = s;
        if k < e && (self.eqi(k, "the") || self.eqi(k, "a") || self.eqi(k, "an")) {
            k += 1;
        }
        let start = k;
        while k < e
            && (self.is_cap(k)
                || self.t[k].kind == TokenKind::Possessive
                || (k > start && self.t[k - 1].kind == TokenKind::Possessive && self.is_word(k)))
        {
            k += 1;
        }
        if k == start && k < e && self.is_word(k) && !self.eqi(k, "that") {
            // "reporters", "a forum", "him"
            k += 1;
        }
        k
    }

    /// Whether a subject pronoun and a lower-case word start at `s`: "he won", "they
    /// expected".
    fn pronoun_clause(&self, s: usize, e: usize) -> bool {
        if s < e && self.contracted_subject(s) {
            return true;
        }
        // (most words are no subject: a test of their first byte and length, then their
        // class, cached)
        if s + 1 >= e
            || !self.is_word(s)
            || !maybe_subject(self.wb(s))
            || !self.is_at(s, C_PRONOUNS_PERSON | C_SUBJECTS)
            || !self.is_word(s + 1)
            || self.is_cap(s + 1)
        {
            return false;
        }
        // "there was", "there are"
        if self.eqi(s, "there") {
            return self.is_at(s + 1, C_CLAUSEY);
        }
        // "he", "she", "they", "we", "I"; "it" before a verb
        !self.eqi(s, "it") || self.is_at(s + 1, C_CLAUSEY) || self.wb(s + 1).ends_with(b"s")
    }

    /// Whether the word `s` is a subject pronoun with a verb contracted onto it ("it's",
    /// "he’d", "they're", "there's").
    fn contracted_subject(&self, s: usize) -> bool {
        // (most words fail on their first byte or their length)
        if !self.is_word(s) {
            return false;
        }
        let w = self.wb(s);
        if !(4..=9).contains(&w.len())
            || !matches!(w[0] | 0x20, b'h' | b's' | b'i' | b't' | b'w' | b'y')
        {
            return false;
        }
        // (no apostrophe, no first byte of a curly one: no search for them)
        if !w.iter().any(|&b| b == b'\'' || b == 0xE2) {
            return false;
        }
        let w = self.w(s);
        let Some((head, tail)) = w.split_once(['\'', '\u{2019}']) else {
            return false;
        };
        ["he", "she", "it", "they", "we", "i", "you", "there"]
            .iter()
            .any(|p| head.eq_ignore_ascii_case(p))
            && ["s", "re", "ll", "d", "ve", "m"]
                .iter()
                .any(|t| tail.eq_ignore_ascii_case(t))
    }

    /// "with 52 percent saying", ", about three in 10 saying", "with 40 pct of voters saying"
    /// (the cue "saying" at `c`, the sentence from `sa`): where the share starts, after "with"
    /// or a comma. The share holds a number and ends with it, with a percent word, or with
    /// those it counts ("of voters").
    fn share_saying(&self, c: usize, sa: usize) -> Option<usize> {
        if !self.eqi(c, "saying") || c < sa + 2 {
            return None;
        }
        let k = (c.saturating_sub(8).max(sa)..c)
            .rev()
            .find(|&k| self.eqi(k, "with") || self.punct(k, ",") || self.is_quote_mark(k))?;
        let qa = k + 1;
        let last = c - 1;
        let number = (qa..c).any(|x| self.t[x].kind == TokenKind::Number);
        let ends = self.t[last].kind == TokenKind::Number
            || has(&["percent", "pct", "%", "per cent"], self.w(last))
            || (qa..last).any(|x| self.eqi(x, "of"));
        (qa < c && number && ends && (qa..c).all(|x| !self.is_quote_mark(x))).then_some(qa)
    }

    /// "As reported by X", "as first reported in X" (the cue "reported" at `c`, the sentence
    /// from `pos`): where "as" is. Such a phrase credits X as "according to X" does.
    fn as_reported(&self, c: usize, pos: usize) -> Option<usize> {
        if !self.eqi(c, "reported") || !(self.eqi(c + 1, "by") || self.eqi(c + 1, "in")) {
            return None;
        }
        let mut k = c.checked_sub(1)?;
        if k > pos
            && (has(&["first", "previously", "earlier", "originally"], self.w(k))
                || (self.is_word(k) && self.w(k).ends_with("ly")))
        {
            k -= 1;
        }
        (k >= pos && self.eqi(k, "as")).then_some(k)
    }

    /// Whether a clause seems to follow `s` (a finite verb within a few words).
    fn clause_follows(&self, s: usize, e: usize) -> bool {
        if s < e && self.eqi(s, "that") {
            return true;
        }
        if s < e && (self.eqi(s, "to") || self.eqi(s, "by") || self.eqi(s, "of")) {
            return false;
        }
        if self.pronoun_clause(s, e) {
            return true;
        }
        (s..e.min(s + 10))
            .take_while(|&k| !self.punct(k, ","))
            .any(|k| {
                let w = self.w(k);
                self.is_word(k)
                    && (self.is_at(k, C_CLAUSEY)
                        || (k > s && w.len() > 4 && w.ends_with("ed") && !self.is_cap(k)))
            })
    }

    /// End of a sentence's content: before its final punctuation.
    fn trim(&self, mut a: usize, mut b: usize) -> (usize, usize) {
        while a < b
            && (self.t[a].kind == TokenKind::Punct && matches!(self.w(a), "," | ":" | ";" | ".")
                || self.t[a].kind == TokenKind::Dash)
        {
            a += 1;
        }
        while b > a
            && ((self.t[b - 1].kind == TokenKind::Punct
                && matches!(self.w(b - 1), "," | ":" | ";" | "." | "!" | "?"))
                || self.t[b - 1].kind == TokenKind::Dash)
        {
            b -= 1;
        }
        // A dangling opening mark at the end.
        while b > a && self.is_quote_mark(b - 1) && self.quote_opened_at(b - 1).is_some() {
            b -= 1;
        }
        (a, b)
    }

    // ---- the passes ----

    fn extract(&mut self) -> (Vec<Claim>, Vec<QuotedTerm>) {
        let mut raws: Vec<Raw> = Vec::new();
        if self.t.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.direct(&mut raws);
        self.reported(&mut raws);
        raws.sort_by_key(|r| (r.region.0, r.parts.first().map_or(0, |p| p.0)));
        // Free quotations, in order, interleaved with the claims found.
        let free: Vec<usize> = (0..self.quotes.len())
            .filter(|&q| self.quotes[q].state == QState::Free)
            .collect();
        // Resolve speakers in text order; continuations after them. Each claim's speaker is
        // kept in `resolved` (the claims' speakers so far, for resolving later ones) and moved
        // into the claim at the end, not copied; `paras` has each claim's paragraph. (Sized
        // for a claim per raw claim and per free quotation, so that they do not grow.)
        let most = raws.len() + free.len();
        let mut claims: Vec<Claim> = Vec::with_capacity(most);
        let mut paras: Vec<usize> = Vec::with_capacity(most);
        let mut terms = Vec::new();
        let mut resolved: Vec<Prev> = Vec::with_capacity(most);
        let mut ri = 0;
        let mut fi = 0;
        loop {
            let next_raw = raws.get(ri).map(|r| r.region.0);
            let next_free = free.get(fi).map(|&q| self.t[self.quotes[q].c0].start);
            match (next_raw, next_free) {
                (None, None) => break,
                (Some(r), f) if f.is_none_or(|f| r <= f) => {
                    let raw = &raws[ri];
                    ri += 1;
                    let (spk, kind) = self.resolve(raw, &resolved);
                    claims.push(self.build(raw));
                    let person = self.people(spk.as_ref(), kind);
                    resolved.push((raw.region.0, spk, kind, person));
                    paras.push(self.para_at_byte(raw.region.0));
                }
                (_, Some(_)) => {
                    let qi = free[fi];
                    fi += 1;
                    let q = self.quotes[qi];
                    let (c0, c1) = self.trim(q.c0, q.c1);
                    if c0 >= c1 {
                        continue;
                    }
                    let para = self.para_of(q.c0);
                    let sent = self.sent(q.c0);
                    let starts_sentence =
                        q.open.is_some_and(|o| o <= sent.a) || (q.open.is_none() && q.c0 == sent.a);
                    // (the last claim's speaker is the last in `resolved`)
                    let prev = paras.last().zip(resolved.last());
                    let continues = q.c0 >= self.body
                        && starts_sentence
                        && self.words_at_least(c0, c1, 3)
                        && prev.is_some_and(|(p, r)| r.1.is_some() && para <= p + 1);
                    let (s, e) = self.bytes(c0, c1);
                    if continues {
                        let Some((_, prev_resolved)) = prev else {
                            continue;
                        };
                        let spk = prev_resolved.1.clone();
                        let (kind, person) = (prev_resolved.2, prev_resolved.3);
                        let claim = Claim {
                            kind: "direct".into(),
                            speaker: None,
                            cue: String::new(),
                            cue_span: None,
                            content: self.text[s..e].to_string(),
                            content_parts: vec![self.part(s, e)],
                            content_span: Span::new(s, e),
                            addressee: None,
                            rule: "quote-continuation".into(),
                        };
                        resolved.push((s, spk, kind, person));
                        claims.push(claim);
                        paras.push(para);
                    } else if q.close.is_some() || !self.words_at_least(c0, c1, 7) {
                        terms.push(QuotedTerm {
                            text: self.text[s..e].to_string(),
                            start: s,
                            end: e,
                        });
                    }
                }
                _ => break,
            }
        }
        for (c, r) in claims.iter_mut().zip(&mut resolved) {
            c.speaker = r.1.take();
        }
        claims.sort_by_key(|c| (c.content_span.start, c.content_span.end));
        (claims, terms)
    }

    fn para_at_byte(&self, b: usize) -> usize {
        let i = self.t.partition_point(|t| t.end <= b).min(self.t.len() - 1);
        self.para_of(i)
    }

    fn part(&self, s: usize, e: usize) -> ClaimPart {
        ClaimPart {
            start: s,
            end: e,
            text: self.text[s..e].to_string(),
        }
    }

    /// The claim `raw` gives, without its speaker (see [`Doc::extract`]).
    fn build(&self, raw: &Raw) -> Claim {
        // (a loop, not a collected iterator: its cost no longer depends on what the compiler
        // inlines into `extract`)
        let mut parts = Vec::with_capacity(raw.parts.len());
        for &(a, b) in &raw.parts {
            let (s, e) = self.bytes(a, b);
            parts.push(self.part(s, e));
        }
        let content = match parts.as_slice() {
            [one] => one.text.clone(),
            _ => parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ... "),
        };
        let span = match (parts.first(), parts.last()) {
            (Some(f), Some(l)) => Span::new(f.start, l.end),
            _ => Span::new(raw.region.0, raw.region.0),
        };
        let (cue, cue_span) = match raw.cue.filter(|&(a, b)| a < b) {
            Some((a, b)) => {
                let (s, e) = self.bytes(a, b);
                (self.text[s..e].to_string(), Some(Span::new(s, e)))
            }
            None => (String::new(), None),
        };
        Claim {
            kind: raw.kind.into(),
            speaker: None,
            cue,
            cue_span,
            content,
            content_parts: parts,
            content_span: span,
            addressee: raw.addressee.map(|(a, b)| self.slice(a, b).to_string()),
            rule: raw.rule.into(),
        }
    }

    /// Pass 1: quotations with an attribution of their own.
    fn direct(&mut self, raws: &mut Vec<Raw>) {
        let n = self.t.len();
        let mut qi = 0;
        while qi < self.quotes.len() {
            let q = self.quotes[qi];
            if q.state != QState::Free || q.c0 < self.body {
                qi += 1;
                continue;
            }
            let found = self
                .attribution_after(&q)
                .or_else(|| self.attribution_before(&q));
            let Some((speaker, cue, addressee, attr_end, rule)) = found else {
                qi += 1;
                continue;
            };
            self.quotes[qi].state = QState::Claimed;
            let (a, b) = self.trim(q.c0, q.c1);
            let mut parts = vec![(a, b)];
            let mut region_end = attr_end.max(q.close.unwrap_or(q.c1));
            // "A," he said. "B."  /  "A," he said, "B."
            // "..., adding, "..."" starts a second claim instead.
            let gerund_at =
                (cue.1..attr_end.min(n)).find(|&k| self.cue_at(k).is_some_and(|c| c.gerund));
            let gerund_between = gerund_at.is_some();
            if rule == "quote-said" && !gerund_between && attr_end < n && qi + 1 < self.quotes.len()
            {
                let q2 = self.quotes[qi + 1];
                let ends_comma = q.c1 > q.c0 && self.punct(q.c1 - 1, ",");
                let joins = q2.state == QState::Free
                    && self.attribution_after(&q2).is_none()
                    && q2.open.is_some_and(|o| {
                        (o == attr_end && self.punct(attr_end - 1, ","))
                            || (o == attr_end
                                && ends_comma
                                && self.para_of(o) == self.para_of(q.c0))
                    });
                if joins {
                    let (a2, b2) = self.trim(q2.c0, q2.c1);
                    if a2 < b2 {
                        parts.push((a2, b2));
                        self.quotes[qi + 1].state = QState::Claimed;
                        region_end = q2.close.unwrap_or(q2.c1);
                    }
                }
            }
            // '"...," Roe said, adding that ...': the attribution ends before the gerund, whose
            // clause the reported-speech rules take as a second claim (not a quotation after
            // it: ', adding, "..."').
            if let Some(g) = gerund_at.filter(|&g| {
                g > cue.1
                    && self.punct(g - 1, ",")
                    && g + 1 < n
                    && !self.is_quote_mark(g + 1)
                    && !(self.punct(g + 1, ",") || self.punct(g + 1, ":"))
            }) {
                region_end = region_end.min(g - 1);
            }
            let start = q.open.unwrap_or(q.c0).min(cue.0);
            raws.push(Raw {
                kind: "direct",
                speaker,
                cue: Some(cue),
                parts,
                addressee,
                rule,
                region: (self.t[start].start, self.t[region_end.min(n - 1)].end),
            });
            qi += 1;
        }
    }

    /// `"...," X said` / `"...," said X`. Returns speaker, cue, addressee, the sig index just
    /// after the attribution, and the rule.
    #[allow(clippy::type_complexity)]
    fn attribution_after(
        &self,
        q: &Quote,
    ) -> Option<(
        SpkRaw,
        (usize, usize),
        Option<(usize, usize)>,
        usize,
        &'static str,
    )> {
        let close = q.close?;
        let close_para = self.para_of(close);
        // "..." - Name (a credit line after a dash)
        {
            let n = self.t.len();
            let j = close + 1;
            if j + 1 < n && self.t[j].kind == TokenKind::Dash && self.is_cap(j + 1) {
                let mut e = j + 1;
                while e < n
                    && e - j <= 8
                    && self.para_of(e) == close_para
                    && self.t[e].start - self.t[e - 1].end < 3
                    && !self.is_quote_mark(e)
                    && (self.is_cap(e)
                        || self.punct(e, ".")
                        || self.punct(e, ",")
                        || self.t[e].kind == TokenKind::Possessive)
                {
                    e += 1;
                }
                let ends = e >= n
                    || self.is_quote_mark(e)
                    || self.para_of(e) != close_para
                    || self.text[self.t[e - 1].end..self.t[e].start].contains('\n');
                if ends && e - j <= 8 {
                    let subj = Subj {
                        a: j + 1,
                        b: e,
                        appos: None,
                        bound: Bound::Comma,
                    };
                    return Some((SpkRaw::Np(subj), (j, j), None, e, "quote-dash-credit"));
                }
            }
        }
        if close > q.c0 && self.punct(close - 1, ".") {
            return None; // "... hands." Staff said: a new sentence
        }
        let n = self.t.len();
        let mut j = close + 1;
        if j < n && self.punct(j, ",") {
            j += 1;
        }
        // Both patterns below need a cue at most 30 tokens on (the walk to `e` goes no
        // further): without one, no need to walk.
        if self.cues_in(j, n.min(j + 30)).is_empty() {
            return None;
        }
        let mut e = j;
        while e < n && e - j < 30 {
            if (self.sent_end_punct(e) && !self.abbrev_dot(e))
                || self.quote_opened_at(e).is_some()
                || self.para_of(e) != close_para
            {
                break;
            }
            e += 1;
        }
        if j >= e {
            return None;
        }
        let end_after = if e < n && self.sent_end_punct(e) {
            e + 1
        } else {
            e
        };
        // "said X"
        if let Some(c) = self
            .cue_at(j)
            .filter(|c| !c.gerund && c.kind != CueKind::According)
        {
            let _ = c;
            let mut k = j + 1;
            while k < e && !self.punct(k, ",") {
                k += 1;
            }
            if k > j + 1 && k - j <= 12 && self.words_at_least(j + 1, k, 1) {
                let appos = (k + 1 < e).then_some((k + 1, e));
                let subj = Subj {
                    a: j + 1,
                    b: k,
                    appos,
                    bound: Bound::Comma,
                };
                return Some((SpkRaw::Np(subj), (j, j + 1), None, end_after, "quote-said"));
            }
            return None;
        }
        // "X said", "X, the chairman, told the BBC"
        let c = (j..e.min(j + 24)).find(|&k| {
            self.cue_at(k)
                .is_some_and(|c| !c.gerund && c.kind != CueKind::According)
        })?;
        let subj = self.subject_before(c, j)?;
        if subj.a != j && !(j..subj.a).all(|k| !self.is_word(k)) {
            return None;
        }
        let cue = self.cue_at(c)?;
        let mut addressee = None;
        if cue.kind == CueKind::Tell {
            let ae = self.addressee(c + 1, e);
            if ae > c + 1 {
                addressee = Some((c + 1, ae));
            }
        }
        Some((
            SpkRaw::Np(subj),
            (c, c + 1),
            addressee,
            end_after,
            "quote-said",
        ))
    }

    /// `X said: "..."`, `X told the BBC: "..."`, `X said "..."`.
    #[allow(clippy::type_complexity)]
    fn attribution_before(
        &self,
        q: &Quote,
    ) -> Option<(
        SpkRaw,
        (usize, usize),
        Option<(usize, usize)>,
        usize,
        &'static str,
    )> {
        let o = q.open?;
        let sent = self.sent(o);
        let mut lo = sent.a;
        // "He said:" closing the paragraph before the quotation.
        if o == lo && o > 0 && self.punct(o - 1, ":") {
            lo = self.sent(o - 1).a;
        }
        if o <= lo {
            return None;
        }
        let mut p = o;
        let punct_before = self.punct(p - 1, ":") || self.punct(p - 1, ",");
        if punct_before {
            p -= 1;
        }
        if p > lo && self.eqi(p - 1, "that") && !punct_before {
            p -= 1;
        }
        let c = (lo.max(p.saturating_sub(12))..p)
            .rev()
            .find(|&k| !self.in_quote(k) && self.cue_at(k).is_some())?;
        let cue = self.cue_at(c)?;
        if cue.kind == CueKind::According {
            return None;
        }
        let gap = p - (c + 1);
        if !(punct_before || gap == 0) {
            return None;
        }
        let mut addressee = None;
        if cue.kind == CueKind::Tell && gap > 0 {
            let ae = self.addressee(c + 1, p);
            if ae > c + 1 {
                addressee = Some((c + 1, ae));
            }
        } else if gap > 5 {
            return None;
        }
        if cue.gerund {
            return Some((
                SpkRaw::SentenceSubject(lo, c),
                (c, c + 1),
                addressee,
                o,
                "said-quote",
            ));
        }
        if let Some(subj) = self.subject_before(c, lo) {
            return Some((SpkRaw::Np(subj), (c, c + 1), addressee, o, "said-quote"));
        }
        // "X called on her to resign and said, "..."", "..., but told his supporters, "..."":
        // a second verb of the sentence's subject (before the quotation's mark only).
        if punct_before && !cue.gerund {
            let v = self.skip_aux(c, lo).unwrap_or(c);
            if v > lo + 1
                && (self.eqi(v - 1, "and") || self.eqi(v - 1, "but"))
                && self.words_at_least(lo, v - 1, 3)
            {
                return Some((
                    SpkRaw::SentenceSubject(lo, c),
                    (c, c + 1),
                    addressee,
                    o,
                    "and-said-quote",
                ));
            }
        }
        // "said X: "..."" (inverted)
        if cue.kind != CueKind::Tell && gap > 0 && gap <= 8 && self.is_cap(c + 1) {
            let subj = Subj {
                a: c + 1,
                b: p,
                appos: None,
                bound: Bound::Comma,
            };
            return Some((SpkRaw::Np(subj), (c, c + 1), None, o, "said-quote"));
        }
        None
    }

    /// Pass 2: reported speech, sentence by sentence.
    fn reported(&mut self, raws: &mut Vec<Raw>) {
        let mut taken: Vec<(usize, usize)> = raws.iter().map(|r| r.region).collect();
        taken.sort_unstable();
        let is_taken = |taken: &[(usize, usize)], b: usize| {
            let k = taken.partition_point(|r| r.0 <= b);
            k > 0 && b < taken[k - 1].1
        };
        let mut ci = 0;
        for si in 0..self.sents.len() {
            let (sa, sb) = (self.sents[si].a, self.sents[si].b);
            if sb <= self.body {
                while ci < self.cues.len() && self.cues[ci].0 < sb {
                    ci += 1;
                }
                continue;
            }
            let mut pos = sa;
            // Transcripts: "WALLACE: Let's start with ...", "Mr Smith: We will ..."
            if let Some(raw) = self.transcript_line(sa, sb) {
                if !is_taken(&taken, raw.region.0) {
                    insert_sorted(&mut taken, raw.region);
                    raws.push(raw);
                    pos = sb;
                }
            }
            let mut send = None;
            while ci < self.cues.len() && self.cues[ci].0 < sb {
                let (c, cue) = self.cues[ci];
                ci += 1;
                if c < pos || self.in_quote(c) || is_taken(&taken, self.t[c].start) {
                    continue;
                }
                let before = raws.len();
                // (the sentence's end without its final punctuation: once per sentence, not
                // per cue)
                let send = *send.get_or_insert_with(|| self.trim(sa, sb).1);
                let next = self.reported_at(c, cue, pos, (sa, sb, send), si, raws);
                // A claim split off inside another one may meet a quotation claimed already.
                let mut k = before;
                while k < raws.len() {
                    let clash = raws[k].parts.iter().any(|&(a, b)| {
                        let (s, e) = self.bytes(a, b);
                        let i = taken.partition_point(|r| r.0 < e);
                        taken[..i].iter().any(|r| r.1 > s)
                    });
                    if clash {
                        raws.remove(k);
                    } else {
                        k += 1;
                    }
                }
                if let Some(np) = next {
                    pos = np;
                    for r in &raws[before..] {
                        for &(a, b) in &r.parts {
                            let first = self.quotes.partition_point(|q| q.c0 < a);
                            for qk in first..self.quotes.len() {
                                let q = self.quotes[qk];
                                if q.c0 >= b {
                                    break;
                                }
                                if q.state == QState::Free {
                                    self.quotes[qk].state = QState::Absorbed;
                                }
                            }
                        }
                    }
                    for r in &raws[before..] {
                        insert_sorted(&mut taken, r.region);
                    }
                }
            }
        }
    }

    /// Tries the reported-speech patterns at cue `c` of the sentence `sa..sb` (content ending
    /// at `send`, `trim(sa, sb).1`); pushes claims and returns the sig index where the next
    /// claim of the sentence may start.
    fn reported_at(
        &self,
        c: usize,
        cue: Cue,
        pos: usize,
        (sa, sb, send): (usize, usize, usize),
        si: usize,
        raws: &mut Vec<Raw>,
    ) -> Option<usize> {
        let region = |a: usize, b: usize| self.bytes(a, b);
        // the sentence's subject said the clause `a..b` (cue at `c`)
        let subject_says = |a: usize, b: usize, rule: &'static str| Raw {
            kind: "indirect",
            speaker: SpkRaw::SentenceSubject(sa, c),
            cue: Some((c, c + 1)),
            parts: vec![(a, b)],
            addressee: None,
            rule,
            region: region(c, b),
        };
        // ---- according to; "as reported by" ----
        // (`cs`: where the phrase starts: "according", or "as" of "as (first) reported by")
        let via = if cue.kind == CueKind::According {
            Some(c)
        } else {
            self.as_reported(c, pos)
        };
        if let Some(cs) = via {
            let as_reported = cs != c;
            if !as_reported && !self.eqi(c + 1, "to") {
                return None;
            }
            let np_a = c + 2;
            let mut np_b = np_a;
            while np_b < send && !self.punct(np_b, ",") && !self.is_quote_mark(np_b) {
                // "according to the news agency most of the cafes were ...": a new
                // determiner after a noun starts the clause.
                if np_b >= np_a + 2
                    && self.is_at(np_b, C_NP_BREAK)
                    && !self.is_at(np_b - 1, C_LINKS)
                    && self.is_word(np_b - 1)
                {
                    break;
                }
                np_b += 1;
            }
            if np_b == np_a || np_b - np_a > 24 {
                return None;
            }
            let subj = Subj {
                a: np_a,
                b: np_b,
                appos: None,
                bound: Bound::Comma,
            };
            let lead = (pos..cs)
                .all(|k| !self.is_word(k) || self.is_at(k, C_CLAUSE) || self.punct(k, ","));
            let lead = lead || !self.words_at_least(pos, cs, 2);
            // "The profits, as reported by Reuters, rose": no tail of the sentence before it
            if as_reported && !lead && self.trim(np_b, send).0 < self.trim(np_b, send).1 {
                return None;
            }
            let (a, b) = if lead {
                let (a, mut b) = self.trim(np_b, send);
                // ", the Global Times reports." at the end
                if let Some(cut) = self.trailing_attribution(a, b) {
                    b = cut;
                }
                self.trim(a, b)
            } else {
                self.trim(pos, cs)
            };
            if !self.words_at_least(a, b, 3) {
                return None;
            }
            let (ra, rb) = region(a.min(cs), b.max(np_b));
            raws.push(Raw {
                kind: "according_to",
                speaker: SpkRaw::Np(subj),
                cue: Some(if as_reported { (c, c + 1) } else { (c, c + 2) }),
                parts: vec![(a, b)],
                addressee: None,
                rule: match (as_reported, lead) {
                    (false, true) => "according-to-lead",
                    (false, false) => "according-to-tail",
                    (true, true) => "as-reported-lead",
                    (true, false) => "as-reported-tail",
                },
                region: (ra, rb),
            });
            return Some(if lead { sb } else { np_b });
        }
        // ---- "X is predicting that ...": a progressive verb takes a clause of its own ----
        let progressive = cue.gerund && self.progressive(c, pos);
        if progressive {
            let clause = self.eqi(c + 1, "that")
                || self.pronoun_clause(c + 1, send)
                || (cue.kind == CueKind::Say
                    && (self.eqi(c + 1, "the") || self.is_cap(c + 1))
                    && self.clause_follows(c + 1, send.min(c + 7)));
            if !clause {
                return None;
            }
        }
        // ---- ", saying that ..." / ", adding that ..." ----
        if cue.gerund && !progressive {
            // "The paper quoted X as saying that ..."
            let quoted_as = c > sa + 1
                && self.eqi(c - 1, "as")
                && (c.saturating_sub(10).max(sa)..c - 1).any(|k| {
                    let w = self.wb(k);
                    w.len() > 4
                        && (w[..4].eq_ignore_ascii_case(b"quot")
                            || w[..4].eq_ignore_ascii_case(b"cite"))
                });
            // "..., with 52 percent saying she is prepared": a share of those polled says.
            let share = self.share_saying(c, sa);
            if c == 0 || !(self.punct(c - 1, ",") || quoted_as || share.is_some()) {
                return None;
            }
            let mut a = c + 1;
            if self.eqi(a, "that") {
                a += 1;
            } else if !self.clause_follows(a, send) {
                return None;
            }
            let (a, b) = self.trim(a, send);
            if !self.words_at_least(a, b, 3) {
                return None;
            }
            match share {
                Some(qa) => raws.push(Raw {
                    kind: "indirect",
                    speaker: SpkRaw::Np(Subj {
                        a: qa,
                        b: c,
                        appos: None,
                        bound: Bound::Comma,
                    }),
                    cue: Some((c, c + 1)),
                    parts: vec![(a, b)],
                    addressee: None,
                    rule: "share-saying",
                    region: region(qa, b),
                }),
                None => raws.push(subject_says(a, b, "gerund")),
            }
            return Some(sb);
        }
        // ---- "X analysed the data and found that ...", "... and said he thought ..." ----
        // (skip_aux once for the rules below; this one only after "and": "... and said")
        let aux = self.skip_aux(c, pos);
        if aux.is_some_and(|i| i > pos && self.eqi(i - 1, "and")) {
            // "... and said this week that ...": "that" after a short adverbial
            // (both only in a sentence with no lead-in before its subject, which the speaker
            // rules take for the subject: "Following the GAF offer, analysts ...")
            let plain = || !(sa..c).any(|k| self.punct(k, ","));
            let late_that = || {
                (self.is_word(c + 1) && self.is_at(c + 1, C_TAIL) && !self.eqi(c + 1, "to"))
                    .then(|| {
                        (c + 2..send.min(c + 8))
                            .take_while(|&k| !self.punct(k, ",") && !self.verbish(k))
                            .find(|&k| self.eqi(k, "that"))
                    })
                    .flatten()
                    .filter(|_| plain())
                    .map(|k| k + 1)
            };
            // "... and said seeking reinforcements was right", "... and said Stevens's rescue
            // was a priority": a clause opening with a name or a determiner
            let bare = || {
                matches!(cue.kind, CueKind::Say | CueKind::Think)
                    && c + 1 < send
                    && (self.is_cap(c + 1)
                        || [
                            "the", "a", "an", "this", "these", "no", "any", "every", "each",
                        ]
                        .iter()
                        .any(|d| self.eqi(c + 1, d)))
                    && self.clause_follows(c + 1, send.min(c + 7))
                    && plain()
            };
            let start = if self.eqi(c + 1, "that") {
                Some(c + 2)
            } else if self.pronoun_clause(c + 1, send) || bare() {
                Some(c + 1)
            } else {
                late_that()
            };
            if let Some(start) = start {
                let (a, b) = self.trim(start, send);
                // "... and believes it will ..., its chief executive said": the later
                // attribution holds the whole sentence.
                if self.words_at_least(a, b, 3) && !self.ends_attributed(a, b) {
                    raws.push(subject_says(a, b, "and-said-that"));
                    return Some(sb);
                }
            }
        }
        // ---- "X said ..." / "..., X said" ----
        if let Some(subj) = aux.and_then(|i| self.subject_left_of(c, pos, i)) {
            // The journalist's "we" is no source; first-person speech is quoted speech.
            if self.is_at(subj.b - 1, C_FIRST_PERSON) {
                return None;
            }
            // "The plan, she said in a speech, was ..."
            if subj.bound == Bound::Comma && subj.a > pos && self.words_at_least(pos, subj.a, 2) {
                let comma = (c + 1..send.min(c + 14)).find(|&k| self.punct(k, ","));
                if let Some(k) = comma {
                    let tail_short = k == c + 1
                        || (self.is_at(c + 1, C_TAIL)
                            && !(c + 1..k).any(|x| self.eqi(x, "that") || self.is_quote_mark(x)));
                    if tail_short
                        && self.words_at_least(k + 1, send, 2)
                        && !matches!(cue.kind, CueKind::Weak)
                    {
                        let (a1, b1) = self.trim(pos, subj.a);
                        let (a2, b2) = self.trim(k + 1, send);
                        if a1 < b1 && a2 < b2 {
                            let (ra, rb) = region(a1, b2);
                            raws.push(Raw {
                                kind: "indirect",
                                speaker: SpkRaw::Np(subj),
                                cue: Some((c, c + 1)),
                                parts: vec![(a1, b1), (a2, b2)],
                                addressee: None,
                                rule: "parenthetical",
                                region: (ra, rb),
                            });
                            return Some(sb);
                        }
                    }
                }
            }
            let tell = cue.kind == CueKind::Tell;
            let tail = self.tail_ok(c, send, tell);
            let lead_in = self.words_at_least(pos, subj.a, 3);
            let trailing = subj.bound == Bound::Comma && tail.is_some() && lead_in;
            if trailing {
                let mut a = pos;
                let b = subj.a;
                // Speech that runs over the sentence before (first person, unattributed).
                if a == sa && si > 0 {
                    let prev = &self.sents[si - 1];
                    if prev.para == self.sents[si].para
                        && prev.b > self.body
                        && !raws.iter().any(|r| {
                            let (s, e) = self.bytes(prev.a, prev.b);
                            r.region.0 < e && s < r.region.1
                        })
                        && (prev.a..prev.b).any(|k| {
                            self.is_word(k) && self.is_at(k, C_FIRST_PERSON) && !self.in_quote(k)
                        })
                    {
                        a = prev.a;
                    }
                }
                let (a, b) = self.trim(a, b);
                let (a, b, kind) = self.maybe_direct(a, b);
                let (ra, rb) = region(a, send);
                raws.push(Raw {
                    kind,
                    speaker: SpkRaw::Np(subj),
                    cue: Some((c, c + 1)),
                    parts: vec![(a, b)],
                    addressee: tail.flatten(),
                    rule: "clause-said",
                    region: (ra, rb),
                });
                return Some(sb);
            }
            // Front: "X said (that) CLAUSE"
            let mut a = c + 1;
            let mut addressee = None;
            // "said in a television interview on Sunday that ...": an adverbial after the cue
            // may push "that" further away; otherwise a later "that" is a relative pronoun.
            let adverbial = a < self.t.len()
                && has(
                    &[
                        "in", "on", "at", "during", "after", "before", "last", "this", "earlier",
                        "late",
                    ],
                    self.w(a),
                );
            let reach = match (tell, adverbial) {
                (_, true) => 12,
                (true, false) => 9,
                (false, false) => 6,
            };
            // (not past a clause of its own: "said he understands how hard that can be")
            let that = (a..send.min(a + reach))
                .take_while(|&k| !self.punct(k, ",") && !self.pronoun_clause(k, send))
                .find(|&k| self.eqi(k, "that"));
            // "said in a statement it would ...": the clause after the adverbial
            let own_clause = (that.is_none()
                && adverbial
                && matches!(
                    cue.kind,
                    CueKind::Say | CueKind::SayClause | CueKind::Tell | CueKind::Think
                ))
            .then(|| {
                (a + 1..send.min(a + reach))
                    .take_while(|&k| !self.punct(k, ",") && !self.verbish(k))
                    .find(|&k| {
                        self.pronoun_clause(k, send)
                            || (self.is_quote_mark(k) && self.pronoun_clause(k + 1, send))
                    })
            })
            .flatten();
            // After a lead-in ("On Thursday, X told the audience that ..."): a clause must
            // follow.
            if subj.bound == Bound::Comma
                && lead_in
                && !(tell && that.is_some())
                && !self.clause_follows(c + 1, send)
            {
                return None;
            }
            if let Some(k) = that {
                if tell && k > a {
                    addressee = Some((a, k));
                }
                a = k + 1;
            } else if let Some(k) = own_clause {
                a = k;
            } else {
                // "He added, however, that ...": a comma after the verb starts the clause.
                let comma = cue.kind == CueKind::SayClause && self.punct(a, ",");
                // "A CNN poll showed Trump leading Cruz, 45 percent to 18 percent": what a poll,
                // survey or study finds needs no finite verb. (Not an index: "The index showed
                // a 0.4 pct drop" is a figure, not a finding; and "show" or "find" right after
                // another noun is no verb: "a television show gave ...".)
                let is_document = |k: usize| {
                    self.is_word(k)
                        && !self.is_cap(k)
                        && self.noun_of(k) == Some(Noun::Document)
                        && !has(&["index", "indexes", "indices"], self.w(k))
                };
                let plural_verb = self.eqi(c, "show") || self.eqi(c, "find");
                let document_finds = cue.kind == CueKind::Find
                    && (subj.a..subj.b).any(is_document)
                    && (!plural_verb
                        || (c > 0 && (is_document(c - 1) || self.w(c - 1).ends_with("ly"))))
                    && self.words_at_least(a, send, 3);
                if matches!(cue.kind, CueKind::Weak | CueKind::Find | CueKind::SayClause)
                    && !comma
                    && !document_finds
                    && !self.clause_follows(a, send)
                {
                    return None;
                }
                if comma {
                    a += 1;
                    // ", however, (that) ..."
                    if self.is_word(a) && self.punct(a + 1, ",") {
                        a += 2;
                    }
                    if self.eqi(a, "that") {
                        a += 1;
                    }
                }
                if self.eqi(a, "to")
                    && !matches!(cue.kind, CueKind::Think)
                    && (self.is_cap(a + 1)
                        || self.eqi(a + 1, "the")
                        || (self.is_word(a + 1) && self.w(a + 1).ends_with('s')))
                {
                    let ae = self.addressee(a + 1, send);
                    addressee = Some((a + 1, ae));
                    a = ae;
                } else if self.eqi(a, "to")
                    || self.eqi(a, "by")
                    || self.eqi(a, "of")
                    // "said about the plan", not "said about 25 pct of the staff were ..."
                    // (nor after a weak cue: "At one point about 1700 suits ...")
                    || (self.eqi(a, "about")
                        && (matches!(cue.kind, CueKind::Weak)
                            || self.t.get(a + 1).is_none_or(|t| t.kind != TokenKind::Number)))
                    || self.eqi(a, "for")
                    || self.eqi(a, "on")
                    || self.eqi(a, "from")
                    || self.eqi(a, "in")
                    || self.eqi(a, "at")
                    || self.eqi(a, "with")
                {
                    return None;
                }
                if tell {
                    let ae = self.addressee(a, send);
                    if ae > a {
                        addressee = Some((a, ae));
                        a = ae;
                    }
                }
            }
            let (a, b) = self.trim(a, send);
            // "Barkley, who said he votes Democratic, said ...": the relative clause's claim
            // ends where the main clause resumes, whose own cue comes next.
            let relative =
                aux.is_some_and(|i| i >= 2 && has(RELATIVES, self.w(i - 1)) && self.sep(i - 2));
            if let Some(k) = relative
                .then(|| (a + 1..b).find(|&k| self.sep(k) && self.verb_after(k + 1, b)))
                .flatten()
            {
                let (a, e) = self.trim(a, k);
                // ("who asked not to be named", "which claims seven million members" are no
                // claims, but the main clause still has its own)
                let speech = !matches!(cue.kind, CueKind::Weak | CueKind::According)
                    && !self.eqi(a, "not")
                    && !self.eqi(a, "to")
                    && self.clause_follows(a, e);
                if speech && self.words_at_least(a, e, 2) {
                    let (ra, rb) = region(subj.a, e);
                    self.push_split(
                        raws,
                        a,
                        e,
                        SpkRaw::Np(subj),
                        (c, c + 1),
                        addressee,
                        (ra, rb),
                    );
                }
                return Some(pos);
            }
            // "Economists are urging that ..., the paper added": only the outermost
            // attribution is a claim, and the later cue takes the sentence.
            if !self.words_at_least(a, b, 2) || self.ends_attributed(a, b) {
                return None;
            }
            let (ra, rb) = region(subj.a, b);
            let spk = SpkRaw::Np(subj);
            self.push_split(raws, a, b, spk, (c, c + 1), addressee, (ra, rb));
            return Some(sb);
        }
        // ---- "..., said X." ----
        if c > pos && self.punct(c - 1, ",") && !matches!(cue.kind, CueKind::Think | CueKind::Find)
        {
            let mut k = c + 1;
            while k < send && !self.punct(k, ",") {
                k += 1;
            }
            if k > c + 1
                && k - c <= 10
                && (self.is_cap(c + 1) || has(INVERTED_SPEAKER_START, self.w(c + 1)))
            {
                let (a, b) = self.trim(pos, c - 1);
                if self.words_at_least(a, b, 3) {
                    let appos = (k + 1 < send).then_some((k + 1, send));
                    let subj = Subj {
                        a: c + 1,
                        b: k,
                        appos,
                        bound: Bound::Comma,
                    };
                    let (a, b, kind) = self.maybe_direct(a, b);
                    let (ra, rb) = region(a, send);
                    raws.push(Raw {
                        kind,
                        speaker: SpkRaw::Np(subj),
                        cue: Some((c, c + 1)),
                        parts: vec![(a, b)],
                        addressee: None,
                        rule: "clause-said-inverted",
                        region: (ra, rb),
                    });
                    return Some(sb);
                }
            }
        }
        None
    }

    /// A transcript line: a name in capitals, or a person's name, then a colon and the words
    /// spoken, at the start of a paragraph.
    fn transcript_line(&self, sa: usize, sb: usize) -> Option<Raw> {
        if sa > 0 && self.para_of(sa - 1) == self.para_of(sa) {
            return None;
        }
        let k = (sa + 1..(sa + 5).min(sb)).find(|&k| self.punct(k, ":"))?;
        if !(sa..k).all(|x| self.is_cap(x) || self.abbrev_dot(x)) {
            return None;
        }
        let caps = (sa..k).any(|x| {
            let w = self.w(x);
            w.len() >= 3 && w.chars().all(|c| c.is_uppercase())
        });
        let (s, e) = self.bytes(sa, k);
        let person = self
            .mentions_in(s, e)
            .iter()
            .any(|m| self.entities[m.2].kind == EntityKind::Person && m.0 == s && m.1 >= e);
        if !(caps || person) {
            return None;
        }
        // Datelines and labels: "LONDON:", "UPDATE:", "WATCH:".
        let label = (sa..k).any(|x| {
            has(
                &[
                    "update",
                    "updated",
                    "note",
                    "editor",
                    "breaking",
                    "watch",
                    "read",
                    "photo",
                    "video",
                    "correction",
                    "source",
                    "sources",
                    "related",
                    "exclusive",
                    "analysis",
                    "opinion",
                ],
                self.w(x),
            )
        });
        if label
            || self.mentions_in(s, e).iter().any(|m| {
                matches!(
                    self.entities[m.2].kind,
                    EntityKind::Location | EntityKind::Organization
                )
            })
        {
            return None;
        }
        let (_, send) = self.trim(sa, sb);
        let (a, b) = self.trim(k + 1, send);
        if !self.words_at_least(a, b, 4) {
            return None;
        }
        let (a, b, _) = self.maybe_direct(a, b);
        let subj = Subj {
            a: sa,
            b: k,
            appos: None,
            bound: Bound::Start,
        };
        Some(Raw {
            kind: "direct",
            speaker: SpkRaw::Np(subj),
            cue: None,
            parts: vec![(a, b)],
            addressee: None,
            rule: "transcript",
            region: (s, self.bytes(a, b).1),
        })
    }

    /// A content that is exactly one quotation is direct speech: its inside.
    fn maybe_direct(&self, a: usize, b: usize) -> (usize, usize, &'static str) {
        if a < b && self.is_quote_mark(a) {
            if let Some(q) = self.quote_opened_at(a).map(|k| self.quotes[k]) {
                if q.close.is_some_and(|c| c + 1 >= b) {
                    let (x, y) = self.trim(q.c0, q.c1);
                    return (x, y, "direct");
                }
            }
        }
        (a, b, "indirect")
    }

    /// After the verb at `c`: an addressee (for `told`) and a short tail (`in a statement`),
    /// then the end. `Some(addressee)` when the attribution ends the sentence.
    #[allow(clippy::option_option)]
    fn tail_ok(&self, c: usize, send: usize, tell: bool) -> Option<Option<(usize, usize)>> {
        let mut k = c + 1;
        let mut addressee = None;
        if tell {
            let ae = self.addressee(k, send);
            if ae > k {
                addressee = Some((k, ae));
                k = ae;
            }
        }
        if k >= send {
            return Some(addressee);
        }
        if send - k > 12 || !self.is_at(k, C_TAIL) {
            return None;
        }
        if (k..send).any(|x| {
            self.eqi(x, "that")
                || self.cue_at(x).is_some()
                || self.is_quote_mark(x)
                || self.t[x].kind == TokenKind::Dash
        }) {
            return None;
        }
        Some(addressee)
    }

    /// Where a content ends when it closes with its own attribution (`..., the Global Times
    /// reports`): the sig index of the comma, if so.
    fn trailing_attribution(&self, a: usize, b: usize) -> Option<usize> {
        let c = self
            .cues_in(a, b)
            .iter()
            .rev()
            .find(|&&(k, c)| !c.gerund && c.kind != CueKind::According && !self.in_quote(k))?
            .0;
        let subj = self.subject_before(c, a)?;
        if subj.bound != Bound::Comma {
            return None;
        }
        self.tail_ok(c, b, self.cue_at(c)?.kind == CueKind::Tell)?;
        Some(subj.a.saturating_sub(1).max(a))
    }

    /// Whether the content `a..b` closes with an attribution of its own after a comma.
    fn ends_attributed(&self, a: usize, b: usize) -> bool {
        self.trailing_attribution(a, b)
            .is_some_and(|k| self.punct(k, ","))
    }

    /// Pushes a front claim, split at `, adding that ...` and `and X warned that ...`.
    #[allow(clippy::too_many_arguments)]
    fn push_split(
        &self,
        raws: &mut Vec<Raw>,
        a: usize,
        b: usize,
        spk: SpkRaw,
        cue: (usize, usize),
        addressee: Option<(usize, usize)>,
        region: (usize, usize),
    ) {
        // Find the first split point inside the content.
        let mut split: Option<(usize, usize, SpkRaw, usize)> = None; // (content end, cue, speaker, next start)
        for &(k, cu) in self.cues_in(a + 1, b) {
            if self.in_quote(k) || cu.kind == CueKind::According {
                continue;
            }
            if cu.gerund && self.punct(k - 1, ",") {
                let mut s = k + 1;
                if self.eqi(s, "that") {
                    s += 1;
                } else if !self.clause_follows(s, b) {
                    continue;
                }
                split = Some((k - 1, k, SpkRaw::Same, s));
                break;
            }
            if !cu.gerund && self.eqi(k + 1, "that") {
                if let Some(subj) = self.subject_before(k, a) {
                    if subj.bound == Bound::And
                        || (subj.bound == Bound::Comma && subj.appos.is_some())
                    {
                        let mut end = subj.a;
                        while end > a
                            && (self.eqi(end - 1, "and")
                                || self.eqi(end - 1, "but")
                                || self.punct(end - 1, ","))
                        {
                            end -= 1;
                        }
                        split = Some((end, k, SpkRaw::Np(subj), k + 2));
                        break;
                    }
                }
            }
        }
        let (ca, cb) = match split {
            Some((end, ..)) => self.trim(a, end),
            None => (a, b),
        };
        let (ca, cb, kind) = self.maybe_direct(ca, cb);
        if self.words_at_least(ca, cb, 2) {
            raws.push(Raw {
                kind,
                speaker: spk,
                cue: Some(cue),
                parts: vec![(ca, cb)],
                addressee,
                rule: "said-clause",
                region: (region.0, self.bytes(ca, cb).1.max(region.0)),
            });
        }
        if let Some((_, k, spk2, s)) = split {
            let spk2 = match spk2 {
                SpkRaw::Same => spk,
                other => other,
            };
            let (ra, _) = self.bytes(k, k + 1);
            self.push_split(raws, s, b, spk2, (k, k + 1), None, (ra, region.1));
            if let Some(last) = raws.last_mut() {
                if last.cue == Some((k, k + 1)) {
                    last.rule = "said-clause-added";
                }
            }
        }
    }

    // ---- speakers ----

    fn mentions_in(&self, s: usize, e: usize) -> &[(usize, usize, usize)] {
        let a = self.mentions.partition_point(|m| m.0 < s);
        let b = self.mentions.partition_point(|m| m.0 < e);
        &self.mentions[a..b.max(a)]
    }

    fn last_mention(&self, before: usize, kind: EntityKind) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.0 < before);
        self.mentions[..k]
            .iter()
            .rev()
            .find(|m| self.entities[m.2].kind == kind)
            .map(|m| m.2)
    }

    /// The entity of kind `kind` that last opened a sentence before byte `before` (in this
    /// sentence or the eight before it), outside the content of the claim `raw`, else the one
    /// mentioned last: "Acme filed with the SEC ... The company said" is Acme's.
    fn last_subject(&self, before: usize, kind: EntityKind, raw: &Raw) -> Option<usize> {
        let content = match (raw.parts.first(), raw.parts.last()) {
            (Some(f), Some(l)) => self.bytes(f.0, l.1),
            _ => (0, 0),
        };
        let i = self.t.partition_point(|t| t.start < before);
        let si = self
            .sent_of
            .get(i.min(self.t.len().saturating_sub(1)))
            .map_or(0, |&x| x as usize);
        let recent = self
            .sents
            .get(si.saturating_sub(8)..=si)
            .unwrap_or_default();
        for sent in recent.iter().rev() {
            let Some(k) = (sent.a..sent.b).find(|&k| self.t[k].is_wordlike()) else {
                continue;
            };
            let (s, e) = (self.t[k].start, self.t[k].end);
            if s >= before || (content.0 <= s && s < content.1) {
                continue;
            }
            // "The" may open the name ("The Boeing Company").
            let m = self
                .mentions_in(s, e)
                .first()
                .filter(|m| m.0 == s)
                .or_else(|| {
                    let n = k + 1;
                    (self.eqi(k, "the") && n < sent.b)
                        .then(|| self.mentions_in(self.t[n].start, self.t[n].end).first())
                        .flatten()
                        .filter(|m| m.0 == self.t[n].start)
                });
            if let Some(m) = m.filter(|m| self.entities[m.2].kind == kind && m.1 <= before) {
                return Some(m.2);
            }
        }
        self.last_mention(before, kind)
    }

    fn entity_speaker(&self, ei: usize, s: usize, e: usize) -> Speaker {
        let ent = &self.entities[ei];
        Speaker {
            text: ent.name.clone(),
            entity: Some(ent.id.clone()),
            start: s,
            end: e,
            role: None,
            organization: None,
        }
    }

    fn resolve(&self, raw: &Raw, prev: &[Prev]) -> (Option<Speaker>, Option<EntityKind>) {
        let subj = match raw.speaker {
            SpkRaw::Same => {
                return prev.last().map_or((None, None), |p| (p.1.clone(), p.2));
            }
            SpkRaw::SentenceSubject(sa, c) => {
                // "..., Miller told shareholders, adding ...": the attribution just made in
                // this sentence (after its last full stop: sentences may run over a
                // quotation).
                let s0 = (sa..c)
                    .rev()
                    .find(|&x| self.sent_end_punct(x) && !self.abbrev_dot(x))
                    .map_or(self.t[sa].start, |x| self.t[x].end);
                let cs = self.t[c].start;
                if let Some(p) = prev
                    .last()
                    .filter(|p| p.0 >= s0 && p.0 < cs && p.1.is_some())
                {
                    return (p.1.clone(), p.2);
                }
                // "..., Grant told shareholders, adding ...": the subject of a trailing
                // attribution before the gerund.
                let trailing = (sa + 1..c)
                    .rev()
                    .find(|&k| {
                        !self.in_quote(k)
                            && self
                                .cue_at(k)
                                .is_some_and(|x| !x.gerund && x.kind != CueKind::According)
                    })
                    .and_then(|k| self.subject_before(k, sa))
                    .filter(|x| x.bound == Bound::Comma && x.a > sa && self.punct(x.a - 1, ","));
                if let Some(subj) = trailing {
                    return self.resolve_np(raw, subj, prev);
                }
                // "The paper quoted X as saying": the nearest name before "as".
                if c > sa && self.eqi(c - 1, "as") {
                    let ms = self.mentions_in(s0, cs);
                    if let Some(m) = ms.iter().rev().find(|m| {
                        matches!(
                            self.entities[m.2].kind,
                            EntityKind::Person | EntityKind::Organization
                        )
                    }) {
                        let kind = self.entities[m.2].kind;
                        return (Some(self.entity_speaker(m.2, m.0, m.1)), Some(kind));
                    }
                }
                // "..., with minister X telling parliament: ...": X.
                if let Some(subj) = self
                    .np_before(c, sa)
                    .filter(|x| x.a > sa && self.eqi(x.a - 1, "with"))
                {
                    return self.resolve_np(raw, subj, prev);
                }
                // A lead-in clause is no subject: "As he arrived, Mr Botin greeted ...".
                let mut sa = sa;
                if has(SUBORDINATORS, self.w(sa)) {
                    if let Some(x) = (sa..c).find(|&x| self.punct(x, ",")) {
                        sa = x + 1;
                    }
                }
                while sa < c && has(&["and", "but", "yet", "so"], self.w(sa)) {
                    sa += 1;
                }
                // The subject ends at the sentence's first verb: "A court ruled that Lifan
                // must stop ... and said ..." is the court's.
                let v = self.first_verb(sa, c);
                let (s, e) = self.bytes(sa, v);
                let ms = self.mentions_in(s, e);
                let m = ms
                    .iter()
                    .find(|m| self.entities[m.2].kind == EntityKind::Person)
                    .or_else(|| {
                        ms.iter()
                            .find(|m| self.entities[m.2].kind == EntityKind::Organization)
                    });
                if let Some(m) = m {
                    let kind = self.entities[m.2].kind;
                    return (Some(self.entity_speaker(m.2, m.0, m.1)), Some(kind));
                }
                let mut k = sa;
                while k < c && !self.is_word(k) {
                    k += 1;
                }
                // The noun phrase before the verb, after any lead-in ("In 1985, however,").
                let mut b = v;
                while b > k && self.is_aux(b - 1) {
                    b -= 1;
                }
                // "A sugar mill which was ...": the head only.
                if let Some(x) =
                    (k..b).find(|&x| has(&["which", "who", "whose", "that"], self.w(x)))
                {
                    b = x;
                }
                let np_a = (k..b)
                    .rev()
                    .find(|&x| self.t[x].kind == TokenKind::Punct)
                    .map_or(k, |x| x + 1);
                if k < c && (self.is_at(k, C_PRONOUNS_PERSON) || self.is_at(k, C_PRONOUNS_THING)) {
                    Subj {
                        a: k,
                        b: k + 1,
                        appos: None,
                        bound: Bound::Start,
                    }
                } else if let Some(hb) = (v == c).then(|| self.noun_head(k, c)).flatten() {
                    // No verb known: "The government froze wages ... and said ...": the
                    // phrase up to its head noun.
                    Subj {
                        a: k,
                        b: hb,
                        appos: None,
                        bound: Bound::Start,
                    }
                } else if v < c
                    && np_a < b
                    && b - np_a <= 6
                    && (self.is_cap(np_a)
                        || self.is_at(np_a, C_DETERMINERS)
                        || self.noun_of(b - 1).is_some())
                    && !self.is_at(np_a, C_LINKS | C_TAIL | C_CLAUSE)
                    && (np_a..b).all(|x| self.is_word(x))
                    && self.plausible_np(np_a, b)
                {
                    // "A senior ministry official welcomed the scheme and said ..."
                    Subj {
                        a: np_a,
                        b,
                        appos: None,
                        bound: Bound::Start,
                    }
                } else {
                    return prev.last().map_or((None, None), |p| (p.1.clone(), p.2));
                }
            }
            SpkRaw::Np(s) => s,
        };
        self.resolve_np(raw, subj, prev)
    }

    /// The speaker a noun phrase names (see [`resolve`](Self::resolve)).
    fn resolve_np(
        &self,
        raw: &Raw,
        subj: Subj,
        prev: &[Prev],
    ) -> (Option<Speaker>, Option<EntityKind>) {
        let mut a = subj.a;
        let mut b = subj.b;
        while a < b
            && (!self.t[a].is_wordlike() || self.is_at(a, C_CLAUSE))
            && !self.is_quote_mark(a)
        {
            a += 1;
        }
        while b > a
            && ((self.t[b - 1].kind == TokenKind::Punct && self.w(b - 1) != ")")
                || self.wb(b - 1) == b">")
        {
            b -= 1;
        }
        if a >= b {
            return (None, None);
        }
        // "In February 2004 he": the pronoun is the subject.
        if b - a > 1
            && self.is_word(b - 1)
            && (self.is_at(b - 1, C_PRONOUNS_PERSON) || self.is_at(b - 1, C_PRONOUNS_THING))
        {
            a = b - 1;
        }
        let (s, e) = self.bytes(a, b);
        let here = s;
        // Pronouns.
        if b - a == 1 {
            if self.is_at(a, C_PRONOUNS_PERSON) {
                // "he" is a man or someone of unknown gender, "she" a woman or such.
                let g = self.pronoun_gender(a);
                if let Some(ei) = self
                    .previous_subject(a, EntityKind::Person, raw)
                    .filter(|&ei| self.entity_fits(ei, g))
                {
                    return (
                        Some(self.entity_speaker(ei, s, e)),
                        Some(EntityKind::Person),
                    );
                }
                // The last claim made by one person who fits: named, or not ("a Genentech
                // spokeswoman said ... she said"). When a nearer one did not fit ("Mr Roe
                // said ... she said"), a person mentioned since is likelier.
                let mut ones = prev
                    .iter()
                    .rev()
                    .filter(|p| p.3 == People::One && p.1.is_some());
                let fits = |p: &&Prev| {
                    p.1.as_ref()
                        .is_some_and(|sp| self.speaker_gender(sp, p.2).is_none_or(|x| x == g))
                };
                let nearest_fits = ones.clone().next().is_none_or(|p| fits(&p));
                let found = ones.find(fits);
                let person = self.last_person_fitting(here, g);
                if let Some(p) = found {
                    let later_person = person.filter(|&(_, at)| !nearest_fits && at > p.0);
                    if later_person.is_none() {
                        if let Some(mut sp) = p.1.clone() {
                            sp.start = s;
                            sp.end = e;
                            return (Some(sp), p.2);
                        }
                    }
                }
                if let Some((ei, _)) = person {
                    return (
                        Some(self.entity_speaker(ei, s, e)),
                        Some(EntityKind::Person),
                    );
                }
                return (Some(self.literal(s, e)), None);
            }
            if self.is_at(a, C_PRONOUNS_THING) {
                let it = self.eqi(a, "it");
                let content_first = raw.parts.first().is_some_and(|p| p.0 < a);
                let ss = if content_first {
                    s
                } else {
                    self.t[self.sent(a).a].start
                };
                if let Some(m) = self
                    .mentions_in(ss, s)
                    .iter()
                    .rev()
                    .find(|m| self.entities[m.2].kind == EntityKind::Organization)
                {
                    return (
                        Some(self.entity_speaker(m.2, s, e)),
                        Some(EntityKind::Organization),
                    );
                }
                let found = prev
                    .iter()
                    .rev()
                    .take(3)
                    .find(|p| {
                        // "it" is no people, "they" not one person (nor a "he" or "she"
                        // who stayed unresolved)
                        p.1.as_ref().is_some_and(|sp| !self.unresolved_pronoun(sp))
                            && p.2 != Some(EntityKind::Person)
                            && (p.3 == People::No || (p.3 == People::Many && !it))
                    })
                    .map(|p| (p.1.clone(), p.2));
                if let Some((Some(mut sp), k)) = found {
                    sp.start = s;
                    sp.end = e;
                    return (Some(sp), k);
                }
                if let Some(ei) = self.last_subject(here, EntityKind::Organization, raw) {
                    return (
                        Some(self.entity_speaker(ei, s, e)),
                        Some(EntityKind::Organization),
                    );
                }
                return (Some(self.literal(s, e)), None);
            }
        }
        // A named report: "the Artificial Intelligence Development Report 2020 of ..."
        {
            let mut x = a;
            if self.eqi(x, "the") {
                x += 1;
            }
            let mut y = x;
            let mut doc_end = None;
            while y < b && (self.is_cap(y) || self.t[y].kind == TokenKind::Number) {
                if self.is_word(y) && self.noun_of(y) == Some(Noun::Document) {
                    doc_end = Some(y + 1);
                }
                y += 1;
            }
            if let Some(mut de) = doc_end {
                if de < b && self.t[de].kind == TokenKind::Number {
                    de += 1;
                }
                if de - x >= 2 {
                    let (ds, dend) = self.bytes(x, de);
                    return (Some(self.literal(ds, dend)), None);
                }
            }
        }
        // "55% of the respondents", "most of the analysts"
        let quantity_of = (a..b).find(|&of| {
            self.eqi(of, "of")
                && (of.saturating_sub(3).max(a)..of).any(|k| {
                    (self.t[k].kind == TokenKind::Number && k + 1 == of)
                        || self.w(k) == "%"
                        || (self.is_word(k) && self.noun_of(k) == Some(Noun::Quantity))
                })
        });
        // "some Democrats", "many Republicans", "79 percent of Democrats": a share of a
        // plural group, not the organization its name also stands for.
        let share = quantity_of.is_some()
            || (self.is_word(a)
                && (self.noun_of(a) == Some(Noun::Quantity)
                    || has(&["several", "few", "other", "those", "these"], self.w(a))));
        if let Some(of) = quantity_of.filter(|&of| of + 1 < b) {
            let mut x = of + 1;
            if self.eqi(x, "the") {
                x += 1;
            }
            if x < b {
                a = x;
                // "respondents in each country": the head noun, not its modifiers.
                if let Some(p) = (a + 1..b).find(|&k| self.is_at(k, C_LINKS) && !self.eqi(k, "of"))
                {
                    b = p;
                }
            }
        }
        let (s, e) = self.bytes(a, b);
        // (a capitalized one inside a name is not: "the Congressional Budget Office's
        // Rudolph Penner")
        let spokes_at = (a..b).find(|&k| {
            self.is_word(k) && (k == a || !self.is_cap(k)) && self.noun_of(k) == Some(Noun::Spokes)
        });
        let spokes = spokes_at.is_some();
        let ms = self.mentions_in(s, e);
        // The first mention of the first kind in `kinds`; with `heads`, only those that head
        // the phrase (see [`modifier`](Self::modifier)).
        let pick = |ms: &[(usize, usize, usize)], kinds: &[EntityKind], heads: bool| {
            kinds.iter().find_map(|k| {
                ms.iter()
                    .find(|m| {
                        self.entities[m.2].kind == *k && !(heads && self.modifier(**m, ms, a, b))
                    })
                    .copied()
            })
        };
        let order: &[EntityKind] = if spokes {
            &[EntityKind::Organization, EntityKind::Person]
        } else {
            &[EntityKind::Person, EntityKind::Organization]
        };
        // A named spokesperson speaks as themself: "Clinton spokesman Nick Merrill",
        // "Sanders campaign manager Jeff Weaver".
        let named_spokes = spokes_at.and_then(|k| {
            // (right after the noun, or after a title or more role words: "spokesman Rep.
            // X", "campaign communications director X"; not after a link: "campaign of X")
            let mut n = k + 1;
            while n < b
                && n < k + 5
                && (self.is_cap(n) || (self.is_word(n) && !self.is_at(n, C_LINKS | C_CLAUSE)))
                && self.mentions_in(self.t[n].start, self.t[n].end).is_empty()
            {
                n += 1;
            }
            let at = self.t.get(n).map_or(usize::MAX, |t| t.start);
            ms.iter()
                .find(|m| {
                    m.0 >= self.t[k].end
                        && m.0 <= at
                        && self.entities[m.2].kind == EntityKind::Person
                })
                .copied()
        });
        // A spokesperson speaks for whoever the phrase names ("a Trump spokeswoman"); anyone
        // else only for the name that heads it ("Sanders strategist Tad Devine", not "Top
        // Sanders strategists" nor "Trump's attorney, Alan Garten").
        let mut found = named_spokes.or_else(|| pick(ms, order, !spokes));
        let plural_group = |m: &(usize, usize, usize)| {
            let w = self.wb(b - 1);
            m.1 == e
                && m.0 == self.t[b - 1].start
                && self.entities[m.2].kind == EntityKind::Organization
                && self.is_cap(b - 1)
                && w.ends_with(b"s")
                && !w.ends_with(b"ss")
        };
        if share && found.as_ref().is_some_and(plural_group) {
            return (Some(self.literal(s, e)), None);
        }
        let mut from_appos = false;
        // A name no entity rule found, with an apposition: "Ard Jan Vetham, Capgemini's
        // consultant, said".
        if found.is_none() && subj.appos.is_some() && b - a <= 4 && (a..b).all(|k| self.is_cap(k)) {
            let mut sp = self.literal(s, e);
            if let Some((x, y)) = subj.appos {
                let (as_, ae) = self.bytes(x, y);
                if let Some(o) = self
                    .mentions_in(as_, ae)
                    .iter()
                    .find(|o| self.entities[o.2].kind == EntityKind::Organization)
                {
                    sp.organization = Some(self.entities[o.2].name.clone());
                }
            }
            // "Babcock, which has set a dividend, announced": a thing, not a person
            let which = subj.appos.is_some_and(|(x, _)| self.eqi(x, "which"));
            let kind = if which {
                EntityKind::Organization
            } else {
                EntityKind::Person
            };
            return (Some(sp), Some(kind));
        }
        if found.is_none() {
            // Not from a relative clause or a participle: "The commission, headed by Sen. John
            // Tower, said" is the commission's.
            if let Some((x, y)) = subj.appos.filter(|&(x, _)| {
                let w = self.w(x);
                let participle =
                    self.is_word(x) && !self.is_cap(x) && w.len() > 4 && w.ends_with("ed");
                !(participle || has(RELATIVES, w))
            }) {
                let (as_, ae) = self.bytes(x, y);
                found = pick(self.mentions_in(as_, ae), order, false);
                from_appos = found.is_some();
            }
        }
        // "Prime Minister Jacques Chirac's adviser, Marie-Helene Berard, said": a name no
        // entity rule found, in apposition to a phrase that names a person only as a modifier.
        if let Some((x, y)) = subj
            .appos
            .filter(|&(x, y)| found.is_none() && y - x <= 4 && (x..y).all(|k| self.is_cap(k)))
        {
            if ms
                .iter()
                .any(|m| self.entities[m.2].kind == EntityKind::Person)
            {
                let (as_, ae) = self.bytes(x, y);
                return (Some(self.literal(as_, ae)), Some(EntityKind::Person));
            }
        }
        // "Goldman Sachs analysts": an organization the phrase names as a modifier, for want
        // of a better one (a person named so is not the speaker).
        if found.is_none() {
            found = pick(ms, &[EntityKind::Organization], false);
        }
        // "At least one consumer group - Consumers Against Privacy Invasion (Caspian) -": a
        // generic head named by its apposition.
        if found.is_none() && !(a + 1..b).any(|k| self.is_cap(k)) {
            if let Some((x, y)) = subj.appos {
                let mut z = x;
                while z < y
                    && (self.is_cap(z)
                        || self.eqi(z, "and")
                        || self.eqi(z, "of")
                        || self.eqi(z, "for"))
                {
                    z += 1;
                }
                while z > x && !self.is_cap(z - 1) {
                    z -= 1;
                }
                if z >= x + 2 && self.is_cap(x) {
                    let mut sp = self.literal(s, e);
                    sp.text = self.slice(x, z).to_string();
                    return (Some(sp), Some(EntityKind::Organization));
                }
            }
        }
        // "After a meeting of NATO ambassadors, a statement was issued saying": an unnamed
        // statement or spokesperson speaks for the organization named before it in the
        // sentence.
        let content_after = raw.parts.first().is_some_and(|p| self.t[p.0].start >= e);
        if found.is_none()
            && content_after
            && b - a <= 3
            && has(
                &["statement", "spokesman", "spokeswoman", "spokesperson"],
                self.w(b - 1),
            )
        {
            let ss = self.t[self.sent(a).a].start;
            found = self
                .mentions_in(ss, s)
                .iter()
                .rev()
                .find(|m| self.entities[m.2].kind == EntityKind::Organization)
                .copied();
        }
        if found.is_none() {
            // A document or generic noun phrase whose only entity is a location stays literal
            // unless it is the whole phrase ("China has long been worried").
            if let Some(m) = ms
                .iter()
                .find(|m| self.entities[m.2].kind == EntityKind::Location)
            {
                if m.0 == s && m.1 >= e.saturating_sub(1) {
                    found = Some(*m);
                }
            }
        }
        if let Some(m) = found {
            let kind = self.entities[m.2].kind;
            let mut sp = self.entity_speaker(m.2, s, e);
            if kind == EntityKind::Person {
                // Organization: an organization named in the phrase or the apposition.
                let (os, oe) = match subj.appos {
                    Some((x, y)) if !from_appos => (s, self.bytes(x, y).1),
                    _ => (s, e),
                };
                if let Some(o) = self
                    .mentions_in(os, oe)
                    .iter()
                    .find(|o| self.entities[o.2].kind == EntityKind::Organization)
                {
                    sp.organization = Some(self.entities[o.2].name.clone());
                }
                if let Some((x, y)) = subj.appos {
                    if !from_appos {
                        let mut z = x;
                        while z < y
                            && self.is_word(z)
                            && !self.eqi(z, "of")
                            && !self.eqi(z, "at")
                            && !self.eqi(z, "for")
                            && self.mentions_in(self.t[z].start, self.t[z].end).is_empty()
                        {
                            z += 1;
                        }
                        let mut r0 = x;
                        while r0 < z
                            && (self.eqi(r0, "the") || self.eqi(r0, "a") || self.eqi(r0, "an"))
                        {
                            r0 += 1;
                        }
                        if r0 < z {
                            sp.role = Some(self.slice(r0, z).to_string());
                        }
                    }
                }
            }
            return (Some(sp), Some(kind));
        }
        // Unnamed documents: "the study" -> the organization behind it.
        if ms.is_empty()
            && b - a <= 3
            && self.is_word(b - 1)
            && self.noun_of(b - 1) == Some(Noun::Document)
        {
            match self.document_owner(self.w(b - 1)) {
                Some(Ok(ei)) => {
                    let kind = self.entities[ei].kind;
                    return (Some(self.entity_speaker(ei, s, e)), Some(kind));
                }
                Some(Err((x, y))) => {
                    let mut sp = self.literal(s, e);
                    sp.text = self.slice(x, y).to_string();
                    return (Some(sp), Some(EntityKind::Organization));
                }
                None => {}
            }
        }
        // Roles: "the company", "the chairman", "the former finance officer".
        if b - a >= 2
            && b - a <= 4
            && (self.eqi(a, "the") || self.eqi(a, "this"))
            && (a + 1..b).all(|k| self.is_word(k) && !self.is_cap(k))
        {
            let want = match self.noun_of(b - 1) {
                Some(Noun::OrgRole) => Some(EntityKind::Organization),
                Some(Noun::PersonRole) => Some(EntityKind::Person),
                _ => None,
            };
            if let Some(kind) = want {
                let found = prev
                    .iter()
                    .rev()
                    .find(|p| p.2 == Some(kind))
                    .and_then(|p| p.1.clone());
                if let Some(mut sp) = found {
                    sp.start = s;
                    sp.end = e;
                    return (Some(sp), Some(kind));
                }
                if let Some(ei) = self.last_subject(here, kind, raw) {
                    return (Some(self.entity_speaker(ei, s, e)), Some(kind));
                }
            }
        }
        (Some(self.literal(s, e)), None)
    }

    /// Whether a resolved speaker is people: one person (a person, a phrase headed by a
    /// singular person noun: "a Genentech spokeswoman", "one analyst", "the source"), or
    /// several ("share market analysts").
    fn people(&self, spk: Option<&Speaker>, kind: Option<EntityKind>) -> People {
        let Some(sp) = spk else {
            return People::No;
        };
        if kind == Some(EntityKind::Person) {
            return People::One;
        }
        let f = self.t.partition_point(|t| t.start < sp.start);
        let k = self.t.partition_point(|t| t.start < sp.end);
        if f >= k {
            return People::No;
        }
        // "he" resolved to nobody says nothing of who "he" is.
        if k == f + 1 && self.is_at(f, C_PRONOUNS_PERSON) {
            return if sp.entity.is_some() {
                People::One
            } else {
                People::No
            };
        }
        // The head noun: before a preposition ("a spokeswoman for the Chamber of Mines").
        let h = (f + 1..k)
            .find(|&x| self.is_word(x) && !self.is_cap(x) && self.is_at(x, C_LINKS))
            .unwrap_or(k)
            - 1;
        let w = self.wb(h);
        if !self.is_word(h) || w.eq_ignore_ascii_case(b"statement") {
            return People::No;
        }
        if !matches!(
            self.noun_of(h),
            Some(Noun::PersonRole | Noun::Spokes | Noun::Person)
        ) {
            return People::No;
        }
        if w.len() > 3 && w.ends_with(b"s") && !w.ends_with(b"ss") {
            People::Many
        } else {
            People::One
        }
    }

    /// Whether the mention `m` only modifies the noun phrase `a..b` (sig indices), whose
    /// mentions are `ms`, instead of heading it:
    /// - a possessive follows it ("Trump's attorney");
    /// - a noun follows it ("Goldman Sachs analysts"), and for a person, another person
    ///   follows ("Sanders strategist Tad Devine"), or the noun is plural ("Top Sanders
    ///   strategists"), or words come before it ("one Clinton aide"); not so "Dr Mark Tuffy
    ///   games director";
    /// - for a person, a preposition leads to it ("supporters of Sanders"; not "by", "from"
    ///   or "in").
    fn modifier(
        &self,
        m: (usize, usize, usize),
        ms: &[(usize, usize, usize)],
        a: usize,
        b: usize,
    ) -> bool {
        let person = self.entities[m.2].kind == EntityKind::Person;
        let k = self.t.partition_point(|t| t.start < m.1);
        let f = self.t.partition_point(|t| t.start < m.0);
        let noun = |k: usize| {
            // (not "Smith yesterday", "Smith late on Monday", "Obama himself", "Blair
            // expressed", nor a particle in a name: "Pedro Ferraz da Costa")
            self.is_word(k)
                && !self.is_cap(k)
                && self.class_of(k) & (C_LINKS | C_CLAUSE | C_TAIL) == 0
                && !self.is_aux(k)
                && !self.eqi(k, "or")
                && !self.wb(k).ends_with(b"ed")
                && !(self.wb(k).len() <= 3 && self.is_cap(k + 1))
        };
        if k < b {
            if self.t[k].kind == TokenKind::Possessive {
                return true;
            }
            // A person right before a titled name: "Former Clinton Senior Adviser Sidney
            // Blumenthal" (capitalized role words only, at most four).
            if person && self.is_cap(k) {
                let next = ms
                    .iter()
                    .find(|x| x.0 >= m.1 && self.entities[x.2].kind == EntityKind::Person);
                if let Some(x) = next {
                    let n = self.t.partition_point(|t| t.start < x.0);
                    if n > k
                        && n - k <= 4
                        && (k..n)
                            .all(|y| self.is_word(y) && self.is_cap(y) && !self.is_at(y, C_LINKS))
                    {
                        return true;
                    }
                }
            }
            if noun(k) {
                if !person {
                    return true;
                }
                let mut h = k;
                while h + 1 < b && noun(h + 1) {
                    h += 1;
                }
                // The nouns end the phrase, or a preposition or a possessive follows them (not
                // "Juppe gave no details but pledged").
                let ends = h + 1 >= b
                    || self.t[h + 1].kind == TokenKind::Possessive
                    || (self.is_word(h + 1) && self.is_at(h + 1, C_LINKS));

                let w = self.wb(h);
                let plural = w.ends_with(b"s") && !w.ends_with(b"ss");
                let later_person = ms
                    .iter()
                    .any(|x| x.0 >= m.1 && self.entities[x.2].kind == EntityKind::Person);
                // (a capitalized word before it is a title, unless it is a determiner)
                let lead = (a..f).any(|x| {
                    self.is_word(x)
                        && !self.eqi(x, "the")
                        && (!self.is_cap(x)
                            || self.is_at(x, C_DETERMINERS | C_NP_BREAK)
                            || has(&["one", "another", "former", "top", "senior"], self.w(x)))
                });
                if later_person || (ends && (plural || lead)) {
                    return true;
                }
            }
        }
        let mut f = f;
        while f > a && (self.eqi(f - 1, "the") || self.eqi(f - 1, "a") || self.eqi(f - 1, "an")) {
            f -= 1;
        }
        person
            && f > a + 1
            && self.is_word(f - 1)
            && !self.is_cap(f - 1)
            && self.is_at(f - 1, C_LINKS)
            && !["and", "&", "by", "from", "in"]
                .iter()
                .any(|x| self.eqi(f - 1, x))
    }

    /// The end of a noun phrase opening at `k` (a determiner or a capital), at most four
    /// words before `c`, that ends in a speaker noun ("The government", "Local officials").
    fn noun_head(&self, k: usize, c: usize) -> Option<usize> {
        if !(self.is_cap(k) || self.is_at(k, C_DETERMINERS)) {
            return None;
        }
        (k + 1..c.min(k + 4))
            .take_while(|&x| self.is_word(x))
            .find(|&x| !self.is_cap(x) && self.noun_of(x).is_some())
            .map(|x| x + 1)
    }

    /// The first word of `a..c` that looks like a finite verb (an auxiliary, a reporting
    /// verb, a lower-case word in -ed), passing over relative clauses between commas ("Canadian
    /// Airlines, which has 81 aircraft, ordered"); `c` when there is none.
    fn first_verb(&self, a: usize, c: usize) -> usize {
        let mut k = a;
        while k < c {
            if self.punct(k, ",") && k + 1 < self.t.len() && has(RELATIVES, self.w(k + 1)) {
                match (k + 1..c).find(|&x| self.punct(x, ",")) {
                    Some(x) => {
                        k = x + 1;
                        continue;
                    }
                    None => return c,
                }
            }
            if self.is_word(k) && !self.is_cap(k) && !self.in_quote(k) {
                let w = self.wb(k);
                let verb = self.is_at(k, C_VERBISH | C_CLAUSEY)
                    || self
                        .cue_at(k)
                        .is_some_and(|x| !x.gerund && x.kind != CueKind::According)
                    || (w.len() > 4 && w.ends_with(b"ed"));
                if verb {
                    return k;
                }
            }
            k += 1;
        }
        c
    }

    /// The person or organization that opens the sentence holding `a`, before `a` ("Lynch
    /// has the final say, and though she has said"), else the one that opens the sentence
    /// before: in the same paragraph ("Malcolm Glazer was ... In 2004 he said"), or in the
    /// paragraph before when `a`'s sentence opens the paragraph with a quotation ("Ann Roe,
    /// 33, works ... / "...," she said").
    /// A name inside the content of the claim `raw` is none: "Mr. Trump fits that bill, he
    /// added".
    fn previous_subject(&self, a: usize, kind: EntityKind, raw: &Raw) -> Option<usize> {
        let si = self.sent_of[a] as usize;
        let content = match (raw.parts.first(), raw.parts.last()) {
            (Some(f), Some(l)) => (f.0, l.1),
            _ => (0, 0),
        };
        // (not a name the pronoun's own clause goes on with: "he told Rubio")
        let cur = &self.sents[si];
        let (os, oe) = self.bytes(a + 1, (a + 4).min(cur.b).max(a + 1));
        let object = |ei: usize| self.mentions_in(os, oe).iter().any(|m| m.2 == ei);
        if let Some(ei) = self.opening_subject(si, a, kind, content) {
            return (!object(ei)).then_some(ei);
        }
        if si == 0 {
            return None;
        }
        let prev = &self.sents[si - 1];
        if prev.para != cur.para {
            // (a sentence with a cue of its own is an attribution, with its own speaker:
            // "X did Y, Roe said. / "...," he said")
            let opens_quoted = (cur.a..a)
                .find(|&k| self.t[k].is_wordlike() || self.is_quote_mark(k))
                .is_some_and(|k| self.is_quote_mark(k));
            if !opens_quoted
                || prev.para + 1 != cur.para
                || !self.cues_in(prev.a, prev.b).is_empty()
            {
                return None;
            }
        }
        self.opening_subject(si - 1, prev.b, kind, content)
            .filter(|&ei| !object(ei))
    }

    /// The entity of kind `kind` whose name opens sentence `si` before token `before`, after
    /// any lead-in up to a comma ("In her speech, Rhimes declared"); not a name quoted, nor
    /// one followed by a possessive ("Clinton's aide").
    fn opening_subject(
        &self,
        si: usize,
        before: usize,
        kind: EntityKind,
        content: (usize, usize),
    ) -> Option<usize> {
        let sent = &self.sents[si];
        let end = before.min(sent.b);
        let mut k = (sent.a..end).find(|&k| self.t[k].is_wordlike())?;
        let w = self.w(k);
        if self.is_at(k, C_LINKS) || has(SUBORDINATORS, w) || (w.len() > 5 && w.ends_with("ing")) {
            k = (k..end).find(|&x| self.punct(x, ","))? + 1;
        }
        let from = k;
        while k < end && (!self.t[k].is_wordlike() || has(&["mr", "mrs", "ms", "dr"], self.w(k))) {
            k += 1;
        }
        if k >= end || self.in_quote(k) || (content.0 <= k && k < content.1) {
            return None;
        }
        let m = self
            .mentions_in(self.t[from].start, self.t[k].end)
            .iter()
            .find(|m| m.1 > self.t[k].start)?;
        let after = self.t.partition_point(|t| t.start < m.1);
        let possessive = after < self.t.len() && self.t[after].kind == TokenKind::Possessive;
        (self.entities[m.2].kind == kind && !possessive).then_some(m.2)
    }

    /// The gender of the entity `ei`, when the text or its given name tells it: an honorific
    /// right before a mention ("Mr Smith", "Dame Judi Dench"), else the given name that opens
    /// its name, when the name list gives it one sex ("Nancy Pelosi"), and the roles and
    /// relations before a mention ("spokeswoman Jane Roe", "his wife Hillary") or in
    /// apposition after one ("Jane Roe, the chairwoman of ..."). Signs that disagree tell
    /// nothing ("Chairman Janet Roe").
    fn entity_gender(&self, ei: usize) -> Option<Gender> {
        if let Some(&Some(g)) = self.genders.borrow().get(ei) {
            return g;
        }
        let ent = &self.entities[ei];
        let g = if ent.kind == EntityKind::Person {
            self.find_entity_gender(ent)
        } else {
            None
        };
        let mut cache = self.genders.borrow_mut();
        if cache.len() < self.entities.len() {
            cache.resize(self.entities.len(), None);
        }
        cache[ei] = Some(g);
        g
    }

    /// [`entity_gender`](Self::entity_gender), not kept.
    fn find_entity_gender(&self, ent: &Entity) -> Option<Gender> {
        // (male seen, female seen) for titles, and for roles and relations
        let mut titles = (false, false);
        let mut roles = (false, false);
        let see = |seen: &mut (bool, bool), g: Gender| match g {
            Gender::Male => seen.0 = true,
            Gender::Female => seen.1 = true,
        };
        for m in &ent.mentions {
            let i = self.t.partition_point(|t| t.start < m.start);
            // Before: "Mr. Smith", "Queen Rania", "his wife Hillary", "his wife, Nancy,".
            let mut j = i;
            let dot = j > 0 && self.punct(j - 1, ".");
            let comma = j > 0 && self.punct(j - 1, ",");
            if dot || comma {
                j -= 1;
            }
            if j > 0 && self.is_word(j - 1) {
                let t = self.t[j - 1];
                match self.lex.gender_word(self.text, t.start, t.end) {
                    Some((g, GenderCue::Title)) if !comma => see(&mut titles, g),
                    Some((g, GenderCue::Role)) if !dot => see(&mut roles, g),
                    Some((g, GenderCue::Kin))
                        if !dot
                            && j > 1
                            && (self.t[j - 2].kind == TokenKind::Possessive
                                || has(&["his", "her", "their"], self.w(j - 2))) =>
                    {
                        see(&mut roles, g)
                    }
                    _ => {}
                }
            }
            // After, in apposition: "Jane Roe, 52, the chairwoman of ...", "Tom Roe, Jane's
            // husband,": the first word that tells, before a preposition, a relative or the
            // end of the phrase.
            let k = self.t.partition_point(|t| t.start < m.end);
            if !self.punct(k, ",") {
                continue;
            }
            let mut x = k + 1;
            while x < self.t.len() && x <= k + 8 {
                let t = self.t[x];
                match t.kind {
                    TokenKind::Word => {
                        if has(
                            &[
                                "of", "at", "for", "in", "with", "who", "whose", "which", "and",
                                "or",
                            ],
                            self.w(x),
                        ) {
                            break;
                        }
                        if let Some((g, cue)) = self.lex.gender_word(self.text, t.start, t.end) {
                            if cue != GenderCue::Title {
                                see(&mut roles, g);
                            }
                            break;
                        }
                    }
                    // an age: "Jane Roe, 52, a mother of three"
                    TokenKind::Number if x == k + 1 && self.punct(x + 1, ",") => x += 1,
                    TokenKind::Possessive | TokenKind::Number => {}
                    _ => break,
                }
                x += 1;
            }
        }
        let one = |(male, female): (bool, bool)| one_gender(male, female);
        // (only a name of two words or more opens with a given name)
        let given = || {
            let (first, _) = ent.name.split_once(' ')?;
            self.lex.given_sex(first, 0, first.len())
        };
        match (titles, given()) {
            ((false, false), Some(Gender::Male)) => see(&mut roles, Gender::Male),
            ((false, false), Some(Gender::Female)) => see(&mut roles, Gender::Female),
            ((false, false), None) => {}
            _ => return one(titles),
        }
        one(roles)
    }

    /// The gender of a resolved speaker: its person's, else the one the words of its mention
    /// tell ("a Genentech spokeswoman", "the victim's mother", "she").
    fn speaker_gender(&self, sp: &Speaker, kind: Option<EntityKind>) -> Option<Gender> {
        if kind == Some(EntityKind::Person) {
            if let Some(ei) = sp
                .entity
                .as_deref()
                .and_then(|id| self.entities.iter().position(|e| e.id == id))
            {
                if let Some(g) = self.entity_gender(ei) {
                    return Some(g);
                }
            }
        }
        let f = self.t.partition_point(|t| t.start < sp.start);
        let k = self.t.partition_point(|t| t.start < sp.end);
        if k == f + 1 && self.is_at(f, C_PRONOUNS_PERSON) {
            return Some(self.pronoun_gender(f));
        }
        // The words of the phrase: roles, relations, titles, and given names before another
        // name ("The chairman of the CFTC, Susan Phillips," tells nothing).
        let (mut male, mut female) = (false, false);
        for x in f..k {
            let t = self.t[x];
            if t.kind != TokenKind::Word {
                continue;
            }
            let g = self
                .lex
                .gender_word(self.text, t.start, t.end)
                .map(|w| w.0)
                .or_else(|| {
                    (self.is_cap(x) && x + 1 < k && self.is_cap(x + 1))
                        .then(|| self.lex.given_sex(self.text, t.start, t.end))
                        .flatten()
                });
            match g {
                Some(Gender::Male) => male = true,
                Some(Gender::Female) => female = true,
                None => {}
            }
        }
        one_gender(male, female)
    }

    /// Whether a speaker is a "he" or "she" resolved to nobody.
    fn unresolved_pronoun(&self, sp: &Speaker) -> bool {
        if sp.entity.is_some() {
            return false;
        }
        let f = self.t.partition_point(|t| t.start < sp.start);
        f < self.t.len()
            && self.t[f].end == sp.end
            && self.is_at(f, C_PRONOUNS_PERSON)
            && sp.text == self.w(f)
    }

    /// The gender of the pronoun at `i` ("he" or "she").
    fn pronoun_gender(&self, i: usize) -> Gender {
        if self.eqi(i, "she") {
            Gender::Female
        } else {
            Gender::Male
        }
    }

    /// Whether the person `ei` may be called `g`: of that gender, or of none known.
    fn entity_fits(&self, ei: usize, g: Gender) -> bool {
        self.entity_gender(ei).is_none_or(|x| x == g)
    }

    /// The last person mentioned before byte `before` who may be called `g`, and where.
    fn last_person_fitting(&self, before: usize, g: Gender) -> Option<(usize, usize)> {
        let k = self.mentions.partition_point(|m| m.0 < before);
        self.mentions[..k]
            .iter()
            .rev()
            .find(|m| self.entities[m.2].kind == EntityKind::Person && self.entity_fits(m.2, g))
            .map(|m| (m.2, m.0))
    }

    /// The organization behind a document: `a study by Gartner`, `a BBC poll`,
    /// `the survey ... was carried out by Capgemini`, anywhere in the text.
    /// An entity, or else a capitalized name (sig range) that no entity rule found.
    fn document_owner(&self, noun: &'a str) -> Owner {
        // (the answer depends on the noun's letters only, not their case)
        let known = self
            .owners
            .borrow()
            .iter()
            .find_map(|(w, o)| w.eq_ignore_ascii_case(noun).then_some(*o));
        if let Some(o) = known {
            return o;
        }
        let o = self.find_document_owner(noun);
        self.owners.borrow_mut().push((noun, o));
        o
    }

    /// [`document_owner`](Self::document_owner), looked for.
    fn find_document_owner(&self, noun: &str) -> Owner {
        let org = |k: usize| {
            self.mentions_in(self.t[k].start, self.t[k].end)
                .iter()
                .find(|m| {
                    self.entities[m.2].kind == EntityKind::Organization && m.0 == self.t[k].start
                })
                .map(|m| m.2)
        };
        for (i, tk) in self.t.iter().enumerate() {
            if tk.kind != TokenKind::Word {
                continue;
            }
            let tw = self.wb(i);
            if tw.len() < noun.len()
                || !tw[..noun.len()].eq_ignore_ascii_case(noun.as_bytes())
                || self.noun_of(i) != Some(Noun::Document)
            {
                continue;
            }
            let sent = self.sent(i);
            // "a BBC World Service poll": an organization right before the noun.
            let k0 = (sent.a..i).rev().take_while(|&k| self.is_cap(k)).last();
            if let Some(ei) = k0.and_then(org) {
                return Some(Ok(ei));
            }
            // "... by Capgemini", "conducted by consultancy Building Zones" later in the sentence.
            for k in i + 1..sent.b {
                if (self.eqi(k, "by") || self.eqi(k, "from")) && k + 1 < sent.b {
                    let mut x = k + 1;
                    while x < sent.b && x < k + 4 && self.is_word(x) && !self.is_cap(x) {
                        x += 1;
                    }
                    if x < sent.b {
                        if let Some(ei) = org(x) {
                            return Some(Ok(ei));
                        }
                    }
                    let mut y = x;
                    while y < sent.b && y < x + 5 && self.is_cap(y) {
                        y += 1;
                    }
                    if y > x {
                        return Some(Err((x, y)));
                    }
                }
            }
        }
        None
    }

    fn literal(&self, s: usize, e: usize) -> Speaker {
        Speaker {
            text: self.text[s..e].to_string(),
            entity: None,
            start: s,
            end: e,
            role: None,
            organization: None,
        }
    }
}

#[cfg(test)]
mod scan_tests {
    use super::{gallop, maybe_subject, words_at_least, CLAUSE, PRONOUNS_PERSON, SUBJECTS};

    /// The byte test in front of the subjects' class passes every word of the class, in any
    /// case.
    #[test]
    fn subject_test_is_necessary() {
        for w in PRONOUNS_PERSON.iter().chain(SUBJECTS) {
            for v in [w.to_string(), w.to_ascii_uppercase(), {
                let mut c = w.to_string();
                c[..1].make_ascii_uppercase();
                c
            }] {
                assert!(maybe_subject(v.as_bytes()), "{v}");
            }
        }
        assert!(!maybe_subject(b""));
        assert!(!maybe_subject(b"reporters"));
    }

    /// The stopping count agrees with a full count, on every range of some odd texts.
    #[test]
    fn words_at_least_agrees_with_a_count() {
        for text in [
            "",
            " ",
            "He said, \"it's 42%\" -- and 3.5 more.",
            "«Quote» «»  ''' — x 1 2 3 a-b 'c' \u{2019}d",
        ] {
            let mut t = Vec::new();
            crate::tokenizer::tokenize_into(text, &mut t);
            for a in 0..=t.len() {
                for b in 0..=t.len() {
                    let n = t[a.min(b)..b].iter().filter(|x| x.is_wordlike()).count();
                    for k in 0..=n + 2 {
                        assert_eq!(words_at_least(&t, a, b, k), n >= k, "{text:?} {a} {b} {k}");
                    }
                }
            }
        }
    }

    /// `np_before` asks "and", "but" and "who" only of the clause openers.
    #[test]
    fn and_but_who_open_clauses() {
        for w in ["and", "but", "who"] {
            assert!(CLAUSE.contains(&w), "{w}");
        }
    }

    #[test]
    fn gallop_agrees_with_partition_point() {
        for len in 0..70usize {
            let xs: Vec<usize> = (0..len).collect();
            for cut in 0..=len {
                let pred = |x: &usize| *x < cut;
                assert_eq!(gallop(&xs, pred), xs.partition_point(pred), "{len} {cut}");
            }
        }
    }
}
