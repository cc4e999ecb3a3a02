//! The report as an XLSX workbook: an index sheet first, naming every sheet with its table's title and a link
//! to it, then one sheet per table, bold frozen header row, numbers as numbers (shares with a percent format,
//! so they sort and sum). Table notes stay out of the sheets (they are in the HTML and Markdown) so every sheet
//! is a clean table.
//! The creation date is fixed (unless a stamp is given) so the file is byte-identical run to run.

use std::borrow::Cow;
use std::collections::HashSet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Url, Workbook, XlsxError};

use super::table::{Cell, Table};
use crate::printable::printable;

/// Characters Excel does not allow in a sheet name.
const INVALID: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// A valid, unique (case-insensitively) sheet name of at most 31 characters.
pub fn sheet_name(name: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if INVALID.contains(&c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'');
    let clean = if clean.is_empty() { "sheet" } else { clean };
    let base: String = clean.chars().take(31).collect();
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        let suffix = format!("~{n}");
        let keep = 31 - suffix.chars().count();
        candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    candidate
}

/// The most characters a spreadsheet cell holds (Excel's limit).
pub const CELL_MAX: usize = 32_767;

/// `s` as a cell holds it: without control characters, and cut with a note when it is too long.
pub fn cell_text(s: &str) -> Cow<'_, str> {
    let s = printable(s);
    let n = s.chars().count();
    if n <= CELL_MAX {
        return s;
    }
    let note = format!(
        " … [truncated: {n} characters in all; the CSV files and report.md hold the full text]"
    );
    let keep = CELL_MAX - note.chars().count();
    Cow::Owned(s.chars().take(keep).collect::<String>() + &note)
}

/// The first sheet's name.
const INDEX: &str = "index";

/// The index sheet: each table's sheet (a link to it) and title, in workbook order.
fn index(
    ws: &mut rust_xlsxwriter::Worksheet,
    name: &str,
    tables: &[&Table],
    names: &[String],
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, "sheet", bold)?;
    ws.write_string_with_format(0, 1, "table", bold)?;
    let mut widths = [5, 5];
    for (i, (t, sheet)) in tables.iter().zip(names).enumerate() {
        let row = i as u32 + 1;
        // Sheet names are quoted in a link; a quote inside one is doubled.
        let target = format!("internal:'{}'!A1", sheet.replace('\'', "''"));
        ws.write_url(row, 0, Url::new(target).set_text(sheet))?;
        let title = cell_text(&t.title);
        widths[0] = widths[0].max(sheet.chars().count());
        widths[1] = widths[1].max(title.chars().count());
        ws.write_string(row, 1, title)?;
    }
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, (*w).clamp(6, 100) as f64 + 1.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `created`: Unix seconds for the document's creation date; `None` gives a fixed date (2000-01-01).
pub fn workbook(tables: &[&Table], created: Option<i64>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The fastest deflate level: compressing the report's 280 sheets at the default level was a fifth of
    // `overlap report`'s instructions; the workbook grows by about a third (340 → 455 KB).
    wb.set_zip_compression_level(1);
    let date = match created {
        Some(t) => ExcelDateTime::from_timestamp(t)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title("Curriculum overlap report")
            .set_creation_datetime(&date),
    );
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0%");
    // The index comes first and its name is taken before any table's, so a table named `index` gets another.
    let mut taken = HashSet::new();
    let index_name = sheet_name(INDEX, &mut taken);
    let names: Vec<String> = tables
        .iter()
        .map(|t| sheet_name(&t.name, &mut taken))
        .collect();
    index(wb.add_worksheet(), &index_name, tables, &names, &bold)?;
    for (t, name) in tables.iter().zip(&names) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        let mut widths: Vec<usize> = t.columns.iter().map(|c| c.chars().count()).collect();
        for (j, c) in t.columns.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, cell_text(c), &bold)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (j, c) in r.iter().enumerate() {
                let col = j as u16;
                match c {
                    Cell::Text(s) => {
                        ws.write_string(row, col, cell_text(s))?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(row, col, *n as f64)?;
                    }
                    Cell::Num(x, d) => {
                        let f = if *d == 0 {
                            Format::new().set_num_format("0")
                        } else {
                            Format::new().set_num_format(format!("0.{}", "0".repeat(*d)))
                        };
                        ws.write_number_with_format(row, col, *x, &f)?;
                    }
                    Cell::Share(x) => {
                        ws.write_number_with_format(row, col, *x, &percent)?;
                    }
                    Cell::Empty => {}
                }
                if let Some(w) = widths.get_mut(j) {
                    *w = (*w).max(c.display().chars().count());
                }
            }
        }
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, (*w).clamp(6, 60) as f64 + 1.0)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}

