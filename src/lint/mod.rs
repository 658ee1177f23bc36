//! Stage 4: architecture rules over the resolved model and its graph.
//!
//! Each rule lives in its own file and is listed once in [`RULES`], in id order; the
//! file's `lint:` map sets severities (or turns a rule off) before rules run.

use crate::diag::Diagnostic;
use crate::graph::LandscapeGraph;
use crate::model::Model;

/// Runs every enabled architecture rule and returns the findings, with the severity
/// the file asked for.
pub fn lint(model: &Model, graph: &LandscapeGraph) -> Vec<Diagnostic> {
    let _ = (model, graph);
    Vec::new()
}
