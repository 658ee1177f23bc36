//! Arbitrary Unicode in every string of the Markdown outputs (`-f table` and
//! `-f markdown`), read back by a real GFM parser (comrak, with GitHub's
//! extensions: tables, strikethrough, autolinks, task lists, footnotes, `$` math,
//! alerts). Whatever the text, the page keeps its shape (heading, description
//! paragraph, one fenced Mermaid block, legend, one table with a row per
//! touchpoint and six cells per row), user text creates no element but the
//! `<br>` line break of `escape::markdown_cell` (no link, autolink, image,
//! emphasis, code, math, footnote, list, heading or raw HTML), and each cell or
//! paragraph shows the normalized text, `<br>` read as LF.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use landscape::emit::{DiagramOptions, DrawOptions, Format, Templates, emit};
use landscape::escape::normalize;
use landscape::model::Model;
use proptest::prelude::*;

use crate::props::{config, quoted, text};
use crate::support::*;

/// The parser with the extensions of GitHub's renderer.
fn gfm() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.math_dollars = true;
    o.extension.alerts = true;
    o
}

/// The text a reader sees in an inline container (a cell, a paragraph, a
/// heading): its text nodes joined, `<br>` as LF, the empty comment
/// `<!-- -->` (which splits e-mail addresses) as nothing. Any other node
/// (emphasis, link, code, other raw HTML, a soft break, …) is an error naming it.
fn shown<'a>(node: &'a AstNode<'a>) -> Result<String, String> {
    let mut out = String::new();
    for child in node.children() {
        match &child.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::HtmlInline(h) if h == "<br>" => out.push('\n'),
            NodeValue::HtmlInline(h) if h == "<!-- -->" => {}
            other => return Err(format!("{other:?}")),
        }
    }
    Ok(out)
}

/// Renders a text format with the built-in templates.
fn render(format: Format, model: &Model) -> String {
    let bytes = emit(
        format,
        model,
        &DiagramOptions::default(),
        &Templates::default(),
        &DrawOptions::default(),
    )
    .expect("rendered");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The six cells of every body row, as shown, checking the table's shape: one
/// header row, `rows` body rows, six cells in each.
fn table_cells<'a>(table: &'a AstNode<'a>, rows: usize) -> Result<Vec<Vec<String>>, String> {
    let all: Vec<_> = table.children().collect();
    if all.len() != rows + 1 {
        return Err(format!("{} rows, not {}", all.len(), rows + 1));
    }
    let mut out = Vec::new();
    for (i, row) in all.iter().enumerate() {
        if !matches!(row.data().value, NodeValue::TableRow(header) if header == (i == 0)) {
            return Err(format!("row {i} is {:?}", row.data().value));
        }
        let cells: Vec<_> = row.children().collect();
        if cells.len() != 6 {
            return Err(format!("row {i} has {} cells", cells.len()));
        }
        let mut texts = Vec::new();
        for cell in cells {
            if !matches!(cell.data().value, NodeValue::TableCell) {
                return Err(format!("row {i}: {:?}", cell.data().value));
            }
            texts.push(shown(cell).map_err(|e| format!("row {i}: {e} in a cell"))?);
        }
        if i > 0 {
            out.push(texts);
        }
    }
    Ok(out)
}

/// The table has a row per touchpoint, and its cells show what they must.
fn check_rows<'a>(table: &'a AstNode<'a>, model: &Model, r: &Raw) -> Result<(), String> {
    let cells = table_cells(table, model.touchpoints.len())?;
    let want = expected_rows(model, r);
    if cells != want {
        return Err(format!("cells {cells:?}\nwant  {want:?}"));
    }
    Ok(())
}

/// What the six cells of each touchpoint's row must show.
fn expected_rows(model: &Model, raw: &Raw) -> Vec<Vec<String>> {
    let n = |s: &str| normalize(s);
    let one_line = |s: &str| normalize(s).replace('\n', " ");
    let none = || "—".to_string();
    let mut rows = Vec::new();
    for (i, (name, from, to, technology, error)) in [
        (&raw.n1, &raw.a, &raw.b, Some(&raw.t1), Some(&raw.e1)),
        (&raw.n2, &raw.b, &raw.c, Some(&raw.t2), None),
        (&raw.n3, &raw.c, &raw.a, None, None),
    ]
    .into_iter()
    .enumerate()
    {
        let t = &model.touchpoints[i];
        rows.push(vec![
            n(name),
            format!("{} → {}", one_line(from), one_line(to)),
            t.pattern
                .map_or_else(none, |p| format!("P{} {}", p.number(), p.short_name())),
            t.timing().map_or_else(none, |x| x.title().to_string()),
            technology.map_or_else(none, |s| n(s)),
            error.map_or_else(none, |s| n(s)),
        ]);
    }
    rows
}

/// The user's strings, as written.
#[derive(Debug)]
struct Raw {
    title: String,
    description: String,
    a: String,
    b: String,
    c: String,
    n1: String,
    n2: String,
    n3: String,
    t1: String,
    t2: String,
    e1: String,
    label: String,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        (text(), text(), text(), text(), text(), text()),
        (text(), text(), text(), text(), text(), text()),
    )
        .prop_map(
            |((title, description, a, b, c, n1), (n2, n3, t1, t2, e1, label))| Raw {
                title,
                description,
                a,
                b,
                c,
                n1,
                n2,
                n3,
                t1,
                t2,
                e1,
                label,
            },
        )
}

