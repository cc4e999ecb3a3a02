//! The commands over specs and curricula: compare, topup, explain, list, parse, fmt, report.

use std::path::{Path, PathBuf};

use super::args::{CompareOpts, Format, Global, Thresholds, Top};
use super::{Failure, load, params, render};
use crate::analysis::similarity::COMPETENCY_SHARE;
use crate::analysis::{explain, mapping};
use crate::model::{Catalog, Curriculum, LoadSet};
use crate::report::{draft, sssom, views};

pub(crate) fn find<'a>(catalog: &'a Catalog, name: &str) -> Result<&'a Curriculum, Failure> {
    catalog
        .find(name)
        .map_err(|e| Failure::usage(format!("error: {e}\n")))
}

/// A with the modules of `--with` files added, so a top-up draft can be tested against B.
fn with_modules(a: &Curriculum, catalog: &Catalog, with: &[PathBuf]) -> Curriculum {
    let mut a = a.clone();
    let names: Vec<String> = with.iter().map(|p| p.display().to_string()).collect();
    for (file, m) in &catalog.loose_modules {
        if names.contains(file) {
            a.modules.push(m.clone());
        }
    }
    if !with.is_empty() {
        a.id = format!("{}+top-up", a.id);
    }
    a
}

/// A mistyped command reads as a curriculum id: name the command it is close to.
fn command_hint(e: Failure, word: &str) -> Failure {
    use clap::CommandFactory;
    let cmd = super::args::Cli::command();
    let near = cmd
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|c| strsim::levenshtein(c, &word.to_lowercase()) <= 2)
        .min_by_key(|c| strsim::levenshtein(c, &word.to_lowercase()));
    match near {
        Some(c) => Failure::usage(format!(
            "{}hint: `{word}` is not a curriculum; did you mean the command `overlap {c}`?\n",
            e.message
        )),
        None => e,
    }
}

/// Two names for one curriculum would compare it with itself: refused with which curriculum both name,
/// and another one to compare it with.
pub(crate) fn distinct(
    catalog: &Catalog,
    names: &[&str],
    list: &[&Curriculum],
) -> Result<(), Failure> {
    for (i, a) in list.iter().enumerate() {
        if let Some(j) = list[i + 1..].iter().position(|b| b.id == a.id) {
            let other = catalog
                .curricula
                .iter()
                .find(|c| c.id != a.id)
                .map(|c| format!(", e.g. `overlap {} {}`", names[i], c.id.to_lowercase()))
                .unwrap_or_default();
            return Err(Failure::usage(format!(
                "error: `{}` and `{}` are the same curriculum ({}); compare it with another{other}\n",
                names[i],
                names[i + 1 + j],
                a.id,
            )));
        }
    }
    Ok(())
}

/// Writes the SSSOM rows `tsv` to `path` as a workbook to review (`--review-sheet`), atomically.
pub(crate) fn review_sheet(path: &Path, tsv: &str) -> Result<(), Failure> {
    let bytes = crate::report::xlsx::review_sheet(tsv)
        .map_err(|e| Failure::input(format!("error: cannot build {}: {e}\n", path.display())))?;
    super::io::atomic_write(path, &bytes)
        .map_err(|e| Failure::input(format!("error: cannot write {}: {e}\n", path.display())))
}

pub fn compare(global: &Global, ids: &[String], opts: &CompareOpts) -> Result<String, Failure> {
    let ws = load(global, &opts.with)?;
    let p = params(&opts.thresholds)?;
    let mut list = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        let c = find(&ws.catalog, id).map_err(|e| if k == 0 { command_hint(e, id) } else { e })?;
        list.push(c.clone());
    }
    distinct(
        &ws.catalog,
        &ids.iter().map(String::as_str).collect::<Vec<_>>(),
        &list.iter().collect::<Vec<_>>(),
    )?;
    if let Some(first) = list.first_mut() {
        *first = with_modules(first, &ws.catalog, &opts.with);
    }
    let refs: Vec<&Curriculum> = list.iter().collect();
    let engine = super::engine(&ws.catalog, p, &opts.mappings)?;
    let cmp = engine.compare(&refs);
    let mappings = || -> Vec<_> {
        cmp.pairs
            .iter()
            .flat_map(|p| mapping::of_pair(&p.a_covers_b, &p.b_covers_a, &engine.params))
            .collect()
    };
    let ids: Vec<String> = cmp.curricula.iter().map(|c| c.id.clone()).collect();
    if let Some(path) = &opts.review_sheet {
        review_sheet(path, &sssom::tsv(&ids, &mappings(), engine.params.method))?;
    }
    if matches!(global.format, Format::Sssom | Format::Case) {
        let mappings = mappings();
        if global.format == Format::Sssom {
            return Ok(sssom::tsv(&ids, &mappings, engine.params.method));
        }
        let package = crate::report::case::comparison(&ids, &mappings);
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&package).unwrap_or_default()
        ));
    }
    let tables = views::comparison(&cmp, opts.top.or(Top::MATCHES), opts.brief);
    Ok(render(global.format, &tables, || {
        if cmp.pairs.len() == 1 {
            serde_json::to_value(&cmp.pairs[0])
        } else {
            serde_json::to_value(&cmp)
        }
        .unwrap_or_default()
    }))
}

