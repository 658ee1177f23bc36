//! Phase 4: vertical coordinates and edge routes.
//!
//! Takes the ordered layered graph and its x coordinates; returns rank bands (y),
//! frame reserves and one route per edge.
//!
//! Orthogonal routing per gap between two ranks (after ELK's orthogonal router):
//! * a real node's edge ends on one side keep the order of their other ends' x, and
//!   each stands right under (or over) its other end where the side reaches, so the
//!   route runs straight, else as near as the side's ends and its neighbours (a
//!   minimum gap apart) allow; dummies use their own x;
//! * an edge line runs under its label's middle, or under the label nearer the port
//!   above or below where the label's box reaches it, so that side runs straight;
//!   where the box reaches both, the line enters under the one and leaves under the
//!   other, stepping across out of sight behind the label's opaque background;
//! * a segment whose ends differ in x gets a horizontal run; overlapping runs are
//!   ordered to avoid crossings (cost = the other run's legs inside this run's span)
//!   and given distinct slots, so runs never lie on top of each other (a gap with
//!   too many overlapping pairs to weigh one by one is ordered by a sort key that
//!   gives the same order to runs going the same way);
//! * the gap grows with the number of slots;
//! * a curved route is the same route with each run drawn as one S-bend whose middle
//!   passes at the run's slot, inside the free part of the gap.
//!
//! Runs lie in the free part of a gap, between frame reserves, and frames and labels
//! lie in bands or reserves, so a run can touch neither a node nor a label.

use super::order::{Kind, Ordered};
use super::place::Placed;
use super::rank::csr;
use super::{EdgeStyle, Graph, LayoutOptions, PlacedCluster, Rect};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Below this x difference a segment is drawn straight.
const STRAIGHT_EPS: f64 = 1e-6;
/// A gap between ranks grows with its runs up to this many `rank_sep`s…
const GAP_CAP_RANKSEPS: f64 = 2.0;
/// …after which runs are packed closer, but never closer than this (px).
const MIN_PITCH: f64 = 2.0;
/// Rounds of growing frames until every side title fits (each round can only grow
/// frames, and nesting is at most a few levels deep where titles are long).
const TITLE_FIT_ROUNDS: usize = 4;
/// Two runs whose spans come closer than this must not share a slot.
const OVERLAP_TOL: f64 = 1.0;

/// (input edge index, points, label rect) in TB space.
pub(crate) type RoutedEdge = (usize, Vec<(f64, f64)>, Option<Rect>);

/// Output of [`route`].
pub(crate) struct Routed {
    band_top: Vec<f64>,
    band_bot: Vec<f64>,
    h_top: Vec<f64>,
    h_bot: Vec<f64>,
    /// (input edge index, points, label rect) in TB space.
    pub(crate) edges: Vec<RoutedEdge>,
}

impl Routed {
    /// Top and bottom y of rank `r`'s band.
    pub(crate) fn band(&self, r: usize) -> (f64, f64) {
        (
            self.band_top.get(r).copied().unwrap_or(0.0),
            self.band_bot.get(r).copied().unwrap_or(0.0),
        )
    }

    /// Frame and title of cluster `c` in TB space.
    pub(crate) fn cluster_rect(
        &self,
        c: usize,
        o: &Ordered,
        xs: &Placed,
        g: &Graph,
        opts: &LayoutOptions,
    ) -> PlacedCluster {
        let pad = opts.cluster_pad;
        let (Some(&(r0, r1)), Some(&(l, r))) = (o.span.get(c), xs.sides.get(c)) else {
            return PlacedCluster {
                rect: Rect::default(),
                title: Rect::default(),
            };
        };
        let top = self.band(r0).0 - self.h_top.get(c).copied().unwrap_or(0.0);
        let bottom = self.band(r1).1 + self.h_bot.get(c).copied().unwrap_or(0.0);
        let rect = Rect {
            x: l,
            y: top,
            w: r - l,
            h: bottom - top,
        };
        let t = g.title.get(c).copied().unwrap_or_default();
        let ty = if g.title_bottom {
            bottom - pad / 2.0 - t.h
        } else {
            top + pad / 2.0
        };
        PlacedCluster {
            rect,
            title: Rect {
                x: l + pad / 2.0,
                y: ty,
                w: t.w,
                h: t.h,
            },
        }
    }
}

