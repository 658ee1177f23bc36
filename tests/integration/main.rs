//! The integration test crate of `landscape`: one binary, a module per area.
//!
//! Snapshots live in `tests/integration/snapshots/`; after an intended change to an
//! output format run `cargo insta review` (or `INSTA_UPDATE=always cargo test`) and
//! commit the `.snap` files.

#[path = "../common/seeded.rs"]
mod seeded;
mod support;

mod cli;
mod encoding;
mod formats;
mod properties;
mod structural;