pub fn topup(
    global: &Global,
    (from, to): (&str, &str),
    emit: Option<&Path>,
    mappings: &[PathBuf],
    t: &Thresholds,
) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let p = params(t)?;
    let (a, b) = (find(&ws.catalog, from)?, find(&ws.catalog, to)?);
    distinct(&ws.catalog, &[from, to], &[a, b])?;
    let engine = super::engine(&ws.catalog, p, mappings)?;
    let pair = engine.pair(a, b);
    if let Some(path) = emit {
        let v = &pair.gate_ab.verdict;
        if v.kind == crate::analysis::VerdictKind::RuledOut {
            return Err(Failure::finding(
                format!(
                    "error: no top-up draft written: a shortened training from {} to {} is ruled out ({} differ too much)\n",
                    a.id,
                    b.id,
                    v.flagged_domains.join(", ")
                ),
                String::new(),
            ));
        }
        if pair.topup_ab.modules.is_empty() && pair.topup_ab.practice.is_empty() {
            return Err(Failure::input(format!(
                "error: nothing to emit: {} covers every outcome of {} and shares its settings\n",
                a.id, b.id
            )));
        }
        let text = draft::draft(&pair.topup_ab, &b.levels);
        super::io::atomic_write(path, text.as_bytes()).map_err(|e| {
            Failure::input(format!("error: cannot write {}: {e}\n", path.display()))
        })?;
    }
    let tables = vec![
        views::topup(&pair.topup_ab, &pair.gate_ab.verdict),
        views::gate(&pair.gate_ab),
        views::sensitivity(&pair.gate_ab),
    ];
    Ok(render(global.format, &tables, || {
        serde_json::json!({
            "from": a.id,
            "to": b.id,
            "verdict": pair.gate_ab.verdict,
            "topup": pair.topup_ab,
            "gate": pair.gate_ab,
        })
    }))
}

pub fn explain(global: &Global, a: &str, b: &str, t: &Thresholds) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let engine = super::engine(&ws.catalog, params(t)?, &[])?;
    let item = |spec: &str| {
        let (c, o) = spec.split_once(':').ok_or_else(|| {
            Failure::usage(format!(
                "error: `{spec}` is not CURRICULUM:OUTCOME (e.g. emhp:EMHP-2.1)\n"
            ))
        })?;
        let cur = find(&ws.catalog, c)?;
        let (m, out) = cur
            .outcomes()
            .find(|(_, x)| x.id.eq_ignore_ascii_case(o))
            .ok_or_else(|| {
                let ids: Vec<&str> = cur.outcomes().map(|(_, x)| x.id.as_str()).collect();
                let hint = crate::model::build::did_you_mean(o, &ids)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Failure::usage(format!("error: {} has no outcome `{o}`{hint}\n", cur.id))
            })?;
        Ok::<_, Failure>(engine.corpus.item(&cur.id, m, out))
    };
    let (ia, ib) = (item(a)?, item(b)?);
    let e = explain::explain(&ia, &ib, &engine.corpus.tfidf, &engine.params);
    let mut t = crate::report::Table::new(
        "explain",
        format!("{} vs {}", e.a, e.b),
        &["term", "weight in A", "weight in B", "contribution"],
    );
    for s in &e.shared_terms {
        t.row(vec![
            s.term.clone().into(),
            crate::report::Cell::Num(s.weight_a, 3),
            crate::report::Cell::Num(s.weight_b, 3),
            crate::report::Cell::Num(s.contribution, 3),
        ]);
    }
    let tags = match e.tag_agreement {
        Some(x) => format!(
            "tag agreement {x:.3} ({:.2} × competency Jaccard + {:.2} × domain Jaccard); shared tags: {}",
            COMPETENCY_SHARE,
            1.0 - COMPETENCY_SHARE,
            if e.shared_tags.is_empty() {
                "none".into()
            } else {
                e.shared_tags.join(", ")
            }
        ),
        None => "tag agreement: not used (an outcome has no tags, or --tag-weight is 0)".into(),
    };
    let own = match e.score.meaning {
        Some(m) => format!(
            "{:.2} × meaning {m:.3} + {:.2} × words {:.3}",
            e.meaning_weight,
            1.0 - e.meaning_weight,
            e.score.lexical
        ),
        None => format!("words (TF-IDF cosine) {:.3}", e.score.lexical),
    };
    let text = match e.score.gloss {
        Some(g) => format!(
            "text = {:.2} × ({own}) + {:.2} × against what the tags mean {g:.3} = {:.3}",
            1.0 - e.gloss_weight,
            e.gloss_weight,
            e.score.text
        ),
        None => format!("text = {own} = {:.3}", e.score.text),
    };
    let blend = match e.score.tags {
        Some(tg) => format!(
            "{:.2} × text {:.3} + {:.2} × tags {tg:.3}",
            1.0 - e.tag_weight,
            e.score.text,
            e.tag_weight
        ),
        None => format!("text {:.3}", e.score.text),
    };
    let scope = |s: &[String]| {
        if s.is_empty() {
            "population-neutral".to_string()
        } else {
            s.join(", ")
        }
    };
    let (blend, context) = if e.score.context < 1.0 {
        (
            format!("({blend})"),
            format!(
                " × context {:.2} (populations do not meet)",
                e.score.context
            ),
        )
    } else {
        (blend, String::new())
    };
    let t = t.note(format!(
        "A: {}\nB: {}\ntags A: {}\ntags B: {}\nscope A: {}; scope B: {}\n{tags}\nwords: TF-IDF cosine {:.3} = sum of contributions\n{text}\nscore = {blend}{context} = {:.3}; {} at the threshold {:.2}",
        e.text_a,
        e.text_b,
        e.tags_a.join(", "),
        e.tags_b.join(", "),
        scope(&e.scope_a),
        scope(&e.scope_b),
        e.score.lexical,
        e.score.total,
        if e.covered { "covered" } else { "not covered" },
        e.threshold
    ));
    Ok(render(global.format, &[t], || {
        serde_json::to_value(&e).unwrap_or_default()
    }))
}

