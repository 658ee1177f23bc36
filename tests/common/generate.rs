//! A seeded, deterministic landscape generator for size and consumer tests.
//!
//! No RNG crate: a 64-bit xorshift is enough to spread systems, zones, statuses
//! and patterns, and the same `(systems, seed)` always gives the same text.

use std::fmt::Write as _;

use landscape::pattern::Pattern;

/// xorshift64 (Marsaglia): small, fast, deterministic.
pub struct XorShift(u64);

impl XorShift {
    /// A generator from `seed` (zero is replaced, xorshift must not start at 0).
    pub fn new(seed: u64) -> Self {
        XorShift(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Number of zones in every generated landscape.
pub const ZONES: usize = 30;
/// Touchpoints per system.
pub const TOUCHPOINTS_PER_SYSTEM: usize = 3;

const ROLES: [&str; 3] = ["salesforce", "integration", "external"];
const STATUSES: [&str; 3] = ["new", "keeping", "retiring"];
const TECHNOLOGIES: [&str; 8] = [
    "REST callout",
    "Platform Events",
    "Bulk API 2.0",
    "SOAP API",
    "Change Data Capture",
    "Salesforce Connect (OData 4.0)",
    "Composite API",
    "MuleSoft Anypoint",
];
const LABELS: [&str; 5] = [
    "orders",
    "invoices & credit notes",
    "customer master",
    "nightly extract",
    "status updates",
];

/// A landscape with `systems` systems, [`ZONES`] zones nested up to four levels
/// deep (depths 0–3), [`TOUCHPOINTS_PER_SYSTEM`] touchpoints per system, every
/// status, role and pattern, and labels or technology on about 30 % of the
/// touchpoints. It validates without errors (warnings are expected).
pub fn generate(systems: usize, seed: u64) -> String {
    assert!(systems >= 2, "need two systems for a touchpoint");
    let mut rng = XorShift::new(seed);
    let mut out = String::new();
    let _ = writeln!(out, "# generated: {systems} systems, seed {seed}");
    let _ = writeln!(out, "landscape: 1");
    let _ = writeln!(out, "title: Generated landscape ({systems} systems)");
    let _ = writeln!(out, "direction: LR");

    // Zones: the first four form a chain (depths 0..=3) so the deepest nesting is
    // always present; the rest pick a parent of depth < 3 or stay top level.
    let mut depth = [0usize; ZONES];
    out.push_str("zones:\n");
    for z in 0..ZONES {
        let parent = if z == 0 {
            None
        } else if z < 4 {
            Some(z - 1)
        } else if rng.chance(25) {
            None
        } else {
            let candidates: Vec<usize> = (0..z).filter(|&p| depth[p] < 3).collect();
            Some(candidates[rng.below(candidates.len())])
        };
        depth[z] = parent.map_or(0, |p| depth[p] + 1);
        let _ = writeln!(out, "  z{z}:");
        let _ = writeln!(out, "    name: Zone {z} (level {})", depth[z]);
        // Every role appears; nested zones sometimes inherit their parent's.
        if parent.is_none() || z % 3 != 0 || z < 4 {
            let _ = writeln!(out, "    role: {}", ROLES[z % 3]);
        }
        if let Some(p) = parent {
            let _ = writeln!(out, "    parent: z{p}");
        }
    }

    // Systems: every status and (through the zones) every role; a few top level;
    // most retiring systems name a successor that is not retiring itself.
    let status: Vec<usize> = (0..systems)
        .map(|s| if s < 3 { s } else { rng.below(3) })
        .collect();
    let successors: Vec<usize> = (0..systems).filter(|&s| status[s] != 2).collect();
    out.push_str("systems:\n");
    for (s, &st) in status.iter().enumerate() {
        let _ = writeln!(out, "  S{s}:");
        if rng.chance(10) {
            let _ = writeln!(out, "    name: \"System {s}\\nsecond line\"");
        } else {
            let _ = writeln!(out, "    name: System {s}");
        }
        if s % 17 != 5 {
            let _ = writeln!(out, "    zone: z{}", rng.below(ZONES));
        }
        let _ = writeln!(out, "    status: {}", STATUSES[st]);
        if s % 11 == 7 {
            let _ = writeln!(out, "    role: integration");
        }
        if st == 2 && !successors.is_empty() && rng.chance(80) {
            let _ = writeln!(
                out,
                "    replaced_by: S{}",
                successors[rng.below(successors.len())]
            );
        }
    }

    out.push_str("touchpoints:\n");
    for s in 0..systems {
        for k in 0..TOUCHPOINTS_PER_SYSTEM {
            let mut to = rng.below(systems - 1);
            if to >= s {
                to += 1;
            }
            let n = s * TOUCHPOINTS_PER_SYSTEM + k;
            let _ = writeln!(out, "  - from: S{s}");
            let _ = writeln!(out, "    to: S{to}");
            // Every pattern, and some plain connections.
            if n % 7 != 6 {
                let p = if n < Pattern::ALL.len() {
                    n
                } else {
                    rng.below(Pattern::ALL.len())
                };
                let _ = writeln!(out, "    pattern: {}", Pattern::ALL[p].as_str());
                let _ = writeln!(out, "    error_strategy: retry with backoff");
            }
            if n < STATUSES.len() || rng.chance(20) {
                let _ = writeln!(
                    out,
                    "    status: {}",
                    STATUSES[if n < 3 { n } else { rng.below(3) }]
                );
            }
            if rng.chance(30) {
                if rng.chance(50) {
                    let _ = writeln!(
                        out,
                        "    technology: {}",
                        TECHNOLOGIES[rng.below(TECHNOLOGIES.len())]
                    );
                } else {
                    let _ = writeln!(out, "    label: {}", LABELS[rng.below(LABELS.len())]);
                }
            }
            if rng.chance(10) {
                let _ = writeln!(out, "    bidirectional: true");
            }
        }
    }
    out
}
