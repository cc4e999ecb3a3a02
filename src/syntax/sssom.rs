//! Reading an SSSOM TSV file of reviewed mappings: `#` metadata lines, a header row naming the columns, one
//! row per mapping. Only rows a person decided (`semapv:ManualMappingCuration`) are kept; everything else is
//! checked for shape and passed over. Knows nothing of curricula: ids are resolved by the model.

use crate::diagnostic::{Diagnostic, Span};

pub const MANUAL: &str = "semapv:ManualMappingCuration";
const REQUIRED: [&str; 4] = [
    "subject_id",
    "predicate_id",
    "object_id",
    "mapping_justification",
];
/// The predicates a decision may carry (those overlap writes).
pub const PREDICATES: [&str; 5] = [
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:narrowMatch",
    "skos:broadMatch",
    "skos:relatedMatch",
];

/// A curriculum (or module) id as a CURIE prefix: letters, digits, `_`, `-` and `.`, starting with a letter
/// or `_`; anything else becomes `_`.
pub fn prefix(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert(0, '_');
    }
    s
}

/// An outcome id as the local part of a CURIE and IRI: unreserved characters kept, the rest percent-encoded.
pub fn local(id: &str) -> String {
    let mut s = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// A CURIE split into its prefix and local part, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curie {
    pub prefix: String,
    /// The local part, percent-decoded.
    pub local: String,
    pub span: Span,
}

/// A reviewer's decision as written: accept the pair (no modifier) or reject it (`predicate_modifier Not`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number, and the span of the whole line.
    pub line: usize,
    pub span: Span,
    pub subject: Curie,
    pub subject_label: Option<(String, Span)>,
    pub predicate: String,
    pub object: Curie,
    pub object_label: Option<(String, Span)>,
    pub rejected: bool,
}

fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn curie(cell: &str, span: Span, file: usize, column: &str) -> Result<Curie, Box<Diagnostic>> {
    let bad = || {
        Box::new(Diagnostic::error(file, span, "sssom", format!("`{cell}` is not a CURIE"))
            .label(format!("{column} must be PREFIX:ID"))
            .help("write the outcome as CURRICULUM:OUTCOME, e.g. EMHP:EMHP-2.1, as `--format sssom` does"))
    };
    let (prefix, local) = cell.split_once(':').ok_or_else(bad)?;
    if prefix.is_empty() || local.is_empty() || local.starts_with("//") {
        return Err(bad());
    }
    Ok(Curie {
        prefix: prefix.to_string(),
        local: decode(local).ok_or_else(bad)?,
        span,
    })
}

/// A cell as written, or, when a spreadsheet saved it in double quotes (as TSV writers do for a cell holding
/// a quote), its content with `""` read as `"`.
fn unquote(cell: &str) -> std::borrow::Cow<'_, str> {
    let t = cell.trim();
    match t.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner) if t.len() >= 2 => std::borrow::Cow::Owned(inner.replace("\"\"", "\"")),
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

