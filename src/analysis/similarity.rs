//! The one seam for comparing outcomes: how two outcomes are scored (words, meaning, tags, population
//! context), which threshold a score meets, and the parts that explain it. compare, check, explain, the gate
//! and `similarity` all score through here; the parameters live in [`super::params`].

use std::collections::BTreeSet;

use serde::Serialize;

use super::corpus::Item;
use super::embed;
use super::params::{Method, Params};

/// A score with its parts, so every number can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// The text score: TF-IDF cosine, blended with meaning when the method reads meaning.
    pub text: f64,
    /// TF-IDF cosine of the two texts.
    pub lexical: f64,
    /// Embedding cosine of the two texts, stretched above the floor; `None` with the lexical method.
    pub meaning: Option<f64>,
    /// Tag agreement; `None` when either outcome has no tags or tags carry no weight (then text only).
    pub tags: Option<f64>,
    /// When only one outcome has tags: the text score of the other against what those tags mean, already
    /// blended into `text`; `None` otherwise.
    pub gloss: Option<f64>,
    /// 1, or the context penalty when the two outcomes are for incompatible populations.
    pub context: f64,
    pub total: f64,
}

fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    // Both sets iterate in order: one merge counts what they share (tag sets hold a few entries, where
    // `BTreeSet::intersection`'s setup costs more than the walk; every outcome pair is scored).
    let (mut x, mut y) = (a.iter(), b.iter());
    let (mut p, mut q) = (x.next(), y.next());
    let mut inter = 0;
    while let (Some(u), Some(v)) = (p, q) {
        match u.cmp(v) {
            std::cmp::Ordering::Less => p = x.next(),
            std::cmp::Ordering::Greater => q = y.next(),
            std::cmp::Ordering::Equal => {
                inter += 1;
                p = x.next();
                q = y.next();
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Share of competency Jaccard in tag agreement; the rest is Jaccard of their domains, so two outcomes in the
/// same domain but different competencies agree a little.
pub const COMPETENCY_SHARE: f64 = 0.75;

pub fn tag_agreement(a: &Item, b: &Item) -> Option<f64> {
    if a.tags.is_empty() || b.tags.is_empty() {
        return None;
    }
    Some(
        COMPETENCY_SHARE * jaccard(&a.tags, &b.tags)
            + (1.0 - COMPETENCY_SHARE) * jaccard(&a.domains, &b.domains),
    )
}

/// Meaning on a 0–1 scale: the embedding cosine above the floor, stretched.
pub fn stretch(cosine: f64, p: &Params) -> f64 {
    ((cosine - p.meaning_floor) / (1.0 - p.meaning_floor)).clamp(0.0, 1.0)
}

/// Whether two outcomes may match given the populations they are written for: yes when either is
/// population-neutral (no scope), else when their scopes share a population.
pub fn compatible(a: &Item, b: &Item) -> bool {
    match (&a.scope, &b.scope) {
        (Some(x), Some(y)) => !x.is_disjoint(y),
        _ => true,
    }
}

/// The text part of a score: (lexical, meaning, blended).
fn text_score(
    va: &super::text::SparseVec,
    ea: &Option<embed::Embedding>,
    vb: &super::text::SparseVec,
    eb: &Option<embed::Embedding>,
    p: &Params,
    weight: f64,
) -> (f64, Option<f64>, f64) {
    let lexical = va.dot(vb);
    let meaning = match (p.method, ea, eb) {
        (Method::Meaning, Some(x), Some(y)) => Some(stretch(embed::cosine(x, y), p)),
        _ => None,
    };
    let text = match meaning {
        Some(m) => weight * m + (1.0 - weight) * lexical,
        None => lexical,
    };
    (lexical, meaning, text)
}

pub fn score(a: &Item, b: &Item, p: &Params) -> Score {
    let tags = if p.tag_weight > 0.0 {
        tag_agreement(a, b)
    } else {
        None
    };
    // One side tagged, the other not: the untagged text is also compared with what the tags mean.
    let glossed = if p.tag_weight > 0.0 && p.gloss_weight > 0.0 {
        match (&a.gloss, &b.gloss, a.tags.is_empty(), b.tags.is_empty()) {
            (Some(g), _, false, true) => Some((g, b)),
            (_, Some(g), true, false) => Some((g, a)),
            _ => None,
        }
    } else {
        None
    };
    let weight = p.meaning_share(tags.is_none() && glossed.is_none());
    let (lexical, meaning, mut text) = text_score(&a.vec, &a.emb, &b.vec, &b.emb, p, weight);
    let mut gloss = None;
    if let Some((g, plain)) = glossed {
        let (_, _, t) = text_score(&g.vec, &g.emb, &plain.vec, &plain.emb, p, weight);
        text = (1.0 - p.gloss_weight) * text + p.gloss_weight * t;
        gloss = Some(t);
    }
    let context = if compatible(a, b) {
        1.0
    } else {
        p.context_penalty
    };
    let blended = match tags {
        Some(t) => (1.0 - p.tag_weight) * text + p.tag_weight * t,
        None => text,
    };
    Score {
        text,
        lexical,
        meaning,
        tags,
        gloss,
        context,
        total: blended * context,
    }
}

/// A whole module as one TF-IDF document (its parts joined): compared by cosine with another module's, it is
/// robust where single outcomes are worded apart. Words only: a module is longer than the embedding model
/// reads.
pub fn document(corpus: &super::corpus::Corpus, parts: &[&str]) -> super::text::SparseVec {
    corpus.tfidf.vector(&super::text::terms(&parts.join(". ")))
}

/// Text scores of every line of `b` (rows) against every line of `a` (columns), as [`score`] computes a
/// text-only score: TF-IDF over `a` ∪ `b` (the inverted index of [`super::scale`]), blended with meaning under the
/// meaning method. Dense |B| × |A|: for files of hundreds of lines; `similarity --top` serves larger ones.
pub fn text_matrix(a: &[&str], b: &[&str], p: &Params) -> Result<ndarray::Array2<f32>, String> {
    let v = super::scale::vectorise(a, b);
    let index = super::scale::Index::build(&v.a, v.vocab);
    let mut m = super::scale::matrix(&index, &v.b);
    if p.method == Method::Meaning {
        let e = embed::Embedder::shared();
        let (ea, eb) = (e.embed(a)?, e.embed(b)?);
        for ((j, i), x) in m.indexed_iter_mut() {
            let meaning = stretch(embed::cosine(&eb[j], &ea[i]), p);
            let w = p.meaning_weight_text;
            *x = (w * meaning + (1.0 - w) * f64::from(*x)) as f32;
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::jaccard;
    use std::collections::BTreeSet;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn jaccard_is_shared_over_all() {
        let (ab, bc) = (set(&["a", "b"]), set(&["b", "c"]));
        assert_eq!(jaccard(&ab, &bc), 1.0 / 3.0);
        assert_eq!(jaccard(&ab, &ab), 1.0);
        assert_eq!(jaccard(&ab, &set(&["c", "d"])), 0.0);
        assert_eq!(jaccard(&set(&[]), &set(&[])), 0.0);
        assert_eq!(
            jaccard(&set(&["a", "c", "e", "g"]), &set(&["b", "c", "g", "h"])),
            2.0 / 6.0
        );
        assert_eq!(jaccard(&set(&["z"]), &set(&["a", "b", "z"])), 1.0 / 3.0);
    }
}
