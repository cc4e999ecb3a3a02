//! A plain table (title, columns, rows) and its terminal, Markdown and CSV renderings.
//! Views turn analysis results into tables; renderers never compute.

use std::borrow::Cow;

use comfy_table::{ContentArrangement, Table as Comfy, presets};

use crate::printable::printable;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with a fixed count of decimals.
    Num(f64, usize),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn score(x: f64) -> Cell {
        Cell::Num(x, 2)
    }
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x, d) => format!("{x:.d$}"),
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Int(n as i64)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Stable file-name stem for CSV files and sheets, e.g. `cwp-emhp-modules`.
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A sentence under the table saying how to read it.
    pub note: Option<String>,
}

impl Table {
    pub fn new(name: impl Into<String>, title: impl Into<String>, columns: &[&str]) -> Self {
        Table {
            name: name.into(),
            title: title.into(),
            columns: columns.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            note: None,
        }
    }
    pub fn with_columns(
        name: impl Into<String>,
        title: impl Into<String>,
        columns: Vec<String>,
    ) -> Self {
        Table {
            name: name.into(),
            title: title.into(),
            columns,
            rows: Vec::new(),
            note: None,
        }
    }
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Terminal rendering; fits the terminal width when there is one.
pub fn to_terminal(t: &Table, width: Option<u16>) -> String {
    let mut c = Comfy::new();
    c.load_style(presets::UTF8_FULL_CONDENSED);
    c.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        c.set_width(w);
    } else {
        c.set_width(120);
    }
    // Curriculum texts may hold escape sequences; a terminal must not obey them.
    let show = |s: &str| printable(s).into_owned();
    c.set_header(t.columns.iter().map(|h| show(h)).collect::<Vec<_>>());
    for r in &t.rows {
        c.add_row(r.iter().map(|x| show(&x.display())).collect::<Vec<_>>());
    }
    let mut s = format!("{}\n{c}\n", printable(&t.title));
    if let Some(n) = &t.note {
        s.push_str(&printable(n));
        s.push('\n');
    }
    s
}

fn md_escape(s: &str) -> String {
    printable(s).replace('|', "\\|").replace('\n', " ")
}

pub fn to_markdown(t: &Table) -> String {
    let mut s = format!("### {}\n\n", md_escape(&t.title));
    s.push_str(&format!(
        "| {} |\n",
        t.columns
            .iter()
            .map(|c| md_escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    s.push_str(&format!(
        "|{}\n",
        t.columns.iter().map(|_| "---|").collect::<String>()
    ));
    for r in &t.rows {
        s.push_str(&format!(
            "| {} |\n",
            r.iter()
                .map(|c| md_escape(&c.display()))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    if let Some(n) = &t.note {
        s.push_str(&format!("\n{}\n", md_escape(n)));
    }
    s
}

/// Characters that make a spreadsheet read a cell as a formula when they lead it (OWASP, "CSV Injection").
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell a spreadsheet shows as text: a formula-leading cell gets a leading single quote, unless it is
/// a plain number (`-20%`, `+0.5`), which a spreadsheet reads as that number and never runs.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    let number = s
        .strip_suffix('%')
        .unwrap_or(s)
        .parse::<f64>()
        .is_ok_and(f64::is_finite);
    if s.starts_with(FORMULA_LEADS) && !number {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A cell as CSV: text without control characters and neutralised; numbers as they are.
fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => csv_field(&neutralise(&printable(s))),
        c => csv_field(&c.display()),
    }
}

/// CSV with a header row; numbers are written as numbers.
pub fn to_csv(t: &Table) -> String {
    let mut s = t
        .columns
        .iter()
        .map(|c| csv_field(&neutralise(&printable(c))))
        .collect::<Vec<_>>()
        .join(",");
    s.push('\n');
    for r in &t.rows {
        s.push_str(&r.iter().map(csv_cell).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_leading_cells_are_neutralised() {
        for f in [
            "=1+2",
            "+cmd",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-inf",
            "+NaN",
        ] {
            assert_eq!(neutralise(f), format!("'{f}"), "{f:?}");
        }
        for plain in ["-20%", "+10%", "-0.5", "text = 1", "'quoted"] {
            assert_eq!(neutralise(plain), plain);
        }
        let mut t = Table::new("t", "T", &["=header"]);
        t.row(vec![
            Cell::text("=1+2"),
            Cell::Num(-0.5, 2),
            Cell::text("a\x1b[2Jb"),
        ]);
        assert_eq!(to_csv(&t), "'=header\n'=1+2,-0.50,a[2Jb\n");
    }
}
