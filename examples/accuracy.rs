//! Agreement of `overlap check` with expert labels (tests/gold), next to the plain TF-IDF baseline.
//!
//!     cargo run --release --example accuracy            # figures on the test split (and dev, for reference)
//!     cargo run --release --example accuracy -- --tune       # the grid search on dev that chose the defaults
//!     cargo run --release --example accuracy -- --tune-text  # the same for text-only scores
//!     cargo run --release --example accuracy -- --fit-accept # the acceptance model of `check`
//!     cargo run --release --example accuracy -- --dump       # every answer as JSON lines (module and outcome), for analysis
//!
//! Thresholds and weights are chosen on dev only; the test split is reported, never tuned on.

use std::path::Path;

use overlap::analysis::Params;
use overlap::gold::{self, Figures, Labelled, Split, measure, national, same_as};
use overlap::model::{Catalog, LoadSet};

/// What the grid search maximises: the agreement figures, less three times the coverage error.
fn objective(f: &Figures) -> f64 {
    f.top1 + f.top3 + f.covered_and_right + f.no_match_unmatched - 3.0 * f.coverage_mae
}

/// The figures of one grid point on one line.
fn brief(f: &Figures) -> String {
    format!(
        "top1 {:.2} top3 {:.2} c&r {:.2} unmatched {:.2} mae {:.3} modules {}",
        f.top1, f.top3, f.covered_and_right, f.no_match_unmatched, f.coverage_mae, f.modules_right
    )
}

fn row(name: &str, f: &Figures) {
    println!(
        "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.3} | {}/{} |",
        f.top1,
        f.top3,
        f.precision,
        f.covered_and_right,
        f.no_match_unmatched,
        f.coverage_mae,
        f.modules_right,
        f.descriptors
    );
}

