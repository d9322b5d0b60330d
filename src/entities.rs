//! Entity extraction: lexicon matches plus rules for names no lexicon knows, overlap
//! resolution, short forms within the article, and assembly into [`Entity`] records.
//!
//! Each rule is a small function over the non-space tokens of the text that proposes
//! candidates; [`resolve`] keeps the longest, then the earliest, then the most trusted.

use crate::lexicon::LexiconEntry;
use crate::matcher::LexMatch;
use crate::record::{Entity, EntityKind, Mention, Source};
use crate::span::Span;
use crate::support::{
    Support, CONNECTOR, CUE, GIVEN, NON_NAME, ORG_HEAD, ORG_HEADS, SUFFIX, SURNAME, TITLE,
};
use crate::tokenizer::{Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Which entity a candidate mention belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    /// A lexicon entry, by index.
    Entry(u32),
    /// A name a rule found, by kind and normalized name.
    New(EntityKind, String),
}

/// A proposed mention.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub span: Span,
    pub kind: EntityKind,
    pub key: Key,
    pub rule: &'static str,
    /// Lower is more trusted, for ties of length and position.
    pub prio: u8,
}

/// Legal forms that may be stripped to find the lexicon entity a longer name stands for.
const LEGAL_FORMS: &[&str] = &[
    "Co",
    "Corp",
    "Corporation",
    "Company",
    "Inc",
    "Incorporated",
    "Ltd",
    "Limited",
    "LLC",
    "PLC",
    "Plc",
    "plc",
    "AG",
    "SA",
    "NV",
    "GmbH",
    "Group",
    "Holding",
    "Holdings",
];

/// The tokens the rules look at: non-space tokens, and whether a line break comes before.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub w: Vec<Token>,
    pub brk: Vec<bool>,
    /// Support-list flags of each word ([`Support::flags`]).
    pub fl: Vec<u16>,
}

impl<'a> View<'a> {
    pub fn new(text: &'a str, tokens: &[Token], sup: &Support) -> View<'a> {
        let n = tokens.len() / 2 + 1;
        let (mut w, mut brk, mut fl) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut pending = true;
        for t in tokens {
            let f = match t.kind {
                TokenKind::LineBreak => {
                    pending = true;
                    continue;
                }
                TokenKind::Space => continue,
                TokenKind::Word => {
                    let s = t.text(text);
                    sup.flags(s) | shape(s)
                }
                TokenKind::Symbol => sup.flags(t.text(text)),
                _ => 0,
            };
            w.push(*t);
            brk.push(pending);
            fl.push(f);
            pending = false;
        }
        View { text, w, brk, fl }
    }

    /// Whether word `k` has any of `flags`.
    #[inline]
    pub fn has(&self, k: usize, flags: u16) -> bool {
        self.fl.get(k).is_some_and(|f| f & flags != 0)
    }

    #[inline]
    pub fn s(&self, k: usize) -> &'a str {
        self.w.get(k).map_or("", |t| t.text(self.text))
    }

    /// A capitalized word ("Huawei", "SIASUN", "iPhone" is not).
    #[inline]
    pub fn cap(&self, k: usize) -> bool {
        self.has(k, CAP)
    }

    /// Whether token `k` directly follows token `k - 1` on the same line.
    #[inline]
    pub fn joined(&self, k: usize) -> bool {
        k < self.w.len() && !self.brk[k]
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.w[a].start, self.w[b].end)
    }
}

/// Shape flags of a word: capitalized, an acronym (two or more capitals, no lower case),
/// holding a digit.
const CAP: u16 = 1 << 12;
const ACRONYM: u16 = 1 << 13;
const DIGIT: u16 = 1 << 14;

fn shape(s: &str) -> u16 {
    let b = s.as_bytes();
    let Some(&first) = b.first() else { return 0 };
    let (mut lower, mut digit, mut high) = (false, false, 0u8);
    for &c in b {
        lower |= c.is_ascii_lowercase();
        digit |= c.is_ascii_digit();
        high |= c;
    }
    if high >= 0x80 {
        let mut f = 0;
        if s.chars().next().is_some_and(char::is_uppercase) {
            f |= CAP;
            if s.len() > 1 && all_caps(s) {
                f |= ACRONYM;
            }
        }
        if digit {
            f |= DIGIT;
        }
        return f;
    }
    let mut f = 0;
    if first.is_ascii_uppercase() {
        f |= CAP;
        if b.len() > 1 && !lower {
            f |= ACRONYM;
        }
    }
    if digit {
        f |= DIGIT;
    }
    f
}

fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// A key for a name: lower case, single spaces, no possessive.
pub(crate) fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

pub(crate) struct Rules<'a> {
    pub v: &'a View<'a>,
    pub sup: &'a Support,
    /// For each token of the view, the kind of the longest lexicon match covering it.
    pub lex_kind: Vec<Option<EntityKind>>,
}

impl<'a> Rules<'a> {
    pub fn new(v: &'a View<'a>, sup: &'a Support, lex: &[Cand]) -> Rules<'a> {
        let mut lex_kind: Vec<Option<EntityKind>> = vec![None; v.w.len()];
        let mut lens = vec![0usize; v.w.len()];
        // Lexicon candidates are sorted by start: walk tokens alongside.
        for c in lex {
            let a = v.w.partition_point(|t| t.start < c.span.start);
            let mut k = a;
            while k < v.w.len() && v.w[k].end <= c.span.end {
                if c.span.len() > lens[k] {
                    lens[k] = c.span.len();
                    lex_kind[k] = Some(c.kind);
                }
                k += 1;
            }
        }
        Rules { v, sup, lex_kind }
    }

    /// A capitalized word that can be part of a name.
    fn name_word(&self, k: usize) -> bool {
        let v = self.v;
        if !v.cap(k) {
            return false;
        }
        !v.has(k, NON_NAME | TITLE | DIGIT)
    }

    /// A word that can be part of a person's name: a name word, not an organization suffix,
    /// not an acronym, not a lone initial, not part of a lexicon organization, technology or
    /// location. (Initials followed by a period join a name through [`Rules::person_run`].)
    fn person_word(&self, k: usize) -> bool {
        self.name_word(k)
            && !self.v.has(k, SUFFIX | ACRONYM)
            && self.v.s(k).len() > 1
            && matches!(self.lex_kind[k], None | Some(EntityKind::Person))
    }

    fn is_initial(&self, k: usize) -> bool {
        let s = self.v.s(k);
        s.len() == 1 && self.v.cap(k) && self.v.s(k + 1) == "." && self.v.joined(k + 1)
    }

    fn person(&self, mut a: usize, b: usize, rule: &'static str, out: &mut Vec<Cand>) {
        // "Commerce Tang Weiguo" (after "Minister of"): a name starts at a given name or a
        // surname when the words before it are neither.
        if let Some(n) = (a..b).find(|&k| self.v.has(k, GIVEN | SURNAME)) {
            if n > a && (a..n).all(|k| !self.v.has(k, GIVEN | SURNAME)) {
                a = n;
            }
        }
        let span = self.v.span(a, b);
        let name = &self.v.text[span.range()];
        out.push(Cand {
            span,
            kind: EntityKind::Person,
            key: Key::New(EntityKind::Person, name_key(name)),
            rule,
            prio: 3,
        });
    }

    /// Extends a run of person words from `a`: up to `max` words, with middle initials.
    fn person_run(&self, a: usize, max: usize) -> Option<usize> {
        if !self.person_word(a) {
            return None;
        }
        let mut b = a;
        let mut n = 1;
        while n < max {
            let k = b + 1;
            if self.v.joined(k)
                && self.is_initial(k)
                && self.person_word(k + 2)
                && self.v.joined(k + 2)
            {
                b = k + 2;
                n += 1;
                continue;
            }
            if self.v.joined(k) && self.person_word(k) {
                b = k;
                n += 1;
                continue;
            }
            break;
        }
        Some(b)
    }

    /// `Mr Gates`, `President Xi Jinping`, `chief executive Anna Berg`.
    pub fn titled_people(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut k = 0;
        while k < v.w.len() {
            if v.w[k].kind != TokenKind::Word || !v.has(k, TITLE) {
                k += 1;
                continue;
            }
            // the whole title: "Vice Premier", "chief executive"
            let mut e = k;
            while v.joined(e + 1) && v.w[e + 1].kind == TokenKind::Word && v.has(e + 1, TITLE) {
                e += 1;
            }
            let mut a = e + 1;
            if v.s(a) == "." && v.joined(a) {
                a += 1;
            }
            if v.joined(a) && v.cap(a) {
                if let Some(b) = self.person_run(a, 3) {
                    // A single all-title capitalized run before an org suffix is an org.
                    if !v.has(b + 1, SUFFIX) || !v.cap(b + 1) {
                        self.person(a, b, "title", out);
                    }
                    k = b + 1;
                    continue;
                }
            }
            k = e + 1;
        }
    }

    /// `Yu Xubo, Chairman of ...`, `Anna Berg, an analyst at ...`.
    pub fn appositions(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for a in 0..v.w.len() {
            if !self.person_word(a) || (a > 0 && v.joined(a) && self.name_word(a - 1)) {
                continue;
            }
            let Some(b) = self.person_run(a, 3) else {
                continue;
            };
            if v.s(b + 1) != "," {
                continue;
            }
            let mut t = b + 2;
            if matches!(v.s(t), "a" | "an" | "the" | "its" | "his" | "her") {
                t += 1;
            }
            let single = a == b;
            if single && !v.has(a, SURNAME) {
                continue;
            }
            if v.w.get(t).is_some_and(|x| x.kind == TokenKind::Word) && v.has(t, TITLE) {
                self.person(a, b, "apposition", out);
            }
        }
    }

    /// `a staff member surnamed Jin`.
    pub fn surnamed(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for k in 0..v.w.len() {
            if matches!(v.s(k), "surnamed" | "surname" | "named")
                && v.joined(k + 1)
                && self.person_word(k + 1)
            {
                self.person(k + 1, k + 1, "surnamed", out);
            }
        }
    }

    /// `said Li Jun`, `Anna Berg said`.
    pub fn cue_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for k in 0..v.w.len() {
            if !v.has(k, CUE) {
                continue;
            }
            // after: "said Li Jun,"
            if let Some(b) = self.person_run(k + 1, 3) {
                if b > k + 1 && v.joined(k + 1) {
                    self.person(k + 1, b, "cue", out);
                }
            }
            // before: "Li Jun said"
            if k >= 2 {
                let b = k - 1;
                let mut a = b;
                while a > 0 && b - a < 2 && v.joined(a) && self.person_word(a - 1) {
                    a -= 1;
                }
                // "Perkins Engines said": a plural last word is an organization's, unless a
                // given name shows a person ("Tom Jones said").
                let plural_tail = !v.has(a, GIVEN | SURNAME) && v.s(b).ends_with('s');
                if a < b
                    && self.person_word(b)
                    && self.person_word(a)
                    && !plural_tail
                    && !self.sentence_initial_common(a)
                {
                    self.person(a, b, "cue", out);
                }
            }
        }
    }

