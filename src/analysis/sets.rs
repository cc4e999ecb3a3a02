//! Set comparisons over competency tags: shared, only-A, only-B, Jaccard and overlap coefficient.

use std::collections::BTreeSet;

use ndarray::Array2;
use serde::Serialize;

use super::corpus::Side;
use crate::model::{Taxonomy, domain_of};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetStats {
    pub shared: usize,
    pub only_a: usize,
    pub only_b: usize,
    pub jaccard: f64,
    /// |A ∩ B| / min(|A|, |B|): 1 when one set contains the other.
    pub overlap: f64,
}

impl SetStats {
    pub fn of<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> SetStats {
        let shared = a.intersection(b).count();
        let (only_a, only_b) = (a.len() - shared, b.len() - shared);
        let union = shared + only_a + only_b;
        let min = a.len().min(b.len());
        SetStats {
            shared,
            only_a,
            only_b,
            jaccard: if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            },
            overlap: if min == 0 {
                0.0
            } else {
                shared as f64 / min as f64
            },
        }
    }
}

pub fn competencies(side: &Side, range: std::ops::Range<usize>) -> BTreeSet<String> {
    side.items[range]
        .iter()
        .flat_map(|i| i.tags.iter().cloned())
        .collect()
}

pub fn all_competencies(side: &Side) -> BTreeSet<String> {
    competencies(side, 0..side.items.len())
}

/// Module × module Jaccard of competency sets.
pub fn module_jaccard(a: &Side, b: &Side) -> Array2<f64> {
    let sa: Vec<_> = a
        .modules
        .iter()
        .map(|m| competencies(a, m.range.clone()))
        .collect();
    let sb: Vec<_> = b
        .modules
        .iter()
        .map(|m| competencies(b, m.range.clone()))
        .collect();
    Array2::from_shape_fn((sa.len(), sb.len()), |(i, j)| {
        SetStats::of(&sa[i], &sb[j]).jaccard
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainSets {
    pub id: String,
    pub title: String,
    pub critical: bool,
    #[serde(flatten)]
    pub stats: SetStats,
    pub shared_ids: Vec<String>,
    pub only_a_ids: Vec<String>,
    pub only_b_ids: Vec<String>,
}

/// Per taxonomy domain, the competencies each side uses; domains neither side uses are left out.
pub fn by_domain(a: &Side, b: &Side, tax: &Taxonomy) -> Vec<DomainSets> {
    let (ca, cb) = (all_competencies(a), all_competencies(b));
    let mut out = Vec::new();
    let mut ids: Vec<(String, String, bool)> = tax
        .domains
        .iter()
        .map(|d| (d.id.clone(), d.title.clone(), d.critical))
        .collect();
    // Tags of a domain the taxonomy lacks (a user's own file) still get a row.
    for t in ca.iter().chain(cb.iter()) {
        let d = domain_of(t);
        if !ids.iter().any(|(id, _, _)| id == d) {
            ids.push((d.to_string(), d.to_string(), false));
        }
    }
    for (id, title, critical) in ids {
        let pick = |s: &BTreeSet<String>| -> BTreeSet<String> {
            s.iter().filter(|t| domain_of(t) == id).cloned().collect()
        };
        let (da, db) = (pick(&ca), pick(&cb));
        if da.is_empty() && db.is_empty() {
            continue;
        }
        out.push(DomainSets {
            stats: SetStats::of(&da, &db),
            shared_ids: da.intersection(&db).cloned().collect(),
            only_a_ids: da.difference(&db).cloned().collect(),
            only_b_ids: db.difference(&da).cloned().collect(),
            id,
            title,
            critical,
        });
    }
    out
}
