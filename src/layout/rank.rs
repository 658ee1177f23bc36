//! Phase 1: cycle breaking and ranking.
//!
//! Takes the valid edges and the cluster tree; returns a rank per node (all even,
//! since every `minlen` is 2 to leave an odd middle rank for labels) and, per edge,
//! whether it was reversed to make the graph acyclic.
//!
//! * Cycles: greedy FAS (Eades–Lin–Smyth) alone reverses few edges but can leave very
//!   long paths; inside each strongly connected component the orientation therefore
//!   follows a spring potential seeded from the FAS order (`orient`).
//! * With clusters, `orient_clustered` can instead orient every edge by a spring
//!   potential that also pulls each cluster's members to one level, so that a
//!   cluster does not span the whole drawing (some edges then point up, as in dot).
//! * Ranks: longest path, median moves, then network simplex (Gansner et al.) on a
//!   nesting graph, with dot's incremental cut-value updates and a pivot budget.

use super::Size;
use super::simplex::{Con, longest_path, network_simplex};

/// Output of [`rank`].
pub(crate) struct Ranking {
    /// Rank per node, ≥ 0.
    pub(crate) rank: Vec<usize>,
    /// Per entry of the edge list: drawn against its input direction.
    pub(crate) reversed: Vec<bool>,
}

/// Minimum span of every edge, in ranks.
pub(crate) const MINLEN: i64 = 2;
/// Median passes over all nodes; each pass can only lower the total span.
const PASSES: usize = 12;

/// Eades–Lin–Smyth greedy feedback arc set: peel sinks to the back and sources to
/// the front of a node sequence, otherwise move the node with the largest
/// out-degree − in-degree to the front (ties: lowest index). Edges that point
/// backwards in the sequence are reversed. O((V + E) log V) with an ordered set.
fn break_cycles(n: usize, edges: &[(usize, usize, usize, Option<Size>)]) -> Vec<bool> {
    use std::collections::BTreeSet;
    let (out_off, out_adj) = csr(n, edges.iter().enumerate().map(|(i, e)| (e.1, i)));
    let (in_off, in_adj) = csr(n, edges.iter().enumerate().map(|(i, e)| (e.2, i)));
    let mut indeg: Vec<i64> = (0..n).map(|v| (in_off[v + 1] - in_off[v]) as i64).collect();
    let mut outdeg: Vec<i64> = (0..n)
        .map(|v| (out_off[v + 1] - out_off[v]) as i64)
        .collect();
    let mut removed = vec![false; n];
    let key = |v: usize, i: &[i64], o: &[i64]| (i[v] - o[v], v);
    let mut set: BTreeSet<(i64, usize)> = (0..n).map(|v| key(v, &indeg, &outdeg)).collect();
    let mut front: Vec<usize> = Vec::with_capacity(n);
    let mut back: Vec<usize> = Vec::new();
    let mut sinks: Vec<usize> = (0..n).filter(|&v| outdeg[v] == 0).rev().collect();
    let mut sources: Vec<usize> = (0..n)
        .filter(|&v| indeg[v] == 0 && outdeg[v] > 0)
        .rev()
        .collect();
    let mut left = n;
    while left > 0 {
        let (v, to_front) = if let Some(v) = sinks.pop() {
            (v, false)
        } else if let Some(v) = sources.pop() {
            (v, true)
        } else if let Some(&(_, v)) = set.iter().next() {
            (v, true)
        } else {
            break;
        };
        if removed[v] {
            continue;
        }
        removed[v] = true;
        left -= 1;
        set.remove(&key(v, &indeg, &outdeg));
        if to_front {
            front.push(v)
        } else {
            back.push(v)
        }
        for &ei in &out_adj[out_off[v]..out_off[v + 1]] {
            let w = edges[ei].2;
            if !removed[w] {
                set.remove(&key(w, &indeg, &outdeg));
                indeg[w] -= 1;
                set.insert(key(w, &indeg, &outdeg));
                if indeg[w] == 0 && outdeg[w] > 0 {
                    sources.push(w);
                }
            }
        }
        for &ei in &in_adj[in_off[v]..in_off[v + 1]] {
            let w = edges[ei].1;
            if !removed[w] {
                set.remove(&key(w, &indeg, &outdeg));
                outdeg[w] -= 1;
                set.insert(key(w, &indeg, &outdeg));
                if outdeg[w] == 0 {
                    sinks.push(w);
                }
            }
        }
    }
    let mut place = vec![0usize; n];
    for (k, &v) in front.iter().chain(back.iter().rev()).enumerate() {
        place[v] = k;
    }
    edges.iter().map(|e| place[e.1] > place[e.2]).collect()
}

