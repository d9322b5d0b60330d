//! `claimlex batch` over corpora: bad records, input kinds, CSV, threads, and resuming a run
//! killed with SIGKILL.
#![cfg(feature = "cli")]

mod common;

use common::run;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimlex"))
}

fn records(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    assert!(text.is_empty() || text.ends_with('\n'), "whole lines");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimlex-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Short articles built from the repository's own example articles, with distinct ids.
fn corpus(n: usize) -> Vec<(String, String)> {
    let mut paras = Vec::new();
    for f in [
        "chip-localization",
        "earnings-report",
        "gadget-review",
        "trade-tensions",
    ] {
        let text = std::fs::read_to_string(format!("examples/{f}.txt")).unwrap();
        paras.extend(
            text.split("\n\n")
                .filter(|p| p.len() > 40)
                .map(str::to_string),
        );
    }
    (0..n)
        .map(|i| (format!("doc-{i}"), paras[i % paras.len()].clone()))
        .collect()
}

fn jsonl(docs: &[(String, String)]) -> String {
    docs.iter()
        .map(|(id, text)| json!({"id": id, "text": text}).to_string() + "\n")
        .collect()
}

fn ids(recs: &[Value]) -> Vec<&str> {
    recs.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn fault_matrix_one_record_per_input_record() {
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"\xef\xbb\xbf"); // a byte order mark, as some editors write
    let mut line = |l: &[u8]| {
        input.extend_from_slice(l);
        input.push(b'\n');
    };
    line(br#"{"id": "good-1", "text": "Huawei sold 5 million phones.", "src": "wire"}"#);
    line(b"{\"id\": \"utf8\", \"text\": \"caf\xe9 Huawei\"}");
    line(br#"{"id": "truncated", "text": "Huawei"#);
    line(b"");
    line(br#"{"id": "no-text", "body": "Huawei"}"#);
    line(br#"{"id": "number", "text": 42}"#);
    line(br#"{"id": "null", "text": null}"#);
    line(br#"{"id": "empty", "text": ""}"#);
    line(br#"{"id": "blank", "text": " \n\t "}"#);
    line(format!(r#"{{"id": "huge", "text": "{}"}}"#, "word ".repeat(100)).as_bytes());
    line(
        format!(
            r#"{{"text": "{}", "id": "huge-id-last"}}"#,
            "word ".repeat(100)
        )
        .as_bytes(),
    );
    line(br#"["id", "text"]"#);
    line(b"   ");
    line(br#"{"id": "good-2", "text": "Tencent's profit rose 12%.", "src": 7}"#);
    let out = run(
        &[
            "batch",
            "--max-bytes",
            "300",
            "--threads",
            "2",
            "--keep-fields",
            "src",
            "--quiet",
        ],
        &input,
    );
    assert_eq!(out.status.code(), Some(1), "a failed record makes status 1");
    assert!(out.stderr.is_empty(), "--quiet: no summary");
    let recs = records(&out.stdout);
    let expect: [(Option<&str>, u64, Option<&str>); 12] = [
        (Some("good-1"), 1, None),
        (
            Some("utf8"),
            2,
            Some("invalid UTF-8 at byte 27 of the line"),
        ),
        (
            Some("truncated"),
            3,
            Some("invalid JSON: EOF while parsing a string"),
        ),
        (Some("no-text"), 5, Some("missing field \"text\"")),
        (
            Some("number"),
            6,
            Some("field \"text\" is not a string (it is a number)"),
        ),
        (
            Some("null"),
            7,
            Some("field \"text\" is not a string (it is null)"),
        ),
        (Some("empty"), 8, Some("empty document: no text")),
        (Some("blank"), 9, Some("empty document: only whitespace")),
        (
            Some("huge"),
            10,
            Some("record is 526 bytes, over the limit of 300 (--max-bytes)"),
        ),
        // the id comes after the part of the line that was kept
        (
            None,
            11,
            Some("record is 534 bytes, over the limit of 300 (--max-bytes)"),
        ),
        (None, 12, Some("not a JSON object")),
        (Some("good-2"), 14, None),
    ];
    assert_eq!(recs.len(), expect.len(), "{recs:#?}");
    for (rec, (id, line, error)) in recs.iter().zip(expect) {
        match id {
            Some(id) => assert_eq!(rec["id"], id, "{rec}"),
            None => assert!(rec.get("id").is_none(), "{rec}"),
        }
        match error {
            Some(e) => {
                assert_eq!(rec["line"], line, "{rec}");
                let got = rec["error"].as_str().unwrap();
                assert!(got.starts_with(e), "{got:?} should start with {e:?}");
                assert!(rec.get("entities").is_none());
            }
            None => {
                assert!(rec.get("error").is_none(), "{rec}");
                assert!(!rec["entities"].as_array().unwrap().is_empty(), "{rec}");
            }
        }
    }
    // Kept fields ride along on results and errors alike, null where the record has none.
    assert_eq!(recs[0]["src"], "wire");
    assert_eq!(recs[11]["src"], 7);
    assert_eq!(recs[3]["src"], Value::Null);
    assert_eq!(recs[0]["statistics"][0]["value"], 5000000.0);
}

#[test]
fn all_good_records_exit_zero_with_a_summary() {
    let docs = corpus(5);
    let out = run(&["batch"], jsonl(&docs).as_bytes());
    assert!(out.status.success());
    assert_eq!(ids(&records(&out.stdout)), ids_of(&docs));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("5 documents, 0 errors;") && summary.contains("MB/s"),
        "{summary}"
    );
}

fn ids_of(docs: &[(String, String)]) -> Vec<&str> {
    docs.iter().map(|(id, _)| id.as_str()).collect()
}

#[test]
fn custom_field_names() {
    let input = concat!(
        "{\"doc\": \"x1\", \"body\": \"Huawei rose.\", \"id\": \"ignored\"}\n",
        "{\"doc\": 7, \"text\": \"not this one\"}\n",
    );
    let out = run(
        &["batch", "--id-field", "doc", "--text-field", "body", "-q"],
        input.as_bytes(),
    );
    let recs = records(&out.stdout);
    assert_eq!(recs[0]["id"], "x1");
    assert_eq!(recs[0]["entities"][0]["name"], "Huawei");
    assert_eq!(recs[1]["id"], "7");
    assert_eq!(recs[1]["error"], "missing field \"body\"");

    for bad in ["entities", "id", "error"] {
        let out = run(&["batch", "--keep-fields", bad], b"");
        assert_eq!(out.status.code(), Some(2), "--keep-fields {bad}");
    }
}

#[test]
fn output_order_and_content_do_not_depend_on_threads() {
    let docs = corpus(300);
    let input = jsonl(&docs);
    let one = run(
        &["batch", "--threads", "1", "--chunk-records", "7", "-q"],
        input.as_bytes(),
    );
    let three = run(
        &["batch", "--threads", "3", "--chunk-records", "50", "-q"],
        input.as_bytes(),
    );
    assert!(one.status.success() && three.status.success());
    assert_eq!(ids(&records(&one.stdout)), ids_of(&docs));
    assert!(
        one.stdout == three.stdout,
        "same bytes whatever the threads"
    );
}

#[test]
fn gzip_input_from_a_file_and_from_stdin() {
    use flate2::{write::GzEncoder, Compression};
    let docs = corpus(40);
    let (a, b) = docs.split_at(25);
    // Two gzip members back to back, as `cat a.gz b.gz` makes.
    let mut gz = Vec::new();
    for part in [a, b] {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(jsonl(part).as_bytes()).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let dir = scratch("gzip");
    let file = dir.join("corpus.jsonl.gz");
    std::fs::write(&file, &gz).unwrap();
    let plain = run(&["batch", "-q"], jsonl(&docs).as_bytes());
    let from_file = run(&["batch", "-q", "--input", p(&file)], b"");
    let from_stdin = run(&["batch", "-q", "--input", "-"], &gz);
    assert!(from_file.status.success(), "{from_file:?}");
    assert_eq!(ids(&records(&from_file.stdout)), ids_of(&docs));
    assert!(from_file.stdout == plain.stdout);
    assert!(from_stdin.stdout == plain.stdout);
}

#[test]
fn directory_of_text_files() {
    let dir = scratch("dir");
    let root = dir.join("corpus");
    let files: [(&str, &[u8]); 7] = [
        ("b/z.txt", b"Tencent fell."),
        ("a.txt", b"Huawei rose."),
        ("b/a/deep.txt", b"Alibaba said it would hire 300 engineers."),
        ("notes.md", b"Not an article."),
        ("empty.txt", b""),
        ("latin1.txt", b"Caf\xe9 owners met Huawei."),
        ("c.txt", b"Baidu grew."),
    ];
    for (name, body) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    let out = run(&["batch", "-q", "--input", p(&root)], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out.stdout);
    assert_eq!(
        ids(&recs),
        [
            "a.txt",
            "b/a/deep.txt",
            "b/z.txt",
            "c.txt",
            "empty.txt",
            "latin1.txt"
        ],
        "depth first, each directory in name order; .txt files only"
    );
    assert_eq!(recs[0]["entities"][0]["name"], "Huawei");
    assert_eq!(recs[4]["error"], "empty document: no text");
    assert_eq!(recs[5]["error"], "invalid UTF-8 at byte 3");
    assert!(recs[4].get("line").is_none());
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|row| {
            let row = row.unwrap();
            header
                .iter()
                .cloned()
                .zip(row.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_tables_keyed_by_document_id() {
    let dir = scratch("csv");
    let mut docs = corpus(30);
    docs[3].1 = String::new();
    let mut input = jsonl(&docs);
    input = input.replacen("\"text\"", "\"src\": \"wire\", \"text\"", 1);
    std::fs::write(dir.join("in.jsonl"), &input).unwrap();
    let json = records(&run(&["batch", "-q"], input.as_bytes()).stdout);
    let out_dir = dir.join("tables");
    let out = run(
        &[
            "batch",
            "-q",
            "--input",
            p(&dir.join("in.jsonl")),
            "--format",
            "csv",
            "--output",
            p(&out_dir),
            "--keep-fields",
            "src",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    let (header, documents) = read_csv(&out_dir.join("documents.csv"));
    assert_eq!(header.last().unwrap(), "src");
    assert_eq!(documents.len(), docs.len(), "one row per input record");
    assert_eq!(documents[0]["src"], "wire");
    assert_eq!(documents[3]["error"], "empty document: no text");
    assert_eq!(documents[3]["line"], "4");

    let (_, entities) = read_csv(&out_dir.join("entities.csv"));
    let (_, mentions) = read_csv(&out_dir.join("mentions.csv"));
    let (_, claims) = read_csv(&out_dir.join("claims.csv"));
    let (_, stats) = read_csv(&out_dir.join("statistics.csv"));
    let (_, quoted) = read_csv(&out_dir.join("quoted_terms.csv"));
    let count = |rows: &[HashMap<String, String>], id: &str| {
        rows.iter().filter(|r| r["doc_id"] == id).count()
    };
    let mut total_mentions = 0;
    for (rec, row) in json.iter().zip(&documents) {
        let id = rec["id"].as_str().unwrap();
        assert_eq!(row["doc_id"], id);
        if rec.get("error").is_some() {
            continue;
        }
        for (table, rows, key) in [
            ("entities", &entities, "entities"),
            ("claims", &claims, "claims"),
            ("statistics", &stats, "statistics"),
            ("quoted_terms", &quoted, "quoted_terms"),
        ] {
            let n = rec[key].as_array().unwrap().len();
            assert_eq!(count(rows, id), n, "{table} of {id}");
            assert_eq!(row[key], n.to_string());
        }
        for e in rec["entities"].as_array().unwrap() {
            total_mentions += e["mentions"].as_array().unwrap().len();
        }
    }
    assert_eq!(mentions.len(), total_mentions);
    assert!(!claims.is_empty() && !stats.is_empty());
    // Spans are byte offsets into the document's text.
    let text_of: HashMap<&str, &str> = docs.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
    for m in &mentions {
        let text = text_of[m["doc_id"].as_str()];
        let (s, e): (usize, usize) = (m["start"].parse().unwrap(), m["end"].parse().unwrap());
        assert_eq!(&text[s..e], m["text"]);
    }

    let out = run(&["batch", "--format", "csv"], b"");
    assert_eq!(out.status.code(), Some(2), "CSV needs an output directory");
}

#[test]
fn resume_repairs_a_torn_last_line() {
    let dir = scratch("torn");
    let docs = corpus(60);
    let input = dir.join("in.jsonl");
    std::fs::write(&input, jsonl(&docs)).unwrap();
    let full = run(&["batch", "-q", "--input", p(&input)], b"").stdout;
    let out = dir.join("out.jsonl");
    // A run that stopped in the middle of writing record 21.
    let end_of_20 = full
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(19)
        .unwrap()
        .0;
    for cut in [0, end_of_20 + 1, end_of_20 + 30, full.len()] {
        std::fs::write(&out, &full[..cut]).unwrap();
        let r = run(
            &[
                "batch",
                "--input",
                p(&input),
                "--output",
                p(&out),
                "--resume",
            ],
            b"",
        );
        assert!(r.status.success(), "{r:?}");
        assert!(
            std::fs::read(&out).unwrap() == full,
            "resumed at byte {cut}"
        );
        let note = String::from_utf8_lossy(&r.stderr);
        if cut == end_of_20 + 30 {
            assert!(
                note.contains("cut off a torn last record of 29 bytes"),
                "{note}"
            );
        }
    }
    // Resuming against another input is refused.
    std::fs::write(&out, &full[..end_of_20 + 1]).unwrap();
    let other = dir.join("other.jsonl");
    std::fs::write(&other, jsonl(&corpus(60)[1..])).unwrap();
    let r = run(
        &[
            "batch",
            "--input",
            p(&other),
            "--output",
            p(&out),
            "--resume",
        ],
        b"",
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("is this the input of that run?"),
        "{r:?}"
    );
    let r = run(&["batch", "--resume"], b"");
    assert_eq!(r.status.code(), Some(2), "--resume needs --output");
}

/// A scratch directory and 1,500 documents written to `in.jsonl` in it, one of them (700)
/// an error record among the results.
fn sigkill_corpus(name: &str) -> (PathBuf, Vec<(String, String)>, PathBuf) {
    let dir = scratch(name);
    let mut docs = corpus(1500);
    docs[700].1 = String::new();
    let input = dir.join("in.jsonl");
    std::fs::write(&input, jsonl(&docs)).unwrap();
    (dir, docs, input)
}

/// Runs claimlex with `args` and kills it with SIGKILL (on Unix: no chance to flush or clean
/// up) once `watch` holds more than `bytes`, at no particular point in a write.
fn kill_part_way(args: &[String], watch: &Path, bytes: u64) {
    let mut child = bin().args(args).stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    while std::fs::metadata(watch).map_or(0, |m| m.len()) <= bytes {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run finished before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[cfg(unix)]
#[test]
fn resume_after_sigkill_loses_and_duplicates_nothing() {
    let (dir, docs, input) = sigkill_corpus("sigkill");
    let out = dir.join("out.jsonl");
    let args = |resume: bool| {
        let mut a = vec![
            "batch".to_string(),
            "--input".into(),
            p(&input).into(),
            "--output".into(),
            p(&out).into(),
            "--chunk-records".into(),
            "10".into(),
            "--threads".into(),
            "2".into(),
        ];
        if resume {
            a.push("--resume".into());
        }
        a
    };

    kill_part_way(&args(false), &out, 100_000);
    let partial = std::fs::read(&out).unwrap();
    let done_before = partial.iter().filter(|&&b| b == b'\n').count();
    assert!(
        done_before > 0 && done_before < docs.len(),
        "killed part-way: {done_before} records"
    );

    let resumed = bin().args(args(true)).output().unwrap();
    assert_eq!(resumed.status.code(), Some(1), "the empty document failed");
    let recs = records(&std::fs::read(&out).unwrap());
    assert_eq!(ids(&recs), ids_of(&docs), "each id once, in input order");
    assert!(recs[700]["error"].is_string());

    // And the result is what an uninterrupted run writes.
    let whole = run(&["batch", "-q", "--input", p(&input)], b"");
    assert!(whole.stdout == std::fs::read(&out).unwrap());
}

/// The arguments of `batch` from `input` to CSV tables in `out`.
fn csv_batch(input: &Path, out: &Path) -> Vec<String> {
    [
        "batch",
        "--input",
        p(input),
        "--format",
        "csv",
        "--output",
        p(out),
    ]
    .map(String::from)
    .to_vec()
}

const TABLES: [&str; 6] = [
    "documents.csv",
    "entities.csv",
    "mentions.csv",
    "claims.csv",
    "quoted_terms.csv",
    "statistics.csv",
];

/// A CSV run cut short at any point of any table, as a killed run leaves it (every table at
/// least as far along as `documents.csv`), resumes to the tables of an uninterrupted run.
#[test]
fn csv_resume_cuts_back_to_whole_records() {
    let dir = scratch("csv-resume");
    let mut docs = corpus(80);
    docs[30].1 = String::new(); // an error record
    let input = dir.join("in.jsonl");
    std::fs::write(&input, jsonl(&docs)).unwrap();
    let full_dir = dir.join("full");
    let csv_args = |out: &Path| csv_batch(&input, out);
    bin().args(csv_args(&full_dir)).output().unwrap();
    let full: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| std::fs::read(full_dir.join(t)).unwrap())
        .collect();
    let part = dir.join("part");
    // documents.csv cut at a fraction of its bytes (mid-row or not), the others further on
    for (k, docs_frac) in [0.0, 0.02, 0.3, 0.5, 0.77, 1.0].into_iter().enumerate() {
        std::fs::create_dir_all(&part).unwrap();
        for (i, (t, bytes)) in TABLES.iter().zip(&full).enumerate() {
            let frac = if i == 0 {
                docs_frac
            } else {
                (docs_frac + 0.07 * ((i + k) % 4) as f64).min(1.0)
            };
            // at least the header and every row of the kept records
            let n = ((bytes.len() as f64 * frac) as usize).max(if i == 0 { 0 } else { 1 });
            let n = if i == 0 {
                n
            } else {
                n.max(rows_end(bytes, &full[0], docs_frac))
            };
            std::fs::write(part.join(t), &bytes[..n.min(bytes.len())]).unwrap();
        }
        let mut a = csv_args(&part);
        a.push("--resume".into());
        let r = bin().args(a).output().unwrap();
        assert_eq!(r.status.code(), Some(1), "one record failed: {r:?}");
        for (t, bytes) in TABLES.iter().zip(&full) {
            assert!(
                std::fs::read(part.join(t)).unwrap() == *bytes,
                "{t} after resuming at {docs_frac}"
            );
        }
    }
    // a run made with other columns is not resumed into
    let mut a = csv_args(&part);
    a.extend(["--resume".into(), "--keep-fields".into(), "source".into()]);
    let r = bin().args(a).output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("other --keep-fields options"),
        "{r:?}"
    );
}

/// Where the rows of a table that belong to the records whose rows end within `frac` of
/// documents.csv end: a killed run has written at least those.
fn rows_end(table: &[u8], documents: &[u8], frac: f64) -> usize {
    let cut = &documents[..(documents.len() as f64 * frac) as usize];
    // whole rows only: up to the last line break
    let cut = &cut[..cut.iter().rposition(|&b| b == b'\n').map_or(0, |x| x + 1)];
    let kept: std::collections::HashSet<String> = csv::Reader::from_reader(cut)
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    // rows are in input order: the kept records' rows are a prefix of the table
    let mut end = table.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut r = csv::Reader::from_reader(table);
    let mut rec = csv::StringRecord::new();
    while r.read_record(&mut rec).unwrap() && kept.contains(&rec[0]) {
        end = r.position().byte() as usize;
    }
    end
}

/// A CSV run killed with SIGKILL part-way, then resumed, gives the tables of an
/// uninterrupted run.
#[cfg(unix)]
#[test]
fn csv_resume_after_sigkill_loses_and_duplicates_nothing() {
    let (dir, docs, input) = sigkill_corpus("csv-sigkill");
    let args = |out: &Path, resume: bool| {
        let mut a = csv_batch(&input, out);
        a.extend(["--chunk-records", "10", "--threads", "2"].map(String::from));
        if resume {
            a.push("--resume".into());
        }
        a
    };
    let out = dir.join("part");
    let documents = out.join("documents.csv");
    kill_part_way(&args(&out, false), &documents, 10_000);
    let kept = std::fs::read(&documents).unwrap();
    let rows = kept.iter().filter(|&&b| b == b'\n').count();
    assert!(
        rows > 1 && rows <= docs.len(),
        "killed part-way: {rows} lines"
    );

    let resumed = bin().args(args(&out, true)).output().unwrap();
    assert_eq!(resumed.status.code(), Some(1), "the empty document failed");
    let whole = dir.join("whole");
    bin().args(args(&whole, false)).output().unwrap();
    for t in TABLES {
        assert!(
            std::fs::read(out.join(t)).unwrap() == std::fs::read(whole.join(t)).unwrap(),
            "{t}"
        );
    }
    let (_, rows) = read_csv(&out.join("documents.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(ids, ids_of(&docs), "each id once, in input order");
}
