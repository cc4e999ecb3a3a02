//! Plain module descriptors as pasted from a university catalogue page: a title line, optional
//! `Code:`/`Credits:`/`Level:` lines, paragraphs, and learning outcomes as a bulleted or numbered list.
//!
//! The same reader reads text taken out of Word, OpenDocument, web pages and PDFs (`syntax::extract`): there
//! each line is one paragraph of the document, and the document's own structure (a heading style, Word
//! numbering) is passed as a [`Role`] per line instead of being guessed from the text.

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
    /// Lines read in a way the author may not have meant: joined to the outcome above, left out of the
    /// outcomes, or one sentence split into several outcomes.
    pub warnings: Vec<Diagnostic>,
}

/// What a document says a line is, when it says it (a heading style, a numbered or bulleted paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    Item,
    /// A paragraph of its own: never the continuation of the line above; whether it is a heading or a typed
    /// list item is read from its text.
    Paragraph,
}

/// Bullets as typed or pasted from Word, PDFs and web pages: ASCII marks need a space or tab after them,
/// symbols may touch the text.
const ASCII_BULLETS: [char; 2] = ['-', '*'];
const DASH_BULLETS: [char; 3] = ['–', '—', '·'];
const SYMBOL_BULLETS: [char; 20] = [
    '•', '●', '▪', '◦', '○', '■', '□', '‣', '⁃', '∙', '►', '▶', '➢', '➤', '✓', '✔', '\u{F0B7}',
    '\u{F0A7}', '\u{F0D8}', '\u{F076}',
];

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}'
}

/// The text of a list item without its marker: a bullet (`- `, `•⇥`, `●`, `▪`, `◦`, Word's symbol bullet
/// U+F0B7, Word's second-level `o⇥`) or a number (`1.`, `1)`, `(a)`, `iv.`, `1.1`, `LO1`, `LO1:`).
pub fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(is_space);
    let mut chars = t.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    if ASCII_BULLETS.contains(&first) || DASH_BULLETS.contains(&first) || first == 'o' {
        let spaced = if first == 'o' {
            rest.starts_with('\t')
        } else {
            rest.starts_with(is_space)
        };
        return (spaced && !rest.trim_matches(is_space).is_empty()).then(|| rest.trim());
    }
    if SYMBOL_BULLETS.contains(&first) {
        let r = rest.trim_matches(is_space);
        return (!r.is_empty()).then_some(r.trim());
    }
    numbered(t)
}

/// `1.` `1)` `(1)` `a.` `a)` `(a)` `i.` `1.1` `1.1.` `LO1` `LO 1:` `ILO1.` `LO1 -` followed by a space or tab.
fn numbered(t: &str) -> Option<&str> {
    let t2 = t.strip_prefix('(').unwrap_or(t);
    let (lo, after_lo) = ["ILO", "LO", "Lo", "lo"]
        .iter()
        .find_map(|p| t2.strip_prefix(p))
        .map_or((false, t2), |r| (true, r.trim_start_matches(' ')));
    let digits = after_lo.chars().take_while(char::is_ascii_digit).count();
    let (marker_len, dotted) = if digits > 0 {
        // 1.1, 1.1.2: a multi-level number is a marker even without a closing mark.
        let mut len = digits;
        let mut dotted = false;
        while let Some(r) = after_lo[len..].strip_prefix('.') {
            let d = r.chars().take_while(char::is_ascii_digit).count();
            if d == 0 {
                break;
            }
            len += 1 + d;
            dotted = true;
        }
        (len, dotted)
    } else if lo {
        return None;
    } else {
        let first = after_lo.chars().next()?;
        let roman = after_lo
            .chars()
            .take_while(|c| matches!(c, 'i' | 'v' | 'x'))
            .count();
        if roman > 0 && roman <= 4 {
            (roman, false)
        } else if first.is_ascii_lowercase() {
            (1, false)
        } else {
            return None;
        }
    };
    let rest = &after_lo[marker_len..];
    let closed = rest
        .strip_prefix(['.', ')', ':'])
        .or_else(|| rest.strip_prefix(" -"))
        .or_else(|| rest.strip_prefix(" –"));
    let rest = match closed {
        Some(r) => r,
        None if (lo || dotted) && digits > 0 => rest,
        None => return None,
    };
    let item = rest.trim_matches(is_space);
    (rest.starts_with(is_space) && !item.is_empty()).then_some(item)
}

