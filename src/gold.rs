//! Agreement with the experts: the gold set in `tests/gold/` (real university descriptors, each outcome
//! labelled by expert reading before the tool's answer was seen) and the figures that measure `overlap check`
//! against it. Used by `cargo run --release --example accuracy` and by the gold tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

mod fit;
pub use fit::fit_acceptance;

use crate::analysis::Params;
use crate::analysis::check::{CheckResult, Subject, check};
use crate::model::{Catalog, Curriculum};

/// One labelled descriptor.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub file: PathBuf,
    pub name: String,
    /// The national module it implements, or `None` for a module of no shipped curriculum.
    pub expected: Option<String>,
    pub split: Split,
    /// Per outcome of the descriptor, in order: every national outcome id the expert accepts (empty: none).
    pub outcomes: Vec<BTreeSet<String>>,
    /// Per outcome of the expected national module: the expert's credit (yes 1, partial ½, no 0).
    pub cover: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Dev,
    Test,
}

/// A gold file as UTF-8 text, read like every other input.
fn text(path: &Path) -> Result<String, String> {
    let bytes = crate::input::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads `dir/labels/*.tsv` with the split of each from `dir/splits.tsv`; descriptors are in `fixtures`.
pub fn load(dir: &Path, fixtures: &Path) -> Result<Vec<Labelled>, String> {
    let splits = text(&dir.join("splits.tsv"))?;
    let mut out = Vec::new();
    for line in splits
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, split) = line
            .split_once('\t')
            .ok_or_else(|| format!("splits.tsv: `{line}` is not NAME<TAB>dev|test"))?;
        let split = match split.trim() {
            "dev" => Split::Dev,
            "test" => Split::Test,
            s => return Err(format!("splits.tsv: unknown split `{s}`")),
        };
        let path = dir.join("labels").join(format!("{name}.tsv"));
        let text = text(&path)?;
        let mut l = Labelled {
            file: fixtures.join(format!("{name}.md")),
            name: name.to_string(),
            expected: None,
            split,
            outcomes: Vec::new(),
            cover: Vec::new(),
        };
        for row in text.lines() {
            let cols: Vec<&str> = row.split('\t').collect();
            match cols.as_slice() {
                ["# expected", e, ..] => {
                    l.expected = (e.trim() != "none").then(|| e.trim().to_string())
                }
                ["outcome", _, ids, ..] => l.outcomes.push(
                    ids.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty() && *s != "-")
                        .map(String::from)
                        .collect(),
                ),
                ["cover", id, v, ..] => l.cover.push((
                    id.to_string(),
                    match v.trim() {
                        "yes" => 1.0,
                        "partial" => 0.5,
                        _ => 0.0,
                    },
                )),
                _ => {}
            }
        }
        out.push(l);
    }
    Ok(out)
}

/// What the tool said for one labelled descriptor.
pub struct Answer<'a> {
    pub gold: &'a Labelled,
    pub result: CheckResult,
}

/// Runs `overlap check` on every descriptor of `gold` against `against`.
pub fn run<'a>(
    catalog: &Catalog,
    gold: &'a [Labelled],
    against: &[&Curriculum],
    p: &Params,
) -> Result<Vec<Answer<'a>>, String> {
    use rayon::prelude::*;
    gold.par_iter()
        .map(|g| {
            let text = text(&g.file)?;
            let d = crate::syntax::descriptor::parse(&text, 0)
                .map_err(|e| format!("{}: {e:?}", g.name))?;
            let module = crate::model::descriptor::module(&d, "M");
            let subject = Subject {
                file: g.name.clone(),
                module: &module,
                aims: crate::model::descriptor::aims_sentences(&d),
            };
            let result = check(catalog, &subject, against, p, 3, &Default::default())?;
            Ok(Answer { gold: g, result })
        })
        .collect()
}

/// One score band of the calibration table.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub outcomes: usize,
    /// Share of the outcomes in the band whose best pick the expert accepts.
    pub agreement: f64,
}

/// The figures of agreement with the experts.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub descriptors: usize,
    /// Outcomes the expert matched to some national outcome, and those matched to none.
    pub labelled: usize,
    pub no_match: usize,
    pub top1: f64,
    pub top3: f64,
    /// Of the outcomes the tool reports matched, the share whose pick the expert accepts.
    pub precision: f64,
    /// Of the outcomes the expert matched, the share the tool reports matched to an accepted outcome.
    pub covered_and_right: f64,
    /// Of the outcomes the expert matched to nothing, the share the tool leaves unmatched.
    pub no_match_unmatched: f64,
    /// Mean |tool coverage − expert coverage| of each descriptor's expected national module.
    pub coverage_mae: f64,
    /// Descriptors whose national module is ranked first and reported as a good fit (or, for negatives, whose
    /// best module is reported as a poor fit): a module called a poor fit is not identified, whatever comes first.
    pub modules_right: usize,
    pub bands: Vec<Band>,
    /// The same by the acceptance model's probability (empty when no model decided): a calibrated model's
    /// agreement in each band lies within it.
    pub accept_bands: Vec<Band>,
}

