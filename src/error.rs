//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong while building an [`Extractor`](crate::Extractor).
///
/// Extraction itself never fails: errors only come from loading lexicons.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon line could not be read.
    #[error("{file}:{line}: {problem}")]
    Lexicon {
        /// The lexicon's name (its path, or `builtin/NAME` for a built-in one).
        file: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A lexicon file could not be opened or read.
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The dictionary matcher could not be built (for example, the lexicons hold more forms
    /// than it can number). The variant keeps its first name for compatibility.
    #[error("cannot build the matcher: {0}")]
    Automaton(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
