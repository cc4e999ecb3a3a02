//! The engine on the shipped data and its invariants: findings, gate verdicts, top-ups, properties.

use assert_cmd::Command;
use overlap::analysis::corpus::Corpus;
use overlap::analysis::sets::SetStats;
use overlap::analysis::similarity::score;
use overlap::analysis::{Engine, Params, VerdictKind};
use overlap::model::{Catalog, LoadSet};
use proptest::prelude::*;
use serde_json::Value;

fn catalog() -> Catalog {
    LoadSet::shipped().load().unwrap().catalog
}

fn json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("overlap")
        .unwrap()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn shared_modules_match_each_other_at_the_top() {
    let v = json(&["cwp", "emhp"]);
    let rows = v["modules"]["values"].as_array().unwrap();
    for k in 0..3 {
        let row: Vec<f64> = rows[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert_eq!(row[k], 1.0, "CWP-{} vs EMHP-{}", k + 1, k + 1);
        assert!(row.iter().enumerate().all(|(j, x)| j == k || *x < row[k]));
    }
    for key in ["a_covers_b", "b_covers_a"] {
        let x = v["coverage"][key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x));
    }
    assert!(
        v["domains"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("jaccard").is_some() && d.get("only_a").is_some())
    );
}

#[test]
fn emhp_covers_all_of_cwp_2017_and_not_the_reverse() {
    let v = json(&["cwp-2017", "emhp"]);
    assert_eq!(v["coverage"]["b_covers_a"].as_f64().unwrap(), 1.0);
    let half = v["coverage"]["a_covers_b"].as_f64().unwrap();
    assert!(
        (0.4..=0.65).contains(&half),
        "CWP-2017 covers {half} of EMHP"
    );
}

#[test]
fn adult_and_children_differ_by_domain() {
    let v = json(&["pwp", "cwp"]);
    let crit: Vec<&Value> = v["domains"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["critical"] == true)
        .collect();
    assert_eq!(crit.len(), 5);
    assert!(
        crit.iter()
            .all(|d| d["only_a"].as_u64().unwrap() + d["only_b"].as_u64().unwrap() > 0)
    );
}

fn verdict(a: &str, b: &str) -> Value {
    json(&["topup", a, b])
}

#[test]
fn adult_children_shortened_training_is_ruled_out() {
    for (a, b) in [
        ("pwp", "cwp"),
        ("cwp", "pwp"),
        ("pwp", "emhp"),
        ("emhp", "pwp"),
    ] {
        let v = verdict(a, b);
        assert_eq!(v["verdict"]["kind"], "ruled-out", "{a}→{b}");
        assert!(
            v["verdict"]["flagged_domains"].as_array().unwrap().len() >= 4,
            "{a}→{b}"
        );
        assert!(v["verdict"]["credits"].is_null());
        assert_eq!(v["gate"]["stable"], true, "{a}→{b} unstable");
    }
}

/// High-intensity CBT training is a different programme, not a longer low-intensity one: no shortened route
/// either way; a PWP brings some of it (risk, supervision, session structure) and well under half of its
/// outcomes (not formulation-driven, disorder-specific therapy).
#[test]
fn pwp_and_high_intensity_training_have_no_shortened_route() {
    for (a, b) in [("pwp", "hit"), ("hit", "pwp")] {
        let v = verdict(a, b);
        assert_eq!(v["verdict"]["kind"], "ruled-out", "{a}→{b}");
        assert!(v["verdict"]["credits"].is_null());
        assert_eq!(v["gate"]["stable"], true, "{a}→{b} unstable");
    }
    let up = verdict("pwp", "hit")["gate"]["coverage"].as_f64().unwrap();
    assert!(up > 0.1 && up < 0.5, "PWP covers {up} of HIT");
}

#[test]
fn cwp_2017_to_emhp_is_an_education_top_up() {
    let v = verdict("cwp-2017", "emhp");
    assert_eq!(v["verdict"]["kind"], "top-up");
    let credits = v["verdict"]["credits"].as_u64().unwrap();
    assert!((45..=75).contains(&credits), "{credits} credits");
    let mods: Vec<&str> = v["topup"]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["from_module"].as_str().unwrap())
        .collect();
    for m in ["EMHP-4", "EMHP-5", "EMHP-6"] {
        assert!(mods.contains(&m), "{m} missing from {mods:?}");
    }
    assert_eq!(v["topup"]["practice"][0]["setting"], "education");
    assert_eq!(v["gate"]["stable"], true);
}

