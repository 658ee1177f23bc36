//! Stage 6: emitters. Each is a pure function from the resolved model (and, for
//! SVG/PNG/PDF, its layout) to text or bytes; only the CLI writes files.
//!
//! Mermaid, DOT and Markdown go through handlebars templates ([`Templates`]) fed with
//! typed view data ([`view::Diagram`]); JSON is serialised directly.

pub mod json;
pub mod raster;
pub mod svg;
pub mod templates;
pub mod view;

use serde::Serialize;

use crate::model::Model;
pub use templates::Templates;
pub use view::{DiagramOptions, View};

/// Output formats of `landscape render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Mermaid flowchart (`.mmd`).
    Mermaid,
    /// Graphviz DOT (`.dot`).
    Dot,
    /// A whole Markdown page (`.md`).
    Markdown,
    /// The review-board touchpoint table, as Markdown.
    Table,
    /// The resolved model (`.json`).
    Json,
    /// Our own laid-out drawing (`.svg`).
    Svg,
    /// The drawing as a PNG (`.png`).
    Png,
    /// The drawing as a PDF (`.pdf`).
    Pdf,
    /// The laid-out geometry as JSON (`.layout.json`), for `layout-metrics`.
    Layout,
}

impl Format {
    /// Whether the output is bytes that do not belong on a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }
}

/// Settings of the drawn formats (SVG, PNG, PDF, layout).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawOptions {
    /// PNG pixels per SVG unit.
    pub scale: f32,
    /// Orthogonal (default) or curved edges.
    pub edges: crate::layout::EdgeStyle,
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions {
            scale: 1.0,
            edges: crate::layout::EdgeStyle::Orthogonal,
        }
    }
}

/// Mermaid's default `maxEdges`: diagrams with more edges are refused by renderers.
pub const MERMAID_MAX_EDGES: usize = 500;
/// Mermaid's default `maxTextSize`, in characters.
pub const MERMAID_MAX_TEXT: usize = 50_000;

#[derive(Serialize)]
struct MermaidData<'a> {
    diagram: &'a view::Diagram,
    title_json: String,
}

/// The title as Mermaid's front matter can show it: one line, and no `<`.
///
/// Mermaid draws the front-matter title as plain text and does not decode its
/// `#<code>;` entities, but a title holding `<` first goes through its HTML
/// sanitizer (securityLevel `strict`): `<script>…</script>` disappears, other tags
/// lose attributes, `&#65;` turns into `A` and a lone `<` shows as `&lt;`. A title
/// without `<` is shown exactly as written (checked against mermaid 11 and 12 in
/// `tests/conformance_tests/mermaid.rs`), so `<` is written as the look-alike
/// U+FF1C FULLWIDTH LESS-THAN SIGN. Line breaks become spaces.
pub fn front_matter_title(title: &str) -> String {
    crate::escape::normalize(title)
        .replace('\n', " ")
        .replace('<', "\u{FF1C}")
}

/// Mermaid text of a model.
pub fn mermaid(model: &Model, opts: &DiagramOptions, t: &Templates) -> Result<String, String> {
    let diagram = view::diagram(model, opts);
    let data = MermaidData {
        title_json: serde_json::to_string(&front_matter_title(&model.title))
            .unwrap_or_else(|_| "\"\"".into()),
        diagram: &diagram,
    };
    t.render("mermaid", &data)
}

/// Warnings about Mermaid's default limits, which a diagram cannot raise: past them
/// renderers (GitHub's among them) refuse to draw it.
pub fn mermaid_limits(text: &str, edges: usize) -> Vec<String> {
    let mut out = Vec::new();
    if edges > MERMAID_MAX_EDGES {
        out.push(format!(
            "the diagram has {edges} edges; Mermaid renderers refuse more than {MERMAID_MAX_EDGES} by default (maxEdges). Render SVG instead (`-f svg`)"
        ));
    }
    let chars = text.chars().count();
    if chars > MERMAID_MAX_TEXT {
        out.push(format!(
            "the diagram is {chars} characters long; Mermaid renderers refuse more than {MERMAID_MAX_TEXT} by default (maxTextSize). Render SVG instead (`-f svg`)"
        ));
    }
    out
}

