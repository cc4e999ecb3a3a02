//! Degenerate data gets a located error or an honest "cannot judge", never a silently wrong answer: an
//! outcome with no words left to compare, a curriculum with no modules, and a target whose outcomes carry
//! no critical-domain tag.

mod common;
use common::{run, s, scratch};

#[test]
fn an_outcome_with_no_content_words_is_a_located_error() {
    let (code, _, err) = run(&["parse", "tests/fixtures/degenerate/wordless.ovl"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("outcome `WORDLESS-1.2` has no words left to compare"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/degenerate/wordless.ovl:9:11"),
        "{err}"
    );
    assert!(
        err.contains("Help: say what a trainee can do in content words"),
        "{err}"
    );
    assert!(
        !err.contains("WORDLESS-1.1"),
        "the outcome with words is fine: {err}"
    );
    // The same module given to `check` and `--with`.
    for args in [
        &[
            "check",
            "tests/fixtures/degenerate/wordless.ovl",
            "--against",
            "emhp",
        ][..],
        &[
            "cwp",
            "emhp",
            "--with",
            "tests/fixtures/degenerate/wordless.ovl",
        ],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(err.contains("wordless.ovl:9:11"), "{args:?}: {err}");
    }
}

#[test]
fn a_descriptor_outcome_with_no_content_words_is_a_located_error() {
    let d = scratch("deg-desc");
    let p = d.join("module.md");
    std::fs::write(
        &p,
        "Assessment in Schools\n\nLearning outcomes\n1. Assess a pupil's low mood with the school and family\n2. Demonstrate a critical understanding of the above.\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", s(&p), "--against", "emhp"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("outcome `2` has no words left to compare"),
        "{err}"
    );
    assert!(err.contains("module.md:5:1"), "{err}");
}

#[test]
fn a_curriculum_with_no_modules_is_a_located_error() {
    let (code, _, err) = run(&["parse", "tests/fixtures/invalid/empty_curriculum.ovl"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("curriculum `TEST-EMPTY` has no modules"),
        "{err}"
    );
    assert!(err.contains("empty_curriculum.ovl:1:12"), "{err}");
    assert!(
        !err.contains("add up to"),
        "no second, confusing error: {err}"
    );
}

#[test]
fn a_target_without_critical_domain_tags_cannot_be_judged() {
    let dir = "tests/fixtures/degenerate/no-critical";
    let (code, out, err) = run(&["emhp", "nocrit", "--curricula", dir, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ab = &v["gate_ab"];
    assert_eq!(ab["measured"], 0);
    assert_eq!(ab["verdict"]["kind"], "cannot-judge", "{ab}");
    assert!(ab["verdict"]["credits"].is_null());
    let reason = ab["verdict"]["reasons"][0].as_str().unwrap();
    assert!(
        reason.starts_with("cannot judge: NOCRIT's outcomes carry no critical-domain tags"),
        "{reason}"
    );
    // The other direction is measured as before.
    assert_eq!(v["gate_ba"]["verdict"]["kind"], "ruled-out");
    let (_, table, _) = run(&["emhp", "nocrit", "--curricula", dir]);
    assert!(table.contains("cannot judge"), "{table}");
}
