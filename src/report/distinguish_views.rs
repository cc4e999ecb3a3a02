//! Views of what distinguishes two roles, one per audience: practitioners (the competencies), services and
//! universities (the modules that teach them), commissioners (the summary and the routes between the roles).
//! Formatting only; every number comes from `analysis::distinguish`.

use super::table::{Cell, Table};
use super::views::{aims_marked_list, with_aims_note};
use crate::analysis::VerdictKind;
use crate::analysis::distinguish::{Distinct, Distinction, Role, Scope};
use crate::model::Taxonomy;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Why a competency is specific, in the taxonomy's words.
fn scope(d: &Distinct, tax: &Taxonomy) -> String {
    let labels = |terms: &[crate::model::Term], ids: &[String]| {
        ids.iter()
            .map(|i| Taxonomy::label(terms, i).to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match d.scope {
        Scope::Setting => format!("setting: {}", labels(&tax.settings, &d.settings)),
        Scope::Population => format!("population: {}", labels(&tax.populations, &d.population)),
        Scope::General => "general".into(),
    }
}

pub fn practitioners(x: &Distinction, tax: &Taxonomy) -> Table {
    let mut t = Table::new(
        "distinguish-practitioners",
        format!(
            "For practitioners: what only {} or only {} trains for",
            x.a.curriculum, x.b.curriculum
        ),
        &[
            "only in",
            "competency",
            "scope",
            "domain",
            "credits",
            "outcomes",
            "for example",
        ],
    );
    for r in [&x.a, &x.b] {
        for d in &r.competencies {
            t.row(vec![
                r.curriculum.clone().into(),
                format!("{} ({})", d.title, d.competency).into(),
                scope(d, tax).into(),
                if d.critical {
                    format!("{} (critical)", d.domain)
                } else {
                    d.domain.clone()
                }
                .into(),
                Cell::Num(d.credits, 1),
                aims_marked_list(&d.outcomes, &d.outcomes_from_aims).into(),
                d.example.clone().into(),
            ]);
        }
    }
    let any = [&x.a, &x.b]
        .iter()
        .flat_map(|r| &r.competencies)
        .any(|d| !d.outcomes_from_aims.is_empty());
    with_aims_note(
        t.note(format!(
            "Competencies one curriculum's outcomes carry and the other's do not, heaviest first: those the taxonomy scopes to a setting, then to a population, then the rest, each by the credits of the outcomes that carry them ({}). They share {} competencies.",
            x.credit_rule,
            x.shared.len()
        )),
        any,
    )
}

pub fn services(x: &Distinction) -> Table {
    let mut t = Table::new(
        "distinguish-services",
        "For services and universities: the modules that teach what distinguishes each role",
        &[
            "curriculum",
            "module",
            "title",
            "credits",
            "outcomes",
            "distinguishing outcomes",
            "distinguishing credits",
        ],
    );
    for r in [&x.a, &x.b] {
        for m in &r.modules {
            t.row(vec![
                r.curriculum.clone().into(),
                m.module.clone().into(),
                m.title.clone().into(),
                m.credits.map_or(Cell::Empty, Cell::from),
                m.outcomes.into(),
                m.distinguishing.into(),
                Cell::Num(m.distinguishing_credits, 1),
            ]);
        }
    }
    t.note("A module's distinguishing outcomes carry at least one competency the other curriculum does not: these modules hold each role's own training.")
}

fn counts(r: &Role) -> String {
    let n = |s: Scope| r.competencies.iter().filter(|d| d.scope == s).count();
    format!(
        "{} ({} setting-specific, {} population-specific, {} general)",
        r.competencies.len(),
        n(Scope::Setting),
        n(Scope::Population),
        n(Scope::General)
    )
}

/// The route into `r` for a holder of `other`, as the gate judged it.
fn route(r: &Role, other: &Role) -> String {
    let v = &r.verdict_from_other;
    let flagged = if v.flagged_domains.is_empty() {
        String::new()
    } else {
        format!(
            " (critical domains differ: {})",
            v.flagged_domains.join(", ")
        )
    };
    let what = match v.kind {
        VerdictKind::Equivalent => "equivalent: no top-up needed".to_string(),
        VerdictKind::TopUp => format!("a top-up of {} credits{flagged}", r.topup_credits),
        VerdictKind::RuledOut => format!("no shortened route: a full training{flagged}"),
        VerdictKind::CannotJudge => "cannot judge (no critical-domain outcomes to measure)".into(),
    };
    format!("from {}: {what}", other.curriculum)
}

pub fn commissioners(x: &Distinction, tax: &Taxonomy) -> Table {
    let (a, b) = (&x.a, &x.b);
    let mut t = Table::new(
        "distinguish-commissioners",
        format!(
            "For commissioners: {} and {} side by side",
            a.curriculum, b.curriculum
        ),
        &["", a.curriculum.as_str(), b.curriculum.as_str()],
    );
    let labels = |terms: &[crate::model::Term], ids: &[String]| {
        ids.iter()
            .map(|i| Taxonomy::label(terms, i).to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let critical = |r: &Role| r.competencies.iter().filter(|d| d.critical).count();
    let lead = |r: &Role| {
        r.competencies
            .iter()
            .take(3)
            .map(|d| d.title.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows: [(&str, String, String); 7] = [
        ("role", a.title.clone(), b.title.clone()),
        (
            "works with",
            labels(&tax.populations, &a.population),
            labels(&tax.populations, &b.population),
        ),
        (
            "works in",
            labels(&tax.settings, &a.settings),
            labels(&tax.settings, &b.settings),
        ),
        ("competencies only this role has", counts(a), counts(b)),
        (
            "of them in critical domains",
            critical(a).to_string(),
            critical(b).to_string(),
        ),
        ("what distinguishes it most", lead(a), lead(b)),
        (
            "credits of outcomes that distinguish it",
            format!(
                "{:.0} of {:.0} ({})",
                a.credits,
                a.of_credits,
                pct(a.credits / a.of_credits.max(1.0))
            ),
            format!(
                "{:.0} of {:.0} ({})",
                b.credits,
                b.of_credits,
                pct(b.credits / b.of_credits.max(1.0))
            ),
        ),
    ];
    for (k, va, vb) in rows {
        t.row(vec![k.into(), va.into(), vb.into()]);
    }
    t.row(vec![
        "to move into this role".into(),
        route(a, b).into(),
        route(b, a).into(),
    ]);
    t.note("A holder of one role does not take the other's posts without the training the route names; where it is ruled out, only a full training qualifies.")
}

pub fn distinguish(x: &Distinction, tax: &Taxonomy) -> Vec<Table> {
    vec![practitioners(x, tax), services(x), commissioners(x, tax)]
}
