//! overlap: competency-overlap analysis of training curricula.
//!
//! Data flows one way: [`syntax`] → [`model`] → [`analysis`] → [`report`]; [`cli`] wires them together.

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod gold;
pub mod input;
pub mod model;
pub mod report;
pub mod syntax;
