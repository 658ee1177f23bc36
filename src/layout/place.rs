//! Phase 3: horizontal coordinates.
//!
//! Takes the ordered layered graph; returns an x (centre) per item.
//!
//! Simplification of `design/layout.md` (Brandes–Köpf): a separation-constraint graph
//! with one variable per item, except that all left (right) border items of a cluster
//! share one variable, so frame sides are straight by construction. Constraints are
//! "next item in the rank is at least `sep` to the right" and "a frame is at least as
//! wide as its title". Ordering keeps sibling clusters in the same order on every
//! rank, so the graph is acyclic. It is packed by longest path, then relaxed: real
//! nodes move toward the median of their neighbours, dummy chains under their port on
//! their upper end, whole clusters toward the median offset of their outside
//! neighbours; each move is clamped to what the current neighbours allow, so no move
//! can create an overlap. Small graphs (landscape-sized, see [`NS_MAX_CONS`]) then
//! get dot's placement: network simplex on the same constraints minimises the
//! weighted horizontal offset of every segment, which the relaxation only
//! approximates (measured on the examples: mean edge length 9–18 % shorter, same
//! crossings). Then, in every final drawing (on graphs past the simplex, on the
//! relaxed placement rounded to the same 1/`SCALE` px grid), edges left with a
//! small jog are straightened by moving a few items where their neighbours leave
//! room ([`unjog`]).

use super::LayoutOptions;
use super::order::{Kind, Ordered};
use super::simplex::{Con, network_simplex};
use super::{Graph, rank::csr};

/// Relaxation passes (alternating left-to-right and right-to-left).
const PASSES: usize = 16;
/// Relaxation passes for a drawing that is only judged (no network simplex step):
/// the search compares candidates by area, edge length and crossings, which the
/// later passes hardly move. Measured against 16 on the examples and 18 generated
/// 20–40-system landscapes: the same drawings but one, in 8 % less time.
const JUDGE_PASSES: usize = 8;

/// Graphs with more separation constraints plus segments than this keep the
/// relaxed placement; below it network simplex straightens the edges. Its cost
/// grows faster than the graph (measured: 0.1–0.25 ms for the examples at 100–320,
/// 1.3 ms at 900, 8–13 ms at 2,000–2,400 on generated 50–100-system landscapes), so
/// the limit keeps a 100-system drawing within a few milliseconds.
const NS_MAX_CONS: usize = 1_500;
/// Edge visits the straightening network simplex may spend.
const NS_X_WORK: usize = 30_000_000;
/// Coordinates are solved in 1/`SCALE` px, so that half-pixel offsets stay exact.
const SCALE: f64 = 2.0;

/// Output of [`place_x_with`].
pub(crate) struct Placed {
    /// Centre x per item.
    pub(crate) x: Vec<f64>,
    /// Left and right side x per cluster.
    pub(crate) sides: Vec<(f64, f64)>,
}

/// The separation constraints `list` (left, right, least distance) and, per
/// variable, those it is the right (`pred`) and left (`succ`) end of (CSR).
struct Cons {
    pred: (Vec<usize>, Vec<usize>),
    succ: (Vec<usize>, Vec<usize>),
    list: Vec<(usize, usize, f64)>,
}

impl Cons {
    fn new(nv: usize, list: Vec<(usize, usize, f64)>) -> Self {
        Cons {
            pred: csr(nv, list.iter().enumerate().map(|(k, e)| (e.1, k))),
            succ: csr(nv, list.iter().enumerate().map(|(k, e)| (e.0, k))),
            list,
        }
    }
    /// The constraints `v` is an end of.
    fn touching(&self, v: usize) -> impl Iterator<Item = &usize> {
        let ((po, pa), (so, sa)) = (&self.pred, &self.succ);
        pa[po[v]..po[v + 1]].iter().chain(&sa[so[v]..so[v + 1]])
    }
    fn lo(&self, x: &[f64], v: usize) -> f64 {
        let (off, adj) = &self.pred;
        let mut lo = f64::NEG_INFINITY;
        for &k in &adj[off[v]..off[v + 1]] {
            let (p, _, d) = self.list[k];
            lo = lo.max(x[p] + d);
        }
        lo
    }
    fn hi(&self, x: &[f64], v: usize) -> f64 {
        let (off, adj) = &self.succ;
        let mut hi = f64::INFINITY;
        for &k in &adj[off[v]..off[v + 1]] {
            let (_, s, d) = self.list[k];
            hi = hi.min(x[s] - d);
        }
        hi
    }
    fn clamp(&self, x: &[f64], v: usize, want: f64) -> f64 {
        let (lo, hi) = (self.lo(x, v), self.hi(x, v));
        if lo > hi + 1e-9 || !want.is_finite() {
            return x[v];
        }
        want.max(lo).min(hi)
    }
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable_by(f64::total_cmp);
    let m = v.len();
    Some((v[(m - 1) / 2] + v[m / 2]) / 2.0)
}

