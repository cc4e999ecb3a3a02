//! `overlap distinguish A B`: what distinguishes two roles, in three views.

use std::path::PathBuf;

use super::args::{Global, Thresholds};
use super::commands::{distinct, find};
use super::{Failure, load, params, render};
use crate::report::distinguish_views;

pub fn run(
    global: &Global,
    (a, b): (&str, &str),
    mappings: &[PathBuf],
    t: &Thresholds,
) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let p = params(t)?;
    let (ca, cb) = (find(&ws.catalog, a)?, find(&ws.catalog, b)?);
    distinct(&ws.catalog, &[a, b], &[ca, cb])?;
    let engine = super::engine(&ws.catalog, p, mappings)?;
    let x = engine.distinguish(ca, cb);
    let tables = distinguish_views::distinguish(&x, &ws.catalog.taxonomy);
    Ok(render(global.format, &tables, || {
        serde_json::to_value(&x).unwrap_or_default()
    }))
}
