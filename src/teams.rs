//! Sports teams named by a place: "Leeds 2 Chelsea 1", "Hamburg beat Hansa Rostock 1-0",
//! "Wales are camped ...". A place name standing for a team is an organization (see the
//! annotation guidelines), but the lexicons know "Leeds" and "Wales" only as locations.
//!
//! A location mention is re-typed as a team only with strong sports evidence of two kinds at
//! once: the article has sports words ([`SPORTS_WORDS`], at least [`MIN_SPORTS_WORDS`] of
//! them), and the mention stands in a sports pattern of its own:
//!
//! - a results line or a standings row: the place starts a line (or follows a ":" or the
//!   other side's score) and is followed by a whole number of at most three digits, and the
//!   line goes on as a result ("Leeds 2 Chelsea 1", "Kent 128-1 ( ... ) v Glamorgan") or a
//!   row of numbers ("Chicago 69 59 .539 7 1/2"); a date ("LONDON 1996-08-30") or a table
//!   of decimals ("Japan 2.1 1.8") is neither;
//! - a fixture: "X v Y", "X vs. Y";
//! - a match verb next to a score in the same sentence: the place is the subject of "beat",
//!   "drew", "lost", "won" ... or the object of "beat", "lost to", "drew with" ...
//!   ("Hamburg beat Hansa Rostock 1-0"); "Japan beat forecasts" has no score;
//! - British plural agreement: a singular place name as the subject of "are", "have" or
//!   "were" ("Wales are camped", "England have won"); a plural name ("the Netherlands",
//!   "United States") or a coordinated subject ("Japan and China are") is not;
//! - a line of a schedule: "Oakland at Boston" as the whole line, where "Oakland" is the
//!   visiting team and "at Boston" names the venue, a place.
//!
//! A place after "of", "from", "in" or "at" ("Olympiakos of Greece beat ...") or before a
//! possessive ("beat Yugoslavia's Red Star") is the place of something else, not a team.
//!
//! Rows of results, standings and fixtures also name teams no lexicon knows ("Brackley
//! Rovers 2 Queen of the Fells 1"). In a sports article, a run of capitalized words (with
//! "of", "the", "de" and possessives inside) is a team where it stands as a side of:
//!
//! - a result: the side opens its line (or follows a ":"), then its score, the other side
//!   and its score, the line ending (with or without a full stop) or going on with "(" or
//!   ","; the first side's scorers in brackets may come between ("St Pauli 4 ( Driller
//!   15th ) Schalke 4");
//! - a standings row whose numbers add up as a team's: played, then won, drawn and lost
//!   (their sum), six numbers or more, those after the fourth of any size ("Otterburn 5 3 1
//!   1 9 4 10", "Wallaby Creek 21 11 0 10 2173 1803 120.5 44"); or won, lost and the
//!   winning fraction ("HARBOR CITY 60 68 .469 16 1/2", 60 / 128 = .469);
//! - a cricket innings: ten runs or more, with the wickets, then the details in brackets,
//!   "declared", "and", or the end of the line ("Wessex 255-3 ( Smith 64 )");
//! - a fixture "X v Y", also in a list after a comma;
//! - a line of race results: the team after the rider (a person, or a name after the
//!   line's rank) and the rider's country in brackets, then the time
//!   or nothing ("1. Anna Berg ( Norway ) Fjordbank 3:45:01"), not a known maker's product
//!   ("Toyota Celica").
//!
//! A side replaces shorter mentions inside it ("Sparta Rotterdam": not the city
//! "Rotterdam"; "NEC Nijmegen": not the company "NEC"). It takes a person's name only from a
//! result or a standings row ("Gloria Bistrita 2 ..."), never from a fixture or an innings
//! ("Sampras v Agassi"). The same words elsewhere in the article, where no other mention
//! is, are the same team ("Schalke , who finished third").
//!
//! The team is keyed apart from the place: `Key::New(Organization, name)`, so its id is
//! `org:chicago` while the city stays the lexicon's location. An article that names the
//! city ("a hotel in Chicago") and the team ("Chicago 5 Houston 3") gives two entities, one
//! of each kind; all the team mentions of one name are one entity.

use crate::entities::{name_key, Cand, Key, View};
use crate::record::EntityKind;
use crate::span::Span;
use crate::support::{CONNECTOR, NON_NAME};
use crate::tokenizer::TokenKind;

/// The rule name the re-typed mentions carry.
const RULE: &str = "team";

