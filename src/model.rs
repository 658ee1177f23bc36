//! Stage 2: the document tree to a typed, resolved [`Model`].
//!
//! Every key is checked against the format (E002), every value against its type and
//! allowed set (E003), ids for uniqueness (E004), references resolved (E005), zone
//! nesting checked (E006, E010), and defaults applied (zone roles inherited, statuses
//! derived, touchpoint ids generated). All independent problems are reported in one
//! run. File order is kept everywhere, so output follows the file.

mod read;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diag::{Diagnostic, Severity, Span, did_you_mean};
use crate::parse::{Node, Value};
use crate::pattern::{Pattern, Timing};
use read::Reader;

/// Most systems a landscape may hold (SPEC E010).
pub const MAX_SYSTEMS: usize = 10_000;
/// Most touchpoints a landscape may hold (SPEC E010).
pub const MAX_TOUCHPOINTS: usize = 50_000;
/// Longest string value, in characters (SPEC E010).
pub const MAX_STRING_CHARS: usize = 4_096;
/// Deepest zone nesting (SPEC E010).
pub const MAX_ZONE_DEPTH: usize = 32;
/// Longest id (SPEC §2).
pub const MAX_ID_CHARS: usize = 64;

/// Main flow direction of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum Direction {
    /// Top to bottom.
    #[default]
    TB,
    /// Left to right.
    LR,
    /// Bottom to top.
    BT,
    /// Right to left.
    RL,
}

impl Direction {
    /// Every direction with its spelling.
    pub const ALL: [(&'static str, Direction); 4] = [
        ("TB", Direction::TB),
        ("LR", Direction::LR),
        ("BT", Direction::BT),
        ("RL", Direction::RL),
    ];

    /// The spelling used in files, Mermaid and DOT.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::TB => "TB",
            Direction::LR => "LR",
            Direction::BT => "BT",
            Direction::RL => "RL",
        }
    }
}

/// Which side of the landscape a zone or system belongs to; drives colours and the
/// direction rule (C106).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Anything outside Salesforce and the middleware.
    External,
    /// Middleware: ESB, iPaaS, API layers.
    Integration,
    /// The Salesforce platform.
    Salesforce,
}

impl Role {
    /// Every role with its spelling.
    pub const ALL: [(&'static str, Role); 3] = [
        ("external", Role::External),
        ("integration", Role::Integration),
        ("salesforce", Role::Salesforce),
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::External => "external",
            Role::Integration => "integration",
            Role::Salesforce => "salesforce",
        }
    }
}

/// Lifecycle of a system or touchpoint in the change being presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Introduced by the change.
    New,
    /// Stays as it is.
    Keeping,
    /// Switched off by the change.
    Retiring,
}

impl Status {
    /// Every status with its spelling, in legend order.
    pub const ALL: [(&'static str, Status); 3] = [
        ("new", Status::New),
        ("keeping", Status::Keeping),
        ("retiring", Status::Retiring),
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Keeping => "keeping",
            Status::Retiring => "retiring",
        }
    }
}

/// Platform features a touchpoint's data must take part in (C107).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    /// Apex triggers.
    Triggers,
    /// Flows and process automation.
    Flows,
    /// Standard reports.
    Reports,
    /// Approval processes.
    Approvals,
    /// Offline access in the mobile app.
    Offline,
}

impl Feature {
    /// Every feature with its spelling.
    pub const ALL: [(&'static str, Feature); 5] = [
        ("triggers", Feature::Triggers),
        ("flows", Feature::Flows),
        ("reports", Feature::Reports),
        ("approvals", Feature::Approvals),
        ("offline", Feature::Offline),
    ];

    /// The spelling used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Triggers => "triggers",
            Feature::Flows => "flows",
            Feature::Reports => "reports",
            Feature::Approvals => "approvals",
            Feature::Offline => "offline",
        }
    }
}

/// A frame on the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    /// Id from the file.
    pub id: String,
    /// Frame title.
    pub name: String,
    /// Own role, else the parent's, else external.
    pub role: Role,
    /// Index of the parent zone.
    pub parent: Option<usize>,
    /// Nesting depth: 0 for a top-level zone.
    pub depth: usize,
    /// Span of the id (the map key).
    #[serde(skip)]
    pub span: Span,
}

