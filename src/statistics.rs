//! Statistics: numbers that report a measurement, with their value, kind, unit, qualifiers and
//! the phrase naming what they measure (GUIDELINES.md, "Statistics").
//!
//! One pass over the tokens finds number candidates: `Number` tokens and number words. A word
//! is looked up only when its first bytes pass two bit tables built once (two bytes, then
//! three), so most words cost a table probe. Near a candidate every token is looked up once
//! in a single table of words (number words, phrase starts, word lists as flags) and the
//! answer is kept for the document. Each candidate is read forward (multiplier, unit,
//! currency, range partner) and backward (currency sign, qualifiers), then classified or
//! dropped (dates, years, times, durations, ages, model numbers, names, small number words).
//! Units, currencies, multipliers, number words and qualifiers are data:
//! `lexicons/stats/*.tsv`.

mod lex;

use crate::record::Entity;
use crate::scratch;
use crate::tokenizer::{Token, TokenKind};
use lex::{NumWord, Phrase, Table, Tables, UnitKind, What};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, OnceCell};

/// The phrase naming what a statistic measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Measure {
    /// `&text[start..end]`.
    pub text: String,
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A number that reports a measurement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statistic {
    /// The number as written (with its currency sign, multiplier and unit).
    pub text: String,
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The normalized value: multipliers applied, percentages in percent, falls positive.
    pub value: f64,
    /// `count`, `money`, `percent`, `ratio`, `rank` or `quantity`.
    pub kind: String,
    /// The ISO currency code (`USD`, `GBP`, `GBX` for pence, `USX` for cents) or the unit.
    pub unit: Option<String>,
    /// Whether the number is approximate ("about", "nearly", "some").
    pub approximate: bool,
    /// `more_than`, `less_than`, `at_least`, `at_most` or `up_to`.
    pub comparator: Option<String>,
    /// `up` or `down`.
    pub direction: Option<String>,
    /// The unit the value is per ("a share", "per barrel", "a year").
    pub per: Option<String>,
    /// What the number measures.
    pub measure: Option<Measure>,
    /// The rule that found it.
    pub rule: String,
}

/// The statistics pass alone, over tokens made beforehand: for benchmarks. There is no
/// entity pass, so numbers inside names are not dropped as [`Extractor`](crate::Extractor)
/// drops them.
#[doc(hidden)]
#[derive(Debug)]
pub struct StatisticsPass(StatRules);

impl StatisticsPass {
    /// Compiles the built-in statistics tables.
    pub fn new() -> crate::Result<StatisticsPass> {
        StatRules::new().map(StatisticsPass)
    }

    /// The statistics of `text`, whose tokens are `tokens`.
    pub fn extract(&self, text: &str, tokens: &[Token]) -> Vec<Statistic> {
        self.0.extract(text, tokens, &[])
    }
}

/// Compiled statistics rules.
#[derive(Debug)]
pub(crate) struct StatRules {
    /// The tables, with the word lists (function words, linking words, labels, streets,
    /// verbs, months...) as `W_*` flags.
    t: Tables,
    /// A bit per first two bytes of a word (at `pair`): whether a word starting with them may be read as a number (a number word,
    /// "twenty-five", "RM23"). Most words fail it and are never looked up.
    gate: Box<[u64; (1 << 16) / 64]>,
    /// A bit per case-blind hash of the first three bytes of a number word, of "minus" and
    /// "sub", and of every three bytes of a compact currency form: a word of three bytes or
    /// more with no digit in its first three whose bit is clear is read as nothing.
    tri: Box<[u64; TRI_BITS / 64]>,
    /// The same over the first four bytes: of a number word, of "minus", of a three-byte
    /// number word and a hyphen ("one-third"), of "sub-", and of every four bytes of a
    /// compact currency form. A word of four bytes or more with no digit in its first four
    /// whose bit is clear is read as nothing ("this", "those", "through").
    quad: Box<[u64; TRI_BITS / 64]>,
}

const W_LABEL: u32 = 1;
const W_STREET: u32 = 2;
const W_VERB: u32 = 4;
const W_REPORT: u32 = 8;
const W_TIMES: u32 = 16;
const W_RANK: u32 = 32;
const W_MONTH: u32 = 64;
/// Function words: they end a measure phrase.
const W_STOP: u32 = 128;
/// Words between a measure and its number ("was", "reached", "to").
const W_LINK: u32 = 256;
// Short lists the measure rules test words against (`W_*` flags, found in one look-up).
const W_AFTER_ED: u32 = 1 << 9;
const AFTER_ED: &[&str] = &[
    "to", "by", "at", "from", "of", "than", "about", "around", "nearly", "more", "some",
];
const W_DEGREE: u32 = 1 << 10;
const DEGREE: &[&str] = &["far", "well", "even", "still", "much", "just"];
const W_AT_TO_BY: u32 = 1 << 11;
const AT_TO_BY: &[&str] = &["at", "to", "by"];
const W_BE: u32 = 1 << 12;
const BE: &[&str] = &["was", "were", "is", "are", "been", "be", "being"];
const W_JOIN: u32 = 1 << 13;
const JOIN: &[&str] = &["of", "in", "between", "and", "with", "for", "on"];
const W_HEAD: u32 = 1 << 14;
const W_OF_FROM_WITH: u32 = 1 << 15;
const OF_FROM_WITH: &[&str] = &["of", "from", "with"];
const W_THE_ITS: u32 = 1 << 16;
const THE_ITS: &[&str] = &["the", "its", "their"];
const W_IN_ON_AT: u32 = 1 << 17;
const IN_ON_AT: &[&str] = &["in", "on", "at"];
const W_DET: u32 = 1 << 18;
const DET: &[&str] = &["the", "its", "their", "each", "every", "this"];
const W_PER_EACH: u32 = 1 << 19;
const PER_EACH: &[&str] = &["per", "each", "every", "a"];
const W_PERIOD: u32 = 1 << 20;
const PERIOD: &[&str] = &[
    "day", "week", "month", "year", "hour", "night", "session", "person", "head",
];
/// Adjectives of a period that end in -ly, so may start a measure ("a monthly pass").
const PERIODIC: &[&str] = &[
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "yearly",
    "hourly",
    "nightly",
];
const W_MODEL: u32 = 1 << 21;
/// Singular nouns of product classes: a number before one names a model, not a count ("the
/// 68020 microprocessor", "a 747 jet", "the 400 series"), as a number above one would need
/// the plural.
const MODEL_HEADS: &[&str] = &[
    "microprocessor",
    "processor",
    "coprocessor",
    "chip",
    "microchip",
    "computer",
    "minicomputer",
    "microcomputer",
    "supercomputer",
    "mainframe",
    "workstation",
    "server",
    "jet",
    "jetliner",
    "airliner",
    "airplane",
    "plane",
    "jumbo",
    "helicopter",
    "engine",
    "series",
    "model",
    "machine",
    "handset",
    "phone",
    "smartphone",
    "modem",
    "printer",
    "console",
    "camera",
    "laptop",
    "sedan",
    "saloon",
    "coupe",
    "hatchback",
    "line",
];
/// Plurals that do not end in -s: a model head before one is a modifier of a counted noun
/// ("14 jet aircraft").
const W_PLURAL: u32 = 1 << 22;
const PLURALS: &[&str] = &["aircraft", "people", "staff", "personnel", "craft"];

/// Nouns after "pounds of" that make the pounds money, not a weight ("5m pounds of
/// investment", "of public money"); see `pounds_weight`.
const MONEY_NOUNS: &[&str] = &[
    "investment",
    "investments",
    "funding",
    "funds",
    "money",
    "cash",
    "debt",
    "debts",
    "spending",
    "savings",
    "revenue",
    "revenues",
    "sales",
    "assets",
    "loans",
    "aid",
    "damages",
    "tax",
    "taxes",
    "taxpayers",
    "taxpayers'",
    "public",
    "government",
    "capital",
    "profit",
    "profits",
    "losses",
    "cuts",
    "shares",
    "stock",
    "bonds",
    "business",
    "orders",
    "contracts",
    "compensation",
    "grants",
    "income",
    "subsidies",
    "fees",
    "fines",
    "spend",
    "value",
    "support",
    "borrowing",
    "credit",
    "new",
    "additional",
    "extra",
    "private",
    "state",
    "lottery",
    "bank",
];

/// Comparatives after a figure ("4% higher", "10% cheaper"): no measure.
const W_COMPARE: u32 = 1 << 23;
const COMPARATIVES: &[&str] = &[
    "higher", "lower", "bigger", "smaller", "larger", "greater", "cheaper", "dearer", "faster",
    "slower", "stronger", "weaker", "better", "worse", "wider", "narrower",
];

const STOP_WORDS: &str = "the a an and or but nor of in on at to for by with from as than that \
    which who whom whose this these those it its they their them he his him she her we our us \
    you your i me my was were is are be been being has have had having will would could should \
    can may might must do does did said says say saying told tells added not no also only just \
    about around nearly almost some more less most least over under up down per each every into \
    after before while when where whether if so such there here then now all both since until \
    according between among against during within without including while what how why though \
    although because very much many few other another same own while earlier later ago \
    previously respectively annually vs versus yesterday today tomorrow tonight through \
    compared pct million billion trillion mln bln mn bn dollars dlrs dlr cts stg out";

const LINK_WORDS: &str = "was were is are be been being stood stands stand reached reach \
    reaches hit hits totalled totaled totalling totals total came comes exceeded exceeds \
    exceeding topped tops of to at by from rose fell rise falls fall risen fallen up down grew \
    grown dropped jumped climbed increased decreased declined gained lost slipped surged \
    soared plunged slumped tumbled has have had with nearly about around almost some more \
    less than over under just only roughly approximately estimated an a the some worth valued \
    value cost costs costing paid pay raised estimated put set reported reporting amounted \
    amounts amount accounting accounted account for between maybe perhaps possibly off \
    sank sinks sunk slid shed sheds spent spends made makes earn earns lend lends lent manage \
    manages save saves held holds wins lose loses sold sells bought buys took takes gave \
    gives got gets owe owes borrow borrows generate generates employ employs attract attracts \
    brought bring brings grow grows steady unchanged flat stable will would could \
    should might can must higher lower bigger smaller larger greater cheaper faster slower \
    stronger weaker better worse wider narrower";

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words before a number that make it a label, not a measurement ("page 5", "Article 3").
const LABELS: &[&str] = &[
    "page",
    "pages",
    "line",
    "room",
    "flight",
    "route",
    "episode",
    "season",
    "chapter",
    "version",
    "model",
    "series",
    "level",
    "grade",
    "article",
    "section",
    "paragraph",
    "clause",
    "gate",
    "platform",
    "channel",
    "volume",
    "vol",
    "issue",
    "phase",
    "stage",
    "type",
    "category",
    "class",
    "division",
    "tier",
    "zone",
    "act",
    "scene",
    "step",
    "lot",
    "item",
    "figure",
    "fig",
    "table",
    "exhibit",
    "highway",
    "interstate",
    "junction",
    "part",
    "pt",
    "appendix",
    "annex",
    "box",
    "apartment",
    "suite",
    "floor",
    "unit",
    "bus",
    "train",
    "row",
    "seat",
    "week",
    "day",
    "game",
    "round",
    "match",
    "term",
    "year",
    "aged",
    "age",
    "ages",
    "tel",
    "telephone",
    "phone",
    "fax",
    "ext",
    "code",
    "postcode",
    "no.",
    "nos",
    "v",
    "vs",
    "windows",
    "generation",
    "gen",
    "iphone",
    "galaxy",
    "pixel",
    "top",
    "under",
    "over",
];

/// Street words: a number before a capitalized name ending in one is an address.
const STREETS: &[&str] = &[
    "road",
    "rd",
    "street",
    "st",
    "avenue",
    "ave",
    "way",
    "lane",
    "ln",
    "drive",
    "dr",
    "boulevard",
    "blvd",
    "place",
    "pl",
    "court",
    "ct",
    "square",
    "terrace",
    "crescent",
    "close",
    "highway",
    "parkway",
    "broadway",
];

/// Words after "N times" that make it a multiple ("four times as many").
const TIMES_NEXT: &[&str] = &[
    "as", "the", "more", "less", "that", "what", "its", "their", "his", "her", "this", "higher",
    "larger", "bigger", "greater", "faster", "slower", "smaller", "lower", "cheaper", "longer",
    "over", "bigger", "better", "worse", "stronger", "richer", "heavier", "wider", "richer",
];

/// Words before an ordinal that make it a rank ("ranking first").
const RANK_VERBS: &[&str] = &[
    "ranking",
    "ranked",
    "ranks",
    "rank",
    "came",
    "come",
    "comes",
    "coming",
    "placed",
    "placing",
    "finished",
    "finishing",
    "finish",
    "finishes",
    "rated",
    "listed",
];

const TRI_BITS: usize = 1 << 14;

/// The index of a word's first two bytes in `StatRules::gate`.
#[inline]
fn pair(a: u8, b: u8) -> usize {
    usize::from(u16::from_le_bytes([a, b]))
}

/// A case-blind hash of three bytes, for `StatRules::tri`.
#[inline]
fn tri_hash(a: u8, b: u8, c: u8) -> usize {
    let x = (u32::from(a | 0x20) << 16 | u32::from(b | 0x20) << 8 | u32::from(c | 0x20))
        .wrapping_mul(0x9E37_79B9);
    (x >> (32 - TRI_BITS.trailing_zeros())) as usize
}

/// A case-blind hash of four bytes, for `StatRules::quad`.
#[inline]
fn quad_hash(a: u8, b: u8, c: u8, d: u8) -> usize {
    let x = (u32::from_le_bytes([a, b, c, d]) | 0x2020_2020).wrapping_mul(0x9E37_79B9);
    (x >> (32 - TRI_BITS.trailing_zeros())) as usize
}

/// Bytes that make a word worth a second look: 1 = a digit ("RM23"), 2 = a hyphen
/// ("twenty-five").
static SPECIAL: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = 1;
        c += 1;
    }
    t[b'-' as usize] = 2;
    t
};

/// Kinds of statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Count,
    Money,
    Percent,
    Ratio,
    Rank,
    Quantity,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Ratio => "ratio",
            Kind::Rank => "rank",
            Kind::Quantity => "quantity",
        }
    }
}

/// A number candidate, read from the tokens.
#[derive(Clone, Debug)]
struct Num {
    /// First token (of the currency sign, if one comes first).
    first: usize,
    /// The number's own first token.
    core: usize,
    /// One past the last token.
    last: usize,
    raw: f64,
    mult: Option<f64>,
    cur: Option<u16>,
    unit: Option<(UnitKind, u16)>,
    /// Written as words ("three million").
    words: bool,
    /// Digits: a plain integer, no separator.
    plain_int: bool,
    /// Digits: how many.
    ndigits: usize,
    /// Already classified (ratio, rank): kind and value.
    fixed: Option<(Kind, f64)>,
    /// A reason not to report it.
    skip: bool,
    rule: &'static str,
}

impl Num {
    /// A plain four-digit integer that could be a year.
    fn year_like(&self) -> bool {
        self.plain_int
            && self.ndigits == 4
            && self.cur.is_none()
            && self.unit.is_none()
            && self.mult.is_none()
            && (1000.0..=2199.0).contains(&self.raw)
    }

    fn new(first: usize, raw: f64, rule: &'static str) -> Num {
        Num {
            first,
            core: first,
            last: first + 1,
            raw,
            mult: None,
            cur: None,
            unit: None,
            words: false,
            plain_int: false,
            ndigits: 0,
            fixed: None,
            skip: false,
            rule,
        }
    }
}

/// `StatRules::extract`'s buffers, kept between documents (one set per thread).
#[derive(Default)]
struct Bufs {
    /// The per-token id cache.
    ids: Vec<u16>,
    /// The number candidates.
    nums: Vec<Num>,
    /// The entity mention spans ([`Cx::names`]).
    names: Vec<(usize, usize)>,
    /// The first and last token of each statistic found.
    bounds: Vec<(usize, usize)>,
}

