//! Rendering: analysis results → tables, text, files. Nothing here computes a score.

pub mod bundle;
pub mod case;
pub mod check_views;
pub mod distinguish_views;
pub mod draft;
pub mod export;
pub mod extend_views;
pub mod files;
pub mod html;
pub mod hub_views;
pub mod kind;
pub mod method;
pub mod moodle;
pub mod pathway_svg;
pub mod pathways_views;
pub mod sssom;
pub mod svg;
pub mod table;
pub mod views;
pub mod wording;
pub mod xlsx;

pub use table::{Cell, Table};
