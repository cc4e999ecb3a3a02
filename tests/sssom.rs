//! `--format sssom`: every proposed outcome mapping as SSSOM TSV, with predicates that follow the coverage the
//! JSON output reports, CURIEs that expand through the file's own `curie_map`, and byte-stable output.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// (metadata lines, column names, rows as column → value).
fn parse(tsv: &str) -> (Vec<String>, Vec<String>, Vec<BTreeMap<String, String>>) {
    let meta: Vec<String> = tsv
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(String::from)
        .collect();
    let mut body = tsv.lines().filter(|l| !l.starts_with('#'));
    let cols: Vec<String> = body.next().unwrap().split('\t').map(String::from).collect();
    let rows = body
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cells.len(),
                cols.len(),
                "row with the wrong number of cells: {l}"
            );
            cols.iter()
                .cloned()
                .zip(cells.iter().map(|c| c.to_string()))
                .collect()
        })
        .collect();
    (meta, cols, rows)
}

/// outcome id → (best counterpart id, credit) for one coverage list of the JSON output.
fn credits(cov: &Value) -> BTreeMap<String, (String, f64)> {
    cov["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| {
            let best = m["best"]["outcome"].as_str()?.to_string();
            let credit = if m["covered"].as_bool()? {
                1.0
            } else if m["partial"].as_bool()? {
                0.5
            } else {
                0.0
            };
            Some((m["outcome"].as_str()?.to_string(), (best, credit)))
        })
        .collect()
}

#[test]
fn compare_writes_every_covering_pair_with_the_predicate_of_its_direction() {
    let (code, tsv, err) = common::run(&["cwp", "emhp", "--format", "sssom"]);
    assert_eq!(code, 0, "{err}");
    let (meta, cols, rows) = parse(&tsv);
    for key in [
        "#curie_map:",
        "#license: https://w3id.org/sssom/license/unspecified",
        "#mapping_set_id: https://overlap.invalid/mappings/CWP/EMHP",
        "#mapping_tool: overlap",
    ] {
        assert!(meta.iter().any(|l| l == key), "missing {key} in {meta:?}");
    }
    assert!(
        meta.iter()
            .any(|l| l == "#  CWP: https://overlap.invalid/curriculum/CWP/")
    );
    assert!(
        !tsv.contains("mapping_date"),
        "a date would make output unstable"
    );
    for c in [
        "subject_id",
        "subject_label",
        "predicate_id",
        "object_id",
        "object_label",
        "mapping_justification",
        "confidence",
    ] {
        assert!(cols.iter().any(|x| x == c), "missing column {c}");
    }

    let (_, json, _) = common::run(&["cwp", "emhp", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let ab = credits(&v["a_covers_b"]); // EMHP outcome → (CWP outcome, credit)
    let ba = credits(&v["b_covers_a"]); // CWP outcome → (EMHP outcome, credit)
    let mut expected = BTreeSet::new();
    for (b, (a, c)) in &ab {
        if *c > 0.0 {
            expected.insert((a.clone(), b.clone()));
        }
    }
    for (a, (b, c)) in &ba {
        if *c > 0.0 {
            expected.insert((a.clone(), b.clone()));
        }
    }
    let mut seen = BTreeSet::new();
    let mut predicates = BTreeSet::new();
    for r in &rows {
        let a = r["subject_id"].strip_prefix("CWP:").unwrap().to_string();
        let b = r["object_id"].strip_prefix("EMHP:").unwrap().to_string();
        let fwd = ab.get(&b).filter(|(x, _)| *x == a).map_or(0.0, |x| x.1);
        let back = ba.get(&a).filter(|(x, _)| *x == b).map_or(0.0, |x| x.1);
        let p = r["predicate_id"].as_str();
        predicates.insert(p.to_string());
        match p {
            "skos:exactMatch" => assert!(fwd >= 1.0 && back >= 1.0, "{r:?}"),
            "skos:narrowMatch" => assert!(fwd >= 1.0 && back < 1.0, "{r:?}"),
            "skos:broadMatch" => assert!(back >= 1.0 && fwd < 1.0, "{r:?}"),
            "skos:closeMatch" => assert!((fwd >= 1.0) != (back >= 1.0), "{r:?}"),
            "skos:relatedMatch" => assert!(fwd < 1.0 && back < 1.0 && fwd + back > 0.0),
            other => panic!("unexpected predicate {other}"),
        }
        assert_eq!(
            r["mapping_justification"],
            "semapv:SemanticSimilarityThresholdMatching"
        );
        let conf: f64 = r["confidence"].parse().unwrap();
        assert!((0.0..=1.0).contains(&conf));
        seen.insert((a, b));
    }
    assert_eq!(seen, expected, "every covering pair once, nothing else");
    assert!(predicates.contains("skos:exactMatch") && predicates.len() >= 3);

    let (_, lexical, _) = common::run(&["cwp", "emhp", "--format", "sssom", "--method", "lexical"]);
    let (_, _, lrows) = parse(&lexical);
    assert!(
        lrows
            .iter()
            .all(|r| r["mapping_justification"] == "semapv:LexicalMatching")
    );
    let (_, again, _) = common::run(&["cwp", "emhp", "--format", "sssom"]);
    assert_eq!(tsv, again, "output is byte-stable");
}

#[test]
fn check_maps_the_file_outcomes_to_national_outcomes() {
    let (code, tsv, err) = common::run(&[
        "check",
        "tests/fixtures/hei/exeter-pyc3022.md",
        "--against",
        "cwp,emhp",
        "--format",
        "sssom",
    ]);
    assert_eq!(code, 0, "{err}");
    let (meta, _, rows) = parse(&tsv);
    assert!(meta.iter().any(|l| l.starts_with("#  PYC3022: ")));
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(r["subject_id"].starts_with("PYC3022:PYC3022."), "{r:?}");
        assert!(
            r["object_id"].starts_with("CWP:") || r["object_id"].starts_with("EMHP:"),
            "{r:?}"
        );
        assert!(!r["object_label"].is_empty());
    }
}

#[test]
fn commands_without_mappings_refuse_the_format() {
    let (code, out, err) = common::run(&["list", "--format", "sssom"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--format sssom is for"), "{err}");
}
