//! Options that mean one thing everywhere: `--top N` (0 lists every entry), `--format` only where the
//! command writes that format, the man page's EXIT STATUS, and completions that know the curricula.

mod common;

use common::run;

/// The rows of the CSV table whose `# title` line starts with `title`.
fn csv_rows(out: &str, title: &str) -> Vec<String> {
    let mut lines = out
        .lines()
        .skip_while(|l| !l.starts_with(&format!("# {title}")));
    assert!(lines.next().is_some(), "no table {title:?} in\n{out}");
    lines
        .skip(1)
        .take_while(|l| !l.is_empty() && !l.starts_with("# "))
        .map(str::to_string)
        .collect()
}

#[test]
fn top_limits_the_lists_of_a_comparison_and_0_lists_them_all() {
    let (code, json, err) = run(&["cwp", "emhp", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outcomes = v["a_covers_b"]["outcomes"].as_array().unwrap();
    // Ranked matches: outcomes with a counterpart that is not the same text (identical ones are counted).
    let with_best = outcomes
        .iter()
        .filter(|o| !o["best"].is_null() && o["best"]["identical"] == false)
        .count();
    let uncovered = outcomes.iter().filter(|o| o["covered"] == false).count();
    assert!(with_best > 10 && uncovered > 3, "{with_best} {uncovered}");

    let matches = "Strongest matches: EMHP outcomes";
    let missing = "EMHP outcomes not fully covered by CWP";
    let (_, all, _) = run(&["cwp", "emhp", "--format", "csv", "--top", "0"]);
    assert_eq!(csv_rows(&all, matches).len(), with_best);
    assert_eq!(csv_rows(&all, missing).len(), uncovered);
    assert!(!all.contains("more not shown"), "{all}");

    let (_, three, _) = run(&["cwp", "emhp", "--format", "csv", "--top", "3"]);
    assert_eq!(csv_rows(&three, matches).len(), 3);
    assert_eq!(csv_rows(&three, missing).len(), 3);

    let (_, default, _) = run(&["cwp", "emhp", "--format", "csv"]);
    assert_eq!(csv_rows(&default, matches).len(), 10);
}

#[test]
fn top_0_ranks_every_national_module_in_check() {
    let file = "tests/fixtures/hei/exeter-pyc3020da.md";
    let rank = "PYC3020DA";
    let (code, out, err) = run(&[
        "check",
        file,
        "--against",
        "cwp,emhp",
        "--format",
        "csv",
        "--top",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    // CWP and EMHP have six modules each.
    assert_eq!(csv_rows(&out, rank).len(), 12, "{out}");
    let (_, out, _) = run(&[
        "check",
        file,
        "--against",
        "cwp,emhp",
        "--format",
        "csv",
        "--top",
        "2",
    ]);
    assert_eq!(csv_rows(&out, rank).len(), 2);
    let (_, out, _) = run(&["check", file, "--against", "cwp,emhp", "--format", "csv"]);
    assert_eq!(csv_rows(&out, rank).len(), 5);
}

#[test]
fn top_0_gives_every_match_of_a_line_in_similarity() {
    let dir = common::scratch("similarity-top");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(
        &a,
        "assess risk to self\nassess risk to others\nplan sessions with parents\nagree goals\n",
    )
    .unwrap();
    std::fs::write(&b, "assess risk\nagree goals with parents\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let lines = |args: &[&str]| {
        let (code, out, err) = run(&[&["similarity", a, b][..], args].concat());
        assert_eq!(code, 0, "{err}");
        out.lines().map(str::to_string).collect::<Vec<_>>()
    };
    // "assess risk" meets the two risk lines; "agree goals with parents" meets lines 2 and 3.
    let all = lines(&["--top", "0"]);
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(
        all.iter().filter(|l| l.starts_with("0\t")).count() == 2,
        "{all:?}"
    );
    assert!(
        all.iter().filter(|l| l.starts_with("1\t")).count() == 2,
        "{all:?}"
    );
    assert_eq!(lines(&["--top", "1"]).len(), 2);
    assert_eq!(lines(&[]).len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn top_is_one_option_and_its_help_says_what_0_does() {
    for cmd in [
        &["--help"][..],
        &["check", "--help"],
        &["similarity", "--help"],
    ] {
        let (code, out, _) = run(cmd);
        assert_eq!(code, 0);
        let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("--top <N>"), "{cmd:?}: {out}");
        assert!(text.contains("0 lists them all"), "{cmd:?}: {out}");
    }
}

#[test]
fn a_format_the_command_does_not_write_is_refused() {
    let dir = common::scratch("format-refused");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "assess risk\n").unwrap();
    std::fs::write(&b, "assess risk\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = dir.join("report");
    let spec = "tests/fixtures/valid/module_file.ovl";
    for (args, command, says) in [
        (
            vec!["fmt", spec, "--format", "json"],
            "overlap fmt",
            "takes no --format",
        ),
        (
            vec!["--format", "markdown", "man"],
            "overlap man",
            "takes no --format",
        ),
        (
            vec!["completions", "bash", "--format", "csv"],
            "overlap completions",
            "takes no --format",
        ),
        (
            vec!["similarity", a, b, "--format", "json"],
            "overlap similarity",
            "takes no --format",
        ),
        (
            vec!["report", "--out", out.to_str().unwrap(), "--format", "csv"],
            "overlap report",
            "takes no --format",
        ),
        (
            vec!["list", "--format", "moodle"],
            "overlap list",
            "takes --format table, markdown, csv, json",
        ),
        (
            vec!["topup", "cwp", "emhp", "--format", "sssom"],
            "overlap topup",
            "--format sssom is for",
        ),
        (
            vec![
                "check",
                "--batch",
                "tests/fixtures/hei",
                "--against",
                "cwp",
                "--format",
                "sssom",
            ],
            "overlap check --batch",
            "--format sssom is for",
        ),
        (
            vec!["cwp", "emhp", "--format", "moodle"],
            "overlap A B",
            "--format moodle is for `overlap export`",
        ),
        (
            vec!["parse", spec, "--format", "csv"],
            "overlap parse",
            "takes --format json",
        ),
        (
            vec!["export", "emhp", "--format", "json"],
            "overlap export",
            "--format moodle",
        ),
    ] {
        let (code, stdout, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(
            err.contains(command) && err.contains(says),
            "{args:?}: {err}"
        );
    }
    assert!(!out.exists(), "a refused report wrote {}", out.display());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn commands_take_the_formats_they_write_and_the_default_where_they_write_none() {
    let spec = "tests/fixtures/valid/module_file.ovl";
    for args in [
        vec!["fmt", spec],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["list", "--format", "markdown"],
        vec!["--format", "json", "parse", spec],
        vec!["parse", spec],
        vec!["export", "emhp", "--format", "moodle"],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!out.is_empty(), "{args:?}");
    }
}

#[test]
fn the_man_page_lists_every_exit_status_and_no_missing_page() {
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    let at = page
        .find(".SH \"EXIT STATUS\"")
        .expect("an EXIT STATUS section");
    let section = &page[at..];
    let section = &section[..section[4..].find(".SH").map_or(section.len(), |e| e + 4)];
    for (code, meaning) in [
        (0, "Success"),
        (1, "finding"),
        (2, "usage error"),
        (3, "Invalid or unreadable input"),
    ] {
        assert!(
            section.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "{code}: {section}"
        );
        assert!(section.contains(meaning), "{meaning}: {section}");
    }
    // Commands are described on this page; there are no pages such as overlap-topup(1).
    assert!(
        !page.contains("overlap\\-topup(1)") && !page.contains("overlap-topup(1)"),
        "{page}"
    );
    assert!(page.contains("overlap topup"), "{page}");
    // Each command's own options are on the page, with their defaults.
    for option in [
        "\\fB\\-\\-emit\\fR",
        "\\fB\\-\\-against\\fR",
        "\\fB\\-\\-batch\\fR",
    ] {
        assert!(page.contains(option), "{option} missing");
    }
    assert!(page.contains("[default: 0.5]"), "{page}");
}

/// Runs the bash completion function for the words typed so far and returns what it offers.
#[cfg(unix)]
fn complete_bash(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let line = words.join(" ");
    let words_array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        "source '{}'; COMP_WORDS=({words_array}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; _overlap overlap '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.len() - 1,
        line.len(),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn bash_completes_curriculum_ids_and_aliases() {
    let dir = common::scratch("completions");
    let (code, script, err) = run(&["completions", "bash"]);
    assert_eq!(code, 0, "{err}");
    let path = dir.join("overlap.bash");
    std::fs::write(&path, script).unwrap();
    let offered = complete_bash(&path, &["overlap", "topup", "cw"]);
    assert!(offered.contains(&"cwp".to_string()), "{offered:?}");
    assert!(offered.contains(&"cwp-2017".to_string()), "{offered:?}");
    assert!(offered.iter().all(|o| o.starts_with("cw")), "{offered:?}");
    let offered = complete_bash(&path, &["overlap", "topup", "cwp", "e"]);
    assert!(offered.contains(&"emhp".to_string()), "{offered:?}");
    let offered = complete_bash(&path, &["overlap", "export", "p"]);
    assert!(offered.contains(&"pwp".to_string()), "{offered:?}");
    let offered = complete_bash(&path, &["overlap", "check", "m.md", "--against", "em"]);
    assert!(offered.contains(&"emhp".to_string()), "{offered:?}");
    // Commands are still offered where a command may come.
    let offered = complete_bash(&path, &["overlap", "to"]);
    assert!(offered.contains(&"topup".to_string()), "{offered:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_comparison_option_before_a_command_that_does_not_take_it_says_so() {
    let (code, _, err) = run(&["--with", "draft.ovl", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`--with` is an option of the comparison")
            && err.contains("`overlap list` does not take it"),
        "{err}"
    );
    let (code, _, err) = run(&["--top", "3", "check", "m.md", "--against", "cwp"]);
    assert_eq!(code, 2);
    assert!(err.contains("write it after `check`"), "{err}");
}

#[test]
fn every_error_message_starts_the_same_way() {
    let dir = common::scratch("errors-start");
    let draft = dir.join("draft.ovl");
    for (args, code) in [
        (vec!["cwp", "emhp", "--cover", "2"], 2),
        (vec!["nosuch", "emhp"], 2),
        (vec!["chek", "module.md"], 2),
        (vec!["cwp", "emhp", "--nosuch"], 2),
        (vec!["explain", "emhp:X", "pwp:Y"], 2),
        (vec!["list", "--format", "moodle"], 2),
        (vec!["parse", "/nonexistent/spec.ovl"], 3),
        (
            vec!["check", "/nonexistent/module.md", "--against", "cwp"],
            3,
        ),
        (
            vec!["topup", "pwp", "cwp", "--emit", draft.to_str().unwrap()],
            1,
        ),
    ] {
        let (got, _, err) = run(&args);
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