const FIELDS: [(&str, Field); 11] = [
    ("module code", Field::Code),
    ("code", Field::Code),
    ("credit points", Field::Credits),
    ("credit value", Field::Credits),
    ("credits", Field::Credits),
    ("credit", Field::Credits),
    ("fheq level", Field::Level),
    ("levels", Field::Level),
    ("level", Field::Level),
    ("source", Field::Source),
    ("url", Field::Source),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Credits,
    Level,
    Source,
}

/// The field name (and the byte length through its colon) starting at `at`, if one starts there.
fn field_at(line: &str, at: usize) -> Option<(Field, usize)> {
    let rest = &line[at..];
    FIELDS.iter().find_map(|(name, f)| {
        let head = rest.get(..name.len())?;
        if !head.eq_ignore_ascii_case(name) {
            return None;
        }
        let after = &rest[name.len()..];
        let colon = after.len() - after.trim_start_matches(is_space).len();
        if after[colon..].starts_with(':') {
            return Some((*f, name.len() + colon + 1));
        }
        // A row of a table pasted or printed as text: `Credits⇥20`.
        let tabs = after.len() - after.trim_start_matches('\t').len();
        (tabs > 0 && after.len() > tabs).then_some((*f, name.len() + tabs))
    })
}

/// A metadata line split into its fields: `Code: X`, or a one-line row `Module code: X  Credits: 20  Level: 6`
/// (separated by spaces, tabs, `|` or `;`), or a table row `Credits⇥20`.
fn fields(line: &str) -> Vec<(Field, &str)> {
    let Some((first, len)) = field_at(line, 0) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut field, mut from) = (first, len);
    let mut at = from;
    while at < line.len() {
        let boundary = line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| is_space(c) || c == '|' || c == ';' || c == ',');
        // A URL's value runs to the end of the line: `https:` is not a field, but keep it whole anyway.
        if boundary
            && field != Field::Source
            && let Some((next, len)) = field_at(line, at)
        {
            out.push((
                field,
                line[from..at].trim_matches(|c| is_space(c) || c == '|' || c == ';' || c == ','),
            ));
            field = next;
            from = at + len;
            at = from;
            continue;
        }
        at += line[at..].chars().next().map_or(1, char::len_utf8);
    }
    out.push((field, line[from..].trim_matches(is_space)));
    out
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

/// Words that say the outcome list follows, in a heading or a lead-in sentence.
fn names_outcomes(lower: &str) -> bool {
    ["outcome", "on completion", "by the end", "able to"]
        .iter()
        .any(|w| lower.contains(w))
}

/// A lead-in sentence that starts the outcome list ("By the end of the module students will be able to:"),
/// with whatever follows its colon on the same line.
fn lead_in(t: &str) -> Option<&str> {
    // "… students should be able to" with no colon, the list on the next lines.
    if t.trim_end_matches(['.', '…', ' '])
        .to_lowercase()
        .ends_with("able to")
    {
        return Some("");
    }
    let (head, rest) = t.split_once(':')?;
    let lower = head.to_lowercase();
    let starts = [
        "able to",
        "on completion",
        "by the end",
        "upon completion",
        "on successful completion",
    ];
    starts
        .iter()
        .any(|w| lower.contains(w))
        .then(|| rest.trim())
}

/// Verbs that open a learning outcome: where one starts after a comma or "and", a new outcome starts.
const OUTCOME_VERBS: &[&str] = &[
    "analyse",
    "analyze",
    "apply",
    "appraise",
    "articulate",
    "assess",
    "build",
    "carry",
    "collaborate",
    "communicate",
    "compare",
    "conduct",
    "construct",
    "contribute",
    "critically",
    "critique",
    "deliver",
    "demonstrate",
    "describe",
    "design",
    "develop",
    "discuss",
    "engage",
    "establish",
    "evaluate",
    "examine",
    "explain",
    "explore",
    "formulate",
    "identify",
    "implement",
    "interpret",
    "justify",
    "manage",
    "monitor",
    "outline",
    "plan",
    "practise",
    "practice",
    "recognise",
    "recognize",
    "reflect",
    "review",
    "select",
    "summarise",
    "support",
    "undertake",
    "use",
    "work",
    "write",
];