/// Gauss–Seidel sweeps of the spring potential.
const SPRING_SWEEPS: usize = 60;

/// Chooses which edges to reverse so the graph becomes acyclic.
///
/// Edges between strongly connected components keep their direction (the
/// condensation is acyclic already). Inside a component, greedy FAS alone reverses few
/// edges but can leave very long paths, hence tall drawings with long edges. So the
/// FAS order only seeds a "spring" potential (least squares on `p[v] − p[u] = 1` for
/// every edge, as in SpringRank), and edges inside a component point from lower to
/// higher potential, ties by index: a total order, so no cycle can remain.
fn orient(n: usize, edges: &[(usize, usize, usize, Option<Size>)]) -> Vec<bool> {
    let fas = break_cycles(n, edges);
    let comp = scc(n, edges);
    if edges.iter().all(|e| comp[e.1] != comp[e.2]) {
        return fas;
    }
    // Seed: longest-path depth of the FAS DAG.
    let seed: Vec<Con> = edges
        .iter()
        .zip(&fas)
        .map(|(e, &r)| {
            if r {
                (e.2, e.1, 1, 1)
            } else {
                (e.1, e.2, 1, 1)
            }
        })
        .collect();
    let mut p: Vec<f64> = longest_path(n, &seed).iter().map(|&x| x as f64).collect();
    let (inc_off, inc_adj) = csr(
        n,
        edges
            .iter()
            .enumerate()
            .flat_map(|(k, e)| [(e.1, k), (e.2, k)]),
    );
    for _ in 0..SPRING_SWEEPS {
        for v in 0..n {
            let list = &inc_adj[inc_off[v]..inc_off[v + 1]];
            if list.is_empty() {
                continue;
            }
            let mut sum = 0.0;
            for &k in list {
                let e = &edges[k];
                sum += if e.1 == v { p[e.2] - 1.0 } else { p[e.1] + 1.0 };
            }
            p[v] = sum / list.len() as f64;
        }
    }
    edges
        .iter()
        .map(|e| {
            let (u, v) = (e.1, e.2);
            comp[u] == comp[v]
                && (p[u], u).partial_cmp(&(p[v], v)) == Some(std::cmp::Ordering::Greater)
        })
        .collect()
}

/// Chooses edge directions so that clusters stay short in rank.
///
/// With every edge pointing down, a cluster holding both a source and a sink of a
/// long path spans the whole drawing (and takes a full-height column beside its
/// siblings). dot avoids that by ranking each cluster on its own and collapsing it,
/// which turns some edges upward. Here a spring potential (`p[v] − p[u] = 1` per edge,
/// as in [`orient`]) gets one extra variable per cluster, tied to its direct members
/// and child clusters with weight `CLUSTER_PULL`, so the members of a cluster are
/// pulled to one level; every edge then points from lower to higher potential (ties
/// by index), which is a total order, so the result is acyclic.
fn orient_clustered(
    n: usize,
    edges: &[(usize, usize, usize, Option<Size>)],
    node_cluster: &[Option<usize>],
    cluster_parent: &[Option<usize>],
    pull: f64,
) -> Vec<bool> {
    let nc = cluster_parent.len();
    if nc == 0 || pull <= 0.0 {
        return orient(n, edges);
    }
    let base = orient(n, edges);
    // Seed: longest-path depth of the acyclic orientation.
    let seed: Vec<Con> = edges
        .iter()
        .zip(&base)
        .map(|(e, &r)| {
            if r {
                (e.2, e.1, 1, 1)
            } else {
                (e.1, e.2, 1, 1)
            }
        })
        .collect();
    let mut p: Vec<f64> = longest_path(n, &seed).iter().map(|&x| x as f64).collect();
    let (inc_off, inc_adj) = csr(
        n,
        edges
            .iter()
            .enumerate()
            .flat_map(|(k, e)| [(e.1, k), (e.2, k)]),
    );
    let cl = |v: usize| node_cluster.get(v).copied().flatten().filter(|&c| c < nc);
    let par = |c: usize| cluster_parent[c].filter(|&q| q < c);
    let mut q = vec![0.0f64; nc];
    let mut sum = vec![0.0f64; nc];
    let mut cnt = vec![0.0f64; nc];
    let update_q = |p: &[f64], q: &mut [f64], sum: &mut [f64], cnt: &mut [f64]| {
        sum.iter_mut().for_each(|x| *x = 0.0);
        cnt.iter_mut().for_each(|x| *x = 0.0);
        for (v, &pv) in p.iter().enumerate().take(n) {
            if let Some(c) = cl(v) {
                sum[c] += pv;
                cnt[c] += 1.0;
            }
        }
        // Children before parents (a parent has a smaller index).
        for c in (0..nc).rev() {
            if let Some(d) = par(c).filter(|_| cnt[c] > 0.0) {
                let mean = (sum[c] + q[d]) / (cnt[c] + 1.0);
                sum[d] += mean;
                cnt[d] += 1.0;
            }
        }
        for c in 0..nc {
            let up = par(c).map_or((0.0, 0.0), |d| (q[d], 1.0));
            if cnt[c] + up.1 > 0.0 {
                q[c] = (sum[c] + up.0) / (cnt[c] + up.1);
            }
        }
    };
    update_q(&p, &mut q, &mut sum, &mut cnt);
    for _ in 0..SPRING_SWEEPS {
        for v in 0..n {
            let list = &inc_adj[inc_off[v]..inc_off[v + 1]];
            let mut s = 0.0;
            let mut w = 0.0;
            for &k in list {
                let e = &edges[k];
                s += if e.1 == v { p[e.2] - 1.0 } else { p[e.1] + 1.0 };
                w += 1.0;
            }
            if let Some(c) = cl(v) {
                s += pull * q[c];
                w += pull;
            }
            if w > 0.0 {
                p[v] = s / w;
            }
        }
        update_q(&p, &mut q, &mut sum, &mut cnt);
    }
    edges
        .iter()
        .map(|e| (p[e.1], e.1).partial_cmp(&(p[e.2], e.2)) == Some(std::cmp::Ordering::Greater))
        .collect()
}

