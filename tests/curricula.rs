//! The shipped curricula: structure asserted from the data, through the library and the CLI.

use assert_cmd::Command;
use overlap::model::{Catalog, LoadSet};

fn catalog() -> Catalog {
    LoadSet::shipped()
        .load()
        .expect("shipped curricula load")
        .catalog
}

fn shape(cat: &Catalog, id: &str) -> (usize, Vec<u32>, u32) {
    let c = cat.find(id).unwrap();
    (
        c.modules.len(),
        c.modules.iter().map(|m| m.credits.unwrap()).collect(),
        c.credits,
    )
}

#[test]
fn module_structure_matches_the_programmes() {
    let cat = catalog();
    assert_eq!(shape(&cat, "pwp"), (3, vec![20; 3], 60));
    assert_eq!(shape(&cat, "cwp-2017"), (3, vec![20; 3], 60));
    assert_eq!(shape(&cat, "cwp"), (6, vec![20; 6], 120));
    assert_eq!(shape(&cat, "emhp"), (6, vec![20; 6], 120));
}

#[test]
fn shared_modules_are_linked_with_identical_outcomes() {
    let cat = catalog();
    let (cwp, emhp, old) = (
        cat.find("cwp").unwrap(),
        cat.find("emhp").unwrap(),
        cat.find("cwp-2017").unwrap(),
    );
    for k in 0..3 {
        assert_eq!(
            cwp.modules[k].same_as.as_deref(),
            Some(emhp.modules[k].id.as_str())
        );
        assert_eq!(
            old.modules[k].same_as.as_deref(),
            Some(emhp.modules[k].id.as_str())
        );
        assert_eq!(cwp.modules[k].outcomes, emhp.modules[k].outcomes);
        assert_eq!(old.modules[k].outcomes, emhp.modules[k].outcomes);
        assert!(!emhp.modules[k].outcomes.is_empty());
    }
    for k in 3..6 {
        assert!(cwp.modules[k].same_as.is_none() && emhp.modules[k].same_as.is_none());
    }
}

#[test]
fn every_outcome_is_tagged_resolvable_and_sourced() {
    let cat = catalog();
    for c in &cat.curricula {
        for m in &c.modules {
            assert!(
                m.outcomes.len() >= 6,
                "{} has {} outcomes",
                m.id,
                m.outcomes.len()
            );
            for o in &m.outcomes {
                assert!(!o.tags.is_empty(), "{} has no tag", o.id);
                for t in &o.tags {
                    assert!(
                        cat.taxonomy.competency(t).is_some(),
                        "{} tag {t} unresolved",
                        o.id
                    );
                }
                let url = &o.provenance.as_ref().expect("source").url;
                assert!(url.starts_with("http"), "{} url {url}", o.id);
            }
        }
    }
}

#[test]
fn taxonomy_marks_five_critical_domains() {
    let cat = catalog();
    let critical: Vec<&str> = cat
        .taxonomy
        .domains
        .iter()
        .filter(|d| d.critical)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(
        critical,
        [
            "assessment",
            "engagement",
            "outcome-monitoring",
            "safeguarding",
            "care-model"
        ]
    );
}

#[test]
fn aliases_match_ignoring_case() {
    let cat = catalog();
    for (alias, id) in [
        ("WP-CYP", "CWP"),
        ("cyp pwp", "CWP"),
        ("CYP Wellbeing Practitioner", "CWP"),
        ("education mental health worker", "EMHP"),
        ("Psychological Wellbeing Practitioner", "PWP"),
    ] {
        assert_eq!(cat.find(alias).unwrap().id, id);
    }
    let e = cat.find("emph").unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("EMHP"));
}

#[test]
fn shipped_files_are_canonical() {
    let files: Vec<_> = std::fs::read_dir("curricula")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    Command::cargo_bin("overlap")
        .unwrap()
        .arg("fmt")
        .arg("--check")
        .args(&files)
        .assert()
        .success();
}

#[test]
fn list_shows_every_curriculum() {
    let out = Command::cargo_bin("overlap")
        .unwrap()
        .args(["list", "--format", "csv"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for id in ["PWP", "CWP", "CWP-2017", "EMHP", "WP-CYP"] {
        assert!(s.contains(id), "{id} missing from list");
    }
}

#[test]
fn user_folder_overrides_a_shipped_curriculum() {
    let dir = std::env::temp_dir().join(format!("overlap-override-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pwp = std::fs::read_to_string("curricula/pwp.ovl").unwrap();
    std::fs::write(
        dir.join("pwp.ovl"),
        pwp.replace(
            "\"Psychological Wellbeing Practitioner\"\n",
            "\"Adult Practitioner (local)\"\n",
        ),
    )
    .unwrap();
    let out = Command::cargo_bin("overlap")
        .unwrap()
        .args(["list", "--format", "csv", "--curricula"])
        .arg(&dir)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.contains("Adult Practitioner (local)"));
    std::fs::remove_dir_all(&dir).ok();
}
