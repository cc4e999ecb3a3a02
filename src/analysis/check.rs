//! Checking a university module against national curricula: which national module it implements, what it
//! covers and misses, which of its outcomes match nothing, and which competency tags its outcomes suggest.

use std::collections::BTreeMap;

use serde::Serialize;

use super::compare::round;
use super::corpus::{Corpus, Item};
use super::params::Params;
use super::review::{self, Review, Reviews};
use super::similarity::{Score, compatible, score};
use crate::model::{Catalog, Curriculum, Module};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub curriculum: String,
    pub module: String,
    pub title: String,
    /// Half the harmonic mean of the mean best-match scores both ways (high only when the module and the file
    /// match each other throughout), half the cosine of the two modules taken as whole documents.
    pub score: f64,
    /// Share of the national module's outcomes the file covers (a partial match counts half).
    pub coverage: f64,
    /// Share of the file's outcomes matched to an outcome of this national module (or of a module it is the
    /// same as): the file's matched outcomes shared out over the modules their counterparts belong to.
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
    /// Below the threshold but within the partial band: half credit.
    pub partial: bool,
    /// The coverage threshold that applies to this pair's score (with tags, with a gloss, or text only).
    pub threshold: f64,
    pub url: Option<String>,
    /// Whether a reviewer's decision stands behind `by`: `accepted`, `rejected` or `none`.
    pub reviewed: Review,
    /// The national outcome is marked `derived from aims` in its spec.
    pub derived_from_aims: bool,
}

impl Link {
    /// The credit the national outcome earns: 1 covered, ½ partial, 0 otherwise.
    pub fn credit(&self) -> f64 {
        credit_of(self.covered, self.partial)
    }
}

fn credit_of(covered: bool, partial: bool) -> f64 {
    match (covered, partial) {
        (true, _) => 1.0,
        (_, true) => 0.5,
        _ => 0.0,
    }
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
    /// The national module `best` belongs to.
    pub best_module: Option<String>,
    pub score: f64,
    pub matched: bool,
    /// Below the threshold but within the partial band of its best national outcome.
    pub partial: bool,
    /// The coverage threshold that applies to the best national outcome's score.
    pub threshold: f64,
    /// Whether a reviewer's decision stands behind `best`: `accepted`, `rejected` or `none`.
    pub reviewed: Review,
    /// The next-best national outcomes after `best` (curriculum:outcome, score), best first.
    pub alternatives: Vec<(String, f64)>,
    /// The evidence on `best` the acceptance model weighs, in the order of `params::EVIDENCE`.
    pub evidence: [f64; 6],
    /// The acceptance model's probability that an expert accepts `best`; `None` when the score against the
    /// threshold decides (the lexical method, or no model).
    pub acceptance: Option<f64>,
    pub tags: Vec<String>,
    /// Suggested competency tags (for untagged outcomes), best first.
    pub suggested_tags: Vec<String>,
}

impl FileOutcome {
    /// The credit the file's outcome earns from its best national outcome: 1 matched, ½ partial, 0.
    pub fn credit(&self) -> f64 {
        credit_of(self.matched, self.partial)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub file: String,
    pub module: String,
    pub title: String,
    pub against: Vec<String>,
    pub threshold: f64,
    pub threshold_text: f64,
    pub threshold_gloss: f64,
    /// How texts were compared (`meaning` or `lexical`).
    pub method: &'static str,
    /// The populations the module is read as written for: those of the curriculum of its best national
    /// module. National outcomes scoped to other populations are penalised.
    pub population: Vec<String>,
    pub poor_fit: f64,
    /// Share of the module's outcomes matched at or above which it fits (the acceptance model's rule);
    /// `None` when the best module's coverage against `poor_fit` decides.
    pub fit_share: Option<f64>,
    /// Share of the module's outcomes reported matched to a national outcome.
    pub matched_share: f64,
    /// Share of the threshold from which a best match counts half.
    pub partial: f64,
    pub ranking: Vec<Ranked>,
    pub fit: &'static str,
    pub best: Vec<ModuleDetail>,
    pub outcomes: Vec<FileOutcome>,
    /// Where the module differs from its best national module in credits or level (worded by the report
    /// layer; strings in JSON).
    pub lints: Vec<Lint>,
    /// How the file was read where its author may not have meant it: lines joined to an outcome, left out of
    /// the outcomes or split into several outcomes. Filled by whoever read the file.
    pub warnings: Vec<ReadWarning>,
}

/// A difference between the checked module and its best national module, beside the scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lint {
    /// The two modules' credits differ.
    Credits {
        credits: u32,
        national: String,
        national_credits: u32,
    },
    /// The two modules share no level.
    Level {
        levels: Vec<u32>,
        national: String,
        national_levels: Vec<u32>,
    },
}

