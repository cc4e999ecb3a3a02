//! Hub and spoke: what a set of curricula share — all of them (the core), each subset of two or more — and
//! what each keeps as its own (its spoke), at competency and outcome level; and the share of each programme a
//! common hub would replace. Outcome sharing is the engine's measured coverage (`compare::coverage`),
//! competency sharing the tag sets of `sets`; nothing here scores text.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::compare::{self, Coverage, round};
use super::corpus::Side;
use super::params::Params;
use super::sets;
use crate::model::Curriculum;

/// How an outcome's credits are counted, computed by [`outcome_credits`]: its module's credits spread evenly
/// over the module's outcomes; a module without credits adds none. The report layer words it (a string in
/// JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CreditRule;

/// What a hub of some curricula would replace in one of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub curriculum: String,
    /// The programme's outcomes, and how many of them the hub holds (a partial match counts half).
    pub outcomes: usize,
    pub hub_outcomes: f64,
    pub outcome_share: f64,
    /// The programme's credits (the sum of its modules'), and those of the outcomes the hub holds.
    pub credits: f64,
    pub hub_credits: f64,
    pub credit_share: f64,
    /// At competency level: the credits of the programme's outcomes whose every competency all members
    /// carry (untagged outcomes never count), and their share — what the shared competencies take of it,
    /// whether or not the other members' outcomes cover these ones.
    pub competency_credits: f64,
    pub competency_credit_share: f64,
}

/// An outcome and the credits it carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubOutcome {
    pub curriculum: String,
    pub module: String,
    pub outcome: String,
    pub text: String,
    pub credits: f64,
    /// The outcome is marked `derived from aims` in its spec.
    pub derived_from_aims: bool,
}

/// What the curricula of `members` share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subset {
    pub members: Vec<String>,
    /// Competencies every member's outcomes carry.
    pub competencies: Vec<String>,
    /// Of those, the ones no other compared curriculum carries (these members' own region).
    pub only_competencies: Vec<String>,
    /// Per member: the share of its programme a hub of these members would replace — its outcomes every
    /// other member covers (a partial match counts half).
    pub shares: Vec<Share>,
    /// The members' outcomes covered by every other member and by no compared curriculum outside them.
    pub outcomes: Vec<HubOutcome>,
    /// The smallest credit share among the members: what a hub of them would replace of every one.
    pub least_share: f64,
}

/// What one curriculum keeps as its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spoke {
    pub curriculum: String,
    /// Competencies no other compared curriculum carries.
    pub competencies: Vec<String>,
    /// Its outcomes no other compared curriculum covers, even in part.
    pub outcomes: Vec<HubOutcome>,
    /// The share no other curriculum covers (a partial match leaves half), by outcomes and by credits.
    pub outcome_share: f64,
    pub credits: f64,
    pub credit_share: f64,
}

/// The whole hub-and-spoke analysis: the JSON of `overlap hub`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hub {
    pub curricula: Vec<String>,
    /// Shared by all the curricula.
    pub core: Subset,
    /// Every smaller subset of two or more that shares a competency or an outcome, largest first.
    pub subsets: Vec<Subset>,
    pub spokes: Vec<Spoke>,
    /// The programme of which the core would replace the smallest share of credits, and that share.
    pub smallest: String,
    pub smallest_share: f64,
    /// The threshold the smallest share is held against (`Params::hub`).
    pub threshold: f64,
    /// Whether the core replaces at least the threshold's share of every programme.
    pub worth_building: bool,
    pub credit_rule: CreditRule,
}

/// One compared curriculum: its outcomes' credits, and the credit each other curriculum's coverage gives
/// each of its outcomes (`covers[k][i]`: curriculum k covers outcome i; own index empty).
struct Member<'a> {
    side: &'a Side,
    credits: Vec<f64>,
    covers: Vec<Vec<f64>>,
}

/// Each outcome's credits under [`CreditRule`].
pub fn outcome_credits(side: &Side) -> Vec<f64> {
    let mut c = vec![0.0; side.items.len()];
    for m in &side.modules {
        let n = m.range.len();
        if n > 0 {
            for i in m.range.clone() {
                c[i] = f64::from(m.credits.unwrap_or(0)) / n as f64;
            }
        }
    }
    c
}

