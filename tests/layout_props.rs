//! Geometric invariants of the native layout on random and edge-case inputs.
#![allow(clippy::needless_range_loop)]

use landscape::layout::{
    Direction, EdgeStyle, InCluster, InEdge, InNode, Layout, LayoutInput, LayoutOptions, Rect,
    Size, generate, layout,
};
use proptest::prelude::*;

/// [`layout`] of a graph well within its dummy budget.
fn laid_out(input: &LayoutInput, opts: &LayoutOptions) -> Layout {
    layout(input, opts).expect("within the dummy budget")
}

#[path = "common/seeded.rs"]
mod seeded;

const EPS: f64 = 1e-6;

fn overlap(a: &Rect, b: &Rect, shrink: f64) -> bool {
    a.x + shrink < b.x + b.w - shrink
        && b.x + shrink < a.x + a.w - shrink
        && a.y + shrink < b.y + b.h - shrink
        && b.y + shrink < a.y + a.h - shrink
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x - EPS
        && inner.y >= outer.y - EPS
        && inner.x + inner.w <= outer.x + outer.w + EPS
        && inner.y + inner.h <= outer.y + outer.h + EPS
}

fn ancestors(input: &LayoutInput, mut c: Option<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    while let Some(x) = c {
        out.push(x);
        c = input.clusters[x].parent.filter(|&p| p < x);
    }
    out
}

/// `r` shrunk by `d` on every side (never below zero size).
fn shrink(r: &Rect, d: f64) -> Rect {
    Rect {
        x: r.x + d,
        y: r.y + d,
        w: (r.w - 2.0 * d).max(0.0),
        h: (r.h - 2.0 * d).max(0.0),
    }
}

/// Whether the segment `a`–`b` meets the rectangle `r` (Liang–Barsky clipping);
/// with `touch == false` a segment along the border or ending on it does not count.
fn segment_meets(a: (f64, f64), b: (f64, f64), r: &Rect, touch: bool) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x),
        (dx, r.x + r.w - a.0),
        (-dy, a.1 - r.y),
        (dy, r.y + r.h - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 || (!touch && q <= 0.0) {
                return false;
            }
            continue;
        }
        let t = q / p;
        if p < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
    }
    if touch { t0 <= t1 } else { t0 < t1 }
}

/// A curved route (`p0 c1 c2 p1 …`) as a polyline of 16 pieces per Bézier piece.
fn flatten(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = vec![pts[0]];
    for c in pts[1..].chunks(3) {
        let p0 = *out.last().unwrap_or(&pts[0]);
        let (c1, c2, p1) = (c[0], c[1], c[2]);
        for k in 1..=16 {
            let t = k as f64 / 16.0;
            let u = 1.0 - t;
            let f = |a: f64, b: f64, c: f64, d: f64| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            out.push((f(p0.0, c1.0, c2.0, p1.0), f(p0.1, c1.1, c2.1, p1.1)));
        }
    }
    out
}

