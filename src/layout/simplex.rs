//! Network simplex on difference constraints, shared by ranking (y) and, for small
//! graphs, horizontal placement (x).
//!
//! Minimises Σ weight · (x[t] − x[s]) subject to x[t] − x[s] ≥ minlen for every
//! constraint (Gansner et al. 1993, dot `ns.c`): a feasible tight spanning tree, then
//! pivots with incremental cut-value updates, within a work budget so that huge
//! inputs end with a feasible, if less optimal, answer.

use super::rank::csr;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
/// A ranking constraint: `rank[t] - rank[s] >= minlen`, costing `weight` per rank of span.
pub(crate) type Con = (usize, usize, i64, i64);

/// Topological order (Kahn, FIFO seeded in index order) and longest-path ranks.
pub(crate) fn longest_path(n: usize, cons: &[Con]) -> Vec<i64> {
    let (out_off, out_adj) = csr(n, cons.iter().enumerate().map(|(k, c)| (c.0, k)));
    let mut indeg = vec![0usize; n];
    cons.iter().for_each(|c| indeg[c.1] += 1);
    let mut topo: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut head = 0;
    let mut r = vec![0i64; n];
    let mut done = vec![false; n];
    loop {
        while head < topo.len() {
            let v = topo[head];
            head += 1;
            done[v] = true;
            for &k in &out_adj[out_off[v]..out_off[v + 1]] {
                let (_, t, minlen, _) = cons[k];
                r[t] = r[t].max(r[v] + minlen);
                indeg[t] = indeg[t].saturating_sub(1);
                if indeg[t] == 0 {
                    topo.push(t);
                }
            }
        }
        // Unreachable (the constraint graph is acyclic); never loop or panic.
        match (0..n).find(|&v| !done[v] && indeg[v] > 0) {
            Some(v) => {
                indeg[v] = 0;
                topo.push(v);
            }
            None => break,
        }
    }
    r
}

