//! Hostile input, end to end (design/security.md): every class of bad input gets its
//! exact outcome (rule ids and positions, exit code, no output file), the SVG stays
//! well-formed and inert whatever the text (and resvg draws it), a GFM parser and a
//! JSON parser read the Markdown and JSON back as the text written, and a failed
//! render leaves every target folder as it was.
//!
//! Fixtures are in `tests/fixtures/security/`, one folder per class; the expected
//! outcome of each is in `hostile/fixtures.rs`.

#[path = "hostile/support.rs"]
mod support;

#[path = "hostile/atomic.rs"]
mod atomic;
#[path = "hostile/fixtures.rs"]
mod fixtures;
#[path = "hostile/limits.rs"]
mod limits;
#[path = "hostile/markdown.rs"]
mod markdown;
#[path = "hostile/props.rs"]
mod props;
#[path = "hostile/svg.rs"]
mod svg;