/// Computes y and routes; see the module docs.
pub(crate) fn route(o: &Ordered, g: &Graph, opts: &LayoutOptions, xs: &Placed) -> Routed {
    let nr = o.layers.len();
    let nc = o.span.len();
    let pad = opts.cluster_pad;
    let x = &xs.x;
    // Ports.
    let ns = o.segs.len();
    let mut port_top = vec![0.0f64; ns]; // x where the segment leaves its upper item
    let mut port_bot = vec![0.0f64; ns]; // x where it enters its lower item
    let m = o.items.len();
    // Where the edge line enters each dummy and label from above, and where it
    // leaves it below (nodes: their centre).
    let mut through: Vec<f64> = x.clone();
    let mut through_out: Vec<f64> = x.clone();
    let mut tmp: Vec<(f64, usize)> = Vec::new();
    // Twice: a label covers its line, so the line need not run through the label's
    // middle; after the first round it moves where that straightens a side (see
    // `label_lines`), and the second round places the ports toward it.
    for round in 0..2 {
        for i in 0..m {
            let it = &o.items[i];
            let real = matches!(it.kind, Kind::Node(_));
            for (adj, lower) in [(o.seg_downs(i), true), (o.seg_ups(i), false)] {
                tmp.clear();
                // The other end's line: where it enters the item below, or leaves
                // the item above.
                let ends = if lower { &through } else { &through_out };
                for &k in adj {
                    let other = if lower { o.segs[k].1 } else { o.segs[k].0 };
                    tmp.push((ends[other], k));
                }
                tmp.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                if real {
                    free_ports(x[i], it.size.w, &mut tmp);
                }
                for &(ox, k) in &tmp {
                    let px = match (real, lower) {
                        (true, _) => ox,
                        (false, true) => through_out[i],
                        (false, false) => through[i],
                    };
                    if lower {
                        port_top[k] = px
                    } else {
                        port_bot[k] = px
                    }
                }
            }
        }
        if round == 1 {
            break;
        }
        for (i, it) in o.items.iter().enumerate() {
            let reach = it.size.w / 2.0 - LABEL_INSET;
            if it.kind != Kind::Label || reach <= 0.0 {
                continue;
            }
            let (Some(&up), Some(&down)) = (o.seg_ups(i).first(), o.seg_downs(i).first()) else {
                continue;
            };
            (through[i], through_out[i]) = label_lines(x[i], reach, port_top[up], port_bot[down]);
        }
    }
    // Runs and slots per gap.
    let mut gap_segs: Vec<Vec<usize>> = vec![Vec::new(); nr];
    for (k, s) in o.segs.iter().enumerate() {
        if let Some(v) = gap_segs.get_mut(o.items[s.0].rank) {
            v.push(k);
        }
    }
    let mut slot = vec![0usize; ns];
    let mut nslots = vec![0usize; nr];
    let curved = opts.edges == EdgeStyle::Curved;
    // Curves take slots too: a curve's middle passes at its slot's height, so curves
    // that share a stretch of a gap stay apart instead of merging into one stroke.
    for r in 0..nr {
        nslots[r] = assign_slots(&gap_segs[r], &port_top, &port_bot, &mut slot);
    }
    // Bands and frame reserves.
    let mut band_h = vec![0.0f64; nr];
    for (i, it) in o.items.iter().enumerate() {
        if matches!(it.kind, Kind::Node(_) | Kind::Label) {
            band_h[it.rank] = band_h[it.rank].max(it.size.h);
        }
        let _ = i;
    }
    let mut h_top = vec![0.0f64; nc];
    let mut h_bot = vec![0.0f64; nc];
    let mut band_top = vec![0.0f64; nr];
    let mut band_bot = vec![0.0f64; nr];
    let mut gap_top = vec![0.0f64; nr];
    let mut gap_h = vec![0.0f64; nr];
    // Extra room below a frame whose side title is longer than the frame (LR/RL).
    let mut extra = vec![0.0f64; nc];
    for _ in 0..TITLE_FIT_ROUNDS {
        for c in (0..nc).rev() {
            let t = g.title.get(c).copied().unwrap_or_default();
            let tpart = if t.h > 0.0 && !g.title_left {
                t.h + pad / 2.0
            } else {
                0.0
            };
            let (mut it, mut ib) = (0.0f64, 0.0f64);
            for &d in &o.children[c] {
                if o.span[d].0 == o.span[c].0 {
                    it = it.max(h_top[d]);
                }
                if o.span[d].1 == o.span[c].1 {
                    ib = ib.max(h_bot[d]);
                }
            }
            h_top[c] = pad + it + if g.title_bottom { 0.0 } else { tpart };
            h_bot[c] = pad + ib + extra[c] + if g.title_bottom { tpart } else { 0.0 };
        }
        let mut top_res = vec![0.0f64; nr];
        let mut bot_res = vec![0.0f64; nr];
        for c in 0..nc {
            let (a, b) = o.span[c];
            top_res[a] = top_res[a].max(h_top[c]);
            bot_res[b] = bot_res[b].max(h_bot[c]);
        }
        let mut y = 0.0;
        for r in 0..nr {
            y += top_res[r];
            band_top[r] = y;
            y += band_h[r];
            band_bot[r] = y;
            y += bot_res[r];
            gap_top[r] = y;
            // Runs are `edge_sep` apart, but a crowded gap is squeezed (down to
            // MIN_PITCH) rather than grown without bound.
            let want = (nslots[r] as f64 + 1.0) * opts.edge_sep;
            let cap = (GAP_CAP_RANKSEPS * opts.rank_sep).max((nslots[r] as f64 + 1.0) * MIN_PITCH);
            gap_h[r] = want.min(cap).max(opts.rank_sep / 2.0);
            y += gap_h[r];
        }
        if !g.title_left {
            break;
        }
        let mut short = false;
        for c in 0..nc {
            let need = g.title.get(c).map_or(0.0, |t| t.h) + pad;
            let have = band_bot[o.span[c].1] + h_bot[c] - band_top[o.span[c].0] + h_top[c];
            if have + 1e-9 < need {
                extra[c] += need - have;
                short = true;
            }
        }
        if !short {
            break;
        }
    }
    // Points.
    let item_top = |i: usize| {
        let it = &o.items[i];
        match it.kind {
            Kind::Node(_) => (band_top[it.rank] + band_bot[it.rank] - it.size.h) / 2.0,
            _ => band_top[it.rank],
        }
    };
    let item_bot = |i: usize| {
        let it = &o.items[i];
        match it.kind {
            Kind::Node(_) => (band_top[it.rank] + band_bot[it.rank] + it.size.h) / 2.0,
            _ => band_bot[it.rank],
        }
    };
    let mut edges = Vec::with_capacity(o.chains.len());
    // Segment index per chain link: segs were pushed chain by chain, in order.
    let mut k = 0usize;
    for (ei, chain) in o.chains.iter().enumerate() {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        let mut label = None;
        for (j, w) in chain.windows(2).enumerate() {
            let (a, b) = (w[0], w[1]);
            let sk = k;
            k += 1;
            let (xt, xb) = (port_top[sk], port_bot[sk]);
            let (ya, yb) = (item_bot(a), item_top(b));
            if j == 0 {
                pts.push((xt, ya));
            }
            let r = o.items[a].rank;
            let (g0, g1) = (gap_top[r], gap_top[r] + gap_h[r]);
            let ys = g0 + gap_h[r] * (slot[sk] as f64 + 1.0) / (nslots[r] as f64 + 1.0);
            if curved && (xt - xb).abs() > STRAIGHT_EPS {
                // Straight down through the frame reserves, one S-bend inside the free
                // part of the gap (its control points lie there, so the whole bend
                // does), straight on into the lower item: the curve meets no node,
                // label or frame title, as the orthogonal route does not.
                if g0 - ya > STRAIGHT_EPS {
                    pts.extend(line((xt, ya), (xt, g0)));
                }
                pts.extend([(xt, ys), (xb, ys), (xb, g1)]);
                if yb - g1 > STRAIGHT_EPS {
                    pts.extend(line((xb, g1), (xb, yb)));
                }
            } else if curved {
                pts.extend(line((xt, ya), (xb, yb)));
            } else if (xt - xb).abs() > STRAIGHT_EPS {
                pts.extend([(xt, ys), (xb, ys), (xb, yb)]);
            } else {
                pts.push((xt, yb));
            }
            if j + 2 < chain.len() {
                // Through the band of the dummy b; under a label the line may step
                // across to where it leaves (hidden by the label's background).
                let yb2 = item_bot(b);
                let xo = port_top.get(sk + 1).copied().unwrap_or(xb);
                let it = &o.items[b];
                let cy = (band_top[it.rank] + band_bot[it.rank]) / 2.0;
                if (xo - xb).abs() <= STRAIGHT_EPS {
                    if curved {
                        pts.extend(line((xb, yb), (xb, yb2)));
                    } else {
                        pts.push((xb, yb2));
                    }
                } else if curved {
                    pts.extend(line((xb, yb), (xb, cy)));
                    pts.extend(line((xb, cy), (xo, cy)));
                    pts.extend(line((xo, cy), (xo, yb2)));
                } else {
                    pts.extend([(xb, cy), (xo, cy), (xo, yb2)]);
                }
                if it.kind == Kind::Label {
                    label = Some(Rect {
                        x: x[b] - it.size.w / 2.0,
                        y: cy - it.size.h / 2.0,
                        w: it.size.w,
                        h: it.size.h,
                    });
                }
            }
        }
        if !curved {
            pts = simplify(pts);
        }
        if o.reversed.get(ei).copied().unwrap_or(false) {
            pts.reverse();
        }
        let input_idx = g.edges.get(ei).map_or(usize::MAX, |e| e.0);
        edges.push((input_idx, pts, label));
    }
    Routed {
        band_top,
        band_bot,
        h_top,
        h_bot,
        edges,
    }
}

