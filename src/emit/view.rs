//! View models: what templates and writers receive. Built from the resolved model
//! with the chosen view (all, current, target) applied; lists only, in file order,
//! with generated ids (`n0`, `z3`) so no user text ever becomes an identifier.

use serde::Serialize;

use crate::model::{Direction, Model, Role, Status};
use crate::pattern::Pattern;

/// Which state of the landscape to draw (SPEC §3 `--view`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// As-is and to-be together, coloured by status.
    #[default]
    All,
    /// As-is: nothing `new`.
    Current,
    /// To-be: nothing `retiring`.
    Target,
}

impl View {
    /// Whether an item of this status is drawn.
    pub fn shows(self, status: Status) -> bool {
        match self {
            View::All => true,
            View::Current => status != Status::New,
            View::Target => status != Status::Retiring,
        }
    }
}

/// Options that shape every diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiagramOptions {
    /// Which state to draw.
    pub view: View,
    /// Overrides the file's direction.
    pub direction: Option<Direction>,
    /// Drops the legend even if the file asks for one.
    pub no_legend: bool,
}

/// A system as drawn.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    /// Generated id (`n0`): system index in the file.
    pub gid: String,
    /// Index of the system in the model.
    #[serde(skip)]
    pub index: usize,
    /// The file's id.
    pub id: String,
    /// Label (may hold LF).
    pub name: String,
    /// Status spelling.
    pub status: &'static str,
    /// Role spelling.
    pub role: &'static str,
    /// Style class: `new`, `keeping`, `retiring`, or `integration_<status>`.
    pub class: String,
    /// Fill colour of the class (validated).
    pub fill: String,
    /// Border colour of the class (validated).
    pub stroke: String,
    /// Border dashed (retiring).
    pub dashed: bool,
    /// Tooltip text: description and owner.
    pub tooltip: Option<String>,
}

/// A zone frame as drawn, with what it contains.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneView {
    /// Generated id (`z0`).
    pub gid: String,
    /// Index of the zone in the model.
    #[serde(skip)]
    pub index: usize,
    /// Frame title.
    pub name: String,
    /// Role spelling.
    pub role: &'static str,
    /// Tint fill (validated colour).
    pub fill: String,
    /// Border colour (validated colour).
    pub stroke: String,
    /// Nested zones, in file order.
    pub zones: Vec<ZoneView>,
    /// Systems directly inside, in file order.
    pub systems: Vec<NodeView>,
}

/// A touchpoint as drawn.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    /// Position among drawn edges (Mermaid `linkStyle` index).
    pub n: usize,
    /// Touchpoint id.
    pub id: String,
    /// Index of the touchpoint in the model.
    #[serde(skip)]
    pub index: usize,
    /// Source generated id.
    pub from: String,
    /// Target generated id.
    pub to: String,
    /// Source system index.
    #[serde(skip)]
    pub from_index: usize,
    /// Target system index.
    #[serde(skip)]
    pub to_index: usize,
    /// Whole label, lines joined by LF: `P1: Request-Reply` and the second line.
    pub label: Option<String>,
    /// `solid`, `dashed` (P6) or `thick` (P3).
    pub line: &'static str,
    /// Status spelling.
    pub status: &'static str,
    /// Drawn faded in the retiring colour.
    pub retiring: bool,
    /// Two heads.
    pub bidirectional: bool,
    /// Pattern number, 0 for none.
    pub pattern: u8,
}

/// One status swatch of the legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendStatus {
    /// Generated id.
    pub gid: String,
    /// `NEW`, `KEEPING`, `RETIRING`, `INTEGRATION LAYER`.
    pub label: &'static str,
    /// Style class.
    pub class: &'static str,
    /// Fill colour.
    pub fill: String,
}

/// One pattern entry of the legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendPattern {
    /// Generated id stem.
    pub gid: String,
    /// `P3 Batch Sync — batch`.
    pub label: String,
    /// `solid`, `dashed`, `thick`.
    pub line: &'static str,
    /// Position among drawn edges (for `linkStyle`).
    pub n: usize,
}

/// The legend as drawn.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LegendView {
    /// Status swatches.
    pub statuses: Vec<LegendStatus>,
    /// Patterns with their line styles.
    pub patterns: Vec<LegendPattern>,
}

/// A style class for Mermaid `classDef` / DOT attributes: colours only, validated.
#[derive(Debug, Clone, Serialize)]
pub struct ClassView {
    /// Class name.
    pub name: String,
    /// Fill.
    pub fill: String,
    /// Border.
    pub stroke: String,
    /// Text colour.
    pub color: &'static str,
    /// Border dashed.
    pub dashed: bool,
}

