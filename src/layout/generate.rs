//! Seeded synthetic landscapes for tests, benchmarks and comparisons with Graphviz.
//!
//! Shape as in `design/layout.md` §4: systems spread over 9 tiers, 30 nested zones
//! that each cover a few neighbouring tiers, 3 edges per system going 70 % to the
//! next tier, 15 % two tiers on, 5 % within the tier, 5 % one tier back and 5 %
//! anywhere, and 30 % of the edges labelled. Sizes are measured with the embedded
//! font, as real systems' boxes would be. A xorshift generator with a fixed seed makes
//! every graph reproducible without an RNG crate.

use super::text::TextMeasure;
use super::{Direction, InCluster, InEdge, InNode, LayoutInput, Size};

/// A generated landscape with the texts its sizes were measured from.
pub struct Synthetic {
    /// The graph, ready for [`super::layout`].
    pub input: LayoutInput,
    /// Node names (also the ids used in exports).
    pub node_names: Vec<String>,
    /// Zone titles.
    pub cluster_titles: Vec<String>,
    /// Edge label texts (lines joined with `\n`).
    pub edge_labels: Vec<Option<String>>,
    /// The tier (0–8) each system was generated in.
    pub node_tiers: Vec<usize>,
}

/// xorshift64*: small, fast, and identical on every platform; also the seeded
/// source of the crate's randomised tests.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, 0 included).
    pub(crate) fn seeded(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (0 when `n == 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// True with probability `pct` %.
    fn pct(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

const TIERS: usize = 9;
const ZONES: usize = 30;
/// Font sizes used for measuring, px.
pub const NODE_FONT: f64 = 12.0;
/// Edge label font size, px.
pub const LABEL_FONT: f64 = 11.0;
/// Zone title font size, px.
pub const TITLE_FONT: f64 = 12.0;

const WORDS: &[&str] = &[
    "Billing",
    "CRM",
    "Orders",
    "Payments",
    "Ledger",
    "Identity",
    "Catalog",
    "Pricing",
    "Inventory",
    "Shipping",
    "Portal",
    "Analytics",
    "Archive",
    "Gateway",
    "Reporting",
    "Service",
    "Cloud",
    "Hub",
];
const PATTERNS: &[&str] = &[
    "Request-Reply",
    "Fire and Forget",
    "Batch Sync",
    "Remote Call-In",
    "UI Update",
    "Data Virtualization",
];
const TECH: &[&str] = &[
    "REST",
    "SOAP",
    "SFTP",
    "Kafka",
    "Platform Events",
    "MuleSoft",
    "JDBC",
];

/// Generates a landscape with `n` systems from `seed`; the same arguments always give
/// the same graph.
pub fn landscape(n: usize, seed: u64) -> Synthetic {
    let mut rng = Rng::seeded(seed);
    let tm = TextMeasure::new();
    let lh = TextMeasure::line_height(NODE_FONT);
    // Zones: 6 top-level ones, the rest nested under a random earlier zone; each
    // covers 3 tiers, children a sub-range of their parent.
    let mut zones: Vec<(Option<usize>, usize, usize)> = Vec::with_capacity(ZONES);
    for z in 0..ZONES {
        if z < 6 {
            let a = rng.below(TIERS - 2);
            zones.push((None, a, a + 2));
        } else {
            let p = rng.below(z);
            let (_, a, b) = zones[p];
            let s = a + rng.below(b - a + 1);
            let e = (s + rng.below(2)).min(b);
            zones.push((Some(p), s, e));
        }
    }
    let cluster_titles: Vec<String> = (0..ZONES)
        .map(|z| format!("Zone {z} {}", WORDS[z % WORDS.len()]))
        .collect();
    let clusters = cluster_titles
        .iter()
        .zip(&zones)
        .map(|(t, z)| InCluster {
            parent: z.0,
            title: Size {
                w: tm.text_width(t, TITLE_FONT, true).ceil(),
                h: lh.ceil(),
            },
        })
        .collect();
    let mut nodes = Vec::with_capacity(n);
    let mut node_names = Vec::with_capacity(n);
    let mut by_tier: Vec<Vec<usize>> = vec![Vec::new(); TIERS];
    let mut tier_of = Vec::with_capacity(n);
    for i in 0..n {
        let (cluster, tier) = if rng.pct(85) {
            let z = rng.below(ZONES);
            let (_, a, b) = zones[z];
            (Some(z), a + rng.below(b - a + 1))
        } else {
            (None, rng.below(TIERS))
        };
        let name = format!(
            "{} {} {i}",
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())]
        );
        let w = (tm.text_width(&name, NODE_FONT, true) + 24.0)
            .max(90.0)
            .ceil();
        nodes.push(InNode {
            size: Size {
                w,
                h: (2.0 * lh + 16.0).ceil(),
            },
            cluster,
        });
        node_names.push(name);
        by_tier[tier].push(i);
        tier_of.push(tier);
    }
    let mut edges = Vec::with_capacity(3 * n);
    let mut edge_labels = Vec::with_capacity(3 * n);
    for (i, &t) in tier_of.iter().enumerate() {
        for _ in 0..3 {
            let roll = rng.below(100);
            let target_tier = match roll {
                0..70 => t + 1,
                70..85 => t + 2,
                85..90 => t,
                90..95 => t.wrapping_sub(1),
                _ => rng.below(TIERS),
            };
            let pool = by_tier.get(target_tier).filter(|p| !p.is_empty());
            let mut to = match pool {
                Some(p) => p[rng.below(p.len())],
                None => rng.below(n),
            };
            if to == i {
                to = (i + 1) % n.max(1);
            }
            if to == i {
                continue;
            }
            let (label, text) = if rng.pct(30) {
                let k = rng.below(40) + 1;
                let l1 = format!(
                    "P{}: {}",
                    rng.below(6) + 1,
                    PATTERNS[rng.below(PATTERNS.len())]
                );
                let l2 = format!("{} #{k}", TECH[rng.below(TECH.len())]);
                let ll = TextMeasure::line_height(LABEL_FONT);
                let w = tm
                    .text_width(&l1, LABEL_FONT, false)
                    .max(tm.text_width(&l2, LABEL_FONT, false))
                    + 8.0;
                (
                    Some(Size {
                        w: w.ceil(),
                        h: (2.0 * ll + 4.0).ceil(),
                    }),
                    Some(format!("{l1}\n{l2}")),
                )
            } else {
                (None, None)
            };
            edges.push(InEdge { from: i, to, label });
            edge_labels.push(text);
        }
    }
    Synthetic {
        input: LayoutInput {
            direction: Direction::TB,
            nodes,
            clusters,
            edges,
        },
        node_names,
        cluster_titles,
        edge_labels,
        node_tiers: tier_of,
    }
}

/// The same graph as Graphviz DOT: fixed-size boxes of our sizes (72 px = 1 inch),
/// DejaVu Sans text, one `cluster_zN` subgraph per zone, and `nodesep`/`ranksep`
/// matching `opts`.
pub fn to_dot(s: &Synthetic, opts: &super::LayoutOptions) -> String {
    use std::fmt::Write;
    let esc = |t: &str| {
        t.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    let rankdir = match s.input.direction {
        Direction::TB => "TB",
        Direction::LR => "LR",
        Direction::BT => "BT",
        Direction::RL => "RL",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph G {{\n  rankdir={rankdir}; nodesep={:.3}; ranksep={:.3};\n  node [shape=box fixedsize=true fontname=\"DejaVu Sans\" fontsize={NODE_FONT}];\n  edge [fontname=\"DejaVu Sans\" fontsize={LABEL_FONT}];\n  graph [fontname=\"DejaVu Sans\" fontsize={TITLE_FONT}];",
        opts.node_sep / 72.0,
        opts.rank_sep / 72.0
    );
    let nc = s.input.clusters.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); nc + 1];
    for (c, cl) in s.input.clusters.iter().enumerate() {
        kids[cl.parent.filter(|&p| p < c).unwrap_or(nc)].push(c);
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nc + 1];
    for (v, nd) in s.input.nodes.iter().enumerate() {
        members[nd.cluster.filter(|&c| c < nc).unwrap_or(nc)].push(v);
    }
    // Iterative nesting: (cluster, next child index).
    let mut stack: Vec<(usize, usize)> = vec![(nc, 0)];
    let write_nodes = |out: &mut String, c: usize| {
        for &v in &members[c] {
            let sz = s.input.nodes[v].size;
            let _ = writeln!(
                out,
                "  n{v} [label=\"{}\" width={:.4} height={:.4}];",
                esc(&s.node_names[v]),
                sz.w / 72.0,
                sz.h / 72.0
            );
        }
    };
    write_nodes(&mut out, nc);
    while let Some(top) = stack.last_mut() {
        let (c, k) = *top;
        if let Some(&d) = kids[c].get(k) {
            top.1 += 1;
            let _ = writeln!(
                out,
                "subgraph cluster_z{d} {{ label=\"{}\";",
                esc(&s.cluster_titles[d])
            );
            write_nodes(&mut out, d);
            stack.push((d, 0));
        } else {
            if c != nc {
                out.push_str("}\n");
            }
            stack.pop();
        }
    }
    for (e, l) in s.input.edges.iter().zip(&s.edge_labels) {
        match l {
            Some(t) => {
                let _ = writeln!(out, "  n{} -> n{} [label=\"{}\"];", e.from, e.to, esc(t));
            }
            None => {
                let _ = writeln!(out, "  n{} -> n{};", e.from, e.to);
            }
        }
    }
    out.push_str("}\n");
    out
}

/// A small hand-made landscape (16 systems, 6 zones, 2 levels deep, 20 touchpoints,
/// most of them labelled), the size and shape the tool is mostly used for.
pub fn sample_landscape() -> Synthetic {
    let tm = TextMeasure::new();
    let lh = TextMeasure::line_height(NODE_FONT);
    let ll = TextMeasure::line_height(LABEL_FONT);
    let zones: &[(&str, Option<usize>)] = &[
        ("Salesforce", None),
        ("Sales Cloud org", Some(0)),
        ("Service Cloud org", Some(0)),
        ("Integration layer", None),
        ("External systems", None),
        ("Finance", Some(4)),
    ];
    let systems: &[(&str, Option<usize>)] = &[
        ("Web Portal", None),
        ("Sales Cloud", Some(1)),
        ("CPQ", Some(1)),
        ("Service Cloud", Some(2)),
        ("Field Service", Some(2)),
        ("Marketing Cloud", Some(0)),
        ("MuleSoft", Some(3)),
        ("Event Bus", Some(3)),
        ("SAP ERP", Some(5)),
        ("Billing", Some(5)),
        ("Data Warehouse", Some(4)),
        ("Identity Provider", None),
        ("Legacy CRM", Some(4)),
        ("Document Store", Some(4)),
        ("Payment Gateway", Some(5)),
        ("Mobile App", None),
    ];
    let links: &[(usize, usize, Option<&str>)] = &[
        (0, 1, Some("P2: Web-to-Lead\nREST")),
        (15, 3, Some("P1: Case API\nREST")),
        (0, 11, None),
        (15, 11, None),
        (1, 2, Some("P5: Quote sync\nnative")),
        (1, 6, Some("P1: Order submit\nREST")),
        (2, 6, Some("P3: Price list\nbatch")),
        (3, 6, Some("P2: Case events\nPlatform Events")),
        (4, 7, Some("P2: Work orders\nKafka")),
        (6, 8, Some("P1: Create order\nSOAP")),
        (6, 9, Some("P3: Invoices\nSFTP")),
        (7, 10, Some("P3: Nightly load\nJDBC")),
        (9, 14, Some("P1: Charge\nREST")),
        (8, 9, None),
        (12, 6, Some("P6: Customer lookup\nvirtualized")),
        (5, 1, Some("P3: Segments\nbatch")),
        (10, 5, Some("P3: Scores\nbatch")),
        (3, 13, Some("P1: Attachments\nREST")),
        (8, 6, Some("P2: Order status\nevents")),
        (1, 11, None),
    ];
    let clusters = zones
        .iter()
        .map(|&(t, p)| InCluster {
            parent: p,
            title: Size {
                w: tm.text_width(t, TITLE_FONT, true).ceil(),
                h: lh.ceil(),
            },
        })
        .collect();
    let nodes = systems
        .iter()
        .map(|&(t, c)| InNode {
            size: Size {
                w: (tm.text_width(t, NODE_FONT, true) + 24.0).max(90.0).ceil(),
                h: (lh + 24.0).ceil(),
            },
            cluster: c,
        })
        .collect();
    let mut edges = Vec::new();
    let mut edge_labels = Vec::new();
    for &(a, b, l) in links {
        let label = l.map(|text| {
            let w = text
                .lines()
                .map(|x| tm.text_width(x, LABEL_FONT, false))
                .fold(0.0, f64::max)
                + 8.0;
            let lines = text.lines().count() as f64;
            Size {
                w: w.ceil(),
                h: (lines * ll + 4.0).ceil(),
            }
        });
        edges.push(InEdge {
            from: a,
            to: b,
            label,
        });
        edge_labels.push(l.map(str::to_string));
    }
    Synthetic {
        input: LayoutInput {
            direction: Direction::LR,
            nodes,
            clusters,
            edges,
        },
        node_names: systems.iter().map(|s| s.0.to_string()).collect(),
        cluster_titles: zones.iter().map(|z| z.0.to_string()).collect(),
        edge_labels,
        node_tiers: vec![0; systems.len()],
    }
}
