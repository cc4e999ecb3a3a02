//! The language's fixtures: every valid fixture resolves to a snapshotted model, every invalid one to snapshotted,
//! located diagnostics, through the library and through the CLI (exit code 3, nothing on stdout, no panic).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use overlap::diagnostic::{SourceFile, render};
use overlap::model::load::{EMBEDDED, load_sources, source_from_bytes};
use overlap::model::{LoadError, LoadSet};
use overlap::syntax::{BlockKind, parse_document};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new("tests/fixtures").join(kind);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ovl"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .expect("a file")
        .to_string_lossy()
        .into_owned()
}

/// A taxonomy replaces the shipped one, so it is loaded alone; anything else is resolved with the shipped
/// taxonomy and curricula, as the CLI does.
fn is_taxonomy(text: &str) -> bool {
    let (doc, _) = parse_document(text, 0);
    doc.blocks
        .first()
        .is_some_and(|b| b.kind == BlockKind::Taxonomy)
}

fn embedded() -> Vec<(SourceFile, Option<overlap::diagnostic::Diagnostic>)> {
    EMBEDDED
        .iter()
        .map(|(name, text)| (SourceFile::new(*name, *text), None))
        .collect()
}

/// Loads one file (by its relative path, so names in messages are stable) the way `overlap parse` does.
fn load_bytes(name: &str, bytes: Vec<u8>) -> Result<overlap::model::Workspace, LoadError> {
    let taxonomy = is_taxonomy(&String::from_utf8_lossy(&bytes));
    let mut sources = if taxonomy { Vec::new() } else { embedded() };
    sources.push(source_from_bytes(name.to_string(), bytes));
    load_sources(sources)
}

fn load_path(p: &Path) -> Result<overlap::model::Workspace, LoadError> {
    let name = p.display().to_string().replace('\\', "/");
    load_bytes(&name, std::fs::read(p).expect("fixture readable"))
}

/// Inputs too awkward to commit: built here, and written to a temporary folder for the CLI test.
fn generated_invalid() -> Vec<(&'static str, Vec<u8>)> {
    let mut utf8 = b"module TEST-M-1 \"Caf".to_vec();
    utf8.extend_from_slice(&[0xe9, 0x20]); // Latin-1 `é`, as a Windows editor might save it
    utf8.extend_from_slice(b"au lait\"\n  outcome TEST-M-1.1 \"Text\"\n");
    let mut long = b"module TEST-M-1 \"Title\"\n  outcome TEST-M-1.1 \"Text\"\n    tags ".to_vec();
    long.extend(std::iter::repeat_n(b'a', 1 << 20));
    long.extend_from_slice(b" assessment.risk-assessment\n");
    let mut long_text = b"module TEST-M-1 \"Title\"\n  outcome TEST-M-1.1 \"".to_vec();
    long_text.extend(std::iter::repeat_n(b"word ".as_slice(), 1 << 18).flatten());
    long_text.extend_from_slice(b"\" junk\n");
    vec![
        ("invalid_utf8", utf8),
        ("long_line_1mb", long),
        ("long_text_junk", long_text),
        ("nul_bytes", b"module TEST-M-1 \"Title\"\n\0\0\0\n".to_vec()),
    ]
}

#[test]
fn valid_fixtures_resolve_to_their_snapshotted_model() {
    let all = fixtures("valid");
    assert!(all.len() >= 6, "the valid fixtures are there");
    for p in all {
        let ws = match load_path(&p) {
            Ok(ws) => ws,
            Err(e) => panic!("{} should be valid:\n{}", p.display(), e.render(false)),
        };
        let name = p.display().to_string().replace('\\', "/");
        let curricula: Vec<_> = ws
            .catalog
            .curricula
            .iter()
            .filter(|c| c.file == name)
            .collect();
        let modules: Vec<_> = ws
            .catalog
            .loose_modules
            .iter()
            .filter(|(f, _)| f == &name)
            .map(|(_, m)| m)
            .collect();
        let text = std::fs::read_to_string(&p).expect("utf-8");
        let value = serde_json::json!({
            "curricula": curricula,
            "modules": modules,
            "taxonomy": if is_taxonomy(&text) { Some(&ws.catalog.taxonomy) } else { None },
        });
        insta::assert_json_snapshot!(format!("valid_{}", stem(&p)), value);
    }
}