/// Everything a diagram template needs.
#[derive(Debug, Clone, Serialize)]
pub struct Diagram {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// `TB`, `LR`, `BT`, `RL`.
    pub direction: &'static str,
    /// Top-level zones.
    pub zones: Vec<ZoneView>,
    /// Systems outside any zone.
    pub systems: Vec<NodeView>,
    /// Touchpoints drawn.
    pub edges: Vec<EdgeView>,
    /// The legend, when shown.
    pub legend: Option<LegendView>,
    /// Style classes in use.
    pub classes: Vec<ClassView>,
    /// Colour of retiring touchpoints.
    pub retiring_color: String,
    /// Legend placed below rather than right.
    pub legend_bottom: bool,
}

/// The line style of a pattern: P6 dashed, P3 thick, others solid.
pub fn line_style(p: Option<Pattern>) -> &'static str {
    match p {
        Some(Pattern::DataVirtualization) => "dashed",
        Some(Pattern::BatchSync) => "thick",
        _ => "solid",
    }
}

/// The arrow label: `P{n}: {short name}` then the label or technology; plain
/// connections show only the label.
pub fn edge_label(p: Option<Pattern>, second: Option<&str>) -> Option<String> {
    match (p, second) {
        (Some(p), Some(s)) => Some(format!("P{}: {}\n{}", p.number(), p.short_name(), s)),
        (Some(p), None) => Some(format!("P{}: {}", p.number(), p.short_name())),
        (None, Some(s)) => Some(s.to_string()),
        (None, None) => None,
    }
}

/// A light tint of a `#rgb`/`#rrggbb` colour: 88 % white, for zone backgrounds.
pub fn tint(color: &str) -> String {
    let hex = color.trim_start_matches('#');
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel =
        |i: usize| u8::from_str_radix(full.get(i..i + 2).unwrap_or("88"), 16).unwrap_or(0x88);
    let mix = |c: u8| -> u8 { ((u32::from(c) * 12 + 255 * 88) / 100) as u8 };
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(channel(0)),
        mix(channel(2)),
        mix(channel(4))
    )
}

/// The style class of a system.
pub fn class_of(role: Role, status: Status) -> String {
    if role == Role::Integration {
        format!("integration_{}", status.as_str())
    } else {
        status.as_str().to_string()
    }
}

/// The style classes: one per status, and one per status for integration systems
/// (orange, with the border showing the status).
pub fn classes(theme: &crate::model::Theme) -> Vec<ClassView> {
    let status_border = |s: Status| match s {
        Status::New => "#1b5e20".to_string(),
        Status::Keeping => "#495057".to_string(),
        Status::Retiring => "#7f1d1d".to_string(),
    };
    let mut classes = Vec::new();
    for (name, status) in Status::ALL {
        classes.push(ClassView {
            name: name.to_string(),
            fill: theme.status_color(status).to_string(),
            stroke: status_border(status),
            color: "#ffffff",
            dashed: status == Status::Retiring,
        });
    }
    for (name, status) in Status::ALL {
        classes.push(ClassView {
            name: format!("integration_{name}"),
            fill: theme.integration.clone(),
            stroke: match status {
                Status::New => theme.new.clone(),
                Status::Keeping => "#8a3000".to_string(),
                Status::Retiring => theme.retiring.clone(),
            },
            color: "#ffffff",
            dashed: status == Status::Retiring,
        });
    }

    classes
}

