//! The four diagnostic formats of SPEC §3: human (snapshotted), JSON (exact fields,
//! sorted, snapshotted), GitHub workflow commands (no forged commands) and SARIF
//! (valid against the SARIF 2.1.0 schema in `tests/schemas/`).

use std::path::{Path, PathBuf};

use crate::support::*;

/// A valid file that no rule has anything to say about, not even an info (the
/// example `landscapes/minimal.yaml` has a C111 info on its unconnected `ERP`).
const CLEAN: &str = "tests/fixtures/valid/minimal-connected.yaml";

fn stderr_of(args: &[&str]) -> String {
    let out = landscape().args(args).output().expect("run");
    String::from_utf8(out.stderr).expect("utf-8 stderr")
}

fn stdout_of(args: &[&str]) -> (i32, String) {
    let out = landscape().args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
    )
}

// ---- human -------------------------------------------------------------------------

#[test]
fn human_unknown_system() {
    let f = fixture_rel("E005-unknown-system.yaml");
    insta::assert_snapshot!(stderr_of(&["validate", &f]));
}

#[test]
fn human_duplicate_key() {
    let f = fixture_rel("E004-duplicate-key.yaml");
    insta::assert_snapshot!(stderr_of(&["validate", &f]));
}

#[test]
fn human_zone_cycle() {
    let f = fixture_rel("E006-zone-cycle.yaml");
    insta::assert_snapshot!(stderr_of(&["validate", &f]));
}

#[test]
fn human_many_errors() {
    let f = fixture_rel("many-independent-errors.yaml");
    insta::assert_snapshot!(stderr_of(&["validate", &f]));
}

#[test]
fn human_file_too_large_has_no_snippet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.yaml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(landscape::source::MAX_FILE_BYTES + 1)
        .expect("grow");
    let err = stderr_of(&["validate", path.to_str().expect("utf-8 path")]);
    assert!(err.contains("E010"), "{err}");
    assert!(err.contains("big.yaml:1:1"), "{err}");
}

#[test]
fn human_valid_file_prints_only_the_summary() {
    let err = stderr_of(&["validate", CLEAN]);
    assert_eq!(
        err,
        format!("{CLEAN}: valid (0 errors, 0 warnings, 0 info)\n")
    );
}

