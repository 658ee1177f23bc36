//! Hostile labels (tests/fixtures/hostile/hostile.yaml) through DOT, Markdown,
//! the table and JSON. The Mermaid half is in `mermaid.rs` (one browser session).

use std::collections::BTreeMap;

use landscape::emit::{DiagramOptions, Format, View};
use landscape::escape::normalize;
use landscape::model::Model;

use crate::common;

/// The fixture.
pub const FIXTURE: &str = "tests/fixtures/hostile/hostile.yaml";

/// The title as written in the fixture (after YAML unquoting).
pub const TITLE: &str = "Hostile \"title\" [x] --> %%{init: {\"theme\":\"dark\"}}%% <script>alert(1)</script> \\N &#65; #35; | ::: end click classDef 🚀";

/// Zone names as written, by id.
pub const ZONES: &[(&str, &str)] = &[
    ("Z1", "Zone \"quoted\" [brackets] --> end"),
    (
        "Z2",
        "%%{init: {\"theme\":\"dark\"}}%% <script>alert(1)</script>",
    ),
    ("Z3", "click | pipe \\N\nsecond line"),
    ("Z4", "end"),
    ("Z5", "classDef \u{202E}evil 🚀 &#65; #35;"),
];

/// System names as written, by id.
pub const SYSTEMS: &[(&str, &str)] = &[
    ("QUOTES", "Quote \"double\" and 'single'"),
    ("BRACKETS", "Brackets [square] (round) {curly} <angle>"),
    ("ARROWS", "A --> B -.-> C ==> D --- E"),
    ("INIT", "%%{init: {\"theme\":\"dark\"}}%%"),
    ("SCRIPT", "<script>alert(1)</script>"),
    ("BACKSLASH", "back\\slash \\N \\n \\l \\G end\\"),
    ("ENTITIES", "&#65; &amp; &lt; #35; #quot;"),
    ("PIPES", "pipe | between || cells"),
    ("CLASSES", "node:::danger"),
    ("NEWLINE", "first line\nsecond line"),
    ("BIDI", "abc\u{202E}def"),
    ("END", "end"),
    ("CLICK", "click SCRIPT call alert(1)"),
    ("CLASSDEF", "classDef danger fill:#f00"),
    ("STYLE", "style n0 fill:red"),
    ("EMOJI", "Emoji 🚀 👩\u{200D}💻 🇩🇪"),
    (
        "MARKUP",
        "**bold** _it_ `code` [link](http://evil.example) @octocat ~~s~~",
    ),
];

/// Touchpoint label (or technology) texts as written, in file order.
pub const EDGE_TEXTS: &[&str] = &[
    "REST | \"json\" --> <b>x</b>",
    "%%{init: {\"theme\":\"dark\"}}%%",
    "end",
    "click",
    "classDef",
    "line one\nline two",
    "\\N &#65; #35; \\ back",
    "emoji 🚀 and :::x",
    "<script>alert(1)</script>",
    "pipe | and || double",
    "abc\u{202E}def",
    "**bold** `code` [x](http://evil.example) @octocat",
    "Brackets [a] (b) {c} <d>",
];

/// The one touchpoint name.
pub const TOUCHPOINT_NAME: &str = "name | with \"pipe\" <script>alert(1)</script>";

/// The fixture's model, after checking that every hostile string reached it
/// exactly as written, normalized.
pub fn model() -> Model {
    let model = common::load(&common::root().join(FIXTURE));
    assert_eq!(model.title, normalize(TITLE));
    assert_eq!(model.zones.len(), ZONES.len());
    for (z, (id, raw)) in model.zones.iter().zip(ZONES) {
        assert_eq!(
            (z.id.as_str(), z.name.as_str()),
            (*id, normalize(raw).as_str())
        );
    }
    assert_eq!(model.systems.len(), SYSTEMS.len());
    for (s, (id, raw)) in model.systems.iter().zip(SYSTEMS) {
        assert_eq!(
            (s.id.as_str(), s.name.as_str()),
            (*id, normalize(raw).as_str())
        );
    }
    assert_eq!(model.touchpoints.len(), EDGE_TEXTS.len());
    for (t, raw) in model.touchpoints.iter().zip(EDGE_TEXTS) {
        assert_eq!(t.label_text(), Some(normalize(raw).as_str()), "{}", t.id);
    }
    assert_eq!(model.touchpoints[0].name.as_deref(), Some(TOUCHPOINT_NAME));
    // Normalization did what it promises on the tricky ones.
    assert_eq!(model.systems[10].name, "abcdef");
    assert_eq!(model.systems[9].name, "first line\nsecond line");
    model
}