/// One such line: where it is (`file:line:col`, or `file, paragraph N` in a document) and what was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadWarning {
    pub at: String,
    pub message: String,
}

/// The best item of `from` for `b`, each item's score scaled by its weight (aims count less).
fn best_of<'a>(from: &'a [Item], b: &Item, p: &Params) -> Option<(&'a Item, Score)> {
    ranked(from, b, p, |_| 0.0).into_iter().next()
}

/// Items of `from` by score for `b` (scaled by weight), best first, ties to the earlier item; `bonus` is added
/// for the ordering only, never to the reported score.
fn ranked<'a>(
    from: &'a [Item],
    b: &Item,
    p: &Params,
    bonus: impl Fn(&Item) -> f64,
) -> Vec<(&'a Item, Score)> {
    let mut v: Vec<(usize, f64, &Item, Score)> = from
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let mut s = score(a, b, p);
            s.total *= a.weight;
            (k, s.total + bonus(a), a, s)
        })
        .collect();
    v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    v.into_iter().map(|(_, _, a, s)| (a, s)).collect()
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
        .filter(|n| compatible(n, item))
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
        .filter(|(_, s)| *s >= 0.5 * top && top >= p.cover_gloss * 0.5)
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

/// The populations a module is written for: those of its best national module's curriculum, unless its text
/// carries none of that curriculum's population markers; then those of a curriculum whose population it
/// names ("children", "adult"), or none (unknown).
fn population_of(
    corpus: &Corpus,
    subject: &Subject<'_>,
    best: &Curriculum,
    all: &[&Curriculum],
) -> Vec<String> {
    let m = subject.module;
    let mut text = vec![m.title.clone()];
    text.extend(m.outcomes.iter().map(|o| o.text.clone()));
    text.extend(subject.aims.iter().cloned());
    let words: std::collections::BTreeSet<String> =
        super::text::words(&text.join(" ")).into_iter().collect();
    let carries = |k: usize, named: bool| {
        let m = if named {
            corpus.names(&all[k].id)
        } else {
            corpus.markers(&all[k].id)
        };
        m.is_some_and(|m| !m.is_disjoint(&words))
    };
    if all
        .iter()
        .position(|c| c.id == best.id)
        .is_some_and(|k| carries(k, false))
    {
        return best.population.clone();
    }
    // Overruling the best module's population takes more than a word its curricula happen to use often
    // ("community", "treatment"): the text must name the other population.
    (0..all.len())
        .find(|&k| {
            all[k]
                .population
                .iter()
                .all(|p| !best.population.contains(p))
                && carries(k, true)
        })
        .map(|k| all[k].population.clone())
        .unwrap_or_default()
}

/// The national modules ranked for the file, and each one's outcome-level detail.
fn rank_modules(
    corpus: &Corpus,
    subject: &Subject<'_>,
    outcomes: &[Item],
    with_aims: &[Item],
    against: &[&Curriculum],
    p: &Params,
    reviews: &Reviews,
) -> (Vec<Ranked>, Vec<ModuleDetail>) {
    let m = subject.module;
    // The whole module as one document (title, aims, outcomes): robust where single outcomes are worded apart.
    let doc = |parts: Vec<&str>| super::similarity::document(corpus, &parts);
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
                    let (picks, reviewed) =
                        review::apply(ranked(with_aims, n, p, |_| 0.0), |(i, _)| {
                            reviews.decision((&c.id, &n.outcome), (&m.id, &i.outcome))
                        });
                    let b = picks.first().copied();
                    let credit = match reviewed {
                        Review::Accepted => 1.0,
                        _ => b.map_or(0.0, |(_, s)| p.credit(&s, false)),
                    };
                    Link {
                        national: n.outcome.clone(),
                        national_text: n.text.clone(),
                        by: b.map(|(i, _)| i.outcome.clone()),
                        score: round(b.map_or(0.0, |(_, s)| s.total)),
                        covered: credit >= 1.0,
                        partial: credit > 0.0 && credit < 1.0,
                        threshold: b.map_or(p.cover, |(_, s)| p.threshold(&s)),
                        url: n.url.clone(),
                        reviewed,
                        derived_from_aims: n.from_aims,
                    }
                })
                .collect();
            let credit: f64 = links.iter().map(Link::credit).sum();
            let back: Vec<f64> = outcomes
                .iter()
                .map(|o| best_of(&nat, o, p).map_or(0.0, |(_, s)| s.total))
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
                coverage: round(credit / links.len() as f64),
                // Filled once the file's outcomes are matched (see `check`).
                coverage_of_file: 0.0,
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
    (ranking, details)
}