/// Computes x (see the module docs), with the network simplex step allowed or not
/// (`simplex`): candidate drawings are judged without it, since it costs about as
/// much as the rest of a drawing, and with [`JUDGE_PASSES`] relaxation passes.
pub(crate) fn place_x_with(o: &Ordered, g: &Graph, opts: &LayoutOptions, simplex: bool) -> Placed {
    let nc = o.span.len();
    let m = o.items.len();
    let (var, nv, list) = separation(o, g, opts);
    let cons = Cons::new(nv, list);
    // Topological order of the variables and longest-path packing.
    let mut indeg: Vec<usize> = (0..nv)
        .map(|v| cons.pred.0[v + 1] - cons.pred.0[v])
        .collect();
    let mut topo: Vec<usize> = (0..nv).filter(|&v| indeg[v] == 0).collect();
    let mut done = vec![false; nv];
    let mut head = 0;
    let mut x = vec![0.0f64; nv];
    loop {
        while head < topo.len() {
            let v = topo[head];
            head += 1;
            done[v] = true;
            for &k in &cons.succ.1[cons.succ.0[v]..cons.succ.0[v + 1]] {
                let (_, s, d) = cons.list[k];
                x[s] = x[s].max(x[v] + d);
                indeg[s] = indeg[s].saturating_sub(1);
                if indeg[s] == 0 {
                    topo.push(s);
                }
            }
        }
        // A cycle would mean inconsistent sibling order (not expected); release the
        // lowest remaining variable instead of looping or panicking.
        match (0..nv).find(|&v| !done[v] && indeg[v] > 0) {
            Some(v) => {
                indeg[v] = 0;
                topo.push(v);
            }
            None => break,
        }
    }
    let mut topo_idx = vec![0usize; nv];
    for (k, &v) in topo.iter().enumerate() {
        topo_idx[v] = k;
    }
    // Movable units: real nodes, and the inner items of each dummy chain.
    let mut units: Vec<(usize, usize)> = Vec::new(); // (topo index, unit id)
    for (v, &i) in o.node_item.iter().enumerate() {
        units.push((topo_idx[var[i]], v));
    }
    let nn = o.node_item.len();
    for (k, ch) in o.chains.iter().enumerate() {
        if ch.len() > 2 {
            let t = ch[1..ch.len() - 1]
                .iter()
                .map(|&i| topo_idx[var[i]])
                .min()
                .unwrap_or(0);
            units.push((t, nn + k));
        }
    }
    units.sort_unstable();
    // Cluster subtrees as contiguous ranges of variables (Euler tour of the tree).
    let (tin, tout) = euler(&o.children, nc);
    let owner_tin: Vec<usize> = o
        .items
        .iter()
        .map(|it| match it.cluster.filter(|&c| c < nc) {
            Some(c) => tin[c],
            None => usize::MAX,
        })
        .collect();
    let mut by_owner: Vec<(usize, usize)> = Vec::with_capacity(m);
    let mut seen = vec![false; nv];
    for i in 0..m {
        if !seen[var[i]] {
            seen[var[i]] = true;
            by_owner.push((owner_tin[i], var[i]));
        }
    }
    by_owner.sort_unstable();
    let mut var_item = vec![usize::MAX; nv];
    for i in 0..m {
        if !matches!(o.items[i].kind, Kind::Left(_) | Kind::Right(_)) {
            var_item[var[i]] = i;
        }
    }
    let frames = ClusterFrames::new(o, &tin, &tout, &by_owner, &var_item, &var, &owner_tin);
    let mut buf: Vec<f64> = Vec::new();
    // Offset from a real node's centre of the port where a segment leaves its bottom,
    // keyed by the lower item: spread evenly, the router's starting point (it then
    // moves a port under its other end where the side reaches).
    let mut port = vec![0.0f64; m];
    let mut ports: Vec<(f64, usize)> = Vec::new();
    let passes = if simplex { PASSES } else { JUDGE_PASSES };
    for pass in 0..passes {
        let forward = pass % 2 == 0;
        for &i in &o.node_item {
            ports.clear();
            ports.extend(o.downs(i).iter().map(|&j| (x[var[j]], j)));
            ports.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let (w, k) = (o.items[i].size.w, ports.len());
            for (n, &(_, j)) in ports.iter().enumerate() {
                port[j] = port_offset(w, n, k);
            }
        }
        for k in 0..units.len() {
            let u = if forward {
                units[k].1
            } else {
                units[units.len() - 1 - k].1
            };
            if u < nn {
                let i = o.node_item[u];
                buf.clear();
                buf.extend(o.ups(i).iter().chain(o.downs(i)).map(|&j| x[var[j]]));
                if let Some(t) = median(&mut buf) {
                    let v = var[i];
                    x[v] = cons.clamp(&x, v, t);
                }
            } else if let Some(ch) = o.chains.get(u - nn) {
                let Some(&a) = ch.first() else { continue };
                // Align the chain under its port on its upper end: the edge then bends once, in
                // its last gap (measured: fewer runs, lower gaps than the midpoint).
                let t = x[var[a]] + ch.get(1).map_or(0.0, |&j| port[j]);
                let inner = &ch[1..ch.len() - 1];
                let mut step = |i: usize| {
                    let v = var[i];
                    x[v] = cons.clamp(&x, v, t);
                };
                if forward {
                    inner.iter().for_each(|&i| step(i));
                } else {
                    inner.iter().rev().for_each(|&i| step(i));
                }
            }
        }
        tighten(&cons, &mut x, nc);
        // Whole clusters, innermost first.
        for c in (0..nc).rev() {
            let (lo_i, hi_i) = frames.range[c];
            buf.clear();
            buf.extend(frames.pairs(c).iter().map(|&(i, j)| x[j] - x[i]));
            let Some(want) = median(&mut buf) else {
                continue;
            };
            let (l, r) = (2 * c, 2 * c + 1);
            let lo = cons.lo(&x, l) - x[l];
            let hi = cons.hi(&x, r) - x[r];
            if lo > hi + 1e-9 {
                continue;
            }
            let d = want.max(lo.min(0.0)).min(hi.max(0.0));
            if d.abs() > 1e-9 && d.is_finite() {
                for &(_, v) in &by_owner[lo_i..hi_i] {
                    x[v] += d;
                }
            }
        }
    }
    if simplex {
        let solve = cons.list.len() + o.segs.len() <= NS_MAX_CONS;
        straighten(o, &var, &cons, &mut x, solve);
    }
    tighten(&cons, &mut x, nc);
    Placed {
        x: (0..m).map(|i| x[var[i]]).collect(),
        sides: (0..nc).map(|c| (x[2 * c], x[2 * c + 1])).collect(),
    }
}

