//! Arbitrary Unicode in every drawn string (controls, bidi, `<>&"'`, backslashes,
//! `%%`, `-->`, XML breakers): the landscape is valid, its SVG parses as strict XML,
//! holds no script, and shows every string as text after `escape::normalize`.
//! Library only, so it runs fast.

use landscape::emit::DiagramOptions;
use landscape::escape::normalize;
use proptest::prelude::*;

use crate::support::*;

/// One piece of hostile text.
fn piece() -> impl Strategy<Value = String> {
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
        ])
        .prop_map(String::from),
    ]
}

/// Hostile text that is not blank once normalized (blank names are E003).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..12)
        .prop_map(|v| v.concat())
        .prop_filter("blank after normalization", |s| !normalize(s).is_empty())
}

/// A YAML double-quoted scalar holding exactly `s`: printable ASCII as is, all else
/// as `\U` escapes.
fn quoted(s: &str) -> String {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_drawn_as_text_in_an_inert_svg(
        title in text(),
        zone in text(),
        a in text(),
        b in text(),
        description in text(),
        owner in text(),
        label in text(),
        technology in text(),
        with_pattern in any::<bool>(),
    ) {
        let pattern = if with_pattern { ", pattern: batch-sync, error_strategy: retry" } else { "" };
        let yaml = format!(
            "title: {}\nzones:\n  Z: {{name: {}}}\nsystems:\n  A: {{name: {}, description: {}, owner: {}}}\n  B: {{name: {}, zone: Z}}\ntouchpoints:\n  - {{from: A, to: B, label: {}, technology: {}{pattern}}}\n",
            quoted(&title), quoted(&zone), quoted(&a), quoted(&description), quoted(&owner),
            quoted(&b), quoted(&label), quoted(&technology),
        );
        let model = model_of(&yaml);
        prop_assert_eq!(&model.title, &normalize(&title));
        prop_assert_eq!(&model.zones[0].name, &normalize(&zone));
        prop_assert_eq!(&model.systems[0].name, &normalize(&a));
        prop_assert_eq!(&model.systems[1].name, &normalize(&b));
        prop_assert_eq!(model.systems[0].description.clone(), Some(normalize(&description)));
        prop_assert_eq!(model.touchpoints[0].label.clone(), Some(normalize(&label)));
        let opts = DiagramOptions::default();
        let svg = svg_of(&model, &opts);
        crate::svg::assert_every_string_is_text(&model, &opts, &svg);
    }
}
