//! Phase 2: layered graph and ordering.
//!
//! Takes the [`Graph`] and its [`Ranking`]; builds the layered graph (real nodes,
//! dummy chains for long edges, one label dummy per labelled edge, and a left and a
//! right border item per cluster per rank of its span), then orders every rank.
//!
//! Ordering keeps each cluster one contiguous block per rank (a hierarchical sort:
//! each cluster's children are sorted by barycenter, a child cluster's block moves as
//! one entry; single items by the median of their neighbours). A child cluster that also exists on the reference rank is keyed by its
//! block's position there, so sibling clusters keep one left-to-right order on every
//! rank they share; that is what lets `place` use one variable per frame side.
//! Last, dummies of edges that run across a frame holding neither of their ends move
//! beside that frame where that adds at most a couple of crossings ([`unintrude`]).

use super::rank::{Ranking, csr};
use super::{Graph, INTRUSION_CROSSINGS, Size};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// What a layered item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Input node.
    Node(usize),
    /// Dummy on a long edge.
    Dummy,
    /// Dummy carrying an edge label (the edge passes through its middle, under the
    /// label's background).
    Label,
    /// Left side of a cluster.
    Left(usize),
    /// Right side of a cluster.
    Right(usize),
}

/// One item of the layered graph.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) kind: Kind,
    pub(crate) rank: usize,
    /// Innermost cluster (for borders: the cluster itself).
    pub(crate) cluster: Option<usize>,
    /// Size in TB space (0 for dummies and borders).
    pub(crate) size: Size,
}

/// A layered segment between consecutive ranks: (upper item, lower item, edge list index).
pub(crate) type Seg = (usize, usize, usize);

/// The layered graph with its order.
#[derive(Clone)]
pub(crate) struct Ordered {
    pub(crate) items: Vec<Item>,
    pub(crate) node_item: Vec<usize>,
    pub(crate) segs: Vec<Seg>,
    /// Per edge list entry: items from DAG source to DAG target.
    pub(crate) chains: Vec<Vec<usize>>,
    pub(crate) reversed: Vec<bool>,
    pub(crate) layers: Vec<Vec<usize>>,
    pub(crate) pos: Vec<usize>,
    /// Cluster rank span (inclusive).
    pub(crate) span: Vec<(usize, usize)>,
    /// `borders[c][r - span.0]` = (left item, right item).
    pub(crate) borders: Vec<Vec<(usize, usize)>>,
    /// Child clusters per cluster, index order; the last entry is the root.
    pub(crate) children: Vec<Vec<usize>>,
    /// CSR of segment neighbours above / below each item.
    pub(crate) up: (Vec<usize>, Vec<usize>),
    pub(crate) down: (Vec<usize>, Vec<usize>),
    /// CSR of the segments (indices into `segs`) below / above each item: those it
    /// is the upper / lower end of. Ports are placed per item side from these, by
    /// x placement's program and by the router, drawing after drawing.
    seg_down: (Vec<usize>, Vec<usize>),
    seg_up: (Vec<usize>, Vec<usize>),
    /// Pairs of ranks inserted to spread labels (see [`spread_labels`]).
    pub(crate) label_splits: usize,
}

impl Ordered {
    pub(crate) fn ups(&self, i: usize) -> &[usize] {
        nbrs(&self.up, i)
    }
    pub(crate) fn downs(&self, i: usize) -> &[usize] {
        nbrs(&self.down, i)
    }
    /// The segments item `i` is the upper end of.
    pub(crate) fn seg_downs(&self, i: usize) -> &[usize] {
        nbrs(&self.seg_down, i)
    }
    /// The segments item `i` is the lower end of.
    pub(crate) fn seg_ups(&self, i: usize) -> &[usize] {
        nbrs(&self.seg_up, i)
    }
}

fn nbrs(c: &(Vec<usize>, Vec<usize>), i: usize) -> &[usize] {
    match (c.0.get(i), c.0.get(i + 1)) {
        (Some(&a), Some(&b)) => c.1.get(a..b).unwrap_or(&[]),
        _ => &[],
    }
}

/// Lowest common ancestor of two clusters (`None` = root).
pub(crate) fn lca(parent: &[Option<usize>], a: Option<usize>, b: Option<usize>) -> Option<usize> {
    let depth = |mut c: Option<usize>| {
        let mut d = 0;
        while let Some(x) = c {
            d += 1;
            c = parent.get(x).copied().flatten();
        }
        d
    };
    let (mut a, mut b) = (a, b);
    let (mut da, mut db) = (depth(a), depth(b));
    while da > db {
        a = a.and_then(|x| parent.get(x).copied().flatten());
        da -= 1;
    }
    while db > da {
        b = b.and_then(|x| parent.get(x).copied().flatten());
        db -= 1;
    }
    while a != b {
        a = a.and_then(|x| parent.get(x).copied().flatten());
        b = b.and_then(|x| parent.get(x).copied().flatten());
    }
    a
}