/// Least distance from a label box's side to the edge line under it, px: the line
/// then meets the box beside its text (whose padding is 3 px), not at its corner.
/// Measured against 8 on the examples: 3 % fewer visible bends per route (retail
/// 3.24 -> 3.12, utilities 3.44 -> 3.28), the same crossings.
const LABEL_INSET: f64 = 5.0;

/// Where an edge line enters its label from above and leaves it below (x), for a
/// label centred at `c` whose box lets the line run up to `reach` either side of
/// `c`; `above` and `below` are where the line leaves the item above and enters the
/// item below when it runs through the middle.
///
/// Where the box reaches both, the line enters under the one and leaves under the
/// other, so both sides run straight: the step between them lies under the label's
/// opaque background. Otherwise it runs through at one x: the middle if one of
/// them already meets it there, else under the port above, or else the one below,
/// if the box reaches that far, so that one side runs straight instead of neither.
pub(crate) fn label_lines(c: f64, reach: f64, above: f64, below: f64) -> (f64, f64) {
    let straight = |v: f64| (v - c).abs() <= STRAIGHT_EPS;
    let within = |v: f64| (v - c).abs() <= reach;
    if within(above) && within(below) {
        return (above, below);
    }
    let line = if straight(above) || straight(below) {
        c
    } else if within(above) {
        above
    } else if within(below) {
        below
    } else {
        c
    };
    (line, line)
}

