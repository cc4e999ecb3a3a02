//! The report's files: `index.html`, `report.md`, `csv/<table>.csv` with `csv/README.md`, `overlap.xlsx`.

use std::collections::BTreeMap;

use super::bundle::{Kind, Report};
use super::files::Entry;
use super::table::{to_csv, to_markdown};
use super::{html, xlsx};

pub fn markdown(r: &Report) -> String {
    let mut s = format!("# {}\n\n", r.title);
    s.push_str(&format!("Curricula compared: {}.\n\n", r.ids.join(", ")));
    s.push_str(&format!("> {}\n\n", r.caveat));
    if let Some(t) = &r.stamp {
        s.push_str(&format!("Generated {t}.\n\n"));
    }
    s.push_str("The HTML page (`index.html`) shows the module matrices as heatmaps; here they are tables.\n");
    for sec in &r.sections {
        s.push_str(&format!("\n## {}\n\n", sec.title));
        for p in &sec.intro {
            s.push_str(&format!("- {}\n", p.replace('\n', " ")));
        }
        for (_, t) in sec.blocks.iter().map(|b| b.table()) {
            s.push('\n');
            s.push_str(&to_markdown(t));
        }
    }
    s.push_str("\n## Method and sources\n");
    for p in &r.method {
        s.push_str(&format!("\n### {}\n\n", p.title));
        for para in &p.paragraphs {
            s.push_str(para);
            s.push_str("\n\n");
        }
    }
    s
}

pub fn csv_readme(r: &Report) -> String {
    let mut by_kind: BTreeMap<Kind, Vec<&str>> = BTreeMap::new();
    for (k, t) in r.tables() {
        by_kind.entry(k).or_default().push(&t.name);
    }
    let mut s = String::from(
        "# CSV tables\n\nOne file per table of the report, named after the table's stable name. Every file has a \
header row; numbers are plain numbers (scores and shares 0–1 to two decimals unless a column says %); text \
is quoted when it contains a comma, quote or line break. Ids are those of the curriculum files (curricula, \
modules, outcomes) and of the competency taxonomy (domains, competencies). `A` and `B` below are the first and \
second curriculum of a pair, as in the file name.\n",
    );
    for (k, names) in by_kind {
        let (title, doc) = k.doc();
        s.push_str(&format!("\n## {title}\n\n{doc}\n\nFiles: "));
        s.push_str(
            &names
                .iter()
                .map(|n| format!("`{n}.csv`"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        s.push('\n');
    }
    s
}

/// Every file of the report folder, in a fixed order. `created`: Unix seconds for `--stamp`.
pub fn entries(r: &Report, created: Option<i64>) -> Result<Vec<Entry>, String> {
    let tables = r.tables();
    let mut v = vec![
        Entry::new("index.html", html::page(r)),
        Entry::new("report.md", markdown(r)),
        Entry::new("csv/README.md", csv_readme(r)),
    ];
    for (_, t) in &tables {
        v.push(Entry::new(format!("csv/{}.csv", t.name), to_csv(t)));
    }
    let refs: Vec<_> = tables.iter().map(|(_, t)| *t).collect();
    let book =
        xlsx::workbook(&refs, created).map_err(|e| format!("cannot build the workbook: {e}"))?;
    v.push(Entry::new("overlap.xlsx", book));
    Ok(v)
}