/// Words of sports reporting. An article is about sport when it holds at least
/// [`MIN_SPORTS_WORDS`] of them (repeats count).
const SPORTS_WORDS: &[&str] = &[
    "soccer",
    "football",
    "cricket",
    "baseball",
    "basketball",
    "hockey",
    "rugby",
    "tennis",
    "league",
    "goal",
    "goals",
    "scored",
    "scorer",
    "scorers",
    "striker",
    "midfielder",
    "goalkeeper",
    "halftime",
    "half-time",
    "innings",
    "inning",
    "wicket",
    "wickets",
    "pitcher",
    "touchdown",
    "coach",
    "squad",
    "match",
    "matches",
    "fixture",
    "fixtures",
    "tournament",
    "championship",
    "standings",
    "playoff",
    "playoffs",
    "semifinal",
    "quarterfinal",
    "semi-final",
    "quarter-final",
    "stadium",
    "referee",
    "season",
    "cup",
    "lap",
    "laps",
    "prix",
    "qualifying",
    "podium",
    "cycling",
    "peloton",
];

/// How many sports words make an article a sports article.
const MIN_SPORTS_WORDS: usize = 2;

/// Verbs of a match result whose subject is a team ("Leeds beat Chelsea 2-1").
const SUBJECT_VERBS: &[&str] = &[
    "beat",
    "beats",
    "defeated",
    "defeat",
    "drew",
    "draw",
    "lost",
    "lose",
    "won",
    "win",
    "edged",
    "thrashed",
    "routed",
    "crushed",
    "trounced",
    "hammered",
    "overcame",
    "outclassed",
    "eliminated",
    "downed",
    "held",
    "led",
];

/// Words before a team that is the object of a match result ("beat Chelsea", "lost to
/// Chelsea", "drew with Chelsea", "a win over Chelsea", "2-1 against Chelsea").
const OBJECT_WORDS: &[&str] = &[
    "beat",
    "beating",
    "defeated",
    "defeating",
    "thrashed",
    "routed",
    "crushed",
    "trounced",
    "hammered",
    "eliminated",
    "to",
    "with",
    "over",
    "against",
];

/// Words a fixture is written with: "Leeds v Wimbledon".
const VERSUS: &[&str] = &["v", "v.", "vs", "vs."];

/// Words after a singular place name that agree with a team in British usage.
const PLURAL_VERBS: &[&str] = &["are", "have", "were"];

/// Last words of place names that are plural in form, whose plural verb says nothing of a
/// team ("the Philippines are", "United States have"). Most such names also follow "the",
/// which rules the plural reading out by itself.
const PLURAL_NAMES: &[&str] = &[
    "States",
    "Islands",
    "Emirates",
    "Netherlands",
    "Philippines",
    "Bahamas",
    "Maldives",
    "Seychelles",
    "Comoros",
    "Antilles",
    "Grenadines",
    "Lowlands",
    "Highlands",
    "Midlands",
    "Territories",
];

/// Words a clause may open with before a subject ("but Wales are ...").
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "when", "as", "after", "before", "because", "since", "if", "though",
    "although", "so", "now",
];

/// How many words the name of a side in a row may run over ("Hapoel Ironi Rishon Lezion").
const MAX_SIDE_WORDS: usize = 6;

/// How far (in tokens) a score may be from a match verb's team, within its sentence.
const SCORE_WINDOW: usize = 25;

/// Re-types location mentions that stand for sports teams as organizations (see the module
/// documentation). `sel` is the resolved candidates, in text order.
// once per document: kept out of line, so that profiles show it
#[inline(never)]
pub(crate) fn retype_teams(v: &View, sel: &mut Vec<Cand>) {
    let mut sports: Option<bool> = None; // counted once, the first time a pattern needs it
    for c in sel.iter_mut() {
        if c.kind != EntityKind::Location {
            continue;
        }
        // (the words the mention runs over, found when it was made)
        let (a, b) = (c.words.0 as usize, c.words.1 as usize);
        if b <= a || v.w[a].start != c.span.start || v.w[b - 1].end != c.span.end {
            continue;
        }
        let t = Teams { v };
        if !t.pattern(a, b - 1) {
            continue;
        }
        if !*sports.get_or_insert_with(|| t.sports_article()) {
            return;
        }
        c.kind = EntityKind::Organization;
        c.key = Key::New(EntityKind::Organization, name_key(&v.text[c.span.range()]));
        c.rule = RULE;
    }
    let t = Teams { v };
    let sides = t.row_sides(sel);
    if !sides.is_empty() && *sports.get_or_insert_with(|| t.sports_article()) {
        t.name_sides(&sides, sel);
    }
}

/// A side of a row: its first and last words, and whether the row is strong enough evidence
/// to take the name from a person ("Gloria Bistrita 2 Petra Drnovice 1").
type Side = (usize, usize, bool);

/// The patterns, over a document's view.
struct Teams<'v, 'a> {
    v: &'v View<'a>,
}

