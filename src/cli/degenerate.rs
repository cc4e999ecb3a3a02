//! Data that would give silently wrong answers is refused with a located error: an outcome with no content
//! words left once stop words and boilerplate are removed matches nothing, itself included, so a module
//! would score below 1 against itself and identical curricula would "need a top-up".

use std::collections::HashSet;

use super::Failure;
use crate::analysis::text::has_words;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Workspace;

const HELP: &str = "say what a trainee can do in content words (\"Assess a young person's low mood with their family\"); stop words, numbers and descriptor boilerplate such as \"demonstrate\" or \"critical understanding\" are not compared";

/// The diagnostic for an outcome with no words to compare, at `span` of file `file`.
pub(crate) fn wordless(file: usize, span: Span, id: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        span,
        "no-words",
        format!("outcome `{id}` has no words left to compare"),
    )
    .label("only stop words, numbers or boilerplate")
    .help(HELP)
}

/// Every outcome of the workspace has a content word; otherwise a located error for each that has none.
pub(crate) fn check_words(ws: &Workspace) -> Result<(), Failure> {
    let cat = &ws.catalog;
    // The prebuilt shipped catalog is the shipped curricula exactly, and a test holds them to this rule.
    if cat.prebuilt.is_some() {
        return Ok(());
    }
    let mut seen = HashSet::new();
    let bad: Vec<&str> = cat
        .curricula
        .iter()
        .flat_map(|c| c.modules.iter())
        .chain(cat.loose_modules.iter().map(|(_, m)| m))
        .flat_map(|m| m.outcomes.iter())
        .filter(|o| seen.insert(o.id.as_str()) && !has_words(&o.text))
        .map(|o| o.id.as_str())
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    let spans = ws.outcome_spans();
    let diags: Vec<Diagnostic> = bad
        .iter()
        .filter_map(|id| spans.get(*id).map(|&(f, s)| wordless(f, s, id)))
        .collect();
    Err(Failure::input(crate::diagnostic::render(
        &diags,
        &ws.files,
        super::color_stderr(),
    )))
}
