//! Helpers shared by the conformance tests: loading landscapes through the library,
//! rendering every format, and driving the real consumers (Graphviz `dot`, mermaid
//! in headless Chromium).

pub mod generate;
pub mod seeded;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use landscape::emit::{self, DiagramOptions, Format, Templates, View};
use landscape::model::Model;
use landscape::source::SourceFile;

/// Every text format, with the extension used for snapshots and files.
pub const FORMATS: [(Format, &str); 7] = [
    (Format::Mermaid, "mmd"),
    (Format::Dot, "dot"),
    (Format::Markdown, "md"),
    (Format::Table, "table.md"),
    (Format::Json, "json"),
    (Format::Svg, "svg"),
    (Format::Layout, "layout.json"),
];

/// Every view, with its command-line spelling.
pub const VIEWS: [(View, &str); 3] = [
    (View::All, "all"),
    (View::Current, "current"),
    (View::Target, "target"),
];

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.yaml` file directly in `dir` (relative to the crate root), sorted.
pub fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .yaml files in {dir}");
    files
}

/// The file name without its extension.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// Checks `text` with the library and returns the model; panics on any error.
pub fn model_of(name: &str, text: &str) -> Model {
    let checked = landscape::check(&SourceFile::new(name, text));
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == landscape::diag::Severity::Error)
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "{name} has errors: {errors:#?}");
    checked.model.expect("a model when there are no errors")
}

/// Reads and checks a landscape file.
pub fn load(path: &Path) -> Model {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    model_of(&path.display().to_string(), &text)
}

/// Renders one text format of a model with the built-in templates.
pub fn render(format: Format, model: &Model, view: View) -> String {
    let opts = DiagramOptions {
        view,
        ..DiagramOptions::default()
    };
    let bytes = emit::emit(
        format,
        model,
        &opts,
        &Templates::default(),
        &emit::DrawOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{format:?} failed: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{format:?} is not UTF-8: {e}"))
}

/// Prints straight to the process's stderr, past the test harness's capture, so a
/// skipped consumer test is seen even when it passes.
pub fn loud(msg: &str) {
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!! SKIPPED: {msg}\n\
         !!! install them with scripts/install-test-deps; set LANDSCAPE_REQUIRE_CONSUMERS=1\n\
         !!! to make this a failure (scripts/test does)\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    );
}

/// Decides whether a consumer test runs: `Some(reason)` for a missing consumer
/// either skips loudly or, under `LANDSCAPE_REQUIRE_CONSUMERS`, fails.
fn gate(test: &str, missing: Option<String>) -> bool {
    let Some(reason) = missing else {
        return true;
    };
    if std::env::var_os("LANDSCAPE_REQUIRE_CONSUMERS").is_some() {
        panic!("{test}: {reason}, and LANDSCAPE_REQUIRE_CONSUMERS is set");
    }
    loud(&format!("{test}: {reason}"));
    false
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// True when Graphviz `dot` (and coreutils `timeout`) can be run.
pub fn have_dot(test: &str) -> bool {
    let missing = if !runs("dot", "-V") {
        Some("Graphviz `dot` is not installed".to_string())
    } else if !runs("timeout", "--version") {
        Some("`timeout` (coreutils) is not installed".to_string())
    } else {
        None
    };
    gate(test, missing)
}

/// The mermaid harness directory.
pub fn harness_dir() -> PathBuf {
    root().join("tests/conformance")
}

/// True when node, Chromium and the harness's npm packages are there.
pub fn have_mermaid(test: &str) -> bool {
    let chromium =
        std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    let modules = harness_dir().join("node_modules");
    let missing = if !runs("node", "--version") {
        Some("node is not installed".to_string())
    } else if !Path::new(&chromium).exists() {
        Some(format!("Chromium is not installed at {chromium}"))
    } else if !modules.join("mermaid").is_dir() || !modules.join("playwright-core").is_dir() {
        Some(format!(
            "the npm packages are not installed in {}",
            modules.display()
        ))
    } else {
        None
    };
    gate(test, missing)
}

/// What `dot -Tjson` made of a DOT text.
pub struct DotRun {
    /// Exit status was 0.
    pub ok: bool,
    /// dot's JSON output (Null when it did not parse).
    pub json: serde_json::Value,
    /// dot's stderr.
    pub stderr: String,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs `timeout 60 dot -Tjson` on `dot_text`.
pub fn run_dot(dot_text: &str) -> DotRun {
    run_dot_format(dot_text, "-Tjson")
}

/// Runs `timeout 60 dot FORMAT` on `dot_text`.
pub fn run_dot_format(dot_text: &str, format: &str) -> DotRun {
    let start = Instant::now();
    let mut child = Command::new("timeout")
        .args(["60", "dot", format])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn timeout dot");
    let mut stdin = child.stdin.take().expect("stdin");
    let text = dot_text.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().expect("wait for dot");
    let _ = writer.join();
    DotRun {
        ok: out.status.success(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

/// Asserts that dot accepted a text cleanly: exit 0, JSON out, and none of the
/// layout failures Graphviz 2.43 reports on stderr.
pub fn assert_dot_clean(what: &str, run: &DotRun) {
    assert!(run.ok, "{what}: dot failed: {}", run.stderr);
    assert!(
        !run.json.is_null(),
        "{what}: dot printed no JSON: {}",
        run.stderr
    );
    for bad in ["trouble in init_rank", "lost"] {
        assert!(
            !run.stderr.contains(bad),
            "{what}: dot reported `{bad}`: {}",
            run.stderr
        );
    }
}

/// One line of the mermaid harness's output.
#[derive(Debug, serde::Deserialize)]
pub struct MermaidResult {
    /// The file rendered.
    pub file: String,
    /// Parsed and rendered.
    pub ok: bool,
    /// What went wrong.
    pub error: Option<String>,
    /// Visible label texts, in document order (`<br>` as LF).
    pub texts: Vec<String>,
}

/// Renders every file through `render-mermaid.mjs` in one Chromium session.
/// `svg_dir` also receives the rendered SVGs.
pub fn run_mermaid(package: &str, files: &[PathBuf], svg_dir: &Path) -> Vec<MermaidResult> {
    let script = harness_dir().join("render-mermaid.mjs");
    let out = Command::new("timeout")
        .arg("900")
        .arg("node")
        .arg(&script)
        .args(["--mermaid", package, "--timeout", "60000", "--svg-dir"])
        .arg(svg_dir)
        .args(files)
        .stdin(Stdio::null())
        .output()
        .expect("run node render-mermaid.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "render-mermaid.mjs failed ({}): {}\n{stdout}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<MermaidResult> = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad harness line {l}: {e}")))
        .collect();
    assert_eq!(results.len(), files.len(), "one result per file: {stdout}");
    results
}