    fn sentence_initial_common(&self, a: usize) -> bool {
        let initial =
            a == 0 || matches!(self.v.s(a - 1), "." | "!" | "?" | "\"" | "“") || self.v.brk[a];
        initial && !self.v.has(a, GIVEN | SURNAME)
    }

    /// Chinese names in pinyin: a surname and a given name made of syllables ("Shi Yixuan").
    pub fn pinyin_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for k in 0..v.w.len().saturating_sub(1) {
            let sur = v.s(k);
            if !v.has(k, SURNAME) || !v.cap(k) || all_caps(sur) || !v.joined(k + 1) {
                continue;
            }
            let given = v.s(k + 1);
            if !v.cap(k + 1) || all_caps(given) || !self.person_word(k + 1) {
                continue;
            }
            if !matches!(self.lex_kind[k], None | Some(EntityKind::Person)) {
                continue;
            }
            if !self.sup.is_pinyin_given(given) {
                continue;
            }
            // English words that are also surnames need a longer given name.
            if matches!(
                sur,
                "He" | "An"
                    | "So"
                    | "Mo"
                    | "Long"
                    | "Sun"
                    | "Fan"
                    | "Man"
                    | "Pan"
                    | "Song"
                    | "Hang"
                    | "Bo"
            ) && given.len() < 4
            {
                continue;
            }
            // Not when a third capitalized word follows: "Hong Kong Disneyland".
            if v.joined(k + 2) && self.name_word(k + 2) && !v.has(k + 2, SUFFIX) {
                continue;
            }
            self.person(k, k + 1, "pinyin", out);
        }
    }

    /// Western names: a known given name and one or two capitalized words ("Bill Gates",
    /// "George W. Bush").
    pub fn given_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let mut k = 0;
        while k < v.w.len() {
            if !v.has(k, GIVEN)
                || !self.person_word(k)
                || (k > 0
                    && v.joined(k)
                    && self.name_word(k - 1)
                    && !v.has(k - 1, TITLE)
                    && v.s(k - 1) != "the")
            {
                k += 1;
                continue;
            }
            match self.person_run(k, 3) {
                Some(b) if b > k => {
                    // Not when the run goes on into an organization ("Morgan Stanley Bank").
                    if !(v.joined(b + 1) && v.has(b + 1, SUFFIX) && v.cap(b + 1)) {
                        self.person(k, b, "given-name", out);
                    }
                    k = b + 1;
                }
                _ => k += 1,
            }
        }
    }

    /// Capitalized runs ending in an organization word ("SIASUN Robot and Automation Co",
    /// "Ministry of Commerce", "China General Technology (Group) Holding Co").
    pub fn org_names(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        let n = v.w.len();
        let mut k = 0;
        while k < n {
            if !v.cap(k) {
                k += 1;
                continue;
            }
            // the maximal run
            let a0 = k;
            let mut b = k;
            loop {
                let j = b + 1;
                if v.joined(j) && v.cap(j) {
                    b = j;
                } else if v.joined(j) && v.has(j, CONNECTOR) && v.joined(j + 1) && v.cap(j + 1) {
                    b = j + 1;
                } else if v.s(j) == "of" && v.s(j + 1) == "the" && v.cap(j + 2) && v.joined(j + 2) {
                    b = j + 2;
                } else if v.s(j) == "("
                    && v.cap(j + 1)
                    && v.s(j + 2) == ")"
                    && v.cap(j + 3)
                    && v.has(j + 1, SUFFIX)
                {
                    b = j + 3;
                } else {
                    break;
                }
            }
            k = b + 1;
            self.org_in_run(a0, b, out);
        }
    }

    fn org_in_run(&self, a0: usize, b0: usize, out: &mut Vec<Cand>) {
        let v = self.v;
        // strip leading words that are not part of a name
        let mut a = a0;
        while a <= b0 {
            let s = v.s(a);
            let lower_conn = v.has(a, CONNECTOR) || s == "the";
            // "State-owned", "Wholly-owned", "Shenzhen-based": a compound adjective
            let adjective = s
                .split_once('-')
                .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_lowercase()));
            if lower_conn
                || adjective
                || (v.has(a, NON_NAME) && !v.has(a, ORG_HEAD))
                || (v.has(a, TITLE) && !v.has(a, SUFFIX))
            {
                a += 1;
            } else {
                break;
            }
        }
        if a > b0 {
            return;
        }
        // cut at a title or a given name after the start ("Acme Corp Chairman John Smith")
        let mut b = b0;
        for k in a + 1..=b0 {
            let s = v.s(k);
            let title_before_name = v.has(k, TITLE) && !v.has(k, SUFFIX) && v.cap(k) && {
                let mut j = k + 1;
                while j <= b0 && v.has(j, TITLE) {
                    j += 1;
                }
                v.has(j, GIVEN) || v.has(j, SURNAME)
            };
            if title_before_name || s == "(" && k > a + 1 && !v.has(k + 1, SUFFIX) {
                b = k - 1;
                break;
            }
        }
        while b > a && (v.has(b, CONNECTOR) || v.s(b) == "(" || v.s(b) == "the") {
            b -= 1;
        }
        // the last suffix with a real name word before it
        let mut end = None;
        for k in (a + 1..=b).rev() {
            if v.has(k, SUFFIX) && v.cap(k) {
                let has_name = (a..k).any(|j| v.cap(j) && !v.has(j, SUFFIX) && !v.has(j, NON_NAME));
                if has_name {
                    end = Some(k);
                    break;
                }
            }
        }
        // "Ministry of Commerce", "University of Oxford"
        if end.is_none() {
            if let Some(o) = (a + 1..b).find(|&o| v.s(o) == "of" && v.has(o - 1, ORG_HEAD)) {
                let mut e = o + 1;
                if v.s(e) == "the" {
                    e += 1;
                }
                let mut last = None;
                while e <= b && (v.cap(e) || v.has(e, CONNECTOR)) {
                    if v.cap(e) && (v.has(e, GIVEN) && e > o + 1) {
                        break;
                    }
                    if v.cap(e) {
                        last = Some(e);
                    }
                    e += 1;
                }
                end = last;
            }
        }
        let Some(e) = end else { return };
        if e == a {
            return;
        }
        let span = v.span(a, e);
        let name = &v.text[span.range()];
        out.push(Cand {
            span,
            kind: EntityKind::Organization,
            key: Key::New(EntityKind::Organization, name_key(name)),
            rule: "org-suffix",
            prio: 2,
        });
    }

    /// `Foo Bar Council (FBC)`: a capitalized run whose initials spell the acronym in
    /// brackets after it is an organization.
    pub fn acronym_definitions(&self, out: &mut Vec<Cand>) {
        let v = self.v;
        for k in 1..v.w.len() {
            if v.s(k) != "(" || v.s(k + 2) != ")" {
                continue;
            }
            let acr = v.s(k + 1);
            if !(2..=8).contains(&acr.len())
                || !all_caps(acr)
                || !acr.chars().all(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let letters: Vec<char> = acr.chars().filter(char::is_ascii_alphabetic).collect();
            // walk back over capitalized words and connectors
            let mut initials: Vec<char> = Vec::new();
            let mut a = k;
            while a > 0 && initials.len() < letters.len() + 2 {
                let j = a - 1;
                let s = v.s(j);
                if v.cap(j) && (!v.brk[j + 1] || j + 1 == k) {
                    initials.insert(0, s.chars().next().unwrap_or(' ').to_ascii_uppercase());
                    a = j;
                } else if v.has(j, CONNECTOR) {
                    a = j;
                } else {
                    break;
                }
                if initials.len() == letters.len() && initials == letters {
                    if self.lex_kind[a].is_some() && self.lex_kind[k - 1].is_some() && a + 1 == k {
                        break;
                    }
                    let span = v.span(a, k - 1);
                    let name = &v.text[span.range()];
                    out.push(Cand {
                        span,
                        kind: EntityKind::Organization,
                        key: Key::New(EntityKind::Organization, name_key(name)),
                        rule: "acronym-definition",
                        prio: 1,
                    });
                    break;
                }
            }
        }
    }
}