fn yaml(r: &Raw) -> String {
    format!(
        "title: {}\ndescription: {}\nzones:\n  Z: {{name: Zone}}\nsystems:\n  A: {{name: {}}}\n  B: {{name: {}, zone: Z}}\n  C: {{name: {}}}\ntouchpoints:\n  - {{from: A, to: B, name: {}, label: {}, technology: {}, pattern: batch-sync, error_strategy: {}}}\n  - {{from: B, to: C, name: {}, technology: {}, pattern: fire-and-forget}}\n  - {{from: C, to: A, name: {}}}\n",
        quoted(&r.title),
        quoted(&r.description),
        quoted(&r.a),
        quoted(&r.b),
        quoted(&r.c),
        quoted(&r.n1),
        quoted(&r.label),
        quoted(&r.t1),
        quoted(&r.e1),
        quoted(&r.n2),
        quoted(&r.t2),
        quoted(&r.n3),
    )
}

/// `-f table`: one table and nothing else, its cells the user's text.
fn check_table(model: &Model, r: &Raw) -> Result<(), String> {
    let text = render(Format::Table, model);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &gfm());
    let blocks: Vec<_> = root.children().collect();
    if blocks.len() != 1 || !matches!(blocks[0].data().value, NodeValue::Table(_)) {
        let kinds: Vec<_> = blocks
            .iter()
            .map(|b| format!("{:?}", b.data().value))
            .collect();
        return Err(format!("not one table but {kinds:?}"));
    }
    check_rows(blocks[0], model, r)
}

/// `-f markdown`: `# title`, the description paragraph, the fenced Mermaid
/// block (exactly `-f mermaid`), `## Legend` and its list, `## Touchpoints` and
/// the table.
fn check_page(model: &Model, r: &Raw) -> Result<(), String> {
    let text = render(Format::Markdown, model);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &gfm());
    let blocks: Vec<_> = root.children().collect();
    let kinds: Vec<String> = blocks
        .iter()
        .map(|b| match &b.data().value {
            NodeValue::Heading(h) => format!("h{}", h.level),
            NodeValue::Paragraph => "p".into(),
            NodeValue::CodeBlock(c) if c.fenced => "fence".into(),
            NodeValue::List(_) => "list".into(),
            NodeValue::Table(_) => "table".into(),
            other => format!("{other:?}"),
        })
        .collect();
    let want = ["h1", "p", "fence", "h2", "list", "h2", "table"];
    if kinds != want {
        return Err(format!("blocks {kinds:?}, not {want:?}"));
    }
    let title = shown(blocks[0]).map_err(|e| format!("{e} in the title"))?;
    if title != normalize(&r.title) {
        return Err(format!("title {title:?}"));
    }
    let description = shown(blocks[1]).map_err(|e| format!("{e} in the description"))?;
    if description != normalize(&r.description) {
        return Err(format!("description {description:?}"));
    }
    if let NodeValue::CodeBlock(c) = &blocks[2].data().value {
        let mermaid = render(Format::Mermaid, model);
        if c.info != "mermaid" || c.literal != mermaid {
            return Err(format!("fence {:?}: {:?}", c.info, c.literal));
        }
    }
    for (block, heading) in [(blocks[3], "Legend"), (blocks[5], "Touchpoints")] {
        if shown(block).as_deref() != Ok(heading) {
            return Err(format!("heading {:?}", shown(block)));
        }
    }
    check_rows(blocks[6], model, r)
}

proptest! {
    #![proptest_config(config(96, 0x4d44_5441_424c))]

    #[test]
    fn any_text_stays_text_in_the_markdown_table_and_page(r in raw()) {
        let yaml = yaml(&r);
        let model = model_of(&yaml);
        if let Err(e) = check_table(&model, &r) {
            return Err(TestCaseError::fail(format!("-f table: {e}\n{}", render(Format::Table, &model))));
        }
        if let Err(e) = check_page(&model, &r) {
            return Err(TestCaseError::fail(format!("-f markdown: {e}\n{}", render(Format::Markdown, &model))));
        }
    }
}

/// The regression fixture: e-mail addresses (after a letter, after `mailto:` and
/// `xmpp:`) and list, rule and ordered-list markers at the start of every field
/// stay text in both outputs.
#[test]
fn the_markdown_fixture_stays_text() {
    let text = std::fs::read_to_string(fixture("injection/markdown-blocks-and-email.yaml"))
        .expect("fixture");
    let model = model_of(&text);
    let tp = |i: usize| &model.touchpoints[i];
    let name = |i: usize| tp(i).name.clone().expect("a name");
    // Normalization is idempotent, so the model's strings stand for the written ones.
    let r = Raw {
        title: model.title.clone(),
        description: model.description.clone().expect("a description"),
        a: model.systems[0].name.clone(),
        b: model.systems[1].name.clone(),
        c: model.systems[2].name.clone(),
        n1: name(0),
        n2: name(1),
        n3: name(2),
        t1: tp(0).technology.clone().expect("technology"),
        t2: tp(1).technology.clone().expect("technology"),
        e1: tp(0).error_strategy.clone().expect("error strategy"),
        label: tp(0).label.clone().expect("label"),
    };
    assert_eq!(r.description, "- not a list item; ops@example.com");
    if let Err(e) = check_table(&model, &r) {
        panic!("-f table: {e}\n{}", render(Format::Table, &model));
    }
    if let Err(e) = check_page(&model, &r) {
        panic!("-f markdown: {e}\n{}", render(Format::Markdown, &model));
    }
}