/// The decisions of a mapping file, or every located problem in it.
pub fn parse(text: &str, file: usize) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut rows = Vec::new();
    let mut columns: Option<Vec<String>> = None;
    // A spreadsheet may save UTF-8 with a byte-order mark; spans still index the whole text.
    let (body, mut offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    for (k, raw) in body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let whole = Span::new(start, start + line.len());
        let mut cells = Vec::new();
        let mut at = start;
        for c in line.split('\t') {
            cells.push((unquote(c), Span::new(at, at + c.len())));
            at += c.len() + 1;
        }
        let Some(cols) = &columns else {
            let names: Vec<String> = cells.iter().map(|(c, _)| c.trim().to_string()).collect();
            let missing: Vec<&str> = REQUIRED
                .iter()
                .copied()
                .filter(|r| !names.iter().any(|n| n == r))
                .collect();
            if !missing.is_empty() {
                diags.push(
                    Diagnostic::error(file, whole, "sssom", "this is not an SSSOM header row")
                        .label(format!("missing column(s): {}", missing.join(", ")))
                        .help("the first line after the `#` metadata names the tab-separated columns, as `overlap … --format sssom` writes them"),
                );
                return Err(diags);
            }
            columns = Some(names);
            continue;
        };
        if cells.len() != cols.len() {
            diags.push(
                Diagnostic::error(
                    file,
                    whole,
                    "sssom",
                    format!(
                        "this row has {} tab-separated cells; the header has {}",
                        cells.len(),
                        cols.len()
                    ),
                )
                .label("wrong number of cells")
                .help("separate cells with tabs, one per column of the header row"),
            );
            continue;
        }
        let get = |name: &str| {
            cols.iter()
                .position(|c| c == name)
                .map(|i| (cells[i].0.trim(), cells[i].1))
        };
        let Some((justification, jspan)) = get("mapping_justification") else {
            continue;
        };
        if justification != MANUAL {
            if !justification.starts_with("semapv:") {
                diags.push(
                    Diagnostic::error(
                        file,
                        jspan,
                        "sssom",
                        format!("`{justification}` is not a mapping justification"),
                    )
                    .label("expected a semapv: term")
                    .help(format!(
                        "a reviewed row says {MANUAL}; proposed rows keep the justification overlap wrote"
                    )),
                );
            }
            continue;
        }
        let (Some((s, sspan)), Some((p, pspan)), Some((o, ospan))) =
            (get("subject_id"), get("predicate_id"), get("object_id"))
        else {
            continue;
        };
        if !PREDICATES.contains(&p) {
            diags.push(
                Diagnostic::error(file, pspan, "sssom", format!("unknown predicate `{p}`"))
                    .label("not a predicate of outcome mappings")
                    .help(format!("use one of {}", PREDICATES.join(", "))),
            );
            continue;
        }
        let rejected = match get("predicate_modifier") {
            None | Some(("", _)) => false,
            Some(("Not", _)) => true,
            Some((m, span)) => {
                diags.push(
                    Diagnostic::error(
                        file,
                        span,
                        "sssom",
                        format!("unknown predicate_modifier `{m}`"),
                    )
                    .label("expected `Not` or nothing")
                    .help("`Not` rejects the pair; leave the cell empty to accept it"),
                );
                continue;
            }
        };
        let (subject, object) = match (
            curie(s, sspan, file, "subject_id"),
            curie(o, ospan, file, "object_id"),
        ) {
            (Ok(s), Ok(o)) => (s, o),
            (s, o) => {
                diags.extend(s.err().map(|d| *d));
                diags.extend(o.err().map(|d| *d));
                continue;
            }
        };
        let label = |name: &str| {
            get(name)
                .filter(|(t, _)| !t.is_empty())
                .map(|(t, sp)| (t.to_string(), sp))
        };
        rows.push(Row {
            line: k + 1,
            span: whole,
            subject,
            subject_label: label("subject_label"),
            predicate: p.to_string(),
            object,
            object_label: label("object_label"),
            rejected,
        });
    }
    if columns.is_none() {
        diags.push(
            Diagnostic::error(file, Span::new(0, 0), "sssom", "the file has no header row")
                .label("expected the column names here")
                .help("an SSSOM file has `#` metadata lines, then a tab-separated header row, then mappings"),
        );
    }
    if diags.is_empty() {
        Ok(rows)
    } else {
        Err(diags)
    }
}

