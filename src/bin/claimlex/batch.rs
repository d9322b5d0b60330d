//! `claimlex batch`: a corpus in, one output record per input record, in input order.
//!
//! Three stages run at once: a reader thread cuts the input into chunks of records, the rayon
//! pool checks, extracts and renders each chunk's records in parallel, and a writer thread
//! writes each chunk whole and flushes it. The channels between the stages hold one chunk
//! each, so memory is bounded by a few chunks whatever the size of the corpus.
//!
//! Each worker renders a run of consecutive records into one buffer (a [`Block`]), which the
//! writer writes in one piece and hands back for reuse: a chunk's output (megabytes) is not
//! allocated afresh record by record, grown, copied into the writer's buffer and freed on
//! another thread.

use crate::input::{self, Body, RawRecord, Source};
use crate::output::{self, CsvOut, JsonLinesOut, Resumed};
use crate::record::{Fields, Outcome};
use anyhow::{bail, Context, Result};
use claimlex::Extractor;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::Instant;

/// A chunk closes at this many bytes of input or at --chunk-records records, whichever comes
/// first. A chunk's output (about four times its input as JSON) is written and flushed whole.
const CHUNK_BYTES: u64 = 1 << 20;

#[derive(Args)]
pub struct BatchArgs {
    /// JSON lines (plain or gzip-compressed), a directory of .txt files (read recursively;
    /// the id is the relative path), or `-` for standard input (the default).
    #[arg(long, short, value_name = "PATH")]
    input: Option<PathBuf>,
    /// Write to this file (JSON lines) or directory (CSV) instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Output format: JSON lines, or CSV tables in the --output directory.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// The JSON field holding a record's id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// The JSON field holding a record's text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Input fields to copy into each output record (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "NAME,...")]
    keep_fields: Vec<String>,
    /// Worker threads [default: all cores].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// A record (JSON line or file) longer than this many bytes is an error record.
    #[arg(long, default_value_t = 10_000_000, value_name = "BYTES")]
    max_bytes: u64,
    /// Continue a run that was stopped: keep the complete records already in --output (a
    /// JSON lines file or a directory of CSV tables), cut off a torn last record, and process
    /// the rest of the input.
    #[arg(long)]
    resume: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Records per chunk (each chunk is processed in parallel, then written and flushed whole).
    #[arg(long, default_value_t = 1024, value_name = "N", hide = true)]
    chunk_records: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON record per line.
    Jsonl,
    /// documents.csv, entities.csv, mentions.csv, claims.csv, quoted_terms.csv, statistics.csv.
    Csv,
}

enum Sink {
    Json(JsonLinesOut),
    Csv(Box<CsvOut>),
}

/// Consecutive processed records, ready to write.
#[derive(Default)]
struct Block {
    /// Their JSON lines, one after the other (JSON lines output); each document is dropped
    /// once rendered.
    json: Vec<u8>,
    /// Their outcomes (CSV output).
    outcomes: Vec<Outcome>,
    /// Their counts.
    totals: Totals,
    /// How far into the input the last of them ends.
    end_pos: u64,
}

/// Rendering buffers the writer has emptied, for the workers to fill again.
#[derive(Default)]
struct Spares(Mutex<Vec<Vec<u8>>>);

impl Spares {
    /// At most this many buffers are kept: each may hold a chunk's output in touched pages
    /// (about 4 MB), and a chunk is split into a block per worker or more, so a few spares
    /// serve the next chunk without holding many chunks' worth of memory.
    const MAX: usize = 4;

    /// A buffer; a new one is made large enough for a chunk's output (about four times its
    /// input), so that it is not grown and copied step by step. Only the pages written to are
    /// ever touched.
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_else(|| Vec::with_capacity(4 * CHUNK_BYTES as usize))
    }

    fn give(&self, mut buf: Vec<u8>) {
        buf.clear();
        if let Ok(mut v) = self.0.lock() {
            if v.len() < Spares::MAX {
                v.push(buf);
            }
        }
    }
}

#[derive(Default)]
struct Totals {
    documents: u64,
    errors: u64,
    entities: u64,
    claims: u64,
    statistics: u64,
    bytes: u64,
}