impl Teams<'_, '_> {
    /// Whether the place in tokens `a..=b` stands in a team pattern.
    fn pattern(&self, a: usize, b: usize) -> bool {
        // "Olympiakos of Greece beat ...", "beat Yugoslavia's Red Star": the place of a team
        let of_place = a > 0
            && self.joined(a)
            && ["of", "from", "in", "at"]
                .iter()
                .any(|w| self.word(a - 1).eq_ignore_ascii_case(w));
        let owner = self.joined(b + 1)
            && (self.v.w[b + 1].kind == TokenKind::Possessive || self.word(b + 1) == "'s");
        // "Ruch Chorzow win 6-1", "beat Alaska Milk 85-82": the place is part of a longer name
        let longer =
            (self.joined(a) && self.v.cap(a - 1)) || (self.joined(b + 1) && self.v.cap(b + 1));
        if of_place || owner {
            return false;
        }
        self.table_row(a, b)
            || self.fixture(a, b)
            || self.schedule(a, b)
            || (!longer && (self.match_verb(a, b) || self.plural(a, b)))
    }

    fn word(&self, k: usize) -> &str {
        self.v.s(k)
    }

    fn is(&self, k: usize, words: &[&str]) -> bool {
        k < self.v.w.len() && words.contains(&self.word(k))
    }

    /// Whether token `k` is on the same line as token `k - 1`.
    fn joined(&self, k: usize) -> bool {
        k > 0 && k < self.v.w.len() && self.v.joined(k)
    }

    /// A whole number of one to three digits: a score, a count of games.
    fn small_int(&self, k: usize) -> bool {
        k < self.v.w.len()
            && self.v.w[k].kind == TokenKind::Number
            && self.word(k).len() <= 3
            && self.word(k).bytes().all(|c| c.is_ascii_digit())
    }

    /// A number in a row of numbers after its first: a number without thousands separators,
    /// a fraction ("1/2" is three tokens, each part is taken), or a dash for none.
    fn row_number(&self, k: usize) -> bool {
        if k >= self.v.w.len() {
            return false;
        }
        let s = self.word(k);
        match self.v.w[k].kind {
            TokenKind::Number => !s.contains(','),
            TokenKind::Dash => true,
            _ => s == "/" || s == ".",
        }
    }

    /// A score "2-1" starting at `k` (three tokens without spaces); the index after it.
    fn score_at(&self, k: usize) -> Option<usize> {
        let w = &self.v.w;
        if k + 2 < w.len()
            && self.small_int(k)
            && w[k + 1].kind == TokenKind::Dash
            && self.small_int(k + 2)
            && w[k].end == w[k + 1].start
            && w[k + 1].end == w[k + 2].start
        {
            Some(k + 3)
        } else {
            None
        }
    }

    /// A results line or standings row (see the module documentation).
    fn table_row(&self, a: usize, b: usize) -> bool {
        let starts_row = !self.joined(a)
            || matches!(self.word(a - 1), ":" | ")")
            || (self.small_int(a - 1) && self.joined(a - 1) && self.v.cap(a - 2));
        let n = b + 1;
        if !starts_row || !self.joined(n) || !self.small_int(n) {
            return false;
        }
        // the score itself, or a cricket score "128-1"
        let after = self.score_at(n).unwrap_or(n + 1);
        if !self.joined(after) {
            return true; // "Leeds 2" ending its line: the second side of a result
        }
        let next = self.word(after);
        if matches!(next, "(" | "." | ",") || self.is(after, VERSUS) {
            return true;
        }
        // another side and its score: "Leeds 2 Chelsea 1"
        if self.v.cap(after) {
            let mut k = after;
            while self.joined(k) && (self.v.cap(k) || self.v.w[k].kind == TokenKind::Possessive) {
                k += 1;
            }
            return self.joined(k) && self.small_int(k);
        }
        // a row of numbers: "Chicago 69 59 .539 7 1/2"
        let mut k = after;
        let mut numbers = 1;
        while self.joined(k) && self.row_number(k) {
            numbers += usize::from(self.v.w[k].kind == TokenKind::Number);
            k += 1;
        }
        numbers >= 3 && !self.joined(k)
    }

    /// "Leeds v Wimbledon", "Leeds vs. Wimbledon" (a list of fixtures may wrap after "v").
    fn fixture(&self, a: usize, b: usize) -> bool {
        // "vs." may be two tokens
        let dot = |k: usize| usize::from(self.word(k) == ".");
        let after = b + 1;
        if self.joined(after) && self.is(after, VERSUS) && self.v.cap(after + 1 + dot(after + 1)) {
            return true;
        }
        let mut before = a.wrapping_sub(1);
        if a >= 2 && dot(before) == 1 && self.joined(before) {
            before -= 1;
        }
        before >= 1
            && before < a
            && self.is(before, VERSUS)
            && self.joined(before)
            && self.v.cap(before - 1)
    }

    /// A line of a schedule: "Oakland at Boston", the whole line: "Oakland" is the visiting
    /// team; "at Boston" names where the game is played, and stays a place.
    fn schedule(&self, a: usize, b: usize) -> bool {
        if self.joined(a) || !self.joined(b + 1) || !self.word(b + 1).eq_ignore_ascii_case("at") {
            return false;
        }
        let mut k = b + 2;
        if !(self.joined(k) && self.v.cap(k)) {
            return false;
        }
        while self.joined(k) && self.v.cap(k) {
            k += 1;
        }
        !self.joined(k)
    }