/// Most a port moves in from a box's corner, and least gap between two ports of a
/// side, px (less when the side is too short for them).
const PORT_MARGIN: f64 = 10.0;
const PORT_GAP: f64 = 12.0;
/// Below this a port's offset from its other end is given up (see [`free_ports`]).
const PORT_SNAP: f64 = 1.5;

/// Ports of one side of a box centred at `cx`, `w` wide: `ends` holds, sorted, the x
/// of each segment's other end, and gets the port x in its place. A port stands right
/// under (or over) its other end where the side reaches, so that the route runs
/// straight; otherwise as near as the side's ends and the spacing of its neighbours
/// allow. The order is kept.
pub(crate) fn free_ports(cx: f64, w: f64, ends: &mut [(f64, usize)]) {
    let n = ends.len();
    if n == 0 {
        return;
    }
    let even = w / (n as f64 + 1.0);
    let (gap, margin) = (even.min(PORT_GAP), even.min(PORT_MARGIN));
    let (lo, hi) = (cx - w / 2.0 + margin, cx + w / 2.0 - margin);
    let wanted: Vec<f64> = ends.iter().map(|e| e.0).collect();
    for e in ends.iter_mut() {
        e.0 = e.0.clamp(lo, hi.max(lo));
    }
    for j in 1..n {
        ends[j].0 = ends[j].0.max(ends[j - 1].0 + gap);
    }
    ends[n - 1].0 = ends[n - 1].0.min(hi.max(lo));
    for j in (0..n - 1).rev() {
        ends[j].0 = ends[j].0.min(ends[j + 1].0 - gap);
    }
    // A port pushed less than PORT_SNAP off its other end goes back under it (still
    // on the side, with its neighbours nearly a gap away): a jog that small reads as
    // a glitch, not a bend.
    for j in 0..n {
        let want = wanted[j];
        let near = (ends[j].0 - want).abs() < PORT_SNAP;
        let on_side = (want - cx).abs() <= w / 2.0 - 1.0;
        let room = (gap - PORT_SNAP).max(0.0);
        let left_ok = j == 0 || want - ends[j - 1].0 >= room;
        let right_ok = j + 1 == n || ends[j + 1].0 - want >= room;
        if near && on_side && left_ok && right_ok {
            ends[j].0 = want;
        }
    }
}

