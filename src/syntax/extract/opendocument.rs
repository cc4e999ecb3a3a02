//! OpenDocument text (.odt): the paragraphs (`text:p`) and headings (`text:h`) of `content.xml` in order,
//! including those in tables; a paragraph inside a `text:list-item` is a list item (its bullet or number is
//! list metadata, not text).

use super::xml::{Ev, walk};
use super::{Error, Extracted, open_zip, zip_part};
use crate::syntax::descriptor::Role;

struct Para {
    text: String,
    role: Role,
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, Error> {
    let mut zip = open_zip(bytes, "OpenDocument file")?;
    let content = zip_part(&mut zip, "content.xml")?
        .ok_or("not an OpenDocument text file: it has no content.xml")?;
    let mut out = Extracted::with_roles();
    let mut stack: Vec<Para> = Vec::new();
    let (mut lists, mut skip, mut count) = (0usize, 0usize, 0);
    // Whether the list item just opened has had its first paragraph yet.
    let mut fresh_item = false;
    walk(&content, "content.xml", |ev| match ev {
        Ev::Start(t) => match t.name.as_str() {
            "list-item" | "list-header" => {
                lists += 1;
                fresh_item = true;
            }
            "p" | "h" => {
                // A list item's first paragraph is the item; a second paragraph in it continues it as text.
                let role = if t.name == "h" {
                    Role::Heading
                } else if lists > 0 && fresh_item {
                    fresh_item = false;
                    Role::Item
                } else {
                    Role::Paragraph
                };
                stack.push(Para {
                    text: String::new(),
                    role,
                });
            }
            "s" => {
                let n = t
                    .attr("text:c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1usize);
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&" ".repeat(n.min(64)));
                }
            }
            "tab" => {
                if let Some(p) = stack.last_mut() {
                    p.text.push('\t');
                }
            }
            "line-break" => {
                if let Some(p) = stack.last_mut() {
                    p.text.push(' ');
                }
            }
            // Footnotes, annotations and tracked deletions are not the paragraph's text.
            "note" | "annotation" | "tracked-changes" => skip += 1,
            _ => {}
        },
        Ev::End(name) => match name {
            "list-item" | "list-header" => lists = lists.saturating_sub(1),
            "note" | "annotation" | "tracked-changes" => skip = skip.saturating_sub(1),
            "p" | "h" => {
                if let Some(p) = stack.pop() {
                    count += 1;
                    out.push(p.role, &p.text, format!("paragraph {count}"));
                }
            }
            _ => {}
        },
        Ev::Text(s) => {
            if skip == 0
                && let Some(p) = stack.last_mut()
            {
                p.text.push_str(s);
            }
        }
    })?;
    Ok(out)
}
