//! The `claimlex` command: extract entities, claims and statistics from news articles.

// The batch command's parts live beside this file, in claimlex/.
#[path = "claimlex/batch.rs"]
mod batch;
#[path = "claimlex/input.rs"]
mod input;
#[path = "claimlex/output.rs"]
mod output;
#[path = "claimlex/record.rs"]
mod record;

use anyhow::{Context, Result};
use claimlex::{Document, Extractor};
use clap::{Args, Parser, Subcommand};
use std::alloc::{GlobalAlloc, Layout};
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

// A batch run makes and frees many small strings per document; mimalloc's thread-local free
// lists make that markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, asked through its plain entry points (`mi_malloc`, `mi_realloc`) for every
/// allocation that needs no more than word alignment, which every mimalloc block has: nearly
/// all of them (strings, vectors of offsets). `mimalloc::MiMalloc` goes through the aligned
/// entry points for every allocation, which check and look up more; it still serves the
/// others.
struct Mimalloc;

/// The alignment of every mimalloc block: its size classes are whole words.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each call is passed on to mimalloc, to the plain entry points only when the layout
// asks for no more than the word alignment every mimalloc block has; mimalloc's `mi_free`
// frees blocks from either kind of entry point. (`alloc_zeroed` is the default: `alloc`, then
// zeros.)
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

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
    /// Extract from a corpus (JSON lines, gzip JSON lines, a directory of .txt files):
    /// one output record per input record, in input order, on all cores.
    Batch {
        #[command(flatten)]
        args: batch::BatchArgs,
        #[command(flatten)]
        lex: LexiconArgs,
    },
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
    // The extractor lives until the process exits: leaking it skips freeing its tables (tens
    // of thousands of lexicon entries), which would add several milliseconds to every run.
    match cli.command {
        Command::Extract { files, pretty, lex } => {
            let ex: &Extractor = Box::leak(Box::new(lex.extractor()?));
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
        Command::Batch { args, lex } => batch::run(args, Box::leak(Box::new(lex.extractor()?))),
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