/// A box on the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct System {
    /// Id from the file.
    pub id: String,
    /// Label; may hold a line break.
    pub name: String,
    /// Index of its zone.
    pub zone: Option<usize>,
    /// Lifecycle.
    pub status: Status,
    /// Own role, else the zone's.
    pub role: Role,
    /// Free text.
    pub description: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
    /// Successor of a retiring system.
    pub replaced_by: Option<usize>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Where its fields are.
    #[serde(skip)]
    pub spans: SystemSpans,
}

/// Spans of a system's fields, for rules that point at one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SystemSpans {
    /// The id (map key).
    pub id: Span,
    /// `status`, if written.
    pub status: Option<Span>,
    /// `replaced_by`, if written.
    pub replaced_by: Option<Span>,
}

/// An arrow on the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Touchpoint {
    /// Given id, or `FROM->TO` (`#n` when repeated).
    pub id: String,
    /// Table name.
    pub name: Option<String>,
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
    /// Integration pattern, or `None` for a plain connection.
    pub pattern: Option<Pattern>,
    /// Timing as written; see [`Touchpoint::timing`].
    pub declared_timing: Option<Timing>,
    /// e.g. `REST callout`.
    pub technology: Option<String>,
    /// e.g. `DLQ + retry`.
    pub error_strategy: Option<String>,
    /// Second line of the arrow label, as written.
    pub label: Option<String>,
    /// Given or derived status.
    pub status: Status,
    /// Drawn with two heads.
    pub bidirectional: bool,
    /// Records per run or per transaction.
    pub volume: Option<u64>,
    /// Callout timeout in milliseconds.
    pub timeout_ms: Option<u64>,
    /// What happens when the other side is down.
    pub fallback: Option<String>,
    /// How duplicates are made harmless.
    pub idempotency: Option<String>,
    /// How a subscriber recovers missed events.
    pub replay: Option<String>,
    /// Platform features the data must take part in.
    pub requires: Vec<Feature>,
    /// Composite API sub-requests per call.
    pub subrequests: Option<u64>,
    /// Where its fields are.
    #[serde(skip)]
    pub spans: TouchpointSpans,
}

impl Touchpoint {
    /// The declared timing, else the pattern's own.
    pub fn timing(&self) -> Option<Timing> {
        self.declared_timing
            .or_else(|| self.pattern.map(Pattern::canonical_timing))
    }

    /// The second label line: `label`, else `technology`.
    pub fn label_text(&self) -> Option<&str> {
        self.label.as_deref().or(self.technology.as_deref())
    }
}

/// Spans of a touchpoint's fields, for rules that point at one of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TouchpointSpans {
    /// The list item (its first key).
    pub item: Span,
    /// `from` value.
    pub from: Span,
    /// `to` value.
    pub to: Span,
    /// `pattern` value.
    pub pattern: Option<Span>,
    /// `timing` value.
    pub timing: Option<Span>,
    /// `technology` value.
    pub technology: Option<Span>,
    /// `status` value.
    pub status: Option<Span>,
    /// `volume` value.
    pub volume: Option<Span>,
    /// `timeout` value.
    pub timeout: Option<Span>,
    /// `subrequests` value.
    pub subrequests: Option<Span>,
    /// Each `requires` entry, in order.
    pub requires: Vec<Span>,
}

/// Which legend entries to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Legend {
    /// Draw a legend at all.
    pub show: bool,
    /// `true`: all six patterns; `false`: the ones used.
    pub all_patterns: bool,
    /// `true`: all statuses; `false`: the ones used.
    pub all_statuses: bool,
    /// Where the legend goes.
    pub position: LegendPosition,
}

impl Default for Legend {
    fn default() -> Self {
        Legend {
            show: true,
            all_patterns: false,
            all_statuses: true,
            position: LegendPosition::Right,
        }
    }
}

/// Where the legend is placed relative to the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LegendPosition {
    /// To the right.
    Right,
    /// Below.
    Bottom,
}

