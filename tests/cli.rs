//! The command-line tool, run as a user would.
#![cfg(feature = "cli")]

mod common;

use std::process::Output;

fn claimlex(args: &[&str], stdin: &str) -> Output {
    common::run(args, stdin.as_bytes())
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn extract_an_example_article() {
    let out = claimlex(&["extract", "examples/chip-localization.txt"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "examples/chip-localization.txt");
    let names: Vec<&str> = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Global Times"), "{names:?}");
}

#[test]
fn extract_reads_stdin_and_pretty_prints() {
    let out = claimlex(&["extract", "--pretty", "-"], "Huawei makes chips.");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\n  \"entities\": ["), "{text}");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["entities"][0]["name"], "Huawei");
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Huawei rose.\"}\n",
        "not json\n",
        "{\"id\": \"c\"}\n",
        "\n",
        "{\"id\": 4, \"text\": 5}\n",
        "{\"id\": \"e\", \"text\": \"Tencent fell.\"}\n",
    );
    let out = claimlex(&["batch"], input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "bad records make the exit status 1"
    );
    let recs = lines(&out);
    assert_eq!(recs.len(), 5, "one record per non-blank input line");
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[0]["entities"][0]["name"], "Huawei");
    assert_eq!(recs[1]["line"], 2);
    assert!(recs[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));
    assert_eq!(recs[2]["id"], "c");
    assert_eq!(recs[2]["error"], "missing field \"text\"");
    assert_eq!(recs[3]["id"], "4");
    assert_eq!(
        recs[3]["error"],
        "field \"text\" is not a string (it is a number)"
    );
    assert_eq!(recs[4]["id"], "e");
}

#[test]
fn lexicon_flag_adds_and_no_builtin_removes() {
    let dir = std::env::temp_dir().join(format!("claimlex-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.tsv");
    std::fs::write(&good, "org:zq\torganization\tZorquat Labs\tZorquat\n").unwrap();
    let out = claimlex(
        &[
            "extract",
            "--no-builtin",
            "--lexicon",
            good.to_str().unwrap(),
        ],
        "Zorquat Labs beat Huawei.",
    );
    assert!(out.status.success());
    let doc = &lines(&out)[0];
    let ents = doc["entities"].as_array().unwrap();
    assert_eq!(ents.len(), 1);
    assert_eq!(ents[0]["id"], "org:zq");

    let bad = dir.join("bad.tsv");
    std::fs::write(
        &bad,
        "org:a\torganization\tA Co\n\norg:a\torganization\tB Co\n",
    )
    .unwrap();
    let out = claimlex(&["extract", "--lexicon", bad.to_str().unwrap()], "x");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv:3: duplicate id org:a"), "{err}");
}
