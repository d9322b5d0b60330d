//! The extractor: built once from lexicons, then used for any number of texts.

use crate::claims::ClaimRules;
use crate::entities::{self, lexicon_cands, Rules, View};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{written_as_name, Lexicon, LexiconEntry};
use crate::matcher::{LexMatch, Matcher};
use crate::normalize::normalize_form;
use crate::record::Document;
use crate::span::Span;
use crate::statistics::StatRules;
use crate::support::Support;
use crate::tokenizer::Token;
use std::cell::RefCell;

#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    matches: Vec<LexMatch>,
    sentences: Vec<Span>,
    paragraphs: Vec<Span>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}
use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;

/// Builds an [`Extractor`]. Setters take `&mut self`, so a builder can be configured in
/// steps; nothing is read or compiled until [`build`](ExtractorBuilder::build).
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    builtin: bool,
    files: Vec<PathBuf>,
    texts: Vec<(String, String)>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the built-in lexicons and no others.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            builtin: true,
            files: Vec::new(),
            texts: Vec::new(),
        }
    }

    /// Whether to load the built-in lexicons (default: yes).
    pub fn builtin_lexicons(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.builtin = yes;
        self
    }

    /// Adds a lexicon file, read at build time. Entries of added lexicons come before the
    /// built-ins, so they win a form both define.
    pub fn lexicon_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.files.push(path.into());
        self
    }

    /// Adds a lexicon from text; `name` is used in errors and provenance.
    pub fn lexicon_text(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> &mut ExtractorBuilder {
        self.texts.push((name.into(), text.into()));
        self
    }

    /// Reads and checks the lexicons and compiles the matcher.
    pub fn build(&self) -> Result<Extractor> {
        let mut lex = Lexicon::default();
        for (name, text) in &self.texts {
            lex.extend(Lexicon::parse(name, text)?)?;
        }
        for path in &self.files {
            lex.extend(Lexicon::from_file(path)?)?;
        }
        if self.builtin {
            lex.extend(Lexicon::builtin())?;
        }
        Extractor::from_lexicon(lex)
    }
}

/// Extracts entities, claims and statistics from news articles.
///
/// Build one with [`Extractor::builder`] or [`Extractor::new`] and share it: it is
/// `Send + Sync`, and [`extract`](Extractor::extract) takes `&self`.
#[derive(Debug)]
pub struct Extractor {
    entries: Vec<LexiconEntry>,
    matcher: Matcher,
    support: Support,
    /// Every lower-cased form of every entry, to its first entry.
    forms: HashMap<String, u32>,
    claims: ClaimRules,
    stats: StatRules,
    /// The forms of entries with the flag `cap` or `ctx`, looked up word by word.
    gazetteer: Gazetteer,
}

impl Extractor {
    /// An extractor with the built-in lexicons.
    pub fn new() -> Result<Extractor> {
        ExtractorBuilder::new().build()
    }

    /// A builder, to add lexicons or leave out the built-ins.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    fn from_lexicon(lex: Lexicon) -> Result<Extractor> {
        // Entries that must be written as names (`cap`, `ctx`: the large generated lexicons)
        // go last and into the gazetteer; the others into the dictionary matcher. A form both
        // kinds define stays with the matcher's entry.
        let mut entries = lex.into_entries();
        entries.sort_by_key(|e| e.capitalized); // stable: each group keeps its order
        let plain = entries.partition_point(|e| !e.capitalized);
        // The gazetteer is built on a second thread while the matcher and the rest compile
        // (start-up with all built-ins is measured in wall time).
        let (gazetteer, rest) = std::thread::scope(|s| {
            let named = s.spawn(|| Gazetteer::new(&entries[..plain], &entries[plain..], plain));
            let rest = || -> Result<_> {
                let matcher = Matcher::new(&entries[..plain])?;
                // the short-form rules look names up among the matcher's entries' forms
                let mut forms = HashMap::default();
                for (i, e) in entries[..plain].iter().enumerate() {
                    for f in e.forms() {
                        forms.entry(normalize_form(f, true)).or_insert(i as u32);
                    }
                }
                let support = Support::builtin();
                Ok((
                    matcher,
                    forms,
                    support,
                    ClaimRules::new()?,
                    StatRules::new()?,
                ))
            };
            let rest = rest();
            let gazetteer = named.join().expect("building the gazetteer does not panic");
            (gazetteer, rest)
        });
        let (matcher, forms, support, claims, stats) = rest?;
        Ok(Extractor {
            gazetteer,
            entries,
            matcher,
            support,
            forms,
            claims,
            stats,
        })
    }

    /// The lexicon entries in use, in priority order (entries with the flag `cap` or `ctx`
    /// after the others).
    pub fn entries(&self) -> &[LexiconEntry] {
        &self.entries
    }

    /// Extracts one article. Never fails and never panics: any `&str` gives a document.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with_id("", text)
    }

    /// Extracts one article and labels the document with `id`.
    pub fn extract_with_id(&self, id: &str, text: &str) -> Document {
        // The token and match buffers are kept per thread and reused from one document to the
        // next, so a batch does not allocate and grow them per document.
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.extract_in(id, text, &mut scratch),
            // Re-entered on this thread (a caller extracting from inside a callback): use fresh
            // buffers rather than fail.
            Err(_) => self.extract_in(id, text, &mut Scratch::default()),
        })
    }

    fn extract_in(&self, id: &str, text: &str, scratch: &mut Scratch) -> Document {
        let Scratch {
            tokens,
            matches,
            sentences,
            paragraphs,
        } = scratch;
        let view = View::tokenize(text, tokens, &self.support);
        let tokens: &[Token] = tokens;
        // The dictionaries match on the view's words (the tokens but white space): the same
        // matches as over all tokens, as both skip white space, without stepping over it.
        let words: &[Token] = &view.w;
        matches.clear();
        self.matcher.find(text, words, matches);
        if !self.gazetteer.is_empty() {
            let names = view.names.iter().map(|&k| k as usize);
            let plain = matches.len();
            self.gazetteer
                .find_from(text, words, names, &self.entries, matches);
            // flags `cap` and `ctx`: a name of common words counts only where it is written
            // as a name (the matcher's entries have neither flag: only the gazetteer's
            // matches, after its, are looked at)
            let mut kept = plain;
            for j in plain..matches.len() {
                let m = matches[j];
                let e = &self.entries[m.entry as usize];
                if !e.capitalized || written_as_name(text, m.span.start, m.span.end, e.context) {
                    matches[kept] = m;
                    kept += 1;
                }
            }
            matches.truncate(kept);
        }

        let lex = lexicon_cands(&view, matches, &self.entries);
        let rules = Rules::new(&view, &self.support, &lex, &self.entries);
        let mut cands = lex;
        rules.propose(&mut cands);
        let mut selected = entities::resolve(cands);
        entities::fill_names(text, &mut selected);
        let mut selected =
            entities::short_forms(&view, &self.support, &self.entries, &self.forms, selected);
        crate::teams::retype_teams(&view, &mut selected);
        let entities = entities::assemble(text, &self.entries, selected);
        // (from the tokens that may end them, which the view found)
        crate::segment::sentences_at(text, tokens, &view.ends, sentences);
        crate::segment::paragraphs_at(tokens, &view.ends, paragraphs);
        let (claims, quoted_terms) = self
            .claims
            .extract(text, tokens, words, sentences, paragraphs, &entities);
        let statistics = self.stats.extract(text, tokens, &entities);
        Document {
            id: id.to_string(),
            entities,
            claims,
            quoted_terms,
            statistics,
        }
    }
}
