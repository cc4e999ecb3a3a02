//! Views of an exploratory extension of a role to another population. Formatting only; the additions and
//! verdicts come from `analysis::extend`.

use super::table::{Cell, Table};
use crate::analysis::VerdictKind;
use crate::analysis::extend::Extension;
use crate::model::Taxonomy;

/// What every extension output says, whatever the verdict.
pub fn caveat(x: &Extension) -> String {
    format!(
        "Exploratory: additional modules a {role} could take to work with this population, measured from the curricula. It is never a shortened training or a conversion into another role: a {role} who took them would still be a {role}, not a holder of the target's qualification; where the gate rules a shortened training out, only the full training qualifies for that role's posts.",
        role = x.role
    )
}

fn verdict(kind: VerdictKind) -> &'static str {
    match kind {
        VerdictKind::Equivalent => "equivalent",
        VerdictKind::TopUp => "top-up feasible",
        VerdictKind::RuledOut => "shortened training ruled out",
        VerdictKind::CannotJudge => "cannot judge",
    }
}

pub fn summary(x: &Extension, tax: &Taxonomy) -> Table {
    let mut t = Table::new(
        "extend",
        format!(
            "Exploratory: what a {} would add to work with {}",
            x.role,
            Taxonomy::label(&tax.populations, &x.population)
        ),
        &[
            "to cover",
            "covered already",
            "modules to add",
            "credits",
            "supervised practice in",
            "shortened training to the role itself",
        ],
    );
    for target in &x.targets {
        let a = &target.additions;
        t.row(vec![
            format!("{} ({})", target.curriculum, target.title).into(),
            Cell::score(target.coverage),
            a.modules.len().into(),
            a.credits.into(),
            a.practice
                .iter()
                .map(|p| p.label.clone())
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
            verdict(target.verdict.kind).into(),
        ]);
    }
    let smallest = x
        .smallest
        .as_ref()
        .map(|s| format!(" The smallest addition covers {s}."))
        .unwrap_or_default();
    t.note(format!("{}{smallest}", caveat(x)))
}

pub fn modules(x: &Extension) -> Table {
    let mut t = Table::new(
        "extend-modules",
        format!(
            "Exploratory: the modules a {} would add, outcome by outcome",
            x.role
        ),
        &[
            "to cover",
            "module",
            "title",
            "credits",
            "outcomes to add",
            "of",
            "outcomes",
        ],
    );
    for target in &x.targets {
        for m in &target.additions.modules {
            t.row(vec![
                target.curriculum.clone().into(),
                m.id.clone().into(),
                m.title.clone().into(),
                m.credits.into(),
                m.uncovered.into(),
                m.of.into(),
                m.outcomes
                    .iter()
                    .map(|o| super::views::aims_marked(&o.outcome, o.derived_from_aims))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            ]);
        }
    }
    let any = t
        .rows
        .iter()
        .any(|r| r.last().is_some_and(|c| c.display().contains('†')));
    super::views::with_aims_note(
        t.note(format!("Credits: {}.", super::wording::TOPUP_CREDIT_RULE)),
        any,
    )
}

pub fn extend(x: &Extension, tax: &Taxonomy) -> Vec<Table> {
    vec![summary(x, tax), modules(x)]
}
