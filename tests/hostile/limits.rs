//! Limits through the binary and the emitters (tests/integration covers each E010
//! limit through the library): a file at the limits renders, one past writes
//! nothing; alias expansion within the scalar budget passes, past it is E010; the
//! longest legal strings go through every format.

use landscape::emit::{DiagramOptions, DrawOptions, Format, Templates, emit};

use crate::support::*;

fn systems(n: usize) -> String {
    let mut s = String::from("title: Many\nlint: {C111: off}\nsystems:\n");
    for i in 0..n {
        s.push_str(&format!("  S{i}: {{}}\n"));
    }
    s
}

#[test]
fn ten_thousand_systems_render_and_one_more_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = dir.path().join("ok.yaml");
    std::fs::write(&ok, systems(10_000)).expect("write");
    let (json, md) = (dir.path().join("ok.json"), dir.path().join("ok.md"));
    landscape()
        .arg("render")
        .arg(&ok)
        .arg("-o")
        .arg(&json)
        .arg("-o")
        .arg(&md)
        .assert()
        .code(0);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("valid JSON");
    assert_eq!(v["systems"].as_array().map(Vec::len), Some(10_000));

    let over = dir.path().join("over.yaml");
    std::fs::write(&over, systems(10_001)).expect("write");
    let out = dir.path().join("over.json");
    landscape()
        .arg("render")
        .arg(&over)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("E010"));
    assert!(!out.exists());
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// Two anchored lists of 100 strings of 4,000 characters, and `n` systems tagged
/// with them alternately: the expanded text is `n` × 400,000 bytes. `n` stays under
/// 100 aliases, so serde-saphyr's alias/anchor ratio heuristic is not what stops it.
fn alias_tags(n: usize) -> String {
    let list = vec![format!("\"{}\"", "x".repeat(4000)); 100].join(", ");
    let mut s = format!(
        "title: x\nlint: {{C111: off}}\nsystems:\n  L1: {{tags: &l1 [{list}]}}\n  L2: {{tags: &l2 [{list}]}}\n"
    );
    for i in 0..n {
        s.push_str(&format!("  S{i}: {{tags: *l{}}}\n", 1 + i % 2));
    }
    s
}

#[test]
fn alias_expansion_within_the_scalar_budget_passes_and_past_it_is_e010() {
    // ~30 MB expanded: allowed (aliases are legal, every string is under 4,096).
    let d = check_bytes(alias_tags(75).as_bytes()).expect("readable");
    assert_eq!(errors(&d), Vec::new(), "75 × 400 kB");
    // ~36 MB expanded: over the 32 MiB scalar budget, stopped while parsing.
    let d = check_bytes(alias_tags(90).as_bytes()).expect("readable");
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "E010");
}

/// A realistic use of merge keys: 150 systems share one `&base` (a few kilobytes
/// expanded). The SPEC allows anchors, aliases and merges within E010's budgets, and
/// this is far within them.
#[test]
fn many_merges_of_one_small_anchor_are_allowed() {
    let mut s = String::from(
        "title: x\nlint: {C111: off}\nzones:\n  ext: {}\nsystems:\n  S0: &base {zone: ext, owner: IT}\n",
    );
    for i in 1..150 {
        s.push_str(&format!("  S{i}: {{<<: *base, name: n{i}}}\n"));
    }
    let d = check_bytes(s.as_bytes()).expect("readable");
    assert_eq!(errors(&d), Vec::new());
}

/// Strings of exactly 4,096 characters in every text field, with markup, go through
/// every format; the SVG stays inert.
#[test]
fn longest_legal_strings_render_in_every_format() {
    let long = |c: &str| c.repeat(4096 / c.chars().count());
    let text = format!(
        "title: \"{t}\"\nsystems:\n  A: {{name: \"{n}\", description: \"{d}\", owner: \"{d}\"}}\n  B: {{name: \"{n}\"}}\ntouchpoints:\n  - {{from: A, to: B, pattern: batch-sync, error_strategy: \"{d}\", technology: \"{l}\", label: \"{l}\"}}\n",
        t = long("<&"),
        n = long("</text> "),
        d = long("\\\""),
        l = long("--> %%"),
    );
    let model = model_of(&text);
    assert_eq!(
        model.systems[0].name.chars().count(),
        4096 - 1,
        "trailing space trimmed"
    );
    let opts = DiagramOptions::default();
    for format in [
        Format::Mermaid,
        Format::Dot,
        Format::Markdown,
        Format::Table,
        Format::Json,
        Format::Layout,
        Format::Svg,
        Format::Png,
        Format::Pdf,
    ] {
        let bytes = emit(
            format,
            &model,
            &opts,
            &Templates::default(),
            &DrawOptions::default(),
        );
        let bytes = match (format, bytes) {
            (_, Ok(bytes)) => bytes,
            // The 4,096-character title is drawn on one line: the image is wider
            // than the PNG pixel cap allows, which must be a clean error.
            (Format::Png, Err(e)) if e.contains("over the limit") => continue,
            (_, Err(e)) => panic!("{format:?}: {e}"),
        };
        assert!(!bytes.is_empty(), "{format:?}");
        if format == Format::Svg {
            crate::svg::assert_every_string_is_text(
                &model,
                &opts,
                std::str::from_utf8(&bytes).expect("utf-8"),
            );
        }
    }
}
