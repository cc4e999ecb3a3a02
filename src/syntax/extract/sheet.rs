//! The first worksheet of an Excel workbook (.xlsx) as rows of cell texts: how a reviewer's mapping file
//! comes back when it was opened in a spreadsheet and saved as a workbook.
//!
//! Cells are placed by their reference (`C7`), so empty cells a spreadsheet leaves out keep the columns in
//! place; shared strings, inline strings and plain values are read as the text they display.

use super::xml::{Ev, walk};
use super::{Error, open_zip, zip_part};

/// Column index of a cell reference's letters (`A` → 0, `AB` → 27); `None` without letters.
fn column(reference: &str) -> Option<usize> {
    let letters: String = reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(
        letters.chars().fold(0usize, |n, c| {
            n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1)
        }) - 1,
    )
}

/// The texts of `xl/sharedStrings.xml`, in order (a rich-text string is its runs joined).
fn shared_strings(xml: &str) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    walk(xml, "the workbook's shared strings", |ev| match ev {
        Ev::Start(t) if t.name == "si" => current = Some(String::new()),
        Ev::Start(t) if t.name == "t" => in_text = true,
        Ev::End("t") => in_text = false,
        Ev::End("si") => out.extend(current.take()),
        Ev::Text(s) if in_text => {
            if let Some(c) = current.as_mut() {
                c.push_str(s);
            }
        }
        _ => {}
    })?;
    Ok(out)
}

/// The rows of the workbook's first worksheet, each a list of cell texts (missing cells empty).
pub fn first_sheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, Error> {
    let mut zip = open_zip(bytes, "Excel workbook")?;
    let shared = match zip_part(&mut zip, "xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x)?,
        None => Vec::new(),
    };
    let sheet = zip_part(&mut zip, "xl/worksheets/sheet1.xml")?
        .ok_or("the workbook has no first worksheet (xl/worksheets/sheet1.xml)")?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The cell being read: its column, its type attribute and its text so far.
    let mut cell: Option<(usize, String, String)> = None;
    let mut in_value = false;
    let mut bad: Option<Error> = None;
    walk(&sheet, "the first worksheet", |ev| match ev {
        Ev::Start(t) if t.name == "row" => rows.push(Vec::new()),
        Ev::Start(t) if t.name == "c" => {
            let row = rows.last().map_or(0, Vec::len);
            let col = t.attr("r").and_then(column).unwrap_or(row);
            cell = Some((col, t.attr("t").unwrap_or("n").to_string(), String::new()));
        }
        Ev::Start(t) if t.name == "v" || t.name == "t" => in_value = true,
        Ev::End("v") | Ev::End("t") => in_value = false,
        Ev::Text(s) if in_value => {
            if let Some(c) = cell.as_mut() {
                c.2.push_str(s);
            }
        }
        Ev::End("c") => {
            let Some((col, kind, raw)) = cell.take() else {
                return;
            };
            let text = if kind == "s" {
                match raw.trim().parse::<usize>().ok().and_then(|k| shared.get(k)) {
                    Some(s) => s.clone(),
                    None => {
                        bad.get_or_insert(format!(
                            "a cell names shared string `{raw}`, which the workbook lacks"
                        ));
                        String::new()
                    }
                }
            } else {
                raw
            };
            if let Some(row) = rows.last_mut() {
                // A reference far to the right is not a mapping file's column; keep rows small.
                if col < 1024 {
                    if row.len() <= col {
                        row.resize(col + 1, String::new());
                    }
                    row[col] = text;
                }
            }
        }
        _ => {}
    })?;
    match bad {
        Some(e) => Err(e),
        None => Ok(rows),
    }
}

#[cfg(test)]
mod tests {
    use super::column;

    #[test]
    fn cell_references_name_their_column() {
        assert_eq!(column("A1"), Some(0));
        assert_eq!(column("Z9"), Some(25));
        assert_eq!(column("AB12"), Some(27));
        assert_eq!(column("12"), None);
    }
}
