//! overlap: competency-overlap analysis of training curricula.
//!
//! Data flows one way: [`syntax`] → [`model`] → [`analysis`] → [`report`]; [`cli`] wires them together.
// Output goes through `cli`, which reports a stdout that cannot be written; the print macros panic instead.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod gold;
pub mod input;
pub mod model;
pub mod pid;
pub mod printable;
pub mod report;
pub mod syntax;
