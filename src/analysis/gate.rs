//! The gate: per critical domain (marked in the taxonomy data), how much of what B requires A leaves
//! uncovered; a verdict from those measurements; and how the verdict moves when each threshold moves.

use serde::Serialize;

use super::compare::{Coverage, Reviewed, round};
use super::corpus::Side;
use super::params::Params;
use super::topup::{self, TopUp};
use crate::model::{Domain, Taxonomy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    Equivalent,
    TopUp,
    RuledOut,
    /// The target's outcomes carry no tag in a critical domain, so nothing measures what rules a shortened
    /// training out; a verdict would be a guess.
    CannotJudge,
}

impl VerdictKind {
    pub fn label(self) -> &'static str {
        match self {
            VerdictKind::Equivalent => "equivalent",
            VerdictKind::TopUp => "top-up",
            VerdictKind::RuledOut => "ruled-out",
            VerdictKind::CannotJudge => "cannot judge",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub kind: VerdictKind,
    pub flagged_domains: Vec<String>,
    /// Credit estimate of the top-up; `None` when a shortened route is ruled out or cannot be judged.
    pub credits: Option<u64>,
    /// Why, as data; the report layer words each one (in JSON too, as a string).
    pub reasons: Vec<Reason>,
}

/// A flagged critical domain as a reason names it: its title and the share of it left uncovered.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub title: String,
    pub difference: f64,
}

/// One reason for a verdict. `from`: the role held; `to`: the role to move to.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// `to`'s outcomes carry no critical-domain tags: nothing can be measured.
    CannotJudge { to: String },
    /// Enough critical domains are flagged to rule a shortened training out.
    RuledOut {
        from: String,
        to: String,
        flagged: Vec<Flagged>,
        measured: usize,
        needed: usize,
        flag: f64,
    },
    /// Coverage at or above the equivalence bar, no domain flagged.
    Equivalent {
        from: String,
        to: String,
        share: f64,
        equivalent: f64,
    },
    /// Too few domains flagged to rule it out: the gap can be bridged.
    Bridgeable {
        from: String,
        to: String,
        flagged: Vec<Flagged>,
        measured: usize,
        needed: usize,
        share: f64,
    },
    /// The top-up's credits, by the top-up credit rule.
    Estimate { credits: u64 },
}

/// A difference of population or setting between two curricula, reported beside the verdict (never deciding
/// it): each side's id and the taxonomy's labels of its populations or settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub dimension: Dimension,
    pub a: String,
    pub a_labels: Vec<String>,
    pub b: String,
    pub b_labels: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Population,
    Setting,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainGap {
    pub id: String,
    pub title: String,
    /// B's outcomes tagged in this domain, and how many of them A leaves uncovered.
    pub required: usize,
    pub uncovered: usize,
    /// uncovered / required (0 when B requires nothing here).
    pub difference: f64,
    pub flagged: bool,
    /// The uncovered outcomes of B that make the difference.
    pub evidence: Vec<String>,
    /// Those of them marked `derived from aims` in their spec.
    pub evidence_from_aims: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRow {
    pub threshold: String,
    pub factor: f64,
    pub value: f64,
    pub verdict: VerdictKind,
    pub flagged: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    pub from: String,
    pub to: String,
    pub thresholds: Params,
    pub coverage: f64,
    pub domains: Vec<DomainGap>,
    /// Critical domains in which B requires something (the base of the rule-out share).
    pub measured: usize,
    pub needed_to_rule_out: usize,
    pub verdict: Verdict,
    pub facts: Vec<Fact>,
    pub sensitivity: Vec<SensitivityRow>,
    pub stable: bool,
    /// How many of `to`'s outcomes have a match resting on a reviewer's decision.
    pub reviewed: Reviewed,
}

/// The credit each outcome of `to` earns at the thresholds of `p` (1 covered, ½ partial, 0), from stored
/// best scores.
fn credits_at(cov: &Coverage, p: &Params) -> Vec<f64> {
    cov.outcomes.iter().map(|m| m.credit_at(p)).collect()
}

/// Each critical domain of the taxonomy with the indices of `to`'s outcomes tagged in it: the same for every
/// threshold the sensitivity sweep tries, so found once per gate.
fn critical_members<'t>(to: &Side, tax: &'t Taxonomy) -> Vec<(&'t Domain, Vec<usize>)> {
    tax.domains
        .iter()
        .filter(|d| d.critical)
        .map(|d| {
            let idx = (0..to.items.len())
                .filter(|&i| to.items[i].domains.contains(&d.id))
                .collect();
            (d, idx)
        })
        .collect()
}

