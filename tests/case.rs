//! `export CURRICULUM --format case`: a 1EdTech CASE 1.1 package that carries the whole curriculum, and
//! `--curricula` reading a package back, from overlap or from a frameworks tool.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use overlap::model::{Curriculum, LoadSet};
use serde_json::Value;

fn export(id: &str) -> String {
    let (code, out, err) = common::run(&["export", id, "--format", "case"]);
    assert_eq!(code, 0, "{err}");
    out
}

/// The model a curriculum resolves to, less the file it was read from.
fn model(c: &Curriculum) -> Curriculum {
    Curriculum {
        file: String::new(),
        ..c.clone()
    }
}

#[test]
fn export_then_import_gives_the_same_curriculum() {
    let shipped = LoadSet::shipped().parse().unwrap().catalog;
    for c in &shipped.curricula {
        let dir = common::scratch(&format!("case-{}", c.id.to_lowercase()));
        std::fs::write(dir.join("package.json"), export(&c.id)).unwrap();
        let set = LoadSet {
            embedded: true,
            dirs: vec![dir.clone()],
            files: Vec::new(),
        };
        let back = set
            .parse()
            .unwrap_or_else(|e| panic!("{}", e.render(false)));
        let again = back.catalog.find(&c.id).unwrap();
        assert!(
            again.file.ends_with("(CASE package read as a spec)"),
            "{}",
            again.file
        );
        assert_eq!(
            model(again),
            model(c),
            "{} changed on the way through CASE",
            c.id
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_package_has_the_fields_case_requires_and_a_sound_tree() {
    let v: Value = serde_json::from_str(&export("cwp")).unwrap();
    let doc = &v["CFDocument"];
    for f in [
        "identifier",
        "uri",
        "creator",
        "title",
        "lastChangeDateTime",
    ] {
        assert!(doc[f].is_string(), "CFDocument.{f}");
    }
    let uuid = |s: &str| {
        s.len() == 36
            && s.split('-').map(str::len).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
    };
    let items = v["CFItems"].as_array().unwrap();
    let mut ids = BTreeSet::from([doc["identifier"].as_str().unwrap().to_string()]);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for it in items {
        for f in ["identifier", "uri", "fullStatement", "lastChangeDateTime"] {
            assert!(it[f].is_string(), "CFItem.{f}: {it}");
        }
        assert!(uuid(it["identifier"].as_str().unwrap()));
        assert!(
            ids.insert(it["identifier"].as_str().unwrap().to_string()),
            "duplicate {it}"
        );
        *kinds
            .entry(it["CFItemType"].as_str().unwrap().into())
            .or_default() += 1;
    }
    // CWP: six modules; CWP-1..3 are EMHP-1..3, listed with their outcomes for readers.
    assert_eq!(kinds["Module"], 6);
    let outcomes = LoadSet::shipped()
        .load()
        .unwrap()
        .catalog
        .find("cwp")
        .unwrap()
        .outcomes()
        .count();
    assert_eq!(kinds["Learning Outcome"], outcomes);
    let assocs = v["CFAssociations"].as_array().unwrap();
    assert_eq!(assocs.len(), items.len(), "one isChildOf per item");
    for a in assocs {
        assert_eq!(a["associationType"], "isChildOf");
        for f in ["identifier", "uri", "lastChangeDateTime"] {
            assert!(a[f].is_string(), "CFAssociation.{f}");
        }
        for end in ["originNodeURI", "destinationNodeURI"] {
            let id = a[end]["identifier"].as_str().unwrap();
            assert!(ids.contains(id), "{end} {id} is not in the package");
        }
    }
    // The same curriculum always gets the same identifiers.
    assert_eq!(export("cwp"), export("cwp"));
}

#[test]
fn a_package_from_a_frameworks_tool_becomes_a_curriculum() {
    let dir = common::scratch("case-foreign");
    let fixture = common::root().join("tests/fixtures/case/foreign.json");
    std::fs::copy(&fixture, dir.join("framework.json")).unwrap();
    // Other JSON in the folder is not a curriculum and is left alone.
    std::fs::write(dir.join("notes.json"), "{\"a\": 1}").unwrap();
    let set = LoadSet {
        embedded: true,
        dirs: vec![dir.clone()],
        files: Vec::new(),
    };
    let ws = set
        .parse()
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    let c = ws.catalog.find("MHSW").unwrap();
    assert_eq!(c.title, "Mental Health Support Worker");
    assert_eq!((c.credits, c.levels.clone()), (30, vec![5]));
    // Modules in sequence order, outcomes depth first in sequence order; ids from positions where the
    // package's coding scheme ("S 1") is not an id; the document's 30 credits shared out.
    let shape: Vec<(String, Option<u32>, Vec<String>)> = c
        .modules
        .iter()
        .map(|m| {
            (
                m.title.clone(),
                m.credits,
                m.outcomes.iter().map(|o| o.id.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "Working with people".into(),
                Some(15),
                vec!["MHSW-1.1".into()]
            ),
            (
                "Safety".into(),
                Some(15),
                vec!["MHSW-2.1".into(), "MHSW-2.2".into()]
            ),
        ]
    );
    let first = &c.modules[0].outcomes[0];
    assert_eq!(first.tags, vec!["assessment.patient-centred-interview"]);
    assert_eq!(
        first.provenance.as_ref().unwrap().url,
        "https://frameworks.example.org/uri/a2"
    );
    assert!(c.modules[1].outcomes[0].text.starts_with("Asks about risk"));
    // It compares like any curriculum.
    let (code, out, err) = common::run(&[
        "--curricula",
        dir.to_str().unwrap(),
        "topup",
        "mhsw",
        "pwp",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"verdict\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_package_is_a_located_error() {
    let dir = common::scratch("case-broken");
    std::fs::write(
        dir.join("framework.json"),
        "{\n  \"CFDocument\": {\n    \"title\": \"X\",\n  }\n}\n",
    )
    .unwrap();
    let (code, _, err) = common::run(&["--curricula", dir.to_str().unwrap(), "list"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("not valid JSON") && err.contains("framework.json:4:"),
        "{err}"
    );
    std::fs::write(
        dir.join("framework.json"),
        "{\"CFDocument\": {\"title\": \"X\"}}",
    )
    .unwrap();
    let (code, _, err) = common::run(&["--curricula", dir.to_str().unwrap(), "list"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("no CFDocument identifier"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_needs_one_of_its_formats() {
    let (code, out, err) = common::run(&["export", "emhp"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("--format case") && err.contains("--format moodle"),
        "{err}"
    );
    let (code, _, err) = common::run(&["list", "--format", "case"]);
    assert_eq!(code, 2, "{err}");
}

/// The comparison is a package of associations between the items of the two curricula's own packages.
#[test]
fn the_comparison_links_the_items_of_both_packages() {
    let (code, out, err) = common::run(&["cwp", "emhp", "--format", "case"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["CFItems"].as_array().unwrap().len(),
        0,
        "no structure of its own"
    );
    let mut items = BTreeSet::new();
    for id in ["cwp", "emhp"] {
        let p: Value = serde_json::from_str(&export(id)).unwrap();
        for it in p["CFItems"].as_array().unwrap() {
            items.insert(it["identifier"].as_str().unwrap().to_string());
        }
    }
    let assocs = v["CFAssociations"].as_array().unwrap();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for a in assocs {
        for end in ["originNodeURI", "destinationNodeURI"] {
            let id = a[end]["identifier"].as_str().unwrap();
            assert!(items.contains(id), "{end} {id} is in neither package: {a}");
        }
        *kinds
            .entry(a["associationType"].as_str().unwrap())
            .or_default() += 1;
    }
    // CWP-1..3 are EMHP-1..3: their outcomes match exactly, each one.
    let shared = LoadSet::shipped()
        .load()
        .unwrap()
        .catalog
        .find("cwp")
        .unwrap()
        .modules[..3]
        .iter()
        .map(|m| m.outcomes.len())
        .sum::<usize>();
    assert!(
        kinds["exactMatchOf"] >= shared,
        "{kinds:?} vs {shared} shared outcomes"
    );
    assert!(
        kinds
            .keys()
            .all(|k| ["exactMatchOf", "isRelatedTo"].contains(k)),
        "{kinds:?}"
    );
}
