//! Accuracy of `overlap check` on real university module descriptors (paraphrased, URL cited).

use std::collections::HashMap;

use overlap::analysis::Params;
use overlap::analysis::check::{Subject, check};
use overlap::model::LoadSet;

fn descriptor_module(path: &std::path::Path) -> (overlap::model::Module, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let d = overlap::syntax::descriptor::parse(&text, 0).unwrap();
    (
        overlap::model::descriptor::module(&d, "M"),
        overlap::model::descriptor::aims_sentences(&d),
    )
}

#[test]
fn check_ranks_the_right_national_module() {
    let ws = LoadSet::shipped().load().unwrap();
    let cat = &ws.catalog;
    let against: Vec<_> = ["pwp", "cwp", "emhp"]
        .iter()
        .map(|n| cat.find(n).unwrap())
        .collect();
    // A module that is `same as` another is the same answer.
    let mut canonical: HashMap<String, String> = HashMap::new();
    for m in cat.curricula.iter().flat_map(|c| c.modules.iter()) {
        canonical.insert(
            m.id.clone(),
            m.same_as.clone().unwrap_or_else(|| m.id.clone()),
        );
    }
    let canon = |id: &str| canonical.get(id).cloned().unwrap_or_else(|| id.to_string());
    let tsv = std::fs::read_to_string("tests/fixtures/hei/expected.tsv").unwrap();
    let (mut top1, mut top3, mut n) = (0, 0, 0);
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, expected) = (cols[0], cols[1]);
        let path = std::path::Path::new("tests/fixtures/hei").join(file);
        let (module, aims) = descriptor_module(&path);
        let subject = Subject {
            file: file.into(),
            module: &module,
            aims,
        };
        let r = check(
            cat,
            &subject,
            &against,
            &Params::default(),
            5,
            &Default::default(),
        )
        .unwrap();
        n += 1;
        let ranked: Vec<String> = r.ranking.iter().map(|x| canon(&x.module)).collect();
        let (ok1, ok3) = if expected == "none" {
            (r.fit == "poor", r.fit == "poor")
        } else {
            let e = canon(expected);
            (
                ranked.first() == Some(&e),
                ranked.iter().take(3).any(|x| *x == e),
            )
        };
        top1 += usize::from(ok1);
        top3 += usize::from(ok3);
        println!(
            "{file}: expected {expected}, got {} ({}), fit {}",
            ranked.first().cloned().unwrap_or_default(),
            r.ranking.first().map_or(0.0, |x| x.score),
            r.fit
        );
    }
    println!("top-1 accuracy {top1}/{n}, top-3 accuracy {top3}/{n}");
    assert!(n >= 8, "at least 8 descriptors");
    assert!(top1 * 8 >= n * 7, "top-1 accuracy {top1}/{n} is below 7/8");
}