/// Per critical domain, the share of `to`'s outcomes there that are not covered (a partial match counts
/// half); the evidence lists every outcome short of full coverage.
fn domain_gaps(
    to: &Side,
    members: &[(&Domain, Vec<usize>)],
    credits: &[f64],
    p: &Params,
) -> Vec<DomainGap> {
    members
        .iter()
        .map(|(d, idx)| {
            let short: Vec<usize> = idx.iter().copied().filter(|&i| credits[i] < 1.0).collect();
            let evidence: Vec<String> =
                short.iter().map(|&i| to.items[i].outcome.clone()).collect();
            let evidence_from_aims: Vec<String> = short
                .iter()
                .filter(|&&i| to.items[i].from_aims)
                .map(|&i| to.items[i].outcome.clone())
                .collect();
            let difference = if idx.is_empty() {
                0.0
            } else {
                idx.iter().map(|&i| 1.0 - credits[i]).sum::<f64>() / idx.len() as f64
            };
            DomainGap {
                id: d.id.clone(),
                title: d.title.clone(),
                required: idx.len(),
                uncovered: evidence.len(),
                difference: round(difference),
                flagged: !idx.is_empty() && difference >= p.flag,
                evidence,
                evidence_from_aims,
            }
        })
        .collect()
}

fn decide(
    to: &Side,
    cov: &Coverage,
    members: &[(&Domain, Vec<usize>)],
    p: &Params,
    from_id: &str,
) -> (Vec<DomainGap>, usize, usize, f64, Verdict, Vec<bool>) {
    let credits = credits_at(cov, p);
    let covered: Vec<bool> = credits.iter().map(|c| *c >= 1.0).collect();
    let gaps = domain_gaps(to, members, &credits, p);
    let measured = gaps.iter().filter(|g| g.required > 0).count();
    let needed = ((p.rule_out * measured as f64).ceil() as usize).max(1);
    let flagged: Vec<String> = gaps
        .iter()
        .filter(|g| g.flagged)
        .map(|g| g.id.clone())
        .collect();
    let share = if credits.is_empty() {
        0.0
    } else {
        credits.iter().sum::<f64>() / credits.len() as f64
    };
    let topup_credits = topup::credits(to, &covered);
    let mut reasons = Vec::new();
    let named: Vec<Flagged> = gaps
        .iter()
        .filter(|g| g.flagged)
        .map(|g| Flagged {
            title: g.title.clone(),
            difference: g.difference,
        })
        .collect();
    let kind = if measured == 0 {
        reasons.push(Reason::CannotJudge { to: to.id.clone() });
        VerdictKind::CannotJudge
    } else if flagged.len() >= needed {
        reasons.push(Reason::RuledOut {
            from: from_id.to_string(),
            to: to.id.clone(),
            flagged: named,
            measured,
            needed,
            flag: p.flag,
        });
        VerdictKind::RuledOut
    } else if share >= p.equivalent && flagged.is_empty() {
        reasons.push(Reason::Equivalent {
            from: from_id.to_string(),
            to: to.id.clone(),
            share,
            equivalent: p.equivalent,
        });
        VerdictKind::Equivalent
    } else {
        reasons.push(Reason::Bridgeable {
            from: from_id.to_string(),
            to: to.id.clone(),
            flagged: named,
            measured,
            needed,
            share,
        });
        reasons.push(Reason::Estimate {
            credits: topup_credits,
        });
        VerdictKind::TopUp
    };
    let verdict = Verdict {
        kind,
        credits: matches!(kind, VerdictKind::Equivalent | VerdictKind::TopUp)
            .then_some(topup_credits),
        flagged_domains: flagged,
        reasons,
    };
    (gaps, measured, needed, round(share), verdict, covered)
}

const FACTORS: [f64; 5] = [0.8, 0.9, 1.0, 1.1, 1.2];

/// The gate for a holder of `from` moving to `to`, and the top-up it implies.
pub fn gate(
    from: &Side,
    to: &Side,
    cov: &Coverage,
    tax: &Taxonomy,
    p: &Params,
    facts: Vec<Fact>,
) -> (Gate, TopUp) {
    let members = critical_members(to, tax);
    let (domains, measured, needed, coverage, verdict, covered) =
        decide(to, cov, &members, p, &from.id);
    let mut plan = topup::propose(&from.id, to, &covered);
    plan.reviewed = cov.reviewed;
    let mut sensitivity = Vec::new();
    for name in ["cover", "flag", "rule_out", "equivalent"] {
        for f in FACTORS {
            let mut q = *p;
            let slot = match name {
                "cover" => {
                    q.cover_text = (q.cover_text * f).clamp(0.0, 1.0);
                    q.cover_gloss = (q.cover_gloss * f).clamp(0.0, 1.0);
                    &mut q.cover
                }
                "flag" => &mut q.flag,
                "rule_out" => &mut q.rule_out,
                _ => &mut q.equivalent,
            };
            // Thresholds are shares and scores: a swept value stays in [0, 1].
            *slot = (*slot * f).clamp(0.0, 1.0);
            let value = round(*slot);
            let (_, _, _, _, v, _) = decide(to, cov, &members, &q, &from.id);
            sensitivity.push(SensitivityRow {
                threshold: name.to_string(),
                factor: f,
                value,
                verdict: v.kind,
                flagged: v.flagged_domains.len(),
            });
        }
    }
    let stable = sensitivity.iter().all(|r| r.verdict == verdict.kind);
    (
        Gate {
            from: from.id.clone(),
            to: to.id.clone(),
            thresholds: *p,
            coverage,
            domains,
            measured,
            needed_to_rule_out: needed,
            verdict,
            facts,
            sensitivity,
            stable,
            reviewed: cov.reviewed,
        },
        plan,
    )
}
