//! Comparing two curricula: coverage both ways, module × module similarity, set tables, strongest matches.

use std::collections::HashMap;

use ndarray::Array2;
use serde::Serialize;

use super::corpus::Side;
use super::params::Params;
use super::review::{self, Review, Reviews};
use super::sets::{self, DomainSets, SetStats};
use super::similarity::{Score, score};

/// A labelled matrix as it appears in JSON: row ids, column ids, values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub values: Vec<Vec<f64>>,
}

impl Matrix {
    pub fn from_array(rows: Vec<String>, cols: Vec<String>, a: &Array2<f64>) -> Matrix {
        Matrix {
            rows,
            cols,
            values: a
                .rows()
                .into_iter()
                .map(|r| r.iter().map(|v| round(*v)).collect())
                .collect(),
        }
    }
}

/// A score with every part rounded (see [`round`]).
pub fn rounded(s: Score) -> Score {
    Score {
        text: round(s.text),
        lexical: round(s.lexical),
        meaning: s.meaning.map(round),
        tags: s.tags.map(round),
        gloss: s.gloss.map(round),
        context: round(s.context),
        total: round(s.total),
    }
}

/// Scores are reported to four decimals so output is stable across platforms' last-bit differences.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One outcome of the `to` side and its best counterpart on the `from` side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub module: String,
    pub outcome: String,
    pub text: String,
    pub best: Option<Counterpart>,
    pub covered: bool,
    /// Best match below the threshold but within the partial band: half credit in the share.
    pub partial: bool,
    /// The outcome is marked `derived from aims` in its spec.
    pub derived_from_aims: bool,
    /// Whether a reviewer's decision stands behind this match: `accepted`, `rejected` (the model's preferred
    /// counterpart was rejected and the next best is shown) or `none`.
    pub reviewed: Review,
}

impl Match {
    /// The credit this outcome earns at the thresholds of `p`: 1 when a reviewer accepted its counterpart,
    /// else 1 covered, ½ partial, 0 otherwise by its score.
    pub fn credit_at(&self, p: &Params) -> f64 {
        if self.reviewed == Review::Accepted {
            return 1.0;
        }
        self.best
            .as_ref()
            .map_or(0.0, |c| p.credit(&c.score, c.mutual))
    }

    /// The credit this outcome earns: 1 covered, ½ partial, 0 otherwise.
    pub fn credit(&self) -> f64 {
        if self.covered {
            1.0
        } else if self.partial {
            0.5
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterpart {
    pub module: String,
    pub outcome: String,
    pub text: String,
    pub score: Score,
    /// This outcome's own best counterpart on the other side is the outcome it covers (a mutual best match).
    pub mutual: bool,
    /// The two outcomes are the same text (case and spacing aside): taught identically in both.
    pub identical: bool,
}

/// How much of `to` the `from` side covers, outcome by outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub from: String,
    pub to: String,
    /// Share of `to`'s outcomes covered: full credit at or above the threshold, half in the partial band.
    pub share: f64,
    /// The threshold applied (with tags; text-only comparisons use `threshold_text`).
    pub threshold: f64,
    pub threshold_text: f64,
    pub threshold_gloss: f64,
    /// Share of the threshold from which a best match counts half.
    pub partial_from: f64,
    /// Share of the threshold from which a mutual best match counts as covered.
    pub mutual_from: f64,
    /// How many of the outcomes' matches rest on a reviewer's decision.
    pub reviewed: Reviewed,
    pub outcomes: Vec<Match>,
}

/// Counts of matches that rest on reviewers' decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    pub accepted: usize,
    pub rejected: usize,
}

impl Reviewed {
    pub fn any(&self) -> bool {
        self.accepted + self.rejected > 0
    }
}

/// Every outcome of `a` scored against every outcome of `b`, once per pair: the score is symmetric, so both
/// coverage directions and the module matrix read from this one matrix.
pub fn score_matrix(a: &Side, b: &Side, p: &Params) -> Array2<Score> {
    Array2::from_shape_fn((a.items.len(), b.items.len()), |(i, j)| {
        score(&a.items[i], &b.items[j], p)
    })
}

/// For each lane of `scores` along `axis`, the best entry (index and score) among those `keep(lane, index)`
/// allows; ties go to the earlier outcome.
fn best_along(
    scores: ndarray::ArrayView2<'_, Score>,
    axis: ndarray::Axis,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Option<(usize, Score)>> {
    scores
        .axis_iter(axis)
        .enumerate()
        .map(|(lane, v)| {
            let mut best: Option<(usize, Score)> = None;
            for (i, s) in v.iter().enumerate() {
                if keep(lane, i) && best.is_none_or(|(_, bs)| s.total > bs.total) {
                    best = Some((i, *s));
                }
            }
            best
        })
        .collect()
}

/// Reviewers' decisions on pairs of `from` (rows) and `to` (columns) by index: accepted or rejected.
fn decided(from: &Side, to: &Side, reviews: &Reviews) -> HashMap<(usize, usize), bool> {
    let mut d = HashMap::new();
    if reviews.is_empty() {
        return d;
    }
    let index: HashMap<&str, usize> = from
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.outcome.as_str(), i))
        .collect();
    for (j, b) in to.items.iter().enumerate() {
        for (o, accept) in reviews.covering(&to.id, &b.outcome, &from.id) {
            if let Some(&i) = index.get(o) {
                d.insert((i, j), accept);
            }
        }
    }
    d
}