    /// The subject or object of a match verb, with a score in the sentence.
    fn match_verb(&self, a: usize, b: usize) -> bool {
        let subject = self.joined(b + 1) && self.is(b + 1, SUBJECT_VERBS);
        let object = a > 0 && self.joined(a) && self.is(a - 1, OBJECT_WORDS);
        (subject || object) && self.score_near(a, b)
    }

    /// Whether a score ("2-1") is within [`SCORE_WINDOW`] tokens of `a..=b` in its sentence.
    fn score_near(&self, a: usize, b: usize) -> bool {
        let w = &self.v.w;
        let stop_word = |k: usize| matches!(self.word(k), "." | "!" | "?" | ";");
        let stop = |k: usize| stop_word(k) || !self.joined(k);
        let mut k = a;
        let mut left = 0;
        while k > 0 && left < SCORE_WINDOW && self.joined(k) && !stop_word(k - 1) {
            k -= 1;
            left += 1;
        }
        let end = (b + SCORE_WINDOW).min(w.len());
        let mut i = k;
        while i < end {
            if i > b && stop(i) {
                break;
            }
            if self.score_at(i).is_some() {
                return true;
            }
            i += 1;
        }
        false
    }

    /// "Wales are camped ...": a singular place name as the subject of a plural verb.
    fn plural(&self, a: usize, b: usize) -> bool {
        if !(self.joined(b + 1) && self.is(b + 1, PLURAL_VERBS)) {
            return false;
        }
        if PLURAL_NAMES
            .iter()
            .any(|p| self.word(b).eq_ignore_ascii_case(p))
            || (a > 0 && self.joined(a) && self.word(a - 1).eq_ignore_ascii_case("the"))
        {
            return false; // "the Netherlands are", "United States have"
        }
        if !self.joined(a) {
            return true; // opens its line
        }
        let p = self.word(a - 1);
        matches!(p, "." | "!" | "?" | ":" | ";" | ",")
            || matches!(self.v.w[a - 1].kind, TokenKind::Quote(_))
            || self.is(a - 1, CLAUSE_OPENERS)
    }

    /// The name of a side that starts at word `a`: capitalized words, with connectors and
    /// possessives inside ("Queen of the South", "Queen 's Park"), up to [`MAX_SIDE_WORDS`],
    /// ending with a capitalized word; its last word. A single word that is never a name by
    /// itself ("Halftime", "Saturday") is not a side.
    fn side(&self, a: usize) -> Option<usize> {
        if !self.v.cap(a) {
            return None;
        }
        let mut b = a;
        let mut k = a + 1;
        while k < a + MAX_SIDE_WORDS && self.joined(k) {
            if self.v.cap(k) {
                b = k;
            } else if !(self.v.has(k, CONNECTOR)
                || self.word(k) == "the"
                || self.v.w[k].kind == TokenKind::Possessive)
            {
                break;
            }
            k += 1;
        }
        if a == b && self.v.has(a, NON_NAME) {
            return None;
        }
        Some(b)
    }

    /// Whether the words from `n` to the end of the line are a row of standings whose
    /// numbers add up as a team's do: games played, then won, drawn and lost (their sum),
    /// then more ("Leeds 5 3 1 1 9 4 10"); or won, lost and the winning fraction ("Boston 69
    /// 65 .515 5": 69 / (69 + 65)), with any games behind after it.
    fn standings(&self, n: usize) -> bool {
        let mut ints = [0u32; 4];
        let mut count = 0;
        let mut k = n;
        while self.joined(k) || k == n {
            if !self.small_int(k) {
                break;
            }
            if count < ints.len() {
                ints[count] = self.word(k).parse().unwrap_or(0);
            }
            count += 1;
            k += 1;
        }
        if count >= 4 && ints[0] > 0 && ints[0] == ints[1] + ints[2] + ints[3] {
            // then points for and against, percentages: any numbers to the end of the line
            let mut numbers = count;
            while self.joined(k) && self.v.w[k].kind == TokenKind::Number {
                numbers += 1;
                k += 1;
            }
            return numbers >= 6 && !self.joined(k);
        }
        // won, lost (ties between them may be listed) and the fraction ".515"
        if (2..=3).contains(&count) && self.joined(k) && self.word(k) == "." {
            let f = k + 1;
            let w = &self.v.w;
            if f < w.len()
                && w[f].start == w[k].end
                && w[f].kind == TokenKind::Number
                && self.word(f).len() == 3
            {
                let pct: f64 = self.word(f).parse::<f64>().unwrap_or(0.0) / 1000.0;
                let won = f64::from(ints[0]);
                let lost = f64::from(ints[count - 1]);
                return won + lost > 0.0 && (won / (won + lost) - pct).abs() <= 0.011;
            }
        }
        false
    }