/// Network simplex (Gansner et al. 1993; dagre `network-simplex`): a feasible tight
/// spanning tree (grown with the edges that cross it in heaps, O(E log E)), then
/// pivots that swap a tree edge with negative cut value for the non-tree edge of
/// least slack across its cut, until none is negative or the pivot budget is
/// spent. Cut values and low/lim numbers are updated per pivot only on the tree
/// path and subtree the pivot changes (dot `update`); in that subtree only the
/// nodes on the pivot's cycle are walked again, the other branches keep their
/// shape and have their numbers shifted. The entering edge is searched among the
/// constraints incident to the smaller side of the leaving edge's cut: every
/// candidate crosses the cut, so it has exactly one end there. `work` bounds the
/// edge visits; `r` must be feasible on entry.
pub(crate) fn network_simplex(n: usize, cons: &[Con], r: &mut [i64], work: usize) {
    if n == 0 {
        return;
    }
    let (inc_off, inc_adj) = csr(
        n,
        cons.iter()
            .enumerate()
            .flat_map(|(k, c)| [(c.0, k), (c.1, k)]),
    );
    let inc = |v: usize| &inc_adj[inc_off[v]..inc_off[v + 1]];
    let slack = |r: &[i64], k: usize| r[cons[k].1] - r[cons[k].0] - cons[k].2;
    let other = |k: usize, v: usize| if cons[k].0 == v { cons[k].1 } else { cons[k].0 };
    let start = n - 1;
    let mut budget = work;
    // Feasible tight tree: grow the tight component of `start`; while it does not
    // span, shift it as a whole onto the least slack edge that leaves or enters it
    // (ties: lowest index). The edges crossing the component wait in two heaps, so
    // each round costs a heap operation instead of a scan of every edge. A node's
    // rank is stored less the component's total shift `off` while it is inside.
    let mut in_tree = vec![false; n];
    let mut off = 0i64;
    // Keyed so that slack = key − off (tail inside) and key + off (head inside).
    let mut leaving: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
    let mut entering: BinaryHeap<Reverse<(i64, usize)>> = BinaryHeap::new();
    let mut join = Some(start);
    let mut count = 0;
    let spanned = loop {
        if let Some(v) = join.take() {
            in_tree[v] = true;
            r[v] -= off;
            count += 1;
            for &k in inc(v) {
                let (a, b, minlen, _) = cons[k];
                if a == v && !in_tree[b] {
                    leaving.push(Reverse((r[b] - r[v] - minlen, k)));
                } else if b == v && !in_tree[a] {
                    entering.push(Reverse((r[v] - r[a] - minlen, k)));
                }
            }
        }
        if count == n {
            break true;
        }
        while leaving.peek().is_some_and(|e| in_tree[cons[e.0.1].1]) {
            leaving.pop();
        }
        while entering.peek().is_some_and(|e| in_tree[cons[e.0.1].0]) {
            entering.pop();
        }
        let out = leaving.peek().map(|e| (e.0.0 - off, e.0.1));
        let inn = entering.peek().map(|e| (e.0.0 + off, e.0.1));
        let Some((sl, k)) = out.into_iter().chain(inn).min() else {
            break false;
        };
        if sl > 0 {
            // Each shift stands for a pass over the graph (the budget's unit); on
            // huge graphs stop early with the (still feasible) ranks from median
            // moves.
            budget = budget.saturating_sub(cons.len() + n);
            if budget == 0 {
                break false;
            }
            off += if in_tree[cons[k].0] { sl } else { -sl };
        }
        if out == Some((sl, k)) {
            leaving.pop();
            join = Some(cons[k].1);
        } else {
            entering.pop();
            join = Some(cons[k].0);
        }
    };
    for v in 0..n {
        if in_tree[v] {
            r[v] += off;
        }
    }
    if !spanned {
        return;
    }
    // The tree: tight edges in depth-first order from `start`.
    let mut tree = vec![false; cons.len()];
    in_tree.iter_mut().for_each(|t| *t = false);
    in_tree[start] = true;
    let mut stack = vec![start];
    while let Some(v) = stack.pop() {
        for &k in inc(v) {
            let w = other(k, v);
            if !in_tree[w] && slack(r, k) == 0 {
                in_tree[w] = true;
                tree[k] = true;
                stack.push(w);
            }
        }
    }
    // Tree adjacency, rooted numbering, cut values.
    let mut tadj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, _) in tree.iter().enumerate().filter(|(_, t)| **t) {
        tadj[cons[k].0].push(k);
        tadj[cons[k].1].push(k);
    }
    let mut t = Tree {
        parent: vec![usize::MAX; n],
        parent_edge: vec![usize::MAX; n],
        low: vec![0; n],
        lim: vec![0; n],
        on_cycle: vec![0; n],
        stamp: 0,
        dfs: Vec::new(),
    };
    let mut post = Vec::with_capacity(n);
    t.number(
        cons,
        &tadj,
        start,
        usize::MAX,
        usize::MAX,
        0,
        &mut post,
        &[],
    );
    let mut cut = full_cut_values(cons, &inc_off, &inc_adj, &tree, &t, &post);
    // Nodes by postorder number, so that a subtree (`low..=lim`) and its complement
    // are contiguous runs.
    let mut by_lim = post.clone();
    let m = cons.len();
    // The objective falls fast and then creeps through long runs of degenerate
    // pivots (1000 systems: within 1.5 % of the optimum after n pivots), so stop at
    // n. A pivot can still visit O(m) edges (the smaller side of a cut may carry
    // most of them), so the pivots are also capped at budget / m, and the budget is
    // charged with the edges each search actually visits.
    let max_pivots = n.max(100).min(budget / cons.len().max(1));
    let mut search = 0usize;
    let mut sub: Vec<usize> = Vec::new();
    for _ in 0..max_pivots {
        // Leaving edge: first negative cut value, searching on from the last one.
        let search_at = search.min(m);
        let leave = (search_at..m)
            .chain(0..search_at)
            .find(|&k| tree[k] && cut[k] < 0);
        let Some(e) = leave else { break };
        search = e + 1;
        // Entering edge: least slack among edges crossing the cut the other way.
        let (u, v) = (cons[e].0, cons[e].1);
        let (tail, flip) = if t.lim[u] > t.lim[v] {
            (v, true)
        } else {
            (u, false)
        };
        let (lo, hi) = (t.low[tail], t.lim[tail]);
        let desc = |x: usize| lo <= t.lim[x] && t.lim[x] <= hi;
        let inside = by_lim.get(lo..=hi).unwrap_or(&[]);
        let (first, second) = if 2 * inside.len() <= n {
            (inside, &[][..])
        } else {
            (
                by_lim.get(..lo).unwrap_or(&[]),
                by_lim.get(hi + 1..).unwrap_or(&[]),
            )
        };
        let mut enter: Option<(i64, usize)> = None;
        let mut visited = 0usize;
        for &x in first.iter().chain(second) {
            visited += inc(x).len();
            for &k in inc(x) {
                if !tree[k] && flip == desc(cons[k].0) && flip != desc(cons[k].1) {
                    let key = (slack(r, k), k);
                    if enter.is_none_or(|best| key < best) {
                        enter = Some(key);
                    }
                }
            }
        }
        budget = budget.saturating_sub(visited);
        let Some((_, f)) = enter else { break };
        // Shift the subtree cut off by `e` so that `f` becomes tight.
        let delta = slack(r, f);
        if delta != 0 {
            let child = if t.lim[u] < t.lim[v] { u } else { v };
            let shift = if t.in_subtree(cons[f].0, child) {
                delta
            } else {
                -delta
            };
            sub.clear();
            sub.push(child);
            while let Some(x) = sub.pop() {
                r[x] += shift;
                for &k in &tadj[x] {
                    if k != t.parent_edge[x] {
                        sub.push(other(k, x));
                    }
                }
            }
        }
        // Cut values change only on the tree path between f's ends (dot `update`).
        let cv = cut[e];
        let lca = t.walk_up(cons, &mut cut, cons[f].0, cons[f].1, cv, true);
        t.walk_up(cons, &mut cut, cons[f].1, cons[f].0, cv, false);
        t.mark_cycle(cons[f].0, cons[f].1, lca);
        cut[f] = -cv;
        cut[e] = 0;
        tree[e] = false;
        tree[f] = true;
        tadj[u].retain(|&k| k != e);
        tadj[v].retain(|&k| k != e);
        tadj[cons[f].0].push(f);
        tadj[cons[f].1].push(f);
        post.clear();
        let (pe, pa, lo) = (t.parent_edge[lca], t.parent[lca], t.low[lca]);
        t.number(cons, &tadj, lca, pe, pa, lo, &mut post, &by_lim);
        // The subtree of `lca` keeps its nodes, so its numbers stay `lo..`.
        for (slot, &x) in by_lim.iter_mut().skip(lo).zip(&post) {
            *slot = x;
        }
        // Test builds recheck every cut value and postorder number after each pivot,
        // on graphs small enough for that O(V + E) check not to swamp the timings of
        // the large-graph diagnostics.
        #[cfg(test)]
        if n <= TEST_CHECK_MAX {
            let mut all = Vec::new();
            t.number(cons, &tadj, start, usize::MAX, usize::MAX, 0, &mut all, &[]);
            let full = full_cut_values(cons, &inc_off, &inc_adj, &tree, &t, &all);
            for k in 0..m {
                if tree[k] {
                    assert_eq!(full[k], cut[k], "cut value of tree edge {k}");
                }
            }
            for (i, &x) in by_lim.iter().enumerate() {
                assert_eq!(t.lim[x], i, "postorder number of node {x}");
            }
        }
        if budget == 0 {
            break;
        }
    }
}