/// The SSSOM mapping file `tsv` as a workbook to review in a spreadsheet: its first sheet holds the same lines
/// (metadata, header, one row per proposed mapping) and an empty `decision` column that takes `accept` or
/// `reject` — the sheet `--mappings` reads back; a second sheet says how to review.
pub fn review_sheet(tsv: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Outcome mappings to review")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("mappings")?;
    let lines: Vec<&str> = tsv.lines().collect();
    let header = lines.iter().position(|l| !l.starts_with('#')).unwrap_or(0);
    let confidence = lines
        .get(header)
        .and_then(|h| h.split('\t').position(|c| c == "confidence"));
    let mut columns = 0;
    for (k, line) in lines.iter().enumerate() {
        let row = k as u32;
        if k < header {
            // Metadata lines stay one cell each, as they are in the file.
            ws.write_string(row, 0, cell_text(line))?;
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        columns = columns.max(cells.len());
        for (j, c) in cells.iter().enumerate() {
            let col = j as u16;
            match c.parse::<f64>() {
                Ok(x) if k > header && Some(j) == confidence && x.is_finite() => {
                    ws.write_number(row, col, x)?
                }
                _ if k == header => ws.write_string_with_format(row, col, cell_text(c), &bold)?,
                _ => ws.write_string(row, col, cell_text(c))?,
            };
        }
    }
    let decision = columns as u16;
    ws.write_string_with_format(header as u32, decision, "decision", &bold)?;
    if lines.len() > header + 1 {
        let choice = rust_xlsxwriter::DataValidation::new()
            .allow_list_strings(&["accept", "reject"])?
            .set_input_title("Your decision")?
            .set_input_message("accept: it covers, whatever the score; reject: it never covers; empty: the model decides")?;
        ws.add_data_validation(
            header as u32 + 1,
            decision,
            lines.len() as u32 - 1,
            decision,
            &choice,
        )?;
    }
    for (j, w) in [12, 40, 18, 12, 40, 30, 10].iter().enumerate() {
        ws.set_column_width(j as u16, *w as f64)?;
    }
    ws.set_freeze_panes(header as u32 + 1, 0)?;
    let help = wb.add_worksheet();
    help.set_name("how to review")?;
    for (k, line) in [
        "Each row of the sheet `mappings` is a match the model proposes: subject covers object (predicate) with the score in `confidence`.",
        "Write accept or reject in the `decision` column of the rows you decide; leave the others empty.",
        "Save the workbook and run the comparison again with --mappings FILE.xlsx: every figure is recomputed from your decisions.",
        "Only the first sheet is read; keep its header row and the subject_id and object_id columns as they are.",
    ]
    .iter()
    .enumerate()
    {
        help.write_string(k as u32, 0, *line)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_a_note() {
        let long = "é".repeat(CELL_MAX + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), CELL_MAX);
        assert!(cut.ends_with(
            "[truncated: 32777 characters in all; the CSV files and report.md hold the full text]"
        ));
        let fits = "a".repeat(CELL_MAX);
        assert_eq!(cell_text(&fits), fits);
    }

    #[test]
    fn a_workbook_with_a_huge_cell_is_written() {
        let mut t = Table::new("t", "T", &["text"]);
        t.row(vec![Cell::text("x".repeat(100_000))]);
        assert!(workbook(&[&t], None).is_ok());
    }
}
