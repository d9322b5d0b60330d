//! Where `batch` writes: JSON lines (a file or standard output) or CSV tables in a directory.
//! Each chunk of records is written whole and flushed, so a run killed at any moment leaves
//! complete lines followed by at most one torn line, which `--resume` cuts off (CSV tables:
//! see [`CsvOut::resume`]). A finished run's output is synced to disk.

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
    /// The output file, made durable at the end (none for standard output).
    file: Option<File>,
}

impl JsonLinesOut {
    /// Standard output, or `path` created anew.
    pub fn create(path: Option<&Path>) -> Result<JsonLinesOut> {
        match path {
            Some(p) => {
                let file = File::create(p).with_context(|| format!("creating {}", p.display()))?;
                Ok(JsonLinesOut::append(file))
            }
            None => Ok(JsonLinesOut {
                out: BufWriter::with_capacity(1 << 20, Box::new(io::stdout())),
                file: None,
            }),
        }
    }

    /// Appends to `file`, positioned after the records a previous run completed.
    pub fn append(file: File) -> JsonLinesOut {
        JsonLinesOut {
            file: file.try_clone().ok(),
            out: BufWriter::with_capacity(1 << 20, Box::new(file)),
        }
    }

    /// Flushes the output and, for a file, waits until it is on disk.
    pub fn finish(&mut self) -> Result<()> {
        self.out.flush()?;
        self.file.as_ref().map_or(Ok(()), sync)
    }

    /// Writes a chunk's lines and flushes them.
    pub fn write_chunk<'a>(&mut self, lines: impl IntoIterator<Item = &'a [u8]>) -> io::Result<()> {
        for l in lines {
            self.out.write_all(l)?;
        }
        self.out.flush()
    }
}

