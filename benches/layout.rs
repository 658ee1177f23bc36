//! Layout time on synthetic landscapes (9 tiers, 30 nested zones, 3 edges per
//! system, 30 % labelled edges) of 100, 300 and 1000 systems.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
