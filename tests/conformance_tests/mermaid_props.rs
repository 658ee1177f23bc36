//! Property test: mermaid shows arbitrary text exactly as written. Landscapes
//! whose names, labels and free-text fields mix Mermaid's and HTML's
//! metacharacters, flowchart keywords and arbitrary Unicode are rendered with
//! `-f mermaid`, and mermaid (both releases) draws all of them in one headless
//! Chromium session per release. Every diagram must be accepted, and the drawn
//! zone titles, system names and edge labels must be exactly the input after
//! `escape::normalize`: nothing lost, nothing added, nothing decoded. The free
//! text the Mermaid output does not show (descriptions, owners, touchpoint
//! names, error strategies) is generated just as hostile and adds no label. No
//! element or event attribute comes from user text, and `%%{init}%%` in it
//! changes nothing.
//!
//! The cases come from a fixed seed, so every run checks the same landscapes.
//! Shrinking would need a browser run per step, so a failure prints the
//! landscape and the Mermaid text of each failing case instead.
//! `LANDSCAPE_MERMAID_PROP_CASES` and `LANDSCAPE_MERMAID_PROP_SEED` run other
//! cases for exploration; the test as committed uses [`CASES`] and [`SEED`].

use std::path::{Path, PathBuf};

use landscape::emit::view::edge_label;
use landscape::emit::{Format, View};
use landscape::escape::normalize;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRunner};

use crate::common;
use crate::mermaid::drawn_title;

/// Landscapes per run.
const CASES: usize = 32;
/// The seed of the case generator.
const SEED: u64 = 0x6c61_6e64_7363_6170;

/// Text that means something to Mermaid's lexer, its markdown and math passes,
/// its HTML sanitizer, the front matter's YAML, or to Unicode rendering.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\\N",
    "\\n",
    "<",
    ">",
    "&",
    "&amp;",
    "&#65;",
    "&lt;",
    "&nbsp;",
    "#",
    "#35;",
    "#quot;",
    "#9829;",
    ";",
    "%%",
    "%%{init: {\"theme\":\"dark\"}}%%",
    "%%{wrap}%%",
    "end",
    "END",
    "graph",
    "flowchart",
    "subgraph",
    "click",
    "call",
    "href",
    "classDef",
    "class",
    "style",
    "linkStyle",
    "direction TB",
    "direction\u{A0}LR",
    "accTitle: x",
    "accDescr {",
    ":::",
    ":::danger",
    ":",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "((",
    "))",
    "[[",
    "]]",
    "[(",
    ")]",
    "[/",
    "/]",
    "{{",
    "}}",
    ">]",
    "-->",
    "---",
    "-.->",
    "==>",
    "~~~",
    "--o",
    "x--x",
    "|",
    "||",
    "`",
    "\"`",
    "`\"",
    "<br>",
    "<br/>",
    "<b>x</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "@{ shape: circle }",
    "A@",
    "*",
    "**bold**",
    "_x_",
    "~~s~~",
    "$x$",
    "$$x^2$$",
    "---\ntitle: x\n---",
    "1. item",
    "- item",
    "🚀",
    "👩\u{200D}💻",
    "🇩🇪",
    "👍🏽",
    "e\u{301}",
    "Z\u{364}\u{351}\u{334}\u{353}",
    "\u{915}\u{94D}\u{937}",
    "שלום",
    "مرحبا بالعالم",
    "abc\u{202E}def",
    "\u{2066}x\u{2069}",
    "a\u{200B}b",
    "\u{200D}",
    "\u{200E}",
    "\u{FEFF}",
    "\u{A0}",
    "\u{3000}",
    "\t",
    "\r\n",
    "\r",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{7}",
    "\u{1B}[31m",
    "\u{7F}",
    "\u{9B}",
    "\u{FFFD}",
    "\u{FFFE}",
    "\u{E0041}",
    "\u{10FFFF}",
    "\u{FDD0}",
    "\u{E000}",
    "ﬁ",
    "ß",
    "İ",
    "Ａ",
    "＜",
    "＂",
    "＃",
    "㌀",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
];

/// Separators between fragments: none (so fragments run together, as in `:#`
/// or `/…>`), a space, a line break.
const SEPARATORS: &[&str] = &["", "", "", " ", " ", "\n"];