/// A mapping file saved as a workbook, back as SSSOM TSV. Its optional `decision` column (any case) is the
/// spreadsheet way to review: `accept` makes the row a curated acceptance, `reject` a curated rejection
/// (`predicate_modifier` `Not`), an empty cell leaves the row as it is; the column itself is not SSSOM and is
/// dropped. Rows before the header (the `#` metadata a spreadsheet keeps as cells) stay comments.
pub fn from_sheet(rows: &[Vec<String>]) -> Result<String, String> {
    let clean = |c: &str| c.replace(['\t', '\n', '\r'], " ");
    let header = rows
        .iter()
        .position(|r| {
            ["subject_id", "object_id"]
                .iter()
                .all(|h| r.iter().any(|c| c.trim() == *h))
        })
        .ok_or("the first worksheet has no header row naming subject_id and object_id")?;
    let mut head: Vec<String> = rows[header].iter().map(|c| c.trim().to_string()).collect();
    let decision = head.iter().position(|c| c.eq_ignore_ascii_case("decision"));
    let justification = head.iter().position(|c| c == "mapping_justification");
    let mut modifier = head.iter().position(|c| c == "predicate_modifier");
    if decision.is_some() && modifier.is_none() {
        head.push("predicate_modifier".into());
        modifier = Some(head.len() - 1);
    }
    let keep = |i: usize| Some(i) != decision;
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| clean(c))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut out = String::new();
    for r in &rows[..header] {
        let text = r.iter().map(|c| clean(c)).collect::<Vec<_>>().join(" ");
        if !text.trim().is_empty() {
            out.push_str(&format!("# {}\n", text.trim_start_matches('#').trim()));
        }
    }
    out.push_str(&line(&head));
    out.push('\n');
    for (k, r) in rows.iter().enumerate().skip(header + 1) {
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cells = r.clone();
        cells.resize(head.len(), String::new());
        if let Some(d) = decision {
            let verdict = cells[d].trim().to_ascii_lowercase();
            let rejected = match verdict.as_str() {
                "" => None,
                "accept" | "accepted" => Some(false),
                "reject" | "rejected" => Some(true),
                other => {
                    return Err(format!(
                        "row {} of the first worksheet: decision `{other}` is not accept or reject (leave it empty for no decision)",
                        k + 1
                    ));
                }
            };
            if let (Some(rejected), Some(j), Some(m)) = (rejected, justification, modifier) {
                cells[j] = MANUAL.to_string();
                cells[m] = if rejected {
                    "Not".into()
                } else {
                    String::new()
                };
            }
        }
        out.push_str(&line(&cells));
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "#curie_map:\n#  A: https://x/\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\tpredicate_modifier\n";

    #[test]
    fn manual_rows_are_decisions_and_others_are_passed_over() {
        let text = format!(
            "{HEAD}A:1\tskos:exactMatch\tB:2\tsemapv:ManualMappingCuration\t\nA:3\tskos:closeMatch\tB:4\tsemapv:LexicalMatching\t\nA:a%2Fb\tskos:broadMatch\tB:5\tsemapv:ManualMappingCuration\tNot\n"
        );
        let rows = parse(&text, 0).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].rejected), (4, false));
        assert_eq!(rows[1].subject.local, "a/b");
        assert!(rows[1].rejected);
    }

    #[test]
    fn spreadsheet_saves_are_read_as_written() {
        let text = format!(
            "\u{feff}{HEAD}\"A:1\"\tskos:exactMatch\tB:2\tsemapv:ManualMappingCuration\t\r\n"
        );
        let rows = parse(&text, 0).unwrap();
        assert_eq!(rows[0].subject.local, "1");
        assert_eq!(rows[0].line, 4);
        assert_eq!(
            &text[rows[0].span.range()],
            "\"A:1\"\tskos:exactMatch\tB:2\tsemapv:ManualMappingCuration\t"
        );
    }

    #[test]
    fn broken_rows_are_located() {
        let text = format!(
            "{HEAD}A1\tskos:exactMatch\tB:2\tsemapv:ManualMappingCuration\t\nA:1\tskos:sameAs\tB:2\tsemapv:ManualMappingCuration\t\nA:1\tskos:exactMatch\n"
        );
        let d = parse(&text, 0).unwrap_err();
        assert_eq!(d.len(), 3);
        assert!(d[0].message.contains("not a CURIE"));
        assert!(d[1].message.contains("unknown predicate"));
        assert!(d[2].message.contains("cells"));
        assert!(parse("#only metadata\n", 0).is_err());
    }
}
