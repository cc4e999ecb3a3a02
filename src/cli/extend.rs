//! `overlap extend ROLE --population POPULATION`: the exploratory extension of a role to another population.

use std::path::PathBuf;

use super::args::{Global, Thresholds};
use super::commands::find;
use super::{Failure, load, params, render};
use crate::model::{Taxonomy, Workspace};
use crate::report::extend_views;

/// The population as the taxonomy spells it, or a usage error naming where populations are defined, the known
/// ones and the closest.
fn population(ws: &Workspace, given: &str) -> Result<String, Failure> {
    let tax = &ws.catalog.taxonomy;
    if let Some(p) = tax
        .populations
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(given))
    {
        return Ok(p.id.clone());
    }
    let known: Vec<&str> = tax.populations.iter().map(|p| p.id.as_str()).collect();
    let hint = crate::model::build::did_you_mean(&given.to_lowercase(), &known)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    let file = ws.taxonomy_file.as_deref().unwrap_or("the taxonomy");
    Err(Failure::usage(format!(
        "error: --population `{given}` is not a population defined in {file} (`define population`){hint}\n  known populations: {}\n",
        known
            .iter()
            .map(|p| format!("{p} ({})", Taxonomy::label(&tax.populations, p)))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

pub fn run(
    global: &Global,
    (role, pop): (&str, &str),
    mappings: &[PathBuf],
    t: &Thresholds,
) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let p = params(t)?;
    let r = find(&ws.catalog, role)?;
    let pop = population(&ws, pop)?;
    if r.population.contains(&pop) {
        return Err(Failure::usage(format!(
            "error: {} already trains for {pop}; name another population\n",
            r.id
        )));
    }
    let serving: Vec<&str> = ws
        .catalog
        .curricula
        .iter()
        .filter(|c| c.population.contains(&pop))
        .map(|c| c.id.as_str())
        .collect();
    if serving.is_empty() {
        let covered: std::collections::BTreeSet<&str> = ws
            .catalog
            .curricula
            .iter()
            .flat_map(|c| c.population.iter().map(String::as_str))
            .collect();
        return Err(Failure::usage(format!(
            "error: no loaded curriculum trains for {pop}, so there is nothing to measure an extension against; populations with curricula: {}\n",
            covered.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let engine = super::engine(&ws.catalog, p, mappings)?;
    let x = engine.extend(r, &pop);
    let tables = extend_views::extend(&x, &ws.catalog.taxonomy);
    Ok(render(global.format, &tables, || {
        let mut v = serde_json::to_value(&x).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("note".into(), extend_views::caveat(&x).into());
        }
        v
    }))
}