/// Colours, validated `#rgb`/`#rrggbb`, defaults from SPEC §5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    /// Fill of `new` systems.
    pub new: String,
    /// Fill of `keeping` systems.
    pub keeping: String,
    /// Fill of `retiring` systems.
    pub retiring: String,
    /// Fill of integration systems, tint of integration zones.
    pub integration: String,
    /// Tint of salesforce zones.
    pub salesforce: String,
    /// Tint of external zones.
    pub external: String,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            new: "#2b8a3e".into(),
            keeping: "#868e96".into(),
            retiring: "#c92a2a".into(),
            integration: "#e65100".into(),
            salesforce: "#1565c0".into(),
            external: "#868e96".into(),
        }
    }
}

impl Theme {
    /// The zone tint colour of a role.
    pub fn role_color(&self, role: Role) -> &str {
        match role {
            Role::External => &self.external,
            Role::Integration => &self.integration,
            Role::Salesforce => &self.salesforce,
        }
    }

    /// The fill of a status.
    pub fn status_color(&self, status: Status) -> &str {
        match status {
            Status::New => &self.new,
            Status::Keeping => &self.keeping,
            Status::Retiring => &self.retiring,
        }
    }
}

/// A severity a `lint:` map may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// The severity, or `None` for off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// The whole landscape, resolved: indices instead of ids, defaults applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// Title, first line of every output.
    pub title: String,
    /// Free text for markdown and JSON.
    pub description: Option<String>,
    /// Main flow direction.
    pub direction: Direction,
    /// Zones in file order; a parent may come after its child.
    pub zones: Vec<Zone>,
    /// Systems in file order.
    pub systems: Vec<System>,
    /// Touchpoints in file order.
    pub touchpoints: Vec<Touchpoint>,
    /// Legend settings.
    pub legend: Legend,
    /// Colours.
    pub theme: Theme,
    /// Severity overrides by rule id (file order).
    pub lint: BTreeMap<String, Level>,
    /// Text values from which bidirectional controls or invisible characters were
    /// removed (reported by C116).
    #[serde(skip)]
    pub hidden_text: Vec<Span>,
}

/// Resolves a parsed document into a [`Model`], or returns every error found.
/// Warnings produced on the way (none today) would travel with the model.
pub fn resolve(root: &Node) -> Result<Model, Vec<Diagnostic>> {
    let mut r = Reader::default();
    let model = build(&mut r, root);
    match model {
        Some(m) if r.diags.is_empty() => Ok(m),
        _ => Err(r.diags),
    }
}

const TOP_KEYS: &[&str] = &[
    "landscape",
    "title",
    "description",
    "direction",
    "zones",
    "systems",
    "touchpoints",
    "legend",
    "theme",
    "lint",
];
const ZONE_KEYS: &[&str] = &["name", "role", "parent"];
const SYSTEM_KEYS: &[&str] = &[
    "name",
    "zone",
    "status",
    "role",
    "description",
    "owner",
    "replaced_by",
    "tags",
];
const TOUCHPOINT_KEYS: &[&str] = &[
    "id",
    "name",
    "from",
    "to",
    "pattern",
    "timing",
    "technology",
    "error_strategy",
    "label",
    "status",
    "bidirectional",
    "volume",
    "timeout",
    "fallback",
    "idempotency",
    "replay",
    "requires",
    "subrequests",
];
const LEGEND_KEYS: &[&str] = &["show", "patterns", "statuses", "position"];
const THEME_KEYS: &[&str] = &[
    "new",
    "keeping",
    "retiring",
    "integration",
    "salesforce",
    "external",
];

struct RawZone<'n> {
    id: String,
    span: Span,
    name: Option<String>,
    role: Option<Role>,
    parent: Option<(String, Span)>,
    _node: &'n Node,
}

struct RawSystem {
    id: String,
    span: Span,
    name: Option<String>,
    zone: Option<(String, Span)>,
    status: Option<(Status, Span)>,
    role: Option<Role>,
    description: Option<String>,
    owner: Option<String>,
    replaced_by: Option<(String, Span)>,
    tags: Vec<String>,
}

