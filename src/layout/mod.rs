//! Native layered layout of a compound graph: systems (boxes) inside nested zones
//! (frames), touchpoints (arrows, optionally labelled) between systems.
//!
//! Takes a [`LayoutInput`] (sizes, cluster tree, edges, all by index) and returns a
//! [`Layout`] (rectangles and edge routes, same indices). The algorithm follows
//! `design/layout.md` with a few simplifications, phase by phase:
//!
//! 1. `rank`: cycles broken by greedy FAS refined with a spring potential inside
//!    strongly connected components; ranks by network simplex on a nesting graph
//!    (clusters pulled together). Every `minlen` is doubled so a labelled edge always
//!    has a middle rank for its label. With clusters, edge directions may instead come
//!    from a potential that also pulls each cluster's members to one level (some
//!    edges then point up, as in dot), so a cluster does not span the whole drawing.
//!    Graphs laid out once get the plain orientation re-derived from a layering with
//!    fewer levels (never more upward edges).
//! 2. `order`: dummy chains, label dummies and per-rank cluster border items;
//!    hierarchical barycenter sweeps that keep every cluster one block per rank and keep
//!    sibling clusters in one left-to-right order on all ranks; crossings counted
//!    with a Fenwick tree, best order kept; dot's transpose after every sweep, a
//!    second run from a bottom-up start on mid-sized graphs drawn once, then swaps
//!    of whole sibling cluster blocks while they remove crossings. A label may move along
//!    its edge's dummy chain, and ranks are added below a rank that labels make
//!    much wider than any rank of nodes.
//! 3. `place`: x from a separation-constraint graph (one variable per cluster side,
//!    so frame sides are straight), packed by longest path, then relaxed toward
//!    neighbour medians without ever violating a constraint (instead of
//!    Brandes–Köpf), and on small graphs straightened by dot's network simplex; y
//!    from rank bands.
//! 4. `route`: orthogonal routes with justified ports and per-gap run slots, or the
//!    same routes with each run drawn as a cubic S-bend.
//!
//! Small graphs (see `TRY_MAX`) are drawn several times over: a few cluster pulls,
//! each with and without the ranks added for labels, and each also dealt over more
//! levels where a hub has a large fan of leaves (`rank::stagger`); then sibling
//! frames trade places from the two best (within a budget of re-swept items,
//! `SWAP_ITEMS`). Candidates are judged on the relaxed x
//! placement by area × total edge length × √(drawn crossings, relative), times the
//! page-shape factor past `MAX_ASPECT`, and the finalists are straightened and
//! judged again. Graphs up to `PAIR_MAX` nodes + edges are drawn from the plain
//! ranking and from a strongly pulled one, and judged the same way, with each edge
//! through an unrelated frame counted as `INTRUSION_CROSSINGS` crossings: the
//! pulled one keeps frames short, so fewer edges cut through unrelated frames. A
//! dealt drawing, if any, is a third. Larger graphs are drawn once.
//!
//! Everything is laid out top-to-bottom; LR, BT and RL are transposes/flips of it.
//! The engine never panics on odd input: out-of-range indices are ignored, non-finite
//! sizes are treated as zero, and self-loops get a small loop beside their node.
//! It is deterministic: no hash-map iteration, no RNG, stable sorts with index ties.

use serde::Serialize;
use std::collections::HashSet;

pub mod generate;
mod order;
mod place;
mod rank;
mod route;
mod simplex;
pub mod text;

/// Main direction of flow: the direction most edges point in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// Top to bottom.
    TB,
    /// Left to right.
    LR,
    /// Bottom to top.
    BT,
    /// Right to left.
    RL,
}

/// A width and a height in px.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Default)]
pub struct Size {
    /// Width in px.
    pub w: f64,
    /// Height in px.
    pub h: f64,
}

/// A graph to lay out. All references are indices into the vectors.
#[derive(Clone, Debug)]
pub struct LayoutInput {
    /// Direction of flow.
    pub direction: Direction,
    /// Boxes; index = node id.
    pub nodes: Vec<InNode>,
    /// Frames; index = cluster id. A parent must have a smaller index than its
    /// children (a parent that does not is ignored: the cluster becomes top level).
    pub clusters: Vec<InCluster>,
    /// Arrows between nodes.
    pub edges: Vec<InEdge>,
}

/// A box to place.
#[derive(Clone, Debug)]
pub struct InNode {
    /// Size of the box, text included.
    pub size: Size,
    /// Innermost cluster containing the node, if any.
    pub cluster: Option<usize>,
}

/// A frame: a cluster of nodes and nested clusters.
#[derive(Clone, Debug)]
pub struct InCluster {
    /// Enclosing cluster (smaller index), or `None` for a top-level cluster.
    pub parent: Option<usize>,
    /// Size of the title text; the frame reserves room for it in its top-left corner.
    pub title: Size,
}

/// An arrow from one node to another.
#[derive(Clone, Debug)]
pub struct InEdge {
    /// Source node index.
    pub from: usize,
    /// Target node index (the arrow tip ends here).
    pub to: usize,
    /// Size of the label box, if the edge is labelled.
    pub label: Option<Size>,
}

/// How edges are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EdgeStyle {
    /// Horizontal and vertical segments; the SVG writer may round the corners.
    #[default]
    Orthogonal,
    /// Cubic Bézier pieces: straight through ranks and frame margins, one S-bend per
    /// gap between ranks, at the height the orthogonal route would run (so curves
    /// sharing a gap stay apart and miss every box, label and title).
    Curved,
}

