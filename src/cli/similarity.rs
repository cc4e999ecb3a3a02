//! `overlap similarity A B`: outcome × outcome similarity of two plain-text files at scale.
//!
//! Each non-blank line is one outcome; indices count non-blank lines from 0. Output, one line per match:
//! `b_index<TAB>a_index<TAB>score`. With `--top K`, the K best lines of A for each line of B (bounded memory;
//! `--top 0`: every line of A that scores above zero);
//! without it, every score of the full matrix is computed (row by row in per-worker buffers, never stored)
//! and the best line of A for each line of B is printed. `--quiet` prints one summary line instead: sizes,
//! nonzero pairs or matches, elapsed milliseconds including reading the files, and (lexical method) the
//! multiply-adds of the sparse product: the postings of A every line of B visits, for the physical-limit figure
//! of `benches/compare.sh`.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use super::Failure;
use crate::analysis::params::{Method, Params};
use crate::analysis::{scale, similarity};

/// The meaning method: every line embedded, the dense matrix scored through the similarity seam.
fn meaning(
    la: &[&str],
    lb: &[&str],
    top: Option<usize>,
    quiet: bool,
    start: Instant,
) -> Result<String, Failure> {
    let p = Params {
        method: Method::Meaning,
        ..Params::DEFAULT
    };
    let m =
        similarity::text_matrix(la, lb, &p).map_err(|e| Failure::input(format!("error: {e}\n")))?;
    let k = top.unwrap_or(1);
    let mut out = String::new();
    let mut matches = 0;
    for (j, row) in m.rows().into_iter().enumerate() {
        let mut idx: Vec<usize> = (0..row.len()).filter(|&i| row[i] > 0.0).collect();
        // Best first; ties to the lower index, as the lexical path orders them.
        idx.sort_by(|&x, &y| row[y].total_cmp(&row[x]).then(x.cmp(&y)));
        for &i in idx.iter().take(k) {
            matches += 1;
            if !quiet {
                let _ = writeln!(out, "{j}\t{i}\t{:.4}", row[i]);
            }
        }
    }
    if quiet {
        let _ = writeln!(
            out,
            "A: {} lines, B: {} lines; meaning, top-{k}: {matches} matches; {} ms",
            la.len(),
            lb.len(),
            start.elapsed().as_millis()
        );
    }
    Ok(out)
}

fn read_lines(path: &Path) -> Result<String, Failure> {
    let bytes = crate::input::read(path).map_err(|e| Failure::input(format!("error: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        Failure::input(format!(
            "error: {} is not UTF-8 text (invalid byte at line {line}, byte offset {at})",
            path.display()
        ))
    })
}

fn outcomes<'a>(path: &Path, text: &'a str) -> Result<Vec<&'a str>, Failure> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(Failure::input(format!(
            "error: {} has no outcomes (every line is blank)",
            path.display()
        )));
    }
    Ok(lines)
}

pub fn run(
    a: &Path,
    b: &Path,
    top: Option<usize>,
    quiet: bool,
    method: Method,
) -> Result<String, Failure> {
    let start = Instant::now();
    let (text_a, text_b) = (read_lines(a)?, read_lines(b)?);
    let (la, lb) = (outcomes(a, &text_a)?, outcomes(b, &text_b)?);
    // `--top 0` (every match) arrives as usize::MAX: no line of B has more matches than A has lines.
    let top = top.map(|k| k.min(la.len()));
    if method == Method::Meaning {
        return meaning(&la, &lb, top, quiet, start);
    }
    let v = scale::vectorise(&la, &lb);
    let index = scale::Index::build(&v.a, v.vocab);
    let mut out = String::new();
    let summary = match top {
        Some(k) => {
            let rows = scale::top_k(&index, &v.b, k);
            let matches: usize = rows.iter().map(Vec::len).sum();
            if !quiet {
                out.reserve(matches * 20);
                for (j, row) in rows.iter().enumerate() {
                    for &(i, s) in row {
                        let _ = writeln!(out, "{j}\t{i}\t{s:.4}");
                    }
                }
            }
            format!("top-{k}: {matches} matches")
        }
        None => {
            // Every score of the full matrix is computed; each row is reduced (nonzero count, best match,
            // ties to the lower index) in a per-worker buffer instead of storing |B| × |A| floats.
            let rows = scale::map_rows(&index, &v.b, |_, row| {
                let nonzero = row.iter().filter(|&&s| s > 0.0).count();
                let best = row.iter().enumerate().fold(
                    None,
                    |acc: Option<(usize, f32)>, (i, &s)| match acc {
                        Some((_, bs)) if bs >= s => acc,
                        _ if s > 0.0 => Some((i, s)),
                        _ => acc,
                    },
                );
                (nonzero, best)
            });
            let nonzero: usize = rows.iter().map(|r| r.0).sum();
            if !quiet {
                for (j, (_, best)) in rows.iter().enumerate() {
                    if let Some((i, s)) = best {
                        let _ = writeln!(out, "{j}\t{i}\t{s:.4}");
                    }
                }
            }
            format!("full matrix: {nonzero} nonzero pairs")
        }
    };
    if quiet {
        let _ = writeln!(
            out,
            "A: {} lines, B: {} lines, {} terms, {} postings; {summary}; {} ms; {} multiply-adds",
            la.len(),
            lb.len(),
            v.vocab,
            index.postings(),
            start.elapsed().as_millis(),
            v.b.iter().map(|q| index.cost(q)).sum::<usize>()
        );
    }
    Ok(out)
}
