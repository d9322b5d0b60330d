//! Extraction over many documents: in input order, a chunk at a time so that memory stays
//! bounded whatever the number of documents, and with the `rayon` feature each chunk's
//! documents in parallel.
//!
//! ```
//! use claimlex::Extractor;
//!
//! let extractor = Extractor::new()?;
//! // Any iterator of (id, text) pairs: lines of a file, rows of a database, ...
//! let articles = (0..1000).map(|i| (format!("doc-{i}"), format!("Huawei sold {i} phones.")));
//! let mut n = 0;
//! for doc in extractor.extract_batch(articles).chunk_size(128) {
//!     assert_eq!(doc.id, format!("doc-{n}")); // in input order
//!     assert_eq!(doc.entities[0].name, "Huawei");
//!     n += 1;
//! }
//! assert_eq!(n, 1000);
//! # Ok::<(), claimlex::Error>(())
//! ```
//!
//! With the `rayon` feature the documents of a chunk are extracted on the current rayon thread
//! pool (all cores unless the caller runs the loop inside `rayon::ThreadPool::install`);
//! without it, one after the other on the calling thread. The output is the same either way.
//! At most one chunk of input documents and one chunk of results are held at a time.

use crate::{Document, Extractor};

/// How many documents [`Batch`] extracts at a time unless told otherwise.
pub const DEFAULT_CHUNK_SIZE: usize = 256;

// One extractor serves every thread of a batch: this fails to compile if it stops being
// shareable.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
};

/// The documents of a batch, extracted in input order: see [`Extractor::extract_batch`].
#[derive(Debug)]
#[must_use = "a batch does nothing until it is iterated"]
pub struct Batch<'e, I> {
    extractor: &'e Extractor,
    docs: I,
    chunk_size: usize,
    ready: std::vec::IntoIter<Document>,
}

impl Extractor {
    /// Extracts a sequence of `(id, text)` documents, yielding one [`Document`] per input
    /// document, in input order. Documents are taken [`chunk_size`](Batch::chunk_size) at a
    /// time, so the input may be of any length; with the `rayon` feature each chunk is
    /// extracted in parallel.
    pub fn extract_batch<I, S, T>(&self, docs: I) -> Batch<'_, I::IntoIter>
    where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str> + Send,
        T: AsRef<str> + Send,
    {
        Batch {
            extractor: self,
            docs: docs.into_iter(),
            chunk_size: DEFAULT_CHUNK_SIZE,
            ready: Vec::new().into_iter(),
        }
    }
}

impl<I> Batch<'_, I> {
    /// How many documents to take and extract at a time (at least 1). Larger chunks balance
    /// the work across threads better; smaller ones hold less in memory.
    pub fn chunk_size(mut self, n: usize) -> Self {
        self.chunk_size = n.max(1);
        self
    }
}

impl<I, S, T> Iterator for Batch<'_, I>
where
    I: Iterator<Item = (S, T)>,
    S: AsRef<str> + Send,
    T: AsRef<str> + Send,
{
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        if let Some(doc) = self.ready.next() {
            return Some(doc);
        }
        let chunk: Vec<(S, T)> = self.docs.by_ref().take(self.chunk_size).collect();
        if chunk.is_empty() {
            return None;
        }
        self.ready = extract_chunk(self.extractor, chunk).into_iter();
        self.ready.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lo, hi) = self.docs.size_hint();
        let ready = self.ready.len();
        (
            lo.saturating_add(ready),
            hi.and_then(|h| h.checked_add(ready)),
        )
    }
}

/// Extracts a chunk's documents, in order: in parallel with the `rayon` feature.
fn extract_chunk<S, T>(ex: &Extractor, chunk: Vec<(S, T)>) -> Vec<Document>
where
    S: AsRef<str> + Send,
    T: AsRef<str> + Send,
{
    #[cfg(feature = "rayon")]
    use rayon::prelude::*;
    #[cfg(feature = "rayon")]
    let items = chunk.into_par_iter();
    #[cfg(not(feature = "rayon"))]
    let items = chunk.into_iter();
    items
        .map(|(id, text)| ex.extract_with_id(id.as_ref(), text.as_ref()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_documents_in_the_same_order_as_one_by_one() {
        let ex = Extractor::new().unwrap();
        let texts = [
            "Huawei rose.",
            "",
            "Tencent said profits fell 5%.",
            "Li Jun, President of Dawning Information Industry Co (Sugon), spoke.",
            "\u{feff}Odd \u{0} text",
        ];
        let docs: Vec<(String, &str)> = (0..23)
            .map(|i| (i.to_string(), texts[i % texts.len()]))
            .collect();
        let one_by_one: Vec<Document> = docs
            .iter()
            .map(|(id, t)| ex.extract_with_id(id, t))
            .collect();
        for chunk in [1, 4, 23, 100] {
            let batched: Vec<Document> = ex.extract_batch(docs.clone()).chunk_size(chunk).collect();
            assert_eq!(batched, one_by_one, "chunk size {chunk}");
        }
        assert_eq!(ex.extract_batch(Vec::<(&str, &str)>::new()).count(), 0);
    }
}
