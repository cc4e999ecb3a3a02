//! `export CURRICULUM --format moodle`: a Moodle competency framework CSV with the importer's fourteen columns
//! (Moodle `admin/tool/lpimportcsv/classes/framework_importer.php`, `list_required_headers`, English strings
//! of `lang/en/tool_lpimportcsv.php`), one framework row and one row per competency and outcome, a tree the
//! importer can rebuild.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn the_framework_has_the_importers_columns_and_a_row_per_competency_and_outcome() {
    let (code, csv, err) = common::run(&["export", "emhp", "--format", "moodle"]);
    assert_eq!(code, 0, "{err}");
    let rows = parse_csv(&csv);
    let header = &rows[0];
    assert_eq!(
        header,
        &[
            "Parent ID number",
            "ID number",
            "Short name",
            "Description",
            "Description format",
            "Scale values",
            "Scale configuration",
            "Rule type (optional)",
            "Rule outcome (optional)",
            "Rule config (optional)",
            "Cross-referenced competency ID numbers",
            "Exported ID (optional)",
            "Is framework",
            "Taxonomy",
        ]
    );
    let body = &rows[1..];
    assert!(body.iter().all(|r| r.len() == 14), "every row has 14 cells");
    let frameworks: Vec<_> = body.iter().filter(|r| r[12] == "1").collect();
    assert_eq!(frameworks.len(), 1);
    assert_eq!(body[0][12], "1", "the framework row comes first");
    let fw = frameworks[0];
    assert_eq!(fw[1], "EMHP");
    assert_eq!(fw[5], "Not yet competent,Competent");
    let config: Value = serde_json::from_str(&fw[6]).unwrap();
    assert!(config[0]["scaleid"].is_string());
    assert!(
        config.as_array().unwrap()[1..]
            .iter()
            .any(|c| c["proficient"] == 1)
    );
    assert!(
        config.as_array().unwrap()[1..]
            .iter()
            .any(|c| c["scaledefault"] == 1)
    );

    // The curriculum as the model has it.
    let (_, model, _) = common::run(&["parse", "curricula/emhp.ovl", "--format", "json"]);
    let model: Value = serde_json::from_str(&model).unwrap();
    let outcomes: Vec<&Value> = model["curricula"][0]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["outcomes"].as_array().unwrap())
        .collect();
    let tags: BTreeSet<&str> = outcomes
        .iter()
        .flat_map(|o| {
            o["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
        })
        .collect();
    let domains: BTreeSet<&str> = tags.iter().map(|t| t.split('.').next().unwrap()).collect();
    assert_eq!(body.len(), 1 + domains.len() + tags.len() + outcomes.len());

    let by_id: BTreeMap<&str, &Vec<String>> = body.iter().map(|r| (r[1].as_str(), r)).collect();
    assert_eq!(by_id.len(), body.len(), "ID numbers are unique");
    for o in &outcomes {
        let id = format!("EMHP:{}", o["id"].as_str().unwrap());
        let r = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("no row for {id}"));
        assert_eq!(r[3], o["text"].as_str().unwrap());
        let t: Vec<&str> = o["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(
            r[0],
            t.first().copied().unwrap_or(""),
            "an outcome sits under its first competency"
        );
        assert_eq!(r[10], t.get(1..).unwrap_or(&[]).join(","));
    }
    for t in &tags {
        assert_eq!(
            by_id[t][0],
            t.split('.').next().unwrap(),
            "a competency sits under its domain"
        );
    }
    for r in body {
        assert!(r[2].chars().count() <= 100, "short name too long: {}", r[2]);
        assert!(
            r[0].is_empty() || by_id.contains_key(r[0].as_str()),
            "parent {} is in the file",
            r[0]
        );
        for rel in r[10].split(',').filter(|x| !x.is_empty()) {
            assert!(
                by_id.contains_key(rel),
                "cross-reference {rel} is in the file"
            );
        }
    }
}

#[test]
fn export_takes_only_the_moodle_format() {
    let (code, out, err) = common::run(&["export", "emhp"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("--format moodle"), "{err}");
    let (code, _, _) = common::run(&["cwp", "emhp", "--format", "moodle"]);
    assert_eq!(code, 2);
    let (code, _, err) = common::run(&["export", "nosuch", "--format", "moodle"]);
    assert_eq!(code, 2, "{err}");
}
