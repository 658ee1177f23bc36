//! Conformance of the diagram emitters: snapshots of every format, determinism,
//! generated landscapes, and the real consumers (Graphviz `dot`, mermaid in
//! headless Chromium) fed every landscape and hostile labels.
//!
//! Consumer tests skip with a loud message when `dot`, node or Chromium is
//! missing, unless `LANDSCAPE_REQUIRE_CONSUMERS` is set (as `scripts/test` does),
//! in which case a missing consumer is a failure.

#[path = "common/mod.rs"]
mod common;

#[path = "conformance_tests/dot.rs"]
mod dot;
#[path = "conformance_tests/generator.rs"]
mod generator;
#[path = "conformance_tests/hostile.rs"]
mod hostile;
#[path = "conformance_tests/mermaid.rs"]
mod mermaid;
#[path = "conformance_tests/mermaid_props.rs"]
mod mermaid_props;
#[path = "conformance_tests/snapshots.rs"]
mod snapshots;
#[path = "conformance_tests/svg.rs"]
mod svg;
