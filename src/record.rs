//! The records `extract` returns. All are serde-serializable, `#[non_exhaustive]`, and
//! carry byte offsets into the original text.

use crate::claims::{Claim, QuotedTerm};
use crate::statistics::Statistic;
use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// Companies, agencies, universities, media outlets, parties, named events.
    Organization,
    /// Named individuals.
    Person,
    /// Technical fields, device classes, products, standards and formats.
    Technology,
    /// Countries, regions, cities.
    Location,
}

impl EntityKind {
    /// Parses `organization`, `person`, `technology` or `location`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "organization" => EntityKind::Organization,
            "person" => EntityKind::Person,
            "technology" => EntityKind::Technology,
            "location" => EntityKind::Location,
            _ => return None,
        })
    }

    /// The lower-case name used in records and lexicons.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Technology => "technology",
            EntityKind::Location => "location",
        }
    }

    /// The id prefix for entities a rule found (`org`, `per`, `tech`, `loc`).
    pub fn prefix(self) -> &'static str {
        match self {
            EntityKind::Organization => "org",
            EntityKind::Person => "per",
            EntityKind::Technology => "tech",
            EntityKind::Location => "loc",
        }
    }
}

/// One extracted article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The document's id, as given by the caller (empty when none was given).
    pub id: String,
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Claims in text order.
    pub claims: Vec<Claim>,
    /// Quoted phrases with no attribution (scare quotes, slogans), in text order.
    pub quoted_terms: Vec<QuotedTerm>,
    /// Statistics in text order.
    pub statistics: Vec<Statistic>,
}

/// A distinct real-world thing the article mentions, with every mention of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    /// A stable id: the lexicon entry's id, or `KIND:slug-of-name` for an entity a rule found.
    pub id: String,
    /// What kind of thing it is.
    pub kind: EntityKind,
    /// The fullest form used in the article (no title, no possessive).
    pub name: String,
    /// Every other form used in the article, sorted.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Where the entity came from.
    pub source: Source,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mention {
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `&text[start..end]`.
    pub text: String,
    /// The rule that found this mention (`lexicon`, `org-suffix`, `surname`, ...).
    pub rule: String,
}

/// Provenance of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// A lexicon entry.
    Lexicon {
        /// The entry's id.
        entry: String,
        /// The lexicon's name (`builtin/...` or a path).
        file: String,
        /// The entry's line in it.
        line: usize,
    },
    /// A rule that found a name no lexicon knows.
    Rule {
        /// The rule's name.
        rule: String,
    },
}
