//! Helpers for the hostile-input tests: the binary, the library, and a strict look
//! at the SVG we produce.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use landscape::diag::{FileReport, Located, Severity, locate};
use landscape::emit::{DiagramOptions, DrawOptions, Format, Templates, emit};
use landscape::model::Model;
use landscape::source::{LoadError, SourceFile, decode};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A security fixture by its path under `tests/fixtures/security/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/security").join(name)
}

/// The binary, run from the crate root, with a generous time limit: hostile input
/// must never hang it.
pub fn landscape() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_landscape"));
    cmd.current_dir(root());
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// What reading and checking bytes gives: the diagnostics located, or the message of
/// an unreadable file (exit 2).
pub fn check_bytes(bytes: &[u8]) -> Result<Vec<Located>, String> {
    let (source, diagnostics) = match decode("test.yaml", bytes) {
        Ok(source) => {
            let checked = landscape::check(&source);
            (source, checked.diagnostics)
        }
        Err(LoadError::Invalid(source, diagnostics)) => (source, diagnostics),
        Err(LoadError::Unreadable(message)) => return Err(message),
    };
    Ok(locate(&[FileReport {
        source: &source,
        diagnostics: &diagnostics,
    }]))
}

/// `(rule, line, column)` of every error.
pub fn errors(diags: &[Located]) -> Vec<(String, usize, usize)> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule.clone(), d.line, d.column))
        .collect()
}

/// The model of a text that must have no errors (warnings are allowed).
pub fn model_of(text: &str) -> Model {
    let checked = landscape::check(&SourceFile::new("t.yaml", text));
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    checked.model.expect("a model")
}

/// The SVG of a model (default options).
pub fn svg_of(model: &Model, opts: &DiagramOptions) -> String {
    let bytes = emit(
        Format::Svg,
        model,
        opts,
        &Templates::default(),
        &DrawOptions::default(),
    )
    .expect("SVG");
    String::from_utf8(bytes).expect("UTF-8")
}

/// Parses the SVG as strict XML and checks it cannot run or load anything: no
/// script, foreignObject, link, `use` or image element, no event handler, no
/// `href` or `style` attribute, no CDATA section, no comment, no processing
/// instruction or DTD. Returns the parsed document for further checks.
pub fn assert_inert_svg(svg: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, opts)
        .unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"));
    let lower = svg.to_ascii_lowercase();
    for needle in [
        "<script",
        "<![cdata[",
        "<!--",
        "<?",
        "<!doctype",
        "<!entity",
    ] {
        assert!(!lower.contains(needle), "`{needle}` in the SVG:\n{svg}");
    }
    for node in doc.descendants() {
        assert!(
            !node.is_comment() && !node.is_pi(),
            "comment or processing instruction in the SVG"
        );
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "script" | "foreignobject" | "a" | "use" | "image" | "iframe" | "style"
            ),
            "element <{name}> in the SVG"
        );
        for a in node.attributes() {
            let an = a.name().to_ascii_lowercase();
            assert!(!an.starts_with("on"), "event attribute `{an}` in the SVG");
            assert!(
                an != "href" && an != "style" && an != "src",
                "attribute `{an}` in the SVG"
            );
            assert!(
                !a.value().to_ascii_lowercase().contains("javascript:"),
                "`javascript:` in attribute `{an}`"
            );
        }
    }
    doc
}

/// The text content of every `<text>` child of `g`, joined.
pub fn text_of(g: roxmltree::Node<'_, '_>) -> String {
    g.children()
        .filter(|c| c.has_tag_name("text"))
        .map(|c| c.text().unwrap_or(""))
        .collect()
}

/// The direct `<g>` children of the group with `class="…"`.
pub fn groups_in<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .unwrap_or_else(|| panic!("no <g class=\"{class}\">"))
}

/// `s` without any whitespace: drawn text is wrapped at spaces, so line breaks and
/// runs of spaces are not compared.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every file in `dir` whose name starts with `.landscape-` (our temp files).
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(".landscape-"))
                })
                .collect()
        })
        .unwrap_or_default()
}
