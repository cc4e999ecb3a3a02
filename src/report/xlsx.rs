//! The report as an XLSX workbook: one sheet per table, bold frozen header row, numbers as numbers.
//! Table notes stay out of the sheets (they are in the HTML and Markdown) so every sheet is a clean table.
//! The creation date is fixed (unless a stamp is given) so the file is byte-identical run to run.

use std::collections::HashSet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::table::{Cell, Table};

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

/// `created`: Unix seconds for the document's creation date; `None` gives a fixed date (2000-01-01).
pub fn workbook(tables: &[&Table], created: Option<i64>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
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
    let mut taken = HashSet::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.name, &mut taken))?;
        let mut widths: Vec<usize> = t.columns.iter().map(|c| c.chars().count()).collect();
        for (j, c) in t.columns.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, c, &bold)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (j, c) in r.iter().enumerate() {
                let col = j as u16;
                match c {
                    Cell::Text(s) => {
                        ws.write_string(row, col, s)?;
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