/// A straight cubic piece from `a` to `b` (the control points after `a`): its
/// control points lie a third of the way from each end, so the curve has a
/// direction at both ends and an arrowhead can be drawn along it.
fn line(a: (f64, f64), b: (f64, f64)) -> [(f64, f64); 3] {
    let at = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    [at(1.0 / 3.0), at(2.0 / 3.0), b]
}

/// Drops repeated points and middle points of straight runs.
fn simplify(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9)
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let same_x = (a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9;
            let same_y = (a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// A horizontal run: (lo, hi, upper leg x, lower leg x, segment).
type Run = (f64, f64, f64, f64, usize);

/// Above this many overlapping pairs of runs in one gap, [`slots_by_key`] orders the
/// gap instead of [`slots_by_pairs`]: weighing every pair is quadratic, and a gap
/// crossed by thousands of long edges has tens of millions of pairs.
const PAIR_BUDGET: usize = 20_000;

/// Gives every run of one gap a slot (0 = nearest the upper rank); returns the slot
/// count. Overlapping runs always get different slots.
fn assign_slots(segs: &[usize], top: &[f64], bot: &[f64], slot: &mut [usize]) -> usize {
    let mut runs: Vec<Run> = segs
        .iter()
        .filter(|&&k| (top[k] - bot[k]).abs() > STRAIGHT_EPS)
        .map(|&k| (top[k].min(bot[k]), top[k].max(bot[k]), top[k], bot[k], k))
        .collect();
    if runs.is_empty() {
        return 0;
    }
    runs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.4.cmp(&b.4)));
    let (s, count) = if overlapping_pairs(&runs) <= PAIR_BUDGET {
        slots_by_pairs(&runs)
    } else {
        slots_by_key(&runs)
    };
    for (v, r) in runs.iter().enumerate() {
        if let Some(x) = slot.get_mut(r.4) {
            *x = s[v];
        }
    }
    count
}

/// Pairs of runs closer than [`OVERLAP_TOL`] (runs sorted by `lo`), counted without
/// listing them; saturates at `usize::MAX`.
fn overlapping_pairs(runs: &[Run]) -> usize {
    let mut pairs = 0usize;
    for (i, r) in runs.iter().enumerate() {
        let end = runs.partition_point(|q| q.0 <= r.1 + OVERLAP_TOL);
        pairs = pairs.saturating_add(end.saturating_sub(i + 1));
    }
    pairs
}

