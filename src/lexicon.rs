//! Entity lexicons: parsing, validation and the built-in files.
//!
//! The format is documented in `lexicons/README.md`: one entity per line,
//! `id <TAB> kind <TAB> name <TAB> aliases <TAB> flags`.

use crate::error::{Error, Result};
use crate::record::EntityKind;
use std::path::Path;
use std::sync::Arc;

/// One entity of a lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LexiconEntry {
    /// The entry's id, unique over all loaded lexicons.
    pub id: String,
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Its canonical name.
    pub name: String,
    /// Other forms of the name.
    pub aliases: Vec<String>,
    /// Whether every form is matched case-sensitively (flag `cs`).
    pub case_sensitive: bool,
    /// Whether regular plurals of its forms are matched too.
    pub plurals: bool,
    /// The lexicon it came from.
    pub file: Arc<str>,
    /// Its 1-based line in that lexicon.
    pub line: usize,
}

impl LexiconEntry {
    /// The name followed by the aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A parsed lexicon file: its entries in file order.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: Vec<LexiconEntry>,
}

/// The built-in lexicon files, in load order.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("builtin/people.tsv", include_str!("../lexicons/people.tsv")),
    (
        "builtin/organizations-companies.tsv",
        include_str!("../lexicons/organizations-companies.tsv"),
    ),
    (
        "builtin/organizations-institutions.tsv",
        include_str!("../lexicons/organizations-institutions.tsv"),
    ),
    (
        "builtin/locations.tsv",
        include_str!("../lexicons/locations.tsv"),
    ),
    (
        "builtin/technologies.tsv",
        include_str!("../lexicons/technologies.tsv"),
    ),
];

fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b':' | b'_' | b'-')
        })
}