/// Coverage of `to` by `from`, given `scores` with `from`'s outcomes as rows and `to`'s as columns. A pair a
/// reviewer accepted covers at full credit (the best-scoring accepted counterpart is shown); a rejected
/// pair never covers, and the next-best counterpart is used instead. This is the one place decisions
/// apply: the gate, top-ups and `check` read their credits from here.
pub fn coverage(
    from: &Side,
    to: &Side,
    scores: ndarray::ArrayView2<'_, Score>,
    p: &Params,
    reviews: &Reviews,
) -> Coverage {
    let decided = decided(from, to, reviews);
    let allowed = |i: usize, j: usize| decided.get(&(i, j)) != Some(&false);
    let best = best_along(scores, ndarray::Axis(1), |j, i| allowed(i, j));
    // Each `from` outcome's own best `to` outcome: a match both pick is a mutual best match.
    let back = best_along(scores, ndarray::Axis(0), allowed);
    let mut covered_weight = 0.0;
    let mut total_weight = 0.0;
    let outcomes: Vec<Match> = to
        .items
        .iter()
        .zip(best)
        .enumerate()
        .map(|(j, (b, m))| {
            // With decisions on this outcome, its candidates ranked by score go through the review rule.
            let (pick, reviewed) = if decided.keys().any(|&(_, jj)| jj == j) {
                let mut ranked: Vec<(usize, Score)> =
                    (0..from.items.len()).map(|i| (i, scores[[i, j]])).collect();
                ranked.sort_by(|x, y| y.1.total.total_cmp(&x.1.total).then(x.0.cmp(&y.0)));
                let (kept, review) = review::apply(ranked, |&(i, _)| decided.get(&(i, j)).copied());
                (kept.first().copied(), review)
            } else {
                (m, Review::None)
            };
            let best = pick.map(|(i, s)| {
                let a = &from.items[i];
                Counterpart {
                    module: a.module.clone(),
                    outcome: a.outcome.clone(),
                    text: a.text.clone(),
                    score: rounded(s),
                    mutual: back[i].is_some_and(|(k, _)| k == j),
                    identical: super::overview::same_text(&a.text, &b.text),
                }
            });
            let mut out = Match {
                module: b.module.clone(),
                outcome: b.outcome.clone(),
                text: b.text.clone(),
                partial: false,
                best,
                covered: false,
                derived_from_aims: b.from_aims,
                reviewed,
            };
            let credit = out.credit_at(p);
            out.covered = credit >= 1.0;
            out.partial = credit > 0.0 && !out.covered;
            total_weight += b.weight;
            covered_weight += b.weight * credit;
            out
        })
        .collect();
    let count = |r: Review| outcomes.iter().filter(|o| o.reviewed == r).count();
    Coverage {
        from: from.id.clone(),
        to: to.id.clone(),
        share: if total_weight > 0.0 {
            round(covered_weight / total_weight)
        } else {
            0.0
        },
        threshold: p.cover,
        threshold_text: p.cover_text,
        threshold_gloss: p.cover_gloss,
        partial_from: p.partial,
        mutual_from: p.mutual,
        reviewed: Reviewed {
            accepted: count(Review::Accepted),
            rejected: count(Review::Rejected),
        },
        outcomes,
    }
}

/// Module similarity: the mean of best-match scores in each direction, averaged, so it is symmetric and a
/// module compared with itself scores 1.
pub fn module_similarity(a: &Side, b: &Side, scores: &Array2<Score>) -> Array2<f64> {
    let scores = scores.map(|s| s.total);
    Array2::from_shape_fn((a.modules.len(), b.modules.len()), |(i, j)| {
        let (ra, rb) = (a.modules[i].range.clone(), b.modules[j].range.clone());
        if ra.is_empty() || rb.is_empty() {
            return 0.0;
        }
        let block = scores.slice(ndarray::s![ra.clone(), rb.clone()]);
        let mean_max = |axis| {
            block
                .map_axis(axis, |v| v.fold(0.0f64, |m, x| m.max(*x)))
                .mean()
                .unwrap_or(0.0)
        };
        0.5 * (mean_max(ndarray::Axis(0)) + mean_max(ndarray::Axis(1)))
    })
}

/// Everything `overlap A B` shows about a pair, before the gate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAnalysis {
    pub sets: SetStats,
    pub modules: Matrix,
    pub module_sets: Matrix,
    pub domains: Vec<DomainSets>,
    pub a_covers_b: Coverage,
    pub b_covers_a: Coverage,
}

pub fn analyse(
    a: &Side,
    b: &Side,
    tax: &crate::model::Taxonomy,
    p: &Params,
    reviews: &Reviews,
) -> PairAnalysis {
    let ids = |s: &Side| s.modules.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    let scores = score_matrix(a, b, p);
    PairAnalysis {
        sets: SetStats::of(&sets::all_competencies(a), &sets::all_competencies(b)),
        modules: Matrix::from_array(ids(a), ids(b), &module_similarity(a, b, &scores)),
        module_sets: Matrix::from_array(ids(a), ids(b), &sets::module_jaccard(a, b)),
        domains: sets::by_domain(a, b, tax),
        a_covers_b: coverage(a, b, scores.view(), p, reviews),
        b_covers_a: coverage(b, a, scores.t(), p, reviews),
    }
}