pub fn run(args: BatchArgs, ex: &Extractor) -> Result<ExitCode> {
    let started = Instant::now();
    check(&args)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .thread_name(|i| format!("claimlex-work-{i}"))
        .build()
        .context("starting the worker threads")?;

    // Open the output first, so that a bad output path fails before any work.
    let mut resumed: Option<Resumed> = None;
    let sink = match (args.format, &args.output) {
        (Format::Csv, Some(dir)) if args.resume => {
            let (out, r) = CsvOut::resume(dir, &args.keep_fields)?;
            resumed = Some(r);
            Sink::Csv(Box::new(out))
        }
        (Format::Csv, Some(dir)) => Sink::Csv(Box::new(CsvOut::create(dir, &args.keep_fields)?)),
        (Format::Csv, None) => {
            bail!("--format csv writes tables into a directory: give --output DIR")
        }
        (Format::Jsonl, Some(path)) if args.resume => {
            let (r, file) = output::resume(path)?;
            resumed = Some(r);
            Sink::Json(JsonLinesOut::append(file))
        }
        (Format::Jsonl, path) => Sink::Json(JsonLinesOut::create(path.as_deref())?),
    };
    let skip = resumed.as_ref().map_or(0, |r| r.records);
    if let (Some(r), false) = (&resumed, args.quiet) {
        let out = args
            .output
            .as_ref()
            .expect("resume has an output")
            .display();
        eprintln!(
            "claimlex batch: resuming after {} records already in {out} ({} errors){}",
            r.records,
            r.errors,
            if r.cut > 0 && args.format == Format::Csv {
                format!(
                    "; cut off {} bytes of rows after the last complete record",
                    r.cut
                )
            } else if r.cut > 0 {
                format!("; cut off a torn last record of {} bytes", r.cut)
            } else {
                String::new()
            }
        );
    }

    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let source = input::open(args.input.as_deref(), args.max_bytes, show_bar)?;
    let bar = progress_bar(show_bar, source.total_bytes());
    let fields = Fields {
        id: args.id_field.clone(),
        text: args.text_field.clone(),
        keep: args.keep_fields.clone(),
        max_bytes: args.max_bytes,
    };
    let expect_id = resumed.as_ref().and_then(|r| r.last_id.clone());
    let jsonl = args.format == Format::Jsonl;

    let (in_tx, in_rx) = sync_channel::<Result<Vec<RawRecord>>>(1);
    let (out_tx, out_rx) = sync_channel::<Vec<Block>>(1);
    let spares = Spares::default();
    let (totals, read, written) = std::thread::scope(|s| {
        let fields = &fields;
        let spares = &spares;
        let chunk_records = args.chunk_records;
        let reader = std::thread::Builder::new()
            .name("claimlex-read".into())
            .spawn_scoped(s, move || {
                read_chunks(source, skip, expect_id, fields, chunk_records, in_tx)
            })
            .expect("the reader thread starts");
        let bar_w = bar.clone();
        let writer = std::thread::Builder::new()
            .name("claimlex-write".into())
            .spawn_scoped(s, move || write_chunks(sink, out_rx, spares, &bar_w))
            .expect("the writer thread starts");
        let mut read = Ok(());
        for chunk in in_rx {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            };
            // Each worker folds a run of consecutive records into a block; the blocks come out
            // in input order.
            // At most about four blocks per worker: each block holds a rendering buffer.
            let min_len = chunk.len().div_ceil(4 * pool.current_num_threads());
            let done: Vec<Block> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .with_min_len(min_len.max(1))
                    .fold(
                        || Block {
                            json: spares.take(),
                            ..Block::default()
                        },
                        |mut b, r| {
                            b.add(fields.process(ex, r), jsonl, &fields.keep);
                            b
                        },
                    )
                    .collect()
            });
            if out_tx.send(done).is_err() {
                break; // the writer stopped on an error, which it reports
            }
        }
        drop(out_tx);
        let (written, totals) = writer.join().expect("the writer thread does not panic");
        let reader_result = reader.join().expect("the reader thread does not panic");
        (totals, read.and(reader_result), written)
    });
    bar.finish_and_clear();
    written.context("writing the output")?;
    read?;

    let previous_errors = resumed.as_ref().map_or(0, |r| r.errors);
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = totals.bytes as f64 / 1e6;
        eprintln!(
            "claimlex batch: {} documents, {} errors; {} entities, {} claims, {} statistics; \
             {mb:.1} MB in {secs:.2} s, {:.1} MB/s",
            totals.documents,
            totals.errors,
            totals.entities,
            totals.claims,
            totals.statistics,
            mb / secs.max(1e-9),
        );
    }
    Ok(if totals.errors + previous_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check(args: &BatchArgs) -> Result<()> {
    if args.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    if args.chunk_records == 0 {
        bail!("--chunk-records must be at least 1");
    }
    if args.resume && args.output.is_none() {
        bail!("--resume needs --output FILE (or DIR): it continues the run written there");
    }
    let mut seen = std::collections::BTreeSet::new();
    for f in &args.keep_fields {
        if f.is_empty() {
            bail!("--keep-fields: empty field name");
        }
        if output::RESERVED_KEYS.contains(&f.as_str()) {
            bail!("--keep-fields: \"{f}\" is a key of the output records; it cannot be kept");
        }
        if !seen.insert(f) {
            bail!("--keep-fields: \"{f}\" is given twice");
        }
    }
    Ok(())
}

impl Block {
    /// Counts a processed record and renders it (JSON lines) or keeps it (CSV).
    fn add(&mut self, o: Outcome, jsonl: bool, keep: &[String]) {
        let t = &mut self.totals;
        t.documents += 1;
        t.bytes += o.bytes;
        match &o.result {
            Ok(d) => {
                t.entities += d.entities.len() as u64;
                t.claims += d.claims.len() as u64;
                t.statistics += d.statistics.len() as u64;
            }
            Err(_) => t.errors += 1,
        }
        self.end_pos = o.end_pos;
        if jsonl {
            output::json_line(&o, keep, &mut self.json);
        } else {
            self.outcomes.push(o);
        }
    }
}

/// Cuts the input into chunks; skips the first `skip` records (a resumed run), checking that
/// the last of them has the id the output ends with.
fn read_chunks(
    mut source: Box<dyn Source>,
    skip: u64,
    expect_id: Option<String>,
    fields: &Fields,
    chunk_records: usize,
    tx: SyncSender<Result<Vec<RawRecord>>>,
) -> Result<()> {
    let mut seen = 0u64;
    let mut chunk = Vec::new();
    let mut bytes = 0;
    loop {
        let rec = match source.next_record() {
            Ok(r) => r,
            Err(e) => {
                // Write what was read before the fault, then stop.
                let _ = tx.send(Ok(std::mem::take(&mut chunk)));
                return Err(e);
            }
        };
        let Some(rec) = rec else { break };
        seen += 1;
        if seen <= skip {
            if seen == skip {
                check_resumed_id(&rec, expect_id.as_deref(), fields, skip)?;
            }
            continue;
        }
        bytes += rec.body.len();
        chunk.push(rec);
        if chunk.len() >= chunk_records || bytes >= CHUNK_BYTES {
            if tx.send(Ok(std::mem::take(&mut chunk))).is_err() {
                return Ok(()); // the run stopped on a writer error
            }
            bytes = 0;
        }
    }
    if seen < skip {
        bail!(
            "--resume: the output already holds {skip} records but the input has only {seen}: \
             is this the input of that run?"
        );
    }
    if !chunk.is_empty() {
        let _ = tx.send(Ok(chunk));
    }
    Ok(())
}

fn check_resumed_id(rec: &RawRecord, want: Option<&str>, fields: &Fields, n: u64) -> Result<()> {
    let got = match &rec.body {
        Body::Json(b) => fields.id_of(b),
        _ => rec.id.clone(),
    };
    if let (Some(got), Some(want)) = (got, want) {
        if got != want {
            bail!(
                "--resume: record {n} of the input has id {got:?} but the output's last record \
                 has id {want:?}: is this the input of that run?"
            );
        }
    }
    Ok(())
}

/// Writes chunks as they come, each flushed whole, and hands the emptied buffers back to the
/// workers; returns the totals.
fn write_chunks(
    mut sink: Sink,
    rx: Receiver<Vec<Block>>,
    spares: &Spares,
    bar: &ProgressBar,
) -> (Result<()>, Totals) {
    let mut t = Totals::default();
    for chunk in rx {
        let written = match &mut sink {
            Sink::Json(out) => out
                .write_chunk(chunk.iter().map(|b| b.json.as_slice()))
                .map_err(anyhow::Error::from),
            Sink::Csv(out) => out.write_chunk(chunk.iter().flat_map(|b| &b.outcomes)),
        };
        if let Err(e) = written {
            return (Err(e), t);
        }
        let mut end_pos = None;
        for b in chunk {
            let c = &b.totals;
            t.documents += c.documents;
            t.errors += c.errors;
            t.entities += c.entities;
            t.claims += c.claims;
            t.statistics += c.statistics;
            t.bytes += c.bytes;
            if c.documents > 0 {
                end_pos = Some(b.end_pos);
            }
            spares.give(b.json);
        }
        if let Some(pos) = end_pos {
            bar.set_position(pos);
            bar.set_message(format!("{} documents", t.documents));
        }
    }
    let finished = match &mut sink {
        Sink::Json(out) => out.finish(),
        Sink::Csv(out) => out.finish(),
    };
    (finished, t)
}

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg} \
             {binary_bytes_per_sec} ETA {eta}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{spinner} {elapsed_precise} {binary_bytes} {msg} {binary_bytes_per_sec}",
        ),
    };
    bar.set_style(ProgressStyle::with_template(template).expect("a valid template"));
    bar
}
