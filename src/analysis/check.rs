//! Checking a university module against national curricula: which national module it implements, what it
//! covers and misses, which of its outcomes match nothing, and which competency tags its outcomes suggest.

use std::collections::BTreeMap;

use serde::Serialize;

use super::compare::round;
use super::corpus::{Corpus, Item, Score, score};
use super::params::Params;
use crate::model::{Catalog, Curriculum, Module};

/// Aims and content paragraphs count for this much of an outcome when they match a national outcome.
pub const AIMS_WEIGHT: f64 = 0.8;
/// Below this coverage the best national module is reported as a poor fit.
pub const POOR_FIT: f64 = 0.2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub curriculum: String,
    pub module: String,
    pub title: String,
    /// Half the harmonic mean of the mean best-match scores both ways (high only when the module and the file
    /// match each other throughout), half the cosine of the two modules taken as whole documents.
    pub score: f64,
    /// Share of the national module's outcomes the file covers.
    pub coverage: f64,
    /// Share of the file's outcomes the national module covers.
    pub coverage_of_file: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub national: String,
    pub national_text: String,
    /// The file's outcome (or `aims`) that covers it best.
    pub by: Option<String>,
    pub score: f64,
    pub covered: bool,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleDetail {
    pub curriculum: String,
    pub module: String,
    pub title: String,
    pub outcomes: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    pub id: String,
    pub text: String,
    pub best: Option<String>,
    pub score: f64,
    pub matched: bool,
    pub tags: Vec<String>,
    /// Suggested competency tags (for untagged outcomes), best first.
    pub suggested_tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub file: String,
    pub module: String,
    pub title: String,
    pub against: Vec<String>,
    pub threshold: f64,
    pub threshold_text: f64,
    pub ranking: Vec<Ranked>,
    pub fit: &'static str,
    pub best: Vec<ModuleDetail>,
    pub outcomes: Vec<FileOutcome>,
    pub lints: Vec<String>,
}

fn best_of<'a>(from: &'a [Item], b: &Item, p: &Params) -> Option<(&'a Item, Score)> {
    let mut best: Option<(&Item, Score)> = None;
    for a in from {
        let mut s = score(a, b, p);
        s.total *= a.weight;
        if best.is_none_or(|(_, bs)| s.total > bs.total) {
            best = Some((a, s));
        }
    }
    best
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// Tag suggestions: the tags of the national outcomes most like this one, weighted by similarity.
fn suggest(item: &Item, national: &[Item], p: &Params) -> Vec<String> {
    let mut scored: Vec<(f64, &Item)> = national
        .iter()
        .map(|n| (score(n, item, p).text, n))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.outcome.cmp(&b.1.outcome))
    });
    let mut votes: BTreeMap<&str, f64> = BTreeMap::new();
    for (s, n) in scored.iter().take(5) {
        for t in &n.tags {
            *votes.entry(t).or_default() += s;
        }
    }
    let top = votes.values().cloned().fold(0.0, f64::max);
    let mut v: Vec<(&str, f64)> = votes
        .into_iter()
        .filter(|(_, s)| *s >= 0.5 * top && top >= p.cover * 0.5)
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(3).map(|(t, _)| t.to_string()).collect()
}

pub struct Subject<'a> {
    pub file: String,
    pub module: &'a Module,
    /// Aims and content paragraphs (from a plain descriptor or the module's `aims`).
    pub aims: Vec<String>,
}

