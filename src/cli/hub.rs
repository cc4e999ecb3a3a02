//! `overlap hub A B [C…]`: load, find the curricula, measure the hub, render.

use std::path::PathBuf;

use super::args::{Global, Thresholds};
use super::commands::{distinct, find};
use super::{Failure, load, params, render};
use crate::analysis::hub::MAX_CURRICULA;
use crate::model::Curriculum;
use crate::report::hub_views;

pub fn run(
    global: &Global,
    ids: &[String],
    hub_share: f64,
    mappings: &[PathBuf],
    t: &Thresholds,
) -> Result<String, Failure> {
    if !(0.0..=1.0).contains(&hub_share) {
        return Err(Failure::usage(format!(
            "error: --hub-share takes a value from 0 to 1, not {hub_share}\n"
        )));
    }
    if ids.len() > MAX_CURRICULA {
        return Err(Failure::usage(format!(
            "error: `overlap hub` takes at most {MAX_CURRICULA} curricula (their subsets number 2^n), not {}\n",
            ids.len()
        )));
    }
    let ws = load(global, &[])?;
    let mut p = params(t)?;
    p.hub = hub_share;
    let list: Vec<&Curriculum> = ids
        .iter()
        .map(|id| find(&ws.catalog, id))
        .collect::<Result<_, _>>()?;
    let names: Vec<&str> = ids.iter().map(String::as_str).collect();
    distinct(&ws.catalog, &names, &list)?;
    let engine = super::engine(&ws.catalog, p, mappings)?;
    let h = engine.hub(&list);
    Ok(render(global.format, &hub_views::hub(&h), || {
        serde_json::to_value(&h).unwrap_or_default()
    }))
}
