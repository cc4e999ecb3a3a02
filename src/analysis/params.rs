//! The engine's parameters and thresholds, with their defaults in one place.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Params {
    /// Weight of text similarity in the hybrid score; the rest goes to tag agreement (when both have tags).
    pub text_weight: f64,
    /// Score at or above which an outcome counts as covered by its best match.
    pub cover: f64,
    /// The coverage threshold when either outcome has no tags: a text-only score lacks the tag-agreement
    /// part of the hybrid, so it runs lower for the same degree of match.
    pub cover_text: f64,
    /// Share of a critical domain's outcomes left uncovered at which the domain is flagged.
    pub flag: f64,
    /// Share of measured critical domains that must be flagged to rule a shortened training out.
    pub rule_out: f64,
    /// Coverage at or above which (with no flagged domain) two curricula count as equivalent.
    pub equivalent: f64,
}

impl Params {
    /// The threshold that applies to a score: hybrid or text-only.
    pub fn threshold(&self, s: &super::corpus::Score) -> f64 {
        if s.tags.is_some() {
            self.cover
        } else {
            self.cover_text
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            text_weight: 0.6,
            cover: 0.35,
            cover_text: 0.2,
            flag: 0.5,
            rule_out: 0.5,
            equivalent: 0.9,
        }
    }
}