#[test]
fn invalid_fixtures_give_located_snapshotted_diagnostics() {
    let all = fixtures("invalid");
    assert!(
        all.len() >= 25,
        "at least 25 invalid fixtures, found {}",
        all.len()
    );
    let mut cases: Vec<(String, Result<_, _>)> =
        all.iter().map(|p| (stem(p), load_path(p))).collect();
    for (name, bytes) in generated_invalid() {
        cases.push((
            name.to_string(),
            load_bytes(&format!("generated/{name}.ovl"), bytes),
        ));
    }
    for (name, result) in cases {
        let Err(LoadError::Invalid { files, diagnostics }) = result else {
            panic!("{name} should be rejected with diagnostics");
        };
        assert!(!diagnostics.is_empty(), "{name}");
        for d in &diagnostics {
            // Every problem is in the file under test, never in a shipped one.
            assert!(
                !files[d.file].name.starts_with("curricula/"),
                "{name}: {d:?}"
            );
        }
        let out = render(&diagnostics, &files, false);
        // Each message is located and shows the line with an underline.
        assert!(out.contains(".ovl:"), "{name}: no file:line:col\n{out}");
        assert!(
            out.contains('│') && (out.contains('─') || out.contains('┬')),
            "{name}: no underline\n{out}"
        );
        assert!(
            out.len() < 20_000,
            "{name}: the message shows too much of the file ({} bytes)",
            out.len()
        );
        insta::assert_snapshot!(format!("invalid_{name}"), out);
    }
}

#[test]
fn rendering_with_colour_never_panics() {
    for p in fixtures("invalid") {
        if let Err(LoadError::Invalid { files, diagnostics }) = load_path(&p) {
            let out = render(&diagnostics, &files, true);
            assert!(out.contains("error"), "{}", p.display());
        }
    }
}

#[test]
fn every_invalid_case_fails_in_the_cli_with_exit_code_3() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("syntax-generated");
    std::fs::create_dir_all(&tmp).expect("temporary folder");
    let mut paths = fixtures("invalid");
    for (name, bytes) in generated_invalid() {
        let p = tmp.join(format!("{name}.ovl"));
        std::fs::write(&p, bytes).expect("writable");
        paths.push(p);
    }
    for p in paths {
        let out = Command::cargo_bin("overlap")
            .expect("binary built")
            .arg("parse")
            .arg(&p)
            .env("NO_COLOR", "1")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{}: {stderr}", p.display());
        assert!(out.stdout.is_empty(), "{}: printed to stdout", p.display());
        assert!(stderr.contains("error"), "{}: {stderr}", p.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", p.display());
    }
}

#[test]
fn valid_fixtures_pass_in_the_cli() {
    for p in fixtures("valid") {
        if is_taxonomy(&std::fs::read_to_string(&p).expect("utf-8")) {
            continue; // a taxonomy replaces the shipped one, which the shipped curricula need
        }
        Command::cargo_bin("overlap")
            .expect("binary built")
            .args(["parse", "--format", "json"])
            .arg(&p)
            .assert()
            .success();
    }
}

#[test]
fn syntax_errors_are_all_reported_in_one_run() {
    let text = "module M-1 \"T\"\n  credits x\n  level y\n  outcome M-1.1 \"T\"\n    tagz a.b\n";
    let (_, diags) = parse_document(text, 0);
    let lines: Vec<usize> = diags
        .iter()
        .map(|d| SourceFile::new("x", text).line_col(d.span.start).0)
        .collect();
    assert_eq!(lines, vec![2, 3, 5]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let (doc, diags) = parse_document("\u{feff}module M-1 \"T\"\n  outcome M-1.1 \"T\"\n", 0);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn load_set_reads_fixtures_by_path() {
    let set = LoadSet {
        embedded: true,
        files: vec![PathBuf::from("tests/fixtures/valid/curriculum.ovl")],
        ..Default::default()
    };
    let ws = set.load().map_err(|e| e.render(false)).expect("valid");
    let c = ws.catalog.find("tlip").expect("found by alias");
    assert_eq!(c.id, "TEST-LI");
    // `same as` takes the target's outcomes; provenance falls back to the module, then the curriculum.
    assert_eq!(
        c.modules[1].outcomes,
        ws.catalog.find("EMHP").expect("shipped").modules[0].outcomes
    );
    assert!(c.modules[0].outcomes.iter().all(|o| o.provenance.is_some()));
}
