//! The generator itself: valid, deterministic, and covering what it promises.

use std::collections::BTreeSet;

use landscape::model::{Role, Status};

use crate::common::generate::{TOUCHPOINTS_PER_SYSTEM, XorShift, ZONES, generate};
use crate::common::model_of;

#[test]
fn xorshift_is_deterministic_and_spreads() {
    let mut a = XorShift::new(42);
    let mut b = XorShift::new(42);
    let xs: Vec<u64> = (0..100).map(|_| a.next_u64()).collect();
    let ys: Vec<u64> = (0..100).map(|_| b.next_u64()).collect();
    assert_eq!(xs, ys);
    assert_eq!(xs.iter().collect::<BTreeSet<_>>().len(), 100);
    let mut z = XorShift::new(0);
    assert_ne!(z.next_u64(), 0, "seed 0 must not stick at zero");
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    assert_eq!(generate(50, 1), generate(50, 1));
    assert_ne!(generate(50, 1), generate(50, 2));
}

#[test]
fn generated_landscapes_validate_and_cover_the_format() {
    for (n, seed) in [(50, 1), (100, 2), (300, 3), (20, 99)] {
        let model = model_of(&format!("gen-{n}.yaml"), &generate(n, seed));
        assert_eq!(model.systems.len(), n);
        assert_eq!(model.zones.len(), ZONES);
        assert_eq!(model.touchpoints.len(), n * TOUCHPOINTS_PER_SYSTEM);

        let depth = |mut z: usize| {
            let mut d = 0;
            while let Some(p) = model.zones[z].parent {
                d += 1;
                z = p;
            }
            d
        };
        let max_depth = (0..ZONES).map(depth).max().unwrap_or(0);
        assert_eq!(max_depth, 3, "n={n}: zones nest four levels deep");

        let zone_roles: BTreeSet<_> = model.zones.iter().map(|z| z.role.as_str()).collect();
        for r in [Role::Salesforce, Role::Integration, Role::External] {
            assert!(zone_roles.contains(r.as_str()), "n={n}: no {r:?} zone");
        }
        for s in [Status::New, Status::Keeping, Status::Retiring] {
            assert!(
                model.systems.iter().any(|x| x.status == s),
                "n={n}: no {s:?} system"
            );
            assert!(
                model.touchpoints.iter().any(|t| t.status == s),
                "n={n}: no {s:?} touchpoint"
            );
        }
        let patterns: BTreeSet<u8> = model
            .touchpoints
            .iter()
            .filter_map(|t| t.pattern.map(|p| p.number()))
            .collect();
        assert_eq!(patterns.len(), 6, "n={n}: patterns {patterns:?}");
        assert!(model.touchpoints.iter().any(|t| t.pattern.is_none()));

        let labelled = model
            .touchpoints
            .iter()
            .filter(|t| t.label.is_some() || t.technology.is_some())
            .count();
        let percent = labelled * 100 / model.touchpoints.len();
        assert!((20..=40).contains(&percent), "n={n}: {percent}% labelled");
    }
}

/// Writes a generated landscape for `scripts/gen-landscape`: systems and seed
/// from `LANDSCAPE_GEN_SYSTEMS` / `LANDSCAPE_GEN_SEED`, the file to
/// `LANDSCAPE_GEN_OUT`.
#[test]
#[ignore = "a tool for scripts/gen-landscape, not a test"]
fn write_generated_landscape() {
    let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
    let n: usize = var("LANDSCAPE_GEN_SYSTEMS").parse().expect("a number");
    let seed: u64 = std::env::var("LANDSCAPE_GEN_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let text = generate(n, seed);
    model_of("generated.yaml", &text);
    std::fs::write(var("LANDSCAPE_GEN_OUT"), text).expect("write the landscape");
}
