//! Word (.docx): the paragraphs of `word/document.xml` in order, including those in tables. A paragraph with
//! Word numbering (`w:numPr`, directly or through its style) is a list item — its number or bullet is list
//! metadata, not text; a paragraph in a heading style (or with an outline level) is a heading.

use std::collections::HashMap;

use super::xml::{Ev, walk};
use super::{Error, Extracted, open_zip, zip_part};
use crate::syntax::descriptor::Role;

/// What a paragraph style says about its paragraphs.
#[derive(Debug, Default, Clone)]
struct Style {
    heading: bool,
    /// `Some(true)`: numbered; `Some(false)`: numbering explicitly off (numId 0); `None`: inherited.
    numbered: Option<bool>,
    based_on: Option<String>,
}

fn styles(xml: &str) -> Result<HashMap<String, Style>, Error> {
    let mut out = HashMap::new();
    let mut cur: Option<(String, Style)> = None;
    let mut in_ppr = false;
    walk(xml, "word/styles.xml", |ev| match ev {
        Ev::Start(t) => match t.name.as_str() {
            "style" => {
                cur = (t.attr("w:type") == Some("paragraph"))
                    .then(|| {
                        t.attr("w:styleId")
                            .map(|id| (id.to_string(), Style::default()))
                    })
                    .flatten();
            }
            "pPr" => in_ppr = true,
            "name" => {
                if let Some((_, s)) = &mut cur {
                    let n = t.attr("w:val").unwrap_or("").to_lowercase();
                    s.heading |= n.starts_with("heading") || n == "title" || n == "subtitle";
                }
            }
            "basedOn" => {
                if let Some((_, s)) = &mut cur {
                    s.based_on = t.attr("w:val").map(String::from);
                }
            }
            "outlineLvl" if in_ppr => {
                if let Some((_, s)) = &mut cur {
                    s.heading |= t
                        .attr("w:val")
                        .is_some_and(|v| v.parse::<u8>().is_ok_and(|l| l < 9));
                }
            }
            "numId" if in_ppr => {
                if let Some((_, s)) = &mut cur {
                    s.numbered = Some(t.attr("w:val").is_some_and(|v| v != "0"));
                }
            }
            _ => {}
        },
        Ev::End(name) => match name {
            "style" => {
                if let Some((id, s)) = cur.take() {
                    out.insert(id, s);
                }
            }
            "pPr" => in_ppr = false,
            _ => {}
        },
        Ev::Text(_) => {}
    })?;
    Ok(out)
}

/// Whether a style (or a style it is based on) is a heading, and whether it numbers its paragraphs.
fn resolve(styles: &HashMap<String, Style>, id: &str) -> (bool, bool) {
    let (mut heading, mut numbered) = (false, None);
    let mut at = Some(id);
    // A chain of `basedOn` is short; a cycle in a broken file must not loop.
    for _ in 0..16 {
        let Some(s) = at.and_then(|id| styles.get(id)) else {
            break;
        };
        heading |= s.heading;
        numbered = numbered.or(s.numbered);
        at = s.based_on.as_deref();
    }
    (heading, numbered.unwrap_or(false))
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// Numbering set on the paragraph itself: `Some(false)` turns its style's numbering off.
    numbered: Option<bool>,
    outline: bool,
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, Error> {
    let mut zip = open_zip(bytes, "Word document")?;
    let document = zip_part(&mut zip, "word/document.xml")?.ok_or(
        "not a Word document: it has no word/document.xml (a .doc from Word 97–2003 must be saved as .docx)",
    )?;
    let styles = match zip_part(&mut zip, "word/styles.xml")? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let mut out = Extracted::with_roles();
    // Paragraphs nest (a text box inside a paragraph holds paragraphs): a stack.
    let mut stack: Vec<Para> = Vec::new();
    let (mut in_ppr, mut in_text, mut skip) = (false, false, 0usize);
    let mut count = 0;
    walk(&document, "word/document.xml", |ev| match ev {
        Ev::Start(t) => match t.name.as_str() {
            "p" => stack.push(Para::default()),
            // A tracked change of formatting holds the paragraph's earlier properties: not what it is now.
            "pPrChange" | "rPr" if in_ppr => skip += 1,
            "pPr" => in_ppr = true,
            "pStyle" if in_ppr && skip == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.style = t.attr("w:val").map(String::from);
                }
            }
            "numId" if in_ppr && skip == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.numbered = Some(t.attr("w:val").is_some_and(|v| v != "0"));
                }
            }
            "outlineLvl" if in_ppr && skip == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.outline = t
                        .attr("w:val")
                        .is_some_and(|v| v.parse::<u8>().is_ok_and(|l| l < 9));
                }
            }
            "t" => in_text = true,
            "tab" | "ptab" if !in_ppr => {
                if let Some(p) = stack.last_mut() {
                    p.text.push('\t');
                }
            }
            "br" | "cr" => {
                if let Some(p) = stack.last_mut() {
                    p.text.push(' ');
                }
            }
            "noBreakHyphen" => {
                if let Some(p) = stack.last_mut() {
                    p.text.push('-');
                }
            }
            // A symbol from a symbol font (Word's bullet U+F0B7 typed as text): its private-use code point.
            "sym" => {
                let c = t
                    .attr("w:char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                if let (Some(p), Some(c)) = (stack.last_mut(), c) {
                    p.text.push(c);
                }
            }
            // Deleted text, field codes, footnote references: not what the paragraph reads.
            "del" | "instrText" | "delText" => skip += 1,
            _ => {}
        },
        Ev::End(name) => match name {
            "pPrChange" | "rPr" if in_ppr && skip > 0 => skip -= 1,
            "del" | "instrText" | "delText" => skip = skip.saturating_sub(1),
            "pPr" => in_ppr = false,
            "t" => in_text = false,
            "p" => {
                if let Some(p) = stack.pop() {
                    count += 1;
                    let (style_heading, style_numbered) = p
                        .style
                        .as_deref()
                        .map_or((false, false), |s| resolve(&styles, s));
                    let role = if p.numbered.unwrap_or(style_numbered) {
                        Role::Item
                    } else if style_heading || p.outline {
                        Role::Heading
                    } else {
                        Role::Paragraph
                    };
                    out.push(role, &p.text, format!("paragraph {count}"));
                }
            }
            _ => {}
        },
        Ev::Text(s) => {
            if in_text
                && skip == 0
                && let Some(p) = stack.last_mut()
            {
                p.text.push_str(s);
            }
        }
    })?;
    Ok(out)
}
