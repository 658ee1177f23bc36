//! Helpers for integration tests that check output with real consumers:
//! Graphviz `dot` and the `mermaid` library in headless Chromium.
//!
//! Include from a test crate with
//! `#[path = "conformance/harness.rs"] mod harness;` (the folder has no
//! `main.rs`, so cargo does not build it as a test of its own).
//!
//! The tools come from `scripts/install-test-deps`. When they are missing the
//! helpers return [`SetupError`]; pass it to [`SetupError::skip_or_panic`]: the
//! test fails, unless `LANDSCAPE_SKIP_CONFORMANCE=1` is set, in which case it is
//! reported as skipped.
#![allow(dead_code)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The folder of this harness: `tests/conformance` in the crate.
pub fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("conformance")
}

/// A real consumer could not be run (not installed, failed to start).
#[derive(Debug)]
pub struct SetupError(pub String);

impl SetupError {
    /// Fail the test with a hint, or, when `LANDSCAPE_SKIP_CONFORMANCE` is set
    /// to a non-empty value other than `0`, print that the check was skipped.
    pub fn skip_or_panic(self, what: &str) {
        let skip =
            std::env::var("LANDSCAPE_SKIP_CONFORMANCE").is_ok_and(|v| !v.is_empty() && v != "0");
        if skip {
            eprintln!(
                "skipped {what}: {} (LANDSCAPE_SKIP_CONFORMANCE is set)",
                self.0
            );
        } else {
            panic!(
                "{what}: {}\nrun scripts/install-test-deps, or set LANDSCAPE_SKIP_CONFORMANCE=1 to skip",
                self.0
            );
        }
    }
}

/// One line of `render-mermaid.mjs` output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct MermaidResult {
    pub file: String,
    pub ok: bool,
    pub error: Option<String>,
    /// Node labels, edge labels and subgraph titles as shown, in SVG document
    /// order (subgraph titles, then edge labels, then nodes); `<br>` is "\n".
    pub texts: Vec<String>,
}

/// Which mermaid release `render_mermaid` loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mermaid {
    /// npm `mermaid`: the current release (12.x).
    Current,
    /// npm `mermaid11`: the 11.x line.
    V11,
}

/// Parse and render every file in one Chromium session; one result per file,
/// in order. `Err` only when the harness itself could not run.
pub fn render_mermaid(files: &[PathBuf], which: Mermaid) -> Result<Vec<MermaidResult>, SetupError> {
    let dir = conformance_dir();
    if !dir.join("node_modules").join("playwright-core").is_dir() {
        return Err(SetupError(format!("{} has no node_modules", dir.display())));
    }
    let pkg = match which {
        Mermaid::Current => "mermaid",
        Mermaid::V11 => "mermaid11",
    };
    let out = Command::new("node")
        .arg(dir.join("render-mermaid.mjs"))
        .args(["--mermaid", pkg, "--"])
        .args(files)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| SetupError(format!("cannot run node: {e}")))?;
    if out.status.code() != Some(0) {
        return Err(SetupError(format!(
            "render-mermaid.mjs exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let stdout = String::from_utf8(out.stdout)
        .map_err(|e| SetupError(format!("output is not UTF-8: {e}")))?;
    let results = stdout
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<MermaidResult>, _>>()
        .map_err(|e| SetupError(format!("bad output line from render-mermaid.mjs: {e}")))?;
    if results.len() != files.len() {
        return Err(SetupError(format!(
            "{} results for {} files",
            results.len(),
            files.len()
        )));
    }
    Ok(results)
}

/// What `dot -Tjson` made of a graph.
#[derive(Debug)]
pub struct DotRun {
    /// `dot`'s exit status was 0.
    pub ok: bool,
    /// `dot`'s warnings and errors.
    pub stderr: String,
    /// `(name, label text)` for every cluster, node and edge (edges are named
    /// `tail->head`) that draws a label, in `dot`'s order; label lines are
    /// joined with "\n" (dot draws no text for an empty line, so `a\n\nb`
    /// comes back as `a\nb`).
    pub labels: Vec<(String, String)>,
}

/// Run `dot -Tjson` on `src` (with a 60 s limit) and read the drawn labels
/// back from the `_ldraw_` text operations.
pub fn dot_labels(src: &str) -> Result<DotRun, SetupError> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| SetupError(format!("cannot run dot (graphviz): {e}")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = src.to_owned();
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child
            .try_wait()
            .map_err(|e| SetupError(format!("waiting for dot: {e}")))?
        {
            break st;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SetupError("dot took over 60 s".into()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    let out = out_reader.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let mut labels = Vec::new();
    if status.success() {
        let json: serde_json::Value = serde_json::from_slice(&out)
            .map_err(|e| SetupError(format!("dot -Tjson output is not JSON: {e}")))?;
        let objects = json["objects"].as_array().cloned().unwrap_or_default();
        let name_of = |gvid: &serde_json::Value| {
            objects
                .iter()
                .find(|o| o["_gvid"] == *gvid)
                .and_then(|o| o["name"].as_str())
                .unwrap_or("?")
                .to_owned()
        };
        let text_of = |o: &serde_json::Value| {
            let lines: Vec<&str> = o["_ldraw_"]
                .as_array()
                .map(|ops| {
                    ops.iter()
                        .filter(|op| op["op"] == "T")
                        .filter_map(|op| op["text"].as_str())
                        .collect()
                })
                .unwrap_or_default();
            (!lines.is_empty()).then(|| lines.join("\n"))
        };
        for o in &objects {
            if let Some(t) = text_of(o) {
                labels.push((o["name"].as_str().unwrap_or("?").to_owned(), t));
            }
        }
        for e in json["edges"].as_array().into_iter().flatten() {
            if let Some(t) = text_of(e) {
                labels.push((
                    format!("{}->{}", name_of(&e["tail"]), name_of(&e["head"])),
                    t,
                ));
            }
        }
    }
    Ok(DotRun {
        ok: status.success(),
        stderr,
        labels,
    })
}