#[test]
fn human_output_has_no_colour_when_not_a_terminal() {
    let f = fixture_rel("many-independent-errors.yaml");
    let err = stderr_of(&["validate", &f]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn human_messages_escape_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("esc.yaml");
    std::fs::write(
        &path,
        "title: x\n\"k\\e[2J\\u0007\": 1\nsystems:\n  A: {}\n",
    )
    .expect("write");
    let err = stderr_of(&["validate", path.to_str().expect("utf-8 path")]);
    assert!(err.contains("\\u{1b}[2J\\u{7}"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn human_source_snippet_escapes_raw_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("raw-esc.yaml");
    std::fs::write(
        &path,
        b"title: \x1b[2J\x1b]0;pwned\x07\nsystems:\n  A: {}\n",
    )
    .expect("write");
    let err = stderr_of(&["validate", path.to_str().expect("utf-8 path")]);
    assert!(err.contains("E001"), "{err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "raw control characters on stderr: {err:?}"
    );
}

// ---- json --------------------------------------------------------------------------

#[test]
fn json_unknown_system() {
    let f = fixture_rel("E005-unknown-system.yaml");
    let (code, out) = stdout_of(&["validate", "--format", "json", &f]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn json_many_errors() {
    let f = fixture_rel("many-independent-errors.yaml");
    let (code, out) = stdout_of(&["validate", "--format", "json", &f]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn json_has_exactly_the_spec_fields() {
    let (_, json) = validate_json(&[&fixture("many-independent-errors.yaml")]);
    let items = json.as_array().expect("array");
    assert!(!items.is_empty());
    for item in items {
        let mut keys: Vec<&str> = item
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "column",
                "end_column",
                "end_line",
                "file",
                "help",
                "line",
                "message",
                "rule",
                "severity"
            ]
        );
        assert_eq!(item["severity"], "error");
        assert!(item["help"].is_string() || item["help"].is_null());
    }
}

#[test]
fn json_of_a_valid_file_is_an_empty_array() {
    let (code, json) = validate_json(&[Path::new(CLEAN)]);
    assert_eq!(code, 0);
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn json_is_sorted_by_file_line_column_rule() {
    // Given in reverse order on the command line.
    let files = [
        fixture("E005-unknown-system.yaml"),
        fixture("E002-unknown-key-top.yaml"),
        fixture("many-independent-errors.yaml"),
    ];
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (code, json) = validate_json(&refs);
    assert_eq!(code, 1);
    let keys: Vec<(String, u64, u64, String)> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let files: std::collections::BTreeSet<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    assert_eq!(files.len(), 3);
}

// ---- github ------------------------------------------------------------------------

/// A key and a file name full of workflow-command syntax: each diagnostic must stay
/// one `::error` line, with the user text percent-encoded.
#[test]
fn github_user_text_cannot_forge_a_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "a,b:c%d::e.yaml";
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "title: x\n\"evil\\n::error file=x.yaml,line=1::forged 100%0A, done\\r::add-mask::y\": 1\nsystems:\n  A: {}\n  B: {zone: \"%0A::warning::z\"}\n",
    )
    .expect("write");
    let out = landscape()
        .current_dir(dir.path())
        .args(["validate", "--format", "github", name])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\r'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    // The bad key (E002) and the bad zone id (E003).
    assert_eq!(lines.len(), 2, "one line per diagnostic:\n{text}");
    for line in &lines {
        assert!(
            line.starts_with("::error file=a%2Cb%3Ac%25d%3A%3Ae.yaml,line="),
            "{line}"
        );
        // The only `::` are the one after `::error` and the one before the message.
        let data = line.splitn(3, "::").nth(2).expect("data");
        assert!(!data.contains('\n'));
    }
    // The key's line feed and carriage return are shown as escapes in the message
    // text itself, and a literal `%0A` in it is percent-encoded, so neither can
    // start a new command.
    assert!(
        text.contains(
            "evil\\u{a}::error file=x.yaml,line=1::forged 100%250A, done\\u{d}::add-mask::y"
        ),
        "{text}"
    );
    assert!(text.contains("%250A::warning::z"), "{text}");
    // The help line travels inside the same command.
    assert!(lines[0].contains("%0Ahelp: "), "{}", lines[0]);
}

#[test]
fn github_one_line_per_json_diagnostic() {
    let f = fixture_rel("many-independent-errors.yaml");
    let (code, out) = stdout_of(&["validate", "--format", "github", &f]);
    assert_eq!(code, 1);
    let (_, json) = validate_json(&[&fixture("many-independent-errors.yaml")]);
    let n = json.as_array().map_or(0, Vec::len);
    assert_eq!(out.lines().count(), n, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn github_positions_match_json() {
    let f = fixture_rel("E005-unknown-system.yaml");
    let (_, out) = stdout_of(&["validate", "--format", "github", &f]);
    assert_eq!(
        out,
        "::error file=tests/fixtures/structural/E005-unknown-system.yaml,line=6,col=21,endLine=6,endColumn=25,title=E005::unknown system `ERPX`%0Ahelp: did you mean `ERP`?\n"
    );
}

// ---- sarif -------------------------------------------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json"))
        .expect("schema file");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    // The schema's `language` patterns have a stray `]` that JavaScript reads as a
    // literal and the Rust regex engine refuses; escape it here so that the schema
    // compiles with format checks (`uri`, `uri-reference`, `date-time`) on. The
    // committed file stays as published.
    let patched = escape_stray_bracket(&mut schema);
    assert!(patched >= 1, "the schema changed: review the patch");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn escape_stray_bracket(v: &mut serde_json::Value) -> usize {
    const JS: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(map) => {
            let mut n = 0;
            for (k, child) in map.iter_mut() {
                if k == "pattern" && child == JS {
                    *child = serde_json::json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
                    n += 1;
                } else {
                    n += escape_stray_bracket(child);
                }
            }
            n
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

fn assert_valid_sarif(doc: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

fn sarif_of(files: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["validate", "--format", "sarif"];
    args.extend_from_slice(files);
    let (code, out) = stdout_of(&args);
    (code, serde_json::from_str(&out).expect("SARIF is JSON"))
}

#[test]
fn sarif_schema_rejects_a_broken_log() {
    // The validator is not vacuous.
    let broken = serde_json::json!({"version": "2.0.0", "runs": [{"results": []}]});
    assert!(!sarif_validator().is_valid(&broken));
}

#[test]
fn sarif_of_every_structural_fixture_is_valid() {
    let dir = root().join("tests/fixtures/structural");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| fixture_rel(&e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (code, doc) = sarif_of(&refs);
    assert_eq!(code, 1);
    assert_valid_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= names.len());
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert_eq!(r["level"], "error");
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(
            uri.starts_with("tests/fixtures/structural/E") || uri.contains("many-independent"),
            "{uri}"
        );
    }
}

#[test]
fn sarif_of_a_valid_file_is_valid_with_no_results() {
    let (code, doc) = sarif_of(&[CLEAN]);
    assert_eq!(code, 0);
    assert_valid_sarif(&doc);
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), landscape::rules::RULES.len());
}

#[test]
fn sarif_with_awkward_paths_and_text_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "dir with space/ü %#?.yaml";
    std::fs::create_dir_all(dir.path().join("dir with space")).expect("mkdir");
    std::fs::write(
        dir.path().join(name),
        "title: x\n\"k\\\"\\n\\u2028\\u0000\": 1\nsystems:\n  A: {}\n",
    )
    .expect("write");
    let out = landscape()
        .current_dir(dir.path())
        .args(["validate", "--format", "sarif", name])
        .output()
        .expect("run");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_valid_sarif(&doc);
    let uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .expect("uri");
    assert_eq!(uri, "dir%20with%20space/%C3%BC%20%25%23%3F.yaml");
}

#[test]
fn sarif_of_a_file_too_large_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.yaml");
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(landscape::source::MAX_FILE_BYTES + 1))
        .expect("big file");
    let (code, doc) = sarif_of(&[path.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert_valid_sarif(&doc);
    assert_eq!(doc["runs"][0]["results"][0]["ruleId"], "E010");
}

/// SARIF counts columns in UTF-16 code units unless the run says
/// `columnKind: unicodeCodePoints`; landscape counts characters.
#[test]
fn sarif_columns_say_how_they_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rocket.yaml");
    std::fs::write(
        &path,
        "title: x\nsystems:\n  A: {name: \"🚀\", stauts: 1}\n",
    )
    .expect("write");
    let (_, doc) = sarif_of(&[path.to_str().expect("utf-8")]);
    let column =
        &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"];
    match doc["runs"][0]["columnKind"].as_str() {
        Some("unicodeCodePoints") => assert_eq!(column, 18),
        _ => assert_eq!(column, 19, "UTF-16 code units"),
    }
}
