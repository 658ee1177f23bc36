//! Bytes → check → every output format for files without errors. The SVG must be
//! well-formed XML with no script, event handler or link; PNG and PDF are only
//! drawn for small inputs (they are slow, and the SVG they read is checked here).
#![no_main]

use landscape::emit::{DiagramOptions, DrawOptions, Format, Templates, View, emit};
use libfuzzer_sys::fuzz_target;

const TEXT_FORMATS: [Format; 7] = [
    Format::Mermaid,
    Format::Dot,
    Format::Markdown,
    Format::Table,
    Format::Json,
    Format::Svg,
    Format::Layout,
];

fn check_svg(svg: &str) {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "script" | "foreignobject" | "a" | "use" | "image"
            ),
            "element <{name}> in the SVG"
        );
        for a in node.attributes() {
            let an = a.name().to_ascii_lowercase();
            assert!(!an.starts_with("on"), "event attribute {an}");
            assert!(an != "href" && an != "style", "attribute {an}");
        }
    }
    assert!(!svg.to_ascii_lowercase().contains("<script"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = landscape::source::decode("fuzz.yaml", data) else {
        return;
    };
    let checked = landscape::check(&source);
    if checked.has_errors() {
        return;
    }
    let Some(model) = checked.model else { return };
    let templates = Templates::default();
    let draw = DrawOptions::default();
    let small = data.len() <= 1024 && model.systems.len() <= 12;
    for view in [View::All, View::Current, View::Target] {
        let opts = DiagramOptions {
            view,
            ..DiagramOptions::default()
        };
        for format in TEXT_FORMATS {
            let bytes = emit(format, &model, &opts, &templates, &draw)
                .unwrap_or_else(|e| panic!("{format:?} failed on a valid model: {e}"));
            let text = String::from_utf8(bytes).expect("text formats are UTF-8");
            match format {
                Format::Svg => check_svg(&text),
                Format::Json | Format::Layout => {
                    assert!(text.starts_with('{') || text.starts_with('['), "{text}");
                }
                _ => {}
            }
        }
        if small && view == View::All {
            for format in [Format::Png, Format::Pdf] {
                let _ = emit(format, &model, &opts, &templates, &draw);
            }
        }
    }
});