/// Builds the layered graph and an initial order, inserting up to `max_splits` pairs
/// of ranks for labels (see [`spread_labels`]).
pub(crate) fn build(g: &Graph, ranking: &Ranking, max_splits: usize) -> Ordered {
    let (ranking, label_ranks, label_splits) = spread_labels(g, ranking, max_splits);
    let ranking = &ranking;
    let n = g.node_size.len();
    let nc = g.cluster_parent.len();
    let parent = &g.cluster_parent;
    let mut items: Vec<Item> = (0..n)
        .map(|v| Item {
            kind: Kind::Node(v),
            rank: ranking.rank[v],
            cluster: g.node_cluster[v],
            size: g.node_size[v],
        })
        .collect();
    // Cluster spans from member nodes; empty clusters sit on their parent's first rank.
    let mut span: Vec<Option<(usize, usize)>> = vec![None; nc];
    for v in 0..n {
        let r = ranking.rank[v];
        let mut c = g.node_cluster[v];
        while let Some(x) = c {
            let s = span[x].get_or_insert((r, r));
            s.0 = s.0.min(r);
            s.1 = s.1.max(r);
            c = parent[x];
        }
    }
    let mut spans = vec![(0usize, 0usize); nc];
    for c in 0..nc {
        spans[c] = match span[c] {
            Some(s) => s,
            None => {
                let r = parent[c].map_or(0, |p| spans[p].0);
                (r, r)
            }
        };
    }
    // Dummy chains.
    let mut segs: Vec<Seg> = Vec::new();
    let mut chains = Vec::with_capacity(g.edges.len());
    let mut up_path: Vec<usize> = Vec::new();
    let mut down_path: Vec<usize> = Vec::new();
    for (ei, &(_, from, to, label)) in g.edges.iter().enumerate() {
        let (s, t) = if ranking.reversed[ei] {
            (to, from)
        } else {
            (from, to)
        };
        let (rs, rt) = (ranking.rank[s], ranking.rank[t]);
        let mut chain = vec![s];
        if rt > rs + 1 {
            let (cs, ct) = (g.node_cluster[s], g.node_cluster[t]);
            let l = lca(parent, cs, ct);
            up_path.clear();
            down_path.clear();
            let mut c = cs;
            while c != l {
                let Some(x) = c else { break };
                up_path.push(x);
                c = parent[x];
            }
            let mut c = ct;
            while c != l {
                let Some(x) = c else { break };
                down_path.push(x);
                c = parent[x];
            }
            let label_rank = label_ranks[ei];
            for r in rs + 1..rt {
                let cl = up_path
                    .iter()
                    .find(|&&x| r <= spans[x].1)
                    .or_else(|| down_path.iter().find(|&&x| spans[x].0 <= r))
                    .copied()
                    .or(l);
                let (kind, size) = match label {
                    Some(sz) if r == label_rank => (Kind::Label, sz),
                    _ => (Kind::Dummy, Size::default()),
                };
                items.push(Item {
                    kind,
                    rank: r,
                    cluster: cl,
                    size,
                });
                chain.push(items.len() - 1);
            }
        }
        chain.push(t);
        for w in chain.windows(2) {
            segs.push((w[0], w[1], ei));
        }
        chains.push(chain);
    }
    // Border items.
    let mut borders = vec![Vec::new(); nc];
    for c in 0..nc {
        for r in spans[c].0..=spans[c].1 {
            let base = Item {
                kind: Kind::Left(c),
                rank: r,
                cluster: Some(c),
                size: Size::default(),
            };
            items.push(base.clone());
            items.push(Item {
                kind: Kind::Right(c),
                ..base
            });
            borders[c].push((items.len() - 2, items.len() - 1));
        }
    }
    let nranks = items.iter().map(|i| i.rank + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); nranks];
    let mut pos = vec![0usize; items.len()];
    for (i, it) in items.iter().enumerate() {
        pos[i] = layers[it.rank].len();
        layers[it.rank].push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nc + 1];
    for c in 0..nc {
        children[parent[c].unwrap_or(nc)].push(c);
    }
    let m = items.len();
    let up = csr(m, segs.iter().map(|&(a, b, _)| (b, a)));
    let down = csr(m, segs.iter().map(|&(a, b, _)| (a, b)));
    let seg_down = csr(m, segs.iter().enumerate().map(|(k, s)| (s.0, k)));
    let seg_up = csr(m, segs.iter().enumerate().map(|(k, s)| (s.1, k)));
    Ordered {
        items,
        node_item: (0..n).collect(),
        segs,
        chains,
        reversed: ranking.reversed.clone(),
        layers,
        pos,
        span: spans,
        borders,
        children,
        up,
        down,
        seg_down,
        seg_up,
        label_splits,
    }
}

/// Default rank of an edge's label: the middle of its span, odd ranks preferred
/// (ranks between two node ranks when every `minlen` is doubled).
fn middle_rank(rs: usize, rt: usize) -> usize {
    let mut r = rs + (rt - rs) / 2;
    if r.is_multiple_of(2) && r > rs + 1 {
        r -= 1;
    }
    r
}

/// A rank whose labels make it this much wider than the widest rank of nodes gets
/// two more ranks below it to spread them over (see [`spread_labels`]).
const SPLIT_RATIO: f64 = 1.25;
/// Rank insertions per layout at most.
pub(crate) const MAX_SPLITS: usize = 4;

/// Label ranks per edge (see [`label_ranks`]) for a copy of `ranking` in which a rank
/// made much wider than any rank of nodes by labels of edges spanning only two ranks
/// is followed by two new ranks (every node below moves down by two), so that
/// those labels can spread over three ranks instead of setting the width of the
/// whole drawing.
/// Returns the new ranking, the label ranks and the number of insertions made.
fn spread_labels(g: &Graph, ranking: &Ranking, max_splits: usize) -> (Ranking, Vec<usize>, usize) {
    let mut rk = Ranking {
        rank: ranking.rank.clone(),
        reversed: ranking.reversed.clone(),
    };
    let mut lr = label_ranks(g, &rk);
    let mut splits = 0;
    for _ in 0..max_splits {
        let (ref out, ref width, limit) = lr;
        let mut count = vec![0usize; width.len()];
        for &r in out {
            if let Some(c) = count.get_mut(r) {
                *c += 1;
            }
        }
        let worst = (0..width.len())
            .filter(|&r| count[r] >= 2)
            .max_by(|&a, &b| width[a].total_cmp(&width[b]).then(b.cmp(&a)));
        let Some(r) = worst else { break };
        if limit <= 0.0 || width[r] <= SPLIT_RATIO * limit {
            break;
        }
        for x in rk.rank.iter_mut() {
            if *x > r {
                *x += 2;
            }
        }
        let next = label_ranks(g, &rk);
        let before = width.iter().copied().fold(0.0, f64::max);
        let after = next.1.iter().copied().fold(0.0, f64::max);
        if after >= before {
            for x in rk.rank.iter_mut() {
                if *x > r + 2 {
                    *x -= 2;
                }
            }
            break;
        }
        lr = next;
        splits += 1;
    }
    (rk, lr.0, splits)
}

/// Assumed gap between neighbours of a rank when estimating rank widths.
const WIDTH_GAP: f64 = 20.0;