/// Every label a diagram of the fixture must show, as drawn (view `all`):
/// zone titles, system names, edge labels.
pub fn expected_labels(model: &Model) -> Vec<String> {
    let d = landscape::emit::view::diagram(model, &DiagramOptions::default());
    let mut out: Vec<String> = model.zones.iter().map(|z| z.name.clone()).collect();
    out.extend(model.systems.iter().map(|s| s.name.clone()));
    out.extend(d.edges.iter().filter_map(|e| e.label.clone()));
    out
}

/// Decodes what Graphviz does to a plain label attribute: `\\` → `\`, `\n`,
/// `\l`, `\r` → line break, then `&amp;` → `&`.
fn graphviz_label(attr: &str) -> String {
    let mut out = String::new();
    let mut chars = attr.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'l' | 'r') => out.push('\n'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&amp;", "&")
}

/// The text lines dot drew for an object (its `_ldraw_` text operations).
fn drawn_text(obj: &serde_json::Value) -> Option<String> {
    let ops = obj["_ldraw_"].as_array()?;
    let lines: Vec<&str> = ops
        .iter()
        .filter(|op| op["op"] == "T")
        .filter_map(|op| op["text"].as_str())
        .collect();
    // dot writes a second consecutive space as NBSP; none of the fixture's
    // strings has one, so NBSP is mapped back to a space.
    Some(lines.join("\n").replace('\u{A0}', " "))
}

#[test]
fn dot_shows_every_hostile_label_exactly() {
    let model = model();
    if !common::have_dot("dot_shows_every_hostile_label_exactly") {
        return;
    }
    let text = common::render(Format::Dot, &model, View::All);
    let run = common::run_dot(&text);
    common::assert_dot_clean(FIXTURE, &run);
    let json = &run.json;

    assert_eq!(
        graphviz_label(json["label"].as_str().expect("graph label")),
        model.title
    );
    assert_eq!(drawn_text(json).as_deref(), Some(model.title.as_str()));

    let objects = json["objects"].as_array().expect("objects");
    let mut names: BTreeMap<u64, String> = BTreeMap::new();
    let mut seen = 0;
    let mut tooltips = 0;
    for o in objects {
        let name = o["name"].as_str().expect("object name").to_string();
        names.insert(o["_gvid"].as_u64().expect("_gvid"), name.clone());
        let expected = if let Some(i) = name.strip_prefix("cluster_z") {
            &model.zones[i.parse::<usize>().expect("zone index")].name
        } else if let Some(i) = name.strip_prefix('n').and_then(|i| i.parse::<usize>().ok()) {
            &model.systems[i].name
        } else {
            continue;
        };
        seen += 1;
        let attr = o["label"].as_str().expect("label attribute");
        assert_eq!(&graphviz_label(attr), expected, "{name} label attribute");
        assert_eq!(
            drawn_text(o).as_deref(),
            Some(expected.as_str()),
            "{name} drawn"
        );
        if let Some(tooltip) = o["tooltip"].as_str() {
            tooltips += 1;
            assert_eq!(
                graphviz_label(tooltip),
                "Tooltip \"quoted\" <script>alert(1)</script> \\N &#65; | end\nOwner: Team \\G & <b>ops</b>",
                "{name} tooltip"
            );
        }
    }
    assert_eq!(seen, model.zones.len() + model.systems.len());
    assert_eq!(
        tooltips, 1,
        "the one system with a description has a tooltip"
    );

    let d = landscape::emit::view::diagram(&model, &DiagramOptions::default());
    let edges = json["edges"].as_array().expect("edges");
    let mut checked = 0;
    for e in edges {
        let tail = &names[&e["tail"].as_u64().expect("tail")];
        let head = &names[&e["head"].as_u64().expect("head")];
        let Some(view) = d.edges.iter().find(|v| &v.from == tail && &v.to == head) else {
            continue;
        };
        let expected = view.label.clone().expect("every fixture edge has a label");
        let attr = e["xlabel"]
            .as_str()
            .filter(|s| !s.is_empty())
            .or_else(|| e["label"].as_str())
            .expect("label or xlabel");
        assert_eq!(graphviz_label(attr), expected, "{tail} -> {head}");
        assert_eq!(
            drawn_text(e).as_deref(),
            Some(expected.as_str()),
            "{tail} -> {head} drawn"
        );
        checked += 1;
    }
    assert_eq!(checked, d.edges.len());
}

