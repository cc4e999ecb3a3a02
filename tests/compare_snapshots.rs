//! The shape of the headline comparison in each text format. Numbers are masked: these snapshots show the
//! format only; the figures are stated as expectations in tests/engine.rs and tests/meaning.rs.

use assert_cmd::Command;

fn run(args: &[&str], format: &str) -> String {
    let out = Command::cargo_bin("overlap")
        .unwrap()
        .args(args)
        .args(["--format", format, "--top", "3"])
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
fn comparison_formats() {
    insta::with_settings!({filters => vec![(r"\d+(\.\d+)?", "N")]}, {
        for format in ["table", "markdown", "csv"] {
            insta::assert_snapshot!(format!("cwp-emhp-{format}"), run(&["cwp", "emhp"], format));
        }
    });
}