    /// Whether the number at `n` (a score "255-3" ending at `score`) is a cricket innings:
    /// runs (ten or more), then the innings' details, "declared", "and" the next innings, or
    /// the end of the line ("Kent 255-3 ( Fulton 64 )", "Essex 532-8 declared").
    fn innings(&self, n: usize, score: Option<usize>) -> bool {
        if self.word(n).len() < 2 {
            return false;
        }
        let k = score.unwrap_or(n + 1);
        if !self.joined(k) {
            return score.is_some();
        }
        match self.word(k) {
            "(" | "declared" | "and" => true,
            "." => !self.joined(k + 1),
            _ => false,
        }
    }

    /// The team of a line of race results, a capitalized name at `a` after the rider's or
    /// driver's country in brackets, then the time, the gap or the points, or nothing more:
    /// "1. Anna Berg ( Norway ) Fjordbank 3:45:01"; its last word.
    fn racing_team(&self, a: usize, sel: &[Cand]) -> Option<usize> {
        let close = a - 1;
        let mut open = close;
        while open > 0 && close - open < 6 && self.joined(open) && self.word(open) != "(" {
            open -= 1;
        }
        if self.word(open) != "(" || open == 0 || !self.joined(open) || open + 1 >= close {
            return None;
        }
        let (start, end) = (self.v.w[open + 1].start, self.v.w[close - 1].end);
        let before = self.v.w[open - 1].end;
        // (`sel` is in text order, its mentions apart: the rider's ends first)
        let p = sel.partition_point(|c| c.span.end < before);
        // the rider: a person, or a name after the line's rank ("1. Mika Lahti")
        let mut first = open - 1;
        while first > 0 && self.joined(first) {
            first -= 1;
        }
        let ranked = self.v.w[first].kind == TokenKind::Number
            && self.word(first + 1) == "."
            && (first + 2..open).all(|k| self.v.cap(k));
        let rider = ranked
            || sel
                .get(p)
                .is_some_and(|c| c.kind == EntityKind::Person && c.span.end == before);
        let q = p + sel[p..].partition_point(|c| c.span.start < start);
        let country = sel.get(q).is_some_and(|c| {
            c.kind == EntityKind::Location && c.span.start == start && c.span.end == end
        });
        if !(country && rider) {
            return None;
        }
        let b = self.side(a)?;
        // a car or a bicycle of a known maker is its product, not a team ("Toyota Celica")
        let team = Span::new(self.v.w[a].start, self.v.w[b].end);
        if sel
            .get(q + 1)
            .is_some_and(|c| c.span.overlaps(team) && c.span != team)
        {
            return None;
        }
        let n = b + 1;
        let ends = !self.joined(n)
            || self.v.w[n].kind == TokenKind::Number
            || (self.v.w[n].kind == TokenKind::Word && !self.v.cap(n));
        ends.then_some(b)
    }

    /// The sides of results lines, standings rows and fixtures that name teams, in text
    /// order (see [`retype_teams`]).
    fn row_sides(&self, sel: &[Cand]) -> Vec<Side> {
        let mut out: Vec<Side> = Vec::new();
        let mut from = 0;
        for &a in &self.v.caps {
            let a = a as usize;
            if a < from {
                continue;
            }
            if self.joined(a) && self.word(a - 1) == ")" {
                if let Some(b) = self.racing_team(a, sel) {
                    out.push((a, b, false));
                }
                continue;
            }
            let opens = !self.joined(a) || self.word(a - 1) == ":";
            let Some(b) = (if opens || self.is(a.wrapping_sub(1), &[","]) {
                self.side(a)
            } else {
                None
            }) else {
                continue;
            };
            let n = b + 1;
            // a fixture: "Ayr v Berwick", also in a list after a comma
            if self.joined(n) && self.is(n, VERSUS) {
                let m = n + 1 + usize::from(self.word(n + 1) == ".");
                if let Some(b2) = self.side(m) {
                    let end = b2 + 1;
                    if !self.joined(end) || matches!(self.word(end), "," | "." | ";") {
                        out.push((a, b, false));
                        out.push((m, b2, false));
                        from = end;
                    }
                }
                continue;
            }
            if !opens || !self.joined(n) || !self.small_int(n) {
                continue;
            }
            let score = self.score_at(n);
            let mut m = score.unwrap_or(n + 1);
            // "St Pauli 4 ( Driller 15th ) Schalke 4 ( Max 11th )": the scorers in brackets
            if score.is_none() && self.joined(m) && self.word(m) == "(" {
                let mut k = m + 1;
                while self.joined(k) && self.word(k) != ")" && self.word(k) != "(" {
                    k += 1;
                }
                if self.joined(k) && self.word(k) == ")" && self.joined(k + 1) && self.v.cap(k + 1)
                {
                    m = k + 1;
                }
            }
            // a result: "Leeds 2 Chelsea 1", "Leeds 2-1 Chelsea"
            if self.joined(m) {
                if let Some(b2) = self.side(m) {
                    let s2 = b2 + 1;
                    let end = if score.is_some() {
                        s2
                    } else if self.joined(s2) && self.small_int(s2) {
                        self.score_at(s2).unwrap_or(s2 + 1)
                    } else {
                        continue;
                    };
                    let stop = self.word(end) == "." && !self.joined(end + 1);
                    if !self.joined(end) || stop || matches!(self.word(end), "(" | ",") {
                        out.push((a, b, true));
                        out.push((m, b2, true));
                        from = end;
                    }
                    continue;
                }
            }
            if score.is_none() && self.standings(n) {
                out.push((a, b, true));
            } else if self.innings(n, score) {
                out.push((a, b, false));
            }
        }
        out
    }