/// Splits a Markdown table row at its unescaped pipes (a pipe preceded by an odd
/// run of backslashes is text).
fn cells(row: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut backslashes = 0;
    for c in row.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push(String::new());
        } else {
            out.last_mut().expect("a cell").push(c);
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    out
}

/// What a GFM renderer shows for an escaped cell: backslash escapes of ASCII
/// punctuation, the entities the escape writes, `<br>` as a line break.
fn shown(cell: &str) -> String {
    let mut out = String::new();
    let mut chars = cell.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.push(chars.next().expect("peeked"));
        } else {
            out.push(c);
        }
    }
    out.replace("<br>", "\n")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#64;", "@")
        .replace("&#58;", ":")
        .replace("&#46;", ".")
        .replace("&amp;", "&")
}

/// Every table row of `text` has the header's number of cells, and the cells of
/// the touchpoint rows show the model's text.
fn check_table(what: &str, text: &str, model: &Model) {
    assert!(
        !text.to_ascii_lowercase().contains("<script"),
        "{what}: raw <script>"
    );
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 2 + model.touchpoints.len(), "{what}: rows");
    for row in &rows {
        // leading and trailing pipe: 6 columns are 8 pieces
        assert_eq!(cells(row).len(), 8, "{what}: broken row {row}");
    }
    for (row, t) in rows[2..].iter().zip(&model.touchpoints) {
        let c = cells(row);
        let name = t.name.clone().unwrap_or_else(|| t.id.clone());
        assert_eq!(shown(&c[1]), name, "{what}: {row}");
        let from_to = format!(
            "{} → {}",
            model.systems[t.from].name.replace('\n', " "),
            model.systems[t.to].name.replace('\n', " ")
        );
        assert_eq!(shown(&c[2]), from_to, "{what}: {row}");
        let tech = t.technology.clone().unwrap_or_else(|| "—".into());
        assert_eq!(shown(&c[5]), tech, "{what}: {row}");
    }
}

#[test]
fn table_rows_stay_whole_and_show_the_text() {
    let model = model();
    let text = common::render(Format::Table, &model, View::All);
    check_table("table", &text, &model);
}

#[test]
fn markdown_page_rows_stay_whole_and_hold_no_markup() {
    let model = model();
    let page = common::render(Format::Markdown, &model, View::All);
    assert!(
        !page.to_ascii_lowercase().contains("<script"),
        "raw <script> in the page:\n{page}"
    );
    let table = page
        .split("## Touchpoints")
        .nth(1)
        .expect("a touchpoint section");
    check_table("markdown", table, &model);
    let heading = page.lines().next().expect("a first line");
    assert_eq!(
        shown(heading.strip_prefix("# ").expect("a heading")),
        model.title
    );
    // The fenced Mermaid block is closed where it should be: exactly one opening
    // and one closing fence, and nothing in user text starts a line with ```.
    let fences = page.lines().filter(|l| l.starts_with("```")).count();
    assert_eq!(fences, 2, "{page}");
}

