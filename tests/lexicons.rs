//! The built-in lexicons at scale: their sizes, ordinary prose on which they find nothing, and
//! (with the `cli` feature and the sources beside the repository) that the generated files are
//! what `build-lexicons` makes from the sources.

use claimlex::{EntityKind, Extractor, Source};
use std::path::Path;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

#[test]
fn builtin_lexicons_are_large() {
    let count = |k: EntityKind| extractor().entries().iter().filter(|e| e.kind == k).count();
    let orgs = count(EntityKind::Organization);
    let tech = count(EntityKind::Technology);
    let locs = count(EntityKind::Location);
    assert!(orgs >= 30_000, "{orgs} organizations");
    assert!(tech >= 5_000, "{tech} technologies");
    assert!(locs >= 6_000, "{locs} locations");
}

/// Ordinary prose full of words that are also names of companies, places and products
/// ("Target", "Next", "Gap", "Shell", "United", "Apple", "Reading", "Delta"), written for
/// this test: the generated lexicons must find nothing in it. (The curated files still
/// match some names that are common words where they open a sentence, "Apple crumble is
/// ...": they are case-sensitive `cs` entries, left as curated.)
#[test]
fn plain_prose_has_no_generated_entities() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/plain-prose");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    let mut words = 0;
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        words += text.split_whitespace().count();
        for e in extractor().extract(&text).entities {
            let generated =
                matches!(&e.source, Source::Lexicon { file, .. } if file.contains("generated/"));
            for m in e.mentions.iter().filter(|_| generated) {
                found.push(format!(
                    "{}: {} {:?} [{}] ({})",
                    f.file_name().unwrap().to_string_lossy(),
                    e.kind.as_str(),
                    m.text,
                    e.id,
                    m.rule
                ));
            }
        }
    }
    assert!(words >= 2_000, "{words} words");
    assert!(
        found.is_empty(),
        "generated-lexicon entities in plain prose:\n{}",
        found.join("\n")
    );
}

/// The names that are common words match where they are written as names, and only there.
#[test]
fn common_word_names_need_context() {
    let ex = extractor();
    let ids = |text: &str| -> Vec<String> {
        ex.extract(text)
            .entities
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    assert!(
        ids("Shares of Target fell 3% after the retailer cut its forecast.")
            .iter()
            .any(|i| i == "org:target")
    );
    assert!(ids("Target the weeds before they seed.").is_empty());
    assert!(ids("We hit the target twice.").is_empty());
}

/// Rebuilding the generated lexicons from the sources gives the committed files, byte for
/// byte. Needs the sources (`../shared/lexicon-sources`) and the word list
/// (`/usr/share/dict/american-english`); skipped, with a note, where they are missing.
#[cfg(feature = "cli")]
#[test]
fn generated_lexicons_rebuild_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = root.join("../shared/lexicon-sources");
    let words = Path::new("/usr/share/dict/american-english");
    if !sources.is_dir() || !words.is_file() {
        eprintln!(
            "skipped: {} or {} missing",
            sources.display(),
            words.display()
        );
        return;
    }
    let tmp = std::env::temp_dir().join(format!("claimlex-lexgen-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    // the curated files and support lists, without the generated/ folder
    std::fs::create_dir_all(tmp.join("support")).unwrap();
    for dir in ["", "support"] {
        for f in std::fs::read_dir(root.join("lexicons").join(dir)).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|x| x == "tsv" || x == "txt") {
                std::fs::copy(&p, tmp.join(dir).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    let mut build = std::process::Command::new(env!("CARGO_BIN_EXE_build-lexicons"));
    build
        .arg("--sources")
        .arg(&sources)
        .arg("--words")
        .arg(words)
        .arg("--lexicons")
        .arg(&tmp);
    // the census first-name lists are not among the shared sources: CLAIMLEX_CENSUS names
    // their folder (`names/` of the `names` 0.3.0 PyPI package; .ci/run fetches it)
    let census = std::env::var_os("CLAIMLEX_CENSUS").map(std::path::PathBuf::from);
    match &census {
        Some(dir) => {
            build.arg("--census").arg(dir);
        }
        None => eprintln!("claims/given_names_sex.tsv not rebuilt: CLAIMLEX_CENSUS is not set"),
    }
    assert!(build.status().unwrap().success());
    if census.is_some() {
        let built = std::fs::read(tmp.join("claims/given_names_sex.tsv")).unwrap();
        let committed = std::fs::read(root.join("lexicons/claims/given_names_sex.tsv")).unwrap();
        assert!(
            built == committed,
            "lexicons/claims/given_names_sex.tsv differs from a rebuild: run build-lexicons"
        );
    }
    for name in ["organizations.tsv", "locations.tsv", "technologies.tsv"] {
        let built = std::fs::read(tmp.join("generated").join(name)).unwrap();
        let committed = std::fs::read(root.join("lexicons/generated").join(name)).unwrap();
        assert!(
            built == committed,
            "lexicons/generated/{name} differs from a rebuild: run build-lexicons"
        );
        // and the committed file loads
        claimlex::Lexicon::parse(name, std::str::from_utf8(&committed).unwrap()).unwrap();
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}