/// Keeps non-overlapping candidates: longest first, then earliest, then most trusted.
pub(crate) fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|x, y| {
        y.span
            .len()
            .cmp(&x.span.len())
            .then(x.span.start.cmp(&y.span.start))
            .then(x.prio.cmp(&y.prio))
    });
    let mut taken: Vec<Span> = Vec::new(); // kept sorted by start
    let mut out = Vec::new();
    for c in cands {
        let i = taken.partition_point(|s| s.start < c.span.start);
        let clash = (i > 0 && taken[i - 1].overlaps(c.span))
            || (i < taken.len() && taken[i].overlaps(c.span));
        if !clash {
            taken.insert(i, c.span);
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// Lexicon matches as candidates.
pub(crate) fn lexicon_cands(matches: &[LexMatch], entries: &[LexiconEntry]) -> Vec<Cand> {
    let mut out: Vec<Cand> = matches
        .iter()
        .map(|m| Cand {
            span: m.span,
            kind: entries[m.entry as usize].kind,
            key: Key::Entry(m.entry),
            rule: "lexicon",
            prio: 0,
        })
        .collect();
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// After resolution: acronyms and short names defined in brackets, model names after a
/// product maker ("Kylinsoft V10"), lexicon entities behind longer legal names, surnames,
/// and short forms of organizations, matched again over the whole article.
pub(crate) fn short_forms(
    v: &View,
    sup: &Support,
    entries: &[LexiconEntry],
    lex_forms: &HashMap<String, u32>,
    mut sel: Vec<Cand>,
) -> Vec<Cand> {
    let text = v.text;
    let tok_at = |pos: usize| v.w.partition_point(|t| t.start < pos);
    // legal-name wrappers around a lexicon organization
    for c in sel.iter_mut() {
        if let Key::New(EntityKind::Organization, name) = &c.key {
            let mut words: Vec<&str> = name.split(' ').collect();
            while words.len() > 1
                && LEGAL_FORMS
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(words[words.len() - 1].trim_end_matches('.')))
            {
                words.pop();
                if let Some(&e) = lex_forms.get(&words.join(" ")) {
                    if entries[e as usize].kind == EntityKind::Organization {
                        c.key = Key::Entry(e);
                        break;
                    }
                }
            }
        }
    }
    // model names: "Kylinsoft V10", "Huawei P40"
    let mut i = 0;
    while i < sel.len() {
        let c = &sel[i];
        if matches!(c.kind, EntityKind::Organization | EntityKind::Technology) {
            let k = tok_at(c.span.end);
            if k < v.w.len()
                && v.joined(k)
                && v.w[k].start > c.span.end
                && is_model_code(v.s(k))
                && sel.get(i + 1).is_none_or(|n| n.span.start >= v.w[k].end)
            {
                let span = Span::new(c.span.start, v.w[k].end);
                let name = &text[span.range()];
                sel[i] = Cand {
                    span,
                    kind: EntityKind::Technology,
                    key: Key::New(EntityKind::Technology, name_key(name)),
                    rule: "model-name",
                    prio: 2,
                };
            }
        }
        i += 1;
    }
    // aliases defined in brackets: "China Electronics Corp (CEC)", "Dawning ... Co (Sugon)"
    let mut aliases: HashMap<String, Key> = HashMap::default();
    let mut alias_kind: HashMap<Key, EntityKind> = HashMap::default();
    let mut extra: Vec<Cand> = Vec::new();
    let mut drop: Vec<usize> = Vec::new();
    let mut remap: HashMap<Key, Key> = HashMap::default();
    for c in sel.iter() {
        alias_kind.insert(c.key.clone(), c.kind);
        let k = tok_at(c.span.end);
        if v.s(k) != "(" || v.s(k + 2) != ")" || v.w[k].start < c.span.end {
            continue;
        }
        let a = v.s(k + 1);
        let ok_form = v.cap(k + 1)
            && a.chars().count() >= 2
            && !sup.non_names.contains(a)
            && (all_caps(a) || c.kind == EntityKind::Organization);
        if !ok_form || c.kind == EntityKind::Person {
            continue;
        }
        let span = v.w[k + 1].span();
        // the bracketed form wins over whatever else was found there
        if let Some(j) = sel.iter().position(|x| x.span == span) {
            drop.push(j);
        }
        // A new name whose bracketed acronym the lexicon knows, for the same kind of entity,
        // is that entity under a longer name: "China Electronics Technology Group Corp (CETC)".
        let mut key = c.key.clone();
        if matches!(key, Key::New(..)) {
            if let Some(&e) = lex_forms.get(&a.to_lowercase()) {
                if entries[e as usize].kind == c.kind {
                    remap.insert(key.clone(), Key::Entry(e));
                    key = Key::Entry(e);
                    alias_kind.insert(key.clone(), c.kind);
                }
            }
        }
        aliases.entry(a.to_string()).or_insert_with(|| key.clone());
        extra.push(Cand {
            span,
            kind: c.kind,
            key,
            rule: "bracket-alias",
            prio: 1,
        });
    }
    for c in sel.iter_mut() {
        if let Some(k) = remap.get(&c.key) {
            c.key = k.clone();
        }
    }
    drop.sort_unstable();
    drop.dedup();
    for j in drop.into_iter().rev() {
        sel.remove(j);
    }
    sel.extend(extra);
    sel.sort_by_key(|c| (c.span.start, c.span.end));

    // surnames of people named in full; first words of organizations a rule found
    let mut surnames: Vec<(String, usize, Key)> = Vec::new(); // (surname, position, person)
    let mut heads: HashMap<String, Option<Key>> = HashMap::default();
    for c in &sel {
        let s = &text[c.span.range()];
        let words: Vec<&str> = s.split_whitespace().collect();
        match (&c.kind, &c.key) {
            (EntityKind::Person, _) if words.len() >= 2 => {
                let pinyin = words.len() == 2
                    && sup.surnames.contains(words[0])
                    && sup.is_pinyin_given(words[1]);
                let sur = if pinyin {
                    words[0]
                } else {
                    words[words.len() - 1]
                };
                surnames.push((sur.to_string(), c.span.start, c.key.clone()));
            }
            (EntityKind::Organization, key) if words.len() >= 2 => {
                let first = words[0];
                if matches!(key, Key::New(..))
                    && v.cap(tok_at(c.span.start))
                    && first.len() >= 3
                    && !sup.non_names.contains(first)
                    && !sup.org_suffixes.contains(first)
                    && !lex_forms.contains_key(&first.to_lowercase())
                    && first.chars().all(char::is_alphabetic)
                {
                    aliases
                        .entry(first.to_string())
                        .or_insert_with(|| c.key.clone());
                }
                let last = words[words.len() - 1];
                if ORG_HEADS.contains(&last) {
                    let e = heads
                        .entry(last.to_string())
                        .or_insert_with(|| Some(c.key.clone()));
                    if e.as_ref() != Some(&c.key) {
                        *e = None; // two organizations share the head word: ambiguous
                    }
                }
            }
            _ => {}
        }
    }
    // single-word people who are someone's surname become that person
    for c in sel.iter_mut() {
        if c.kind != EntityKind::Person || text[c.span.range()].contains(' ') {
            continue;
        }
        let s = &text[c.span.range()];
        if let Some(key) = nearest_person(&surnames, s, c.span.start) {
            c.key = key;
        }
    }
    // find the short forms again over the article
    let mut covered = vec![false; v.w.len()];
    for c in &sel {
        let mut k = tok_at(c.span.start);
        while k < v.w.len() && v.w[k].end <= c.span.end {
            covered[k] = true;
            k += 1;
        }
    }
    // "the Congress" after "World Intelligence Congress": the article's own organization
    // wins over a lexicon entity of the same one-word name.
    for c in sel.iter_mut() {
        if !matches!(c.key, Key::Entry(_)) || c.kind != EntityKind::Organization {
            continue;
        }
        let k = tok_at(c.span.start);
        if k > 0 && v.w[k].end == c.span.end && v.s(k - 1).eq_ignore_ascii_case("the") {
            if let Some(Some(key)) = heads.get(v.s(k)) {
                c.key = key.clone();
                c.rule = "head-noun";
            }
        }
    }
    let mut more = Vec::new();
    for k in 0..v.w.len() {
        if covered[k] || v.w[k].kind != TokenKind::Word || !v.cap(k) {
            continue;
        }
        let s = v.s(k);
        // not the start of a longer name ("Li Keqiang" when "Li" is Li Jun's surname)
        let longer = v.joined(k + 1) && v.cap(k + 1) && !v.has(k + 1, NON_NAME) && !covered[k + 1];
        if let Some(key) = nearest_person(&surnames, s, v.w[k].start) {
            if !longer {
                more.push(Cand {
                    span: v.w[k].span(),
                    kind: EntityKind::Person,
                    key,
                    rule: "surname",
                    prio: 3,
                });
            }
            continue;
        }
        if let Some(key) = aliases.get(s) {
            if !longer || all_caps(s) {
                let kind = alias_kind
                    .get(key)
                    .copied()
                    .unwrap_or(EntityKind::Organization);
                more.push(Cand {
                    span: v.w[k].span(),
                    kind,
                    key: key.clone(),
                    rule: "short-form",
                    prio: 3,
                });
            }
            continue;
        }
        if let Some(Some(key)) = heads.get(s) {
            if k > 0 && v.s(k - 1).eq_ignore_ascii_case("the") && !longer {
                more.push(Cand {
                    span: v.w[k].span(),
                    kind: EntityKind::Organization,
                    key: key.clone(),
                    rule: "head-noun",
                    prio: 3,
                });
            }
        }
    }
    sel.extend(more);
    sel.sort_by_key(|c| (c.span.start, c.span.end));
    sel
}

fn nearest_person(surnames: &[(String, usize, Key)], s: &str, pos: usize) -> Option<Key> {
    let mut best: Option<(&Key, bool, usize)> = None; // (key, before, distance)
    for (sur, p, key) in surnames {
        if sur != s {
            continue;
        }
        let before = *p <= pos;
        let dist = p.abs_diff(pos);
        let better = match best {
            None => true,
            Some((_, b, d)) => (before && !b) || (before == b && dist < d),
        };
        if better {
            best = Some((key, before, dist));
        }
    }
    best.map(|(k, _, _)| k.clone())
}

fn is_model_code(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = b[letters..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=2).contains(&letters) && (1..=4).contains(&digits) && b.len() - letters - digits <= 1
}

/// Groups mentions into entities, with names, aliases and provenance.
pub(crate) fn assemble(text: &str, entries: &[LexiconEntry], sel: Vec<Cand>) -> Vec<Entity> {
    let mut groups: BTreeMap<Key, Vec<Cand>> = BTreeMap::new();
    for c in sel {
        groups.entry(c.key.clone()).or_default().push(c);
    }
    let mut out: Vec<Entity> = Vec::with_capacity(groups.len());
    let mut used_ids: HashMap<String, usize> = HashMap::default();
    for (key, mut cands) in groups {
        cands.sort_by_key(|c| (c.span.start, c.span.end));
        cands.dedup_by_key(|c| c.span);
        let kind = cands
            .iter()
            .map(|c| c.kind)
            .max_by_key(|k| cands.iter().filter(|c| c.kind == *k).count())
            .unwrap_or(EntityKind::Organization);
        let mentions: Vec<Mention> = cands
            .iter()
            .map(|c| Mention {
                start: c.span.start,
                end: c.span.end,
                text: text[c.span.range()].to_string(),
                rule: c.rule.to_string(),
            })
            .collect();
        // the fullest form: most words, then longest, then first; of forms that differ only
        // in case, the one not in capitals ("China" over a headline's "CHINA")
        let mut forms: Vec<&str> = Vec::new();
        for m in &mentions {
            match forms.iter().position(|f| f.eq_ignore_ascii_case(&m.text)) {
                None => forms.push(&m.text),
                Some(i) if all_caps(forms[i]) && !all_caps(&m.text) => forms[i] = &m.text,
                Some(_) => {}
            }
        }
        let name = forms
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| {
                a.split_whitespace()
                    .count()
                    .cmp(&b.split_whitespace().count())
                    .then(a.len().cmp(&b.len()))
                    .then(j.cmp(i))
            })
            .map(|(_, f)| *f)
            .unwrap_or("")
            .to_string();
        let mut aliases: Vec<String> = forms
            .iter()
            .filter(|f| **f != name)
            .map(|f| f.to_string())
            .collect();
        aliases.sort();
        let (base_id, source) = match &key {
            Key::Entry(e) => {
                let e = &entries[*e as usize];
                (
                    e.id.clone(),
                    Source::Lexicon {
                        entry: e.id.clone(),
                        file: e.file.to_string(),
                        line: e.line,
                    },
                )
            }
            Key::New(k, n) => (
                format!("{}:{}", k.prefix(), slug(n)),
                Source::Rule {
                    rule: cands[0].rule.to_string(),
                },
            ),
        };
        let n = used_ids.entry(base_id.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 {
            base_id
        } else {
            format!("{base_id}-{n}")
        };
        out.push(Entity {
            id,
            kind,
            name,
            aliases,
            mentions,
            source,
        });
    }
    out.sort_by_key(|e| (e.mentions[0].start, e.mentions[0].end));
    out
}

fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
