//! Reviewers' decisions as coverage reads them: for an outcome of the covered side, which outcomes of the
//! covering side a person accepted (they cover it, whatever the score) or rejected (they never cover it).
//! Coverage applies them in [`super::compare::coverage`], so the gate, top-ups and `check` follow.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::review::{Decision, Direction};

/// Whether a reviewer's decision stands behind a figure. Ordered: a figure resting on an acceptance and a
/// rejection reports the acceptance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    /// The model's proposal, unreviewed.
    #[default]
    None,
    /// The model's preferred counterpart was rejected; the next best allowed one is used.
    Rejected,
    /// A reviewer accepted the counterpart: covered at full credit.
    Accepted,
}

/// (curriculum id, outcome id).
type Key = (String, String);

/// Decisions by the outcome covered: for each, (covering curriculum, covering outcome, accepted).
#[derive(Debug, Clone, Default)]
pub struct Reviews {
    by_covered: HashMap<Key, Vec<(Key, bool)>>,
}

impl Reviews {
    pub fn new(decisions: &[Decision]) -> Reviews {
        let mut by_covered: HashMap<Key, Vec<(Key, bool)>> = HashMap::new();
        let key = |k: &crate::model::review::OutcomeKey| (k.curriculum.clone(), k.outcome.clone());
        for d in decisions {
            let (s, o) = (key(&d.subject), key(&d.object));
            if d.direction != Direction::ObjectCovers {
                by_covered
                    .entry(o.clone())
                    .or_default()
                    .push((s.clone(), d.accept));
            }
            if d.direction != Direction::SubjectCovers {
                by_covered.entry(s).or_default().push((o, d.accept));
            }
        }
        Reviews { by_covered }
    }

    pub fn is_empty(&self) -> bool {
        self.by_covered.is_empty()
    }

    /// The decision on whether `by` (curriculum, outcome) covers `covered`: accepted, rejected or none.
    pub fn decision(&self, covered: (&str, &str), by: (&str, &str)) -> Option<bool> {
        self.by_covered
            .get(&(covered.0.to_string(), covered.1.to_string()))?
            .iter()
            .rev()
            .find(|((c, o), _)| c == by.0 && o == by.1)
            .map(|(_, accept)| *accept)
    }

    /// The decisions about what covers `outcome` of `curriculum`, made for outcomes of `from`: (covering
    /// outcome id, accepted). A later row about the same pair overrides an earlier one.
    pub fn covering(&self, curriculum: &str, outcome: &str, from: &str) -> Vec<(&str, bool)> {
        let mut v: Vec<(&str, bool)> = Vec::new();
        for ((c, o), accept) in self
            .by_covered
            .get(&(curriculum.to_string(), outcome.to_string()))
            .into_iter()
            .flatten()
        {
            if c == from {
                v.retain(|(x, _)| x != o);
                v.push((o, *accept));
            }
        }
        v
    }
}

/// The one rule by which decisions change a choice of counterpart, for coverage and `check` alike:
/// `ranked` holds the candidates best first; a rejected one is dropped, and the best accepted one goes first
/// (it covers at full credit). The review says which decision stands behind the first candidate: accepted,
/// rejected (the model's first choice was rejected) or none.
pub fn apply<T>(ranked: Vec<T>, decision: impl Fn(&T) -> Option<bool>) -> (Vec<T>, Review) {
    let first_rejected = ranked.first().is_some_and(|c| decision(c) == Some(false));
    let mut kept: Vec<T> = ranked
        .into_iter()
        .filter(|c| decision(c) != Some(false))
        .collect();
    if let Some(k) = kept.iter().position(|c| decision(c) == Some(true)) {
        let c = kept.remove(k);
        kept.insert(0, c);
        return (kept, Review::Accepted);
    }
    let review = if first_rejected {
        Review::Rejected
    } else {
        Review::None
    };
    (kept, review)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_candidates_drop_out_and_the_accepted_one_goes_first() {
        let d = |c: &&str| match *c {
            "x" => Some(false),
            "z" => Some(true),
            _ => None,
        };
        assert_eq!(apply(vec!["x", "y"], d), (vec!["y"], Review::Rejected));
        assert_eq!(apply(vec!["y", "x"], d), (vec!["y"], Review::None));
        assert_eq!(
            apply(vec!["x", "y", "z"], d),
            (vec!["z", "y"], Review::Accepted)
        );
        assert_eq!(apply(vec!["x"], d), (vec![], Review::Rejected));
    }
}
