//! Layout time of landscape files: text measuring plus the layout engine, as
//! `render` runs them, without start-up, parsing or writing.
//!
//! `cargo run --release --example layout_time -- FILE.yaml ...` prints, per file,
//! the median of 15 runs in milliseconds. `scripts/compare-landscapes` compares it
//! with the time Graphviz `dot` takes on the same graph.

use landscape::emit::svg::draw;
use landscape::emit::view::DiagramOptions;
use landscape::layout::EdgeStyle;
use std::time::Instant;

fn main() {
    let mut status = 0;
    for path in std::env::args().skip(1) {
        let model = landscape::source::load(std::path::Path::new(&path))
            .ok()
            .and_then(|src| landscape::check(&src).model);
        let Some(model) = model else {
            eprintln!("layout_time: {path}: cannot read a valid landscape");
            status = 1;
            continue;
        };
        let opts = DiagramOptions {
            no_legend: true,
            ..DiagramOptions::default()
        };
        if let Err(e) = draw(&model, &opts, EdgeStyle::Orthogonal) {
            eprintln!("layout_time: {path}: {e}");
            status = 1;
            continue;
        }
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                let _drawing = std::hint::black_box(draw(&model, &opts, EdgeStyle::Orthogonal));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{path} {:.3}", times[times.len() / 2]);
    }
    std::process::exit(status);
}
