//! `overlap check`: a university module (spec or plain descriptor) against national curricula.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::{CheckArgs, Format, Global, Top};
use super::commands::find;
use super::{Failure, load, render};
use crate::analysis::check::{CheckResult, ReadWarning, Subject, check};
use crate::diagnostic::{Diagnostic, SourceFile, render as render_diags};
use crate::model::load::source_from_bytes;
use crate::model::{Module, Workspace};
use crate::report::check_views;
use crate::syntax::descriptor;
use crate::syntax::extract::{self, FileKind};

/// Modules to check, each with its aims sentences.
type Subjects = Vec<(Module, Vec<String>)>;

/// What reading a file gave: the modules to check and the warnings about how it was read (rendered for
/// people, and one line each for JSON).
struct Read {
    ws: Workspace,
    mods: Subjects,
    warnings: Vec<ReadWarning>,
    shown: String,
}

/// The name standard input goes by in messages.
const STDIN: &str = "<stdin>";

/// Reads FILE (`-`: standard input) into modules to check: a `.ovl` module file through the model, a
/// document or text file as a descriptor.
fn subjects(global: &Global, path: &Path) -> Result<Read, Failure> {
    if path.is_dir() {
        return Err(Failure::input(format!(
            "error: {} is a directory; use --batch DIR to check every file in it\n",
            path.display()
        )));
    }
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        STDIN.to_string()
    } else {
        path.display().to_string()
    };
    if path.extension().is_some_and(|e| e == "ovl") {
        let ws = load(global, &[path.to_path_buf()])?;
        let mods: Vec<(Module, Vec<String>)> = ws
            .catalog
            .loose_modules
            .iter()
            .filter(|(f, _)| *f == name)
            .map(|(_, m)| (m.clone(), m.aims.iter().cloned().collect()))
            .collect();
        if mods.is_empty() {
            return Err(Failure::input(format!(
                "error: {name} holds no module to check (a curriculum file? use `overlap A B` to compare curricula)\n"
            )));
        }
        return Ok(Read {
            ws,
            mods,
            warnings: Vec::new(),
            shown: String::new(),
        });
    }
    let bytes = if stdin {
        crate::input::read_stdin()
    } else {
        crate::input::read(path)
    }
    .map_err(|e| Failure::input(format!("error: {e}\n")))?;
    let format = path
        .extension()
        .and_then(|e| FileKind::of_extension(&e.to_string_lossy()))
        .unwrap_or_else(|| FileKind::sniff(&bytes));
    let fail = |mut d: Diagnostic, src: &SourceFile| {
        d.file = 0;
        Failure::input(render_diags(
            &[d],
            std::slice::from_ref(src),
            super::color_stderr(),
        ))
    };
    let (src, d) = if format == FileKind::Text {
        let (src, enc) = source_from_bytes(name.clone(), bytes);
        if let Some(d) = enc {
            return Err(fail(d.help("save the descriptor as UTF-8 text, or give the document itself (.docx, .odt, .html, .pdf)"), &src));
        }
        let d = descriptor::parse(&src.text, 0).map_err(|d| fail(*d, &src))?;
        (src, d)
    } else {
        let x = extract::extract(format, &bytes).map_err(|e| {
            Failure::input(format!(
                "error: cannot read {name} as a {}: {e}\n",
                format.name()
            ))
        })?;
        let mut src = SourceFile::new(name.clone(), x.text);
        src.places = x.places;
        let d = descriptor::read(&src.text, x.roles.as_deref(), 0).map_err(|d| fail(*d, &src))?;
        (src, d)
    };
    let wordless: Vec<_> = d
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, (text, _))| !crate::analysis::text::has_words(text))
        .map(|(k, (_, span))| super::degenerate::wordless(0, *span, &format!("{}", k + 1)))
        .collect();
    if !wordless.is_empty() {
        return Err(Failure::input(render_diags(
            &wordless,
            std::slice::from_ref(&src),
            super::color_stderr(),
        )));
    }
    let warnings = d
        .warnings
        .iter()
        .map(|w| ReadWarning {
            at: src.locate(w.span.start),
            message: w.message.clone(),
        })
        .collect();
    let shown = if d.warnings.is_empty() {
        String::new()
    } else {
        render_diags(
            &d.warnings,
            std::slice::from_ref(&src),
            super::color_stderr(),
        )
    };
    let stem = path
        .file_stem()
        .filter(|_| !stdin)
        .map_or("MODULE".into(), |s| s.to_string_lossy().into_owned());
    let module = crate::model::descriptor::module(&d, &stem);
    let aims = crate::model::descriptor::aims_sentences(&d);
    Ok(Read {
        ws: load(global, &[])?,
        mods: vec![(module, aims)],
        warnings,
        shown,
    })
}

