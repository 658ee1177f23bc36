//! Helpers shared by the test modules: running the binary, checking text through
//! the library, and reading fixtures.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use landscape::diag::{FileReport, Located, locate};
use landscape::source::{LoadError, SourceFile, decode};

/// The crate root, where `tests/`, `landscapes/` and `Cargo.toml` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A structural fixture by file name.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/structural").join(name)
}

/// The fixture's path relative to the crate root, as it appears in snapshots.
pub fn fixture_rel(name: &str) -> String {
    format!("tests/fixtures/structural/{name}")
}

/// The `landscape` binary, run from the crate root so that relative paths in
/// diagnostics are stable.
pub fn landscape() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_landscape"));
    cmd.current_dir(root());
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Checks text through the library and returns every diagnostic located.
pub fn check_text(text: &str) -> Vec<Located> {
    let source = SourceFile::new("test.yaml", text);
    let checked = landscape::check(&source);
    locate(&[FileReport {
        source: &source,
        diagnostics: &checked.diagnostics,
    }])
}

/// Checks raw bytes as the CLI does after reading them (encoding checks first).
/// `Err` carries the message of an unreadable file (exit 2).
pub fn check_bytes(bytes: &[u8]) -> Result<Vec<Located>, String> {
    match decode("test.yaml", bytes) {
        Ok(source) => {
            let checked = landscape::check(&source);
            Ok(locate(&[FileReport {
                source: &source,
                diagnostics: &checked.diagnostics,
            }]))
        }
        Err(LoadError::Invalid(source, diagnostics)) => Ok(locate(&[FileReport {
            source: &source,
            diagnostics: &diagnostics,
        }])),
        Err(LoadError::Unreadable(message)) => Err(message),
    }
}

/// Checks a fixture file through the library.
pub fn check_fixture(name: &str) -> Vec<Located> {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one diagnostic of `rule` in `diags`; fails, listing them all, when there is
/// not exactly one.
pub fn only<'a>(diags: &'a [Located], rule: &str) -> &'a Located {
    let found: Vec<&Located> = diags.iter().filter(|d| d.rule == rule).collect();
    assert_eq!(found.len(), 1, "expected one {rule}, got:\n{}", show(diags));
    found[0]
}

/// Asserts the diagnostic's rule and start position.
pub fn assert_at(d: &Located, rule: &str, line: usize, column: usize) {
    assert_eq!(
        (d.rule.as_str(), d.line, d.column),
        (rule, line, column),
        "diagnostic: {d:?}"
    );
}

/// `rule line:column message` per diagnostic, for failure messages.
pub fn show(diags: &[Located]) -> String {
    diags
        .iter()
        .map(|d| format!("{} {}:{} {}\n", d.rule, d.line, d.column, d.message))
        .collect()
}

/// The rule ids of the diagnostics, in output order.
pub fn rules(diags: &[Located]) -> Vec<&str> {
    diags.iter().map(|d| d.rule.as_str()).collect()
}

/// Runs `landscape validate --format json` on files and parses stdout.
pub fn validate_json(files: &[&Path]) -> (i32, serde_json::Value) {
    let out = landscape()
        .arg("validate")
        .arg("--format")
        .arg("json")
        .args(files)
        .output()
        .expect("run landscape");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// The systems block of a landscape with `n` systems `S0`…, one per line.
pub fn systems_block(n: usize) -> String {
    let mut s = String::from("systems:\n");
    for i in 0..n {
        s.push_str(&format!("  S{i}: {{}}\n"));
    }
    s
}

/// A landscape with two systems and `n` touchpoints between them.
pub fn with_touchpoints(n: usize) -> String {
    let mut s = String::from("title: Many touchpoints\nsystems:\n  A: {}\n  B: {}\ntouchpoints:\n");
    for _ in 0..n {
        s.push_str("  - {from: A, to: B}\n");
    }
    s
}

/// Zones `z0`…`z{n-1}`, each inside the previous one, and a system in the deepest.
pub fn zone_chain(n: usize) -> String {
    let mut s = String::from("title: Deep zones\nzones:\n  z0: {}\n");
    for i in 1..n {
        s.push_str(&format!("  z{i}: {{parent: z{}}}\n", i - 1));
    }
    s.push_str(&format!("systems:\n  CRM: {{zone: z{}}}\n", n - 1));
    s
}

/// A landscape whose system `A` has tags nested in `k` flow sequences: the document
/// is `3 + k` levels deep (top mapping, `systems`, `A`, then the sequences).
pub fn nested(k: usize) -> String {
    format!(
        "title: Deep\nsystems:\n  A: {{tags: {}{}}}\n",
        "[".repeat(k),
        "]".repeat(k)
    )
}