/// The variable of each item (clusters' sides first, two per cluster and shared by
/// all its border items, then one per other item), the number of variables, and
/// the separation constraints between them: (left, right, least distance).
fn separation(
    o: &Ordered,
    g: &Graph,
    opts: &LayoutOptions,
) -> (Vec<usize>, usize, Vec<(usize, usize, f64)>) {
    let nc = o.span.len();
    let m = o.items.len();
    let pad = opts.cluster_pad;
    let mut var = vec![0usize; m];
    let mut nv = 2 * nc;
    for (i, it) in o.items.iter().enumerate() {
        var[i] = match it.kind {
            Kind::Left(c) => 2 * c,
            Kind::Right(c) => 2 * c + 1,
            _ => {
                nv += 1;
                nv - 1
            }
        };
    }
    // Width of the title strip inside a frame's left side (LR/RL only).
    let left_title = |c: usize| -> f64 {
        match g.title.get(c) {
            Some(t) if g.title_left && t.w > 0.0 => t.w + pad / 2.0,
            _ => 0.0,
        }
    };
    let ext = |i: usize| -> (f64, f64) {
        let it = &o.items[i];
        match it.kind {
            Kind::Node(_) => (
                it.size.w / 2.0 + opts.node_sep / 2.0,
                it.size.w / 2.0 + opts.node_sep / 2.0,
            ),
            Kind::Dummy => (opts.edge_sep / 2.0, opts.edge_sep / 2.0),
            // The label's own line runs under it; its background needs only a line's
            // clearance on either side.
            Kind::Label => (
                it.size.w / 2.0 + opts.edge_sep,
                it.size.w / 2.0 + opts.edge_sep,
            ),
            Kind::Left(c) => (opts.node_sep / 2.0, pad + left_title(c)),
            Kind::Right(_) => (pad, opts.node_sep / 2.0),
        }
    };
    let mut list: Vec<(usize, usize, f64)> = Vec::new();
    for layer in &o.layers {
        for w in layer.windows(2) {
            let (a, b) = (w[0], w[1]);
            if var[a] != var[b] {
                list.push((var[a], var[b], ext(a).1 + ext(b).0));
            }
        }
    }
    for c in 0..nc {
        let tw = g.title.get(c).map_or(0.0, |t| t.w);
        let min_w = if g.title_left {
            2.0 * pad + left_title(c)
        } else {
            (tw + pad).max(2.0 * pad)
        };
        list.push((2 * c, 2 * c + 1, min_w));
    }
    (var, nv, list)
}

