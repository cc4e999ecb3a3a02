//! Snapshots of the headline comparisons in every output format.

use assert_cmd::Command;

fn run(args: &[&str], format: &str) -> String {
    let out = Command::cargo_bin("overlap")
        .unwrap()
        .args(args)
        .args(["--format", format])
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn comparisons_in_every_format() {
    for args in [
        ["cwp", "emhp"].as_slice(),
        &["pwp", "cwp"],
        &["pwp", "cwp", "emhp"],
    ] {
        for format in ["table", "markdown", "csv", "json"] {
            let name = format!("{}-{format}", args.join("-"));
            insta::assert_snapshot!(name, run(args, format));
        }
    }
}
