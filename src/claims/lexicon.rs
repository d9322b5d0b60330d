//! The reporting verbs and speaker nouns, compiled once from `lexicons/claims/*.tsv`.

use std::collections::HashMap;

const CUES: &str = include_str!("../../lexicons/claims/cues.tsv");
const SOURCES: &str = include_str!("../../lexicons/claims/sources.tsv");

/// How a reporting verb may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// Any pattern: before, after or around its content.
    Say,
    /// Like `Say`, and takes an addressee (`told the BBC`).
    Tell,
    /// Belief: `X believes CLAUSE`, `CLAUSE, X believes`.
    Think,
    /// Findings of studies: `X found CLAUSE`.
    Find,
    /// Needs `that` or a clause after it.
    Weak,
    /// `according to X`.
    According,
}

/// One form of a reporting verb.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    pub kind: CueKind,
    /// An `-ing` form (`saying`, `adding`).
    pub gerund: bool,
}

/// Speaker nouns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Noun {
    Spokes,
    OrgRole,
    PersonRole,
    Document,
    Quantity,
}

#[derive(Debug)]
pub(crate) struct ClaimLexicon {
    cues: HashMap<String, Cue>,
    nouns: HashMap<String, Noun>,
    /// For each first byte, a bit per word length (1..=31) that some cue has: a cheap filter
    /// before the hash lookup.
    filter: [u32; 256],
}

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

impl ClaimLexicon {
    pub(crate) fn builtin() -> ClaimLexicon {
        let mut cues = HashMap::new();
        let mut filter = [0u32; 256];
        for r in rows(CUES) {
            if r.len() < 3 {
                continue;
            }
            let kind = match r[2] {
                "say" => CueKind::Say,
                "tell" => CueKind::Tell,
                "think" => CueKind::Think,
                "find" => CueKind::Find,
                "according" => CueKind::According,
                _ => CueKind::Weak,
            };
            let form = r[0].to_lowercase();
            if form.is_empty() || form.len() > 31 {
                continue;
            }
            filter[form.as_bytes()[0] as usize] |= 1 << form.len();
            let gerund = form.ends_with("ing") && kind != CueKind::According;
            cues.entry(form).or_insert(Cue { kind, gerund });
        }
        let mut nouns = HashMap::new();
        for r in rows(SOURCES) {
            if r.len() < 2 {
                continue;
            }
            let class = match r[1] {
                "spokes" => Noun::Spokes,
                "orgrole" => Noun::OrgRole,
                "personrole" => Noun::PersonRole,
                "document" => Noun::Document,
                _ => Noun::Quantity,
            };
            nouns.entry(r[0].to_lowercase()).or_insert(class);
        }
        ClaimLexicon {
            cues,
            nouns,
            filter,
        }
    }

    /// The cue a word is, if any (case-insensitive; no allocation).
    #[inline]
    pub(crate) fn cue(&self, word: &str) -> Option<Cue> {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > 31 {
            return None;
        }
        let first = b[0].to_ascii_lowercase();
        if self.filter[first as usize] & (1 << b.len()) == 0 {
            return None;
        }
        if b.iter().any(|c| c.is_ascii_uppercase()) {
            let mut buf = [0u8; 32];
            for (i, c) in b.iter().enumerate() {
                buf[i] = c.to_ascii_lowercase();
            }
            let s = std::str::from_utf8(&buf[..b.len()]).ok()?;
            self.cues.get(s).copied()
        } else {
            self.cues.get(word).copied()
        }
    }

    /// The class of a speaker noun (singular or plural, case-insensitive).
    pub(crate) fn noun(&self, word: &str) -> Option<Noun> {
        if word.len() > 31 {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        if let Some(n) = self.nouns.get(&lower) {
            return Some(*n);
        }
        let stem = lower.strip_suffix('s')?;
        self.nouns.get(stem).copied()
    }
}