thread_local! {
    static BUFS: Cell<Bufs> = const {
        Cell::new(Bufs {
            ids: Vec::new(),
            nums: Vec::new(),
            names: Vec::new(),
            bounds: Vec::new(),
        })
    };
}

/// One document's view.
struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Entity mention spans, sorted.
    names: Vec<(usize, usize)>,
    /// How many of `names` start at or before the number `in_name` was last asked about.
    names_upto: Cell<usize>,
    t: &'a Tables,
    /// Per token: its entry id in `t` plus one, once looked up (0: not yet).
    ids: &'a [Cell<u16>],
    /// The code of a bare "francs" in this article, once one is found (`franc_code`).
    franc: OnceCell<&'static str>,
    /// The first byte of the first "against" in the text (`first_against`), once asked.
    against: OnceCell<usize>,
}

impl<'a> Cx<'a> {
    /// The view of `text`, split into `toks`, with the entity mention spans `names` (sorted)
    /// and `ids` (one per token, all 0) to fill as the words are looked up in `t`.
    fn new(
        text: &'a str,
        toks: &'a [Token],
        names: Vec<(usize, usize)>,
        t: &'a Tables,
        ids: &'a mut [u16],
    ) -> Cx<'a> {
        Cx {
            text,
            toks,
            names,
            names_upto: Cell::new(0),
            t,
            ids: Cell::from_mut(ids).as_slice_of_cells(),
            franc: OnceCell::new(),
            against: OnceCell::new(),
        }
    }

    /// The entry id of token `i`'s text (looked up once per token).
    #[inline]
    fn id(&self, i: usize) -> u16 {
        let Some(c) = self.ids.get(i) else { return 0 };
        match c.get() {
            0 => {
                let id = self.t.id_of(self.b(i));
                c.set(id + 1);
                id
            }
            v => v - 1,
        }
    }

    /// What token `i`'s text is in the tables.
    #[inline]
    fn entry(&self, i: usize) -> &'a lex::Entry {
        self.t.entry(self.id(i))
    }

    /// Token `i` as a number word.
    #[inline]
    fn num(&self, i: usize) -> Option<&'a NumWord> {
        self.entry(i).num.as_ref()
    }

    /// Whether token `i`'s text is in a word list (`W_*` flags), whatever its kind.
    #[inline]
    fn flag(&self, i: usize, flag: u32) -> bool {
        self.t.flags(self.id(i)) & flag != 0
    }

    #[inline]
    fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Token `i`'s bytes (empty past the end).
    #[inline]
    fn b(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or_default()
    }

    #[inline]
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The next token after `i` that is not a space (a line break counts as a token).
    #[inline]
    fn next(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.toks.len() && matches!(self.toks[j].kind, TokenKind::Space) {
            j += 1;
        }
        j
    }

    /// The token after `i` past white space, where what follows a number may be read: not
    /// past a line break, unless the break only wraps a line in the middle of a sentence (one
    /// line feed, no indent, a word in lower case next: "134.9 billion\nfrancs").
    #[inline]
    fn next_in_line(&self, i: usize) -> Option<usize> {
        let j = self.next(i);
        if !matches!(self.kind(j), Some(TokenKind::LineBreak)) {
            return Some(j);
        }
        let wrap = matches!(self.b(j), b"\n" | b"\r\n")
            && self.is_word(j + 1)
            && self.b(j + 1).first().is_some_and(u8::is_ascii_lowercase);
        wrap.then_some(j + 1)
    }

    /// Whether token `j` is a line break that only wraps a line in the middle of a
    /// paragraph: one line feed and no indent after it (news wires wrap every line so; a new
    /// paragraph starts with a blank line or an indent), and no hard break (`hard_break`).
    #[inline]
    fn wrap(&self, j: usize) -> bool {
        matches!(self.kind(j), Some(TokenKind::LineBreak))
            && {
                let b = self.b(j);
                b.last() == Some(&b'\n') && b.iter().filter(|&&c| c == b'\n').count() == 1
            }
            && !self.hard_break(j)
    }

    /// Whether the single line feed at token `j` ends a line of its own, as rows of a table
    /// or lines of a list do ("Sales rose 5%\nOrders fell 3%"): the line before is short
    /// (under 40 bytes, where text wrapped to a width is filled near it) and not the first
    /// line of a paragraph or text (indented or after a blank line, often short), it ends in
    /// no function word ("the", "of"), and what follows starts with no lower-case letter.
    fn hard_break(&self, j: usize) -> bool {
        const SHORT: usize = 40;
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if self.b(j + 1).first().is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        let bytes = self.text.as_bytes();
        let from = t.start.saturating_sub(SHORT);
        let Some(p) = bytes[from..t.start].iter().rposition(|&c| c == b'\n') else {
            return false;
        };
        let line = &bytes[from + p + 1..t.start];
        if line.first().is_some_and(|&c| c == b' ' || c == b'\t') {
            return false;
        }
        // the first line of a paragraph: a wire's dateline taken off leaves it short
        let before = &bytes[..from + p];
        let blank = before
            .iter()
            .rev()
            .find(|&&c| !matches!(c, b' ' | b'\t' | b'\r'))
            .is_none_or(|&c| c == b'\n');
        if blank {
            return false;
        }
        const GO_ON: &[&str] = &[
            "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and",
            "or", "but", "as", "than", "that", "which", "who", "its", "his", "her", "their",
        ];
        !self.prev(j).is_some_and(|p| self.is_any(p, GO_ON))
    }

    /// The next token after `i` past white space and line wraps (`wrap`).
    #[inline]
    fn next_w(&self, i: usize) -> usize {
        let j = self.next(i);
        if self.wrap(j) {
            self.next(j)
        } else {
            j
        }
    }

    /// The previous token before `i` past white space and line wraps (`wrap`).
    #[inline]
    fn prev_w(&self, i: usize) -> Option<usize> {
        let p = self.prev(i)?;
        if self.wrap(p) {
            self.prev(p)
        } else {
            Some(p)
        }
    }

    /// The previous token before `i` that is not a space.
    #[inline]
    fn prev(&self, i: usize) -> Option<usize> {
        let before = self.toks.get(..i).unwrap_or(self.toks);
        before
            .iter()
            .rposition(|t| !matches!(t.kind, TokenKind::Space))
    }

    /// Whether tokens `i` and `i + 1` touch.
    #[inline]
    fn touches(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && !matches!(
                self.toks[i + 1].kind,
                TokenKind::Space | TokenKind::LineBreak
            )
    }

    /// Whether token `i`'s text is `w` (not empty), in any ASCII case. The token's length is
    /// tested first: most tokens asked about fail it.
    #[inline]
    fn is(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.end.wrapping_sub(t.start) == w.len())
            && self.b(i).eq_ignore_ascii_case(w.as_bytes())
    }

    #[inline]
    fn is_word(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(TokenKind::Word))
    }

    fn is_any(&self, i: usize, list: &[&str]) -> bool {
        let s = self.b(i);
        list.iter().any(|w| s.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// Whether bytes `start..end` lie inside one of the eight last mentions starting at or
    /// before `start`.
    fn in_name(&self, start: usize, end: usize) -> bool {
        // the mentions starting at or before `start` are the first `k`; numbers are asked
        // about in text order, so `k` is found by going on from the last answer, and searched
        // for only when `start` comes before a mention already counted
        let mut k = self.names_upto.get().min(self.names.len());
        if k > 0 && self.names[k - 1].0 > start {
            k = self.names.partition_point(|&(s, _)| s <= start);
        }
        while self.names.get(k).is_some_and(|&(s, _)| s <= start) {
            k += 1;
        }
        self.names_upto.set(k);
        // all of `names[..k]` start at or before `start`
        self.names[k.saturating_sub(8)..k]
            .iter()
            .any(|&(_, e)| end <= e)
    }

    /// Whether "against" (in any case, as a word or inside one) starts before byte `pos`:
    /// when it does not, no exchange rate ends at a number there (`StatRules::fx_pair`).
    fn against_before(&self, pos: usize) -> bool {
        *self
            .against
            .get_or_init(|| first_against(self.text.as_bytes()))
            < pos
    }

    /// Whether token `i` starts a sentence (nothing but quotes or brackets since the last
    /// sentence end).
    fn sentence_start(&self, i: usize) -> bool {
        let mut j = i;
        loop {
            let Some(p) = self.prev(j) else { return true };
            match self.toks[p].kind {
                TokenKind::LineBreak if self.wrap(p) => j = p,
                TokenKind::LineBreak => return true,
                TokenKind::Quote(_) => j = p,
                TokenKind::Punct => {
                    let s = self.s(p);
                    return matches!(s, "." | "!" | "?" | ":" | "..." | "…")
                        || (s == "(" && self.sentence_start(p));
                }
                _ => return false,
            }
        }
    }
}

/// Exact powers of ten, for `decimal`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The value of the numeral spelled by `bytes`, as `str::parse::<f64>` reads it. Up to 15
/// digits with at most one '.', the value is the digits as an integer divided by a power of
/// ten: both are exact and IEEE division rounds correctly, as `parse` does. Anything else is
/// parsed.
fn decimal(bytes: impl Iterator<Item = u8> + Clone) -> Option<f64> {
    let mut m: u64 = 0;
    let mut digits = 0usize;
    let mut frac: Option<usize> = None;
    for c in bytes.clone() {
        match c {
            b'0'..=b'9' => {
                m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                digits += 1;
                if let Some(f) = frac.as_mut() {
                    *f += 1;
                }
            }
            b'.' if frac.is_none() => frac = Some(0),
            _ => {
                digits = usize::MAX;
                break;
            }
        }
    }
    if (1..=15).contains(&digits) {
        return Some(m as f64 / POW10[frac.unwrap_or(0)]);
    }
    bytes.map(char::from).collect::<String>().parse().ok()
}

fn parse_digits(s: &str) -> Option<f64> {
    decimal_fast(s.as_bytes()).or_else(|| parse_separated(s))
}

/// The value of the common numerals, up to 15 digits, read in one pass: plain digits with
/// at most one '.' ("2019", "74.7", ".5"), and digits in groups of three after the first
/// ("1,234,567", "12,500.75"). What `parse_separated` gives for these shapes, which it reads
/// in several; `None` for any other shape (left to it).
fn decimal_fast(b: &[u8]) -> Option<f64> {
    let mut m: u64 = 0;
    let mut digits = 0usize;
    // digits of the integer part since the last comma (or the start)
    let mut group = 0usize;
    let mut commas = 0usize;
    let mut frac: Option<usize> = None;
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                digits += 1;
                match frac.as_mut() {
                    Some(f) => *f += 1,
                    None => group += 1,
                }
            }
            b',' if frac.is_none() && (1..=3).contains(&group) && (commas == 0 || group == 3) => {
                commas += 1;
                group = 0;
            }
            b'.' if frac.is_none() && (commas == 0 || group == 3) => frac = Some(0),
            _ => return None,
        }
    }
    let shaped = commas == 0 || (group == 3 && frac != Some(0));
    (shaped && (1..=15).contains(&digits)).then(|| m as f64 / POW10[frac.unwrap_or(0)])
}

/// `parse_digits` of a numeral that is not plain digits: thousands separators, a decimal
/// comma ("1,8923"), or more than 15 digits.
fn parse_separated(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let dots = b.iter().filter(|&&c| c == b'.').count();
    if dots > 1 {
        return None;
    }
    if b.contains(&b',') {
        let mut groups = s.split(',');
        let first = groups.next().unwrap_or("");
        let ok3 = groups.clone().all(|g| {
            let int_part = g.split('.').next().unwrap_or("");
            int_part.len() == 3
        });
        if !ok3 {
            // "1,8923": a decimal comma.
            if let (Some(second), None, 0) = (groups.next(), groups.next(), dots) {
                return decimal(first.bytes().chain(*b".").chain(second.bytes()));
            }
            return None;
        }
        return decimal(b.iter().copied().filter(|&c| c != b','));
    }
    decimal(b.iter().copied())
}