/// Embeds the texts of many subjects in one pass before they are checked one by one (a batch of files): the
/// model then runs on full, length-sorted batches instead of one short batch per file, and each check finds
/// its texts embedded. No-op with the lexical method.
pub fn prepare(subjects: &[Subject<'_>], p: &Params) -> Result<(), String> {
    if p.method != super::params::Method::Meaning {
        return Ok(());
    }
    let texts: Vec<&str> = subjects
        .iter()
        .flat_map(|s| {
            s.module
                .outcomes
                .iter()
                .map(|o| o.text.as_str())
                .chain(s.aims.iter().map(String::as_str))
        })
        .collect();
    super::embed::Embedder::shared().embed(&texts).map(drop)
}

/// Checks `subject` against `against`; `reviews` holds reviewers' decisions on pairs of the module's
/// outcomes (its id as their curriculum) and national outcomes, applied by the same rule as in coverage.
pub fn check(
    catalog: &Catalog,
    subject: &Subject<'_>,
    against: &[&Curriculum],
    p: &Params,
    top: usize,
    reviews: &Reviews,
) -> Result<CheckResult, String> {
    let m = subject.module;
    let mut extra: Vec<String> = m.outcomes.iter().map(|o| o.text.clone()).collect();
    extra.extend(subject.aims.iter().cloned());
    let corpus = Corpus::fit(catalog, &extra, p.method)?;
    let cid = "FILE";
    let mut outcomes: Vec<Item> = m.outcomes.iter().map(|o| corpus.item(cid, m, o)).collect();
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
        it.weight = p.aims_weight;
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

    // First pass: which national module the file implements, with no assumption about its population.
    let (first, _) = rank_modules(&corpus, subject, &outcomes, &with_aims, against, p, reviews);
    // The module is written for the population of its best national module's curriculum: its untagged
    // outcomes take that scope, so adult and children's competences no longer meet (the taxonomy says which
    // competences are population-neutral). Then everything is measured again in that context.
    let best = first
        .first()
        .and_then(|r| against.iter().find(|c| c.id == r.curriculum));
    let population: Vec<String> = best
        .map(|c| population_of(&corpus, subject, c, against))
        .unwrap_or_default();
    if !population.is_empty() {
        let pop: std::collections::BTreeSet<String> = population.iter().cloned().collect();
        for it in outcomes.iter_mut().chain(with_aims.iter_mut()) {
            if it.tags.is_empty() {
                it.scope = Some(pop.clone());
            }
        }
    }
    let (ranking, details) =
        rank_modules(&corpus, subject, &outcomes, &with_aims, against, p, reviews);
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
    // The outcomes of the module the file matches best, and how well: evidence the acceptance model weighs.
    let top = ranking.first();
    let top_outcomes: std::collections::BTreeSet<&str> = top
        .and_then(|r| details.iter().find(|d| d.module == r.module))
        .map(|d| d.outcomes.iter().map(|l| l.national.as_str()).collect())
        .unwrap_or_default();
    let (coverage, module_score) = top.map_or((0.0, 0.0), |r| (r.coverage, r.score));
    // Whether the module covers its best national module well; evidence for the acceptance model. (Whether
    // it fits national training is decided after its outcomes are matched, below.)
    let covers = coverage >= p.poor_fit;
    // A module is written for one purpose: when it covers a national module well, its outcomes' counterparts
    // are looked for first in that module (and modules that are the same as it). A module that covers none
    // well has no such purpose to lean on.
    let prior = if covers {
        top_outcomes.clone()
    } else {
        Default::default()
    };
    let accept = p
        .accept
        .filter(|_| p.method == super::params::Method::Meaning);
    let file_outcomes: Vec<FileOutcome> = outcomes
        .iter()
        .map(|o| {
            let picks = ranked(&national_against, o, p, |n| {
                if prior.contains(n.outcome.as_str()) {
                    p.module_prior
                } else {
                    0.0
                }
            });
            let mut seen = std::collections::BTreeSet::new();
            let picks: Vec<_> = picks
                .into_iter()
                .filter(|(i, _)| seen.insert(i.outcome.clone()))
                .collect();
            let (picks, reviewed) = review::apply(picks, |(i, _)| {
                reviews.decision((&m.id, &o.outcome), (&i.curriculum, &i.outcome))
            });
            let b = picks.first().copied();
            let s = b.map_or(0.0, |(_, s)| s.total);
            let evidence = b.map_or([0.0; 6], |(i, sc)| {
                let next = picks.iter().skip(1).take(4).map(|(_, x)| x.total);
                [
                    // A threshold of 0 (allowed on the command line) makes every pick pass, not a NaN.
                    sc.total / p.threshold(&sc).max(1e-9),
                    sc.total - next.fold(0.0, f64::max),
                    f64::from(u8::from(covers)),
                    coverage,
                    module_score,
                    f64::from(u8::from(top_outcomes.contains(i.outcome.as_str()))),
                ]
            });
            let acceptance = accept
                .filter(|_| b.is_some())
                .map(|a| a.probability(&evidence));
            let credit = match (reviewed, acceptance, b) {
                (Review::Accepted, _, _) => 1.0,
                (_, _, None) => 0.0,
                (_, Some(_), Some(_)) => accept.map_or(0.0, |a| a.credit(&evidence, p.partial)),
                (_, None, Some((_, sc))) => p.credit(&sc, false),
            };
            let picks = picks.into_iter().skip(1);
            FileOutcome {
                id: o.outcome.clone(),
                text: o.text.clone(),
                best: b.map(|(i, _)| format!("{}:{}", i.curriculum, i.outcome)),
                best_module: b.map(|(i, _)| i.module.clone()),
                score: round(s),
                matched: credit >= 1.0,
                partial: credit > 0.0 && credit < 1.0,
                threshold: b.map_or(p.cover, |(_, sc)| p.threshold(&sc)),
                reviewed,
                alternatives: picks
                    .take(4)
                    .map(|(i, s)| (format!("{}:{}", i.curriculum, i.outcome), round(s.total)))
                    .collect(),
                evidence: evidence.map(round),
                acceptance: acceptance.map(round),
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
            lints.push(Lint::Credits {
                credits: a,
                national: nm.id.clone(),
                national_credits: b,
            });
        }
        if !m.levels.is_empty()
            && !nm.levels.is_empty()
            && !m.levels.iter().any(|l| nm.levels.contains(l))
        {
            lints.push(Lint::Level {
                levels: m.levels.clone(),
                national: nm.id.clone(),
                national_levels: nm.levels.clone(),
            });
        }
    }
    let n = file_outcomes.len().max(1) as f64;
    // Each module's share of the file: its outcomes matched there, by the same decision as `matched`. The
    // module each matched outcome was matched in, taken as the module it is the same as, is found once.
    let same = |id: &str| crate::model::same_module(against.iter().flat_map(|c| &c.modules), id);
    let matched_in: Vec<String> = file_outcomes
        .iter()
        .filter(|o| o.matched)
        .filter_map(|o| o.best_module.as_deref().map(same))
        .collect();
    let matched_share = file_outcomes.iter().filter(|o| o.matched).count() as f64 / n;
    let mut ranking = ranking;
    for r in &mut ranking {
        let here = same(&r.module);
        r.coverage_of_file = round(matched_in.iter().filter(|m| **m == here).count() as f64 / n);
    }
    // With the acceptance model deciding matches, the module fits when enough of its outcomes find national
    // counterparts; without it, when its best national module is covered enough.
    let fit_share = accept.map(|a| a.fit);
    let good = match (fit_share, ranking.first()) {
        (_, None) => false,
        (Some(bar), Some(_)) => matched_share >= bar,
        (None, Some(r)) => r.coverage >= p.poor_fit,
    };
    let fit = if good { "good" } else { "poor" };
    Ok(CheckResult {
        file: subject.file.clone(),
        module: m.id.clone(),
        title: m.title.clone(),
        against: against.iter().map(|c| c.id.clone()).collect(),
        threshold: p.cover,
        threshold_text: p.cover_text,
        threshold_gloss: p.cover_gloss,
        method: p.method.name(),
        population,
        poor_fit: p.poor_fit,
        fit_share,
        matched_share: round(matched_share),
        partial: p.partial,
        ranking,
        fit,
        best,
        outcomes: file_outcomes,
        lints,
        warnings: Vec::new(),
    })
}
