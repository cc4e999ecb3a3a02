//! The outcomes under analysis, each with its TF-IDF vector and tags, and the hybrid score between two.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::params::Params;
use super::text::{SparseVec, TfIdf, terms};
use crate::model::{Catalog, Curriculum, Module, domain_of};

/// One outcome as the engine sees it.
#[derive(Debug, Clone)]
pub struct Item {
    pub curriculum: String,
    pub module: String,
    pub outcome: String,
    pub text: String,
    pub tags: BTreeSet<String>,
    pub domains: BTreeSet<String>,
    pub url: Option<String>,
    pub vec: SparseVec,
    /// Weight of this item when shares are counted (aims paragraphs count less than outcomes).
    pub weight: f64,
}

/// A fitted text model: every outcome of the catalog plus any extra texts, so scores do not depend on which
/// curricula happen to be compared together.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub tfidf: TfIdf,
    /// The vector of every text the model was fitted on, so an outcome is tokenised once, at fit time.
    vectors: HashMap<String, SparseVec>,
}

impl Corpus {
    pub fn fit(catalog: &Catalog, extra: &[String]) -> Corpus {
        let texts: Vec<&str> = catalog
            .curricula
            .iter()
            .flat_map(|c| c.modules.iter().flat_map(|m| m.outcomes.iter()))
            .map(|o| o.text.as_str())
            .chain(extra.iter().map(String::as_str))
            .collect();
        let docs: Vec<Vec<String>> = texts.iter().map(|t| terms(t)).collect();
        let tfidf = TfIdf::fit(docs.iter().map(Vec::as_slice));
        let vectors = texts
            .iter()
            .zip(&docs)
            .map(|(t, d)| (t.to_string(), tfidf.vector(d)))
            .collect();
        Corpus { tfidf, vectors }
    }

    /// The TF-IDF vector of a text: from the fit when the text was part of it, else computed.
    pub fn vector(&self, text: &str) -> SparseVec {
        match self.vectors.get(text) {
            Some(v) => v.clone(),
            None => self.tfidf.vector(&terms(text)),
        }
    }

    pub fn item(&self, curriculum: &str, module: &Module, o: &crate::model::Outcome) -> Item {
        let tags: BTreeSet<String> = o.tags.iter().cloned().collect();
        Item {
            curriculum: curriculum.to_string(),
            module: module.id.clone(),
            outcome: o.id.clone(),
            text: o.text.clone(),
            domains: tags.iter().map(|t| domain_of(t).to_string()).collect(),
            tags,
            url: o.provenance.as_ref().map(|p| p.url.clone()),
            vec: self.vector(&o.text),
            weight: 1.0,
        }
    }

    /// The items of a curriculum, module by module, in file order.
    pub fn side(&self, c: &Curriculum) -> Side {
        let mut items = Vec::new();
        let mut modules = Vec::new();
        for m in &c.modules {
            let start = items.len();
            items.extend(m.outcomes.iter().map(|o| self.item(&c.id, m, o)));
            modules.push(SideModule {
                id: m.id.clone(),
                title: m.title.clone(),
                credits: m.credits,
                range: start..items.len(),
            });
        }
        Side {
            id: c.id.clone(),
            items,
            modules,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SideModule {
    pub id: String,
    pub title: String,
    pub credits: Option<u32>,
    pub range: std::ops::Range<usize>,
}

/// One side of a comparison: a curriculum's outcomes and its modules as ranges over them.
#[derive(Debug, Clone)]
pub struct Side {
    pub id: String,
    pub items: Vec<Item>,
    pub modules: Vec<SideModule>,
}

/// A score with its parts, so every number can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub text: f64,
    /// Tag agreement; `None` when either outcome has no tags (then the score is text only).
    pub tags: Option<f64>,
    pub total: f64,
}

fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Tag agreement: Jaccard of competencies, with a quarter of the weight on Jaccard of their domains, so two
/// outcomes in the same domain but different competencies agree a little.
pub fn tag_agreement(a: &Item, b: &Item) -> Option<f64> {
    if a.tags.is_empty() || b.tags.is_empty() {
        return None;
    }
    Some(0.75 * jaccard(&a.tags, &b.tags) + 0.25 * jaccard(&a.domains, &b.domains))
}

pub fn score(a: &Item, b: &Item, p: &Params) -> Score {
    let text = a.vec.dot(&b.vec);
    let tags = tag_agreement(a, b);
    let total = match tags {
        Some(t) => p.text_weight * text + (1.0 - p.text_weight) * t,
        None => text,
    };
    Score { text, tags, total }
}
