//! `landscape`: a YAML integration landscape in, a validated typed graph and its
//! diagrams out.
#![forbid(unsafe_code)]

pub mod cli;
pub mod diag;
pub mod emit;
pub mod escape;
pub mod graph;
pub mod layout;
pub mod lint;
pub mod model;
pub mod parse;
pub mod pattern;
pub mod recommend;
pub mod rules;
pub mod schema;
pub mod source;
pub mod starter;

use diag::{Diagnostic, Severity};
use source::SourceFile;

/// The outcome of checking one file: the model when the file is structurally sound,
/// and every diagnostic found on the way.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The resolved model; `None` when structural errors stopped resolution.
    pub model: Option<model::Model>,
    /// All findings, structural and architectural.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// True when any finding is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
    }
}

/// Runs parse → resolve → build → lint on one file's text. Pure: no I/O.
pub fn check(source: &SourceFile) -> Checked {
    let root = match parse::parse(source) {
        Ok(root) => root,
        Err(diagnostics) => {
            return Checked {
                model: None,
                diagnostics,
            };
        }
    };
    let model = match model::resolve(&root) {
        Ok(m) => m,
        Err(diagnostics) => {
            return Checked {
                model: None,
                diagnostics,
            };
        }
    };
    let graph = graph::build(&model);
    let diagnostics = lint::lint(&model, &graph);
    Checked {
        model: Some(model),
        diagnostics,
    }
}
