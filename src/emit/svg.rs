//! `-f svg` and `-f layout`: the landscape laid out by our own engine and written as
//! SVG by hand, with fixed number formatting and a fixed attribute order so the same
//! file gives byte-identical output.
//!
//! Text is measured with the font embedded in the binary (the same bytes the PNG and
//! PDF renderers load), so boxes fit their labels on machines with no fonts installed.

use std::fmt::Write as _;

use crate::escape::xml;
use crate::layout::text::{TextMeasure, wrap};
use crate::layout::{
    self, Direction as LDirection, EdgeStyle, InCluster, InEdge, InNode, Layout, LayoutInput,
    LayoutOptions, Rect, Size,
};
use crate::model::Model;

use super::view::{self, DiagramOptions, EdgeView, NodeView};

/// Font size of system names, px.
const NODE_FONT: f64 = 13.0;
/// Font size of zone titles, px.
const ZONE_FONT: f64 = 13.0;
/// Font size of arrow labels, px.
const LABEL_FONT: f64 = 11.0;
/// Font size of the diagram title, px.
const TITLE_FONT: f64 = 20.0;
/// Font size of legend entries, px.
const LEGEND_FONT: f64 = 12.0;
/// Horizontal padding inside a system box.
const NODE_PAD_X: f64 = 14.0;
/// Vertical padding inside a system box.
const NODE_PAD_Y: f64 = 10.0;
/// Narrowest system box, so short names still read as boxes.
const NODE_MIN_W: f64 = 96.0;
/// Padding inside an arrow-label background.
const LABEL_PAD: f64 = 3.0;
/// Box labels longer than this many characters are wrapped at a space or `/`.
const WRAP_CHARS: usize = 28;
/// Arrow labels wrap sooner: labels of one rank stand side by side, so their width
/// sets the drawing's, while one more line costs little height. The longest
/// pattern line ("P2: Fire-and-Forget") still fits on one line. Measured on the
/// examples (`scripts/compare-landscapes`): 22 gave the smallest drawings with the
/// shortest edges of 18–28.
const ARROW_WRAP_CHARS: usize = 22;
/// Gap between the drawing and the legend or title.
const GAP: f64 = 24.0;
/// Default edge colour.
const EDGE_COLOR: &str = "#495057";
/// Label text colour.
const LABEL_COLOR: &str = "#343a40";

/// A laid-out landscape: what the SVG writer and `-f layout` need.
pub struct Drawing {
    /// The diagram view (filtered, with colours and labels).
    pub diagram: view::Diagram,
    /// Systems in layout order.
    pub nodes: Vec<NodeView>,
    /// Node label lines, per node.
    node_lines: Vec<Vec<String>>,
    /// Zone indices in layout order (parents first).
    pub clusters: Vec<usize>,
    /// Edge label lines, per edge.
    edge_lines: Vec<Vec<String>>,
    /// The layout engine's input.
    pub input: LayoutInput,
    /// The layout engine's output.
    pub layout: Layout,
    /// Zone titles, in layout order.
    cluster_titles: Vec<String>,
    /// Zone colours (fill, stroke), in layout order.
    cluster_colors: Vec<(String, String)>,
    /// Ids for the layout JSON.
    node_ids: Vec<String>,
    cluster_ids: Vec<String>,
}

fn to_layout_direction(d: &str) -> LDirection {
    match d {
        "LR" => LDirection::LR,
        "BT" => LDirection::BT,
        "RL" => LDirection::RL,
        _ => LDirection::TB,
    }
}