/// `s.split_once('-')`, searching the bytes.
#[inline]
fn split_hyphen(s: &str) -> Option<(&str, &str)> {
    let k = s.bytes().position(|c| c == b'-')?;
    Some((s.get(..k)?, s.get(k + 1..)?))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A number times its multiplier, rounded to 15 significant digits, so that the product
/// reads as the decimal it stands for ("4.1 billion" is 4100000000, not the 4099999999.9999995
/// that `4.1 * 1e9` gives in binary floating point). Fifteen digits are as many as an `f64`
/// always holds, more than any figure in news is written with.
fn scaled(raw: f64, mult: Option<f64>) -> f64 {
    let Some(m) = mult.filter(|&m| m != 1.0) else {
        return raw;
    };
    let v = raw * m;
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    // the digits kept after the decimal point: 14 less the exponent of the first digit; a
    // power of ten up to 1e22 is exact, and so is the quotient or product of an integer with
    // it, to the nearest double
    match 14 - v.abs().log10().floor() as i32 {
        keep @ 0..=22 => {
            let q = 10f64.powi(keep);
            (v * q).round() / q
        }
        keep @ -22..=-1 => {
            let p = 10f64.powi(-keep);
            (v / p).round() * p
        }
        _ => v,
    }
}

impl StatRules {
    pub(crate) fn new() -> crate::Result<StatRules> {
        let stop: Vec<&str> = STOP_WORDS.split_whitespace().collect();
        let link: Vec<&str> = LINK_WORDS.split_whitespace().collect();
        let lists = [
            (LABELS, W_LABEL),
            (STREETS, W_STREET),
            (VERBS, W_VERB),
            (REPORT, W_REPORT),
            (TIMES_NEXT, W_TIMES),
            (RANK_VERBS, W_RANK),
            (MONTHS, W_MONTH),
            (&stop[..], W_STOP),
            (&link[..], W_LINK),
            (AFTER_ED, W_AFTER_ED),
            (DEGREE, W_DEGREE),
            (AT_TO_BY, W_AT_TO_BY),
            (BE, W_BE),
            (JOIN, W_JOIN),
            (HEADS, W_HEAD),
            (OF_FROM_WITH, W_OF_FROM_WITH),
            (THE_ITS, W_THE_ITS),
            (IN_ON_AT, W_IN_ON_AT),
            (DET, W_DET),
            (PER_EACH, W_PER_EACH),
            (PERIOD, W_PERIOD),
            (MODEL_HEADS, W_MODEL),
            (PLURALS, W_PLURAL),
            (COMPARATIVES, W_COMPARE),
        ];
        let t = Tables::builtin(
            lists
                .iter()
                .flat_map(|&(list, flag)| list.iter().map(move |w| (*w, flag))),
        )?;
        let gate = Self::gate(&t);
        let mut tri = Box::new([0u64; TRI_BITS / 64]);
        // number words (and "twenty-five") start with a number word's first three bytes; in
        // "RM23.50" and "$US55" what comes before the digits ends a compact currency form
        let heads = t.number_words.iter().map(|k| &k[..]);
        let heads = heads
            .chain([&b"minus"[..], b"sub"])
            .filter_map(|k| k.get(..3));
        let inner = t.pre_compact.keys().flat_map(|k| k.as_bytes().windows(3));
        for w in heads.chain(inner) {
            let h = tri_hash(w[0], w[1], w[2]);
            tri[h / 64] |= 1 << (h % 64);
        }
        let mut quad = Box::new([0u64; TRI_BITS / 64]);
        let mut mark = |w: &[u8]| {
            let h = quad_hash(w[0], w[1], w[2], w[3]);
            quad[h / 64] |= 1 << (h % 64);
        };
        for k in t
            .number_words
            .iter()
            .map(|k| &k[..])
            .chain([&b"minus"[..], b"sub"])
        {
            match k.len() {
                3 => mark(&[k[0], k[1], k[2], b'-']),
                n if n >= 4 => mark(k),
                _ => {}
            }
        }
        for k in t.pre_compact.keys() {
            for w in k.as_bytes().windows(4) {
                mark(w);
            }
        }
        Ok(StatRules { t, gate, tri, quad })
    }

    /// The bits of `StatRules::gate`. A word (two bytes or longer) whose first two bytes `a`,
    /// `b` fail it is read as nothing: it must start with a letter pair of a number word (or
    /// of "minus-", "sub-"), or hold a digit after a currency prefix ("RM23", "$US55"),
    /// whose first two bytes are those of a suffix of a compact currency form, or a digit.
    /// Words passing it are read as before; words starting with a lower-case letter must also
    /// pass `Tables::may_start_number`.
    fn gate(t: &Tables) -> Box<[u64; (1 << 16) / 64]> {
        let mut pairs = vec![false; 1 << 16];
        let mut mark = |a: u8, b: u8| pairs[usize::from(a) << 8 | usize::from(b)] = true;
        for k in t
            .number_words
            .iter()
            .map(|k| &k[..])
            .chain([&b"minus"[..], b"sub"])
        {
            if k.len() >= 2 {
                for a in [k[0], k[0].to_ascii_uppercase()] {
                    for b in [k[1], k[1].to_ascii_uppercase()] {
                        mark(a, b);
                    }
                }
            }
        }
        for k in t.pre_compact.keys() {
            let k = k.as_bytes();
            for w in k.windows(2) {
                mark(w[0], w[1]);
            }
        }
        for x in 0..=255u8 {
            for d in b'0'..=b'9' {
                mark(x, d);
                mark(d, x);
            }
        }
        let mut bits = Box::new([0u64; (1 << 16) / 64]);
        for (i, &p) in pairs.iter().enumerate() {
            let (a, b) = ((i >> 8) as u8, i as u8);
            if p && (a.is_ascii_uppercase() || t.may_start_number(a, b)) {
                let k = pair(a, b);
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        bits
    }

    /// Whether a word starting with the two bytes `pair` packs (`u16::from_le_bytes`, as
    /// `pair()` indexes them) passes `gate`.
    #[inline]
    fn gate_has(&self, pair: u16) -> bool {
        let k = usize::from(pair);
        self.gate[k / 64] & (1 << (k % 64)) != 0
    }

    /// Whether word `s` is in a word list (`W_*` flags).
    #[inline]
    fn has_word(&self, s: &str, flag: u32) -> bool {
        self.t.flags(self.t.id(s)) & flag != 0
    }

    /// Whether token `j` is a word in a word list.
    #[inline]
    fn has(&self, cx: &Cx, j: usize, flag: u32) -> bool {
        cx.is_word(j) && cx.flag(j, flag)
    }

    /// Whether token `j`'s text is a function word.
    #[inline]
    fn is_stop(&self, cx: &Cx, j: usize) -> bool {
        cx.flag(j, W_STOP)
    }

    /// The longest phrase of `table` that starts at token `i`, and the index one past its
    /// last token.
    #[inline]
    fn match_at(
        &self,
        cx: &Cx,
        table: Table,
        i: usize,
        accept: impl Fn(&Phrase) -> bool,
    ) -> Option<(&Phrase, usize)> {
        if cx.toks.get(i)?.is_space() {
            return None;
        }
        let list = self.t.phrases(cx.id(i), table);
        if list.is_empty() {
            return None;
        }
        lex::match_phrases(list, cx.text, cx.toks, i, accept)
    }

    fn name(&self, i: u16) -> &str {
        &self.t.names[i as usize]
    }

    /// The ISO code of currency `c`: a bare "francs" (`FRANC` in `currencies.tsv`) is the
    /// franc of the article's country.
    fn currency(&self, cx: &Cx, c: u16) -> &str {
        match self.name(c) {
            "FRANC" => cx.franc.get_or_init(|| franc_code(cx.text)),
            code => code,
        }
    }

    /// Statistics of one text.
    pub(crate) fn extract(
        &self,
        text: &str,
        tokens: &[Token],
        entities: &[Entity],
    ) -> Vec<Statistic> {
        // the per-token id cache and the other buffers: one set per thread, reused from
        // document to document
        let mut bufs = scratch::take(&BUFS);
        bufs.ids.clear();
        bufs.ids.resize(tokens.len(), 0);
        let found = self.extract_with(text, tokens, entities, &mut bufs);
        scratch::give(&BUFS, bufs);
        found
    }

    /// `extract`, with `bufs.ids` zeroed, one per token, for the per-token id cache.
    fn extract_with(
        &self,
        text: &str,
        tokens: &[Token],
        entities: &[Entity],
        bufs: &mut Bufs,
    ) -> Vec<Statistic> {
        let Bufs {
            ids,
            nums,
            names,
            bounds,
        } = bufs;
        names.clear();
        // (`names` is filled once a number is found)
        let mut cx = Cx::new(text, tokens, std::mem::take(names), &self.t, &mut ids[..]);
        let found = self.find_all(&mut cx, entities, nums, bounds);
        *names = cx.names;
        found
    }

    /// The statistics of `cx`'s text, with `nums` and `bounds` as buffers.
    fn find_all(
        &self,
        cx: &mut Cx,
        entities: &[Entity],
        nums: &mut Vec<Num>,
        bounds: &mut Vec<(usize, usize)>,
    ) -> Vec<Statistic> {
        let (text, tokens) = (cx.text, cx.toks);
        nums.clear();
        let mut i = 0;
        loop {
            i = self.next_candidate(text.as_bytes(), tokens, i);
            let Some(t) = tokens.get(i) else { break };
            let found = if matches!(t.kind, TokenKind::Number) {
                self.read_digits(cx, i)
            } else {
                self.read_word_token(cx, i)
            };
            match found {
                Some(n) => {
                    i = n.last.max(i + 1);
                    nums.push(n);
                }
                None => i += 1,
            }
        }
        if nums.is_empty() {
            return Vec::new();
        }
        cx.names.extend(
            entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end))),
        );
        cx.names.sort_unstable();
        self.carry_ranges(cx, nums);
        self.carry_partners(cx, nums);
        self.carry_wholes(cx, nums);
        let mut found = Vec::with_capacity(nums.len());
        bounds.clear();
        for n in nums.iter() {
            if let Some(s) = self.classify(cx, n) {
                found.push(s);
                bounds.push((n.first, n.last));
            }
        }
        self.fill(cx, bounds, &mut found);
        found
    }

    /// The first token from `i` on that may start a number: a `Number` token, or a word
    /// passing `may_be_number` (`tokens.len()` when there is none). This walks every token
    /// of the document, so it is kept to a few instructions a token: a kind test and, for
    /// words, one probe of `gate` on their first two bytes (a one-byte word is tested with
    /// the byte after it, and then fails the length test). The tokens are taken two at a
    /// time, for one loop test per pair.
    #[inline(never)]
    fn next_candidate(&self, text: &[u8], tokens: &[Token], i: usize) -> usize {
        let rest = tokens.get(i..).unwrap_or_default();
        let mut pairs = rest.chunks_exact(2);
        for (k, pair) in pairs.by_ref().enumerate() {
            if let [a, b] = pair {
                if self.may_start(text, a) {
                    return i + 2 * k;
                }
                if self.may_start(text, b) {
                    return i + 2 * k + 1;
                }
            }
        }
        match pairs.remainder() {
            [last] if self.may_start(text, last) => tokens.len() - 1,
            _ => tokens.len(),
        }
    }

    /// Whether token `t` may start a number (`next_candidate`).
    #[inline(always)]
    fn may_start(&self, text: &[u8], t: &Token) -> bool {
        // one test sends every other kind (spaces, punctuation: about half the tokens) on
        // its way
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            return false;
        }
        if matches!(t.kind, TokenKind::Number) {
            return true;
        }
        // the first two bytes in one load, as `gate` indexes them
        match text.get(t.start..).and_then(<[u8]>::first_chunk) {
            Some(&two) if self.gate_has(u16::from_le_bytes(two)) => text
                .get(t.start..t.end)
                .is_some_and(|w| w.len() >= 2 && self.may_be_number_past_gate(w)),
            _ => false,
        }
    }

    /// Whether a word (its bytes) may be read as a number: `gate` on its first two bytes,
    /// then (words of a number word's length) a digit or `tri` on its first three. Words
    /// failing it are read as nothing by `read_word_token`.
    #[cfg(test)]
    fn may_be_number(&self, b: &[u8]) -> bool {
        if b.len() < 2 {
            return false;
        }
        self.gate_has(u16::from_le_bytes([b[0], b[1]])) && self.may_be_number_past_gate(b)
    }

    /// `may_be_number` for a word (two bytes or more) whose first two bytes pass `gate`.
    #[inline]
    fn may_be_number_past_gate(&self, b: &[u8]) -> bool {
        if b[0].is_ascii_digit() || b[1].is_ascii_digit() {
            return true;
        }
        match b.get(2) {
            Some(c) if c.is_ascii_digit() => true,
            Some(&c) => {
                let h = tri_hash(b[0], b[1], c);
                if self.tri[h / 64] & (1 << (h % 64)) == 0 {
                    return false;
                }
                match b.get(3) {
                    Some(d) if d.is_ascii_digit() => true,
                    Some(&d) => {
                        let h = quad_hash(b[0], b[1], c, d);
                        self.quad[h / 64] & (1 << (h % 64)) != 0
                    }
                    None => true,
                }
            }
            None => false,
        }
    }

    /// A word token that may be a number: a number word ("three", "million", "half"), a
    /// hyphenated one ("twenty-five", "second-largest") or a number glued to a currency
    /// ("RM23.50").
    fn read_word_token(&self, cx: &Cx, i: usize) -> Option<Num> {
        let w = cx.s(i);
        match cx.num(i) {
            Some(nw) => self.read_word(cx, i, *nw),
            None if w.len() <= lex::MAX_KEY => {
                let flags = w.bytes().fold(0u8, |f, c| f | SPECIAL[c as usize]);
                if flags & 1 != 0 {
                    self.read_glued(cx, i)
                } else if flags & 2 != 0 {
                    self.read_hyphenated(cx, i)
                } else {
                    None
                }
            }
            None => None,
        }
    }

    /// Reads a currency sign that ends right before token `i`: its first token and currency.
    fn currency_before(&self, cx: &Cx, i: usize) -> Option<(usize, u16)> {
        // the sign ends on the token right before `i`
        let p = cx.prev(i)?;
        if !cx.flag(p, lex::F_PRE_LAST) {
            return None;
        }
        let mut starts = [usize::MAX; 3];
        let mut j = i;
        for s in starts.iter_mut() {
            match cx.prev(j) {
                Some(p) if !matches!(cx.toks[p].kind, TokenKind::LineBreak) => {
                    *s = p;
                    j = p;
                }
                _ => break,
            }
        }
        for &st in starts.iter().rev() {
            if st == usize::MAX {
                continue;
            }
            if let Some((p, end)) = self.match_at(cx, Table::Pre, st, |_| true) {
                if cx.next(end - 1) == i {
                    if let What::Currency(c) = p.what {
                        // "US$": "US" may end a word ("PLUS$"): require a clean start.
                        return Some((st, c));
                    }
                }
            }
        }
        None
    }

    /// Reads what follows a number ending at token `last - 1`: multipliers, then a unit or
    /// currency. Updates `n`.
    fn read_after(&self, cx: &Cx, n: &mut Num) {
        // multipliers; the loop ends with `j`, the token after the number read so far (the
        // one the unit or currency may start at), and `split`, that token's halves around a
        // hyphen when the loop has split it already (`None` when it has not)
        let (mut j, mut touching, split) = loop {
            let prev = n.last - 1;
            let Some(j) = cx.next_in_line(prev) else {
                return;
            };
            let touching = j == prev + 1;
            let Some((p, end)) = self.match_at(cx, Table::Post, j, |p| {
                matches!(p.what, What::Mult(_)) && (touching || !p.attached)
            }) else {
                // "1.8 billion-mile", "400 million-year-old"
                let split = if cx.is_word(j) {
                    split_hyphen(cx.s(j))
                } else {
                    None
                };
                if let Some((head, tail)) = split {
                    if let Some(What::Mult(f)) = self
                        .t
                        .match_word(Table::Post, head, |p| {
                            !p.attached && matches!(p.what, What::Mult(_))
                        })
                        .map(|p| p.what)
                    {
                        n.mult = Some(n.mult.unwrap_or(1.0) * f);
                        n.last = j + 1;
                        self.unit_word(n, tail);
                        return;
                    }
                }
                break (j, touching, Some(split));
            };
            let What::Mult(f) = p.what else {
                break (j, touching, None);
            };
            // an attached multiplier must end the word
            if p.attached && cx.touches(end - 1) && cx.is_word(end) {
                break (j, touching, None);
            }
            // "37m (121ft)", "a 100m-long": metres, not millions
            if cx.s(j) == "m" && n.cur.is_none() && self.metres_follow(cx, end) {
                if let Some(p) = self.t.match_word(Table::Post, "metres", |_| true) {
                    if let What::Unit(k, u) = p.what {
                        n.unit = Some((k, u));
                        n.last = end;
                        return;
                    }
                }
            }
            if n.words && f < 1000.0 && n.mult.is_none() && cx.is(j, "hundred") {
                n.raw *= f;
            } else {
                n.mult = Some(n.mult.unwrap_or(1.0) * f);
            }
            n.last = end;
        };
        // a unit or a currency, from `j` (the loop's last look did not move the number's end)
        //
        // "10-year", "200-metre": a hyphen then a unit
        let mut hyphen = false;
        if touching
            && matches!(cx.kind(j), Some(TokenKind::Dash))
            && cx.s(j) == "-"
            && cx.touches(j)
            && cx.is_word(j + 1)
        {
            hyphen = true;
            j += 1;
            touching = true;
        }
        if let Some((p, end)) = self.match_at(cx, Table::Post, j, |p| {
            let mult = matches!(p.what, What::Mult(_));
            let cur = matches!(p.what, What::Currency(_));
            let spaced_attached = !touching && p.attached;
            !(mult || spaced_attached || hyphen && cur)
        }) {
            // an attached form must not run on into more letters ("5mph" is fine, "3Gs" not)
            if !(p.attached && cx.touches(end - 1) && cx.is_word(end)) {
                match p.what {
                    // "200 pounds of beef", "it weighs 180 pounds": a weight
                    What::Currency(_)
                        if n.cur.is_none() && end == j + 1 && self.pounds_weight(cx, n, j) =>
                    {
                        if let Some(What::Unit(k, u)) = self
                            .t
                            .match_word(Table::Post, "lb", |_| true)
                            .map(|p| p.what)
                        {
                            n.unit = Some((k, u));
                        }
                    }
                    What::Currency(c) if n.cur.is_none() => n.cur = Some(c),
                    What::Unit(k, u) => n.unit = Some((k, u)),
                    _ => {}
                }
                n.last = end;
                // "45-year-old"
                if hyphen && cx.touches(end - 1) && cx.s(end) == "-" {
                    n.skip = true;
                }
                if cx.is(cx.next(end - 1), "old") {
                    n.skip = true;
                }
                return;
            }
        }
        // "43.4 percent-owned", "3-year-old", "a 10-mile-long"
        if cx.is_word(j) && (touching || !hyphen) {
            let halves = match split {
                Some(halves) if !hyphen => halves,
                _ => split_hyphen(cx.s(j)),
            };
            if let Some((head, _)) = halves {
                if self.unit_word(n, head) {
                    n.last = j + 1;
                }
            }
        }
    }

    /// Sets the unit or currency of `n` from the word `w`; whether it was one.
    fn unit_word(&self, n: &mut Num, w: &str) -> bool {
        let starts = |p: &str| w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        if starts("year") || starts("month") || starts("day") {
            n.skip = true; // year-old, month-long
            return true;
        }
        match self
            .t
            .match_word(Table::Post, w, |p| !matches!(p.what, What::Mult(_)))
            .map(|p| p.what)
        {
            Some(What::Unit(k, u)) => {
                n.unit = Some((k, u));
                true
            }
            Some(What::Currency(c)) => {
                n.cur = n.cur.or(Some(c));
                true
            }
            _ => false,
        }
    }

    /// Whether the word "pounds" at token `j`, after the number `n`, is a weight, not money:
    /// after "weigh", "weight" or "heavy" in the words just before the number ("it weighs
    /// 180 pounds", "a weight of 870,000 pounds"), before "of" and a noun that money does not
    /// buy as such ("200 pounds of beef", not "5m pounds of investment" or "of their money"),
    /// or before a weight in brackets ("180 pounds (82kg)").
    fn pounds_weight(&self, cx: &Cx, n: &Num, j: usize) -> bool {
        if !cx.is_any(j, &["pounds", "pound"]) {
            return false;
        }
        let mut k = n.first;
        for _ in 0..4 {
            let Some(p) = cx.prev_w(k) else { break };
            if !matches!(cx.kind(p), Some(TokenKind::Word)) {
                break;
            }
            let w = cx.b(p);
            let starts = |h: &[u8]| w.len() >= h.len() && w[..h.len()].eq_ignore_ascii_case(h);
            if starts(b"weigh") || w.eq_ignore_ascii_case(b"heavy") {
                return true;
            }
            k = p;
        }
        let a = cx.next_w(j);
        if cx.is(a, "of") {
            let w = cx.next_w(a);
            return cx.is_word(w)
                && cx.b(w).first().is_some_and(u8::is_ascii_lowercase)
                && !self.is_stop(cx, w)
                && !cx.is_any(w, MONEY_NOUNS);
        }
        if cx.s(a) == "(" {
            let v = cx.next_w(a);
            let u = cx.next_w(v);
            let weight = |t: usize| cx.is_any(t, &["kg", "kilograms", "kilos", "kilogrammes"]);
            return matches!(cx.kind(v), Some(TokenKind::Number))
                && (weight(u) || {
                    // "(82kg)": the unit glued to the number
                    let b = cx.b(v);
                    b.len() > 2 && b[b.len() - 2..].eq_ignore_ascii_case(b"kg")
                });
        }
        false
    }

    /// Whether "Nm" is a length: followed by "(121ft)", "long", "tall", "high"...
    fn metres_follow(&self, cx: &Cx, end: usize) -> bool {
        let j = cx.next(end - 1);
        if cx.touches(end - 1) && cx.s(end) == "-" {
            return cx.is_any(end + 1, &["long", "high", "tall", "deep", "wide"]);
        }
        if cx.is_any(
            j,
            &[
                "long",
                "high",
                "tall",
                "deep",
                "wide",
                "away",
                "across",
                "below",
                "above",
                "sprint",
                "hurdles",
                "freestyle",
                "race",
            ],
        ) {
            return true;
        }
        if cx.s(j) == "(" {
            let k = cx.next(j);
            let u = cx.next(k);
            return matches!(cx.kind(k), Some(TokenKind::Number))
                && cx.is_any(u, &["ft", "feet", "yards", "yd", "in"]);
        }
        false
    }

    fn read_digits(&self, cx: &Cx, i: usize) -> Option<Num> {
        let s = cx.s(i);
        let mut n = Num::new(i, 0.0, "number");
        let Some(v) = parse_digits(s) else {
            n.skip = true;
            return Some(n);
        };
        n.raw = v;
        n.plain_int = s.bytes().all(|b| b.is_ascii_digit());
        n.ndigits = s.bytes().filter(u8::is_ascii_digit).count();
        if let Some(p) = cx.prev(i) {
            if p + 1 == i && matches!(cx.s(p), "." | ",") {
                let glued = p > 0
                    && cx.toks[p - 1].end == cx.toks[p].start
                    && cx
                        .s(p - 1)
                        .bytes()
                        .last()
                        .is_some_and(|b| b.is_ascii_digit());
                if glued {
                    // the rest of "PS2.7m", "minus-1.4": not a number of its own
                    n.skip = true;
                    self.read_after(cx, &mut n);
                    return Some(n);
                }
                if cx.s(p) == "." && n.plain_int {
                    // ".001 per cent"
                    if let Some(x) = decimal(b"0.".iter().copied().chain(s.bytes())) {
                        n.raw = x;
                        n.plain_int = false;
                        n.first = p;
                        n.core = p;
                    }
                }
            }
        }
        let mut cur_at = n.first;
        if let Some(p) = cx.prev(n.first) {
            // "$-50.8bn"
            if p + 1 == n.first
                && matches!(cx.kind(p), Some(TokenKind::Dash))
                && p > 0
                && cx.touches(p - 1)
            {
                cur_at = p;
            }
        }
        if let Some((st, c)) = self
            .currency_before(cx, n.first)
            .or_else(|| (cur_at != n.first).then(|| self.currency_before(cx, cur_at))?)
        {
            n.first = st;
            n.cur = Some(c);
        }
        // things touching the number
        if cx.touches(i) {
            let nx = cx.s(i + 1);
            match cx.kind(i + 1) {
                Some(TokenKind::Punct | TokenKind::Symbol)
                    if (nx == ":" || nx == "/" || nx == "\u{2044}")
                        && cx.touches(i + 1)
                        && matches!(cx.kind(i + 2), Some(TokenKind::Number)) =>
                {
                    // "1/16 of a pint": a fraction
                    if nx != ":" && n.plain_int && !cx.touches(i + 2) {
                        let after = cx.next(i + 2);
                        if let Some(d) = parse_digits(cx.s(i + 2)) {
                            if cx.is(after, "of")
                                && d > v
                                && d <= 1000.0
                                && !cx.s(i + 2).contains('.')
                            {
                                n.last = i + 3;
                                n.fixed = Some((Kind::Ratio, v / d));
                                n.rule = "fraction";
                                return Some(n);
                            }
                        }
                    }
                    // 10:30, 11/02/2004, 3/4
                    n.skip = true;
                    n.last = i + 3;
                    return Some(n);
                }
                Some(TokenKind::Word)
                    if ["s", "th", "st", "nd", "rd"]
                        .iter()
                        .any(|w| nx.eq_ignore_ascii_case(w)) =>
                {
                    // 1990s, 5th
                    if !nx.eq_ignore_ascii_case("s") {
                        if let Some(r) = self.rank_after_ordinal(cx, i, i + 1, v) {
                            return Some(r);
                        }
                    }
                    n.skip = true;
                    n.last = i + 2;
                    return Some(n);
                }
                _ => {}
            }
        }
        if let Some(p) = cx.prev(i) {
            if cx.touches(p) && cx.s(p) == ":" {
                n.skip = true;
            }
        }
        self.read_after(cx, &mut n);
        // "4.5 times earnings", "ten times as many"
        if n.unit.is_none() && n.cur.is_none() && n.mult.is_none() {
            let j = cx.next(n.last - 1);
            if cx.is(j, "times") && self.times_ratio(cx, j) {
                n.last = j + 1;
                n.fixed = Some((Kind::Ratio, n.raw));
                n.rule = "multiple";
                return Some(n);
            }
        }
        // an unknown word touching the number: 3G, 4K, 5S
        if n.last == i + 1 && cx.touches(i) && cx.is_word(i + 1) {
            n.skip = true;
            n.last = i + 2;
        }
        Some(n)
    }

    /// A number glued to letters: "RM23.50", "USD10m", "$US55,931,000", "minus-5".
    fn read_glued(&self, cx: &Cx, i: usize) -> Option<Num> {
        let w = cx.s(i);
        let d = w.bytes().position(|b| b.is_ascii_digit())?;
        let prefix = &w[..d];
        let mut first = i;
        let cur = match self.t.pre_compact.get(prefix) {
            Some(&c) => Some(c),
            None => {
                let sym = if i > 0 && cx.touches(i - 1) {
                    cx.s(i - 1)
                } else {
                    ""
                };
                let both = format!("{sym}{prefix}");
                match self.t.pre_compact.get(both.as_str()) {
                    Some(&c) if !sym.is_empty() => {
                        first = i - 1;
                        Some(c)
                    }
                    _ if prefix.eq_ignore_ascii_case("minus-")
                        || prefix.eq_ignore_ascii_case("sub-") =>
                    {
                        None
                    }
                    _ => return None,
                }
            }
        };
        // scan the number over the text: digits with inner , and .
        let b = cx.text.as_bytes();
        let start = cx.toks[i].start + d;
        let e = crate::tokenizer::scan_number(b, start);
        let v = parse_digits(&cx.text[start..e])?;
        let mut j = i;
        while j + 1 < cx.toks.len() && cx.toks[j].end < e {
            j += 1;
        }
        let mut n = Num::new(first, v, "number");
        n.core = i;
        n.cur = cur;
        n.last = j + 1;
        n.ndigits = 2;
        if cx.toks[j].end > e {
            // "USD10m": the rest of the word must be a multiplier or unit
            let rest = &cx.text[e..cx.toks[j].end];
            let p = self.t.match_word(Table::Post, rest, |_| true)?;
            match p.what {
                What::Mult(f) => n.mult = Some(f),
                What::Unit(k, u) => n.unit = Some((k, u)),
                What::Currency(c) => n.cur = n.cur.or(Some(c)),
                _ => return None,
            }
        }
        self.read_after(cx, &mut n);
        Some(n)
    }

    /// "5th largest", "2nd-biggest".
    fn rank_after_ordinal(&self, cx: &Cx, first: usize, ord_tok: usize, v: f64) -> Option<Num> {
        let mut j = cx.next(ord_tok);
        if cx.s(j) == "-" {
            j = cx.next(j);
        }
        let w = cx.s(j);
        if cx.is_word(j) && is_superlative(w) {
            let mut n = Num::new(first, v, "rank-ordinal");
            n.last = j + 1;
            n.fixed = Some((Kind::Rank, v));
            return Some(n);
        }
        None
    }

    fn read_hyphenated(&self, cx: &Cx, i: usize) -> Option<Num> {
        let s = cx.s(i);
        let (head, tail) = split_hyphen(s)?;
        let hw = self.t.number(head)?;
        // second-largest
        if let Some(o) = hw.ord {
            if is_superlative(tail) {
                let mut n = Num::new(i, o as f64, "rank-ordinal");
                n.fixed = Some((Kind::Rank, o as f64));
                return Some(n);
            }
        }
        let card = hw.card?;
        let tw = self.t.number(tail);
        // twenty-five
        if let Some(c) = tw.and_then(|w| w.card) {
            if card >= 20.0 && card % 10.0 == 0.0 && c < 10.0 {
                return self.read_card(cx, i, card + c);
            }
        }
        // two-thirds
        if let Some(d) = tw.and_then(|w| w.frac) {
            if tail.ends_with(['s', 'S']) || card == 1.0 {
                let mut n = Num::new(i, card, "fraction");
                n.fixed = Some((Kind::Ratio, round3(card / d as f64)));
                return Some(n);
            }
        }
        // three-year, six-month: durations
        let mut n = Num::new(i, card, "words");
        n.skip = true;
        Some(n)
    }

    fn read_word(&self, cx: &Cx, i: usize, w: NumWord) -> Option<Num> {
        let low = cx.s(i);
        // multiples: twice, tenfold
        if let Some(m) = w.mul {
            let nx = cx.next(i);
            let ok = low
                .as_bytes()
                .windows(4)
                .any(|x| x.eq_ignore_ascii_case(b"fold"))
                || (low.eq_ignore_ascii_case("twice")
                    && ((self.has(cx, nx, W_TIMES)
                        && !cx
                            .s(cx.next(nx))
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase))
                        || self.qualified(cx, i)))
                || ((low.eq_ignore_ascii_case("double") || low.eq_ignore_ascii_case("triple"))
                    && cx.is(nx, "the"));
            if ok {
                let mut n = Num::new(i, m, "multiple");
                n.fixed = Some((Kind::Ratio, m));
                return Some(n);
            }
            return None;
        }
        // ordinals: ranking first, second largest, No 1
        if let Some(o) = w.ord {
            let p = cx.prev(i);
            if let Some(p) = p {
                if self.has(cx, p, W_RANK) {
                    let mut n = Num::new(p, o as f64, "rank-verb");
                    n.fixed = Some((Kind::Rank, o as f64));
                    n.last = i + 1;
                    return Some(n);
                }
            }
            if let Some(r) = self.rank_after_ordinal(cx, i, i, o as f64) {
                return Some(r);
            }
            // fractions that are also ordinals ("a third of")
            w.frac?;
        }
        if let Some(d) = w.frac {
            return self.read_fraction(cx, i, d);
        }
        if let Some(c) = w.card {
            return self.read_card(cx, i, c);
        }
        if let Some(m) = w.mult {
            // "a million", "a dozen", "a hundred"
            let p = cx.prev(i)?;
            if cx.is(p, "a") || cx.is(p, "an") {
                // read the multiplier (and a unit) after "a"
                let mut n = Num::new(p, 1.0, "words");
                n.words = true;
                self.read_after(cx, &mut n);
                if n.mult.is_none() {
                    n.mult = Some(m);
                    n.last = i + 1;
                }
                return Some(n);
            }
            return None;
        }
        None
    }

    /// A cardinal written as words, with value `v` so far, starting at token `i`.
    fn read_card(&self, cx: &Cx, i: usize, v: f64) -> Option<Num> {
        let mut n = Num::new(i, v, "words");
        n.words = true;
        // fifty nine, one hundred and twenty
        let mut last = i;
        let mut val = v;
        loop {
            let j = cx.next(last);
            let Some(w) = cx.num(j) else {
                break;
            };
            if let Some(c) = w.card {
                if val >= 20.0 && val % 10.0 == 0.0 && val < 100.0 && c < 10.0 {
                    val += c;
                    last = j;
                    continue;
                }
            }
            if cx.is(j, "hundred") && val < 100.0 {
                val *= 100.0;
                last = j;
                let a = cx.next(j);
                if cx.is(a, "and") {
                    if let Some(c) = cx.num(cx.next(a)).and_then(|w| w.card) {
                        val += c;
                        last = cx.next(a);
                    }
                }
                continue;
            }
            break;
        }
        // "two and a half million"
        let a = cx.next(last);
        if cx.is(a, "and") && cx.is(cx.next(a), "a") && cx.is(cx.next(cx.next(a)), "half") {
            val += 0.5;
            last = cx.next(cx.next(a));
        }
        n.raw = val;
        n.last = last + 1;
        // one in six, one out of five
        let j = cx.next(last);
        if cx.is(j, "in") || (cx.is(j, "out") && cx.is(cx.next(j), "of")) {
            let k = if cx.is(j, "in") {
                cx.next(j)
            } else {
                cx.next(cx.next(j))
            };
            let den = match cx.kind(k) {
                Some(TokenKind::Number) => parse_digits(cx.s(k)),
                Some(TokenKind::Word) => cx.num(k).and_then(|w| w.card),
                _ => None,
            };
            if let Some(d) = den {
                if d > val && d >= 2.0 && !cx.touches(k) {
                    n.last = k + 1;
                    n.fixed = Some((Kind::Ratio, round3(val / d)));
                    n.rule = "one-in-n";
                    return Some(n);
                }
            }
        }
        // two thirds, three quarters
        if let Some(d) = cx.num(j).and_then(|w| w.frac) {
            if cx.s(j).ends_with('s') || val == 1.0 {
                n.last = j + 1;
                n.fixed = Some((Kind::Ratio, round3(val / d as f64)));
                n.rule = "fraction";
                return Some(n);
            }
        }
        // four times as many
        if cx.is(j, "times") && self.times_ratio(cx, j) {
            n.last = j + 1;
            n.fixed = Some((Kind::Ratio, val));
            n.rule = "multiple";
            return Some(n);
        }
        if let Some((st, c)) = self.currency_before(cx, i) {
            n.first = st;
            n.cur = Some(c);
        }
        self.read_after(cx, &mut n);
        Some(n)
    }

    /// Whether "N times" (with "times" at token `j`) is a multiple, not a frequency.
    fn times_ratio(&self, cx: &Cx, j: usize) -> bool {
        let k = cx.next(j);
        if self.has(cx, k, W_TIMES) {
            return !cx.is(k, "the")
                || !cx
                    .s(cx.next(k))
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
        }
        let w = cx.s(k);
        cx.is_word(k)
            && w.chars().next().is_some_and(char::is_lowercase)
            && !self.is_stop(cx, k)
            && !cx.is_any(
                k,
                &[
                    "since", "already", "daily", "weekly", "yearly", "annually", "before", "again",
                    "now", "today",
                ],
            )
    }

    /// half, a quarter, a third of.
    fn read_fraction(&self, cx: &Cx, i: usize, d: u32) -> Option<Num> {
        let half = cx.is(i, "half");
        let p = cx.prev(i);
        let nx = cx.next(i);
        let prev_is = |w: &str| p.is_some_and(|p| cx.is(p, w));
        // "a cent and a half"
        if half && prev_is("a") {
            let back = |k: Option<usize>| k.and_then(|k| cx.prev(k));
            let and = back(p);
            let unit = back(and);
            let one = back(unit);
            if let (Some(and), Some(unit), Some(one)) = (and, unit, one) {
                let cur = self
                    .t
                    .match_word(Table::Post, cx.s(unit), |p| {
                        matches!(p.what, What::Currency(_))
                    })
                    .map(|p| p.what);
                if let (true, Some(What::Currency(c))) = (
                    cx.is(and, "and") && (cx.is(one, "a") || cx.is(one, "an") || cx.is(one, "one")),
                    cur,
                ) {
                    let mut n = Num::new(one, 1.5, "words");
                    n.words = true;
                    n.cur = Some(c);
                    n.last = i + 1;
                    return Some(n);
                }
            }
        }
        // half a million
        if (cx.is(nx, "a") || cx.is(nx, "an")) && half {
            if let Some(m) = cx.num(cx.next(nx)).and_then(|w| w.mult) {
                let mut n = Num::new(i, 0.5, "words");
                n.words = true;
                n.last = cx.next(nx);
                self.read_after(cx, &mut n);
                if n.mult.is_none() {
                    n.mult = Some(m);
                    n.last = cx.next(nx) + 1;
                }
                return Some(n);
            }
            return None;
        }
        if p.is_some_and(|p| cx.num(p).is_some_and(|w| w.ord.is_some())) {
            return None; // first half, third quarter
        }
        if prev_is("the")
            || prev_is("this")
            || prev_is("that")
            || prev_is("last")
            || prev_is("next")
        {
            return None;
        }
        let next_of = cx.is(nx, "of");
        let (start, num) = if half {
            let ok = next_of
                || self.qualified(cx, i)
                || cx.is_any(
                    nx,
                    &[
                        "the", "its", "their", "his", "her", "our", "all", "them", "those",
                    ],
                );
            if !ok {
                return None;
            }
            (i, 1.0)
        } else if prev_is("a") || prev_is("one") {
            let by = p.and_then(|p| cx.prev(p)).is_some_and(|pp| cx.is(pp, "by"));
            if !(next_of || by || self.qualified(cx, p.unwrap_or(i))) {
                return None;
            }
            (p.unwrap_or(i), 1.0)
        } else {
            return None;
        };
        let mut n = Num::new(start, num, "fraction");
        n.last = i + 1;
        n.fixed = Some((Kind::Ratio, round3(num / d as f64)));
        Some(n)
    }

    /// Whether a qualifier ("more than", "about", "nearly") ends right before token `i`.
    fn qualified(&self, cx: &Cx, i: usize) -> bool {
        self.qualifiers_before(cx, i).0 != i
    }

    /// Qualifiers right before token `i`: (first token of the qualifiers, approximate,
    /// comparator, direction).
    fn qualifiers_before(&self, cx: &Cx, i: usize) -> (usize, bool, Option<u16>, Option<u16>) {
        let mut at = i;
        let mut approx = false;
        let mut cmp = None;
        let mut dir = None;
        for _ in 0..2 {
            // a qualifier ends on the word right before `at`
            match cx.prev(at) {
                Some(p) if cx.is_word(p) && cx.flag(p, lex::F_QUAL_LAST) => {}
                _ => break,
            }
            let mut starts = [usize::MAX; 3];
            let mut j = at;
            for s in starts.iter_mut() {
                match cx.prev(j) {
                    Some(p) if cx.is_word(p) => {
                        *s = p;
                        j = p;
                    }
                    _ => break,
                }
            }
            let mut found = false;
            for &st in starts.iter().rev() {
                if st == usize::MAX {
                    continue;
                }
                if let Some((p, end)) = self.match_at(cx, Table::Qual, st, |_| true) {
                    if cx.next(end - 1) == at {
                        match p.what {
                            What::Approx => approx = true,
                            What::Cmp(c) => cmp = cmp.or(Some(c)),
                            What::Dir(d) => dir = dir.or(Some(d)),
                            _ => {}
                        }
                        at = st;
                        found = true;
                        break;
                    }
                }
            }
            if !found {
                break;
            }
        }
        (at, approx, cmp, dir)
    }

    /// Ranges: "$1.3 to $1.5bn", "10-20%", "between three and four million". The first bound
    /// takes the second's multiplier and unit, the second the first's currency.
    fn carry_ranges(&self, cx: &Cx, nums: &mut [Num]) {
        for k in (1..nums.len()).rev() {
            let (a, b) = {
                let (l, r) = nums.split_at_mut(k);
                (&mut l[k - 1], &mut r[0])
            };
            if a.fixed.is_some() || b.fixed.is_some() {
                continue;
            }
            let c = cx.next(a.last - 1);
            if cx.next(c) != b.first {
                continue;
            }
            let conn = cx.s(c);
            let dash = matches!(cx.kind(c), Some(TokenKind::Dash));
            let to = conn.eq_ignore_ascii_case("to");
            let and = conn.eq_ignore_ascii_case("and") && {
                let (q, ..) = self.qualifiers_before(cx, a.first);
                cx.prev(q).is_some_and(|p| cx.is(p, "between"))
                    || cx.prev(a.first).is_some_and(|p| cx.is(p, "between"))
            };
            if !(dash || to || and) {
                continue;
            }
            let same_unit = a.unit.is_none() || a.unit == b.unit;
            if !same_unit || a.skip || b.skip || a.year_like() != b.year_like() {
                continue;
            }
            if a.mult.is_none() && b.mult.is_some() && a.unit.is_none() {
                let bm = b.mult.unwrap_or(1.0);
                // "from 5 to 10 million": carry; "1.2m to 900,000": already full
                if a.raw < 1000.0
                    && a.raw <= b.raw
                    && (a.cur.is_none() || a.cur == b.cur || b.cur.is_none())
                {
                    a.mult = Some(bm);
                }
            }
            if a.unit.is_none() && b.unit.is_some() {
                a.unit = b.unit;
            }
            if a.cur.is_none() && b.cur.is_some() && a.unit.is_none() {
                a.cur = b.cur;
            }
            if b.cur.is_none() && a.cur.is_some() && b.unit.is_none() {
                b.cur = a.cur;
            }
            if a.words && b.mult.is_some() {
                a.words = false; // "three" in "three and four million" is a big number
                if a.mult.is_none() {
                    a.mult = b.mult;
                }
            }
        }
    }

    /// A part of an amount takes the amount's currency when it has none of its own and both
    /// carry a multiplier: "raised 280 million of the 1.5 billion shekels it needs".
    fn carry_wholes(&self, cx: &Cx, nums: &mut [Num]) {
        for k in 1..nums.len() {
            let (l, r) = nums.split_at_mut(k);
            let (a, b) = (&mut l[k - 1], &r[0]);
            if a.fixed.is_some() || b.fixed.is_some() || a.skip || b.skip {
                continue;
            }
            if a.cur.is_some() || a.unit.is_some() || b.cur.is_none() {
                continue;
            }
            if a.mult.is_none() || b.mult.is_none() || a.words {
                continue;
            }
            let of = cx.next_w(a.last - 1);
            if !cx.is(of, "of") {
                continue;
            }
            let mut c = cx.next_w(of);
            if cx.is_any(c, &["the", "its", "their", "a", "an"]) {
                c = cx.next_w(c);
            }
            if c == b.first {
                a.cur = b.cur;
            }
        }
    }

    /// A figure compared with the one before it takes that one's currency or unit when it
    /// has none of its own and is written alike (both with a multiplier or both without):
    /// "rose to 686 mln marks from 649 mln", "a loss of 4.2 mln stg vs 3.1 mln", "fell to
    /// 5.2 pct, down from 5.5 in May". Not when a noun follows that it counts ("12 dlrs a
    /// share from 300 stores").
    fn carry_partners(&self, cx: &Cx, nums: &mut [Num]) {
        for k in 1..nums.len() {
            let (l, r) = nums.split_at_mut(k);
            let (a, b) = (&l[k - 1], &mut r[0]);
            if a.fixed.is_some() || b.fixed.is_some() || a.skip || b.skip {
                continue;
            }
            if (a.cur.is_none() && a.unit.is_none()) || b.cur.is_some() || b.unit.is_some() {
                continue;
            }
            if a.mult.is_some() != b.mult.is_some() || b.year_like() {
                continue;
            }
            let mut c = cx.next(a.last - 1);
            if matches!(cx.kind(c), Some(TokenKind::Punct)) && cx.is(c, ",") {
                c = cx.next(c);
            }
            if cx.is_any(c, &["up", "down", "compared"]) {
                c = cx.next(c);
                if !cx.is_any(c, &["from", "with"]) {
                    continue;
                }
            } else if !cx.is_any(c, &["from", "vs", "versus", "against"]) {
                continue;
            }
            let mut first = cx.next(c);
            if cx.is(first, ".") {
                first = cx.next(first); // "vs."
            }
            if first != b.first {
                continue;
            }
            let after = cx.next(b.last - 1);
            if cx.is_word(after)
                && !self.is_stop(cx, after)
                && cx.s(after).chars().next().is_some_and(char::is_lowercase)
            {
                continue;
            }
            b.cur = a.cur;
            b.unit = a.unit;
        }
    }

    fn classify(&self, cx: &Cx, n: &Num) -> Option<Statistic> {
        if n.skip {
            return None;
        }
        let start = cx.toks[n.first].start;
        let end = cx.toks[n.last - 1].end;
        if cx.in_name(cx.toks[n.core].start, cx.toks[n.core].end) {
            return None;
        }
        let (kind, value, unit) = if let Some((k, v)) = n.fixed {
            (k, v, None)
        } else if let Some(c) = n.cur {
            let v = scaled(n.raw, n.mult);
            (Kind::Money, v, Some(self.currency(cx, c).to_string()))
        } else if let Some((uk, u)) = n.unit {
            let v = scaled(n.raw, n.mult);
            match uk {
                UnitKind::Time => return None,
                UnitKind::Percent => (Kind::Percent, v, Some(self.name(u).to_string())),
                UnitKind::Quantity => (Kind::Quantity, v, Some(self.name(u).to_string())),
            }
        } else {
            if !self.count_ok(cx, n) {
                return None;
            }
            (Kind::Count, scaled(n.raw, n.mult), None)
        };
        if !value.is_finite() {
            return None;
        }
        let (q, approximate, cmp, dir) = self.qualifiers_before(cx, n.first);
        let direction = dir.or_else(|| self.direction_around(cx, q, n.last));
        let per_word = self.per_word(cx, n);
        let per = self.per_after(cx, per_word, kind);
        let measure = self.measure(cx, n, kind, q, per_word.is_some());
        Some(Statistic {
            text: cx.text[start..end].to_string(),
            start,
            end,
            value,
            kind: kind.as_str().to_string(),
            unit,
            approximate,
            comparator: cmp.map(|c| self.name(c).to_string()),
            direction: direction.map(|d| self.name(d).to_string()),
            per,
            measure,
            rule: n.rule.to_string(),
        })
    }

    /// Whether a bare number (no unit, no currency) is a count.
    fn count_ok(&self, cx: &Cx, n: &Num) -> bool {
        let i = n.core;
        if n.words && n.mult.is_none() {
            return n.raw > 10.0 && n.raw < 1e15;
        }
        if n.mult.is_some() {
            return !self.letter_model(cx, n);
        }
        // across a line wrap: "the Fortune\n500 list" is a name as "the Fortune 500 list" is
        let p = cx.prev_w(i);
        let nx = cx.next(n.last - 1);
        // years, unless a count is plain: "more than 1000 customers"
        if n.year_like() {
            let (q, _, cmp, _) = self.qualifiers_before(cx, n.first);
            let counted = q != n.first
                && cmp.is_some()
                && cx.is_word(nx)
                && !self.is_stop(cx, nx)
                && cx.s(nx).chars().next().is_some_and(char::is_lowercase);
            if !counted {
                return false;
            }
        }
        // addresses and codes: "575 Wilbraham Road", "90049 ZIP Code", "16-18 Industrial Ave"
        {
            let mut k = nx;
            if matches!(cx.kind(k), Some(TokenKind::Dash)) {
                k = cx.next(cx.next(k));
            }
            for _ in 0..5 {
                let w = cx.s(k);
                if matches!(cx.kind(k), Some(TokenKind::Number)) {
                    // "9 E 71st St"
                    k = cx.next(k);
                    if cx.is_any(k, &["st", "nd", "rd", "th"]) {
                        k = cx.next(k);
                    }
                    continue;
                }
                if !cx.is_word(k) || !w.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                if self.has(cx, k, W_STREET) {
                    return false;
                }
                k = cx.next(k);
            }
            if cx.is(nx, "zip") || cx.is(nx, "postcode") {
                return false;
            }
        }
        // scores: "89-89", "3-1", "2-0" (a second number no larger than the first)
        if n.plain_int && n.ndigits <= 3 {
            let after = n.last;
            if matches!(cx.kind(after), Some(TokenKind::Dash))
                && cx.touches(after - 1)
                && cx.touches(after)
                && matches!(cx.kind(after + 1), Some(TokenKind::Number))
            {
                if let Some(b) = parse_digits(cx.s(after + 1)) {
                    let unit_after = self
                        .match_at(cx, Table::Post, cx.next(after + 1), |_| true)
                        .is_some();
                    if b <= n.raw && !unit_after {
                        return false;
                    }
                }
            }
            if let Some(p) = p {
                if p + 1 == i
                    && matches!(cx.kind(p), Some(TokenKind::Dash))
                    && p > 0
                    && cx.touches(p - 1)
                {
                    if let Some(a) = parse_digits(cx.s(p - 1)) {
                        if matches!(cx.kind(p - 1), Some(TokenKind::Number)) && n.raw <= a {
                            return false;
                        }
                    }
                }
                // "COVID -19"
                if p + 1 == i && matches!(cx.kind(p), Some(TokenKind::Dash)) {
                    if let Some(pp) = cx.prev(p) {
                        if cx.is_word(pp)
                            && cx.s(pp).chars().next().is_some_and(char::is_uppercase)
                            && !cx.sentence_start(pp)
                        {
                            return false;
                        }
                    }
                }
            }
        }
        // ages: "Senard, 65, now faces"
        if n.plain_int && n.raw < 120.0 {
            if let Some(p) = p {
                let after_name = cx.s(p) == ","
                    && cx.prev(p).is_some_and(|pp| {
                        cx.is_word(pp) && cx.s(pp).chars().next().is_some_and(char::is_uppercase)
                    });
                if after_name && matches!(cx.s(nx), "," | "." | ";") {
                    return false;
                }
            }
        }
        // dates: "15 November", "Oct. 31", "March 3"
        let month = |j: usize| -> bool {
            if !cx.is_word(j) {
                return false;
            }
            let whole = cx.s(j);
            let s = whole.strip_suffix('.').unwrap_or(whole);
            // the token's own (cached) look-up when there is no point to strip
            (s == "May" || s == "March" || (s != "may" && s != "march" && s != "mar"))
                && if s.len() == whole.len() {
                    cx.flag(j, W_MONTH)
                } else {
                    self.has_word(s, W_MONTH)
                }
        };
        if let Some(p) = p {
            let p2 = if cx.s(p) == "." { cx.prev(p) } else { Some(p) };
            if p2.is_some_and(month) {
                return false;
            }
            // "vs" labels a side ("Arsenal vs 3"), not a figure compared with one before:
            // "revenues of 1,627,518 vs 1,550,329"
            let compared = matches!(cx.b(p), b"vs" | b"versus")
                && cx.prev_w(p).is_some_and(|q| {
                    !cx.b(q).first().is_some_and(u8::is_ascii_uppercase)
                        || self.match_at(cx, Table::Post, q, |_| true).is_some()
                });
            // "over", "under" label an age group ("over 65s", "under 21"), not an amount
            // compared: "over 18,000 units", "under 50 countries"
            let amount = cx.is_any(p, &["over", "under"])
                && !n.year_like()
                && (n.raw >= 130.0 || self.plural_noun(cx, nx));
            if self.has(cx, p, W_LABEL) && !compared && !amount {
                return false;
            }
            // No 1, number 1: ranks are read elsewhere; here skip
            if cx.s(p) == "No" || cx.s(p) == "#" {
                return false;
            }
            // model numbers and names: "PlayStation 2", "Windows 95", "Nokia 6600"; longer
            // numbers not where a table has them: "USSR 3400 (3440)", "TOTAL SALES 2367"
            // at a line end, "Total 10400", "2332L 2324" (a price with its letter)
            let ps = cx.s(p);
            if cx.is_word(p)
                && ps.chars().next().is_some_and(char::is_uppercase)
                && n.plain_int
                && (n.ndigits <= 3 || self.model_after_name(cx, p, nx))
                && !cx.sentence_start(p)
                && !self.is_stop(cx, p)
            {
                return false;
            }
            // "OS/2", "System/38", "X-MP/24"
            if n.plain_int
                && p + 1 == i
                && cx.s(p) == "/"
                && p > 0
                && cx.touches(p - 1)
                && cx.is_word(p - 1)
                && cx.b(p - 1).first().is_some_and(u8::is_ascii_uppercase)
            {
                return false;
            }
            // "(45)": ages and references in brackets
            if cx.s(p) == "(" && cx.s(nx) == ")" && n.plain_int && n.raw < 130.0 {
                return false;
            }
            if cx.s(p) == "+"
                || (cx.s(p) == "-"
                    && cx
                        .prev(p)
                        .is_some_and(|q| matches!(cx.kind(q), Some(TokenKind::Number))))
                    && n.plain_int
                    && n.ndigits >= 3
            {
                return false;
            }
        }
        if month(nx) {
            return false;
        }
        // "the 68020 microprocessor", "a 747 jet" (not "14 jet aircraft")
        if n.plain_int
            && n.raw >= 2.0
            && !cx.touches(i)
            && self.has(cx, nx, W_MODEL)
            && !self.plural_noun(cx, cx.next(nx))
        {
            return false;
        }
        // "from 6 to 9 January", "6-9 January"
        if (cx.is_any(nx, &["to", "and", "-", "–"]))
            && matches!(cx.kind(cx.next(nx)), Some(TokenKind::Number))
            && month(cx.next(cx.next(nx)))
        {
            return false;
        }
        // list markers: "1." or "2)" at a line start
        let p = cx.prev(i);
        if (p.is_none() || matches!(cx.kind(p.unwrap_or(0)), Some(TokenKind::LineBreak)))
            && (cx.s(nx) == "." || cx.s(nx) == ")")
        {
            return false;
        }
        // phone numbers: a leading zero, or digit groups
        let s = cx.s(i);
        if n.plain_int && s.len() >= 3 && s.starts_with('0') {
            return false;
        }
        if n.plain_int && matches!(cx.kind(nx), Some(TokenKind::Number)) && nx == i + 2 {
            return false;
        }
        if n.plain_int
            && p.is_some_and(|p| {
                matches!(cx.kind(p), Some(TokenKind::Number))
                    && p + 2 == i
                    && matches!(cx.kind(p + 1), Some(TokenKind::Space))
            })
        {
            return false;
        }
        // "at 3 o'clock", "3 times a day"
        if cx.is(nx, "times") {
            return false;
        }
        true
    }

    /// Whether a number of four digits or more after the capitalized word `p`, with `nx`
    /// next, names a model ("Nokia 6600") rather than stands in a table: not before a bracket
    /// or a line end, not after a head word ("Total") or a letter glued to a number
    /// ("2332L 2324").
    fn model_after_name(&self, cx: &Cx, p: usize, nx: usize) -> bool {
        let table = matches!(cx.kind(nx), None | Some(TokenKind::LineBreak))
            || cx.s(nx) == "("
            || self.has(cx, p, W_HEAD);
        let priced =
            p > 0 && cx.touches(p - 1) && matches!(cx.kind(p - 1), Some(TokenKind::Number));
        !table && !priced
    }

    /// Whether token `j` is a noun in the plural: a lower-case word of four letters or more
    /// ending in -s (not -ss), not a function word ("this", "was"), or one of `PLURALS`.
    fn plural_noun(&self, cx: &Cx, j: usize) -> bool {
        let b = cx.b(j);
        cx.is_word(j)
            && b.first().is_some_and(u8::is_ascii_lowercase)
            && (b.len() >= 4 && b.ends_with(b"s") && !b.ends_with(b"ss") && !self.is_stop(cx, j)
                || cx.flag(j, W_PLURAL))
    }

    /// Whether `n` is a number with a glued letter read as a multiplier that names a model
    /// or a size, not a count: "the 3B line", "Insat 1B", "256K DRAM" (not "20k downloads",
    /// "100K users": a plural noun after it is counted).
    fn letter_model(&self, cx: &Cx, n: &Num) -> bool {
        let i = n.core;
        n.cur.is_none()
            && n.unit.is_none()
            && n.last == i + 2
            && matches!(cx.kind(i), Some(TokenKind::Number))
            && cx.touches(i)
            && matches!(cx.b(i + 1), b"b" | b"B" | b"k" | b"K")
            && !self.plural_noun(cx, cx.next(i + 1))
    }

    /// A direction word in the clause before the number, or right after it.
    fn direction_around(&self, cx: &Cx, first: usize, last: usize) -> Option<u16> {
        let mut j = first;
        for _ in 0..6 {
            let Some(p) = cx.prev(j) else { break };
            if matches!(cx.kind(p), Some(TokenKind::Punct | TokenKind::LineBreak)) {
                break;
            }
            if let Some(d) = self.dir_at(cx, p) {
                return Some(d);
            }
            j = p;
        }
        self.dir_at(cx, cx.next(last - 1))
    }

    /// The direction whose phrase starts at token `j`: one flag test for most words, the
    /// phrase match (out of line) only for the first words of direction phrases.
    #[inline]
    fn dir_at(&self, cx: &Cx, j: usize) -> Option<u16> {
        if !cx.is_word(j) || !cx.flag(j, lex::F_DIR_FIRST) {
            return None;
        }
        self.dir_phrase(cx, j)
    }

    #[inline(never)]
    fn dir_phrase(&self, cx: &Cx, j: usize) -> Option<u16> {
        let (p, _) = self.match_at(cx, Table::Qual, j, |p| matches!(p.what, What::Dir(_)))?;
        match p.what {
            What::Dir(d) => Some(d),
            _ => None,
        }
    }

    /// "a share", "per barrel", "a year" after money and quantities.
    fn per_after(&self, cx: &Cx, per: Option<usize>, kind: Kind) -> Option<String> {
        if !matches!(kind, Kind::Money | Kind::Quantity | Kind::Count) {
            return None;
        }
        per.map(|w| cx.s(w).to_ascii_lowercase())
    }

    /// The token of the unit in "a share", "per barrel", "a year" after the number.
    fn per_word(&self, cx: &Cx, n: &Num) -> Option<usize> {
        let a = cx.next(n.last - 1);
        if !(cx.is(a, "per") || cx.is(a, "a") || cx.is(a, "an") || cx.is(a, "each")) {
            return None;
        }
        let w = cx.next(a);
        const PER: &[&str] = &[
            "share",
            "year",
            "month",
            "week",
            "day",
            "hour",
            "barrel",
            "head",
            "person",
            "gallon",
            "litre",
            "liter",
            "kg",
            "tonne",
            "ton",
            "unit",
            "night",
            "minute",
            "second",
            "mile",
            "user",
            "subscriber",
            "customer",
            "household",
            "employee",
            "ounce",
            "gram",
            "copy",
            "ticket",
            "session",
        ];
        cx.is_any(w, PER).then_some(w)
    }

    // ---- measures ----

    fn measure(&self, cx: &Cx, n: &Num, kind: Kind, q: usize, per: bool) -> Option<Measure> {
        let j = self.skip_after(cx, n, per);
        let span = match kind {
            Kind::Percent | Kind::Ratio => self
                .of_clause(cx, j)
                .or_else(|| self.verb_clause(cx, j))
                .or_else(|| self.np_forward(cx, j, 6))
                .or_else(|| self.np_before(cx, q, false)),
            Kind::Rank => self
                .np_before(cx, q, true)
                .or_else(|| self.np_forward(cx, j, 6)),
            Kind::Count | Kind::Quantity => self
                .np_forward(cx, j, 8)
                .or_else(|| self.of_phrase(cx, j))
                .or_else(|| self.np_before(cx, q, false)),
            Kind::Money => self
                .for_phrase(cx, j)
                .or_else(|| self.np_forward(cx, j, 6))
                .or_else(|| self.of_phrase(cx, j))
                .or_else(|| self.np_before(cx, q, false)),
        };
        // an exchange rate measures one currency against another
        let fx = match kind {
            Kind::Money | Kind::Percent | Kind::Count => self.fx_pair(cx, q, j),
            _ => None,
        };
        let (s, e) = fx.or(span)?;
        if s >= e {
            return None;
        }
        Some(Measure {
            text: cx.text[s..e].to_string(),
            start: s,
            end: e,
        })
    }

    /// The first token to read a measure from after the number: past a closing bracket
    /// ("(55%) of"), "or more", "or so".
    fn skip_after(&self, cx: &Cx, n: &Num, per: bool) -> usize {
        let mut j = cx.next_w(n.last - 1);
        if cx.s(j) == ")" && n.first > 0 && cx.prev_w(n.first).is_some_and(|p| cx.s(p) == "(") {
            j = cx.next_w(j);
        } else if cx.s(j) == "(" {
            // "half (55%) of"
            let mut k = j;
            for _ in 0..8 {
                k = cx.next_w(k);
                if cx.s(k) == ")" {
                    j = cx.next_w(k);
                    break;
                }
            }
        }
        if cx.is(j, "or")
            && cx.is_any(
                cx.next_w(j),
                &["more", "so", "less", "fewer", "above", "over"],
            )
        {
            j = cx.next_w(cx.next_w(j));
        }
        if per {
            j = cx.next_w(cx.next_w(j));
        }
        j
    }

    /// Whether token `j` is a word a measure can hold.
    fn np_word(&self, cx: &Cx, j: usize) -> bool {
        match cx.kind(j) {
            Some(TokenKind::Word) => {
                !self.is_stop(cx, j) && cx.num(j).is_none_or(|w| w.card.is_none())
            }
            Some(TokenKind::Possessive) => true,
            _ => false,
        }
    }

    /// Whether token `j` reads as a verb (for clause measures).
    fn verb_like(&self, cx: &Cx, j: usize) -> bool {
        if !cx.is_word(j) {
            return false;
        }
        let s = cx.s(j);
        if !s.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        self.has(cx, j, W_VERB) || (s.len() > 4 && s.ends_with("ed") && !self.is_stop(cx, j))
    }

    /// A noun phrase from token `j` forward, with inner "of", "from", "with", "and" and
    /// "in the": "net cafes in the country", "requests from remote users".
    fn np_forward(&self, cx: &Cx, j: usize, max: usize) -> Option<(usize, usize)> {
        let first = j;
        let s = cx.s(j);
        if !self.np_word(cx, j)
            || matches!(cx.kind(j), Some(TokenKind::Possessive))
            || (s.ends_with("ly") && !cx.is_any(j, PERIODIC))
            || self.time_next(cx, j)
            || self.verb_like(cx, j)
            || !s.chars().next().is_some_and(char::is_alphabetic)
            || cx.flag(j, W_COMPARE)
        {
            return None;
        }
        let mut end_tok = j;
        let mut k = j;
        let mut count = 0;
        loop {
            let nx = cx.next_w(k);
            if count >= max {
                break;
            }
            if self.np_word(cx, nx) && !self.verb_like(cx, nx) {
                // "-ing" words after a noun start a clause
                let w = cx.s(nx);
                if w.len() > 5 && w.ends_with("ing") && matches!(cx.kind(nx), Some(TokenKind::Word))
                {
                    break;
                }
                // "3,000 jobs next year", "bonds due October": a time after the noun is no
                // part of it, nor an adverb ("payments immediately")
                if self.time_next(cx, nx)
                    || (cx.flag(nx, W_MONTH)
                        && cx.b(nx).first().is_some_and(u8::is_ascii_uppercase))
                    || (w.len() > 4
                        && w.ends_with("ly")
                        && w.starts_with(|c: char| c.is_ascii_lowercase())
                        && !cx.is_any(nx, PERIODIC))
                {
                    break;
                }
                end_tok = nx;
                k = nx;
                count += 1;
                continue;
            }
            // connectors
            let mut after = cx.next_w(nx);
            let ok = if cx.flag(nx, W_OF_FROM_WITH) {
                if cx.flag(after, W_THE_ITS) {
                    after = cx.next_w(after);
                }
                true
            } else if cx.flag(nx, W_IN_ON_AT) || cx.is(nx, "to") {
                let det = cx.flag(after, W_DET);
                if det {
                    after = cx.next_w(after);
                }
                // "a 25% stake in Acme", "5,000 people in France" (not "in March")
                det || (!cx.is(nx, "to") && self.proper_noun(cx, after))
            } else if cx.flag(nx, W_PER_EACH) {
                cx.flag(after, W_PERIOD)
            } else {
                false
            };
            if ok && self.np_word(cx, after) && !self.verb_like(cx, after) && count + 2 <= max {
                end_tok = after;
                k = after;
                count += 2;
                continue;
            }
            break;
        }
        Some((cx.toks[first].start, cx.toks[end_tok].end))
    }

    /// The last token of the currency named by a word at token `k` ("euro", "U.S. dollar").
    fn currency_word(&self, cx: &Cx, k: usize) -> Option<usize> {
        if !cx.is_word(k) {
            return None;
        }
        let accept = |p: &Phrase| matches!(p.what, What::Currency(_)) && !p.attached;
        self.match_at(cx, Table::Post, k, accept)
            .map(|(_, e)| e - 1)
    }

    /// A currency named in the clause before token `i`, at most six words back: the subject
    /// of an exchange rate ("the dollar was trading against the euro").
    fn fx_subject_before(&self, cx: &Cx, i: usize) -> Option<usize> {
        let mut k = i;
        for _ in 0..6 {
            let p = cx.prev_w(k)?;
            if !matches!(cx.kind(p), Some(TokenKind::Word | TokenKind::Number)) {
                return None;
            }
            if self.currency_word(cx, p).is_some() {
                return Some(p);
            }
            k = p;
        }
        None
    }

    /// The measure of an exchange rate, a currency against another: "the dollar was trading
    /// against the euro at $1.3280", "Against the pound, the dollar was down 0.7%", "the
    /// dollar has fallen by 50% against the euro" (with the number between: the measure is
    /// one span of text). `q` is the number's first token, `j` the token after it.
    fn fx_pair(&self, cx: &Cx, q: usize, j: usize) -> Option<(usize, usize)> {
        let against = |a: usize| {
            let mut c = cx.next_w(a);
            if cx.is(c, "the") {
                c = cx.next_w(c);
            }
            self.currency_word(cx, c)
        };
        if cx.is(j, "against") {
            let ce = against(j)?;
            let start = self.fx_subject_before(cx, q).unwrap_or(j);
            return Some((cx.toks[start].start, cx.toks[ce].end));
        }
        // the look back below finds nothing before the text's first "against"
        if !cx.toks.get(q).is_some_and(|t| cx.against_before(t.start)) {
            return None;
        }
        let mut k = q;
        for _ in 0..12 {
            let p = cx.prev_w(k)?;
            match cx.kind(p) {
                Some(TokenKind::Punct) if matches!(cx.s(p), "." | ";" | ":" | "?" | "!") => {
                    return None
                }
                Some(TokenKind::LineBreak) => return None,
                _ => {}
            }
            if cx.is(p, "against") {
                let ce = against(p)?;
                if let Some(s) = self.fx_subject_before(cx, p) {
                    return Some((cx.toks[s].start, cx.toks[ce].end));
                }
                let mut a = cx.next_w(ce);
                if cx.s(a) == "," {
                    a = cx.next_w(a);
                }
                if cx.is(a, "the") {
                    a = cx.next_w(a);
                }
                let se = self.currency_word(cx, a)?;
                return Some((cx.toks[p].start, cx.toks[se].end));
            }
            k = p;
        }
        None
    }

    /// Whether token `j` starts a time ("last year", "next month", "last March").
    fn time_next(&self, cx: &Cx, j: usize) -> bool {
        cx.is_any(j, &["next", "last"]) && {
            let t = cx.next_w(j);
            cx.flag(t, W_PERIOD | W_MONTH) || cx.is_any(t, &["quarter", "season"])
        }
    }

    /// Whether token `j` is a capitalized word that is no month and no function word: the
    /// start of a name.
    fn proper_noun(&self, cx: &Cx, j: usize) -> bool {
        cx.is_word(j)
            && cx.b(j).first().is_some_and(u8::is_ascii_uppercase)
            && !cx.flag(j, W_MONTH | W_STOP)
    }

    /// "100 tonnes of gold", "$5bn of debt", "81,000 TONNES OF U.S. MAIZE": the noun phrase
    /// after "of" right after an amount.
    fn of_phrase(&self, cx: &Cx, j: usize) -> Option<(usize, usize)> {
        if !cx.is(j, "of") {
            return None;
        }
        let mut k = cx.next_w(j);
        if cx.is_any(k, &["the", "a", "an"]) {
            k = cx.next_w(k);
        }
        self.np_forward(cx, k, 6)
    }

    /// "£4.50 for an hour's session": the phrase after "for".
    fn for_phrase(&self, cx: &Cx, j: usize) -> Option<(usize, usize)> {
        if !cx.is(j, "for") {
            return None;
        }
        let mut k = cx.next_w(j);
        let first = k;
        if cx.is_any(k, &["a", "an", "the", "each", "every"]) {
            k = cx.next_w(k);
        }
        let (_, e) = self.np_forward(cx, k, 5)?;
        Some((cx.toks[first].start, e))
    }

    /// "N% of X": X, or X with what X did ("86% of visitors carried laptops"), or what X said
    /// ("44% of respondents said the economy was getting worse").
    fn of_clause(&self, cx: &Cx, j: usize) -> Option<(usize, usize)> {
        if !cx.is(j, "of") {
            return None;
        }
        let mut k = cx.next_w(j);
        let first = k;
        if cx.is_any(
            k,
            &[
                "the", "its", "their", "his", "her", "our", "all", "those", "these",
            ],
        ) {
            k = cx.next_w(k);
        }
        // "of 2,000 people surveyed"
        while matches!(cx.kind(k), Some(TokenKind::Number)) {
            k = cx.next_w(k);
        }
        let (ns, ne, last) = match self.np_forward(cx, k, 6) {
            Some((s, e)) => (s, e, self.tok_at(cx, e, k)),
            None if cx.is_any(first, &["those", "these", "them"]) => {
                (cx.toks[first].start, cx.toks[first].end, first)
            }
            None => return None,
        };
        let ns = ns.min(cx.toks[first].start);
        // the token after the phrase
        let mut m = cx.next_w(last);
        // "surveyed", "polled" after the noun
        if cx.is_any(
            m,
            &["surveyed", "polled", "questioned", "asked", "interviewed"],
        ) {
            m = cx.next_w(m);
        }
        if cx.is_any(m, &["who", "that"]) {
            m = cx.next_w(m);
        }
        if self.has(cx, m, W_REPORT) {
            let mut c = cx.next_w(m);
            if cx.is(c, "that") {
                c = cx.next_w(c);
            }
            if let Some(e) = self.clause_end(cx, c, 12, true) {
                return Some((cx.toks[c].start, e));
            }
        }
        if self.verb_like(cx, m) {
            if let Some(e) = self.clause_end(cx, m, 10, true) {
                return Some((ns, e));
            }
        }
        Some((ns, ne))
    }

    /// The token whose end is byte `end`, at or after token `from`.
    fn tok_at(&self, cx: &Cx, end: usize, from: usize) -> usize {
        let mut k = from;
        while k + 1 < cx.toks.len() && cx.toks[k].end < end {
            k += 1;
        }
        k
    }

    /// The end byte of a clause from token `j`: up to punctuation (or "that", when
    /// `stop_that`), at most `max` words; `None` when empty.
    fn clause_end(&self, cx: &Cx, j: usize, max: usize, stop_that: bool) -> Option<usize> {
        let mut k = j;
        let mut end = None;
        let mut c = 0;
        while c < max {
            match cx.kind(k) {
                Some(TokenKind::Word | TokenKind::Possessive | TokenKind::Number) => {
                    if stop_that
                        && c > 0
                        && cx.is_any(k, &["that", "which", "because", "while", "although", "but"])
                    {
                        break;
                    }
                    end = Some(cx.toks[k].end);
                }
                _ => break,
            }
            c += 1;
            k = cx.next_w(k);
        }
        end
    }

    /// "34% who said it was improving", "52% believed that ...": the clause from the verb.
    fn verb_clause(&self, cx: &Cx, j: usize) -> Option<(usize, usize)> {
        let mut j = j;
        if cx.is(j, "who") {
            j = cx.next_w(j);
        }
        if !(self.has(cx, j, W_REPORT) || self.verb_like(cx, j)) {
            return None;
        }
        let e = self.clause_end(cx, j, 14, false)?;
        Some((cx.toks[j].start, e))
    }

    /// The noun phrase before the number (skipping linking words, qualifiers and other
    /// numbers): "exports fell 2.3%" -> "exports"; "the number of X was N" -> "X".
    fn np_before(&self, cx: &Cx, first: usize, cross_comma: bool) -> Option<(usize, usize)> {
        let mut j = first;
        let mut steps = 0;
        let end_tok = loop {
            let p = cx.prev_w(j)?;
            steps += 1;
            if steps > 12 {
                return None;
            }
            let k = cx.kind(p)?;
            match k {
                TokenKind::Number | TokenKind::Symbol | TokenKind::Dash => {}
                TokenKind::Punct if cross_comma && cx.s(p) == "," => {}
                TokenKind::Punct if cx.s(p) == "(" || cx.s(p) == ")" => {}
                TokenKind::Word => {
                    let s = cx.s(p);
                    let after = cx.next_w(p);
                    let link = cx.flag(p, W_LINK)
                        || cx.num(p).is_some_and(|w| w.mult.is_some())
                        || (self.match_at(cx, Table::Post, p, |_| true).is_some()
                            && (!self.np_word(cx, p)
                                // the unit of a number before: "1.85 marks from 1.86"
                                || cx
                                    .prev_w(p)
                                    .is_some_and(|q| matches!(cx.kind(q), Some(TokenKind::Number)))))
                        || (s.len() <= 2
                            && cx.prev_w(p).is_some_and(|q| {
                                matches!(cx.kind(q), Some(TokenKind::Number)) && cx.touches(q)
                            }))
                        || ((s.ends_with("ed") || s.ends_with("ing"))
                            && s.chars().next().is_some_and(char::is_lowercase)
                            && cx.flag(after, W_AFTER_ED))
                        || (s.ends_with("er") && cx.is(after, "than"))
                        // "Reliance earned 25.3 mln dlrs": the verb right before an amount
                        // (not a participle naming the figure: "Shr diluted 88 cts")
                        || (s.len() > 4
                            && s.ends_with("ed")
                            && s.chars().next().is_some_and(char::is_lowercase)
                            && matches!(cx.kind(after), Some(TokenKind::Number | TokenKind::Symbol))
                            && !cx.is_any(p, &["diluted", "adjusted", "restated", "combined"]))
                        || (s.len() > 4
                            && s.ends_with("ly")
                            && s.chars().next().is_some_and(char::is_lowercase))
                        || cx.flag(p, W_DEGREE)
                        // "volume last year averaged nearly 188 bln dlrs"
                        || cx.is_any(p, &["last", "this", "next"])
                        || (cx.flag(p, W_PERIOD | W_MONTH)
                            && cx.prev_w(p).is_some_and(|q| cx.is_any(q, &["last", "this", "next"])))
                        || (s.chars().next().is_some_and(char::is_lowercase)
                            && cx.flag(after, W_AT_TO_BY)
                            && cx.prev_w(p).is_some_and(|pp| cx.flag(pp, W_BE)));
                    if !link {
                        // "the weeks ended February 28 were off 12%": a date is no measure
                        let date = cx.flag(p, W_MONTH)
                            && matches!(cx.kind(after), Some(TokenKind::Number));
                        if self.np_word(cx, p) && !date {
                            break p;
                        }
                        return None;
                    }
                }
                TokenKind::Possessive => break p,
                _ => return None,
            }
            j = p;
        };
        // collect the phrase backwards
        let mut start_tok = end_tok;
        let mut j = end_tok;
        let mut c = 0;
        while c < 10 {
            let Some(p) = cx.prev_w(j) else { break };
            if self.np_word(cx, p) && !self.verb_like(cx, p) {
                start_tok = p;
            } else if cx.flag(p, W_JOIN)
                || (cx.is(p, "at") && {
                    // "sales at the unit", "profit at Acme" (not "runs at speeds"); "sales at
                    // retailers" when the noun before opens its phrase (after a determiner or
                    // punctuation: not "the firm runs at speeds", "which runs at speeds")
                    let a = cx.next_w(p);
                    cx.is(a, "the")
                        || self.proper_noun(cx, a)
                        || (cx.b(a).first().is_some_and(u8::is_ascii_lowercase)
                            && self.np_word(cx, a)
                            && {
                                // a plural noun ("at banks"), not "at present", "at issue"
                                let w = cx.b(a);
                                w.len() > 3
                                    && w.ends_with(b"s")
                                    && !w.ends_with(b"ss")
                                    && !w.ends_with(b"us")
                                    && !w.ends_with(b"is")
                            }
                            && cx.prev_w(p).is_some_and(|pp| {
                                cx.prev_w(pp).is_none_or(|q| match cx.kind(q) {
                                    Some(TokenKind::Possessive) => true,
                                    Some(TokenKind::Punct) => cx.s(q) != "(",
                                    Some(TokenKind::Word) => cx.is_any(
                                        q,
                                        &["the", "its", "their", "his", "her", "our", "a", "an"],
                                    ),
                                    _ => false,
                                })
                            }))
                })
            {
                // keep going only if a noun comes before
                let Some(pp) = cx.prev_w(p) else { break };
                if !self.np_word(cx, pp) || self.verb_like(cx, pp) {
                    break;
                }
            } else if cx.is(p, "the") {
                // "sales at the group's unit": on past "of the", "at the" after a noun (not
                // "in the", "with the": "a buyout by Verizon in the deal valued at $6bn")
                let joined = cx.prev_w(p).is_some_and(|jn| {
                    cx.is_any(jn, &["of", "at"])
                        && cx
                            .prev_w(jn)
                            .is_some_and(|pp| self.np_word(cx, pp) && !self.verb_like(cx, pp))
                });
                if !joined {
                    break;
                }
            } else {
                break;
            }
            c += 1;
            j = p;
        }
        // strip "number of", "amount of", "total of"
        let mut st = start_tok;
        loop {
            if cx.flag(st, W_HEAD) {
                let o = cx.next_w(st);
                if cx.is(o, "of") && cx.next_w(o) <= end_tok {
                    st = cx.next_w(o);
                    continue;
                }
            }
            if cx.flag(st, W_JOIN) || cx.is_any(st, &["the", "a", "an"]) {
                if st >= end_tok {
                    break;
                }
                st = cx.next_w(st);
                continue;
            }
            break;
        }
        if st > end_tok {
            return None;
        }
        Some((cx.toks[st].start, cx.toks[end_tok].end))
    }

    /// Fills gaps after classification: a conversion in brackets shares its measure ("$6bn
    /// (£3.2bn)"), a bound of a range or a figure right after another takes its measure, and
    /// a bare figure after money in the same breath takes its currency ("300 pence, maybe 305").
    fn fill(&self, cx: &Cx, bounds: &[(usize, usize)], stats: &mut [Statistic]) {
        for k in 1..stats.len() {
            let (l, r) = stats.split_at_mut(k);
            let (pl, f) = (&bounds[k - 1].1, &bounds[k].0);
            let (prev, cur) = (&l[k - 1], &mut r[0]);
            // the first rule below takes `prev`'s measure, the second its currency: when
            // neither can, the tokens between are not read
            let money_after = cur.kind == "count" && prev.kind == "money" && cur.rule == "number";
            if prev.measure.is_none() && !money_after {
                continue;
            }
            // tokens between
            let mut between: [&[u8]; 8] = [b""; 8];
            let mut nb = 0;
            let mut j = *pl;
            let mut ok = true;
            while j < *f {
                let t = &cx.toks[j];
                if !matches!(t.kind, TokenKind::Space) && !cx.wrap(j) {
                    if matches!(t.kind, TokenKind::LineBreak) || nb == 8 {
                        ok = false;
                        break;
                    }
                    between[nb] = cx.b(j);
                    nb += 1;
                }
                j += 1;
            }
            if !ok {
                continue;
            }
            let between = &between[..nb];
            let bracket = between == [b"("];
            const LINKS: &[&[u8]] = &[
                b",",
                b"-",
                "–".as_bytes(),
                "—".as_bytes(),
                b"to",
                b"and",
                b"or",
                b"maybe",
                b"perhaps",
                b"possibly",
                b"from",
                b"down",
                b"up",
                b"vs",
                b"versus",
                b"against",
            ];
            // asked last, only where the cheaper tests pass
            let linked = || {
                nb <= 3
                    && between
                        .iter()
                        .all(|w| LINKS.iter().any(|l| w.eq_ignore_ascii_case(l)))
            };
            // "from 300 stores": a figure that counts a noun of its own is no amount of money
            let counts_noun = cur.measure.as_ref().is_some_and(|m| m.start >= cur.end);
            // "$19.6bn in November, down from $19.7bn": a figure compared with the one before
            // in the same sentence is a figure of the same thing
            let compared = || {
                let end = |w: &&[u8]| matches!(*w, b"." | b";" | b":" | b"?" | b"!");
                !between.iter().any(end)
                    && match between {
                        [.., a, b] if a.eq_ignore_ascii_case(b"compared") => {
                            b.eq_ignore_ascii_case(b"with") || b.eq_ignore_ascii_case(b"to")
                        }
                        [.., w] => [&b"from"[..], b"vs", b"versus", b"against"]
                            .iter()
                            .any(|l| w.eq_ignore_ascii_case(l)),
                        [] => false,
                    }
            };
            if prev.measure.is_some()
                && (bracket || (cur.measure.is_none() && (linked() || compared())))
            {
                cur.measure = prev.measure.clone();
            }
            if !counts_noun && money_after && !cur.text.contains(char::is_alphabetic) && linked() {
                cur.kind = "money".into();
                cur.unit = prev.unit.clone();
            }
        }
        // a first bound takes the second's measure
        for k in (1..stats.len()).rev() {
            let (l, r) = stats.split_at_mut(k);
            let (pl, f) = (&bounds[k - 1].1, &bounds[k].0);
            let (prev, cur) = (&mut l[k - 1], &r[0]);
            // also over a measure read backwards when the second bound has its own after it:
            // "between three and four million requests from remote users"
            let ahead = |s: &Statistic| s.measure.as_ref().is_some_and(|m| m.start >= s.end);
            let behind = prev.measure.as_ref().is_some_and(|m| m.end <= prev.start);
            if cur.measure.is_some()
                && (prev.measure.is_none() || (behind && ahead(cur) && prev.kind == cur.kind))
            {
                let c = cx.next_w(*pl - 1);
                if cx.next_w(c) == *f && cx.is_any(c, &["to", "and", "-", "–", "or"]) {
                    prev.measure = cur.measure.clone();
                }
            }
        }
    }
}