/// The rank of each edge's label dummy (`usize::MAX` for edges without one).
///
/// A label sits in the middle of its edge by default. Labels of one rank are side by
/// side, so a rank holding many of them can set the width of the whole drawing. Like
/// ELK's label dummy switcher, a label whose edge spans several inner ranks may move
/// to another of them: when its default rank would grow wider than the widest rank
/// of nodes, it goes to the inner rank of its edge that stays narrowest (nearest to
/// the middle on ties). Wide labels are placed first.
///
/// Also returns the estimated width of every rank and the widest rank of nodes.
fn label_ranks(g: &Graph, ranking: &Ranking) -> (Vec<usize>, Vec<f64>, f64) {
    let n = g.node_size.len();
    let nranks = ranking.rank.iter().map(|&r| r + 1).max().unwrap_or(0);
    let mut width = vec![0.0f64; nranks];
    for v in 0..n {
        if let Some(w) = width.get_mut(ranking.rank[v]) {
            *w += g.node_size[v].w + WIDTH_GAP;
        }
    }
    let limit = width.iter().copied().fold(0.0, f64::max);
    let mut out = vec![usize::MAX; g.edges.len()];
    // (label width, edge, first inner rank, last inner rank)
    let mut movable: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (ei, &(_, from, to, label)) in g.edges.iter().enumerate() {
        let Some(sz) = label else { continue };
        let (mut rs, mut rt) = (ranking.rank[from], ranking.rank[to]);
        if ranking.reversed.get(ei).copied().unwrap_or(false) {
            std::mem::swap(&mut rs, &mut rt);
        }
        if rt <= rs + 1 {
            continue;
        }
        let m = middle_rank(rs, rt);
        out[ei] = m;
        let w = sz.w + WIDTH_GAP;
        if rt - rs >= 3 {
            movable.push((w, ei, rs + 1, rt - 1));
        } else if let Some(x) = width.get_mut(m) {
            *x += w;
        }
    }
    movable.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(w, ei, lo, hi) in &movable {
        let m = out[ei];
        if width[m] + w > limit {
            let mut best = m;
            for r in lo..=hi {
                let better = width[r] < width[best]
                    || (width[r] == width[best] && r.abs_diff(m) < best.abs_diff(m));
                if better {
                    best = r;
                }
            }
            out[ei] = best;
        }
        width[out[ei]] += w;
    }
    (out, width, limit)
}

/// An entry of a cluster's sort: a single item or a child cluster's block.
#[derive(Clone, Copy)]
struct Entry {
    key: Option<f64>,
    /// Σ barycenter·weight and Σ weight, to key a parent's block from its contents.
    bsum: f64,
    bw: f64,
    orig: usize,
    /// The entry's items are `Scratch::items[start..start + len]`.
    start: usize,
    len: usize,
}

/// Buffers that [`sort_rank`] reuses from one rank to the next, so a sweep over a
/// few hundred items allocates nothing per item.
#[derive(Default)]
struct Scratch {
    /// Direct entries per cluster (root last).
    entries: Vec<Vec<Entry>>,
    /// A sorted cluster's block, waiting for its parent.
    done: Vec<Option<Entry>>,
    /// One cluster's entries while they are sorted.
    list: Vec<Entry>,
    /// (position on the rank, index into `list`) of the entries, sorted: their old order.
    by_orig: Vec<(usize, usize)>,
    /// (key, place in the old order, index into `list`) of the keyed entries.
    keyed: Vec<(f64, usize, usize)>,
    /// (place in the old order, index into `list`) of the entries with no key.
    keyless: Vec<(usize, usize)>,
    /// Item sequences of entries: single items and finished blocks.
    items: Vec<usize>,
    med: Vec<usize>,
}

/// Maximum number of sweeps and sweeps without improvement before stopping (dot's
/// `MaxIter` and dagre's patience).
const MAX_SWEEPS: usize = 24;
const PATIENCE: usize = 4;
/// Above [`RESTART_MAX_ITEMS`] items a sweep counts as progress (and buys
/// [`PATIENCE`] more sweeps) only when it removes at least 1/`PROGRESS_DIV` of the
/// crossings: on a large graph sweeps keep finding slivers of a percent, and the
/// number of sweeps, each linear in the graph, would otherwise vary from 4 to 24
/// with the input (its best order is still kept).
const PROGRESS_DIV: u64 = 200;

/// Orders every rank: an initial order, then alternating down/up barycenter sweeps,
/// each followed by [`transpose`], keeping the order with the fewest crossings.
/// With `restart`, small graphs get a second run from an initial order built
/// bottom-up, and the better run wins. The layout search passes false: it orders
/// several rankings anyway, and on the examples and generated landscapes the second
/// run changed no search's winner while costing a tenth of its time.
pub(crate) fn order(o: &mut Ordered, restart: bool) {
    if o.layers.is_empty() {
        return;
    }
    let initial = o.layers.clone();
    let (mut best, mut best_cross) = run_sweeps(o, false);
    if restart && o.items.len() <= RESTART_MAX_ITEMS && best_cross > 0 {
        o.layers.clone_from(&initial);
        set_pos(o);
        let (other, c) = run_sweeps(o, true);
        if c < best_cross {
            best = other;
            best_cross = c;
        }
    }
    o.layers = best;
    set_pos(o);
    if o.items.len() <= RESTART_MAX_ITEMS && best_cross > 0 {
        swap_blocks(o, best_cross);
    }
    transpose(o);
    unintrude(o);
}

/// Passes of [`swap_blocks`] at most.
const SWAP_PASSES: usize = 3;

/// Swaps the blocks of two sibling clusters that stand side by side on some rank, on
/// every rank they share, while that lowers the crossings and keeps one left-to-right
/// order of sibling clusters on all ranks (which barycenter sweeps alone, moving one
/// rank at a time, rarely find). `cross` is the order's crossing count on entry;
/// returns the count after the swaps.
pub(super) fn swap_blocks(o: &mut Ordered, mut cross: u64) -> u64 {
    let nc = o.span.len();
    if nc < 2 {
        return cross;
    }
    let parent = cluster_parents(o);
    let mut buf = CrossBuf::default();
    for _ in 0..SWAP_PASSES {
        let mut improved = false;
        for (a, b) in sibling_pairs(o, &parent) {
            // A swap moves items on the ranks the two share, so only the crossings
            // between those ranks and their neighbours change.
            let Some(ranks) = shared_ranks(o, a, b) else {
                continue;
            };
            let gaps = ranks.start().saturating_sub(1)..(*ranks.end() + 1).min(o.layers.len() - 1);
            let before: u64 = gaps.clone().map(|r| crossings_at(o, r, &mut buf)).sum();
            let saved = o.layers[ranks.clone()].to_vec();
            if !try_swap(o, a, b, &parent) {
                continue;
            }
            let after: u64 = gaps.map(|r| crossings_at(o, r, &mut buf)).sum();
            let c = cross - before + after;
            if c < cross {
                cross = c;
                improved = true;
            } else {
                restore(o, ranks, saved);
            }
        }
        if !improved || cross == 0 {
            break;
        }
    }
    cross
}