/// Lays out a model: measures every label, builds the compound graph (zones as
/// nested clusters) and runs the layout engine.
///
/// # Errors
/// The engine's refusal of a graph too large to lay out ([`layout::TooLarge`]).
pub fn draw(
    model: &Model,
    opts: &DiagramOptions,
    edges: EdgeStyle,
) -> Result<Drawing, layout::TooLarge> {
    let m = TextMeasure::new();
    let diagram = view::diagram(model, opts);

    // Clusters: every zone, parents before children (the engine's requirement).
    let mut clusters: Vec<usize> = (0..model.zones.len()).collect();
    clusters.sort_by_key(|&z| (model.zones[z].depth, z));
    let mut cluster_of_zone = vec![usize::MAX; model.zones.len()];
    for (ci, &z) in clusters.iter().enumerate() {
        cluster_of_zone[z] = ci;
    }

    // Nodes: the drawn systems in file order.
    let mut nodes: Vec<NodeView> = Vec::new();
    let mut stack: Vec<&view::ZoneView> = diagram.zones.iter().collect();
    nodes.extend(diagram.systems.iter().cloned());
    while let Some(z) = stack.pop() {
        nodes.extend(z.systems.iter().cloned());
        stack.extend(z.zones.iter());
    }
    nodes.sort_by_key(|n| n.index);
    let mut node_of_system = vec![usize::MAX; model.systems.len()];
    for (i, n) in nodes.iter().enumerate() {
        node_of_system[n.index] = i;
    }

    let node_lines: Vec<Vec<String>> = nodes.iter().map(|n| wrap(&n.name, WRAP_CHARS)).collect();
    let in_nodes = nodes
        .iter()
        .zip(&node_lines)
        .map(|(n, lines)| InNode {
            size: m.box_size(lines, NODE_FONT, false, NODE_PAD_X, NODE_PAD_Y, NODE_MIN_W),
            cluster: model.systems[n.index]
                .zone
                .and_then(|z| cluster_of_zone.get(z).copied()),
        })
        .collect();
    let cluster_titles: Vec<String> = clusters
        .iter()
        .map(|&z| model.zones[z].name.replace('\n', " "))
        .collect();
    let in_clusters = clusters
        .iter()
        .zip(&cluster_titles)
        .map(|(&z, title)| InCluster {
            parent: model.zones[z]
                .parent
                .and_then(|p| cluster_of_zone.get(p).copied()),
            title: Size {
                w: (m.text_width(title, ZONE_FONT, true) + 8.0).ceil(),
                h: (TextMeasure::line_height(ZONE_FONT) + 4.0).ceil(),
            },
        })
        .collect();
    let cluster_colors = clusters
        .iter()
        .map(|&z| {
            let stroke = model.theme.role_color(model.zones[z].role).to_string();
            (view::tint(&stroke), stroke)
        })
        .collect();
    let edge_lines: Vec<Vec<String>> = diagram
        .edges
        .iter()
        .map(|e| {
            e.label
                .as_deref()
                .map(|l| wrap(l, ARROW_WRAP_CHARS))
                .unwrap_or_default()
        })
        .collect();
    let in_edges = diagram
        .edges
        .iter()
        .zip(&edge_lines)
        .map(|(e, lines)| InEdge {
            from: node_of_system[e.from_index],
            to: node_of_system[e.to_index],
            // A patterned label's first line is bold: measure every line bold, so
            // the box is never narrower than the text.
            label: (!lines.is_empty())
                .then(|| m.box_size(lines, LABEL_FONT, e.pattern != 0, LABEL_PAD, LABEL_PAD, 0.0)),
        })
        .collect();
    let input = LayoutInput {
        direction: to_layout_direction(diagram.direction),
        nodes: in_nodes,
        clusters: in_clusters,
        edges: in_edges,
    };
    let layout = layout::layout(
        &input,
        &LayoutOptions {
            edges,
            ..LayoutOptions::default()
        },
    )?;
    let node_ids = nodes.iter().map(|n| n.id.clone()).collect();
    let cluster_ids = clusters
        .iter()
        .map(|&z| model.zones[z].id.clone())
        .collect();
    Ok(Drawing {
        diagram,
        nodes,
        node_lines,
        clusters,
        edge_lines,
        input,
        layout,
        cluster_titles,
        cluster_colors,
        node_ids,
        cluster_ids,
    })
}