/// One piece of a text.
fn fragment() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(HOSTILE).prop_map(String::from),
        3 => "[a-zA-Z0-9]{1,8}",
        2 => "[!-/:-@\\[-`{-~]{1,3}",
        3 => "\\PC{1,6}",
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Zа-я]{60,400}",
    ]
    .boxed()
}

/// A text as a user might write it: fragments with separators. Never blank
/// after normalization (that is an error, E003, checked elsewhere).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec((fragment(), prop::sample::select(SEPARATORS)), 1..8).prop_map(
        |parts| {
            let s: String = parts.iter().map(|(f, sep)| format!("{f}{sep}")).collect();
            if normalize(&s).is_empty() {
                format!("{s}x")
            } else {
                s
            }
        },
    )
}

/// The user text of one generated landscape.
#[derive(Debug, Clone)]
struct Case {
    title: String,
    description: String,
    zones: [String; 2],
    systems: [String; 3],
    system_description: String,
    owner: String,
    /// Touchpoint label, technology, name and error strategy, for A → B, B → C
    /// and C → A. A → B has a label, B → C a technology, C → A both.
    label: String,
    technology: String,
    both: (String, String),
    touchpoint_name: String,
    error_strategy: String,
    /// Pattern of each touchpoint, or none.
    patterns: [Option<&'static str>; 3],
}

fn pattern() -> impl Strategy<Value = Option<&'static str>> {
    proptest::option::of(prop::sample::select(
        landscape::pattern::Pattern::ALL
            .map(landscape::pattern::Pattern::as_str)
            .to_vec(),
    ))
}

fn case() -> impl Strategy<Value = Case> {
    (
        (text(), text(), [text(), text()], [text(), text(), text()]),
        (text(), text(), text(), text(), (text(), text())),
        (text(), text(), [pattern(), pattern(), pattern()]),
    )
        .prop_map(
            |(
                (title, description, zones, systems),
                (system_description, owner, label, technology, both),
                (touchpoint_name, error_strategy, patterns),
            )| Case {
                title,
                description,
                zones,
                systems,
                system_description,
                owner,
                label,
                technology,
                both,
                touchpoint_name,
                error_strategy,
                patterns,
            },
        )
}

/// A YAML double-quoted scalar holding exactly `s`: characters YAML does not
/// allow raw (controls, NEL, the Unicode line separators, BOM and the
/// noncharacters) are written as escapes, everything else as itself.
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                out.push_str(&format!("\\U{:08X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Case {
    fn yaml(&self) -> String {
        let q = |s: &str| yaml_str(s);
        let p = |i: usize| {
            self.patterns[i]
                .map(|p| format!(", pattern: {p}"))
                .unwrap_or_default()
        };
        format!(
            "landscape: 1\n\
             title: {}\n\
             description: {}\n\
             legend: {{show: false}}\n\
             zones:\n  \
               Z1: {{name: {}, role: salesforce}}\n  \
               Z2: {{name: {}, role: integration, parent: Z1}}\n\
             systems:\n  \
               A: {{name: {}, zone: Z1, description: {}, owner: {}}}\n  \
               B: {{name: {}, zone: Z2, status: new}}\n  \
               C: {{name: {}}}\n\
             touchpoints:\n  \
               - {{from: A, to: B, label: {}, name: {}, error_strategy: {}{}}}\n  \
               - {{from: B, to: C, technology: {}{}}}\n  \
               - {{from: C, to: A, label: {}, technology: {}{}}}\n",
            q(&self.title),
            q(&self.description),
            q(&self.zones[0]),
            q(&self.zones[1]),
            q(&self.systems[0]),
            q(&self.system_description),
            q(&self.owner),
            q(&self.systems[1]),
            q(&self.systems[2]),
            q(&self.label),
            q(&self.touchpoint_name),
            q(&self.error_strategy),
            p(0),
            q(&self.technology),
            p(1),
            q(&self.both.0),
            q(&self.both.1),
            p(2),
        )
    }

    /// Every label the diagram must show, from the user's text and the
    /// documented normalization alone: zone titles, system names, edge labels.
    fn expected_labels(&self, model: &landscape::model::Model) -> Vec<String> {
        let mut out: Vec<String> = self.zones.iter().map(|z| normalize(z)).collect();
        out.extend(self.systems.iter().map(|s| normalize(s)));
        for (t, second) in
            model
                .touchpoints
                .iter()
                .zip([&self.label, &self.technology, &self.both.0])
        {
            let label = edge_label(t.pattern, Some(&normalize(second)));
            out.push(label.expect("every touchpoint has a label"));
        }
        out.sort();
        out
    }

    /// The title as Mermaid's front matter shows it: normalized, one line, and
    /// `<` as its look-alike U+FF1C (see `emit::front_matter_title`).
    fn expected_title(&self) -> String {
        normalize(&self.title)
            .replace('\n', " ")
            .replace('<', "\u{FF1C}")
    }
}

/// `n` cases from `seed`: the same on every run and every machine (the
/// generator is ChaCha with a fixed seed, and nothing is read from or written
/// to a persistence file).
fn cases_from(n: usize, seed: u64) -> Vec<Case> {
    let config = Config {
        cases: n as u32,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = case();
    (0..n)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("a generated case")
                .current()
        })
        .collect()
}

