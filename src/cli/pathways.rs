//! `overlap pathways [IDS…]`: every ordered pair of roles with its gate verdict and top-up credits.

use std::path::PathBuf;

use super::args::{Format, Global, Thresholds};
use super::commands::{distinct, find};
use super::{Failure, load, params, render};
use crate::model::Curriculum;
use crate::report::pathways_views;

pub fn run(
    global: &Global,
    ids: &[String],
    mappings: &[PathBuf],
    t: &Thresholds,
) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let p = params(t)?;
    let list: Vec<&Curriculum> = if ids.is_empty() {
        ws.catalog.curricula.iter().collect()
    } else {
        let list = ids
            .iter()
            .map(|id| find(&ws.catalog, id))
            .collect::<Result<Vec<_>, _>>()?;
        let names: Vec<&str> = ids.iter().map(String::as_str).collect();
        distinct(&ws.catalog, &names, &list)?;
        list
    };
    if list.len() < 2 {
        return Err(Failure::usage(format!(
            "error: pathways need at least two curricula; {} given or loaded\n",
            list.len()
        )));
    }
    let engine = super::engine(&ws.catalog, p, mappings)?;
    let graph = engine.pathways(&list);
    Ok(match global.format {
        Format::Dot => pathways_views::dot(&graph),
        Format::Mermaid => pathways_views::mermaid(&graph),
        f => render(f, &[pathways_views::table(&graph)], || {
            serde_json::to_value(&graph).unwrap_or_default()
        }),
    })
}
