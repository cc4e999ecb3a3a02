//! Outcomes written from a module's aims (`derived from aims` in the spec) are marked † wherever tables list
//! them, and the note under the table says what † means; outcomes taken from published lists never are.

mod common;

#[test]
fn topup_and_gate_tables_mark_outcomes_derived_from_aims_and_only_those() {
    let v = common::json(&["topup", "cwp", "emhp"]);
    let outcomes: Vec<&serde_json::Value> = v["topup"]["modules"]
        .as_array()
        .expect("top-up modules in the JSON")
        .iter()
        .flat_map(|m| m["outcomes"].as_array().unwrap())
        .collect();
    let derived: Vec<&str> = outcomes
        .iter()
        .filter(|o| o["derived_from_aims"] == true)
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    let published: Vec<&str> = outcomes
        .iter()
        .filter(|o| o["derived_from_aims"] == false)
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    assert!(!derived.is_empty() && !published.is_empty(), "{derived:?}");

    let out = common::output(&["topup", "cwp", "emhp", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for id in &derived {
        assert!(md.contains(&format!("{id}†")), "{id} not marked:\n{md}");
    }
    for id in &published {
        assert!(!md.contains(&format!("{id}†")), "{id} marked:\n{md}");
    }
    assert!(md.contains("† derived from aims"), "{md}");
}

#[test]
fn check_marks_national_outcomes_derived_from_aims() {
    let file = "tests/fixtures/hei/exeter-pycm083.md";
    let v = common::json(&["check", file, "--against", "emhp"]);
    let links = v["best"][0]["outcomes"].as_array().unwrap();
    let derived: Vec<&str> = links
        .iter()
        .filter(|l| l["derived_from_aims"] == true)
        .map(|l| l["national"].as_str().unwrap())
        .collect();
    assert!(
        !derived.is_empty(),
        "the premise: EMHP-5 has outcomes derived from aims"
    );
    let out = common::output(&["check", file, "--against", "emhp", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    for id in &derived {
        assert!(md.contains(&format!("| {id}† |")), "{id} not marked:\n{md}");
    }
    assert!(md.contains("† derived from aims"), "{md}");
}

/// The ids `list` names (JSON strings), and each with its † in `text` when `derived`, without it otherwise.
fn assert_marked(text: &str, derived: &[String], published: &[String], what: &str) {
    let marked = |id: &str| {
        // An id followed by † (and not a longer id that starts with it).
        text.contains(&format!("{id}†"))
    };
    let plain = |id: &str| {
        text.match_indices(id).any(|(k, _)| {
            let next = text[k + id.len()..].chars().next();
            !next.is_some_and(|c| c == '†' || c.is_ascii_alphanumeric() || c == '.')
        })
    };
    for id in derived {
        assert!(marked(id), "{what}: {id} not marked:\n{text}");
    }
    for id in published {
        assert!(
            !marked(id) && plain(id),
            "{what}: {id} marked or missing:\n{text}"
        );
    }
    assert!(
        text.contains("† derived from aims"),
        "{what}: no note:\n{text}"
    );
}

/// The outcome ids of the JSON `outcomes` lists under `v`, split into those derived from aims and the rest.
fn split(outcomes: &[&serde_json::Value], key: &str) -> (Vec<String>, Vec<String>) {
    let (mut derived, mut published) = (Vec::new(), Vec::new());
    for o in outcomes {
        let id = o[key].as_str().unwrap().to_string();
        if o["derived_from_aims"] == true {
            derived.push(id);
        } else {
            published.push(id);
        }
    }
    derived.sort();
    derived.dedup();
    published.sort();
    published.dedup();
    (derived, published)
}

#[test]
fn hub_outcome_lists_mark_outcomes_derived_from_aims_in_every_format() {
    let v = common::json(&["hub", "pwp", "cwp", "emhp"]);
    let mut outcomes: Vec<&serde_json::Value> = Vec::new();
    for s in std::iter::once(&v["core"]).chain(v["subsets"].as_array().unwrap()) {
        outcomes.extend(s["outcomes"].as_array().unwrap());
    }
    for s in v["spokes"].as_array().unwrap() {
        outcomes.extend(s["outcomes"].as_array().unwrap());
    }
    let (derived, published) = split(&outcomes, "outcome");
    assert!(
        !derived.is_empty() && !published.is_empty(),
        "the premise: the hub lists outcomes of both kinds: {derived:?}"
    );
    marked_in_table_and_markdown(&["hub", "pwp", "cwp", "emhp"], &derived, &published);
}

/// `args` marks `derived` and only those, in the terminal table and in Markdown.
fn marked_in_table_and_markdown(args: &[&str], derived: &[String], published: &[String]) {
    for format in ["table", "markdown"] {
        let mut a = args.to_vec();
        a.extend(["--format", format]);
        let out = common::output(&a);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert_marked(
            &text,
            derived,
            published,
            &format!("{} --format {format}", args.join(" ")),
        );
    }
}

#[test]
fn distinguish_outcome_lists_mark_outcomes_derived_from_aims_in_every_format() {
    let v = common::json(&["distinguish", "cwp", "emhp"]);
    let (mut derived, mut published) = (Vec::new(), Vec::new());
    for r in [&v["a"], &v["b"]] {
        for d in r["competencies"].as_array().unwrap() {
            let from_aims: Vec<&str> = d["outcomes_from_aims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap())
                .collect();
            for o in d["outcomes"].as_array().unwrap() {
                let o = o.as_str().unwrap().to_string();
                if from_aims.contains(&o.as_str()) {
                    derived.push(o);
                } else {
                    published.push(o);
                }
            }
        }
    }
    for l in [&mut derived, &mut published] {
        l.sort();
        l.dedup();
    }
    assert!(
        !derived.is_empty() && !published.is_empty(),
        "the premise: both kinds distinguish CWP and EMHP: {derived:?}"
    );
    marked_in_table_and_markdown(&["distinguish", "cwp", "emhp"], &derived, &published);
}

#[test]
fn the_report_marks_hub_and_distinction_outcomes_derived_from_aims() {
    let dir = common::scratch("aims-report");
    let out = dir.join("o");
    let (code, _, err) = common::run(&["report", "cwp", "emhp", "--out", common::s(&out)]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let v = common::json(&["distinguish", "cwp", "emhp"]);
    let derived: Vec<String> = [&v["a"], &v["b"]]
        .iter()
        .flat_map(|r| r["competencies"].as_array().unwrap())
        .flat_map(|d| d["outcomes_from_aims"].as_array().unwrap())
        .map(|o| o.as_str().unwrap().to_string())
        .collect();
    assert!(!derived.is_empty(), "the premise");
    for table in ["hub-outcomes", "cwp-emhp-distinguish-practitioners"] {
        let start = html
            .find(&format!("<table id=\"{table}\">"))
            .unwrap_or_else(|| panic!("no {table}"));
        let end = start + html[start..].find("</p>").unwrap();
        let part = &html[start..end];
        assert!(part.contains("† derived from aims"), "{table}: {part}");
        if table.contains("distinguish") {
            for id in &derived {
                assert!(
                    part.contains(&format!(">{id}</a>†")),
                    "{table}: {id} not marked: {part}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
