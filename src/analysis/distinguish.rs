//! What distinguishes two roles: the competencies one curriculum's outcomes carry and the other's do not,
//! ordered by weight — competencies the taxonomy scopes to a setting first, then to a population, then the
//! rest; within each, by the credits of the outcomes that carry them. Settings and populations are data in
//! the taxonomy; the gate verdicts both ways come from `Engine::pair`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::compare::round;
use super::corpus::Side;
use super::gate::Verdict;
use super::hub::{CreditRule, outcome_credits, total};
use super::sets;
use crate::model::{Curriculum, Taxonomy, domain_of};

/// Why a competency is specific: the taxonomy scopes it to a setting, to a population, or to neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Setting,
    Population,
    General,
}

/// A module of one side and how much of it teaches what only that side has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleShare {
    pub module: String,
    pub title: String,
    pub credits: Option<u32>,
    pub outcomes: usize,
    /// Its outcomes carrying a distinguishing competency, and their credits.
    pub distinguishing: usize,
    pub distinguishing_credits: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distinct {
    pub competency: String,
    pub title: String,
    pub domain: String,
    pub critical: bool,
    pub scope: Scope,
    /// The settings or populations the taxonomy scopes it to.
    pub settings: Vec<String>,
    pub population: Vec<String>,
    /// The side's outcomes that carry it, the modules they are in, and their credits (the weight).
    pub outcomes: Vec<String>,
    /// Of those outcomes, the ones marked `derived from aims` in their spec.
    pub outcomes_from_aims: Vec<String>,
    pub modules: Vec<String>,
    pub credits: f64,
    /// The first of those outcomes' text, as an example of the competence.
    pub example: String,
}

/// One role and what only it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub curriculum: String,
    pub title: String,
    pub population: Vec<String>,
    pub settings: Vec<String>,
    pub competencies: Vec<Distinct>,
    pub modules: Vec<ModuleShare>,
    /// Credits of the outcomes carrying any distinguishing competency, and the programme's credits.
    pub credits: f64,
    pub of_credits: f64,
    /// The gate verdict and top-up credits for a holder of the other role moving to this one.
    pub verdict_from_other: Verdict,
    pub topup_credits: u64,
}

/// The JSON of `overlap distinguish A B`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distinction {
    pub a: Role,
    pub b: Role,
    /// Competencies both carry.
    pub shared: Vec<String>,
    /// How the credits are counted: the hub's rule.
    pub credit_rule: CreditRule,
}

/// `side`'s role, given the competencies only it has and the gate towards it: `(verdict, top-up credits)`.
fn role(
    side: &Side,
    c: &Curriculum,
    only: &BTreeSet<String>,
    tax: &Taxonomy,
    (verdict, topup_credits): (Verdict, u64),
) -> Role {
    let credits = outcome_credits(side);
    let mut competencies: Vec<Distinct> = only
        .iter()
        .map(|tag| {
            let idx: Vec<usize> = (0..side.items.len())
                .filter(|&i| side.items[i].tags.contains(tag))
                .collect();
            let comp = tax.competency(tag);
            let settings = comp.map(|c| c.settings.clone()).unwrap_or_default();
            let population = comp.map(|c| c.population.clone()).unwrap_or_default();
            let domain = domain_of(tag);
            let mut modules: Vec<String> = Vec::new();
            for &i in &idx {
                if !modules.contains(&side.items[i].module) {
                    modules.push(side.items[i].module.clone());
                }
            }
            Distinct {
                competency: tag.clone(),
                title: comp.map_or_else(|| tag.clone(), |c| c.title.clone()),
                domain: domain.to_string(),
                critical: tax.domain(domain).is_some_and(|d| d.critical),
                scope: if !settings.is_empty() {
                    Scope::Setting
                } else if !population.is_empty() {
                    Scope::Population
                } else {
                    Scope::General
                },
                settings,
                population,
                outcomes: idx.iter().map(|&i| side.items[i].outcome.clone()).collect(),
                outcomes_from_aims: idx
                    .iter()
                    .filter(|&&i| side.items[i].from_aims)
                    .map(|&i| side.items[i].outcome.clone())
                    .collect(),
                modules,
                credits: round(total(idx.iter().map(|&i| credits[i]))),
                example: idx
                    .first()
                    .map(|&i| side.items[i].text.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    competencies.sort_by(|x, y| {
        x.scope
            .cmp(&y.scope)
            .then(y.credits.total_cmp(&x.credits))
            .then(x.competency.cmp(&y.competency))
    });
    let marks = |i: usize| side.items[i].tags.iter().any(|t| only.contains(t));
    let modules = side
        .modules
        .iter()
        .map(|m| {
            let idx: Vec<usize> = m.range.clone().filter(|&i| marks(i)).collect();
            ModuleShare {
                module: m.id.clone(),
                title: m.title.clone(),
                credits: m.credits,
                outcomes: m.range.len(),
                distinguishing: idx.len(),
                distinguishing_credits: round(total(idx.iter().map(|&i| credits[i]))),
            }
        })
        .collect();
    Role {
        curriculum: c.id.clone(),
        title: c.title.clone(),
        population: c.population.clone(),
        settings: c.settings.clone(),
        competencies,
        modules,
        credits: round(total(
            (0..side.items.len())
                .filter(|&i| marks(i))
                .map(|i| credits[i]),
        )),
        of_credits: round(total(credits.iter().copied())),
        verdict_from_other: verdict,
        topup_credits,
    }
}

impl super::Engine<'_> {
    pub fn distinguish(&self, a: &Curriculum, b: &Curriculum) -> Distinction {
        self.distinction(a, b, &self.pair(a, b))
    }

    /// The distinction of `a` and `b` given their measured `pair` (from `Engine::pair` or `compare`).
    pub fn distinction(&self, a: &Curriculum, b: &Curriculum, pair: &super::Pair) -> Distinction {
        let tax = &self.catalog.taxonomy;
        let (sa, sb) = (self.corpus.side(a), self.corpus.side(b));
        let (ca, cb) = (sets::all_competencies(&sa), sets::all_competencies(&sb));
        let only = |x: &BTreeSet<String>, y: &BTreeSet<String>| x.difference(y).cloned().collect();
        let towards_a = (pair.gate_ba.verdict.clone(), pair.topup_ba.credits);
        let towards_b = (pair.gate_ab.verdict.clone(), pair.topup_ab.credits);
        Distinction {
            a: role(&sa, a, &only(&ca, &cb), tax, towards_a),
            b: role(&sb, b, &only(&cb, &ca), tax, towards_b),
            shared: ca.intersection(&cb).cloned().collect(),
            credit_rule: CreditRule,
        }
    }
}
