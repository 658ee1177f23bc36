//! The commented starter file written by `landscape init`.

/// A small landscape that validates cleanly and shows every part of the format.
pub const STARTER: &str = include_str!("../templates/starter.yaml");