/// Spacing parameters, in px.
#[derive(Clone, Copy, Debug)]
pub struct LayoutOptions {
    /// Horizontal gap between neighbouring boxes (and labels) in a rank.
    pub node_sep: f64,
    /// Vertical gap between ranks of boxes.
    pub rank_sep: f64,
    /// Gap between parallel edge segments, and between an edge and its neighbours.
    pub edge_sep: f64,
    /// Padding between a frame and its contents.
    pub cluster_pad: f64,
    /// Orthogonal or curved routes.
    pub edges: EdgeStyle,
}

impl Default for LayoutOptions {
    /// Compact, dot-like spacing (dot: nodesep 18 pt, ranksep 36 pt) that still reads
    /// well at 12–14 px text.
    fn default() -> Self {
        LayoutOptions {
            node_sep: 20.0,
            rank_sep: 36.0,
            edge_sep: 6.0,
            cluster_pad: 8.0,
            edges: EdgeStyle::Orthogonal,
        }
    }
}

/// An axis-aligned rectangle; `x`, `y` is the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The result: a drawing in a `width` × `height` space with origin 0,0 at the top
/// left; every rectangle and point lies inside it, with a margin.
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// One rectangle per input node, same index.
    pub nodes: Vec<Rect>,
    /// One frame per input cluster, same index.
    pub clusters: Vec<PlacedCluster>,
    /// One route per input edge, same index.
    pub edges: Vec<PlacedEdge>,
}

/// A placed frame.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct PlacedCluster {
    /// The frame.
    pub rect: Rect,
    /// Where to write the title (inside the frame, top-left; never covered by
    /// nodes or nested frames).
    pub title: Rect,
}

/// A routed edge.
///
/// `points` runs from the source node's border to the target node's border; the
/// arrow tip is the last point.
/// * `curved == false`: a polyline of horizontal and vertical segments (corners may
///   be rounded when drawn).
/// * `curved == true`: cubic Bézier control points `p0 c1 c2 p1 c1 c2 p2 …`
///   (SVG `M p0 C c1 c2 p1 C …`), so `points.len() == 1 + 3k`.
///
/// `points` is empty only for an edge whose endpoints are not valid node indices.
#[derive(Clone, Debug, Serialize)]
pub struct PlacedEdge {
    /// Route, see the type docs.
    pub points: Vec<(f64, f64)>,
    /// Whether `points` are Bézier control points.
    pub curved: bool,
    /// The label box, over the route where it crosses the label's rank: the route
    /// runs under it, through its middle or, where that saves a bend, nearer one
    /// side (at least 5 px in); it may step sideways under the box, out of sight,
    /// so that it runs straight both into and out of the label.
    pub label: Option<Rect>,
}

/// Margin around the drawing, in px.
const MARGIN: f64 = 10.0;

/// Sanitised copy of the input in top-to-bottom space (w/h swapped for LR/RL).
pub(crate) struct Graph {
    pub(crate) node_size: Vec<Size>,
    pub(crate) node_cluster: Vec<Option<usize>>,
    pub(crate) cluster_parent: Vec<Option<usize>>,
    pub(crate) title: Vec<Size>,
    /// Title at the bottom end of the frame in TB space (BT and RL), so that it ends
    /// up at the top (BT) or the left (RL) after flipping.
    pub(crate) title_bottom: bool,
    /// Title in a strip along the frame's left side in TB space (LR and RL), which
    /// becomes a strip along the top after transposing; otherwise a strip along the
    /// top (TB) or bottom (BT).
    pub(crate) title_left: bool,
    /// Valid, non-loop edges: (input index, from, to, label size in TB space).
    pub(crate) edges: Vec<(usize, usize, usize, Option<Size>)>,
}

fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v.min(1.0e6)
    } else {
        0.0
    }
}

fn clean_size(s: Size, transpose: bool) -> Size {
    let (w, h) = (clean(s.w), clean(s.h));
    if transpose {
        Size { w: h, h: w }
    } else {
        Size { w, h }
    }
}

fn clean_opts(o: &LayoutOptions) -> LayoutOptions {
    let f = |v: f64, d: f64| {
        if v.is_finite() && v >= 0.0 {
            v.min(1.0e4)
        } else {
            d
        }
    };
    let d = LayoutOptions::default();
    LayoutOptions {
        node_sep: f(o.node_sep, d.node_sep),
        rank_sep: f(o.rank_sep, d.rank_sep),
        edge_sep: f(o.edge_sep, d.edge_sep).max(1.0),
        cluster_pad: f(o.cluster_pad, d.cluster_pad),
        edges: o.edges,
    }
}

impl Graph {
    fn new(input: &LayoutInput) -> Graph {
        let transpose = matches!(input.direction, Direction::LR | Direction::RL);
        let nc = input.clusters.len();
        let cluster_parent: Vec<Option<usize>> = input
            .clusters
            .iter()
            .enumerate()
            .map(|(i, c)| c.parent.filter(|&p| p < i))
            .collect();
        let n = input.nodes.len();
        let edges = input
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.from < n && e.to < n && e.from != e.to)
            .map(|(i, e)| (i, e.from, e.to, e.label.map(|l| clean_size(l, transpose))))
            .collect();
        Graph {
            node_size: input
                .nodes
                .iter()
                .map(|v| clean_size(v.size, transpose))
                .collect(),
            node_cluster: input
                .nodes
                .iter()
                .map(|v| v.cluster.filter(|&c| c < nc))
                .collect(),
            cluster_parent,
            title: input
                .clusters
                .iter()
                .map(|c| clean_size(c.title, transpose))
                .collect(),
            title_bottom: matches!(input.direction, Direction::BT | Direction::RL),
            title_left: transpose,
            edges,
        }
    }
}