/// Builds the diagram view of a model.
pub fn diagram(model: &Model, opts: &DiagramOptions) -> Diagram {
    let shown: Vec<bool> = model
        .systems
        .iter()
        .map(|s| opts.view.shows(s.status))
        .collect();
    let classes = classes(&model.theme);
    let node = |i: usize| {
        let s = &model.systems[i];
        let tooltip = match (&s.description, &s.owner) {
            (Some(d), Some(o)) => Some(format!("{d}\nOwner: {o}")),
            (Some(d), None) => Some(d.clone()),
            (None, Some(o)) => Some(format!("Owner: {o}")),
            (None, None) => None,
        };
        let class = class_of(s.role, s.status);
        let style = classes.iter().find(|c| c.name == class);
        NodeView {
            gid: format!("n{i}"),
            index: i,
            id: s.id.clone(),
            name: s.name.clone(),
            status: s.status.as_str(),
            role: s.role.as_str(),
            fill: style.map_or_else(String::new, |c| c.fill.clone()),
            stroke: style.map_or_else(String::new, |c| c.stroke.clone()),
            dashed: style.is_some_and(|c| c.dashed),
            class,
            tooltip,
        }
    };
    // Children lists, then an iterative post-order build of the zone tree.
    let nz = model.zones.len();
    let mut child_zones: Vec<Vec<usize>> = vec![Vec::new(); nz];
    let mut top_zones = Vec::new();
    for (i, z) in model.zones.iter().enumerate() {
        match z.parent {
            Some(p) => child_zones[p].push(i),
            None => top_zones.push(i),
        }
    }
    let mut zone_systems: Vec<Vec<usize>> = vec![Vec::new(); nz];
    let mut top_systems = Vec::new();
    for (i, s) in model.systems.iter().enumerate() {
        if !shown[i] {
            continue;
        }
        match s.zone {
            Some(z) => zone_systems[z].push(i),
            None => top_systems.push(i),
        }
    }
    let mut order: Vec<usize> = (0..nz).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(model.zones[i].depth));
    let mut built: Vec<Option<ZoneView>> = vec![None; nz];
    for &i in &order {
        let z = &model.zones[i];
        let zones = child_zones[i]
            .iter()
            .filter_map(|&c| built[c].take())
            .collect();
        let color = model.theme.role_color(z.role).to_string();
        built[i] = Some(ZoneView {
            gid: format!("z{i}"),
            index: i,
            name: z.name.clone(),
            role: z.role.as_str(),
            fill: tint(&color),
            stroke: color,
            zones,
            systems: zone_systems[i].iter().map(|&s| node(s)).collect(),
        });
    }
    let zones: Vec<ZoneView> = top_zones.iter().filter_map(|&z| built[z].take()).collect();

    let mut edges = Vec::new();
    for (i, t) in model.touchpoints.iter().enumerate() {
        if !opts.view.shows(t.status) || !shown[t.from] || !shown[t.to] {
            continue;
        }
        edges.push(EdgeView {
            n: edges.len(),
            id: t.id.clone(),
            index: i,
            from: format!("n{}", t.from),
            to: format!("n{}", t.to),
            from_index: t.from,
            to_index: t.to,
            label: edge_label(t.pattern, t.label_text()),
            line: line_style(t.pattern),
            status: t.status.as_str(),
            retiring: t.status == Status::Retiring,
            bidirectional: t.bidirectional,
            pattern: t.pattern.map_or(0, Pattern::number),
        });
    }

    let theme = &model.theme;
    let legend = (model.legend.show && !opts.no_legend).then(|| {
        let used_status = |s: Status| {
            model
                .systems
                .iter()
                .enumerate()
                .any(|(i, x)| shown[i] && x.status == s && x.role != Role::Integration)
        };
        let mut statuses = Vec::new();
        for (label, class, status) in [
            ("NEW", "new", Status::New),
            ("KEEPING", "keeping", Status::Keeping),
            ("RETIRING", "retiring", Status::Retiring),
        ] {
            if opts.view.shows(status) && (model.legend.all_statuses || used_status(status)) {
                statuses.push(LegendStatus {
                    gid: format!("legend_{class}"),
                    label,
                    class,
                    fill: theme.status_color(status).to_string(),
                });
            }
        }
        if model.legend.all_statuses || model.systems.iter().any(|s| s.role == Role::Integration) {
            statuses.push(LegendStatus {
                gid: "legend_integration".into(),
                label: "INTEGRATION LAYER",
                class: "integration_keeping",
                fill: theme.integration.clone(),
            });
        }
        let mut patterns = Vec::new();
        for p in Pattern::ALL {
            let used = edges.iter().any(|e| e.pattern == p.number());
            if model.legend.all_patterns || used {
                patterns.push(LegendPattern {
                    gid: format!("legend_p{}", p.number()),
                    label: format!(
                        "P{} {} — {}",
                        p.number(),
                        p.short_name(),
                        p.canonical_timing().as_str()
                    ),
                    line: line_style(Some(p)),
                    n: edges.len() + patterns.len(),
                });
            }
        }
        LegendView { statuses, patterns }
    });

    Diagram {
        title: model.title.clone(),
        description: model.description.clone(),
        direction: opts.direction.unwrap_or(model.direction).as_str(),
        zones,
        systems: top_systems.iter().map(|&s| node(s)).collect(),
        edges,
        legend,
        classes,
        retiring_color: theme.retiring.clone(),
        legend_bottom: model.legend.position == crate::model::LegendPosition::Bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tint_mixes_towards_white() {
        assert_eq!(tint("#000000"), "#e0e0e0");
        assert_eq!(tint("#fff"), "#ffffff");
    }

    #[test]
    fn labels_follow_the_spec() {
        assert_eq!(
            edge_label(Some(Pattern::RequestReply), Some("REST callout")).as_deref(),
            Some("P1: Request-Reply\nREST callout")
        );
        assert_eq!(edge_label(None, Some("x")).as_deref(), Some("x"));
        assert_eq!(edge_label(None, None), None);
    }
}
