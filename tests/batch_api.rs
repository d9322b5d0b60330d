//! The library's batch API: one extractor shared by threads, documents in input order.

use claimlex::{Document, Extractor};

#[test]
fn extractor_is_send_and_sync() {
    // Fails to compile, not just to pass, if the extractor stops being shareable.
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
    assert_send_sync::<Document>();
}

fn docs(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let text = match i % 3 {
                0 => format!("Huawei sold {i} phones, Li Jun said."),
                1 => String::new(),
                _ => format!("\"We grew {i}%,\" Tencent said in a statement."),
            };
            (format!("d{i}"), text)
        })
        .collect()
}

#[test]
fn batch_matches_one_by_one_in_order() {
    let ex = Extractor::new().unwrap();
    let input = docs(101);
    let expect: Vec<Document> = input
        .iter()
        .map(|(id, t)| ex.extract_with_id(id, t))
        .collect();
    let got: Vec<Document> = ex
        .extract_batch(input.iter().map(|(i, t)| (i, t)))
        .chunk_size(8)
        .collect();
    assert_eq!(got, expect);
}

#[cfg(feature = "rayon")]
#[test]
fn batch_runs_on_the_callers_rayon_pool() {
    let ex = Extractor::new().unwrap();
    let input = docs(64);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let ids: Vec<String> = pool.install(|| ex.extract_batch(input.clone()).map(|d| d.id).collect());
    let want: Vec<String> = input.into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, want);
}