/// Lays out `input`. See the module docs for the phases.
///
/// # Complexity
/// Roughly O((V + D) · log V · sweeps) with D the number of dummy nodes; a gap's
/// run ordering is quadratic in its overlapping runs up to a pair budget and
/// O(n log n) beyond it. Small graphs (see `TRY_MAX`) are laid out several times
/// over (rankings, sibling swaps), graphs up to `PAIR_MAX` two or three times, each
/// drawing judged on its drawn crossings too (O(S log S) in the route segments).
///
/// # Errors
/// [`TooLarge`] where the ranking asks for more than [`MAX_DUMMIES`] dummy items.
pub fn layout(input: &LayoutInput, opts: &LayoutOptions) -> Result<Layout, TooLarge> {
    let opts = clean_opts(opts);
    let g = Graph::new(input);
    let size = g.node_size.len() + g.edges.len();
    if g.cluster_parent.is_empty() || size > TRY_MAX {
        // Graphs without frames (where cluster pulls change nothing) and graphs
        // past the search are drawn once per ranking: the plain one (with fewer
        // levels) and, up to PAIR_MAX, one with a strong cluster pull if there are
        // frames and one dealt over more levels if a hub has a large fan (or
        // nothing is linked).
        let ranking = ranking_of(&g, 0.0);
        let dummies = rank::dummies(&g.edges, &ranking);
        if dummies > MAX_DUMMIES {
            return Err(TooLarge {
                dummies,
                limit: MAX_DUMMIES,
            });
        }
        return Ok(drawn_past_search(input, &g, &opts, ranking));
    }
    let ordered = |ranking: &rank::Ranking, splits: usize| -> order::Ordered {
        let mut ord = order::build(&g, ranking, splits);
        order::order(&mut ord, false);
        ord
    };
    let mut c0 = None;
    // Every pull's ranking, and the same dealt over more levels where a hub has a
    // large fan of leaves (or nothing is linked).
    // Without `fewer_levels`, which only refines the plain pull (see
    // `rank::rank_with`).
    let rankings: Vec<(rank::Ranking, Option<rank::Ranking>)> = rank::rank_pulls(
        g.node_size.len(),
        &g.edges,
        &g.node_cluster,
        &g.cluster_parent,
        &PULLS,
    )
    .into_iter()
    .map(|ranking| {
        let dealt = rank::stagger(&g, &ranking);
        (ranking, dealt)
    })
    .collect();
    // Around a hub, a zone with systems on both sides of it spans the hub's level,
    // and every edge from the hub to a zone beyond it cuts through; there edges
    // through unrelated frames weigh in as in the choice between the drawings
    // (measured: a generated 30-leaf hub, 7 such edges → 0, with no crossing
    // either way).
    let hub = rankings.iter().any(|r| r.1.is_some());
    let mut judge = |ord: &order::Ordered, simplex: bool| -> (f64, Layout) {
        let xs = place::place_x_with(ord, &g, &opts, simplex);
        let routed = route::route(ord, &g, &opts, &xs);
        let l = finish(input, &g, &opts, ord, &xs, &routed);
        let j = if hub {
            pair_judged(&g, &l, &mut c0)
        } else {
            judged(&l, &mut c0, 0)
        };
        (j * shape_factor(&l), l)
    };
    // Candidates are judged on the relaxed x placement (the network simplex step
    // costs as much as the rest of a drawing); only the finalists get it.
    // (score, order) of every candidate; only the finalists' drawings are kept.
    let mut cands: Vec<(f64, order::Ordered)> = Vec::new();
    let mut seen: Vec<rank::Ranking> = Vec::new();
    for (ranking, staggered) in rankings {
        // Without edges the undealt ranking puts every system on one level: a row,
        // or in LR one column, which only the dealt block replaces (in LR the
        // column would win on area, since levels stand far apart there).
        let undealt = !(g.edges.is_empty() && staggered.is_some());
        for ranking in undealt.then_some(ranking).into_iter().chain(staggered) {
            // Strong pulls often settle on the same ranking; draw each one once.
            if seen
                .iter()
                .any(|r| r.rank == ranking.rank && r.reversed == ranking.reversed)
            {
                continue;
            }
            let spread = ordered(&ranking, order::MAX_SPLITS);
            // Ranks inserted for labels narrow the drawing but lengthen edges; the
            // ranking without them is a candidate too.
            let plain = (spread.label_splits > 0).then(|| ordered(&ranking, 0));
            for ord in std::iter::once(spread).chain(plain) {
                cands.push((judge(&ord, false).0, ord));
            }
            seen.push(ranking);
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0));
    cands.truncate(CLIMB_STARTS);
    // Then sibling frames trade places (on every rank they share) while that makes
    // the drawing better: ordering sweeps judge crossings only, so they leave frames
    // in an order that can stretch edges across the whole drawing. The climb starts
    // from the best few candidates, since a swap can turn the runner-up into the
    // winner.
    let mut winner: Option<(f64, Layout)> = None;
    // Layered items re-swept by swaps so far, against SWAP_ITEMS.
    let mut swept = 0;
    for mut best in cands {
        let parent = order::cluster_parents(&best.1);
        // Orders already drawn from this start: a swap that the re-sweep undoes, or
        // one tried again in a later round, is not drawn twice.
        let mut tried: HashSet<u64> = HashSet::from([order::layers_key(&best.1.layers)]);
        // What the re-sweeps from this start went through (see `order::Trails`).
        let mut trails = order::Trails::default();
        // Swaps change only the order, so each is tried on a copy of the best order
        // put into one working graph, which keeps its allocations.
        let mut cand = best.1.clone();
        for _ in 0..SWAP_ROUNDS {
            let mut improved = false;
            for (a, b) in order::sibling_pairs(&best.1, &parent) {
                if swept >= SWAP_ITEMS {
                    break;
                }
                cand.layers.clone_from(&best.1.layers);
                cand.pos.clone_from(&best.1.pos);
                if !order::try_swap(&mut cand, a, b, &parent) {
                    continue;
                }
                swept += cand.items.len();
                order::settle(&mut cand, &mut trails);
                order::unintrude(&mut cand);
                if !tried.insert(order::layers_key(&cand.layers)) {
                    continue;
                }
                let s = judge(&cand, false).0;
                if s < best.0 {
                    best.0 = s;
                    std::mem::swap(&mut best.1, &mut cand);
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
        let finalist = judge(&best.1, true);
        if winner.as_ref().is_none_or(|w| finalist.0 < w.0) {
            winner = Some(finalist);
        }
    }
    Ok(match winner {
        Some(w) => w.1,
        None => drawn(input, &g, &opts, 0.0),
    })
}

/// Most dummy items (route pieces through the levels between an edge's ends) that
/// [`layout`] lays out: each costs about 0.8 kB and 6 µs, so 500,000 take about
/// 400 MB and 3 s. Only hostile shapes come near it: the examples need at most
/// 15, a generated 1,000-system landscape about 2,100 (with 3,000 touchpoints). A
/// chain down one zone whose every step links to a chain running the other way in
/// another zone needs the square of its length (a 2,000-step one, 4 million: 23 s
/// and 2.8 GB for 6,000 touchpoints). Graphs searched or drawn twice (up to
/// `PAIR_MAX` nodes and edges) cannot reach it.
pub const MAX_DUMMIES: usize = 500_000;

/// Why [`layout`] refused a graph: its ranking needs `dummies` dummy items, more
/// than `limit` ([`MAX_DUMMIES`]), which would take gigabytes and minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// Dummy items the graph's ranking needs.
    pub dummies: usize,
    /// The most that are laid out.
    pub limit: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "its touchpoints would pass {} levels in all on their way (the limit is {})",
            self.dummies, self.limit
        )
    }
}