/// Slots from a preference between every two overlapping runs (runs sorted by `lo`):
/// the one whose run above the other puts fewer legs across a run goes above, and a
/// run whose upper leg stands where the other's lower leg does must go above, or the
/// legs would overlap. Cycles are broken by releasing a run. Returns the slot of every
/// run and the slot count. Quadratic in the runs that overlap.
fn slots_by_pairs(runs: &[Run]) -> (Vec<usize>, usize) {
    let n = runs.len();
    let inside = |v: f64, r: &Run| v > r.0 + 1e-6 && v < r.1 - 1e-6;
    let mut deps: Vec<(usize, usize, bool)> = Vec::new(); // (above, below, critical)
    for i in 0..n {
        for j in i + 1..n {
            if runs[j].0 > runs[i].1 + OVERLAP_TOL {
                break;
            }
            let (s, t) = (&runs[i], &runs[j]);
            let s_above = u8::from(inside(t.2, s)) + u8::from(inside(s.3, t));
            let t_above = u8::from(inside(s.2, t)) + u8::from(inside(t.3, s));
            // A lower leg of one run on the same x as an upper leg of the other would
            // overlap unless the latter's run is above: that order is mandatory.
            let t_first = (t.2 - s.3).abs() < OVERLAP_TOL;
            let s_first = (s.2 - t.3).abs() < OVERLAP_TOL;
            let critical = t_first != s_first;
            let t_over_s = if critical { t_first } else { t_above < s_above };
            deps.push(if t_over_s {
                (j, i, critical)
            } else {
                (i, j, critical)
            });
        }
    }
    let (poff, padj) = csr(n, deps.iter().map(|&(a, b, _)| (b, a)));
    let (soff, sadj) = csr(n, deps.iter().enumerate().map(|(k, &(a, _, _))| (a, k)));
    let mut crit_left = vec![0usize; n];
    deps.iter()
        .filter(|d| d.2)
        .for_each(|d| crit_left[d.1] += 1);
    let mut indeg: Vec<usize> = (0..n).map(|v| poff[v + 1] - poff[v]).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut done = vec![false; n];
    let mut s = vec![usize::MAX; n];
    let mut head = 0;
    let mut used: Vec<usize> = Vec::new();
    let mut count = 0;
    let mut cursor = 0;
    loop {
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            if done[v] {
                continue;
            }
            done[v] = true;
            let mut min = 0;
            for &p in &padj[poff[v]..poff[v + 1]] {
                if done[p] && s[p] != usize::MAX {
                    min = min.max(s[p] + 1);
                }
            }
            used.clear();
            // Every overlapping pair has exactly one dependency, so the overlapping
            // runs are the predecessors and successors.
            let preds = padj[poff[v]..poff[v + 1]].iter().copied();
            let succs = sadj[soff[v]..soff[v + 1]].iter().map(|&k| deps[k].1);
            used.extend(
                preds
                    .chain(succs)
                    .filter(|&w| s[w] != usize::MAX)
                    .map(|w| s[w]),
            );
            used.sort_unstable();
            let mut sv = min;
            for &u in &used {
                if u == sv {
                    sv += 1;
                } else if u > sv {
                    break;
                }
            }
            s[v] = sv;
            count = count.max(sv + 1);
            for &k in &sadj[soff[v]..soff[v + 1]] {
                let (_, w, critical) = deps[k];
                if critical {
                    crit_left[w] = crit_left[w].saturating_sub(1);
                }
                indeg[w] = indeg[w].saturating_sub(1);
                if indeg[w] == 0 {
                    queue.push(w);
                }
            }
        }
        // Cycle in the preferences: release the first unplaced run whose mandatory
        // predecessors are all placed (any unplaced run if there is none).
        while cursor < n && done[cursor] {
            cursor += 1;
        }
        let free = (cursor..n).find(|&v| !done[v] && crit_left[v] == 0);
        match free.or_else(|| (cursor < n).then_some(cursor)) {
            Some(v) => queue.push(v),
            None => break,
        }
    }
    (s, count)
}

/// Critical partners looked at per run by [`slots_by_key`] at most, so that legs
/// crowded onto one x cannot make it quadratic.
const CRITICAL_MAX: usize = 64;