/// Decisions on pairs of the module's outcomes (its id as their curriculum) and national outcomes.
fn module_reviews(
    paths: &[PathBuf],
    catalog: &crate::model::Catalog,
    m: &Module,
) -> Result<crate::analysis::review::Reviews, Failure> {
    if paths.is_empty() {
        return Ok(Default::default());
    }
    let mut known = super::review::known(catalog);
    known.push(crate::model::review::Known {
        id: &m.id,
        outcomes: m
            .outcomes
            .iter()
            .map(|o| (o.id.as_str(), o.text.as_str()))
            .collect(),
    });
    Ok(crate::analysis::review::Reviews::new(
        &super::review::decisions(paths, &known)?,
    ))
}

/// The results for one file, and its warnings rendered for people.
fn check_file(
    global: &Global,
    args: &CheckArgs,
    path: &Path,
) -> Result<(Vec<CheckResult>, String), Failure> {
    check_read(args, path, subjects(global, path)?)
}

/// The results for a file already read.
fn check_read(
    args: &CheckArgs,
    path: &Path,
    read: Read,
) -> Result<(Vec<CheckResult>, String), Failure> {
    let Read {
        ws,
        mods,
        warnings,
        shown,
    } = read;
    let mut against = Vec::new();
    for a in &args.against {
        against.push(find(&ws.catalog, a)?);
    }
    let p = super::params(&args.thresholds)?;
    mods.iter()
        .map(|(m, aims)| {
            let subject = Subject {
                file: if path.as_os_str() == "-" {
                    STDIN.to_string()
                } else {
                    path.display().to_string()
                },
                module: m,
                aims: aims.clone(),
            };
            let reviews = module_reviews(&args.mappings, &ws.catalog, m)?;
            let mut r = check(
                &ws.catalog,
                &subject,
                &against,
                &p,
                args.top.or(Top::MODULES),
                &reviews,
            )
            .map_err(|e| Failure::input(format!("error: {e}\n")))?;
            r.warnings.clone_from(&warnings);
            Ok(r)
        })
        .collect::<Result<_, _>>()
        .map(|rs| (rs, shown))
}

/// The mappings of every checked module as one SSSOM file.
fn sssom(global: &Global, args: &CheckArgs, results: &[CheckResult]) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let p = super::params(&args.thresholds)?;
    let text = |cur: &str, out: &str| {
        ws.catalog
            .curricula
            .iter()
            .find(|c| c.id == cur)
            .and_then(|c| c.outcomes().find(|(_, o)| o.id == out))
            .map(|(_, o)| o.text.clone())
    };
    let mut sides: Vec<String> = results.iter().map(|r| r.module.clone()).collect();
    sides.extend(results.first().map_or(Vec::new(), |r| r.against.clone()));
    let mappings: Vec<_> = results
        .iter()
        .flat_map(|r| crate::analysis::mapping::of_check(r, text, &p))
        .collect();
    Ok(crate::report::sssom::tsv(&sides, &mappings, p.method))
}

fn below(r: &CheckResult, min: Option<f64>) -> bool {
    min.is_some_and(|m| r.ranking.first().is_none_or(|b| b.coverage < m))
}

pub fn run(global: &Global, args: &CheckArgs) -> Result<String, Failure> {
    if let Some(m) = args.min_coverage
        && !(0.0..=1.0).contains(&m)
    {
        return Err(Failure::usage(format!(
            "error: --min-coverage takes a share from 0 to 1, not {m}\n"
        )));
    }
    if let Some(dir) = &args.batch {
        return batch(global, args, dir);
    }
    let Some(path) = &args.file else {
        return Err(Failure::usage("error: give a FILE or --batch DIR\n"));
    };
    let (results, shown) = check_file(global, args, path)?;
    super::warn(&shown);
    let tables: Vec<_> = results
        .iter()
        .flat_map(|r| check_views::result(r, args.top.or(Top::MODULES)))
        .collect();
    let tsv = if global.format == Format::Sssom || args.review_sheet.is_some() {
        Some(sssom(global, args, &results)?)
    } else {
        None
    };
    if let (Some(sheet), Some(tsv)) = (&args.review_sheet, &tsv) {
        super::commands::review_sheet(sheet, tsv)?;
    }
    let out = if let Some(tsv) = tsv.filter(|_| global.format == Format::Sssom) {
        tsv
    } else {
        render(global.format, &tables, || {
            if results.len() == 1 {
                serde_json::to_value(&results[0])
            } else {
                serde_json::to_value(&results)
            }
            .unwrap_or_default()
        })
    };
    if let Some(r) = results.iter().find(|r| below(r, args.min_coverage)) {
        let (module, coverage) = r
            .ranking
            .first()
            .map_or(("no national module".to_string(), 0.0), |b| {
                (b.module.clone(), b.coverage)
            });
        return Err(Failure::finding(
            format!(
                "{}: coverage of the best national module ({module}) is {:.2}, below --min-coverage {:.2}\n",
                r.module,
                coverage,
                args.min_coverage.unwrap_or(0.0)
            ),
            out,
        ));
    }
    Ok(out)
}

