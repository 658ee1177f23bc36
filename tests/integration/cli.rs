//! The command line as a user meets it (SPEC §3): exit codes 0/1/2, several files,
//! `init`, `schema`, `rules`, and every example landscape.

use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;

use crate::support::*;

fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

// ---- exit codes ----------------------------------------------------------------------

#[test]
fn a_valid_file_exits_0() {
    landscape()
        .args(["validate", "landscapes/minimal.yaml"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(contains("landscapes/minimal.yaml: valid"));
}

#[test]
fn an_invalid_file_exits_1() {
    landscape()
        .args(["validate", &fixture_rel("E005-unknown-system.yaml")])
        .assert()
        .code(1)
        .stderr(contains("E005"))
        .stderr(contains("E005-unknown-system.yaml:6:21"))
        .stderr(contains("did you mean `ERP`?"))
        .stderr(contains("invalid (1 error, 0 warnings, 0 info)"));
}

#[test]
fn a_missing_file_exits_2() {
    landscape()
        .args(["validate", "no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr(contains("no/such/file.yaml"));
}

#[test]
fn a_directory_exits_2() {
    landscape()
        .args(["validate", "landscapes"])
        .assert()
        .code(2)
        .stderr(contains("directory"));
}

#[test]
fn an_unknown_flag_exits_2() {
    landscape()
        .args(["validate", "--frobnicate", "landscapes/minimal.yaml"])
        .assert()
        .code(2)
        .stderr(contains("--frobnicate"));
}

#[test]
fn an_unknown_format_exits_2() {
    landscape()
        .args(["validate", "--format", "xml", "landscapes/minimal.yaml"])
        .assert()
        .code(2)
        .stderr(contains("xml"));
}

#[test]
fn validate_without_files_exits_2() {
    landscape().arg("validate").assert().code(2);
}

#[test]
fn no_subcommand_exits_2_and_help_exits_0() {
    landscape().assert().code(2);
    landscape()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(contains("validate"));
    landscape()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_missing_file_among_valid_ones_exits_2_and_still_checks_the_others() {
    let (code, json) = validate_json(&[
        std::path::Path::new("no-such.yaml"),
        &fixture("E005-unknown-system.yaml"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(json[0]["rule"], "E005");
}

#[test]
fn an_encoding_error_exits_1_with_a_located_e001() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.yaml");
    std::fs::write(&path, b"title: \xC3\x28\nsystems:\n  A: {}\n").expect("write");
    let (code, json) = validate_json(&[&path]);
    assert_eq!(code, 1);
    assert_eq!(json[0]["rule"], "E001");
    assert_eq!(
        (json[0]["line"].as_u64(), json[0]["column"].as_u64()),
        (Some(1), Some(8))
    );
}

// ---- --deny-warnings -------------------------------------------------------------------

/// `minimal.yaml` has one C111 info and nothing else: infos are not promoted.
#[test]
fn deny_warnings_keeps_a_clean_file_clean() {
    for format in ["human", "json", "github", "sarif"] {
        landscape()
            .args(["validate", "--deny-warnings", "--format", format])
            .arg("landscapes/minimal.yaml")
            .assert()
            .code(0);
    }
}

#[test]
fn deny_warnings_keeps_errors_errors() {
    landscape()
        .args(["validate", "--deny-warnings"])
        .arg(fixture("E007-self-touchpoint.yaml"))
        .assert()
        .code(1);
}

/// A retiring system without `replaced_by`: C113, a warning by default, and nothing
/// else (the system is connected, so C111 stays quiet).
const RETIRING: &str =
    "title: x\nsystems:\n  A: {status: retiring}\n  B: {}\ntouchpoints:\n  - {from: A, to: B}\n";

/// `(rule, severity, line, column)` of every diagnostic in a JSON report.
fn findings(json: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    json.as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn c113(severity: &str) -> Vec<(String, String, u64, u64)> {
    vec![("C113".into(), severity.into(), 3, 3)]
}

/// Runs `validate --format json` with extra flags before the file.
fn validate_json_with(flags: &[&str], path: &std::path::Path) -> (i32, serde_json::Value) {
    let out = landscape()
        .arg("validate")
        .args(flags)
        .args(["--format", "json"])
        .arg(path)
        .output()
        .expect("run landscape");
    let json = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn deny_warnings_turns_a_warning_into_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "retiring.yaml", RETIRING);
    let (code, json) = validate_json(&[&path]);
    assert_eq!(code, 0, "a warning alone does not fail: {json}");
    assert_eq!(findings(&json), c113("warning"), "{json}");
    landscape()
        .args(["validate"])
        .arg(&path)
        .assert()
        .code(0)
        .stderr(contains(
            "retiring.yaml: valid (0 errors, 1 warning, 0 info)",
        ));

    let (code, json) = validate_json_with(&["--deny-warnings"], &path);
    assert_eq!(code, 1, "{json}");
    assert_eq!(findings(&json), c113("error"), "{json}");
    landscape()
        .args(["validate", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(contains(
            "retiring.yaml: invalid (1 error, 0 warnings, 0 info)",
        ));
}

#[test]
fn lint_map_turns_c113_off_or_into_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");

    let off = temp_file(
        &dir,
        "off.yaml",
        &format!("{RETIRING}lint: {{C113: off}}\n"),
    );
    for flags in [&[][..], &["--deny-warnings"][..]] {
        let (code, json) = validate_json_with(flags, &off);
        assert_eq!(code, 0, "{flags:?}: {json}");
        assert_eq!(json, serde_json::json!([]), "{flags:?}");
    }

    let error = temp_file(
        &dir,
        "error.yaml",
        &format!("{RETIRING}lint: {{C113: error}}\n"),
    );
    let (code, json) = validate_json_with(&[], &error);
    assert_eq!(code, 1, "an error fails without --deny-warnings: {json}");
    assert_eq!(findings(&json), c113("error"), "{json}");
    landscape()
        .args(["validate"])
        .arg(&error)
        .assert()
        .code(1)
        .stderr(contains(
            "error.yaml: invalid (1 error, 0 warnings, 0 info)",
        ));
}

// ---- several files ------------------------------------------------------------------------

#[test]
fn several_files_report_all_and_exit_1_if_any_is_invalid() {
    let a = fixture_rel("E005-unknown-system.yaml");
    let b = fixture_rel("E007-self-touchpoint.yaml");
    landscape()
        .args(["validate", "landscapes/minimal.yaml", &a, &b])
        .assert()
        .code(1)
        .stderr(contains("E005-unknown-system.yaml:6:21"))
        .stderr(contains("E007-self-touchpoint.yaml:5:21"))
        .stderr(contains("landscapes/minimal.yaml: valid"))
        .stderr(contains("E005-unknown-system.yaml: invalid"))
        .stderr(contains("E007-self-touchpoint.yaml: invalid"));
    let (code, json) = validate_json(&[std::path::Path::new(&a), std::path::Path::new(&b)]);
    assert_eq!(code, 1);
    let rules: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert_eq!(rules, ["E005", "E007"]);
}

#[test]
fn several_valid_files_exit_0() {
    landscape()
        .args([
            "validate",
            "landscapes/minimal.yaml",
            "landscapes/enterprise.yaml",
        ])
        .assert()
        .code(0);
}

// ---- examples ------------------------------------------------------------------------------

#[test]
fn every_example_landscape_validates() {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("landscapes"))
        .expect("landscapes/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    for path in &paths {
        let (code, json) = validate_json(&[path]);
        assert_eq!(code, 0, "{}: {json}", path.display());
        let errors = json
            .as_array()
            .map_or(0, |a| a.iter().filter(|d| d["severity"] == "error").count());
        assert_eq!(errors, 0, "{}: {json}", path.display());
    }
}

// ---- init ----------------------------------------------------------------------------------

#[test]
fn init_to_stdout_validates_cleanly() {
    let out = landscape().arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("starter.yaml");
    std::fs::write(&path, &out.stdout).expect("write");
    let (code, json) = validate_json(&[&path]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn init_writes_a_file_that_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.yaml");
    landscape()
        .arg("init")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    let written = std::fs::read(&path).expect("written");
    let stdout = landscape().arg("init").output().expect("run").stdout;
    assert_eq!(written, stdout);
    landscape().arg("validate").arg(&path).assert().code(0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 1, "temp files left behind");
}

/// Written files get the permissions of any new file (0666 less the umask), and a
/// replaced file keeps its own, although they are staged in a temporary file.
#[cfg(unix)]
#[test]
fn written_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| {
        let m = std::fs::metadata(p).expect("metadata").permissions().mode();
        format!("{:o}", m & 0o777)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    // What this process's umask makes of a new file.
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").expect("write");
    let want = mode(&plain);
    let svg = dir.path().join("new.svg");
    landscape()
        .args(["render", "landscapes/minimal.yaml", "-o"])
        .arg(&svg)
        .assert()
        .code(0);
    assert_eq!(mode(&svg), want, "new file");
    let yaml = dir.path().join("new.yaml");
    landscape().arg("init").arg(&yaml).assert().code(0);
    assert_eq!(mode(&yaml), want, "init");
    std::fs::set_permissions(&svg, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    landscape()
        .args(["render", "landscapes/minimal.yaml", "-o"])
        .arg(&svg)
        .assert()
        .code(0);
    assert_eq!(mode(&svg), "640", "replaced file");
}

/// An output through a symbolic link replaces the file the link points at and
/// leaves the link; an output into a pipe or device (a FIFO here, `/dev/null` in
/// CI scripts) is written into it, never replaced by a plain file.
#[cfg(unix)]
#[test]
fn links_pipes_and_devices_stay_what_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.svg");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.svg");
    std::os::unix::fs::symlink("real.svg", &link).expect("symlink");
    landscape()
        .args(["render", "landscapes/minimal.yaml", "-o"])
        .arg(&link)
        .assert()
        .code(0);
    let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
    assert!(kind.is_symlink(), "the link was replaced");
    let svg = std::fs::read_to_string(&real).expect("real");
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..svg.len().min(40)]
    );
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    landscape()
        .args(["render", "landscapes/minimal.yaml", "-f", "mermaid", "-o"])
        .arg(&fifo)
        .assert()
        .code(0);
    // Checked before joining: a replaced pipe is never opened for writing, and its
    // reader would wait for ever.
    let kind = std::fs::symlink_metadata(&fifo).expect("pipe").file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
    let text = reader.join().expect("reader");
    assert!(
        text.starts_with("---") || text.contains("flowchart"),
        "{text}"
    );
}

#[test]
fn writing_into_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nowhere");
    landscape()
        .args(["render", "landscapes/minimal.yaml", "-o"])
        .arg(missing.join("x.svg"))
        .assert()
        .code(2)
        .stderr(contains(format!(
            "the folder `{}` does not exist",
            missing.display()
        )));
    assert!(!missing.exists());
}

/// A landscape of two 800-system chains in two zones running opposite ways, each
/// step linked to the one beside it: far past the layout engine's dummy budget.
fn opposed_chains() -> String {
    let mut text =
        String::from("title: Opposed chains\nzones:\n  a: {name: A}\n  b: {name: B}\nsystems:\n");
    for side in ["A", "B"] {
        for i in 0..800 {
            let zone = side.to_lowercase();
            text += &format!("  {side}{i}: {{name: {side}{i}, zone: {zone}}}\n");
        }
    }
    text += "touchpoints:\n";
    let mut link = |from: String, to: String| {
        text += &format!("  - {{from: {from}, to: {to}, pattern: batch-sync}}\n");
    };
    for i in 1..800 {
        link(format!("A{}", i - 1), format!("A{i}"));
        link(format!("B{i}"), format!("B{}", i - 1));
    }
    for i in 0..800 {
        link(format!("A{i}"), format!("B{i}"));
    }
    text
}

#[test]
fn a_landscape_too_large_to_lay_out_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "opposed.yaml", &opposed_chains());
    let (svg, mmd) = (dir.path().join("x.svg"), dir.path().join("x.mmd"));
    landscape()
        .arg("render")
        .arg(&path)
        .arg("-o")
        .arg(&mmd)
        .arg("-o")
        .arg(&svg)
        .assert()
        .code(2)
        .stderr(contains("cannot lay out this landscape"))
        .stderr(contains("the limit is 500000"))
        .stderr(contains("--view current"));
    assert!(!svg.exists() && !mmd.exists());
    // Formats that other tools lay out are still written.
    landscape()
        .arg("render")
        .arg(&path)
        .arg("-o")
        .arg(&mmd)
        .assert()
        .code(0);
    assert!(mmd.exists());
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "mine.yaml", "my precious landscape\n");
    landscape()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "my precious landscape\n"
    );
}

