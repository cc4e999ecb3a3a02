//! Text from a curriculum is shown, never obeyed: no escape sequence reaches the terminal (tables and
//! diagnostics), a CSV cell a spreadsheet would run as a formula starts with a quote, and a text longer than
//! a spreadsheet cell is cut with a note instead of failing the report.

mod common;
use common::{run, s, scratch};

const ESC: char = '\x1b';

/// A curriculum whose title, module titles and outcomes hold escape sequences, a bidirectional override,
/// formulas, and an outcome of 40,000 characters.
fn hostile(name: &str) -> std::path::PathBuf {
    let d = scratch(name);
    let long = "assess the risk of self-harm with the young person and their family ".repeat(600);
    let text = format!(
        r#"curriculum HOST "{ESC}[31mRed{ESC}[0m Practitioner{override}"
  population children-young-people
  setting education
  credits 40
  level 6
  source "Fixture" <https://example.org/spec>

  module HOST-1 "=cmd|' /C calc'!A0"
    credits 20
    level 6

    outcome HOST-1.1 "=HYPERLINK(\"https://example.org\",\"x\") assess risk with{ESC}]0;pwned{bell} a young person"
      tags assessment.risk-assessment

  module HOST-2 "+Long module"
    credits 20
    level 6

    outcome HOST-2.1 "{long}"
      tags assessment.risk-assessment
"#,
        override = '\u{202E}',
        bell = '\x07',
        long = long.trim()
    );
    std::fs::write(d.join("host.ovl"), text).unwrap();
    d
}

#[test]
fn terminal_tables_carry_no_control_characters() {
    let d = hostile("hostile-tables");
    for format in ["table", "markdown", "csv"] {
        let (code, out, err) = run(&["host", "emhp", "--curricula", s(&d), "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains(ESC) && !out.contains('\x07') && !out.contains('\u{202E}'),
            "{format}"
        );
        assert!(
            out.contains("Red") && out.contains("Practitioner"),
            "{format}: the text itself stays"
        );
    }
}

#[test]
fn csv_neutralises_formulas() {
    let d = hostile("hostile-csv");
    let (code, out, err) = run(&["host", "emhp", "--curricula", s(&d), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#""'=HYPERLINK(""https://example.org"",""x"") assess risk with]0;pwned a young person""#), "{out}");
    assert!(
        !out.contains(",=HYPERLINK") && !out.contains("\"=HYPERLINK"),
        "{out}"
    );
}

#[test]
fn a_report_with_a_text_longer_than_a_cell_is_written() {
    let d = hostile("hostile-report");
    let out = d.join("report");
    let (code, _, err) = run(&[
        "report",
        "host",
        "emhp",
        "--curricula",
        s(&d),
        "--out",
        s(&out),
    ]);
    assert_eq!(
        code, 0,
        "an outcome over 32,767 characters must not fail the report: {err}"
    );
    assert!(out.join("overlap.xlsx").is_file());
    // The CSV keeps the whole text.
    let csv = std::fs::read_to_string(out.join("csv/host-emhp-only-host.csv")).unwrap();
    let whole = "assess the risk of self-harm with the young person and their family ".repeat(600);
    assert!(csv.contains(whole.trim()));
}

#[test]
fn diagnostics_do_not_replay_escape_sequences() {
    let d = scratch("hostile-diag");
    let p = d.join("bad.ovl");
    std::fs::write(
        &p,
        format!("curriculum X \"{ESC}]0;pwned\x07 title\"\n  bogus {ESC}[2J\n"),
    )
    .unwrap();
    let (code, _, err) = run(&["parse", s(&p)]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("bad.ovl:2:"), "{err}");
    assert!(!err.contains(ESC) && !err.contains('\x07'), "{err:?}");
}