/// Verbs that start a clause measure ("86% of visitors carried laptops").
const VERBS: &[&str] = &[
    "said",
    "say",
    "says",
    "believed",
    "believe",
    "thought",
    "think",
    "felt",
    "feel",
    "were",
    "was",
    "are",
    "had",
    "have",
    "expect",
    "expected",
    "agreed",
    "agree",
    "wanted",
    "want",
    "saw",
    "see",
    "used",
    "use",
    "owned",
    "own",
    "carried",
    "came",
    "come",
    "spent",
    "backed",
    "opposed",
    "support",
    "supported",
    "plan",
    "planned",
    "remain",
    "remained",
    "voted",
    "prefer",
    "preferred",
    "reported",
    "admitted",
    "owns",
    "uses",
    "went",
    "go",
    "do",
    "did",
    "would",
    "could",
    "will",
    "can",
];

/// Reporting verbs: what follows is the measure of a poll share.
const REPORT: &[&str] = &[
    "said",
    "say",
    "says",
    "believed",
    "believe",
    "believes",
    "thought",
    "think",
    "felt",
    "feel",
    "agreed",
    "agree",
    "reported",
    "expected",
    "expect",
    "predicted",
    "claimed",
    "admitted",
    "indicated",
    "answered",
    "responded",
];

