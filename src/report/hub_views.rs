//! Views of the hub-and-spoke analysis: what a common core would replace, the competencies and the outcomes
//! of each region. Formatting only; every number comes from `analysis::hub`.

use super::table::{Cell, Table};
use super::views::{aims_marked, with_aims_note};
use crate::analysis::hub::{Hub, HubOutcome, Subset};

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn members(s: &Subset) -> String {
    s.members.join(" + ")
}

fn ids(list: &[String]) -> String {
    if list.is_empty() {
        "-".into()
    } else {
        list.join(", ")
    }
}

/// The verdict and why, as the sentence under the shares table.
pub fn verdict(h: &Hub) -> String {
    let pairs: Vec<String> = h
        .subsets
        .iter()
        .filter(|s| s.members.len() == 2)
        .map(|s| format!("{} {}", members(s), pct(s.least_share)))
        .collect();
    let pairs = if pairs.is_empty() || h.curricula.len() == 2 {
        String::new()
    } else {
        format!(
            " A hub of two would replace at least (the smaller share of the pair): {}.",
            pairs.join("; ")
        )
    };
    let spokes: Vec<String> = h
        .spokes
        .iter()
        .map(|s| format!("{} {}", s.curriculum, pct(s.credit_share)))
        .collect();
    format!(
        "Verdict: a shared hub {} worth building — the core would replace {} of {}'s credits, the smallest share, against a threshold of {} of every programme.{pairs} What no other role covers (each spoke's share of its credits): {}. Credits: {}.",
        if h.worth_building { "is" } else { "is not" },
        pct(h.smallest_share),
        h.smallest,
        pct(h.threshold),
        spokes.join("; "),
        h.credit_rule
    )
}

/// Per region (the core, then each subset), the share of each member a hub of its members would replace.
pub fn shares(h: &Hub) -> Table {
    let mut t = Table::new(
        "hub-shares",
        format!(
            "Hub of {}: the share of each programme a common core would replace",
            h.curricula.join(", ")
        ),
        &[
            "hub of",
            "curriculum",
            "outcomes in hub",
            "of",
            "outcome share",
            "credits in hub",
            "of credits",
            "credit share",
            "credits on shared competencies",
        ],
    );
    for s in std::iter::once(&h.core).chain(&h.subsets) {
        for x in &s.shares {
            t.row(vec![
                members(s).into(),
                x.curriculum.clone().into(),
                Cell::Num(x.hub_outcomes, 1),
                x.outcomes.into(),
                Cell::share(x.outcome_share),
                Cell::Num(x.hub_credits, 1),
                Cell::Num(x.credits, 0),
                Cell::share(x.credit_share),
                format!(
                    "{:.1} ({})",
                    x.competency_credits,
                    pct(x.competency_credit_share)
                )
                .into(),
            ]);
        }
    }
    for s in &h.spokes {
        t.row(vec![
            format!("{} alone (spoke)", s.curriculum).into(),
            s.curriculum.clone().into(),
            Cell::Empty,
            Cell::Empty,
            Cell::share(s.outcome_share),
            Cell::Num(s.credits, 1),
            Cell::Empty,
            Cell::share(s.credit_share),
            Cell::Empty,
        ]);
    }
    t.note(format!(
        "An outcome is in the hub of some curricula when every other of them covers it (a partial match counts half); a spoke is what no other compared curriculum covers. Credits on shared competencies: those of the outcomes whose every competency all the hub's members carry. {}",
        verdict(h)
    ))
}

/// Competencies (tags) per region: shared by all of a subset, of those only by it, and each spoke.
pub fn competencies(h: &Hub) -> Table {
    let mut t = Table::new(
        "hub-competencies",
        "Competencies of the core, each subset and each spoke",
        &[
            "region",
            "shared by all of them",
            "only theirs",
            "competencies only theirs",
        ],
    );
    for s in std::iter::once(&h.core).chain(&h.subsets) {
        t.row(vec![
            members(s).into(),
            s.competencies.len().into(),
            s.only_competencies.len().into(),
            ids(&s.only_competencies).into(),
        ]);
    }
    for s in &h.spokes {
        t.row(vec![
            format!("{} alone (spoke)", s.curriculum).into(),
            Cell::Empty,
            s.competencies.len().into(),
            ids(&s.competencies).into(),
        ]);
    }
    t.note("A competency is a curriculum's when one of its outcomes carries the tag.")
}

fn outcome_row(t: &mut Table, region: &str, curriculum: &str, list: &[&HubOutcome]) {
    let credits = crate::analysis::hub::total(list.iter().map(|o| o.credits));
    let ids: Vec<String> = list
        .iter()
        .map(|o| aims_marked(&o.outcome, o.derived_from_aims))
        .collect();
    t.row(vec![
        region.into(),
        curriculum.into(),
        list.len().into(),
        Cell::Num(credits, 1),
        self::ids(&ids).into(),
    ]);
}

/// Outcomes per region and curriculum: those every other member covers and no outsider does, and each spoke.
pub fn outcomes(h: &Hub) -> Table {
    let mut t = Table::new(
        "hub-outcomes",
        "Outcomes of the core, each subset and each spoke",
        &["region", "curriculum", "outcomes", "credits", "ids"],
    );
    for s in std::iter::once(&h.core).chain(&h.subsets) {
        for c in &s.members {
            let list: Vec<&HubOutcome> = s.outcomes.iter().filter(|o| &o.curriculum == c).collect();
            outcome_row(&mut t, &members(s), c, &list);
        }
    }
    for s in &h.spokes {
        let list: Vec<&HubOutcome> = s.outcomes.iter().collect();
        outcome_row(
            &mut t,
            &format!("{} alone (spoke)", s.curriculum),
            &s.curriculum,
            &list,
        );
    }
    let any = std::iter::once(&h.core)
        .chain(&h.subsets)
        .flat_map(|s| &s.outcomes)
        .chain(h.spokes.iter().flat_map(|s| &s.outcomes))
        .any(|o| o.derived_from_aims);
    with_aims_note(
        t.note("Each subset's row lists the outcomes covered by every other member and fully by no compared curriculum outside it; a spoke lists the outcomes no other compared curriculum covers even in part."),
        any,
    )
}

pub fn hub(h: &Hub) -> Vec<Table> {
    vec![shares(h), competencies(h), outcomes(h)]
}