/// The laid-out geometry as JSON, in the format `layout-metrics` reads.
pub fn layout_json(d: &Drawing) -> String {
    let v = layout::to_metrics_json(&d.input, &d.layout, &d.node_ids, &d.cluster_ids);
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// A number at fixed precision, without `-0`.
fn num(v: f64) -> String {
    let r = if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        0.0
    };
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r}")
}

/// An orthogonal polyline as a path with corners rounded to at most 6 px.
fn rounded_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{},{}", num(x0), num(y0));
    for i in 1..points.len() {
        let (px, py) = points[i - 1];
        let (cx, cy) = points[i];
        match points.get(i + 1) {
            Some(&(nx, ny)) => {
                let lin = (cx - px).hypot(cy - py);
                let lout = (nx - cx).hypot(ny - cy);
                let r = 6.0_f64.min(lin / 2.0).min(lout / 2.0);
                if r < 0.5 || lin == 0.0 || lout == 0.0 {
                    let _ = write!(d, " L{},{}", num(cx), num(cy));
                    continue;
                }
                let (ax, ay) = (cx - (cx - px) / lin * r, cy - (cy - py) / lin * r);
                let (bx, by) = (cx + (nx - cx) / lout * r, cy + (ny - cy) / lout * r);
                let _ = write!(
                    d,
                    " L{},{} Q{},{} {},{}",
                    num(ax),
                    num(ay),
                    num(cx),
                    num(cy),
                    num(bx),
                    num(by)
                );
            }
            None => {
                let _ = write!(d, " L{},{}", num(cx), num(cy));
            }
        }
    }
    d
}

/// Cubic pieces `p0 c1 c2 p1 …` as a path.
fn curved_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{},{}", num(x0), num(y0));
    for c in points[1..].chunks(3) {
        if let [a, b, p] = c {
            let _ = write!(
                d,
                " C{},{} {},{} {},{}",
                num(a.0),
                num(a.1),
                num(b.0),
                num(b.1),
                num(p.0),
                num(p.1)
            );
        } else {
            for p in c {
                let _ = write!(d, " L{},{}", num(p.0), num(p.1));
            }
        }
    }
    d
}

/// An arrowhead at `tip`, pointing away from `from`.
fn arrowhead(out: &mut String, tip: (f64, f64), from: (f64, f64), color: &str, opacity: &str) {
    let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
    let len = dx.hypot(dy);
    if len < 1e-6 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tip.0 - ux * 9.0, tip.1 - uy * 9.0);
    let (px, py) = (-uy * 4.5, ux * 4.5);
    let _ = writeln!(
        out,
        r#"    <path d="M{},{} L{},{} L{},{} Z" fill="{color}"{opacity}/>"#,
        num(tip.0),
        num(tip.1),
        num(bx + px),
        num(by + py),
        num(bx - px),
        num(by - py)
    );
}

/// Centred text lines in a box; `bold_first` sets the first line in bold.
#[allow(clippy::too_many_arguments)]
fn text_block(
    out: &mut String,
    lines: &[String],
    rect: &Rect,
    size: f64,
    color: &str,
    bold_first: bool,
    indent: &str,
) {
    let lh = TextMeasure::line_height(size);
    let top = rect.y + (rect.h - lh * lines.len() as f64) / 2.0;
    let cx = rect.x + rect.w / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let baseline = top + lh * i as f64 + lh * 0.78;
        let weight = if bold_first && i == 0 {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"{indent}<text x="{}" y="{}" font-size="{}" fill="{color}" text-anchor="middle"{weight}>{}</text>"#,
            num(cx),
            num(baseline),
            num(size),
            xml(line)
        );
    }
}

struct LegendBox {
    w: f64,
    h: f64,
}

fn legend_size(m: &TextMeasure, l: &view::LegendView) -> LegendBox {
    let lh = TextMeasure::line_height(LEGEND_FONT) + 8.0;
    let mut w = m.text_width("Legend", LEGEND_FONT + 1.0, true);
    for s in &l.statuses {
        w = w.max(40.0 + m.text_width(s.label, LEGEND_FONT, false));
    }
    for p in &l.patterns {
        w = w.max(52.0 + m.text_width(&p.label, LEGEND_FONT, false));
    }
    LegendBox {
        w: (w + 24.0).ceil(),
        h: (lh * (1 + l.statuses.len() + l.patterns.len()) as f64 + 16.0).ceil(),
    }
}

