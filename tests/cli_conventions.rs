//! Command-line conventions: where options go, mistyped commands, a curriculum against itself, and what
//! `topup` says when no shortened route exists.

use assert_cmd::Command;

fn overlap(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("overlap")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn options_every_command_takes_may_come_before_the_subcommand() {
    let o = overlap(&[
        "--curricula",
        "tests/fixtures/reworded",
        "--format",
        "json",
        "topup",
        "emhp",
        "emhp-rw",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["to"], "EMHP-RW");
}

#[test]
fn a_comparison_option_before_a_subcommand_is_refused_not_ignored() {
    let o = overlap(&["--cover", "0.3", "topup", "cwp", "emhp"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("write it after `topup`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_curriculum_is_not_compared_with_itself() {
    for args in [
        &["pwp", "PWP"][..],
        &["topup", "cwp", "CYP Wellbeing Practitioner"],
    ] {
        let o = overlap(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("are the same curriculum"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_mistyped_command_is_named() {
    let o = overlap(&["chek", "module.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean the command `overlap check`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_ruled_out_pair_gets_no_top_up_route() {
    let o = overlap(&["topup", "pwp", "cwp"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    // The title, wrapped to the width, runs up to the table's top border.
    let first = out
        .lines()
        .take_while(|l| !l.starts_with('┌'))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        first.starts_with("No top-up route from PWP to CWP"),
        "{first}"
    );
    assert!(!first.contains("credits"), "{first}");
    assert!(first.contains("What a full CWP training adds"), "{first}");
    let dir = std::env::temp_dir().join(format!("overlap-ruled-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.ovl");
    let o = overlap(&["topup", "pwp", "cwp", "--emit", draft.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no top-up draft written"),
        "{}",
        stderr(&o)
    );
    assert!(!draft.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