/// What the whole-cluster moves of the relaxation read, fixed before the passes so
/// that each pass reads flat arrays instead of finding every member's owner again.
struct ClusterFrames {
    /// Per cluster, the range of `by_owner` holding the variables of its subtree.
    range: Vec<(usize, usize)>,
    /// Per cluster, `list[off[c]..off[c + 1]]`: each (inside item, outside
    /// neighbour) as their variables, in the order the median reads them (members
    /// by owner, then ups before downs).
    off: Vec<usize>,
    list: Vec<(usize, usize)>,
}

impl ClusterFrames {
    fn new(
        o: &Ordered,
        tin: &[usize],
        tout: &[usize],
        by_owner: &[(usize, usize)],
        var_item: &[usize],
        var: &[usize],
        owner_tin: &[usize],
    ) -> Self {
        let nc = o.span.len();
        let mut range = Vec::with_capacity(nc);
        let mut off = Vec::with_capacity(nc + 1);
        let mut list = Vec::new();
        off.push(0);
        for c in 0..nc {
            let lo_i = by_owner.partition_point(|e| e.0 < tin[c]);
            let hi_i = by_owner.partition_point(|e| e.0 < tout[c]);
            range.push((lo_i, hi_i));
            for &(_, v) in by_owner.get(lo_i..hi_i).unwrap_or(&[]) {
                let i = var_item[v];
                if i == usize::MAX {
                    continue;
                }
                for &j in o.ups(i).iter().chain(o.downs(i)) {
                    let t = owner_tin[j];
                    if t < tin[c] || t >= tout[c] {
                        list.push((var[i], var[j]));
                    }
                }
            }
            off.push(list.len());
        }
        ClusterFrames { range, off, list }
    }

    fn pairs(&self, c: usize) -> &[(usize, usize)] {
        &self.list[self.off[c]..self.off[c + 1]]
    }
}

/// Pulls every frame side onto its contents (children before parents).
fn tighten(cons: &Cons, x: &mut [f64], nc: usize) {
    for c in (0..nc).rev() {
        let (l, r) = (2 * c, 2 * c + 1);
        let hi = cons.hi(x, l);
        if hi.is_finite() && hi > x[l] {
            x[l] = hi;
        }
        let lo = cons.lo(x, r);
        if lo.is_finite() && lo < x[r] {
            x[r] = lo;
        }
    }
}

/// Entry and exit times of an iterative DFS over the cluster tree (root = `nc`), so
/// that `d` is in the subtree of `c` iff `tin[c] <= tin[d] < tout[c]`.
fn euler(children: &[Vec<usize>], nc: usize) -> (Vec<usize>, Vec<usize>) {
    let mut tin = vec![0usize; nc + 1];
    let mut tout = vec![0usize; nc + 1];
    let mut t = 0;
    let mut stack: Vec<(usize, usize)> = vec![(nc, 0)];
    tin[nc] = t;
    t += 1;
    while let Some(top) = stack.last_mut() {
        let (c, k) = *top;
        match children.get(c).and_then(|ch| ch.get(k)) {
            Some(&d) => {
                top.1 += 1;
                tin[d] = t;
                t += 1;
                stack.push((d, 0));
            }
            None => {
                tout[c] = t;
                stack.pop();
            }
        }
    }
    (tin, tout)
}

