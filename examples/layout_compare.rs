//! Writes a synthetic landscape as DOT and as laid out by the native engine (in
//! `layout-metrics`' generic JSON), and prints the engine's median time over 5 runs.
//!
//! `cargo run --release --example layout_compare -- N SEED OUTDIR [TB|LR|BT|RL] [curved]`
//! (N = 0: the hand-made sample landscape instead of a generated one)

use landscape::layout::{self, Direction, EdgeStyle, LayoutOptions, generate};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = args.get(3).cloned().unwrap_or_else(|| ".".into());
    let direction = match args.get(4).map(String::as_str) {
        Some("LR") => Direction::LR,
        Some("BT") => Direction::BT,
        Some("RL") => Direction::RL,
        _ => Direction::TB,
    };
    let mut opts = LayoutOptions::default();
    if args.get(5).map(String::as_str) == Some("curved") {
        opts.edges = EdgeStyle::Curved;
    }
    // N = 0 selects the small hand-made sample landscape.
    let mut s = if n == 0 {
        generate::sample_landscape()
    } else {
        generate::landscape(n, seed)
    };
    s.input.direction = direction;
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = Some(layout::layout(&s.input, &opts));
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let l = match out {
        Some(Ok(l)) => l,
        Some(Err(e)) => {
            eprintln!("layout_compare: {e}");
            std::process::exit(2);
        }
        None => return,
    };
    let ids: Vec<String> = (0..s.input.nodes.len()).map(|i| format!("n{i}")).collect();
    let cids: Vec<String> = (0..s.input.clusters.len())
        .map(|i| format!("cluster_z{i}"))
        .collect();
    let json = layout::to_metrics_json(&s.input, &l, &ids, &cids);
    let base = std::path::Path::new(&dir);
    if let Err(e) = std::fs::write(base.join("ours.json"), json.to_string())
        .and_then(|()| std::fs::write(base.join("graph.dot"), generate::to_dot(&s, &opts)))
    {
        eprintln!("layout_compare: {e}");
        std::process::exit(2);
    }
    println!("{:.6}", times[2]);
}