/// A graph past the search (or without frames) drawn from its plain `ranking`
/// and, up to `PAIR_MAX`, from a pulled and a dealt one; the best is kept.
fn drawn_past_search(
    input: &LayoutInput,
    g: &Graph,
    opts: &LayoutOptions,
    ranking: rank::Ranking,
) -> Layout {
    // Without edges the plain ranking puts every system on one level, a row (in
    // LR a column), so only the block dealt from it is drawn, at any size.
    if g.edges.is_empty()
        && let Some(dealt) = rank::stagger(g, &ranking)
    {
        return drawn_from(input, g, opts, &dealt);
    }
    let plain = drawn_from(input, g, opts, &ranking);
    if g.node_size.len() + g.edges.len() > PAIR_MAX {
        return plain;
    }
    let mut c0 = None;
    let (kept, ranking) = if g.cluster_parent.is_empty() {
        (plain, ranking)
    } else {
        let pull = ranking_of(g, PAIR_PULL);
        let pulled = drawn_from(input, g, opts, &pull);
        let keep_plain = pair_judged(g, &plain, &mut c0) <= pair_judged(g, &pulled, &mut c0)
            || ZIGZAG.1 * drawn_bends(&pulled) > ZIGZAG.0 * drawn_bends(&plain);
        if keep_plain {
            (plain, ranking)
        } else {
            (pulled, pull)
        }
    };
    // The kept drawing's ranking, dealt (the pulled one keeps zones short).
    let Some(dealt) = rank::stagger(g, &ranking) else {
        return kept;
    };
    // Only against a dealt drawing does the shape count here (see MAX_ASPECT).
    let other = drawn_from(input, g, opts, &dealt);
    let shaped = |l: &Layout, c0: &mut Option<f64>| pair_judged(g, l, c0) * shape_factor(l);
    if shaped(&other, &mut c0) < shaped(&kept, &mut c0) {
        other
    } else {
        kept
    }
}

/// A graph drawn once from the ranking with cluster pull `pull` (0: plain, with
/// fewer levels), ordered with a second bottom-up run: the fallback of the search.
fn drawn(input: &LayoutInput, g: &Graph, opts: &LayoutOptions, pull: f64) -> Layout {
    drawn_from(input, g, opts, &ranking_of(g, pull))
}

/// The ranking of `g` with cluster pull `pull`, the plain one (pull 0) first
/// looking for fewer levels, for graphs drawn once or twice (the search's
/// candidates come from `rank::rank_pulls`, without that).
fn ranking_of(g: &Graph, pull: f64) -> rank::Ranking {
    rank::rank_with(
        g.node_size.len(),
        &g.edges,
        &g.node_cluster,
        &g.cluster_parent,
        pull,
        true,
    )
}