/// `export CURRICULUM --format moodle|case`: the curriculum as a Moodle competency framework CSV or a CASE 1.1
/// package.
pub fn export(global: &Global, curriculum: &str) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let c = find(&ws.catalog, curriculum)?;
    if global.format == Format::Case {
        let package = crate::report::case::package(c);
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&package).unwrap_or_default()
        ));
    }
    let t = crate::report::moodle::framework(c, &ws.catalog.taxonomy);
    Ok(crate::report::table::to_csv(&t))
}

pub fn list(global: &Global) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let t = views::list(&ws.catalog);
    Ok(render(global.format, &[t], || {
        serde_json::to_value(&ws.catalog.curricula).unwrap_or_default()
    }))
}

pub fn parse(global: &Global, files: &[PathBuf]) -> Result<String, Failure> {
    let set = LoadSet {
        embedded: true,
        dirs: global.curricula.clone(),
        files: files.to_vec(),
    };
    let ws = set.load()?;
    super::degenerate::check_words(&ws)?;
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let curricula: Vec<_> = ws
        .catalog
        .curricula
        .iter()
        .filter(|c| names.contains(&c.file))
        .collect();
    let modules: Vec<_> = ws
        .catalog
        .loose_modules
        .iter()
        .filter(|(f, _)| names.contains(f))
        .map(|(_, m)| m)
        .collect();
    let taxonomy_given = ws.taxonomy_file.as_ref().is_some_and(|t| names.contains(t));
    let value = serde_json::json!({
        "curricula": curricula,
        "modules": modules,
        "taxonomy": if taxonomy_given { serde_json::to_value(&ws.catalog.taxonomy).unwrap_or_default() } else { serde_json::Value::Null },
    });
    match global.format {
        Format::Json | Format::Table => Ok(render(Format::Json, &[], || value)),
        _ => Err(Failure::usage(
            "error: `parse` prints JSON; use --format json\n",
        )),
    }
}

pub fn fmt(files: &[PathBuf], check: bool, write: bool) -> Result<String, Failure> {
    let mut out = String::new();
    let mut unformatted = Vec::new();
    for path in files {
        let (src, enc) = crate::model::load::read_source(path)?;
        let (doc, mut diags) = crate::syntax::parse_document(&src.text, 0);
        if let Some(mut d) = enc {
            d.file = 0;
            diags.insert(0, d);
        }
        if !diags.is_empty() {
            return Err(Failure::input(crate::diagnostic::render(
                &diags,
                &[src],
                super::color_stderr(),
            )));
        }
        let formatted = crate::syntax::format::format(&doc);
        if check {
            if formatted != src.text {
                unformatted.push(path.display().to_string());
            }
        } else if write {
            if formatted != src.text {
                super::io::atomic_write(path, formatted.as_bytes()).map_err(|e| {
                    Failure::input(format!("error: cannot write {}: {e}\n", path.display()))
                })?;
            }
        } else {
            out.push_str(&formatted);
        }
    }
    if !unformatted.is_empty() {
        return Err(Failure::finding(
            unformatted
                .iter()
                .map(|f| format!("not in canonical form: {f} (run `overlap fmt --write {f}`)\n"))
                .collect::<String>(),
            String::new(),
        ));
    }
    Ok(out)
}