/// Checks every invariant the engine promises; returns a description of the first
/// violation.
fn check(input: &LayoutInput, l: &Layout) -> Result<(), String> {
    let (w, h) = (l.width, l.height);
    if !(w.is_finite() && h.is_finite() && w >= 0.0 && h >= 0.0) {
        return Err(format!("bad size {w}x{h}"));
    }
    let inside = |x: f64, y: f64| {
        x.is_finite() && y.is_finite() && x >= -EPS && y >= -EPS && x <= w + EPS && y <= h + EPS
    };
    let rect_inside = |r: &Rect| inside(r.x, r.y) && inside(r.x + r.w, r.y + r.h);
    if l.nodes.len() != input.nodes.len()
        || l.clusters.len() != input.clusters.len()
        || l.edges.len() != input.edges.len()
    {
        return Err("output lengths differ from input".into());
    }
    for (i, r) in l.nodes.iter().enumerate() {
        if !rect_inside(r) {
            return Err(format!("node {i} outside drawing: {r:?}"));
        }
    }
    for (i, c) in l.clusters.iter().enumerate() {
        if !rect_inside(&c.rect) || !contains(&c.rect, &c.title) {
            return Err(format!("cluster {i} or its title misplaced: {c:?}"));
        }
    }
    for (i, e) in l.edges.iter().enumerate() {
        if e.points.iter().any(|&(x, y)| !inside(x, y)) {
            return Err(format!("edge {i} leaves the drawing"));
        }
        if e.label.as_ref().is_some_and(|r| !rect_inside(r)) {
            return Err(format!("label {i} outside drawing"));
        }
    }
    // node-node
    for i in 0..l.nodes.len() {
        for j in i + 1..l.nodes.len() {
            if overlap(&l.nodes[i], &l.nodes[j], 0.01) {
                return Err(format!("nodes {i} and {j} overlap"));
            }
        }
    }
    // labels vs nodes and labels
    let labels: Vec<(usize, Rect)> = l
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.label.map(|r| (i, r)))
        .collect();
    for (k, (i, a)) in labels.iter().enumerate() {
        for (j, n) in l.nodes.iter().enumerate() {
            if overlap(a, n, 0.01) {
                return Err(format!("label of edge {i} on node {j}"));
            }
        }
        for (j, b) in &labels[k + 1..] {
            if overlap(a, b, 0.01) {
                return Err(format!("labels of edges {i} and {j} overlap"));
            }
        }
    }
    // clusters: members inside, foreign nodes outside, nesting, siblings disjoint, titles free
    let nc = input.clusters.len();
    let anc: Vec<Vec<usize>> = (0..nc).map(|c| ancestors(input, Some(c))).collect();
    for (v, n) in input.nodes.iter().enumerate() {
        let mine = ancestors(input, n.cluster.filter(|&c| c < nc));
        for c in 0..nc {
            let r = &l.clusters[c].rect;
            if mine.contains(&c) {
                if !contains(r, &l.nodes[v]) {
                    return Err(format!("node {v} outside its cluster {c}"));
                }
            } else if overlap(r, &l.nodes[v], 0.01) {
                return Err(format!("node {v} inside foreign cluster {c}"));
            }
            if overlap(&l.clusters[c].title, &l.nodes[v], 0.01) {
                return Err(format!("node {v} covers title of {c}"));
            }
        }
    }
    for a in 0..nc {
        for b in a + 1..nc {
            let (ra, rb) = (&l.clusters[a].rect, &l.clusters[b].rect);
            if anc[b].contains(&a) {
                if !contains(ra, rb) {
                    return Err(format!("cluster {b} not inside ancestor {a}"));
                }
                if overlap(&l.clusters[a].title, rb, 0.01) {
                    return Err(format!("cluster {b} covers title of {a}"));
                }
            } else if overlap(ra, rb, 0.01) {
                return Err(format!("clusters {a} and {b} overlap"));
            }
        }
    }
    // edges: valid non-loop edges have routes from border to border; orthogonal
    // routes are axis-aligned and miss every other node.
    for (i, (e, pe)) in input.edges.iter().zip(&l.edges).enumerate() {
        let valid = e.from < input.nodes.len() && e.to < input.nodes.len();
        if !valid {
            continue;
        }
        if pe.points.len() < 2 {
            return Err(format!("edge {i} has no route"));
        }
        let on_border = |r: &Rect, p: (f64, f64)| {
            let inx = p.0 >= r.x - 0.01 && p.0 <= r.x + r.w + 0.01;
            let iny = p.1 >= r.y - 0.01 && p.1 <= r.y + r.h + 0.01;
            inx && iny
                && ((p.0 - r.x).abs() < 0.01
                    || (p.0 - r.x - r.w).abs() < 0.01
                    || (p.1 - r.y).abs() < 0.01
                    || (p.1 - r.y - r.h).abs() < 0.01)
        };
        let (first, last) = (pe.points[0], pe.points[pe.points.len() - 1]);
        if !on_border(&l.nodes[e.from], first) || !on_border(&l.nodes[e.to], last) {
            return Err(format!("edge {i} does not start/end on its nodes' borders"));
        }
        // An arrowhead is drawn along the route's last piece (and its first, for
        // two-way touchpoints), so neither may be reduced to a point.
        let n = pe.points.len();
        if first != last && (pe.points[1] == first || pe.points[n - 2] == last) {
            return Err(format!("edge {i} has no direction at one of its ends"));
        }
        let drawn = if pe.curved {
            if pe.points.len() % 3 != 1 {
                return Err(format!("curved edge {i} has {} points", pe.points.len()));
            }
            flatten(&pe.points)
        } else {
            pe.points.clone()
        };
        // A label sits on its own edge: the route runs under the label's box, not
        // along or beside it.
        if let Some(r) = pe.label.filter(|r| r.w > 2.0 && r.h > 2.0) {
            let under = drawn
                .windows(2)
                .any(|s| segment_meets(s[0], s[1], &shrink(&r, 1.0), false));
            if !under {
                return Err(format!("edge {i} does not run under its label"));
            }
        }
        for s in drawn.windows(2) {
            let (a, b) = (s[0], s[1]);
            if !pe.curved && (a.0 - b.0).abs() > 1e-6 && (a.1 - b.1).abs() > 1e-6 {
                return Err(format!("edge {i} has a diagonal segment"));
            }
            for (v, n) in l.nodes.iter().enumerate() {
                if v == e.from || v == e.to {
                    continue;
                }
                if n.w > 2.0 && n.h > 2.0 && segment_meets(a, b, &shrink(n, 1.0), true) {
                    return Err(format!("edge {i} crosses node {v}"));
                }
            }
            if let Some((j, _)) = labels
                .iter()
                .find(|(j, r)| *j != i && segment_meets(a, b, &shrink(r, 0.5), false))
            {
                return Err(format!("edge {i} crosses the label of edge {j}"));
            }
        }
    }
    Ok(())
}