#[derive(Serialize)]
struct DotData<'a> {
    diagram: &'a view::Diagram,
}

/// Graphviz DOT text of a model.
pub fn dot(model: &Model, opts: &DiagramOptions, t: &Templates) -> Result<String, String> {
    let diagram = view::diagram(model, opts);
    t.render("dot", &DotData { diagram: &diagram })
}

#[derive(Serialize)]
struct Row {
    name: String,
    from: String,
    to: String,
    pattern: String,
    timing: String,
    technology: String,
    error_strategy: String,
}

#[derive(Serialize)]
struct TableData {
    rows: Vec<Row>,
}

/// The review-board table: touchpoint, from → to, pattern, timing, technology, error
/// strategy; one row per drawn touchpoint.
pub fn table(model: &Model, opts: &DiagramOptions, t: &Templates) -> Result<String, String> {
    let diagram = view::diagram(model, opts);
    let rows = diagram
        .edges
        .iter()
        .map(|e| {
            let tp = &model.touchpoints[e.index];
            Row {
                name: tp.name.clone().unwrap_or_else(|| tp.id.clone()),
                from: model.systems[tp.from].name.replace('\n', " "),
                to: model.systems[tp.to].name.replace('\n', " "),
                pattern: tp.pattern.map_or_else(
                    || "—".to_string(),
                    |p| format!("P{} {}", p.number(), p.short_name()),
                ),
                timing: tp
                    .timing()
                    .map_or_else(|| "—".to_string(), |x| x.title().to_string()),
                technology: tp.technology.clone().unwrap_or_else(|| "—".into()),
                error_strategy: tp.error_strategy.clone().unwrap_or_else(|| "—".into()),
            }
        })
        .collect();
    t.render("table", &TableData { rows })
}

#[derive(Serialize)]
struct PageData<'a> {
    title: &'a str,
    description: Option<&'a str>,
    mermaid: String,
    legend: Option<view::LegendView>,
    table: String,
}

/// A whole Markdown page: title, description, the Mermaid diagram, legend, table.
pub fn markdown(model: &Model, opts: &DiagramOptions, t: &Templates) -> Result<String, String> {
    let diagram = view::diagram(model, opts);
    t.render(
        "markdown",
        &PageData {
            title: &model.title,
            description: model.description.as_deref(),
            mermaid: mermaid(model, opts, t)?,
            legend: diagram.legend,
            table: table(model, opts, t)?,
        },
    )
}

/// The message for a landscape the layout engine refuses, with what to do instead.
fn too_large(e: crate::layout::TooLarge) -> String {
    format!(
        "cannot lay out this landscape: {e}. Long chains of touchpoints that run \
         against or across each other do this. Draw one view (`--view current` or \
         `--view target`), split the landscape into smaller files, or write Mermaid \
         or DOT (`-f mermaid`, `-f dot`), which are laid out by their own tools"
    )
}

/// Renders any format to bytes (text formats as UTF-8).
pub fn emit(
    format: Format,
    model: &Model,
    opts: &DiagramOptions,
    t: &Templates,
    draw: &DrawOptions,
) -> Result<Vec<u8>, String> {
    let drawing = || svg::draw(model, opts, draw.edges).map_err(too_large);
    Ok(match format {
        Format::Mermaid => mermaid(model, opts, t)?.into_bytes(),
        Format::Dot => dot(model, opts, t)?.into_bytes(),
        Format::Markdown => markdown(model, opts, t)?.into_bytes(),
        Format::Table => table(model, opts, t)?.into_bytes(),
        Format::Json => json::json(model, opts.view).into_bytes(),
        Format::Svg => svg::svg(&drawing()?).into_bytes(),
        Format::Layout => svg::layout_json(&drawing()?).into_bytes(),
        Format::Png => raster::png(&svg::svg(&drawing()?), draw.scale)?,
        Format::Pdf => raster::pdf(&svg::svg(&drawing()?))?,
    })
}