/// Slots for a crowded gap in O(n log n) (runs sorted by `lo`). Between two runs
/// that go the same way the order [`slots_by_pairs`] prefers is a sort key: of two
/// runs that go right, the one whose lower leg lies further right goes above; of two
/// that go left, the one whose lower leg lies further left. Runs that go opposite
/// ways cross once whatever their order, so the two sorted lists are merged by `lo`.
/// Runs are placed top to bottom in that order, except that a run whose lower leg
/// stands where an overlapping run's upper leg does waits until that run is placed,
/// so the legs never overlap. Each run takes the slot below the lowest overlapping
/// run placed before it (a segment tree over the run ends). Returns the slot of
/// every run and the slot count.
fn slots_by_key(runs: &[Run]) -> (Vec<usize>, usize) {
    let n = runs.len();
    let overlap = |a: &Run, b: &Run| a.0 <= b.1 + OVERLAP_TOL && b.0 <= a.1 + OVERLAP_TOL;
    // Leftward runs by lower leg ascending, rightward by lower leg descending; ties
    // as the pairwise rule breaks them.
    let mut left: Vec<usize> = (0..n).filter(|&v| runs[v].2 > runs[v].3).collect();
    let mut right: Vec<usize> = (0..n).filter(|&v| runs[v].2 <= runs[v].3).collect();
    left.sort_unstable_by(|&a, &b| {
        let (p, q) = (&runs[a], &runs[b]);
        p.0.total_cmp(&q.0)
            .then(p.1.total_cmp(&q.1))
            .then(a.cmp(&b))
    });
    right.sort_unstable_by(|&a, &b| {
        let (p, q) = (&runs[a], &runs[b]);
        q.1.total_cmp(&p.1)
            .then(q.0.total_cmp(&p.0))
            .then(a.cmp(&b))
    });
    // Mandatory "above" pairs: upper leg of `t` on the lower leg of an overlapping `s`.
    let mut lower: Vec<(f64, usize)> = runs.iter().enumerate().map(|(v, r)| (r.3, v)).collect();
    lower.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut crit: Vec<(usize, usize)> = Vec::new(); // (above, below)
    for (t, rt) in runs.iter().enumerate() {
        let from = lower.partition_point(|l| l.0 <= rt.2 - OVERLAP_TOL);
        for &(_, sv) in lower[from..]
            .iter()
            .take_while(|l| l.0 < rt.2 + OVERLAP_TOL)
            .take(CRITICAL_MAX)
        {
            let rs = &runs[sv];
            if sv != t && overlap(rt, rs) && (rs.2 - rt.3).abs() >= OVERLAP_TOL {
                crit.push((t, sv));
            }
        }
    }
    let (coff, cadj) = csr(n, crit.iter().copied());
    let mut crit_in = vec![0usize; n];
    crit.iter().for_each(|&(_, b)| crit_in[b] += 1);
    // The two lists merged by `lo` give every run its rank in the preferred order.
    let mut prio = vec![0usize; n];
    let (mut i, mut j) = (0, 0);
    for p in 0..n {
        let take_left = match (left.get(i), right.get(j)) {
            (Some(&a), Some(&b)) => a < b,
            (a, _) => a.is_some(),
        };
        let v = if take_left { left[i] } else { right[j] };
        if take_left {
            i += 1;
        } else {
            j += 1;
        }
        prio[v] = p;
    }
    let mut by_prio = vec![0usize; n];
    for (v, &p) in prio.iter().enumerate() {
        by_prio[p] = v;
    }
    // Top to bottom in that order, except that a run waits for its mandatory
    // predecessors (a cycle of them releases the earliest waiting run).
    let mut seq: Vec<usize> = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    let mut heap: BinaryHeap<Reverse<usize>> = (0..n)
        .filter(|&v| crit_in[v] == 0)
        .map(|v| Reverse(prio[v]))
        .collect();
    let mut cursor = 0;
    while seq.len() < n {
        let v = match heap.pop() {
            Some(Reverse(p)) => by_prio[p],
            None => {
                while cursor < n && placed[by_prio[cursor]] {
                    cursor += 1;
                }
                match by_prio.get(cursor) {
                    Some(&v) => v,
                    None => break,
                }
            }
        };
        if placed[v] {
            continue;
        }
        placed[v] = true;
        seq.push(v);
        for &w in &cadj[coff[v]..coff[v + 1]] {
            crit_in[w] = crit_in[w].saturating_sub(1);
            if crit_in[w] == 0 && !placed[w] {
                heap.push(Reverse(prio[w]));
            }
        }
    }
    // Each run covers [lo, hi + OVERLAP_TOL]: two runs overlap iff these meet.
    let mut xs: Vec<f64> = runs.iter().flat_map(|r| [r.0, r.1 + OVERLAP_TOL]).collect();
    xs.sort_unstable_by(f64::total_cmp);
    xs.dedup_by(|a, b| a.total_cmp(b).is_eq());
    let at = |v: f64| xs.partition_point(|&x| x.total_cmp(&v).is_lt());
    let mut tree = MaxTree::new(xs.len());
    let mut s = vec![0usize; n];
    let mut count = 0;
    for v in seq {
        let (l, r) = (at(runs[v].0), at(runs[v].1 + OVERLAP_TOL));
        // The tree holds slot + 1 (0 = free): its maximum over the run's range is the
        // slot just below the lowest overlapping run placed so far.
        let sv = tree.max(l, r);
        s[v] = sv;
        count = count.max(sv + 1);
        tree.raise(l, r, sv + 1);
    }
    (s, count)
}

/// Range "raise to at least" and range maximum over positions `0..n`.
struct MaxTree {
    n: usize,
    /// Maximum in the node's range.
    max: Vec<usize>,
    /// Value raised over the node's whole range.
    tag: Vec<usize>,
}

impl MaxTree {
    fn new(n: usize) -> MaxTree {
        let n = n.max(1);
        MaxTree {
            n,
            max: vec![0; 4 * n],
            tag: vec![0; 4 * n],
        }
    }

    /// Maximum over positions `l..=r`.
    fn max(&self, l: usize, r: usize) -> usize {
        self.query(1, 0, self.n - 1, l, r)
    }

