//! `landscape`: a YAML integration landscape in, a validated typed graph and its
//! diagrams out.
#![forbid(unsafe_code)]
pub mod layout;
