//! `overlap A B` leads with the answer: on one 80 × 25 screen, the verdict and coverage both ways, the modules
//! the two share word for word, and where they differ; identical outcomes are counted, not ranked as matches;
//! `--brief` stops there.

mod common;

fn at_80(args: &[&str]) -> String {
    common::at_columns(80, args)
}

fn first_screen(args: &[&str]) -> String {
    at_80(args).lines().take(25).collect::<Vec<_>>().join("\n")
}

#[test]
fn cwp_emhp_first_screen_holds_the_answer_shared_modules_and_differences() {
    let screen = first_screen(&["cwp", "emhp"]);
    for needle in [
        "│ CWP  ┆ EMHP ┆ top-up",
        "│ EMHP ┆ CWP  ┆ top-up",
        "CWP-1 = EMHP-1, CWP-2 = EMHP-2, CWP-3 = EMHP-3",
        "modules only in CWP",
        "modules only in EMHP",
        "assessment (critical)",
        "community-assessment",
        "school-based-assessment",
    ] {
        assert!(
            screen.contains(needle),
            "{needle:?} not on the first screen:\n{screen}"
        );
    }
}

#[test]
fn a_ruled_out_pair_says_so_and_shares_no_module_on_the_first_screen() {
    let screen = first_screen(&["pwp", "cwp"]);
    assert!(screen.contains("ruled-out"), "{screen}");
    assert!(screen.contains("shared word for word"), "{screen}");
    assert!(screen.contains("┆ none"), "{screen}");
    assert!(screen.contains("assessment (critical)"), "{screen}");
}

#[test]
fn brief_stops_after_the_answer_and_the_glance() {
    let brief = at_80(&["cwp", "emhp", "--brief"]);
    assert!(brief.contains("In brief: CWP and EMHP"), "{brief}");
    for absent in ["Side by side", "Strongest matches", "Gate:", "Top-up for"] {
        assert!(!brief.contains(absent), "{absent:?} in --brief:\n{brief}");
    }
    let three = at_80(&["pwp", "cwp", "emhp", "--brief"]);
    assert_eq!(three.matches("In brief:").count(), 3, "{three}");
    assert!(three.starts_with("Answer:"), "{three}");
}

#[test]
fn identical_outcomes_are_counted_not_listed_as_strongest_matches() {
    let v = common::json(&["cwp", "emhp"]);
    let outcomes = v["a_covers_b"]["outcomes"].as_array().unwrap();
    let identical: Vec<&str> = outcomes
        .iter()
        .filter(|o| o["best"]["identical"] == true)
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    // CWP-1..3 are the same modules as EMHP-1..3: every one of their outcomes, and nothing else.
    assert!(!identical.is_empty());
    assert!(
        identical.iter().all(|o| ["EMHP-1.", "EMHP-2.", "EMHP-3."]
            .iter()
            .any(|m| o.starts_with(m))),
        "{identical:?}"
    );
    let o = &v["overview"];
    assert_eq!(o["shared_modules"].as_array().unwrap().len(), 3);
    assert_eq!(
        o["identical_outcomes_b"].as_u64().unwrap() as usize,
        identical.len()
    );

    let text = at_80(&["cwp", "emhp", "--top", "0"]);
    let table = text
        .split("Strongest matches: EMHP outcomes")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .unwrap();
    for id in &identical {
        assert!(
            !table.contains(&format!("│ {id} ")),
            "{id} listed:\n{table}"
        );
    }
    assert!(
        table.contains(&format!(
            "{} outcomes of EMHP are the same text in CWP",
            identical.len()
        )),
        "{table}"
    );
}

#[test]
fn curricula_with_nothing_in_common_word_for_word_share_no_module() {
    let v = common::json(&["pwp", "cwp"]);
    let o = &v["overview"];
    assert!(o["shared_modules"].as_array().unwrap().is_empty());
    assert_eq!(o["only_a"].as_array().unwrap().len(), 3);
    assert_eq!(o["only_b"].as_array().unwrap().len(), 6);
    let first = &o["domains"][0];
    assert_eq!(first["critical"], true, "{o}");
}

#[test]
fn a_move_to_a_higher_intensity_role_is_called_a_progression_from_the_data() {
    let screen = first_screen(&["pwp", "hit"]);
    assert!(screen.contains("is a progression"), "{screen}");
    assert_eq!(
        common::json(&["pwp", "hit"])["overview"]["progression_to"],
        "HIT"
    );
    assert_eq!(
        common::json(&["hit", "pwp"])["overview"]["progression_to"],
        "HIT"
    );
    // Two roles of one intensity: no progression either way.
    assert!(common::json(&["cwp", "emhp"])["overview"]["progression_to"].is_null());
    assert!(!first_screen(&["cwp", "emhp"]).contains("progression"));
}