fn arb_input() -> impl Strategy<Value = LayoutInput> {
    (0usize..50, 0usize..14, 0usize..120, 0u8..4).prop_flat_map(|(n, nc, ne, dir)| {
        let clusters = proptest::collection::vec((0usize..16, 0f64..120.0, 0f64..30.0), nc);
        let nodes = proptest::collection::vec((0f64..200.0, 0f64..80.0, 0usize..18), n);
        let edges = proptest::collection::vec(
            (
                0usize..n.max(1) + 1,
                0usize..n.max(1) + 1,
                proptest::option::of((1f64..150.0, 1f64..40.0)),
            ),
            ne,
        );
        (clusters, nodes, edges).prop_map(move |(cs, ns, es)| LayoutInput {
            direction: [Direction::TB, Direction::LR, Direction::BT, Direction::RL][dir as usize],
            clusters: cs
                .iter()
                .enumerate()
                .map(|(i, &(p, tw, th))| InCluster {
                    parent: if p < i { Some(p) } else { None },
                    title: Size { w: tw, h: th },
                })
                .collect(),
            nodes: ns
                .iter()
                .map(|&(w, h, c)| InNode {
                    size: Size { w, h },
                    cluster: if c < nc { Some(c) } else { None },
                })
                .collect(),
            edges: es
                .iter()
                .map(|&(a, b, l)| InEdge {
                    from: a,
                    to: b,
                    label: l.map(|(w, h)| Size { w, h }),
                })
                .collect(),
        })
    })
}