/// Heads stripped from a measure: "the number of X" -> "X".
const HEADS: &[&str] = &[
    "number",
    "amount",
    "total",
    "value",
    "level",
    "proportion",
    "percentage",
    "figure",
];

/// The countries of the franc (`franc_code`) and the names that name each.
const FRANC_COUNTRIES: &[(&str, &[&str])] = &[
    (
        "CHF",
        &[
            "switzerland",
            "swiss",
            "zurich",
            "geneva",
            "basel",
            "berne",
            "lausanne",
        ],
    ),
    ("FRF", &["france", "french", "paris"]),
    ("BEF", &["belgium", "belgian", "brussels", "antwerp"]),
    ("LUF", &["luxembourg"]),
];

/// The shortest and the longest name of `FRANC_COUNTRIES`.
const FRANC_NAME_LENS: (usize, usize) = {
    let (mut lo, mut hi) = (usize::MAX, 0);
    let mut i = 0;
    while i < FRANC_COUNTRIES.len() {
        let names = FRANC_COUNTRIES[i].1;
        let mut j = 0;
        while j < names.len() {
            let n = names[j].len();
            lo = if n < lo { n } else { lo };
            hi = if n > hi { n } else { hi };
            j += 1;
        }
        i += 1;
    }
    (lo, hi)
};