/// The cases of this run: [`CASES`] from [`SEED`] unless the environment asks
/// for others.
fn cases() -> Vec<Case> {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let n = env("LANDSCAPE_MERMAID_PROP_CASES").map_or(CASES, |n| n as usize);
    cases_from(n, env("LANDSCAPE_MERMAID_PROP_SEED").unwrap_or(SEED))
}

/// Without a browser: the cases are the same on every run, and every one is a
/// valid landscape whose model holds the normalized text.
#[test]
fn mermaid_property_cases_are_fixed_and_valid() {
    let a = cases_from(CASES, SEED);
    let b = cases_from(CASES, SEED);
    assert_eq!(a.len(), CASES);
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x.yaml(), y.yaml(), "case {i}");
        case_drawing(i, x);
    }
    assert_ne!(cases_from(1, SEED + 1)[0].yaml(), a[0].yaml());
}

/// `s` with every run of over 12 letters written as `…N letters…`, so that a
/// failure summary fits on a line.
fn abbreviate(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        if n > 12 {
            out.push_str(&format!("…{n} letters…"));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_alphabetic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The items of `a` that are not in `b`, counting repeats.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest = b.to_vec();
    a.iter()
        .filter(|x| match rest.iter().position(|y| y == *x) {
            Some(i) => {
                rest.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// One diagram to draw and what it must show.
struct Drawing {
    /// Where it came from: `case 12` or a fixture path.
    name: String,
    /// The landscape, and the raw user text when generated, for failure messages.
    source: String,
    /// The Mermaid text.
    mmd: String,
    /// Zone titles, system names and edge labels, sorted.
    labels: Vec<String>,
    /// The front-matter title as drawn.
    title: String,
}

impl Drawing {
    fn failure(&self, what: &str) -> String {
        format!(
            "{}: {}\n{what}\n--- landscape ---\n{}\n--- mermaid ---\n{}\n",
            self.name,
            what.replace('\n', " "),
            self.source,
            self.mmd
        )
    }
}

/// The regression fixtures for Mermaid found by this test; their labels are
/// taken from the model, which the reader tests check against the file.
const FIXTURES: &[&str] = &["tests/fixtures/security/injection/mermaid-decode.yaml"];

fn fixture_drawing(path: &str) -> Drawing {
    let path = common::root().join(path);
    let model = common::load(&path);
    let d = landscape::emit::view::diagram(&model, &landscape::emit::DiagramOptions::default());
    let mut labels: Vec<String> = model.zones.iter().map(|z| z.name.clone()).collect();
    labels.extend(model.systems.iter().map(|s| s.name.clone()));
    labels.extend(d.edges.iter().filter_map(|e| e.label.clone()));
    labels.sort();
    Drawing {
        name: path.display().to_string(),
        source: std::fs::read_to_string(&path).expect("the fixture"),
        mmd: common::render(Format::Mermaid, &model, View::All),
        labels,
        title: model.title.replace('\n', " ").replace('<', "\u{FF1C}"),
    }
}

fn case_drawing(i: usize, case: &Case) -> Drawing {
    let yaml = case.yaml();
    let model = common::model_of(&format!("case-{i}.yaml"), &yaml);
    // The model holds the normalized text (checked here so that a failure below
    // is about Mermaid, not about reading the file).
    assert_eq!(model.title, normalize(&case.title), "case {i} title");
    for (z, raw) in model.zones.iter().zip(&case.zones) {
        assert_eq!(z.name, normalize(raw), "case {i} zone");
    }
    for (s, raw) in model.systems.iter().zip(&case.systems) {
        assert_eq!(s.name, normalize(raw), "case {i} system");
    }
    Drawing {
        name: format!("case {i}"),
        source: format!("{yaml}--- raw ---\n{case:#?}"),
        mmd: common::render(Format::Mermaid, &model, View::All),
        labels: case.expected_labels(&model),
        title: case.expected_title(),
    }
}

/// What is wrong with one rendered SVG beyond its label texts: the title, a
/// theme switched by user text, or an element or event attribute that user
/// text must never produce.
fn svg_problems(svg: &str, title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let drawn = drawn_title(svg);
    if drawn.as_deref() != Some(title) {
        out.push(format!("title {drawn:?}, expected {title:?}"));
    }
    // `%%{init: {"theme":"dark"}}%%` in user text must not switch the theme:
    // the dark theme's node fill is #1f2020.
    if svg.contains("#1f2020") {
        out.push("an init directive in user text took effect".into());
    }
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => {
            out.push(format!("the SVG does not parse: {e}"));
            return out;
        }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        // `i` is an icon (`fa:fa-car`), `math` KaTeX, the rest markup from text.
        if ["script", "img", "i", "b", "a", "math", "iframe", "object"].contains(&name.as_str()) {
            out.push(format!("a <{name}> element"));
        }
        if let Some(a) = node
            .attributes()
            .find(|a| a.name().to_ascii_lowercase().starts_with("on"))
        {
            out.push(format!("an event attribute {}", a.name()));
        }
    }
    out
}

#[test]
fn mermaid_shows_arbitrary_text_as_written() {
    if !common::have_mermaid("mermaid_shows_arbitrary_text_as_written") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = cases();
    let mut drawings: Vec<Drawing> = FIXTURES.iter().map(|f| fixture_drawing(f)).collect();
    drawings.extend(cases.iter().enumerate().map(|(i, c)| case_drawing(i, c)));
    let files: Vec<PathBuf> = drawings
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let path = dir.path().join(format!("drawing-{i:03}.mmd"));
            std::fs::write(&path, &d.mmd).expect("write .mmd");
            path
        })
        .collect();

    let mut failures = Vec::new();
    for package in ["mermaid", "mermaid11"] {
        let svg_dir = dir.path().join(format!("svg-{package}"));
        let results = common::run_mermaid(package, &files, &svg_dir);
        for ((r, d), file) in results.iter().zip(&drawings).zip(&files) {
            if !r.ok {
                let error = r.error.as_deref().unwrap_or("?");
                failures.push(d.failure(&format!("{package} rejected it: {error}")));
                continue;
            }
            let mut shown = r.texts.clone();
            shown.sort();
            if shown != d.labels {
                failures.push(d.failure(&format!(
                    "{package} shows {:?} instead of {:?}",
                    minus(&shown, &d.labels),
                    minus(&d.labels, &shown)
                )));
            }
            let name = Path::new(file).with_extension("svg");
            let svg_path = svg_dir.join(name.file_name().expect("file name"));
            let svg = std::fs::read_to_string(&svg_path).expect("the rendered SVG");
            for problem in svg_problems(&svg, &d.title) {
                failures.push(d.failure(&format!("{package}: {problem}")));
            }
        }
    }
    let summary: Vec<String> = failures
        .iter()
        .map(|f| abbreviate(f.lines().next().unwrap_or_default()))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures over {} drawings in two mermaid releases:\n{}\n\nthe first in full:\n{}",
        failures.len(),
        drawings.len(),
        summary.join("\n"),
        failures.first().map_or("", String::as_str)
    );
}
