//! Views of an exploratory extension of a role to another population. Formatting only; the additions and
//! verdicts come from `analysis::extend`. `overlap extend` shows one extension, the report every role's to
//! every population it does not serve: both from the rows and words here.

use super::table::{Cell, Table};
use crate::analysis::VerdictKind;
use crate::analysis::extend::{Extension, Target};
use crate::model::Taxonomy;

/// The caveat every extension output carries, for a `role` (or any practitioner) and a `population`.
fn caveat_for(role: &str, population: &str) -> String {
    format!(
        "Exploratory: additional modules a {role} could take to work with {population}, measured from the curricula. It is never a shortened training or a conversion into another role: a {role} who took them would still be a {role}, not a holder of the target's qualification; where the gate rules a shortened training out, only the full training qualifies for that role's posts."
    )
}

/// What every extension output says, whatever the verdict.
pub fn caveat(x: &Extension) -> String {
    caveat_for(&x.role, "this population")
}

/// The same caveat for extensions of several roles (the report's section).
pub fn caveat_all() -> String {
    caveat_for("practitioner", "a population their role does not serve")
}

fn verdict(kind: VerdictKind) -> &'static str {
    match kind {
        VerdictKind::Equivalent => "equivalent",
        VerdictKind::TopUp => "top-up feasible",
        VerdictKind::RuledOut => "shortened training ruled out",
        VerdictKind::CannotJudge => "cannot judge",
    }
}

const SUMMARY: [&str; 6] = [
    "to cover",
    "covered already",
    "modules to add",
    "credits",
    "supervised practice in",
    "shortened training to the role itself",
];

fn summary_row(target: &Target) -> Vec<Cell> {
    let a = &target.additions;
    vec![
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
    ]
}

fn smallest(x: &Extension) -> String {
    x.smallest
        .as_ref()
        .map(|s| format!(" The smallest addition covers {s}."))
        .unwrap_or_default()
}

pub fn summary(x: &Extension, tax: &Taxonomy) -> Table {
    let mut t = Table::new(
        "extend",
        format!(
            "Exploratory: what a {} would add to work with {}",
            x.role,
            Taxonomy::label(&tax.populations, &x.population)
        ),
        &SUMMARY,
    );
    for target in &x.targets {
        t.row(summary_row(target));
    }
    t.note(format!("{}{}", caveat(x), smallest(x)))
}

const MODULES: [&str; 7] = [
    "to cover",
    "module",
    "title",
    "credits",
    "outcomes to add",
    "of",
    "outcomes",
];

fn module_rows(x: &Extension) -> impl Iterator<Item = Vec<Cell>> + '_ {
    x.targets.iter().flat_map(|target| {
        target.additions.modules.iter().map(|m| {
            vec![
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
            ]
        })
    })
}

/// The credit rule as the note of a modules table, with the meaning of † when a row carries it.
fn modules_note(t: Table) -> Table {
    let any = t
        .rows
        .iter()
        .any(|r| r.last().is_some_and(|c| c.display().contains('†')));
    super::views::with_aims_note(
        t.note(format!("Credits: {}.", super::wording::TOPUP_CREDIT_RULE)),
        any,
    )
}

pub fn modules(x: &Extension) -> Table {
    let mut t = Table::new(
        "extend-modules",
        format!(
            "Exploratory: the modules a {} would add, outcome by outcome",
            x.role
        ),
        &MODULES,
    );
    for r in module_rows(x) {
        t.row(r);
    }
    modules_note(t)
}

pub fn extend(x: &Extension, tax: &Taxonomy) -> Vec<Table> {
    vec![summary(x, tax), modules(x)]
}

/// Every extension in two tables, each row led by the role and the population: what each would add, and the
/// modules, outcome by outcome. Whoever shows them shows [`caveat_all`] with them.
pub fn all(xs: &[Extension], tax: &Taxonomy) -> Vec<Table> {
    let lead = |x: &Extension| -> Vec<Cell> {
        vec![
            x.role.clone().into(),
            Taxonomy::label(&tax.populations, &x.population).into(),
        ]
    };
    let columns = |rest: &[&'static str]| -> Vec<&'static str> {
        ["role", "to work with"]
            .iter()
            .chain(rest)
            .copied()
            .collect()
    };
    let mut s = Table::new(
        "extend",
        "Exploratory: what each role would add to work with a population it does not serve",
        &columns(&SUMMARY),
    );
    let mut m = Table::new(
        "extend-modules",
        "Exploratory: the modules each role would add, outcome by outcome",
        &columns(&MODULES),
    );
    let mut smallest_of = Vec::new();
    for x in xs {
        for target in &x.targets {
            s.row([lead(x), summary_row(target)].concat());
        }
        for r in module_rows(x) {
            m.row([lead(x), r].concat());
        }
        if let Some(t) = &x.smallest {
            smallest_of.push(format!(
                "{} to {}: {t}",
                x.role,
                Taxonomy::label(&tax.populations, &x.population)
            ));
        }
    }
    if !smallest_of.is_empty() {
        s = s.note(format!(
            "The smallest addition covers: {}.",
            smallest_of.join("; ")
        ));
    }
    vec![s, modules_note(m)]
}