fn outcome(side: &Side, i: usize, credits: f64) -> HubOutcome {
    let it = &side.items[i];
    HubOutcome {
        curriculum: side.id.clone(),
        module: it.module.clone(),
        outcome: it.outcome.clone(),
        text: it.text.clone(),
        credits: round(credits),
        derived_from_aims: it.from_aims,
    }
}

/// A sum that is 0, not -0, when empty.
pub fn total(xs: impl Iterator<Item = f64>) -> f64 {
    xs.fold(0.0, |a, b| a + b)
}

fn share_of(x: f64, of: f64) -> f64 {
    if of > 0.0 { round(x / of) } else { 0.0 }
}

/// The subset `members` (indices into `all`).
fn subset(all: &[Member], tags: &[BTreeSet<String>], members: &[usize]) -> Subset {
    let inside = |k: usize| members.contains(&k);
    let mut shared = members
        .first()
        .map(|&k| tags[k].clone())
        .unwrap_or_default();
    for &k in members.iter().skip(1) {
        shared = shared.intersection(&tags[k]).cloned().collect();
    }
    let only = shared
        .iter()
        .filter(|t| (0..all.len()).all(|k| inside(k) || !tags[k].contains(*t)))
        .cloned()
        .collect();
    let mut shares = Vec::new();
    let mut outcomes = Vec::new();
    for &x in members {
        let m = &all[x];
        let (mut hub_n, mut hub_c, mut comp_c) = (0.0, 0.0, 0.0);
        for i in 0..m.side.items.len() {
            let tags = &m.side.items[i].tags;
            if !tags.is_empty() && tags.is_subset(&shared) {
                comp_c += m.credits[i];
            }
            let credit = members
                .iter()
                .filter(|&&k| k != x)
                .map(|&k| m.covers[k][i])
                .fold(1.0f64, f64::min);
            hub_n += credit;
            hub_c += credit * m.credits[i];
            let outside = (0..all.len()).filter(|&k| k != x && !inside(k));
            if credit >= 1.0 && outside.into_iter().all(|k| m.covers[k][i] < 1.0) {
                outcomes.push(outcome(m.side, i, m.credits[i]));
            }
        }
        let credits = total(m.credits.iter().copied());
        shares.push(Share {
            curriculum: m.side.id.clone(),
            outcomes: m.side.items.len(),
            hub_outcomes: round(hub_n),
            outcome_share: share_of(hub_n, m.side.items.len() as f64),
            credits: round(credits),
            hub_credits: round(hub_c),
            credit_share: share_of(hub_c, credits),
            competency_credits: round(comp_c),
            competency_credit_share: share_of(comp_c, credits),
        });
    }
    Subset {
        least_share: shares
            .iter()
            .map(|x| x.credit_share)
            .reduce(f64::min)
            .unwrap_or(0.0),
        members: members.iter().map(|&k| all[k].side.id.clone()).collect(),
        competencies: shared.into_iter().collect(),
        only_competencies: only,
        shares,
        outcomes,
    }
}

fn spoke(all: &[Member], tags: &[BTreeSet<String>], x: usize) -> Spoke {
    let m = &all[x];
    let (mut own_n, mut own_c) = (0.0, 0.0);
    let mut outcomes = Vec::new();
    for i in 0..m.side.items.len() {
        let best = (0..all.len())
            .filter(|&k| k != x)
            .map(|k| m.covers[k][i])
            .fold(0.0f64, f64::max);
        own_n += 1.0 - best;
        own_c += (1.0 - best) * m.credits[i];
        if best == 0.0 {
            outcomes.push(outcome(m.side, i, m.credits[i]));
        }
    }
    let credits = total(m.credits.iter().copied());
    Spoke {
        curriculum: m.side.id.clone(),
        competencies: tags[x]
            .iter()
            .filter(|t| (0..all.len()).all(|k| k == x || !tags[k].contains(*t)))
            .cloned()
            .collect(),
        outcomes,
        outcome_share: share_of(own_n, m.side.items.len() as f64),
        credits: round(own_c),
        credit_share: share_of(own_c, credits),
    }
}