/// Cut values of all tree edges, computed bottom-up (dagre `calcCutValue`): the
/// weight of edges crossing the edge's cut in its direction minus the other way.
fn full_cut_values(
    cons: &[Con],
    inc_off: &[usize],
    inc_adj: &[usize],
    tree: &[bool],
    t: &Tree,
    post: &[usize],
) -> Vec<i64> {
    let mut cut = vec![0i64; cons.len()];
    for &c in post {
        let e = t.parent_edge[c];
        if e == usize::MAX {
            continue;
        }
        let child_is_tail = cons[e].0 == c;
        let mut cv = cons[e].3;
        for &f in &inc_adj[inc_off[c]..inc_off[c + 1]] {
            if f == e {
                continue;
            }
            let points_to_head = (cons[f].0 == c) == child_is_tail;
            let wf = cons[f].3;
            cv += if points_to_head { wf } else { -wf };
            if tree[f] {
                cv += if points_to_head { -cut[f] } else { cut[f] };
            }
        }
        cut[e] = cv;
    }
    cut
}

/// A rooted spanning tree with postorder numbers: `x` is in the subtree of `v` iff
/// `low[v] <= lim[x] <= lim[v]`.
struct Tree {
    parent: Vec<usize>,
    parent_edge: Vec<usize>,
    low: Vec<usize>,
    lim: Vec<usize>,
    /// `on_cycle[x] == stamp`: `x` lies on the cycle the last pivot closed, so its
    /// subtree may have changed.
    on_cycle: Vec<u32>,
    stamp: u32,
    /// DFS stack of [`Tree::number`], kept between pivots.
    dfs: Vec<(usize, usize, usize)>,
}

