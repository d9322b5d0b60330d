//! Statistics: numbers with their kind, unit and measure (issue 4; not built yet).

use crate::record::Entity;
use crate::tokenizer::Token;
use serde::{Deserialize, Serialize};

/// A number that reports a measurement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statistic {
    /// The number as written.
    pub text: String,
    /// The normalized value.
    pub value: f64,
    /// `count`, `money`, `percent`, `ratio`, `rank` or `quantity`.
    pub kind: String,
}

/// Compiled statistics rules.
#[derive(Debug, Default)]
pub(crate) struct StatRules {}

impl StatRules {
    pub(crate) fn new() -> crate::Result<StatRules> {
        Ok(StatRules {})
    }

    /// Statistics of one text.
    pub(crate) fn extract(
        &self,
        _text: &str,
        _tokens: &[Token],
        _entities: &[Entity],
    ) -> Vec<Statistic> {
        Vec::new()
    }
}
