//! Bytes → `source::decode` → `landscape::check`, then every diagnostic format:
//! parse, resolve, build and lint must never panic, and each diagnostic must locate
//! inside the file.
#![no_main]

use landscape::diag::{FileReport, locate, render_github, render_human, render_json};
use landscape::source::{LoadError, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (source, diagnostics) = match decode("fuzz.yaml", data) {
        Ok(source) => {
            let checked = landscape::check(&source);
            (source, checked.diagnostics)
        }
        Err(LoadError::Invalid(source, diagnostics)) => (source, diagnostics),
        Err(LoadError::Unreadable(_)) => return,
    };
    let reports = [FileReport {
        source: &source,
        diagnostics: &diagnostics,
    }];
    for d in &diagnostics {
        if let Some(span) = d.span {
            assert!(span.start <= span.end, "inverted span {d:?}");
        }
    }
    let located = locate(&reports);
    assert_eq!(located.len(), diagnostics.len());
    let _ = render_human(&reports, false);
    let json = render_json(&reports);
    assert!(json.starts_with('['), "{json}");
    let github = render_github(&reports);
    // One workflow command per diagnostic: user text cannot add a line.
    assert_eq!(github.lines().count(), diagnostics.len(), "{github}");
});
