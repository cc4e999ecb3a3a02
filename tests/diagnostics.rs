//! Diagnosing a file of junk stays bounded: the first problems are shown in full, the rest are counted, and
//! model checks that once scanned every id per problem answer each from a hash. Time bounds for these
//! inputs are checked by `benches/hostile.py`, not here.

mod common;
use common::{run, s, scratch};

#[test]
fn a_file_of_junk_lines_shows_the_first_fifty_and_counts_the_rest() {
    let d = scratch("diag-junk");
    let p = d.join("junk.ovl");
    let text: String = (0..5000)
        .map(|i| format!("junk{i} !!! \"unterminated\n"))
        .collect();
    std::fs::write(&p, text).unwrap();
    let (code, _, err) = run(&["parse", s(&p)]);
    assert_eq!(code, 3);
    assert!(err.contains(&format!("{}:1:1", s(&p))), "{}", &err[..500]);
    assert!(
        err.contains(&format!(
            "… and 4950 more errors in {} (the first 50 are shown)",
            s(&p)
        )),
        "{}",
        &err[err.len() - 300..]
    );
    assert!(err.ends_with("5000 errors found\n"));
    assert!(err.len() < 40_000, "{} bytes of diagnostics", err.len());
}

#[test]
fn many_unknown_same_as_targets_are_all_reported() {
    let d = scratch("diag-same-as");
    let p = d.join("same.ovl");
    let mut text = String::from(
        "curriculum H \"H\"\n  population adults\n  setting talking-therapies\n  credits 20\n  level 6\n  source <https://example.org>\n",
    );
    for i in 0..400 {
        text.push_str(&format!(
            "  module SAME-{i} \"M\"\n    credits 20\n    level 6\n    same as MISSING-{i}\n"
        ));
    }
    std::fs::write(&p, text).unwrap();
    let (code, _, err) = run(&["parse", s(&p)]);
    assert_eq!(code, 3);
    // The first get a suggestion search (none is close here), every one is counted.
    assert!(
        err.contains("unknown module `MISSING-0`"),
        "{}",
        &err[..800]
    );
    assert!(err.contains("Help: load the curriculum that holds that module too"));
    assert!(err.contains("more errors in"));
}

#[test]
fn a_typo_in_a_same_as_target_still_gets_a_suggestion() {
    let (code, _, err) = run(&["parse", "tests/fixtures/invalid/unknown_same_as.ovl"]);
    assert_eq!(code, 3);
    assert!(err.contains("did you mean"), "{err}");
}
