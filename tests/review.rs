//! `--mappings FILE`: reviewers' SSSOM decisions change coverage, the gate and top-ups (and `check`), every
//! output marks what rests on them, stale rows are located warnings and broken files located errors.

mod common;

use std::path::Path;

use serde_json::Value;

const HEADER: &str = "#curie_map:\n#  CWP: https://overlap.invalid/curriculum/CWP/\n#  EMHP: https://overlap.invalid/curriculum/EMHP/\n#  semapv: https://w3id.org/semapv/vocab/\n#  skos: http://www.w3.org/2004/02/skos/core#\n#license: https://w3id.org/sssom/license/unspecified\n#mapping_set_id: https://overlap.invalid/mappings/review\nsubject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tpredicate_modifier\n";

fn row(s: &str, s_label: &str, predicate: &str, o: &str, o_label: &str, modifier: &str) -> String {
    format!(
        "{s}\t{s_label}\t{predicate}\t{o}\t{o_label}\tsemapv:ManualMappingCuration\t{modifier}\n"
    )
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = common::run(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn domain<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["gate_ab"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn accepting_the_matches_behind_a_flagged_domain_clears_it_and_lowers_the_top_up() {
    let before = json(&["cwp", "emhp"]);
    let engagement = domain(&before, "engagement");
    assert_eq!(
        engagement["flagged"], true,
        "the premise: CWP → EMHP flags engagement"
    );
    let evidence: Vec<&str> = engagement["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    // The reviewer accepts, for each engagement outcome CWP leaves short, the counterpart the model proposed.
    let mut file = HEADER.to_string();
    for m in before["a_covers_b"]["outcomes"].as_array().unwrap() {
        if evidence.contains(&m["outcome"].as_str().unwrap()) {
            let b = &m["best"];
            file.push_str(&row(
                &format!("CWP:{}", b["outcome"].as_str().unwrap()),
                b["text"].as_str().unwrap(),
                "skos:narrowMatch",
                &format!("EMHP:{}", m["outcome"].as_str().unwrap()),
                m["text"].as_str().unwrap(),
                "",
            ));
        }
    }
    let dir = common::scratch("review-accept");
    let path = write(&dir, "accept.sssom.tsv", &file);
    let after = json(&["cwp", "emhp", "--mappings", &path]);

    let e = domain(&after, "engagement");
    assert_eq!(e["flagged"], false);
    assert_eq!(e["uncovered"], 0);
    assert!(
        after["verdict"]["flagged_domains"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(after["verdict"]["kind"], "top-up");
    let credits = |v: &Value| v["topup_ab"]["credits"].as_u64().unwrap();
    assert!(
        credits(&after) < credits(&before),
        "top-up credits {} → {}",
        credits(&before),
        credits(&after)
    );
    let share = |v: &Value| v["coverage"]["a_covers_b"].as_f64().unwrap();
    assert!(share(&after) > share(&before));
    let n = evidence.len() as u64;
    assert_eq!(after["gate_ab"]["reviewed"]["accepted"], n);
    assert_eq!(after["topup_ab"]["reviewed"]["accepted"], n);
    assert_eq!(after["a_covers_b"]["reviewed"]["accepted"], n);
    for m in after["a_covers_b"]["outcomes"].as_array().unwrap() {
        let reviewed = evidence.contains(&m["outcome"].as_str().unwrap());
        assert_eq!(
            m["reviewed"],
            if reviewed { "accepted" } else { "none" },
            "{m}"
        );
        if reviewed {
            assert_eq!(m["covered"], true);
        }
    }
    // narrowMatch: CWP covers EMHP; EMHP → CWP is untouched.
    assert_eq!(after["b_covers_a"], before["b_covers_a"]);

    let (_, table, _) = common::run(&["cwp", "emhp", "--mappings", &path, "--format", "markdown"]);
    assert!(table.contains("[reviewed: accepted]"), "{table}");
    assert!(table.contains(&format!("reviewed: {n} match(es) accepted and 0 rejected")));
    let (_, sssom, _) = common::run(&["cwp", "emhp", "--mappings", &path, "--format", "sssom"]);
    let manual = sssom
        .lines()
        .filter(|l| l.contains("semapv:ManualMappingCuration"))
        .count() as u64;
    assert_eq!(
        manual, n,
        "accepted mappings are written as manual curation"
    );
    let out = dir.join("report");
    let out_s = out.display().to_string();
    let (code, _, err) = common::run(&[
        "report",
        "cwp",
        "emhp",
        "--out",
        &out_s,
        "--mappings",
        &path,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // Marked in the list of matches and listed again in the reviewed-matches table, as in the terminal.
    assert_eq!(
        md.matches("[reviewed: accepted]").count() as u64,
        2 * n,
        "the report marks them"
    );
    let reviewed = md
        .split("Reviewed matches: EMHP outcomes")
        .nth(1)
        .expect("the report has the reviewed-matches table");
    let reviewed = &reviewed[..reviewed.find("\n#").unwrap_or(reviewed.len())];
    assert_eq!(
        reviewed.matches("[reviewed: accepted]").count() as u64,
        n,
        "{reviewed}"
    );
    assert!(md.contains(&format!(
        "CWP covers EMHP: reviewed: {n} match(es) accepted"
    )));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rejecting_every_match_behind_a_critical_domain_flags_it_and_raises_the_top_up() {
    let before = json(&["cwp", "emhp"]);
    let safeguarding = domain(&before, "safeguarding");
    assert_eq!(
        safeguarding["flagged"], false,
        "the premise: safeguarding is covered"
    );
    assert!(safeguarding["required"].as_u64().unwrap() > 0);
    let safe: Vec<String> = json(&["parse", "curricula/emhp.ovl"])["curricula"][0]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["outcomes"].as_array().unwrap().clone())
        .filter(|o| {
            o["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_str().unwrap().starts_with("safeguarding."))
        })
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        safe.len() as u64,
        safeguarding["required"].as_u64().unwrap()
    );
    // The reviewer rejects every CWP outcome as covering any of EMHP's safeguarding outcomes.
    let cwp: Vec<String> = before["b_covers_a"]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["outcome"].as_str().unwrap().to_string())
        .collect();
    let mut file = HEADER.to_string();
    for s in &safe {
        for c in &cwp {
            file.push_str(&row(
                &format!("CWP:{c}"),
                "",
                "skos:narrowMatch",
                &format!("EMHP:{s}"),
                "",
                "Not",
            ));
        }
    }
    let dir = common::scratch("review-reject");
    let path = write(&dir, "reject.sssom.tsv", &file);
    let after = json(&["cwp", "emhp", "--mappings", &path]);

    let d = domain(&after, "safeguarding");
    assert_eq!(d["flagged"], true);
    assert_eq!(d["difference"], 1.0);
    let flagged: Vec<&str> = after["verdict"]["flagged_domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(flagged.contains(&"safeguarding") && flagged.contains(&"engagement"));
    assert!(after["topup_ab"]["credits"].as_u64() > before["topup_ab"]["credits"].as_u64());
    for m in after["a_covers_b"]["outcomes"].as_array().unwrap() {
        if safe.contains(&m["outcome"].as_str().unwrap().to_string()) {
            assert_eq!(m["reviewed"], "rejected");
            assert_eq!(m["covered"], false);
            assert!(m["best"].is_null(), "every counterpart was rejected: {m}");
        }
    }
    assert_eq!(after["gate_ab"]["reviewed"]["rejected"], safe.len() as u64);
    let (_, table, _) = common::run(&["topup", "cwp", "emhp", "--mappings", &path]);
    assert!(table.contains(&format!("0 match(es) accepted and {} rejected", safe.len())));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stale_rows_are_located_warnings_and_are_not_applied() {
    let before = json(&["cwp", "emhp"]);
    let m = &before["a_covers_b"]["outcomes"][0];
    let (o, b) = (
        m["outcome"].as_str().unwrap(),
        m["best"]["outcome"].as_str().unwrap(),
    );
    let mut file = HEADER.to_string();
    // Line 9: an outcome that no longer exists. Line 10: a label that is not the outcome's text any more.
    file.push_str(&row(
        "CWP:CWP-9.9",
        "",
        "skos:exactMatch",
        &format!("EMHP:{o}"),
        "",
        "Not",
    ));
    file.push_str(&row(
        &format!("CWP:{b}"),
        "an older wording of this outcome",
        "skos:exactMatch",
        &format!("EMHP:{o}"),
        "",
        "Not",
    ));
    let dir = common::scratch("review-stale");
    let path = write(&dir, "stale.sssom.tsv", &file);
    let (code, out, err) = common::run(&["cwp", "emhp", "--mappings", &path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{path}:9:1: warning: CWP has no outcome `CWP-9.9` any more"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:10:")) && err.contains("has changed since it was reviewed"),
        "{err}"
    );
    assert_eq!(err.matches("this decision is not applied").count(), 2);
    let after: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(after, before, "no stale row is applied");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn broken_mapping_files_are_located_errors_not_panics() {
    let dir = common::scratch("review-broken");
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "no-header.tsv",
            b"#curie_map:\nCWP:EMHP-1.1\tskos:exactMatch\tEMHP:EMHP-1.1\n".to_vec(),
            "not an SSSOM header row",
        ),
        (
            "not-curie.tsv",
            format!(
                "{HEADER}{}",
                row("EMHP-1.1", "", "skos:exactMatch", "EMHP:EMHP-1.1", "", "")
            )
            .into_bytes(),
            "is not a CURIE",
        ),
        (
            "predicate.tsv",
            format!(
                "{HEADER}{}",
                row("CWP:EMHP-1.1", "", "owl:sameAs", "EMHP:EMHP-1.1", "", "")
            )
            .into_bytes(),
            "unknown predicate",
        ),
        (
            "modifier.tsv",
            format!(
                "{HEADER}{}",
                row(
                    "CWP:EMHP-1.1",
                    "",
                    "skos:exactMatch",
                    "EMHP:EMHP-1.1",
                    "",
                    "Maybe"
                )
            )
            .into_bytes(),
            "unknown predicate_modifier",
        ),
        (
            "cells.tsv",
            format!("{HEADER}CWP:EMHP-1.1\tskos:exactMatch\n").into_bytes(),
            "tab-separated cells",
        ),
        ("binary.tsv", vec![0xff, 0xfe, 0x00, 0x01], "not UTF-8"),
    ];
    for (name, bytes, expected) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let path = p.display().to_string();
        for args in [
            vec!["cwp", "emhp", "--mappings", &path],
            vec!["topup", "cwp", "emhp", "--mappings", &path],
            vec![
                "check",
                "tests/fixtures/hei/exeter-pyc3022.md",
                "--against",
                "cwp",
                "--mappings",
                &path,
            ],
        ] {
            let (code, out, err) = common::run(&args);
            assert_eq!(code, 3, "{name} {args:?}: {err}");
            assert!(out.is_empty(), "{name}: nothing on stdout");
            assert!(err.contains(expected), "{name}: {err}");
            assert!(
                err.contains(&path),
                "{name}: the error names the file: {err}"
            );
            assert!(!err.contains("panicked"), "{name}: {err}");
        }
    }
    let (code, _, err) = common::run(&["cwp", "emhp", "--mappings", "no/such/file.tsv"]);
    assert_eq!(code, 3);
    assert!(err.contains("no/such/file.tsv"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_follows_a_rejection_and_an_acceptance() {
    let args = [
        "check",
        "tests/fixtures/hei/exeter-pyc3022.md",
        "--against",
        "cwp,emhp",
    ];
    let before = json(&args);
    let first = &before["outcomes"][0];
    let (id, best) = (
        first["id"].as_str().unwrap(),
        first["best"].as_str().unwrap(),
    );
    let next = first["alternatives"][0][0].as_str().unwrap();
    // A weak pick for the last outcome, accepted: it counts as matched whatever its score.
    let last = before["outcomes"].as_array().unwrap().last().unwrap();
    let (last_id, last_alt) = (
        last["id"].as_str().unwrap(),
        last["alternatives"][0][0].as_str().unwrap(),
    );
    let mut file = HEADER.replace(
        "#  CWP:",
        "#  PYC3022: https://overlap.invalid/curriculum/PYC3022/\n#  CWP:",
    );
    file.push_str(&row(
        &format!("PYC3022:{id}"),
        "",
        "skos:broadMatch",
        best,
        "",
        "Not",
    ));
    file.push_str(&row(
        &format!("PYC3022:{last_id}"),
        "",
        "skos:broadMatch",
        last_alt,
        "",
        "",
    ));
    let dir = common::scratch("review-check");
    let path = write(&dir, "check.sssom.tsv", &file);
    let mut with = args.to_vec();
    with.extend(["--mappings", &path]);
    let after = json(&with);
    let a = &after["outcomes"][0];
    assert_eq!(
        a["best"], next,
        "the next-best national outcome replaces the rejected one"
    );
    assert_eq!(a["reviewed"], "rejected");
    let l = after["outcomes"].as_array().unwrap().last().unwrap();
    assert_eq!(l["best"], last_alt);
    assert_eq!(
        (&l["reviewed"], &l["matched"]),
        (&Value::from("accepted"), &Value::from(true))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
