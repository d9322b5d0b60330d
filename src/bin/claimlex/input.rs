//! Where `batch` reads its records: JSON lines (plain or gzip, from a file or standard input)
//! or a directory of `.txt` files. Records are read as bytes with a size limit, so a bad or
//! huge record never stops the run and never fills memory; they are checked and parsed later,
//! in parallel.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One input record, not yet checked.
pub struct RawRecord {
    /// The line it came from (JSON lines input).
    pub line: Option<u64>,
    /// Its id when the input says it outside the record (a file's relative path).
    pub id: Option<String>,
    pub body: Body,
    /// How far into the input (bytes read from the file, compressed if it is) this record ends.
    pub end_pos: u64,
}

/// How much of a JSON line over `--max-bytes` is kept to read its id from.
pub const HEAD_BYTES: usize = 64 * 1024;

pub enum Body {
    /// A JSON line within the size limit.
    Json(Vec<u8>),
    /// A text file's contents, within the size limit.
    Text(Vec<u8>),
    /// A record over the size limit: its length in bytes and, for a JSON line, its first
    /// [`HEAD_BYTES`] bytes at most (the id may be among them); the rest was not kept.
    TooLong(u64, Vec<u8>),
    /// A file that could not be read.
    Unreadable(String),
}

impl Body {
    /// The record's size in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Body::Json(b) | Body::Text(b) => b.len() as u64,
            Body::TooLong(n, _) => *n,
            Body::Unreadable(_) => 0,
        }
    }
}

/// A stream of records.
pub trait Source: Send {
    /// The next record, `None` at the end; an error only when the input itself cannot be read
    /// further (an I/O error, a corrupt gzip stream).
    fn next_record(&mut self) -> Result<Option<RawRecord>>;
    /// How many bytes the input holds, when known (for the progress bar).
    fn total_bytes(&self) -> Option<u64>;
}

/// Opens `path` (`None` or `-` for standard input): a directory of `.txt` files, or JSON lines,
/// decompressed when they start with gzip's magic bytes.
pub fn open(path: Option<&Path>, max_bytes: u64, want_total: bool) -> Result<Box<dyn Source>> {
    let path = path.filter(|p| p.as_os_str() != "-");
    let pos = Arc::new(AtomicU64::new(0));
    let (raw, total, name): (Box<dyn Read + Send>, _, _) = match path {
        Some(p) if p.is_dir() => return Ok(Box::new(TextDir::new(p, max_bytes, want_total)?)),
        Some(p) => {
            let f = File::open(p).with_context(|| format!("opening {}", p.display()))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(f), len, p.display().to_string())
        }
        None => (Box::new(io::stdin()), None, "standard input".to_string()),
    };
    let mut counted = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: raw,
            pos: pos.clone(),
        },
    );
    let head = counted
        .fill_buf()
        .with_context(|| format!("reading {name}"))?;
    let reader: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(counted),
        ))
    } else {
        Box::new(counted)
    };
    Ok(Box::new(JsonLines {
        reader,
        name,
        line: 0,
        max_bytes,
        pos,
        total,
        buf: Vec::new(),
    }))
}

/// Counts the bytes read through it.
struct Counting {
    inner: Box<dyn Read + Send>,
    pos: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: u64,
    max_bytes: u64,
    pos: Arc<AtomicU64>,
    total: Option<u64>,
    buf: Vec<u8>,
}

impl JsonLines {
    /// Reads one line into `self.buf` (without its newline), keeping at most `max_bytes + 1`
    /// bytes of it; returns the line's full length, or `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<u64>> {
        self.buf.clear();
        let limit = self.max_bytes.saturating_add(1);
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            return Ok(Some(self.buf.len() as u64));
        }
        let mut len = self.buf.len() as u64;
        if len < limit {
            return Ok(Some(len)); // the last line, with no newline
        }
        // Over the limit: skip the rest of the line without keeping it.
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(Some(len));
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(Some(len + i as u64));
                }
                None => {
                    let n = chunk.len();
                    len += n as u64;
                    self.reader.consume(n);
                }
            }
        }
    }
}

impl Source for JsonLines {
    fn next_record(&mut self) -> Result<Option<RawRecord>> {
        loop {
            let len = match self.read_line() {
                Ok(Some(len)) => len,
                Ok(None) => return Ok(None),
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("reading {} after line {}", self.name, self.line))
                }
            };
            self.line += 1;
            if self.line == 1 && self.buf.starts_with(b"\xef\xbb\xbf") {
                self.buf.drain(..3); // a UTF-8 byte order mark is not part of the first record
            }
            // Blank lines are not records.
            if len <= self.max_bytes && self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let body = if len > self.max_bytes {
                // its head, where the id usually is, goes along for the error record
                let head = &self.buf[..self.buf.len().min(HEAD_BYTES)];
                Body::TooLong(len, head.to_vec())
            } else {
                Body::Json(std::mem::take(&mut self.buf))
            };
            return Ok(Some(RawRecord {
                line: Some(self.line),
                id: None,
                body,
                end_pos: self.pos.load(Ordering::Relaxed),
            }));
        }
    }

    fn total_bytes(&self) -> Option<u64> {
        self.total
    }
}

/// The `.txt` files under a directory, depth first, each directory's entries in byte order of
/// their names; a file's id is its path relative to the directory, with `/` between parts.
struct TextDir {
    root: PathBuf,
    walk: walkdir::IntoIter,
    max_bytes: u64,
    pos: u64,
    total: Option<u64>,
}

fn walk(root: &Path) -> walkdir::IntoIter {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
}

fn is_text_file(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt")
}

impl TextDir {
    fn new(root: &Path, max_bytes: u64, want_total: bool) -> Result<TextDir> {
        let total = want_total.then(|| {
            walk(root)
                .filter_map(|e| e.ok())
                .filter(is_text_file)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        });
        Ok(TextDir {
            root: root.to_path_buf(),
            walk: walk(root),
            max_bytes,
            pos: 0,
            total,
        })
    }

    fn id_of(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        parts.join("/")
    }
}

impl Source for TextDir {
    fn next_record(&mut self) -> Result<Option<RawRecord>> {
        for entry in self.walk.by_ref() {
            let (id, body) = match entry {
                Err(e) => {
                    // An unreadable directory or text file, a broken link, a loop: a record, so
                    // that it is seen.
                    let Some(path) = e.path().map(Path::to_path_buf) else {
                        return Err(e).context("walking the input directory");
                    };
                    if !path.is_dir() && path.extension().is_none_or(|x| x != "txt") {
                        continue; // not a text file: it would not have been read anyway
                    }
                    (self.id_of(&path), Body::Unreadable(e.to_string()))
                }
                Ok(e) if !is_text_file(&e) => continue,
                Ok(e) => {
                    let id = self.id_of(e.path());
                    let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                    let body = if len > self.max_bytes {
                        Body::TooLong(len, Vec::new())
                    } else {
                        match std::fs::read(e.path()) {
                            Ok(b) if b.len() as u64 > self.max_bytes => {
                                Body::TooLong(b.len() as u64, Vec::new())
                            }
                            Ok(b) => Body::Text(b),
                            Err(err) => Body::Unreadable(err.to_string()),
                        }
                    };
                    (id, body)
                }
            };
            self.pos += body.len();
            return Ok(Some(RawRecord {
                line: None,
                id: Some(id),
                body,
                end_pos: self.pos,
            }));
        }
        Ok(None)
    }

    fn total_bytes(&self) -> Option<u64> {
        self.total
    }
}