fn batch(global: &Global, args: &CheckArgs, dir: &Path) -> Result<String, Failure> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| Failure::input(format!("error: cannot read {}: {e}\n", dir.display())))?;
    let mut files: Vec<PathBuf> = Vec::new();
    // Files the folder holds that are not descriptors, with the reason, listed so nothing is left out unseen.
    let mut skipped: Vec<(String, String)> = Vec::new();
    for p in rd.filter_map(Result::ok).map(|e| e.path()) {
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let readme = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("readme."));
        // A pipe or device with a descriptor's name is not skipped: reading refuses it, as an error row.
        if p.is_dir() {
            if !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                skipped.push((p.display().to_string(), "a folder (not searched)".into()));
            }
        } else if p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            // Hidden files (.DS_Store, editor backups) are not the user's documents.
        } else if readme {
            skipped.push((p.display().to_string(), "a README, not a descriptor".into()));
        } else if ext == "ovl" || FileKind::of_extension(&ext).is_some() {
            files.push(p);
        } else {
            let why = if ext.is_empty() {
                "no extension: name it .md, .txt, .docx, .odt, .html or .pdf".to_string()
            } else if ext == "doc" {
                "a Word 97–2003 .doc: save it as .docx".to_string()
            } else {
                format!(
                    ".{ext} is not a descriptor format (.md, .txt, .docx, .odt, .html, .htm, .pdf, .ovl)"
                )
            };
            skipped.push((p.display().to_string(), why));
        }
    }
    skipped.sort();
    files.sort();
    let bar = if std::io::stderr().is_terminal() && files.len() > 3 {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    // Every file is read first and all their texts embedded in one pass, then each is checked.
    let reads: Vec<Result<Read, Failure>> = files.iter().map(|f| subjects(global, f)).collect();
    let p = super::params(&args.thresholds)?;
    let all: Vec<Subject<'_>> = reads
        .iter()
        .flatten()
        .flat_map(|r| &r.mods)
        .map(|(m, aims)| Subject {
            file: String::new(),
            module: m,
            aims: aims.clone(),
        })
        .collect();
    crate::analysis::check::prepare(&all, &p)
        .map_err(|e| Failure::input(format!("error: {e}\n")))?;
    drop(all);
    let mut rows = Vec::new();
    let mut warned = String::new();
    let mut errors = 0;
    let mut low = 0;
    // Files are checked in parallel (their texts are embedded already), and reported in order.
    let checked: Vec<Result<(Vec<CheckResult>, String), Failure>> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .zip(reads)
            .map(|(f, read)| {
                let r = read.and_then(|r| check_read(args, f, r));
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            })
            .collect()
    };
    for (f, result) in files.iter().zip(checked) {
        match result {
            Ok((rs, shown)) => {
                warned.push_str(&shown);
                for r in rs {
                    low += usize::from(below(&r, args.min_coverage));
                    rows.push(Ok(r));
                }
            }
            Err(e) => {
                errors += 1;
                rows.push(Err((
                    f.display().to_string(),
                    e.message.lines().next().unwrap_or("").to_string(),
                )));
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    super::warn(&warned);
    let table = check_views::batch(&rows, &skipped);
    let out = render(global.format, &[table], || {
        serde_json::json!({
            "files": files.len(),
            "errors": errors,
            "results": rows.iter().map(|r| match r {
                Ok(r) => serde_json::json!({"file": r.file, "ranking": r.ranking.iter().take(3).collect::<Vec<_>>(), "fit": r.fit, "warnings": r.warnings}),
                Err((f, e)) => serde_json::json!({"file": f, "error": e}),
            }).collect::<Vec<_>>(),
            "skipped": skipped.iter().map(|(f, why)| serde_json::json!({"file": f, "reason": why})).collect::<Vec<_>>(),
        })
    });
    let summary = format!(
        "{} files checked, {} errors, {} below --min-coverage, {} skipped\n",
        files.len(),
        errors,
        low,
        skipped.len()
    );
    if errors > 0 || low > 0 {
        return Err(Failure {
            code: if errors > 0 { 3 } else { 1 },
            ..Failure::finding(summary, out)
        });
    }
    if global.format == Format::Table {
        super::warn(&summary);
    }
    Ok(out)
}