    /// Raises positions `l..=r` to at least `v`.
    fn raise(&mut self, l: usize, r: usize, v: usize) {
        self.update(1, 0, self.n - 1, l, r, v);
    }

    fn query(&self, node: usize, lo: usize, hi: usize, l: usize, r: usize) -> usize {
        if r < lo || hi < l || node >= self.max.len() {
            return 0;
        }
        if l <= lo && hi <= r {
            return self.max[node];
        }
        let mid = lo + (hi - lo) / 2;
        let below =
            self.query(2 * node, lo, mid, l, r)
                .max(self.query(2 * node + 1, mid + 1, hi, l, r));
        below.max(self.tag[node])
    }

    fn update(&mut self, node: usize, lo: usize, hi: usize, l: usize, r: usize, v: usize) {
        if r < lo || hi < l || node >= self.max.len() {
            return;
        }
        self.max[node] = self.max[node].max(v);
        if l <= lo && hi <= r {
            self.tag[node] = self.tag[node].max(v);
            return;
        }
        let mid = lo + (hi - lo) / 2;
        self.update(2 * node, lo, mid, l, r, v);
        self.update(2 * node + 1, mid + 1, hi, l, r, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs of one gap from a fixed pseudo-random sequence: long and short, both
    /// ways, some legs on shared x (as where dummies line up).
    fn runs(n: usize) -> Vec<Run> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m) as f64
        };
        let mut v: Vec<Run> = (0..n)
            .map(|k| {
                let a = next(2000);
                let b = if k % 7 == 0 {
                    a + 1.0 + next(20)
                } else {
                    next(2000)
                };
                let (top, bot) = if k % 3 == 0 { (b, a) } else { (a, b) };
                (top.min(bot), top.max(bot), top, bot, k)
            })
            .filter(|r| r.1 - r.0 > STRAIGHT_EPS)
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.4.cmp(&b.4)));
        v
    }

    fn overlap(a: &Run, b: &Run) -> bool {
        a.0 <= b.1 + OVERLAP_TOL && b.0 <= a.1 + OVERLAP_TOL
    }

    #[test]
    fn crowded_gap_gives_overlapping_runs_distinct_slots() {
        let rs = runs(600);
        assert!(overlapping_pairs(&rs) > PAIR_BUDGET);
        let (s, count) = slots_by_key(&rs);
        for (i, a) in rs.iter().enumerate() {
            assert!(s[i] < count);
            for (j, b) in rs.iter().enumerate().skip(i + 1) {
                if overlap(a, b) {
                    assert_ne!(s[i], s[j], "runs {i} and {j} share a slot");
                }
            }
        }
    }

    /// Legs drawn across other runs when `s` gives the slots.
    fn legs_across(rs: &[Run], s: &[usize]) -> usize {
        let inside = |v: f64, r: &Run| v > r.0 + 1e-6 && v < r.1 - 1e-6;
        let mut n = 0;
        for (i, a) in rs.iter().enumerate() {
            for (j, b) in rs.iter().enumerate() {
                if s[i] < s[j] {
                    n += usize::from(inside(b.2, a)) + usize::from(inside(a.3, b));
                }
            }
        }
        n
    }

    #[test]
    fn crowded_gap_keeps_upper_legs_above_lower_legs_on_the_same_x() {
        let rs = runs(600);
        let (s, _) = slots_by_key(&rs);
        for (i, a) in rs.iter().enumerate() {
            for (j, b) in rs.iter().enumerate() {
                let a_first = (a.2 - b.3).abs() < OVERLAP_TOL;
                let b_first = (b.2 - a.3).abs() < OVERLAP_TOL;
                if i != j && overlap(a, b) && a_first && !b_first {
                    assert!(
                        s[i] < s[j],
                        "run {j}'s lower leg lies on run {i}'s upper leg"
                    );
                }
            }
        }
    }

    #[test]
    fn crowded_gap_crosses_no_more_legs_than_weighing_every_pair() {
        let rs = runs(600);
        let (by_key, _) = slots_by_key(&rs);
        let (by_pairs, _) = slots_by_pairs(&rs);
        assert!(legs_across(&rs, &by_key) <= legs_across(&rs, &by_pairs));
    }

    #[test]
    fn pair_count_matches_a_plain_count() {
        let rs = runs(300);
        let plain = (0..rs.len())
            .flat_map(|i| (i + 1..rs.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| overlap(&rs[i], &rs[j]))
            .count();
        assert_eq!(overlapping_pairs(&rs), plain);
    }
}