#[test]
fn json_round_trips_every_name() {
    let model = model();
    for (view, _) in common::VIEWS {
        let text = common::render(Format::Json, &model, view);
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["title"], model.title.as_str());
        let zones = v["zones"].as_array().expect("zones");
        for (j, z) in zones.iter().zip(&model.zones) {
            assert_eq!(j["name"], z.name.as_str());
        }
        let systems = v["systems"].as_array().expect("systems");
        let shown: Vec<_> = model
            .systems
            .iter()
            .filter(|s| view.shows(s.status))
            .collect();
        assert_eq!(systems.len(), shown.len());
        for (j, s) in systems.iter().zip(shown) {
            assert_eq!(j["id"], s.id.as_str());
            assert_eq!(j["name"], s.name.as_str());
        }
        for j in v["touchpoints"].as_array().expect("touchpoints") {
            let t = model
                .touchpoints
                .iter()
                .find(|t| j["id"] == t.id.as_str())
                .expect("a known touchpoint");
            assert_eq!(j["label"].as_str(), t.label.as_deref());
            assert_eq!(j["technology"].as_str(), t.technology.as_deref());
            assert_eq!(j["name"].as_str(), t.name.as_deref());
        }
        // and back: serialising the parsed value again changes nothing
        let again: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&v).expect("serialise")).expect("parse");
        assert_eq!(again, v);
    }
}

/// Text for the property test: hostile fragments mixed with arbitrary characters.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let fragment = prop_oneof![
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\\N".to_string()),
        Just("&#65;".to_string()),
        Just("&amp;".to_string()),
        Just("<b>".to_string()),
        Just("-->".to_string()),
        Just("%%{init}%%".to_string()),
        Just("|".to_string()),
        Just("\n".to_string()),
        Just("\u{202E}".to_string()),
        Just("end".to_string()),
        "[a-zA-Z0-9]{1,6}",
        "\\PC{1,4}",
    ];
    proptest::collection::vec(fragment, 1..6).prop_map(|v| v.join(" "))
}

/// What a user string becomes in a label: normalized, and without the two things
/// Graphviz itself changes (a second space in a row is drawn as NBSP, and an empty
/// line draws nothing), which the property test leaves out.
fn label_form(raw: &str) -> Option<String> {
    let n = normalize(raw);
    let ok = !n.is_empty() && !n.contains("  ") && !n.split('\n').any(|l| l.trim().is_empty());
    ok.then_some(n)
}

proptest::proptest! {
    #![proptest_config(crate::common::seeded::seeded(24, 0x0044_4f54_5052_4f50))]

    /// Arbitrary text in a zone name, system names and a touchpoint label: dot
    /// accepts the DOT, and both its label attributes and the text it draws are the
    /// text the user wrote, after normalization.
    #[test]
    fn dot_shows_arbitrary_text_as_written(
        zone in hostile_text(), a in hostile_text(), b in hostile_text(), label in hostile_text()
    ) {
        let (Some(zone), Some(a), Some(b), Some(label)) =
            (label_form(&zone), label_form(&a), label_form(&b), label_form(&label))
        else {
            return Ok(());
        };
        if !common::have_dot("dot_shows_arbitrary_text_as_written") {
            return Ok(());
        }
        let q = |s: &str| serde_json::to_string(s).expect("json string");
        let yaml = format!(
            "title: t\nlegend: {{show: false}}\nzones:\n  z: {{name: {}}}\nsystems:\n  A: {{zone: z, name: {}}}\n  B: {{name: {}}}\ntouchpoints:\n  - {{from: A, to: B, label: {}}}\n",
            q(&zone), q(&a), q(&b), q(&label)
        );
        let model = common::model_of("prop.yaml", &yaml);
        let run = common::run_dot(&common::render(Format::Dot, &model, View::All));
        common::assert_dot_clean("property landscape", &run);
        let objects = run.json["objects"].as_array().expect("objects");
        for (name, want) in [("cluster_z0", &zone), ("n0", &a), ("n1", &b)] {
            let o = objects.iter().find(|o| o["name"] == name).expect("object");
            proptest::prop_assert_eq!(&graphviz_label(o["label"].as_str().unwrap_or("")), want);
            // `drawn_text` reads every NBSP as the space dot turned into one, so a
            // user's own NBSP is compared as a space too.
            let drawn = drawn_text(o);
            proptest::prop_assert_eq!(drawn, Some(want.replace('\u{A0}', " ")));
        }
        let e = &run.json["edges"][0];
        proptest::prop_assert_eq!(&graphviz_label(e["xlabel"].as_str().unwrap_or("")), &label);
    }
}