pub fn check(
    catalog: &Catalog,
    subject: &Subject<'_>,
    against: &[&Curriculum],
    p: &Params,
    top: usize,
) -> CheckResult {
    let m = subject.module;
    let mut extra: Vec<String> = m.outcomes.iter().map(|o| o.text.clone()).collect();
    extra.extend(subject.aims.iter().cloned());
    let corpus = Corpus::fit(catalog, &extra);
    let cid = "FILE";
    let outcomes: Vec<Item> = m.outcomes.iter().map(|o| corpus.item(cid, m, o)).collect();
    let mut with_aims = outcomes.clone();
    for (k, a) in subject.aims.iter().enumerate() {
        let o = crate::model::Outcome {
            id: if subject.aims.len() == 1 {
                "aims".into()
            } else {
                format!("aims-{}", k + 1)
            },
            text: a.clone(),
            tags: Vec::new(),
            provenance: None,
            derived_from_aims: true,
        };
        let mut it = corpus.item(cid, m, &o);
        it.weight = AIMS_WEIGHT;
        with_aims.push(it);
    }
    let all_national: Vec<Item> = catalog
        .curricula
        .iter()
        .flat_map(|c| {
            c.outcomes()
                .map(|(mm, o)| corpus.item(&c.id, mm, o))
                .collect::<Vec<_>>()
        })
        .collect();

    // The whole module as one document (title, aims, outcomes): robust where single outcomes are worded apart.
    let doc = |parts: Vec<&str>| corpus.tfidf.vector(&super::text::terms(&parts.join(". ")));
    let mut file_parts: Vec<&str> = vec![m.title.as_str()];
    file_parts.extend(m.outcomes.iter().map(|o| o.text.as_str()));
    file_parts.extend(subject.aims.iter().map(String::as_str));
    let file_doc = doc(file_parts);
    let mut ranking = Vec::new();
    let mut details = Vec::new();
    for c in against {
        for nm in &c.modules {
            let nat: Vec<Item> = nm
                .outcomes
                .iter()
                .map(|o| corpus.item(&c.id, nm, o))
                .collect();
            if nat.is_empty() {
                continue;
            }
            let links: Vec<Link> = nat
                .iter()
                .map(|n| {
                    let b = best_of(&with_aims, n, p);
                    let s = b.map_or(0.0, |(_, s)| s.total);
                    let covered = b.is_some_and(|(_, sc)| sc.total >= p.threshold(&sc));
                    Link {
                        national: n.outcome.clone(),
                        national_text: n.text.clone(),
                        by: b.map(|(i, _)| i.outcome.clone()),
                        score: round(s),
                        covered,
                        url: n.url.clone(),
                    }
                })
                .collect();
            let back_scores: Vec<Option<Score>> = outcomes
                .iter()
                .map(|o| best_of(&nat, o, p).map(|(_, s)| s))
                .collect();
            let back: Vec<f64> = back_scores
                .iter()
                .map(|s| s.map_or(0.0, |s| s.total))
                .collect();
            let x = mean(&links.iter().map(|l| l.score).collect::<Vec<_>>());
            let y = mean(&back);
            let outcome_level = if x + y > 0.0 {
                2.0 * x * y / (x + y)
            } else {
                0.0
            };
            let mut nm_parts: Vec<&str> = vec![nm.title.as_str()];
            nm_parts.extend(nm.aims.iter().map(String::as_str));
            nm_parts.extend(nm.outcomes.iter().map(|o| o.text.as_str()));
            let score = 0.5 * outcome_level + 0.5 * file_doc.dot(&doc(nm_parts));
            ranking.push(Ranked {
                curriculum: c.id.clone(),
                module: nm.id.clone(),
                title: nm.title.clone(),
                score: round(score),
                coverage: round(
                    links.iter().filter(|l| l.covered).count() as f64 / links.len() as f64,
                ),
                coverage_of_file: round(
                    back_scores
                        .iter()
                        .filter(|s| s.is_some_and(|s| s.total >= p.threshold(&s)))
                        .count() as f64
                        / back.len().max(1) as f64,
                ),
            });
            details.push(ModuleDetail {
                curriculum: c.id.clone(),
                module: nm.id.clone(),
                title: nm.title.clone(),
                outcomes: links,
            });
        }
    }
    ranking.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.curriculum.cmp(&b.curriculum))
            .then_with(|| a.module.cmp(&b.module))
    });
    let best_ids: Vec<(String, String)> = ranking
        .iter()
        .take(top.clamp(1, 3))
        .map(|r| (r.curriculum.clone(), r.module.clone()))
        .collect();
    let best: Vec<ModuleDetail> = best_ids
        .iter()
        .filter_map(|(c, mid)| {
            details
                .iter()
                .find(|d| &d.curriculum == c && &d.module == mid)
                .cloned()
        })
        .collect();
    let national_against: Vec<Item> = all_national
        .iter()
        .filter(|i| against.iter().any(|c| c.id == i.curriculum))
        .cloned()
        .collect();
    let file_outcomes = outcomes
        .iter()
        .map(|o| {
            let b = best_of(&national_against, o, p);
            let s = b.map_or(0.0, |(_, s)| s.total);
            let matched = b.is_some_and(|(_, sc)| sc.total >= p.threshold(&sc));
            FileOutcome {
                id: o.outcome.clone(),
                text: o.text.clone(),
                best: b.map(|(i, _)| format!("{}:{}", i.curriculum, i.outcome)),
                score: round(s),
                matched,
                tags: o.tags.iter().cloned().collect(),
                suggested_tags: if o.tags.is_empty() {
                    suggest(o, &all_national, p)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let mut lints = Vec::new();
    if let Some(top1) = ranking.first()
        && let Some(nm) = against
            .iter()
            .flat_map(|c| c.modules.iter())
            .find(|x| x.id == top1.module)
    {
        if let (Some(a), Some(b)) = (m.credits, nm.credits)
            && a != b
        {
            lints.push(format!(
                "credits: this module has {a}, national module {} has {b}",
                nm.id
            ));
        }
        if !m.levels.is_empty()
            && !nm.levels.is_empty()
            && !m.levels.iter().any(|l| nm.levels.contains(l))
        {
            let f = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            lints.push(format!(
                "level: this module is level {}, national module {} is level {}",
                f(&m.levels),
                nm.id,
                f(&nm.levels)
            ));
        }
    }
    let fit = match ranking.first() {
        Some(r) if r.coverage >= POOR_FIT => "good",
        _ => "poor",
    };
    CheckResult {
        file: subject.file.clone(),
        module: m.id.clone(),
        title: m.title.clone(),
        against: against.iter().map(|c| c.id.clone()).collect(),
        threshold: p.cover,
        threshold_text: p.cover_text,
        ranking,
        fit,
        best,
        outcomes: file_outcomes,
        lints,
    }
}
