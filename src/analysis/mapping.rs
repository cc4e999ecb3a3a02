//! Outcome mappings: every pair of outcomes the engine proposes as matching, with a SKOS predicate that
//! follows the direction of coverage. Rendered as SSSOM by `report::sssom`; decided by people through
//! `--mappings` (see [`super::review`]).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::check::CheckResult;
use super::compare::{Coverage, Match};
use super::params::Params;
use super::review::Review;

/// How a subject outcome relates to an object outcome, in SKOS's words. `Narrow` and `Broad` name the object
/// as SKOS does: `subject skos:narrowMatch object` says the object is narrower, so the subject covers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Predicate {
    /// Each covers the other (each is the other's best counterpart and both are covered).
    Exact,
    /// One covers the other at a score of at least `close` × its threshold.
    Close,
    /// Only the subject covers the object: the object is narrower.
    Narrow,
    /// Only the object covers the subject: the object is broader.
    Broad,
    /// Only partial coverage, either way.
    Related,
}

impl Predicate {
    /// The predicate for a pair from the credit each side earns from the other (1 covered, ½ partial, 0) and
    /// the score against the threshold that applies to it.
    pub fn of(
        subject_covers: f64,
        object_covers: f64,
        score: f64,
        threshold: f64,
        p: &Params,
    ) -> Option<Predicate> {
        let (fwd, back) = (subject_covers >= 1.0, object_covers >= 1.0);
        if fwd && back {
            Some(Predicate::Exact)
        } else if (fwd || back) && score >= p.close * threshold {
            Some(Predicate::Close)
        } else if fwd {
            Some(Predicate::Narrow)
        } else if back {
            Some(Predicate::Broad)
        } else if subject_covers > 0.0 || object_covers > 0.0 {
            Some(Predicate::Related)
        } else {
            None
        }
    }
}

/// One end of a mapping: an outcome of a curriculum (or of a checked module).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct End {
    pub curriculum: String,
    pub outcome: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    pub subject: End,
    pub object: End,
    pub predicate: Predicate,
    pub score: f64,
    /// `accepted` when a reviewer's acceptance stands behind the coverage this mapping reports.
    pub reviewed: Review,
}

/// What the pair earned each way, keyed by (subject index, object index) so rows follow the curricula.
#[derive(Default)]
struct Earned {
    subject_covers: f64,
    object_covers: f64,
    score: f64,
    threshold: f64,
    reviewed: Review,
    subject: Option<End>,
    object: Option<End>,
}

/// Every pair of outcomes of A (subjects) and B (objects) that is a best counterpart with some credit in
/// either direction. `ab`: A covers B (its outcomes are B's); `ba`: B covers A.
pub fn of_pair(ab: &Coverage, ba: &Coverage, p: &Params) -> Vec<Mapping> {
    let index = |cov: &Coverage| -> HashMap<String, usize> {
        cov.outcomes
            .iter()
            .enumerate()
            .map(|(k, m)| (m.outcome.clone(), k))
            .collect()
    };
    let (a_index, b_index) = (index(ba), index(ab));
    let end = |curriculum: &str, m: &Match| End {
        curriculum: curriculum.to_string(),
        outcome: m.outcome.clone(),
        text: m.text.clone(),
    };
    let mut pairs: BTreeMap<(usize, usize), Earned> = BTreeMap::new();
    for (forward, cov, own, other) in [
        (true, ab, &b_index, &a_index),
        (false, ba, &a_index, &b_index),
    ] {
        for m in &cov.outcomes {
            let (Some(c), credit) = (&m.best, m.credit()) else {
                continue;
            };
            if credit <= 0.0 {
                continue;
            }
            let (Some(&mine), Some(&theirs)) = (own.get(&m.outcome), other.get(&c.outcome)) else {
                continue;
            };
            let key = if forward {
                (theirs, mine)
            } else {
                (mine, theirs)
            };
            let e = pairs.entry(key).or_default();
            if forward {
                e.subject_covers = credit;
            } else {
                e.object_covers = credit;
            }
            e.score = c.score.total;
            e.threshold = p.threshold(&c.score);
            if m.reviewed == Review::Accepted {
                e.reviewed = Review::Accepted;
            }
        }
    }
    pairs
        .into_iter()
        .filter_map(|((i, j), mut e)| {
            e.subject = Some(end(&ab.from, &ba.outcomes[i]));
            e.object = Some(end(&ab.to, &ab.outcomes[j]));
            let predicate =
                Predicate::of(e.subject_covers, e.object_covers, e.score, e.threshold, p)?;
            Some(Mapping {
                subject: e.subject?,
                object: e.object?,
                predicate,
                score: e.score,
                reviewed: e.reviewed,
            })
        })
        .collect()
}

