//! Top-up proposals: what of B a holder of A still has to learn, grouped by B's modules, with credits.

use serde::Serialize;

use super::corpus::{Side, SideModule};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopUpOutcome {
    pub outcome: String,
    pub text: String,
    pub tags: Vec<String>,
    pub url: Option<String>,
    /// Marked `derived from aims` in its spec: written from the module's aims, not a published outcome.
    pub derived_from_aims: bool,
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
    pub credits: u64,
    /// The credit rule (worded by the report layer; a string in JSON).
    pub rule: Rule,
    /// How many of the target's outcomes have a match resting on a reviewer's decision (filled in by the
    /// gate, which has the coverage).
    pub reviewed: super::compare::Reviewed,
}

/// The top-up credit rule, computed by [`estimate`]: per module of the target, its credits × the share of its
/// outcomes not covered, rounded up to a multiple of 5. The report layer words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rule;

/// `credits` × `uncovered` / `of`, rounded up to a multiple of 5 (at least 5), in integers: exact, and no
/// overflow for any u32 credits (the model bounds them far lower; a share too close to `u32::MAX` to round
/// up stays unrounded).
fn estimate(credits: u32, uncovered: usize, of: usize) -> u32 {
    let share = (u128::from(credits) * uncovered as u128).div_ceil(of.max(1) as u128);
    let rounded = (share.div_ceil(5) * 5).max(5);
    u32::try_from(rounded).unwrap_or(credits)
}

/// Credits assumed for a module whose spec states none.
const DEFAULT_CREDITS: u32 = 20;

/// The credits a top-up module for `m` would carry, given which of `to`'s outcomes are covered; `None` when
/// every outcome of `m` is covered (no module is proposed).
fn module_credits(m: &SideModule, covered: &[bool]) -> Option<u32> {
    let uncovered = m.range.clone().filter(|&i| !covered[i]).count();
    (uncovered > 0).then(|| {
        estimate(
            m.credits.unwrap_or(DEFAULT_CREDITS),
            uncovered,
            m.range.len(),
        )
    })
}

/// The credits of the top-up [`propose`] would make, without building it (the gate's sensitivity sweep
/// needs only this number at every threshold it tries).
pub fn credits(to: &Side, covered: &[bool]) -> u64 {
    to.modules
        .iter()
        .filter_map(|m| module_credits(m, covered))
        .map(u64::from)
        .sum()
}

pub fn propose(from: &str, to: &Side, covered: &[bool]) -> TopUp {
    let mut modules = Vec::new();
    for m in &to.modules {
        let Some(credits) = module_credits(m, covered) else {
            continue;
        };
        let idx: Vec<usize> = m.range.clone().filter(|&i| !covered[i]).collect();
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
                        derived_from_aims: it.from_aims,
                    },
                )
            })
            .collect();
        outs.sort_by(|a, b| a.0.cmp(&b.0));
        modules.push(ProposedModule {
            id: format!("TOPUP-{}", m.id),
            title: format!("Top-up: {}", m.title),
            from_module: m.id.clone(),
            credits,
            uncovered: idx.len(),
            of: m.range.len(),
            outcomes: outs.into_iter().map(|(_, o)| o).collect(),
        });
    }
    TopUp {
        from: from.to_string(),
        to: to.id.clone(),
        // In u64: exact for any number of modules.
        credits: modules.iter().map(|m| u64::from(m.credits)).sum(),
        modules,
        practice: Vec::new(),
        rule: Rule,
        reviewed: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::estimate;

    #[test]
    fn estimates_round_up_to_fives() {
        assert_eq!(estimate(20, 1, 3), 10); // 6.67 → 10
        assert_eq!(estimate(20, 1, 4), 5);
        assert_eq!(estimate(30, 1, 6), 5);
        assert_eq!(estimate(0, 1, 1), 5);
        assert_eq!(estimate(60, 3, 3), 60);
    }

    #[test]
    fn estimates_never_overflow() {
        assert_eq!(estimate(u32::MAX, 1, 1), u32::MAX);
        assert_eq!(estimate(u32::MAX - 5, 1, 1), u32::MAX - 5);
        assert_eq!(estimate(u32::MAX, usize::MAX, usize::MAX), u32::MAX);
    }
}
