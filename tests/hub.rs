//! `overlap hub`: exact numbers on a hand-made fixture (tests/fixtures/hub, worked by hand in the comments),
//! and relations on the shipped curricula.

mod common;

use common::{json, output as run};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/hub";

fn fixture(ids: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["hub"];
    args.extend(ids);
    args.extend(["--curricula", FIXTURE, "--method", "lexical"]);
    args.extend(extra);
    json(&args)
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// (curriculum, hub outcomes, outcome share, hub credits, credit share) of each member.
fn shares(s: &Value) -> Vec<(String, f64, f64, f64, f64)> {
    s["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["curriculum"].as_str().unwrap().to_string(),
                f(&x["hub_outcomes"]),
                f(&x["outcome_share"]),
                f(&x["hub_credits"]),
                f(&x["credit_share"]),
            )
        })
        .collect()
}

fn outcome_ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| o["outcome"].as_str().unwrap())
        .collect()
}

// The fixture: X1 is in HA, HB and HC; X2, X3 in HA and HB; Y1 in HB and HC (identical wording and tags);
// every other outcome is its curriculum's own. HA: 3 outcomes × 10 credits + 2 × 5 (40); HB: 5 × 10 (50);
// HC: X1 and Y1 × 10, its own outcome 20 (40).
#[test]
fn the_fixture_core_subsets_and_spokes_are_as_worked_by_hand() {
    let h = fixture(&["ha", "hb", "hc"], &[]);
    assert_eq!(strs(&h["curricula"]), ["HA", "HB", "HC"]);
    let core = &h["core"];
    assert_eq!(strs(&core["members"]), ["HA", "HB", "HC"]);
    assert_eq!(
        strs(&core["competencies"]),
        ["professional-practice.record-keeping-ethics"]
    );
    assert_eq!(
        shares(core),
        [
            ("HA".into(), 1.0, 0.2, 10.0, 0.25),
            ("HB".into(), 1.0, 0.2, 10.0, 0.2),
            ("HC".into(), 1.0, 0.3333, 10.0, 0.25),
        ]
    );
    assert_eq!(
        outcome_ids(&core["outcomes"]),
        ["HA-1.1", "HB-1.1", "HC-1.1"]
    );

    let subsets = h["subsets"].as_array().unwrap();
    let members: Vec<Vec<&str>> = subsets.iter().map(|s| strs(&s["members"])).collect();
    assert_eq!(members, [["HA", "HB"], ["HA", "HC"], ["HB", "HC"]]);
    let (ab, ac, bc) = (&subsets[0], &subsets[1], &subsets[2]);
    assert_eq!(
        shares(ab),
        [
            ("HA".into(), 3.0, 0.6, 30.0, 0.75),
            ("HB".into(), 3.0, 0.6, 30.0, 0.6)
        ]
    );
    assert_eq!(
        strs(&ab["only_competencies"]),
        [
            "professional-practice.supervision-use",
            "values-diversity.equality-legislation"
        ]
    );
    // X1 is also HC's, so it belongs to the core's region, not to HA + HB's.
    assert_eq!(
        outcome_ids(&ab["outcomes"]),
        ["HA-1.2", "HA-1.3", "HB-1.2", "HB-1.3"]
    );
    assert_eq!(
        shares(ac),
        [
            ("HA".into(), 1.0, 0.2, 10.0, 0.25),
            ("HC".into(), 1.0, 0.3333, 10.0, 0.25)
        ]
    );
    assert!(strs(&ac["only_competencies"]).is_empty());
    assert!(outcome_ids(&ac["outcomes"]).is_empty());
    assert_eq!(
        shares(bc),
        [
            ("HB".into(), 2.0, 0.4, 20.0, 0.4),
            ("HC".into(), 2.0, 0.6667, 20.0, 0.5)
        ]
    );
    assert_eq!(
        strs(&bc["only_competencies"]),
        ["care-model.guided-self-help"]
    );
    assert_eq!(outcome_ids(&bc["outcomes"]), ["HB-2.1", "HC-1.2"]);

    let spokes = h["spokes"].as_array().unwrap();
    let spoke = |k: usize| {
        let s = &spokes[k];
        (
            strs(&s["competencies"]),
            outcome_ids(&s["outcomes"]),
            f(&s["outcome_share"]),
            f(&s["credits"]),
            f(&s["credit_share"]),
        )
    };
    assert_eq!(
        spoke(0),
        (
            vec![
                "interventions.exposure",
                "outcome-monitoring.measurement-rationale"
            ],
            vec!["HA-2.1", "HA-2.2"],
            0.4,
            10.0,
            0.25
        )
    );
    assert_eq!(
        spoke(1),
        (
            vec!["interventions.group-work"],
            vec!["HB-2.2"],
            0.2,
            10.0,
            0.2
        )
    );
    assert_eq!(
        spoke(2),
        (
            vec![
                "settings-systems.community-health-systems",
                "settings-systems.local-resources"
            ],
            vec!["HC-2.1"],
            0.3333,
            20.0,
            0.5
        )
    );
    // The verdict: HB keeps the smallest share of its credits in the core, 20%, below the default half.
    assert_eq!(h["smallest"], "HB");
    assert_eq!(f(&h["smallest_share"]), 0.2);
    assert_eq!(f(&h["threshold"]), 0.5);
    assert_eq!(h["worth_building"], false);
}