/// [`drawn`] from a given ranking.
fn drawn_from(
    input: &LayoutInput,
    g: &Graph,
    opts: &LayoutOptions,
    ranking: &rank::Ranking,
) -> Layout {
    let mut ord = order::build(g, ranking, order::MAX_SPLITS);
    order::order(&mut ord, true);
    let xs = place::place_x_with(&ord, g, opts, true);
    let routed = route::route(&ord, g, opts, &xs);
    finish(input, g, opts, &ord, &xs, &routed)
}

/// How many edge crossings an edge through a frame that holds neither of its ends
/// weighs: a reader may take it for a link to that zone, which misleads about as
/// much as a couple of crossings confuse. The ordering pays up to this many
/// crossings to take an edge out of such a frame, and the drawings of a mid-sized
/// graph (and the search's candidates around a hub) are judged at this rate.
pub(crate) const INTRUSION_CROSSINGS: u64 = 2;

/// A drawing's [`score`] scaled by the square root of its drawn crossings (plus
/// `extra`) relative to those of the first drawing judged with the same `c0`:
/// crossings count too.
fn judged(l: &Layout, c0: &mut Option<f64>, extra: u64) -> f64 {
    let c = (drawn_crossings(l) + extra) as f64 + 1.0;
    let base = *c0.get_or_insert(c);
    score(l) * (c / base).sqrt()
}

/// [`judged`] with every edge through an unrelated frame counted as
/// [`INTRUSION_CROSSINGS`] crossings, for choosing between the drawings of a
/// mid-sized graph: the zone-pulled one has far fewer such edges (half, on
/// generated landscapes), which the score alone does not see. The search for small
/// graphs leaves them out unless a hub has a large fan: there the added count damps
/// the crossings' weight between candidates of similar intrusions (measured: the
/// retail example's target view then came out 9 % larger with more crossings and as
/// many intrusions).
fn pair_judged(g: &Graph, l: &Layout, c0: &mut Option<f64>) -> f64 {
    let intrusions = drawn_intrusions(g, l) as u64;
    judged(l, c0, INTRUSION_CROSSINGS * intrusions)
}

/// Edges whose route enters a frame that holds neither of their ends, counted once
/// per (edge, frame) as layout-metrics counts `edge_cluster_intrusions` (a route
/// piece that reaches more than 1 px into the frame's rectangle enters it; for a
/// curved route, a piece of its control polygon). Frames and their parents are the
/// cleaned ones of `g`, so odd parent links cannot loop.
pub(crate) fn drawn_intrusions(g: &Graph, l: &Layout) -> usize {
    // Parents have smaller indices (see `Graph::new`), so the walk up ends.
    let inside = |c: Option<usize>, k: usize| order::holds(&g.cluster_parent, k, c);
    let mut count = 0;
    for &(ei, from, to, _) in &g.edges {
        let Some(pe) = l.edges.get(ei) else { continue };
        let (a, b) = (g.node_cluster[from], g.node_cluster[to]);
        // The route's bounding box first: most frames lie wholly beside it.
        let mut bb = Bounds::new();
        for &(x, y) in &pe.points {
            bb.point(x, y);
        }
        for (k, pc) in l.clusters.iter().enumerate() {
            let r = pc.rect;
            let apart = bb.x1 <= r.x + 1.0
                || bb.x0 >= r.x + r.w - 1.0
                || bb.y1 <= r.y + 1.0
                || bb.y0 >= r.y + r.h - 1.0;
            if apart || inside(a, k) || inside(b, k) {
                continue;
            }
            let enters = pe.points.windows(2).any(|w| {
                let (x0, x1) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
                let (y0, y1) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
                x1 > r.x + 1.0 && x0 < r.x + r.w - 1.0 && y1 > r.y + 1.0 && y0 < r.y + r.h - 1.0
            });
            count += usize::from(enters);
        }
    }
    count
}

/// Turns in the drawn routes: corners of orthogonal routes; a curved route's S-bend
/// counts as two. Corners under the route's own label are hidden by its background
/// and not counted.
fn drawn_bends(l: &Layout) -> u64 {
    let mut turns = 0;
    for e in &l.edges {
        if e.curved {
            for piece in e.points.windows(4).step_by(3) {
                turns += 2 * u64::from(piece[0].0 != piece[3].0 && piece[0].1 != piece[3].1);
            }
            continue;
        }
        let mut prev: Option<(f64, f64)> = None;
        for w in e.points.windows(2) {
            let d = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            if d == (0.0, 0.0) {
                continue;
            }
            if let Some(p) = prev {
                let hidden = e.label.is_some_and(|r| {
                    let (x, y) = w[0];
                    x > r.x && x < r.x + r.w && y > r.y && y < r.y + r.h
                });
                turns += u64::from(p.0 * d.1 - p.1 * d.0 != 0.0 && !hidden);
            }
            prev = Some(d);
        }
    }
    turns
}

/// Rounds of sibling-frame swaps tried by [`layout`] on small graphs.
const SWAP_ROUNDS: usize = 3;
/// Candidates (the best by score) that [`layout`] improves by sibling swaps.
const CLIMB_STARTS: usize = 2;