/// Sibling clusters whose blocks follow each other on some rank (with only items of
/// their parent, such as edge dummies, between them), as (left, right) pairs in
/// index order.
pub(crate) fn sibling_pairs(o: &Ordered, parent: &[Option<usize>]) -> Vec<(usize, usize)> {
    let nc = o.span.len();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut last: Vec<Option<usize>> = vec![None; nc + 1];
    for layer in &o.layers {
        last.iter_mut().for_each(|x| *x = None);
        for &i in layer {
            if let Kind::Left(c) = o.items[i].kind {
                let p = parent[c].unwrap_or(nc);
                if let Some(a) = last[p] {
                    pairs.push((a, c));
                }
                last[p] = Some(c);
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Swaps the blocks of sibling clusters `a` and `b` on every rank they share, if
/// the siblings then still stand in one left-to-right order on all ranks; otherwise
/// leaves `o` as it was and returns false.
pub(crate) fn try_swap(o: &mut Ordered, a: usize, b: usize, parent: &[Option<usize>]) -> bool {
    let Some(ranks) = shared_ranks(o, a, b) else {
        return false;
    };
    let saved = o.layers[ranks.clone()].to_vec();
    if swap_pair(o, a, b, ranks.clone()) && consistent(o, parent) {
        return true;
    }
    restore(o, ranks, saved);
    false
}

/// Ranks that clusters `a` and `b` both span, if any.
fn shared_ranks(o: &Ordered, a: usize, b: usize) -> Option<RangeInclusive<usize>> {
    let (lo, hi) = (o.span[a].0.max(o.span[b].0), o.span[a].1.min(o.span[b].1));
    (lo <= hi && hi < o.layers.len()).then_some(lo..=hi)
}

/// Puts back the layers `ranks` saved before a swap, and their positions.
fn restore(o: &mut Ordered, ranks: RangeInclusive<usize>, saved: Vec<Vec<usize>>) {
    for (r, layer) in ranks.zip(saved) {
        for (p, &i) in layer.iter().enumerate() {
            o.pos[i] = p;
        }
        o.layers[r] = layer;
    }
}

/// Re-runs the sweeps from the current order, e.g. after [`try_swap`]: blocks are
/// keyed by their position on the neighbouring rank, so the new sibling order
/// spreads to the ranks around it while the items inside settle. `trails` holds
/// what earlier re-sweeps of the same layered graph went through.
pub(crate) fn settle(o: &mut Ordered, trails: &mut Trails) {
    settle_for(o, trails, MAX_SWEEPS);
    transpose(o);
}

/// The sweeps of [`settle`], at most `max_sweeps` of them (tests cut them short to
/// leave a short record), without its closing [`transpose`].
pub(crate) fn settle_for(o: &mut Ordered, trails: &mut Trails, max_sweeps: usize) {
    let s = &mut Scratch::default();
    o.layers = sweeps(o, false, max_sweeps, PATIENCE, s, Some(trails)).0;
    set_pos(o);
}

/// The orders that the re-sweeps ([`settle`]) of one layered graph went through,
/// sweep by sweep, with their crossings.
///
/// What a sweep makes of an order depends only on that order and on the sweep's
/// index (its direction and tie bias; every re-sweep starts with the same
/// direction), so a re-sweep that reaches, after some
/// sweep, the order an earlier one had after the same sweep would go on exactly as
/// that one did: it takes the recorded orders instead of sweeping, and sweeps for
/// itself again only past the end of the record. The result is the same as without
/// the record. Sibling swaps often lead there: on the examples, 55–70 % of the
/// re-sweeps' sweeps came after such a meeting.
#[derive(Default)]
pub(crate) struct Trails {
    /// (sweep index, [`layers_key`] of the order after it) → the first trail that
    /// had that order then.
    seen: HashMap<(usize, u64), usize>,
    /// Per re-sweep, its record.
    trails: Vec<Trail>,
    /// How many times a re-sweep met a recorded trail.
    #[cfg(test)]
    pub(crate) met: usize,
    /// How many times a re-sweep went on past the end of the trail it followed.
    #[cfg(test)]
    pub(crate) resumed: usize,
}

/// (crossings, order) after each sweep of one re-sweep.
type Trail = Vec<(u64, Vec<Vec<usize>>)>;

impl Trails {
    /// Trail `t`'s crossings and order after sweep `sweep`, if it got that far.
    fn step(&self, t: usize, sweep: usize) -> Option<&(u64, Vec<Vec<usize>>)> {
        self.trails.get(t)?.get(sweep)
    }

    /// The trail that had `layers` after sweep `sweep`, if any; otherwise notes
    /// that the re-sweep being recorded (the next trail) has it.
    fn meet(&mut self, sweep: usize, layers: &[Vec<usize>]) -> Option<usize> {
        let key = (sweep, layers_key(layers));
        // The fingerprint finds the trail; the orders themselves must be equal.
        let met = self.seen.get(&key).copied().filter(|&t| {
            self.step(t, sweep)
                .is_some_and(|r| r.1.as_slice() == layers)
        });
        match met {
            Some(_) => {
                #[cfg(test)]
                {
                    self.met += 1;
                }
            }
            None => {
                self.seen.insert(key, self.trails.len());
            }
        }
        met
    }

    /// Puts trail `t`'s last order into `o`, to sweep on past the end of its record.
    fn resume(&mut self, t: usize, o: &mut Ordered) {
        if let Some(last) = self.trails.get(t).and_then(|x| x.last()) {
            o.layers.clone_from(&last.1);
            set_pos(o);
        }
        #[cfg(test)]
        {
            self.resumed += 1;
        }
    }

    /// The record of the latest re-sweep.
    #[cfg(test)]
    pub(crate) fn last(&self) -> Option<&Trail> {
        self.trails.last()
    }
}

/// A fingerprint of an order (`DefaultHasher::new` always starts from the same keys,
/// so this is the same on every run).
pub(crate) fn layers_key(layers: &[Vec<usize>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    layers.hash(&mut h);
    h.finish()
}

/// Parent cluster of each cluster (`None` = root).
pub(crate) fn cluster_parents(o: &Ordered) -> Vec<Option<usize>> {
    (0..o.span.len()).map(|c| cluster_parent(o, c)).collect()
}

/// Parent cluster of `c` as recorded in `children` (`None` = root).
fn cluster_parent(o: &Ordered, c: usize) -> Option<usize> {
    let nc = o.span.len();
    (0..nc).find(|&p| o.children[p].contains(&c))
}

/// Swaps the blocks of clusters `a` and `b` on `ranks`, the ranks holding both
/// ([`shared_ranks`]); false (with `o` possibly changed) if `b` is left of `a`
/// somewhere.
fn swap_pair(o: &mut Ordered, a: usize, b: usize, ranks: RangeInclusive<usize>) -> bool {
    for r in ranks {
        let (Some(&(al, ar)), Some(&(bl, br))) = (
            o.borders[a].get(r - o.span[a].0),
            o.borders[b].get(r - o.span[b].0),
        ) else {
            return false;
        };
        let (al, ar, bl, br) = (o.pos[al], o.pos[ar], o.pos[bl], o.pos[br]);
        if !(al <= ar && ar < bl && bl <= br) {
            return false;
        }
        let layer = &o.layers[r];
        let mut seq = Vec::with_capacity(layer.len());
        seq.extend_from_slice(&layer[..al]);
        seq.extend_from_slice(&layer[bl..=br]);
        seq.extend_from_slice(&layer[ar + 1..bl]);
        seq.extend_from_slice(&layer[al..=ar]);
        seq.extend_from_slice(&layer[br + 1..]);
        for (p, &i) in seq.iter().enumerate() {
            o.pos[i] = p;
        }
        o.layers[r] = seq;
    }
    true
}

/// Whether sibling clusters stand in one left-to-right order on all ranks: the
/// "left of" relation between consecutive siblings of every rank has no cycle.
fn consistent(o: &Ordered, parent: &[Option<usize>]) -> bool {
    let nc = o.span.len();
    let edges = sibling_pairs(o, parent);
    let mut indeg = vec![0usize; nc];
    for &(_, b) in &edges {
        indeg[b] += 1;
    }
    let out = csr(nc, edges.iter().copied());
    let mut stack: Vec<usize> = (0..nc).filter(|&c| indeg[c] == 0).collect();
    let mut seen = 0;
    while let Some(c) = stack.pop() {
        seen += 1;
        for &d in nbrs(&out, c) {
            indeg[d] -= 1;
            if indeg[d] == 0 {
                stack.push(d);
            }
        }
    }
    seen == nc
}

/// Above this many layered items [`order`] makes a single run, transposes only at
/// the end and swaps no blocks (speed budget).
const RESTART_MAX_ITEMS: usize = 1000;

fn set_pos(o: &mut Ordered) {
    for layer in &o.layers {
        for (p, &i) in layer.iter().enumerate() {
            o.pos[i] = p;
        }
    }
}

/// One ordering run (see [`order`]); returns the best layers and their crossings.
fn run_sweeps(o: &mut Ordered, bottom_up: bool) -> (Vec<Vec<usize>>, u64) {
    let nr = o.layers.len();
    let small = o.items.len() <= RESTART_MAX_ITEMS;
    let s = &mut Scratch::default();
    if bottom_up {
        sort_rank(o, nr - 1, None, false, s);
        for r in (0..nr - 1).rev() {
            sort_rank(o, r, Some(r + 1), false, s);
        }
    } else {
        sort_rank(o, 0, None, false, s);
        for r in 1..nr {
            sort_rank(o, r, Some(r - 1), false, s);
        }
    }
    if small {
        transpose(o);
    }
    sweeps(o, bottom_up, MAX_SWEEPS, PATIENCE, s, None)
}

/// Alternating barycenter sweeps from the current order (the first one upward when
/// `bottom_up`), each followed by [`transpose`] on small graphs, until `patience`
/// sweeps bring no gain or `max_sweeps` are done; returns the best layers and their
/// crossings. With `trails`, sweeps already recorded there are taken from it (see
/// [`Trails`]) and this run is recorded too.
fn sweeps(
    o: &mut Ordered,
    bottom_up: bool,
    max_sweeps: usize,
    patience: usize,
    s: &mut Scratch,
    mut trails: Option<&mut Trails>,
) -> (Vec<Vec<usize>>, u64) {
    let small = o.items.len() <= RESTART_MAX_ITEMS;
    let mut best = o.layers.clone();
    let mut best_cross = crossings(o);
    let mut stale = 0;
    // The recorded trail this run has met, and this run's own record.
    let mut follow: Option<usize> = None;
    let mut trail: Trail = Vec::new();
    for sweep in 0..max_sweeps {
        if best_cross == 0 {
            break;
        }
        let recorded = follow
            .zip(trails.as_deref())
            .and_then(|(t, tr)| tr.step(t, sweep))
            .cloned();
        let c = match &recorded {
            Some(r) => r.0,
            None => {
                if let (Some(t), Some(tr)) = (follow.take(), trails.as_deref_mut()) {
                    tr.resume(t, o);
                }
                sweep_once(o, sweep, bottom_up, s);
                if let Some(tr) = trails.as_deref_mut() {
                    follow = tr.meet(sweep, &o.layers);
                }
                crossings(o)
            }
        };
        let layers = recorded.as_ref().map_or(&o.layers, |r| &r.1);
        let gain = best_cross.saturating_sub(c);
        if gain > 0 {
            best_cross = c;
            best.clone_from(layers);
        }
        if trails.is_some() {
            trail.push(recorded.unwrap_or_else(|| (c, o.layers.clone())));
        }
        if gain > 0 && (small || gain.saturating_mul(PROGRESS_DIV) >= best_cross) {
            stale = 0;
        } else {
            stale += 1;
            if stale >= patience {
                break;
            }
        }
    }
    if let Some(tr) = trails {
        tr.trails.push(trail);
    }
    (best, best_cross)
}

/// Sweep number `sweep` of [`sweeps`]: every rank re-sorted against its
/// neighbour, downward or upward by turns, ties broken to the right every other
/// pair of sweeps; then [`transpose`] on small graphs.
fn sweep_once(o: &mut Ordered, sweep: usize, bottom_up: bool, s: &mut Scratch) {
    let nr = o.layers.len();
    let bias = (sweep / 2) % 2 == 1;
    if sweep.is_multiple_of(2) != bottom_up {
        for r in (0..nr.saturating_sub(1)).rev() {
            sort_rank(o, r, Some(r + 1), bias, s);
        }
    } else {
        for r in 1..nr {
            sort_rank(o, r, Some(r - 1), bias, s);
        }
    }
    if o.items.len() <= RESTART_MAX_ITEMS {
        transpose(o);
    }
}

/// Passes of [`transpose`] at most.
const TRANSPOSE_PASSES: usize = 4;

/// dot's transpose: swap neighbouring items of the same cluster (never borders, never
/// whole blocks, so cluster contiguity and sibling order are untouched) while that
/// removes crossings with the ranks above and below.
fn transpose(o: &mut Ordered) {
    // Crossings among the segments of `a` and `b` toward both sides, with `a` left
    // of `b` and with `b` left of `a`; a pair of segments ending on one item
    // crosses in neither order.
    fn pair(o: &Ordered, a: usize, b: usize) -> (usize, usize) {
        let (mut ab, mut ba) = (0, 0);
        for (na, nb) in [(o.ups(a), o.ups(b)), (o.downs(a), o.downs(b))] {
            for &x in na {
                let px = o.pos[x];
                for &y in nb {
                    ab += usize::from(px > o.pos[y]);
                    ba += usize::from(px < o.pos[y]);
                }
            }
        }
        (ab, ba)
    }
    // An item's cluster if it may move (borders never do).
    let movable = |o: &Ordered, i: usize| {
        let it = &o.items[i];
        (!matches!(it.kind, Kind::Left(_) | Kind::Right(_))).then_some(it.cluster)
    };
    // A rank is scanned again only if it or a neighbour changed since its last scan
    // found nothing to swap (as dot marks candidate ranks): otherwise the scan would
    // find nothing again, so skipping it changes no result.
    let nr = o.layers.len();
    let mut dirty = vec![true; nr];
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for r in 0..nr {
            if !dirty[r] {
                continue;
            }
            dirty[r] = false;
            for k in 0..o.layers[r].len().saturating_sub(1) {
                let (a, b) = (o.layers[r][k], o.layers[r][k + 1]);
                match (movable(o, a), movable(o, b)) {
                    (Some(ca), Some(cb)) if ca == cb => {}
                    _ => continue,
                }
                let (now, swapped) = pair(o, a, b);
                if swapped < now {
                    o.layers[r].swap(k, k + 1);
                    o.pos[a] = k + 1;
                    o.pos[b] = k;
                    improved = true;
                    dirty[r.saturating_sub(1)..(r + 2).min(nr)].fill(true);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Re-sorts rank `r` hierarchically; barycenters come from rank `reference`.
fn sort_rank(
    o: &mut Ordered,
    r: usize,
    reference: Option<usize>,
    bias_right: bool,
    s: &mut Scratch,
) {
    let nc = o.span.len();
    let Some(layer) = o.layers.get(r) else { return };
    s.entries.resize_with(nc + 1, Vec::new);
    s.entries.iter_mut().for_each(Vec::clear);
    s.done.clear();
    s.done.resize(nc, None);
    s.items.clear();
    for &i in layer {
        let it = &o.items[i];
        if matches!(it.kind, Kind::Left(_) | Kind::Right(_)) {
            continue;
        }
        let (mut bsum, mut bw) = (0.0, 0.0);
        s.med.clear();
        if let Some(rf) = reference {
            let ns = if rf < r { o.ups(i) } else { o.downs(i) };
            for &nb in ns {
                bsum += o.pos[nb] as f64;
                bw += 1.0;
                s.med.push(o.pos[nb]);
            }
        }
        // A single item is keyed by the median of its neighbours (as dot does): most
        // of its edges then stay on its side of any sibling block, so fewer edges cut
        // through frames than with the mean.
        s.med.sort_unstable();
        let key = match s.med.len() {
            0 => None,
            k => Some((s.med[(k - 1) / 2] + s.med[k / 2]) as f64 / 2.0),
        };
        let mut cl = it.cluster.filter(|&c| c < nc);
        // Defensive: an item always lies in its cluster's span by construction.
        while let Some(c) = cl.filter(|&c| !(o.span[c].0 <= r && r <= o.span[c].1)) {
            cl = o
                .children
                .iter()
                .position(|ch| ch.contains(&c))
                .filter(|&p| p < nc);
        }
        s.items.push(i);
        s.entries[cl.unwrap_or(nc)].push(Entry {
            key,
            bsum,
            bw,
            orig: o.pos[i],
            start: s.items.len() - 1,
            len: 1,
        });
    }
    let active = |c: usize, rr: usize| o.span[c].0 <= rr && rr <= o.span[c].1;
    // Children before parents: clusters in descending index, root last.
    for c in (0..nc).rev().chain(std::iter::once(nc)) {
        if c < nc && !active(c, r) {
            continue;
        }
        s.list.clear();
        s.list.extend_from_slice(&s.entries[c]);
        for &d in &o.children[c] {
            if let Some(mut e) = s.done[d].take() {
                if let Some(b) = reference
                    .filter(|&rf| active(d, rf))
                    .and_then(|rf| o.borders[d].get(rf - o.span[d].0))
                {
                    e.key = Some((o.pos[b.0] + o.pos[b.1]) as f64 / 2.0);
                }
                s.list.push(e);
            }
        }
        // Entries keep their place unless they have a key: keyless ones are put
        // back at their index among the sorted ones. The sorts move small index
        // tuples, not entries; each key is unique, so they need not be stable.
        s.by_orig.clear();
        s.by_orig
            .extend(s.list.iter().enumerate().map(|(k, e)| (e.orig, k)));
        s.by_orig.sort_unstable();
        s.keyed.clear();
        s.keyless.clear();
        for (idx, &(_, k)) in s.by_orig.iter().enumerate() {
            match s.list[k].key {
                Some(key) => s.keyed.push((key, idx, k)),
                None => s.keyless.push((idx, k)),
            }
        }
        s.keyed.sort_unstable_by(|a, b| {
            a.0.total_cmp(&b.0).then(if bias_right {
                b.1.cmp(&a.1)
            } else {
                a.1.cmp(&b.1)
            })
        });
        let border = (c < nc)
            .then(|| o.borders[c].get(r - o.span[c].0).copied())
            .flatten();
        if c < nc && border.is_none() {
            continue;
        }
        // The block's items go at the end of `s.items`, after the entries' own.
        let start = s.items.len();
        if let Some((left, _)) = border {
            s.items.push(left);
        }
        let (mut bsum, mut bw) = (0.0, 0.0);
        let mut count = 0;
        let mut keyless = 0;
        let mut sorted = 0;
        while sorted < s.keyed.len() || keyless < s.keyless.len() {
            let e = if keyless < s.keyless.len()
                && (sorted == s.keyed.len() || s.keyless[keyless].0 <= count)
            {
                keyless += 1;
                s.list[s.keyless[keyless - 1].1]
            } else {
                sorted += 1;
                s.list[s.keyed[sorted - 1].2]
            };
            bsum += e.bsum;
            bw += e.bw;
            s.items.extend_from_within(e.start..e.start + e.len);
            count += 1;
        }
        if let Some((left, right)) = border {
            s.items.push(right);
            s.done[c] = Some(Entry {
                key: (bw > 0.0).then(|| bsum / bw),
                bsum,
                bw,
                orig: o.pos[left],
                start,
                len: s.items.len() - start,
            });
        } else {
            o.layers[r].clear();
            o.layers[r].extend_from_slice(&s.items[start..]);
        }
    }
    for (p, &i) in o.layers[r].iter().enumerate() {
        o.pos[i] = p;
    }
}

/// Total crossings between consecutive ranks (Barth–Jünger–Mutzel style: segments
/// taken by upper position, inversions of lower positions counted with a Fenwick tree).
pub(crate) fn crossings(o: &Ordered) -> u64 {
    let mut buf = CrossBuf::default();
    (0..o.layers.len().saturating_sub(1))
        .map(|r| crossings_at(o, r, &mut buf))
        .sum()
}

/// Fenwick tree of [`crossings_at`], reused across ranks.
#[derive(Default)]
struct CrossBuf {
    tree: Vec<u32>,
}

/// Crossings between the segments from rank `r` to rank `r + 1`. The upper rank is
/// read left to right, so its segments come in order of their upper end; each
/// item's segments are first counted against those of the items left of it (lower
/// end further right: a crossing) and only then entered, so that segments sharing
/// an upper end never count against each other and need no sorting.
fn crossings_at(o: &Ordered, r: usize, buf: &mut CrossBuf) -> u64 {
    let (Some(upper), Some(lower)) = (o.layers.get(r), o.layers.get(r + 1)) else {
        return 0;
    };
    let width = lower.len() + 1;
    let tree = &mut buf.tree;
    tree.clear();
    tree.resize(width + 1, 0);
    let mut total = 0u64;
    let mut entered = 0u64;
    for &i in upper {
        let downs = o.downs(i);
        for &j in downs {
            // entered segments with lower position ≤ pos[j]
            let mut s = 0u64;
            let mut x = o.pos[j] + 1;
            while x > 0 {
                s += u64::from(tree[x]);
                x &= x - 1;
            }
            total += entered - s;
        }
        for &j in downs {
            let mut x = o.pos[j] + 1;
            while x <= width {
                tree[x] += 1;
                x += x & x.wrapping_neg();
            }
        }
        entered += downs.len() as u64;
    }
    total
}

/// Above this many layered items [`unintrude`] is skipped: on generated landscapes
/// of 300 and 1,000 systems it took out about 1 % of the edges through frames (the
/// rest are forced by the ranking and the frames' order) for 5–15 % of the time.
const UNINTRUDE_MAX_ITEMS: usize = 2500;

/// Takes edges out of frames that hold neither of their ends, where a few crossings
/// pay for it. A segment between ranks `r` and `r + 1` whose upper end stands on one
/// side of a frame and whose lower end on the other runs across that frame (the
/// frame spans both ranks, so it covers the gap between them). The edge's dummies
/// next to the segment then move across the frame's block, on one rank after the
/// other, until they reach a rank the frame does not span (where the edge can
/// change sides in the open) or one where the edge already stands on that side:
/// either the dummies below the segment move to the side of its upper end
/// ("late"), or those above it to the side of its lower end ("early"). A move is
/// kept only if it takes more of the edge's frame crossings away than it adds (it
/// may land it across another frame) and adds at most [`INTRUSION_CROSSINGS`] edge
/// crossings; of the two, the one with the better balance at that rate. The
/// frames' order is untouched, and each moved dummy stays in its own cluster's
/// block, next to the frame it no longer crosses. If anything moved, [`transpose`]
/// then lets the moved dummies settle among their neighbours (it never moves an
/// item across a block, so no frame is crossed again).
pub(crate) fn unintrude(o: &mut Ordered) {
    let nc = o.span.len();
    if nc == 0 || o.layers.len() < 2 || o.items.len() > UNINTRUDE_MAX_ITEMS {
        return;
    }
    let parent = cluster_parents(o);
    let mut buf = CrossBuf::default();
    let mut any = false;
    for ci in 0..o.chains.len() {
        let (Some(&s), Some(&t)) = (o.chains[ci].first(), o.chains[ci].last()) else {
            continue;
        };
        let (cs, ct) = (o.items[s].cluster, o.items[t].cluster);
        let mut j = 0;
        while j + 1 < o.chains[ci].len() {
            let (u, v) = (o.chains[ci][j], o.chains[ci][j + 1]);
            j += 1;
            // Only a dummy can move across a block of its own cluster's children (a
            // block further in or out would be split or left), so the frames worth
            // looking at are the children of the clusters of the segment's dummies.
            let owners = [u, v].map(|i| on_edge(o.items[i].kind).then_some(o.items[i].cluster));
            let crossed = owners
                .iter()
                .flatten()
                .flat_map(|c| &o.children[c.unwrap_or(nc)])
                .copied()
                .find(|&b| crosses(o, &parent, b, (u, v), (cs, ct)));
            let Some(b) = crossed else { continue };
            let (su, sv) = (side(o, b, u), side(o, b, v));
            let late = movers(o, &parent, ci, j, b, su, true);
            let early = movers(o, &parent, ci, j - 1, b, sv, false);
            let mut best: Option<(i64, Vec<usize>, i8)> = None;
            let rate = INTRUSION_CROSSINGS as i64;
            let frames = |o: &Ordered| frames_crossed(o, &parent, &o.chains[ci], cs, ct);
            let before = frames(o);
            for (moved, to) in [(late, su), (early, sv)] {
                let Some(moved) = moved else { continue };
                // Landing beside `b` may take the edge across another frame between
                // its old place and `b`: the move must take more frame crossings
                // away than it adds.
                let (added, after) = move_cost(o, &moved, b, to, &mut buf, &frames);
                let removed = before - after;
                let net = added - rate * removed;
                if removed > 0 && added <= rate && best.as_ref().is_none_or(|x| net < x.0) {
                    best = Some((net, moved, to));
                }
            }
            if let Some((_, moved, to)) = best {
                for &i in &moved {
                    move_beside(o, i, b, to);
                }
                any = true;
                // An early move changed segments above this one: look at the chain
                // again from its start. Every move takes at least one of its frame
                // crossings away, so this ends.
                j = 0;
            }
        }
    }
    if any {
        transpose(o);
    }
}

/// Whether an item is a point on an edge (a dummy or a label), which may move across
/// a block, rather than a node or a frame side.
fn on_edge(kind: Kind) -> bool {
    matches!(kind, Kind::Dummy | Kind::Label)
}

/// Whether the segment from `u` to `v` (a rank apart) runs across cluster `b`'s
/// frame, which holds neither end cluster of its edge (`ends`): `b` spans both
/// ranks and the two items stand on opposite sides of its block.
fn crosses(
    o: &Ordered,
    parent: &[Option<usize>],
    b: usize,
    (u, v): (usize, usize),
    (cs, ct): (Option<usize>, Option<usize>),
) -> bool {
    let su = side(o, b, u);
    su != 0 && su == -side(o, b, v) && !holds(parent, b, cs) && !holds(parent, b, ct)
}

/// Whether cluster `b` holds cluster `c` (or is it), with `parent` links that end at
/// the root.
pub(crate) fn holds(parent: &[Option<usize>], b: usize, mut c: Option<usize>) -> bool {
    while let Some(x) = c {
        if x == b {
            return true;
        }
        c = parent.get(x).copied().flatten();
    }
    false
}

/// Where item `i` stands against cluster `c`'s block on its rank: -1 left of it, 1
/// right of it, 0 inside it or on a rank `c` does not span.
fn side(o: &Ordered, c: usize, i: usize) -> i8 {
    let r = o.items[i].rank;
    let border = r.checked_sub(o.span[c].0).and_then(|k| o.borders[c].get(k));
    match border {
        Some(&(l, _)) if o.pos[i] < o.pos[l] => -1,
        Some(&(_, rt)) if o.pos[i] > o.pos[rt] => 1,
        _ => 0,
    }
}

/// The items of chain `ci` from index `k` on (down the chain, or up it when not
/// `down`) that stand on the `-to` side of cluster `b`'s block, up to the first
/// that does not; `None` if one of them cannot move across the block (a node, or an
/// item of another cluster than `b`'s parent, whose block would be split).
fn movers(
    o: &Ordered,
    parent: &[Option<usize>],
    ci: usize,
    k: usize,
    b: usize,
    to: i8,
    down: bool,
) -> Option<Vec<usize>> {
    let chain = &o.chains[ci];
    let mut out = Vec::new();
    let mut k = Some(k);
    while let Some(&i) = k.and_then(|k| chain.get(k)) {
        if side(o, b, i) != -to {
            return Some(out);
        }
        let it = &o.items[i];
        if !on_edge(it.kind) || it.cluster != parent[b] {
            return None;
        }
        out.push(i);
        k = if down {
            k.map(|k| k + 1)
        } else {
            k.and_then(|k| k.checked_sub(1))
        };
    }
    None
}

/// Crossings added (negative: removed) by moving every item of `moved` to the `to`
/// side of cluster `b`'s block, and what `frames` says of the moved order; `o` is
/// left as it was.
fn move_cost(
    o: &mut Ordered,
    moved: &[usize],
    b: usize,
    to: i8,
    buf: &mut CrossBuf,
    frames: &dyn Fn(&Ordered) -> i64,
) -> (i64, i64) {
    let ranks = moved.iter().map(|&i| o.items[i].rank);
    let (Some(lo), Some(hi)) = (ranks.clone().min(), ranks.max()) else {
        return (0, frames(o));
    };
    let gaps = lo.saturating_sub(1)..(hi + 1).min(o.layers.len() - 1);
    let count = |o: &Ordered, buf: &mut CrossBuf| -> i64 {
        gaps.clone().map(|r| crossings_at(o, r, buf) as i64).sum()
    };
    let before = count(o, buf);
    let saved = o.layers[lo..=hi].to_vec();
    for &i in moved {
        move_beside(o, i, b, to);
    }
    let after = count(o, buf);
    let crossed = frames(o);
    restore(o, lo..=hi, saved);
    (after - before, crossed)
}

/// Frames crossed by the segments of `chain` (an edge from a node of cluster `cs`
/// to one of `ct`): per segment, every frame that spans both of its ranks, holds
/// neither end, and has the segment's ends on opposite sides.
fn frames_crossed(
    o: &Ordered,
    parent: &[Option<usize>],
    chain: &[usize],
    cs: Option<usize>,
    ct: Option<usize>,
) -> i64 {
    let mut n = 0;
    for w in chain.windows(2) {
        for b in 0..o.span.len() {
            n += i64::from(crosses(o, parent, b, (w[0], w[1]), (cs, ct)));
        }
    }
    n
}

/// Moves item `i` right beside cluster `b`'s block on its rank: just left of it
/// (`to` = -1) or just right of it (`to` = 1).
fn move_beside(o: &mut Ordered, i: usize, b: usize, to: i8) {
    let r = o.items[i].rank;
    let Some(&(l, rt)) = r.checked_sub(o.span[b].0).and_then(|k| o.borders[b].get(k)) else {
        return;
    };
    let layer = &mut o.layers[r];
    layer.remove(o.pos[i]);
    let at = if to < 0 {
        layer.iter().position(|&x| x == l)
    } else {
        layer.iter().position(|&x| x == rt).map(|p| p + 1)
    };
    layer.insert(at.unwrap_or(layer.len()), i);
    for (p, &x) in o.layers[r].iter().enumerate() {
        o.pos[x] = p;
    }
}