impl Lexicon {
    /// Parses a lexicon from its text. `name` is used in error messages and provenance.
    pub fn parse(name: &str, contents: &str) -> Result<Lexicon> {
        let file: Arc<str> = Arc::from(name);
        let mut entries = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let err = |line: usize, problem: String| Error::Lexicon {
            file: name.to_string(),
            line,
            problem,
        };
        for (n, raw) in contents.lines().enumerate() {
            let line = n + 1;
            let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = raw.split('\t').map(str::trim).collect();
            if fields.len() < 3 || fields.len() > 5 {
                return Err(err(
                    line,
                    format!(
                        "expected 3 to 5 tab-separated fields (id, kind, name, aliases, flags), found {}",
                        fields.len()
                    ),
                ));
            }
            let id = fields[0];
            if id.is_empty() {
                return Err(err(line, "empty id".into()));
            }
            if !valid_id(id) {
                return Err(err(
                    line,
                    format!("bad id {id:?}: use lower-case ASCII letters, digits and . : _ -"),
                ));
            }
            let kind = EntityKind::parse(fields[1]).ok_or_else(|| {
                err(
                    line,
                    format!(
                        "unknown kind {:?} (organization, person, technology, location)",
                        fields[1]
                    ),
                )
            })?;
            let name_field = fields[2];
            if name_field.is_empty() {
                return Err(err(line, format!("empty name for {id}")));
            }
            let aliases: Vec<String> = fields
                .get(3)
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            let mut case_sensitive = false;
            let mut plurals = kind == EntityKind::Technology;
            if let Some(flags) = fields.get(4) {
                for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    match flag {
                        "cs" => case_sensitive = true,
                        "noplural" => plurals = false,
                        "plural" => plurals = true,
                        other => {
                            return Err(err(
                                line,
                                format!("unknown flag {other:?} (cs, noplural, plural)"),
                            ))
                        }
                    }
                }
            }
            if let Some(first) = seen.insert(id.to_string(), line) {
                return Err(err(
                    line,
                    format!("duplicate id {id} (first on line {first})"),
                ));
            }
            entries.push(LexiconEntry {
                id: id.to_string(),
                kind,
                name: name_field.to_string(),
                aliases,
                case_sensitive,
                plurals,
                file: file.clone(),
                line,
            });
        }
        Ok(Lexicon { entries })
    }

    /// Reads and parses a lexicon file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Lexicon> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Lexicon::parse(&path.display().to_string(), &text)
    }

    /// The built-in lexicons, merged in load order.
    pub fn builtin() -> Lexicon {
        let mut all = Lexicon::default();
        for (name, text) in BUILTIN_FILES {
            // The built-ins are checked by the test suite; a bad one is a bug, not an input error.
            let lex = Lexicon::parse(name, text).expect("built-in lexicons are valid");
            all.entries.extend(lex.entries);
        }
        all
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[LexiconEntry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends another lexicon's entries; a duplicate id is an error naming both places.
    pub fn extend(&mut self, other: Lexicon) -> Result<()> {
        let mut seen: std::collections::HashMap<&str, &LexiconEntry> =
            self.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        for e in &other.entries {
            if let Some(first) = seen.get(e.id.as_str()) {
                return Err(Error::Lexicon {
                    file: e.file.to_string(),
                    line: e.line,
                    problem: format!(
                        "duplicate id {} (first in {} line {})",
                        e.id, first.file, first.line
                    ),
                });
            }
            seen.insert(e.id.as_str(), e);
        }
        self.entries.extend(other.entries);
        Ok(())
    }
}

/// Regular English plurals of a form: the last word pluralized ("operating system" ->
/// "operating systems", "battery" -> "batteries", "CPU" -> "CPUs"); none when the last
/// word holds a digit ("3G", "Xbox 360").
pub fn plurals_of(form: &str) -> Vec<String> {
    let last = form.rsplit(' ').next().unwrap_or(form);
    let Some(c) = last.chars().last() else {
        return Vec::new();
    };
    // "3G", "Xbox 360", "MP3": no plural for a last word holding a digit
    if !c.is_alphabetic() || last.chars().any(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let upper = last
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if upper {
        return vec![format!("{form}s")];
    }
    let lower = form.to_lowercase();
    if lower.ends_with("ss")
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        vec![format!("{form}es")]
    } else if lower.ends_with('s') {
        Vec::new()
    } else if lower.ends_with('y')
        && !matches!(
            lower.chars().rev().nth(1),
            Some('a' | 'e' | 'i' | 'o' | 'u')
        )
    {
        vec![format!("{}ies", &form[..form.len() - 1])]
    } else {
        vec![format!("{form}s")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_flags() {
        let lex = Lexicon::parse(
            "t.tsv",
            "# comment\n\norg:a\torganization\tAcme Corp\tAcme|ACME\ttech:x\ttechnology\tchip\n",
        );
        assert!(lex.is_err(), "six fields is an error");
        let lex = Lexicon::parse(
            "t.tsv",
            "org:a\torganization\tAcme Corp\tAcme| ACME \ncs:w\ttechnology\tWindows\t\tcs,noplural\n",
        )
        .unwrap();
        assert_eq!(lex.len(), 2);
        let e = &lex.entries()[0];
        assert_eq!(e.aliases, ["Acme", "ACME"]);
        assert!(!e.case_sensitive && !e.plurals);
        let w = &lex.entries()[1];
        assert!(w.case_sensitive && !w.plurals);
        assert_eq!(w.line, 2);
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let cases = [
            ("a\torganization\n", "t.tsv:1: expected 3 to 5"),
            ("\ta\torganization\tX\n", "t.tsv:1: empty id"),
            ("a\torganization\t\n", "t.tsv:1: empty name"),
            ("A B\torganization\tX\n", "t.tsv:1: bad id"),
            ("a\tcompany\tX\n", "t.tsv:1: unknown kind"),
            (
                "a\torganization\tX\t\tbold\n",
                "t.tsv:1: unknown flag \"bold\"",
            ),
            (
                "a\torganization\tX\n\na\tperson\tY\n",
                "t.tsv:3: duplicate id a",
            ),
        ];
        for (text, want) in cases {
            let e = Lexicon::parse("t.tsv", text).unwrap_err().to_string();
            assert!(e.starts_with(want), "{text:?}: got {e:?}, want {want:?}");
        }
    }

    #[test]
    fn plural_table() {
        let cases = [
            ("chip", vec!["chips"]),
            ("CPU", vec!["CPUs"]),
            ("operating system", vec!["operating systems"]),
            ("battery", vec!["batteries"]),
            ("relay", vec!["relays"]),
            ("switch", vec!["switches"]),
            ("bus", vec![]),
            ("3G", vec![]),
            ("Wi-Fi", vec!["Wi-Fis"]),
        ];
        for (form, want) in cases {
            assert_eq!(plurals_of(form), want, "{form}");
        }
    }

    #[test]
    fn builtins_parse_and_ids_are_unique() {
        let mut all = Lexicon::default();
        for (name, text) in BUILTIN_FILES {
            let lex = Lexicon::parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            all.extend(lex).unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(all.len() > 1000);
    }
}