fn build(r: &mut Reader, root: &Node) -> Option<Model> {
    let top = r.fields(root, "the landscape", TOP_KEYS)?;
    let get = |k: &str| top.iter().find(|f| f.key == k);

    if let Some(f) = get("landscape")
        && let Some(v) = r.integer(f.value, "landscape")
        && v != 1
    {
        r.diags.push(
            Diagnostic::error(
                "E009",
                format!("format version {v} is not supported"),
                Some(f.value.span),
            )
            .with_help("this version of the tool reads `landscape: 1`"),
        );
    }
    let title = match get("title") {
        Some(f) => r.text(f.value, "title"),
        None => {
            r.diags.push(
                Diagnostic::error("E003", "missing required key `title`", Some(root.span))
                    .with_help("add `title: …` at the top level"),
            );
            None
        }
    };
    let description = get("description").and_then(|f| r.text(f.value, "description"));
    let direction = get("direction")
        .and_then(|f| r.choice(f.value, "direction", &Direction::ALL))
        .unwrap_or_default();

    // Zones.
    let mut zones_raw = Vec::new();
    if let Some(f) = get("zones") {
        for (key, node) in r.entries(f.value, "zones") {
            let Some(id) = r.id(key) else { continue };
            let Some(fields) = r.fields(node, &format!("zone `{id}`"), ZONE_KEYS) else {
                continue;
            };
            let g = |k: &str| fields.iter().find(|f| f.key == k);
            zones_raw.push(RawZone {
                id,
                span: key.span,
                name: g("name").and_then(|f| r.text(f.value, "name")),
                role: g("role").and_then(|f| r.choice(f.value, "role", &Role::ALL)),
                parent: g("parent").and_then(|f| r.id(f.value).map(|p| (p, f.value.span))),
                _node: node,
            });
        }
    }

    // Systems.
    let mut systems_raw = Vec::new();
    match get("systems") {
        Some(f) => {
            let entries = r.entries(f.value, "systems");
            if entries.len() > MAX_SYSTEMS {
                r.diags.push(
                    Diagnostic::error(
                        "E010",
                        format!(
                            "{} systems exceed the limit of {MAX_SYSTEMS}",
                            entries.len()
                        ),
                        Some(f.key_span),
                    )
                    .with_help("split the landscape into several files"),
                );
                return None;
            }
            if entries.is_empty() && matches!(f.value.value, Value::Map(_) | Value::Null) {
                r.diags.push(no_systems(f.key_span));
            }
            for (key, node) in entries {
                let Some(id) = r.id(key) else { continue };
                let Some(fields) = r.fields(node, &format!("system `{id}`"), SYSTEM_KEYS) else {
                    continue;
                };
                let g = |k: &str| fields.iter().find(|f| f.key == k);
                systems_raw.push(RawSystem {
                    id,
                    span: key.span,
                    name: g("name").and_then(|f| r.text(f.value, "name")),
                    zone: g("zone").and_then(|f| r.id(f.value).map(|z| (z, f.value.span))),
                    status: g("status").and_then(|f| {
                        r.choice(f.value, "status", &Status::ALL)
                            .map(|s| (s, f.value.span))
                    }),
                    role: g("role").and_then(|f| r.choice(f.value, "role", &Role::ALL)),
                    description: g("description").and_then(|f| r.text(f.value, "description")),
                    owner: g("owner").and_then(|f| r.text(f.value, "owner")),
                    replaced_by: g("replaced_by")
                        .and_then(|f| r.id(f.value).map(|z| (z, f.value.span))),
                    tags: g("tags")
                        .map(|f| r.text_list(f.value, "tags"))
                        .unwrap_or_default(),
                });
            }
        }
        None => r.diags.push(no_systems(root.span)),
    }

    // Ids are unique across zones and systems together.
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut dup_diags = Vec::new();
    for (id, span) in zones_raw
        .iter()
        .map(|z| (z.id.as_str(), z.span))
        .chain(systems_raw.iter().map(|s| (s.id.as_str(), s.span)))
    {
        if let Some(first) = seen.get(id) {
            dup_diags.push((id.to_string(), span, *first));
        } else {
            seen.insert(id, span);
        }
    }
    for (id, span, _first) in dup_diags {
        r.diags.push(
            Diagnostic::error(
                "E004",
                format!("the id `{id}` is already used by another zone or system"),
                Some(span),
            )
            .with_help("zone and system ids share one namespace; rename one of them"),
        );
    }

    let zone_index: HashMap<&str, usize> = zones_raw
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id.as_str(), i))
        .rev()
        .collect();
    let system_index: HashMap<&str, usize> = systems_raw
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .rev()
        .collect();
    let zone_ids: Vec<&str> = zones_raw.iter().map(|z| z.id.as_str()).collect();
    let system_ids: Vec<&str> = systems_raw.iter().map(|s| s.id.as_str()).collect();

    // Zone parents, cycles and depth.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(zones_raw.len());
    for z in &zones_raw {
        parents.push(z.parent.as_ref().and_then(|(p, span)| {
            let found = zone_index.get(p.as_str()).copied();
            if found.is_none() {
                let other = system_index.contains_key(p.as_str());
                r.unknown_ref("zone", p, *span, &zone_ids, other);
            }
            found
        }));
    }
    let (depths, cyclic) = zone_depths(&parents);
    let mut reported_cycle = vec![false; zones_raw.len()];
    for (i, z) in zones_raw.iter().enumerate() {
        // A zone under a cycle is not itself on it: the cycle is reported once, at
        // its first zone in file order.
        let path = if cyclic[i] && !reported_cycle[i] {
            cycle_path(&parents, i)
        } else {
            Vec::new()
        };
        if path.first() == Some(&i) {
            for &j in &path {
                reported_cycle[j] = true;
            }
            let mut names: Vec<String> = path
                .iter()
                .map(|&j| format!("`{}`", zones_raw[j].id))
                .collect();
            names.push(format!("`{}`", zones_raw[i].id));
            let span = z.parent.as_ref().map_or(z.span, |p| p.1);
            r.diags.push(
                Diagnostic::error(
                    "E006",
                    format!("zone nesting forms a cycle: {}", names.join(" → ")),
                    Some(span),
                )
                .with_help("a zone cannot be inside itself; remove one `parent` of the cycle"),
            );
        } else if !cyclic[i] && depths[i] >= MAX_ZONE_DEPTH {
            r.diags.push(
                Diagnostic::error(
                    "E010",
                    format!(
                        "zone `{}` is nested {} levels deep, over the limit of {MAX_ZONE_DEPTH}",
                        z.id,
                        depths[i] + 1
                    ),
                    Some(z.span),
                )
                .with_help("flatten the zone hierarchy"),
            );
        }
    }
    // Roles are inherited down the (acyclic) tree: resolve in depth order.
    let mut order: Vec<usize> = (0..zones_raw.len()).filter(|&i| !cyclic[i]).collect();
    order.sort_by_key(|&i| (depths[i], i));
    let mut roles: Vec<Role> = vec![Role::External; zones_raw.len()];
    for &i in &order {
        roles[i] = zones_raw[i]
            .role
            .or_else(|| parents[i].map(|p| roles[p]))
            .unwrap_or(Role::External);
    }
    let zones: Vec<Zone> = zones_raw
        .iter()
        .enumerate()
        .map(|(i, z)| Zone {
            id: z.id.clone(),
            name: z.name.clone().unwrap_or_else(|| z.id.clone()),
            role: roles[i],
            parent: if cyclic[i] { None } else { parents[i] },
            depth: depths[i],
            span: z.span,
        })
        .collect();

    // Systems.
    let mut systems = Vec::with_capacity(systems_raw.len());
    for s in &systems_raw {
        let zone = s.zone.as_ref().and_then(|(z, span)| {
            let found = zone_index.get(z.as_str()).copied();
            if found.is_none() {
                let other = system_index.contains_key(z.as_str());
                r.unknown_ref("zone", z, *span, &zone_ids, other);
            }
            found
        });
        let replaced_by = s.replaced_by.as_ref().and_then(|(z, span)| {
            let found = system_index.get(z.as_str()).copied();
            if found.is_none() {
                let other = zone_index.contains_key(z.as_str());
                r.unknown_ref("system", z, *span, &system_ids, other);
            }
            found
        });
        systems.push(System {
            id: s.id.clone(),
            name: s.name.clone().unwrap_or_else(|| s.id.clone()),
            zone,
            status: s.status.map_or(Status::Keeping, |x| x.0),
            role: s
                .role
                .or_else(|| zone.map(|z| zones[z].role))
                .unwrap_or(Role::External),
            description: s.description.clone(),
            owner: s.owner.clone(),
            replaced_by,
            tags: s.tags.clone(),
            spans: SystemSpans {
                id: s.span,
                status: s.status.map(|x| x.1),
                replaced_by: s.replaced_by.as_ref().map(|x| x.1),
            },
        });
    }

    // Touchpoints.
    let mut touchpoints = Vec::new();
    if let Some(f) = get("touchpoints") {
        let items = r.items(f.value, "touchpoints");
        if items.len() > MAX_TOUCHPOINTS {
            r.diags.push(
                Diagnostic::error(
                    "E010",
                    format!(
                        "{} touchpoints exceed the limit of {MAX_TOUCHPOINTS}",
                        items.len()
                    ),
                    Some(f.key_span),
                )
                .with_help("split the landscape into several files"),
            );
            return None;
        }
        let mut ids: HashMap<String, Span> = HashMap::new();
        let mut auto_count: HashMap<String, usize> = HashMap::new();
        for item in items {
            let Some(tp) = touchpoint(r, item, &system_index, &system_ids, &zone_index, &systems)
            else {
                continue;
            };
            let (mut tp, explicit_id) = tp;
            if let Some((id, span)) = explicit_id {
                if ids.contains_key(&id) {
                    r.diags.push(
                        Diagnostic::error(
                            "E004",
                            format!("the touchpoint id `{id}` is already used"),
                            Some(span),
                        )
                        .with_help("give each touchpoint its own id"),
                    );
                }
                ids.insert(id.clone(), span);
                tp.id = id;
            } else {
                let base = format!("{}->{}", systems[tp.from].id, systems[tp.to].id);
                let n = auto_count.entry(base.clone()).or_insert(0);
                *n += 1;
                tp.id = if *n == 1 { base } else { format!("{base}#{n}") };
                ids.entry(tp.id.clone()).or_insert(tp.spans.item);
            }
            touchpoints.push(tp);
        }
    }

    let legend = get("legend")
        .map(|f| legend(r, f.value))
        .unwrap_or_default();
    let theme = get("theme").map(|f| theme(r, f.value)).unwrap_or_default();
    let lint = get("lint").map(|f| lint(r, f.value)).unwrap_or_default();

    Some(Model {
        title: title?,
        description,
        direction,
        zones,
        systems,
        touchpoints,
        legend,
        theme,
        lint,
        hidden_text: std::mem::take(&mut r.hidden),
    })
}

