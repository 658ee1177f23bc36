//! Layout time on synthetic landscapes (9 tiers, 30 nested zones, 3 edges per
//! system, 30 % labelled edges) of 100, 300 and 1000 systems, and on every example
//! in `landscapes/` (text measuring included, as `render` runs it).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use landscape::emit::svg::draw;
use landscape::emit::view::DiagramOptions;
use landscape::layout::{EdgeStyle, LayoutOptions, generate, layout};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for n in [100usize, 300, 1000] {
        let s = generate::landscape(n, 1);
        for (name, style) in [
            ("orthogonal", EdgeStyle::Orthogonal),
            ("curved", EdgeStyle::Curved),
        ] {
            let opts = LayoutOptions {
                edges: style,
                ..LayoutOptions::default()
            };
            group.bench_with_input(BenchmarkId::new(name, n), &s.input, |b, input| {
                b.iter(|| layout(black_box(input), &opts));
            });
        }
    }
    group.finish();
    let mut group = c.benchmark_group("examples");
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/landscapes"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    paths.sort();
    let opts = DiagramOptions {
        no_legend: true,
        ..DiagramOptions::default()
    };
    for path in paths {
        let Some(model) = landscape::source::load(&path)
            .ok()
            .and_then(|src| landscape::check(&src).model)
        else {
            continue;
        };
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        group.bench_function(name.unwrap_or_default(), |b| {
            b.iter(|| draw(black_box(&model), &opts, EdgeStyle::Orthogonal));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
