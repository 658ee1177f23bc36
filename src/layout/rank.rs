//! Phase 1: cycle breaking and ranking.
//!
//! Takes the node count and the valid edges; returns a rank per node (all even, since
//! every `minlen` is 2 to leave an odd middle rank for labels) and, per edge, whether
//! it was reversed to make the graph acyclic.
//!
//! Cycle breaking is greedy FAS.
//! Simplification of `design/layout.md`: instead of network simplex, longest-path
//! ranks are improved by moving single nodes to the weighted median of their
//! neighbours' ideal ranks within their feasible interval (a coordinate descent on
//! the same objective, Σ span, that network simplex minimises exactly).

use super::Size;

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
pub(crate) fn rank(n: usize, edges: &[(usize, usize, usize, Option<Size>)]) -> Ranking {
    let reversed = break_cycles(n, edges);
    let dag: Vec<(usize, usize)> = edges
        .iter()
        .zip(&reversed)
        .map(|(e, &r)| if r { (e.2, e.1) } else { (e.1, e.2) })
        .collect();
    let (out_off, out_adj) = csr(n, dag.iter().map(|&(s, t)| (s, t)));
    let (in_off, in_adj) = csr(n, dag.iter().map(|&(s, t)| (t, s)));
    // Kahn topological order, FIFO seeded in index order (deterministic).
    let mut indeg: Vec<usize> = (0..n).map(|v| in_off[v + 1] - in_off[v]).collect();
    let mut topo: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut head = 0;
    while head < topo.len() {
        let v = topo[head];
        head += 1;
        for &w in &out_adj[out_off[v]..out_off[v + 1]] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                topo.push(w);
            }
        }
    }
    if topo.len() < n {
        // Unreachable after cycle breaking; keep going rather than panic.
        let mut seen = vec![false; n];
        topo.iter().for_each(|&v| seen[v] = true);
        topo.extend((0..n).filter(|&v| !seen[v]));
    }
    let mut r = vec![0i64; n];
    for &v in &topo {
        for &p in &in_adj[in_off[v]..in_off[v + 1]] {
            r[v] = r[v].max(r[p] + MINLEN);
        }
    }
    let mut targets: Vec<i64> = Vec::new();
    for pass in 0..PASSES {
        let mut changed = false;
        let forward = pass % 2 == 0;
        for k in 0..n {
            let v = if forward { topo[k] } else { topo[n - 1 - k] };
            let (mut lo, mut hi) = (i64::MIN, i64::MAX);
            targets.clear();
            for &p in &in_adj[in_off[v]..in_off[v + 1]] {
                lo = lo.max(r[p] + MINLEN);
                targets.push(r[p] + MINLEN);
            }
            for &s in &out_adj[out_off[v]..out_off[v + 1]] {
                hi = hi.min(r[s] - MINLEN);
                targets.push(r[s] - MINLEN);
            }
            if targets.is_empty() || lo > hi {
                continue;
            }
            targets.sort_unstable();
            let m = targets.len();
            // Any value between the two middle targets is optimal: stay as close to
            // the current rank as possible.
            let (a, b) = (targets[(m - 1) / 2], targets[m / 2]);
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
    let min = r.iter().copied().min().unwrap_or(0);
    Ranking {
        rank: r
            .iter()
            .map(|&x| usize::try_from(x - min).unwrap_or(0))
            .collect(),
        reversed,
    }
}
