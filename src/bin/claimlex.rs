//! The `claimlex` command: extract entities, claims and statistics from news articles.

use anyhow::{Context, Result};
use claimlex::{Document, Extractor};
use clap::{Args, Parser, Subcommand};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

// A batch run makes and frees many small strings per document; mimalloc's thread-local free
// lists make that markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "claimlex",
    version,
    about = "Entities, claims and statistics from English news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct LexiconArgs {
    /// A lexicon file to load (TSV, see lexicons/README.md); may be given more than once.
    /// Its entries win over the built-ins for a form both define.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Leave out the built-in lexicons (use only --lexicon files).
    #[arg(long)]
    no_builtin: bool,
}

impl LexiconArgs {
    fn extractor(&self) -> Result<Extractor> {
        let mut b = Extractor::builder();
        b.builtin_lexicons(!self.no_builtin);
        for f in &self.lexicons {
            b.lexicon_file(f);
        }
        Ok(b.build()?)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Extract from text files (or standard input with `-` or no file): one JSON document each.
    Extract {
        /// Files to read; `-` or nothing reads standard input.
        files: Vec<PathBuf>,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        lex: LexiconArgs,
    },
    /// Extract from JSON lines `{"id", "text"}`: one output record per input line, in order.
    Batch {
        /// Read from this file instead of standard input.
        #[arg(long, short)]
        input: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        lex: LexiconArgs,
    },
}

#[derive(Deserialize)]
struct InputRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    line: usize,
    error: &'a str,
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimlex: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { files, pretty, lex } => {
            let ex = lex.extractor()?;
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let files = if files.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                files
            };
            for f in files {
                let (id, text) = if f.as_os_str() == "-" {
                    let mut s = String::new();
                    io::stdin()
                        .read_to_string(&mut s)
                        .context("reading standard input")?;
                    ("-".to_string(), s)
                } else {
                    let s = std::fs::read_to_string(&f)
                        .with_context(|| format!("reading {}", f.display()))?;
                    (f.display().to_string(), s)
                };
                let doc = ex.extract_with_id(&id, &text);
                write_doc(&mut out, &doc, pretty)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { input, output, lex } => {
            let ex = lex.extractor()?;
            let reader: Box<dyn BufRead> = match &input {
                Some(p) => Box::new(BufReader::with_capacity(
                    1 << 20,
                    File::open(p).with_context(|| format!("opening {}", p.display()))?,
                )),
                None => Box::new(BufReader::with_capacity(1 << 20, io::stdin())),
            };
            let writer: Box<dyn Write> = match &output {
                Some(p) => {
                    Box::new(File::create(p).with_context(|| format!("creating {}", p.display()))?)
                }
                None => Box::new(io::stdout()),
            };
            let mut out = BufWriter::with_capacity(1 << 20, writer);
            let failed = batch(&ex, reader, &mut out)?;
            out.flush()?;
            Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn write_doc(out: &mut impl Write, doc: &Document, pretty: bool) -> Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, doc)?;
    } else {
        let mut line = Vec::with_capacity(4096);
        doc.write_json(&mut line);
        out.write_all(&line)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

/// Processes JSON lines; returns how many records failed. Every input line that is not blank
/// yields exactly one output line.
fn batch(ex: &Extractor, mut reader: impl BufRead, out: &mut impl Write) -> Result<usize> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut failed = 0;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .context("reading input")?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let error = |out: &mut dyn Write, id: Option<String>, msg: &str| -> Result<()> {
            serde_json::to_writer(
                &mut *out,
                &ErrorRecord {
                    id,
                    line: line_no,
                    error: msg,
                },
            )?;
            out.write_all(b"\n")?;
            Ok(())
        };
        let rec: InputRecord = match serde_json::from_slice(&buf) {
            Ok(r) => r,
            Err(e) => {
                failed += 1;
                error(out, None, &format!("invalid JSON: {e}"))?;
                continue;
            }
        };
        let id = rec.id.as_ref().map(id_string);
        match rec.text {
            Some(serde_json::Value::String(text)) => {
                let doc = ex.extract_with_id(id.as_deref().unwrap_or(""), &text);
                write_doc(out, &doc, false)?;
            }
            Some(_) => {
                failed += 1;
                error(out, id, "field \"text\" is not a string")?;
            }
            None => {
                failed += 1;
                error(out, id, "missing field \"text\"")?;
            }
        }
    }
    Ok(failed)
}
