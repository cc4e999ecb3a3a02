//! Plain module descriptors as pasted from a university catalogue page: a title line, optional
//! `Code:`/`Credits:`/`Level:` lines, paragraphs, and learning outcomes as a bulleted or numbered list.

use super::ast::MAX_CREDITS;
use crate::diagnostic::{Diagnostic, Span};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Descriptor {
    pub title: String,
    pub code: Option<String>,
    pub credits: Option<u32>,
    pub levels: Vec<u32>,
    pub source: Option<String>,
    /// Aims, description and content: used for matching with less weight than outcomes.
    pub aims: Vec<String>,
    pub outcomes: Vec<(String, Span)>,
}

fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for b in ["- ", "* ", "• ", "– ", "· "] {
        if let Some(r) = t.strip_prefix(b) {
            return Some(r.trim());
        }
    }
    // 1. 1) (1) a. a) (a) i. LO1: LO1.
    let t2 = t.trim_start_matches('(');
    let lo = t2
        .strip_prefix("LO")
        .or_else(|| t2.strip_prefix("lo"))
        .unwrap_or(t2);
    let marker_len = lo.chars().take_while(|c| c.is_ascii_digit()).count();
    let marker_len = if marker_len == 0 {
        let first = lo.chars().next()?;
        let roman = lo
            .chars()
            .take_while(|c| matches!(c, 'i' | 'v' | 'x'))
            .count();
        if roman > 0 && roman <= 4 {
            roman
        } else if first.is_ascii_lowercase() {
            1
        } else {
            return None;
        }
    } else {
        marker_len
    };
    let rest = &lo[marker_len..];
    let rest = rest
        .strip_prefix(['.', ')', ':'])
        .or_else(|| rest.strip_prefix(" -"))?;
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

fn field<'a>(line: &'a str, names: &[&str]) -> Option<&'a str> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim().to_lowercase();
    names.iter().any(|n| k == *n).then(|| v.trim())
}

fn is_heading(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches(':');
    !t.is_empty()
        && t.len() < 60
        && !t.ends_with('.')
        && t.split_whitespace().count() <= 6
        && list_item(line).is_none()
}

pub fn parse(text: &str, file: usize) -> Result<Descriptor, Box<Diagnostic>> {
    let hint = "a descriptor starts with the module title on its first line, then (optionally) `Code:`, `Credits:` and `Level:` lines, and lists its learning outcomes as `- …` or `1. …` items";
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        return Err(Box::new(
            Diagnostic::error(
                file,
                Span::new(at, at + 1),
                "binary",
                "this looks like a binary file, not a module descriptor",
            )
            .help(hint),
        ));
    }
    let mut d = Descriptor::default();
    let mut section_is_outcomes: Option<bool> = None;
    let mut any_outcome_heading = false;
    let mut para = String::new();
    let mut list_items: Vec<(String, Span, bool)> = Vec::new(); // (text, span, under an outcomes heading)
    let mut offset = 0;
    let mut in_item = false;
    let flush = |para: &mut String, aims: &mut Vec<String>| {
        if !para.trim().is_empty() {
            aims.push(para.trim().to_string());
        }
        para.clear();
    };
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let t = line.trim();
        if d.title.is_empty() {
            if !t.is_empty() {
                d.title = t.trim_start_matches('#').trim().to_string();
            }
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut d.aims);
            in_item = false;
            continue;
        }
        if let Some(v) = field(t, &["code", "module code"]) {
            d.code = Some(v.to_string());
            continue;
        }
        if let Some(v) = field(t, &["credits", "credit", "credit value", "credit points"]) {
            let digits = v
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty());
            // A number too long for u32 is as much a typo as one above the bound.
            let credits = digits.map(|s| s.parse::<u32>().unwrap_or(u32::MAX));
            if let Some(digits) = digits
                && credits.is_some_and(|n| n > MAX_CREDITS)
            {
                let at = start + line.find(digits).unwrap_or(0);
                return Err(Box::new(
                    Diagnostic::error(
                        file,
                        Span::new(at, at + digits.len()),
                        "credits",
                        format!("{digits} credits is more than any module carries"),
                    )
                    .label(format!("more than {MAX_CREDITS}"))
                    .help(format!(
                        "a module carries at most {MAX_CREDITS} credits (a whole doctorate carries 540); correct the number"
                    )),
                ));
            }
            d.credits = credits;
            continue;
        }
        if let Some(v) = field(t, &["level", "levels", "fheq level"]) {
            d.levels = v
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|s| s.parse().ok())
                .filter(|l| (3..=8).contains(l))
                .collect();
            continue;
        }
        if let Some(v) = field(t, &["source", "url"]) {
            d.source = Some(v.trim_matches(['<', '>']).to_string());
            continue;
        }
        if let Some(item) = list_item(line) {
            flush(&mut para, &mut d.aims);
            let lead = line.len() - line.trim_start().len();
            list_items.push((
                item.to_string(),
                Span::new(start + lead, start + line.len()),
                section_is_outcomes.unwrap_or(false),
            ));
            in_item = true;
            continue;
        }
        if is_heading(t) {
            flush(&mut para, &mut d.aims);
            let h = t.to_lowercase();
            let outcomes =
                h.contains("outcome") || h.contains("on completion") || h.contains("by the end");
            any_outcome_heading |= outcomes;
            section_is_outcomes = Some(outcomes);
            in_item = false;
            continue;
        }
        if in_item {
            // A wrapped list item continues on the next line.
            if let Some(last) = list_items.last_mut() {
                last.0.push(' ');
                last.0.push_str(t);
                last.1.end = start + line.len();
            }
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    flush(&mut para, &mut d.aims);
    // Under an "outcomes" heading only those items are outcomes; other lists (content, syllabus) join the aims.
    for (text, span, under) in list_items {
        if !any_outcome_heading || under {
            d.outcomes.push((text, span));
        } else {
            d.aims.push(text);
        }
    }
    if d.title.is_empty() {
        return Err(Box::new(
            Diagnostic::error(file, Span::new(0, 0), "empty", "the descriptor is empty").help(hint),
        ));
    }
    if d.outcomes.is_empty() {
        return Err(Box::new(
            Diagnostic::error(
                file,
                Span::new(0, text.find('\n').unwrap_or(text.len())),
                "no-outcomes",
                "no learning outcomes found in the descriptor",
            )
            .label("read as the module title")
            .help(hint),
        ));
    }
    Ok(d)
}
