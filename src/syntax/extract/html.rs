//! A saved catalogue web page (.html): the page's readable content without its navigation, banner, footer,
//! sidebars, scripts and forms. If the page marks its main content (`<main>`, `role="main"`), only that is
//! read. The title is the first `<h1>` (else the `<title>`); list items are list items, `<h1>`–`<h6>` headings,
//! every other block (paragraph, table cell, `<br>`-separated line) a paragraph. A header cell or `<dt>` and the
//! cell or `<dd>` after it are read as one `label: value` line, as catalogue pages give code, credits and level.

use std::collections::HashMap;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{Error, Extracted};
use crate::syntax::descriptor::Role;

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// Elements whose start or end ends a line of text.
const BLOCKS: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "br",
];

/// Never read: page furniture and things that are not text.
const SKIPPED: [&str; 14] = [
    "head", "script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button",
    "select", "iframe", "object", "dialog",
];

/// Words in a class or id that mark page furniture.
const FURNITURE: [&str; 14] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "cookie",
    "cookies",
    "skip",
    "sidebar",
    "masthead",
    "social",
    "share",
];

struct Open {
    name: String,
    skip: bool,
    main: bool,
}

struct Line {
    role: Role,
    text: String,
    tag: String,
    place: String,
    main: bool,
}

fn is_furniture(name: &str, attrs: &HashMap<String, String>) -> bool {
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let role = attrs.get("role").map(|r| r.to_ascii_lowercase());
    if role.as_deref().is_some_and(|r| {
        matches!(
            r,
            "navigation" | "banner" | "contentinfo" | "search" | "complementary"
        )
    }) || attrs.get("aria-hidden").is_some_and(|v| v == "true")
        || attrs.contains_key("hidden")
    {
        return true;
    }
    ["class", "id"].iter().any(|k| {
        attrs.get(*k).is_some_and(|v| {
            v.to_ascii_lowercase()
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| FURNITURE.contains(&w))
        })
    })
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, Error> {
    let html = String::from_utf8_lossy(bytes);
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut stack: Vec<Open> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut text = String::new();
    let mut title = String::new();
    let mut in_title = false;
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Where the text being gathered started: the element it is in and that element's place.
    let mut place: Option<(String, String)> = None;
    let mut any_main = false;
    let skipping = |stack: &[Open]| stack.iter().any(|o| o.skip);
    let in_main = |stack: &[Open]| stack.iter().any(|o| o.main);
    let flush = |stack: &[Open],
                 text: &mut String,
                 place: &mut Option<(String, String)>,
                 lines: &mut Vec<Line>| {
        let t = text.trim();
        if !t.is_empty() && !skipping(stack) {
            let role = stack
                .iter()
                .rev()
                .find_map(|o| match o.name.as_str() {
                    "li" => Some(Role::Item),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Role::Heading),
                    n if BLOCKS.contains(&n) => Some(Role::Paragraph),
                    _ => None,
                })
                .unwrap_or(Role::Paragraph);
            let (tag, at) = place.take().unwrap_or_default();
            lines.push(Line {
                role,
                text: t.to_string(),
                tag,
                place: at,
                main: in_main(stack),
            });
        }
        text.clear();
        *place = None;
    };
    for token in Tokenizer::new_with_emitter(html.as_ref(), emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attrs: HashMap<String, String> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).to_ascii_lowercase(),
                            String::from_utf8_lossy(v).into_owned(),
                        )
                    })
                    .collect();
                let n = seen.entry(name.clone()).or_insert(0);
                *n += 1;
                let this_place = format!("the {} <{name}>", ordinal(*n));
                if BLOCKS.contains(&name.as_str()) {
                    flush(&stack, &mut text, &mut place, &mut lines);
                    // A block closes an open paragraph; a list item closes the open item of its list.
                    while stack.last().is_some_and(|o| o.name == "p") {
                        stack.pop();
                    }
                    if matches!(name.as_str(), "li" | "dt" | "dd" | "td" | "th" | "tr") {
                        let peers: &[&str] = match name.as_str() {
                            "li" => &["li"],
                            "dt" | "dd" => &["dt", "dd"],
                            "td" | "th" => &["td", "th"],
                            _ => &["tr"],
                        };
                        let stop: &[&str] = match name.as_str() {
                            "li" => &["ul", "ol"],
                            "dt" | "dd" => &["dl"],
                            "td" | "th" => &["tr", "table"],
                            _ => &["table"],
                        };
                        if let Some(k) = stack.iter().rposition(|o| {
                            peers.contains(&o.name.as_str()) || stop.contains(&o.name.as_str())
                        }) && peers.contains(&stack[k].name.as_str())
                        {
                            stack.truncate(k);
                        }
                    }
                }
                if name == "title" {
                    in_title = true;
                }
                let main = name == "main" || attrs.get("role").is_some_and(|r| r == "main");
                any_main |= main;
                // The page's own header and footer are furniture; an article's or the main part's are not.
                let page_part = matches!(name.as_str(), "header" | "footer")
                    && !stack.iter().any(|o| o.main || o.name == "article");
                let skip =
                    SKIPPED.contains(&name.as_str()) || page_part || is_furniture(&name, &attrs);
                if !VOID.contains(&name.as_str()) && !tag.self_closing {
                    stack.push(Open {
                        name: name.clone(),
                        skip,
                        main,
                    });
                }
                if place.is_none() && !skip {
                    place = Some((name, this_place));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if BLOCKS.contains(&name.as_str()) {
                    flush(&stack, &mut text, &mut place, &mut lines);
                }
                if name == "title" {
                    in_title = false;
                }
                if let Some(k) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(k);
                }
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s);
                if in_title {
                    title.push_str(&s);
                } else if !skipping(&stack) {
                    if place.is_none() {
                        place = stack.last().map(|o| {
                            let n = seen.get(&o.name).copied().unwrap_or(1);
                            (o.name.clone(), format!("the {} <{}>", ordinal(n), o.name))
                        });
                    }
                    text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    flush(&stack, &mut text, &mut place, &mut lines);
    if any_main && lines.iter().any(|l| l.main) {
        lines.retain(|l| l.main);
    }
    // `label` + `value` pairs of header cells and definition lists become one `label: value` line.
    let mut joined: Vec<Line> = Vec::new();
    for l in lines {
        if let Some(prev) = joined.last_mut()
            && matches!(
                (prev.tag.as_str(), l.tag.as_str()),
                ("th", "td") | ("dt", "dd")
            )
            && prev.role == Role::Paragraph
        {
            let label = prev.text.trim_end_matches(':').to_string();
            prev.text = format!("{label}: {}", l.text);
            prev.tag = String::new();
            continue;
        }
        joined.push(l);
    }
    let mut out = Extracted::with_roles();
    // The title first: the first <h1>, else the page's <title> up to its site name.
    let h1 = joined.iter().position(|l| l.tag == "h1");
    match h1 {
        Some(k) => {
            let l = joined.remove(k);
            out.push(Role::Paragraph, &l.text, l.place);
        }
        None => {
            let end = [" | ", " – ", " - ", " — "]
                .iter()
                .filter_map(|sep| title.find(sep))
                .min()
                .unwrap_or(title.len());
            let t = title[..end].trim().to_string();
            if !t.is_empty() {
                out.push(Role::Paragraph, &t, "the <title>".into());
            }
        }
    }
    for l in joined {
        out.push(l.role, &l.text, l.place);
    }
    Ok(out)
}