fn no_systems(span: Span) -> Diagnostic {
    Diagnostic::error("E008", "the landscape has no systems", Some(span))
        .with_help("add at least one entry under `systems:`")
}

/// Depth of each zone (0 at the top) and whether it sits on or under a cycle.
/// Iterative, with memoisation, so chains of any length cost O(zones).
fn zone_depths(parents: &[Option<usize>]) -> (Vec<usize>, Vec<bool>) {
    const UNKNOWN: usize = usize::MAX;
    let n = parents.len();
    let mut depth = vec![UNKNOWN; n];
    let mut cyclic = vec![false; n];
    let mut state = vec![0u8; n]; // 0 new, 1 on the current walk, 2 done
    for start in 0..n {
        if state[start] == 2 {
            continue;
        }
        let mut walk = Vec::new();
        let mut cur = Some(start);
        let mut base: (usize, bool) = (0, false); // depth of the node above the walk's top, cyclic
        while let Some(c) = cur {
            match state[c] {
                2 => {
                    base = (depth[c].saturating_add(1), cyclic[c]);
                    break;
                }
                1 => {
                    // A cycle: everything from `c` on the walk is cyclic.
                    base = (0, true);
                    break;
                }
                _ => {
                    state[c] = 1;
                    walk.push(c);
                    cur = parents[c];
                }
            }
        }
        let mut d = base.0;
        for &w in walk.iter().rev() {
            depth[w] = d;
            cyclic[w] = base.1;
            state[w] = 2;
            d = d.saturating_add(1);
        }
    }
    (depth, cyclic)
}

