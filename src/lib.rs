//! # claimlex
//!
//! Turns English news articles into structured records: the **entities** an article
//! mentions (organizations, people, technologies, places, each with its canonical name,
//! its aliases and every mention's byte span), the **claims** it reports (quotations and
//! reported speech, with speaker, cue and content) and the **statistics** it gives (values
//! normalized, with kind, unit and what they measure).
//!
//! ```
//! use claimlex::{EntityKind, Extractor};
//!
//! let extractor = Extractor::new()?; // built-in lexicons; build once, extract many
//! let text = "Shi Yixuan at Kylinsoft under China Electronics Corp (CEC) said Huawei's \
//!             chips are in demand. Shi told the Global Times that CEC will grow.";
//! let doc = extractor.extract(text);
//!
//! let shi = doc.entities.iter().find(|e| e.name == "Shi Yixuan").unwrap();
//! assert_eq!(shi.kind, EntityKind::Person);
//! assert_eq!(shi.aliases, ["Shi"]);
//! let cec = doc.entities.iter().find(|e| e.aliases.contains(&"CEC".to_string())).unwrap();
//! assert_eq!(cec.kind, EntityKind::Organization);
//! for m in &cec.mentions {
//!     assert_eq!(&text[m.start..m.end], m.text); // byte offsets into the original text
//! }
//! # Ok::<(), claimlex::Error>(())
//! ```
//!
//! Design:
//!
//! - every span is a half-open byte range into the original text;
//! - the [tokenizer](tokenize) is lossless, and normalization (case, quotes, dashes)
//!   works on a copy with a map back to the original;
//! - lexicons and automata compile once in [`ExtractorBuilder::build`];
//!   [`Extractor::extract`] never fails and never panics;
//! - dictionary matches sit on token boundaries; on overlap the longest, then the earliest
//!   wins;
//! - output is deterministic, and every record says which lexicon entry or rule made it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
mod claims;
mod entities;
mod error;
mod extractor;
mod gazetteer;
mod json;
pub mod lexicon;
mod matcher;
mod normalize;
mod record;
mod scratch;
pub mod segment;
mod span;
mod statistics;
mod support;
mod teams;
#[cfg(test)]
mod testing;
mod tokenizer;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use batch::Batch;
pub use claims::{Claim, ClaimPart, QuotedTerm, Speaker};
pub use error::{Error, Result};
pub use extractor::{Extractor, ExtractorBuilder};
pub use lexicon::{Lexicon, LexiconEntry};
pub use normalize::Normalized;
pub use record::{Document, Entity, EntityKind, Mention, Source};
pub use span::Span;
#[doc(hidden)]
pub use statistics::StatisticsPass;
pub use statistics::{Measure, Statistic};
pub use tokenizer::{tokenize, tokenize_into, QuoteKind, Token, TokenKind};
