//! Views: analysis results → tables. Formatting only; every number comes from the analysis.

use std::collections::BTreeMap;

use super::kind::Kind;
use super::table::{Cell, Table};
use crate::analysis::compare::{Coverage, Matrix, Reviewed};
use crate::analysis::gate::Gate;
use crate::analysis::review::Review;
use crate::analysis::sets::DomainSets;
use crate::analysis::{Comparison, Pair, Summary, TopUp, Verdict, VerdictKind};
use crate::model::Catalog;

/// Marks an outcome written from a module's aims rather than taken from a published outcome list.
const FROM_AIMS: &str = "†";
const FROM_AIMS_NOTE: &str = "† derived from aims: written from the module's stated aims and content, not from a published outcome list.";

pub(super) fn aims_marked(id: &str, from_aims: bool) -> String {
    if from_aims {
        format!("{id}{FROM_AIMS}")
    } else {
        id.to_string()
    }
}

/// `ids` joined by commas, each of `from_aims` marked.
pub(super) fn aims_marked_list(ids: &[String], from_aims: &[String]) -> String {
    ids.iter()
        .map(|e| aims_marked(e, from_aims.contains(e)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends the meaning of † to a table's note when `any` row carries it.
pub(super) fn with_aims_note(mut t: Table, any: bool) -> Table {
    if any {
        t.note = Some(match t.note.take() {
            Some(n) => format!("{n}\n{FROM_AIMS_NOTE}"),
            None => FROM_AIMS_NOTE.to_string(),
        });
    }
    t
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn slug(s: &str) -> String {
    s.to_lowercase()
}

pub fn list(catalog: &Catalog) -> Table {
    let mut t = Table::new(
        "curricula",
        "Curricula",
        &[
            "id",
            "title",
            "aliases",
            "population",
            "settings",
            "credits",
            "levels",
            "modules",
            "outcomes",
            "source",
        ],
    );
    for c in &catalog.curricula {
        let s = Summary::of(c);
        let modules: Vec<String> = c
            .modules
            .iter()
            .map(|m| {
                format!(
                    "{} ({})",
                    m.id,
                    m.credits.map_or("-".into(), |x| x.to_string())
                )
            })
            .collect();
        t.row(vec![
            s.id.into(),
            s.title.into(),
            c.aliases.join(", ").into(),
            s.population.join(", ").into(),
            s.settings.join(", ").into(),
            s.credits.into(),
            levels(&s.levels).into(),
            modules.join(", ").into(),
            s.outcomes.into(),
            s.source.unwrap_or_default().into(),
        ]);
    }
    t
}

fn levels(l: &[u32]) -> String {
    l.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

pub fn summary(list: &[Summary]) -> Table {
    let mut cols = vec!["".to_string()];
    cols.extend(list.iter().map(|s| s.id.clone()));
    let names: Vec<String> = list.iter().map(|s| slug(&s.id)).collect();
    let mut t = Table::with_columns(format!("{}-summary", names.join("-")), "Side by side", cols);
    let row = |label: &str, f: &dyn Fn(&Summary) -> Cell| {
        let mut r = vec![Cell::text(label)];
        r.extend(list.iter().map(f));
        r
    };
    t.row(row("title", &|s| s.title.clone().into()));
    t.row(row("population", &|s| s.population.join(", ").into()));
    t.row(row("settings", &|s| s.settings.join(", ").into()));
    t.row(row("award", &|s| {
        s.award.clone().unwrap_or_default().into()
    }));
    t.row(row("credits", &|s| s.credits.into()));
    t.row(row("levels", &|s| levels(&s.levels).into()));
    t.row(row("modules", &|s| s.modules.into()));
    t.row(row("outcomes", &|s| s.outcomes.into()));
    t.row(row("source", &|s| {
        s.source.clone().unwrap_or_default().into()
    }));
    t
}

pub fn matrix(name: String, title: String, m: &Matrix, note: &str) -> Table {
    let mut cols = vec![String::new()];
    cols.extend(m.cols.iter().cloned());
    let mut t = Table::with_columns(name, title, cols).note(note);
    for (r, vals) in m.rows.iter().zip(&m.values) {
        let mut row = vec![Cell::text(r.clone())];
        row.extend(vals.iter().map(|v| Cell::score(*v)));
        t.row(row);
    }
    t
}

pub fn domains(name: String, a: &str, b: &str, d: &[DomainSets]) -> Table {
    let mut t = Table::new(name, format!("Competencies by domain: {a} vs {b}"), &["domain", "critical", "shared", &format!("only {a}"), &format!("only {b}"), "jaccard", "overlap", &format!("only {a} (ids)"), &format!("only {b} (ids)")])
        .note("Counts are competencies (taxonomy tags) used by each curriculum's outcomes. Jaccard = shared / all; overlap = shared / smaller set.");
    for x in d {
        t.row(vec![
            x.id.clone().into(),
            if x.critical { "yes" } else { "" }.into(),
            x.stats.shared.into(),
            x.stats.only_a.into(),
            x.stats.only_b.into(),
            Cell::score(x.stats.jaccard),
            Cell::score(x.stats.overlap),
            x.only_a_ids
                .iter()
                .map(|s| s.split_once('.').map_or(s.as_str(), |p| p.1))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            x.only_b_ids
                .iter()
                .map(|s| s.split_once('.').map_or(s.as_str(), |p| p.1))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
        ]);
    }
    t
}

/// What a table's figures rest on, when reviewers decided any match: `None` when all are proposals.
fn reviewed_note(r: &Reviewed) -> Option<String> {
    r.any().then(|| {
        format!(
            "reviewed: {} match(es) accepted and {} rejected by a reviewer (--mappings) stand behind these figures; every other match is the model's proposal",
            r.accepted, r.rejected
        )
    })
}

/// A counterpart's id, marked when a reviewer's decision stands behind it.
pub(super) fn marked(id: String, r: Review) -> String {
    match r {
        Review::Accepted => format!("{id} [reviewed: accepted]"),
        Review::Rejected => format!("{id} [reviewed: preferred match rejected]"),
        Review::None => id,
    }
}

fn counterpart_cell(o: &crate::analysis::compare::Match) -> Cell {
    o.best.as_ref().map_or(Cell::Empty, |b| {
        marked(b.outcome.clone(), o.reviewed).into()
    })
}

/// The strongest matches: each of `to`'s outcomes with its best counterpart, highest first.
pub fn matches(name: String, c: &Coverage, top: usize) -> Table {
    let mut t = Table::new(
        name,
        format!(
            "Strongest matches: {} outcomes and their best counterpart in {}",
            c.to, c.from
        ),
        &[
            &format!("{} outcome", c.to),
            &format!("{} outcome", c.from),
            "score",
            "text",
            "tags",
            "text of the first",
        ],
    );
    // Outcomes taught word for word in both say nothing a reader needs ranked: they are counted, not listed.
    let mut m: Vec<_> = c
        .outcomes
        .iter()
        .filter_map(|o| o.best.as_ref().map(|b| (o, b)))
        .filter(|(_, b)| !b.identical)
        .collect();
    let identical =
        c.outcomes.len() - m.len() - c.outcomes.iter().filter(|o| o.best.is_none()).count();
    if identical > 0 {
        t.note = Some(format!(
            "{identical} outcomes of {} are the same text in {} and not listed (see \"shared word for word\").",
            c.to, c.from
        ));
    }
    m.sort_by(|x, y| {
        y.1.score
            .total
            .total_cmp(&x.1.score.total)
            .then_with(|| x.0.outcome.cmp(&y.0.outcome))
    });
    let mut any = false;
    for (o, b) in m.into_iter().take(top) {
        any |= o.derived_from_aims;
        t.row(vec![
            aims_marked(&o.outcome, o.derived_from_aims).into(),
            counterpart_cell(o),
            Cell::score(b.score.total),
            Cell::score(b.score.text),
            b.score.tags.map_or(Cell::Empty, Cell::score),
            o.text.clone().into(),
        ]);
    }
    with_aims_note(t, any)
}

pub fn unmatched(name: String, c: &Coverage, top: usize) -> Table {
    let mut t = Table::new(
        name,
        format!(
            "{} outcomes not fully covered by {} (best score below the threshold: {:.2} both tagged, {:.2} text only, or {:.0}% of that for a mutual best match on text; \"partial\" within {:.0}% of it)",
            c.to,
            c.from,
            c.threshold,
            c.threshold_text,
            c.mutual_from * 100.0,
            c.partial_from * 100.0
        ),
        &["module", "outcome", "best score", "best candidate", "text"],
    );
    let rows: Vec<_> = c.outcomes.iter().filter(|o| !o.covered).collect();
    let n = rows.len();
    for o in rows.into_iter().take(top) {
        t.row(unmatched_row(o));
    }
    if n > top {
        t.note = Some(format!(
            "{} more not shown (raise --top; --top 0 lists them all).",
            n - top
        ));
    }
    let any = c
        .outcomes
        .iter()
        .filter(|o| !o.covered)
        .take(top)
        .any(|o| o.derived_from_aims);
    with_aims_note(t, any)
}

/// An uncovered outcome with its best (too weak) candidate.
fn unmatched_row(o: &crate::analysis::compare::Match) -> Vec<Cell> {
    vec![
        o.module.clone().into(),
        if o.partial {
            format!("{} (partial)", aims_marked(&o.outcome, o.derived_from_aims)).into()
        } else {
            aims_marked(&o.outcome, o.derived_from_aims).into()
        },
        o.best
            .as_ref()
            .map_or(Cell::Empty, |b| Cell::score(b.score.total)),
        counterpart_cell(o),
        o.text.clone().into(),
    ]
}

pub fn gate(g: &Gate) -> Table {
    let name = format!("gate-{}-{}", slug(&g.from), slug(&g.to));
    let mut t = Table::new(
        name,
        format!(
            "Gate: {} → {} — verdict: {}",
            g.from,
            g.to,
            g.verdict.kind.label()
        ),
        &[
            "critical domain",
            &format!("{} requires", g.to),
            "uncovered",
            "difference",
            "flagged",
            "uncovered outcomes",
        ],
    );
    for d in &g.domains {
        t.row(vec![
            d.title.clone().into(),
            d.required.into(),
            d.uncovered.into(),
            Cell::share(d.difference),
            if d.flagged { "FLAG" } else { "" }.into(),
            aims_marked_list(&d.evidence, &d.evidence_from_aims).into(),
        ]);
    }
    let mut note = super::wording::reasons(&g.verdict.reasons).join("\n");
    for f in &g.facts {
        note.push_str(&format!("\nfact: {f}"));
    }
    note.push_str(&format!(
        "\nthresholds: covered at score ≥ {:.2} (both tagged) or ≥ {:.2} (text only; from {:.0}% of it for a mutual best match), half from {:.0}% of that; domain flagged at ≥ {} uncovered; ruled out at ≥ {} of measured critical domains flagged; equivalent at ≥ {} coverage",
        g.thresholds.cover,
        g.thresholds.cover_text,
        g.thresholds.mutual * 100.0,
        g.thresholds.partial * 100.0,
        pct(g.thresholds.flag),
        pct(g.thresholds.rule_out),
        pct(g.thresholds.equivalent)
    ));
    if let Some(r) = reviewed_note(&g.reviewed) {
        note.push_str(&format!("\n{r}"));
    }
    let any = g.domains.iter().any(|d| !d.evidence_from_aims.is_empty());
    with_aims_note(t.note(note), any)
}

pub fn sensitivity(g: &Gate) -> Table {
    let name = format!("sensitivity-{}-{}", slug(&g.from), slug(&g.to));
    let mut t = Table::new(
        name,
        format!(
            "Sensitivity: {} → {} verdict as each threshold moves",
            g.from, g.to
        ),
        &["threshold", "-20%", "-10%", "as set", "+10%", "+20%"],
    );
    for th in ["cover", "flag", "rule_out", "equivalent"] {
        let mut row = vec![Cell::text(th)];
        for r in g.sensitivity.iter().filter(|r| r.threshold == th) {
            row.push(
                format!(
                    "{} ({:.2}, {} flagged)",
                    r.verdict.label(),
                    r.value,
                    r.flagged
                )
                .into(),
            );
        }
        t.row(row);
    }
    t.note(if g.stable {
        "stable: the verdict is the same at every point of the sweep".to_string()
    } else {
        "UNSTABLE: the verdict changes within ±20% of a threshold; read the reasons before relying on it".to_string()
    })
}

/// The top-up from A to B. When the gate rules a shortened training out, no credit total is offered as a
/// route: the table says why and lists what a full training in B adds beyond A.
pub fn topup(tu: &TopUp, verdict: &Verdict) -> Table {
    let name = format!("topup-{}-{}", slug(&tu.from), slug(&tu.to));
    let title = if verdict.kind == VerdictKind::RuledOut {
        format!(
            "No top-up route from {} to {}: a shortened training is ruled out ({} differ too much). What a full {} training adds beyond {}:",
            tu.from,
            tu.to,
            verdict.flagged_domains.join(", "),
            tu.to,
            tu.from
        )
    } else {
        format!(
            "Top-up for a {} holder to practise as {}: about {} credits",
            tu.from, tu.to, tu.credits
        )
    };
    let first = if verdict.kind == VerdictKind::RuledOut {
        "module of the full training"
    } else {
        "proposed module"
    };
    let mut t = Table::new(
        name,
        title,
        &[first, "credits", "uncovered", "outcomes", "sources"],
    );
    for m in &tu.modules {
        let mut urls: Vec<&str> = m.outcomes.iter().filter_map(|o| o.url.as_deref()).collect();
        urls.sort();
        urls.dedup();
        t.row(vec![
            format!("{} — {}", m.id, m.title).into(),
            m.credits.into(),
            format!("{} of {}", m.uncovered, m.of).into(),
            m.outcomes
                .iter()
                .map(|o| aims_marked(&o.outcome, o.derived_from_aims))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            urls.join(" ").into(),
        ]);
    }
    for p in &tu.practice {
        t.row(vec![
            format!("Supervised practice in {}", p.label).into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    let mut note = format!("credit rule: {}", tu.rule);
    if let Some(r) = reviewed_note(&tu.reviewed) {
        note.push_str(&format!("\n{r}"));
    }
    let any = tu
        .modules
        .iter()
        .flat_map(|m| &m.outcomes)
        .any(|o| o.derived_from_aims);
    with_aims_note(t.note(note), any)
}

/// The pair at a glance, for the first screen: what the two share word for word and where they differ.
pub fn overview(p: &Pair) -> Table {
    let (a, b, o) = (&p.a.id, &p.b.id, &p.overview);
    let mut t = Table::new(
        format!("{}-{}-brief", slug(a), slug(b)),
        format!("In brief: {a} and {b}"),
        &["", "finding"],
    );
    let shared = if o.shared_modules.is_empty() {
        "none".to_string()
    } else {
        format!(
            "{} ({} outcomes of {b} identical in {a})",
            o.shared_modules
                .iter()
                .map(|m| format!("{} = {}", m.a, m.b))
                .collect::<Vec<_>>()
                .join(", "),
            o.identical_outcomes_b
        )
    };
    t.row(vec!["shared word for word".into(), shared.into()]);
    if let Some(to) = &o.progression_to {
        let (from, (fi, ti)) = if to == a {
            (b, (&p.b.intensity, &p.a.intensity))
        } else {
            (a, (&p.a.intensity, &p.b.intensity))
        };
        let i = |x: &Option<String>| x.clone().unwrap_or_default();
        t.row(vec![
            "intensity".into(),
            format!(
                "{from} {}, {to} {}: {from} → {to} is a progression to a higher-intensity role, a further training rather than a conversion",
                i(fi),
                i(ti)
            )
            .into(),
        ]);
    }
    for (id, own) in [(a, &o.only_a), (b, &o.only_b)] {
        let list: Vec<String> = own
            .iter()
            .map(|m| match &m.closest {
                Some(c) => format!("{} (closest {c}, {:.2})", m.module, m.similarity),
                None => m.module.clone(),
            })
            .collect();
        t.row(vec![
            format!("modules only in {id}").into(),
            if list.is_empty() {
                "none".to_string()
            } else {
                list.join("; ")
            }
            .into(),
        ]);
    }
    // Critical domains come first; three keep the answer and this table on one 80 × 25 screen.
    let shown = 3;
    for d in o.domains.iter().take(shown) {
        // Names while they fit on a line; a count beyond (the domain table lists every one).
        let side = |id: &str, v: &[String]| match v.len() {
            0 => None,
            1 | 2 => Some(format!("only {id}: {}", v.join(", "))),
            n => Some(format!("{n} only in {id}")),
        };
        t.row(vec![
            format!(
                "{}{}",
                d.domain,
                if d.critical { " (critical)" } else { "" }
            )
            .into(),
            [side(a, &d.only_a), side(b, &d.only_b)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
        ]);
    }
    if o.domains.len() > shown {
        t.note = Some(format!(
            "{} more domains differ; module titles and every competency follow below.",
            o.domains.len() - shown
        ));
    }
    t
}

/// How much of a pair to show: the terminal's (ranked lists cut at `top`), or the report's (every list in
/// full with each outcome's source, the module Jaccard and the sensitivity sweeps as well).
#[derive(Clone, Copy)]
pub enum Depth<'a> {
    Terminal { top: usize },
    Report { urls: &'a BTreeMap<String, String> },
}

/// The tables of one pair in reading order, each with its kind — the one builder the terminal and the report
/// both use.
pub fn pair_parts(p: &Pair, depth: Depth<'_>) -> Vec<(Kind, Table)> {
    let (a, b) = (&p.a.id, &p.b.id);
    let stem = format!("{}-{}", slug(a), slug(b));
    let report = matches!(depth, Depth::Report { .. });
    let top = match depth {
        Depth::Terminal { top } => top,
        Depth::Report { .. } => usize::MAX,
    };
    let only = |c: &Coverage, side: &str| {
        let name = format!("{stem}-only-{}", slug(side));
        match depth {
            Depth::Terminal { top } => unmatched(name, c, top),
            Depth::Report { urls } => unmatched_sourced(name, c, urls),
        }
    };
    let mut v = vec![
        (Kind::Overview, overview(p)),
        (
            Kind::ModuleSimilarity,
            matrix(
                format!("{stem}-modules"),
                format!("Module similarity: {a} (rows) × {b} (columns)"),
                &p.modules,
                "Mean best-match score of outcomes, both ways averaged: 1 = the same outcomes.",
            ),
        ),
    ];
    if report {
        v.push((
            Kind::ModuleJaccard,
            matrix(
                format!("{stem}-module-jaccard"),
                format!("Module competency Jaccard: {a} (rows) × {b} (columns)"),
                &p.module_sets,
                "Shared competency tags / all competency tags of the two modules.",
            ),
        ));
    }
    v.push((
        Kind::Domains,
        domains(format!("{stem}-domains"), a, b, &p.domains),
    ));
    v.push((Kind::Coverage, coverage(p)));
    // Right after coverage: the matches reviewers decided, when there are any.
    for c in [&p.a_covers_b, &p.b_covers_a] {
        if c.reviewed.any() {
            v.push((
                Kind::Reviewed,
                reviewed(format!("{stem}-reviewed-{}", slug(&c.to)), c),
            ));
        }
    }
    v.push((
        Kind::Matches,
        matches(format!("{stem}-matches"), &p.a_covers_b, top),
    ));
    v.push((Kind::Unmatched, only(&p.a_covers_b, b)));
    v.push((Kind::Unmatched, only(&p.b_covers_a, a)));
    for g in [&p.gate_ab, &p.gate_ba] {
        v.push((Kind::Gate, gate(g)));
        if report {
            v.push((Kind::Sensitivity, sensitivity(g)));
        }
    }
    v.push((Kind::TopUp, topup(&p.topup_ab, &p.gate_ab.verdict)));
    v.push((Kind::TopUp, topup(&p.topup_ba, &p.gate_ba.verdict)));
    v
}

/// The terminal's tables of one pair, in reading order.
pub fn pair(p: &Pair, top: usize) -> Vec<Table> {
    pair_parts(p, Depth::Terminal { top })
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// Every outcome of `c.to` whose match rests on a reviewer's decision, with what it now counts as.
pub fn reviewed(name: String, c: &Coverage) -> Table {
    let mut t = Table::new(
        name,
        format!(
            "Reviewed matches: {} outcomes whose counterpart in {} a reviewer decided (--mappings)",
            c.to, c.from
        ),
        &[
            &format!("{} outcome", c.to),
            &format!("{} counterpart", c.from),
            "score",
            "counts as",
            "text",
        ],
    );
    for o in c.outcomes.iter().filter(|o| o.reviewed != Review::None) {
        t.row(vec![
            o.outcome.clone().into(),
            counterpart_cell(o),
            o.best
                .as_ref()
                .map_or(Cell::Empty, |b| Cell::score(b.score.total)),
            if o.covered {
                "covered"
            } else if o.partial {
                "partial"
            } else {
                "not covered"
            }
            .into(),
            o.text.clone().into(),
        ]);
    }
    t
}

pub fn coverage(p: &Pair) -> Table {
    let stem = format!("{}-{}", slug(&p.a.id), slug(&p.b.id));
    let mut t = Table::new(
        format!("{stem}-coverage"),
        "Coverage",
        &["direction", "share", "outcomes covered", "threshold"],
    );
    for c in [&p.a_covers_b, &p.b_covers_a] {
        let n = c.outcomes.iter().filter(|o| o.covered).count();
        let half = c.outcomes.iter().filter(|o| o.partial).count();
        t.row(vec![
            format!("{} covers {}", c.from, c.to).into(),
            Cell::share(c.share),
            format!("{n} of {} (+{half} partial)", c.outcomes.len()).into(),
            Cell::score(c.threshold),
        ]);
    }
    let notes: Vec<String> = [&p.a_covers_b, &p.b_covers_a]
        .iter()
        .filter_map(|c| {
            reviewed_note(&c.reviewed).map(|r| format!("{} covers {}: {r}", c.from, c.to))
        })
        .collect();
    if !notes.is_empty() {
        t.note = Some(notes.join("\n"));
    }
    t
}

/// The tables of `overlap A B …` in reading order: the answer and each pair at a glance first, then (unless
/// `brief`) the evidence.
pub fn comparison(c: &Comparison, top: usize, brief: bool) -> Vec<Table> {
    let stem = c
        .curricula
        .iter()
        .map(|s| slug(&s.id))
        .collect::<Vec<_>>()
        .join("-");
    // The answer first, narrow enough for an 80-column terminal; the evidence follows.
    let mut v = vec![answer(format!("{stem}-answer"), c)];
    if brief {
        v.extend(c.pairs.iter().map(overview));
        return v;
    }
    if let [p] = c.pairs.as_slice() {
        let mut tables = pair(p, top);
        // One pair: its facts side by side right after the brief.
        tables.insert(1, summary(&[p.a.clone(), p.b.clone()]));
        v.extend(tables);
        return v;
    }
    v.extend([
        summary(&c.curricula),
        matrix(
            format!("{stem}-coverage"),
            "Coverage: share of the column's outcomes the row covers".into(),
            &c.coverage,
            "Row covers column at the coverage threshold.",
        ),
        matrix(
            format!("{stem}-jaccard"),
            "Competency Jaccard".into(),
            &c.jaccard,
            "Shared competencies / all competencies of the two.",
        ),
        matrix(
            format!("{stem}-overlap"),
            "Competency overlap coefficient".into(),
            &c.overlap,
            "Shared competencies / the smaller set.",
        ),
    ]);
    v.push(verdicts(format!("{stem}-verdicts"), c));
    for p in &c.pairs {
        v.extend(pair(p, top));
    }
    v
}

/// Every pair's gates, both directions, in pair order.
fn directions(c: &Comparison) -> impl Iterator<Item = &crate::analysis::Gate> {
    c.pairs.iter().flat_map(|p| [&p.gate_ab, &p.gate_ba])
}

/// The answer in brief: for every pair, both directions, the verdict, coverage, flagged critical domains and
/// top-up credits, without the reasons (the gate tables that follow give them).
pub fn answer(name: String, c: &Comparison) -> Table {
    let mut t = Table::new(
        name,
        "Answer: can a holder of one role move to the other?",
        &[
            "from",
            "to",
            "verdict",
            "coverage",
            "flagged critical domains",
            "credits",
        ],
    );
    for g in directions(c) {
        t.row(vec![
            g.from.clone().into(),
            g.to.clone().into(),
            g.verdict.kind.label().into(),
            Cell::share(g.coverage),
            if g.verdict.flagged_domains.is_empty() {
                "none".into()
            } else {
                g.verdict.flagged_domains.join(", ").into()
            },
            g.verdict.credits.map_or(Cell::Empty, Cell::from),
        ]);
    }
    t
}

/// Every verdict at a glance: the role held (row) against the role to move to (column), with the top-up's
/// credits where one is proposed. Compact enough for the first screen of the report for any handful of roles.
pub fn verdict_matrix(name: String, c: &Comparison) -> Table {
    let mut cols = vec!["from \\ to".to_string()];
    cols.extend(c.curricula.iter().map(|s| s.id.clone()));
    let mut t = Table::with_columns(
        name,
        "Answer: can a holder of the row's role move to the column's with a shortened training?",
        cols,
    )
    .note("Top-up: a shortened training is conceivable, with the credits of the proposed top-up; ruled-out: the critical domains differ too much (see each pair's gate). The pairs' sections give the reasons and the evidence.");
    for from in &c.curricula {
        let mut row = vec![Cell::text(from.id.clone())];
        for to in &c.curricula {
            let g = directions(c).find(|g| g.from == from.id && g.to == to.id);
            row.push(match g {
                None => Cell::Empty,
                Some(g) => match g.verdict.credits {
                    Some(cr) if g.verdict.kind == VerdictKind::TopUp => {
                        format!("{}: {cr} credits", g.verdict.kind.label()).into()
                    }
                    _ => g.verdict.kind.label().into(),
                },
            });
        }
        t.row(row);
    }
    t
}

/// Gate verdicts of every pair in both directions (the `verdicts` table of an N-way comparison, for any N).
pub fn verdicts(name: String, c: &Comparison) -> Table {
    let mut t = Table::new(
        name,
        "Verdicts (every pair, both directions)",
        &[
            "from",
            "to",
            "verdict",
            "coverage",
            "flagged domains",
            "credits",
            "stable",
            "reasons",
        ],
    )
    .note("from = the role a practitioner holds; to = the role they would move to. Credits: the top-up estimate (none when ruled out).");
    for g in directions(c) {
        t.row(vec![
            g.from.clone().into(),
            g.to.clone().into(),
            g.verdict.kind.label().into(),
            Cell::score(g.coverage),
            g.verdict.flagged_domains.join(", ").into(),
            g.verdict.credits.map_or(Cell::Empty, Cell::from),
            if g.stable { "yes" } else { "no" }.into(),
            super::wording::reasons(&g.verdict.reasons)
                .join("; ")
                .into(),
        ]);
    }
    t
}

/// Every outcome of `c.to` that `c.from` does not cover, each with its source URL (looked up in `urls`,
/// outcome id → URL, as the curricula give it).
pub fn unmatched_sourced(name: String, c: &Coverage, urls: &BTreeMap<String, String>) -> Table {
    let mut t = Table::new(
        name,
        format!(
            "{} outcomes with no counterpart in {} (best score below {:.2})",
            c.to, c.from, c.threshold
        ),
        &[
            "module",
            "outcome",
            "best score",
            "best candidate",
            "text",
            "source",
        ],
    );
    for o in c.outcomes.iter().filter(|o| !o.covered) {
        let mut row = unmatched_row(o);
        row.push(urls.get(&o.outcome).cloned().unwrap_or_default().into());
        t.row(row);
    }
    let any = c.outcomes.iter().any(|o| !o.covered && o.derived_from_aims);
    with_aims_note(t, any)
}

/// Where each compared curriculum comes from: file, source title and URL, plus the taxonomy.
pub fn provenance(name: String, catalog: &Catalog, ids: &[String]) -> Table {
    let mut t = Table::new(
        name,
        "Provenance of the curricula",
        &[
            "id",
            "title",
            "file",
            "source",
            "edition",
            "url",
            "outcomes",
            "outcomes with a source URL",
        ],
    );
    for c in catalog.curricula.iter().filter(|c| ids.contains(&c.id)) {
        let n = c.outcomes().count();
        let with_url = c.outcomes().filter(|(_, o)| o.provenance.is_some()).count();
        let src = c.source.as_ref();
        t.row(vec![
            c.id.clone().into(),
            c.title.clone().into(),
            c.file.clone().into(),
            src.and_then(|s| s.title.clone()).unwrap_or_default().into(),
            src.and_then(|s| s.edition.clone())
                .unwrap_or_default()
                .into(),
            src.map(|s| s.url.clone()).unwrap_or_default().into(),
            n.into(),
            with_url.into(),
        ]);
    }
    let tax = &catalog.taxonomy;
    let src = tax.source.as_ref();
    t.row(vec![
        format!("taxonomy {}", tax.id).into(),
        tax.title.clone().into(),
        Cell::Empty,
        src.and_then(|s| s.title.clone()).unwrap_or_default().into(),
        src.and_then(|s| s.edition.clone())
            .unwrap_or_default()
            .into(),
        src.map(|s| s.url.clone()).unwrap_or_default().into(),
        Cell::Empty,
        Cell::Empty,
    ]);
    t
}

/// Every outcome of a curriculum with its module, text, tags and source: what an outcome id in any table
/// stands for. Outcomes of a module shared with a curriculum listed before (the same ids, `same as`) are left
/// to that one: `seen` holds the ids already listed.
pub fn outcomes(
    c: &crate::model::Curriculum,
    seen: &mut std::collections::HashSet<String>,
) -> Table {
    let mut t = Table::new(
        format!("outcomes-{}", slug(&c.id)),
        format!("{} outcomes: {}", c.id, c.title),
        &["outcome", "module", "text", "tags", "source"],
    );
    let mut any = false;
    for (m, o) in c.outcomes() {
        if !seen.insert(o.id.clone()) {
            continue;
        }
        any |= o.derived_from_aims;
        t.row(vec![
            aims_marked(&o.id, o.derived_from_aims).into(),
            m.id.clone().into(),
            o.text.clone().into(),
            o.tags.join(", ").into(),
            o.provenance
                .as_ref()
                .map(|p| p.url.clone())
                .unwrap_or_default()
                .into(),
        ]);
    }
    with_aims_note(t, any)
}

/// The thresholds and weights the analysis ran with.
pub fn params(name: String, p: &crate::analysis::Params) -> Table {
    let mut t = Table::new(
        name,
        "Parameters and thresholds",
        &["parameter", "value", "meaning"],
    );
    t.row(vec![
        "method".into(),
        p.method.name().into(),
        "how texts are compared: meaning (embeddings blended with TF-IDF) or lexical (TF-IDF alone)".into(),
    ]);
    for (k, v, m) in p.table() {
        t.row(vec![k.into(), Cell::score(v), m.into()]);
    }
    if let Some(a) = &p.accept {
        t.row(vec![
            "accept.bias".into(),
            Cell::score(a.bias),
            "check: the acceptance model's intercept (a pick counts as matched when the model's probability reaches accept.bar)".into(),
        ]);
        for ((name, meaning), w) in crate::analysis::params::EVIDENCE.iter().zip(a.weights) {
            t.row(vec![
                format!("accept.{name}").into(),
                Cell::score(w),
                format!("check: the acceptance model's weight on {meaning}").into(),
            ]);
        }
        t.row(vec![
            "accept.bar".into(),
            Cell::score(a.bar),
            "check: probability at which a pick counts as matched (from `partial` of it, half)"
                .into(),
        ]);
        t.row(vec![
            "accept.fit".into(),
            Cell::score(a.fit),
            "check: share of the module's outcomes matched at which it fits national training (replaces poor_fit)"
                .into(),
        ]);
    }
    t
}

/// The critical domains of the taxonomy (data, not code) and why each is critical.
pub fn critical_domains(name: String, catalog: &Catalog) -> Table {
    let mut t = Table::new(
        name,
        "Critical domains (marked in the taxonomy data)",
        &["domain", "title", "competencies", "why critical"],
    );
    for d in catalog.taxonomy.domains.iter().filter(|d| d.critical) {
        t.row(vec![
            d.id.clone().into(),
            d.title.clone().into(),
            d.competencies.len().into(),
            d.critical_reason.clone().unwrap_or_default().into(),
        ]);
    }
    t
}