/// The mappings `check` proposes between the file's outcomes (subjects) and national outcomes (objects): the
/// outcomes of the best-ranked national module the file covers, and each file outcome's own counterpart.
pub fn of_check(
    r: &CheckResult,
    national_text: impl Fn(&str, &str) -> Option<String>,
    p: &Params,
) -> Vec<Mapping> {
    let file_index: HashMap<&str, usize> = r
        .outcomes
        .iter()
        .enumerate()
        .map(|(k, o)| (o.id.as_str(), k))
        .collect();
    // Keyed by (file outcome, national curriculum, national outcome).
    let mut pairs: BTreeMap<(usize, String, String), Earned> = BTreeMap::new();
    if let Some(best) = r.best.first() {
        for l in &best.outcomes {
            let credit = l.credit();
            let Some(&k) = l.by.as_deref().and_then(|b| file_index.get(b)) else {
                continue;
            };
            if credit <= 0.0 {
                continue;
            }
            let e = pairs
                .entry((k, best.curriculum.clone(), l.national.clone()))
                .or_default();
            e.subject_covers = credit;
            e.score = l.score;
            e.threshold = l.threshold;
            if l.reviewed == Review::Accepted {
                e.reviewed = Review::Accepted;
            }
        }
    }
    for (k, o) in r.outcomes.iter().enumerate() {
        let credit = o.credit();
        let Some((cur, out)) = o.best.as_deref().and_then(|b| b.split_once(':')) else {
            continue;
        };
        if credit <= 0.0 {
            continue;
        }
        let e = pairs
            .entry((k, cur.to_string(), out.to_string()))
            .or_default();
        e.object_covers = credit;
        e.score = o.score;
        e.threshold = o.threshold;
        if o.reviewed == Review::Accepted {
            e.reviewed = Review::Accepted;
        }
    }
    pairs
        .into_iter()
        .filter_map(|((k, cur, out), e)| {
            let o = &r.outcomes[k];
            let predicate =
                Predicate::of(e.subject_covers, e.object_covers, e.score, e.threshold, p)?;
            Some(Mapping {
                subject: End {
                    curriculum: r.module.clone(),
                    outcome: o.id.clone(),
                    text: o.text.clone(),
                },
                object: End {
                    text: national_text(&cur, &out)?,
                    curriculum: cur,
                    outcome: out,
                },
                predicate,
                score: e.score,
                reviewed: e.reviewed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_predicate_follows_the_direction_of_coverage() {
        let p = Params::DEFAULT;
        let t = 0.5;
        assert_eq!(Predicate::of(1.0, 1.0, 0.5, t, &p), Some(Predicate::Exact));
        assert_eq!(
            Predicate::of(1.0, 0.0, p.close * t, t, &p),
            Some(Predicate::Close)
        );
        assert_eq!(
            Predicate::of(0.0, 1.0, p.close * t, t, &p),
            Some(Predicate::Close)
        );
        // Below the close score, the one that covers is the broader.
        assert_eq!(
            Predicate::of(1.0, 0.5, 0.55, t, &p),
            Some(Predicate::Narrow)
        );
        assert_eq!(Predicate::of(0.0, 1.0, 0.55, t, &p), Some(Predicate::Broad));
        assert_eq!(
            Predicate::of(0.5, 0.5, 0.4, t, &p),
            Some(Predicate::Related)
        );
        assert_eq!(Predicate::of(0.0, 0.0, 0.9, t, &p), None);
    }
}
