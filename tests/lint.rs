//! The architecture rules against their fixtures and the example landscapes.
//!
//! Every `tests/fixtures/lint/<id>-<slug>.yaml` states what it must produce in
//! `# expect: RULE SEVERITY LINE:COLUMN` lines (or `# expect: nothing`), and the test
//! compares the whole list of findings, so a fixture also proves that no other rule
//! fires on it. Files named `<id>-ok-…` are near misses for their rule.

use std::fs;
use std::path::{Path, PathBuf};

use landscape::source::SourceFile;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// `(rule, severity, line, column)` of every finding, in output order.
fn findings(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("readable");
    let source = SourceFile::new(path.display().to_string(), text);
    let checked = landscape::check(&source);
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let (line, col) = source.line_col(d.span.map_or(0, |s| s.start));
            format!("{} {} {line}:{col}", d.rule, d.severity.as_str())
        })
        .collect()
}

fn expectations(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("readable");
    let lines: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .collect();
    assert!(!lines.is_empty(), "{}: no `# expect:` line", path.display());
    lines
        .into_iter()
        .filter(|l| *l != "nothing")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_fixture_produces_exactly_what_it_expects() {
    let files = fixtures();
    assert!(files.len() >= 30);
    for path in files {
        assert_eq!(findings(&path), expectations(&path), "{}", path.display());
    }
}

#[test]
fn every_rule_has_a_firing_fixture_and_a_near_miss() {
    let files = fixtures();
    let ids = landscape::rules::RULES
        .iter()
        .filter(|r| !r.is_structural());
    for id in ids.map(|r| r.id) {
        let mine: Vec<&PathBuf> = files
            .iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|f| f.to_str())
                    .is_some_and(|f| f.starts_with(&format!("{id}-")))
            })
            .collect();
        let fires = mine.iter().any(|p| {
            !p.to_string_lossy().contains("-ok-")
                && expectations(p).iter().any(|e| e.starts_with(id))
        });
        let near_miss = mine.iter().any(|p| {
            p.to_string_lossy().contains("-ok-")
                && expectations(p).iter().all(|e| !e.starts_with(id))
        });
        assert!(fires, "{id}: no fixture that fires it");
        assert!(near_miss, "{id}: no near-miss fixture");
    }
}

/// `(rule, severity, subject)`: the subject is a backticked id the message names.
type Expected = (&'static str, &'static str, &'static str);

/// What each example landscape is expected to report (rule, severity, and the system
/// or touchpoint id the message names). Everything else must stay silent.
const EXPECTED: &[(&str, &[Expected])] = &[
    (
        "enterprise.yaml",
        &[
            ("C113", "warning", "`LEGACY`"),
            ("C115", "info", "`marketing-contact-sync`"),
        ],
    ),
    ("healthcare-payer.yaml", &[]),
    ("insurance-hub.yaml", &[]),
    ("minimal.yaml", &[("C111", "info", "`ERP`")]),
    ("retail-omnichannel.yaml", &[]),
    ("utilities-field-service.yaml", &[]),
];

#[test]
fn example_landscapes_report_only_what_they_intend() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("landscapes");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("landscapes folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(names, listed, "every example needs an entry in EXPECTED");
    for (name, expected) in EXPECTED {
        let path = dir.join(name);
        let text = fs::read_to_string(&path).expect("readable");
        let checked = landscape::check(&SourceFile::new(name.to_string(), text));
        assert!(checked.model.is_some(), "{name}: {:?}", checked.diagnostics);
        assert!(!checked.has_errors(), "{name}: {:?}", checked.diagnostics);
        assert_eq!(
            checked.diagnostics.len(),
            expected.len(),
            "{name}: {:?}",
            checked.diagnostics
        );
        for (d, (rule, severity, subject)) in checked.diagnostics.iter().zip(expected.iter()) {
            assert_eq!(d.rule, *rule, "{name}: {d:?}");
            assert_eq!(d.severity.as_str(), *severity, "{name}: {d:?}");
            assert!(d.message.contains(subject), "{name}: {d:?}");
        }
    }
}