    /// Makes each side a team (see [`retype_teams`]), then the same names elsewhere in the
    /// article that nothing else claims.
    fn name_sides(&self, sides: &[Side], sel: &mut Vec<Cand>) {
        let v = self.v;
        let mut names: Vec<(usize, usize)> = Vec::new();
        let mut added: Vec<Cand> = Vec::new();
        let mut dropped = vec![false; sel.len()];
        for &(a, b, strong) in sides {
            let span = Span::new(v.w[a].start, v.w[b].end);
            let lo = sel.partition_point(|c| c.span.end <= span.start);
            let hi = lo + sel[lo..].partition_point(|c| c.span.start < span.end);
            let over = &sel[lo..hi];
            if over
                .iter()
                .any(|c| c.span.start < span.start || c.span.end > span.end)
            {
                continue; // a longer name runs over the side
            }
            if over.iter().any(|c| c.kind == EntityKind::Person) && !strong {
                continue;
            }
            if let [c] = over {
                if c.span == span && c.kind == EntityKind::Organization {
                    continue;
                }
            }
            for d in &mut dropped[lo..hi] {
                *d = true;
            }
            added.push(self.team(a, b));
            names.push((a, b));
        }
        if added.is_empty() {
            return;
        }
        let mut keep = dropped.iter().map(|d| !d);
        sel.retain(|_| keep.next().unwrap_or(true));
        // the same names elsewhere, where no other mention is
        let mut k = 0;
        let mut others: Vec<Cand> = Vec::new();
        for &c in &v.caps {
            let c = c as usize;
            if c < k || (self.joined(c) && self.v.cap(c - 1)) {
                continue;
            }
            let Some(len) = names.iter().find_map(|&(a, b)| {
                let len = b - a + 1;
                ((0..len).all(|i| {
                    self.word(c + i) == self.word(a + i) && (i == 0 || self.joined(c + i))
                }) && !(self.joined(c + len) && self.v.cap(c + len)))
                .then_some(len)
            }) else {
                continue;
            };
            k = c + len;
            let span = Span::new(v.w[c].start, v.w[c + len - 1].end);
            let p = sel.partition_point(|x| x.span.end <= span.start);
            let free = sel.get(p).is_none_or(|x| !x.span.overlaps(span))
                && !added.iter().any(|x| x.span.overlaps(span));
            if free {
                others.push(self.team(c, c + len - 1));
            }
        }
        sel.extend(added);
        sel.extend(others);
        sel.sort_by_key(|c| (c.span.start, c.span.end));
    }

    /// A team over words `a..=b`.
    fn team(&self, a: usize, b: usize) -> Cand {
        let key = Key::New(
            EntityKind::Organization,
            name_key(&self.v.text[self.v.span(a, b).range()]),
        );
        Cand::over(self.v, a, b, EntityKind::Organization, key, RULE)
    }