/// Offset from a node's centre of the `i`-th of `k` segment ends on one of its
/// sides as x placement plans it: spread evenly over its width `w` (the router then
/// moves a port right under its other end where the side reaches), rounded to the
/// 1/`SCALE` px grid that [`straighten`] solves on (but never off a box narrower
/// than the grid).
fn port_offset(w: f64, i: usize, k: usize) -> f64 {
    let exact = -w / 2.0 + (i as f64 + 1.0) * w / (k as f64 + 1.0);
    ((exact * SCALE).round() / SCALE).clamp(-w / 2.0, w / 2.0)
}

/// Cost per px of horizontal offset along a segment, by what its ends are (dot:
/// 1, 2, 8): long edges stay straightest, then edges into dummies.
pub(crate) fn seg_weight(a: &Kind, b: &Kind) -> i64 {
    match (matches!(a, Kind::Node(_)), matches!(b, Kind::Node(_))) {
        (true, true) => 1,
        (true, false) | (false, true) => 2,
        (false, false) => 8,
    }
}

/// Dot's x placement by network simplex on an auxiliary graph: one extra variable
/// per segment, below both of its ends, so the objective counts Σ weight · |Δx| of
/// every segment (ports spread evenly over node sides, see [`port_offset`]) under
/// the separation constraints `list`; frames are pulled onto their contents
/// afterwards (weighting their widths here was measured to bend more edges and
/// shorten none), then [`unjog`]; without `solve` (graphs past [`NS_MAX_CONS`])
/// only [`unjog`], on the relaxed placement. Starts from the relaxed placement `x`
/// (rounded, then pushed right where rounding broke a constraint) and writes the
/// result back into `x`.
fn straighten(o: &Ordered, var: &[usize], cons: &Cons, x: &mut [f64], solve: bool) {
    let (ends, mut xi) = plan(o, var, cons, x, solve);
    unjog(o, var, cons, &ends, &mut xi);
    for (v, xv) in x.iter_mut().enumerate() {
        *xv = xi[v] as f64 / SCALE;
    }
}

/// A least distance in px as 1/`SCALE` px, rounded up so that the constraint holds
/// in px.
fn min_units(d: f64) -> i64 {
    (d * SCALE).ceil() as i64
}

