//! Throughput of `Extractor::extract` on the example articles (and, when it is there, on the
//! first megabytes of ../shared/corpora/news.jsonl), with tokenizing, sentence splitting and
//! the statistics pass alone for comparison. The claim passes are not public on their own;
//! for their share of `extract`, count instructions with `valgrind --tool=callgrind` on a
//! release build.
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
