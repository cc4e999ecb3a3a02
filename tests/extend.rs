//! `overlap extend ROLE --population POP`: exploratory additions, labelled as such and never a shortened
//! route; exact on the fixture (tests/fixtures/hub), relations on the shipped curricula.

mod common;

use common::{json, output as run};
use serde_json::Value;

fn target<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["curriculum"] == id)
        .unwrap()
}

// HA shares HD's record-keeping outcome only. HD-1: 1 of 2 outcomes to add, 20 × 1/2 = 10 credits; HD-2: its one
// outcome, 20 credits; practice in schools, which HA does not work in. HD's safeguarding outcome (a critical
// domain) is uncovered, so the gate rules a shortened training out, and the extension says so.
#[test]
fn the_fixture_extension_is_as_worked_by_hand() {
    let v = json(&[
        "extend",
        "ha",
        "--population",
        "children-young-people",
        "--curricula",
        "tests/fixtures/hub",
        "--method",
        "lexical",
    ]);
    assert_eq!(v["role"], "HA");
    assert_eq!(v["exploratory"], true);
    assert!(
        v["note"]
            .as_str()
            .unwrap()
            .contains("never a shortened training or a conversion")
    );
    let hd = target(&v, "HD");
    assert_eq!(hd["coverage"].as_f64(), Some(0.3333));
    assert_eq!(hd["verdict"]["kind"], "ruled-out");
    let add = &hd["additions"];
    let modules: Vec<(&str, u64, Vec<&str>)> = add["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["from_module"].as_str().unwrap(),
                m["credits"].as_u64().unwrap(),
                m["outcomes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["outcome"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        modules,
        [("HD-1", 10, vec!["HD-1.2"]), ("HD-2", 20, vec!["HD-2.1"])]
    );
    assert_eq!(add["credits"], 30);
    assert_eq!(add["practice"][0]["setting"], "education");
    // The shipped children's curricula are targets too; HD needs the fewest credits.
    assert!(v["targets"].as_array().unwrap().len() >= 4);
    assert_eq!(v["smallest"], "HD");
}

#[test]
fn cwp_to_adults_is_labelled_exploratory_and_never_a_shortened_route() {
    let v = json(&["extend", "cwp", "--population", "adults"]);
    let pwp = target(&v, "PWP");
    assert_eq!(pwp["verdict"]["kind"], "ruled-out");
    assert!(pwp["additions"]["credits"].as_u64().unwrap() > 0);
    // The additions are exactly the top-up `overlap topup cwp pwp` proposes.
    let topup = json(&["topup", "cwp", "pwp"]);
    assert_eq!(pwp["additions"], topup["topup"]);
    assert_eq!(pwp["verdict"], topup["verdict"]);
    for format in ["table", "markdown"] {
        let out = run(&[
            "extend",
            "cwp",
            "--population",
            "adults",
            "--format",
            format,
        ]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Exploratory: what a CWP would add to work with Adults"),
            "{text}"
        );
        assert!(
            text.contains("never a shortened training or a conversion"),
            "{text}"
        );
        assert!(text.contains("shortened training ruled out"), "{text}");
    }
    // 18–25 transition work: every children's curriculum is a target.
    let v = json(&["extend", "pwp", "--population", "children-young-people"]);
    let ids: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["curriculum"].as_str().unwrap())
        .collect();
    for id in ["CWP", "EMHP"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
}

#[test]
fn an_unknown_population_is_a_located_usage_error_listing_the_known_ones() {
    let out = run(&["extend", "pwp", "--population", "child"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--population `child` is not a population defined in curricula/taxonomy.ovl"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `children-young-people`?"),
        "{err}"
    );
    for p in [
        "adults",
        "children-young-people",
        "parents-carers",
        "school-staff",
    ] {
        assert!(err.contains(p), "{err}");
    }
    let out = run(&["extend", "pwp", "--population", "adults"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PWP already trains for adults"));
    let out = run(&["extend", "pwp"]);
    assert_eq!(out.status.code(), Some(2));
}