proptest! {
    #![proptest_config(seeded::seeded(200, 0x4c41_594f_5554))]
    #[test]
    fn random_inputs_lay_out_cleanly(input in arb_input(), curved in any::<bool>()) {
        let opts = LayoutOptions { edges: if curved { EdgeStyle::Curved } else { EdgeStyle::Orthogonal }, ..LayoutOptions::default() };
        let l = laid_out(&input, &opts);
        if let Err(e) = check(&input, &l) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn synthetic_landscapes_all_directions() {
    for (n, seed) in [(20, 1), (60, 2), (150, 3)] {
        for dir in [Direction::TB, Direction::LR, Direction::BT, Direction::RL] {
            let mut s = generate::landscape(n, seed);
            s.input.direction = dir;
            let l = laid_out(&s.input, &LayoutOptions::default());
            check(&s.input, &l).unwrap_or_else(|e| panic!("n={n} seed={seed} {dir:?}: {e}"));
        }
    }
}

#[test]
fn sample_landscape_all_directions_and_styles() {
    for dir in [Direction::TB, Direction::LR, Direction::BT, Direction::RL] {
        for style in [EdgeStyle::Orthogonal, EdgeStyle::Curved] {
            let mut s = generate::sample_landscape();
            s.input.direction = dir;
            let opts = LayoutOptions {
                edges: style,
                ..LayoutOptions::default()
            };
            let l = laid_out(&s.input, &opts);
            check(&s.input, &l).unwrap_or_else(|e| panic!("{dir:?} {style:?}: {e}"));
            // titles keep their size and sit at the top-left of their frame
            for (c, pc) in s.input.clusters.iter().zip(&l.clusters) {
                assert_eq!((pc.title.w, pc.title.h), (c.title.w, c.title.h));
                assert!(
                    pc.title.y - pc.rect.y < 10.0 && pc.title.x - pc.rect.x < 10.0,
                    "{dir:?}"
                );
            }
        }
    }
}

#[test]
fn deterministic() {
    let s = generate::landscape(120, 7);
    let a = serde_json::to_string(&laid_out(&s.input, &LayoutOptions::default())).unwrap();
    let b = serde_json::to_string(&laid_out(&s.input, &LayoutOptions::default())).unwrap();
    assert_eq!(a, b);
}

#[test]
fn odd_inputs_do_not_panic() {
    let sz = Size { w: 80.0, h: 40.0 };
    let node = |c| InNode {
        size: sz,
        cluster: c,
    };
    // empty graph
    let empty = LayoutInput {
        direction: Direction::TB,
        nodes: vec![],
        clusters: vec![],
        edges: vec![],
    };
    check(&empty, &laid_out(&empty, &LayoutOptions::default())).unwrap();
    // self loop, out-of-range edge, bad sizes, bad cluster refs, empty clusters
    let odd = LayoutInput {
        direction: Direction::LR,
        nodes: vec![
            node(Some(0)),
            node(Some(7)),
            InNode {
                size: Size {
                    w: f64::NAN,
                    h: -3.0,
                },
                cluster: None,
            },
        ],
        clusters: vec![
            InCluster {
                parent: None,
                title: Size { w: 50.0, h: 14.0 },
            },
            InCluster {
                parent: Some(5),
                title: Size {
                    w: f64::INFINITY,
                    h: 14.0,
                },
            },
            InCluster {
                parent: Some(1),
                title: Size { w: 30.0, h: 14.0 },
            },
        ],
        edges: vec![
            InEdge {
                from: 0,
                to: 0,
                label: Some(sz),
            },
            InEdge {
                from: 0,
                to: 9,
                label: None,
            },
            InEdge {
                from: 1,
                to: 0,
                label: None,
            },
            InEdge {
                from: 0,
                to: 1,
                label: None,
            },
            InEdge {
                from: 0,
                to: 1,
                label: Some(sz),
            },
        ],
    };
    let l = laid_out(
        &odd,
        &LayoutOptions {
            node_sep: f64::NAN,
            rank_sep: -1.0,
            ..LayoutOptions::default()
        },
    );
    check(&odd, &l).unwrap();
    assert_eq!(
        l.edges[0].points.len(),
        4,
        "self-loop drawn as a small loop"
    );
    assert!(l.edges[1].points.is_empty());
}

#[test]
fn deep_nesting_and_long_chain() {
    // 32 nested clusters, a node in each
    let clusters: Vec<InCluster> = (0..32)
        .map(|i| InCluster {
            parent: if i == 0 { None } else { Some(i - 1) },
            title: Size { w: 40.0, h: 12.0 },
        })
        .collect();
    let nodes: Vec<InNode> = (0..32)
        .map(|i| InNode {
            size: Size { w: 60.0, h: 30.0 },
            cluster: Some(i),
        })
        .collect();
    let edges: Vec<InEdge> = (0..31)
        .map(|i| InEdge {
            from: i,
            to: 31 - i,
            label: None,
        })
        .collect();
    let input = LayoutInput {
        direction: Direction::TB,
        nodes,
        clusters,
        edges,
    };
    check(&input, &laid_out(&input, &LayoutOptions::default())).unwrap();
    // a 3000-node chain with a back edge: no recursion, no stack overflow
    let n = 3000;
    let nodes: Vec<InNode> = (0..n)
        .map(|_| InNode {
            size: Size { w: 10.0, h: 10.0 },
            cluster: None,
        })
        .collect();
    let mut edges: Vec<InEdge> = (0..n - 1)
        .map(|i| InEdge {
            from: i,
            to: i + 1,
            label: None,
        })
        .collect();
    edges.push(InEdge {
        from: n - 1,
        to: 0,
        label: None,
    });
    let input = LayoutInput {
        direction: Direction::TB,
        nodes,
        clusters: vec![],
        edges,
    };
    let l = laid_out(&input, &LayoutOptions::default());
    assert!(l.height > l.width);
}