#[test]
fn cwp_and_emhp_top_up_both_ways_in_setting_modules() {
    for (a, b, setting_modules) in [
        ("cwp", "emhp", ["EMHP-4", "EMHP-5", "EMHP-6"]),
        ("emhp", "cwp", ["CWP-4", "CWP-5", "CWP-6"]),
    ] {
        let v = verdict(a, b);
        assert_eq!(v["verdict"]["kind"], "top-up", "{a}→{b}");
        let mods = v["topup"]["modules"].as_array().unwrap();
        let in_setting: u64 = mods
            .iter()
            .filter(|m| setting_modules.contains(&m["from_module"].as_str().unwrap()))
            .map(|m| m["uncovered"].as_u64().unwrap())
            .sum();
        let all: u64 = mods.iter().map(|m| m["uncovered"].as_u64().unwrap()).sum();
        assert!(
            in_setting * 10 >= all * 8,
            "{a}→{b}: {in_setting} of {all} uncovered outcomes in setting modules"
        );
    }
}

#[test]
fn flags_follow_the_taxonomy_data() {
    // Mark different domains critical: the flags must move with them.
    let tax = std::fs::read_to_string("curricula/taxonomy.ovl").unwrap();
    let mut out = String::new();
    let mut skipping = false;
    for line in tax.lines() {
        let t = line.trim_start();
        if t.starts_with("critical ") {
            skipping = !t.trim_end().ends_with('"') || t.matches('"').count() < 2;
            continue;
        }
        if skipping {
            skipping = !t.trim_end().ends_with('"');
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if t.starts_with("domain settings-systems ") || t.starts_with("domain families-schools ") {
            out.push_str("    critical\n");
        }
    }
    let dir = std::env::temp_dir().join(format!("overlap-tax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("taxonomy.ovl"), out).unwrap();
    let o = Command::cargo_bin("overlap")
        .unwrap()
        .args(["topup", "pwp", "cwp", "--format", "json", "--curricula"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let flagged: Vec<&str> = v["verdict"]["flagged_domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        flagged
            .iter()
            .all(|d| ["settings-systems", "families-schools"].contains(d)),
        "{flagged:?}"
    );
    let gate_domains: Vec<&str> = v["gate"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(gate_domains, ["settings-systems", "families-schools"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn emitted_top_up_parses_and_closes_the_gap() {
    let dir = std::env::temp_dir().join(format!("overlap-emit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("topup.ovl");
    Command::cargo_bin("overlap")
        .unwrap()
        .args(["topup", "cwp-2017", "emhp", "--emit"])
        .arg(&draft)
        .assert()
        .success();
    Command::cargo_bin("overlap")
        .unwrap()
        .args(["fmt", "--check"])
        .arg(&draft)
        .assert()
        .success();
    Command::cargo_bin("overlap")
        .unwrap()
        .arg("parse")
        .arg(&draft)
        .assert()
        .success();
    let before = json(&["cwp-2017", "emhp"]);
    let o = Command::cargo_bin("overlap")
        .unwrap()
        .args(["cwp-2017", "emhp", "--format", "json", "--with"])
        .arg(&draft)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after: Value = serde_json::from_slice(&o.stdout).unwrap();
    let (b, a) = (
        before["coverage"]["a_covers_b"].as_f64().unwrap(),
        after["coverage"]["a_covers_b"].as_f64().unwrap(),
    );
    assert!(a > b && a >= 0.95, "coverage {b} → {a}");
    assert_ne!(after["verdict"]["kind"], "ruled-out");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_curriculum_exits_2_with_suggestion() {
    let o = Command::cargo_bin("overlap")
        .unwrap()
        .args(["cwp", "emph"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("did you mean `EMHP`") && e.contains("WP-CYP"),
        "{e}"
    );
}

#[test]
fn n_way_equals_pairwise() {
    let cat = catalog();
    let engine = Engine::new(&cat, Params::default()).unwrap();
    let (p, c, e) = (
        cat.find("pwp").unwrap(),
        cat.find("cwp").unwrap(),
        cat.find("emhp").unwrap(),
    );
    let all = engine.compare(&[p, c, e]);
    let pairs = [(p, c), (p, e), (c, e)];
    for (k, (a, b)) in pairs.iter().enumerate() {
        assert_eq!(all.pairs[k], engine.pair(a, b));
    }
    assert_eq!(all.coverage.values[0][1], all.pairs[0].coverage.a_covers_b);
}

#[test]
fn output_is_deterministic() {
    let run = || {
        Command::cargo_bin("overlap")
            .unwrap()
            .args(["pwp", "cwp", "emhp", "--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn every_verdict_kind_is_reachable_by_thresholds() {
    // Equivalent needs full coverage and no flags: EMHP holds all of CWP (2017), and (in the engine, as
    // the command line refuses it) a curriculum holds all of itself.
    let v = verdict("emhp", "cwp-2017");
    assert_eq!(v["verdict"]["kind"], "equivalent");
    let cat = catalog();
    let engine = Engine::new(&cat, Params::default()).unwrap();
    let e = cat.find("emhp").unwrap();
    assert_eq!(
        engine.pair(e, e).gate_ab.verdict.kind,
        VerdictKind::Equivalent
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn scores_are_bounded_symmetric_and_one_on_identity(a in "[a-z ]{0,80}", b in "[a-z ]{0,80}") {
        let cat = Catalog::default();
        let corpus = Corpus::fit(&cat, &[a.clone(), b.clone()], Params::DEFAULT.method).unwrap();
        let m = overlap::model::Module { id: "M".into(), title: "T".into(), code: None, credits: None, levels: vec![], aims: None, same_as: None, source: None, outcomes: vec![] };
        let o = |t: &str| overlap::model::Outcome { id: "O".into(), text: t.into(), tags: vec![], provenance: None, derived_from_aims: false };
        let (ia, ib) = (corpus.item("A", &m, &o(&a)), corpus.item("B", &m, &o(&b)));
        let p = Params::default();
        let (sab, sba) = (score(&ia, &ib, &p).total, score(&ib, &ia, &p).total);
        prop_assert!((0.0..=1.0).contains(&sab));
        prop_assert!((sab - sba).abs() < 1e-9);
        if !ia.vec.is_empty() {
            prop_assert!((score(&ia, &ia, &p).total - 1.0).abs() < 1e-6);
        }
    }

    #[test]
    fn set_measures_are_bounded(a in proptest::collection::btree_set(0u8..20, 0..10), b in proptest::collection::btree_set(0u8..20, 0..10)) {
        let s = SetStats::of(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s.jaccard));
        prop_assert!((0.0..=1.0).contains(&s.overlap));
        prop_assert!(s.jaccard <= s.overlap + 1e-12);
        prop_assert_eq!(s.shared + s.only_a, a.len());
        prop_assert_eq!(SetStats::of(&b, &a).jaccard, s.jaccard);
    }
}

/// A curriculum designer sees the answer before the evidence: on an 80-column terminal the first 25 lines hold
/// the verdict of every direction.
#[test]
fn the_answer_comes_first() {
    for (ids, directions) in [
        (
            vec!["cwp", "emhp"],
            vec![("CWP", "EMHP", "top-up"), ("EMHP", "CWP", "top-up")],
        ),
        (
            vec!["pwp", "cwp", "emhp"],
            vec![
                ("PWP", "CWP", "ruled-out"),
                ("CWP", "PWP", "ruled-out"),
                ("PWP", "EMHP", "ruled-out"),
                ("EMHP", "PWP", "ruled-out"),
                ("CWP", "EMHP", "top-up"),
                ("EMHP", "CWP", "top-up"),
            ],
        ),
    ] {
        let out = Command::cargo_bin("overlap")
            .unwrap()
            .args(&ids)
            .env("COLUMNS", "80")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let head: Vec<&str> = text.lines().take(25).collect();
        assert!(head.iter().all(|l| l.chars().count() <= 80), "{head:#?}");
        for (from, to, verdict) in directions {
            assert!(
                head.iter().any(|l| {
                    let cells: Vec<&str> = l.split(['│', '┆']).map(str::trim).collect();
                    cells.get(1) == Some(&from)
                        && cells.get(2) == Some(&to)
                        && cells.get(3) == Some(&verdict)
                }),
                "{from} → {to} {verdict} not in the first 25 lines:\n{}",
                head.join("\n")
            );
        }
    }
}

/// University modules that train the two newer roles — a high-intensity CBT module for anxiety and an adult
/// severe-mental-illness practitioner module, both gold-set negatives against the low-intensity curricula and
/// neither a source of the HIT or MHWP data — find their national counterpart once those curricula are
/// loaded, and fit it.
#[test]
fn university_modules_of_the_newer_roles_find_them() {
    for (file, expected) in [
        ("staffs-psyc70669.md", "HIT-2"),
        ("exeter-pycm120.md", "MHWP-1"),
    ] {
        let path = format!("tests/fixtures/hei/{file}");
        let v = json(&["check", &path, "--against", "pwp,cwp,emhp,hit,mhwp"]);
        let r = if v.is_array() { &v[0] } else { &v };
        assert_eq!(r["ranking"][0]["module"], expected, "{file}");
        assert_eq!(r["fit"], "good", "{file}");
    }
}

/// The verdict's credits are counted without building the top-up (the sensitivity sweep decides the verdict
/// twenty times); they must be the credits of the top-up proposed, which are its modules' credits.
#[test]
fn a_verdicts_credits_are_its_top_ups_credits() {
    let cat = catalog();
    let engine = Engine::new(&cat, Params::default()).unwrap();
    let mut with_credits = 0;
    for a in &cat.curricula {
        for b in &cat.curricula {
            if a.id == b.id {
                continue;
            }
            let p = engine.pair(a, b);
            let sum: u64 = p
                .topup_ab
                .modules
                .iter()
                .map(|m| u64::from(m.credits))
                .sum();
            assert_eq!(p.topup_ab.credits, sum, "{} → {}", a.id, b.id);
            if let Some(c) = p.gate_ab.verdict.credits {
                assert_eq!(c, p.topup_ab.credits, "{} → {}", a.id, b.id);
                with_credits += 1;
            }
        }
    }
    assert!(
        with_credits >= 2,
        "only {with_credits} verdicts carry credits"
    );
}