/// Waits until `file` is on disk, so that a finished run survives a crash of the machine
/// (`--resume` covers a killed process without it). Files that cannot be synced, such as
/// `/dev/null`, are let be.
fn sync(file: &File) -> Result<()> {
    match file.sync_all() {
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        r => r.context("syncing the output to disk"),
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
    /// Bytes cut off the end (a torn record, and in CSV tables rows of records not kept).
    pub cut: u64,
}

/// Opens `path` to resume a run: keeps every complete record (a line that ends in a newline
/// and parses as JSON), cuts off whatever follows the first line that is not one (the record
/// a killed run was writing), and returns the file positioned at its end. A missing file is
/// an empty run.
pub fn resume(path: &Path) -> Result<(Resumed, File)> {
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
    let r = Resumed {
        records,
        errors,
        last_id,
        cut: len - good_end,
    };
    Ok((r, file))
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

/// Reads the table at `path` (which must start with `header`) up to its first torn row, or
/// up to `want` rows, calling `f` on each; returns the byte offset after the rows read and
/// the file's length. Fails if the table holds fewer than `want` complete rows (it does not
/// belong with the rest of the run).
fn kept_rows(
    path: &Path,
    header: &[&str],
    want: Option<u64>,
    mut f: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<(u64, u64)> {
    let file = File::open(path).with_context(|| format!("opening {} to resume", path.display()))?;
    let len = file.metadata()?.len();
    let ends_line = len > 0 && {
        let mut last = [0u8];
        let mut file = &file;
        file.seek(io::SeekFrom::Start(len - 1))?;
        io::Read::read_exact(&mut file, &mut last)?;
        file.seek(io::SeekFrom::Start(0))?;
        last[0] == b'\n'
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(BufReader::with_capacity(1 << 20, file));
    let mut row = csv::StringRecord::new();
    // a row is whole when it has every column and its line break was read
    let whole = |reader: &mut csv::Reader<BufReader<File>>, row: &mut csv::StringRecord| {
        matches!(reader.read_record(row), Ok(true))
            && row.len() == header.len()
            && (reader.position().byte() < len || ends_line)
    };
    if !whole(&mut reader, &mut row) || row.iter().ne(header.iter().copied()) {
        bail!(
            "--resume: {} does not start with the columns this run writes ({}); was the run \
             made with other --keep-fields options?",
            path.display(),
            header.join(",")
        );
    }
    let mut end = reader.position().byte();
    let mut n = 0u64;
    while want.is_none_or(|w| n < w) && whole(&mut reader, &mut row) {
        f(&row).with_context(|| format!("reading {}", path.display()))?;
        n += 1;
        end = reader.position().byte();
    }
    if let Some(w) = want.filter(|&w| n < w) {
        bail!(
            "--resume: {} holds {n} complete rows, but the records kept in documents.csv \
             have {w}: the tables are not from one run",
            path.display()
        );
    }
    Ok((end, len))
}

/// The tables, in the order a chunk is flushed (`documents.csv` last), with their columns.
fn tables(keep: &[String]) -> [(&'static str, Vec<&str>); 6] {
    // a record's own keys, its id as `doc_id` (the key of every table), then kept fields
    let mut documents = vec!["doc_id"];
    documents.extend(&RESERVED_KEYS[1..]);
    documents.extend(keep.iter().map(String::as_str));
    [
        (
            "entities.csv",
            vec![
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
        ),
        (
            "mentions.csv",
            vec!["doc_id", "entity_id", "start", "end", "text", "rule"],
        ),
        (
            "claims.csv",
            vec![
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
        ),
        ("quoted_terms.csv", vec!["doc_id", "text", "start", "end"]),
        (
            "statistics.csv",
            vec![
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
        ),
        ("documents.csv", documents),
    ]
}

impl CsvOut {
    /// The tables created anew in `dir` (made if missing), each with its header.
    pub fn create(dir: &Path, keep: &[String]) -> Result<CsvOut> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let writers = tables(keep).map(|(name, header)| -> Result<csv::Writer<File>> {
            let path: PathBuf = dir.join(name);
            let mut w = csv::Writer::from_path(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            w.write_record(&header)?;
            Ok(w)
        });
        CsvOut::from_writers(writers)
    }

    fn from_writers(writers: [Result<csv::Writer<File>>; 6]) -> Result<CsvOut> {
        let [entities, mentions, claims, quoted_terms, statistics, documents] = writers;
        Ok(CsvOut {
            entities: entities?,
            mentions: mentions?,
            claims: claims?,
            quoted_terms: quoted_terms?,
            statistics: statistics?,
            documents: documents?,
        })
    }

    /// Opens the tables of a run in `dir` to resume it. A chunk's rows reach every other
    /// table before its `documents.csv` rows do, so each complete row of `documents.csv`
    /// stands for a record whose rows are all on disk: its counts say how many rows of
    /// `entities.csv`, `claims.csv`, `quoted_terms.csv` and `statistics.csv` are the kept
    /// records', and the kept entities' `mentions` column how many of `mentions.csv`. Each
    /// table is cut after those rows (a torn row, or rows of records `documents.csv` does not
    /// hold yet, go) and written on from there. A directory without `documents.csv`, or with
    /// only part of its header, is an empty run.
    pub fn resume(dir: &Path, keep: &[String]) -> Result<(CsvOut, Resumed)> {
        let tables = tables(keep);
        // no documents.csv, or one killed before its header was whole: nothing is kept
        let header_line = format!("{}\n", tables[5].1.join(","));
        let started = File::open(dir.join("documents.csv")).ok().and_then(|f| {
            let mut head = Vec::new();
            io::Read::read_to_end(&mut io::Read::take(f, header_line.len() as u64), &mut head)
                .ok()?;
            (head.len() == header_line.len() || !header_line.as_bytes().starts_with(&head))
                .then_some(())
        });
        if started.is_none() {
            let r = Resumed {
                records: 0,
                errors: 0,
                last_id: None,
                cut: 0,
            };
            return Ok((CsvOut::create(dir, keep)?, r));
        }
        let (doc_name, doc_header) = &tables[5];
        let (mut records, mut errors, mut last_id) = (0u64, 0u64, None);
        // rows of entities, claims, quoted terms and statistics that the kept records own
        let mut owned = [0u64; 4];
        let docs = kept_rows(&dir.join(doc_name), doc_header, None, |row| {
            records += 1;
            errors += u64::from(!row[2].is_empty());
            last_id = Some(row[0].to_string()).filter(|id| !id.is_empty());
            for (n, field) in owned.iter_mut().zip(row.iter().skip(3)) {
                *n += field.parse::<u64>().unwrap_or(0);
            }
            Ok(())
        })?;
        let mut mentions = 0u64;
        let entities = kept_rows(
            &dir.join(tables[0].0),
            &tables[0].1,
            Some(owned[0]),
            |row| {
                mentions += row[5].parse::<u64>().context("a count of mentions")?;
                Ok(())
            },
        )?;
        let want = [owned[0], mentions, owned[1], owned[2], owned[3]];
        let mut cuts = vec![entities];
        for ((name, header), n) in tables[1..5].iter().zip(&want[1..]) {
            cuts.push(kept_rows(&dir.join(name), header, Some(*n), |_| Ok(()))?);
        }
        cuts.push(docs);
        let mut cut = 0;
        let writers = std::array::from_fn(|i| -> Result<csv::Writer<File>> {
            let path = dir.join(tables[i].0);
            let (end, len) = cuts[i];
            cut += len - end;
            let file = OpenOptions::new()
                .write(true)
                .open(&path)
                .with_context(|| format!("opening {} to resume", path.display()))?;
            file.set_len(end)
                .with_context(|| format!("truncating {}", path.display()))?;
            let mut file = file;
            file.seek(io::SeekFrom::Start(end))?;
            Ok(csv::WriterBuilder::new().from_writer(file))
        });
        let out = CsvOut::from_writers(writers)?;
        let r = Resumed {
            records,
            errors,
            last_id,
            cut,
        };
        Ok((out, r))
    }

    /// The tables in the order they are flushed: `documents.csv` last.
    fn tables(&mut self) -> [&mut csv::Writer<File>; 6] {
        [
            &mut self.entities,
            &mut self.mentions,
            &mut self.claims,
            &mut self.quoted_terms,
            &mut self.statistics,
            &mut self.documents,
        ]
    }

    /// Flushes every table and waits until they are on disk.
    pub fn finish(&mut self) -> Result<()> {
        for w in self.tables() {
            w.flush()?;
            sync(w.get_ref())?;
        }
        Ok(())
    }

    /// Writes a chunk's rows to every table and flushes them.
    pub fn write_chunk<'a>(
        &mut self,
        outcomes: impl IntoIterator<Item = &'a Outcome>,
    ) -> Result<()> {
        for o in outcomes {
            self.write(o)?;
        }
        for w in self.tables() {
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