/// Every subset of `0..n` with two or more members, largest first, then in the curricula's order.
fn subsets_of(n: usize) -> Vec<Vec<usize>> {
    let mut all: Vec<Vec<usize>> = (0u64..1 << n)
        .map(|bits| (0..n).filter(|k| bits & (1 << k) != 0).collect::<Vec<_>>())
        .filter(|s| s.len() >= 2)
        .collect();
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all
}

/// The most curricula a hub is computed for: its subsets number 2^n.
pub const MAX_CURRICULA: usize = 12;

/// The hub of `sides`, given `coverage(k, x)`: the engine's coverage of curriculum x by curriculum k (for
/// every k ≠ x). At most [`MAX_CURRICULA`] sides.
pub fn hub<'c>(sides: &[Side], coverage: impl Fn(usize, usize) -> &'c Coverage, p: &Params) -> Hub {
    let n = sides.len();
    let members: Vec<Member> = (0..n)
        .map(|x| Member {
            side: &sides[x],
            credits: outcome_credits(&sides[x]),
            covers: (0..n)
                .map(|k| {
                    if k == x {
                        Vec::new()
                    } else {
                        let c = coverage(k, x);
                        c.outcomes.iter().map(|o| o.credit_at(p)).collect()
                    }
                })
                .collect(),
        })
        .collect();
    let tags: Vec<BTreeSet<String>> = sides.iter().map(sets::all_competencies).collect();
    let mut all = subsets_of(n.min(MAX_CURRICULA)).into_iter();
    let core = subset(&members, &tags, &all.next().unwrap_or_default());
    let subsets = all
        .map(|s| subset(&members, &tags, &s))
        .filter(|s| !s.competencies.is_empty() || s.shares.iter().any(|x| x.hub_outcomes > 0.0))
        .collect();
    let smallest = core
        .shares
        .iter()
        .min_by(|a, b| a.credit_share.total_cmp(&b.credit_share))
        .map(|s| (s.curriculum.clone(), s.credit_share))
        .unwrap_or_default();
    Hub {
        curricula: sides.iter().map(|s| s.id.clone()).collect(),
        spokes: (0..n).map(|x| spoke(&members, &tags, x)).collect(),
        core,
        subsets,
        worth_building: smallest.1 >= p.hub,
        smallest: smallest.0,
        smallest_share: smallest.1,
        threshold: p.hub,
        credit_rule: CreditRule,
    }
}

impl super::Engine<'_> {
    /// The hub of `list`, from the engine's coverage of every curriculum by every other (both directions of
    /// each pair read one score matrix, as in `compare::analyse`).
    pub fn hub(&self, list: &[&Curriculum]) -> Hub {
        let sides: Vec<Side> = list.iter().map(|c| self.corpus.side(c)).collect();
        let mut cov: HashMap<(usize, usize), Coverage> = HashMap::new();
        for i in 0..sides.len() {
            for j in i + 1..sides.len() {
                let (a, b) = (&sides[i], &sides[j]);
                let scores = compare::score_matrix(a, b, &self.params);
                let ab = compare::coverage(a, b, scores.view(), &self.params, &self.reviews);
                let ba = compare::coverage(b, a, scores.t(), &self.params, &self.reviews);
                cov.insert((i, j), ab);
                cov.insert((j, i), ba);
            }
        }
        hub(&sides, |k, x| &cov[&(k, x)], &self.params)
    }

    /// The hub of `list` from the coverage of `pairs` already measured (every pair of `list`, as
    /// `Engine::compare` returns them), so a report measures each pair once.
    pub fn hub_of_pairs(&self, list: &[&Curriculum], pairs: &[super::Pair]) -> Option<Hub> {
        let sides: Vec<Side> = list.iter().map(|c| self.corpus.side(c)).collect();
        let index = |id: &str| sides.iter().position(|s| s.id == id);
        let mut cov: HashMap<(usize, usize), &Coverage> = HashMap::new();
        for p in pairs {
            let (i, j) = (index(&p.a.id)?, index(&p.b.id)?);
            cov.insert((i, j), &p.a_covers_b);
            cov.insert((j, i), &p.b_covers_a);
        }
        let n = sides.len();
        let complete = (0..n).all(|k| (0..n).all(|x| k == x || cov.contains_key(&(k, x))));
        complete.then(|| hub(&sides, |k, x| cov[&(k, x)], &self.params))
    }
}