#[test]
fn init_into_a_missing_directory_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    landscape()
        .arg("init")
        .arg(dir.path().join("no/such/dir/x.yaml"))
        .assert()
        .code(2);
}

// ---- schema --------------------------------------------------------------------------------

fn schema() -> serde_json::Value {
    let out = landscape().arg("schema").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("schema is JSON")
}

#[test]
fn schema_top_level_properties_are_the_format_keys() {
    let s = schema();
    let mut keys: Vec<&str> = s["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut spec = [
        "landscape",
        "title",
        "description",
        "direction",
        "zones",
        "systems",
        "touchpoints",
        "legend",
        "theme",
        "lint",
    ];
    spec.sort_unstable();
    assert_eq!(keys, spec);
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["required"], serde_json::json!(["title", "systems"]));
}

/// The schema is a valid JSON Schema, and the example landscapes and the starter
/// (read as YAML into JSON) satisfy it; a typo does not.
#[test]
fn schema_accepts_the_examples_and_rejects_a_typo() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let mut files: Vec<(String, String)> = std::fs::read_dir(root().join("landscapes"))
        .expect("landscapes/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    let starter = landscape().arg("init").output().expect("run").stdout;
    files.push(("starter".into(), String::from_utf8(starter).expect("utf-8")));
    for (name, text) in &files {
        let doc: serde_json::Value = landscape_yaml_to_json(text);
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let typo = landscape_yaml_to_json("title: x\nsystems:\n  A: {stauts: new}\n");
    assert!(!validator.is_valid(&typo));
}

/// Reads YAML through the crate's own parser and converts the node tree to JSON,
/// keeping numbers as numbers.
fn landscape_yaml_to_json(text: &str) -> serde_json::Value {
    use landscape::parse::{Node, Value};
    fn conv(n: &Node) -> serde_json::Value {
        match &n.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b, _) => serde_json::Value::Bool(*b),
            Value::Number(t) => t
                .parse::<i64>()
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::String(t.clone())),
            Value::Str(s) => serde_json::Value::String(s.clone()),
            Value::Seq(items) => items.iter().map(conv).collect(),
            Value::Map(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let key = match &k.value {
                            Value::Str(s) | Value::Number(s) => s.clone(),
                            other => format!("{other:?}"),
                        };
                        (key, conv(v))
                    })
                    .collect(),
            ),
        }
    }
    let source = landscape::source::SourceFile::new("x.yaml", text);
    let node = landscape::parse::parse(&source).expect("parses");
    conv(&node)
}

// ---- rules ----------------------------------------------------------------------------------

#[test]
fn rules_lists_every_rule_once() {
    let out = landscape().arg("rules").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut want: Vec<String> = (1..=10).map(|n| format!("E{n:03}")).collect();
    want.extend((101..=116).map(|n| format!("C{n}")));
    assert_eq!(ids, want);
    assert!(
        text.contains("C107")
            && text
                .lines()
                .any(|l| l.starts_with("C111") && l.contains("info"))
    );
}

#[test]
fn help_mentions_the_subcommands() {
    landscape().arg("help").assert().code(0).stdout(
        contains("validate")
            .and(contains("init"))
            .and(contains("schema")),
    );
}
