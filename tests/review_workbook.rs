//! A mapping file opened in a spreadsheet and saved as a workbook (.xlsx), reviewed in a `decision` column,
//! decides exactly what the same decisions written as SSSOM rows decide.

mod common;

use serde_json::Value;

/// The SSSOM file `lines` (header row at `header`) with a `predicate_modifier` column: the rows `rejected`
/// picks become reviewers' rejections (manual curation, `Not`), the others stay proposals.
fn rejections(
    lines: &[&str],
    header: usize,
    justification: usize,
    rejected: impl Fn(&[&str]) -> bool,
) -> String {
    let mut out = String::new();
    for (k, l) in lines.iter().enumerate() {
        let row: Vec<&str> = l.split('\t').collect();
        let line = if k == header {
            format!("{l}\tpredicate_modifier")
        } else if k > header && rejected(&row) {
            let mut r: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            r[justification] = "semapv:ManualMappingCuration".into();
            format!("{}\tNot", r.join("\t"))
        } else if k > header {
            format!("{l}\t")
        } else {
            l.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn compare(mappings: Option<&str>) -> Value {
    let mut args = vec!["cwp", "emhp"];
    if let Some(m) = mappings {
        args.extend(["--mappings", m]);
    }
    common::json(&args)
}

#[test]
fn a_decision_column_in_a_workbook_is_a_review() {
    let (code, tsv, err) = common::run(&["cwp", "emhp", "--format", "sssom"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = tsv.lines().collect();
    let header = lines.iter().position(|l| !l.starts_with('#')).unwrap();
    let cols: Vec<&str> = lines[header].split('\t').collect();
    let at = |name: &str| cols.iter().position(|c| *c == name).unwrap();
    let (object, justification) = (at("object_id"), at("mapping_justification"));
    // The reviewer rejects every proposal that covers an outcome of EMHP-4 (working in schools).
    let rejected = |row: &[&str]| row[object].starts_with("EMHP:EMHP-4.");

    let dir = common::scratch("review-workbook");
    // The same decisions as SSSOM rows.
    let tsv_path = dir.join("review.sssom.tsv");
    std::fs::write(
        &tsv_path,
        rejections(&lines, header, justification, rejected),
    )
    .unwrap();

    // The proposals as a spreadsheet saves them, with a decision column after the others.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut n = 0;
    for (k, l) in lines.iter().enumerate() {
        let row: Vec<&str> = l.split('\t').collect();
        for (c, cell) in row.iter().enumerate() {
            if let Ok(x) = cell.parse::<f64>() {
                sheet.write_number(k as u32, c as u16, x).unwrap();
            } else {
                sheet.write_string(k as u32, c as u16, *cell).unwrap();
            }
        }
        if k == header {
            sheet
                .write_string(k as u32, cols.len() as u16, "Decision")
                .unwrap();
        } else if k > header && rejected(&row) {
            sheet
                .write_string(k as u32, cols.len() as u16, "reject")
                .unwrap();
            n += 1;
        }
    }
    let xlsx_path = dir.join("review.xlsx");
    book.save(&xlsx_path).unwrap();
    assert!(n > 0, "the premise: some proposals cover EMHP-4");

    let none = compare(None);
    let by_tsv = compare(Some(tsv_path.to_str().unwrap()));
    let by_book = compare(Some(xlsx_path.to_str().unwrap()));
    assert_eq!(
        by_book, by_tsv,
        "the workbook and the SSSOM file decide alike"
    );
    assert_ne!(by_book, none, "the decisions change the comparison");
    assert_eq!(by_book["gate_ab"]["reviewed"]["rejected"], n as u64);

    // The review sheet overlap writes: the same rows with an empty decision column, read back alike once the
    // reviewer has written the same decisions into it.
    let sheet_path = dir.join("to-review.xlsx");
    let (code, _, err) = common::run(&[
        "cwp",
        "emhp",
        "--review-sheet",
        sheet_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let rows =
        overlap::syntax::extract::sheet::first_sheet(&std::fs::read(&sheet_path).unwrap()).unwrap();
    let head = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "subject_id"))
        .unwrap();
    assert_eq!(rows[head].last().map(String::as_str), Some("decision"));
    assert_eq!(
        rows.len() - head - 1,
        lines.len() - header - 1,
        "one row per mapping"
    );
    let decision = rows[head].len() - 1;
    let object_col = rows[head].iter().position(|c| c == "object_id").unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut decided = 0;
    for (k, r) in rows.iter().enumerate() {
        // A row ends at its last filled cell: the empty decision cell is past it.
        for c in 0..r.len().max(decision + 1) {
            let rejects = k > head && c == decision && r[object_col].starts_with("EMHP:EMHP-4.");
            decided += usize::from(rejects);
            let text = if rejects {
                "reject"
            } else {
                r.get(c).map_or("", String::as_str)
            };
            sheet.write_string(k as u32, c as u16, text).unwrap();
        }
    }
    assert_eq!(decided, n);
    let reviewed_path = dir.join("reviewed.xlsx");
    book.save(&reviewed_path).unwrap();
    assert_eq!(
        compare(Some(reviewed_path.to_str().unwrap())),
        by_tsv,
        "the review sheet, decided, decides as the SSSOM rows do"
    );

    // A decision that is neither accept nor reject is refused, naming the row.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "subject_id",
        "predicate_id",
        "object_id",
        "mapping_justification",
        "decision",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "CWP:EMHP-1.1",
        "skos:exactMatch",
        "EMHP:EMHP-1.1",
        "semapv:LexicalMatching",
        "maybe",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let bad = dir.join("bad.xlsx");
    book.save(&bad).unwrap();
    let (code, _, err) = common::run(&["cwp", "emhp", "--mappings", bad.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("row 2") && err.contains("`maybe`"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The review sheet `path` with `reject` written in the decision column of the rows `rejects` picks (given
/// the header row and the row), saved to `to`; returns how many rows it decided.
fn decide(
    path: &std::path::Path,
    to: &std::path::Path,
    rejects: impl Fn(&[String], &[String]) -> bool,
) -> usize {
    let rows = overlap::syntax::extract::sheet::first_sheet(&std::fs::read(path).unwrap()).unwrap();
    let head = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "subject_id"))
        .unwrap();
    assert_eq!(rows[head].last().map(String::as_str), Some("decision"));
    let decision = rows[head].len() - 1;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut decided = 0;
    for (k, r) in rows.iter().enumerate() {
        let reject = k > head && rejects(&rows[head], r);
        decided += usize::from(reject);
        for c in 0..r.len().max(decision + 1) {
            let text = if reject && c == decision {
                "reject"
            } else {
                r.get(c).map_or("", String::as_str)
            };
            sheet.write_string(k as u32, c as u16, text).unwrap();
        }
    }
    book.save(to).unwrap();
    decided
}

#[test]
fn check_writes_a_review_sheet_whose_decisions_read_back_as_sssom_rows_do() {
    let file = "tests/fixtures/hei/exeter-pycm083.md";
    let check = |mappings: Option<&str>| {
        let mut args = vec!["check", file, "--against", "emhp"];
        if let Some(m) = mappings {
            args.extend(["--mappings", m]);
        }
        common::json(&args)
    };
    let none = check(None);
    // The premise: one of the file's outcomes is covered by a national outcome, its best.
    let taken = none["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["matched"] == true)
        .expect("an outcome of the file is matched");
    let (outcome, national) = (
        taken["id"].as_str().unwrap().to_string(),
        taken["best"].as_str().unwrap().to_string(),
    );
    let subject = format!("{}:{outcome}", none["module"].as_str().unwrap());
    let national_id = national.split_once(':').unwrap().1.to_string();
    let covers = |v: &Value| {
        let best = v["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == outcome.as_str() && o["best"] == national.as_str());
        let link = v["best"].as_array().unwrap().iter().any(|m| {
            m["outcomes"].as_array().unwrap().iter().any(|l| {
                l["national"] == national_id.as_str()
                    && l["by"] == outcome.as_str()
                    && l["covered"] == true
            })
        });
        best || link
    };
    assert!(
        covers(&none),
        "the premise: {outcome} is covered by {national}"
    );

    let dir = common::scratch("check-review-sheet");
    let sheet = dir.join("to-review.xlsx");
    let (code, sssom, err) = common::run(&[
        "check",
        file,
        "--against",
        "emhp",
        "--format",
        "sssom",
        "--review-sheet",
        common::s(&sheet),
    ]);
    assert_eq!(code, 0, "{err}");

    // The sheet holds the rows `--format sssom` prints, one per mapping.
    let lines: Vec<&str> = sssom.lines().collect();
    let header = lines.iter().position(|l| !l.starts_with('#')).unwrap();
    let cols: Vec<&str> = lines[header].split('\t').collect();
    let rows =
        overlap::syntax::extract::sheet::first_sheet(&std::fs::read(&sheet).unwrap()).unwrap();
    let head = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "subject_id"))
        .unwrap();
    assert_eq!(&rows[head][..cols.len()], &cols[..]);
    let ids = |r: &[&str]| (r[0].to_string(), r[2].to_string(), r[3].to_string());
    let in_sheet: Vec<_> = rows[head + 1..]
        .iter()
        .map(|r| ids(&r.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let in_tsv: Vec<_> = lines[header + 1..]
        .iter()
        .map(|l| ids(&l.split('\t').collect::<Vec<_>>()))
        .collect();
    assert_eq!(in_sheet, in_tsv, "the sheet holds the SSSOM rows");

    // The reviewer rejects the pair in the sheet ...
    let pick = |h: &[String], r: &[String]| {
        let at = |name: &str| h.iter().position(|c| c == name).unwrap();
        r[at("subject_id")] == subject && r[at("object_id")] == national
    };
    let reviewed = dir.join("reviewed.xlsx");
    assert_eq!(decide(&sheet, &reviewed, pick), 1, "one row holds the pair");
    let by_sheet = check(Some(common::s(&reviewed)));
    assert!(
        !covers(&by_sheet),
        "{outcome} is no longer covered by {national}"
    );

    // ... and the same rejection as SSSOM rows decides alike.
    let (subject_col, object_col, justification) = (
        cols.iter().position(|c| *c == "subject_id").unwrap(),
        cols.iter().position(|c| *c == "object_id").unwrap(),
        cols.iter()
            .position(|c| *c == "mapping_justification")
            .unwrap(),
    );
    let tsv = rejections(&lines, header, justification, |row| {
        row[subject_col] == subject && row[object_col] == national
    });
    let tsv_path = dir.join("review.sssom.tsv");
    std::fs::write(&tsv_path, tsv).unwrap();
    assert_eq!(
        by_sheet,
        check(Some(common::s(&tsv_path))),
        "the review sheet, decided, decides as the SSSOM rows do"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_refuses_a_review_sheet_over_a_non_regular_file() {
    let dir = common::scratch("check-review-sheet-fifo");
    let pipe = dir.join("pipe.xlsx");
    common::fifo(&pipe);
    let (code, _, err) = common::run(&[
        "check",
        "tests/fixtures/hei/exeter-pycm083.md",
        "--against",
        "emhp",
        "--review-sheet",
        common::s(&pipe),
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
