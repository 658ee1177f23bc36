//! SVG is pasted into other people's wikis: whatever the text, the file must be
//! well-formed XML that cannot run or load anything, and every user string must be
//! drawn as the text it is (after `escape::normalize`).

use landscape::emit::{DiagramOptions, View, view};
use landscape::escape::normalize;
use landscape::model::Model;

use crate::support::*;

/// Checks, for one rendering, that the title, every zone name, system name, tooltip
/// and edge label of `model` is in the SVG as text content.
pub fn assert_every_string_is_text(model: &Model, opts: &DiagramOptions, svg: &str) {
    let doc = assert_inert_svg(svg);
    let diagram = view::diagram(model, opts);
    let root = doc.root_element();

    // The title: in the document's <title> and as the heading.
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or("");
    assert_eq!(title, model.title);
    assert_eq!(model.title, normalize(&model.title));
    assert_eq!(text_of(root), model.title);

    // Zones: each frame title is a whole <text>, line breaks shown as spaces (drawn
    // after the edges, in their own group).
    let zone_texts: Vec<String> = groups_in(&doc, "zone-titles")
        .children()
        .filter(|c| c.has_tag_name("text"))
        .map(|c| c.text().unwrap_or("").to_string())
        .collect();
    for z in &model.zones {
        let want = z.name.replace('\n', " ");
        assert!(
            zone_texts.contains(&want),
            "zone {:?} not drawn; zone texts: {zone_texts:?}",
            z.name
        );
    }

    // Systems: one <g> each, in file order, its lines making up the name and its
    // <title> the tooltip.
    let mut shown: Vec<&view::NodeView> = diagram.systems.iter().collect();
    let mut stack: Vec<&view::ZoneView> = diagram.zones.iter().collect();
    while let Some(z) = stack.pop() {
        shown.extend(z.systems.iter());
        stack.extend(z.zones.iter());
    }
    shown.sort_by_key(|n| n.index);
    let groups: Vec<_> = groups_in(&doc, "systems")
        .children()
        .filter(|c| c.has_tag_name("g"))
        .collect();
    assert_eq!(groups.len(), shown.len());
    for (g, n) in groups.iter().zip(&shown) {
        let name = &model.systems[n.index].name;
        assert_eq!(squash(&text_of(*g)), squash(name), "system {name:?}");
        let tooltip = g
            .children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|c| c.text());
        assert_eq!(tooltip, n.tooltip.as_deref(), "tooltip of {name:?}");
    }

    // Edge labels: drawn in edge order, one text block each.
    let want: String = diagram
        .edges
        .iter()
        .filter_map(|e| e.label.as_deref())
        .collect();
    let got = text_of(groups_in(&doc, "labels"));
    assert_eq!(squash(&got), squash(&want));
}

fn load(rel: &str) -> Model {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture");
    model_of(&text)
}

#[test]
fn breakout_text_is_drawn_as_text_in_every_view() {
    for rel in [
        "tests/fixtures/security/injection/svg-breakout.yaml",
        "tests/fixtures/hostile/hostile.yaml",
    ] {
        let model = load(rel);
        for view in [View::All, View::Current, View::Target] {
            let opts = DiagramOptions {
                view,
                ..DiagramOptions::default()
            };
            assert_every_string_is_text(&model, &opts, &svg_of(&model, &opts));
        }
    }
}

/// The strings as written reach the model normalized: controls, U+FFFE/U+FFFF,
/// bidi controls and ZWSP dropped, NEL and the Unicode line separators turned into
/// line breaks, markup kept as text.
#[test]
fn breakout_strings_reach_the_model_as_written() {
    let model = load("tests/fixtures/security/injection/svg-breakout.yaml");
    let name = |id: &str| {
        model
            .systems
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    assert_eq!(name("TEXT"), "</text><script>alert(3)</script>");
    assert_eq!(name("ATTR"), "\" onload=\"alert(6)\" x=\"");
    assert_eq!(
        name("ENTITY"),
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]> &e; &#1; &amp; &#x3C;"
    );
    assert_eq!(name("CONTROLS"), "abcde\nf\ng\nhij");
    assert_eq!(
        model.title,
        "</title></text><script>alert(1)</script><text>"
    );
}

/// Through the binary: SVG to stdout and to a file, and the PNG and PDF drawn from
/// it (resvg parses our SVG strictly too).
#[test]
fn the_binary_renders_breakout_text_inert() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = fixture("injection/svg-breakout.yaml");
    let out = landscape()
        .arg("render")
        .arg(&fixture)
        .args(["-f", "svg"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let svg = String::from_utf8(out.stdout).expect("utf-8");
    assert_inert_svg(&svg);
    let (svg_path, png, pdf) = (
        dir.path().join("x.svg"),
        dir.path().join("x.png"),
        dir.path().join("x.pdf"),
    );
    landscape()
        .arg("render")
        .arg(&fixture)
        .arg("-o")
        .arg(&svg_path)
        .arg("-o")
        .arg(&png)
        .arg("-o")
        .arg(&pdf)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&svg_path).expect("svg"), svg);
    assert!(std::fs::read(&png).expect("png").starts_with(b"\x89PNG"));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
}

/// Colours are the one user value written into SVG attributes unescaped: a theme
/// that tries to break out of `fill="…"` is refused, and nothing is written.
#[test]
fn a_theme_colour_cannot_reach_an_attribute() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x.svg");
    landscape()
        .arg("render")
        .arg(fixture("theme/css-injection.yaml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
    // Valid colours in every theme slot are drawn as given.
    let model = model_of(
        "title: x\ntheme: {new: '#ABC', keeping: '#123456', retiring: '#fff', integration: '#0a0B0c', salesforce: '#111', external: '#222222'}\nzones:\n  s: {role: salesforce}\n  i: {role: integration}\nsystems:\n  A: {zone: s, status: new}\n  B: {zone: i}\n  C: {status: retiring, replaced_by: A}\ntouchpoints:\n  - {from: A, to: B}\n  - {from: B, to: C}\n",
    );
    let svg = svg_of(&model, &DiagramOptions::default());
    let doc = assert_inert_svg(&svg);
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in ["fill", "stroke"] {
            if let Some(v) = n.attribute(a) {
                assert!(
                    v == "none"
                        || (v.starts_with('#')
                            && matches!(v.len(), 4 | 7)
                            && v[1..].chars().all(|c| c.is_ascii_hexdigit())),
                    "{a}={v:?}"
                );
            }
        }
    }
}
