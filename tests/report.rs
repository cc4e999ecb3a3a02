//! `overlap report`: the committed `output/` is current, output is byte-identical run to run (the XLSX
//! included), the folder is replaced atomically, spec text is escaped in HTML, and every table is present
//! in every format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use overlap::report::files::{Entry, write_folder};
use overlap::report::xlsx::sheet_name;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("overlap-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn report(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("overlap")
        .unwrap()
        .current_dir(root())
        .arg("report")
        .args(extra)
        .arg("--out")
        .arg(out)
        .assert()
}

/// Relative path → bytes of every file under `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut m = BTreeMap::new();
    walk(dir, dir, &mut m);
    m
}

fn assert_same(expected: &Path, actual: &Path, hint: &str) {
    let (e, a) = (files(expected), files(actual));
    let (ek, ak): (Vec<_>, Vec<_>) = (e.keys().collect(), a.keys().collect());
    assert_eq!(ek, ak, "file lists differ; {hint}");
    for (k, v) in &e {
        assert!(v == &a[k], "{k} differs; {hint}");
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect()
}

#[test]
fn committed_output_is_current() {
    let tmp = scratch("current");
    let out = tmp.join("output");
    report(&out, &[]).success();
    assert_same(
        &root().join("output"),
        &out,
        "output/ is out of date: run `cargo run --release -- report` and commit output/",
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn rerun_is_byte_identical_including_xlsx() {
    let tmp = scratch("rerun");
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    report(&a, &["pwp", "cwp", "emhp"]).success();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    report(&b, &["pwp", "cwp", "emhp"]).success();
    assert_same(&a, &b, "two runs of the same report differ");
    // Writing over an existing report replaces it (a stray file goes) and leaves no temporary folders.
    std::fs::write(a.join("stray.txt"), "old").unwrap();
    report(&a, &["pwp", "cwp", "emhp"]).success();
    assert_same(&b, &a, "re-running over an old folder must replace it");
    assert!(leftovers(&tmp).is_empty(), "{:?}", leftovers(&tmp));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn stamp_adds_the_generation_time() {
    let tmp = scratch("stamp");
    report(&tmp.join("o"), &["cwp", "emhp", "--stamp"]).success();
    let html = std::fs::read_to_string(tmp.join("o/index.html")).unwrap();
    assert!(html.contains("Generated ") && html.contains(" UTC."));
    let md = std::fs::read_to_string(tmp.join("o/report.md")).unwrap();
    assert!(md.contains("Generated "));
    let _ = std::fs::remove_dir_all(&tmp);
}

fn sentinel_folder(tmp: &Path) -> PathBuf {
    let out = tmp.join("out");
    std::fs::create_dir_all(out.join("csv")).unwrap();
    std::fs::write(out.join("index.html"), "old report").unwrap();
    std::fs::write(out.join("csv/x.csv"), "a,b\n").unwrap();
    out
}

fn assert_sentinel(out: &Path) {
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "old report"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("csv/x.csv")).unwrap(),
        "a,b\n"
    );
    assert_eq!(files(out).len(), 2);
}

#[test]
fn a_failed_write_leaves_the_old_folder_intact() {
    let tmp = scratch("atomic");
    let out = sentinel_folder(&tmp);
    // A write that fails half way: the second file needs `a` to be a folder, but it is a file.
    let entries = [
        Entry::new("index.html", "new"),
        Entry::new("a", "file"),
        Entry::new("a/b.csv", "x"),
    ];
    assert!(write_folder(&out, &entries).is_err());
    assert_sentinel(&out);
    assert!(leftovers(&tmp).is_empty(), "{:?}", leftovers(&tmp));
    // Paths that escape the folder are refused.
    assert!(write_folder(&out, &[Entry::new("../escape.txt", "x")]).is_err());
    assert!(!tmp.join("escape.txt").exists());
    assert_sentinel(&out);
    // A target that is a file, not a folder, is left alone.
    let file = tmp.join("plain.txt");
    std::fs::write(&file, "keep").unwrap();
    report(&file, &["cwp", "emhp"]).failure().code(3);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    assert!(leftovers(&tmp).is_empty(), "{:?}", leftovers(&tmp));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[cfg(unix)]
#[test]
fn an_unwritable_target_leaves_the_old_folder_intact() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = scratch("unwritable");
    let parent = tmp.join("locked");
    std::fs::create_dir_all(&parent).unwrap();
    let out = sentinel_folder(&parent);
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Privileged users (root in CI containers) ignore permissions; the case is then covered by
    // `a_failed_write_leaves_the_old_folder_intact`.
    let privileged = std::fs::write(parent.join("probe"), "x").is_ok();
    if !privileged {
        report(&out, &["cwp", "emhp"]).failure().code(3);
        assert_sentinel(&out);
        assert!(leftovers(&parent).is_empty(), "{:?}", leftovers(&parent));
    }
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn spec_text_is_escaped_in_html() {
    let tmp = scratch("escape");
    let out = tmp.join("o");
    let fixture = root().join("tests/fixtures/report-escape");
    report(
        &out,
        &["xss", "emhp", "--curricula", fixture.to_str().unwrap()],
    )
    .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    for raw in ["<script", "<img", "<b>", "<i>", "onerror=alert(1)>"] {
        assert!(!html.contains(raw), "unescaped `{raw}` in index.html");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; Practitioner"));
    assert!(html.contains("young person&#39;s &#39;family&#39; &amp; school &lt;script&gt;"));
    assert!(
        html.contains(r#"href="https://example.org/outcome?x=&quot;1&quot;&amp;y=&#39;2&#39;""#)
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn every_table_is_in_every_format() {
    let tmp = scratch("tables");
    let out = tmp.join("o");
    report(&out, &[]).success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let readme = std::fs::read_to_string(out.join("csv/README.md")).unwrap();
    let names: Vec<String> = files(&out.join("csv"))
        .keys()
        .filter_map(|k| k.strip_suffix(".csv").map(str::to_string))
        .collect();
    // 6 overview tables (the verdict matrix first), the pathways, 3 of the hub, 2 of the extensions, 14 + 3
    // tables per pair (in brief, 13 of evidence, 3 of distinction; 15 pairs of the 6 shipped curricula), 3 of
    // sources and parameters, 6 of outcomes.
    assert_eq!(names.len(), 6 + 1 + 3 + 2 + 17 * 15 + 3 + 6, "{names:?}");
    for n in &names {
        assert!(
            html.contains(&format!("<table id=\"{n}\">")),
            "{n} missing in HTML"
        );
        assert!(
            readme.contains(&format!("`{n}.csv`")),
            "{n} missing in csv/README.md"
        );
        let csv = std::fs::read_to_string(out.join(format!("csv/{n}.csv"))).unwrap();
        let header = csv.lines().next().unwrap();
        assert!(md.contains(&format!("| {} |", header.split(',').next().unwrap())));
    }
    for must in [
        "verdicts",
        "curricula-coverage",
        "cwp-emhp-modules",
        "cwp-emhp-module-jaccard",
        "cwp-emhp-domains",
        "gate-cwp-emhp",
        "gate-emhp-cwp",
        "sensitivity-pwp-cwp",
        "topup-cwp-emhp",
        "cwp-emhp-only-emhp",
        "provenance",
        "parameters",
    ] {
        assert!(names.iter().any(|n| n == must), "{must} missing");
    }
    // Markdown has one heading per table plus the method parts.
    assert_eq!(
        md.matches("\n### ").count(),
        names.len() + html.matches("<h3>").count()
    );
    // Heatmaps: three curriculum matrices and two per pair, each with a legend and printed values; and the
    // pathway graph.
    assert_eq!(html.matches("<svg ").count(), 3 + 2 * 15 + 1);
    assert!(html.contains("0–1 scale"));
    assert!(html.contains("Method and sources") && html.contains("sublinear"));
    assert!(!html.contains("<script") && !html.contains("http-equiv"));
    let xlsx = std::fs::read(out.join("overlap.xlsx")).unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn sheet_names_are_valid_and_unique() {
    let mut taken = Default::default();
    let long = "a-very-long-table-name-that-goes-past-thirty-one";
    let names: Vec<String> = [
        long,
        long,
        "A-VERY-LONG-TABLE-NAME-THAT-GOES",
        "x[1]:y*?/\\",
        "'q'",
    ]
    .iter()
    .map(|n| sheet_name(n, &mut taken))
    .collect();
    let lower: std::collections::HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), names.len(), "{names:?}");
    for n in &names {
        assert!(!n.is_empty() && n.chars().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
    }
}

/// `--out` never empties a folder overlap did not write: a folder holding a user's own files is refused and
/// left exactly as it was.
#[test]
fn a_folder_overlap_did_not_write_is_refused() {
    let tmp = scratch("foreign");
    let out = tmp.join("work");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("thesis.docx"), "mine").unwrap();
    std::fs::write(out.join("src/main.rs"), "fn main() {}").unwrap();
    report(&out, &["cwp", "emhp"])
        .failure()
        .code(3)
        .stderr(predicates::str::contains("did not write"));
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.docx")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/main.rs")).unwrap(),
        "fn main() {}"
    );
    assert_eq!(files(&out).len(), 2);
    assert!(leftovers(&tmp).is_empty(), "{:?}", leftovers(&tmp));
    // An empty folder is fine, and the report it gets is marked as overlap's, so the next run may replace it.
    let empty = tmp.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    report(&empty, &["cwp", "emhp"]).success();
    assert!(empty.join(overlap::report::files::MARKER).is_file());
    report(&empty, &["cwp", "emhp"]).success();
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_page_leads_with_the_verdict_matrix_and_every_pair_has_its_contents() {
    let tmp = scratch("lead");
    let out = tmp.join("o");
    report(&out, &[]).success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let first = html.find("<table id=").unwrap();
    assert!(html[first..].starts_with("<table id=\"verdict-matrix\">"));
    // Every ordered pair has a cell: the held role's row, the target role's column.
    let matrix = &html[first..first + html[first..].find("</table>").unwrap()];
    assert_eq!(matrix.matches("<tr>").count(), 1 + 6, "{matrix}");
    assert!(
        matrix.contains(r#"<td class="v-top-up">top-up: "#),
        "{matrix}"
    );
    assert!(
        matrix.contains(r#"<td class="v-ruled-out">ruled-out</td>"#),
        "{matrix}"
    );
    // Each pair section lists its own tables, each link landing on an element of the page.
    for sec in html.split("<section id=\"pair-").skip(1) {
        let toc = sec.split("<nav class=\"toc\">").nth(1).unwrap();
        let toc = &toc[..toc.find("</nav>").unwrap()];
        for anchor in toc.split("href=\"#").skip(1) {
            let id = &anchor[..anchor.find('"').unwrap()];
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} has no target");
        }
    }
    assert!(html.contains("@page{size:A4"));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn every_outcome_id_link_lands_on_its_outcome_and_every_outcome_is_listed_once() {
    let tmp = scratch("links");
    let out = tmp.join("o");
    report(&out, &[]).success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let ids = |prefix: &str| -> Vec<String> {
        html.split(prefix)
            .skip(1)
            .map(|r| r[..r.find('"').unwrap()].to_string())
            .collect()
    };
    let anchors = ids("<tr id=\"o-");
    let unique: std::collections::BTreeSet<&String> = anchors.iter().collect();
    assert_eq!(unique.len(), anchors.len(), "an outcome listed twice");
    let links = ids("href=\"#o-");
    assert!(links.len() > 1000, "{}", links.len());
    for l in &links {
        assert!(unique.contains(l), "#o-{l} has no row");
    }
    // Gate evidence links its ids: EMHP-4.7 is among what CWP leaves uncovered of EMHP.
    assert!(html.contains(r##"<a href="#o-EMHP-4.7">EMHP-4.7</a>"##));
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The text of `html` without its tags, cells and paragraphs separated by ` | `.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push_str(" | ");
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_report_shows_each_roles_extension_as_exploratory_never_as_a_shortened_route() {
    let tmp = scratch("extend");
    let out = tmp.join("o");
    report(&out, &[]).success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html[html.find("<table id=").unwrap()..].starts_with("<table id=\"verdict-matrix\">"),
        "the verdict matrix stays the first table"
    );
    let section = html
        .split("<section id=\"extend\">")
        .nth(1)
        .expect("an extension section");
    let section = &section[..section.find("</section>").unwrap()];
    let text = text_of(section);
    assert!(text.contains("(exploratory)"), "{text}");
    assert!(text.contains("Exploratory: additional modules"), "{text}");

    // CWP to adults: the rows are what `overlap extend cwp --population adults` computes.
    let x = {
        let o = Command::cargo_bin("overlap")
            .unwrap()
            .current_dir(root())
            .args([
                "extend",
                "cwp",
                "--population",
                "adults",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(o.status.success());
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let targets = x["targets"].as_array().unwrap();
    assert!(!targets.is_empty());
    let rows: Vec<Vec<String>> = section
        .split("<tr>")
        .skip(1)
        .map(|r| {
            r.split("<td")
                .skip(1)
                .map(|c| {
                    text_of(&c[c.find('>').unwrap() + 1..])
                        .replace(" | ", "")
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect();
    for t in targets {
        let id = t["curriculum"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| {
                r.len() == 8
                    && r[0] == "CWP"
                    && r[1] == "Adults aged 18 and over"
                    && r[2].starts_with(&format!("{id} ("))
            })
            .unwrap_or_else(|| panic!("no row for CWP to adults covering {id}: {rows:?}"));
        assert_eq!(
            row[5].parse::<u64>().ok(),
            t["additions"]["credits"].as_u64(),
            "{row:?}"
        );
        assert_eq!(row[7], "shortened training ruled out", "{row:?}");
        for m in t["additions"]["modules"].as_array().unwrap() {
            let module = m["id"].as_str().unwrap();
            assert!(
                rows.iter().any(|r| r.len() == 9
                    && r[0] == "CWP"
                    && r[1] == "Adults aged 18 and over"
                    && r[2] == id
                    && r[3] == module
                    && r[5].parse::<u64>().ok() == m["credits"].as_u64()),
                "no module row {module} for CWP to adults: {rows:?}"
            );
        }
    }

    // "Shortened" only ever in a negation, or naming the gate's verdict on the role itself.
    let mut rest = text.clone();
    for allowed in [
        "never a shortened training",
        "rules a shortened training out",
        "shortened training ruled out",
        "shortened training to the role itself",
    ] {
        rest = rest.replace(allowed, "");
    }
    assert!(
        !rest.to_lowercase().contains("shortened"),
        "the extension section offers a shortened route: {rest}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
