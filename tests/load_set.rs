//! One load set, one declaration per curriculum: a user's file may replace a shipped curriculum, but two of
//! the user's files declaring the same curriculum id (or two taxonomies) are an error naming both files,
//! never a silent choice of one.

mod common;
use common::{root, run, s, scratch};

fn copy(from: &str, to: &std::path::Path) {
    std::fs::copy(root().join(from), to).unwrap();
}

#[test]
fn two_files_with_one_curriculum_id_in_a_folder_name_both() {
    let d = scratch("dup-id");
    copy("curricula/emhp.ovl", &d.join("a.ovl"));
    // The same id in other case is the same curriculum on the command line.
    let text = std::fs::read_to_string(root().join("curricula/emhp.ovl"))
        .unwrap()
        .replace("curriculum EMHP ", "curriculum emhp ");
    std::fs::write(d.join("b.ovl"), text).unwrap();
    let (code, _, err) = run(&["list", "--curricula", s(&d)]);
    assert_eq!(code, 3, "{err}");
    let (a, b) = (d.join("a.ovl"), d.join("b.ovl"));
    assert!(
        err.contains(&format!(
            "curriculum `emhp` is declared in both {} and {}",
            s(&a),
            s(&b)
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{}:8:12", s(&b))), "{err}");
    assert!(
        err.contains(&format!("first declared at {}:8:12", s(&a))),
        "{err}"
    );
}

#[test]
fn two_files_given_on_the_command_line_are_checked_the_same_way() {
    let d = scratch("dup-args");
    copy("curricula/pwp.ovl", &d.join("one.ovl"));
    copy("curricula/pwp.ovl", &d.join("two.ovl"));
    let (code, _, err) = run(&["parse", s(&d.join("one.ovl")), s(&d.join("two.ovl"))]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("curriculum `PWP` is declared in both"),
        "{err}"
    );
}

#[test]
fn two_taxonomies_in_a_folder_name_both() {
    let d = scratch("dup-tax");
    copy("curricula/taxonomy.ovl", &d.join("t1.ovl"));
    copy("curricula/taxonomy.ovl", &d.join("t2.ovl"));
    let (code, _, err) = run(&["list", "--curricula", s(&d)]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!(
            "a taxonomy is declared in both {} and {}",
            s(&d.join("t1.ovl")),
            s(&d.join("t2.ovl"))
        )),
        "{err}"
    );
}

#[test]
fn one_file_still_replaces_the_shipped_curriculum() {
    let d = scratch("dup-one");
    let text = std::fs::read_to_string(root().join("curricula/emhp.ovl"))
        .unwrap()
        .replace(
            "\"Education Mental Health Practitioner\"\n",
            "\"EMHP (local edition)\"\n",
        );
    std::fs::write(d.join("emhp.ovl"), text).unwrap();
    copy("curricula/taxonomy.ovl", &d.join("taxonomy.ovl"));
    let (code, out, err) = run(&["list", "--curricula", s(&d), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("EMHP (local edition)"), "{out}");
    assert!(
        !out.contains("Education Mental Health Practitioner,"),
        "{out}"
    );
}