/// Layered items that the sibling swaps of one [`layout`] may re-sweep, summed over
/// the swaps of both climbs, the first climb spending first (speed budget). Each swap
/// re-runs the ordering sweeps, so a swap costs in proportion to the items; this
/// allows about a dozen swaps on a 25-system landscape and fewer on denser graphs.
/// It sets the search's time on most landscapes: the healthcare, retail and
/// utilities examples reach it (on the last two the first climb spends it all), and
/// so do 108 of 130 drawings of the examples and generated 20–40-system landscapes,
/// every view, TB and LR.
const SWAP_ITEMS: usize = 2500;

/// Cluster pulls tried by [`layout`] (see `rank::orient_clustered`); the most
/// compact drawing wins. Weaker pulls (1, 2, 4) were tried too, but never won on the
/// examples or on generated 20–37-system landscapes.
const PULLS: [f64; 4] = [0.0, 8.0, 16.0, 32.0];
/// Above this many nodes + edges the search is skipped (speed budget).
const TRY_MAX: usize = 150;
/// Up to this many nodes + edges, a graph too large for the search is drawn twice
/// (three times if a hub has a large fan, see `rank::stagger`): with the plain
/// ranking and with a [`PAIR_PULL`] ranking, and the better drawing is kept, unless
/// the pulled one turns its routes [`ZIGZAG`] times as often as the plain one. On
/// generated landscapes of 50–150 systems the pulled one won half the time; at 1,000
/// systems it never wins (it is much larger there).
const PAIR_MAX: usize = 800;
/// (numerator, denominator): a pulled drawing with more than 8/5 the plain one's
/// bends zigzags (seen on generated landscapes: edges with 26 corners). The
/// straightening takes proportionally more bends out of plain drawings, so the
/// ratio rose by up to 0.15 with it; at 8/5 every choice on generated landscapes
/// of 50, 100 and 150 systems, seeds 1–14, is the same as without it.
const ZIGZAG: (u64, u64) = (8, 5);
/// Cluster pull of the second ranking of [`PAIR_MAX`]-sized graphs.
const PAIR_PULL: f64 = 64.0;

/// Lower is better: drawing area times total edge length.
fn score(l: &Layout) -> f64 {
    let len: f64 = l
        .edges
        .iter()
        .map(|e| {
            e.points
                .windows(2)
                .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
                .sum::<f64>()
        })
        .sum();
    l.width.max(1.0) * l.height.max(1.0) * len.max(1.0)
}

/// Drawings more than this many times as wide as high (or as high as wide) fit no
/// common page or screen (a slide is 16:9, an ultrawide monitor 21:9): scaled to
/// fit one, they shrink with their long side, and so does their text. Measured on
/// the examples and 18 generated 20–40-system landscapes, every view, TB and LR:
/// at 2 or 2.5 the search gave up crossings for shape (healthcare-payer 41 → 47;
/// a generated current view 138 → 173); at 3 only drawings wider than that
/// changed (the retail example's current view in TB: 7.3 → 4.7 times as wide as
/// high, with 3 → 2 crossings). The choice between the plain and the pulled drawing
/// of a mid-sized graph leaves it out (on generated 150–200-system landscapes it
/// took the squarer drawing at up to 40 % more crossings); it weighs only against
/// a dealt drawing.
const MAX_ASPECT: f64 = 3.0;

/// Factor on the search's score: 1 up to [`MAX_ASPECT`]; beyond it, the area of the
/// box of that aspect around the drawing over the drawing's own, which is the room
/// the drawing takes on a page.
fn shape_factor(l: &Layout) -> f64 {
    let (w, h) = (l.width.max(1.0), l.height.max(1.0));
    (w.max(h) / w.min(h) / MAX_ASPECT).max(1.0)
}

