//! A deterministic mutation test: seeded byte and line mutations of every shipped spec and every descriptor
//! fixture, through parse → format → build → analysis → rendering, and descriptor reading → check. Each input
//! must end in `Ok` or `Err`, never a panic; so must mutated CASE packages and reviewed mapping workbooks.
//! The counts of inputs that reach each stage are asserted, so the
//! test fails if mutations stop reaching the analysis. `cargo run --release --example mutate` runs a million.

use std::path::PathBuf;

use overlap::model::LoadSet;
use overlap::model::load::EMBEDDED;

#[path = "common/mutate.rs"]
mod mutate;

use mutate::{Reached, Rng, desc, mutate, spec};

/// Every input is parsed and built; every `ANALYSE_EVERY`-th one that builds also goes through the analysis
/// (fitting the text model per input is what takes the time).
const ANALYSE_EVERY: usize = 8;

#[test]
fn mutated_specs_never_panic_and_reach_the_analysis() {
    const PER_FILE: usize = 300;
    let mut rng = Rng(0x5eed_0f5e_ed0f_0001);
    let (mut total, mut built, mut analysed) = (0, 0, 0);
    for (name, text) in EMBEDDED {
        for _ in 0..PER_FILE {
            let bytes = mutate(&mut rng, text.as_bytes().to_vec());
            total += 1;
            match spec(name, bytes, built % ANALYSE_EVERY == 0) {
                Reached::Error => {}
                Reached::Model => built += 1,
                Reached::Analysis => {
                    built += 1;
                    analysed += 1;
                }
            }
        }
    }
    assert_eq!(total, PER_FILE * EMBEDDED.len());
    // Most mutations break the spec; a good share must still build, and some of those reach the analysis.
    assert!(
        built * 10 >= total,
        "only {built} of {total} mutated specs built"
    );
    assert!(
        analysed * ANALYSE_EVERY * 2 >= built,
        "{analysed} of {built} built specs were analysed"
    );
}

#[test]
fn mutated_descriptors_never_panic_and_reach_the_check() {
    const PER_FILE: usize = 100;
    let catalog = LoadSet::shipped().load().unwrap().catalog;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hei");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    let mut rng = Rng(0xdec0_de5c_0ffe_e001);
    let (mut total, mut read, mut checked) = (0, 0, 0);
    for f in &files {
        let text = std::fs::read(f).unwrap();
        for _ in 0..PER_FILE {
            total += 1;
            match desc(
                &catalog,
                mutate(&mut rng, text.clone()),
                read % (2 * ANALYSE_EVERY) == 0,
            ) {
                Reached::Error => {}
                Reached::Model => read += 1,
                Reached::Analysis => {
                    read += 1;
                    checked += 1;
                }
            }
        }
    }
    assert!(total >= 25 * PER_FILE, "{total}");
    assert!(
        read * 2 >= total,
        "only {read} of {total} mutated descriptors were read"
    );
    assert!(
        checked * 4 * ANALYSE_EVERY >= read,
        "{checked} of {read} read descriptors were checked"
    );
}

#[test]
fn mutated_case_packages_and_workbooks_never_panic() {
    const PER_INPUT: usize = 150;
    let catalog = LoadSet::shipped().load().unwrap().catalog;
    let mut rng = Rng(0xca5e_0ff0_0d00_0001);
    let (mut total, mut built) = (0, 0);
    for c in &catalog.curricula {
        let package = serde_json::to_string_pretty(&overlap::report::case::package(c)).unwrap();
        for _ in 0..PER_INPUT {
            total += 1;
            if mutate::case(mutate(&mut rng, package.clone().into_bytes())) == Reached::Model {
                built += 1;
            }
        }
    }
    // Most byte mutations break the JSON; line mutations of a pretty-printed package often keep it whole.
    assert!(
        built * 20 >= total,
        "only {built} of {total} mutated packages built"
    );
    // A workbook: the proposals of one comparison with a decision column, saved as .xlsx, then mutated.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        [
            "subject_id",
            "predicate_id",
            "object_id",
            "mapping_justification",
            "decision",
        ],
        [
            "CWP:EMHP-1.1",
            "skos:exactMatch",
            "EMHP:EMHP-1.1",
            "semapv:LexicalMatching",
            "reject",
        ],
        [
            "CWP:CWP-4.1",
            "skos:closeMatch",
            "EMHP:EMHP-4.1",
            "semapv:LexicalMatching",
            "accept",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    assert_eq!(
        mutate::workbook(&bytes),
        Reached::Model,
        "the unmutated workbook reads"
    );
    for _ in 0..2000 {
        let _ = mutate::workbook(&mutate(&mut rng, bytes.clone()));
    }
}