impl Tree {
    fn in_subtree(&self, x: usize, v: usize) -> bool {
        self.low[v] <= self.lim[x] && self.lim[x] <= self.lim[v]
    }

    /// Marks the tree path between `a` and `b` through their lowest common ancestor
    /// `lca` (the cycle a pivot's entering edge closes), before the tree changes: a
    /// pivot changes the subtrees of these nodes only.
    fn mark_cycle(&mut self, a: usize, b: usize, lca: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        for mut x in [a, b] {
            loop {
                self.on_cycle[x] = self.stamp;
                if x == lca || self.parent[x] == usize::MAX {
                    break;
                }
                x = self.parent[x];
            }
        }
    }

    /// Renumbers the subtree of `root` (entered through `root_edge` from `root_parent`),
    /// postorder numbers starting at `first`; appends the postorder to `post`.
    ///
    /// With the previous postorder `old` (by number), a child off the marked cycle
    /// keeps its subtree, so its numbers are shifted (or, if they stay, left alone)
    /// and its nodes copied from `old` instead of walked: the same numbers as a full
    /// walk, at a fraction of the cost.
    #[allow(clippy::too_many_arguments)]
    fn number(
        &mut self,
        cons: &[Con],
        tadj: &[Vec<usize>],
        root: usize,
        root_edge: usize,
        root_parent: usize,
        first: usize,
        post: &mut Vec<usize>,
        old: &[usize],
    ) {
        self.parent[root] = root_parent;
        self.parent_edge[root] = root_edge;
        let mut next = first;
        let mut dfs = std::mem::take(&mut self.dfs);
        dfs.clear();
        dfs.push((root, 0, first));
        while let Some(top) = dfs.last_mut() {
            let (v, i, low) = *top;
            if let Some(&k) = tadj[v].get(i) {
                top.1 += 1;
                if k != self.parent_edge[v] {
                    let w = if cons[k].0 == v { cons[k].1 } else { cons[k].0 };
                    if !old.is_empty() && self.on_cycle[w] != self.stamp {
                        let (lo, hi) = (self.low[w], self.lim[w]);
                        let moved = old.get(lo..=hi).unwrap_or(&[]);
                        if next != lo {
                            for &x in moved {
                                self.low[x] = self.low[x] + next - lo;
                                self.lim[x] = self.lim[x] + next - lo;
                            }
                        }
                        post.extend_from_slice(moved);
                        next += moved.len();
                        continue;
                    }
                    self.parent[w] = v;
                    self.parent_edge[w] = k;
                    dfs.push((w, 0, next));
                }
            } else {
                self.low[v] = low;
                self.lim[v] = next;
                next += 1;
                post.push(v);
                dfs.pop();
            }
        }
        self.dfs = dfs;
    }

