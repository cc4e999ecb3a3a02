//! SSSOM files pass the SSSOM project's own validator, sssom-py (`sssom validate`), when it is installed in
//! `target/sssom-venv` (`.ci/sssom-validate` creates it; it needs PyPI once, so the suite does not). Without
//! the venv the test says it skipped the validation.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn validator() -> Option<PathBuf> {
    let bin = common::root().join("target/sssom-venv/bin/sssom");
    bin.is_file().then_some(bin)
}

/// Runs `sssom validate` with every validation type that needs no network; (success, its output).
fn validate(sssom: &PathBuf, file: &PathBuf) -> (bool, String) {
    let out = Command::new(sssom)
        .args([
            "validate",
            "-V",
            "JsonSchema",
            "-V",
            "PrefixMapCompleteness",
            "-V",
            "StrictCurieFormat",
        ])
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn sssom_output_passes_sssom_validate() {
    let Some(sssom) = validator() else {
        eprintln!(
            "SKIPPED: sssom-py is not installed in target/sssom-venv; run .ci/sssom-validate once to install it"
        );
        return;
    };
    let dir = common::scratch("sssom-validate");
    let runs: [(&str, &[&str]); 3] = [
        ("cwp-emhp", &["cwp", "emhp", "--format", "sssom"]),
        (
            "check",
            &[
                "check",
                "tests/fixtures/hei/exeter-pyc3022.md",
                "--against",
                "cwp,emhp,pwp",
                "--format",
                "sssom",
            ],
        ),
        (
            "three",
            &[
                "pwp", "cwp-2017", "emhp", "--format", "sssom", "--method", "lexical",
            ],
        ),
    ];
    for (name, args) in runs {
        let (code, tsv, err) = common::run(args);
        assert_eq!(code, 0, "{err}");
        let file = dir.join(format!("{name}.sssom.tsv"));
        std::fs::write(&file, &tsv).unwrap();
        let (ok, report) = validate(&sssom, &file);
        assert!(ok, "{name}: sssom validate failed:\n{report}");
        // The validator is not a rubber stamp: the same file with an unknown justification fails.
        let broken = dir.join(format!("{name}-broken.sssom.tsv"));
        std::fs::write(
            &broken,
            tsv.replace("semapv:", "semapv:Not")
                .replace("semapv:Not ", "semapv: "),
        )
        .unwrap();
        let (ok, _) = validate(&sssom, &broken);
        assert!(!ok, "{name}: a broken file passed sssom validate");
    }
    // A reviewer's edit — the proposals marked as decided, one rejected with `predicate_modifier Not` — is
    // SSSOM too, and so is the output of a run that applies it.
    let (_, tsv, _) = common::run(&["cwp", "emhp", "--format", "sssom"]);
    let mut edited = String::new();
    let mut rows = 0;
    for line in tsv.lines() {
        if line.starts_with('#') {
            edited.push_str(line);
        } else if line.starts_with("subject_id") {
            edited.push_str(&format!("{line}\tpredicate_modifier"));
        } else {
            rows += 1;
            let decided = line.replace(
                "semapv:SemanticSimilarityThresholdMatching",
                "semapv:ManualMappingCuration",
            );
            edited.push_str(&format!(
                "{decided}\t{}",
                if rows == 1 { "Not" } else { "" }
            ));
        }
        edited.push('\n');
    }
    let review = dir.join("review.sssom.tsv");
    std::fs::write(&review, &edited).unwrap();
    let (ok, report) = validate(&sssom, &review);
    assert!(ok, "a reviewed file fails sssom validate:\n{report}");
    let path = review.display().to_string();
    let (code, applied, err) =
        common::run(&["cwp", "emhp", "--mappings", &path, "--format", "sssom"]);
    assert_eq!(code, 0, "{err}");
    assert!(applied.contains("semapv:ManualMappingCuration"));
    let file = dir.join("applied.sssom.tsv");
    std::fs::write(&file, &applied).unwrap();
    let (ok, report) = validate(&sssom, &file);
    assert!(
        ok,
        "the output of a reviewed run fails sssom validate:\n{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
