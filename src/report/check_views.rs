//! Views of `overlap check` results.

use super::table::{Cell, Table};
use super::views::{aims_marked, marked, with_aims_note};
use crate::analysis::check::CheckResult;

/// Why the module is a good or a poor fit, by the rule that decided.
fn fit_reason(r: &CheckResult) -> String {
    let side = if r.fit == "good" { "at least" } else { "below" };
    match r.fit_share {
        Some(bar) => format!(
            "{:.0}% of its outcomes matched, {side} the {:.0}% a fit needs",
            r.matched_share * 100.0,
            bar * 100.0
        ),
        None => format!(
            "the best module's coverage {:.0}%, {side} {:.0}%",
            r.ranking.first().map_or(0.0, |x| x.coverage) * 100.0,
            r.poor_fit * 100.0
        ),
    }
}

pub fn result(r: &CheckResult, top: usize) -> Vec<Table> {
    let mut v = Vec::new();
    let mut rank = Table::new("check-ranking", format!("{} — {}: national modules ranked ({})", r.module, r.title, r.file), &["rank", "curriculum", "module", "title", "score", "covers national", "covered by national"])
        .note(format!(
            "fit: {} ({}). score = ½ harmonic mean of mean best-match scores both ways + ½ cosine of the modules as whole documents; covered by national = the share of the file's outcomes matched to an outcome of that module; an outcome counts as covered at score ≥ {:.2} (untagged against tagged: text and what the tags mean), ≥ {:.2} (text only) or ≥ {:.2} (both tagged), half covered from {:.0}% of that; texts compared by {}.{}{}",
            r.fit,
            fit_reason(r),
            r.threshold_gloss,
            r.threshold_text,
            r.threshold,
            r.partial * 100.0,
            r.method,
            if r.outcomes.iter().any(|o| o.acceptance.is_some()) { " Whether an outcome counts as matched is decided by the acceptance model (the score, how far the pick stands out, how well the module covers its best national module; see Method): `accept` is its probability." } else { "" },
            if r.lints.is_empty() { String::new() } else { format!("\nlints: {}", r.lints.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")) }
        ));
    for (k, x) in r.ranking.iter().take(top).enumerate() {
        rank.row(vec![
            (k + 1).into(),
            x.curriculum.clone().into(),
            x.module.clone().into(),
            x.title.clone().into(),
            Cell::score(x.score),
            Cell::share(x.coverage),
            Cell::share(x.coverage_of_file),
        ]);
    }
    v.push(rank);
    if let Some(b) = r.best.first() {
        let mut t = Table::new(
            "check-national",
            format!(
                "{}:{} outcomes — covered or missed by {}",
                b.curriculum, b.module, r.module
            ),
            &[
                "national outcome",
                "covered",
                "by",
                "score",
                "text",
                "source",
            ],
        );
        for l in &b.outcomes {
            t.row(vec![
                aims_marked(&l.national, l.derived_from_aims).into(),
                if l.covered {
                    "yes"
                } else if l.partial {
                    "partial"
                } else {
                    "MISSED"
                }
                .into(),
                marked(l.by.clone().unwrap_or_default(), l.reviewed).into(),
                Cell::score(l.score),
                l.national_text.clone().into(),
                l.url.clone().unwrap_or_default().into(),
            ]);
        }
        v.push(with_aims_note(
            t,
            b.outcomes.iter().any(|l| l.derived_from_aims),
        ));
    }
    let mut t = Table::new(
        "check-outcomes",
        format!(
            "{} outcomes: best national match and suggested tags",
            r.module
        ),
        &[
            "outcome",
            "best national match",
            "score",
            "accept",
            "matched",
            "tags / suggested",
            "text",
        ],
    );
    for o in &r.outcomes {
        let tags = if o.tags.is_empty() {
            format!("suggested: {}", o.suggested_tags.join(", "))
        } else {
            o.tags.join(", ")
        };
        t.row(vec![
            o.id.clone().into(),
            marked(o.best.clone().unwrap_or_default(), o.reviewed).into(),
            Cell::score(o.score),
            o.acceptance.map_or(Cell::Empty, Cell::score),
            if o.matched {
                "yes"
            } else if o.partial {
                "partial"
            } else {
                "NO MATCH"
            }
            .into(),
            tags.into(),
            o.text.clone().into(),
        ]);
    }
    v.push(t);
    v
}

/// One row per file checked (its result or the error that stopped it), then one per file skipped, with why.
pub fn batch(
    rows: &[Result<CheckResult, (String, String)>],
    skipped: &[(String, String)],
) -> Table {
    let mut t = Table::new(
        "check-batch",
        "Batch check: best national module per file",
        &[
            "file",
            "module",
            "best national module",
            "score",
            "coverage",
            "fit",
            "note",
        ],
    );
    for r in rows {
        match r {
            Ok(r) => {
                let b = r.ranking.first();
                t.row(vec![
                    r.file.clone().into(),
                    r.module.clone().into(),
                    b.map_or(String::new(), |b| {
                        format!("{}:{} {}", b.curriculum, b.module, b.title)
                    })
                    .into(),
                    b.map_or(Cell::Empty, |b| Cell::score(b.score)),
                    b.map_or(Cell::Empty, |b| Cell::share(b.coverage)),
                    r.fit.into(),
                    match r.warnings.len() {
                        0 => Cell::Empty,
                        1 => "1 warning".into(),
                        n => format!("{n} warnings").into(),
                    },
                ]);
            }
            Err((f, e)) => t.row(vec![
                f.clone().into(),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                e.clone().into(),
            ]),
        }
    }
    for (f, why) in skipped {
        t.row(vec![
            f.clone().into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            "skipped".into(),
            why.clone().into(),
        ]);
    }
    t
}
