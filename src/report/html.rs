//! The report as one self-contained HTML page: inline CSS and SVG, no script, no network; prints well.

use std::fmt::Write;

use std::collections::HashSet;

use super::bundle::{Block, Kind, Report, Section};
use super::svg;
use super::table::{Cell, Table};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
body{font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#111;margin:24px auto;max-width:1300px;padding:0 16px}
h1{font-size:26px;margin-bottom:4px}h2{font-size:21px;border-bottom:2px solid #08306b;padding-bottom:4px;margin-top:40px}
h3{font-size:16px;margin:22px 0 6px}
.caveat{background:#fff8e1;border-left:4px solid #e0a800;padding:8px 12px}
.intro li{margin:4px 0}
table{border-collapse:collapse;margin:6px 0 4px;font-size:13px}
caption{text-align:left;font-weight:bold;font-size:15px;padding:4px 0}
th,td{border:1px solid #bbb;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#e8eef6}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{white-space:nowrap}
tbody tr:nth-child(even){background:#f7f9fc}
.v-ruled-out{background:#fde0dc}.v-top-up{background:#fff3cd}.v-equivalent{background:#dff3e3}.flag{background:#fde0dc;font-weight:bold}
.note{color:#333;font-size:13px;margin:2px 0 14px;white-space:pre-line}
figure{margin:18px 0}
figcaption{font-weight:bold;font-size:15px;margin-bottom:4px}
svg.heatmap{max-width:100%;height:auto}
nav ol{columns:3}
nav.toc ol{columns:2;font-size:13px;margin:4px 0 10px}
a{color:#08519c;word-break:break-all}
details summary{cursor:pointer;color:#08519c}
@page{size:A4;margin:14mm}
@media print{
body{margin:0;max-width:none;font-size:10pt}
section:first-of-type>h2{break-before:auto}
nav,details{display:none}
h2{break-before:page}
h2,h3,caption,figcaption{break-after:avoid}
table{font-size:8.5pt}
thead{display:table-header-group}
tr,figure svg{break-inside:avoid}
a{color:#111;text-decoration:none}
}
"#;

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// `s` escaped, with every outcome id of `known` in it a link to the outcome's row in the Outcomes section.
fn linked(s: &str, known: &HashSet<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        let start = rest.find(word).unwrap_or(rest.len());
        out.push_str(&escape(&rest[..start]));
        rest = &rest[start..];
        let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        // A sentence's full stop is not part of the id before it.
        let token = rest[..end].trim_end_matches('.');
        if known.contains(token) {
            let _ = write!(out, r##"<a href="#o-{0}">{0}</a>"##, escape(token));
            rest = &rest[token.len()..];
        } else {
            out.push_str(&escape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// The anchor ids of outcome rows: the first cell of every Outcomes table, without its † mark.
fn outcome_ids(r: &Report) -> HashSet<String> {
    r.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(Kind::Outcomes, t) => Some(t),
            _ => None,
        })
        .flat_map(|t| &t.rows)
        .filter_map(|r| r.first())
        .map(|c| c.display().trim_end_matches('†').to_string())
        .collect()
}

fn cell(c: &Cell, first: bool, known: &HashSet<String>) -> String {
    match c {
        Cell::Int(_) | Cell::Num(..) | Cell::Share(_) => {
            format!(r#"<td class="num">{}</td>"#, escape(&c.display()))
        }
        Cell::Empty => "<td></td>".into(),
        Cell::Text(s) => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if !words.is_empty() && words.iter().all(|w| is_url(w)) {
                let links: Vec<String> = words
                    .iter()
                    .map(|u| format!(r#"<a href="{0}">{0}</a>"#, escape(u)))
                    .collect();
                return format!("<td>{}</td>", links.join("<br>"));
            }
            // A verdict, alone or with its credits ("top-up: 50 credits").
            let verdict = s.split(':').next().unwrap_or_default();
            let class = match verdict {
                "ruled-out" | "top-up" | "equivalent" if !first => {
                    format!(r#" class="v-{verdict}""#)
                }
                "FLAG" => r#" class="flag""#.into(),
                _ if first || (s.len() <= 24 && !s.contains(char::is_whitespace)) => {
                    r#" class="id""#.into()
                }
                _ => String::new(),
            };
            format!("<td{class}>{}</td>", linked(s, known))
        }
    }
}

/// A table; `anchors`: each row is the target of links to the outcome id in its first cell.
pub fn table(t: &Table, known: &HashSet<String>, anchors: bool) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<table id="{}"><caption>{}</caption><thead><tr>"#,
        escape(&t.name),
        escape(&t.title)
    );
    for c in &t.columns {
        let _ = write!(s, r#"<th scope="col">{}</th>"#, escape(c));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        match r.first() {
            Some(first) if anchors => {
                let id = first.display();
                let _ = write!(s, r#"<tr id="o-{}">"#, escape(id.trim_end_matches('†')));
            }
            _ => s.push_str("<tr>"),
        }
        for (i, c) in r.iter().enumerate() {
            if anchors && i == 0 {
                // The link target itself: no link to itself.
                let _ = write!(s, r#"<td class="id">{}</td>"#, escape(&c.display()));
            } else {
                s.push_str(&cell(c, i == 0, known));
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    if let Some(n) = &t.note {
        let _ = write!(s, r#"<p class="note">{}</p>"#, escape(n));
    }
    s.push('\n');
    s
}

fn block(b: &Block, known: &HashSet<String>) -> String {
    match b {
        Block::Table(kind, t) => table(t, known, *kind == Kind::Outcomes),
        Block::Pathways { table: t, graph } => {
            let mut s = String::new();
            let _ = write!(
                s,
                r#"<figure id="{}-graph"><figcaption>{}</figcaption>{}"#,
                escape(&t.name),
                escape(&t.title),
                super::pathway_svg::pathways(graph, &t.title)
            );
            if let Some(n) = &t.note {
                let _ = write!(s, r#"<p class="note">{}</p>"#, escape(n));
            }
            let mut plain = t.clone();
            plain.note = None;
            let _ = writeln!(
                s,
                "<details><summary>The same routes as a table</summary>{}</details></figure>",
                table(&plain, known, false)
            );
            s
        }
        Block::Heatmap {
            table: t,
            matrix,
            rows,
            cols,
            ..
        } => {
            let mut s = String::new();
            let _ = write!(
                s,
                r#"<figure id="{}-heatmap"><figcaption>{}</figcaption>{}"#,
                escape(&t.name),
                escape(&t.title),
                svg::heatmap(matrix, &t.title, rows, cols)
            );
            if let Some(n) = &t.note {
                let _ = write!(s, r#"<p class="note">{}</p>"#, escape(n));
            }
            let mut plain = t.clone();
            plain.note = None;
            let _ = writeln!(
                s,
                "<details><summary>The same numbers as a table</summary>{}</details></figure>",
                table(&plain, known, false)
            );
            s
        }
    }
}

fn section(sec: &Section, known: &HashSet<String>) -> String {
    let mut s = format!(
        "<section id=\"{}\"><h2>{}</h2>\n",
        escape(&sec.id),
        escape(&sec.title)
    );
    if !sec.intro.is_empty() {
        s.push_str(r#"<ul class="intro">"#);
        for p in &sec.intro {
            let _ = write!(s, "<li>{}</li>", escape(p));
        }
        s.push_str("</ul>\n");
    }
    // A section of many tables and figures gets its own contents.
    if sec.blocks.len() >= 4 {
        s.push_str(r#"<nav class="toc"><ol>"#);
        for b in &sec.blocks {
            let (anchor, title) = match b {
                Block::Table(_, t) => (t.name.clone(), &t.title),
                Block::Heatmap { table: t, .. } => (format!("{}-heatmap", t.name), &t.title),
                Block::Pathways { table: t, .. } => (format!("{}-graph", t.name), &t.title),
            };
            let _ = write!(
                s,
                r##"<li><a href="#{}">{}</a></li>"##,
                escape(&anchor),
                escape(title)
            );
        }
        s.push_str(
            "</ol></nav>
",
        );
    }
    for b in &sec.blocks {
        s.push_str(&block(b, known));
    }
    s.push_str("</section>\n");
    s
}

pub fn page(r: &Report) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head>\n<body>\n",
        escape(&r.title)
    );
    let _ = write!(
        s,
        "<header><h1>{}</h1><p>Curricula compared: {}. Every row names the outcomes, modules or domains it is about; sources are linked.</p><p class=\"caveat\">{}</p>",
        escape(&r.title),
        escape(&r.ids.join(", ")),
        escape(&r.caveat)
    );
    if let Some(t) = &r.stamp {
        let _ = write!(s, "<p>Generated {}.</p>", escape(t));
    }
    s.push_str("</header>\n<nav><h2>Contents</h2><ol>");
    for sec in &r.sections {
        let _ = write!(
            s,
            r##"<li><a href="#{}">{}</a></li>"##,
            escape(&sec.id),
            escape(&sec.title)
        );
    }
    s.push_str(r##"<li><a href="#method">Method and sources</a></li></ol></nav>"##);
    s.push('\n');
    let known = outcome_ids(r);
    for sec in &r.sections {
        s.push_str(&section(sec, &known));
    }
    s.push_str("<section id=\"method\"><h2>Method and sources</h2>\n");
    for p in &r.method {
        let _ = write!(s, "<h3>{}</h3>", escape(&p.title));
        for para in &p.paragraphs {
            let _ = write!(s, "<p>{}</p>", escape(para));
        }
        s.push('\n');
    }
    s.push_str("</section>\n</body></html>\n");
    s
}
