//! A curriculum as a Moodle competency framework CSV, in the columns Moodle's framework importer reads, so a
//! university can load the national framework and tag its own courses with it.
//!
//! The columns, their order and meaning are those of Moodle's `admin/tool/lpimportcsv`:
//! `classes/framework_importer.php` (`list_required_headers`, `read_mapping_data`: fourteen columns, by
//! position) and `classes/framework_exporter.php` (the framework row first, `Is framework` true; a
//! competency's parent by ID number; related ID numbers comma-separated with `%2C` for a comma), with the
//! English header texts of `lang/en/tool_lpimportcsv.php`, as read in moodle/moodle.
//!
//! The tree: the framework (the curriculum), the taxonomy domains its outcomes are tagged in, their
//! competencies, and each outcome under its first competency tag (its other tags are cross-referenced). An
//! outcome without tags sits at the top level.

use std::collections::BTreeSet;

use super::table::{Cell, Table};
use crate::model::{Curriculum, Taxonomy, domain_of};

/// `list_required_headers`, in order.
pub const COLUMNS: [&str; 14] = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
];

/// Moodle's default competency scale; the importer reuses a site scale with these items or creates one.
const SCALE: &str = "Not yet competent,Competent";
/// The second item (Competent) is the default rating and proficient; the importer replaces `scaleid`.
const SCALE_CONFIGURATION: &str = r#"[{"scaleid":"0"},{"id":2,"scaledefault":1,"proficient":1}]"#;
/// Moodle's FORMAT_PLAIN: descriptions are shown as text, never as HTML.
const PLAIN: &str = "2";
/// Moodle keeps at most this many characters of a short name or ID number.
const MAX: usize = 100;

/// `s` cut to Moodle's limit at a word boundary, marked with an ellipsis when cut.
fn short(s: &str) -> String {
    let s = crate::printable::one_line(s);
    if s.chars().count() <= MAX {
        return s;
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    let word = cut.rfind(' ').filter(|&i| i > MAX / 2).unwrap_or(cut.len());
    format!("{}…", cut[..word].trim_end())
}

fn related(ids: &[&str]) -> String {
    ids.iter()
        .map(|i| i.replace(',', "%2C"))
        .collect::<Vec<_>>()
        .join(",")
}

/// An outcome's ID number in the framework: `CURRICULUM:OUTCOME`, as in the SSSOM files.
pub fn outcome_id(c: &Curriculum, outcome: &str) -> String {
    format!("{}:{outcome}", c.id)
}

fn row(
    parent: &str,
    id: &str,
    name: &str,
    description: &str,
    related_ids: &str,
    framework: bool,
) -> Vec<Cell> {
    let text = |s: &str| Cell::text(s);
    vec![
        text(parent),
        text(id),
        text(&short(name)),
        text(description),
        text(PLAIN),
        text(if framework { SCALE } else { "" }),
        text(if framework { SCALE_CONFIGURATION } else { "" }),
        text(""),
        text("0"),
        text(if framework { "" } else { "null" }),
        text(related_ids),
        text(""),
        text(if framework { "1" } else { "0" }),
        text(if framework {
            "domain,competency,outcome"
        } else {
            ""
        }),
    ]
}

/// The framework of `c`: one row for the framework, one per domain and competency its outcomes carry, one
/// per outcome.
pub fn framework(c: &Curriculum, tax: &Taxonomy) -> Table {
    let mut t = Table::new(
        format!("moodle-{}", c.id.to_lowercase()),
        format!("{} as a Moodle competency framework", c.id),
        &COLUMNS,
    );
    let mut description = c.title.clone();
    if let Some(s) = &c.source {
        description.push_str(&format!(" (source: {})", s.url));
    }
    t.row(row("", &c.id, &c.title, &description, "", true));
    let tags: BTreeSet<&str> = c
        .outcomes()
        .flat_map(|(_, o)| o.tags.iter().map(String::as_str))
        .collect();
    for d in &tax.domains {
        let used: Vec<&str> = tags
            .iter()
            .copied()
            .filter(|tag| domain_of(tag) == d.id)
            .collect();
        if used.is_empty() {
            continue;
        }
        t.row(row(
            "",
            &d.id,
            &d.title,
            d.description.as_deref().unwrap_or(""),
            "",
            false,
        ));
        for comp in d
            .competencies
            .iter()
            .filter(|k| used.contains(&k.id.as_str()))
        {
            t.row(row(
                &d.id,
                &comp.id,
                &comp.title,
                comp.description.as_deref().unwrap_or(""),
                "",
                false,
            ));
        }
    }
    for (_, o) in c.outcomes() {
        let tags: Vec<&str> = o.tags.iter().map(String::as_str).collect();
        let (parent, others) = tags.split_first().map_or(("", &[][..]), |(p, r)| (*p, r));
        let name = format!("{} {}", o.id, o.text);
        t.row(row(
            parent,
            &outcome_id(c, &o.id),
            &name,
            &o.text,
            &related(others),
            false,
        ));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_names_fit_moodles_limit_at_a_word() {
        assert_eq!(short("Assess risk"), "Assess risk");
        let long = "word ".repeat(40);
        let s = short(&long);
        assert!(s.chars().count() <= 100 && s.ends_with("word…"), "{s}");
    }
}