/// Outcomes per band of `value` and the share of them whose best pick the expert accepts.
fn banded(edges: &[f64], picks: &[(f64, bool)]) -> Vec<Band> {
    edges
        .windows(2)
        .map(|w| {
            let inside: Vec<bool> = picks
                .iter()
                .filter(|(v, _)| *v >= w[0] && *v < w[1])
                .map(|(_, ok)| *ok)
                .collect();
            Band {
                from: w[0],
                to: w[1].min(1.0),
                outcomes: inside.len(),
                agreement: share(inside.iter().filter(|ok| **ok).count(), inside.len()),
            }
        })
        .collect()
}

fn id_of(pick: &str) -> &str {
    pick.split_once(':').map_or(pick, |(_, o)| o)
}

fn share(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// `same_as` maps a module id to the module it is the same as (itself otherwise).
pub fn figures(answers: &[Answer<'_>], same_as: &dyn Fn(&str) -> String) -> Figures {
    let (mut labelled, mut no_match, mut top1, mut top3) = (0, 0, 0, 0);
    let (mut reported, mut reported_right, mut right_matched, mut left) = (0, 0, 0, 0);
    let mut abs_err = Vec::new();
    let mut modules_right = 0;
    let edges = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01];
    let mut scored: Vec<(f64, bool)> = Vec::new();
    let mut accepted_by: Vec<(f64, bool)> = Vec::new();
    for a in answers {
        let r = &a.result;
        for (o, accepted) in r.outcomes.iter().zip(&a.gold.outcomes) {
            let best = o.best.as_deref().map(id_of);
            let ok = best.is_some_and(|b| accepted.contains(b));
            if o.best.is_some() {
                scored.push((o.score, ok));
                if let Some(pr) = o.acceptance {
                    accepted_by.push((pr, ok));
                }
            }
            if o.matched {
                reported += 1;
                reported_right += usize::from(ok);
            }
            if accepted.is_empty() {
                no_match += 1;
                left += usize::from(!o.matched);
                continue;
            }
            labelled += 1;
            top1 += usize::from(ok);
            let three = best
                .into_iter()
                .chain(o.alternatives.iter().map(|(x, _)| id_of(x)))
                .take(3)
                .any(|x| accepted.contains(x));
            top3 += usize::from(three);
            right_matched += usize::from(ok && o.matched);
        }
        match &a.gold.expected {
            Some(e) => {
                let e = same_as(e);
                if r.fit == "good" && r.ranking.first().is_some_and(|x| same_as(&x.module) == e) {
                    modules_right += 1;
                }
                if let Some(x) = r.ranking.iter().find(|x| same_as(&x.module) == e)
                    && !a.gold.cover.is_empty()
                {
                    let expert =
                        a.gold.cover.iter().map(|c| c.1).sum::<f64>() / a.gold.cover.len() as f64;
                    abs_err.push((x.coverage - expert).abs());
                }
            }
            None => modules_right += usize::from(r.fit == "poor"),
        }
    }
    Figures {
        descriptors: answers.len(),
        labelled,
        no_match,
        top1: share(top1, labelled),
        top3: share(top3, labelled),
        precision: share(reported_right, reported),
        covered_and_right: share(right_matched, labelled),
        no_match_unmatched: share(left, no_match),
        coverage_mae: if abs_err.is_empty() {
            0.0
        } else {
            abs_err.iter().sum::<f64>() / abs_err.len() as f64
        },
        modules_right,
        bands: banded(&edges, &scored),
        accept_bands: if accepted_by.is_empty() {
            Vec::new()
        } else {
            banded(&[0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.01], &accepted_by)
        },
    }
}

/// The plain baseline the figures are reported next to: TF-IDF cosine alone, no population context, no
/// module prior, no glosses, no partial credit, no acceptance model (the score against the threshold decides), at the text threshold the engine used before meaning was added.
pub fn baseline() -> Params {
    Params {
        method: crate::analysis::params::Method::Lexical,
        context_penalty: 1.0,
        module_prior: 0.0,
        gloss_weight: 0.0,
        partial: 1.0,
        cover_text: 0.2,
        accept: None,
        ..Params::DEFAULT
    }
}

/// The descriptors of one split.
pub fn split(all: &[Labelled], split: Split) -> Vec<Labelled> {
    all.iter().filter(|g| g.split == split).cloned().collect()
}

/// The national curricula the gold set was labelled against.
pub fn national(catalog: &Catalog) -> Vec<&Curriculum> {
    ["pwp", "cwp", "emhp"]
        .iter()
        .filter_map(|n| catalog.find(n).ok())
        .collect()
}

/// The module a module is the same as (itself otherwise), so CWP-1 and EMHP-1 are one answer.
pub fn same_as(catalog: &Catalog) -> impl Fn(&str) -> String + '_ {
    move |id: &str| crate::model::same_module(catalog.curricula.iter().flat_map(|c| &c.modules), id)
}

/// The figures of `p` on the descriptors of `gold`.
pub fn measure(catalog: &Catalog, gold: &[Labelled], p: &Params) -> Result<Figures, String> {
    let answers = run(catalog, gold, &national(catalog), p)?;
    Ok(figures(&answers, &same_as(catalog)))
}
