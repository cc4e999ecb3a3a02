//! Analysis returns data and `report::wording` words it; JSON is a contract, so each worded field is still
//! the exact string it was when analysis wrote it: the credit rule of the hub and the distinction, and
//! `check`'s lints. Tables say the same words.

mod common;

const OUTCOME_CREDIT_RULE: &str = "an outcome carries its module's credits divided evenly among the module's outcomes; a module without credits adds none";

#[test]
fn the_hub_and_the_distinction_give_their_credit_rule_as_before() {
    let hub = common::json(&["hub", "pwp", "cwp", "emhp"]);
    assert_eq!(hub["credit_rule"], OUTCOME_CREDIT_RULE);
    let dist = common::json(&["distinguish", "cwp", "emhp"]);
    assert_eq!(dist["credit_rule"], OUTCOME_CREDIT_RULE);
    for args in [
        &["hub", "pwp", "cwp", "emhp", "--format", "markdown"][..],
        &["distinguish", "cwp", "emhp", "--format", "markdown"][..],
    ] {
        let out = common::output(args);
        assert!(out.status.success());
        let md = String::from_utf8(out.stdout).unwrap();
        assert!(md.contains(OUTCOME_CREDIT_RULE), "{args:?}:\n{md}");
    }
}

#[test]
fn check_gives_its_lints_as_before() {
    let args = [
        "check",
        "tests/fixtures/hei/greenwich-nurs1451.md",
        "--against",
        "emhp",
    ];
    let v = common::json(&args);
    let lints = [
        "credits: this module has 30, national module EMHP-1 has 20",
        "level: this module is level 4, national module EMHP-1 is level 6, 7",
    ];
    assert_eq!(v["lints"], serde_json::json!(lints));
    let out = common::output(&[&args[..], &["--format", "markdown"]].concat());
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains(&format!("lints: {}", lints.join("; "))), "{md}");
}