#[test]
fn the_threshold_decides_the_verdict_and_two_curricula_are_a_hub_of_their_own() {
    let h = fixture(&["ha", "hb", "hc"], &["--hub-share", "0.2"]);
    assert_eq!(h["worth_building"], true);
    let h = fixture(&["HA", "hb"], &[]);
    assert_eq!(
        shares(&h["core"]),
        [
            ("HA".into(), 3.0, 0.6, 30.0, 0.75),
            ("HB".into(), 3.0, 0.6, 30.0, 0.6)
        ]
    );
    assert!(h["subsets"].as_array().unwrap().is_empty());
    assert_eq!(f(&h["spokes"][1]["credit_share"]), 0.4);
    assert_eq!(h["smallest"], "HB");
    assert_eq!(h["worth_building"], true);
}

#[test]
fn the_fixture_renders_its_verdict_in_every_format() {
    let args = [
        "hub",
        "ha",
        "hb",
        "hc",
        "--curricula",
        FIXTURE,
        "--method",
        "lexical",
    ];
    let table = String::from_utf8(run(&args).stdout).unwrap();
    assert!(
        table.contains(
            "a shared hub is not worth building — the core would replace 20% of HB's credits"
        ),
        "{table}"
    );
    let md =
        String::from_utf8(run(&[&args[..], &["--format", "markdown"]].concat()).stdout).unwrap();
    assert!(
        md.contains("| HA + HB | HA | 3.0 | 5 | 60% | 30.0 | 40 | 75% | 30.0 (75%) |"),
        "{md}"
    );
    let csv = String::from_utf8(run(&[&args[..], &["--format", "csv"]].concat()).stdout).unwrap();
    assert!(csv.contains("HB alone (spoke),HB,1,10.0,HB-2.2"), "{csv}");
}

#[test]
fn bad_hub_requests_are_usage_errors() {
    let out = run(&["hub", "cwp", "wp-cyp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("same curriculum"));
    let out = run(&["hub", "cwp", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["hub", "cwp", "emhp", "--hub-share", "1.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--hub-share"));
    let out = run(&["hub", "cwp"]);
    assert_eq!(out.status.code(), Some(2));
}

fn least(core: &Value) -> f64 {
    shares(core)
        .iter()
        .map(|s| s.4)
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn on_the_shipped_data_the_children_pair_shares_far_more_than_all_three() {
    let three = json(&["hub", "pwp", "cwp", "emhp"]);
    let pair = json(&["hub", "cwp", "emhp"]);
    // CWP and EMHP share three of their six modules: the hub of the two replaces much of each.
    assert!(least(&pair["core"]) >= 0.5, "{}", pair["core"]["shares"]);
    assert!(least(&pair["core"]) > least(&three["core"]));
    assert!(
        three["core"]["competencies"].as_array().unwrap().len()
            < pair["core"]["competencies"].as_array().unwrap().len()
    );
    // The three-way core is smaller than every pairwise overlap, for every member.
    for s in three["subsets"].as_array().unwrap() {
        for mine in shares(s) {
            let core = shares(&three["core"])
                .into_iter()
                .find(|c| c.0 == mine.0)
                .unwrap();
            assert!(mine.4 >= core.4, "{} in {}", mine.0, s["members"]);
        }
    }
    assert_eq!(three["worth_building"], false);
    assert_eq!(pair["worth_building"], true);
    let text = String::from_utf8(run(&["hub", "pwp", "cwp", "emhp"]).stdout).unwrap();
    assert!(
        text.contains("a shared hub is not worth building"),
        "{text}"
    );
    assert!(
        text.contains("A hub of two would replace at least"),
        "{text}"
    );
    assert!(text.contains("CWP + EMHP 65%"), "{text}");
    assert!(
        text.contains("each spoke's share of its credits): PWP 74%"),
        "{text}"
    );
}

#[test]
fn too_many_curricula_for_their_subsets_are_refused() {
    let ids = ["pwp"; 13];
    let out = run(&[&["hub"][..], &ids[..]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 12 curricula"));
}