fn report(catalog: &Catalog, gold: &[Labelled], split: Split) -> Result<(), String> {
    let part = gold::split(gold, split);
    let tool = measure(catalog, &part, &Params::default())?;
    let base = measure(catalog, &part, &gold::baseline())?;
    println!(
        "\n{:?} split: {} descriptors, {} outcomes the expert matched, {} matched to nothing\n",
        split, tool.descriptors, tool.labelled, tool.no_match
    );
    println!(
        "| method | top-1 | top-3 | precision | covered and right | no-match left unmatched | coverage MAE | modules right |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    row("overlap (meaning + words + context)", &tool);
    row("baseline (TF-IDF alone)", &base);
    println!("\nCalibration (best pick's score band → share the expert accepts):\n");
    println!(
        "| band | overlap: outcomes | overlap: agreement | baseline: outcomes | baseline: agreement |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (t, b) in tool.bands.iter().zip(&base.bands) {
        println!(
            "| {:.1}–{:.1} | {} | {:.2} | {} | {:.2} |",
            t.from, t.to, t.outcomes, t.agreement, b.outcomes, b.agreement
        );
    }
    if !tool.accept_bands.is_empty() {
        println!(
            "\nCalibration of the acceptance model (its probability band → share the expert accepts):\n"
        );
        println!("| band | outcomes | agreement |");
        println!("|---|---:|---:|");
        for b in &tool.accept_bands {
            println!(
                "| {:.1}–{:.1} | {} | {:.2} |",
                b.from, b.to, b.outcomes, b.agreement
            );
        }
    }
    Ok(())
}

/// Grid search on dev. The objective adds the agreement figures and the share of modules identified, and
/// subtracts three times the coverage error; the poor-fit bar is chosen after each run (it only reads the
/// coverage of the best-ranked module).
fn tune(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev = gold::split(gold, Split::Dev);
    let against = national(catalog);
    let same = same_as(catalog);
    let mut best = f64::MIN;
    for mw in [0.3, 0.4, 0.5, 0.6] {
        for floor in [0.1, 0.2, 0.3] {
            for prior in [0.0, 0.05, 0.1] {
                for penalty in [0.3, 0.6] {
                    for gloss in [0.2, 0.4, 0.6] {
                        for cover_text in [0.22, 0.25, 0.28, 0.31] {
                            for partial in [0.7, 0.8, 0.9] {
                                let p = Params {
                                    meaning_weight: mw,
                                    meaning_floor: floor,
                                    module_prior: prior,
                                    context_penalty: penalty,
                                    gloss_weight: gloss,
                                    cover_gloss: cover_text,
                                    partial,
                                    // The grid was searched under the threshold rule, before the
                                    // acceptance model was fitted at its result.
                                    accept: None,
                                    ..Params::DEFAULT
                                };
                                let mut answers = gold::run(catalog, &dev, &against, &p)?;
                                for poor_fit in [0.2, 0.3, 0.4, 0.5] {
                                    for a in &mut answers {
                                        let top =
                                            a.result.ranking.first().map_or(0.0, |r| r.coverage);
                                        a.result.fit =
                                            if top >= poor_fit { "good" } else { "poor" };
                                    }
                                    let f = gold::figures(&answers, &same);
                                    let obj = objective(&f)
                                        + f.modules_right as f64 / f.descriptors as f64;
                                    if obj > best + 1e-9 {
                                        best = obj;
                                        println!(
                                            "obj {obj:.3}: meaning_weight {mw} floor {floor} prior {prior} penalty {penalty} gloss {gloss} cover_text {cover_text} partial {partial} poor_fit {poor_fit} → {}",
                                            brief(&f)
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The share of meaning in a text-only score and the text-only threshold, chosen together on dev with
/// scores of text alone (no glosses): a larger share of meaning lifts every score, related or not, so each
/// weight is measured at its own best threshold. Same objective as [`tune`], at the default poor-fit bar.
fn tune_text(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev = gold::split(gold, Split::Dev);
    for meaning_weight_text in [0.4, 0.5, 0.6, 0.7, 0.8] {
        let mut best = (f64::MIN, 0.0, None);
        for k in 0..14 {
            let cover_text = 0.24 + 0.02 * k as f64;
            let p = Params {
                gloss_weight: 0.0,
                meaning_weight_text,
                cover_text,
                ..Params::DEFAULT
            };
            let f = measure(catalog, &dev, &p)?;
            let obj = objective(&f) + f.modules_right as f64 / f.descriptors as f64;
            if obj > best.0 + 1e-9 {
                best = (obj, cover_text, Some(f));
            }
        }
        if let (obj, cover_text, Some(f)) = best {
            println!(
                "obj {obj:.3}: meaning_weight_text {meaning_weight_text} cover_text {cover_text:.2} → {}",
                brief(&f)
            );
        }
    }
    Ok(())
}

/// The acceptance model of `check` fitted on dev (the evidence does not depend on the model, so one run
/// serves), printed as the constant `params.rs` holds, with the dev figures it gives.
fn fit_accept(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev = gold::split(gold, Split::Dev);
    let answers = gold::run(catalog, &dev, &national(catalog), &Params::default())?;
    let a = gold::fit_acceptance(&answers, Params::DEFAULT.partial);
    println!("pub const FITTED: Acceptance = {a:?};");
    let p = Params {
        accept: Some(a),
        ..Params::DEFAULT
    };
    println!("dev with it: {}", brief(&measure(catalog, &dev, &p)?));
    Ok(())
}

/// Every dev outcome whose pick the expert does not accept, for error analysis (never the test split).
fn misses(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev = gold::split(gold, Split::Dev);
    let against = national(catalog);
    for a in gold::run(catalog, &dev, &against, &Params::default())? {
        let r = &a.result;
        println!(
            "== {} (expected {:?}; ranked {:?}, fit {}, population {:?})",
            a.gold.name,
            a.gold.expected,
            r.ranking
                .iter()
                .take(3)
                .map(|x| (&x.module, x.score, x.coverage))
                .collect::<Vec<_>>(),
            r.fit,
            r.population
        );
        for (o, acc) in r.outcomes.iter().zip(&a.gold.outcomes) {
            let best = o.best.clone().unwrap_or_default();
            let ok = acc.contains(best.split_once(':').map_or("", |x| x.1));
            if !ok {
                println!(
                    "  {} {:?}\n    expert {:?}; tool {} {:.2} matched={} alts {:?}",
                    o.id, o.text, acc, best, o.score, o.matched, o.alternatives
                );
            }
        }
    }
    Ok(())
}

fn dump(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let against = national(catalog);
    for split in [Split::Dev, Split::Test] {
        let part = gold::split(gold, split);
        for a in gold::run(catalog, &part, &against, &Params::default())? {
            let r = &a.result;
            println!(
                "{}",
                serde_json::json!({"kind": "module", "split": format!("{split:?}"), "name": a.gold.name, "expected": a.gold.expected, "cover": a.gold.cover, "best": r.best, "ranking": r.ranking, "fit": r.fit})
            );
            for (o, acc) in r.outcomes.iter().zip(&a.gold.outcomes) {
                println!(
                    "{}",
                    serde_json::json!({"kind": "outcome", "split": format!("{split:?}"), "name": a.gold.name, "expected": a.gold.expected, "expert": acc, "o": o, "fit": r.fit, "ranking": r.ranking.iter().take(3).map(|x| (&x.module, x.score, x.coverage)).collect::<Vec<_>>(), "population": r.population})
                );
            }
        }
    }
    Ok(())
}

fn main() -> Result<(), String> {
    let ws = LoadSet::shipped().load().map_err(|e| e.render(false))?;
    let gold = gold::load(Path::new("tests/gold"), Path::new("tests/fixtures/hei"))?;
    if std::env::args().any(|a| a == "--dump") {
        return dump(&ws.catalog, &gold);
    }
    if std::env::args().any(|a| a == "--misses") {
        return misses(&ws.catalog, &gold);
    }
    if std::env::args().any(|a| a == "--fit-accept") {
        return fit_accept(&ws.catalog, &gold);
    }
    if std::env::args().any(|a| a == "--tune-text") {
        return tune_text(&ws.catalog, &gold);
    }
    if std::env::args().any(|a| a == "--tune") {
        return tune(&ws.catalog, &gold);
    }
    report(&ws.catalog, &gold, Split::Test)?;
    report(&ws.catalog, &gold, Split::Dev)
}
