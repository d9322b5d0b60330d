//! Where `batch` writes: JSON lines (a file or standard output) or CSV tables in a directory.
//! Each chunk of records is written whole and flushed, so a run killed at any moment leaves
//! complete lines followed by at most one torn line, which `--resume` cuts off.

use crate::record::Outcome;
use anyhow::{bail, Context, Result};
use claimlex::{Document, Source};
use serde::Serialize;
use serde_json::Value;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

/// Output keys of a record, which a kept input field may not take.
pub const RESERVED_KEYS: [&str; 7] = [
    "id",
    "line",
    "error",
    "entities",
    "claims",
    "quoted_terms",
    "statistics",
];

/// Renders one outcome as a JSON line (with its newline) at the end of `buf`. Runs on the
/// worker threads.
pub fn json_line(o: &Outcome, keep: &[String], buf: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct ErrorRecord<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<u64>,
        error: &'a str,
    }
    // A document's JSON is a few times the size of its text: grow once, not step by step
    // (a no-op once the buffer is reused).
    let guess = if o.result.is_ok() { 4 * o.bytes } else { 0 };
    buf.reserve(256 + guess as usize);
    let written = match &o.result {
        Ok(doc) => {
            doc.write_json(buf);
            Ok(())
        }
        Err(e) => serde_json::to_writer(
            &mut *buf,
            &ErrorRecord {
                id: o.id.as_deref(),
                line: o.line,
                error: e,
            },
        ),
    };
    written.expect("records serialize");
    if !keep.is_empty() {
        // Carried-through fields go after the record's own keys: reopen its closing brace.
        debug_assert_eq!(buf.last(), Some(&b'}'));
        buf.pop();
        for (name, value) in keep.iter().zip(&o.kept) {
            buf.push(b',');
            serde_json::to_writer(&mut *buf, name).expect("strings serialize");
            buf.push(b':');
            serde_json::to_writer(&mut *buf, value.as_ref().unwrap_or(&Value::Null))
                .expect("values serialize");
        }
        buf.push(b'}');
    }
    buf.push(b'\n');
}

/// JSON lines output.
pub struct JsonLinesOut {
    out: BufWriter<Box<dyn Write + Send>>,
}

impl JsonLinesOut {
    /// Standard output, or `path` created anew.
    pub fn create(path: Option<&Path>) -> Result<JsonLinesOut> {
        let w: Box<dyn Write + Send> = match path {
            Some(p) => {
                Box::new(File::create(p).with_context(|| format!("creating {}", p.display()))?)
            }
            None => Box::new(io::stdout()),
        };
        Ok(JsonLinesOut {
            out: BufWriter::with_capacity(1 << 20, w),
        })
    }

    /// Appends to `file`, positioned after the records a previous run completed.
    pub fn append(file: File) -> JsonLinesOut {
        JsonLinesOut {
            out: BufWriter::with_capacity(1 << 20, Box::new(file)),
        }
    }

    /// Writes a chunk's lines and flushes them.
    pub fn write_chunk<'a>(&mut self, lines: impl IntoIterator<Item = &'a [u8]>) -> io::Result<()> {
        for l in lines {
            self.out.write_all(l)?;
        }
        self.out.flush()
    }
}

/// What a previous run left in its output.
pub struct Resumed {
    /// Complete records kept.
    pub records: u64,
    /// How many of them are errors.
    pub errors: u64,
    /// The id of the last one, if it has one.
    pub last_id: Option<String>,
    /// Bytes cut off the end (a torn record).
    pub cut: u64,
    /// The output file, truncated after the last complete record and positioned there.
    pub file: File,
}

/// Opens `path` to resume a run: keeps every complete record (a line that ends in a newline
/// and parses as JSON), cuts off whatever follows the first line that is not one (the record
/// a killed run was writing), and leaves the file positioned at its end. A missing file is an
/// empty run.
pub fn resume(path: &Path) -> Result<Resumed> {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        id: Option<Value>,
        #[serde(default)]
        error: Option<serde::de::IgnoredAny>,
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| format!("opening {} to resume", path.display()))?;
    let len = file.metadata()?.len();
    let mut reader = BufReader::with_capacity(1 << 20, &mut file);
    let (mut records, mut errors, mut good_end) = (0u64, 0u64, 0u64);
    let mut last_id = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let Ok(p) = serde_json::from_slice::<Probe>(&line) else {
            break;
        };
        records += 1;
        errors += u64::from(p.error.is_some());
        last_id = p.id.map(crate::record::id_string);
        good_end += n as u64;
    }
    drop(reader);
    file.set_len(good_end)
        .with_context(|| format!("truncating {}", path.display()))?;
    file.seek(io::SeekFrom::Start(good_end))?;
    Ok(Resumed {
        records,
        errors,
        last_id,
        cut: len - good_end,
        file,
    })
}

/// CSV tables in a directory: one row per input record in `documents.csv` (its counts, or its
/// error), and the records' contents in `entities.csv`, `mentions.csv`, `claims.csv`,
/// `quoted_terms.csv` and `statistics.csv`, each row keyed by `doc_id`.
pub struct CsvOut {
    documents: csv::Writer<File>,
    entities: csv::Writer<File>,
    mentions: csv::Writer<File>,
    claims: csv::Writer<File>,
    quoted_terms: csv::Writer<File>,
    statistics: csv::Writer<File>,
}