/// Strongly connected components (Kosaraju, iterative): component id per node.
fn scc(n: usize, edges: &[(usize, usize, usize, Option<Size>)]) -> Vec<usize> {
    let (out_off, out_adj) = csr(n, edges.iter().map(|e| (e.1, e.2)));
    let (in_off, in_adj) = csr(n, edges.iter().map(|e| (e.2, e.1)));
    let mut seen = vec![false; n];
    let mut finish: Vec<usize> = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        stack.push((root, out_off[root]));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < out_off[v + 1] {
                top.1 += 1;
                let w = out_adj[i];
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, out_off[w]));
                }
            } else {
                finish.push(v);
                stack.pop();
            }
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut id = 0;
    let mut st: Vec<usize> = Vec::new();
    for &root in finish.iter().rev() {
        if comp[root] != usize::MAX {
            continue;
        }
        comp[root] = id;
        st.push(root);
        while let Some(v) = st.pop() {
            for &w in &in_adj[in_off[v]..in_off[v + 1]] {
                if comp[w] == usize::MAX {
                    comp[w] = id;
                    st.push(w);
                }
            }
        }
        id += 1;
    }
    comp
}

/// Compressed adjacency: `off[v]..off[v+1]` indexes `adj` for node `v`; entries keep
/// their input order.
pub(crate) fn csr(
    n: usize,
    pairs: impl Iterator<Item = (usize, usize)> + Clone,
) -> (Vec<usize>, Vec<usize>) {
    let mut off = vec![0usize; n + 1];
    for (v, _) in pairs.clone() {
        off[v + 1] += 1;
    }
    for i in 0..n {
        off[i + 1] += off[i];
    }
    let mut fill = off.clone();
    let mut adj = vec![0usize; off[n]];
    for (v, x) in pairs {
        adj[fill[v]] = x;
        fill[v] += 1;
    }
    (off, adj)
}

/// Ranks the nodes; see the module docs.
///
/// The graph ranked is a nesting graph (Sander; dagre `nesting-graph`): a top and a
/// bottom node per cluster and `top → member → bottom` edges, so clusters are pulled
/// together in rank, and a root joined
/// to everything with weight 0 so the graph is connected.
#[cfg(test)]
pub(crate) fn rank(
    n: usize,
    edges: &[(usize, usize, usize, Option<Size>)],
    node_cluster: &[Option<usize>],
    cluster_parent: &[Option<usize>],
) -> Ranking {
    rank_with(n, edges, node_cluster, cluster_parent, 0.0)
}

