//! `overlap distinguish A B`: the competencies only one role has, setting-specific first, in three views;
//! exact on the hub fixture (tests/fixtures/hub), relations on the shipped curricula.

mod common;

use common::{json, output as run};
use serde_json::Value;

fn ids(role: &Value) -> Vec<&str> {
    role["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["competency"].as_str().unwrap())
        .collect()
}

// HB alone has X2, X3 (10 credits each) and its group outcome (10); HC alone has its 20-credit outcome, tagged
// with a setting-scoped competency (community and primary care) and a general one.
#[test]
fn the_fixture_distinction_is_as_worked_by_hand() {
    let v = json(&[
        "distinguish",
        "hb",
        "hc",
        "--curricula",
        "tests/fixtures/hub",
        "--method",
        "lexical",
    ]);
    assert_eq!(
        ids(&v["a"]),
        [
            "interventions.group-work",
            "professional-practice.supervision-use",
            "values-diversity.equality-legislation"
        ]
    );
    assert_eq!(
        ids(&v["b"]),
        [
            "settings-systems.community-health-systems",
            "settings-systems.local-resources"
        ]
    );
    let first = &v["b"]["competencies"][0];
    assert_eq!(first["scope"], "setting");
    assert_eq!(first["settings"][0], "community-primary-care");
    assert_eq!(first["credits"].as_f64(), Some(20.0));
    assert_eq!(v["a"]["competencies"][0]["scope"], "general");
    assert_eq!(v["a"]["credits"].as_f64(), Some(30.0));
    assert_eq!(v["a"]["of_credits"].as_f64(), Some(50.0));
    assert_eq!(v["b"]["credits"].as_f64(), Some(20.0));
    let modules: Vec<(&str, u64)> = v["a"]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["module"].as_str().unwrap(),
                m["distinguishing"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(modules, [("HB-1", 2), ("HB-2", 1)]);
    assert_eq!(
        v["shared"],
        serde_json::json!([
            "care-model.guided-self-help",
            "professional-practice.record-keeping-ethics"
        ])
    );
    // The routes between them are `overlap topup`'s: HB → HC a top-up of 20 credits, HC → HB of 30.
    assert_eq!(v["b"]["verdict_from_other"]["kind"], "top-up");
    assert_eq!(v["b"]["topup_credits"], 20);
    assert_eq!(v["a"]["topup_credits"], 30);
}

#[test]
fn cwp_and_emhp_are_told_apart_by_their_settings_first() {
    let v = json(&["distinguish", "cwp", "emhp"]);
    let lead = |r: &Value| r["competencies"][0].clone();
    assert_eq!(lead(&v["a"])["scope"], "setting");
    assert_eq!(
        lead(&v["a"])["settings"],
        serde_json::json!(["community-primary-care"])
    );
    assert_eq!(lead(&v["b"])["scope"], "setting");
    assert_eq!(lead(&v["b"])["settings"], serde_json::json!(["education"]));
    // Setting-specific competencies come before every other, on both sides.
    for r in [&v["a"], &v["b"]] {
        let scopes: Vec<&str> = r["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["scope"].as_str().unwrap())
            .collect();
        let mut sorted = scopes.clone();
        sorted.sort_by_key(|s| {
            ["setting", "population", "general"]
                .iter()
                .position(|x| x == s)
        });
        assert_eq!(scopes, sorted);
    }
    // The shared modules 1–3 distinguish neither.
    for (r, m) in [(&v["a"], "CWP-1"), (&v["b"], "EMHP-1")] {
        let first = &r["modules"][0];
        assert_eq!(first["module"], m);
        assert_eq!(first["distinguishing"], 0);
    }
}

#[test]
fn three_views_in_the_terminal_and_markdown() {
    for format in ["table", "markdown"] {
        let out = run(&["distinguish", "cwp", "emhp", "--format", format]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for title in [
            "For practitioners: what only CWP or only EMHP trains for",
            "For services and universities",
            "For commissioners: CWP and EMHP side by side",
        ] {
            assert!(text.contains(title), "{format}: {title}");
        }
        assert!(text.contains("from CWP: a top-up of 50 credits"), "{text}");
    }
    let md = String::from_utf8(run(&["distinguish", "pwp", "cwp", "--format", "markdown"]).stdout)
        .unwrap();
    assert!(
        md.contains("from PWP: no shortened route: a full training"),
        "{md}"
    );
    let out = run(&["distinguish", "cwp", "cwp"]);
    assert_eq!(out.status.code(), Some(2));
}