impl CsvOut {
    pub fn create(dir: &Path, keep: &[String]) -> Result<CsvOut> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let table = |name: &str, header: &[&str]| -> Result<csv::Writer<File>> {
            let path: PathBuf = dir.join(name);
            let mut w = csv::Writer::from_path(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            w.write_record(header)?;
            Ok(w)
        };
        let mut doc_header = vec![
            "doc_id",
            "line",
            "error",
            "entities",
            "claims",
            "quoted_terms",
            "statistics",
        ];
        doc_header.extend(keep.iter().map(String::as_str));
        Ok(CsvOut {
            documents: table("documents.csv", &doc_header)?,
            entities: table(
                "entities.csv",
                &[
                    "doc_id",
                    "entity_id",
                    "kind",
                    "name",
                    "aliases",
                    "mentions",
                    "source",
                    "source_entry",
                    "source_file",
                    "source_line",
                ],
            )?,
            mentions: table(
                "mentions.csv",
                &["doc_id", "entity_id", "start", "end", "text", "rule"],
            )?,
            claims: table(
                "claims.csv",
                &[
                    "doc_id",
                    "claim",
                    "kind",
                    "speaker",
                    "speaker_entity",
                    "speaker_start",
                    "speaker_end",
                    "speaker_role",
                    "speaker_organization",
                    "cue",
                    "cue_start",
                    "cue_end",
                    "content",
                    "content_start",
                    "content_end",
                    "addressee",
                    "rule",
                ],
            )?,
            quoted_terms: table("quoted_terms.csv", &["doc_id", "text", "start", "end"])?,
            statistics: table(
                "statistics.csv",
                &[
                    "doc_id",
                    "text",
                    "start",
                    "end",
                    "value",
                    "kind",
                    "unit",
                    "approximate",
                    "comparator",
                    "direction",
                    "per",
                    "measure",
                    "measure_start",
                    "measure_end",
                    "rule",
                ],
            )?,
        })
    }

    /// Writes a chunk's rows to every table and flushes them.
    pub fn write_chunk<'a>(
        &mut self,
        outcomes: impl IntoIterator<Item = &'a Outcome>,
    ) -> Result<()> {
        for o in outcomes {
            self.write(o)?;
        }
        for w in [
            &mut self.entities,
            &mut self.mentions,
            &mut self.claims,
            &mut self.quoted_terms,
            &mut self.statistics,
            &mut self.documents,
        ] {
            w.flush()?;
        }
        Ok(())
    }

    fn write(&mut self, o: &Outcome) -> Result<()> {
        let id = o.id.as_deref().unwrap_or("");
        let line = o.line.map(|l| l.to_string()).unwrap_or_default();
        let mut row: Vec<String> = vec![id.to_string(), line];
        match &o.result {
            Ok(doc) => {
                row.push(String::new());
                for n in [
                    doc.entities.len(),
                    doc.claims.len(),
                    doc.quoted_terms.len(),
                    doc.statistics.len(),
                ] {
                    row.push(n.to_string());
                }
                self.write_doc(id, doc)?;
            }
            Err(e) => {
                row.push(e.clone());
                row.extend(std::iter::repeat_n(String::new(), 4));
            }
        }
        row.extend(o.kept.iter().map(|v| match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }));
        self.documents.write_record(&row)?;
        Ok(())
    }

    fn write_doc(&mut self, id: &str, doc: &Document) -> Result<()> {
        for e in &doc.entities {
            let (source, entry, file, line) = match &e.source {
                Source::Lexicon { entry, file, line } => {
                    ("lexicon", entry.as_str(), file.as_str(), line.to_string())
                }
                Source::Rule { rule } => ("rule", rule.as_str(), "", String::new()),
                _ => bail!("an entity source this version cannot write as CSV"),
            };
            self.entities.write_record([
                id,
                &e.id,
                e.kind.as_str(),
                &e.name,
                &e.aliases.join("|"),
                &e.mentions.len().to_string(),
                source,
                entry,
                file,
                &line,
            ])?;
            for m in &e.mentions {
                self.mentions.write_record([
                    id,
                    &e.id,
                    &m.start.to_string(),
                    &m.end.to_string(),
                    &m.text,
                    &m.rule,
                ])?;
            }
        }
        for (i, c) in doc.claims.iter().enumerate() {
            let sp = c.speaker.as_ref();
            let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
            let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
            self.claims.write_record([
                id.to_string(),
                (i + 1).to_string(),
                c.kind.clone(),
                opt(sp.map(|s| &s.text)),
                opt(sp.and_then(|s| s.entity.as_ref())),
                num(sp.map(|s| s.start)),
                num(sp.map(|s| s.end)),
                opt(sp.and_then(|s| s.role.as_ref())),
                opt(sp.and_then(|s| s.organization.as_ref())),
                c.cue.clone(),
                num(c.cue_span.map(|s| s.start)),
                num(c.cue_span.map(|s| s.end)),
                c.content.clone(),
                c.content_span.start.to_string(),
                c.content_span.end.to_string(),
                opt(c.addressee.as_ref()),
                c.rule.clone(),
            ])?;
        }
        for q in &doc.quoted_terms {
            self.quoted_terms.write_record([
                id,
                &q.text,
                &q.start.to_string(),
                &q.end.to_string(),
            ])?;
        }
        for s in &doc.statistics {
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            let m = s.measure.as_ref();
            self.statistics.write_record([
                id.to_string(),
                s.text.clone(),
                s.start.to_string(),
                s.end.to_string(),
                s.value.to_string(),
                s.kind.clone(),
                opt(&s.unit),
                s.approximate.to_string(),
                opt(&s.comparator),
                opt(&s.direction),
                opt(&s.per),
                m.map(|m| m.text.clone()).unwrap_or_default(),
                m.map(|m| m.start.to_string()).unwrap_or_default(),
                m.map(|m| m.end.to_string()).unwrap_or_default(),
                s.rule.clone(),
            ])?;
        }
        Ok(())
    }
}
