//! Extending a role to another population (exploratory): for each loaded curriculum that trains for the
//! population, the modules and outcomes a holder of the role would add to cover its outcomes — the top-up
//! `Engine::pair` proposes — beside the gate verdict, which this never overrides: an extension adds to a role,
//! it does not turn one role into another.

use serde::Serialize;

use super::Pair;
use super::gate::Verdict;
use super::topup::TopUp;
use crate::model::Curriculum;

/// One curriculum that trains for the population, and what the role would add to cover it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub curriculum: String,
    pub title: String,
    /// Share of the target's outcomes the role already covers.
    pub coverage: f64,
    /// The gate's verdict on a shortened training from the role to the target, unchanged.
    pub verdict: Verdict,
    /// The target's outcomes the role does not cover, by the target's modules, with credits and supervised
    /// practice in settings the role does not share.
    pub additions: TopUp,
}

/// The JSON of `overlap extend ROLE --population POPULATION`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub role: String,
    pub population: String,
    /// Always true: the additions are a measured starting point for discussion, not a designed programme.
    pub exploratory: bool,
    pub targets: Vec<Target>,
    /// The target needing the fewest added credits.
    pub smallest: Option<String>,
}

impl super::Engine<'_> {
    /// The extension of `role` to `population`: every loaded curriculum other than `role` whose population
    /// includes it is a target.
    pub fn extend(&self, role: &Curriculum, population: &str) -> Extension {
        self.extend_with(role, population, &[])
    }

    /// [`Self::extend`], reading the gate and top-up of a pair already analysed in `known` (either way
    /// round: a pair's `gate_ba` is the gate from its `b` to its `a`) instead of analysing it again.
    fn extend_with(&self, role: &Curriculum, population: &str, known: &[Pair]) -> Extension {
        let targets: Vec<Target> = self
            .catalog
            .curricula
            .iter()
            .filter(|c| c.id != role.id && c.population.iter().any(|p| p == population))
            .map(|c| {
                let one_way = known.iter().find_map(|p| {
                    if p.a.id == role.id && p.b.id == c.id {
                        Some((&p.gate_ab, &p.topup_ab))
                    } else if p.a.id == c.id && p.b.id == role.id {
                        Some((&p.gate_ba, &p.topup_ba))
                    } else {
                        None
                    }
                });
                let (gate, additions) = match one_way {
                    Some((g, t)) => (g.clone(), t.clone()),
                    None => {
                        let pair = self.pair(role, c);
                        (pair.gate_ab, pair.topup_ab)
                    }
                };
                Target {
                    curriculum: c.id.clone(),
                    title: c.title.clone(),
                    coverage: gate.coverage,
                    verdict: gate.verdict,
                    additions,
                }
            })
            .collect();
        Extension {
            role: role.id.clone(),
            population: population.to_string(),
            exploratory: true,
            smallest: targets
                .iter()
                .min_by_key(|t| t.additions.credits)
                .map(|t| t.curriculum.clone()),
            targets,
        }
    }

    /// The extension of each of `roles` to every population of the taxonomy it does not train for and some
    /// loaded curriculum does, roles in the order given, populations in the taxonomy's order.
    /// Pairs already analysed in `known` are read from there.
    pub fn extensions(&self, roles: &[&Curriculum], known: &[Pair]) -> Vec<Extension> {
        let served = |p: &str| {
            self.catalog
                .curricula
                .iter()
                .any(|c| c.population.iter().any(|x| x == p))
        };
        roles
            .iter()
            .flat_map(|r| {
                self.catalog
                    .taxonomy
                    .populations
                    .iter()
                    .filter(|p| !r.population.contains(&p.id) && served(&p.id))
                    .map(|p| self.extend_with(r, &p.id, known))
            })
            .collect()
    }
}
