//! `overlap pathways`: every ordered pair with the verdict and top-up credits of `overlap topup`, on the
//! hub fixture (worked by hand below) and on the shipped curricula.

mod common;

use common::{json, output as run};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/hub";

fn edges(v: &Value) -> Vec<(String, String, String, u64, bool)> {
    v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().to_string(),
                e["to"].as_str().unwrap().to_string(),
                e["verdict"].as_str().unwrap().to_string(),
                e["topup_credits"].as_u64().unwrap(),
                e["progression"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn e(
    from: &str,
    to: &str,
    verdict: &str,
    credits: u64,
    progression: bool,
) -> (String, String, String, u64, bool) {
    (from.into(), to.into(), verdict.into(), credits, progression)
}

// Critical domains in the fixture: HA-2.1 (outcome monitoring), Y1 = HB-2.1 and HC-1.2 (care model). A
// target whose only critical outcome the source lacks is ruled out (1 of 1 measured domains flagged).
// Top-up credits: per target module, credits × uncovered share, rounded up to a multiple of 5.
#[test]
fn the_fixture_edges_are_as_worked_by_hand() {
    let v = json(&[
        "pathways",
        "ha",
        "hb",
        "hc",
        "--curricula",
        FIXTURE,
        "--method",
        "lexical",
    ]);
    let nodes: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(nodes, ["HA", "HB", "HC"]);
    assert_eq!(
        edges(&v),
        [
            // HB-2 (20 credits) wholly uncovered, and it holds the care-model outcome.
            e("HA", "HB", "ruled-out", 20, false),
            // HA-2 (10) wholly uncovered, with the outcome-monitoring outcome.
            e("HB", "HA", "ruled-out", 10, false),
            // HC-1: Y1 uncovered, 20 × 1/2; HC-2: 20.
            e("HA", "HC", "ruled-out", 30, true),
            // HA-1: 30 × 2/3; HA-2: 10.
            e("HC", "HA", "ruled-out", 30, false),
            // HB covers HC's care-model outcome: only HC-2 (20) is left.
            e("HB", "HC", "top-up", 20, true),
            // HB-1: 30 × 2/3; HB-2: 20 × 1/2.
            e("HC", "HB", "top-up", 30, false),
        ]
    );
}

#[test]
fn every_edge_is_what_topup_says() {
    let v = json(&["pathways", "pwp", "cwp", "emhp"]);
    assert_eq!(v["edges"].as_array().unwrap().len(), 6);
    for edge in v["edges"].as_array().unwrap() {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        let t = json(&["topup", from, to]);
        assert_eq!(edge["verdict"], t["verdict"]["kind"], "{from} → {to}");
        assert_eq!(
            edge["topup_credits"], t["topup"]["credits"],
            "{from} → {to}"
        );
    }
    let verdict = |from: &str, to: &str| {
        edges(&v)
            .into_iter()
            .find(|x| x.0 == from && x.1 == to)
            .unwrap()
            .2
    };
    assert_eq!(verdict("PWP", "CWP"), "ruled-out");
    assert_eq!(verdict("CWP", "PWP"), "ruled-out");
    assert_eq!(verdict("CWP", "EMHP"), "top-up");
    assert_eq!(verdict("EMHP", "CWP"), "top-up");
}

#[test]
fn all_loaded_curricula_by_default_and_every_pair_listed() {
    let v = json(&["pathways"]);
    let n = v["nodes"].as_array().unwrap().len();
    assert!(n >= 4);
    assert_eq!(v["edges"].as_array().unwrap().len(), n * (n - 1));
}

#[test]
fn the_graph_exports_and_the_formats_are_refused_elsewhere() {
    let dot =
        String::from_utf8(run(&["pathways", "cwp", "emhp", "--format", "dot"]).stdout).unwrap();
    assert!(dot.starts_with("digraph pathways {"), "{dot}");
    assert!(
        dot.contains("\"CWP\" -> \"EMHP\" [label=\"top-up 50 credits\", style=solid];"),
        "{dot}"
    );
    let mermaid =
        String::from_utf8(run(&["pathways", "pwp", "cwp", "--format", "mermaid"]).stdout).unwrap();
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert!(mermaid.contains("n0 -.->|\"ruled out\"| n1"), "{mermaid}");
    for args in [
        &["cwp", "emhp", "--format", "dot"][..],
        &["hub", "cwp", "emhp", "--format", "mermaid"],
        &["list", "--format", "dot"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("means nothing to"), "{err}");
    }
    let out = run(&["pathways", "cwp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two curricula"));
}

#[test]
fn the_report_draws_the_pathway_graph_with_every_route() {
    let dir = std::env::temp_dir().join(format!("overlap-pathways-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run(&[
        "report",
        "pwp",
        "cwp",
        "emhp",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(html.contains(r#"<svg xmlns="http://www.w3.org/2000/svg" class="pathways""#));
    for (from, to, label) in [
        ("PWP", "CWP", "ruled out"),
        ("CWP", "PWP", "ruled out"),
        ("PWP", "EMHP", "ruled out"),
        ("EMHP", "PWP", "ruled out"),
        ("CWP", "EMHP", "top-up 50 credits"),
        ("EMHP", "CWP", "top-up 45 credits"),
    ] {
        let title = format!("<title>{from} → {to}: {label}</title>");
        assert!(html.contains(&title), "{title}");
    }
    // The hub of the three and each pair's distinction are in the report too.
    assert!(html.contains("a shared hub is not worth building"));
    assert!(
        dir.join("csv/cwp-emhp-distinguish-practitioners.csv")
            .exists()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn titles_cannot_break_the_graph_syntax() {
    let args = [
        "pathways",
        "xss",
        "emhp",
        "--curricula",
        "tests/fixtures/report-escape",
    ];
    let dot = String::from_utf8(run(&[&args[..], &["--format", "dot"]].concat()).stdout).unwrap();
    assert!(dot.contains(r#"alert(\"x&y\")"#), "{dot}");
    assert!(!dot.contains(r#"alert("x"#), "{dot}");
    let mermaid =
        String::from_utf8(run(&[&args[..], &["--format", "mermaid"]].concat()).stdout).unwrap();
    assert!(
        mermaid.contains("#lt;script#gt;alert(#quot;x&y#quot;)"),
        "{mermaid}"
    );
    assert!(!mermaid.contains("<script"), "{mermaid}");
}
