//! `--mappings FILE`: reviewers' decisions read from SSSOM files (TSV, or the same rows saved as an Excel
//! workbook with an optional `decision` column), resolved against the loaded curricula. A
//! broken file is a located error (exit 3); a row that no longer fits the curricula is a located warning
//! and is not applied.

use std::path::PathBuf;

use super::Failure;
use crate::analysis::review::Reviews;
use crate::diagnostic::{SourceFile, render};
use crate::model::Catalog;
use crate::model::load::source_from_bytes;
use crate::model::review::{Decision, Known, resolve};

/// The outcomes decisions may name: every loaded curriculum's.
pub(crate) fn known(catalog: &Catalog) -> Vec<Known<'_>> {
    catalog
        .curricula
        .iter()
        .map(|c| Known {
            id: &c.id,
            outcomes: c
                .outcomes()
                .map(|(_, o)| (o.id.as_str(), o.text.as_str()))
                .collect(),
        })
        .collect()
}

/// A mapping file a spreadsheet saved as a workbook.
fn is_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

/// The decisions of every file in `paths` about outcomes of `known`; stale rows are reported on stderr.
pub(crate) fn decisions(paths: &[PathBuf], known: &[Known<'_>]) -> Result<Vec<Decision>, Failure> {
    let mut all = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let bytes =
            crate::input::read(path).map_err(|e| Failure::input(format!("error: {e}\n")))?;
        let (src, enc) = if is_workbook(path) {
            let tsv = crate::syntax::extract::sheet::first_sheet(&bytes)
                .and_then(|rows| crate::syntax::sssom::from_sheet(&rows))
                .map_err(|e| Failure::input(format!("error: {name}: {e}\n")))?;
            (
                SourceFile::new(format!("{name} (first worksheet)"), tsv),
                None,
            )
        } else {
            source_from_bytes(name.clone(), bytes)
        };
        let rows = match enc {
            Some(mut d) => Err(vec![{
                d.file = 0;
                d
            }]),
            None => crate::syntax::sssom::parse(&src.text, 0),
        }
        .map_err(|d| {
            Failure::input(render(
                &d,
                std::slice::from_ref(&src),
                super::color_stderr(),
            ))
        })?;
        let (decided, stale) = resolve(&rows, &name, &src, known);
        for s in stale {
            super::warn(&format!("{s}\n"));
        }
        all.extend(decided);
    }
    Ok(all)
}

pub(crate) fn reviews(paths: &[PathBuf], catalog: &Catalog) -> Result<Reviews, Failure> {
    if paths.is_empty() {
        return Ok(Reviews::default());
    }
    Ok(Reviews::new(&decisions(paths, &known(catalog))?))
}