/// One sentence holding several outcomes, cut where a new outcome starts: at every `;`, and at a comma or
/// "and" followed by an outcome verb ("assess needs, plan sessions and evaluate change").
fn split_sentence(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut cur: Vec<&str> = Vec::new();
        for (k, w) in words.iter().enumerate() {
            let next_is_verb = |j: usize| {
                words.get(j).is_some_and(|n| {
                    OUTCOME_VERBS.contains(
                        &n.trim_matches(|c: char| !c.is_alphabetic())
                            .to_lowercase()
                            .as_str(),
                    )
                })
            };
            let cut_after_comma = w.ends_with(',') && next_is_verb(k + 1);
            let cut_at_and = (*w == "and" || *w == "or") && next_is_verb(k + 1) && !cur.is_empty();
            if cut_at_and {
                push_outcome(&mut out, &cur.join(" "));
                cur.clear();
                continue;
            }
            cur.push(w);
            if cut_after_comma {
                push_outcome(&mut out, &cur.join(" "));
                cur.clear();
            }
        }
        push_outcome(&mut out, &cur.join(" "));
    }
    out
}

fn push_outcome(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_end_matches([',', '.', ';']).trim();
    let s = s
        .strip_prefix("and ")
        .or_else(|| s.strip_prefix("or "))
        .unwrap_or(s)
        .trim();
    if s.split_whitespace().count() >= 2 {
        let mut c = s.chars();
        let first = c.next().map(|f| f.to_uppercase().collect::<String>());
        out.push(first.unwrap_or_default() + c.as_str());
    }
}

/// A list item found while reading: its text, where it is, whether it is under an outcomes heading or lead-in.
struct Item {
    text: String,
    span: Span,
    under: bool,
}

/// Reads a plain-text descriptor.
pub fn parse(text: &str, file: usize) -> Result<Descriptor, Box<Diagnostic>> {
    read(text, None, file)
}

