//! Top-up proposals: what of B a holder of A still has to learn, grouped by B's modules, with credits.

use serde::Serialize;

use super::corpus::Side;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopUpOutcome {
    pub outcome: String,
    pub text: String,
    pub tags: Vec<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposedModule {
    /// Id of the proposed module: `TOPUP-` + the module of B it draws on.
    pub id: String,
    pub title: String,
    pub from_module: String,
    pub credits: u32,
    pub uncovered: usize,
    pub of: usize,
    /// B's uncovered outcomes, ordered by competency domain, then as in B.
    pub outcomes: Vec<TopUpOutcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Practice {
    pub setting: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopUp {
    pub from: String,
    pub to: String,
    pub modules: Vec<ProposedModule>,
    /// Supervised practice in each of B's settings that A does not share (filled in by the caller, who knows
    /// the curricula's settings).
    pub practice: Vec<Practice>,
    pub credits: u32,
    pub rule: String,
}

pub const CREDIT_RULE: &str = "per module of the target: its credits × the share of its outcomes not covered, rounded up to a multiple of 5";

fn round_up_5(x: f64) -> u32 {
    ((x / 5.0).ceil() as u32) * 5
}

pub fn propose(from: &str, to: &Side, covered: &[bool]) -> TopUp {
    let default_credits = 20;
    let mut modules = Vec::new();
    for m in &to.modules {
        let idx: Vec<usize> = m.range.clone().filter(|&i| !covered[i]).collect();
        if idx.is_empty() {
            continue;
        }
        let share = idx.len() as f64 / m.range.len() as f64;
        let mut outs: Vec<(String, TopUpOutcome)> = idx
            .iter()
            .map(|&i| {
                let it = &to.items[i];
                (
                    it.domains.iter().next().cloned().unwrap_or_default(),
                    TopUpOutcome {
                        outcome: it.outcome.clone(),
                        text: it.text.clone(),
                        tags: it.tags.iter().cloned().collect(),
                        url: it.url.clone(),
                    },
                )
            })
            .collect();
        outs.sort_by(|a, b| a.0.cmp(&b.0));
        modules.push(ProposedModule {
            id: format!("TOPUP-{}", m.id),
            title: format!("Top-up: {}", m.title),
            from_module: m.id.clone(),
            credits: round_up_5(m.credits.unwrap_or(default_credits) as f64 * share).max(5),
            uncovered: idx.len(),
            of: m.range.len(),
            outcomes: outs.into_iter().map(|(_, o)| o).collect(),
        });
    }
    TopUp {
        from: from.to_string(),
        to: to.id.clone(),
        credits: modules.iter().map(|m| m.credits).sum(),
        modules,
        practice: Vec::new(),
        rule: CREDIT_RULE.to_string(),
    }
}
