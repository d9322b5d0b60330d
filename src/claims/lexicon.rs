//! The reporting verbs and speaker nouns, compiled once from `lexicons/claims/*.tsv`.

/// Word tables use Fx hashing: short keys, looked up once or more per token.
type WordMap<V> = rustc_hash::FxHashMap<String, V>;

/// The filter slot of a word by its first and last bytes (lower-cased).
#[inline]
fn filter_slot(first: u8, last: u8) -> usize {
    (usize::from(first).wrapping_mul(31) ^ usize::from(last)) & 255
}

/// Lower-cases a short ASCII-ish word into `buf`; `None` when it is too long.
#[inline]
fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > 32 {
        return None;
    }
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

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
    cues: WordMap<Cue>,
    nouns: WordMap<Noun>,
    classes: WordMap<u16>,
    /// For each slot of (first byte, last byte), a bit per word length (1..=31) that some cue
    /// has: a cheap filter before the hash lookup.
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
        let mut cues = WordMap::default();
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
            let fb = form.as_bytes();
            filter[filter_slot(fb[0], fb[fb.len() - 1])] |= 1 << form.len();
            let gerund = form.ends_with("ing") && kind != CueKind::According;
            cues.entry(form).or_insert(Cue { kind, gerund });
        }
        let mut nouns = WordMap::default();
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
        let mut classes: WordMap<u16> = WordMap::default();
        for (list, flag) in super::scan::CLASS_LISTS {
            for w in *list {
                *classes.entry(w.to_lowercase()).or_insert(0) |= flag;
            }
        }
        ClaimLexicon {
            cues,
            nouns,
            classes,
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
        let slot = filter_slot(
            b[0].to_ascii_lowercase(),
            b[b.len() - 1].to_ascii_lowercase(),
        );
        if self.filter[slot] & (1 << b.len()) == 0 {
            return None;
        }
        if b.iter().any(|c| c.is_ascii_uppercase()) {
            let mut buf = [0u8; 32];
            let s = lower(word, &mut buf)?;
            self.cues.get(s).copied()
        } else {
            self.cues.get(word).copied()
        }
    }

    /// The word classes (`scan::C_*` flags) of a word, case-insensitive.
    #[inline]
    pub(crate) fn class(&self, word: &str) -> u16 {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > 16 || !b[0].is_ascii_alphabetic() {
            return 0;
        }
        let mut buf = [0u8; 32];
        match lower(word, &mut buf) {
            Some(w) => self.classes.get(w).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// The class of a speaker noun (singular or plural, case-insensitive).
    pub(crate) fn noun(&self, word: &str) -> Option<Noun> {
        if word.len() > 31 {
            return None;
        }
        let mut buf = [0u8; 32];
        let lower = lower(word, &mut buf)?;
        if let Some(n) = self.nouns.get(lower) {
            return Some(*n);
        }
        let stem = lower.strip_suffix('s')?;
        self.nouns.get(stem).copied()
    }
}