/// Reads a descriptor; `roles`, when given, says what each line of `text` is (text taken out of a document,
/// one paragraph a line).
pub fn read(
    text: &str,
    roles: Option<&[Role]>,
    file: usize,
) -> Result<Descriptor, Box<Diagnostic>> {
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
    let mut warnings = Vec::new();
    let mut section_is_outcomes: Option<bool> = None;
    let mut any_outcome_heading = false;
    let mut para = String::new();
    let mut items: Vec<Item> = Vec::new();
    // Paragraphs in an outcomes section: outcomes written as prose when the section has no list.
    let mut prose: Vec<(String, Span)> = Vec::new();
    let mut section_has_items = false;
    let mut offset = 0;
    let mut in_item = false;
    let flush = |para: &mut String, aims: &mut Vec<String>| {
        if !para.trim().is_empty() {
            aims.push(para.trim().to_string());
        }
        para.clear();
    };
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let t = line.trim_matches(|c: char| c.is_whitespace());
        let lead = line.len() - line.trim_start_matches(|c: char| c.is_whitespace()).len();
        let span = Span::new(start + lead, start + lead + t.len());
        let role = roles.and_then(|r| r.get(n)).copied();
        if role.is_some() {
            // Every line of a document is a paragraph of its own.
            flush(&mut para, &mut d.aims);
            in_item = false;
        }
        if t.is_empty() {
            flush(&mut para, &mut d.aims);
            in_item = false;
            continue;
        }
        let row = fields(t);
        if d.title.is_empty() && row.is_empty() {
            d.title = t.trim_start_matches('#').trim().to_string();
            continue;
        }
        if !row.is_empty() && role != Some(Role::Item) {
            for (f, v) in row {
                match f {
                    Field::Code => d.code = Some(v.to_string()),
                    Field::Credits => {
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
                    }
                    Field::Level => {
                        d.levels = v
                            .split(|c: char| !c.is_ascii_digit())
                            .filter_map(|s| s.parse().ok())
                            .filter(|l| (3..=8).contains(l))
                            .collect();
                    }
                    Field::Source => d.source = Some(v.trim_matches(['<', '>']).to_string()),
                }
            }
            flush(&mut para, &mut d.aims);
            in_item = false;
            continue;
        }
        // A wrapped list item continues on the next line; a line that starts in lower case, or is indented,
        // cannot be a heading.
        let continues = in_item
            && (t.starts_with(|c: char| c.is_lowercase()) || lead > 0)
            && list_item(line).is_none();
        let item = match role {
            Some(Role::Item) => Some(list_item(t).unwrap_or(t)),
            Some(Role::Heading) => None,
            _ if continues => None,
            _ => list_item(line),
        };
        if let Some(item) = item {
            flush(&mut para, &mut d.aims);
            let under = section_is_outcomes.unwrap_or(false);
            section_has_items |= under;
            items.push(Item {
                text: item.to_string(),
                span,
                under,
            });
            in_item = true;
            continue;
        }
        if !continues && (role == Some(Role::Heading) || is_heading(t)) {
            flush(&mut para, &mut d.aims);
            let outcomes = names_outcomes(&t.to_lowercase());
            any_outcome_heading |= outcomes;
            section_is_outcomes = Some(outcomes);
            section_has_items = false;
            in_item = false;
            continue;
        }
        if in_item {
            // Only text that reads as the rest of a sentence is joined; a new sentence after a complete item
            // is a paragraph of its own.
            let ended = items
                .last()
                .is_some_and(|i| i.text.ends_with(['.', '!', '?', ':']));
            let join = continues || !(ended && t.starts_with(|c: char| c.is_uppercase()));
            if let Some(last) = items.last_mut().filter(|_| join) {
                last.text.push(' ');
                last.text.push_str(t);
                last.span.end = span.end;
                if !continues {
                    warnings.push(
                        Diagnostic::warning(
                            file,
                            span,
                            "joined",
                            "this line is joined to the list item above",
                        )
                        .label("read as the rest of the item above")
                        .help("if it is not part of that item, leave an empty line before it"),
                    );
                }
                continue;
            }
            in_item = false;
        }
        if let Some(rest) = lead_in(t) {
            flush(&mut para, &mut d.aims);
            any_outcome_heading = true;
            section_is_outcomes = Some(true);
            section_has_items = false;
            if !rest.is_empty() {
                prose.push((rest.to_string(), span));
            }
            continue;
        }
        if section_is_outcomes == Some(true) {
            if para.is_empty() {
                prose.push((t.to_string(), span));
            } else if let Some(p) = prose.last_mut() {
                p.0.push(' ');
                p.0.push_str(t);
                p.1.end = span.end;
            }
            if section_has_items {
                warnings.push(
                    Diagnostic::warning(
                        file,
                        span,
                        "skipped",
                        "this line in the outcomes section is not read as an outcome",
                    )
                    .label("not a list item: read as part of the aims")
                    .help("if it is an outcome, start it with `- ` or a number like `3.`"),
                );
            }
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    flush(&mut para, &mut d.aims);
    // Under an "outcomes" heading or lead-in only those items are outcomes; other lists (content, syllabus)
    // join the aims.
    for it in items {
        if !any_outcome_heading || it.under {
            d.outcomes.push((it.text, it.span));
        } else {
            d.aims.push(it.text);
        }
    }
    // Outcomes written as prose: a section with no list gives its sentences, each cut where a new outcome
    // starts.
    if d.outcomes.is_empty() {
        d.aims.retain(|a| !prose.iter().any(|(p, _)| p == a));
        for (p, span) in &prose {
            let sentences: Vec<&str> = p
                .split_inclusive(". ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            for s in sentences {
                let parts = split_sentence(s);
                if parts.len() > 1 {
                    warnings.push(
                        Diagnostic::warning(
                            file,
                            *span,
                            "split",
                            format!("one sentence read as {} outcomes", parts.len()),
                        )
                        .label(parts.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join(", "))
                        .help("write each outcome as a list item (`- …` or `1. …`) to say where each one ends"),
                    );
                }
                d.outcomes.extend(parts.into_iter().map(|p| (p, *span)));
            }
        }
    }
    d.warnings = warnings;
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
