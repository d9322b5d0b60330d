//! Half-open byte ranges into the original text.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the original text.
///
/// Every span the library returns lies on UTF-8 character boundaries, so
/// `&text[span.range()]` never panics for the text it came from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped so that it is never before `start`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The span as a `Range`, for slicing.
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span in character (Unicode scalar value) offsets into `text`, for callers that
    /// need them; everything else in the library is in bytes. `None` when the span does not
    /// lie on character boundaries of `text`.
    ///
    /// ```
    /// use claimlex::Span;
    /// let text = "Café “Huawei”";
    /// let span = Span::new(text.find("Huawei").unwrap(), text.find('”').unwrap());
    /// assert_eq!(span.to_chars(text), Some((6, 12)));
    /// ```
    pub fn to_chars(self, text: &str) -> Option<(usize, usize)> {
        text.get(self.start..self.end)?;
        let start = text[..self.start].chars().count();
        Some((start, start + text[self.start..self.end].chars().count()))
    }

    /// Whether `other` lies wholly inside this span.
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}
