//! Arbitrary Unicode in every drawn string (controls, bidi, `<>&"'`, backslashes,
//! `%%`, `-->`, XML and Markdown breakers): the landscape is valid, its SVG parses
//! as strict XML, holds no script, and shows every string as text after
//! `escape::normalize`; its JSON holds every string as the normalized text; and
//! resvg draws the SVG as a PNG of the SVG's size. Library only, so it runs
//! fast. The text generators are shared with `markdown.rs`.

use landscape::emit::{DiagramOptions, DrawOptions, Format, Templates, emit};
use landscape::escape::normalize;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

use crate::support::*;

/// A fixed, reproducible configuration: `cases` cases from ChaCha seeded with
/// `seed`, and no failure persistence file (a failure prints its minimal case).
pub fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// One piece of hostile text.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_map(String::from),
        2 => "[a-zA-Z0-9 ]{1,6}",
        3 => prop::sample::select(vec![
            "<", ">", "&", "\"", "'", "\\", "%%", "-->", "</text>", "<script>", "]]>",
            "<![CDATA[", "<!--", "&#1;", "&amp;", "javascript:", "\" onload=\"", "\n", "\r",
            "\r\n", "\t", " ", "\u{0}", "\u{1}", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}",
            "\u{200B}", "\u{200D}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}",
            "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{E0041}",
            "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "🚀", "👩\u{200D}💻", "é", "\u{301}",
            // Markdown: cells, emphasis, code, links, autolinks, HTML, blocks
            "|", "\\|", "*", "**", "_", "__", "`", "```", "~", "~~", "$", "$$", "[", "]",
            "[x](http://e.io)", "![i](u.png)", "[^1]", "[ ]", "<br>", "<b>", "<http://e.io>",
            "http://e.io", "https://", "www.e.io", "a@b.io", "@octocat", "mailto:a", "xmpp:a",
            ":smile:", "#", "# ", "- ", "+ ", "* ", "1. ", "1) ", "> ", "---", "===", "***",
            "    ", ":--", "&#64;", "&lt;", "&copy;", "\\n", "#1",
        ])
        .prop_map(String::from),
    ]
}

/// Hostile text that is not blank once normalized (blank names are E003).
pub fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..12)
        .prop_map(|v| v.concat())
        .prop_filter("blank after normalization", |s| !normalize(s).is_empty())
}

/// A YAML double-quoted scalar holding exactly `s`: printable ASCII as is, all else
/// as `\U` escapes.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// One landscape with hostile text in every drawn string: the strings as written.
#[derive(Debug, Clone)]
pub struct Case {
    title: String,
    zone: String,
    a: String,
    b: String,
    description: String,
    owner: String,
    label: String,
    technology: String,
    with_pattern: bool,
}

impl Case {
    /// The landscape file.
    fn yaml(&self) -> String {
        let pattern = if self.with_pattern {
            ", pattern: batch-sync, error_strategy: retry"
        } else {
            ""
        };
        format!(
            "title: {}\nzones:\n  Z: {{name: {}}}\nsystems:\n  A: {{name: {}, description: {}, owner: {}}}\n  B: {{name: {}, zone: Z}}\ntouchpoints:\n  - {{from: A, to: B, label: {}, technology: {}{pattern}}}\n",
            quoted(&self.title),
            quoted(&self.zone),
            quoted(&self.a),
            quoted(&self.description),
            quoted(&self.owner),
            quoted(&self.b),
            quoted(&self.label),
            quoted(&self.technology),
        )
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        (text(), text(), text(), text()),
        (text(), text(), text(), text()),
        any::<bool>(),
    )
        .prop_map(
            |((title, zone, a, b), (description, owner, label, technology), with_pattern)| Case {
                title,
                zone,
                a,
                b,
                description,
                owner,
                label,
                technology,
                with_pattern,
            },
        )
}

proptest! {
    #![proptest_config(config(96, 0x5356_4750_4e47))]

    #[test]
    fn any_text_is_drawn_as_text_in_an_inert_svg(c in case()) {
        let model = model_of(&c.yaml());
        prop_assert_eq!(&model.title, &normalize(&c.title));
        prop_assert_eq!(&model.zones[0].name, &normalize(&c.zone));
        prop_assert_eq!(&model.systems[0].name, &normalize(&c.a));
        prop_assert_eq!(&model.systems[1].name, &normalize(&c.b));
        prop_assert_eq!(model.systems[0].description.clone(), Some(normalize(&c.description)));
        prop_assert_eq!(model.touchpoints[0].label.clone(), Some(normalize(&c.label)));
        let opts = DiagramOptions::default();
        let svg = svg_of(&model, &opts);
        crate::svg::assert_every_string_is_text(&model, &opts, &svg);

        let json = emit(Format::Json, &model, &opts, &Templates::default(), &DrawOptions::default())
            .expect("JSON");
        let v: serde_json::Value = serde_json::from_slice(&json).expect("the JSON parses");
        let s = |v: &serde_json::Value| v.as_str().map(str::to_owned);
        prop_assert_eq!(s(&v["title"]), Some(normalize(&c.title)));
        prop_assert_eq!(s(&v["zones"][0]["name"]), Some(normalize(&c.zone)));
        prop_assert_eq!(s(&v["systems"][0]["name"]), Some(normalize(&c.a)));
        prop_assert_eq!(s(&v["systems"][0]["description"]), Some(normalize(&c.description)));
        prop_assert_eq!(s(&v["systems"][0]["owner"]), Some(normalize(&c.owner)));
        prop_assert_eq!(s(&v["systems"][1]["name"]), Some(normalize(&c.b)));
        prop_assert_eq!(s(&v["touchpoints"][0]["label"]), Some(normalize(&c.label)));
        prop_assert_eq!(s(&v["touchpoints"][0]["technology"]), Some(normalize(&c.technology)));
    }
}

proptest! {
    // Drawing a PNG costs about 50 ms a case in a debug build: fewer cases.
    #![proptest_config(config(32, 0x504e_4752_5356))]

    /// resvg (the PNG and PDF path) accepts the SVG of any text.
    #[test]
    fn resvg_draws_the_svg_of_any_text(c in case()) {
        let model = model_of(&c.yaml());
        let opts = DiagramOptions::default();
        let svg = svg_of(&model, &opts);
        assert_png_of_svg_size(&model, &opts, &svg);
    }
}

/// The PNG of the model, through `emit` and so through resvg: it is made, and it
/// is an image of the SVG's width and height (scale 1, rounded as resvg rounds)
/// with something drawn on it (not every pixel the same).
fn assert_png_of_svg_size(model: &landscape::model::Model, opts: &DiagramOptions, svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    let size = |name: &str| -> u32 {
        let v: f32 = doc
            .root_element()
            .attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no numeric `{name}` on <svg>"));
        (v.round() as u32).max(1)
    };
    let (w, h) = (size("width"), size("height"));
    let png = emit(
        Format::Png,
        model,
        opts,
        &Templates::default(),
        &DrawOptions::default(),
    )
    .unwrap_or_else(|e| panic!("resvg refused the SVG: {e}\n{svg}"));
    let image = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (w, h), "PNG size");
    let first = image.pixels()[0];
    assert!(
        image.pixels().iter().any(|p| *p != first),
        "the PNG is one colour"
    );
}
