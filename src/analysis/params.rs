//! The engine's parameters and thresholds, with their defaults in one place. Help text, the report's Method
//! and parameters table and `explain` all read them from here; nothing restates a number.
//!
//! The similarity defaults were chosen on the development split of the expert gold set
//! (`tests/gold/`, `cargo run --release --example accuracy`), never on its test split, except `cover`,
//! `mutual` and `close`, rules of thumb that their comments explain.

use serde::Serialize;

/// How outcome texts are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Words only: TF-IDF cosine over stemmed words and word pairs.
    Lexical,
    /// Meaning and words: a sentence-embedding cosine blended with the TF-IDF cosine.
    Meaning,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Lexical => "lexical",
            Method::Meaning => "meaning",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Params {
    pub method: Method,
    /// Share of the text score that comes from meaning (embedding cosine); the rest is the TF-IDF cosine.
    pub meaning_weight: f64,
    /// The same share when the score is text alone (no tags on either side, or tag weight 0): with nothing
    /// but the wording to go on, meaning carries more of the score than where tags or their glosses speak too.
    pub meaning_weight_text: f64,
    /// Embedding cosine at or below which two texts count as unrelated; the range above it is stretched to
    /// [0, 1] (the model scores unrelated outcomes of one field 0.3–0.5).
    pub meaning_floor: f64,
    /// Share of the score that comes from tag agreement when both outcomes carry tags (0 = text alone).
    pub tag_weight: f64,
    /// When only one outcome carries tags: share of the text score that compares the untagged text with what
    /// the tags mean (their competencies' titles and descriptions). Off when the tag weight is 0.
    pub gloss_weight: f64,
    /// Score at or above which an outcome counts as covered, when both outcomes carry tags. Set by rule of
    /// thumb, not on labels (no labelled tagged pairs exist): a text score at the text-only threshold plus tag
    /// agreement of about 0.77 (two outcomes sharing their main competency) reaches it.
    pub cover: f64,
    /// The coverage threshold when one outcome carries tags and the other is compared with what they mean
    /// (a university outcome against a national one).
    pub cover_gloss: f64,
    /// The coverage threshold when the score is text only (no tags on either side, or tag weight 0).
    pub cover_text: f64,
    /// A best match scoring at least this share of the threshold counts as partial coverage (half credit).
    pub partial: f64,
    /// A text-only score of a mutual best match (each outcome is the other's best counterpart) counts as
    /// covered from this share of the threshold: two texts that pick each other out of both curricula say the
    /// same thing, even when different words keep the score low. Tagged scores do not need it (shared tags
    /// already say so). 1 turns the rule off. A rule of thumb: the partial band's own share (the gold set
    /// checks university modules, where the rule is not used).
    pub mutual: f64,
    /// A mapping that covers one way only is a close match (`skos:closeMatch`) from this multiple of its
    /// coverage threshold; below it, the outcome that covers is the broader one. A rule of thumb, not chosen
    /// on labels (the gold set labels matches, not their breadth).
    pub close: f64,
    /// Factor on the score of two outcomes written for incompatible populations (adult vs children), unless
    /// the national competency is population-neutral.
    pub context_penalty: f64,
    /// Bonus added, when choosing a university outcome's national counterpart, to outcomes of the national
    /// module the whole descriptor matches best (a module is written for one purpose).
    pub module_prior: f64,
    /// Weight of a descriptor's aims sentences relative to its outcomes when they cover a national outcome.
    pub aims_weight: f64,
    /// Below this coverage the best national module is a poor fit: `check`'s verdict when no acceptance model
    /// decides matches (the acceptance model's `fit` share decides otherwise), and one of the model's evidence.
    pub poor_fit: f64,
    /// `check`: whether a university outcome's best national pick counts as matched. `None` (and the lexical
    /// method, on which it was not fitted): its score against the threshold alone.
    pub accept: Option<Acceptance>,
    /// Share of a critical domain's outcomes left uncovered at which the domain is flagged.
    pub flag: f64,
    /// Share of measured critical domains that must be flagged to rule a shortened training out.
    pub rule_out: f64,
    /// Coverage at or above which (with no flagged domain) two curricula count as equivalent.
    pub equivalent: f64,
    /// Share of every programme's credits a common core must replace for a shared hub to be worth building.
    /// A rule of thumb, not fitted: at half, each programme would be taught more in common than on its own,
    /// which is what a hub-and-spoke structure has to offer over separate programmes.
    pub hub: f64,
}

