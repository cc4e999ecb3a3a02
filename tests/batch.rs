//! `check --batch` embeds every file's texts in one pass before checking them one by one: the answers must be
//! exactly those of checking each file alone.

mod common;

use common::{root, run, s};

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_batch_gives_each_file_the_answer_it_gets_alone() {
    let dir = root().join("tests/fixtures/hei");
    let batch = json(&[
        "check",
        "--batch",
        s(&dir),
        "--against",
        "cwp,emhp,pwp",
        "--format",
        "json",
    ]);
    let results = batch["results"].as_array().unwrap();
    assert!(results.len() >= 29, "{}", results.len());
    // A spread of files: the first, one from the middle and the last.
    for k in [0, results.len() / 2, results.len() - 1] {
        let r = &results[k];
        let file = r["file"].as_str().unwrap();
        let alone = json(&[
            "check",
            file,
            "--against",
            "cwp,emhp,pwp",
            "--format",
            "json",
        ]);
        let top3: Vec<&serde_json::Value> = alone["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .collect();
        assert_eq!(
            r["ranking"].as_array().unwrap().iter().collect::<Vec<_>>(),
            top3,
            "{file}"
        );
        assert_eq!(r["fit"], alone["fit"], "{file}");
    }
}
