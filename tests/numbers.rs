//! Numbers from a file are bounded before anything adds them up: credits above the maximum are a located
//! error (exit 3), never a panic in a debug build or a wrapped sum in a release build.

mod common;
use common::{run, s, scratch};

#[test]
fn huge_module_credits_are_a_located_error_not_a_wrapped_sum() {
    // Two modules of 4 000 000 000 credits used to overflow the u32 sum ("modules add up to 3705032704").
    let (code, _, err) = run(&["parse", "tests/fixtures/invalid/credits_too_large.ovl"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("credits_too_large.ovl:9:13"), "{err}");
    assert!(
        err.contains("4000000000 credits is more than any module carries"),
        "{err}"
    );
    assert!(err.contains("at most 1000 credits"), "{err}");
    assert!(!err.contains("add up to"), "{err}");
}

#[test]
fn huge_descriptor_credits_are_a_located_error() {
    let d = scratch("num-desc");
    let p = d.join("module.md");
    std::fs::write(
        &p,
        "Assessment in Schools\nCredits: 4000000000\n\nLearning outcomes\n1. Assess a pupil's low mood with the school\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", s(&p), "--against", "emhp"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("module.md:2:10"), "{err}");
    assert!(
        err.contains("4000000000 credits is more than any module carries"),
        "{err}"
    );
    // A number past u32 is the same typo, not a silently missing value.
    std::fs::write(
        &p,
        "Assessment in Schools\nCredits: 99999999999999\n\nLearning outcomes\n1. Assess a pupil's low mood\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", s(&p), "--against", "emhp"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("99999999999999 credits"), "{err}");
}

#[test]
fn the_largest_allowed_credits_load() {
    let d = scratch("num-max");
    let text = std::fs::read_to_string(
        common::root().join("tests/fixtures/invalid/credits_too_large.ovl"),
    )
    .unwrap()
    .replace("credits 4000000000\n  level", "credits 1000\n  level")
    .replace("credits 4000000000\n    level", "credits 500\n    level");
    let p = d.join("max.ovl");
    std::fs::write(&p, text).unwrap();
    let (code, out, err) = run(&["parse", s(&p), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"credits\": 1000"), "{out}");
}