/// Builds and solves the program of [`straighten`] from the relaxed placement `x`;
/// returns where each segment ends in it (for [`unjog`] to work on) and its
/// solution in 1/`SCALE` px (the items' variables first).
fn plan(o: &Ordered, var: &[usize], cons: &Cons, x: &[f64], solve: bool) -> (Vec<End>, Vec<i64>) {
    let nv = x.len();
    let ns = o.segs.len();
    let root = nv + ns;
    let total = root + 1;
    // Port offsets from item centres, (upper end, lower end) per segment: a node's
    // k segment ends on one side are spread over its width in the order of their
    // other ends.
    let mut offset = vec![(0i64, 0i64); ns];
    let mut side: Vec<((usize, usize), usize)> = Vec::new();
    for (i, it) in o.items.iter().enumerate() {
        if !matches!(it.kind, Kind::Node(_)) {
            continue;
        }
        for lower in [true, false] {
            let adj = if lower { o.seg_downs(i) } else { o.seg_ups(i) };
            side.clear();
            side.extend(adj.iter().map(|&s| {
                let other = if lower { o.segs[s].1 } else { o.segs[s].0 };
                ((o.pos[other], s), s)
            }));
            side.sort_unstable();
            for (rank, &(_, s)) in side.iter().enumerate() {
                let off = (port_offset(it.size.w, rank, side.len()) * SCALE).round() as i64;
                if lower {
                    offset[s].0 = off;
                } else {
                    offset[s].1 = off;
                }
            }
        }
    }
    let mut xi: Vec<i64> = Vec::with_capacity(total);
    xi.extend(x.iter().map(|&v| (v * SCALE).round() as i64));
    // Rounding may leave a constraint short by one unit: push right in topological
    // order (the separation graph is acyclic; a pass per variable at most).
    for _ in 0..nv {
        let mut moved = false;
        for &(a, b, d) in &cons.list {
            let d = min_units(d);
            if xi[b] < xi[a] + d {
                xi[b] = xi[a] + d;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let ends: Vec<End> = o
        .segs
        .iter()
        .enumerate()
        .map(|(k, &(a, b, _))| ((var[a], offset[k].0), (var[b], offset[k].1)))
        .collect();
    if solve {
        let mut prog: Vec<Con> = Vec::with_capacity(cons.list.len() + 2 * ns + nv);
        prog.extend(cons.list.iter().map(|&(a, b, d)| (a, b, min_units(d), 0)));
        for (k, &((va, oa), (vb, ob))) in ends.iter().enumerate() {
            let (a, b, _) = o.segs[k];
            let w = seg_weight(&o.items[a].kind, &o.items[b].kind);
            let aux = nv + k;
            prog.push((aux, va, -oa, w));
            prog.push((aux, vb, -ob, w));
            xi.push((xi[va] + oa).min(xi[vb] + ob));
        }
        let lo = xi.iter().copied().min().unwrap_or(0);
        xi.push(lo);
        for v in 0..root {
            prog.push((root, v, 0, 0));
        }
        network_simplex(total, &prog, &mut xi, NS_X_WORK);
        xi.truncate(nv);
    }
    (ends, xi)
}

/// A segment's ends (upper, lower) as [`straighten`] plans them: an item's
/// variable and the port's offset from it.
type End = ((usize, i64), (usize, i64));

/// Most [`unjog`] moves anything to take a jog out, px. Measured on the examples'
/// views and 18 generated 20–40-system landscapes (134 drawings): 60 takes out 2.4 %
/// of the bends with as many crossings; 30 takes out 1.6 %, 200 3.5 % but adds
/// 0.8 % crossings (a long move reorders the runs in a gap).
const UNJOG_MAX: f64 = 60.0;
/// Passes of [`unjog`] at most.
const UNJOG_ROUNDS: usize = 3;
/// Most items [`unjog`] moves at once: a larger group is not moved. Without a cap
/// the search for the group grows with its length, and a long straight chain (a
/// hub's 2,000 leaves in a row) made the pass quadratic; on generated landscapes
/// of 20–8,000 systems no group reaches 20 items, and a cap of 16 or 64 changes
/// no bend count measurably.
const UNJOG_GROUP: usize = 64;

/// Takes jogs out of a final placement `xi` (the simplex's, or on graphs past it
/// the relaxed one; candidates being judged do without). Network simplex
/// minimises the weighted sum of the segments' offsets, not how many have one, so
/// a small offset often stays where moving one more group of items would
/// straighten an edge at almost no cost. For each segment with an offset (up to
/// [`UNJOG_MAX`]), its upper end, or else its lower end, moves onto the other,
/// together with everything joined to it by straight segments (up to
/// [`UNJOG_GROUP`] items), where the separation constraints leave room, no item
/// passes the drawing's outer left or right side (a frame may still widen into
/// its parent's slack), and fewer segments keep an offset than before.
fn unjog(o: &Ordered, var: &[usize], cons: &Cons, ends: &[End], xi: &mut [i64]) {
    let limit = (UNJOG_MAX * SCALE) as i64;
    let half = |i: usize| (o.items[i].size.w * SCALE / 2.0).ceil() as i64;
    let (left, right) = (0..o.items.len()).fold((i64::MAX, i64::MIN), |(l, r), i| {
        (l.min(xi[var[i]] - half(i)), r.max(xi[var[i]] + half(i)))
    });
    let at = |xi: &[i64], e: (usize, i64)| xi[e.0] + e.1;
    let straight = |xi: &[i64], s: usize| at(xi, ends[s].0) == at(xi, ends[s].1);
    let mut moving = vec![false; xi.len()];
    let mut group: Vec<usize> = Vec::new();
    for _ in 0..UNJOG_ROUNDS {
        let mut moved = false;
        for k in 0..ends.len() {
            let d = at(xi, ends[k].1) - at(xi, ends[k].0);
            if d == 0 || d.abs() > limit {
                continue;
            }
            for (start, delta) in [(o.segs[k].0, d), (o.segs[k].1, -d)] {
                // The items joined to `start` by straight segments other than `k`.
                group.clear();
                group.push(start);
                moving[var[start]] = true;
                let mut h = 0;
                while let Some(&i) = group.get(h) {
                    if group.len() > UNJOG_GROUP {
                        break;
                    }
                    h += 1;
                    for &s in o.seg_downs(i).iter().chain(o.seg_ups(i)) {
                        let j = if o.segs[s].0 == i {
                            o.segs[s].1
                        } else {
                            o.segs[s].0
                        };
                        if s != k && !moving[var[j]] && straight(xi, s) {
                            moving[var[j]] = true;
                            group.push(j);
                        }
                    }
                }
                let moved_x = |xi: &[i64], v: usize| xi[v] + if moving[v] { delta } else { 0 };
                let fits = group.len() <= UNJOG_GROUP
                    && group.iter().all(|&i| {
                        let x = xi[var[i]] + delta;
                        x - half(i) >= left && x + half(i) <= right
                    })
                    && group.iter().all(|&i| {
                        cons.touching(var[i]).all(|&c| {
                            let (a, b, d) = cons.list[c];
                            moved_x(xi, b) - moved_x(xi, a) >= min_units(d)
                        })
                    });
                // Segments that gain an offset less those that lose one (a segment
                // with both ends moving keeps its own; skipped for speed only).
                let change: i64 = if fits {
                    group
                        .iter()
                        .flat_map(|&i| o.seg_downs(i).iter().chain(o.seg_ups(i)))
                        .filter(|&&s| !(moving[ends[s].0.0] && moving[ends[s].1.0]))
                        .map(|&s| {
                            let (a, b) = ends[s];
                            let after = moved_x(xi, a.0) + a.1 != moved_x(xi, b.0) + b.1;
                            i64::from(after) - i64::from(!straight(xi, s))
                        })
                        .sum()
                } else {
                    0
                };
                let take = fits && change < 0;
                for &i in &group {
                    moving[var[i]] = false;
                    if take {
                        xi[var[i]] += delta;
                    }
                }
                if take {
                    moved = true;
                    break;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::ranked;
    use crate::layout::{LayoutOptions, generate, order};

    /// Segments whose two ends stand apart in the plan's solution `xi`.
    fn jogs(ends: &[End], xi: &[i64]) -> usize {
        ends.iter()
            .filter(|&&((a, oa), (b, ob))| xi[a] + oa != xi[b] + ob)
            .count()
    }

    /// Unjog leaves fewer segments with an offset than the simplex (or the relaxed
    /// placement, here from the judging passes) did, with and without the simplex
    /// on generated 12–45-system landscapes; keeps every separation constraint;
    /// and moves nothing past the drawing's outer sides.
    #[test]
    fn unjog_straightens_segments_within_the_constraints() {
        let opts = LayoutOptions::default();
        for (n, seed) in [(12, 1), (20, 2), (25, 3), (30, 4), (40, 5), (45, 6)] {
            let (g, r) = ranked(&generate::landscape(n, seed));
            let mut o = order::build(&g, &r, order::MAX_SPLITS);
            order::order(&mut o, true);
            let (var, nv, list) = separation(&o, &g, &opts);
            let cons = Cons::new(nv, list);
            let relaxed = place_x_with(&o, &g, &opts, false);
            let mut x = vec![0.0; nv];
            for (i, &v) in var.iter().enumerate() {
                x[v] = relaxed.x[i];
            }
            for (c, &(l, r)) in relaxed.sides.iter().enumerate() {
                (x[2 * c], x[2 * c + 1]) = (l, r);
            }
            // With the simplex (small graphs) and on the relaxed placement alone.
            for solve in [true, false] {
                let (ends, mut xi) = plan(&o, &var, &cons, &x, solve);
                let span = |xi: &[i64]| {
                    let half = |i: usize| (o.items[i].size.w * SCALE / 2.0).ceil() as i64;
                    let l = (0..var.len()).map(|i| xi[var[i]] - half(i)).min();
                    let r = (0..var.len()).map(|i| xi[var[i]] + half(i)).max();
                    (l, r)
                };
                let (j0, s0) = (jogs(&ends, &xi), span(&xi));
                unjog(&o, &var, &cons, &ends, &mut xi);
                let j1 = jogs(&ends, &xi);
                assert!(
                    j1 < j0,
                    "{n} systems, seed {seed}, solve {solve}: {j0} segments with an offset, {j1} after"
                );
                let s1 = span(&xi);
                assert!(
                    s1.0 >= s0.0 && s1.1 <= s0.1,
                    "{n} systems, seed {seed}, solve {solve}: wider"
                );
                for &(a, b, d) in &cons.list {
                    assert!(
                        xi[b] - xi[a] >= min_units(d),
                        "{n} systems, seed {seed}, solve {solve}: {a} → {b} broken"
                    );
                }
            }
        }
    }
}
