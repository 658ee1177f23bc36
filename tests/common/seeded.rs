//! The proptest configuration of the property tests that keep a regressions file.

use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

/// `cases` cases from ChaCha seeded with `seed`, so that the suite gives the same
/// verdict on every run; failures found are still saved and replayed.
pub fn seeded(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}
