//! A plain table (title, columns, rows) and its terminal, Markdown and CSV renderings.
//! Views turn analysis results into tables; renderers never compute.

use std::borrow::Cow;

use comfy_table::{ContentArrangement, Table as Comfy, presets};

use crate::printable::printable;
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with a fixed count of decimals.
    Num(f64, usize),
    /// A share of a whole (0–1), shown as a whole percentage; a spreadsheet gets the number with a percent
    /// format, so it sorts and sums.
    Share(f64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn score(x: f64) -> Cell {
        Cell::Num(x, 2)
    }
    pub fn share(x: f64) -> Cell {
        Cell::Share(x)
    }
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x, d) => format!("{x:.d$}"),
            Cell::Share(x) => format!("{:.0}%", x * 100.0),
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

/// Terminal rendering at `width` columns: the table, its title and its note all fit in it.
pub fn to_terminal(t: &Table, width: u16) -> String {
    if min_grid_width(t) > usize::from(width) {
        return stacked(t, usize::from(width));
    }
    let mut c = Comfy::new();
    c.load_style(presets::UTF8_FULL_CONDENSED);
    c.set_content_arrangement(ContentArrangement::Dynamic);
    c.set_width(width);
    // Curriculum texts may hold escape sequences; a terminal must not obey them.
    let show = |s: &str| printable(s).into_owned();
    c.set_header(t.columns.iter().map(|h| show(h)).collect::<Vec<_>>());
    for r in &t.rows {
        c.add_row(r.iter().map(|x| show(&x.display())).collect::<Vec<_>>());
    }
    let width = usize::from(width);
    let mut s = wrap(&printable(&t.title), width);
    s.push_str(&format!("{c}\n"));
    if let Some(n) = &t.note {
        s.push_str(&wrap(&printable(n), width));
    }
    s
}

/// A word longer than this is cut in any layout (a URL, a long id): it does not decide the layout.
const WORD_CAP: usize = 24;

/// The narrowest grid in which no column cuts a word: each column as wide as its longest word (capped),
/// plus the borders and padding of the grid.
fn min_grid_width(t: &Table) -> usize {
    let longest = |s: &str| {
        s.split_whitespace()
            .map(|w| printable(w).width().min(WORD_CAP))
            .max()
            .unwrap_or(0)
    };
    let widest = (0..t.columns.len()).map(|k| {
        t.rows
            .iter()
            .filter_map(|r| r.get(k))
            .map(|c| longest(&c.display()))
            .chain([longest(&t.columns[k])])
            .max()
            .unwrap_or(0)
    });
    widest.map(|w| w + 3).sum::<usize>() + 1
}

/// A table too wide for a grid at `width` without cutting words: each row as a block, its first cell on a
/// line of its own and every other cell below it as `column: value`, wrapped with a hanging indent.
fn stacked(t: &Table, width: usize) -> String {
    let mut s = wrap(&printable(&t.title), width);
    let field = |label: &str, value: &str, indent: usize| {
        let text = if label.is_empty() {
            value.to_string()
        } else {
            format!("{label}: {value}")
        };
        let body = wrap(&printable(&text), width.saturating_sub(indent + 2).max(8));
        body.lines()
            .enumerate()
            .map(|(k, l)| {
                let pad = if k == 0 { indent } else { indent + 2 };
                format!("{}{l}\n", " ".repeat(pad))
            })
            .collect::<String>()
    };
    for r in &t.rows {
        let first = r.first().map(Cell::display).unwrap_or_default();
        s.push_str(&field(&t.columns[0], &first, 0));
        // Short fields (a count, a score) share a line, separated by " · "; long ones take their own.
        let mut line = String::new();
        for (h, c) in t.columns.iter().zip(r).skip(1) {
            let v = c.display();
            if v.is_empty() {
                continue;
            }
            let text = printable(&format!("{h}: {v}")).into_owned();
            let short = text.width() <= WORD_CAP;
            if !line.is_empty() && (!short || 2 + line.width() + 3 + text.width() > width) {
                s.push_str(&format!("  {line}\n"));
                line.clear();
            }
            if short {
                if !line.is_empty() {
                    line.push_str(" · ");
                }
                line.push_str(&text);
            } else {
                s.push_str(&field(h, &v, 2));
            }
        }
        if !line.is_empty() {
            s.push_str(&format!("  {line}\n"));
        }
    }
    if let Some(n) = &t.note {
        s.push_str(&wrap(&printable(n), width));
    }
    s
}

/// `text` broken into lines of at most `width` columns, at spaces where it can be (a word longer than a
/// line is cut); each line of the text is wrapped on its own, and every line ends with a newline.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut used = 0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word;
            loop {
                let w = word.width();
                let gap = usize::from(used > 0);
                if used + gap + w <= width {
                    if gap == 1 {
                        current.push(' ');
                    }
                    current.push_str(word);
                    used += gap + w;
                    break;
                }
                if used > 0 {
                    out.push_str(&current);
                    out.push('\n');
                    current.clear();
                    used = 0;
                    continue;
                }
                // A word longer than the line: as much of it as fits, the rest on the next line.
                let (head, rest) = split_at_width(word, width);
                out.push_str(head);
                out.push('\n');
                word = rest;
            }
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// The longest start of `s` at most `width` columns wide (at least one character), and the rest.
fn split_at_width(s: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, ch) in s.char_indices() {
        let w = ch.width().unwrap_or(0);
        if used + w > width && i > 0 {
            return s.split_at(i);
        }
        used += w;
    }
    (s, "")
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

    #[test]
    fn text_wraps_between_words_and_cuts_only_a_word_longer_than_the_line() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour\n");
        assert_eq!(wrap("a  b", 9), "a b\n");
        assert_eq!(wrap("abcdefghij xy", 4), "abcd\nefgh\nij\nxy\n");
        assert_eq!(wrap("first line\n\nsecond", 20), "first line\n\nsecond\n");
        assert_eq!(wrap("ééé ééé", 3), "ééé\nééé\n");
    }

    #[test]
    fn every_line_of_a_terminal_table_fits_its_width() {
        let mut t = Table::new(
            "t",
            "A title that is longer than the table is wide",
            &["id", "text"],
        )
        .note("A note under the table, long enough to need more than one line at this width.");
        t.row(vec![Cell::text("X-1.1"), Cell::text("word ".repeat(40))]);
        let s = to_terminal(&t, 30);
        assert!(s.lines().all(|l| l.width() <= 30), "{s}");
        assert!(
            s.starts_with("A title that is longer than\nthe table is wide\n"),
            "{s}"
        );
        assert!(
            s.ends_with(
                "A note under the table, long\nenough to need more than one\nline at this width.\n"
            ),
            "{s}"
        );
    }
}
