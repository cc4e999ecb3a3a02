//! Outcomes written from a module's aims (`derived from aims` in the spec) are marked † wherever tables list
//! them, and the note under the table says what † means; outcomes taken from published lists never are.

mod common;

#[test]
fn topup_and_gate_tables_mark_outcomes_derived_from_aims_and_only_those() {
    let v = common::json(&["topup", "cwp", "emhp"]);
    let outcomes: Vec<&serde_json::Value> = v["topup"]["modules"]
        .as_array()
        .expect("top-up modules in the JSON")
        .iter()
        .flat_map(|m| m["outcomes"].as_array().unwrap())
        .collect();
    let derived: Vec<&str> = outcomes
        .iter()
        .filter(|o| o["derived_from_aims"] == true)
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    let published: Vec<&str> = outcomes
        .iter()
        .filter(|o| o["derived_from_aims"] == false)
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    assert!(!derived.is_empty() && !published.is_empty(), "{derived:?}");

    let out = common::output(&["topup", "cwp", "emhp", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for id in &derived {
        assert!(md.contains(&format!("{id}†")), "{id} not marked:\n{md}");
    }
    for id in &published {
        assert!(!md.contains(&format!("{id}†")), "{id} marked:\n{md}");
    }
    assert!(md.contains("† derived from aims"), "{md}");
}

#[test]
fn check_marks_national_outcomes_derived_from_aims() {
    let file = "tests/fixtures/hei/exeter-pycm083.md";
    let v = common::json(&["check", file, "--against", "emhp"]);
    let links = v["best"][0]["outcomes"].as_array().unwrap();
    let derived: Vec<&str> = links
        .iter()
        .filter(|l| l["derived_from_aims"] == true)
        .map(|l| l["national"].as_str().unwrap())
        .collect();
    assert!(
        !derived.is_empty(),
        "the premise: EMHP-5 has outcomes derived from aims"
    );
    let out = common::output(&["check", file, "--against", "emhp", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for id in &derived {
        assert!(md.contains(&format!("| {id}† |")), "{id} not marked:\n{md}");
    }
    assert!(md.contains("† derived from aims"), "{md}");
}
