//! Claims: quotations and reported speech, with their speakers (issue 3; not built yet).

use crate::record::Entity;
use crate::tokenizer::Token;
use serde::{Deserialize, Serialize};

/// A statement the article attributes to a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// `direct`, `indirect` or `according_to`.
    pub kind: String,
    /// What was claimed.
    pub content: String,
}

/// A quoted phrase with no attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotedTerm {
    /// The phrase, without its quotation marks.
    pub text: String,
}

/// Compiled claim rules.
#[derive(Debug, Default)]
pub(crate) struct ClaimRules {}

impl ClaimRules {
    pub(crate) fn new() -> crate::Result<ClaimRules> {
        Ok(ClaimRules {})
    }

    /// Claims and quoted terms of one text.
    pub(crate) fn extract(
        &self,
        _text: &str,
        _tokens: &[Token],
        _entities: &[Entity],
    ) -> (Vec<Claim>, Vec<QuotedTerm>) {
        (Vec::new(), Vec::new())
    }
}
