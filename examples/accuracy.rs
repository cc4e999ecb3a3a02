//! Agreement of `overlap check` with expert labels (tests/gold), next to the plain TF-IDF baseline.
//!
//!     cargo run --release --example accuracy            # figures on the test split (and dev, for reference)
//!     cargo run --release --example accuracy -- --tune  # the grid search on the dev split that chose the defaults
//!
//! Thresholds and weights are chosen on dev only; the test split is reported, never tuned on.

use std::path::Path;

use overlap::analysis::Params;
use overlap::gold::{self, Figures, Labelled, Split};
use overlap::model::{Catalog, LoadSet};

fn same_as(catalog: &Catalog) -> impl Fn(&str) -> String + '_ {
    move |id: &str| {
        catalog
            .curricula
            .iter()
            .flat_map(|c| &c.modules)
            .find(|m| m.id == id)
            .and_then(|m| m.same_as.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

fn measure(catalog: &Catalog, gold: &[Labelled], p: &Params) -> Result<Figures, String> {
    let against: Vec<_> = ["pwp", "cwp", "emhp"]
        .iter()
        .filter_map(|n| catalog.find(n).ok())
        .collect();
    let answers = gold::run(catalog, gold, &against, p)?;
    Ok(gold::figures(&answers, &same_as(catalog)))
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
    let part: Vec<Labelled> = gold.iter().filter(|g| g.split == split).cloned().collect();
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
    Ok(())
}

/// Grid search on dev: the objective rewards agreement and penalises coverage error.
fn tune(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev: Vec<Labelled> = gold
        .iter()
        .filter(|g| g.split == Split::Dev)
        .cloned()
        .collect();
    let mut best: Option<(f64, Params, Figures)> = None;
    for mw in [0.5, 0.7, 0.9] {
        for floor in [0.2, 0.3] {
            for prior in [0.0, 0.03, 0.06] {
                for penalty in [0.3, 0.6] {
                    for cover_text in [0.25, 0.3, 0.35] {
                        for partial in [0.8] {
                            let p = Params {
                                meaning_weight: mw,
                                meaning_floor: floor,
                                module_prior: prior,
                                context_penalty: penalty,
                                cover_text,
                                partial,
                                ..Params::DEFAULT
                            };
                            let f = measure(catalog, &dev, &p)?;
                            let obj =
                                f.top1 + 0.5 * f.top3 + f.covered_and_right + f.no_match_unmatched
                                    - 2.0 * f.coverage_mae
                                    + f.modules_right as f64 / f.descriptors as f64;
                            if best.as_ref().is_none_or(|b| obj > b.0 + 1e-9) {
                                println!(
                                    "obj {obj:.3}: meaning_weight {mw} floor {floor} prior {prior} penalty {penalty} cover_text {cover_text} partial {partial} → top1 {:.2} top3 {:.2} c&r {:.2} unmatched {:.2} mae {:.3} modules {}",
                                    f.top1,
                                    f.top3,
                                    f.covered_and_right,
                                    f.no_match_unmatched,
                                    f.coverage_mae,
                                    f.modules_right
                                );
                                best = Some((obj, p, f));
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Every dev outcome whose pick the expert does not accept, for error analysis (never the test split).
fn misses(catalog: &Catalog, gold: &[Labelled]) -> Result<(), String> {
    let dev: Vec<Labelled> = gold
        .iter()
        .filter(|g| g.split == Split::Dev)
        .cloned()
        .collect();
    let against: Vec<_> = ["pwp", "cwp", "emhp"]
        .iter()
        .filter_map(|n| catalog.find(n).ok())
        .collect();
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

fn main() -> Result<(), String> {
    let ws = LoadSet::shipped().load().map_err(|e| e.render(false))?;
    let gold = gold::load(Path::new("tests/gold"), Path::new("tests/fixtures/hei"))?;
    if std::env::args().any(|a| a == "--misses") {
        return misses(&ws.catalog, &gold);
    }
    if std::env::args().any(|a| a == "--tune") {
        return tune(&ws.catalog, &gold);
    }
    report(&ws.catalog, &gold, Split::Test)?;
    report(&ws.catalog, &gold, Split::Dev)
}