fn edge_stroke(e: &EdgeView, retiring_color: &str) -> (String, String, &'static str, &'static str) {
    let color = if e.retiring {
        retiring_color.to_string()
    } else {
        EDGE_COLOR.to_string()
    };
    let width = if e.line == "thick" { "3" } else { "1.5" }.to_string();
    let dash = if e.retiring || e.line == "dashed" {
        r#" stroke-dasharray="6 4""#
    } else {
        ""
    };
    let opacity = if e.retiring { r#" opacity="0.65""# } else { "" };
    (color, width, dash, opacity)
}

/// Widest a title line may be when the drawing is narrower, px: a long title is
/// wrapped to the drawing's width (or this) instead of widening the picture.
const TITLE_MIN_WRAP: f64 = 640.0;

/// The title's lines, broken at spaces, each at most `width` px wide where its
/// words allow (a word wider than that keeps a line of its own). A title that fits
/// is one line, exactly as written.
fn title_lines(m: &TextMeasure, title: &str, width: f64) -> Vec<String> {
    if m.text_width(title, TITLE_FONT, true) <= width {
        return vec![title.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line: Option<String> = None;
    for word in title.split(' ') {
        line = Some(match line {
            None => word.to_string(),
            Some(l) => {
                let joined = format!("{l} {word}");
                if !l.trim().is_empty() && m.text_width(&joined, TITLE_FONT, true) > width {
                    lines.push(l);
                    word.to_string()
                } else {
                    joined
                }
            }
        });
    }
    lines.extend(line);
    lines
}

/// The SVG document of a drawing.
pub fn svg(d: &Drawing) -> String {
    let m = TextMeasure::new();
    let legend = d.diagram.legend.as_ref().map(|l| (l, legend_size(&m, l)));
    let (gw, gh) = (d.layout.width, d.layout.height);
    // The title wraps to the width of the drawing and legend, or TITLE_MIN_WRAP.
    let content_w = match &legend {
        Some((_, b)) if d.diagram.legend_bottom => gw.max(b.w + 20.0),
        Some((_, b)) => gw + GAP + b.w,
        None => gw,
    };
    let title = title_lines(&m, &d.diagram.title, content_w.max(TITLE_MIN_WRAP) - 20.0);
    let line_h = TextMeasure::line_height(TITLE_FONT);
    let title_h = (line_h * title.len() as f64 + 16.0).ceil();
    let (legend_x, legend_y, total_h) = match &legend {
        Some((_, b)) if d.diagram.legend_bottom => {
            (10.0, title_h + gh + GAP / 2.0, title_h + gh + GAP + b.h)
        }
        Some((_, b)) => (gw + GAP / 2.0, title_h + 10.0, title_h + gh.max(b.h + 20.0)),
        None => (0.0, 0.0, title_h + gh),
    };
    let title_w = title
        .iter()
        .map(|l| m.text_width(l, TITLE_FONT, true))
        .fold(0.0, f64::max)
        + 20.0;
    let total_w = content_w.max(title_w).ceil();
    let total_h = total_h.ceil();

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="DejaVu Sans, sans-serif">"#,
        num(total_w),
        num(total_h),
        num(total_w),
        num(total_h)
    );
    let _ = writeln!(out, "  <title>{}</title>", xml(&d.diagram.title));
    let _ = writeln!(
        out,
        r##"  <rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        num(total_w),
        num(total_h)
    );
    for (k, line) in title.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"  <text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#212529" text-anchor="middle">{}</text>"##,
            num(total_w / 2.0),
            num(title_h - 12.0 - line_h * (title.len() - 1 - k) as f64),
            num(TITLE_FONT),
            xml(line)
        );
    }
    let _ = writeln!(out, r#"  <g transform="translate(0 {})">"#, num(title_h));

    // Zones, parents first so children draw on top. Their titles are written after
    // the edges, haloed in the frame's tint, so an edge entering a frame passes
    // behind its title instead of striking through the letters.
    let mut titles = String::new();
    let _ = writeln!(out, r#"   <g class="zones">"#);
    for (ci, pc) in d.layout.clusters.iter().enumerate() {
        let (fill, stroke) = &d.cluster_colors[ci];
        let r = &pc.rect;
        let _ = writeln!(
            out,
            r#"    <rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
        let t = &pc.title;
        let _ = writeln!(
            titles,
            r#"    <text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{stroke}" stroke="{fill}" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            num(t.x + 4.0),
            num(t.y + t.h / 2.0 + ZONE_FONT * 0.36),
            num(ZONE_FONT),
            xml(&d.cluster_titles[ci])
        );
    }
    let _ = writeln!(out, "   </g>");

    // Edges.
    let _ = writeln!(out, r#"   <g class="edges" fill="none">"#);
    for (e, pe) in d.diagram.edges.iter().zip(&d.layout.edges) {
        if pe.points.len() < 2 {
            continue;
        }
        let (color, width, dash, opacity) = edge_stroke(e, &d.diagram.retiring_color);
        let path = if pe.curved {
            curved_path(&pe.points)
        } else {
            rounded_path(&pe.points)
        };
        let _ = writeln!(
            out,
            r#"    <path d="{path}" stroke="{color}" stroke-width="{width}"{dash}{opacity} fill="none"/>"#
        );
        let n = pe.points.len();
        arrowhead(
            &mut out,
            pe.points[n - 1],
            pe.points[n - 2],
            &color,
            opacity,
        );
        if e.bidirectional {
            arrowhead(&mut out, pe.points[0], pe.points[1], &color, opacity);
        }
    }
    let _ = writeln!(out, "   </g>");
    let _ = writeln!(out, r#"   <g class="zone-titles">"#);
    out.push_str(&titles);
    let _ = writeln!(out, "   </g>");

    // Edge labels, after all edges: each sits on its own line, and its opaque
    // background hides the line (and any other line) behind the text.
    let _ = writeln!(out, r#"   <g class="labels">"#);
    for ((e, pe), lines) in d
        .diagram
        .edges
        .iter()
        .zip(&d.layout.edges)
        .zip(&d.edge_lines)
    {
        let Some(r) = &pe.label else { continue };
        let color = if e.retiring {
            d.diagram.retiring_color.as_str()
        } else {
            LABEL_COLOR
        };
        let _ = writeln!(
            out,
            r##"    <rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#ffffff"/>"##,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
        text_block(
            &mut out,
            lines,
            r,
            LABEL_FONT,
            color,
            e.pattern != 0,
            "    ",
        );
    }
    let _ = writeln!(out, "   </g>");

    // Systems.
    let _ = writeln!(out, r#"   <g class="systems">"#);
    for ((n, r), lines) in d.nodes.iter().zip(&d.layout.nodes).zip(&d.node_lines) {
        let _ = writeln!(out, "    <g>");
        if let Some(t) = &n.tooltip {
            let _ = writeln!(out, "     <title>{}</title>", xml(t));
        }
        let dash = if n.dashed {
            r#" stroke-dasharray="6 3""#
        } else {
            ""
        };
        let sw = if n.role == "integration" {
            "2.5"
        } else {
            "1.5"
        };
        let _ = writeln!(
            out,
            r#"     <rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}" stroke-width="{sw}"{dash}/>"#,
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            n.fill,
            n.stroke
        );
        text_block(&mut out, lines, r, NODE_FONT, "#ffffff", false, "     ");
        let _ = writeln!(out, "    </g>");
    }
    let _ = writeln!(out, "   </g>");
    let _ = writeln!(out, "  </g>");

    if let Some((l, b)) = legend {
        write_legend(&mut out, l, legend_x, legend_y, b.w, b.h, &d.diagram);
    }
    out.push_str("</svg>\n");
    out
}

#[allow(clippy::too_many_arguments)]
fn write_legend(
    out: &mut String,
    l: &view::LegendView,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    diagram: &view::Diagram,
) {
    let lh = TextMeasure::line_height(LEGEND_FONT) + 8.0;
    let _ = writeln!(out, r#"  <g class="legend">"#);
    let _ = writeln!(
        out,
        r##"   <rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#ffffff" stroke="#adb5bd"/>"##,
        num(x),
        num(y),
        num(w),
        num(h)
    );
    let _ = writeln!(
        out,
        r##"   <text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#212529">Legend</text>"##,
        num(x + 12.0),
        num(y + 8.0 + lh * 0.7),
        num(LEGEND_FONT + 1.0)
    );
    let mut row = 1.0;
    for s in &l.statuses {
        let ry = y + 8.0 + lh * row;
        let class = diagram.classes.iter().find(|c| c.name == s.class);
        let (fill, stroke, dashed) = class.map_or((s.fill.as_str(), EDGE_COLOR, false), |c| {
            (c.fill.as_str(), c.stroke.as_str(), c.dashed)
        });
        let dash = if dashed {
            r#" stroke-dasharray="4 2""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"   <rect x="{}" y="{}" width="28" height="{}" rx="3" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>"#,
            num(x + 12.0),
            num(ry + 3.0),
            num(lh - 10.0)
        );
        let _ = writeln!(
            out,
            r##"   <text x="{}" y="{}" font-size="{}" fill="#212529">{}</text>"##,
            num(x + 48.0),
            num(ry + lh * 0.62),
            num(LEGEND_FONT),
            xml(s.label)
        );
        row += 1.0;
    }
    for p in &l.patterns {
        let ry = y + 8.0 + lh * row + lh / 2.0 - 1.0;
        let (width, dash) = match p.line {
            "thick" => ("3", ""),
            "dashed" => ("1.5", r#" stroke-dasharray="6 4""#),
            _ => ("1.5", ""),
        };
        let _ = writeln!(
            out,
            r#"   <path d="M{},{} L{},{}" stroke="{EDGE_COLOR}" stroke-width="{width}"{dash} fill="none"/>"#,
            num(x + 12.0),
            num(ry),
            num(x + 36.0),
            num(ry)
        );
        arrowhead(out, (x + 44.0, ry), (x + 12.0, ry), EDGE_COLOR, "");
        let _ = writeln!(
            out,
            r##"   <text x="{}" y="{}" font-size="{}" fill="#212529">{}</text>"##,
            num(x + 52.0),
            num(ry + LEGEND_FONT * 0.36),
            num(LEGEND_FONT),
            xml(&p.label)
        );
        row += 1.0;
    }
    let _ = writeln!(out, "  </g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_fixed_precision_without_negative_zero() {
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1.005), "1");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn long_titles_wrap_to_the_width_and_short_ones_do_not() {
        let m = TextMeasure::new();
        let short = "Enterprise Integration Landscape";
        assert_eq!(title_lines(&m, short, 600.0), vec![short.to_string()]);
        let long = "This is an extremely long landscape title that an architect might write \
                    when describing the whole integration programme in one line";
        let lines = title_lines(&m, long, 600.0);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(m.text_width(l, TITLE_FONT, true) <= 600.0, "{l:?}");
        }
        assert_eq!(lines.join(" "), long);
        // A word wider than the width keeps a line of its own; nothing is lost.
        let word = "W".repeat(80);
        assert_eq!(
            title_lines(&m, &format!("a {word} b"), 100.0),
            vec!["a", &word, "b"]
        );
        assert_eq!(title_lines(&m, "", 100.0), vec![String::new()]);
    }

    #[test]
    fn rounded_path_rounds_corners() {
        let p = rounded_path(&[(0.0, 0.0), (0.0, 20.0), (20.0, 20.0)]);
        assert_eq!(p, "M0,0 L0,14 Q0,20 6,20 L20,20");
    }
}