/// Crossings between the drawn routes of different edges: pairs of route segments
/// that cross properly (touching ends and overlapping collinear pieces do not
/// count). Routing adds crossings to the ordering's, so candidates are compared on
/// what is drawn.
///
/// Routes (and the control polygons of curved ones) are horizontal and vertical
/// pieces, so a sweep over x counts them in O(S log S) for S segments: a vertical
/// piece crosses every horizontal piece open across its x whose y lies strictly
/// inside its span. Pairs of one edge are counted directly and taken off. A
/// diagonal piece makes it fall back to testing every pair.
fn drawn_crossings(l: &Layout) -> u64 {
    let mut segs: Vec<Segment> = Vec::new();
    for (i, e) in l.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            if w[0] != w[1] {
                segs.push((i, w[0], w[1]));
            }
        }
    }
    if segs.iter().any(|&(_, a, b)| a.0 != b.0 && a.1 != b.1) {
        return crossings_pairwise(&segs);
    }
    let proper = |a: &Segment, b: &Segment| -> bool {
        let (h, v) = if a.1.1 == a.2.1 { (a, b) } else { (b, a) };
        if h.1.1 != h.2.1 || v.1.0 != v.2.0 {
            return false;
        }
        let (hx0, hx1) = (h.1.0.min(h.2.0), h.1.0.max(h.2.0));
        let (vy0, vy1) = (v.1.1.min(v.2.1), v.1.1.max(v.2.1));
        hx0 < v.1.0 && v.1.0 < hx1 && vy0 < h.1.1 && h.1.1 < vy1
    };
    // Same-edge pairs, which the sweep counts too.
    let mut own = 0u64;
    let mut k = 0;
    while k < segs.len() {
        let mut j = k;
        while j < segs.len() && segs[j].0 == segs[k].0 {
            j += 1;
        }
        for a in k..j {
            for b in a + 1..j {
                own += u64::from(proper(&segs[a], &segs[b]));
            }
        }
        k = j;
    }
    // Events at one x: horizontals ending there leave first, then verticals are
    // counted, then horizontals starting there open (ends are not crossings).
    let mut ys: Vec<f64> = segs
        .iter()
        .filter(|s| s.1.1 == s.2.1)
        .map(|s| s.1.1)
        .collect();
    ys.sort_unstable_by(f64::total_cmp);
    ys.dedup();
    let mut events: Vec<(f64, u8, usize)> = Vec::with_capacity(segs.len() * 2);
    for (k, &(_, a, b)) in segs.iter().enumerate() {
        if a.1 == b.1 {
            events.push((a.0.min(b.0), 2, k));
            events.push((a.0.max(b.0), 0, k));
        } else {
            events.push((a.0, 1, k));
        }
    }
    // The key is unique (it ends with the segment), so an unstable sort is exact.
    events.sort_unstable_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let slot = |y: f64| ys.partition_point(|&v| v < y);
    let mut tree = vec![0i64; ys.len() + 1];
    let add = |t: &mut [i64], i: usize, d: i64| {
        let mut i = i + 1;
        while i < t.len() {
            t[i] += d;
            i += i & i.wrapping_neg();
        }
    };
    // Open horizontals at slots below `i`.
    let below = |t: &[i64], i: usize| -> i64 {
        let (mut i, mut s) = (i, 0);
        while i > 0 {
            s += t[i];
            i -= i & i.wrapping_neg();
        }
        s
    };
    let mut all = 0i64;
    for &(_, kind, k) in &events {
        let (_, a, b) = segs[k];
        match kind {
            0 => add(&mut tree, slot(a.1), -1),
            2 => add(&mut tree, slot(a.1), 1),
            _ => {
                let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                // Slots strictly between y0 and y1.
                let lo = ys.partition_point(|&v| v <= y0);
                let hi = slot(y1);
                if hi > lo {
                    all += below(&tree, hi) - below(&tree, lo);
                }
            }
        }
    }
    (all.max(0) as u64).saturating_sub(own)
}

/// A piece of a drawn route: (edge, one end, the other end).
type Segment = (usize, (f64, f64), (f64, f64));

/// [`drawn_crossings`] for routes with diagonal pieces: every pair of segments.
fn crossings_pairwise(segs: &[Segment]) -> u64 {
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| -> f64 {
        let v = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
        if v.abs() < 1e-9 { 0.0 } else { v.signum() }
    };
    let mut n = 0u64;
    for (k, &(i, a, b)) in segs.iter().enumerate() {
        for &(j, c, d) in &segs[k + 1..] {
            if i == j {
                continue;
            }
            let (o1, o2) = (orient(a, b, c), orient(a, b, d));
            let (o3, o4) = (orient(c, d, a), orient(c, d, b));
            if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
                n += 1;
            }
        }
    }
    n
}

/// Bounding box accumulator.
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    fn new() -> Bounds {
        Bounds {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        }
    }
    fn point(&mut self, x: f64, y: f64) {
        if x.is_finite() && y.is_finite() {
            self.x0 = self.x0.min(x);
            self.y0 = self.y0.min(y);
            self.x1 = self.x1.max(x);
            self.y1 = self.y1.max(y);
        }
    }
    fn rect(&mut self, r: &Rect) {
        self.point(r.x, r.y);
        self.point(r.x + r.w, r.y + r.h);
    }
}