impl Params {
    pub const DEFAULT: Params = Params {
        method: Method::Meaning,
        meaning_weight: 0.4,
        meaning_weight_text: 0.6,
        meaning_floor: 0.1,
        tag_weight: 0.4,
        gloss_weight: 0.6,
        cover: 0.5,
        cover_gloss: 0.28,
        cover_text: 0.42,
        partial: 0.7,
        mutual: 0.7,
        close: 1.25,
        context_penalty: 0.3,
        module_prior: 0.05,
        aims_weight: 0.8,
        poor_fit: 0.4,
        accept: Some(Acceptance::FITTED),
        flag: 0.5,
        rule_out: 0.5,
        equivalent: 0.9,
        hub: 0.5,
    };

    /// The share of meaning in a text score: for a text-only score, or one beside tags or a gloss.
    pub fn meaning_share(&self, text_only: bool) -> f64 {
        if text_only {
            self.meaning_weight_text
        } else {
            self.meaning_weight
        }
    }

    /// The threshold that applies to a score: with tag agreement, with a gloss, or text only.
    pub fn threshold(&self, s: &super::similarity::Score) -> f64 {
        if s.tags.is_some() {
            self.cover
        } else if s.gloss.is_some() {
            self.cover_gloss
        } else {
            self.cover_text
        }
    }

    /// Credit an outcome earns from its best match: 1 covered, ½ partial, 0 otherwise. `mutual`: the match
    /// is also the best the other outcome has.
    pub fn credit(&self, s: &super::similarity::Score, mutual: bool) -> f64 {
        let t = self.threshold(s);
        let text_only = s.tags.is_none() && s.gloss.is_none();
        if s.total >= t || (mutual && text_only && s.total >= self.mutual * t) {
            1.0
        } else if s.total >= self.partial * t {
            0.5
        } else {
            0.0
        }
    }

    /// Every parameter as (name, value, meaning), for the parameters table and the Method text.
    pub fn table(&self) -> Vec<(&'static str, f64, &'static str)> {
        vec![
            (
                "meaning_weight",
                self.meaning_weight,
                "share of the text score from meaning (embedding cosine); the rest is TF-IDF",
            ),
            (
                "meaning_weight_text",
                self.meaning_weight_text,
                "the same share when the score is text alone (no tags, or tag weight 0)",
            ),
            (
                "meaning_floor",
                self.meaning_floor,
                "embedding cosine counted as unrelated; above it stretched to 0–1",
            ),
            (
                "tag_weight",
                self.tag_weight,
                "share of the score from tag agreement when both outcomes carry tags",
            ),
            (
                "gloss_weight",
                self.gloss_weight,
                "when one outcome is untagged: share of its text score taken against what the other's tags mean",
            ),
            (
                "cover",
                self.cover,
                "score at or above which an outcome is covered (both tagged)",
            ),
            (
                "cover_gloss",
                self.cover_gloss,
                "score at or above which an outcome is covered (one side tagged, compared with what its tags mean)",
            ),
            (
                "cover_text",
                self.cover_text,
                "score at or above which an outcome is covered (text only)",
            ),
            (
                "partial",
                self.partial,
                "share of the threshold from which a best match counts as partial (half credit)",
            ),
            (
                "mutual",
                self.mutual,
                "share of the threshold from which a mutual best match (each the other's best) on text alone counts as covered",
            ),
            (
                "close",
                self.close,
                "multiple of the threshold from which a match that covers one way only is a close match (SSSOM)",
            ),
            (
                "context_penalty",
                self.context_penalty,
                "factor on scores across incompatible populations (unless the competency is population-neutral)",
            ),
            (
                "module_prior",
                self.module_prior,
                "bonus for outcomes of the best-matching national module when picking a counterpart",
            ),
            (
                "aims_weight",
                self.aims_weight,
                "weight of aims sentences relative to outcomes",
            ),
            (
                "poor_fit",
                self.poor_fit,
                "best national module coverage below which a module is a poor fit (without the acceptance model; evidence for it)",
            ),
            (
                "flag",
                self.flag,
                "share of a critical domain left uncovered at which it is flagged",
            ),
            (
                "rule_out",
                self.rule_out,
                "share of critical domains flagged at which a shortened training is ruled out",
            ),
            (
                "equivalent",
                self.equivalent,
                "coverage at or above which (nothing flagged) curricula are equivalent",
            ),
            (
                "hub",
                self.hub,
                "share of every programme's credits a common core must replace for a shared hub to be worth building",
            ),
        ]
    }
}