    /// dot's `treeupdate`: from `v` up to the first ancestor whose subtree holds `w`,
    /// adding (or subtracting) `cv` to the cut values on the way; returns that ancestor.
    fn walk_up(
        &self,
        cons: &[Con],
        cut: &mut [i64],
        v: usize,
        w: usize,
        cv: i64,
        dir: bool,
    ) -> usize {
        let mut v = v;
        while !self.in_subtree(w, v) {
            let e = self.parent_edge[v];
            let p = self.parent[v];
            if e == usize::MAX || p == usize::MAX {
                break;
            }
            let d = if v == cons[e].0 { dir } else { !dir };
            if d {
                cut[e] += cv;
            } else {
                cut[e] -= cv;
            }
            v = p;
        }
        v
    }
}

/// Largest graph whose every pivot test builds recheck.
#[cfg(test)]
const TEST_CHECK_MAX: usize = 5_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(cons: &[Con], r: &[i64]) -> i64 {
        cons.iter().map(|c| c.3 * (r[c.1] - r[c.0])).sum()
    }

    /// Network simplex reaches the brute-force optimum on small random DAGs.
    #[test]
    fn network_simplex_is_optimal_on_small_graphs() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut rnd = |k: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % k
        };
        let mut improved = 0;
        let mut shifted = 0;
        for _ in 0..300 {
            let n = 2 + rnd(4) as usize;
            let mut cons: Vec<Con> = Vec::new();
            for _ in 0..rnd(8) + 1 {
                let (a, b) = (rnd(n as u64) as usize, rnd(n as u64) as usize);
                if a < b && !cons.iter().any(|c| (c.0, c.1) == (a, b)) {
                    cons.push((a, b, rnd(3) as i64, rnd(4) as i64));
                }
            }
            // connect through a root like the real caller does
            for v in 0..n {
                cons.push((n, v, 0, 0));
            }
            let total = n + 1;
            let mut r = longest_path(total, &cons);
            let before = cost(&cons, &r);
            network_simplex(total, &cons, &mut r, usize::MAX);
            improved += usize::from(cost(&cons, &r) < before);
            assert!(cons.iter().all(|c| r[c.1] - r[c.0] >= c.2), "infeasible");
            // brute force ranks 0..8 for the real nodes, root at 0
            let mut best = i64::MAX;
            let mut x = vec![0i64; total];
            let combos = 9usize.pow(n as u32);
            for mut code in 0..combos {
                for xv in x.iter_mut().take(n) {
                    *xv = (code % 9) as i64;
                    code /= 9;
                }
                x[n] = 0;
                if cons.iter().all(|c| x[c.1] - x[c.0] >= c.2) {
                    best = best.min(cost(&cons, &x));
                }
            }
            assert_eq!(cost(&cons, &r), best, "{cons:?} {r:?}");
            // From ranks three times as far apart, every constraint slack: the tight
            // tree has to be grown by shifts before any pivot.
            let mut loose: Vec<i64> = longest_path(total, &cons).iter().map(|v| 3 * v).collect();
            shifted += usize::from(cons.iter().any(|c| loose[c.1] - loose[c.0] > c.2));
            network_simplex(total, &cons, &mut loose, usize::MAX);
            assert!(
                cons.iter().all(|c| loose[c.1] - loose[c.0] >= c.2),
                "infeasible"
            );
            assert_eq!(cost(&cons, &loose), best, "from loose ranks: {cons:?}");
        }
        assert!(improved > 5, "pivots exercised: {improved}");
        assert!(shifted > 50, "loose starts: {shifted}");
    }
}
