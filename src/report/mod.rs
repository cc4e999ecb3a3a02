//! Rendering: analysis results → tables, text, files. Nothing here computes a score.

pub mod check_views;
pub mod draft;
pub mod table;
pub mod views;

pub use table::{Cell, Table};