/// The evidence on a university outcome's best national pick that [`Acceptance`] weighs, in this order.
pub const EVIDENCE: [(&str, &str); 6] = [
    (
        "ratio",
        "the pick's score over the threshold that applies to it",
    ),
    (
        "margin",
        "the pick's score less the best of the next four picks'",
    ),
    (
        "fit",
        "1 when the module covers its best national module to at least poor_fit, else 0",
    ),
    (
        "coverage",
        "the best national module's coverage by the module",
    ),
    ("module_score", "the best national module's score"),
    (
        "in_module",
        "1 when the pick is an outcome of the best national module, else 0",
    ),
];

/// A logistic model of whether an expert accepts a university outcome's best national pick, from the pick's
/// [`EVIDENCE`]: a score alone cannot tell a generic outcome that resembles many national ones (research,
/// reflection) from one that implements a national outcome; how far the pick stands out and whether the module
/// implements a national module can. Fitted on the gold set's dev split with
/// `cargo run --release --example accuracy -- --fit-accept` (L2-regularised, standardised evidence, the bar
/// chosen for the most covered-and-right plus no-match-left-unmatched); the test split is only reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Acceptance {
    pub bias: f64,
    /// One weight per entry of [`EVIDENCE`], on the raw (unstandardised) evidence.
    pub weights: [f64; 6],
    /// Probability at or above which the pick counts as matched; from `partial` times it, half.
    pub bar: f64,
    /// Share of the module's outcomes matched at or above which the module fits a national curriculum: a
    /// module whose outcomes find their counterparts implements national training even where it teaches only
    /// part of a national module (so coverage alone would call it a poor fit), and a module that covers some
    /// of a national module with outcomes of its own purpose does not.
    pub fit: f64,
}

impl Acceptance {
    pub const FITTED: Acceptance = Acceptance {
        bias: -3.2679,
        weights: [0.4242, 13.7698, 0.1806, 1.8016, 5.4822, 0.6959],
        bar: 0.5,
        fit: 0.475,
    };

    /// The credit a pick with this evidence earns: 1 from probability `bar`, ½ from `partial` × `bar`, else 0.
    /// A pick scoring below `partial` of its threshold earns none whatever the probability: the thresholds a
    /// user sets stay a floor under the model, as under the threshold rule.
    pub fn credit(&self, evidence: &[f64; 6], partial: f64) -> f64 {
        let pr = self.probability(evidence);
        if evidence[0] < partial {
            0.0
        } else if pr >= self.bar {
            1.0
        } else if pr >= partial * self.bar {
            0.5
        } else {
            0.0
        }
    }

    /// The probability that an expert accepts a pick with this evidence.
    pub fn probability(&self, evidence: &[f64; 6]) -> f64 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(evidence)
                .map(|(w, x)| w * x)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Score;

    fn score(total: f64, tags: Option<f64>) -> Score {
        Score {
            text: total,
            lexical: total,
            meaning: None,
            tags,
            gloss: None,
            context: 1.0,
            total,
        }
    }

    #[test]
    fn a_mutual_best_match_on_text_is_covered_from_its_share_of_the_threshold() {
        let p = Params::DEFAULT;
        let t = p.cover_text;
        // In the partial band: half credit alone, full credit when the two outcomes pick each other.
        let s = score(0.9 * t, None);
        assert_eq!(p.credit(&s, false), 0.5);
        assert_eq!(p.credit(&s, true), 1.0);
        // Below the mutual share, mutuality earns nothing more than the partial band gives.
        let low = score(0.99 * p.mutual * t, None);
        assert_eq!(p.credit(&low, true), p.credit(&low, false));
        // With tags the threshold alone decides.
        let tagged = score(0.9 * p.cover, Some(0.5));
        assert_eq!(p.credit(&tagged, true), 0.5);
    }
}