/// [`rank`] with edge directions from [`orient_clustered`] with pull `pull` (0: plain
/// cycle breaking).
pub(crate) fn rank_with(
    n: usize,
    edges: &[(usize, usize, usize, Option<Size>)],
    node_cluster: &[Option<usize>],
    cluster_parent: &[Option<usize>],
    pull: f64,
) -> Ranking {
    let reversed = orient_clustered(n, edges, node_cluster, cluster_parent, pull);
    let nc = cluster_parent.len();
    let top = |c: usize| n + 2 * c;
    let bottom = |c: usize| n + 2 * c + 1;
    let root = n + 2 * nc;
    let total = root + 1;
    // Real edges, parallel ones merged (weights summed).
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .zip(&reversed)
        .map(|(e, &r)| if r { (e.2, e.1) } else { (e.1, e.2) })
        .collect();
    pairs.sort_unstable();
    let mut cons: Vec<Con> = Vec::new();
    for p in pairs {
        match cons.last_mut() {
            Some(last) if (last.0, last.1) == p => last.3 += 1,
            _ => cons.push((p.0, p.1, MINLEN, 1)),
        }
    }
    let w = NEST_WEIGHT;
    let mut has_child = vec![false; nc];
    for (v, c) in node_cluster.iter().enumerate() {
        match c {
            Some(c) => {
                cons.push((top(*c), v, 0, 2 * w));
                cons.push((v, bottom(*c), 0, 2 * w));
                has_child[*c] = true;
            }
            None => cons.push((root, v, 0, 0)),
        }
    }
    for (c, parent) in cluster_parent.iter().enumerate() {
        match *parent {
            Some(p) => {
                cons.push((top(p), top(c), 0, w));
                cons.push((bottom(c), bottom(p), 0, w));
                has_child[p] = true;
            }
            None => cons.push((root, top(c), 0, 0)),
        }
    }
    for (c, &has) in has_child.iter().enumerate() {
        if !has {
            cons.push((top(c), bottom(c), 0, w));
        }
    }
    let mut r = longest_path(total, &cons);
    // Median moves are cheap and leave network simplex far fewer pivots.
    median_moves(total, &cons, &mut r);
    if total + cons.len() <= NS_MAX_SIZE {
        network_simplex(total, &cons, &mut r, NS_WORK_BUDGET);
    }
    let min = r[..n].iter().copied().min().unwrap_or(0);
    Ranking {
        rank: r[..n]
            .iter()
            .map(|&x| usize::try_from(x - min).unwrap_or(0))
            .collect(),
        reversed,
    }
}

/// Weight of a nesting edge (twice this for a node's own edges). Measured on the
/// synthetic corpus: heavier weights (dagre uses Σ weights + 1) make frames a little
/// shorter but edges between frames much longer, and the drawing larger.
const NEST_WEIGHT: i64 = 1;

/// Edge visits network simplex may spend (about 0.1 s); beyond it the ranking stays
/// feasible but may be less compact.
const NS_WORK_BUDGET: usize = 40_000_000;

/// Above this many nodes + edges the quadratic parts of network simplex (tight tree
/// growth, full cut-value updates per pivot) are skipped for median moves.
const NS_MAX_SIZE: usize = 400_000;

/// Single-node moves to the weighted median of the neighbours' ideal ranks, inside
/// the feasible interval; used when the graph is too large for network simplex.
fn median_moves(n: usize, cons: &[Con], r: &mut [i64]) {
    let (inc_off, inc_adj) = csr(
        n,
        cons.iter()
            .enumerate()
            .flat_map(|(k, c)| [(c.0, k), (c.1, k)]),
    );
    let mut targets: Vec<(i64, i64)> = Vec::new();
    for pass in 0..PASSES {
        let mut changed = false;
        for k in 0..n {
            let v = if pass % 2 == 0 { k } else { n - 1 - k };
            let (mut lo, mut hi) = (i64::MIN, i64::MAX);
            targets.clear();
            for &e in &inc_adj[inc_off[v]..inc_off[v + 1]] {
                let (s, t, minlen, w) = cons[e];
                if s == v {
                    hi = hi.min(r[t] - minlen);
                    targets.push((r[t] - minlen, w));
                } else {
                    lo = lo.max(r[s] + minlen);
                    targets.push((r[s] + minlen, w));
                }
            }
            let tw: i64 = targets.iter().map(|t| t.1).sum();
            if tw == 0 || lo > hi {
                continue;
            }
            targets.sort_unstable();
            // Weighted median interval [a, b]: stay as close to the current rank as possible.
            let mut acc = 0;
            let (mut a, mut b) = (r[v], r[v]);
            for (i, &(x, wt)) in targets.iter().enumerate() {
                acc += wt;
                if 2 * acc >= tw {
                    a = x;
                    b = if 2 * acc == tw {
                        targets.get(i + 1).map_or(x, |t| t.0)
                    } else {
                        x
                    };
                    break;
                }
            }
            let want = r[v].clamp(a, b).clamp(lo, hi);
            if want != r[v] {
                r[v] = want;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}