    /// Whether the article holds at least [`MIN_SPORTS_WORDS`] sports words.
    fn sports_article(&self) -> bool {
        let mut buf = [0u8; 16];
        let mut n = 0;
        for t in &self.v.w {
            if t.kind != TokenKind::Word || t.end - t.start < 3 || t.end - t.start > buf.len() {
                continue;
            }
            let s = &self.v.text.as_bytes()[t.start..t.end];
            let lower = &mut buf[..s.len()];
            lower.copy_from_slice(s);
            lower.make_ascii_lowercase();
            if SPORTS_WORDS.iter().any(|w| w.as_bytes() == &*lower) {
                n += 1;
                if n >= MIN_SPORTS_WORDS {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::{EntityKind, Extractor};

    /// The kind and id of the entity whose `nth` mention (0-based, in text order among the
    /// mentions written `form`) is written `form`.
    fn kind_of(ex: &Extractor, text: &str, form: &str, nth: usize) -> (EntityKind, String) {
        let found = mentions_written(ex, text, form);
        let (_, kind, id) = found
            .get(nth)
            .unwrap_or_else(|| panic!("no mention {form:?} #{nth} in {text:?}"))
            .clone();
        (kind, id)
    }

    #[test]
    fn places_standing_for_teams() {
        use EntityKind::{Location as Loc, Organization as Org};
        let ex = Extractor::new().unwrap();
        // (text, mention, which of its mentions, expected kind)
        let table: &[(&str, &str, usize, EntityKind)] = &[
            // results lines
            ("FOOTBALL - LEAGUE RESULTS\nResults of league matches:\nLeeds 2 Chelsea 1\nManchester 0 Liverpool 3\n", "Leeds", 0, Org),
            ("FOOTBALL - LEAGUE RESULTS\nResults of league matches:\nLeeds 2 Chelsea 1\nManchester 0 Liverpool 3\n", "Liverpool", 0, Org),
            ("Cricket scores in the league:\nAt the Oval: Sydney 128-1 (Smith 59) v Glamorgan.\n", "Sydney", 0, Org),
            // standings rows
            ("Baseball standings (won, lost, percentage):\nBOSTON 69 65 .515 5\nTORONTO 63 71 .470 11 1/2\n", "TORONTO", 0, Org),
            // match verbs with a score
            ("Hamburg beat Bremen 2-1 in the league match on Saturday. The coach was pleased.", "Hamburg", 0, Org),
            ("Hamburg beat Bremen 2-1 in the league match on Saturday. The coach was pleased.", "Bremen", 0, Org),
            ("In the football match on Sunday, Brazil drew 1-1 with Argentina in Buenos Aires.", "Argentina", 0, Org),
            ("In the football match on Sunday, Brazil drew 1-1 with Argentina in Buenos Aires.", "Buenos Aires", 0, Loc),
            // British plural agreement
            ("Wales are camped in the hills before their match, and the coach said the squad was fit.", "Wales", 0, Org),
            ("England have won the toss in the cricket match, and the squad bats first.", "England", 0, Org),
            // fixtures and schedules
            ("Soccer fixtures for Sunday in the league:\nMadrid v Barcelona\nMilan vs. Rome\n", "Barcelona", 0, Org),
            ("Soccer fixtures for Sunday in the league:\nMadrid v Barcelona\nMilan vs. Rome\n", "Rome", 0, Org),
            ("Baseball schedule for the season:\nCHICAGO AT HOUSTON\n", "CHICAGO", 0, Org),
            ("Baseball schedule for the season:\nCHICAGO AT HOUSTON\n", "HOUSTON", 0, Loc),
            // not sport, or not a team
            ("Japan beat forecasts with a 2.1% rise in exports.", "Japan", 0, Loc),
            ("China won the contract to build a stadium for the league and a football museum.", "China", 0, Loc),
            ("Tokyo stocks fell 2 percent after the football match.", "Tokyo", 0, Loc),
            ("LONDON 1996-08-30\nThe football league said the match was postponed.", "LONDON", 0, Loc),
            ("The league table of growth forecasts, a match for last year's:\nJapan 2.1 1.8\nGermany 1.5 1.2\n", "Japan", 0, Loc),
            ("The Netherlands are playing well this season, the coach said after the match.", "Netherlands", 0, Loc),
            ("Japan and China are rivals in the league, and the match drew crowds.", "China", 0, Loc),
            ("Votes by region:\nOhio 12 Texas 34\n", "Ohio", 0, Loc),
            ("Olympiakos of Greece beat Red Star 71-57 in the basketball tournament match.", "Greece", 0, Loc),
            ("Dynamo Moscow beat Zenit 2-1 in the league match on Sunday.", "Moscow", 0, Loc),
            ("Olympiakos beat Moscow Dynamo 2-1 in the league match on Sunday.", "Moscow", 0, Loc),
            ("The league match ended 2-1, and fans flew home from Paris on Monday.", "Paris", 0, Loc),
        ];
        for &(text, form, nth, want) in table {
            let (kind, id) = kind_of(&ex, text, form, nth);
            assert_eq!(kind, want, "{form:?} in {text:?} ({id})");
        }
    }

    /// The mentions written `form`, in text order: start, entity kind and id.
    fn mentions_written(
        ex: &Extractor,
        text: &str,
        form: &str,
    ) -> Vec<(usize, EntityKind, String)> {
        let doc = ex.extract(text);
        let mut found: Vec<(usize, EntityKind, String)> = doc
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.text == form)
                    .map(|m| (m.start, e.kind, e.id.clone()))
            })
            .collect();
        found.sort();
        found
    }

    /// The kind of the entity of the `nth` mention written `form`, if there is one.
    fn org_mention(ex: &Extractor, text: &str, form: &str, nth: usize) -> Option<EntityKind> {
        mentions_written(ex, text, form).get(nth).map(|m| m.1)
    }

    #[test]
    fn teams_no_lexicon_knows_in_rows() {
        use EntityKind::Organization as Org;
        let ex = Extractor::new().unwrap();
        let results = "SOCCER - LEAGUE RESULTS\nResults of league matches on Saturday:\n\
                       Brackley Rovers 2 Queen of the Fells 1\nOtterburn 0 Kelso Athletic 3\n\
                       Brackley Rovers scored twice after halftime.\n";
        let standings = "SOCCER - LEAGUE STANDINGS\nStandings after the weekend's league \
                         matches (played, won, drawn, lost, goals for, against, points):\n\
                         Otterburn 5 3 1 1 9 4 10\nKelso Athletic 5 2 2 1 7 6 8\n";
        let baseball = "BASEBALL - STANDINGS\nMajor league baseball standings (won, lost, \
                        percentage, games behind):\nHARBOR CITY 60 68 .469 16 1/2\n";
        let cricket = "CRICKET - COUNTY SCORES\nScores in the county championship match:\n\
                       At Lords : Wessex 255-3 ( A. Smith 64 not out ) v Mercia .\n\
                       Mercia 389 and 112 .\n";
        let fixtures = "SOCCER - FIXTURES\nLeague soccer fixtures for Saturday:\n\
                        Otterburn v Kelso Athletic , Brackley Rovers v Queen of the Fells\n";
        let scorers = "SOCCER - RESULT\nLeague soccer result on Sunday:\n\
                       Otterburn 2 ( Smith 15th , Jones 60th ) Brackley Rovers 1 ( Brown 80th )\n";
        let racing = "CYCLING - STAGE RESULTS\nResults of the cycling race's third stage, \
                      with the laps led:\n1. Anna Berg ( Norway ) Fjordbank 3:45:01\n\
                      2. Peter Olsen ( Denmark ) Fjordbank same time\n\
                      3. Maria Rossi ( Italy ) Toyota Celica 12\n\
                      4. Tapio Kallunki ( Finland ) Saimaa 1:02\n";
        let points = "AUSTRALIAN RULES - STANDINGS\nLeague standings after the season's \
                      matches (played, won, drawn, lost, points for, against, percentage, \
                      points):\nWallaby Creek 21 11 0 10 2173 1803 120.5 44\n\
                      Brackley Rovers 1 Queen of the Fells 1 .\n";
        // (text, mention, which of its mentions, expected kind)
        let table: &[(&str, &str, usize, Option<EntityKind>)] = &[
            (racing, "Fjordbank", 0, Some(Org)),
            (racing, "Fjordbank", 1, Some(Org)),
            // a maker's product is not a team
            (racing, "Toyota Celica", 0, None),
            // a rider no rule knows as a person, after the line's rank
            (racing, "Saimaa", 0, Some(Org)),
            (points, "Wallaby Creek", 0, Some(Org)),
            (points, "Queen of the Fells", 0, Some(Org)),
            (results, "Brackley Rovers", 0, Some(Org)),
            (results, "Queen of the Fells", 0, Some(Org)),
            (results, "Otterburn", 0, Some(Org)),
            (results, "Kelso Athletic", 0, Some(Org)),
            // the same name in prose, after the row named it
            (results, "Brackley Rovers", 1, Some(Org)),
            (standings, "Otterburn", 0, Some(Org)),
            (standings, "Kelso Athletic", 0, Some(Org)),
            (baseball, "HARBOR CITY", 0, Some(Org)),
            (cricket, "Wessex", 0, Some(Org)),
            (cricket, "Mercia", 1, Some(Org)),
            (fixtures, "Kelso Athletic", 0, Some(Org)),
            (fixtures, "Queen of the Fells", 0, Some(Org)),
            (scorers, "Brackley Rovers", 0, Some(Org)),
            // not rows of teams: numbers that do not add up, no sport, a line of prose
            ("SOCCER - LEAGUE STANDINGS\nThe league matches:\nOtterburn 5 9 1 1 9 4 10\n", "Otterburn", 0, None),
            ("Election results by district, votes in thousands:\nOtterburn 2 Kelso Athletic 1\n", "Otterburn", 0, None),
            ("GOLF - SCORES\nLeading scores in the golf tournament, the season's last match:\nAbel Brackley 69 70 71 210\n", "Abel Brackley", 0, Some(EntityKind::Person)),
            ("SOCCER - RESULT\nLeague soccer match report:\nHalftime 1-0 .\n", "Halftime", 0, None),
        ];
        for &(text, form, nth, want) in table {
            assert_eq!(
                org_mention(&ex, text, form, nth),
                want,
                "{form:?} #{nth} in {text:?}"
            );
        }
    }

    #[test]
    fn team_and_city_of_one_name_stay_apart() {
        let ex = Extractor::new().unwrap();
        let text = "Chicago 5 Houston 3\nThe baseball team flew home to Chicago from the \
                    stadium on Monday, the coach said.";
        let (team, team_id) = kind_of(&ex, text, "Chicago", 0);
        let (city, city_id) = kind_of(&ex, text, "Chicago", 1);
        assert_eq!(team, EntityKind::Organization);
        assert_eq!(team_id, "org:chicago");
        assert_eq!(city, EntityKind::Location);
        assert_ne!(team_id, city_id);
        let doc = ex.extract(text);
        let t = doc.entities.iter().find(|e| e.id == team_id).unwrap();
        assert_eq!(t.name, "Chicago");
        assert!(t.mentions.iter().all(|m| m.rule == "team"));
    }
}
