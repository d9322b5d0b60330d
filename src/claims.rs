//! Claims: quotations and reported speech, with their speakers.
//!
//! The work is done in three passes over one document, all of them near quotation marks and
//! reporting verbs only:
//!
//! 1. quotation marks are paired into quotations (per paragraph; stray marks are dropped);
//! 2. each quotation looks for its attribution after it (`"...," X said`), then before it
//!    (`X said: "..."`); an attribution followed by another quotation joins it (`"A," he
//!    said. "B."`);
//! 3. each sentence with a reporting verb outside quotations is matched against the
//!    reported-speech patterns (`X said (that) ...`, `..., X told Y`, `According to X, ...`,
//!    `..., adding that ...`);
//! 4. speakers are resolved to entities in text order (names, pronouns, roles, spokespeople;
//!    "he" and "she" to a person of that gender or of none known);
//!    unattributed quotations that start a sentence continue the previous claim, and the
//!    rest are quoted terms.

mod lexicon;
mod scan;

use crate::record::Entity;
use crate::span::Span;
use crate::tokenizer::Token;
use serde::{Deserialize, Serialize};

pub(crate) use lexicon::ClaimLexicon;

/// A statement the article attributes to a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// `direct`, `indirect` or `according_to`.
    pub kind: String,
    /// Who made the claim, when the article says.
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase as written (`said`, `told`, `according to`); empty for a
    /// quotation that continues an earlier claim.
    pub cue: String,
    /// Where the cue is.
    pub cue_span: Option<Span>,
    /// What was claimed, without the attribution; the parts of an interrupted quotation are
    /// joined with ` ... `.
    pub content: String,
    /// The pieces of the content, in text order (one unless the quotation was interrupted).
    pub content_parts: Vec<ClaimPart>,
    /// From the first part's start to the last part's end.
    pub content_span: Span,
    /// Whom the claim was told to (`told the Global Times`), as written.
    pub addressee: Option<String>,
    /// The rule that found the claim.
    pub rule: String,
}

/// The source of a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Speaker {
    /// The entity's name when the speaker was resolved to one, else the words as written.
    pub text: String,
    /// The id of the entity, when resolved.
    pub entity: Option<String>,
    /// First byte of the speaker's mention (a name, pronoun or noun phrase).
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
    /// A role given in apposition (`Chairman`).
    pub role: Option<String>,
    /// The organization the speaker belongs to, when the article says.
    pub organization: Option<String>,
}

/// A piece of text with its byte span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimPart {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `&text[start..end]`.
    pub text: String,
}

/// A quoted phrase with no attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotedTerm {
    /// The phrase, without its quotation marks.
    pub text: String,
    /// First byte of the phrase.
    pub start: usize,
    /// One past the last byte of the phrase.
    pub end: usize,
}

/// Compiled claim rules.
#[derive(Debug)]
pub(crate) struct ClaimRules {
    lex: ClaimLexicon,
}

impl ClaimRules {
    pub(crate) fn new() -> crate::Result<ClaimRules> {
        Ok(ClaimRules {
            lex: ClaimLexicon::builtin(),
        })
    }

    /// Claims and quoted terms of one text, given its tokens, the same tokens but white space
    /// (`words`: the entity view's, made once for all stages), its sentences and paragraphs
    /// (`segment::sentences` and `segment::paragraphs` of those tokens) and its entities.
    #[inline(never)]
    pub(crate) fn extract(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[Token],
        sentences: &[Span],
        paragraphs: &[Span],
        entities: &[Entity],
    ) -> (Vec<Claim>, Vec<QuotedTerm>) {
        scan::run(
            &self.lex, text, tokens, words, sentences, paragraphs, entities,
        )
    }
}

#[cfg(test)]
mod tests;