/// Translates to the origin with a margin and applies the direction transform.
fn finish(
    input: &LayoutInput,
    g: &Graph,
    opts: &LayoutOptions,
    ord: &order::Ordered,
    xs: &place::Placed,
    routed: &route::Routed,
) -> Layout {
    let n = input.nodes.len();
    let mut nodes = vec![Rect::default(); n];
    for (v, r) in nodes.iter_mut().enumerate() {
        if let Some(&item) = ord.node_item.get(v) {
            let s = g.node_size[v];
            let cx = xs.x.get(item).copied().unwrap_or(0.0);
            let (top, bottom) = routed.band(ord.items[item].rank);
            let cy = (top + bottom) / 2.0;
            *r = Rect {
                x: cx - s.w / 2.0,
                y: cy - s.h / 2.0,
                w: s.w,
                h: s.h,
            };
        }
    }
    let clusters: Vec<PlacedCluster> = (0..input.clusters.len())
        .map(|c| routed.cluster_rect(c, ord, xs, g, opts))
        .collect();
    let mut edges: Vec<PlacedEdge> = input
        .edges
        .iter()
        .map(|_| PlacedEdge {
            points: Vec::new(),
            curved: opts.edges == EdgeStyle::Curved,
            label: None,
        })
        .collect();
    for (i, pts, label) in &routed.edges {
        if let Some(e) = edges.get_mut(*i) {
            e.points.clone_from(pts);
            e.label = *label;
        }
    }
    // Self-loops: a small loop on the right side of the node, inside the node's
    // separation margin so it cannot touch a neighbour.
    let ext = (opts.edge_sep.min(opts.node_sep).min(2.0 * opts.cluster_pad) / 2.0).max(0.5);
    for (i, e) in input.edges.iter().enumerate() {
        if e.from != e.to {
            continue;
        }
        {
            if let (Some(r), Some(pe)) = (nodes.get(e.from), edges.get_mut(i)) {
                let x = r.x + r.w;
                let (y0, y1) = (r.y + r.h * 0.25, r.y + r.h * 0.75);
                pe.points = if pe.curved {
                    vec![(x, y0), (x + ext * 1.3, y0), (x + ext * 1.3, y1), (x, y1)]
                } else {
                    vec![(x, y0), (x + ext, y0), (x + ext, y1), (x, y1)]
                };
            }
        }
    }
    let mut b = Bounds::new();
    nodes.iter().for_each(|r| b.rect(r));
    clusters.iter().for_each(|c| b.rect(&c.rect));
    for e in &edges {
        e.points.iter().for_each(|&(x, y)| b.point(x, y));
        if let Some(l) = &e.label {
            b.rect(l);
        }
    }
    if !b.x0.is_finite() {
        b = Bounds {
            x0: 0.0,
            y0: 0.0,
            x1: 0.0,
            y1: 0.0,
        };
    }
    let (w, h) = (b.x1 - b.x0 + 2.0 * MARGIN, b.y1 - b.y0 + 2.0 * MARGIN);
    let (dx, dy) = (MARGIN - b.x0, MARGIN - b.y0);
    let dir = input.direction;
    let (width, height) = if matches!(dir, Direction::LR | Direction::RL) {
        (h, w)
    } else {
        (w, h)
    };
    let tp = |x: f64, y: f64| -> (f64, f64) {
        let (x, y) = (x + dx, y + dy);
        match dir {
            Direction::TB => (x, y),
            Direction::BT => (x, h - y),
            Direction::LR => (y, x),
            Direction::RL => (h - y, x),
        }
    };
    let tr = |r: &Rect| -> Rect {
        let (ax, ay) = tp(r.x, r.y);
        let (bx, by) = tp(r.x + r.w, r.y + r.h);
        Rect {
            x: ax.min(bx),
            y: ay.min(by),
            w: (ax - bx).abs(),
            h: (ay - by).abs(),
        }
    };
    Layout {
        width,
        height,
        nodes: nodes.iter().map(tr).collect(),
        clusters: clusters
            .iter()
            .map(|c| PlacedCluster {
                rect: tr(&c.rect),
                title: tr(&c.title),
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|e| PlacedEdge {
                points: e.points.iter().map(|&(x, y)| tp(x, y)).collect(),
                curved: e.curved,
                label: e.label.as_ref().map(tr),
            })
            .collect(),
    }
}

fn r2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// The layout in the generic JSON format of `tools/layout-metrics` (anchor
/// `topleft`), plus `"labels": [{"edge": i, "x", "y", "w", "h"}]`, so the engine can be
/// measured against Graphviz with the same metric code.
///
/// `node_ids` and `cluster_ids` name the nodes and clusters; missing names fall back
/// to `n{i}` / `c{i}`. Cluster `members` list direct member nodes and child clusters.
pub fn to_metrics_json(
    input: &LayoutInput,
    layout: &Layout,
    node_ids: &[String],
    cluster_ids: &[String],
) -> serde_json::Value {
    use serde_json::json;
    let nid = |i: usize| node_ids.get(i).cloned().unwrap_or_else(|| format!("n{i}"));
    let cid = |i: usize| {
        cluster_ids
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("c{i}"))
    };
    let rect = |r: &Rect| (r2(r.x), r2(r.y), r2(r.w), r2(r.h));
    let nodes: Vec<_> = layout
        .nodes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (x, y, w, h) = rect(r);
            json!({"id": nid(i), "x": x, "y": y, "w": w, "h": h})
        })
        .collect();
    let mut edges = Vec::new();
    let mut labels = Vec::new();
    for (i, (e, pe)) in input.edges.iter().zip(&layout.edges).enumerate() {
        let pts: Vec<_> = pe
            .points
            .iter()
            .map(|&(x, y)| json!([r2(x), r2(y)]))
            .collect();
        let mut o =
            json!({"id": format!("e{i}"), "from": nid(e.from), "to": nid(e.to), "points": pts});
        if pe.curved {
            o["curve"] = json!("bezier");
        }
        if let Some(l) = &pe.label {
            let (x, y, w, h) = rect(l);
            o["label"] = json!({"x": x, "y": y, "w": w, "h": h});
            labels.push(json!({"edge": i, "x": x, "y": y, "w": w, "h": h}));
        }
        edges.push(o);
    }
    let nc = input.clusters.len();
    let mut members: Vec<Vec<String>> = vec![Vec::new(); nc];
    for (i, v) in input.nodes.iter().enumerate() {
        if let Some(m) = v.cluster.and_then(|c| members.get_mut(c)) {
            m.push(nid(i));
        }
    }
    for (i, c) in input.clusters.iter().enumerate() {
        if let Some(p) = c.parent.filter(|&p| p < i) {
            members[p].push(cid(i));
        }
    }
    let clusters: Vec<_> = layout
        .clusters
        .iter()
        .zip(members)
        .enumerate()
        .map(|(i, (c, m))| {
            let (x, y, w, h) = rect(&c.rect);
            json!({"id": cid(i), "label": cid(i), "x": x, "y": y, "w": w, "h": h, "members": m})
        })
        .collect();
    json!({
        "anchor": "topleft",
        "units": "px",
        "width": r2(layout.width),
        "height": r2(layout.height),
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
        "labels": labels,
    })
}

#[cfg(test)]
mod tests;
