//! A plain descriptor (see `syntax::descriptor`) as a model module, with its aims split into sentences.

use super::types::{Module, Outcome, Provenance};
use crate::syntax::descriptor::Descriptor;

/// The module a descriptor describes; `fallback_id` is used when it gives no code.
pub fn module(d: &Descriptor, fallback_id: &str) -> Module {
    let id = d.code.clone().unwrap_or_else(|| fallback_id.to_string());
    let provenance = d.source.clone().map(|url| Provenance {
        title: None,
        edition: None,
        url,
    });
    Module {
        id: id.clone(),
        title: d.title.clone(),
        code: d.code.clone(),
        credits: d.credits,
        levels: d.levels.clone(),
        aims: None,
        same_as: None,
        source: provenance.clone(),
        outcomes: d
            .outcomes
            .iter()
            .enumerate()
            .map(|(k, (text, _))| Outcome {
                id: format!("{id}.{}", k + 1),
                text: text.clone(),
                tags: Vec::new(),
                provenance: provenance.clone(),
                derived_from_aims: false,
            })
            .collect(),
    }
}

/// Aims are matched sentence by sentence: a whole paragraph would dilute every match. Fragments of fewer
/// than four words (headings, "See below.") are dropped.
pub fn aims_sentences(d: &Descriptor) -> Vec<String> {
    d.aims
        .iter()
        .flat_map(|p| p.split_inclusive(". ").map(|s| s.trim().to_string()))
        .filter(|s| s.split_whitespace().count() >= 4)
        .collect()
}