/// The zones of the cycle reached from `start`, in parent order.
fn cycle_path(parents: &[Option<usize>], start: usize) -> Vec<usize> {
    let mut seen = vec![usize::MAX; parents.len()];
    let mut path = Vec::new();
    let mut cur = Some(start);
    while let Some(c) = cur {
        if seen[c] != usize::MAX {
            return path.split_off(seen[c]);
        }
        seen[c] = path.len();
        path.push(c);
        cur = parents[c];
    }
    path
}

type TouchpointWithId = (Touchpoint, Option<(String, Span)>);

fn touchpoint(
    r: &mut Reader,
    item: &Node,
    system_index: &HashMap<&str, usize>,
    system_ids: &[&str],
    zone_index: &HashMap<&str, usize>,
    systems: &[System],
) -> Option<TouchpointWithId> {
    let fields = r.fields(item, "a touchpoint", TOUCHPOINT_KEYS)?;
    let g = |k: &str| fields.iter().find(|f| f.key == k);
    let item_span = fields.first().map_or(item.span, |f| f.key_span);
    let endpoint = |r: &mut Reader, key: &str| -> Option<(usize, Span)> {
        let Some(f) = g(key) else {
            r.diags.push(
                Diagnostic::error(
                    "E003",
                    format!("the touchpoint has no `{key}`"),
                    Some(item_span),
                )
                .with_help(format!("add `{key}: SYSTEM_ID`")),
            );
            return None;
        };
        let id = r.id(f.value)?;
        match system_index.get(id.as_str()) {
            Some(&i) => Some((i, f.value.span)),
            None => {
                let other = zone_index.contains_key(id.as_str());
                r.unknown_ref("system", &id, f.value.span, system_ids, other);
                None
            }
        }
    };
    let from = endpoint(r, "from");
    let to = endpoint(r, "to");
    let explicit_id = g("id").and_then(|f| r.id(f.value).map(|i| (i, f.value.span)));
    let name = g("name").and_then(|f| r.text(f.value, "name"));
    let pattern = g("pattern").and_then(|f| {
        let text = r.raw_text(f.value, "pattern")?;
        match Pattern::parse(&text) {
            Some(p) => Some((p, f.value.span)),
            None => {
                let spellings = Pattern::spellings();
                let help = did_you_mean(&text, spellings.iter().map(String::as_str));
                r.diags.push(
                    Diagnostic::error(
                        "E003",
                        format!("`{text}` is not an integration pattern"),
                        Some(f.value.span),
                    )
                    .with_help(help.unwrap_or_else(|| {
                        format!(
                            "use one of {} (or P1…P6)",
                            Pattern::ALL.map(|p| format!("`{}`", p.as_str())).join(", ")
                        )
                    })),
                );
                None
            }
        }
    });
    let timing = g("timing").and_then(|f| {
        r.choice(f.value, "timing", &Timing::ALL)
            .map(|t| (t, f.value.span))
    });
    let technology =
        g("technology").and_then(|f| r.text(f.value, "technology").map(|t| (t, f.value.span)));
    let error_strategy = g("error_strategy").and_then(|f| r.text(f.value, "error_strategy"));
    let label = g("label").and_then(|f| r.text(f.value, "label"));
    let status = g("status").and_then(|f| {
        r.choice(f.value, "status", &Status::ALL)
            .map(|s| (s, f.value.span))
    });
    let bidirectional = g("bidirectional")
        .and_then(|f| r.boolean(f.value, "bidirectional"))
        .unwrap_or(false);
    let volume = g("volume").and_then(|f| r.integer(f.value, "volume").map(|v| (v, f.value.span)));
    let timeout =
        g("timeout").and_then(|f| r.duration(f.value, "timeout").map(|v| (v, f.value.span)));
    let fallback = g("fallback").and_then(|f| r.text(f.value, "fallback"));
    let idempotency = g("idempotency").and_then(|f| r.text(f.value, "idempotency"));
    let replay = g("replay").and_then(|f| r.text(f.value, "replay"));
    let requires = g("requires")
        .map(|f| r.choice_list(f.value, "requires", &Feature::ALL))
        .unwrap_or_default();
    let subrequests =
        g("subrequests").and_then(|f| r.integer(f.value, "subrequests").map(|v| (v, f.value.span)));

    let (from, from_span) = from?;
    let (to, to_span) = to?;
    if from == to {
        r.diags.push(
            Diagnostic::error(
                "E007",
                format!(
                    "the touchpoint goes from `{}` to itself",
                    systems[from].id
                ),
                Some(to_span),
            )
            .with_help("a touchpoint connects two different systems; model internal steps inside the system"),
        );
        return None;
    }
    let derived = {
        let ends = [systems[from].status, systems[to].status];
        if ends.contains(&Status::Retiring) {
            Status::Retiring
        } else if ends.contains(&Status::New) {
            Status::New
        } else {
            Status::Keeping
        }
    };
    Some((
        Touchpoint {
            id: String::new(),
            name,
            from,
            to,
            pattern: pattern.map(|p| p.0),
            declared_timing: timing.map(|t| t.0),
            technology: technology.as_ref().map(|t| t.0.clone()),
            error_strategy,
            label,
            status: status.map_or(derived, |s| s.0),
            bidirectional,
            volume: volume.map(|v| v.0),
            timeout_ms: timeout.map(|v| v.0),
            fallback,
            idempotency,
            replay,
            requires: requires.iter().map(|x| x.0).collect(),
            subrequests: subrequests.map(|v| v.0),
            spans: TouchpointSpans {
                item: item_span,
                from: from_span,
                to: to_span,
                pattern: pattern.map(|p| p.1),
                timing: timing.map(|t| t.1),
                technology: technology.map(|t| t.1),
                status: status.map(|s| s.1),
                volume: volume.map(|v| v.1),
                timeout: timeout.map(|v| v.1),
                subrequests: subrequests.map(|v| v.1),
                requires: requires.iter().map(|x| x.1).collect(),
            },
        },
        explicit_id,
    ))
}