/// The first byte of the first "against" in `b`, in any case and whatever is around it
/// (`usize::MAX` when there is none): one pass for its "g".
fn first_against(b: &[u8]) -> usize {
    // the "g" of a word ending in "-ing" fails at once: the byte before is no "a"
    memchr::memchr2_iter(b'g', b'G', b)
        .find(|&g| {
            g > 0
                && b[g - 1] | 0x20 == b'a'
                && b.get(g - 1..g + 6)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"against"))
        })
        .map_or(usize::MAX, |g| g - 1)
}

/// The franc of the country `text` names most: French (FRF), Belgian (BEF), Luxembourg (LUF)
/// or Swiss (CHF, also when none is named or Switzerland ties).
fn franc_code(text: &str) -> &'static str {
    // Whole words only ("paris", not "comparison"): a name counts where it is a whole run of
    // ASCII letters, so one pass over the runs counts every name (no lower-cased copy of the
    // article, no search per name).
    let mut counts = [0usize; FRANC_COUNTRIES.len()];
    let (shortest, longest) = FRANC_NAME_LENS;
    for run in text.as_bytes().split(|c| !c.is_ascii_alphabetic()) {
        if run.len() < shortest || run.len() > longest {
            continue;
        }
        for (n, &(_, names)) in counts.iter_mut().zip(FRANC_COUNTRIES) {
            *n += names
                .iter()
                .filter(|w| run.eq_ignore_ascii_case(w.as_bytes()))
                .count();
        }
    }
    let mut best = ("CHF", 0);
    for (&(code, _), &n) in FRANC_COUNTRIES.iter().zip(&counts) {
        if n > best.1 {
            best = (code, n);
        }
    }
    best.0
}

