//! Throughput of `Extractor::extract` on the example articles (and, when it is there, on the
//! first megabytes of ../shared/corpora/news.jsonl), with tokenizing, sentence splitting and
//! the statistics pass alone for comparison. The claim passes are not public on their own;
//! for their share of `extract`, count instructions with `valgrind --tool=callgrind` on a
//! release build.
//!
//! The issues measure throughput against a bare aho-corasick scan of 10,000 phrases over the
//! raw bytes; `baseline-aho-corasick` runs that scan (10,000 names of the built-in lexicon
//! entries, ASCII case-insensitive, leftmost-longest) over the same documents, so the two can
//! be compared on one machine in one hour (this machine's speed drifts).
//!
//! `cargo bench --bench extract`

use claimlex::{segment, tokenize, Extractor, StatisticsPass};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::io::{BufRead, BufReader};

fn examples() -> Vec<String> {
    vec![
        include_str!("../examples/chip-localization.txt").to_string(),
        include_str!("../examples/earnings-report.txt").to_string(),
        include_str!("../examples/trade-tensions.txt").to_string(),
        include_str!("../examples/gadget-review.txt").to_string(),
    ]
}

/// Up to `limit` bytes of article text from the shared corpus, if it is there.
fn corpus(limit: usize) -> Option<Vec<String>> {
    let f = std::fs::File::open("../shared/corpora/news.jsonl").ok()?;
    let mut out = Vec::new();
    let mut n = 0;
    for line in BufReader::new(f).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.ok()?).ok()?;
        let t = v["text"].as_str()?.to_string();
        n += t.len();
        out.push(t);
        if n >= limit {
            break;
        }
    }
    Some(out)
}

fn bench(c: &mut Criterion) {
    let ex = Extractor::new().expect("built-in lexicons load");
    let stats = StatisticsPass::new().expect("built-in statistics tables load");
    let names: Vec<&str> = ex
        .entries()
        .iter()
        .map(|e| e.name.as_str())
        .take(10_000)
        .collect();
    let phrases = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&names)
        .expect("10,000 names make an automaton");
    let mut sets = vec![("examples", examples())];
    if let Some(docs) = corpus(2 << 20) {
        sets.push(("news-2MB", docs));
    }
    for (name, docs) in sets {
        let bytes: usize = docs.iter().map(String::len).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("tokenize", |b| {
            b.iter(|| docs.iter().map(|d| tokenize(d).len()).sum::<usize>())
        });
        // Sentences and paragraphs, as the extractor computes them for the claim passes.
        let tokenized: Vec<_> = docs.iter().map(|d| (d.as_str(), tokenize(d))).collect();
        g.bench_function("segment", |b| {
            b.iter(|| {
                tokenized
                    .iter()
                    .map(|(d, t)| segment::sentences(d, t).len() + segment::paragraphs(d, t).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("baseline-aho-corasick", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| phrases.find_iter(d).count())
                    .sum::<usize>()
            })
        });
        g.bench_function("extract", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| ex.extract(d).entities.len())
                    .sum::<usize>()
            })
        });
        g.finish();
        // statistics alone: tokens made outside the timing
        let tokens: Vec<_> = docs.iter().map(|d| tokenize(d)).collect();
        let mut g = c.benchmark_group(format!("{name}-statistics"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("statistics", |b| {
            b.iter(|| {
                docs.iter()
                    .zip(&tokens)
                    .map(|(d, t)| stats.extract(d, t).len())
                    .sum::<usize>()
            })
        });
        g.finish();
    }
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("build", |b| b.iter(|| Extractor::new().unwrap()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
