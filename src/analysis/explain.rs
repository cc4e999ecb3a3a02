//! Why two outcomes score what they score: the shared terms and their weights, tag agreement, the total.

use serde::Serialize;

use super::corpus::Item;
use super::params::Params;
use super::similarity::{Score, score, tag_agreement};
use super::text::TfIdf;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermShare {
    pub term: String,
    pub weight_a: f64,
    pub weight_b: f64,
    /// This term's part of the cosine (weight_a × weight_b).
    pub contribution: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub a: String,
    pub b: String,
    pub text_a: String,
    pub text_b: String,
    pub shared_terms: Vec<TermShare>,
    pub tags_a: Vec<String>,
    pub tags_b: Vec<String>,
    pub shared_tags: Vec<String>,
    pub tag_agreement: Option<f64>,
    /// Share of the text score from meaning, and of the score from tags (from the parameters in use).
    pub meaning_weight: f64,
    pub tag_weight: f64,
    /// Share of the text score taken against what the other outcome's tags mean (when only one is tagged).
    pub gloss_weight: f64,
    /// Populations each outcome's competence is scoped to (empty: population-neutral).
    pub scope_a: Vec<String>,
    pub scope_b: Vec<String>,
    pub score: Score,
    /// The threshold that applies to this score (with tags or text only).
    pub threshold: f64,
    pub covered: bool,
}

pub fn explain(a: &Item, b: &Item, tfidf: &TfIdf, p: &Params) -> Explanation {
    let mut shared = Vec::new();
    let (va, vb) = (&a.vec.0, &b.vec.0);
    let (mut i, mut j) = (0, 0);
    while i < va.len() && j < vb.len() {
        match va[i].0.cmp(&vb[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let (wa, wb) = (va[i].1 as f64, vb[j].1 as f64);
                shared.push(TermShare {
                    term: tfidf.terms[va[i].0 as usize].clone(),
                    weight_a: super::compare::round(wa),
                    weight_b: super::compare::round(wb),
                    contribution: super::compare::round(wa * wb),
                });
                i += 1;
                j += 1;
            }
        }
    }
    shared.sort_by(|x, y| {
        y.contribution
            .total_cmp(&x.contribution)
            .then_with(|| x.term.cmp(&y.term))
    });
    let s = score(a, b, p);
    Explanation {
        a: format!("{}:{}", a.curriculum, a.outcome),
        b: format!("{}:{}", b.curriculum, b.outcome),
        text_a: a.text.clone(),
        text_b: b.text.clone(),
        shared_terms: shared,
        tags_a: a.tags.iter().cloned().collect(),
        tags_b: b.tags.iter().cloned().collect(),
        shared_tags: a.tags.intersection(&b.tags).cloned().collect(),
        tag_agreement: tag_agreement(a, b),
        meaning_weight: p.meaning_share(s.tags.is_none() && s.gloss.is_none()),
        tag_weight: p.tag_weight,
        gloss_weight: p.gloss_weight,
        scope_a: a.scope.iter().flatten().cloned().collect(),
        scope_b: b.scope.iter().flatten().cloned().collect(),
        threshold: p.threshold(&s),
        covered: s.total >= p.threshold(&s),
        score: super::compare::rounded(s),
    }
}
