//! Reviewers' decisions resolved against the loaded curricula: each row of a mapping file names two outcomes
//! that must still exist, with the text the reviewer saw. A row that no longer fits (an id gone, a text
//! changed) is not applied and is reported where it stands.

use crate::printable::one_line;
use crate::syntax::sssom::{Curie, Row};

/// Which way a decision covers: the predicate's direction (see the README, "Mappings for review").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `exactMatch`, `closeMatch`, `relatedMatch`: each way.
    Both,
    /// `narrowMatch`: the subject is broader and covers the object.
    SubjectCovers,
    /// `broadMatch`: the object is broader and covers the subject.
    ObjectCovers,
}

/// An outcome named by a decision: its curriculum's id and its own, as the model spells them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutcomeKey {
    pub curriculum: String,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub subject: OutcomeKey,
    pub object: OutcomeKey,
    pub direction: Direction,
    /// Accepted (counts as covered) or rejected (can never cover).
    pub accept: bool,
    /// Where it was written: file and line.
    pub file: String,
    pub line: usize,
}

/// Outcomes a decision may name: a curriculum (or a checked module) with each outcome's id and text.
pub struct Known<'a> {
    pub id: &'a str,
    pub outcomes: Vec<(&'a str, &'a str)>,
}

/// A row not applied, and why, located as `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: warning: {}; this decision is not applied",
            self.file, self.line, self.column, self.reason
        )
    }
}

fn same_text(label: &str, text: &str) -> bool {
    let norm = |s: &str| {
        let s = one_line(s);
        s.strip_prefix('\'').map(str::to_string).unwrap_or(s)
    };
    norm(label) == norm(text)
}

fn direction(predicate: &str) -> Direction {
    match predicate {
        "skos:narrowMatch" => Direction::SubjectCovers,
        "skos:broadMatch" => Direction::ObjectCovers,
        _ => Direction::Both,
    }
}

/// The decisions of `rows` (read from `file`, whose text is `text`) that name outcomes of `known` with the
/// text they have now; every other row is returned as stale.
pub fn resolve(
    rows: &[Row],
    file: &str,
    text: &crate::diagnostic::SourceFile,
    known: &[Known<'_>],
) -> (Vec<Decision>, Vec<Stale>) {
    let mut decisions = Vec::new();
    let mut stale = Vec::new();
    for r in rows {
        let find = |c: &Curie, label: &Option<(String, crate::diagnostic::Span)>| {
            let at = |span: crate::diagnostic::Span, reason: String| {
                let (line, column) = text.line_col(span.start);
                Stale {
                    file: file.to_string(),
                    line,
                    column,
                    reason,
                }
            };
            let cur = known
                .iter()
                .find(|k| crate::syntax::sssom::prefix(k.id).eq_ignore_ascii_case(&c.prefix))
                .ok_or_else(|| at(c.span, format!("no curriculum `{}` is loaded", c.prefix)))?;
            let (id, current) = cur
                .outcomes
                .iter()
                .find(|(o, _)| o.eq_ignore_ascii_case(&c.local))
                .ok_or_else(|| {
                    at(
                        c.span,
                        format!("{} has no outcome `{}` any more", cur.id, c.local),
                    )
                })?;
            if let Some((l, span)) = label
                && !same_text(l, current)
            {
                return Err(at(
                    *span,
                    format!(
                        "the text of {}:{} has changed since it was reviewed (now: \"{}\")",
                        cur.id,
                        id,
                        one_line(current)
                    ),
                ));
            }
            Ok(OutcomeKey {
                curriculum: cur.id.to_string(),
                outcome: id.to_string(),
            })
        };
        match (
            find(&r.subject, &r.subject_label),
            find(&r.object, &r.object_label),
        ) {
            (Ok(subject), Ok(object)) => decisions.push(Decision {
                subject,
                object,
                direction: direction(&r.predicate),
                accept: !r.rejected,
                file: file.to_string(),
                line: r.line,
            }),
            (s, o) => {
                stale.extend(s.err());
                stale.extend(o.err());
            }
        }
    }
    (decisions, stale)
}