fn is_superlative(w: &str) -> bool {
    const NOT: &[&str] = &[
        "interest", "request", "contest", "protest", "harvest", "invest", "arrest", "suggest",
        "digest", "forest", "honest", "modest",
    ];
    const ALSO: &[&str] = &["most", "least", "best", "worst", "biggest"];
    let b = w.as_bytes();
    b.len() > 4
        && b[b.len() - 3..].eq_ignore_ascii_case(b"est")
        && !NOT.iter().any(|x| w.eq_ignore_ascii_case(x))
        || ALSO.iter().any(|x| w.eq_ignore_ascii_case(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::xorshift;
    use crate::tokenizer::tokenize;

    /// Every word of the examples, and some made to be tricky: a word failing the gate is
    /// read as nothing by the full reading.
    #[test]
    fn gate_drops_only_words_read_as_nothing() {
        let r = StatRules::new().unwrap();
        let mut text = [
            include_str!("../examples/chip-localization.txt"),
            include_str!("../examples/earnings-report.txt"),
            include_str!("../examples/trade-tensions.txt"),
            include_str!("../examples/gadget-review.txt"),
        ]
        .join("\n");
        text.push_str(
            " RM23.50 US$5 $US55,931,000 USD10m HK$3 Rs.50 Rs50 minus-5 Minus-1.4 sub-3 \
             Twenty-five twenty-five second-largest Second-Biggest 3G 4K G7 R5 tenfold TWICE \
             Half a dozen three-quarters One-third THOUSAND Millions 1990s 5th £5 €3 ¥10 \
             this Thirty-one thousands TEN-year six-fold Hundreds minus5 Sub-5 onerous",
        );
        let toks = tokenize(&text);
        let mut ids = vec![0u16; toks.len()];
        let cx = Cx::new(&text, &toks, Vec::new(), &r.t, &mut ids[..]);
        let mut read = 0;
        for (i, t) in toks.iter().enumerate() {
            if !matches!(t.kind, TokenKind::Word) {
                continue;
            }
            let w = t.text(&text);
            if r.may_be_number(w.as_bytes()) {
                read += usize::from(r.read_word_token(&cx, i).is_some());
            } else {
                assert!(r.read_word_token(&cx, i).is_none(), "{w:?} fails the gate");
            }
        }
        assert!(read > 20, "{read} words read as numbers");
    }

    /// `next_candidate` (two tokens a round) finds from every start what a plain walk over
    /// the tokens finds, on texts of number words, digits, currency forms and odd bytes.
    #[test]
    fn next_candidate_as_walked() {
        const PIECES: &[&str] = &[
            "three",
            "Twenty-five",
            "the",
            "this",
            "RM23",
            "5",
            "1,200.5",
            "$",
            "US$",
            " ",
            "  ",
            "\n",
            "-",
            "on",
            "one",
            "a",
            "é",
            "x",
            "million",
            "th",
            "(",
            "Half",
            "sub-3",
        ];
        let r = StatRules::new().unwrap();
        let mut x = 0x51_7CC1_B727_220Au64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..xorshift(&mut x) % 12 {
                text.push_str(PIECES[(xorshift(&mut x) % PIECES.len() as u64) as usize]);
            }
            let toks = tokenize(&text);
            let b = text.as_bytes();
            for i in 0..=toks.len() + 1 {
                let plain = toks
                    .iter()
                    .enumerate()
                    .skip(i)
                    .find(|(_, t)| r.may_start(b, t))
                    .map_or(toks.len(), |(k, _)| k);
                assert_eq!(r.next_candidate(b, &toks, i), plain, "{text:?} from {i}");
            }
        }
    }

    /// `Cx::in_name` (going on from its last answer) answers as a search of the sorted spans
    /// does, for numbers asked about in text order and out of it.
    #[test]
    fn in_name_as_searched() {
        let r = StatRules::new().unwrap();
        let mut x = 0x2F1A_9C3B_77D0_4E15u64;
        for _ in 0..2_000 {
            let mut names: Vec<(usize, usize)> = (0..xorshift(&mut x) % 20)
                .map(|_| {
                    let s = (xorshift(&mut x) % 60) as usize;
                    (s, s + (xorshift(&mut x) % 12) as usize)
                })
                .collect();
            names.sort_unstable();
            let mut ids: [u16; 0] = [];
            let cx = Cx::new("", &[], names.clone(), &r.t, &mut ids[..]);
            let mut start = 0usize;
            for _ in 0..30 {
                // mostly forward, sometimes back
                start = match xorshift(&mut x) % 5 {
                    0 => (xorshift(&mut x) % 70) as usize,
                    _ => start + (xorshift(&mut x) % 6) as usize,
                };
                let end = start + (xorshift(&mut x) % 5) as usize;
                let k = names.partition_point(|&(s, _)| s <= start);
                let want = names[..k]
                    .iter()
                    .rev()
                    .take(8)
                    .any(|&(s, e)| s <= start && end <= e);
                assert_eq!(cx.in_name(start, end), want, "{names:?} {start}..{end}");
            }
        }
    }

    /// `franc_code` as it was: the names searched one by one in a lower-cased copy of the
    /// text, kept where no letter comes before or after.
    fn franc_code_by_search(text: &str) -> &'static str {
        let low = text.to_ascii_lowercase();
        let b = low.as_bytes();
        let count = |w: &str| {
            low.match_indices(w)
                .filter(|&(i, _)| {
                    let before = i.checked_sub(1).map(|j| b[j]);
                    let after = b.get(i + w.len()).copied();
                    !before.is_some_and(|c| c.is_ascii_alphabetic())
                        && !after.is_some_and(|c| c.is_ascii_alphabetic())
                })
                .count()
        };
        let mut best = ("CHF", 0);
        for &(code, words) in FRANC_COUNTRIES {
            let n: usize = words.iter().map(|w| count(w)).sum();
            if n > best.1 {
                best = (code, n);
            }
        }
        best.0
    }

    /// `franc_code` (one pass over the runs of letters) names the country the search names,
    /// on texts made of names, parts of names, names in other cases and inside other words.
    #[test]
    fn franc_code_as_searched() {
        const PIECES: &[&str] = &[
            "Paris",
            "PARIS",
            "paris",
            "Swiss",
            "swissair",
            "Belgian",
            "BRUSSELS",
            "Antwerp",
            "Luxembourg",
            "luxembourgs",
            "France",
            "French",
            "comparison",
            "Geneva",
            "Berne",
            "Basel",
            "Zurich",
            "Lausanne",
            "Switzerland",
            " ",
            " ",
            "-",
            "'s",
            "é",
            "1",
            "_",
            "\n",
            "parisparis",
            "fr",
            "ance",
            "ß",
        ];
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..xorshift(&mut x) % 14 {
                text.push_str(PIECES[(xorshift(&mut x) % PIECES.len() as u64) as usize]);
            }
            let code = franc_code(&text);
            assert_eq!(code, franc_code_by_search(&text), "{text:?}");
            seen.insert(code);
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
    }

    /// `decimal` gives what `str::parse::<f64>` gives.
    #[test]
    fn decimal_is_parse() {
        let mut cases: Vec<String> = [
            "0",
            "7",
            "007",
            "0.1",
            "0.3",
            "1.5",
            "5.",
            ".5",
            ".",
            "",
            "74.7",
            "3.14159265358979",
            "999999999999999",
            "9999999999999999",
            "123456789012345.6",
            "1.2.3",
            "1e5",
            "0.000000000000001",
            "12345678901234567890",
            "4.35",
            "2.675",
            "1.005",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // a simple generator: digits with a point somewhere
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let x = xorshift(&mut x);
            let len = 1 + (x % 17) as usize;
            let mut d: String = (0..len)
                .map(|k| char::from(b'0' + ((x >> (k * 3)) % 10) as u8))
                .collect();
            let at = ((x >> 40) as usize) % (len + 1);
            if (x >> 60) & 1 == 1 {
                d.insert(at, '.');
            }
            cases.push(d);
        }
        for c in &cases {
            let want: Option<f64> = c.parse().ok();
            let got = decimal(c.bytes());
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{c:?}");
        }
    }

    /// `parse_digits` (with its direct path for plain digits) and `split_hyphen` give what
    /// the general code gives.
    #[test]
    fn digits_and_hyphens_as_before() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let x = xorshift(&mut x);
            let len = 1 + (x % 19) as usize;
            let s: String = (0..len)
                .map(|k| match (x >> (k * 3)) % 13 {
                    10 => '.',
                    11 => ',',
                    12 => '-',
                    d => char::from(b'0' + d as u8),
                })
                .collect();
            let b = s.as_bytes();
            let dots = b.iter().filter(|&&c| c == b'.').count();
            if dots <= 1 && !b.contains(&b',') {
                let want = decimal(b.iter().copied());
                assert_eq!(
                    parse_digits(&s).map(f64::to_bits),
                    want.map(f64::to_bits),
                    "{s:?}"
                );
            }
            assert_eq!(split_hyphen(&s), s.split_once('-'), "{s:?}");
        }
        for s in [
            "twenty-five",
            "-5",
            "5-",
            "a\u{2013}b",
            "\u{e9}-x",
            "plain",
            "",
        ] {
            assert_eq!(split_hyphen(s), s.split_once('-'), "{s:?}");
        }
        // the one-pass reading of plain digits and groups of three agrees with the general
        // one wherever it reads a number
        let mut read = 0;
        for _ in 0..200_000 {
            let x = xorshift(&mut x);
            let len = 1 + (x % 19) as usize;
            let s: String = (0..len)
                .map(|k| match (x >> (k * 3)) % 16 {
                    10 | 13 | 14 | 15 => ',',
                    11 => '.',
                    12 => '9',
                    d => char::from(b'0' + d as u8),
                })
                .collect();
            if let Some(v) = decimal_fast(s.as_bytes()) {
                assert_eq!(
                    Some(v.to_bits()),
                    parse_separated(&s).map(f64::to_bits),
                    "{s:?}"
                );
                read += 1;
            }
            assert_eq!(
                parse_digits(&s).map(f64::to_bits),
                parse_separated(&s).map(f64::to_bits),
                "{s:?}"
            );
        }
        for s in [
            "2019",
            "74.7",
            ".5",
            "1,234",
            "12,345,678",
            "999,999,999,999.99",
            "0,001",
            "1,000.5",
        ] {
            assert!(decimal_fast(s.as_bytes()).is_some(), "{s:?}");
            assert_eq!(decimal_fast(s.as_bytes()), parse_separated(s), "{s:?}");
        }
        for s in [
            "1234,567", "1,23", "1,2345", "1,234.", ",123", "1,,234", "1.5,000",
        ] {
            assert_eq!(decimal_fast(s.as_bytes()), None, "{s:?}");
        }
        assert!(read > 100, "{read} numbers read in one pass");
        assert_eq!(parse_digits("1,234.5"), Some(1234.5));
        assert_eq!(parse_digits("1,8923"), Some(1.8923));
        assert_eq!(parse_digits("1.2.3"), None);
    }

    /// Table look-ups find every word in any ASCII case, and nothing else.
    #[test]
    fn words_found_in_any_case() {
        let r = StatRules::new().unwrap();
        let words = STOP_WORDS
            .split_whitespace()
            .chain(LINK_WORDS.split_whitespace())
            .chain(MONTHS.iter().copied())
            .chain(LABELS.iter().copied())
            .chain([
                "million", "per", "cent", "percent", "us", "more", "than", "half",
            ]);
        for w in words {
            let id = r.t.id(w);
            assert_ne!(id, 0, "{w}");
            assert_eq!(r.t.id(&w.to_ascii_uppercase()), id, "{w}");
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            assert_eq!(r.t.id(&cap), id, "{w}");
            assert_eq!(r.t.id(&format!("{w}q")), 0, "{w}q");
            assert_eq!(r.t.id(&format!("q{w}")), 0, "q{w}");
        }
        assert_eq!(r.t.id(""), 0);
        assert_eq!(r.t.id("abcdefghijklmnopqrstuvwxyz"), 0);
        assert!(r
            .t
            .number("Seventeen")
            .is_some_and(|w| w.card == Some(17.0)));
        assert!(r.t.number("million").is_some_and(|w| w.mult == Some(1e6)));
    }

    #[test]
    fn builds() {
        let r = StatRules::new().unwrap();
        let text = "Profits rose 5% to £1.2bn.";
        let s = r.extract(text, &tokenize(text), &[]);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].unit.as_deref(), Some("GBP"));
    }
}