fn legend(r: &mut Reader, node: &Node) -> Legend {
    let mut l = Legend::default();
    let Some(fields) = r.fields(node, "legend", LEGEND_KEYS) else {
        return l;
    };
    const SCOPE: [(&str, bool); 2] = [("used", false), ("all", true)];
    for f in fields {
        match f.key {
            "show" => l.show = r.boolean(f.value, "show").unwrap_or(l.show),
            "patterns" => l.all_patterns = r.choice(f.value, "patterns", &SCOPE).unwrap_or(false),
            "statuses" => l.all_statuses = r.choice(f.value, "statuses", &SCOPE).unwrap_or(true),
            "position" => {
                l.position = r
                    .choice(
                        f.value,
                        "position",
                        &[
                            ("right", LegendPosition::Right),
                            ("bottom", LegendPosition::Bottom),
                        ],
                    )
                    .unwrap_or(LegendPosition::Right)
            }
            _ => {}
        }
    }
    l
}

fn theme(r: &mut Reader, node: &Node) -> Theme {
    let mut t = Theme::default();
    let Some(fields) = r.fields(node, "theme", THEME_KEYS) else {
        return t;
    };
    for f in fields {
        let Some(c) = r.color(f.value, f.key) else {
            continue;
        };
        match f.key {
            "new" => t.new = c,
            "keeping" => t.keeping = c,
            "retiring" => t.retiring = c,
            "integration" => t.integration = c,
            "salesforce" => t.salesforce = c,
            "external" => t.external = c,
            _ => {}
        }
    }
    t
}

