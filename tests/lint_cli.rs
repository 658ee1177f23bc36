//! `landscape explain`, `landscape patterns` and `landscape rules` from the outside.

use assert_cmd::Command;
use predicates::str::contains;

fn landscape() -> Command {
    Command::cargo_bin("landscape").expect("binary")
}

#[test]
fn explain_prints_the_rule_with_both_examples() {
    landscape()
        .args(["explain", "C102"])
        .assert()
        .success()
        .stdout(contains("C102 request-reply-fallback (default: warning)"))
        .stdout(contains("Why it matters"))
        .stdout(contains("Fires on:"))
        .stdout(contains("fallback: use the last stored score"));
}

#[test]
fn explain_accepts_lowercase_and_structural_ids() {
    landscape()
        .args(["explain", "c114"])
        .assert()
        .success()
        .stdout(contains("technology-pattern-fit"));
    landscape()
        .args(["explain", "E005"])
        .assert()
        .success()
        .stdout(contains("cannot be turned off"));
}

#[test]
fn explain_an_unknown_rule_is_a_usage_error() {
    landscape()
        .args(["explain", "C1O2"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `C102`?"));
}

#[test]
fn patterns_lists_all_six() {
    let out = landscape().arg("patterns").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for n in 1..=6 {
        assert!(text.contains(&format!("P{n}  ")), "P{n} missing");
    }
    assert!(text.contains("trade-off:"));
    assert!(text.contains("Salesforce Connect"));
}

#[test]
fn recommend_from_flags_prints_the_pattern_and_the_path() {
    landscape()
        .args([
            "patterns",
            "--recommend",
            "--immediate-feedback",
            "--respond-within",
            "4s",
        ])
        .assert()
        .success()
        .stdout(contains("recommended: P1: Request-Reply"))
        .stdout(contains("4 s (within 10 s)"));
    landscape()
        .args([
            "patterns",
            "--recommend",
            "--immediate-feedback=false",
            "--volume",
            "50000",
        ])
        .assert()
        .success()
        .stdout(contains(
            "recommended: P3: Batch Sync (`batch-sync`), batch",
        ));
    landscape()
        .args([
            "patterns",
            "--recommend",
            "--immediate-feedback=false",
            "--volume",
            "10",
            "--change-driven",
        ])
        .assert()
        .success()
        .stdout(contains("P5: UI Update"));
}

#[test]
fn recommend_without_a_terminal_names_the_missing_flag() {
    landscape()
        .args(["patterns", "--recommend", "--immediate-feedback"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(contains("--respond-within"));
}

#[test]
fn recommend_flags_need_recommend() {
    landscape()
        .args(["patterns", "--volume", "5"])
        .assert()
        .code(2);
}

#[test]
fn rules_still_lists_the_catalogue() {
    landscape()
        .arg("rules")
        .assert()
        .success()
        .stdout(contains("C108  callout-timeout"))
        .stdout(contains("E010"));
}
