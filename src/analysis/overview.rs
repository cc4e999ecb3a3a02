//! A pair at a glance: the modules two curricula share word for word, how many outcomes are identical, and
//! where they differ (modules with no identical counterpart, domains whose competencies differ). Read off the
//! coverage and set results; the first screen of `overlap A B` and `--brief` show it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::compare::{Coverage, Matrix};
use super::sets::DomainSets;
use crate::model::Curriculum;

/// Two modules whose outcomes are the same texts both ways: one module taught in both programmes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedModule {
    pub a: String,
    pub b: String,
    pub title: String,
    pub outcomes: usize,
}

/// A module with no identical counterpart, and the other curriculum's module most like it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnModule {
    pub module: String,
    pub title: String,
    pub credits: Option<u32>,
    pub closest: Option<String>,
    /// Module similarity with `closest` (mean best-match score both ways).
    pub similarity: f64,
}

/// A domain in which one curriculum has competencies the other lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainDifference {
    pub domain: String,
    pub critical: bool,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub shared_modules: Vec<SharedModule>,
    /// Outcomes of B whose best counterpart in A has the same text, and of A in B.
    pub identical_outcomes_b: usize,
    pub identical_outcomes_a: usize,
    pub only_a: Vec<OwnModule>,
    pub only_b: Vec<OwnModule>,
    /// Critical domains first, then by how many competencies differ.
    pub domains: Vec<DomainDifference>,
    /// The curriculum whose role is of a higher intensity than the other's: moving to it is a progression
    /// (a further training), not a sideways move. `None` when both are of one intensity or either is unknown.
    pub progression_to: Option<String>,
}

/// Same text: case and spacing aside.
pub fn same_text(x: &str, y: &str) -> bool {
    // Word by word, with no lower-cased copy of either text (every best match of a comparison is checked):
    // only two words that differ as written are lower-cased to compare.
    let (mut a, mut b) = (x.split_whitespace(), y.split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(u), Some(v)) => {
                let lower = |w: &str| w.chars().flat_map(char::to_lowercase).collect::<String>();
                if u != v && lower(u) != lower(v) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Per module of `c.to`: the module of `c.from` its outcomes are identical to, when every outcome is
/// identical to one in the same module.
fn identical_modules(c: &Coverage) -> BTreeMap<String, (String, usize)> {
    let mut per: BTreeMap<String, (BTreeSet<String>, usize, bool)> = BTreeMap::new();
    for o in &c.outcomes {
        let e = per.entry(o.module.clone()).or_default();
        e.1 += 1;
        match &o.best {
            Some(b) if b.identical => {
                e.0.insert(b.module.clone());
            }
            _ => e.2 = true,
        }
    }
    per.into_iter()
        .filter(|(_, (to, _, missing))| !missing && to.len() == 1)
        .filter_map(|(m, (to, n, _))| to.into_iter().next().map(|t| (m, (t, n))))
        .collect()
}

fn identical_count(c: &Coverage) -> usize {
    c.outcomes
        .iter()
        .filter(|o| o.best.as_ref().is_some_and(|b| b.identical))
        .count()
}

/// Modules of `c` not in `shared`, with the most similar module on the other side (`row`: `c`'s modules
/// are the matrix rows).
fn own(c: &Curriculum, shared: &BTreeSet<&str>, m: &Matrix, row: bool) -> Vec<OwnModule> {
    c.modules
        .iter()
        .filter(|x| !shared.contains(x.id.as_str()))
        .map(|x| {
            let (ids, sims): (&Vec<String>, Vec<f64>) = if row {
                let r = m.rows.iter().position(|r| r == &x.id);
                (&m.cols, r.map(|r| m.values[r].clone()).unwrap_or_default())
            } else {
                let k = m.cols.iter().position(|k| k == &x.id);
                (
                    &m.rows,
                    k.map(|k| m.values.iter().map(|r| r[k]).collect())
                        .unwrap_or_default(),
                )
            };
            let best = sims
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
            OwnModule {
                module: x.id.clone(),
                title: x.title.clone(),
                credits: x.credits,
                closest: best.map(|(k, _)| ids[k].clone()),
                similarity: best.map_or(0.0, |(_, s)| *s),
            }
        })
        .collect()
}

pub fn overview(
    a: &Curriculum,
    b: &Curriculum,
    a_covers_b: &Coverage,
    b_covers_a: &Coverage,
    modules: &Matrix,
    domains: &[DomainSets],
) -> Overview {
    let (b_to_a, a_to_b) = (identical_modules(a_covers_b), identical_modules(b_covers_a));
    let shared_modules: Vec<SharedModule> = a
        .modules
        .iter()
        .filter_map(|ma| {
            let (mb, n) = a_to_b.get(&ma.id)?;
            (b_to_a.get(mb).map(|x| &x.0) == Some(&ma.id)).then(|| SharedModule {
                a: ma.id.clone(),
                b: mb.clone(),
                title: ma.title.clone(),
                outcomes: *n,
            })
        })
        .collect();
    let in_a: BTreeSet<&str> = shared_modules.iter().map(|s| s.a.as_str()).collect();
    let in_b: BTreeSet<&str> = shared_modules.iter().map(|s| s.b.as_str()).collect();
    let short = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|s| s.split_once('.').map_or(s.as_str(), |p| p.1).to_string())
            .collect()
    };
    let mut diffs: Vec<DomainDifference> = domains
        .iter()
        .filter(|d| !d.only_a_ids.is_empty() || !d.only_b_ids.is_empty())
        .map(|d| DomainDifference {
            domain: d.id.clone(),
            critical: d.critical,
            only_a: short(&d.only_a_ids),
            only_b: short(&d.only_b_ids),
        })
        .collect();
    diffs.sort_by(|x, y| {
        y.critical
            .cmp(&x.critical)
            .then((y.only_a.len() + y.only_b.len()).cmp(&(x.only_a.len() + x.only_b.len())))
            .then(x.domain.cmp(&y.domain))
    });
    Overview {
        identical_outcomes_b: identical_count(a_covers_b),
        identical_outcomes_a: identical_count(b_covers_a),
        only_a: own(a, &in_a, modules, true),
        only_b: own(b, &in_b, modules, false),
        shared_modules,
        domains: diffs,
        progression_to: if super::pathways::progression(a, b) {
            Some(b.id.clone())
        } else if super::pathways::progression(b, a) {
            Some(a.id.clone())
        } else {
            None
        },
    }
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn same_text_ignores_case_and_spacing_only() {
        assert!(same_text(
            "Assess  risk\nwith Families",
            "assess risk with families"
        ));
        assert!(same_text("", "  "));
        assert!(!same_text("assess risk", "assess risk with families"));
        assert!(!same_text("assess risk with families", "assess risk"));
        assert!(!same_text("assess risks", "assess risk"));
        assert!(!same_text("assessrisk", "assess risk"));
    }
}