fn lint(r: &mut Reader, node: &Node) -> BTreeMap<String, Level> {
    let mut out = BTreeMap::new();
    const LEVELS: [(&str, Level); 4] = [
        ("error", Level::Error),
        ("warning", Level::Warning),
        ("info", Level::Info),
        ("off", Level::Off),
    ];
    for (key, value) in r.entries(node, "lint") {
        let Some(id) = r.raw_text(key, "rule id") else {
            continue;
        };
        let Some(rule) = crate::rules::find(&id) else {
            let help = did_you_mean(&id, crate::rules::RULES.iter().map(|r| r.id));
            r.diags.push(
                Diagnostic::error("E003", format!("`{id}` is not a rule id"), Some(key.span))
                    .with_help(help.unwrap_or_else(|| "`landscape rules` lists every rule".into())),
            );
            continue;
        };
        let Some(level) = r.choice(value, "severity", &LEVELS) else {
            continue;
        };
        if rule.is_structural() {
            r.diags.push(
                Diagnostic::error(
                    "E003",
                    format!("`{id}` is a structural rule and cannot be reconfigured"),
                    Some(key.span),
                )
                .with_help("only the architecture rules (C101–C115) take a severity"),
            );
            continue;
        }
        out.insert(id, level);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_depths_find_cycles_and_depths() {
        let (d, c) = zone_depths(&[None, Some(0), Some(1), Some(4), Some(3)]);
        assert_eq!(&d[..3], &[0, 1, 2]);
        assert_eq!(c, vec![false, false, false, true, true]);
        assert_eq!(cycle_path(&[None, Some(2), Some(1)], 1), vec![1, 2]);
    }
}
