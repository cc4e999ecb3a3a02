//! Terminal output fits the width it is given: the terminal's own, or `COLUMNS` when standard output is a
//! pipe or a file. Every line — tables, titles, notes, help — is at most that wide.

mod common;

use unicode_width::UnicodeWidthStr;

/// The commands a user runs most, with outputs from one table to dozens, and notes of several lines.
const COMMANDS: [&[&str]; 8] = [
    &["cwp", "emhp"],
    &["pwp", "cwp", "emhp"],
    &["topup", "cwp", "emhp"],
    &[
        "check",
        "tests/fixtures/hei/exeter-pyc3020da.md",
        "--against",
        "cwp,emhp",
    ],
    &["explain", "emhp:EMHP-2.1", "pwp:PWP-1.1"],
    &["list"],
    &["--help"],
    &["check", "--help"],
];

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn no_line_is_wider_than_the_columns_given() {
    // A batch of three descriptors: the summary table with its skipped-files note.
    let batch = common::scratch("width-batch");
    for f in ["exeter-pyc3020da.md", "reading-pymeac.md", "README.md"] {
        std::fs::copy(
            common::root().join("tests/fixtures/hei").join(f),
            batch.join(f),
        )
        .unwrap();
    }
    std::fs::write(batch.join("notes.xyz"), "not a descriptor").unwrap();
    let batch_args = [
        "check",
        "--batch",
        batch.to_str().unwrap(),
        "--against",
        "cwp,emhp",
    ];
    for columns in [80, 200] {
        for args in COMMANDS.iter().copied().chain([&batch_args[..]]) {
            let text = common::at_columns(columns, args);
            let over: Vec<&str> = text.lines().filter(|l| l.width() > columns).collect();
            assert!(
                over.is_empty(),
                "{args:?} at {columns} columns: {} lines too wide, e.g.\n{}",
                over.len(),
                over.iter().take(3).copied().collect::<Vec<_>>().join("\n")
            );
        }
    }
    std::fs::remove_dir_all(&batch).unwrap();
}

/// A wide terminal is used: long outcome texts are not squeezed into a fixed width.
#[test]
fn a_wide_terminal_gets_wide_tables() {
    let wide = widest(&common::at_columns(200, &["cwp", "emhp"]));
    assert!(wide > 160 && wide <= 200, "widest line {wide}");
    let narrow = widest(&common::at_columns(80, &["cwp", "emhp"]));
    assert!(narrow > 70 && narrow <= 80, "widest line {narrow}");
}

/// On a terminal the terminal's size decides, whatever `COLUMNS` says.
#[cfg(unix)]
#[test]
fn a_terminal_is_asked_for_its_width() {
    let bin = assert_cmd::cargo::cargo_bin("overlap");
    let Ok(out) = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("stty cols 90 rows 50; {} list", bin.display()),
            "/dev/null",
        ])
        .env("COLUMNS", "200")
        .current_dir(common::root())
        .output()
    else {
        eprintln!("no `script` to run a terminal; skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    let wide = widest(&text);
    assert!(wide > 60 && wide <= 90, "widest line {wide}:\n{text}");
}

/// A `COLUMNS` that is not a width is passed over for the width of a pipe or file nobody describes: 140.
#[test]
fn an_unreadable_columns_falls_back_to_140() {
    for columns in ["abc", "0", ""] {
        let out = common::overlap()
            .args(["cwp", "emhp"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert!(out.status.success());
        let wide = widest(&String::from_utf8(out.stdout).unwrap());
        assert!(
            wide > 120 && wide <= 140,
            "COLUMNS={columns:?}: widest line {wide}"
        );
    }
}

#[test]
fn a_table_too_wide_for_the_terminal_is_stacked_rather_than_cutting_words() {
    // Nine columns of the per-domain table cannot fit 80 columns without cutting ids letter by letter.
    let out = common::at_columns(80, &["cwp", "emhp"]);
    let domains = out
        .split("Competencies by domain: CWP vs EMHP\n")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .unwrap();
    for id in [
        "community-assessment",
        "professional-network-engagement",
        "school-staff-engagement",
    ] {
        assert!(domains.contains(id), "{id} cut:\n{domains}");
    }
    assert!(
        domains.starts_with("domain: assessment\n  critical: yes"),
        "{domains}"
    );
    assert!(widest(domains) <= 80);
    // Wide enough, the same table is a grid.
    let wide = common::at_columns(200, &["cwp", "emhp"]);
    assert!(
        wide.contains("Competencies by domain: CWP vs EMHP\n┌"),
        "{wide}"
    );
}
